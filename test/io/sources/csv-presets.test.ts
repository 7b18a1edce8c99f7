import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, ROOT } from '../../helpers/run-cli.js';
import { byHandle, readSource } from '../../helpers/read-source.js';

const fx = (...p: string[]) => join(FIXTURES, ...p);
const iso = (d: Date | undefined) => d?.toISOString();

describe('LinkedIn Connections.csv', () => {
  it('finds the header after the Notes preamble and reads position + company as profile text', async () => {
    const r = await readSource(fx('linkedin', 'Connections.csv'));
    expect(r.format).toBe('linkedin');
    const amelie = byHandle(r.followers, 'amelie-durand-4b2a1c');
    expect(amelie).toMatchObject({ name: 'Amélie Durand', headline: 'Head Roaster · Specialty Coffee', company: 'Brûlerie Durand & Fils' });
    expect(iso(amelie.followedAt)).toBe('2023-08-24T00:00:00.000Z');
    // Single-digit day, trailing slash on the profile URL, a comma inside a quoted name.
    const sam = byHandle(r.followers, 'samleejr');
    expect(sam.name).toBe('Sam Lee, Jr.');
    expect(iso(sam.followedAt)).toBe('2019-01-03T00:00:00.000Z');
  });

  it('keys a connection without a URL by name, company, position and date; accounts for the trailing ,,,,,, row', async () => {
    const r = await readSource(fx('linkedin', 'Connections.csv'));
    expect(byHandle(r.followers, 'Priya Nair').key).toBe('name:priya nair|||12 feb 2025');
    expect(r.followers).toHaveLength(5);
    expect(r.skipped.map((s) => [s.code, s.detail])).toEqual([['MISSING_HANDLE', 'empty row']]);
  });

  it('reads the legacy header without URL and a different note wording', async () => {
    const r = await readSource(fx('linkedin', 'legacy', 'Connections.csv'));
    expect(r.format).toBe('linkedin');
    expect(r.followers.map((f) => f.handle)).toEqual(['Maria Keller', 'Jonas Weber']);
    expect(r.followers[0]!.email).toBe('maria@example.de');
  });

  it('reads the German header (no preamble, BOM)', async () => {
    const r = await readSource(fx('linkedin', 'german', 'Connections.csv'));
    expect(r.format).toBe('linkedin');
    const felix = byHandle(r.followers, 'felixbraun');
    expect(felix).toMatchObject({ company: 'Nachhaltig GmbH', headline: 'Nachhaltigkeitsberater', email: 'felix@example.de' });
    expect(iso(felix.followedAt)).toBe('2021-10-28T00:00:00.000Z');
  });
});

describe('X/Twitter API-style dumps', () => {
  it('maps v1.1 user-object columns: url is the website, ids stay strings, empty flags are false', async () => {
    const r = await readSource(fx('x-api', 'followers.csv'));
    expect(r.format).toBe('x-api');
    const ana = byHandle(r.followers, 'anaroasts');
    expect(ana).toMatchObject({
      id: '1466779416845451264',
      website: 'https://anaroasts.example',
      followers: 1532,
      following: 410,
      listed: 12,
      likesGiven: 8842,
      posts: 3120,
      verified: false,
      defaultAvatar: false,
      location: 'Valencia, España',
    });
    expect(ana.profileUrl).toBeUndefined();
    expect(ana.bio).toBe('Barista & roaster.\nPour over every morning ☕');
    expect(iso(ana.accountCreatedAt)).toBe('2007-04-06T10:58:22.000Z');
    expect(byHandle(r.followers, 'deals4u_88231')).toMatchObject({ defaultAvatar: true, defaultProfile: true });
    // Empty default_profile in a v1.1 dump is false (databases write false as empty), not unknown.
    expect(byHandle(r.followers, 'jack')).toMatchObject({ verified: true, defaultProfile: false, defaultAvatar: false });
  });

  it('reads a renamed third-party export with a pandas index column; empty cells stay unknown', async () => {
    const r = await readSource(fx('x-api', 'renamed', 'followers.csv'));
    expect(r.format).toBe('x-api');
    expect(byHandle(r.followers, 'trailmix_tess')).toMatchObject({ followers: 1200, following: 310, posts: 12345, verified: false });
    expect(iso(byHandle(r.followers, 'beanlab').accountCreatedAt)).toBe('2011-09-17T00:00:00.000Z');
    const quiet = byHandle(r.followers, 'quiet_one');
    for (const field of ['followers', 'following', 'posts', 'verified', 'accountCreatedAt'] as const) expect(quiet[field]).toBeUndefined();
  });

  const cresci = join(ROOT, '..', 'shared', 'data', 'cresci-2015-dev.csv');
  it.skipIf(!existsSync(cresci))('reads the real Cresci 2015 v1.1 dump fully, with every authenticity column mapped', async () => {
    const r = await readSource(cresci);
    expect(r.format).toBe('x-api');
    expect(r.followers.length + r.skipped.length).toBe(2252);
    expect(r.skipped).toEqual([]);
    for (const field of ['website', 'accountCreatedAt', 'defaultAvatar', 'defaultProfile', 'verified', 'likesGiven', 'listed', 'posts', 'followers', 'following', 'bio', 'id']) {
      expect(r.info.fields).toContain(field);
    }
    expect(r.followers.every((f) => f.accountCreatedAt instanceof Date)).toBe(true);
    expect(r.followers.every((f) => typeof f.defaultAvatar === 'boolean' && typeof f.defaultProfile === 'boolean')).toBe(true);
    expect(r.followers.filter((f) => f.defaultAvatar).length).toBeGreaterThan(0);
    expect(r.followers.some((f) => f.website?.startsWith('http'))).toBe(true);
    expect(r.warnings).toEqual([]);
  });
});

