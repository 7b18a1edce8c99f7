import { foldWords, TermMatcher } from '../text/matcher.js';

/**
 * Variants of a term a brand probably also means: the plural (or a `*`
 * wildcard for longer words), the other common spelling (colour/color,
 * organise/organize), and a lower-case compound split into words the brand
 * already uses (#shoplocal → shop local). Variants the matcher already covers
 * are never suggested: the check runs the real matcher, so "shop local" is
 * not offered "#ShopLocal" (it already matches it) and "reader*" is not
 * offered "readers".
 */
export interface Variant {
  term: string;
  why: string;
}

// Word pairs where British and American spelling differ and no simple rule
// holds. Looked up in both directions.
const SPELLING_PAIRS: readonly [string, string][] = [
  ['colour', 'color'],
  ['colours', 'colors'],
  ['colourful', 'colorful'],
  ['favourite', 'favorite'],
  ['favourites', 'favorites'],
  ['flavour', 'flavor'],
  ['flavours', 'flavors'],
  ['honour', 'honor'],
  ['humour', 'humor'],
  ['labour', 'labor'],
  ['neighbour', 'neighbor'],
  ['neighbourhood', 'neighborhood'],
  ['behaviour', 'behavior'],
  ['harbour', 'harbor'],
  ['centre', 'center'],
  ['theatre', 'theater'],
  ['metre', 'meter'],
  ['fibre', 'fiber'],
  ['grey', 'gray'],
  ['jewellery', 'jewelry'],
  ['catalogue', 'catalog'],
  ['programme', 'program'],
  ['defence', 'defense'],
  ['licence', 'license'],
  ['travelling', 'traveling'],
  ['traveller', 'traveler'],
  ['travellers', 'travelers'],
  ['modelling', 'modeling'],
  ['cosy', 'cozy'],
  ['mum', 'mom'],
  ['mums', 'moms'],
  ['yoghurt', 'yogurt'],
  ['aluminium', 'aluminum'],
  ['tyre', 'tire'],
  ['pyjamas', 'pajamas'],
  ['cheque', 'check'],
  ['doughnut', 'donut'],
  ['enrolment', 'enrollment'],
  ['skilful', 'skillful'],
  ['ageing', 'aging'],
];
const SPELLING = new Map<string, string>();
for (const [uk, us] of SPELLING_PAIRS) {
  SPELLING.set(uk, us);
  SPELLING.set(us, uk);
}

// -ise words that are not the British form of an -ize word.
const ISE_NOT_IZE = new Set(
  'advertise advise chastise comprise compromise concise despise devise disguise enterprise excise exercise expertise franchise improvise incise merchandise otherwise paradise precise premise promise revise supervise surmise surprise televise treatise'.split(
    ' ',
  ),
);
const ISE_ENDINGS: readonly [string, string][] = [
  ['isation', 'ization'],
  ['isations', 'izations'],
  ['ise', 'ize'],
  ['ised', 'ized'],
  ['ises', 'izes'],
  ['ising', 'izing'],
  ['iser', 'izer'],
  ['isers', 'izers'],
  ['yse', 'yze'],
  ['ysed', 'yzed'],
];

/** The other common spelling of one folded word, if there is one. */
export function otherSpelling(word: string): string | undefined {
  const pair = SPELLING.get(word);
  if (pair) return pair;
  for (const [uk, us] of ISE_ENDINGS) {
    for (const [from, to] of [
      [uk, us],
      [us, uk],
    ] as const) {
      if (!word.endsWith(from)) continue;
      const stem = word.slice(0, -from.length);
      // Short stems are where the exceptions live (rise, wise, size, prize).
      if (stem.length < 4) continue;
      const base = stem + (from.startsWith('y') ? 'yse' : 'ise');
      if (ISE_NOT_IZE.has(base)) continue;
      return stem + to;
    }
  }
  return undefined;
}

/** English plural of one lower-case word, for the common regular cases. */
export function pluralOf(word: string): string {
  if (/[^aeiou]y$/.test(word)) return `${word.slice(0, -1)}ies`;
  if (/(s|x|z|ch|sh)$/.test(word)) return `${word}es`;
  return `${word}s`;
}

