import { RAW_KEPT, ROW_LIMITS, type RowLimits, tooLarge } from './limits.js';

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
 * A row larger than the limits (limits.ts: 1 MB a cell, 16 MB a row) is a
 * problem too. A cell too large costs its row; a row too large, whether a
 * line without end or a quote that runs on, is skipped from where it starts
 * to its first line break, and reading resumes on the next line (as for a
 * stray quote): only up to one row's limit is ever held, however long the
 * line. Its text is left out of `consumed` (an empty line stands in its place,
 * so line numbers hold), and its problem is marked `withheld`.
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
  /** The row's original text (its first line; the start of it for a row too large). */
  raw?: string;
  /** A row too large: its text is not in `consumed`, so a reader of that text will not find this problem itself. */
  withheld?: true;
}

const UNCLOSED = 'a quote opened in this row is never closed (a stray quote, or the file was cut off); the row was skipped';
const RAN_OVER = 'a quote opened in this row is not closed where the row ends; the lines it ran over are read as rows of their own';

const QUOTE = 34;
const CR = 13;
const LF = 10;

/**
 * What stands in `consumed` for a row too large: an empty line. CRLF, because
 * it is one line break whatever comes before or after it (a lone LF after a
 * CR, or a lone CR before an LF, would merge into one break with it).
 */
