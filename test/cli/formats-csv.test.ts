import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, runCli } from '../helpers/run-cli.js';

const VALUES = join(FIXTURES, 'values.yml');
const fx = (...p: string[]) => join(FIXTURES, ...p);

interface Audit {
  report: {
    inputs: { format: string; columns: string[]; fields: string[]; rowsRead: number; classified: number; skipped: number; missing: { signal: string }[] }[];
    totals: { rowsRead: number; classified: number; skipped: number };
    dataQuality: { skippedByCode: Record<string, number>; warnings: { code: string; field: string; count: number; samples: { line: number; value: string }[] }[] };
    findings: { code: string }[];
    followers: { handle: string; name: string | null; values: string[]; flags: string[]; line: number; email?: string | null; engagement: number }[];
  };
  stdout: string;
  stderr: string;
}

/** Runs `kindred audit FILE --format json --include-followers` and checks the accounting invariant. */
function audit(file: string, ...extra: string[]): Audit {
  const r = runCli(['audit', file, '--values', VALUES, '--as-of', '2026-11-01', '--format', 'json', '--include-followers', ...extra]);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  const report = JSON.parse(r.stdout);
  expect(report.totals.rowsRead).toBe(report.totals.classified + report.totals.skipped);
  return { report, stdout: r.stdout, stderr: r.stderr };
}

const handles = (a: Audit) => a.report.followers.map((f) => f.handle);
const follower = (a: Audit, handle: string) => {
  const f = a.report.followers.find((x) => x.handle === handle);
  if (!f) throw new Error(`no ${handle} in ${handles(a).join(', ')}`);
  return f;
};

