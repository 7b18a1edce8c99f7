import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CsvLayout, type CsvProblem, type CsvRecord, readCsvRecords } from '../../src/io/csv.js';
import type { OpenedInput } from '../../src/io/open-input.js';

/**
 * Whatever a cell holds (quotes, delimiters, CR/LF of any mix, NUL, emoji,
 * bidi controls, formula text), a row written by a standard RFC 4180 writer is
 * read back field for field, from the line it starts on, however the stream
 * happens to be cut into chunks.
 */

/** A minimal RFC 4180 writer: quote a field when it holds a quote, the delimiter, CR or LF. */
function writeCsv(rows: string[][], delimiter: string, eol: string, quoteAll: boolean): string {
  const field = (s: string) => (quoteAll || s.includes('"') || s.includes(delimiter) || s.includes('\r') || s.includes('\n') ? `"${s.replace(/"/g, '""')}"` : s);
  return rows.map((r) => r.map(field).join(delimiter) + eol).join('');
}

/** Line breaks as an editor counts them: CRLF, LF and CR are one each. */
function lineBreaks(s: string): number {
  return s.split(/\r\n|\n|\r/).length - 1;
}

function fakeInput(chunks: string[]): OpenedInput {
  return {
    name: 'property.csv',
    head: '',
    encoding: 'utf-8',
    bomLength: 0,
    async *text() {
      yield* chunks;
    },
  };
}

/** Cuts text into chunks at code-point boundaries (a decoder never splits a character). */
function cut(text: string, cuts: number[]): string[] {
  const points = Array.from(text);
  const at = [...new Set(cuts.map((c) => Math.floor(c * points.length)))].sort((a, b) => a - b);
  const out: string[] = [];
  let prev = 0;
  for (const i of [...at, points.length]) {
    if (i > prev) out.push(points.slice(prev, i).join(''));
    prev = i;
  }
  return out;
}

async function readAll(text: string, delimiter: string, cuts: number[]) {
  const layout: CsvLayout = { delimiter, headerLine: 0, headers: [], knownHeaders: 0 };
  const problems: CsvProblem[] = [];
  const records: CsvRecord[] = [];
  for await (const r of readCsvRecords(fakeInput(cut(text, cuts)), layout, (p) => problems.push(p))) records.push(r);
  return { records, problems };
}

// Any code point (no lone surrogates, which UTF-8 cannot carry), with the characters CSV cares about made likely.
const cellArb = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.string({ unit: fc.constantFrom('"', ',', ';', '\t', '|', '\r', '\n', ' ', 'a', '=', '\u0000', '\u202e', 'é', '😀'), maxLength: 12 }),
);
// At least two cells: a row holding one empty cell is an empty line, which CSV cannot tell from none.
const rowArb = fc.array(cellArb, { minLength: 2, maxLength: 6 });

describe('CSV reader (property-based)', () => {
  it('reads back any row a standard writer wrote, field for field, with its start line', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(rowArb, { minLength: 1, maxLength: 8 }),
        fc.constantFrom(',', ';', '\t', '|'),
        fc.constantFrom('\n', '\r\n', '\r'),
        fc.boolean(),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 4 }),
        async (rows, delimiter, eol, quoteAll, cuts) => {
          const header = ['h1', 'h2'];
          const text = writeCsv([header, ...rows], delimiter, eol, quoteAll);
          const { records, problems } = await readAll(text, delimiter, cuts);
          expect(problems).toEqual([]);
          expect(records.map((r) => r.cells)).toEqual(rows);
          // Each row starts on the line after the previous one ends.
          let line = 2;
          rows.forEach((row, i) => {
            expect(records[i]!.line).toBe(line);
            line += lineBreaks(writeCsv([row], delimiter, '', quoteAll)) + 1;
          });
        },
      ),
      { numRuns: 300 },
    );
  });

  it('a quote left open in any row costs that row only: the rows after it are still read', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(fc.string({ unit: fc.constantFrom('a', 'b', ' ', '@', 'é'), maxLength: 8 }), { minLength: 2, maxLength: 4 }), {
          minLength: 1,
          maxLength: 8,
        }),
        fc.nat(),
        fc.constantFrom('\n', '\r\n'),
        async (rows, pick, eol) => {
          const broken = pick % rows.length;
          const lines = [['h1', 'h2'], ...rows].map((r) => r.join(','));
          // An opening quote on the last cell that is never closed.
          lines[broken + 1] = `${rows[broken]!.slice(0, -1).join(',')},"${rows[broken]!.at(-1)}`;
          const { records, problems } = await readAll(lines.join(eol) + eol, ',', []);
          expect(problems).toEqual([expect.objectContaining({ line: broken + 2, code: 'MALFORMED_ROW', raw: lines[broken + 1] })]);
          expect(records.map((r) => r.cells)).toEqual(rows.filter((_, i) => i !== broken));
          expect(records.map((r) => r.line)).toEqual(rows.map((_, i) => i + 2).filter((l) => l !== broken + 2));
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('CSV reader: a stray quote among well-quoted rows (property-based)', () => {
  it('costs only its own row, even when a later quote pairs with it', async () => {
    const plain = fc.string({ unit: fc.constantFrom('a', 'b', ' ', '@', 'é', "'"), minLength: 1, maxLength: 8 });
    await fc.assert(
      fc.asyncProperty(
        // Left out, as CSV cannot tell them from real multi-line cells (see test/README.md): a later
        // quoted cell opening on a delimiter (it closes the stray quote validly), and later
        // multi-line cells (their line break ends the run-on row early), and a quote followed by NUL
        // (csv-parse reads that pair as neither an escape nor a close).
        // The stray quote's own row is built from plain cells.
        fc.array(fc.array(cellArb.filter((c) => !/^"*[,\u0000]|[\r\n]|"\u0000/.test(c)), { minLength: 2, maxLength: 6 }), { minLength: 1, maxLength: 6 }),
        fc.array(plain, { minLength: 2, maxLength: 3 }),
        fc.nat(),
        fc.constantFrom('\n', '\r\n'),
        async (rows, brokenCells, pick, eol) => {
          const at = pick % (rows.length + 1);
          const written = rows.map((r) => writeCsv([r], ',', '', false));
          const brokenLine = `${brokenCells.slice(0, -1).join(',')},"${brokenCells.at(-1)}`;
          const lines = ['h1,h2', ...written.slice(0, at), brokenLine, ...written.slice(at)];
          const { records, problems } = await readAll(lines.join(eol) + eol, ',', []);
          const brokenLineNo = 2 + written.slice(0, at).reduce((n, w) => n + lineBreaks(w) + 1, 0);
          expect(problems).toEqual([expect.objectContaining({ line: brokenLineNo, code: 'MALFORMED_ROW', raw: brokenLine })]);
          expect(records.map((r) => r.cells)).toEqual(rows);
        },
      ),
      { numRuns: 300 },
    );
  });
});
