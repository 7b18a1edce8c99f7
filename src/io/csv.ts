import { Readable } from 'node:stream';
import { type Options, parse } from 'csv-parse';
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
 * Streams the records after the header. Records csv-parse cannot read come
 * out as problems with their line, so every row is accounted for. A quote
 * opened and never closed would swallow the rest of the file into one field:
 * that row is reported as MALFORMED_ROW (with its original text) and reading
 * resumes on the next line, so one stray quote costs one row, not thousands.
 */
export async function* readCsvRecords(
  input: OpenedInput,
  layout: CsvLayout,
  onProblem: (p: CsvProblem) => void,
): AsyncGenerator<CsvRecord> {
  yield* parseRecords(input.text(), layout.delimiter, layout.headerLine + 2, 0, onProblem);
}

async function* parseRecords(
  text: AsyncIterable<string> | Iterable<string>,
  delimiter: string,
  fromLine: number,
  lineOffset: number,
  onProblem: (p: CsvProblem) => void,
): AsyncGenerator<CsvRecord> {
  const parser = parse(csvParseOptions(delimiter, fromLine));
  // The bytes since the last record read: the original text of an unclosed record.
  const tail = new ByteTail();
  let unclosed = false;
  // csv-parse counts a CRLF inside a quoted cell as two lines; this undoes the drift.
  let drift = 0;
  parser.on('skip', (err: Error & { code?: string; lines?: number }) => {
    if (err.code === 'CSV_QUOTE_NOT_CLOSED') unclosed = true;
    else onProblem({ line: lineOffset + (err.lines ?? 0) - drift, code: 'MALFORMED_ROW', detail: err.message });
  });
  Readable.from(tail.feed(text)).pipe(parser);
  let lastLine = fromLine - 1;
  let lastBytes = -1;
  for await (const item of parser as AsyncIterable<{ record: string[]; info: { lines: number; bytes: number } }>) {
    const cells = item.record;
    // Lines the record's own cells span (quoted line breaks in a bio).
    let spanned = 0;
    // The first multi-line cell, when it starts with a quote: a sign of a stray quote (see swallowedRows).
    let relaxed: string | undefined;
    let multiLine = false;
    for (const c of cells) {
      if (c.indexOf('\n') < 0 && c.indexOf('\r') < 0) continue;
      spanned += countLineBreaks(c);
      for (let i = c.indexOf('\r\n'); i >= 0; i = c.indexOf('\r\n', i + 2)) drift++;
      if (!multiLine && c.charCodeAt(0) === 34) relaxed = c;
      multiLine = true;
    }
    const prevBytes = lastBytes;
    lastLine = item.info.lines - drift;
    lastBytes = item.info.bytes;
    const line = lineOffset + lastLine - spanned;
    if (relaxed !== undefined) {
      const recordText = prevBytes < 0 ? dropLines(tail.textBetween(0, lastBytes), fromLine - 1) : tail.textBetween(prevBytes, lastBytes);
      const swallowed = swallowedRows(relaxed, recordText, delimiter);
      if (swallowed) {
        onProblem({
          line,
          code: 'MALFORMED_ROW',
          detail: 'a quote opened in this row is not closed where the row ends; the lines it ran over are read as rows of their own',
          raw: swallowed.first,
        });
        tail.dropBefore(lastBytes);
        yield* parseRecords([swallowed.rest], delimiter, 1, line, onProblem);
        continue;
      }
    }
    tail.dropBefore(lastBytes);
    yield { cells, line };
  }
  if (!unclosed) return;
  // Everything after the last good record: blank lines, the broken row, then the rows it swallowed.
  // Before the first record the tail still holds the header (and any preamble) lines.
  const rest = lastBytes < 0 ? dropLines(tail.textFrom(0), fromLine - 1) : tail.textFrom(lastBytes);
  const lead = /^[\r\n]*/.exec(rest)![0];
  const line = lastLine + 1 + countLineBreaks(lead);
  const body = rest.slice(lead.length);
  const end = /\r\n|\n|\r/.exec(body);
  onProblem({
    line: lineOffset + line,
    code: 'MALFORMED_ROW',
    detail: 'a quote opened in this row is never closed (a stray quote, or the file was cut off); the row was skipped',
    raw: end ? body.slice(0, end.index) : body,
  });
  if (end) yield* parseRecords([body.slice(end.index + end[0].length)], delimiter, 1, lineOffset + line, onProblem);
}

/**
 * A quote that opens a cell but is closed in the wrong place (a stray quote
 * paired with one rows later, as in 6'2") makes csv-parse's relaxed mode keep
 * the opening quote in the value and run the cell over the following lines.
 * Such a value starts with a quote and its first line appears verbatim in the
 * record right after a delimiter (a cell that truly starts with a quote is
 * written with a tripled quote there). Returns the record's first line and
 * the lines it swallowed.
 */
function swallowedRows(cell: string, recordText: string, delimiter: string): { first: string; rest: string } | undefined {
  const text = recordText.replace(/^[\r\n]+/, '');
  const end = /\r\n|\n|\r/.exec(text);
  if (!end) return undefined;
  const first = text.slice(0, end.index);
  // The cell's first line must end the record's first line, right after a delimiter (or be all of it).
  const firstOfCell = /^[^\r\n]*/.exec(cell)![0];
  if (first !== firstOfCell && !first.endsWith(delimiter + firstOfCell)) return undefined;
  return { first, rest: text.slice(end.index + end[0].length) };
}

function dropLines(s: string, n: number): string {
  const breaks = /\r\n|\n|\r/g;
  for (let i = 0; i < n; i++) if (!breaks.exec(s)) return '';
  return s.slice(breaks.lastIndex);
}

function countLineBreaks(s: string): number {
  return s.split(/\r\n|\n|\r/).length - 1;
}

/**
 * Keeps the input bytes the parser has not yet turned into records, so the
 * original text of a record that never ends can be recovered. Holds a chunk or
 * two normally; the rest of the file only when a quote is never closed (which
 * the parser itself buffers too).
 */
class ByteTail {
  private chunks: Buffer[] = [];
  /** Byte offset of chunks[0] in the stream. */
  private start = 0;

  async *feed(text: AsyncIterable<string> | Iterable<string>): AsyncGenerator<Buffer> {
    for await (const chunk of text) {
      const bytes = Buffer.from(chunk, 'utf8');
      this.chunks.push(bytes);
      yield bytes;
    }
  }

  dropBefore(offset: number): void {
    while (this.chunks.length > 0 && this.start + this.chunks[0]!.length <= offset) {
      this.start += this.chunks.shift()!.length;
    }
  }

  textBetween(from: number, to: number): string {
    return Buffer.concat(this.chunks)
      .subarray(Math.max(0, from - this.start), to - this.start)
      .toString('utf8');
  }

  textFrom(offset: number): string {
    return Buffer.concat(this.chunks).subarray(Math.max(0, offset - this.start)).toString('utf8');
  }
}
