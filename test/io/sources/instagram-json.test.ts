import { describe, expect, it } from 'vitest';
import { instagramIdentity, instagramTime } from '../../../src/io/sources/instagram-json.js';

describe('instagramIdentity', () => {
  it('takes the username from value (older exports)', () => {
    const entry = { title: '', media_list_data: [], string_list_data: [{ href: 'https://www.instagram.com/maya_reads', value: 'maya_reads', timestamp: 1676354318 }] };
    expect(instagramIdentity(entry)).toEqual({ handle: 'maya_reads', profileUrl: 'https://www.instagram.com/maya_reads', timestamp: 1676354318 });
  });

  it('falls back to title when value is missing (newer exports)', () => {
    const entry = { title: 'slow.pages', string_list_data: [{ href: 'https://www.instagram.com/_u/slow.pages', timestamp: 1765477864 }], media_list_data: [] };
    expect(instagramIdentity(entry).handle).toBe('slow.pages');
  });

  it('falls back to the last segment of href, without /_u/, query or trailing slash', () => {
    const entry = (href: string) => ({ title: '', string_list_data: [{ href }] });
    expect(instagramIdentity(entry('https://www.instagram.com/_u/quiet_shelf')).handle).toBe('quiet_shelf');
    expect(instagramIdentity(entry('https://www.instagram.com/quiet_shelf/?igsh=abc')).handle).toBe('quiet_shelf');
  });

  it('prefers value over title over href', () => {
    const entry = { title: 'from_title', string_list_data: [{ href: 'https://www.instagram.com/from_href', value: 'from_value' }] };
    expect(instagramIdentity(entry).handle).toBe('from_value');
    expect(instagramIdentity({ ...entry, string_list_data: [{ href: 'https://www.instagram.com/from_href' }] }).handle).toBe('from_title');
  });

  it('repairs mojibake in the text it reads', () => {
    expect(instagramIdentity({ title: 'cafÃ©_crÃ¨me', string_list_data: [] }).handle).toBe('café_crème');
  });

  it('finds nothing in an entry without any identity', () => {
    expect(instagramIdentity({ title: '', string_list_data: [] })).toEqual({});
    expect(instagramIdentity({ title: '   ', string_list_data: [{ value: '', href: '' }] })).toEqual({});
    expect(instagramIdentity({})).toEqual({});
  });
});

describe('instagramTime', () => {
  it('reads Unix seconds', () => {
    expect(instagramTime(1676354318)?.toISOString()).toBe('2023-02-14T05:58:38.000Z');
    expect(instagramTime('1676354318')?.toISOString()).toBe('2023-02-14T05:58:38.000Z');
  });

  it('refuses values that are not a plausible time', () => {
    expect(instagramTime('soon')).toBeNull();
    expect(instagramTime(-5)).toBeNull();
    expect(instagramTime(0)).toBeNull();
    expect(instagramTime(1676354318000)).toBeNull();
  });
});
