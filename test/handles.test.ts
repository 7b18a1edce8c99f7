import { describe, expect, it } from 'vitest';
import { handleKey, parseHandle } from '../src/handles.js';

describe('handles', () => {
  it('folds the forms a handle comes in to one key', () => {
    const forms = [
      'Maya_Reads',
      '@Maya_Reads',
      ' @maya_reads ',
      'https://www.instagram.com/maya_reads/',
      'https://www.instagram.com/_u/maya_reads',
      'https://x.com/Maya_Reads?s=20',
      'instagram.com/maya_reads'.replace(/^/, 'https://'),
      'www.instagram.com/maya_reads',
    ];
    for (const f of forms) expect(handleKey(f), f).toBe('maya_reads');
  });

  it('keeps the original case for display', () => {
    expect(parseHandle('@Maya_Reads')).toEqual({ display: 'Maya_Reads', key: 'maya_reads' });
  });

  it('reads LinkedIn profile URLs', () => {
    expect(handleKey('https://www.linkedin.com/in/goldbergjeffrey')).toBe('goldbergjeffrey');
  });

  it('keeps the host of a fediverse address', () => {
    expect(handleKey('@Anna@mastodon.social')).toBe('anna@mastodon.social');
  });

  it('has no key for empty input', () => {
    expect(handleKey('')).toBeUndefined();
    expect(handleKey('@')).toBeUndefined();
    expect(handleKey('https://www.instagram.com/')).toBeUndefined();
  });
});
