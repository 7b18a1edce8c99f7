/**
 * A streaming CSV scanner with the semantics kindred reads exports with
 * (csv-parse with `csvParseOptions`: relax_quotes, relax_column_count,
 * skip_empty_lines, skip_records_with_error, from_line), written for speed:
 * it scans char codes and slices cells out of the decoded text, with no
 * per-character allocation. A property test checks it against csv-parse.
 *
 * Semantics, as csv-parse has them with those options:
 * - `\r\n`, `\n` and `\r` all end a record outside quotes (exports stitched
 *   together from several tools mix them);
 * - a cell starting with `"` is quoted; `""` inside is one quote; a closing
 *   quote followed by something other than the delimiter or a line break is
 *   kept as text with the opening quote (`"ab"c` reads `"ab"c`);
 * - a quote inside an unquoted cell is text;
 * - empty lines are skipped; rows may have any number of cells.
 *
 * Where csv-parse would lose rows, the scanner loses only one: a quote still
 * open at the end of the input, or a quote that runs over line breaks and
 * closes in the middle of a later cell (a stray quote paired with one rows
 * later, as in 6'2"), makes the row where it opened a problem (with its
 * original text), and reading resumes on the next line.
 *
 * Line numbers are 1-based and count `\r\n`, `\n` and `\r` as one line break
 * each (as a text editor and the header sniffer do); a record's line is the
 * line it starts on, even when quoted cells span several lines.
 */
export interface ScannedRecord {
  cells: string[];
  line: number;
}

export interface ScanProblem {
  line: number;
  detail: string;
  /** The row's original text (its first line). */
  raw?: string;
}

const UNCLOSED = 'a quote opened in this row is never closed (a stray quote, or the file was cut off); the row was skipped';
const RAN_OVER = 'a quote opened in this row is not closed where the row ends; the lines it ran over are read as rows of their own';

const QUOTE = 34;
const CR = 13;
const LF = 10;

/** Input this large still incomplete is re-scanned only once it has doubled (linear time on a runaway quote). */
const RESCAN_FLOOR = 1 << 20;

export class CsvScanner {
  private readonly delim: number;
  private readonly fromLine: number;
  private pending = '';
  private pendingParts: string[] = [];
  private pendingLength = 0;
  private waitFor = 0;
  /** Line number at the start of `pending`. */
  private line = 1;
  private readonly only: Uint8Array | undefined;

  /**
   * `startLine` is the line number of the first character pushed: a scanner
   * can start at any record boundary of a file (a worker thread's share of it).
   * `only`: the columns whose text is wanted; the others read as '' (records,
   * lines and problems are the same), for a reader that needs only the keys.
   */
  constructor(delimiter: string, fromLine = 1, startLine = 1, only?: readonly number[]) {
    if (delimiter.length !== 1) throw new Error('the CSV scanner takes a one-character delimiter');
    this.delim = delimiter.charCodeAt(0);
    this.fromLine = fromLine;
    this.line = startLine;
    if (only) {
      this.only = new Uint8Array(Math.max(0, ...only) + 1);
      for (const c of only) this.only[c] = 1;
    }
  }

  /**
   * The text of the records (and problems) the last push or end completed: a
   * run of whole records, cut exactly where the next one starts, for a worker
   * thread to read again (see parallel/read-parallel.ts).
   */
  consumed = '';

  /** The line the next record starts on. */
  get nextLine(): number {
    return this.line;
  }

  /** Records (and problems) completed by this chunk of text, in order. */
  push(text: string, out: ScannedRecord[], problems: ScanProblem[]): void {
    this.consumed = '';
    if (this.waitFor > 0) {
      this.pendingParts.push(text);
      this.pendingLength += text.length;
      if (this.pendingLength < this.waitFor) return;
      text = this.pendingParts.join('');
      this.pendingParts = [];
      this.pendingLength = 0;
      this.waitFor = 0;
    } else if (this.pending) {
      text = this.pending + text;
    }
    this.pending = '';
    const consumed = this.scan(text, false, out, problems);
    this.consumed = text.slice(0, consumed);
    if (consumed < text.length) {
      const rest = text.slice(consumed);
      if (rest.length >= RESCAN_FLOOR) {
        this.pendingParts = [rest];
        this.pendingLength = rest.length;
        this.waitFor = rest.length * 2;
      } else this.pending = rest;
    }
  }

  /** The end of the input: the last record (or an unclosed quote). */
  end(out: ScannedRecord[], problems: ScanProblem[]): void {
    const text = this.waitFor > 0 ? this.pendingParts.join('') : this.pending;
    this.pending = '';
    this.pendingParts = [];
    this.waitFor = 0;
    this.consumed = text;
    if (text) this.scan(text, true, out, problems);
  }

