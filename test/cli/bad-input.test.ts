import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeZip } from '../helpers/make-zip.js';
import { BIN, FERNLEAF, FIXTURES, runCli } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-dir.js';

/**
 * The bad-input matrix (test/README.md lists it): every case gets a clear
 * message naming the file (and line), the documented exit code, and never a
 * stack trace; rows that are read are all accounted for.
 */
const DIR = join(FIXTURES, 'bad-input');
const VALUES = join(DIR, 'values.yml');
const fixture = (name: string) => join(DIR, name);
const AS_OF = ['--as-of', '2026-11-01'];

function audit(file: string, extra: string[] = []) {
  return runCli(['audit', file, '--values', VALUES, ...AS_OF, ...extra]);
}

/** Audits to JSON with per-follower records; checks the accounting invariant on the way. */
function auditJson(file: string, extra: string[] = []) {
  const r = audit(file, ['--format', 'json', '--include-followers', ...extra]);
  expect(r.stderr).not.toMatch(/\n\s+at /);
  expect(r.code).toBe(0);
  const report = JSON.parse(r.stdout);
  for (const input of report.inputs) expect(input.rowsRead).toBe(input.classified + input.skipped);
  expect(report.totals.rowsRead).toBe(report.totals.classified + report.totals.skipped);
  return report as {
    totals: { rowsRead: number; classified: number; skipped: number };
    inputs: { columns: string[] }[];
    dataQuality: { skippedByCode: Record<string, number>; skippedSamples: { line: number; code: string; detail?: string }[] };
    followers: { handle: string; line: number; values: string[] }[];
  };
}

function expectUserError(r: { code: number | null; stderr: string }, ...fragments: (string | RegExp)[]) {
  expect(r.code).toBe(2);
  expect(r.stderr).toMatch(/^error: /);
  expect(r.stderr).not.toMatch(/\n\s+at /);
  expect(r.stderr).not.toContain('internal error');
  for (const f of fragments) expect(r.stderr).toMatch(f);
}

function tmp(): string {
  return tempDir('kindred-bad-');
}

