import { describe, expect, it } from 'vitest';
import { parseUserLink } from '../../../src/io/sources/x-archive.js';

describe('parseUserLink', () => {
  it('reads the id from an intent link, on either host', () => {
    expect(parseUserLink('https://twitter.com/intent/user?user_id=1590378295366885377')).toEqual({ id: '1590378295366885377' });
    expect(parseUserLink('https://x.com/intent/user?user_id=12')).toEqual({ id: '12' });
    expect(parseUserLink('https://twitter.com/i/user/783214')).toEqual({ id: '783214' });
  });

  it('keeps ids longer than 2^53 exact, as strings', () => {
    const id = '18446744073709551615';
    expect(parseUserLink(`https://twitter.com/intent/user?user_id=${id}`).id).toBe(id);
  });

  it('reads the handle from a profile link', () => {
    expect(parseUserLink('https://twitter.com/MayaReads')).toEqual({ handle: 'MayaReads' });
    expect(parseUserLink('https://x.com/oat_and_ember/')).toEqual({ handle: 'oat_and_ember' });
    expect(parseUserLink('https://mobile.twitter.com/Tom?s=20')).toEqual({ handle: 'Tom' });
    expect(parseUserLink('https://twitter.com/intent/user?screen_name=Ann_B')).toEqual({ handle: 'Ann_B' });
  });

  it('gives nothing for links that name no account', () => {
    expect(parseUserLink('https://twitter.com/intent/user')).toEqual({});
    expect(parseUserLink('https://twitter.com/intent/user?user_id=abc')).toEqual({});
    expect(parseUserLink('https://x.com/home')).toEqual({});
    expect(parseUserLink('https://x.com/')).toEqual({});
    expect(parseUserLink('not a link')).toEqual({});
  });
});
