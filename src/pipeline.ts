import { availableParallelism } from 'node:os';
import { createRowHandler } from './audit-row.js';
import type { Classified } from './classify.js';
import { InputError, InternalError } from './errors.js';
import { createEngagementJoin, indexesData } from './io/engagement-join.js';
import type { InteractionsLog } from './io/interactions.js';
import type { DateOrder } from './io/parse-fields.js';
import type { SourceItem } from './io/rows.js';
import type { SourceInfo, SplittableCsv } from './io/sources/types.js';
import { KeySet } from './key-set.js';
import { WorkerPool } from './parallel/pool.js';
import { readParallel } from './parallel/read-parallel.js';
import { createAggregator } from './report/aggregate.js';
import { createLineMaker, type FollowerOutputSpec } from './report/follower-lines.js';
import type { Report } from './report/model.js';
import type { CompiledValues } from './values/compile.js';

export interface AuditSource {
  file: string;
  label: string;
  info: SourceInfo;
  items: AsyncIterable<SourceItem>;
  /** The same items a chunk at a time, when the reader offers it (fewer awaits per row). */
  batches?: AsyncIterable<SourceItem[]>;
  /** A delimited export that worker threads can read in pieces. */
  splittable?: SplittableCsv;
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
  /** How ambiguous numeric dates were read (--date-order); the report names it when the data does not confirm it. */
  dateOrder?: DateOrder;
  /** Called for every classified follower, in input order; awaited (backpressure). Keeps the audit on this thread. */
  onFollower?: (c: Classified) => void | Promise<void>;
  /**
   * Per-follower output lines (see follower-lines.ts), made wherever the row
   * is classified and written in input order, one text per target (from a
   * worker thread, already encoded as UTF-8).
   */
  followerOutput?: { spec: FollowerOutputSpec; write: (texts: (string | Uint8Array)[]) => Promise<void> | undefined };
  /** Called for every skipped row (for --rejects). */
  onSkip?: (s: Extract<SourceItem, { kind: 'skip' }>['skip']) => void | Promise<void>;
  /** Called every few thousand rows and at the end of each source. */
  onProgress?: (p: Progress) => void;
  /**
   * Worker threads for big delimited exports ('auto': one per core when there
   * are two or more); 0 or unset reads everything on this thread.
   */
  threads?: number | 'auto';
  /** Exports smaller than this are read on this thread (starting workers costs more than they save). */
  parallelMinBytes?: number;
  /** Characters per piece a worker thread reads (tests use small ones). */
  pieceChars?: number;
  /** Called when an export is read by the worker threads (tests check that they ran). */
  onParallelRead?: (file: string) => void;
}

const PROGRESS_EVERY = 2048;
/** Past this many workers the main thread (decoding, scanning, deciding duplicates) is the bottleneck. */
const MAX_AUTO_THREADS = 4;
/** Each worker has its own heap (25–35 MB): a mistyped --threads 1000 must not take the machine's memory. */
const MAX_THREADS = 16;
const PARALLEL_MIN_BYTES = 8 * 1024 * 1024;

/**
 * The audit itself: rows in, one Report out. Streams: each follower is joined
 * to its interactions, classified, handed to the aggregator and to the
 * per-follower output, then dropped. Big delimited exports are read by worker
 * threads in pieces (see parallel/read-parallel.ts) with the same result.
 * The set of handles seen (to count duplicates once) holds 8-byte
 * fingerprints in memory (see KeySet).
 */
