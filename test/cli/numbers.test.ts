import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/report/model.js';
import { FERNLEAF, OAT, runCli, SAMPLES } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-dir.js';

/**
 * Every number the report prints is true: a score it cannot measure says so,
 * breakdowns add up, list titles say what the list holds, group-think gives no
 * verdict without evidence, and percentages are rounded once from the counts.
 */

const sampleAudits: [string, string[]][] = [
  ['fernleaf', [FERNLEAF.export, '--values', FERNLEAF.values, '--interactions', FERNLEAF.interactions, '--as-of', '2026-11-01']],
  [
    'fernleaf 2026-12',
    [join(SAMPLES, 'fernleaf/2026-12/followers.csv'), '--values', FERNLEAF.values, '--interactions', join(SAMPLES, 'fernleaf/2026-12/interactions.csv'), '--as-of', '2026-12-01'],
  ],
  ['oat-and-ember', [OAT.export, '--values', OAT.values, '--interactions', OAT.interactions, '--as-of', '2026-11-01']],
  ['oat-and-ember without interactions', [OAT.export, '--values', OAT.values, '--as-of', '2026-11-01']],
];

function auditJson(args: string[]): Report {
  const r = runCli(['audit', ...args, '--format', 'json']);
  expect(r.stderr).toBe('');
  return JSON.parse(r.stdout) as Report;
}

