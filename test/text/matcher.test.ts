import { describe, expect, it } from 'vitest';
import { type Polarity, TermMatcher } from '../../src/text/matcher.js';

function matcher(...terms: string[]) {
  return new TermMatcher(terms.map((text) => ({ text, tag: text })));
}
function hits(m: TermMatcher<string>, text: string): [string, Polarity][] {
  return m.match(text).map((x) => [x.tag, x.polarity]);
}

describe('term matcher', () => {
  it('is case-insensitive', () => {
    expect(hits(matcher('bookworm'), 'BOOKWORM and proud')).toEqual([['bookworm', 'support']]);
  });

  it('is accent-insensitive on both sides', () => {
    expect(hits(matcher('café'), 'Cafe owner')).toEqual([['café', 'support']]);
    expect(hits(matcher('cafe'), 'propriétaire de café')).toEqual([['cafe', 'support']]);
  });

  it('applies NFKC, so styled letters read as plain ones', () => {
    expect(hits(matcher('sustainable'), '𝓼𝓾𝓼𝓽𝓪𝓲𝓷𝓪𝓫𝓵𝓮 living')).toEqual([['sustainable', 'support']]);
    expect(hits(matcher('vegan'), 'ｖｅｇａｎ cook')).toEqual([['vegan', 'support']]);
  });

  it('matches whole words only', () => {
    expect(hits(matcher('craft'), 'aircraft engineer')).toEqual([]);
    expect(hits(matcher('craft'), 'crafts')).toEqual([]);
    expect(hits(matcher('craft'), 'craft beer')).toEqual([['craft', 'support']]);
  });

  it('matches a phrase across hashtags and CamelCase', () => {
    const m = matcher('#ShopIndie', 'read more books');
    expect(hits(m, 'we say shop indie')).toEqual([['#ShopIndie', 'support']]);
    expect(hits(m, 'always #ShopIndie')).toEqual([['#ShopIndie', 'support']]);
    expect(hits(m, '#ReadMoreBooks 2025')).toEqual([['read more books', 'support']]);
  });

  it('matches a lower-case hashtag against a phrase written apart, and the reverse', () => {
    expect(hits(matcher('book club'), '#bookclub host')).toEqual([['book club', 'support']]);
    expect(hits(matcher('#amreading'), '#AmReading now')).toEqual([['#amreading', 'support']]);
  });

  it('treats a trailing * as a prefix wildcard', () => {
    const m = matcher('bookseller*', 'book club*');
    expect(hits(m, 'Booksellers unite')).toEqual([['bookseller*', 'support']]);
    expect(hits(m, 'bookseller')).toEqual([['bookseller*', 'support']]);
    expect(hits(m, 'book clubs and more')).toEqual([['book club*', 'support']]);
    expect(hits(m, 'books')).toEqual([]);
  });

  it('is not broken by emoji and punctuation', () => {
    expect(hits(matcher('reader'), '📚reader📚')).toEqual([['reader', 'support']]);
    expect(hits(matcher('shop local'), 'shop—local!!')).toEqual([['shop local', 'support']]);
    expect(hits(matcher("don't panic"), 'Dont panic')).toEqual([["don't panic", 'support']]);
  });

  it('does not count a negated term as support', () => {
    const m = matcher('reader', 'fiction');
    expect(hits(m, 'not a big reader')).toEqual([['reader', 'negated']]);
    expect(hits(m, 'I never read fiction')).toEqual([['fiction', 'negated']]);
    expect(hits(m, "I don't consider myself a reader")).toEqual([['reader', 'negated']]);
  });

  it('marks hostile negation', () => {
    expect(hits(matcher('ebook'), 'anti-ebook forever')).toEqual([['ebook', 'hostile']]);
    expect(hits(matcher('piracy'), 'against piracy')).toEqual([['piracy', 'hostile']]);
  });

  it('keeps negation inside its clause and window', () => {
    const m = matcher('reader');
    expect(hits(m, 'Not sure about coffee, but a reader')).toEqual([['reader', 'support']]);
    expect(hits(m, 'no time. reader')).toEqual([['reader', 'support']]);
    expect(hits(m, 'no time for that kind of reader')).toEqual([['reader', 'support']]);
  });

  it('matches a term that itself contains a negator', () => {
    expect(hits(matcher('no kill shelter'), 'proud no-kill shelter volunteer')).toEqual([
      ['no kill shelter', 'support'],
    ]);
  });

  it('reports each term once per position even when split and joined forms both match', () => {
    expect(hits(matcher('book club*'), '#BookClub')).toEqual([['book club*', 'support']]);
  });

  it('matches the same term once for each list that names it', () => {
    const m = new TermMatcher([
      { text: 'follow back', tag: 'red flag' },
      { text: 'follow back', tag: 'built-in' },
    ]);
    expect(m.match('#FollowBack').map((x) => x.tag)).toEqual(['red flag', 'built-in']);
  });

  it('sets aside terms with no words', () => {
    const m = matcher('!!!', '🎉', 'ok');
    expect(m.emptyTerms).toEqual(['!!!', '🎉']);
    expect(m.size).toBe(1);
  });

  it('accepts extra negators', () => {
    const m = new TermMatcher([{ text: 'vegan', tag: 1 }], { negators: ['kein'], hostileNegators: ['gegen'] });
    expect(m.match('kein vegan').map((x) => x.polarity)).toEqual(['negated']);
    expect(m.match('gegen vegan').map((x) => x.polarity)).toEqual(['hostile']);
  });

  it('reports a term listed under two values once for each (the same text, two tags)', () => {
    const m = new TermMatcher([
      { text: 'reader', tag: 'a' },
      { text: 'reader', tag: 'b' },
    ]);
    expect(m.match('avid reader').map((x) => x.tag)).toEqual(['a', 'b']);
  });
});

