import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FERNLEAF, runCli } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-dir.js';

/**
 * The user's own files are never overwritten, whatever name they go by: every
 * command compares its inputs and outputs by identity (device and inode, or
 * folder and name for a file not written yet), and a batch manifest writes
 * only under its output folder.
 */
function expectRefused(r: { code: number | null; stderr: string }, ...fragments: string[]) {
  expect(r.code).toBe(2);
  expect(r.stderr).toMatch(/^error: /);
  expect(r.stderr).not.toContain('internal error');
  expect(r.stderr).not.toMatch(/\n\s+at /);
  for (const f of fragments) expect(r.stderr).toContain(f);
}

function copyFernleaf(dir: string) {
  const files = { export: join(dir, 'followers.csv'), values: join(dir, 'values.yml'), interactions: join(dir, 'interactions.csv') };
  copyFileSync(FERNLEAF.export, files.export);
  copyFileSync(FERNLEAF.values, files.values);
  copyFileSync(FERNLEAF.interactions, files.interactions);
  return files;
}

describe('inputs and outputs are compared by identity', () => {
  it('compare before.json after.json -o before.json: refused, before.json untouched', () => {
    const dir = tempDir();
    const f = copyFernleaf(dir);
    for (const name of ['before.json', 'after.json']) {
      expect(runCli(['audit', f.export, '--values', f.values, '--as-of', '2026-12-01', '--format', 'json', '-o', join(dir, name)]).code).toBe(0);
    }
    const before = readFileSync(join(dir, 'before.json'));
    const r = runCli(['compare', 'before.json', 'after.json', '-o', './before.json'], { cwd: dir });
    expectRefused(r, '--output ./before.json is the same file as BEFORE before.json', 'never overwrites its inputs');
    expect(readFileSync(join(dir, 'before.json'))).toEqual(before);
  });

  it('-o same.csv --followers-out ./same.csv (not yet written): refused, nothing written', () => {
    const dir = tempDir();
    const f = copyFernleaf(dir);
    const r = runCli(['audit', f.export, '--values', f.values, '--format', 'csv', '-o', 'same.csv', '--followers-out', './same.csv'], { cwd: dir });
    expectRefused(r, '--followers-out ./same.csv and --output same.csv are the same file');
    expect(existsSync(join(dir, 'same.csv'))).toBe(false);
  });

  it('--rejects naming --output through another path: refused; an existing file there keeps its content', () => {
    const dir = tempDir();
    const f = copyFernleaf(dir);
    mkdirSync(join(dir, 'sub'));
    writeFileSync(join(dir, 'same.csv'), 'keep me');
    const r = runCli(['audit', f.export, '--values', f.values, '--format', 'csv', '-o', 'same.csv', '--rejects', 'sub/../same.csv'], { cwd: dir });
    expectRefused(r, '--rejects sub/../same.csv and --output same.csv are the same file');
    expect(readFileSync(join(dir, 'same.csv'), 'utf8')).toBe('keep me');
  });

  it('init --from in.csv -o in.csv --force: refused, the export untouched', () => {
    const dir = tempDir();
    const f = copyFernleaf(dir);
    const original = readFileSync(f.export);
    const r = runCli(['init', '--from', f.export, '-o', f.export, '--force', '--yes']);
    expectRefused(r, `--output ${f.export} is the same file as --from ${f.export}`);
    expect(readFileSync(f.export)).toEqual(original);
  });
});

