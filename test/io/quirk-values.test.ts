import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { byHandle, readSource } from '../helpers/read-source.js';
import { FIXTURES } from '../helpers/run-cli.js';

const fx = (...p: string[]) => join(FIXTURES, ...p);

describe('cell values in the quirk fixtures', () => {
  it('reads abbreviated and grouped counts in both conventions', async () => {
    const r = await readSource(fx('counts', 'followers.csv'));
    expect(byHandle(r.followers, 'k')).toMatchObject({ followers: 1200, following: 12345, posts: 1234 });
    expect(byHandle(r.followers, 'm')).toMatchObject({ followers: 3_000_000, following: 11600, posts: 1500 });
    expect(byHandle(r.followers, 'plain')).toMatchObject({ followers: 42, following: 0, posts: 7 });
    expect(r.warnings).toEqual(['BAD_COUNT:followers:6']);
    expect(byHandle(r.followers, 'bad').followers).toBeUndefined();
  });

  it('keeps empty counts unknown, never zero', async () => {
    const r = await readSource(fx('empty-fields', 'followers.csv'));
    const blank = byHandle(r.followers, 'blank');
    // An empty bio cell is a known empty bio (an authenticity signal); empty counts stay unknown.
    for (const field of ['followers', 'following', 'posts', 'verified'] as const) expect(blank[field]).toBeUndefined();
    expect(blank.engagement).toEqual({ dated: [], undated: {} });
    expect(byHandle(r.followers, 'zero')).toMatchObject({ followers: 0, following: 0, posts: 0, verified: false });
  });

  it('reads the date formats seen in real exports', async () => {
    const r = await readSource(fx('dates', 'followers.csv'));
    const at = (h: string) => byHandle(r.followers, h).followedAt?.toISOString();
    expect(at('linkedin_style')).toBe('2023-08-24T00:00:00.000Z');
    expect(byHandle(r.followers, 'linkedin_style').accountCreatedAt?.toISOString()).toBe('2019-01-03T00:00:00.000Z');
    expect(byHandle(r.followers, 'twitter_style').accountCreatedAt?.toISOString()).toBe('2024-03-05T14:02:11.000Z');
    expect(at('iso_ms')).toBe('2018-08-27T15:06:27.713Z');
    expect(at('unix')).toBe('2023-02-14T05:58:38.000Z');
    expect(at('ig_html')).toBe('2026-02-08T13:17:00.000Z');
    expect(at('invitation')).toBe('2026-07-08T15:43:00.000Z');
    expect(byHandle(r.followers, 'invitation').accountCreatedAt?.toISOString()).toBe('2026-07-01T10:00:00.000Z');
    expect(at('dotted')).toBe('2023-08-24T00:00:00.000Z');
    expect(at('bad')).toBeUndefined();
    // 7/8/26 reads either way: noted (for the AMBIGUOUS_DATES finding), not a problem with the cell.
    expect(r.warnings).toEqual(['DATE_ORDER:followedAt:7', 'BAD_DATE:followedAt:9']);
  });

  it('decodes Windows-1252 punctuation, not only Latin-1 letters', async () => {
    const r = await readSource(fx('latin1', 'followers.csv'));
    expect(byHandle(r.followers, 'cafe_rene').bio).toBe('Café owner – it’s all about espresso €');
  });

  it('reads a UTF-8 file with one stray Windows-1252 row without garbling either', async () => {
    const r = await readSource(fx('mixed-encoding', 'followers.csv'));
    expect(r.followers.map((f) => f.bio)).toEqual(['Barista in València ☕', 'Café owner – espresso', 'Hiking — every weekend']);
  });

  it('reads the same followers from UTF-8, UTF-16LE and UTF-16BE files', async () => {
    const names = async (dir: string) => (await readSource(fx(dir, 'followers.csv'))).followers.map((f) => [f.handle, f.name, f.bio, f.followers]);
    const utf8 = await names('utf8-bom');
    expect(utf8[0]).toEqual(['ana_roasts', 'Ana Ruiz', 'Barista and roaster ☕ in València', 1532]);
    expect(await names('utf16le-bom')).toEqual(utf8);
    expect(await names('utf16be-bom')).toEqual(utf8);
  });
});
