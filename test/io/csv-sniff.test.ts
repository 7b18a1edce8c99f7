import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sniffCsvLayout, splitLine } from '../../src/io/csv.js';

// Adversarial lines of 1 MB: the old sniffer trimmed the growing cell at every
// quote (91 s for 200 KB). Linear work finishes these in milliseconds; the
// generous timeout only catches a return of the quadratic path.
const MB = 1_000_000;
const GENEROUS = { timeout: 15_000 };

describe('splitLine', () => {
  it('keeps the header-line semantics: quoted cells, doubled quotes, a quote inside text', () => {
    expect(splitLine('"a,b",c', ',')).toEqual(['a,b', 'c']);
    expect(splitLine('"say ""hi""",x', ',')).toEqual(['say "hi"', 'x']);
    expect(splitLine('6\'2",tall', ',')).toEqual(['6\'2"', 'tall']);
    expect(splitLine('  "quoted after spaces";b', ';')).toEqual(['quoted after spaces', 'b']);
    expect(splitLine('ab "cd"|e', '|')).toEqual(['ab "cd"', 'e']);
  });

  it('splits any short line as the character-by-character reading does', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('"', ',', ' ', 'a', '\t') }), (line) => {
        expect(splitLine(line, ',')).toEqual(splitByChar(line, ','));
      }),
      { numRuns: 2000 },
    );
  });

  it('reads a cell of a million quotes after text in linear time', GENEROUS, () => {
    const cells = splitLine(`x,y,a${'"'.repeat(MB)}`, ',');
    expect(cells).toHaveLength(3);
    expect(cells[2]).toHaveLength(MB + 1);
  });

  it('reads a million alternating quotes and spaces in linear time', GENEROUS, () => {
    const cells = splitLine(`a${' "'.repeat(MB / 2)},b`, ',');
    expect(cells.at(-1)).toBe('b');
  });
});

describe('sniffCsvLayout', () => {
  it('finds the header above a 1 MB row of quotes', GENEROUS, () => {
    const layout = sniffCsvLayout(`handle,name,bio\nx,y,a${'"'.repeat(MB)}\n`);
    expect(layout?.headers).toEqual(['handle', 'name', 'bio']);
  });

  it('gets through a deeply nested JSON element sniffed as CSV (100,000 levels)', GENEROUS, () => {
    const depth = 100_000;
    const layout = sniffCsvLayout(`[${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}]`);
    expect(layout?.knownHeaders).toBe(0);
  });
});

/** The plain reading splitLine must agree with: one character at a time, a quote opening a cell only while the cell is blank. */
function splitByChar(line: string, delimiter: string): string[] {
  const cells: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch !== '"') cur += ch;
      else if (line[i + 1] === '"') {
        cur += '"';
        i++;
      } else quoted = false;
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