const STAND_IN = '\r\n';

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
  private readonly limits: RowLimits;
  /** Dropping the rest of a row too large: to its line break, or only the LF of a CRLF cut between chunks. */
  private skipping: 'line' | 'lf' | undefined;
  private consumedParts: string[] = [];
  private consumedLength = 0;

  /**
   * `startLine` is the line number of the first character pushed: a scanner
   * can start at any record boundary of a file (a worker thread's share of it).
   * `only`: the columns whose text is wanted; the others read as '' (records,
   * lines and problems are the same), for a reader that needs only the keys.
   */
  constructor(delimiter: string, fromLine = 1, startLine = 1, only?: readonly number[], limits: RowLimits = ROW_LIMITS) {
    if (delimiter.length !== 1) throw new Error('the CSV scanner takes a one-character delimiter');
    this.delim = delimiter.charCodeAt(0);
    this.fromLine = fromLine;
    this.line = startLine;
    this.limits = limits;
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
    this.startConsumed();
    if (this.skipping) text = this.skipRest(text);
    if (text) this.take(text, out, problems);
    this.endConsumed();
  }

  /**
   * Where the last push or end left out a row too large: the offset in
   * `consumed` just after its stand-in, and the line that follows. A reader of
   * `consumed` must start afresh there (the skipped text may have closed a
   * quote opened before it); see parallel/read-parallel.ts.
   */
  cuts: { at: number; line: number }[] = [];

  private startConsumed(): void {
    this.consumedParts = [];
    this.consumedLength = 0;
    this.cuts = [];
  }

  private endConsumed(): void {
    this.consumed = this.consumedParts.join('');
    this.consumedParts = [];
  }

  private pass(text: string): void {
    if (!text) return;
    this.consumedParts.push(text);
    this.consumedLength += text.length;
  }

  /** An empty line stands in for a row too large; `line` is the one after it. */
  private standIn(line: number): void {
    this.pass(STAND_IN);
    this.cuts.push({ at: this.consumedLength, line });
  }

  private take(text: string, out: ScannedRecord[], problems: ScanProblem[]): void {
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
    for (;;) {
      const consumed = this.scan(text, false, out, problems);
      if (consumed >= text.length) return;
      const rest = text.slice(consumed);
      // A record of up to the limit is complete once one character after it is seen.
      if (rest.length <= this.limits.row + 1) {
        if (rest.length >= RESCAN_FLOOR) {
          this.pendingParts = [rest];
          this.pendingLength = rest.length;
          // Waits no longer than one row past the limit: no more is ever held.
          this.waitFor = Math.min(rest.length * 2, this.limits.row + 2);
        } else this.pending = rest;
        return;
      }
      // An unfinished row already past the limit: skipped from its start to its first line break.
      const eol = nextLineBreak(rest, 0);
      this.reportTooLarge(this.line, rest, eol < 0 ? rest.length : eol, problems);
      if (eol < 0) {
        this.skipping = 'line';
        return;
      }
      text = this.afterBreak(rest, eol);
      if (!text) return;
    }
  }

  /** Drops the rest of a row too large, up to its line break; returns the text after it. */
  private skipRest(text: string): string {
    if (this.skipping === 'lf') {
      this.skipping = undefined;
      return text.charCodeAt(0) === LF ? text.slice(1) : text;
    }
    const eol = nextLineBreak(text, 0);
    if (eol < 0) return '';
    this.skipping = undefined;
    return this.afterBreak(text, eol);
  }

  /**
   * Ends the skipped row at its line break `eol` and returns the text after
   * it. A CR at the very end may be half of a CRLF: the LF, if the next chunk
   * starts with one, is dropped then.
   */
  private afterBreak(text: string, eol: number): string {
    const cr = text.charCodeAt(eol) === CR;
    this.line++;
    this.standIn(this.line);
    if (cr && eol + 1 === text.length) {
      this.skipping = 'lf';
      return '';
    }
    return text.slice(eol + (cr && text.charCodeAt(eol + 1) === LF ? 2 : 1));
  }

  private reportTooLarge(line: number, text: string, lineEnd: number, problems: ScanProblem[]): void {
    if (line < this.fromLine) return;
    // The start of its line only, and never past the limit: the same text however the input was chunked.
    problems.push({ line, detail: tooLarge('row', this.limits), raw: text.slice(0, Math.min(lineEnd, RAW_KEPT, this.limits.row)), withheld: true });
  }

  /** The end of the input: the last record (or an unclosed quote). */
  end(out: ScannedRecord[], problems: ScanProblem[]): void {
    const text = this.waitFor > 0 ? this.pendingParts.join('') : this.pending;
    this.pending = '';
    this.pendingParts = [];
    this.waitFor = 0;
    this.skipping = undefined;
    this.startConsumed();
    if (text) this.scan(text, true, out, problems);
    this.endConsumed();
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
    const cellLimit = this.limits.cell;
    let pos = 0;
    let line = this.line;
    // Start of the text not yet passed to `consumed`.
    let passed = 0;
    while (pos < n) {
      const start = pos;
      const startLine = line;
      let cells: string[] | undefined;
      let i = pos;
      let breaks = 0;
      let complete = false;
      let recover: string | undefined;
      let bigCell = false;
      // How far the scan of a record went before it was found unreadable.
      let reach = n;
      // One record: fields until a record delimiter or the end.
      for (;;) {
        let value: string;
        let quoted = false;
        // Whether the cell has any text (an empty line is skipped), even where its text is not kept.
        let filled = false;
        const want = only === undefined || only[cells === undefined ? 0 : cells.length] === 1;
        const cellStart = i;
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
            if (!final) return this.keep(s, passed, start, startLine);
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
            if (k >= n && !final) return this.keep(s, passed, start, startLine);
            if (countBreaks(s, i + 1, closed) > 0) {
              recover = RAN_OVER;
              reach = k;
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
              if (k + 1 >= n && !final) return this.keep(s, passed, start, startLine);
              if (!(c === CR && s.charCodeAt(k + 1) === LF)) breaks++;
            }
          }
          if (k >= n && !final) return this.keep(s, passed, start, startLine);
          value = want ? s.slice(i, k) : '';
          filled = k > i;
          i = k;
        }
        if (i - cellStart > cellLimit) bigCell = true;
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
      if (recover !== undefined && reach - start <= this.limits.row) {
        // Only the row where the quote opened is lost: read on from its next line.
        const eol = nextLineBreak(s, start);
        if (eol < 0 && !final) return this.keep(s, passed, start, startLine);
        if (startLine >= this.fromLine) problems.push({ line: startLine, detail: recover, raw: s.slice(start, eol < 0 ? n : eol) });
        pos = eol < 0 ? n : eol + (s.charCodeAt(eol) === CR && s.charCodeAt(eol + 1) === LF ? 2 : 1);
        line = startLine + 1;
        continue;
      }
      if (recover === undefined && !complete) return this.keep(s, passed, start, startLine);
      if (recover !== undefined || i - start > this.limits.row) {
        // Too large, though complete: skipped as an unfinished one would be, so the verdict does not depend on where chunks end.
        const eol = nextLineBreak(s, start);
        const end = eol < 0 ? n : eol + (s.charCodeAt(eol) === CR && s.charCodeAt(eol + 1) === LF ? 2 : 1);
        this.reportTooLarge(startLine, s.slice(start, start + RAW_KEPT), eol < 0 ? RAW_KEPT : eol - start, problems);
        this.pass(s.slice(passed, start));
        if (eol >= 0) this.standIn(startLine + 1);
        passed = end;
        pos = end;
        line = startLine + 1;
        continue;
      }
      pos = i;
      line = startLine + breaks;
      // Records (and the header) before from_line are not data; empty lines are skipped.
      if (cells && startLine >= this.fromLine) {
        if (bigCell) problems.push({ line: startLine, detail: tooLarge('cell', this.limits), raw: firstLine(s, start, RAW_KEPT) });
        else out.push({ cells, line: startLine });
      }
    }
    this.pass(s.slice(passed, pos));
    this.line = line;
    return pos;
  }

  /** Stops before an unfinished record at `start`: what came before it is consumed. */
  private keep(s: string, passed: number, start: number, startLine: number): number {
    this.pass(s.slice(passed, start));
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

/** The first line of the text at `from`, at most `max` characters of it. */
function firstLine(s: string, from: number, max: number): string {
  const eol = nextLineBreak(s, from, from + max);
  return s.slice(from, eol < 0 ? Math.min(s.length, from + max) : eol);
}

/** Index of the first line break at or after `from` (and before `to`), or -1. */
function nextLineBreak(s: string, from: number, to = s.length): number {
  for (let k = from; k < Math.min(to, s.length); k++) {
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
