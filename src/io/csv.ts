import { CsvScanner, type ScanProblem } from './csv-scanner.js';
import { fieldForHeader } from './fields.js';
import type { OpenedInput } from './open-input.js';

export interface CsvLayout {
  delimiter: string;
  /** 0-based line index of the header row (after any preamble or `sep=` line). */
  headerLine: number;
  headers: string[];
  /** Number of header cells that are known field names: how sure the layout is. */
  knownHeaders: number;
}

const DELIMITERS = [',', ';', '\t', '|'];
const MAX_PREAMBLE_LINES = 20;

/**
 * Finds the header row and the delimiter by looking, not assuming: the line
 * (among the first 20) and delimiter whose cells name the most known fields.
 * Preambles differ between exports (LinkedIn's note, Meltwater's junk row,
 * Excel's `sep=;` hint); their wording is never relied on.
 */
export function sniffCsvLayout(head: string, knownHeader: (h: string) => boolean = (h) => !!fieldForHeader(h)): CsvLayout | undefined {
  const lines = head.split(/\r\n|\n|\r/).slice(0, MAX_PREAMBLE_LINES + 1);
  let forced: string | undefined;
  let first = 0;
  const sep = /^"?sep=(.)"?\s*$/i.exec(lines[0] ?? '');
  if (sep) {
    forced = sep[1];
    first = 1;
  }
  let best: CsvLayout | undefined;
  for (let i = first; i < lines.length; i++) {
    const line = lines[i]!;
    if (!line.trim()) continue;
    for (const delimiter of forced ? [forced] : DELIMITERS) {
      if (!line.includes(delimiter) && !forced) continue;
      const cells = splitLine(line, delimiter);
      const known = cells.filter((c) => c.trim() && knownHeader(c)).length;
      if (known > 0 && (!best || known > best.knownHeaders)) {
        best = { delimiter, headerLine: i, headers: cells.map((c) => c.trim()), knownHeaders: known };
      }
    }
  }
  if (best) return best;
  // No known header anywhere: take the first non-empty line and the delimiter it uses most.
  const i = lines.findIndex((l, idx) => idx >= first && l.trim());
  if (i < 0) return undefined;
  const line = lines[i]!;
  const delimiter = forced ?? [...DELIMITERS].sort((a, b) => countOf(line, b) - countOf(line, a))[0]!;
  return { delimiter, headerLine: i, headers: splitLine(line, delimiter).map((c) => c.trim()), knownHeaders: 0 };
}

function countOf(s: string, ch: string): number {
  let n = 0;
  for (let i = s.indexOf(ch); i >= 0; i = s.indexOf(ch, i + 1)) n++;
  return n;
}

/**
 * Splits one line, honouring double quotes (enough for a header line). Linear
 * in the line: text is sliced out in runs, and whether a cell is still blank
 * (so a quote opens a quoted cell) is tracked as it grows, never found by
 * trimming the cell again at each quote.
 */
export function splitLine(line: string, delimiter: string): string[] {
  const cells: string[] = [];
  // The cell so far is `cur` plus the unquoted run line[from, i).
  let cur = '';
  let from = 0;
  let blank = true;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (ch === delimiter) {
      cells.push(cur + line.slice(from, i));
      cur = '';
      from = i + 1;
      blank = true;
    } else if (ch === '"' && blank) {
      const quoted = readQuoted(line, i + 1);
      cur = quoted.text;
      blank = cur.trim() === '';
      from = quoted.end;
      i = quoted.end - 1;
    } else if (blank && ch.trim() !== '') blank = false;
  }
  cells.push(cur + line.slice(from));
  return cells;
}

/** A quoted cell's text from `start` (after its opening quote) to its closing quote or the end of the line; `""` is one quote. */
function readQuoted(line: string, start: number): { text: string; end: number } {
  const parts: string[] = [];
  let j = start;
  for (;;) {
    const k = line.indexOf('"', j);
    if (k < 0) {
      parts.push(line.slice(j));
      return { text: parts.join(''), end: line.length };
    }
    parts.push(line.slice(j, k));
    if (line[k + 1] !== '"') return { text: parts.join(''), end: k + 1 };
    parts.push('"');
    j = k + 2;
  }
}

export interface CsvRecord {
  cells: string[];
  /** 1-based line where the record starts. */
  line: number;
}

export interface CsvProblem {
  line: number;
  code: 'MALFORMED_ROW';
  detail: string;
  raw?: string;
}

/**
 * The csv-parse options kindred reads exports with: the reference the scanner
 * is property-tested against, and the benchmark's baseline. csv-parse is a
 * development dependency only, so its option type is spelled out here rather
 * than imported into the published types (the tests pass these to csv-parse,
 * which checks them against its own).
 */
export interface CsvParseOptions {
  delimiter: string;
  from_line: number;
  relax_column_count: boolean;
  relax_quotes: boolean;
  skip_empty_lines: boolean;
  skip_records_with_error: boolean;
  info: boolean;
  record_delimiter: string[];
}

export function csvParseOptions(delimiter: string, fromLine: number): CsvParseOptions {
  return {
    delimiter,
    from_line: fromLine,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    info: true,
    // Exports stitched together from several tools mix CRLF, LF and old-Mac CR
    // line ends; detecting one from the first line would glue the others'
    // rows together silently.
    record_delimiter: ['\r\n', '\n', '\r'],
  };
}

/**
 * Streams the records after the header. Records that cannot be read come out
 * as problems with their line and original text, so every row is accounted
 * for. A quote opened and never closed would swallow the rest of the file into
 * one field: that row is reported as MALFORMED_ROW and reading resumes on the
 * next line, so one stray quote costs one row, not thousands. Otherwise the
 * scanner reads as csv-parse does with `csvParseOptions` (see csv-scanner.ts),
 * at several times its speed.
 */
export async function* readCsvRecords(
  input: OpenedInput,
  layout: CsvLayout,
  onProblem: (p: CsvProblem) => void,
): AsyncGenerator<CsvRecord> {
  for await (const batch of readCsvBatches(input, layout, onProblem)) yield* batch;
}

/**
 * The same records, a chunk of input at a time: one await per chunk instead
 * of one per row. A chunk's problems are reported before its batch is yielded.
 */
export async function* readCsvBatches(
  input: OpenedInput,
  layout: CsvLayout,
  onProblem: (p: CsvProblem) => void,
): AsyncGenerator<CsvRecord[]> {
  const scanner = new CsvScanner(layout.delimiter, layout.headerLine + 2);
  const problems: ScanProblem[] = [];
  const report = () => {
    for (const p of problems) onProblem({ line: p.line, code: 'MALFORMED_ROW', detail: p.detail, ...(p.raw !== undefined ? { raw: p.raw } : {}) });
    problems.length = 0;
  };
  for await (const chunk of input.text()) {
    const out: CsvRecord[] = [];
    scanner.push(chunk, out, problems);
    report();
    if (out.length) yield out;
  }
  const out: CsvRecord[] = [];
  scanner.end(out, problems);
  report();
  if (out.length) yield out;
}
