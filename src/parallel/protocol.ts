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

/** A piece of the file, cut on a line break (see split.ts). */
export interface Piece {
  text: string;
  /** The last piece: the file ends with it. */
  final: boolean;
  /** It ends on a lone CR (an old-Mac line end): that CR ends a record. */
  endsWithBreak: boolean;
}

export type Request =
  | { id: number; type: 'source'; file: string; label: string; info: SourceInfo; csv: Omit<SplittableCsv, 'input'> }
  /** Lines are numbered from 1 at the start of the piece; rows before `fromLine` (the header) are not data. */
  | { id: number; type: 'scan'; seq: number; piece: Piece; fromLine: number }
  /** `lineOffset`: added to the piece's line numbers to make them the file's. */
  | { id: number; type: 'commit'; seq: number; firsts: Uint8Array; lineOffset: number }
  | { id: number; type: 'drop'; seq: number }
  | { id: number; type: 'finish' };

export interface ScanReply {
  /** 64-bit fingerprints (two Uint32 each) of the follower rows to check for duplicates, in order. */
  fingerprints: Uint32Array;
  /** Line breaks in the piece. */
  breaks: number;
  /** Text at the end of the piece that is not a whole record: the next piece starts mid-record. */
  unread?: { text: string; line: number };
}

export interface CommitReply {
  rows: number;
  /** Per output target, the piece's follower lines. */
  texts: string[];
  skips: SkippedRow[];
}

export interface FinishReply {
  snapshot: AggregateSnapshot;
  /** Per log, which handles met a follower here. */
  matched: Uint8Array[];
}

export type Reply = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: { name: string; message: string; stack?: string } };
