import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/report/model.js';
import { FERNLEAF, runCli } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-dir.js';

/** Dates are checked: --as-of itself, interactions after it or all before its window, and day/month order. */

const fernleaf = [FERNLEAF.export, '--values', FERNLEAF.values, '--interactions', FERNLEAF.interactions];
const codes = (r: Report) => r.findings.map((f) => f.code);

function auditJson(args: string[]): Report {
  const r = runCli(['audit', ...args, '--format', 'json']);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as Report;
}

describe('--as-of', () => {
  it.each([
    ['2026-13-01', 'there is no month 13'],
    ['2026-00-10', 'there is no month 0'],
    ['2026-02-30', '2026-02 has no day 30'],
    ['2026-1-1', 'YYYY-MM-DD'],
  ])('refuses %s (exit 2, no rollover to another date)', (date, message) => {
    const r = runCli(['audit', ...fernleaf, '--as-of', date]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
    expect(r.stdout).toBe('');
    expect(r.stderr).not.toMatch(/^\s+at /m);
  });

  it('accepts a real leap day', () => {
    expect(auditJson([...fernleaf, '--as-of', '2028-02-29']).asOf).toBe('2028-02-29');
  });
});

describe('interactions outside the window', () => {
  it('reports interactions dated after --as-of (a year typo) instead of dropping them silently', () => {
    const r = auditJson([...fernleaf, '--as-of', '2025-01-01']);
    expect(codes(r)).toContain('AFTER_AS_OF');
    expect(r.findings.find((f) => f.code === 'AFTER_AS_OF')!.message).toMatch(/^\d+ interactions of your followers are dated after --as-of 2025-01-01/);
    expect(runCli(['audit', ...fernleaf, '--as-of', '2025-01-01']).stdout).toContain('dated after --as-of 2025-01-01');
  });

  it('reports when every dated interaction is older than the window', () => {
    const r = auditJson([...fernleaf, '--as-of', '2027-11-01']);
    expect(codes(r)).toContain('ALL_STALE');
    expect(codes(r)).not.toContain('STALE_ENGAGEMENT');
  });

  it('says nothing of the kind when the interactions fall in the window', () => {
    const r = auditJson([...fernleaf, '--as-of', '2026-11-01']);
    expect(codes(r)).not.toContain('ALL_STALE');
    expect(codes(r)).not.toContain('AFTER_AS_OF');
  });
});

describe('day/month order of numeric dates', () => {
  function interactions(dir: string, dates: string[]): string {
    const file = join(dir, 'interactions.csv');
    writeFileSync(file, `handle,type,date\n${dates.map((d, i) => `fan${i},reply,${d}`).join('\n')}\n`);
    return file;
  }
  function followers(dir: string, n: number): string {
    const file = join(dir, 'followers.csv');
    writeFileSync(file, `handle,bio\n${Array.from({ length: n }, (_, i) => `fan${i},bookworm`).join('\n')}\n`);
    return file;
  }
  const run = (dir: string, dates: string[], extra: string[] = []) =>
    auditJson([followers(dir, dates.length), '--values', FERNLEAF.values, '--interactions', interactions(dir, dates), '--as-of', '2026-07-01', ...extra]);

  it('names --date-order when every date reads either way and none settles it', () => {
    const r = run(tempDir(), ['03/04/2026', '05/06/2026', '02/01/2026']);
    const f = r.findings.find((x) => x.code === 'AMBIGUOUS_DATES');
    expect(f?.message).toContain('no date in the data settles the order');
    expect(f?.message).toContain('--date-order dmy');
  });

  it('warns when other dates show the other order, and is quiet when they confirm it', () => {
    const dates = ['03/04/2026', '24/05/2026'];
    expect(run(tempDir(), dates).findings.find((x) => x.code === 'AMBIGUOUS_DATES')?.message).toContain('day first');
    expect(codes(run(tempDir(), dates, ['--date-order', 'dmy']))).not.toContain('AMBIGUOUS_DATES');
    expect(codes(run(tempDir(), ['03/04/2026', '05/24/2026']))).not.toContain('AMBIGUOUS_DATES');
    expect(codes(run(tempDir(), ['2026-04-03', '2026-05-24']))).not.toContain('AMBIGUOUS_DATES');
  });

  it('checks the dates in the export too', () => {
    const dir = tempDir();
    const file = join(dir, 'followers.csv');
    writeFileSync(file, 'handle,bio,followed_at,likes\nann,bookworm,03/04/2026,3\nbob,reader,06/05/2026,2\n');
    const r = auditJson([file, '--values', FERNLEAF.values, '--as-of', '2026-07-01']);
    expect(codes(r)).toContain('AMBIGUOUS_DATES');
    expect(r.dataQuality.warnings.map((w) => w.code)).not.toContain('DATE_ORDER');
  });
});

describe('skipped rows of an interactions file', () => {
  it('appear in every human format, not only in JSON', () => {
    const dir = tempDir();
    const file = join(dir, 'interactions.csv');
    writeFileSync(file, 'handle,type,date\nmaya_reads,reply,2026-10-20\n,like,2026-10-21\ntom_b,like,not a date\n');
    const args = [FERNLEAF.export, '--values', FERNLEAF.values, '--interactions', file, '--as-of', '2026-11-01'];
    const r = auditJson(args);
    expect(r.interactions[0]).toMatchObject({ skipped: 2, skippedByCode: { MALFORMED_ROW: 1, MISSING_HANDLE: 1 } });
    for (const format of ['table', 'markdown', 'html']) {
      // Markdown escapes the underscore in codes; read it as a reader sees it.
      const text = runCli(['audit', ...args, '--format', format]).stdout.replace(/\\([_:])/g, '$1');
      expect(text, format).toMatch(/3 rows \(2 skipped: MALFORMED_ROW 1, MISSING_HANDLE 1\)/);
      expect(text, format).toContain('interactions.csv:4');
      expect(text, format).toContain('unreadable date');
    }
  });
});