/** 50 followers with a like count and nothing else: engagement, but no profile text. */
function likesOnly(dir: string): string[] {
  const file = join(dir, 'likes.csv');
  writeFileSync(file, `handle,likes\n${Array.from({ length: 50 }, (_, i) => `fan${i},${3 + (i % 4)}`).join('\n')}\n`);
  return [file, '--values', FERNLEAF.values, '--as-of', '2026-11-01'];
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

describe('every breakdown in the JSON report adds up to its total', () => {
  it.each(sampleAudits)('%s', (_name, args) => {
    const r = auditJson(args);
    const t = r.totals;
    const s = r.segments;
    expect(t.rowsRead).toBe(t.classified + t.skipped);
    expect(sum(Object.values(r.dataQuality.skippedByCode))).toBe(t.skipped);
    expect(sum(r.inputs.map((i) => i.rowsRead))).toBe(t.rowsRead);
    for (const i of r.inputs) expect(i.rowsRead).toBe(i.classified + i.skipped);
    expect(s.advocate.count + s.potential.count + s.passive.count + s.misaligned.count).toBe(t.classified);
    expect(s.potential.nurture + s.potential.qualify).toBe(s.potential.count);
    expect(s.passive.noEvidence + s.passive.noSignal).toBe(s.passive.count);
    const m = s.misaligned;
    expect(m.dissenters + m.quietConflicts + m.spam + m.suspects + m.overridden).toBe(m.count);
    expect(sum(Object.values(r.dataQuality.evidence))).toBe(t.classified);
    expect(sum(Object.values(r.idealCustomer.bySegment))).toBe(r.idealCustomer.fit);
    for (const i of r.interactions) expect(i.matchedFollowers + i.notFollowers).toBe(i.handles);
    // Each list total is its part of a segment.
    expect(r.lists.review.length).toBeLessThanOrEqual(m.count - m.dissenters);
  });

  it('prints each breakdown with parts that sum to the segment, in every human format', () => {
    const args = sampleAudits[0]![1];
    const r = auditJson(args);
    for (const format of ['table', 'markdown', 'html']) {
      const text = runCli(['audit', ...args, '--format', format]).stdout;
      for (const segment of ['potential', 'passive', 'misaligned'] as const) {
        const line = new RegExp(`${segment} ([\\d,]+): ([^\\n<]+)`).exec(text.replace(/\n {4}/g, ' '));
        expect(line, `${format}: ${segment}`).not.toBeNull();
        const parts = [...line![2]!.matchAll(/(\d[\d,]*) /g)].map((x) => Number(x[1]!.replace(/,/g, '')));
        expect(Number(line![1]), `${format}: ${segment}`).toBe(r.segments[segment].count);
        expect(sum(parts), `${format}: ${line![0]}`).toBe(r.segments[segment].count);
      }
    }
  });
});

describe('a quality score kindred cannot measure', () => {
  it('is null with a reason in JSON, and says "not measurable" in every human format', () => {
    const args = likesOnly(tempDir());
    const r = auditJson(args);
    expect(r.quality.score).toBeNull();
    expect(r.quality.notMeasurable).toEqual({ code: 'NO_PROFILE_TEXT', reason: 'no profile text' });
    expect(r.segments.potential.qualify).toBe(50);
    for (const format of ['table', 'markdown', 'html']) {
      const text = runCli(['audit', ...args, '--format', format]).stdout;
      expect(text, format).toMatch(/not measurable: no profile text/);
      expect(text, format).not.toMatch(/\d+\/100|\d+<small>\/100/);
    }
  });

  it('fails a --fail-under gate (exit 1) with a message instead of passing it', () => {
    const r = runCli(['audit', ...likesOnly(tempDir()), '--fail-under', '90']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('quality score is not measurable (no profile text), so --fail-under 90 cannot be met');
    expect(r.stderr).not.toMatch(/^\s+at /m);
  });

  it('still passes share gates, which do not rest on profile text', () => {
    expect(runCli(['audit', ...likesOnly(tempDir()), '--max-misaligned-share', '10%']).code).toBe(0);
  });

  it('gives group-think no verdict: no "medium risk" and no "no dissent" without profile text', () => {
    const args = likesOnly(tempDir());
    const r = auditJson(args);
    expect(r.groupThink.risk).toBe('unknown');
    expect(r.findings.map((f) => f.code)).not.toContain('NO_DISSENT');
    const table = runCli(['audit', ...args]).stdout;
    expect(table).toContain('Not measurable: no profile text');
    expect(table).not.toMatch(/no dissent/i);
  });
});

describe('figures that agree with each other', () => {
  it('does not warn that one value dominates beside an even spread of values', () => {
    const dir = tempDir();
    const file = join(dir, 'followers.csv');
    // Everyone holds all three values: each value is held by 100% of aligned followers, and the spread is even.
    const rows = Array.from({ length: 20 }, (_, i) => `all${i},bookworm; shop local; literacy volunteer,${4 + (i % 3)}`);
    writeFileSync(file, `handle,bio,likes\n${rows.join('\n')}\n`);
    const r = auditJson([file, '--values', FERNLEAF.values, '--as-of', '2026-11-01']);
    expect(r.groupThink.dominantShare).toBe(1);
    expect(r.groupThink.diversity).toBeGreaterThan(0.9);
    expect(r.findings.map((f) => f.code)).not.toContain('ONE_VALUE_DOMINATES');
    expect(runCli(['audit', file, '--values', FERNLEAF.values, '--as-of', '2026-11-01']).stdout).not.toContain('barely heard');
  });

  it('rounds percentages once, from the counts', () => {
    const args = sampleAudits[0]![1];
    const r = auditJson(args);
    const g = r.groupThink;
    const held = Math.round(g.dominantShare * g.alignedFollowers);
    const once = `${(Math.round((held / g.alignedFollowers) * 1000) / 10).toFixed(1)}%`;
    expect(runCli(['audit', ...args]).stdout).toContain(`held by ${once} of ${g.alignedFollowers} aligned`);
    for (const v of r.values) expect(v.share * r.totals.classified).toBeCloseTo(v.followers, 9);
  });

  it('titles the list to qualify for what it holds: engaged, values signal missing or below the bar', () => {
    const r = auditJson(sampleAudits[0]![1]);
    expect(r.lists.qualify.some((f) => f.values.length > 0)).toBe(true);
    for (const format of ['table', 'markdown', 'html']) {
      const text = runCli(['audit', ...sampleAudits[0]![1], '--format', format]).stdout;
      expect(text, format).toContain('Potential to qualify (engaged, values signal missing or below the bar)');
      expect(text, format).toContain('values below the bar');
      expect(text, format).not.toContain('no values signal yet');
    }
  });
});
