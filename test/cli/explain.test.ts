import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FERNLEAF, runCli } from '../helpers/run-cli.js';

const base = ['explain', FERNLEAF.export, '--values', FERNLEAF.values, '--interactions', FERNLEAF.interactions, '--as-of', '2026-11-01'];

describe('kindred explain', () => {
  const json = runCli([...base, 'ruth_iyer36', '@jonas_mensah', 'oscar_walsh88', '--format', 'json']);
  const out = JSON.parse(json.stdout);
  const byHandle = (h: string) => out.followers.find((f: { handle: string }) => f.handle === h);

  it('explains every named follower', () => {
    expect(json.code).toBe(0);
    expect(out.followers.map((f: { handle: string }) => f.handle)).toEqual(['ruth_iyer36', 'jonas_mensah', 'oscar_walsh88']);
    expect(out.notFound).toEqual([]);
  });

  it('lists a negated term as not counted', () => {
    const ruth = byHandle('ruth_iyer36');
    expect(ruth.segment).toBe('passive');
    expect(ruth.fieldsRead.bio).toContain('not into book clubs');
    expect(ruth.matches).toContainEqual(expect.objectContaining({ term: 'book club*', polarity: 'negated', negator: 'not', target: 'reading culture' }));
    expect(ruth.scores.alignment).toMatchObject({ score: 0, threshold: 1, aligned: false });
  });

  it('shows the decision-table row that decided, and that no earlier row held', () => {
    for (const f of out.followers) {
      const decided = f.decisionTable.findIndex((r: { decided: boolean }) => r.decided);
      expect(f.decisionTable[decided].rule).toBe(f.rule);
      expect(f.decisionTable[decided].holds).toBe(true);
      expect(f.decisionTable.slice(0, decided).every((r: { holds: boolean }) => !r.holds)).toBe(true);
    }
  });

  it('adds scores against thresholds with their parts, and what would change the verdict', () => {
    const oscar = byHandle('oscar_walsh88');
    expect(oscar.segment).toBe('advocate');
    const alignmentSum = oscar.scores.alignment.parts.reduce((n: number, p: { points: number }) => n + p.points, 0);
    expect(Math.round(alignmentSum * 100) / 100).toBe(oscar.scores.alignment.score);
    const engagementSum = oscar.scores.engagement.parts.reduce((n: number, p: { points: number }) => n + p.points, 0);
    expect(engagementSum).toBe(oscar.scores.engagement.score);
    expect(oscar.wouldChange.join('\n')).toContain('potential');
    const jonas = byHandle('jonas_mensah');
    expect(jonas.flags).toContain('dissenter');
    expect(jonas.matches).toContainEqual(expect.objectContaining({ polarity: 'hostile', target: 'reading culture' }));
    expect(jonas.wouldChange).toContain('without the conflicting terms: potential');
  });

  it('prints text within 80 columns', () => {
    const r = runCli([...base, 'ruth_iyer36', 'jonas_mensah', 'oscar_walsh88']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('decision table');
    expect(r.stdout).toContain('what would change it');
    for (const line of r.stdout.split('\n')) expect([...line].length).toBeLessThanOrEqual(80);
  });

  it('exits 2 naming a handle that is not in the export, after explaining the others', () => {
    const r = runCli([...base, 'oscar_walsh88', 'no_such_person']);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('@oscar_walsh88');
    expect(r.stderr).toContain('no_such_person');
  });

  it('says an excluded follower is excluded (by overrides.exclude), not that it is missing', () => {
    const r = runCli([...base, '@fernleaf_staff']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('@fernleaf_staff is excluded by overrides.exclude in');
    expect(r.stderr).not.toContain('not in the export');
    const j = JSON.parse(runCli([...base, '@fernleaf_staff', '--format', 'json']).stdout);
    expect(j).toMatchObject({ excluded: ['@fernleaf_staff'], notFound: [] });
  });

  it('suggests the handles in the export nearest to one that is not there', () => {
    const r = runCli([...base, '@jonas_shha', 'tom_aziz', '@nobody_at_all']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('3 handles cannot be explained');
    expect(r.stderr).toContain('@jonas_shha is not in the export (did you mean @jonas_shah?)');
    expect(r.stderr).toContain('tom_aziz is not in the export (did you mean @tom_aziz18?)');
    expect(r.stderr).toMatch(/@nobody_at_all is not in the export\n/);
    const j = JSON.parse(runCli([...base, '@jonas_shha', '--format', 'json']).stdout);
    expect(j.nearMisses).toEqual({ '@jonas_shha': ['@jonas_shah'] });
  });

  it('shows control characters from a bio escaped', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kindred-explain-'));
    const file = join(dir, 'followers.csv');
    // Enough ordinary rows that a few control characters do not make the file look binary.
    const others = Array.from({ length: 40 }, (_, i) => `reader${i},Reader ${i},Loves a good book club and shop local`);
    writeFileSync(file, ['handle,name,bio', ...others, 'mallory,Mallory,"bookworm \u001b[2J\u001b]0;pwned\u0007 reader"', ''].join('\r\n'));
    const r = runCli(['explain', file, '--values', FERNLEAF.values, '--as-of', '2026-11-01', 'mallory']);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/);
    expect(r.stdout).toContain('\\x1b[2J');
  });
});

describe('kindred explain: why a mention did not count, and why hostility was read', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kindred-explain-stance-'));
  const exportFile = join(dir, 'followers.csv');
  const valuesFile = join(dir, 'values.yml');
  writeFileSync(
    exportFile,
    [
      'handle,bio',
      'fan,"Reposting @MinimalistMum daily. Nurse."',
      'critic,"Composting is a con. #StopZeroWaste"',
      'ally,"Teacher. #NoLandfill"',
      '',
    ].join('\n'),
  );
  writeFileSync(
    valuesFile,
    [
      'brand: Refill Row',
      'values:',
      '  - name: low waste',
      '    terms: [minimalist, "zero waste", composting]',
      'redFlags:',
      '  - name: landfill',
      '    terms: [landfill]',
      '    opposes: low waste',
      '',
    ].join('\n'),
  );
  const r = runCli(['explain', exportFile, '--values', valuesFile, 'fan', 'critic', 'ally', '--format', 'json', '--as-of', '2026-11-01']);
  const out = JSON.parse(r.stdout);
  const by = (h: string) => out.followers.find((f: { handle: string }) => f.handle === h);

  it('names the cue for a mention', () => {
    expect(r.code).toBe(0);
    expect(by('fan').segment).toBe('passive');
    expect(by('fan').matches).toContainEqual(expect.objectContaining({ term: 'minimalist', polarity: 'mention', cue: 'handle' }));
    expect(by('fan').reasons.join('\n')).toContain("inside another account's @handle");
  });

  it('names the cue for hostility', () => {
    const critic = by('critic');
    expect(critic.segment).toBe('misaligned');
    expect(critic.matches).toContainEqual(expect.objectContaining({ term: 'composting', polarity: 'hostile', cue: 'framed', word: 'con' }));
    expect(critic.matches).toContainEqual(expect.objectContaining({ term: 'zero waste', polarity: 'hostile', cue: 'hashtag', word: 'stop' }));
  });

  it('shows hostility to an opposing red flag as support', () => {
    const ally = by('ally');
    expect(ally.segment).toBe('potential');
    expect(ally.matches).toContainEqual(expect.objectContaining({ term: 'landfill', polarity: 'hostile', effect: expect.stringContaining('supports "low waste"') }));
  });
});