describe('export formats, detected by header signature (CLI)', () => {
  it('LinkedIn Connections.csv: preamble skipped, URL slug as handle, emails withheld', () => {
    const a = audit(fx('linkedin', 'Connections.csv'));
    expect(a.report.inputs[0]!.format).toBe('linkedin');
    expect(handles(a)).toEqual(['goldbergjeffrey', 'amelie-durand-4b2a1c', 'samleejr', 'Priya Nair', 'tobrien']);
    expect(follower(a, 'samleejr').values).toEqual(['sustainability', 'outdoors']);
    expect(a.report.dataQuality.skippedByCode).toEqual({ MISSING_HANDLE: 1 });
    expect(a.stdout).not.toContain('@example.');
    expect(a.report.inputs[0]!.missing.map((m) => m.signal)).toEqual(['engagement', 'authenticity']);
  });

  it('LinkedIn: emails appear only with --include-emails', () => {
    const a = audit(fx('linkedin', 'Connections.csv'), '--include-emails');
    expect(follower(a, 'amelie-durand-4b2a1c').email).toBe('amelie.durand@example.fr');
    expect(follower(a, 'goldbergjeffrey').email).toBeNull();
  });

  it('LinkedIn without URL: namesakes at different companies stay apart, shown by name; a repeated row is a duplicate', () => {
    const a = audit(fx('linkedin', 'namesakes', 'Connections.csv'));
    expect(handles(a)).toEqual(['David Smith', 'David Smith', 'David Smith', 'Anna Berg']);
    expect(a.report.dataQuality.skippedByCode).toEqual({ DUPLICATE_HANDLE: 1 });
  });

  it('a LinkedIn file whose header row was deleted is named as such, never mapped by a first name', () => {
    const r = runCli(['audit', fx('linkedin', 'headerless', 'Connections.csv'), '--values', VALUES]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('the first row holds data (a web address, a date), not column names');
    expect(r.stderr).toContain('First Name,Last Name,URL,Email Address,Company,Position,Connected On');
    expect(r.stderr).not.toContain('Raoul');
  });

  it('LinkedIn legacy (no URL) and German exports', () => {
    const legacy = audit(fx('linkedin', 'legacy', 'Connections.csv'));
    expect(legacy.report.inputs[0]!.format).toBe('linkedin');
    expect(handles(legacy)).toEqual(['Maria Keller', 'Jonas Weber']);
    const german = audit(fx('linkedin', 'german', 'Connections.csv'));
    expect(german.report.inputs[0]!.format).toBe('linkedin');
    expect(german.report.inputs[0]!.columns[0]).toBe('Vorname');
    expect(follower(german, 'felixbraun').values).toEqual(['sustainability']);
  });

  it('X API v1.1 dump: spam red flag, snowflake ids, all authenticity fields found', () => {
    const a = audit(fx('x-api', 'followers.csv'));
    const input = a.report.inputs[0]!;
    expect(input.format).toBe('x-api');
    expect(input.fields).toEqual(expect.arrayContaining(['website', 'accountCreatedAt', 'defaultAvatar', 'verified', 'likesGiven', 'listed', 'posts']));
    expect(input.missing.map((m) => m.signal)).toEqual(['engagement']);
    expect(follower(a, 'deals4u_88231').flags).toContain('conflict');
    expect(follower(a, 'anaroasts').values).toEqual(['craft coffee']);
  });

  it('renamed third-party X export with a pandas index column', () => {
    const a = audit(fx('x-api', 'renamed', 'followers.csv'));
    expect(a.report.inputs[0]!.format).toBe('x-api');
    expect(a.report.inputs[0]!.columns[0]).toBe('');
    expect(handles(a)).toEqual(['trailmix_tess', 'beanlab', 'quiet_one']);
  });

  it('Meltwater UTF-16LE export: one follower per author, further mentions accounted as merged', () => {
    const a = audit(fx('meltwater', 'current', 'mentions.csv'));
    expect(a.report.inputs[0]!.format).toBe('meltwater');
    expect(a.report.totals).toEqual({ rowsRead: 4, classified: 2, skipped: 2 });
    expect(a.report.dataQuality.skippedByCode).toEqual({ MENTION_MERGED: 2 });
    const codes = a.report.findings.map((f) => f.code);
    expect(codes).toContain('MENTIONS_MERGED');
    expect(codes).not.toContain('ROWS_SKIPPED');
    expect(codes).not.toContain('NO_ENGAGEMENT_DATA');
    expect(follower(a, 'trailmix_tess').engagement).toBeGreaterThan(follower(a, 'marco_brews').engagement);
  });

  it('Meltwater: what mentions drew is reported as reach, per follower and in total, in every format, never as engagement', () => {
    const file = fx('meltwater', 'current', 'mentions.csv');
    // Expected reach from the file itself: per author, the sum of Likes, Replies, Reposts and Comments.
    const lines = new TextDecoder('utf-16le').decode(readFileSync(file)).replace(/^\uFEFF/, '').split(/\r?\n/).slice(1).filter((l) => l.trim());
    const header = lines[0]!.split('\t');
    const at = (name: string) => header.indexOf(name);
    const expected = new Map<string, number>();
    for (const line of lines.slice(1)) {
      const cells = line.split('\t');
      const drew = ['Likes', 'Replies', 'Reposts', 'Comments'].reduce((sum, c) => sum + Number(cells[at(c)] || 0), 0);
      const handle = cells[at('Author Handle')]!.replace(/^@/, '').toLowerCase();
      expected.set(handle, (expected.get(handle) ?? 0) + drew);
    }
    const total = [...expected.values()].reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThan(0);

    const a = audit(file);
    const records = a.report.followers as unknown as { handle: string; reach: number | null; engagement: number }[];
    for (const [handle, reach] of expected) expect(records.find((r) => r.handle.toLowerCase() === handle)?.reach).toBe(reach);
    const quality = (a.report.dataQuality as unknown as { mentionReach: { followers: number; total: number } }).mentionReach;
    expect(quality).toEqual({ followers: expected.size, total });

    // The same number in every human format.
    for (const format of ['table', 'markdown', 'html']) {
      const r = runCli(['audit', file, '--values', VALUES, '--as-of', '2026-11-01', '--format', format]);
      expect(r.code).toBe(0);
      expect(r.stdout.replace(/\s+/g, ' ')).toMatch(new RegExp(`[Rr]each of mentions: ${total} likes, replies, reposts and comments drawn by the mentions of ${expected.size} followers`));
    }

    // Reach is not engagement: the same mentions with nothing drawn score the same.
    const quiet = join(mkdtempSync(join(tmpdir(), 'kindred-reach-')), 'mentions.csv');
    const zeroed = lines.slice(1).map((line) => {
      const cells = line.split('\t');
      for (const c of ['Likes', 'Replies', 'Reposts', 'Comments']) cells[at(c)] = '0';
      return cells.join('\t');
    });
    writeFileSync(quiet, Buffer.from(`\uFEFF${[header.join('\t'), ...zeroed].join('\r\n')}\r\n`, 'utf16le'));
    const b = audit(quiet);
    for (const r of records) expect((b.report.followers as unknown as typeof records).find((x) => x.handle === r.handle)?.engagement).toBe(r.engagement);
  });

  it('older Meltwater header: bio read, spam author flagged', () => {
    const a = audit(fx('meltwater', 'older', 'mentions.csv'), '--as-of', '2022-03-10');
    expect(a.report.inputs[0]!.format).toBe('meltwater');
    expect(follower(a, 'hikerhannah').values).toEqual(['outdoors']);
    expect(follower(a, 'f4fking').flags).toContain('conflict');
  });

  it('Mailchimp: rating is engagement, people shown by name, never by email', () => {
    const a = audit(fx('mailchimp', 'subscribed_members_export_4f1a2b.csv'));
    expect(a.report.inputs[0]!.format).toBe('mailchimp');
    expect(a.report.inputs[0]!.missing.map((m) => m.signal)).not.toContain('engagement');
    expect(handles(a).slice(0, 2)).toEqual(['Rick Hawkins', 'Noor Ali']);
    expect(follower(a, 'Rick Hawkins').engagement).toBeGreaterThan(0);
    expect(a.stdout).not.toMatch(/@example\.(com|org|net)/);
    const table = runCli(['audit', fx('mailchimp', 'subscribed_members_export_4f1a2b.csv'), '--values', VALUES, '--as-of', '2026-11-01']);
    expect(table.stdout).not.toMatch(/@example\./);
  });

  it('Mailchimp: --include-emails puts the address in the records, and only then', () => {
    const a = audit(fx('mailchimp', 'subscribed_members_export_4f1a2b.csv'), '--include-emails');
    expect(follower(a, 'Noor Ali').email).toBe('Noor.Ali@Example.org');
    expect(follower(audit(fx('mailchimp', 'subscribed_members_export_4f1a2b.csv')), 'Noor Ali')).not.toHaveProperty('email');
  });

  it('Substack: detected, no emails printed', () => {
    const a = audit(fx('substack', 'email_list.trailhead.csv'));
    expect(a.report.inputs[0]!.format).toBe('substack');
    expect(a.report.totals.classified).toBe(3);
    expect(a.stdout).not.toContain('gmail.com');
    expect(a.stdout).not.toContain('mail.com');
  });

  it('a generic email list (Klaviyo-style) is keyed by email and shown by name; Tags are not counts', () => {
    const a = audit(fx('email-list', 'klaviyo-profiles.csv'));
    expect(a.report.inputs[0]!.format).toBe('csv');
    expect(handles(a)[0]).toBe('Maya Lin');
    expect(handles(a)[1]).toMatch(/^subscriber-[0-9a-f]{8}$/);
    expect(follower(a, 'Maya Lin').values).toEqual(['craft coffee']);
    expect(a.report.dataQuality.warnings).toEqual([]);
    expect(a.stdout).not.toContain('@example.');
  });

  it('--platform forces a format; an unknown name lists the choices', () => {
    const forced = audit(fx('x-api', 'followers.csv'), '--platform', 'csv');
    expect(forced.report.inputs[0]!.format).toBe('csv');
    const bad = runCli(['audit', fx('x-api', 'followers.csv'), '--values', VALUES, '--platform', 'myspace']);
    expect(bad.code).toBe(2);
    for (const id of ['linkedin', 'x-api', 'instagram-api', 'bluesky', 'mastodon', 'tiktok', 'meltwater', 'mailchimp', 'substack', 'csv', 'json']) {
      expect(bad.stderr).toMatch(new RegExp(` ${id}(,|$)`, 'm'));
    }
  });

  it('audit --help lists every --platform name', () => {
    const help = runCli(['audit', '--help']).stdout.replace(/\s+/g, ' ');
    for (const id of ['instagram', 'x-archive', 'linkedin', 'x-api', 'instagram-api', 'bluesky', 'mastodon', 'tiktok', 'tiktok-profiles', 'meltwater', 'mailchimp', 'substack', 'csv', 'json']) {
      expect(help).toContain(` ${id} `);
    }
  });
});

describe('--interactions with a mentions export (CLI)', () => {
  it('joins a Sprout-style inbox export: each message is a mention by its author', () => {
    const a = audit(fx('x-api', 'renamed', 'followers.csv'), '--interactions', fx('mentions', 'sprout-inbox.csv'));
    expect(follower(a, 'trailmix_tess').engagement).toBeGreaterThan(0);
    expect(follower(a, 'beanlab').engagement).toBe(0);
    const report = a.report as unknown as { interactions: { rowsRead: number; handles: number; matchedFollowers: number; notFollowers: number }[] };
    expect(report.interactions[0]).toMatchObject({ rowsRead: 3, handles: 2, matchedFollowers: 1, notFollowers: 1 });
  });

  it('joins a Meltwater export and a second interactions file together', () => {
    const a = audit(
      fx('x-api', 'renamed', 'followers.csv'),
      '--interactions',
      fx('meltwater', 'current', 'mentions.csv'),
      '--interactions',
      fx('mentions', 'sprout-inbox.csv'),
    );
    const report = a.report as unknown as { interactions: { rowsRead: number; matchedFollowers: number }[] };
    expect(report.interactions.map((i) => i.rowsRead)).toEqual([4, 3]);
    expect(follower(a, 'trailmix_tess').flags).not.toContain('no-evidence');
    expect(follower(a, 'trailmix_tess').engagement).toBeGreaterThan(
      audit(fx('x-api', 'renamed', 'followers.csv'), '--interactions', fx('mentions', 'sprout-inbox.csv')).report.followers[0]!.engagement,
    );
  });
});

describe('quirks, each end to end (CLI)', () => {
  const same = ['ana_roasts', 'trail_tess'];
  for (const [dir, file] of [
    ['utf8-bom', 'followers.csv'],
    ['utf16le-bom', 'followers.csv'],
    ['utf16be-bom', 'followers.csv'],
    ['crlf', 'followers.csv'],
  ] as const) {
    it(`${dir}: same followers, clean header and cells`, () => {
      const a = audit(fx(dir, file));
      expect(a.report.inputs[0]!.columns).toEqual(['handle', 'name', 'bio', 'followers']);
      expect(handles(a)).toEqual(same);
      expect(follower(a, 'ana_roasts')).toMatchObject({ name: 'Ana Ruiz', values: ['craft coffee'] });
      expect(follower(a, 'trail_tess').name).toBe('Tess Okafor');
    });
  }

  it('stray Windows-1252 bytes are read as Latin text, not replacement characters', () => {
    const a = audit(fx('latin1', 'followers.csv'));
    expect(follower(a, 'cafe_rene').name).toBe('René Dupont');
    expect(follower(a, 'cafe_rene').flags).toContain('ideal-fit');
    expect(a.stdout).not.toContain('\ufffd');
  });

  it('a UTF-8 file with a stray Windows-1252 row keeps both readable', () => {
    const a = audit(fx('mixed-encoding', 'followers.csv'));
    expect(follower(a, 'cafe_rene').name).toBe('René Dupont');
    expect(follower(a, 'ana_roasts').name).toBe('Ana Ruiz');
    expect(a.stdout).not.toContain('\ufffd');
    expect(a.stdout).not.toContain('Ã');
  });

  it('semicolons with German headers, tabs and commas are sniffed', () => {
    const semi = audit(fx('semicolon', 'followers.csv'));
    expect(follower(semi, 'lena_kaffee').values).toEqual(['craft coffee', 'outdoors']);
    const tab = audit(fx('tab', 'followers.tsv'));
    expect(follower(tab, 'trail_tess')).toMatchObject({ name: 'Tess Okafor', values: ['outdoors'] });
    const comma = audit(fx('comma', 'followers.csv'));
    expect(follower(comma, 'ana_roasts').values).toEqual(['craft coffee']);
  });

  it("Excel's sep=; first line", () => {
    const a = audit(fx('sep-line', 'followers.csv'));
    expect(a.report.inputs[0]!.columns[0]).toBe('Username');
    expect(handles(a)).toEqual(same);
  });

  it('quoted newlines in bios keep rows whole and line numbers right', () => {
    const a = audit(fx('quoted-newlines', 'followers.csv'));
    expect(a.report.totals.rowsRead).toBe(3);
    expect(follower(a, 'ana_roasts').values).toEqual(['craft coffee']);
    expect(follower(a, 'third').line).toBe(7);
  });

  it('ragged rows are read on what they have; the empty trailing row is accounted', () => {
    const a = audit(fx('ragged-rows', 'followers.csv'));
    expect(handles(a)).toEqual(['short', 'long', 'ok']);
    expect(follower(a, 'long').values).toEqual(['craft coffee']);
    expect(a.report.dataQuality.skippedByCode).toEqual({ MISSING_HANDLE: 1 });
  });

  it('duplicate and blank header cells: the first Name wins, blanks are ignored', () => {
    const a = audit(fx('duplicate-headers', 'followers.csv'));
    expect(a.report.inputs[0]!.columns).toEqual(['handle', 'Name', '', 'Name', 'bio', '']);
    expect(follower(a, 'ana_roasts')).toMatchObject({ name: 'Ana Ruiz', values: ['craft coffee'] });
  });

  it('counts 1.2K / 12,345 / 1.234 read; unreadable counts are warnings with the line', () => {
    const a = audit(fx('counts', 'followers.csv'));
    expect(a.report.totals.classified).toBe(5);
    expect(a.report.dataQuality.warnings).toEqual([
      { code: 'BAD_COUNT', field: 'followers', count: 1, samples: [expect.objectContaining({ line: 6, value: 'lots' })] },
    ]);
  });

  it('the date formats of real exports are read; an unreadable one is a warning', () => {
    const a = audit(fx('dates', 'followers.csv'));
    expect(a.report.totals.classified).toBe(8);
    expect(a.report.dataQuality.warnings).toEqual([
      { code: 'BAD_DATE', field: 'followedAt', count: 1, samples: [expect.objectContaining({ line: 9, value: 'yesterday' })] },
    ]);
  });

  it('empty fields are unknown: no evidence, no warnings', () => {
    const a = audit(fx('empty-fields', 'followers.csv'));
    expect(follower(a, 'blank').flags).toContain('no-evidence');
    expect(a.report.dataQuality.warnings).toEqual([]);
  });

  it('duplicate followers (@Name, name, profile URL) are counted once and reported', () => {
    const a = audit(fx('duplicate-followers', 'followers.csv'));
    expect(handles(a)).toEqual(['Ana_Roasts', 'trail_tess']);
    expect(a.report.dataQuality.skippedByCode).toEqual({ DUPLICATE_HANDLE: 2 });
    expect(a.report.findings.map((f) => f.code)).toContain('DUPLICATES');
  });
});

describe('files kindred cannot use (CLI)', () => {
  const cases: [string, Buffer | string, RegExp][] = [
    ['empty.csv', '', /empty/],
    ['picture.csv', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 1, 0]), /binary/],
    ['no-handle.csv', 'Score,Comment\n12,great stuff here\n3,meh\n', /--map handle=/],
    ['prose.txt', 'Dear team,\nplease find attached the list.\n', /no column identifies the followers/],
  ];
  for (const [name, content, message] of cases) {
    it(`${name}: exit 2, one paragraph, nothing written`, async () => {
      const { mkdtempSync, writeFileSync, existsSync } = await import('node:fs');
      const { tmpdir } = await import('node:os');
      const dir = mkdtempSync(join(tmpdir(), 'kindred-bad-'));
      const file = join(dir, name);
      writeFileSync(file, content);
      const out = join(dir, 'report.json');
      const r = runCli(['audit', file, '--values', VALUES, '--format', 'json', '-o', out, '--followers-out', join(dir, 'f.csv')]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toContain(name);
      expect(existsSync(out)).toBe(false);
      expect(existsSync(join(dir, 'f.csv'))).toBe(false);
    });
  }
});

describe('terminal report for these formats (CLI)', () => {
  it('names the format, the fields found and what the missing ones mean, within 80 columns', () => {
    const r = runCli(['audit', fx('linkedin', 'Connections.csv'), '--values', VALUES, '--as-of', '2026-11-01']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('LinkedIn Connections.csv: 6 rows, 5 classified, 1 skipped');
    expect(r.stdout).toMatch(/fields: company, email, firstName, followedAt, headline, lastName,\s+profileUrl/);
    expect(r.stdout).toContain('missing engagement');
    expect(r.stdout).toContain('missing account fields');
    for (const line of r.stdout.split('\n')) expect([...line].length).toBeLessThanOrEqual(80);
    const melt = runCli(['audit', fx('meltwater', 'current', 'mentions.csv'), '--values', VALUES, '--as-of', '2026-11-01']);
    expect(melt.stdout).toContain('Meltwater-style mentions export: 4 rows, 2 classified, 2 skipped');
    expect(melt.stdout).toContain('MENTION_MERGED 2');
    for (const line of melt.stdout.split('\n')) expect([...line].length).toBeLessThanOrEqual(80);
  });
});
