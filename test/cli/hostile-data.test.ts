import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, runCli } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-dir.js';
import { parseCsv } from '../helpers/parse-csv.js';

const dataRows = (text: string) => parseCsv(text).slice(1);

/**
 * Hostile data stays data: control characters from an export or a values file
 * never reach the terminal raw, CSV cells cannot become formulas, and nothing
 * in a cell is used as a path, a pattern or code.
 */
const DIR = join(FIXTURES, 'hostile');
const EXPORT = join(DIR, 'followers.csv');
const VALUES = join(DIR, 'values.yml');
const AS_OF = ['--as-of', '2026-11-01'];

// Raw characters a terminal would act on: C0 controls except newline, DEL, C1 controls, bidi controls, line separators.
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/;

function expectNoRawControls(text: string) {
  const hit = RAW_CONTROL.exec(text);
  expect(hit ? `raw U+${hit[0].charCodeAt(0).toString(16).padStart(4, '0')} at ${hit.index}: ${JSON.stringify(text.slice(Math.max(0, hit.index - 30), hit.index + 10))}` : null).toBeNull();
}

describe('hostile data through the CLI', () => {
  it('the terminal report shows ANSI, OSC 8, backspaces and bidi overrides escaped', () => {
    const r = runCli(['audit', EXPORT, '--values', VALUES, ...AS_OF]);
    expect(r.code).toBe(0);
    expectNoRawControls(r.stdout);
    expectNoRawControls(r.stderr);
    expect(r.stdout).toContain('@evil\\x1b[31mred');
    expect(r.stdout).toContain('\\x1b]8;;htt');
    expect(r.stdout).toContain('@bidi\\u202e\\u2066x');
    expect(r.stdout).toContain('\\x9b31mC1');
  });

  it('a hostile values file (brand, promise, value names) is escaped in the report and its findings', () => {
    const r = runCli(['audit', EXPORT, '--values', join(DIR, 'values-hostile.yml'), ...AS_OF]);
    expect(r.code).toBe(0);
    expectNoRawControls(r.stdout);
    expect(r.stdout).toContain('Shop \\x1b[5mblink');
    expect(r.stdout).toContain('We \\u202eesrever');
    expect(r.stdout).toContain('Nobody in your audience expresses "unheard \\x1b]8;;http://x\\x1b\\value"');
  });

  it('explain shows every field read escaped, backspaces included', () => {
    const r = runCli(['explain', EXPORT, '--values', VALUES, ...AS_OF, '@evil\u001b[31mred', 'bidi\u202e\u2066x']);
    expect(r.code).toBe(0);
    expectNoRawControls(r.stdout);
    expect(r.stdout).toContain('bookworm \\x1b[2J\\x1b[H cleared \\x08\\x08\\x08xxx \\u202egnp.exe');
    expect(r.stdout).toContain('Eve \\x1b]8;;https://evil.example/\\x1b\\click me');
  });

  it('error messages quoting data are escaped: a handle not found, a hostile header, an unknown flag', () => {
    const notFound = runCli(['explain', EXPORT, '--values', VALUES, '@nobody\u001b[2J\u202e']);
    expect(notFound.code).toBe(2);
    expectNoRawControls(notFound.stderr);
    expect(notFound.stderr).toContain('@nobody\\x1b[2J\\u202e');

    const header = runCli(['audit', join(DIR, 'hostile-header.csv'), '--values', VALUES]);
    expect(header.code).toBe(2);
    expectNoRawControls(header.stderr);
    expect(header.stderr).toContain('no column identifies the followers');

    const flag = runCli(['audit', EXPORT, '--values', VALUES, '--\u001b[31mred']);
    expect(flag.code).toBe(2);
    expectNoRawControls(flag.stderr);
    expect(flag.stderr).toContain("unknown option '--\\x1b[31mred'");
  });

  it('JSON and NDJSON spell terminal controls as escapes yet parse back to the exact data', () => {
    const json = runCli(['audit', EXPORT, '--values', VALUES, ...AS_OF, '--format', 'json', '--include-followers']);
    expect(json.code).toBe(0);
    expectNoRawControls(json.stdout);
    const handles = JSON.parse(json.stdout).followers.map((f: { handle: string }) => f.handle);
    expect(handles).toContain('evil\u001b[31mred');
    expect(handles).toContain('bidi\u202e\u2066x');

    const ndjson = runCli(['audit', EXPORT, '--values', VALUES, ...AS_OF, '--format', 'ndjson']);
    expect(ndjson.code).toBe(0);
    expectNoRawControls(ndjson.stdout);
    const names = ndjson.stdout.trim().split('\n').map((l) => JSON.parse(l).name);
    expect(names).toContain('\u009b31mC1 csi');
  });

  it('CSV output neutralises formula cells (=, +, -, @, tab) in every column', () => {
    const r = runCli(['audit', EXPORT, '--values', VALUES, ...AS_OF, '--format', 'csv']);
    expect(r.code).toBe(0);
    const cells = dataRows(r.stdout);
    for (const row of cells) for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    const handles = cells.map((row) => row[0]);
    expect(handles).toContain("'=cmd|'/c calc'!A1");
    expect(cells.map((row) => row[1])).toContain("'+SUM(1,2)");
  });

  it('a --rejects file is spreadsheet-safe too', () => {
    const dir = tempDir('kindred-hostile-');
    const rejects = join(dir, 'rejects.csv');
    const r = runCli(['audit', join(FIXTURES, 'bad-input', 'problems.csv'), '--values', VALUES, ...AS_OF, '--rejects', rejects, '-q']);
    expect(r.code).toBe(0);
    for (const row of dataRows(readFileSync(rejects, 'utf8'))) for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  });

  it('paths, patterns and code in cells stay data: nothing is created, evaluated or matched as a regex', () => {
    const dir = tempDir('kindred-hostile-');
    const r = runCli(['audit', EXPORT, '--values', VALUES, ...AS_OF, '--format', 'json', '--include-followers'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(readdirSync(dir)).toEqual([]);
    const path = JSON.parse(r.stdout).followers.find((f: { handle: string }) => f.handle === 'path');
    expect(path.name).toBe('../../etc/passwd');
    // "(a+)+$ .*" in the bio matched nothing as a pattern; "reader" matched as a word.
    expect(path.values).toEqual(['reading']);
  });
});
