import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Match, TermMatcher } from '../../src/text/matcher.js';

/**
 * The matcher takes user terms and hostile profile text: it must never throw,
 * and what it finds must not depend on letter case or accents.
 */

// Letters whose upper and lower case map back and forth one to one, plain and accented.
const LETTERS = ['a', 'b', 'c', 'd', 'e', 'i', 'k', 'l', 'n', 'o', 'r', 's', 't', 'u', 'é', 'è', 'ê', 'ü', 'ö', 'ñ', 'ç', 'å', 'á', 'í', 'ô'];
const wordArb = fc.array(fc.constantFrom(...LETTERS), { minLength: 1, maxLength: 5 }).map((l) => l.join(''));
const SEPARATORS = [' ', ', ', '. ', ' #', ' - ', '! ', ' & ', ' | ', '  '];

const stripAccents = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '');

/** Terms and a text drawn from the same small vocabulary, so matches actually happen. */
const caseArb = fc
  .array(wordArb, { minLength: 1, maxLength: 6 })
  .chain((vocab) =>
    fc.record({
      terms: fc.array(
        fc.record({
          words: fc.array(fc.constantFrom(...vocab), { minLength: 1, maxLength: 3 }),
          wildcard: fc.boolean(),
        }),
        { minLength: 1, maxLength: 6 },
      ),
      text: fc.array(fc.tuple(fc.constantFrom(...vocab, 'not', 'anti', 'but'), fc.constantFrom(...SEPARATORS)), { maxLength: 14 }),
    }),
  )
  .map(({ terms, text }) => ({
    terms: terms.map((t) => `${t.words.join(' ')}${t.wildcard ? '*' : ''}`),
    text: text.map(([w, sep]) => w + sep).join(''),
  }));

function summary(matches: Match<number>[]): string[] {
  return matches.map((m) => `${m.tag}@${m.start}-${m.end}:${m.polarity}`).sort();
}

function run(terms: string[], text: string): string[] {
  return summary(new TermMatcher(terms.map((t, i) => ({ text: t, tag: i }))).match(text));
}

describe('term matcher (property-based)', () => {
  it('never throws, whatever the terms and the text', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'binary', maxLength: 30 }), { maxLength: 8 }), fc.string({ unit: 'binary', maxLength: 300 }), (terms, text) => {
        const m = new TermMatcher(terms.map((t, i) => ({ text: t, tag: i })));
        const found = m.match(text);
        for (const x of found) expect(x.start).toBeLessThan(x.end);
      }),
      { numRuns: 300 },
    );
  });

  it('never throws on text made of the characters that trip tokenisers', () => {
    const tricky = fc.constantFrom('#', '@', '*', "'", '’', '\u0000', '\u200d', '\u202e', '\u0301', '\uFE0F', '😀', '👩‍👩‍👧', 'ß', 'İ', 'ﬁ', '𝓼', 'Ⅻ', '٣', '\n', '\r', 'aB', 'A', '1');
    fc.assert(
      fc.property(fc.array(fc.string({ unit: tricky, maxLength: 10 }), { maxLength: 6 }), fc.string({ unit: tricky, maxLength: 80 }), (terms, text) => {
        new TermMatcher(terms.map((t, i) => ({ text: t, tag: i }))).match(text);
      }),
      { numRuns: 300 },
    );
  });

  it('finds the same matches whatever the case of the text or of the terms', () => {
    fc.assert(
      fc.property(caseArb, ({ terms, text }) => {
        const base = run(terms, text);
        expect(run(terms, text.toUpperCase())).toEqual(base);
        expect(run(terms.map((t) => t.toUpperCase()), text)).toEqual(base);
      }),
      { numRuns: 300 },
    );
  });

  it('finds the same matches with or without accents, on either side', () => {
    fc.assert(
      fc.property(caseArb, ({ terms, text }) => {
        const base = run(terms, text);
        expect(run(terms, stripAccents(text))).toEqual(base);
        expect(run(terms.map(stripAccents), text)).toEqual(base);
        // Decomposed accents (as typed on some systems) read the same as composed ones.
        expect(run(terms, text.normalize('NFD'))).toEqual(base);
      }),
      { numRuns: 300 },
    );
  });
});
