import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, runCli } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-dir.js';

/**
 * A handles-only Instagram download (followers_1.json: no bios) plus a file
 * of the comments people left under the brand's posts. Each comments fixture
 * copies a real exporter's layout (see test/fixtures/comments/README.md).
 */
const DIR = join(FIXTURES, 'comments');
const FOLLOWERS = join(DIR, 'followers_1.json');
const VALUES = join(DIR, 'values.yml');
const LAYOUTS = ['instagram-userscript.csv', 'youtube-commentThreads.json', 'instagram-graph-comments.json', 'apify-instagram-comments.json'];

interface Record {
  handle: string;
  segment: string;
  flags: string[];
  values: string[];
  evidence: string;
  reasons: string[];
}

function audit(comments: string, extra: string[] = []) {
  const dir = tempDir('kindred-comments-');
  const out = join(dir, 'followers.ndjson');
  const r = runCli(['audit', FOLLOWERS, '--values', VALUES, '--interactions', join(DIR, comments), '--as-of', '2026-11-01', '--format', 'json', '--followers-out', out, '--no-interactive', ...extra]);
  const records = new Map<string, Record>();
  for (const line of readFileSync(out, 'utf8').trim().split('\n')) {
    const rec = JSON.parse(line) as Record;
    records.set(rec.handle, rec);
  }
  return { ...r, report: JSON.parse(r.stdout), records, followersText: readFileSync(out, 'utf8') };
}

