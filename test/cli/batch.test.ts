import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, SAMPLES } from '../helpers/run-cli.js';

const SAMPLE_MANIFEST = join(SAMPLES, 'batch.yml');

function outDir(): string {
  return mkdtempSync(join(tmpdir(), 'kindred-batch-'));
}

describe('kindred batch (samples/batch.yml: two good clients, one broken)', () => {
  const out = outDir();
  const first = runCli(['batch', SAMPLE_MANIFEST, '--out-dir', out]);
  const summary = JSON.parse(readFileSync(join(out, 'out', 'summary.json'), 'utf8'));

  it('exits 2 because one entry failed, after running the others', () => {
    expect(first.code).toBe(2);
    expect(first.stderr).toContain('1 of 3 entries failed (Bramble Outdoor); the others ran');
  });

  it('writes the two good reports, in the formats each entry asked for', () => {
    const fern = JSON.parse(readFileSync(join(out, 'out', 'fernleaf', 'report.json'), 'utf8'));
    expect(fern.brand).toBe('Fernleaf Books');
    expect(fern.asOf).toBe('2026-12-01');
    expect(fern.totals.rowsRead).toBe(fern.totals.classified + fern.totals.skipped);
    expect(readFileSync(join(out, 'out', 'fernleaf', 'report.txt'), 'utf8')).toContain(`quality score ${fern.quality.score}/100`);
    const records = readFileSync(join(out, 'out', 'fernleaf', 'followers.csv'), 'utf8').trim().split('\r\n');
    expect(records.length).toBe(fern.totals.classified + 1);

    const oat = JSON.parse(readFileSync(join(out, 'out', 'oat-and-ember', 'report.json'), 'utf8'));
    expect(oat.brand).toBe('Oat & Ember Bakery');
    expect(oat.asOf).toBe('2026-11-01');
    expect(readdirSync(join(out, 'out', 'oat-and-ember')).sort()).toEqual(['report.json', 'report.txt']);
  });

  it('reports the broken entry with its file, dotted paths and lines, and writes nothing for it', () => {
    expect(first.stderr).toContain('[Bramble Outdoor] error:');
    expect(first.stderr).toMatch(/bramble[\\/]values\.yml is not valid/);
    expect(first.stderr).toContain('values[0].terms (line 5)');
    expect(first.stderr).toContain('values[1].weight (line 7)');
    expect(first.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(join(out, 'out', 'bramble'))).toBe(false);
    const bramble = summary.entries[2];
    expect(bramble).toMatchObject({ name: 'Bramble Outdoor', status: 'error', followers: null, qualityScore: null });
    expect(bramble.error).toContain('values[1].weight (line 7)');
  });

  it('prints a summary table with one row per entry, numbers matching the reports', () => {
    const fern = JSON.parse(readFileSync(join(out, 'out', 'fernleaf', 'report.json'), 'utf8'));
    const row = first.stdout.split('\n').find((l) => l.includes('Fernleaf Books'))!;
    expect(row).toMatch(new RegExp(`Fernleaf Books\\s+${fern.totals.classified}\\s+${(fern.segments.advocate.share * 100).toFixed(1)}%.*\\s${fern.quality.score}\\s+–\\s+ok$`));
    expect(first.stdout).toMatch(/Bramble Outdoor\s+–.*ERROR/);
    for (const line of first.stdout.split('\n')) expect([...line].length).toBeLessThanOrEqual(80);
  });

  it('writes summary.json and a spreadsheet-safe summary.csv', () => {
    expect(summary).toMatchObject({ kind: 'kindred-batch-summary', ok: false, counts: { entries: 3, ok: 2, gateFailed: 0, failed: 1 } });
    expect(summary.entries.map((e: { name: string; status: string; output: string }) => [e.name, e.status, e.output])).toEqual([
      ['Fernleaf Books', 'ok', 'fernleaf'],
      ['Oat & Ember Bakery', 'ok', 'oat-and-ember'],
      ['Bramble Outdoor', 'error', 'bramble'],
    ]);
    expect(summary.entries[0].gates.map((g: { gate: string; passed: boolean }) => [g.gate, g.passed])).toEqual([
      ['failUnder', true],
      ['minAdvocateShare', true],
      ['maxMisalignedShare', true],
    ]);
    const csv = readFileSync(join(out, 'out', 'summary.csv'), 'utf8');
    expect(csv.split('\r\n')[0]).toBe(
      'name,status,asOf,followers,advocateShare,potentialShare,passiveShare,misalignedShare,qualityScore,previousAsOf,previousQualityScore,qualityScoreChange,advocateShareChange,misalignedShareChange,gatesFailed,error,output',
    );
    expect(csv).toContain(`Fernleaf Books,ok,2026-12-01,${summary.entries[0].followers},`);
  });

  it('shows the change since the last run when a previous report is in the output folder', () => {
    // Replace last run's Fernleaf report with November's, as if the batch ran a month ago.
    const november = runCli(['audit', join(SAMPLES, 'fernleaf', 'followers.csv'), '--values', join(SAMPLES, 'fernleaf', 'values.yml'), '--interactions', join(SAMPLES, 'fernleaf', 'interactions.csv'), '--as-of', '2026-11-01', '--format', 'json']);
    writeFileSync(join(out, 'out', 'fernleaf', 'report.json'), november.stdout);
    const before = JSON.parse(november.stdout);
    const second = runCli(['batch', SAMPLE_MANIFEST, '--out-dir', out]);
    expect(second.code).toBe(2);
    const entry = JSON.parse(readFileSync(join(out, 'out', 'summary.json'), 'utf8')).entries[0];
    expect(entry.previous).toMatchObject({ asOf: '2026-11-01', qualityScore: before.quality.score });
    expect(entry.change.qualityScore).toBe(entry.qualityScore - before.quality.score);
    expect(entry.change.shares.advocate).toBeCloseTo(entry.shares.advocate - before.segments.advocate.share, 4);
    const sign = entry.change.qualityScore > 0 ? '\\+' : '';
    expect(second.stdout).toMatch(new RegExp(`Fernleaf Books.*\\s${entry.qualityScore}\\s+${sign}${entry.change.qualityScore}\\s+ok`));
  });
});