// Wildcards on short words catch too much: art* matches article, artificial.
const WILDCARD_MIN_LENGTH = 5;

/**
 * Suggests variants of `term` that none of `existing` (the terms already
 * chosen, which may include `term`) would match. `vocabulary` holds words the
 * brand or its followers use, used to split a run-together hashtag.
 */
export function suggestVariants(term: string, existing: readonly string[], vocabulary: ReadonlySet<string> = new Set()): Variant[] {
  const trimmed = term.trim();
  const wildcard = trimmed.endsWith('*');
  const words = foldWords(wildcard ? trimmed.slice(0, -1) : trimmed);
  const last = words[words.length - 1];
  if (last === undefined) return [];
  const candidates: Variant[] = [];

  // A hashtag names itself: #BookTok has no plural worth matching.
  if (!wildcard && !trimmed.startsWith('#') && /^\p{L}+$/u.test(last)) {
    if (last.length >= WILDCARD_MIN_LENGTH) {
      candidates.push({ term: `${words.join(' ')}*`, why: last.endsWith('s') ? 'any ending' : `any ending, e.g. ${pluralOf(last)}` });
    } else if (last.length >= 3 && !last.endsWith('s')) {
      candidates.push({ term: [...words.slice(0, -1), pluralOf(last)].join(' '), why: 'plural' });
    }
  }
  words.forEach((w, i) => {
    const other = otherSpelling(w);
    if (other) {
      const variant = words.map((x, j) => (j === i ? other : x)).join(' ') + (wildcard ? '*' : '');
      candidates.push({ term: variant, why: 'other spelling' });
    }
  });
  if (words.length === 1 && last.length >= 6) {
    const split = splitCompound(last, vocabulary);
    if (split) candidates.push({ term: split.join(' '), why: 'written apart' });
  }
  const keys = new Set(existing.map(termKey));
  const matcher = new TermMatcher(existing.map((text) => ({ text, tag: 0 })));
  const seen = new Set<string>();
  return candidates.filter((c) => {
    const key = termKey(c.term);
    if (keys.has(key) || seen.has(key)) return false;
    seen.add(key);
    // A wildcard variant cannot be tried as text; a plain one is covered when
    // an existing term matches all of its words.
    if (c.term.endsWith('*')) return true;
    const n = foldWords(c.term).length;
    return !matcher.match(c.term).some((m) => m.polarity === 'support' && m.start === 0 && m.end === n);
  });
}

/** What a term matches, as a comparable key: folded words plus a wildcard mark. */
export function termKey(term: string): string {
  const t = term.trim();
  const wildcard = t.endsWith('*');
  return foldWords(wildcard ? t.slice(0, -1) : t).join(' ') + (wildcard ? '*' : '');
}

/** "shoplocal" → ["shop", "local"] when both halves are known words (longest first half wins). */
export function splitCompound(word: string, vocabulary: ReadonlySet<string>): [string, string] | undefined {
  for (let i = word.length - 3; i >= 3; i--) {
    const a = word.slice(0, i);
    const b = word.slice(i);
    if (vocabulary.has(a) && vocabulary.has(b)) return [a, b];
  }
  return undefined;
}

/** What the matcher will also accept for a term: shown while the user types it. */
export function matchesAlso(term: string): string[] {
  const t = term.trim();
  const wildcard = t.endsWith('*');
  const words = foldWords(wildcard ? t.slice(0, -1) : t);
  if (words.length === 0) return [];
  const star = wildcard ? '*' : '';
  const out = [words.join(' ') + star];
  if (words.length > 1) {
    out.push(`#${words.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('')}${star}`, words.join('') + star);
  } else {
    out.push(`#${words[0]}${star}`);
  }
  return out.filter((x) => x !== t);
}

/** Whether `term` alone already matches everything `other` (a plain term) would. */
export function coversTerm(term: string, other: string): boolean {
  const o = other.trim();
  if (o.endsWith('*')) return termKey(term) === termKey(o);
  const n = foldWords(o).length;
  if (n === 0) return false;
  return new TermMatcher([{ text: term, tag: 0 }]).match(o).some((m) => m.polarity === 'support' && m.start === 0 && m.end === n);
}
