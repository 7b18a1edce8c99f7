import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, runCli } from '../helpers/run-cli.js';

const EXPORT = join(FIXTURES, 'authenticity', 'followers.csv');
const VALUES = join(FIXTURES, 'authenticity', 'values.yml');
const AS_OF = ['--as-of', '2026-11-01'];

function records(extra: string[] = []) {
  const out = join(mkdtempSync(join(tmpdir(), 'kindred-auth-')), 'followers.ndjson');
  const r = runCli(['audit', EXPORT, '--values', VALUES, ...AS_OF, '--format', 'json', '--followers-out', out, '--quiet', ...extra]);
  expect(r.code).toBe(0);
  const byHandle = new Map(
    readFileSync(out, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l))
      .map((rec) => [rec.handle, rec]),
  );
  return { report: JSON.parse(r.stdout), byHandle };
}

describe('authenticity through the CLI', () => {
  it('flags the bought-looking accounts, explains why, and counts them in the report', () => {
    const { report, byHandle } = records();
    const kendra = byHandle.get('Kendra48213377');
    expect(kendra.flags).toContain('suspect');
    expect(kendra.segment).toBe('misaligned');
    expect(kendra.rule).toBe('suspect');
    expect(kendra.authenticity).toBeGreaterThanOrEqual(0.9);
    expect(kendra.reasons[0]).toMatch(/^likely not a real person \(\d+%\): /);
    expect(byHandle.get('tilly_reads').flags).not.toContain('suspect');
    expect(byHandle.get('tilly_reads').authenticity).toBeLessThan(0.5);
    expect(report.authenticity).toMatchObject({ checked: 3, suspects: 2, enabled: true });
    expect(report.authenticity.share).toBeCloseTo(2 / 4);
  });

  it('never judges a follower with only a handle', () => {
    const { byHandle } = records();
    const handleOnly = byHandle.get('only_handle');
    expect(handleOnly.authenticity).toBeNull();
    expect(handleOnly.flags).not.toContain('suspect');
  });

  it('can be switched off, or made stricter, in the values file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kindred-auth-values-'));
    const off = join(dir, 'off.yml');
    writeFileSync(off, `${readFileSync(VALUES, 'utf8')}scoring:\n  authenticity:\n    enabled: false\n`);
    const { report, byHandle } = records(['--values', off]);
    expect(report.authenticity).toMatchObject({ checked: 0, suspects: 0, enabled: false });
    expect(byHandle.get('Kendra48213377').authenticity).toBeNull();

    const strict = join(dir, 'strict.yml');
    writeFileSync(strict, `${readFileSync(VALUES, 'utf8')}scoring:\n  authenticity:\n    threshold: 0.9999999\n`);
    expect(records(['--values', strict]).report.authenticity.suspects).toBe(0);
  });

  it('explain lists every signal with its contribution', () => {
    const r = runCli(['explain', EXPORT, '--values', VALUES, ...AS_OF, 'Kendra48213377', 'tilly_reads']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/authenticity \d+% likely fake \(suspect at 90%\) → suspect/);
    expect(r.stdout).toMatch(/-\d+\.\d\d {2}base: a typical real person/);
    expect(r.stdout).toMatch(/\+\d+\.\d\d {2}3 followers/);
    expect(r.stdout).toMatch(/\+\d+\.\d\d {2}default profile theme/);
    expect(r.stdout).toMatch(/→ not suspect/);
  });

  it('explain says when there is too little to judge', () => {
    const r = runCli(['explain', EXPORT, '--values', VALUES, ...AS_OF, 'only_handle']);
    // The bio column is there and empty: one known field, of the four needed.
    expect(r.stdout).toContain('authenticity: not enough fields to judge (1 known, 4 needed)');
  });

  it('explain --format json carries the signals as data', () => {
    const r = runCli(['explain', EXPORT, '--values', VALUES, ...AS_OF, '--format', 'json', 'gain_daily']);
    const auth = JSON.parse(r.stdout).followers[0].scores.authenticity;
    expect(auth.signals.map((s: { signal: string }) => s.signal)).toContain('SPAM_PHRASES');
    expect(auth.signals.find((s: { signal: string }) => s.signal === 'SPAM_PHRASES').detail).toContain('"team follow back"');
  });
});