describe('followers’ words from comments', () => {
  it.each(LAYOUTS)('%s: commenters are read by what they wrote, silent followers stay passive', (file) => {
    const { code, records } = audit(file);
    expect(code).toBe(0);
    const moss = records.get('moss.and.mile')!;
    expect(moss).toMatchObject({ segment: 'advocate', values: ['repair'], evidence: 'comments+engagement' });
    expect(moss.reasons[0]).toBe('value "repair": "repair*" in a comment on 2026-10-14');
    expect(records.get('grumpy_gearhead')).toMatchObject({ segment: 'misaligned', flags: expect.arrayContaining(['conflict', 'dissenter']) });
    expect(records.get('promo.peaks.shop')).toMatchObject({ segment: 'misaligned', flags: expect.arrayContaining(['spam']) });
    expect(records.get('quiet.ridge')).toMatchObject({ segment: 'passive', evidence: 'none' });
  });

  it('counts a commenter who does not follow as such, never as a follower', () => {
    const { report, records } = audit('instagram-userscript.csv');
    expect(records.has('not.a.follower')).toBe(false);
    expect(records.size).toBe(5);
    expect(report.interactions[0]).toMatchObject({ rowsRead: 6, handles: 5, matchedFollowers: 4, notFollowers: 1 });
  });

  it('an old comment still says what someone values; only engagement ages', () => {
    const { records } = audit('instagram-userscript.csv');
    // Written in 2025, outside the 90-day window: aligned, but not engaged.
    expect(records.get('old.words.ana')).toMatchObject({ segment: 'potential', values: ['sustainability'] });
  });

  it('shows where the words came from and counts values seen in comments', () => {
    const { report } = audit('instagram-userscript.csv');
    expect(report.dataQuality.words).toEqual({ profileOnly: 0, commentsOnly: 4, both: 0 });
    const repair = report.values.find((v: { name: string }) => v.name === 'repair');
    expect(repair.followers).toBe(1);
    const table = runCli(['audit', FOLLOWERS, '--values', VALUES, '--interactions', join(DIR, 'instagram-userscript.csv'), '--as-of', '2026-11-01', '--no-interactive']);
    expect(table.code).toBe(0);
    expect(table.stdout.replace(/\s+/g, ' ')).toContain('words read from 0 profiles only, 4 from comments only, 0 from both');
  });

  it('never writes what someone wrote in the report or the records', () => {
    const { stdout, followersText } = audit('instagram-userscript.csv');
    for (const words of ['repair > replace', 'buy new like a normal person', 'promo code on trail gear', 'I mend everything']) {
      expect(stdout).not.toContain(words);
      expect(followersText).not.toContain(words);
    }
  });

  it('explain names the comment and its day, never its words', () => {
    const r = runCli(['explain', FOLLOWERS, 'moss.and.mile', 'grumpy_gearhead', '--values', VALUES, '--interactions', join(DIR, 'youtube-commentThreads.json'), '--as-of', '2026-11-01']);
    expect(r.code).toBe(0);
    const out = r.stdout.replace(/\s+/g, ' ');
    expect(out).toContain('"repair*" in a comment on 2026-10-14 → value "repair": alignment +1');
    expect(out).toMatch(/"repair\*" in a comment on 2026-10-18 → value "repair": conflict: hostile to "repair"/);
    expect(r.stdout).toContain('comments  1 read');
    expect(r.stdout).not.toContain('repair > replace');
    expect(r.stdout).not.toContain('like a normal person');
  });

  it('a rejected comment row is accounted, and its words are blanked in --rejects', () => {
    const dir = tempDir('kindred-comments-');
    const comments = join(dir, 'comments.csv');
    const rejects = join(dir, 'rejects.csv');
    writeFileSync(comments, 'text,likes,created_at,username\n"my private words on repair","1","not a date","moss.and.mile"\n"more private words","1","2026-10-01T00:00:00Z",""\n"fine words on repair","1","2026-10-02T00:00:00Z","quiet.ridge"\n');
    const r = runCli(['audit', FOLLOWERS, '--values', VALUES, '--interactions', comments, '--as-of', '2026-11-01', '--format', 'json', '--rejects', rejects, '--no-interactive']);
    expect(r.code).toBe(0);
    const log = JSON.parse(r.stdout).interactions[0];
    expect(log).toMatchObject({ rowsRead: 3, skipped: 2, skippedByCode: { MALFORMED_ROW: 1, MISSING_HANDLE: 1 } });
    const written = readFileSync(rejects, 'utf8');
    expect(written).toContain('unreadable date');
    expect(written).not.toContain('private words');
  });

  it('a JSON entry that is not a comment is skipped and counted', () => {
    const dir = tempDir('kindred-comments-');
    const comments = join(dir, 'comments.json');
    const entries = [
      { ownerUsername: 'moss.and.mile', text: 'repair > replace', timestamp: '2026-10-14T09:12:40.000Z' },
      { ownerUsername: 'quiet.ridge', timestamp: '2026-10-15T09:12:40.000Z' },
      { ownerUsername: 'promo.peaks.shop', text: 'nice', timestamp: 'last tuesday' },
    ];
    writeFileSync(comments, JSON.stringify(entries));
    const r = runCli(['audit', FOLLOWERS, '--values', VALUES, '--interactions', comments, '--as-of', '2026-11-01', '--format', 'json', '--no-interactive']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).interactions[0]).toMatchObject({ rowsRead: 3, skipped: 2, skippedByCode: { MALFORMED_ROW: 2 }, matchedFollowers: 2 });
  });

  it('--include-comments writes what followers wrote in the records, and is refused with --anonymize', () => {
    const { code, records } = audit('instagram-userscript.csv', ['--include-comments']);
    expect(code).toBe(0);
    const moss = records.get('moss.and.mile') as Record & { comments: string[] };
    expect(moss.comments).toEqual(['2026-10-14: had my old pack repaired at your shop, repair > replace every time', '2026-10-21: nice colours']);
    expect((records.get('quiet.ridge') as Record & { comments: string[] }).comments).toEqual([]);
    const r = runCli(['audit', FOLLOWERS, '--values', VALUES, '--interactions', join(DIR, 'instagram-userscript.csv'), '--include-comments', '--anonymize', '--no-interactive']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--anonymize and --include-comments contradict each other');
  });
});
