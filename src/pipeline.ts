import { type Classified, classify } from './classify.js';
import type { EngagementEvidence } from './follower.js';
import { InternalError } from './errors.js';
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
}

/**
 * The audit itself: rows in, one Report out. Streams: each follower is joined
 * to its interactions, classified, handed to the aggregator and to the
 * per-follower sink, then dropped. Only the set of handles seen (to count
 * duplicates once) grows with the export.
 */
export async function runPipeline(sources: Iterable<AuditSource> | AsyncIterable<AuditSource>, options: PipelineOptions): Promise<Report> {
  const { values, asOf } = options;
  const agg = createAggregator({ values, asOf, top: options.top, version: options.version });
  const joined = new Map<string, EngagementEvidence>();
  const logs = options.interactions ?? [];
  for (const log of logs) {
    for (const [key, evidence] of log.byKey) {
      const existing = joined.get(key);
      if (existing) mergeEngagement(existing, evidence);
      else joined.set(key, { dated: [...evidence.dated], undated: { ...evidence.undated }, ...(evidence.rating !== undefined ? { rating: evidence.rating } : {}) });
    }
  }
  const seen = new Set<string>();
  const matched = new Set<string>();
  let rowsRead = 0;
  let accounted = 0;
  // Per input file: rows read, and rows classified or skipped.
  const perFile: { file: string; read: number; accounted: number }[] = [];

  for await (const source of sources) {
    agg.startInput({ file: source.file, info: source.info, label: source.label });
    const tally = { file: source.file, read: 0, accounted: 0 };
    perFile.push(tally);
    for await (const item of source.items) {
      rowsRead++;
      tally.read++;
      if (item.kind === 'skip') {
        agg.skip(item.skip);
        await options.onSkip?.(item.skip);
        accounted++;
        tally.accounted++;
        continue;
      }
      const f = item.follower;
      for (const w of item.warnings) agg.warn(w, f.source.file);
      const skipAs = seen.has(f.key) ? 'DUPLICATE_HANDLE' : values.excluded.has(f.key) ? 'EXCLUDED' : undefined;
      if (skipAs) {
        const skip = {
          code: skipAs,
          file: f.source.file,
          line: f.source.line,
          detail: skipAs === 'EXCLUDED' ? `@${f.handle} is in overrides.exclude` : `@${f.handle} appeared earlier`,
        } as const;
        agg.skip(skip);
        await options.onSkip?.(skip);
        accounted++;
        tally.accounted++;
        continue;
      }
      seen.add(f.key);
      const extra = joined.get(f.key);
      if (extra) {
        mergeEngagement(f.engagement, extra);
        matched.add(f.key);
      }
      const c = classify(f, { values, asOf });
      agg.add(c);
      await options.onFollower?.(c);
      accounted++;
      tally.accounted++;
    }
  }
  for (const log of logs) {
    let matchedHere = 0;
    for (const key of log.byKey.keys()) if (matched.has(key)) matchedHere++;
    agg.addInteractions({ file: log.file, rowsRead: log.rowsRead, skipped: log.skippedCount, handles: log.byKey.size, matchedFollowers: matchedHere });
  }
  const report = agg.finish();
  // The accounting invariant: every row read is classified or skipped, never lost.
  if (report.totals.rowsRead !== rowsRead || accounted !== rowsRead) {
    throw new InternalError(`row accounting mismatch: read ${rowsRead}, reported ${report.totals.rowsRead}`);
  }
  perFile.forEach((tally, i) => {
    const input = report.inputs[i];
    if (!input || input.rowsRead !== tally.read || tally.accounted !== tally.read || input.classified + input.skipped !== input.rowsRead) {
      throw new InternalError(
        `row accounting mismatch in ${tally.file}: read ${tally.read}, reported ${input?.rowsRead} (${input?.classified} classified + ${input?.skipped} skipped)`,
      );
    }
  });
  return report;
}
