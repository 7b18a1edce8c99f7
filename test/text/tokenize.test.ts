import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IN_HANDLE, IN_HASHTAG, QUOTED, TAG_START, tokenize } from '../../src/text/tokenize.js';
import { tokenize as reference } from './tokenize-reference.js';

const plain = (text: string) => {
  const t = tokenize(text);
  return { words: t.words, clause: t.clause, joined: [...t.joined] };
};
const expected = (text: string) => {
  const t = reference(text);
  return { words: t.words, clause: t.clause, joined: [...t.joined] };
};

describe('tokenize', () => {
  it('folds case and accents, splits CamelCase and hashtags and keeps the joined form', () => {
    const t = tokenize('Café owner #ShopIndie HTMLParser v2Beta');
    expect(t.words).toEqual(['cafe', 'owner', 'shop', 'indie', 'html', 'parser', 'v2', 'beta']);
    expect(t.joined[2]).toEqual(['shopindie', 4]);
    expect(t.joined[4]).toEqual(['htmlparser', 6]);
  });

  it('drops inner apostrophes and counts clauses at punctuation and "but"', () => {
    const t = tokenize("Don't stop. Readers’ club, but not today");
    expect(t.words).toEqual(['dont', 'stop', 'readers', 'club', 'not', 'today']);
    expect(t.clause).toEqual([0, 0, 1, 1, 3, 3]);
  });

  it('gives the same tokens as the regex definition on real-looking profile text', () => {
    for (const text of [
      'Bookworm and #amreading every night 📚',
      'I ❤️ #BookLovers and #ToBeRead piles',
      'Señora de los libros — lectora empedernida',
      '𝓼𝓾𝓼𝓽𝓪𝓲𝓷𝓪𝓫𝓵𝓮 living, ｖｅｇａｎ cook',
      'Ölçü İstanbul ǅemal',
      '한국어 텍스트 가',
      'Ελληνικά ΚΑΛΗΜΕΡΑ Καλημέρα',
      "O'Brien l’amour rock'n'roll '' ’",
      'e\u0301 a\u0301b =\u0338 \u0301start',
      '👩‍💻 dev • tea · code … done',
    ]) {
      expect(plain(text), text).toEqual(expected(text));
    }
  });

  it('gives the same tokens as the regex definition for any text', () => {
    const piece = fc.constantFrom(
      'a', 'B', 'z', 'Q', '7', ' ', "'", '’', '.', ',', '#', '@', '-', '_', '/', '\n', 'é', 'É', 'e\u0301', '\u0301', '\uFE0F',
      'ß', 'İ', 'ǅ', 'Σ', 'ς', 'ｖ', '𝓼', '²', '½', '한', 'ᄀ', 'ᅡ', '🙂', '❤️', '👩‍💻', '•', '·', '…', '\uD800', 'but', 'But', 'HTML', 'Camel',
      'ﬁ', 'Ⅻ', 'ⓐ', 'ı', 'Ǆ', '\u0338', '=', '日本', 'ー', 'ｶﾞ', '\u200D', 'ñ', 'Å', '¨', 'ﾞ', '㎏', 'ℌ', 'Ａ', 'ŉ', 'ǰ', 'ΐ', '\u0344', 'ｰ', '가', 'ᆨ', 'Ω',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }).map((xs) => xs.join('')), (text) => {
        expect(plain(text)).toEqual(expected(text));
      }),
      { numRuns: 5000 },
    );
  });

  it('reads a character that decomposes and recomposes to itself (U+16D68) without looping', () => {
    const text = `a \u{16D68} b`;
    expect(plain(text)).toEqual(expected(text));
  });

  it('agrees with the regex definition on arbitrary Unicode strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), fc.string({ unit: 'binary', maxLength: 20 }), (a, b) => {
        expect(plain(a + b)).toEqual(expected(a + b));
      }),
      { numRuns: 5000 },
    );
  });
});

describe('where each word stood (flags)', () => {
  const texts = [
    'Inspired by @plant_powered_doc and @Ana.Reads, #StopGreenDeal2030 the "climate crisis" ok',
    "Another 'plant based' burger, students' union #vegan_for_life and “net zero” «x y»",
    'mail ana@example.org or C# code, a "long quotation of many many words" here',
    "rock 'n' roll, #GoVegan! don't",
  ];
  it('marks handles, hashtags, their first words and scare quotes', () => {
    const t = tokenize(texts[0]!);
    const flagOf = (w: string) => t.flags[t.words.indexOf(w)];
    expect(flagOf('plant')).toBe(IN_HANDLE);
    expect(flagOf('doc')).toBe(IN_HANDLE);
    expect(flagOf('stop')).toBe(IN_HASHTAG | TAG_START);
    expect(flagOf('green')).toBe(IN_HASHTAG);
    expect(flagOf('crisis')).toBe(QUOTED);
    expect(flagOf('ok')).toBe(0);
    const mail = tokenize(texts[2]!);
    expect(mail.flags[mail.words.indexOf('example')]).toBe(0);
    expect(mail.flags[mail.words.indexOf('quotation')]).toBe(0);
  });

  it('gives the same flags on the Unicode-folding path as on the fast scanner', () => {
    for (const text of texts) {
      const fast = tokenize(text);
      // A lone Hangul jamo is read by neither scanner pass: the whole text takes the regex path.
      const folded = tokenize(`\u1100 ${text}`);
      expect(folded.words.slice(1)).toEqual(fast.words);
      expect(folded.flags.slice(1)).toEqual(fast.flags);
    }
  });
});
