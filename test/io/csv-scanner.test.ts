import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvParseOptions } from '../../src/io/csv.js';
import { CsvScanner, type ScannedRecord, type ScanProblem } from '../../src/io/csv-scanner.js';

/** Scans text fed in the given chunk sizes (to cross every boundary). */
function scan(text: string, delimiter = ',', fromLine = 1, chunks: number[] = []) {
  const scanner = new CsvScanner(delimiter, fromLine);
  const out: ScannedRecord[] = [];
  const problems: ScanProblem[] = [];
  let at = 0;
  for (const size of chunks) {
    if (at >= text.length) break;
    scanner.push(text.slice(at, at + size), out, problems);
    at += size;
  }
  if (at < text.length) scanner.push(text.slice(at), out, problems);
  scanner.end(out, problems);
  return { out, problems };
}

/** What csv-parse makes of the text with kindred's options; lines as kindred computed them from info.lines. */
function reference(text: string, delimiter = ',', fromLine = 1) {
  let skipped = 0;
  const records = parse(text, {
    ...csvParseOptions(delimiter, fromLine),
    on_skip: () => {
      skipped++;
    },
  }) as unknown as { record: string[]; info: { lines: number } }[];
  return {
    cells: records.map((r) => r.record),
    lines: records.map((r) => r.info.lines - r.record.reduce((n, c) => n + (c.match(/\n/g)?.length ?? 0), 0)),
    skipped,
  };
}

describe('CSV scanner', () => {
  it('reads quoted commas, doubled quotes and quoted newlines', () => {
    const { out } = scan('a,b\n"x, y","say ""hi""\nthere",z\n');
    expect(out.map((r) => r.cells)).toEqual([
      ['a', 'b'],
      ['x, y', 'say "hi"\nthere', 'z'],
    ]);
    expect(out.map((r) => r.line)).toEqual([1, 2]);
  });

  it('reads CRLF files, skips empty lines and keeps ragged rows', () => {
    const { out } = scan('h1,h2\r\n\r\na\r\nb,c,d\r\n');
    expect(out).toEqual([
      { cells: ['h1', 'h2'], line: 1 },
      { cells: ['a'], line: 3 },
      { cells: ['b', 'c', 'd'], line: 4 },
    ]);
  });

  it('gives each record the line it starts on, counting CRLF inside quotes as one break', () => {
    const { out } = scan('h\r\n"one\r\ntwo"\r\nnext\r\n');
    expect(out.map((r) => r.line)).toEqual([1, 2, 4]);
  });

  it('starts at fromLine, so the header and preamble are not records', () => {
    const { out } = scan('sep=;\nname;bio\nana;"x;y"\n', ';', 3);
    expect(out).toEqual([{ cells: ['ana', 'x;y'], line: 3 }]);
  });

  it('keeps stray quotes as text, as csv-parse relax_quotes does', () => {
    const { out } = scan('a "b" c,"q"r,x\n');
    expect(out[0]?.cells).toEqual(['a "b" c', '"q"r', 'x']);
  });

  it('reports a quote left open at the end of a truncated file as a problem, with the line it opened on', () => {
    const { out, problems } = scan('h\nok\n"never closed\nmore\n');
    expect(out.map((r) => r.cells)).toEqual([['h'], ['ok']]);
    expect(problems).toHaveLength(1);
    expect(problems[0]?.line).toBe(3);
  });

  it('finds a record delimiter split across chunks', () => {
    const text = 'a,b\r\nc,"d\r\ne"\r\nf\r\n';
    for (let size = 1; size < text.length; size++) {
      expect(scan(text, ',', 1, new Array(text.length).fill(size)).out).toEqual(scan(text).out);
    }
  });

  it('stays linear on a quote that never closes', () => {
    const scanner = new CsvScanner(',');
    const out: ScannedRecord[] = [];
    const problems: ScanProblem[] = [];
    scanner.push('h\n"', out, problems);
    const chunk = 'x'.repeat(64 * 1024);
    for (let i = 0; i < 200; i++) scanner.push(chunk, out, problems);
    scanner.end(out, problems);
    expect(problems).toHaveLength(1);
    expect(out).toHaveLength(1);
  });

  // The scanner replaces csv-parse in the read path: any text, any chunking, same records.
  const piece = fc.constantFrom('a', 'b', 'é', '🙂', ' ', ',', ';', '"', '""', '\n', '\r\n', '\r', 'x y', '1.2K');
  const csvText = fc.array(piece, { maxLength: 60 }).map((xs) => xs.join(''));
  const chunking = fc.array(fc.integer({ min: 1, max: 12 }), { maxLength: 20 });

  it('reads the same cells as csv-parse with kindred options, for any text and chunking', () => {
    fc.assert(
      fc.property(csvText, chunking, fc.constantFrom(',', ';'), (text, chunks, delimiter) => {
        const ref = reference(text, delimiter);
        const got = scan(text, delimiter, 1, chunks);
        expect(got.out.map((r) => r.cells)).toEqual(ref.cells);
        expect(got.problems.length).toBe(ref.skipped);
      }),
      { numRuns: 3000 },
    );
  });

  it('gives the same line numbers as csv-parse when line breaks are LF', () => {
    const lfPiece = fc.constantFrom('a', 'é', ' ', ',', '"', '""', '\n', '\n\n', 'x y');
    fc.assert(
      fc.property(fc.array(lfPiece, { maxLength: 60 }).map((xs) => xs.join('')), chunking, fc.integer({ min: 1, max: 3 }), (text, chunks, fromLine) => {
        const ref = reference(text, ',', fromLine);
        const got = scan(text, ',', fromLine, chunks);
        expect(got.out.map((r) => r.cells)).toEqual(ref.cells);
        expect(got.out.map((r) => r.line)).toEqual(ref.lines);
      }),
      { numRuns: 3000 },
    );
  });
});
