import { parentPort, workerData } from 'node:worker_threads';
import { createRowHandler } from '../audit-row.js';
import { CsvScanner } from '../io/csv-scanner.js';
import { createEngagementJoin, logsFromData } from '../io/engagement-join.js';
import { createRowMapper, type SkippedRow, type SourceItem } from '../io/rows.js';
import { rowItems } from '../io/sources/generic-csv.js';
import { fingerprint, fingerprintLow } from '../fingerprint.js';
import { createHeapBudget } from '../heap-budget.js';
import { type Aggregator, createAggregator } from '../report/aggregate.js';
import { createLineMaker } from '../report/follower-lines.js';
import { compileValues } from '../values/compile.js';
import type { CommitReply, FinishReply, Piece, Reply, Request, ScanReply, WorkerSetup } from './protocol.js';
import { countLineBreaks } from './split.js';

/**
 * A worker thread's share of an audit: it reads the pieces of the file it is
 * given (scan), tells the main thread which followers it found (fingerprints,
 * for duplicates across the whole file), and once told which rows are first
 * seen (commit), classifies them, counts them in its own aggregator and
 * writes their output lines. The main thread merges the aggregators at the end.
 */
const setup = workerData as WorkerSetup;
const values = compileValues(setup.values);
const asOf = new Date(setup.asOfMs);
const join = createEngagementJoin(logsFromData(setup.logs));
const makeLines = setup.output ? createLineMaker(setup.output) : undefined;
// Garbage a worker may leave before a full collection: its live data is a few pieces of the file.
const WORKER_HEAP_BUDGET_MB = 16;
const heapCheck = createHeapBudget(WORKER_HEAP_BUDGET_MB * 1024 * 1024);
const port = parentPort!;

let source: { file: string; toItem: (cells: string[], line: number) => SourceItem; delimiter: string; agg: Aggregator } | undefined;
/** Pieces scanned and waiting for their commit. */
const scanned = new Map<number, SourceItem[]>();

function scan(seq: number, piece: Piece, fromLine: number): ScanReply {
  if (!source) throw new Error('scan before source');
  const { text, final, endsWithBreak } = piece;
  const scanner = new CsvScanner(source.delimiter, fromLine);
  const records: { cells: string[]; line: number }[] = [];
  const problems: { line: number; detail: string; raw?: string }[] = [];
  scanner.push(text, records, problems, endsWithBreak);
  if (final) scanner.end(records, problems);
  const items = rowItems(records, problems.map((p) => ({ ...p, code: 'MALFORMED_ROW' as const })), source.file, source.toItem);
  scanned.set(seq, items);
  let count = 0;
  for (const item of items) if (item.kind === 'follower' && !values.excluded.has(item.follower.key)) count++;
  const fingerprints = new Uint32Array(count * 2);
  let k = 0;
  for (const item of items) {
    if (item.kind !== 'follower' || values.excluded.has(item.follower.key)) continue;
    fingerprints[k++] = fingerprint(item.follower.key);
    fingerprints[k++] = fingerprintLow;
  }
  const unread = final ? undefined : scanner.unread();
  return { fingerprints, breaks: countLineBreaks(text), ...(unread?.text ? { unread } : {}) };
}

/** Piece line numbers become the file's. */
function shiftLines(item: SourceItem, offset: number): void {
  if (item.kind === 'skip') {
    item.skip.line += offset;
    return;
  }
  item.follower.source.line += offset;
  for (const w of item.warnings) w.line += offset;
}

function commit(seq: number, firsts: Uint8Array, lineOffset: number): CommitReply {
  const items = scanned.get(seq);
  if (!items || !source) throw new Error(`commit of a piece not scanned (${seq})`);
  scanned.delete(seq);
  const texts: string[][] = (setup.output?.targets ?? []).map(() => []);
  const skips: SkippedRow[] = [];
  let next = 0;
  const handle = createRowHandler({
    values,
    asOf,
    agg: source.agg,
    join,
    isFirst: () => firsts[next++] === 1,
    onClassified: makeLines
      ? (c) => {
          const lines = makeLines(c);
          for (let i = 0; i < lines.length; i++) texts[i]!.push(lines[i]!);
        }
      : undefined,
    onSkip: setup.wantSkips ? (s) => void skips.push(s) : undefined,
  });
  for (let i = 0; i < items.length; i++) {
    if (lineOffset !== 0) shiftLines(items[i]!, lineOffset);
    handle(items[i]!);
    (items as (SourceItem | undefined)[])[i] = undefined;
  }
  heapCheck();
  return { rows: items.length, texts: texts.map((t) => t.join('')), skips };
}

function handleRequest(req: Request): { value: unknown; transfer?: ArrayBuffer[] } {
  switch (req.type) {
    case 'source': {
      const agg = createAggregator({ values, asOf, top: setup.top, version: setup.version });
      agg.startInput({ file: req.file, label: req.label, info: req.info });
      source = {
        file: req.file,
        toItem: createRowMapper(req.csv.map, req.csv.rowOptions),
        delimiter: req.csv.layout.delimiter,
        agg,
      };
      return { value: null };
    }
    case 'scan': {
      const reply = scan(req.seq, req.piece, req.fromLine);
      return { value: reply, transfer: [reply.fingerprints.buffer as ArrayBuffer] };
    }
    case 'commit':
      return { value: commit(req.seq, req.firsts, req.lineOffset) };
    case 'drop':
      scanned.delete(req.seq);
      return { value: null };
    case 'finish': {
      const reply: FinishReply = { snapshot: source!.agg.snapshot(), matched: join.matchedFlags() };
      source = undefined;
      return { value: reply };
    }
  }
}

port.on('message', (req: Request) => {
  let reply: Reply;
  let transfer: ArrayBuffer[] | undefined;
  try {
    const r = handleRequest(req);
    reply = { id: req.id, ok: true, value: r.value };
    transfer = r.transfer;
  } catch (e) {
    const err = e instanceof Error ? e : new Error(String(e));
    reply = { id: req.id, ok: false, error: { name: err.name, message: err.message, ...(err.stack ? { stack: err.stack } : {}) } };
  }
  port.postMessage(reply, transfer ?? []);
});
