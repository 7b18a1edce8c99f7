import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FERNLEAF, OAT, runCli } from '../helpers/run-cli.js';

const fernleaf = ['audit', FERNLEAF.export, '--values', FERNLEAF.values, '--interactions', FERNLEAF.interactions, '--as-of', '2026-11-01'];

describe('kindred (built binary)', () => {
  it('prints help with examples for audit', () => {
    const r = runCli(['audit', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Examples:');
    expect(r.stdout).toContain('--values <file>');
  });

  it('prints its version', () => {
    const r = runCli(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('exits 2 on an unknown flag', () => {
    const r = runCli(['audit', FERNLEAF.export, '--values', FERNLEAF.values, '--no-such-flag']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--no-such-flag');
  });

  it('reading - from a pipe prints no standard-input hint (the hint is for a terminal)', () => {
    const r = runCli(['audit', '-', '--values', FERNLEAF.values, '--as-of', '2026-11-01'], { input: readFileSync(FERNLEAF.export) });
    expect(r.code).toBe(0);
    expect(r.stderr).not.toContain('standard input');
  });

  it('prints a terminal report for a sample', () => {
    const r = runCli(fernleaf);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Fernleaf Books');
    expect(r.stdout).toMatch(/quality score \d+\/100/);
    for (const line of r.stdout.split('\n')) expect([...line].length).toBeLessThanOrEqual(80);
  });

  it('gives the same numbers as JSON, and stdout holds only JSON', () => {
    const json = runCli([...fernleaf, '--format', 'json']);
    expect(json.code).toBe(0);
    const report = JSON.parse(json.stdout);
    const table = runCli(fernleaf).stdout;
    for (const seg of ['advocate', 'potential', 'passive', 'misaligned'] as const) {
      const { count } = report.segments[seg];
      expect(table).toMatch(new RegExp(`${seg}\\s+\\S+\\s+${count}\\s`));
    }
    expect(table).toContain(`quality score ${report.quality.score}/100`);
    expect(report.totals.rowsRead).toBe(report.totals.classified + report.totals.skipped);
  });

  it('accounts for every row of an export with skipped rows', () => {
    const report = JSON.parse(runCli([...fernleaf, '--format', 'json']).stdout);
    expect(report.dataQuality.skippedByCode).toMatchObject({ DUPLICATE_HANDLE: 1, MISSING_HANDLE: 1, EXCLUDED: 1 });
    const lines = runCli(['audit', FERNLEAF.export, '--values', FERNLEAF.values, '--format', 'ndjson', '--as-of', '2026-11-01']).stdout.trim().split('\n');
    expect(lines.length).toBe(report.totals.classified);
  });

  it('reads the semicolon, BOM and sep= sample with per-handle counts', () => {
    const r = runCli(['audit', OAT.export, '--values', OAT.values, '--interactions', OAT.interactions, '--as-of', '2026-11-01', '--format', 'json']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.inputs[0].columns[0]).toBe('Username');
    expect(report.segments.advocate.count).toBeGreaterThan(0);
    expect(report.totals.rowsRead).toBe(report.totals.classified + report.totals.skipped);
  });

  it('exits 2 with a one-paragraph message for a broken values file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kindred-'));
    const values = join(dir, 'values.yml');
    writeFileSync(values, 'brand: X\nvalues:\n  - name: a\n    terms: []\n  - name: b\n    weight: -1\n    terms: [ok]\n');
    const r = runCli(['audit', FERNLEAF.export, '--values', values]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('values.yml');
    expect(r.stderr).toContain('values[0].terms (line 4)');
    expect(r.stderr).toContain('values[1].weight (line 6)');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('exits 2 naming the columns and the --map fix when no column identifies followers', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kindred-'));
    const file = join(dir, 'export.csv');
    writeFileSync(file, 'Who,About\nann,reader\n');
    const r = runCli(['audit', file, '--values', FERNLEAF.values]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('"Who"');
    expect(r.stderr).toContain('--map handle=');
    expect(r.stderr.trim().split('\n').length).toBe(1);
  });

  it('exits 1 when the --fail-under gate fails, after printing the report', () => {
    const r = runCli([...fernleaf, '--fail-under', '100']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('quality score');
    expect(r.stderr).toContain('below --fail-under 100');
  });

  it('reads standard input', () => {
    const r = runCli(['audit', '-', '--values', FERNLEAF.values, '--format', 'json', '--as-of', '2026-11-01'], { input: readFileSync(FERNLEAF.export) });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).totals.rowsRead).toBe(232);
  });
});
