import { parentPort, workerData } from 'node:worker_threads';
import { createRowHandler } from '../audit-row.js';
import { InternalError } from '../errors.js';
import { CsvScanner, type ScannedRecord, type ScanProblem } from '../io/csv-scanner.js';
import { createEngagementJoin, logsFromData } from '../io/engagement-join.js';
import { createRowMapper, type SkippedRow, type SourceItem } from '../io/rows.js';
import { problemItem } from '../io/sources/generic-csv.js';
import { type Aggregator, createAggregator } from '../report/aggregate.js';
import { createLineMaker } from '../report/follower-lines.js';
import { compileValues } from '../values/compile.js';
import type { FinishReply, Piece, PieceReply, Reply, Request, WorkerSetup } from './protocol.js';

/**
 * A worker thread's share of an audit: it reads the pieces of the file it is
 * given, classifies their rows, counts them in its own aggregator and formats
 * their output lines. Duplicates and unreadable rows were decided on the main
 * thread, in file order; the main thread merges the aggregators at the end.
 */
const setup = workerData as WorkerSetup;
const values = compileValues(setup.values);
const asOf = new Date(setup.asOfMs);
const join = createEngagementJoin(logsFromData(setup.logs));
const makeLines = setup.output ? createLineMaker(setup.output) : undefined;
const port = parentPort!;

let source: { file: string; toItem: (cells: string[], line: number) => SourceItem; delimiter: string; agg: Aggregator; handle: (item: SourceItem) => unknown } | undefined;
// The piece being read: its first-seen flags (consumed in order) and what it produced.
let firsts: Uint8Array = new Uint8Array(0);
let next = 0;
const texts: string[][] = (setup.output?.targets ?? []).map(() => []);
let skips: SkippedRow[] = [];

function startSource(req: Extract<Request, { type: 'source' }>): void {
  const agg = createAggregator({ values, asOf, top: setup.top, version: setup.version });
  agg.startInput({ file: req.file, label: req.label, info: req.info });
  const handle = createRowHandler({
    values,
    asOf,
    agg,
    join,
    isFirst: () => firsts[next++] === 1,
    ...(makeLines
      ? {
          onClassified: (c) => {
            const lines = makeLines(c);
            for (let i = 0; i < lines.length; i++) texts[i]!.push(lines[i]!);
          },
        }
      : {}),
    ...(setup.wantSkips ? { onSkip: (s) => void skips.push(s) } : {}),
  });
  source = { file: req.file, toItem: createRowMapper(req.csv.map, req.csv.rowOptions), delimiter: req.csv.layout.delimiter, agg, handle };
}

/** Text scanned at a time: rows are mapped and classified a few hundred at a time, so they die young. */
const SLICE_CHARS = 16384;

const utf8 = new TextEncoder();

function readPiece(piece: Piece): { value: PieceReply; transfer: ArrayBuffer[] } {
  if (!source) throw new InternalError('a piece before its file');
  const { file, toItem, handle } = source;
  const scanner = new CsvScanner(source.delimiter, piece.fromLine, piece.line);
  // The main thread's verdicts on unreadable rows stand (it saw the text after the piece); ours must fall on the same lines.
  const verdicts = piece.problems;
  // Rows too large were left out of the text: the others are found here again, on the same lines.
  const refound = verdicts.filter((v) => !v.withheld);
  let verdict = 0;
  let ours = 0;
  let rows = 0;
  const records: ScannedRecord[] = [];
  const problems: ScanProblem[] = [];
  const handleVerdictsBefore = (line: number) => {
    for (; verdict < verdicts.length && verdicts[verdict]!.line < line; verdict++) {
      const p = verdicts[verdict]!;
      rows++;
      handle(problemItem(p, file));
    }
  };
  const drain = () => {
    for (const p of problems) if (refound[ours++]?.line !== p.line) throw new InternalError(`${file}: a piece read differently on two threads (line ${p.line})`);
    problems.length = 0;
    for (const r of records) {
      handleVerdictsBefore(r.line);
      rows++;
      handle(toItem(r.cells, r.line));
    }
    records.length = 0;
  };
  firsts = piece.firsts;
  next = 0;
  skips = [];
  const { text } = piece;
  for (let at = 0; at < text.length; at += SLICE_CHARS) {
    scanner.push(text.length <= SLICE_CHARS ? text : text.slice(at, at + SLICE_CHARS), records, problems);
    drain();
  }
  scanner.end(records, problems);
  drain();
  handleVerdictsBefore(Number.POSITIVE_INFINITY);
  if (next !== firsts.length || ours !== refound.length) throw new InternalError(`${file}: a piece read differently on two threads (line ${piece.line})`);
  const encoded = texts.map((t) => utf8.encode(t.join('')));
  for (const t of texts) t.length = 0;
  return { value: { rows, texts: encoded, skips }, transfer: encoded.map((b) => b.buffer as ArrayBuffer) };
}

function handleRequest(req: Request): { value: unknown; transfer?: ArrayBuffer[] } {
  switch (req.type) {
    case 'source':
      startSource(req);
      return { value: null };
    case 'piece':
      return readPiece(req.piece);
    case 'finish': {
      const reply: FinishReply = { snapshot: source!.agg.snapshot(), matched: join.matchedFlags() };
      source = undefined;
      return { value: reply };
    }
  }
}

port.on('message', (req: Request) => {
  let reply: Reply;
  let transfer: ArrayBuffer[] = [];
  try {
    const handled = handleRequest(req);
    reply = { id: req.id, ok: true, value: handled.value };
    transfer = handled.transfer ?? [];
  } catch (e) {
    const err = e instanceof Error ? e : new Error(String(e));
    reply = { id: req.id, ok: false, error: { name: err.name, message: err.message, ...(err.stack ? { stack: err.stack } : {}) } };
  }
  port.postMessage(reply, transfer);
});
