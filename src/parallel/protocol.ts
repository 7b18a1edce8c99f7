import type { ScanProblem } from '../io/csv-scanner.js';
import type { EngagementIndexData } from '../io/engagement-index.js';
import type { SkippedRow } from '../io/rows.js';
import type { SourceInfo, SplittableCsv } from '../io/sources/types.js';
import type { AggregateSnapshot } from '../report/aggregate.js';
import type { FollowerOutputSpec } from '../report/follower-lines.js';
import type { ValuesFile } from '../values/schema.js';

/** What every worker is started with (workerData). */
export interface WorkerSetup {
  values: ValuesFile;
  asOfMs: number;
  top: number;
  version: string;
  /** The interactions logs' indexes (see engagement-join.ts). */
  logs: EngagementIndexData[];
  output?: FollowerOutputSpec;
  /** Send skipped rows back (for --rejects and --strict). */
  wantSkips: boolean;
}

/**
 * A run of whole records of the file, read on the main thread already: the
 * worker reads it again and classifies it. Which followers are first seen
 * (not duplicates) and the rows that could not be read were decided there,
 * in file order, and come with it.
 */
export interface Piece {
  text: string;
  /** The line the text starts on. */
  line: number;
  /** Rows on lines before this one are the header and any preamble, not data. */
  fromLine: number;
  /** For each follower row that is not excluded, in order: 1 when its key was seen for the first time. */
  firsts: Uint8Array;
  /** The rows the main thread could not read, with its verdicts (a quote that runs on may be judged by text after the piece). */
  problems: ScanProblem[];
}

export type Request =
  | { id: number; type: 'source'; file: string; label: string; info: SourceInfo; csv: Omit<SplittableCsv, 'input'> }
  | { id: number; type: 'piece'; piece: Piece }
  | { id: number; type: 'finish' };

export interface PieceReply {
  rows: number;
  /** Per output target, the piece's follower lines, encoded as UTF-8 in the worker (moved, not copied). */
  texts: Uint8Array[];
  skips: SkippedRow[];
}

export interface FinishReply {
  snapshot: AggregateSnapshot;
  /** Per log, which handles met a follower here. */
  matched: Uint8Array[];
}

export type Reply = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: { name: string; message: string; stack?: string } };