  /**
   * Scans whole records from the start of `s`; returns how far it got. Without
   * `final`, a record that reaches the end of `s` is left for the next chunk
   * (its end, or a `""` or `\r\n` pair, may be in the next chunk).
   */
  private scan(s: string, final: boolean, out: ScannedRecord[], problems: ScanProblem[]): number {
    const n = s.length;
    const delim = this.delim;
    const only = this.only;
    let pos = 0;
    let line = this.line;
    while (pos < n) {
      const start = pos;
      const startLine = line;
      let cells: string[] | undefined;
      let i = pos;
      let breaks = 0;
      let complete = false;
      let recover: string | undefined;
      // One record: fields until a record delimiter or the end.
      for (;;) {
        let value: string;
        let quoted = false;
        // Whether the cell has any text (an empty line is skipped), even where its text is not kept.
        let filled = false;
        const want = only === undefined || only[cells === undefined ? 0 : cells.length] === 1;
        if (i < n && s.charCodeAt(i) === QUOTE) {
          // Quoted cell.
          let j = i + 1;
          let text = '';
          let closed = -1;
          for (;;) {
            const k = s.indexOf('"', j);
            if (k < 0) break;
            if (k + 1 >= n && !final) break;
            const next = k + 1 < n ? s.charCodeAt(k + 1) : -1;
            if (next === QUOTE) {
              if (want) text += s.slice(j, k + 1);
              j = k + 2;
              continue;
            }
            if (want) text += s.slice(j, k);
            closed = k;
            break;
          }
          if (closed < 0) {
            if (!final) return this.keep(start, startLine);
            recover = UNCLOSED;
            break;
          }
          breaks += countBreaks(s, i + 1, closed);
          const after = closed + 1;
          if (after >= n || s.charCodeAt(after) === delim || this.isRecordEnd(s, after, n, final)) {
            value = text;
            quoted = true;
            i = after;
          } else {
            // Relaxed quotes: `"ab"c` is text, quotes included; the rest of the cell is unquoted.
            let k = after;
            for (; k < n; k++) {
              const c = s.charCodeAt(k);
              if (c === delim) break;
              if ((c === LF || c === CR) && this.isRecordEnd(s, k, n, final)) break;
            }
            if (k >= n && !final) return this.keep(start, startLine);
            if (countBreaks(s, i + 1, closed) > 0) {
              recover = RAN_OVER;
              break;
            }
            breaks += countBreaks(s, after, k);
            value = want ? `"${text}"${s.slice(after, k)}` : '';
            filled = true;
            i = k;
          }
        } else {
          let k = i;
          for (; k < n; k++) {
            const c = s.charCodeAt(k);
            if (c === delim) break;
            if (c === LF || c === CR) {
              if (this.isRecordEnd(s, k, n, final)) break;
              if (k + 1 >= n && !final) return this.keep(start, startLine);
              if (!(c === CR && s.charCodeAt(k + 1) === LF)) breaks++;
            }
          }
          if (k >= n && !final) return this.keep(start, startLine);
          value = want ? s.slice(i, k) : '';
          filled = k > i;
          i = k;
        }
        // After a cell: a delimiter, a record delimiter, or the end of the input.
        if (i < n && s.charCodeAt(i) === delim) {
          cells ??= [];
          cells.push(value);
          i++;
          continue;
        }
        if (i >= n) {
          // Only reached when final: the last record has no line break after it.
          if (cells || quoted || filled) {
            cells ??= [];
            cells.push(value);
          } else cells = undefined;
          complete = true;
          break;
        }
        // A record delimiter at i.
        if (cells || quoted || filled) {
          cells ??= [];
          cells.push(value);
        }
        i += s.charCodeAt(i) === CR && s.charCodeAt(i + 1) === LF ? 2 : 1;
        breaks++;
        complete = true;
        break;
      }
      if (recover !== undefined) {
        // Only the row where the quote opened is lost: read on from its next line.
        const eol = nextLineBreak(s, start);
        if (eol < 0 && !final) return this.keep(start, startLine);
        if (startLine >= this.fromLine) problems.push({ line: startLine, detail: recover, raw: s.slice(start, eol < 0 ? n : eol) });
        pos = eol < 0 ? n : eol + (s.charCodeAt(eol) === CR && s.charCodeAt(eol + 1) === LF ? 2 : 1);
        line = startLine + 1;
        continue;
      }
      if (!complete) return this.keep(start, startLine);
      pos = i;
      line = startLine + breaks;
      // Records (and the header) before from_line are not data; empty lines are skipped.
      if (cells && startLine >= this.fromLine) {
        out.push({ cells, line: startLine });
      }
    }
    this.line = line;
    return pos;
  }

  private keep(start: number, startLine: number): number {
    this.line = startLine;
    return start;
  }

  /**
   * Is there a record delimiter at k? Any line break outside quotes is one; a
   * CR at the end of a chunk waits for the next (it may be half of a CRLF).
   */
  private isRecordEnd(s: string, k: number, n: number, final: boolean): boolean {
    const c = s.charCodeAt(k);
    if (c === LF) return true;
    if (c !== CR) return false;
    return k + 1 < n || final;
  }
}

/** Index of the first line break at or after `from`, or -1. */
function nextLineBreak(s: string, from: number): number {
  for (let k = from; k < s.length; k++) {
    const c = s.charCodeAt(k);
    if (c === LF || c === CR) return k;
  }
  return -1;
}

/** Line breaks in s[from, to): CRLF, LF and CR count one each. */
function countBreaks(s: string, from: number, to: number): number {
  let breaks = 0;
  for (let k = from; k < to; k++) {
    const c = s.charCodeAt(k);
    if (c === LF) breaks++;
    else if (c === CR && s.charCodeAt(k + 1) !== LF) breaks++;
  }
  return breaks;
}
