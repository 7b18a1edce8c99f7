import type { Options } from 'csv-parse';
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

/** Splits one line, honouring double quotes (enough for a header line). */
export function splitLine(line: string, delimiter: string): string[] {
  const cells: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"') {
        if (line[i + 1] === '"') {
          cur += '"';
          i++;
        } else quoted = false;
      } else cur += ch;
    } else if (ch === '"' && cur.trim() === '') {
      quoted = true;
      cur = '';
    } else if (ch === delimiter) {
      cells.push(cur);
      cur = '';
    } else cur += ch;
  }
  cells.push(cur);
  return cells;
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

/** The csv-parse options kindred reads exports with (the benchmark uses the same). */
export function csvParseOptions(delimiter: string, fromLine: number): Options {
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
