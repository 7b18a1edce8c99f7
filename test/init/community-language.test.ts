import { describe, expect, it } from 'vitest';
import type { Follower } from '../../src/follower.js';
import { emptyEngagement } from '../../src/follower.js';
import { createLanguageCounter } from '../../src/init/community-language.js';
import { TermMatcher } from '../../src/text/matcher.js';

function follower(handle: string, bio: string, location?: string): Follower {
  return { key: handle, handle, bio, ...(location ? { location } : {}), engagement: emptyEngagement(), source: { file: 'x.csv', line: 2 } };
}

const FOLLOWERS = [
  follower('a', 'Bookworm and trail runner. #ZeroWaste mum of 2 https://a.example.com', 'Bristol, UK'),
  follower('b', 'Trail runner, coffee snob. #zerowaste @someshop', 'Bristol'),
  follower('c', 'Bookworm. Trail runner since 2019. #ZeroWaste'),
  follower('d', 'the and of with trail runner trail runner'),
  follower('e', 'coffee & cake, coffee + cake'),
  follower('f', 'coffee & cake'),
];

function languageFor(terms: string[]) {
  const counter = createLanguageCounter(new TermMatcher(terms.map((text) => ({ text, tag: 0 }))));
  for (const f of FOLLOWERS) counter.add(f);
  return counter.result();
}

describe('community language', () => {
  it('lists frequent uncovered words, phrases and hashtags, counted once per follower', () => {
    const lang = languageFor([]);
    expect(lang.followersWithText).toBe(6);
    expect(lang.phrases.map((f) => f.text)).not.toContain('coffee cake');
    expect(lang.phrases).toContainEqual({ text: 'trail runner', followers: 4 });
    expect(lang.words).toContainEqual({ text: 'bookworm', followers: 2 });
    expect(lang.hashtags).toEqual([{ text: '#ZeroWaste', followers: 3 }]);
    expect(lang.places).toContainEqual({ text: 'Bristol', followers: 2 });
  });

  it('leaves out stop words, numbers, handles and links', () => {
    const texts = [...languageFor([]).words, ...languageFor([]).phrases].map((f) => f.text).join(' ');
    for (const noise of ['the', 'and', '2019', 'someshop', 'example', 'https']) expect(texts.split(/\s+/)).not.toContain(noise);
  });

  it('drops what a term already covers, with the matcher folding', () => {
    const lang = languageFor(['book worm*', 'zero waste', 'trail run*']);
    expect(lang.words.map((f) => f.text)).not.toContain('bookworm');
    expect(lang.hashtags).toEqual([]);
    expect(lang.phrases.map((f) => f.text)).not.toContain('trail runner');
    expect(lang.words.map((f) => f.text)).not.toContain('trail');
  });
});
