import { describe, expect, it } from 'vitest';
import { coversTerm, matchesAlso, otherSpelling, pluralOf, splitCompound, suggestVariants } from '../../src/init/variants.js';

const terms = (term: string, existing: string[] = [term], vocab: string[] = []) =>
  suggestVariants(term, existing, new Set(vocab)).map((v) => v.term);

describe('suggestVariants', () => {
  it('offers a wildcard for longer words and a plural for short ones', () => {
    expect(terms('volunteer')).toContain('volunteer*');
    expect(terms('book lover')).toContain('book lover*');
    expect(terms('mum')).toContain('mums');
    expect(terms('art')).not.toContain('art*');
    expect(terms('story')).toContain('story*');
    expect(terms('#BookTok')).toEqual([]);
  });

  it('offers the other common spelling, word by word', () => {
    expect(terms('colour lover')).toContain('color lover');
    expect(terms('organize')).toContain('organise');
    expect(terms('neighbourhood*')).toEqual(['neighborhood*']);
    expect(otherSpelling('exercise')).toBeUndefined();
    expect(otherSpelling('prize')).toBeUndefined();
    expect(otherSpelling('analyse')).toBe('analyze');
  });

  it('never suggests what the existing terms already match', () => {
    // "shop local" already matches #ShopLocal and shoplocal: no hashtag variant.
    expect(terms('shop local').some((t) => t.toLowerCase().includes('shoplocal'))).toBe(false);
    // The plural is covered once the wildcard is there.
    expect(terms('mum', ['mum', 'mum*'])).not.toContain('mums');
    expect(terms('colour', ['colour', 'color'])).not.toContain('color');
    expect(terms('volunteer', ['volunteer', 'volunteer*'])).not.toContain('volunteer*');
  });

  it('splits a run-together hashtag into known words', () => {
    expect(terms('#shoplocal', ['#shoplocal'], ['shop', 'local'])).toContain('shop local');
    expect(terms('#shoplocal', ['#shoplocal'], [])).not.toContain('shop local');
    expect(splitCompound('bookclub', new Set(['book', 'club']))).toEqual(['book', 'club']);
  });

  it('tells when one term already matches another', () => {
    expect(coversTerm('shop local', '#shoplocal')).toBe(true);
    expect(coversTerm('shop local', 'ShopLocal')).toBe(true);
    expect(coversTerm('reader*', 'readers')).toBe(true);
    expect(coversTerm('reader', 'readers')).toBe(false);
    expect(coversTerm('reader', 'reader*')).toBe(false);
  });

  it('says what a term also matches', () => {
    expect(matchesAlso('shop local')).toEqual(['#ShopLocal', 'shoplocal']);
    expect(matchesAlso('#BookTok')).toContain('book tok');
    expect(pluralOf('brush')).toBe('brushes');
  });
});