describe('term matcher with many prefix terms', () => {
  it('matches prefixes of any length, among many, like a plain startsWith check', () => {
    const prefixes = ['a', 'bo', 'book', 'bookseller', 'zz', 'ré', 'x1'];
    const filler = Array.from({ length: 300 }, (_, i) => `q${i}w`);
    const m = new TermMatcher([...prefixes, ...filler].map((p) => ({ text: `${p}*`, tag: p })));
    for (const word of ['a', 'apple', 'b', 'bo', 'booksellers', 'bookish', 'zebra', 'zzz', 'resume', 'x', 'x12', 'q17wx', 'q1', 'Q299W']) {
      const folded = word.toLowerCase();
      const expected = [...prefixes.map((p) => p.normalize('NFD').replace(/\p{M}/gu, '')), ...filler].filter((p) => folded.startsWith(p)).sort();
      expect(
        m
          .match(word)
          .map((x) => x.tag.normalize('NFD').replace(/\p{M}/gu, ''))
          .sort(),
        word,
      ).toEqual(expected);
    }
  });
});

// Work that must stay linear in the text and in the terms. The timeouts are
// generous (linear work takes well under a second): they catch a quadratic
// path, which took 23 s for the bio and 38 s for the terms.
describe('term matcher at scale', () => {
  it('matches a 1 MB bio of one term repeated, once per word, in linear time', { timeout: 20_000 }, () => {
    const words = 150_000;
    const bio = Array.from({ length: words }, () => 'reader').join(' ');
    const found = new TermMatcher([
      { text: 'reader', tag: 'a' },
      { text: 'reader', tag: 'a' },
      { text: 'reader', tag: 'b' },
    ]).match(bio);
    expect(bio.length).toBeGreaterThan(1_000_000);
    // The same words listed twice under one value match once; under another value, again.
    expect(found.filter((m) => m.tag === 'a')).toHaveLength(words);
    expect(found.filter((m) => m.tag === 'b')).toHaveLength(words);
  });

  it('loads 100,000 wildcard terms in linear time and still matches the first and the last', { timeout: 20_000 }, () => {
    const terms = Array.from({ length: 100_000 }, (_, i) => ({ text: `w${i.toString(36)}x*`, tag: i }));
    const m = new TermMatcher(terms);
    expect(m.size).toBe(100_000);
    expect(m.match('w0xyz and w255rxs').map((x) => x.tag)).toEqual([0, 99_999]);
  });

  it('a one-letter wildcard added after longer ones does not hide them', () => {
    const m = new TermMatcher([
      { text: 'book*', tag: 'book' },
      { text: 'b*', tag: 'b' },
      { text: 'zine*', tag: 'zine' },
    ]);
    expect(m.match('booksellers zines').map((x) => x.tag).sort()).toEqual(['b', 'book', 'zine']);
  });
});
