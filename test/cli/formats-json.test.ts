import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FERNLEAF, FIXTURES, runCli } from '../helpers/run-cli.js';

/** The JSON report for some exports, checking the run succeeded and every row is accounted for. */
function audit(files: string[], extra: string[] = []) {
  const r = runCli(['audit', ...files, '--values', FERNLEAF.values, '--as-of', '2026-11-01', '--format', 'json', ...extra]);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  const report = JSON.parse(r.stdout);
  expect(report.totals.rowsRead).toBe(report.totals.classified + report.totals.skipped);
  return report;
}

/** Per-follower records (NDJSON). */
function records(files: string[]): { handle: string; profileUrl: string | null; line: number }[] {
  const r = runCli(['audit', ...files, '--values', FERNLEAF.values, '--as-of', '2026-11-01', '--format', 'ndjson']);
  expect(r.code).toBe(0);
  return r.stdout
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l));
}

/** Runs an audit that must fail with exit 2, one paragraph, and no output file. */
function refused(file: string) {
  const dir = mkdtempSync(join(tmpdir(), 'kindred-'));
  const out = join(dir, 'report.json');
  const records = join(dir, 'followers.ndjson');
  const r = runCli(['audit', file, '--values', FERNLEAF.values, '--format', 'json', '-o', out, '--followers-out', records]);
  expect(r.code).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr.trim().split('\n').length).toBe(1);
  expect(readdirSync(dir)).toEqual([]);
  return r.stderr;
}

const codes = (report: { findings: { code: string }[] }) => report.findings.map((f) => f.code);
const fx = (...parts: string[]) => join(FIXTURES, ...parts);

describe('X archive follower.js', () => {
  it('reads intent-link entries as followers known by account id, exact beyond 2^53', () => {
    const report = audit([fx('x-archive', 'follower.js')]);
    expect(report.inputs[0]).toMatchObject({ format: 'x-archive', rowsRead: 5, classified: 5, skipped: 0 });
    expect(report.inputs[0].fields).toEqual(['id', 'profileUrl']);
    expect(codes(report)).toEqual(expect.arrayContaining(['IDS_ONLY', 'NO_PROFILE_TEXT', 'NO_ENGAGEMENT_DATA']));
    const ids = report.findings.find((f: { code: string }) => f.code === 'IDS_ONLY');
    expect(ids.message).toContain('All 5 followers are known only by account id');
    const noText = report.findings.find((f: { code: string }) => f.code === 'NO_PROFILE_TEXT');
    expect(noText.message).toContain('X/Twitter archive follower.js carries only who follows you');
    expect(noText.message).toContain('--interactions');
    const handles = records([fx('x-archive', 'follower.js')]).map((r) => r.handle);
    expect(handles).toContain('id:1590378295366885377');
  });

  it('reads several parts given as several exports, keying handle links by handle', () => {
    const report = audit([fx('x-archive', 'follower.js'), fx('x-archive', 'follower-part1.js')]);
    expect(report.totals).toEqual({ rowsRead: 8, classified: 7, skipped: 1 });
    expect(report.dataQuality.skippedByCode).toEqual({ DUPLICATE_HANDLE: 1 });
    expect(report.inputs[1].fields).toEqual(['handle', 'id', 'profileUrl']);
    const handles = records([fx('x-archive', 'follower.js'), fx('x-archive', 'follower-part1.js')]).map((r) => r.handle);
    expect(handles).toContain('MayaReads');
    expect(handles).toContain('id:1719056472015548416');
  });

  it('reads older archives without userLink', () => {
    const report = audit([fx('x-archive-old', 'follower.js')]);
    expect(report.totals.classified).toBe(3);
    expect(report.inputs[0].fields).toEqual(['id']);
    expect(report.inputs[0].columns).toEqual(['accountId']);
    expect(records([fx('x-archive-old', 'follower.js')]).map((r) => r.handle)).toEqual(['id:1590378295366885377', 'id:12', 'id:813286']);
  });

  it('reads an empty follower list as no followers, not an error', () => {
    const report = audit([fx('x-archive-empty', 'follower.js')]);
    expect(report.totals).toEqual({ rowsRead: 0, classified: 0, skipped: 0 });
    expect(codes(report)).toContain('NO_FOLLOWERS');
  });

  it('skips entries without identity, each with a code, and reads /i/user/ and handle links', () => {
    const report = audit([fx('x-archive-quirks', 'follower.js')]);
    expect(report.totals).toEqual({ rowsRead: 5, classified: 3, skipped: 2 });
    expect(report.dataQuality.skippedByCode).toEqual({ MALFORMED_ROW: 1, MISSING_HANDLE: 1 });
    const lines = report.dataQuality.skippedSamples.map((s: { line: number; code: string }) => `${s.code}@${s.line}`);
    expect(lines).toEqual(['MISSING_HANDLE@8', 'MALFORMED_ROW@21']);
    expect(records([fx('x-archive-quirks', 'follower.js')]).map((r) => r.handle)).toEqual(['id:1590378295366885377', 'id:2244994945', 'oat_and_ember']);
  });

  it('reads follower.js from standard input', () => {
    const r = runCli(['audit', '-', '--values', FERNLEAF.values, '--as-of', '2026-11-01', '--format', 'json'], { input: readFileSync(fx('x-archive', 'follower.js')) });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).inputs[0]).toMatchObject({ format: 'x-archive', classified: 5 });
  });

  it('refuses following.js, naming the file to give instead', () => {
    expect(refused(fx('x-archive-following', 'following.js'))).toContain('Give data/follower.js');
  });
});

