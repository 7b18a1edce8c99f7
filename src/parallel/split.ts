import type { Piece } from './protocol.js';

const LF = 10;
const CR = 13;

/**
 * Cuts decoded text into pieces of about `size` characters, each ending on a
 * line break, for worker threads to read at the same time. The first piece
 * runs at least past line `headerLines` (the header and any preamble stay in
 * it). A line break inside a quoted cell is a wrong cut; the reader sees the
 * piece end mid-record and reads the next piece again with that end in front
 * of it (see read-parallel.ts), so a cut is only a guess about speed, never
 * about what is read.
 */
export async function* splitText(text: AsyncIterable<string>, size: number, headerLines = 0): AsyncGenerator<Piece> {
  let buf = '';
  let searchFrom = size;
  let first = true;
  for await (const chunk of text) {
    buf = buf ? buf + chunk : chunk;
    while (buf.length > searchFrom) {
      const header = first ? afterLines(buf, headerLines) : 0;
      const cut = header < 0 ? undefined : nextLineEnd(buf, Math.max(searchFrom, header));
      if (!cut) {
        // No line break yet (a very long record): look again once more text has come.
        searchFrom = buf.length;
        break;
      }
      const piece = buf.slice(0, cut.at);
      buf = buf.slice(cut.at);
      yield { text: piece, final: false, endsWithBreak: cut.loneCr };
      first = false;
      searchFrom = size;
    }
  }
  yield { text: buf, final: true, endsWithBreak: false };
}

/** Just after the first line end at or after `from`; undefined until it is known (a CR last may be half of a CRLF). */
function nextLineEnd(s: string, from: number): { at: number; loneCr: boolean } | undefined {
  const lf = s.indexOf('\n', from);
  const cr = s.indexOf('\r', from);
  if (cr < 0 || (lf >= 0 && lf < cr)) return lf < 0 ? undefined : { at: lf + 1, loneCr: false };
  if (cr + 1 >= s.length) return undefined;
  return s.charCodeAt(cr + 1) === LF ? { at: cr + 2, loneCr: false } : { at: cr + 1, loneCr: true };
}

/** Where line `lines + 1` starts (after `lines` line ends), or -1 when the text does not reach it yet. */
function afterLines(s: string, lines: number): number {
  let at = 0;
  for (let n = 0; n < lines; n++) {
    const end = nextLineEnd(s, at);
    if (!end) return -1;
    at = end.at;
  }
  return at;
}

/** Line breaks in `s`: CRLF, LF and CR count one each (as the CSV scanner counts lines). */
export function countLineBreaks(s: string): number {
  let breaks = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === LF) breaks++;
    else if (c === CR && s.charCodeAt(i + 1) !== LF) breaks++;
  }
  return breaks;
}