describe('bad follower exports', () => {
  it('an empty file: exit 2, "the file is empty"', () => {
    expectUserError(audit(fixture('empty.csv')), 'empty.csv: the file is empty');
  });

  it('only a byte-order mark and blank lines: exit 2, empty (also on standard input)', () => {
    expectUserError(audit(fixture('blank-lines.csv')), 'blank-lines.csv: the file is empty (nothing but blank lines');
    expectUserError(runCli(['audit', '-', '--values', VALUES], { input: '\n\n' }), 'standard input: the file is empty');
  });

  it('a header with no rows: a report of zero followers, not an error', () => {
    const report = auditJson(fixture('header-only.csv'));
    expect(report.totals).toEqual({ rowsRead: 0, classified: 0, skipped: 0 });
    const table = audit(fixture('header-only.csv'));
    expect(table.code).toBe(0);
    expect(table.stdout).toContain('0 rows read');
  });

  it('a PNG renamed .csv: exit 2, refused as binary', () => {
    expectUserError(audit(fixture('image.csv')), 'image.csv:', 'binary file');
  });

  it('a file cut off inside a quoted field: the last row is skipped as MALFORMED_ROW, the rest classified', () => {
    const report = auditJson(fixture('truncated-quote.csv'));
    expect(report.totals).toEqual({ rowsRead: 3, classified: 2, skipped: 1 });
    expect(report.dataQuality.skippedSamples).toEqual([expect.objectContaining({ line: 4, code: 'MALFORMED_ROW' })]);
    expect(report.followers.map((f) => f.handle)).toEqual(['ana', 'ben']);
  });

  it('a quote never closed in the middle: that row is skipped, the rows after it are read', () => {
    const report = auditJson(fixture('unclosed-quote.csv'));
    expect(report.totals).toEqual({ rowsRead: 5, classified: 4, skipped: 1 });
    expect(report.dataQuality.skippedSamples).toEqual([expect.objectContaining({ line: 3, code: 'MALFORMED_ROW' })]);
    expect(report.followers.map((f) => `${f.handle}:${f.line}`)).toEqual(['ana:2', 'cal:4', 'dee:5', 'eve:6']);
  });

  it('a stray quote that pairs with a quote rows later (6\'2"): only its own row is lost, legit multi-line cells are kept', () => {
    const report = auditJson(fixture('stray-quote.csv'));
    expect(report.totals).toEqual({ rowsRead: 7, classified: 6, skipped: 1 });
    expect(report.dataQuality.skippedSamples).toEqual([expect.objectContaining({ line: 3, code: 'MALFORMED_ROW' })]);
    expect(report.followers.map((f) => `${f.handle}:${f.line}`)).toEqual(['ana:2', 'cal:4', 'dee:5', 'eve:6', 'fay:7', 'gus:9']);
  });

  it('--strict turns that malformed row into exit 2 naming file and line', () => {
    expectUserError(audit(fixture('unclosed-quote.csv'), ['--strict']), 'unclosed-quote.csv:3: MALFORMED_ROW', '--strict');
  });

  it('a 1 MB bio (up to the cell limit) is read whole and matched', () => {
    const dir = tmp();
    const file = join(dir, 'big-bio.csv');
    const bio = `${'lorem ipsum dolor '.repeat(58_000)} bookworm`;
    writeFileSync(file, `handle,bio\n@long,"${bio}"\n@short,reader\n`);
    expect(bio.length).toBeGreaterThan(1_000_000);
    expect(bio.length).toBeLessThanOrEqual(1024 * 1024);
    const report = auditJson(file);
    expect(report.totals).toEqual({ rowsRead: 2, classified: 2, skipped: 0 });
    expect(report.followers.find((f) => f.handle === 'long')?.values).toEqual(['reading']);
  });

  it('a cell past 1 MB costs its row (MALFORMED_ROW, too large); the rows after it are read', () => {
    const file = join(tmp(), 'huge-cell.csv');
    writeFileSync(file, `handle,bio\n@a,reader\n@huge,"${'x'.repeat(1024 * 1024 + 1)}"\n@b,bookworm\n`);
    const report = auditJson(file);
    expect(report.totals).toEqual({ rowsRead: 3, classified: 2, skipped: 1 });
    expect(report.dataQuality.skippedSamples).toEqual([expect.objectContaining({ line: 3, code: 'MALFORMED_ROW', detail: expect.stringContaining('larger than 1 MB') })]);
  });

  // Heap capped at 64 MB: a line of 48 MB is read in flat memory, or the run dies (a 100 MB line took 4.5 GB).
  const SMALL_HEAP = { NODE_OPTIONS: '--max-old-space-size=64' };

  it('a 48 MB line without end (and an unbalanced quote) costs one row each, in flat memory; every other row is read', { timeout: 60_000 }, () => {
    const file = join(tmp(), 'endless-line.csv');
    const rows = Array.from({ length: 50 }, (_, i) => `@r${i},reader`).join('\n');
    writeFileSync(file, `handle,bio\n@a,"unbalanced quote\n${rows}\n@long,${'y'.repeat(48 * 1024 * 1024)}\n@z,bookworm\n`);
    const reports: string[] = [];
    for (const threads of ['0', '2']) {
      const args = ['audit', file, '--values', VALUES, ...AS_OF, '--format', 'json', '--threads', threads, '--parallel-min-bytes', '0'];
      const r = runCli(args, { env: SMALL_HEAP });
      reports.push(r.stdout);
      const report = (() => {
        expect(r.stderr).not.toMatch(/\n\s+at /);
        expect(r.code).toBe(0);
        return JSON.parse(r.stdout);
      })();
      expect(report.totals).toEqual({ rowsRead: 53, classified: 51, skipped: 2 });
      expect(report.dataQuality.skippedSamples.map((s: { line: number; detail: string }) => [s.line, s.detail.slice(0, 30)])).toEqual([
        [2, 'the row is larger than 16 MB ('],
        [53, 'the row is larger than 16 MB ('],
      ]);
    }
    // Worker threads read what one thread reads, byte for byte.
    expect(reports[1]).toBe(reports[0]);
  });

  it('an endless row on standard input: one row skipped, exit 0, with a 64 MB heap', { timeout: 60_000 }, () => {
    const input = Buffer.concat([Buffer.from('handle,bio\n@a,reader\n@b,'), Buffer.alloc(48 * 1024 * 1024, 'z'), Buffer.from('\n@c,reader\n')]);
    const r = runCli(['audit', '-', '--values', VALUES, ...AS_OF, '--format', 'json', '--threads', '0'], { input, env: SMALL_HEAP });
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).totals).toEqual({ rowsRead: 3, classified: 2, skipped: 1 });
  });

  it('an Instagram entry holding a 48 MB string is skipped as too large, with a 64 MB heap', { timeout: 60_000 }, () => {
    const file = join(tmp(), 'followers_1.json');
    const entry = (name: string) => `{"title":"","media_list_data":[],"string_list_data":[{"href":"https://www.instagram.com/${name}","value":"${name}","timestamp":1700000000}]}`;
    writeFileSync(file, `[${entry('ann')},{"title":"${'q'.repeat(48 * 1024 * 1024)}"},${entry('bo')}]`);
    const r = runCli(['audit', file, '--values', VALUES, ...AS_OF, '--format', 'json'], { env: SMALL_HEAP });
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.totals).toEqual({ rowsRead: 3, classified: 2, skipped: 1 });
    // The 1 MB a text may hold is met before the 16 MB an entry may: either way the entry is named and skipped.
    expect(report.dataQuality.skippedSamples[0].detail).toMatch(/^entry 2: (the entry|a text in the entry) is larger than/);
  });

  it('a platform zip whose follower file (over 64 KB, read only to its closing "]") fails its checksum: exit 2', () => {
    const followers = Array.from({ length: 1500 }, (_, i) => `{"follower":{"accountId":"${1000 + i}","userLink":"https://twitter.com/intent/user?user_id=${1000 + i}"}}`);
    const data = Buffer.from(`window.YTD.follower.part0 = [${followers.join(',\n')}]\n`);
    expect(data.length).toBeGreaterThan(64 * 1024);
    const file = join(tmp(), 'twitter-2026-11-01-0a1b2c.zip');
    writeFileSync(file, makeZip([{ name: 'data/follower.js', data, crc: 0x1234 }]));
    expectUserError(audit(file), 'data/follower.js: the zip is damaged: its content does not match its checksum');
    writeFileSync(file, makeZip([{ name: 'data/follower.js', data, size: 10 }]));
    expectUserError(audit(file), "data/follower.js: the zip is damaged: a file's size does not match");
    writeFileSync(file, makeZip([{ name: 'data/follower.js', data }]));
    expect(auditJson(file).totals.classified).toBe(1500);
  });

  it('a zip bomb (20 MB of spaces as followers_1.json) and an encrypted entry: exit 2 saying why, before inflating', () => {
    const file = join(tmp(), 'instagram-2026-11-01.zip');
    writeFileSync(file, makeZip([{ name: 'connections/followers_and_following/followers_1.json', data: Buffer.alloc(20 * 1024 * 1024, ' ') }]));
    expectUserError(audit(file), 'followers_1.json: this file in the zip is compressed more than 100 to 1', 'zip bomb');
    writeFileSync(file, makeZip([{ name: 'connections/followers_and_following/followers_1.json', data: Buffer.from('[]'), encrypted: true }]));
    expectUserError(audit(file), 'followers_1.json: this file in the zip is encrypted');
  });

  it('10,000 columns: the header is read whole (wider than the 64 KB first look)', () => {
    const dir = tmp();
    const file = join(dir, 'wide.csv');
    const header = ['handle', ...Array.from({ length: 9_998 }, (_, i) => `extra column ${i + 1}`), 'bio'];
    const row = ['@wide', ...Array.from({ length: 9_998 }, (_, i) => `v${i}`), 'bookworm'];
    writeFileSync(file, `${header.join(',')}\n${row.join(',')}\n@narrow\n`);
    const report = auditJson(file);
    expect(report.inputs[0]!.columns).toHaveLength(10_000);
    expect(report.totals).toEqual({ rowsRead: 2, classified: 2, skipped: 0 });
    expect(report.followers.find((f) => f.handle === 'wide')?.values).toEqual(['reading']);
  });

  it('a NUL byte inside a cell is data, not a reason to call the file binary', () => {
    const report = auditJson(fixture('nul-byte.csv'));
    expect(report.totals).toEqual({ rowsRead: 2, classified: 2, skipped: 0 });
    const explain = runCli(['explain', fixture('nul-byte.csv'), '--values', VALUES, 'ana']);
    expect(explain.code).toBe(0);
    expect(explain.stdout).toContain('book\\x00worm');
  });

  it('invalid UTF-8 bytes in a UTF-8 file: valid UTF-8 kept, the stray bytes read as Windows-1252', () => {
    const report = auditJson(fixture('invalid-utf8.csv'));
    expect(report.totals).toEqual({ rowsRead: 3, classified: 3, skipped: 0 });
    const explain = runCli(['explain', fixture('invalid-utf8.csv'), '--values', VALUES, 'zoe', 'ana']);
    expect(explain.code).toBe(0);
    expect(explain.stdout).toContain('Café owner. Bücher');
    expect(explain.stdout).toContain('bookworm ÿþÃ');
    expect(explain.stdout).not.toContain('\uFFFD');
  });

  it('a Latin-1 file (no valid UTF-8 at all) is read as Windows-1252', () => {
    const explain = runCli(['explain', fixture('latin1.csv'), '--values', VALUES, 'zoe']);
    expect(explain.code).toBe(0);
    expect(explain.stdout).toContain('Zoë Müller');
  });

  it('mixed CRLF / LF / CR line ends: every row read, with the right line numbers', () => {
    const report = auditJson(fixture('mixed-line-endings.csv'));
    expect(report.totals).toEqual({ rowsRead: 5, classified: 5, skipped: 0 });
    expect(report.followers.map((f) => `${f.handle}:${f.line}`)).toEqual(['ana:2', 'ben:3', 'cal:4', 'dee:5', 'eve:7']);
  });

  it('a pipe as the export (`<(unzip -p …)`) is read once, like standard input', () => {
    const r = spawnSync('bash', ['-c', `"${process.execPath}" "${BIN}" audit <(cat "${fixture('mixed-line-endings.csv')}") --values "${VALUES}" --format json`], {
      encoding: 'utf8',
    });
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).totals.classified).toBe(5);
  });

  it('an endless device (/dev/zero) as the export: exit 2, refused as binary', () => {
    expectUserError(audit('/dev/zero'), '/dev/zero: this looks like a binary file');
  });

  it('an output naming an input file: exit 2, the input untouched', () => {
    const dir = tmp();
    const file = join(dir, 'followers.csv');
    const original = readFileSync(fixture('mixed-line-endings.csv'));
    writeFileSync(file, original);
    for (const flag of ['--output', '--followers-out', '--rejects']) {
      const r = audit(join(dir, '.', 'followers.csv'), ['--format', 'csv', flag, file]);
      expectUserError(r, `${flag} ${file} is the same file as the export`, 'kindred never overwrites its inputs');
    }
    expectUserError(audit(file, ['--output', VALUES]), 'is the same file as --values');
    expect(readFileSync(file)).toEqual(original);
  });

  it('an output path that is a folder: exit 2', () => {
    expectUserError(audit(fixture('header-only.csv'), ['--output', DIR]), 'this is a folder; give a file name');
  });

  it('a folder given as the export: exit 2', () => {
    expectUserError(audit(DIR), 'this is a folder');
  });

  it('a file that does not exist: exit 2, "no such file"', () => {
    expectUserError(audit(join(DIR, 'no-such-export.csv')), 'no-such-export.csv: no such file');
  });
});