describe('Instagram followers JSON', () => {
  it('reads handles, profile links and follow dates from followers_1.json', () => {
    const report = audit([fx('instagram', 'followers_1.json')]);
    expect(report.inputs[0]).toMatchObject({ format: 'instagram', formatLabel: 'Instagram followers JSON', rowsRead: 4, classified: 4 });
    expect(report.inputs[0].fields).toEqual(['followedAt', 'handle', 'profileUrl']);
    expect(report.inputs[0].signals).toEqual({ profileText: false, engagement: false, authenticity: false });
    expect(codes(report)).toEqual(expect.arrayContaining(['NO_PROFILE_TEXT', 'NO_ENGAGEMENT_DATA']));
    expect(records([fx('instagram', 'followers_1.json')]).map((r) => r.handle)).toEqual(['fernleaf.reader', 'maya_reads', 'slow.pages', 'Tom.Bakes']);
  });

  it('counts a follower in two parts once', () => {
    const report = audit([fx('instagram', 'followers_1.json'), fx('instagram', 'followers_2.json')]);
    expect(report.totals).toEqual({ rowsRead: 6, classified: 5, skipped: 1 });
    expect(report.dataQuality.skippedByCode).toEqual({ DUPLICATE_HANDLE: 1 });
  });

  it('reads the {"relationships_followers": [...]} wrapper', () => {
    expect(audit([fx('instagram-wrapped', 'followers_1.json')]).totals.classified).toBe(3);
  });

  it('reads the newer variant with the username in title and /_u/ links', () => {
    const report = audit([fx('instagram-new', 'followers_1.json')]);
    expect(report.inputs[0].columns).toContain('string_list_data.href');
    expect(report.inputs[0].columns).not.toContain('string_list_data.value');
    const rs = records([fx('instagram-new', 'followers_1.json')]);
    expect(rs.map((r) => r.handle)).toEqual(['fernleaf.reader', 'maya_reads', 'slow.pages', 'Tom.Bakes']);
    expect(rs[0]!.profileUrl).toBe('https://www.instagram.com/_u/fernleaf.reader');
  });

  it('falls back to the link, repairs mojibake, warns on a bad timestamp and skips an empty entry', () => {
    const report = audit([fx('instagram-quirks', 'followers_1.json')]);
    expect(report.totals).toEqual({ rowsRead: 5, classified: 4, skipped: 1 });
    expect(report.dataQuality.skippedByCode).toEqual({ MISSING_HANDLE: 1 });
    expect(report.dataQuality.warnings).toEqual([expect.objectContaining({ code: 'BAD_DATE', field: 'followedAt', count: 1 })]);
    expect(records([fx('instagram-quirks', 'followers_1.json')]).map((r) => r.handle)).toEqual(['good_one', 'href.only', 'no_time', 'café_crème']);
  });

  it('reads an empty followers_1.json as no followers', () => {
    const report = audit([fx('instagram-empty', 'followers_1.json')]);
    expect(report.inputs[0].format).toBe('instagram');
    expect(report.totals.rowsRead).toBe(0);
  });

  it('joins an interactions log by handle, whatever form the handle takes', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kindred-'));
    const log = join(dir, 'interactions.csv');
    writeFileSync(log, 'handle,type,date\n@Maya_Reads,comment,2026-10-20\nhttps://www.instagram.com/_u/slow.pages/,like,2026-10-21\nnot_a_follower,like,2026-10-22\n');
    const report = audit([fx('instagram-new', 'followers_1.json')], ['--interactions', log]);
    expect(report.interactions[0]).toMatchObject({ matchedFollowers: 2, notFollowers: 1 });
    expect(report.dataQuality.evidence.both + report.dataQuality.evidence.engagementOnly).toBe(2);
  });

  it('refuses the HTML version of the download, saying to request JSON', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kindred-'));
    const file = join(dir, 'followers_1.html');
    writeFileSync(file, '<html><head><title>Followers</title></head><body><div><a target="_blank" href="https://www.instagram.com/maya_reads">maya_reads</a></div><div>Feb 08, 2026 1:17 pm</div></body></html>');
    expect(refused(file)).toContain('Format "JSON"');
  });

  it('refuses a file that is not Instagram JSON when --platform instagram is forced', () => {
    const r = runCli(['audit', FERNLEAF.export, '--platform', 'instagram', '--values', FERNLEAF.values]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('not an Instagram followers JSON file');
  });

  it('exits 2 on a cut-off download found mid-stream, writing nothing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kindred-'));
    const file = join(dir, 'followers_1.json');
    const whole = readFileSync(fx('instagram', 'followers_1.json'), 'utf8');
    writeFileSync(file, whole.slice(0, Math.floor(whole.length * 0.7)));
    const message = refused(file);
    expect(message).toMatch(/followers_1\.json: the file ends at line \d+ before the list is closed/);
  });

  it('refuses following.json, naming the file to give instead', () => {
    expect(refused(fx('instagram-following', 'following.json'))).toContain('followers_1.json');
  });
});