describe('Meltwater-style mentions export', () => {
  it('reads UTF-16LE tab-separated rows past a junk first row and merges mentions per author', async () => {
    const r = await readSource(fx('meltwater', 'current', 'mentions.csv'));
    expect(r.format).toBe('meltwater');
    expect(r.followers.map((f) => f.handle)).toEqual(['trailmix_tess', 'marco_brews']);
    const tess = byHandle(r.followers, 'trailmix_tess');
    expect(tess.name).toBe('Tess Okafor');
    // The mention URL is not the author's profile, and the article title is not a headline.
    expect(tess.profileUrl).toBeUndefined();
    expect(tess.headline).toBeUndefined();
    const sum = (type: string) => tess.engagement.dated.filter((d) => d.type === type).reduce((n, d) => n + d.count, 0);
    // Her engagement is her three mentions; the likes and replies they drew are their reach, not hers.
    expect({ like: sum('like'), reply: sum('reply'), share: sum('share'), mention: sum('mention') }).toEqual({ like: 0, reply: 0, share: 0, mention: 3 });
    expect(tess.engagement.dated.find((d) => d.type === 'mention')!.at.toISOString()).toBe('2026-10-18T09:12:00.000Z');
    // Rows read = followers + skipped: the two further mentions by Tess are accounted as merged.
    expect(r.skipped.map((s) => [s.code, s.line])).toEqual([
      ['MENTION_MERGED', 4],
      ['MENTION_MERGED', 6],
    ]);
  });

  it('reads the older header: bio, followers and profile URL per author', async () => {
    const r = await readSource(fx('meltwater', 'older', 'mentions.csv'));
    expect(r.format).toBe('meltwater');
    expect(byHandle(r.followers, 'hikerhannah')).toMatchObject({
      bio: 'Hiker, camper, coffee snob. Leave no trace.',
      followers: 5200,
      following: 640,
      profileUrl: 'http://twitter.com/hikerhannah',
      id: '1211111111111111111',
      location: 'Keswick',
    });
    expect(r.skipped).toHaveLength(1);
  });

  it('2025 Explore layout: the handle from Influencer, the display name from Twitter Screen Name, one author per Twitter Id', async () => {
    const r = await readSource(fx('meltwater', 'explore-2025', 'mentions.csv'));
    expect(r.format).toBe('meltwater');
    // Two authors share the display name "muhammad"; one of them changed it later.
    expect(r.followers.map((f) => [f.handle, f.name, f.id])).toEqual([
      ['lfamily297228', 'muhammad', '1650000000000000101'],
      ['other_muhammad', 'muhammad', '1650000000000000202'],
      ['ibrahim_gz', '" 𓂆 "Ibrahim Gaza🇵🇸', '1650000000000000303'],
    ]);
    // Mention 2 (other id) stays apart; mentions 3 (same id, new name) and 5 (no id, same handle) merge.
    expect(r.skipped.map((s) => [s.code, s.line])).toEqual([
      ['MENTION_MERGED', 4],
      ['MENTION_MERGED', 6],
    ]);
    const fam = byHandle(r.followers, 'lfamily297228');
    expect(fam.engagement.dated.map((d) => [d.type, d.count])).toEqual([
      ['mention', 1],
      ['mention', 1],
      ['mention', 1],
    ]);
    // 361,246 likes on one viral post are that post's reach, not the author's engagement.
    const ibrahim = byHandle(r.followers, 'ibrahim_gz');
    expect(ibrahim.engagement.dated.map((d) => [d.type, d.count])).toEqual([['mention', 1]]);
    expect(ibrahim.followers).toBe(88000);
  });
});

describe('Mailchimp audience export', () => {
  it('uses MEMBER_RATING as engagement, keys by email and never shows it as the handle', async () => {
    const r = await readSource(fx('mailchimp', 'subscribed_members_export_4f1a2b.csv'));
    expect(r.format).toBe('mailchimp');
    const rick = byHandle(r.followers, 'Rick Hawkins');
    expect(rick.engagement.rating).toBe(5);
    expect(rick.key).toBe('rick@example.com');
    expect(rick.company).toBe('Hawkins Café');
    expect(iso(rick.followedAt)).toBe('2013-06-25T17:38:27.000Z');
    expect(byHandle(r.followers, 'Noor Ali').key).toBe('noor.ali@example.org');
    const nameless = r.followers[2]!;
    expect(nameless.handle).toMatch(/^subscriber-[0-9a-f]{8}$/);
    expect(r.followers.some((f) => f.handle.includes('@'))).toBe(false);
    // TAGS are labels, not a mention count: no warnings about them.
    expect(r.info.fields).not.toContain('mentions');
    expect(r.warnings).toEqual([]);
  });
});

describe('Substack subscriber export', () => {
  it('reads created_at as the subscription date and survives a Latin-1 byte', async () => {
    const r = await readSource(fx('substack', 'email_list.trailhead.csv'));
    expect(r.format).toBe('substack');
    expect(r.followers).toHaveLength(3);
    expect(r.followers.map((f) => f.key)).toEqual(['pia@gmail.com', 'café.owner@example.com', 'quintus@mail.com']);
    expect(iso(r.followers[2]!.followedAt)).toBe('2025-10-12T12:30:00.713Z');
    expect(r.followers[2]!.accountCreatedAt).toBeUndefined();
    expect(r.followers.every((f) => !f.handle.includes('@'))).toBe(true);
  });
});
