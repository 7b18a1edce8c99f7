import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, runCli } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-dir.js';
import { parseCsv } from '../helpers/parse-csv.js';

/**
 * Every row read is classified or skipped, per input file; each skipped row's
 * file, line and code can be listed with --rejects; --strict stops at the
 * first row the export got wrong.
 */
const DIR = join(FIXTURES, 'bad-input');
const VALUES = join(DIR, 'values.yml');
const A = join(DIR, 'problems.csv');
const B = join(DIR, 'problems-2.csv');
const AS_OF = ['--as-of', '2026-11-01'];

function tmp(): string {
  return tempDir('kindred-acct-');
}

function readRejects(file: string): Record<string, string>[] {
  const text = readFileSync(file, 'utf8');
  const rows = parseCsv(text);
  const header = rows.shift()!;
  return rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ''])));
}

/** The non-blank lines of a file after its header: the rows a reader should account for when no cell holds a line break. */
function dataLines(file: string): number {
  return readFileSync(file, 'utf8')
    .split(/\r\n|\r|\n/)
    .slice(1)
    .filter((l) => l.trim() !== '').length;
}

describe('row accounting, --rejects and --strict', () => {
  it('accounts for every row per input file, and lists every skipped row with file, line and code', () => {
    const dir = tmp();
    const rejects = join(dir, 'rejects.csv');
    const records = join(dir, 'followers.ndjson');
    const r = runCli(['audit', A, B, '--values', VALUES, ...AS_OF, '--format', 'json', '--rejects', rejects, '--followers-out', records]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`wrote ${rejects} (5 skipped rows)`);
    const report = JSON.parse(r.stdout);
    const rows = readRejects(rejects);
    const written = readFileSync(records, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { file: string });
    // Counted apart from the aggregator: the data lines of each file (a broken row still costs
    // only its own line), the follower records written and the rejects listed for it.
    const independent = [A, B].map((file) => [
      dataLines(file),
      written.filter((x) => x.file === file).length,
      rows.filter((x) => x.file === file).length,
    ]);
    expect(report.inputs.map((i: Record<string, number>) => [i.rowsRead, i.classified, i.skipped])).toEqual(independent);
    expect(independent).toEqual([
      [6, 3, 3],
      [4, 2, 2],
    ]);
    expect([report.totals.rowsRead, report.totals.classified, report.totals.skipped]).toEqual([10, written.length, rows.length]);
    expect(rows.map((x) => `${x.file === A ? 'A' : 'B'}:${x.line}:${x.code}`)).toEqual([
      'A:3:MISSING_HANDLE',
      'A:4:DUPLICATE_HANDLE',
      'A:7:MALFORMED_ROW',
      'B:3:MISSING_HANDLE',
      'B:4:MALFORMED_ROW',
    ]);
  });

  it('keeps the original text of a malformed row and the cells of others, with emails blanked unless asked', () => {
    const dir = tmp();
    const rejects = join(dir, 'rejects.csv');
    expect(runCli(['audit', A, '--values', VALUES, ...AS_OF, '--rejects', rejects, '-q']).code).toBe(0);
    const rows = readRejects(rejects);
    const malformed = rows.find((x) => x.code === 'MALFORMED_ROW')!;
    // The leading apostrophe is the spreadsheet guard: the line starts with "@".
    expect(malformed.text).toBe(`'@cal,Cal,"unclosed bio [email removed]`);
    const missing = rows.find((x) => x.code === 'MISSING_HANDLE')!;
    expect(JSON.parse(missing.cells!)).toEqual(['', 'No Handle', 'reader', '[email removed]']);
    expect(readFileSync(rejects, 'utf8')).not.toContain('@example.com');

    const withEmails = join(dir, 'with-emails.csv');
    expect(runCli(['audit', A, '--values', VALUES, ...AS_OF, '--rejects', withEmails, '--include-emails', '-q']).code).toBe(0);
    expect(readFileSync(withEmails, 'utf8')).toContain('nohandle@example.com');
  });

  it('--strict exits 2 at the first unreadable row, naming file and line, and writes nothing', () => {
    const dir = tmp();
    const out = join(dir, 'followers.csv');
    const r = runCli(['audit', A, '--values', VALUES, ...AS_OF, '--strict', '--followers-out', out, '--rejects', join(dir, 'rejects.csv')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`error: ${A}:3: MISSING_HANDLE: no handle in this row`);
    expect(r.stderr).toContain('--strict');
    expect(r.stdout).toBe('');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('--strict lets duplicates and excluded followers through: the data is fine', () => {
    const dir = tmp();
    const file = join(dir, 'export.csv');
    writeFileSync(file, 'handle,bio\n@ana,bookworm\n@ANA,bookworm again\n@staff,reader\n@ben,reader\n');
    const values = join(dir, 'values.yml');
    writeFileSync(values, `${readFileSync(VALUES, 'utf8')}overrides:\n  exclude: ["@staff"]\n`);
    const r = runCli(['audit', file, '--values', values, ...AS_OF, '--strict', '--format', 'json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).dataQuality.skippedByCode).toEqual({ DUPLICATE_HANDLE: 1, EXCLUDED: 1 });
  });

  it('--strict also applies to the interactions log', () => {
    const dir = tmp();
    const log = join(dir, 'interactions.csv');
    writeFileSync(log, 'handle,type,date\n@ana,like,2026-10-01\n,reply,2026-10-02\n');
    const r = runCli(['audit', B, '--values', VALUES, ...AS_OF, '--interactions', log, '--strict']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${log}:3: MISSING_HANDLE`);
  });

  it('--rejects must not name the same file as another output', () => {
    const dir = tmp();
    const same = join(dir, 'same.csv');
    const r = runCli(['audit', A, '--values', VALUES, '--followers-out', same, '--rejects', same]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`--rejects ${same} and --followers-out ${same} are the same file`);
    expect(existsSync(same)).toBe(false);
  });
});
