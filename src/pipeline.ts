import { type Classified, classify } from './classify.js';
import type { EngagementEvidence } from './follower.js';
import { InternalError } from './errors.js';
import { createHeapBudget } from './heap-budget.js';
import { KeySet } from './key-set.js';
import { type InteractionsLog, mergeEngagement } from './io/interactions.js';
import type { SourceItem } from './io/rows.js';
import type { SourceInfo } from './io/sources/types.js';
import { createAggregator } from './report/aggregate.js';
import type { Report } from './report/model.js';
import type { CompiledValues } from './values/compile.js';

export interface AuditSource {
  file: string;
  label: string;
  info: SourceInfo;
  items: AsyncIterable<SourceItem>;
  /** The same items a chunk at a time, when the reader offers it (fewer awaits per row). */
  batches?: AsyncIterable<SourceItem[]>;
  /** Size in bytes when known, and bytes read so far: for progress. */
  size?: number;
  bytesRead?: () => number;
}

export interface Progress {
  file: string;
  rows: number;
  bytes: number;
  size?: number;
}

export interface PipelineOptions {
  values: CompiledValues;
  asOf: Date;
  top: number;
  version: string;
  interactions?: InteractionsLog[];
  /** Called for every classified follower, in input order; awaited (backpressure). */
  onFollower?: (c: Classified) => void | Promise<void>;
  /** Called for every skipped row (for --rejects). */
  onSkip?: (s: Extract<SourceItem, { kind: 'skip' }>['skip']) => void | Promise<void>;
  /** Called every few thousand rows and at the end of each source. */
  onProgress?: (p: Progress) => void;
  /** Keep the heap within this many MB of garbage (see heap-budget.ts); the CLI sets it, library callers may. */
  heapBudgetMb?: number;
}

const PROGRESS_EVERY = 2048;

/**
 * The audit itself: rows in, one Report out. Streams: each follower is joined
 * to its interactions, classified, handed to the aggregator and to the
 * per-follower sink, then dropped. Only the set of handles seen (to count
 * duplicates once) grows with the export: 64-bit fingerprints, 8 bytes a
 * handle, spilled to disk past a fixed memory budget (see KeySet).
 */
export async function runPipeline(sources: Iterable<AuditSource> | AsyncIterable<AuditSource>, options: PipelineOptions): Promise<Report> {
  const { values, asOf } = options;
  const agg = createAggregator({ values, asOf, top: options.top, version: options.version });
  const logs = options.interactions ?? [];
  // One log (the usual case) is joined as it is; several are merged into one map first.
  const joined = logs.length === 1 ? logs[0]!.byKey : new Map<string, EngagementEvidence>();
  if (logs.length > 1) for (const log of logs) {
    for (const [key, evidence] of log.byKey) {
      const existing = joined.get(key);
      if (existing) mergeEngagement(existing, evidence);
      else joined.set(key, { dated: [...evidence.dated], undated: { ...evidence.undated }, ...(evidence.rating !== undefined ? { rating: evidence.rating } : {}) });
    }
  }
  const seen = new KeySet();
  // The joined evidence objects that met a follower: no follower strings are kept.
  const matched = new Set<EngagementEvidence>();
  let rowsRead = 0;
  let accounted = 0;
  // Per input file: rows read, and rows classified or skipped.
  const perFile: { file: string; read: number; accounted: number }[] = [];
  let tally = { file: '', read: 0, accounted: 0 };

  const handle = (item: SourceItem): Promise<void> | undefined => {
    rowsRead++;
    tally.read++;
    if (item.kind === 'skip') {
      agg.skip(item.skip);
      accounted++;
      tally.accounted++;
      return options.onSkip?.(item.skip) || undefined;
    }
    const f = item.follower;
    for (const w of item.warnings) agg.warn(w, f.source.file);
    // Excluded handles are never added to the seen set: every row of theirs is EXCLUDED.
    const skipAs = values.excluded.has(f.key) ? 'EXCLUDED' : seen.add(f.key) ? undefined : 'DUPLICATE_HANDLE';
    if (skipAs) {
      const skip = {
        code: skipAs,
        file: f.source.file,
        line: f.source.line,
        detail: skipAs === 'EXCLUDED' ? `@${f.handle} is in overrides.exclude` : `@${f.handle} appeared earlier`,
      } as const;
      agg.skip(skip);
      accounted++;
      tally.accounted++;
      return options.onSkip?.(skip) || undefined;
    }
    const extra = joined.size > 0 ? joined.get(f.key) : undefined;
    if (extra) {
      mergeEngagement(f.engagement, extra);
      matched.add(extra);
    }
    const c = classify(f, { values, asOf });
    agg.add(c);
    accounted++;
    tally.accounted++;
    return options.onFollower?.(c) || undefined;
  };

  const heapCheck = options.heapBudgetMb ? createHeapBudget(options.heapBudgetMb * 1024 * 1024) : undefined;
  // The duplicate set may have spilled to temporary files: deleted however the reading ends.
  try {
    for await (const source of sources) {
      agg.startInput({ file: source.file, info: source.info, label: source.label });
      tally = { file: source.file, read: 0, accounted: 0 };
      perFile.push(tally);
      const progress = () => {
        heapCheck?.();
        options.onProgress?.({ file: source.file, rows: rowsRead, bytes: source.bytesRead?.() ?? 0, ...(source.size !== undefined ? { size: source.size } : {}) });
      };
      let nextProgress = rowsRead + PROGRESS_EVERY;
      // Awaiting only when a sink asks to wait (backpressure): an await per row costs more than the row.
      if (source.batches) {
        for await (const batch of source.batches) {
          for (let i = 0; i < batch.length; i++) {
            const item = batch[i]!;
            // Let go of each row once handled, so the rest of the batch does not keep it alive.
            (batch as (SourceItem | undefined)[])[i] = undefined;
            const wait = handle(item);
            if (wait) await wait;
          }
          if (rowsRead >= nextProgress) {
            progress();
            nextProgress = rowsRead + PROGRESS_EVERY;
          }
        }
      } else {
        for await (const item of source.items) {
          const wait = handle(item);
          if (wait) await wait;
          if (rowsRead >= nextProgress) {
            progress();
            nextProgress = rowsRead + PROGRESS_EVERY;
          }
        }
      }
      progress();
    }
  } finally {
    seen.close();
  }
  for (const log of logs) {
    let matchedHere = 0;
    for (const key of log.byKey.keys()) {
      const evidence = joined.get(key);
      if (evidence && matched.has(evidence)) matchedHere++;
    }
    agg.addInteractions({ file: log.file, rowsRead: log.rowsRead, skipped: log.skippedCount, handles: log.byKey.size, matchedFollowers: matchedHere });
  }
  const report = agg.finish();
  // The accounting invariant: every row read is classified or skipped, never lost.
  if (report.totals.rowsRead !== rowsRead || accounted !== rowsRead) {
    throw new InternalError(`row accounting mismatch: read ${rowsRead}, reported ${report.totals.rowsRead}`);
  }
  perFile.forEach((t, i) => {
    const input = report.inputs[i];
    if (!input || input.rowsRead !== t.read || t.accounted !== t.read || input.classified + input.skipped !== input.rowsRead) {
      throw new InternalError(
        `row accounting mismatch in ${t.file}: read ${t.read}, reported ${input?.rowsRead} (${input?.classified} classified + ${input?.skipped} skipped)`,
      );
    }
  });
  return report;
}
