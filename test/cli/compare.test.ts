import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, SAMPLES } from '../helpers/run-cli.js';

const FERN = join(SAMPLES, 'fernleaf');
const dir = mkdtempSync(join(tmpdir(), 'kindred-compare-'));

/** The two sample months of Fernleaf Books, audited with per-follower records. */
function audit(month: 'november' | 'december', extra: string[] = []): string {
  const folder = month === 'november' ? FERN : join(FERN, '2026-12');
  const out = join(dir, `${month}${extra.length ? '-plain' : ''}.json`);
  const asOf = month === 'november' ? '2026-11-01' : '2026-12-01';
  const r = runCli(['audit', join(folder, 'followers.csv'), '--values', join(FERN, 'values.yml'), '--interactions', join(folder, 'interactions.csv'), '--as-of', asOf, '--format', 'json', '-o', out, ...(extra.length ? extra : ['--include-followers'])]);
  if (r.code !== 0) throw new Error(r.stderr);
  return out;
}

const before = audit('november');
const after = audit('december');

describe('kindred compare on two months of Fernleaf Books (samples, known movements)', () => {
  const json = runCli(['compare', before, after, '--format', 'json']);
  const c = JSON.parse(json.stdout);

  it('counts followers gained and lost by who they are, not just the net change', () => {
    expect(json.code).toBe(0);
    // scripts/make-samples.mjs: 8 people follow, 2 advocates and 4 of the silent mass unfollow.
    expect(c.followers).toMatchObject({ gained: 8, lost: 6, change: 2 });
    expect(c.movements.transitions.new).toMatchObject({ advocate: 5, passive: 3 });
    expect(c.movements.transitions.advocate.gone).toBe(2);
    expect(c.movements.transitions.passive.gone).toBe(4);
  });

  it('names the new advocates: three quiet readers who started engaging and five engaged newcomers', () => {
    const movers = c.movements.newAdvocates.map((m: { handle: string; before: string | null }) => [m.handle, m.before]);
    expect(movers).toEqual(
      expect.arrayContaining([
        ['wren_okoro', null],
        ['basil_lindqvist', null],
        ['ottilie_marsh', null],
        ['ezra_penhale', null],
        ['juno_abara', null],
      ]),
    );
    expect(movers.filter(([, was]: [string, string | null]) => was === 'potential')).toHaveLength(3);
    expect(movers).toHaveLength(8);
  });

  it('names the advocates turned dissenter, and lists them among the lost advocates with the two who left', () => {
    const turned = c.movements.advocatesTurnedDissenter;
    expect(turned).toHaveLength(2);
    for (const m of turned) expect(m).toMatchObject({ before: 'advocate', after: 'misaligned', flags: expect.arrayContaining(['dissenter']) });
    const lost = c.movements.lostAdvocates;
    expect(lost.filter((m: { after: string | null }) => m.after === null)).toHaveLength(2);
    for (const m of turned) expect(lost).toContainEqual(m);
  });

  it('agrees with the two reports on segments and quality score', () => {
    const b = JSON.parse(readFileSync(before, 'utf8'));
    const a = JSON.parse(readFileSync(after, 'utf8'));
    expect(c.quality).toEqual({ before: b.quality.score, after: a.quality.score, change: a.quality.score - b.quality.score });
    expect(c.segments.advocate.before.count).toBe(b.segments.advocate.count);
    expect(c.segments.misaligned.after.share).toBe(a.segments.misaligned.share);
    expect(c.segments.misaligned.change.count).toBe(a.segments.misaligned.count - b.segments.misaligned.count);
  });

  it('prints a terminal table within 80 columns and Markdown with the same numbers', () => {
    const table = runCli(['compare', before, after]);
    expect(table.code).toBe(0);
    expect(table.stdout).toContain('8 gained, 6 lost');
    expect(table.stdout).toMatch(/Advocates turned dissenter: 2/);
    expect(table.stdout).toContain('@wren_okoro  not a follower → advocate');
    for (const line of table.stdout.split('\n')) expect([...line].length).toBeLessThanOrEqual(80);
    const md = runCli(['compare', before, after, '--format', 'markdown']);
    expect(md.stdout).toContain(`| quality score | ${c.quality.before} | ${c.quality.after} |`);
    expect(md.stdout).toContain('### New advocates (8)');
    expect(md.stdout).toContain('- @wren\\_okoro: not a follower → advocate');
  });

  it('without per-follower records, gives the totals and says how to see who moved', () => {
    const plainBefore = audit('november', ['--top', '10']);
    const r = runCli(['compare', plainBefore, after, '--format', 'json']);
    expect(r.code).toBe(0);
    const plain = JSON.parse(r.stdout);
    expect(plain.movements).toBeNull();
    expect(plain.followers).toMatchObject({ gained: null, lost: null, change: 2 });
    expect(r.stderr).toContain('--include-followers');
  });
});

describe('kindred compare refuses what is not a kindred report', () => {
  it.each([
    ['not JSON', 'Username,Bio\nann,reader\n', 'not a kindred report: the file is not JSON'],
    ['JSON from elsewhere', '{"followers": []}', 'not a kindred report (no "tool"'],
    ['another schema version', JSON.stringify({ schemaVersion: '0.9', tool: { name: 'kindred', version: '0.0.1' } }), 'report schemaVersion "0.9" is not the 2.0'],
    ['a broken report', JSON.stringify({ schemaVersion: '2.0', tool: { name: 'kindred', version: '0.1.0' }, brand: 'X' }), 'not a valid kindred report'],
  ])('%s: exit 2 naming the file', (_label, content, message) => {
    const file = join(dir, 'bad.json');
    writeFileSync(file, content);
    const r = runCli(['compare', file, after]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`error: ${file}: ${message}`);
    expect(r.stdout).toBe('');
  });

  it('exit 2 for a missing file', () => {
    const r = runCli(['compare', join(dir, 'nope.json'), after]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('nope.json: no such file');
  });
});

describe('kindred compare refuses what cannot be compared', () => {
  it('two different brands: exit 2 naming both, nothing printed', () => {
    const other = join(dir, 'oat.json');
    const oat = join(SAMPLES, 'oat-and-ember');
    const a = runCli(['audit', join(oat, 'followers.csv'), '--values', join(oat, 'values.json'), '--as-of', '2026-12-01', '--format', 'json', '-o', other]);
    expect(a.code).toBe(0);
    const r = runCli(['compare', before, other]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('"Fernleaf Books"');
    expect(r.stderr).toContain('"Oat & Ember Bakery"');
    expect(r.stderr).toContain('compare two audits of the same brand');
    expect(r.stdout).toBe('');
  });

  it('BEFORE newer than AFTER (the files swapped): exit 2 with the command the right way round', () => {
    const r = runCli(['compare', after, before]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('is newer than AFTER');
    expect(r.stderr).toContain(`kindred compare ${before} ${after}`);
    expect(r.stdout).toBe('');
  });
});