describe('bad values files', () => {
  const run = (values: string) => runCli(['audit', FERNLEAF.export, '--values', values, ...AS_OF]);

  it('not YAML: exit 2 with the parser message and its line', () => {
    expectUserError(run(fixture('not-yaml.yml')), 'not-yaml.yml is not valid', /- line \d+: /);
  });

  it('a sentence instead of a mapping: exit 2 pointing at `kindred schema`', () => {
    expectUserError(run(fixture('not-a-mapping.yml')), 'expected a YAML or JSON mapping', 'kindred schema');
  });

  it('a binary file as the values file: exit 2', () => {
    expectUserError(run(fixture('image.csv')), 'binary data');
  });

  it('misspelt fields (value:, red_flags:, idealcustomer:): plain words, the line of each, and the field meant', () => {
    const r = run(fixture('misspelt-fields.yml'));
    expectUserError(
      r,
      '- value (line 4): unknown field; did you mean `values`?',
      '- red_flags (line 7): unknown field; did you mean `redFlags`?',
      '- idealcustomer (line 10): unknown field; did you mean `idealCustomer`?',
    );
    expect(r.stderr).not.toMatch(/Invalid input|expected array, received/);
  });

  it('the same in a JSON values file: JSON line and column, no YAML words', () => {
    const r = run(fixture('misspelt-fields.json'));
    expectUserError(r, '- value (line 3, column 3): unknown field; did you mean `values`?', '- red_flags (line 4, column 3): unknown field; did you mean `redFlags`?');
    expect(r.stderr).not.toMatch(/YAML|mapping/);
  });

  it('duplicate value names (case-insensitive): exit 2 naming both', () => {
    expectUserError(run(fixture('duplicate-values.yml')), 'values[1].name (line 5): duplicate value name "reading" (also values[0])');
  });

  it('an empty term: exit 2 with its path and line', () => {
    expectUserError(run(fixture('empty-term.yml')), 'values[0].terms[1] (line 4)');
  });

  it('a term of only punctuation: exit 2, every such term listed', () => {
    const r = run(fixture('punctuation-term.yml'));
    expectUserError(r, 'values[0].terms[1] (line 4): "!!!" has no letters or digits', 'values[0].terms[2] (line 4): "#"');
  });

  it('a YAML alias bomb ("billion laughs"): exit 2, not a crash or a hang', () => {
    expectUserError(run(fixture('alias-bomb.yml')), 'alias-bomb.yml is not valid', 'Excessive alias count');
  });

  it('10,000 terms: accepted and matched', () => {
    const dir = tmp();
    const values = join(dir, 'many.yml');
    const terms = Array.from({ length: 10_000 }, (_, i) => `      - term${i} word${i % 97}`).join('\n');
    writeFileSync(values, `brand: Many\nvalues:\n  - name: many\n    terms:\n${terms}\n      - bookworm\n`);
    const file = join(dir, 'export.csv');
    writeFileSync(file, 'handle,bio\n@a,term9999 word8 fan\n@b,bookworm\n@c,nothing here\n');
    const r = runCli(['audit', file, '--values', values, ...AS_OF, '--format', 'json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).values[0].followers).toBe(2);
  });

  it('an endless device (/dev/zero) as the values file: exit 2, not a hang', () => {
    expectUserError(run('/dev/zero'), 'larger than 16 MB');
  });

  it('a missing values file: exit 2', () => {
    expectUserError(run(join(DIR, 'nope.yml')), 'nope.yml: no such file');
  });

  it('a folder as the values file: exit 2', () => {
    expectUserError(run(DIR), 'this is a folder');
  });
});

describe('bad command lines and outputs', () => {
  it('an unknown flag: exit 2 naming it', () => {
    const r = runCli(['audit', FERNLEAF.export, '--values', FERNLEAF.values, '--colour']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("unknown option '--colour'");
    expect(r.stderr).toContain('--help');
  });

  it('a misspelt required flag (--valuse): named as unknown, with the flag meant, not as --values missing', () => {
    for (const command of [
      ['audit', FERNLEAF.export],
      ['explain', FERNLEAF.export, '@jonas_shah'],
    ]) {
      const r = runCli([...command, '--valuse', FERNLEAF.values]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain("unknown option '--valuse'");
      expect(r.stderr).toContain('Did you mean --values?');
      expect(r.stderr).not.toContain('required option');
    }
  });

  it('a required flag left out: exit 2 naming it', () => {
    const r = runCli(['audit', FERNLEAF.export]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("required option '--values <file>' not specified");
  });

  it('an unknown command: exit 2 with a suggestion', () => {
    const r = runCli(['audti']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Did you mean audit?');
  });

  it('an output path in a missing folder: exit 2 before anything is read', () => {
    const dir = tmp();
    for (const flag of ['--output', '--followers-out', '--rejects']) {
      const target = join(dir, 'missing', 'out.csv');
      const r = runCli(['audit', FERNLEAF.export, '--values', FERNLEAF.values, flag, target]);
      expectUserError(r, `${target}: cannot write here: the folder`, 'does not exist');
    }
  });

  it('standard output closed early (`| head -1`): exits 0 quietly, no EPIPE stack', () => {
    const dir = tmp();
    const file = join(dir, 'many.csv');
    const rows = Array.from({ length: 20_000 }, (_, i) => `@user${i},bookworm number ${i}`);
    writeFileSync(file, `handle,bio\n${rows.join('\n')}\n`);
    for (const format of ['csv', 'table']) {
      const r = spawnSync('bash', ['-c', `set -o pipefail; "${process.execPath}" "${BIN}" audit "${file}" --values "${VALUES}" --format ${format} | head -1`], {
        encoding: 'utf8',
        env: { ...process.env, NO_COLOR: '1' },
      });
      expect(r.status).toBe(0);
      expect(r.stdout.split('\n').filter(Boolean)).toHaveLength(1);
      expect(r.stderr).not.toMatch(/EPIPE|\n\s+at /);
    }
  });

  it('standard output closed mid-stream (`--format csv | head -1`) with --followers-out: the file is still written whole', () => {
    const dir = tmp();
    const file = join(dir, 'many.csv');
    writeFileSync(file, `handle,bio\n${Array.from({ length: 20_000 }, (_, i) => `@user${i},bookworm ${i}`).join('\n')}\n`);
    const followersOut = join(dir, 'followers.ndjson');
    const r = spawnSync(
      'bash',
      ['-c', `set -o pipefail; "${process.execPath}" "${BIN}" audit "${file}" --values "${VALUES}" --format csv --followers-out "${followersOut}" -q | head -1`],
      { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } },
    );
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout.trim().split('\n')).toHaveLength(1);
    expect(readFileSync(followersOut, 'utf8').trim().split('\n')).toHaveLength(20_000);
  });

  it('standard output closed before the report is printed: the requested files are still written', () => {
    const dir = tmp();
    const followersOut = join(dir, 'followers.csv');
    const rejects = join(dir, 'rejects.csv');
    // `true` exits at once, so the terminal report meets a closed pipe.
    const r = spawnSync(
      'bash',
      ['-c', `set -o pipefail; "${process.execPath}" "${BIN}" audit "${fixture('problems.csv')}" --values "${VALUES}" --followers-out "${followersOut}" --rejects "${rejects}" -q | true`],
      { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } },
    );
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    expect(readFileSync(followersOut, 'utf8').trim().split('\n')).toHaveLength(1 + 3);
    expect(readFileSync(rejects, 'utf8').trim().split('\n')).toHaveLength(1 + 3);
  });
});
