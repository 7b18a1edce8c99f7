import { InternalError } from '../errors.js';
import type { EngagementJoin } from '../io/engagement-join.js';
import type { SkippedRow } from '../io/rows.js';
import type { SourceInfo, SplittableCsv } from '../io/sources/types.js';
import type { KeySet } from '../key-set.js';
import type { Aggregator } from '../report/aggregate.js';
import type { WorkerLink, WorkerPool } from './pool.js';
import type { CommitReply, FinishReply, Piece, ScanReply } from './protocol.js';
import { splitText } from './split.js';

export interface ParallelContext {
  pool: WorkerPool;
  /** The follower keys seen so far, in all inputs: duplicates are decided here, in file order. */
  seen: KeySet;
  /** The main aggregator, with this input started: the workers' counts are merged into it. */
  agg: Aggregator;
  join: EngagementJoin;
  /** Per output target, a piece's follower lines, in file order. */
  write?: (texts: string[]) => Promise<void> | undefined;
  onSkip?: (s: SkippedRow) => Promise<void> | undefined | void;
  /** Rows read and accounted for, a piece at a time, in file order. */
  onRows: (rows: number) => void;
}

/** Characters per piece: big enough that messages are few, small enough that memory stays flat. */
const PIECE_CHARS = 1 << 17;

/**
 * Reads one delimited export with the worker threads: the file is cut into
 * pieces on line breaks and the workers read, classify and format them at the
 * same time, while this thread decodes the next pieces, decides duplicates in
 * file order and writes the output in file order. The result is the one a
 * single thread gives, byte for byte.
 *
 * A cut that fell inside a quoted cell (see split.ts) shows as a piece whose
 * end is not a whole record; the next piece is then read again with that
 * end in front of it, before anything of it is counted.
 */
export async function readParallel(
  source: { file: string; label: string; info: SourceInfo; splittable: SplittableCsv },
  ctx: ParallelContext,
  pieceChars = PIECE_CHARS,
): Promise<void> {
  const workers = ctx.pool.workers;
  const { input, ...csv } = source.splittable;
  await Promise.all(workers.map((w) => w.request({ type: 'source', file: source.file, label: source.label, info: source.info, csv })));
  // Rows on lines before this one are the header and any preamble: they all stay in the first piece.
  const firstDataLine = csv.layout.headerLine + 2;
  // Pieces read ahead, and pieces committed but not written: enough to keep every worker busy.
  const ahead = workers.length * 2;
  const pieces = splitText(input.text(), pieceChars, firstDataLine - 1)[Symbol.asyncIterator]();
  const scanning: { seq: number; piece: Piece; worker: WorkerLink; scan: Promise<ScanReply> }[] = [];
  const writing: Promise<void>[] = [];
  let written: Promise<void> = Promise.resolve();
  let failure: unknown;
  let seq = 0;
  let ended = false;
  // Where the next piece starts in the file (its first line), known once the pieces before it are scanned.
  let nextLine = 1;
  // The end of the last piece when it was not a whole record: it goes in front of the next piece.
  let carry: { text: string; line: number; scannedAs: number } | undefined;

  for (;;) {
    while (!ended && scanning.length < ahead) {
      const next = await pieces.next();
      if (next.done) {
        ended = true;
        break;
      }
      const worker = workers[seq % workers.length]!;
      // Lines are counted from each piece's start; only the first holds the header.
      const fromLine = seq === 0 ? firstDataLine : 1;
      scanning.push({ seq, piece: next.value, worker, scan: worker.request<ScanReply>({ type: 'scan', seq, piece: next.value, fromLine }) });
      seq++;
    }
    const slot = scanning.shift();
    if (!slot) break;
    let scanned = await slot.scan;
    let startLine = nextLine;
    nextLine += scanned.breaks;
    if (carry) {
      void slot.worker.request({ type: 'drop', seq: slot.seq });
      const text = carry.text + slot.piece.text;
      startLine = carry.line;
      // A quote left open for long (a stray one) is read again only once the text has doubled, as the scanner does.
      if (!slot.piece.final && text.length < 2 * carry.scannedAs) {
        carry = { ...carry, text };
        continue;
      }
      const piece = { ...slot.piece, text };
      scanned = await slot.worker.request<ScanReply>({ type: 'scan', seq: slot.seq, piece, fromLine: Math.max(1, firstDataLine - startLine + 1) });
      carry = undefined;
    }
    if (scanned.unread) carry = { text: scanned.unread.text, line: startLine + scanned.unread.line - 1, scannedAs: scanned.unread.text.length };
    const fp = scanned.fingerprints;
    const firsts = new Uint8Array(fp.length / 2);
    for (let i = 0; i < firsts.length; i++) firsts[i] = ctx.seen.addFingerprint(fp[2 * i]!, fp[2 * i + 1]!) ? 1 : 0;
    const done = slot.worker.request<CommitReply>({ type: 'commit', seq: slot.seq, firsts, lineOffset: startLine - 1 }, [firsts.buffer]);
    written = written.then(() => done).then((reply) => emit(reply, ctx));
    written.catch((e) => {
      failure ??= e;
    });
    writing.push(written);
    if (writing.length > ahead) await writing.shift();
    if (failure) throw failure;
  }
  await written;
  if (carry) throw new InternalError(`${source.file}: the last piece of the file ended mid-record`);
  const finished = await Promise.all(workers.map((w) => w.request<FinishReply>({ type: 'finish' })));
  for (const f of finished) {
    ctx.agg.merge(f.snapshot);
    ctx.join.addMatched(f.matched);
  }
}

async function emit(reply: CommitReply, ctx: ParallelContext): Promise<void> {
  ctx.onRows(reply.rows);
  for (const s of reply.skips) await ctx.onSkip?.(s);
  if (ctx.write && reply.texts.some((t) => t)) await ctx.write(reply.texts);
}