describe('a platform .zip download', () => {
  it('reads every followers part of an Instagram download, in part order', () => {
    const report = audit([fx('zip', 'instagram-fernleafbooks-2026-11-01-Ab3dEf.zip')]);
    expect(report.inputs.map((i: { file: string }) => i.file.replace(/^.*\.zip:/, ''))).toEqual([
      'connections/followers_and_following/followers_1.json',
      'connections/followers_and_following/followers_2.json',
    ]);
    expect(report.totals).toEqual({ rowsRead: 6, classified: 5, skipped: 1 });
  });

  it('prints a terminal report within 80 columns that names each file inside the zip', () => {
    const r = runCli(['audit', fx('zip', 'instagram-fernleafbooks-2026-11-01-Ab3dEf.zip'), '--values', FERNLEAF.values, '--as-of', '2026-11-01']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('followers_2.json');
    expect(r.stdout).toContain('Instagram followers JSON: 4 rows');
    expect(r.stdout).toContain('only who follows you');
    for (const line of r.stdout.split('\n')) expect([...line].length).toBeLessThanOrEqual(80);
  });

  it('reads an older Instagram download with followers_and_following/followers.json', () => {
    const report = audit([fx('zip', 'instagram-older-2023-01-15.zip')]);
    expect(report.inputs[0].file).toMatch(/\.zip:followers_and_following\/followers\.json$/);
    expect(report.totals.classified).toBe(4);
  });

  it('reads an X archive: follower.js first, then its parts', () => {
    const report = audit([fx('zip', 'twitter-2026-11-01-4f1c0e9a.zip')]);
    expect(report.inputs.map((i: { file: string }) => i.file.replace(/^.*\.zip:/, ''))).toEqual(['data/follower.js', 'data/follower-part1.js']);
    expect(report.totals).toEqual({ rowsRead: 8, classified: 7, skipped: 1 });
  });

  it('reads a ZIP64 archive', () => {
    expect(audit([fx('zip', 'twitter-zip64-2026-11-01.zip')]).totals.classified).toBe(5);
  });

  it('reads LinkedIn Connections.csv from its download folder', () => {
    const report = audit([fx('zip', 'Basic_LinkedInDataExport_11-01-2026.zip')]);
    expect(report.inputs[0].file).toMatch(/\.zip:Basic_LinkedInDataExport_11-01-2026\/Connections\.csv$/);
    expect(report.totals).toMatchObject({ rowsRead: 3, classified: 3 });
  });

  it('exits 2 listing what a zip without a follower file holds', () => {
    const message = refused(fx('zip', 'holiday-photos.zip'));
    expect(message).toContain('no follower file');
    expect(message).toContain('9 files: photos/IMG_1000.jpg');
    expect(message).toContain('and 3 more');
  });

  it('exits 2 telling an HTML Instagram download to be requested as JSON', () => {
    expect(refused(fx('zip', 'instagram-html-2026-11-01.zip'))).toContain('request a new download with Format "JSON"');
  });
});

describe('audit --help', () => {
  it('lists every --platform name', () => {
    const r = runCli(['audit', '--help']);
    expect(r.code).toBe(0);
    for (const name of ['auto', 'instagram', 'x-archive', 'csv']) expect(r.stdout).toMatch(new RegExp(`^  ${name} +\\S`, 'm'));
  });
});

describe('API and scraper exports (CLI)', () => {
  it('an X v1.1 users array is read as X users, never taken for Instagram', () => {
    const report = audit([join(FIXTURES, 'x-api-json', 'users.json')]);
    expect(report.inputs[0].format).toBe('x-api');
    expect(report.totals).toMatchObject({ rowsRead: 3, classified: 3, skipped: 0 });
    expect(report.inputs[0].signals.profileText).toBe(true);
  });

  it('explain shows what the platform says: a Mastodon bot flag, a Bluesky spam label (not a withdrawn one)', () => {
    for (const file of ['followers.json', 'followers.csv']) {
      const bot = runCli(['explain', join(FIXTURES, 'mastodon', file), 'newsbot@botsin.space', 'nora@fosstodon.org', '--values', FERNLEAF.values, '--as-of', '2026-11-01']);
      expect(bot.code).toBe(0);
      const [newsbot, nora] = bot.stdout.split(/\n(?=@)/);
      expect(newsbot).toContain('the account says it is a bot');
      expect(nora).not.toContain('says it is a bot');
    }
    const labelled = runCli(['explain', join(FIXTURES, 'bluesky', 'getFollowers-pages.json'), 'mo.bsky.social', 'kit.bsky.social', '--values', FERNLEAF.values, '--as-of', '2026-11-01']);
    expect(labelled.code).toBe(0);
    const [mo, kit] = labelled.stdout.split(/\n(?=@)/);
    expect(mo).toContain('labelled "spam" by the platform');
    expect(kit).not.toContain('labelled');
  });

  it('the data-quality section names the format', () => {
    const r = runCli(['audit', join(FIXTURES, 'mastodon', 'followers.json'), '--values', FERNLEAF.values, '--as-of', '2026-11-01']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Mastodon followers (Account entities): 4 rows, 4 classified, 0 skipped');
  });
});

describe('a file from which no follower can be read', () => {
  it('is an input error naming the format taken and why, not a 0-follower report', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kindred-'));
    const file = join(dir, 'followers_1.json');
    writeFileSync(file, '[{"pk_name": "a"}, {"pk_name": "b"}]\n');
    const err = refused(file);
    expect(err).toContain('read 2 rows and could not take a follower from any');
    expect(err).toContain('took it for Instagram followers JSON (--platform instagram)');
    expect(err).toContain('string_list_data');
    expect(err).not.toMatch(/\n\s+at /);
  });

  it('also when the format was forced: X users read as Instagram say so', () => {
    const r = runCli(['audit', join(FIXTURES, 'x-api-json', 'users.json'), '--values', FERNLEAF.values, '--platform', 'instagram']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('took it for Instagram followers JSON');
    expect(r.stderr).toContain('screen_name');
  });

  it('a CSV whose rows all lack a handle is refused the same way', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kindred-'));
    const file = join(dir, 'followers.csv');
    writeFileSync(file, 'handle,bio\n,reader\n,writer\n');
    expect(refused(file)).toContain('read 2 rows and could not take a follower from any: took it for CSV/TSV with recognised column names');
  });
});