export async function runPipeline(sources: Iterable<AuditSource> | AsyncIterable<AuditSource>, options: PipelineOptions): Promise<Report> {
  const { values, asOf } = options;
  const agg = createAggregator({ values, asOf, top: options.top, version: options.version, ...(options.dateOrder ? { dateOrder: options.dateOrder } : {}) });
  const logs = options.interactions ?? [];
  // Each log counts the handles that meet a follower in this audit.
  for (const log of logs) log.index.clearMatched();
  const join = createEngagementJoin(logs);
  const seen = new KeySet();
  const output = options.followerOutput;
  const makeLines = output ? createLineMaker(output.spec) : undefined;
  let rowsRead = 0;
  // Per input file: rows read, rows classified or skipped, and rows no follower could be read from.
  const perFile: Tally[] = [];
  let tally: Tally = { file: '', label: '', read: 0, accounted: 0, unreadable: 0, counted: true };

  const handleRow = createRowHandler({
    values,
    asOf,
    agg,
    join,
    isFirst: (key) => seen.add(key),
    onClassified: (c) => {
      const wait = options.onFollower?.(c);
      const lines = makeLines?.(c);
      const written = lines ? output!.write(lines) : undefined;
      return wait && written ? Promise.all([wait, written]).then(() => undefined) : wait || written || undefined;
    },
    ...(options.onSkip ? { onSkip: options.onSkip } : {}),
  });
  const handle = (item: SourceItem): Promise<void> | undefined => {
    rowsRead++;
    tally.read++;
    if (item.kind === 'skip' && UNREADABLE.has(item.skip.code)) tally.unreadable++;
    const wait = handleRow(item);
    tally.accounted++;
    return wait;
  };

  const threads = options.threads === 'auto' ? autoThreads() : Math.min(options.threads ?? 0, MAX_THREADS);
  const pool =
    threads > 0 && !options.onFollower
      ? new WorkerPool(threads, {
          values: values.file,
          asOfMs: asOf.getTime(),
          top: options.top,
          version: options.version,
          logs: indexesData(logs),
          ...(output ? { output: output.spec } : {}),
          wantSkips: !!options.onSkip,
        })
      : undefined;
  const minBytes = options.parallelMinBytes ?? PARALLEL_MIN_BYTES;

  try {
    for await (const source of sources) {
      agg.startInput({ file: source.file, info: source.info, label: source.label });
      tally = { file: source.file, label: source.label, read: 0, accounted: 0, unreadable: 0, counted: true };
      perFile.push(tally);
      const progress = () => {
        options.onProgress?.({ file: source.file, rows: rowsRead, bytes: source.bytesRead?.() ?? 0, ...(source.size !== undefined ? { size: source.size } : {}) });
      };
      let nextProgress = rowsRead + PROGRESS_EVERY;
      const counted = () => {
        if (rowsRead >= nextProgress) {
          progress();
          nextProgress = rowsRead + PROGRESS_EVERY;
        }
      };
      if (pool && source.splittable && source.size !== undefined && source.size >= minBytes) {
        tally.counted = false;
        options.onParallelRead?.(source.file);
        await readParallel({ ...source, splittable: source.splittable }, {
          pool,
          seen,
          excluded: values.excluded,
          agg,
          join,
          ...(output ? { write: output.write } : {}),
          ...(options.onSkip ? { onSkip: options.onSkip } : {}),
          onRows: (rows) => {
            rowsRead += rows;
            tally.read += rows;
            tally.accounted += rows;
            counted();
          },
        }, options.pieceChars);
      } else if (source.batches) {
        // Awaiting only when an output asks to wait (backpressure): an await per row costs more than the row.
        for await (const batch of source.batches) {
          for (let i = 0; i < batch.length; i++) {
            const item = batch[i]!;
            // Let go of each row once handled, so the rest of the batch does not keep it alive.
            (batch as (SourceItem | undefined)[])[i] = undefined;
            const wait = handle(item);
            if (wait) await wait;
          }
          counted();
        }
      } else {
        for await (const item of source.items) {
          const wait = handle(item);
          if (wait) await wait;
          counted();
        }
      }
      progress();
    }
  } finally {
    await pool?.close();
  }
  const matched = join.matchedCounts();
  logs.forEach((log, i) => {
    agg.addInteractions({
      file: log.file,
      rowsRead: log.rowsRead,
      skipped: log.skippedCount,
      skippedByCode: log.skippedByCode,
      skippedSamples: log.skipped.slice(0, 5),
      dateOrder: log.dateOrder,
      handles: log.index.size,
      matchedFollowers: matched[i]!,
    });
  });
  const report = agg.finish();
  // The accounting invariant: every row read is classified or skipped, never lost.
  if (report.totals.rowsRead !== rowsRead) {
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
  perFile.forEach((t, i) => {
    assertSomethingRead(t, report, i);
  });
  return report;
}

interface Tally {
  file: string;
  label: string;
  read: number;
  accounted: number;
  /** Rows skipped because no follower could be read from them (counted on this thread only). */
  unreadable: number;
  /** Whether `unreadable` was counted (worker threads report totals only). */
  counted: boolean;
}

/** Skips that mean the row held no follower kindred could read (not duplicates or exclusions, which are by design). */
const UNREADABLE = new Set(['MISSING_HANDLE', 'MALFORMED_ROW']);

/**
 * Rows were read and not one became a follower: the file was most likely
 * taken for the wrong format, and a 0-follower report would hide that. An
 * input error naming the format taken and why its rows were refused.
 */
function assertSomethingRead(t: Tally, report: Report, i: number): void {
  const input = report.inputs[i]!;
  if (input.rowsRead === 0 || input.classified > 0) return;
  const samples = report.dataQuality.skippedSamples.filter((s) => s.file === t.file);
  const allUnreadable = t.counted ? t.unreadable === input.rowsRead : samples.length > 0 && samples.every((s) => UNREADABLE.has(s.code));
  if (!allUnreadable) return;
  const first = samples[0];
  const why = first ? `; the first, line ${first.line}: ${first.code}${first.detail ? `: ${first.detail}` : ''}` : '';
  throw new InputError(
    `read ${input.rowsRead} row${input.rowsRead === 1 ? '' : 's'} and could not take a follower from any: took it for ${t.label} (--platform ${input.format})${why}. If the file is another export, name it with --platform; if columns are named differently, map them with --map`,
    t.file,
  );
}

/** One worker per core, when there is more than one core, up to MAX_AUTO_THREADS. */
function autoThreads(): number {
  const cores = availableParallelism();
  return cores >= 2 ? Math.min(cores, MAX_AUTO_THREADS) : 0;
}