describe('kindred batch gates and manifest errors', () => {
  function goodManifest(gates: string): string {
    const dir = outDir();
    cpSync(join(SAMPLES, 'oat-and-ember'), join(dir, 'oat'), { recursive: true });
    cpSync(join(SAMPLES, 'fernleaf'), join(dir, 'fern'), { recursive: true });
    const file = join(dir, 'clients.yml');
    writeFileSync(
      file,
      `asOf: 2026-11-01
${gates}
entries:
  - name: Oat
    exports: oat/followers.csv
    interactions: oat/interactions.csv
    values: oat/values.json
  - name: Fern
    exports: fern/followers.csv
    interactions: fern/interactions.csv
    values: fern/values.yml
    gates: { failUnder: 0 }
`,
    );
    return file;
  }

  it('exits 0 when every entry passes its gates', () => {
    const r = runCli(['batch', goodManifest('gates: { minAdvocateShare: 1% }')]);
    expect(r.stderr).not.toContain('error');
    expect(r.code).toBe(0);
  });

  it('exits 1 naming the gate, the entry and by how much, with the reports still written', () => {
    const file = goodManifest('gates: { failUnder: 99, maxMisalignedShare: 0.01 }');
    const r = runCli(['batch', file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('gate failed: 2 of 2 entries missed a gate (Oat, Fern)');
    const text = r.stdout.replace(/\s+/g, ' ');
    expect(text).toMatch(/Oat: gate failed: quality score \d+ is below gates\.failUnder 99 \(short by \d+\)/);
    expect(text).toMatch(/Fern: gate failed: misaligned share [\d.]+% is above gates\.maxMisalignedShare 1% \(over by [\d.]+ percentage points\)/);
    // The entry's own gate replaces the shared one key by key: Fern's failUnder is 0.
    expect(r.stdout).not.toMatch(/Fern: gate failed: quality score/);
    const summary = JSON.parse(readFileSync(join(file, '..', 'summary.json'), 'utf8'));
    expect(summary.entries.map((e: { status: string }) => e.status)).toEqual(['gate-failed', 'gate-failed']);
    expect(existsSync(join(file, '..', 'oat', 'report.json'))).toBe(true);
    expect(readFileSync(join(file, '..', 'summary.csv'), 'utf8')).toContain('failUnder; maxMisalignedShare');
  });

  it('exits 2 on an invalid manifest, listing every problem, and runs nothing', () => {
    const dir = outDir();
    const file = join(dir, 'broken.yml');
    writeFileSync(file, 'formats: [json, pdf]\nentries:\n  - name: A\n    values: v.yml\n');
    const r = runCli(['batch', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('broken.yml is not valid');
    expect(r.stderr).toContain('formats[1] (line 1): unknown format');
    expect(r.stderr).toContain('entries[0].exports (line 3)');
    expect(readdirSync(dir)).toEqual(['broken.yml']);
  });

  it('keeps going past a missing export, and never prints raw control characters from entry names', () => {
    const dir = outDir();
    cpSync(join(SAMPLES, 'fernleaf'), join(dir, 'fern'), { recursive: true });
    const file = join(dir, 'm.yml');
    writeFileSync(file, 'asOf: 2026-11-01\nentries:\n  - name: "Gone\\u001b[31m"\n    exports: nope.csv\n    values: fern/values.yml\n  - name: Fern\n    exports: fern/followers.csv\n    values: fern/values.yml\n');
    const r = runCli(['batch', file]);
    expect(r.code).toBe(2);
    expect(r.stdout + r.stderr).not.toContain('\u001b');
    expect(r.stderr).toContain('nope.csv: no such file');
    expect(r.stdout).toContain('Gone\\x1b[31m');
    expect(existsSync(join(dir, 'fern', 'report.json'))).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(['fern', 'm.yml', 'summary.csv', 'summary.json']);
  });

  it('exits 2 when an entry asks for anonymized output and no salt is given', () => {
    const file = goodManifest('anonymize: true');
    const r = runCli(['batch', file], { env: { KINDRED_SALT: '' } });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('KINDRED_SALT');
    expect(existsSync(join(file, '..', 'summary.json'))).toBe(false);
  });
});
