import { CsvScanner, type ScannedRecord, type ScanProblem } from '../io/csv-scanner.js';
import type { EngagementJoin } from '../io/engagement-join.js';
import { createKeyReader, keyColumns, type SkippedRow } from '../io/rows.js';
import type { SourceInfo, SplittableCsv } from '../io/sources/types.js';
import type { KeySet } from '../key-set.js';
import type { Aggregator } from '../report/aggregate.js';
import type { WorkerPool } from './pool.js';
import type { FinishReply, Piece, PieceReply } from './protocol.js';

export interface ParallelContext {
  pool: WorkerPool;
  /** The follower keys seen so far, in all inputs: duplicates are decided here, in file order. */
  seen: KeySet;
  /** Keys the values file excludes: never added to `seen`. */
  excluded: ReadonlySet<string>;
  /** The main aggregator, with this input started: the workers' counts are merged into it. */
  agg: Aggregator;
  join: EngagementJoin;
  /** Per output target, a piece's follower lines, in file order. */
  write?: (texts: (string | Uint8Array)[]) => Promise<void> | undefined;
  onSkip?: (s: SkippedRow) => Promise<void> | undefined | void;
  /** Rows read and accounted for, a piece at a time, in file order. */
  onRows: (rows: number) => void;
}

/**
 * Characters per piece: big enough that messages are few (a few thousand for
 * a million rows), small enough that a piece's text is an ordinary young
 * object in the worker, not a large one kept until a full collection.
 */
const PIECE_CHARS = 48 * 1024;

/**
 * Reads one delimited export with the worker threads. This thread decodes and
 * scans the file (the fast part), decides from each row's key whether it is a
 * duplicate, in file order, and hands runs of whole records to the workers,
 * which map, classify and format them (the slow part) at the same time; their
 * output is written here in file order. The result is the one a single thread
 * gives, byte for byte.
 */
export async function readParallel(
  source: { file: string; label: string; info: SourceInfo; splittable: SplittableCsv },
  ctx: ParallelContext,
  pieceChars = PIECE_CHARS,
): Promise<void> {
  const workers = ctx.pool.workers;
  const { input, ...csv } = source.splittable;
  await Promise.all(workers.map((w) => w.request({ type: 'source', file: source.file, label: source.label, info: source.info, csv })));
  const fromLine = csv.layout.headerLine + 2;
  // Only the columns that say who a row is are cut out here; the workers read the rest.
  const scanner = new CsvScanner(csv.layout.delimiter, fromLine, 1, keyColumns(csv.map, csv.rowOptions));
  const keyOf = createKeyReader(csv.map, csv.rowOptions);
  // Pieces at the workers or waiting to be written: eight a worker is about 35 ms of work queued,
  // enough to ride out this thread waiting for a core (three threads share two) without a worker idling.
  const ahead = workers.length * 8;
  const writing: Promise<void>[] = [];
  let written: Promise<void> = Promise.resolve();
  let failure: unknown;
  let seq = 0;

  // The piece being gathered.
  let texts: string[] = [];
  let chars = 0;
  let line = 1;
  let firsts: number[] = [];
  let problems: ScanProblem[] = [];

  const addText = (text: string) => {
    if (!text) return;
    texts.push(text);
    chars += text.length;
  };

  const take = async (records: ScannedRecord[], found: ScanProblem[]) => {
    let r = 0;
    let p = 0;
    const addBefore = (line: number) => {
      for (; r < records.length && records[r]!.line < line; r++) {
        const key = keyOf(records[r]!.cells);
        // Rows without a key are skipped by the workers; excluded keys never count as seen.
        if (key === undefined || ctx.excluded.has(key)) continue;
        firsts.push(ctx.seen.add(key) ? 1 : 0);
      }
      for (; p < found.length && found[p]!.line < line; p++) problems.push(found[p]!);
    };
    // Where a row too large was left out, a piece ends: a worker must not read across it.
    let from = 0;
    for (const cut of scanner.cuts) {
      addBefore(cut.line);
      addText(scanner.consumed.slice(from, cut.at));
      from = cut.at;
      await send(cut.line);
    }
    addBefore(Number.POSITIVE_INFINITY);
    addText(scanner.consumed.slice(from));
  };

  const send = async (nextLine = scanner.nextLine) => {
    const piece: Piece = { text: texts.join(''), line, fromLine, firsts: Uint8Array.from(firsts), problems };
    const worker = workers[seq++ % workers.length]!;
    const reply = worker.request<PieceReply>({ type: 'piece', piece }, [piece.firsts.buffer as ArrayBuffer]);
    texts = [];
    chars = 0;
    line = nextLine;
    firsts = [];
    problems = [];
    written = written.then(() => reply).then((r) => emit(r, ctx));
    written.catch((e) => {
      failure ??= e;
    });
    writing.push(written);
    if (writing.length > ahead) await writing.shift();
    if (failure) throw failure;
  };

  for await (const chunk of input.text()) {
    // Pieces smaller than a chunk (tests) are cut from it.
    for (let at = 0; at < chunk.length; at += pieceChars) {
      const records: ScannedRecord[] = [];
      const found: ScanProblem[] = [];
      scanner.push(pieceChars >= chunk.length ? chunk : chunk.slice(at, at + pieceChars), records, found);
      await take(records, found);
      if (chars >= pieceChars) await send();
    }
  }
  const records: ScannedRecord[] = [];
  const found: ScanProblem[] = [];
  scanner.end(records, found);
  await take(records, found);
  if (chars > 0 || firsts.length > 0 || problems.length > 0) await send();
  await written;
  const finished = await Promise.all(workers.map((w) => w.request<FinishReply>({ type: 'finish' })));
  for (const f of finished) {
    ctx.agg.merge(f.snapshot);
    ctx.join.addMatched(f.matched);
  }
}

async function emit(reply: PieceReply, ctx: ParallelContext): Promise<void> {
  ctx.onRows(reply.rows);
  for (const s of reply.skips) await ctx.onSkip?.(s);
  if (ctx.write && reply.texts.some((t) => t.length > 0)) await ctx.write(reply.texts);
}