describe('batch: the files of every entry, and the summary', () => {
  function manifest(dir: string, body: string): string {
    const file = join(dir, 'batch.yml');
    writeFileSync(file, body);
    return file;
  }

  it("an entry whose export is the summary's path: refused before anything runs", () => {
    const dir = tempDir();
    const f = copyFernleaf(dir);
    copyFileSync(f.export, join(dir, 'summary.csv'));
    const original = readFileSync(join(dir, 'summary.csv'));
    const file = manifest(dir, `entries:\n  - name: Fern\n    exports: summary.csv\n    values: values.yml\n    output: fern\n`);
    const r = runCli(['batch', file]);
    expectRefused(r, `the summary ${join(dir, 'summary.csv')} is the same file as entries[0].exports`);
    expect(readFileSync(join(dir, 'summary.csv'))).toEqual(original);
    expect(existsSync(join(dir, 'fern'))).toBe(false);
  });

  it("an entry whose export is its own report.md: refused, the export untouched", () => {
    const dir = tempDir();
    copyFernleaf(dir);
    mkdirSync(join(dir, 'fern'));
    copyFileSync(FERNLEAF.export, join(dir, 'fern', 'report.md'));
    const original = readFileSync(join(dir, 'fern', 'report.md'));
    const file = manifest(dir, `formats: [json, markdown]\nentries:\n  - name: Fern\n    exports: fern/report.md\n    values: values.yml\n    output: fern\n`);
    const r = runCli(['batch', file]);
    expectRefused(r, 'entries[0] output', 'is the same file as entries[0].exports');
    expect(readFileSync(join(dir, 'fern', 'report.md'))).toEqual(original);
    expect(readdirSync(join(dir, 'fern'))).toEqual(['report.md']);
  });

  for (const [what, output] of [
    ['an absolute path', '/tmp/kindred-escape-absolute'],
    ['a ../ path', '../escaped'],
  ] as const) {
    it(`an entry output that is ${what} is refused (a manifest is untrusted); --allow-outside-out-dir allows it`, () => {
      const dir = tempDir();
      copyFernleaf(dir);
      const out = join(dir, 'out');
      const target = output.startsWith('/') ? `${output}-${process.pid}` : output;
      const file = manifest(dir, `asOf: 2026-12-01\nentries:\n  - name: Fern\n    exports: followers.csv\n    values: values.yml\n    output: ${target}\n`);
      const where = output.startsWith('/') ? target : join(out, target);
      const r = runCli(['batch', file, '--out-dir', out]);
      expectRefused(r, 'entries[0].output', `${where} is outside the output folder ${out}`, '--allow-outside-out-dir');
      expect(existsSync(where)).toBe(false);
      expect(existsSync(out)).toBe(false);

      const allowed = runCli(['batch', file, '--out-dir', out, '--allow-outside-out-dir']);
      expect(allowed.code).toBe(0);
      expect(JSON.parse(readFileSync(join(where, 'report.json'), 'utf8')).brand).toBe('Fernleaf Books');
      // An absolute output lies outside every folder the test made: removed by hand.
      if (output.startsWith('/')) rmSync(where, { recursive: true, force: true });
    });
  }

  it('the summary folder outside the output folder is refused too', () => {
    const dir = tempDir();
    copyFernleaf(dir);
    const file = manifest(dir, `output: ../summaries\nentries:\n  - name: Fern\n    exports: followers.csv\n    values: values.yml\n`);
    expectRefused(runCli(['batch', file]), `output (line 1): ${join(dirname(dir), 'summaries')} is outside the output folder ${dir}`);
  });
});

describe('values file: overrides.segment with the key __proto__', () => {
  it('is refused with the path and line (it would vanish); "@__proto__" names that handle and is honoured', () => {
    const dir = tempDir();
    const exportFile = join(dir, 'followers.csv');
    writeFileSync(exportFile, 'handle,bio\n__proto__,hello\nbob,hi\n');
    const values = join(dir, 'values.yml');
    writeFileSync(values, 'brand: X\nvalues:\n  - name: reading\n    terms: [reader]\noverrides:\n  segment:\n    "@bob": passive\n    __proto__: advocate\n');
    expectRefused(runCli(['audit', exportFile, '--values', values]), 'overrides.segment.__proto__ (line 8): "__proto__" cannot be a key', '"@__proto__"');

    writeFileSync(values, 'brand: X\nvalues:\n  - name: reading\n    terms: [reader]\noverrides:\n  segment:\n    "@__proto__": advocate\n');
    const r = runCli(['audit', exportFile, '--values', values, '--format', 'json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).segments.advocate.count).toBe(1);
  });
});
