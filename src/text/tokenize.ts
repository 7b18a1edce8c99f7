/**
 * Turns free text (a bio, a headline, a term from the values file) into the
 * folded word sequence the matcher works on. Terms and profile text go through
 * the same function, so whatever folding happens here happens to both sides.
 *
 * - Unicode NFKC, so 𝓼𝓾𝓼𝓽𝓪𝓲𝓷𝓪𝓫𝓵𝓮 and full-width letters read as plain letters;
 * - accents removed (é = e) and lower-cased;
 * - words are runs of letters and digits: emoji, punctuation and `_` separate
 *   words, apostrophes inside a word are dropped (don't = dont);
 * - CamelCase and hashtags split into words (#ShopIndie = shop indie), and the
 *   joined form is kept as an alternative (#AmReading also reads as amreading);
 * - clause breaks (sentence punctuation, "but") are recorded, so a negation in
 *   one clause does not reach into the next;
 * - where each word stood is recorded (`flags`): in another account's @handle,
 *   in a hashtag (and whether it starts one), inside short quotation marks.
 */
export interface Tokens {
  /** Folded words, in order. */
  words: string[];
  /** Clause number of each word. */
  clause: number[];
  /**
   * For a word that starts a split compound (#BookClub → book, club): the
   * joined form and the index just past the compound. Sparse.
   */
  joined: (readonly [word: string, end: number] | undefined)[];
  /** Where each word stood (IN_HANDLE, IN_HASHTAG, TAG_START, QUOTED bits). */
  flags: number[];
}

/** The word is part of an @handle: another account's name, not the writer's words. */
export const IN_HANDLE = 1;
/** The word is part of a hashtag. */
export const IN_HASHTAG = 2;
/** The word is the first of a hashtag. */
export const TAG_START = 4;
/** The word stands inside quotation marks around a few words: scare quotes ('plant based', "climate emergency"). */
export const QUOTED = 8;
/** Quotation marks around more words than this are a quotation, not scare quotes. */
const SCARE_QUOTE_WORDS = 4;

/**
 * What the characters between words say about the next words: the scanner and
 * the regex path both feed every separator through `separator` and take each
 * word's flags from `wordFlags`, so the two cannot disagree.
 */
interface Marks {
  /** IN_HANDLE or IN_HASHTAG|TAG_START while inside an @handle or a hashtag. */
  mark: number;
  /** Index of the first word after an opening quotation mark, or -1. */
  quoteAt: number;
  /** 1: double quotation marks, 2: single. */
  quoteKind: number;
}

const newMarks = (): Marks => ({ mark: 0, quoteAt: -1, quoteKind: 0 });

/** A separator character `c` seen after a word (`afterWord`) or not. */
function separator(m: Marks, c: number, afterWord: boolean, flags: number[]): void {
  if (c === 35 /* # */ || c === 64 /* @ */) {
    // An @ or # glued to a word before it (an e-mail address, C#) starts nothing.
    m.mark = afterWord ? 0 : c === 35 ? IN_HASHTAG | TAG_START : IN_HANDLE;
    return;
  }
  // Handles and hashtags run on across underscores (@plant_powered_doc).
  if (c !== 95 /* _ */) m.mark = 0;
  const kind = c === 34 || c === 0x201c || c === 0x201d || c === 0x201e || c === 0xab || c === 0xbb ? 1 : c === 39 || c === 0x2018 || c === 0x2019 ? 2 : 0;
  if (kind === 0) return;
  if (m.quoteAt >= 0 && afterWord && kind === m.quoteKind) {
    const n = flags.length - m.quoteAt;
    if (n >= 1 && n <= SCARE_QUOTE_WORDS) for (let i = m.quoteAt; i < flags.length; i++) flags[i]! |= QUOTED;
    m.quoteAt = -1;
  } else if (!afterWord && (m.quoteAt < 0 || kind === m.quoteKind)) {
    m.quoteAt = flags.length;
    m.quoteKind = kind;
  }
}

/** The separators `separator` acts on (any other one only ends a handle or hashtag). */
const MARK_CHARS = new Set([35, 64, 95, 34, 39, 0x201c, 0x201d, 0x201e, 0xab, 0xbb, 0x2018, 0x2019]);

/** Flags for the next word; a hashtag's later words (after `_`) do not start it. */
function wordFlags(m: Marks): number {
  const f = m.mark;
  m.mark &= ~TAG_START;
  return f;
}

// A word: letters and digits, with inner apostrophes (don't, l'amour); or one
// clause-breaking punctuation mark. Everything else (emoji, #, @, -, _) only
// separates words. The regex path is the definition; the scanner below gives
// the same tokens without regexes for the text it can read (a property test
// holds them equal).
const PIECE = /([\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*)|[.,;:!?|•·/()[\]{}…\n\r]/gu;
const NON_ASCII = /[^\x00-\x7f]/;
const MARKS = /\p{M}+/gu;
const APOSTROPHES = /['’]/g;
const HAS_CASE_CHANGE = /\p{Ll}\p{Lu}|\p{Lu}\p{Lu}\p{Ll}|\p{N}\p{Lu}/u;
const CAMEL_BOUNDARY = /(?<=\p{Ll})(?=\p{Lu})|(?<=\p{Lu})(?=\p{Lu}\p{Ll})|(?<=\p{N})(?=\p{Lu})/u;
const CLAUSE_WORDS = new Set(['but', 'however', 'though', 'although']);

/** NFKC + accent folding; ASCII text (most of it) skips the Unicode work. */
export function foldUnicode(text: string): string {
  if (!NON_ASCII.test(text)) return text;
  return text.normalize('NFKC').normalize('NFD').replace(MARKS, '').normalize('NFC');
}

export function tokenize(text: string): Tokens {
  // Most text needs no Unicode folding, or only character by character (é → e):
  // scan it so. Otherwise fold the whole text, and scan that; the regex path is
  // left for text the scanner cannot read (some scripts, stray marks).
  const quick = foldByCharacter(text);
  const tokens = quick === undefined ? undefined : scanTokens(quick);
  if (tokens) return tokens;
  const folded = foldUnicode(text);
  return scanTokens(folded) ?? tokenizeFolded(folded);
}

/**
 * foldUnicode, one character at a time, for text where that gives the same
 * result (no combining mark after a folded character, no Hangul): the text
 * itself when nothing needs folding. Undefined when the whole text must be folded.
 */
function foldByCharacter(text: string): string | undefined {
  const n = text.length;
  let out: string | undefined;
  let copied = 0;
  for (let i = 0; i < n; i++) {
    let c = text.charCodeAt(i);
    if (c < 128) continue;
    let width = 1;
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < n) {
      const lo = text.charCodeAt(i + 1);
      if (lo >= 0xdc00 && lo <= 0xdfff) {
        c = ((c - 0xd800) << 10) + (lo - 0xdc00) + 0x10000;
        width = 2;
      }
    }
    if (classOf(c) !== FOLD) {
      i += width - 1;
      continue;
    }
    const replacement = FOLDED.get(c);
    if (replacement === undefined) return undefined;
    // A mark after a folded character would fold with it.
    const next = i + width < n ? text.codePointAt(i + width)! : -1;
    if (next >= 128 && classOf(next) === MARK) return undefined;
    out = (out ?? '') + text.slice(copied, i) + replacement;
    i += width - 1;
    copied = i + 1;
  }
  return out === undefined ? text : out + text.slice(copied);
}

function tokenizeFolded(folded: string): Tokens {
  const words: string[] = [];
  const clause: number[] = [];
  const joined: Tokens['joined'] = [];
  const flags: number[] = [];
  const marks = newMarks();
  let clauseNo = 0;
  let last = 0;
  let afterWord = false;
  for (const m of folded.matchAll(PIECE)) {
    for (let i = last; i < m.index; ) {
      const c = folded.codePointAt(i)!;
      separator(marks, c, afterWord, flags);
      afterWord = false;
      i += c > 0xffff ? 2 : 1;
    }
    last = m.index + m[0].length;
    const piece = m[1];
    if (piece === undefined) {
      separator(marks, m[0].codePointAt(0)!, afterWord, flags);
      afterWord = false;
      clauseNo++;
      continue;
    }
    afterWord = true;
    const raw = piece.includes("'") || piece.includes('’') ? piece.replace(APOSTROPHES, '') : piece;
    const lower = raw.toLowerCase();
    if (CLAUSE_WORDS.has(lower)) {
      clauseNo++;
      continue;
    }
    const f = wordFlags(marks);
    const parts = HAS_CASE_CHANGE.test(raw) ? raw.split(CAMEL_BOUNDARY) : undefined;
    if (parts && parts.length > 1) {
      const start = words.length;
      for (const p of parts) {
        words.push(p.toLowerCase());
        clause.push(clauseNo);
        flags.push(words.length === start + 1 ? f : f & ~TAG_START);
      }
      joined[start] = [lower, words.length];
    } else {
      words.push(lower);
      clause.push(clauseNo);
      flags.push(f);
    }
  }
  for (let i = last; i < folded.length; ) {
    const c = folded.codePointAt(i)!;
    separator(marks, c, afterWord, flags);
    afterWord = false;
    i += c > 0xffff ? 2 : 1;
  }
  return { words, clause, joined, flags };
}

// Character classes for the scanner. Letters carry their case for CamelCase.
const SEP = 0;
const UPPER = 1; // \p{Lu}
const LOWER = 2; // \p{Ll}
const DIGIT = 3; // \p{N}
const OTHER_LETTER = 4; // other \p{L}
const APOSTROPHE = 5;
const CLAUSE = 6;
const MARK = 7; // \p{M}: folding removes it
const FOLD = 8; // folding would change this character: the scanner cannot read the text as it is

const ASCII_CLASS = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  ASCII_CLASS[c] = c >= 65 && c <= 90 ? UPPER : c >= 97 && c <= 122 ? LOWER : c >= 48 && c <= 57 ? DIGIT : ch === "'" ? APOSTROPHE : '.,;:!?|/()[]{}\n\r'.includes(ch) ? CLAUSE : SEP;
}
const BMP_CLASS = new Uint8Array(65536).fill(255); // 255: not classified yet
const ASTRAL_CLASS = new Map<number, number>();
/** For FOLD characters that fold on their own: what they fold to (é → e, ﬁ → fi, ｖ → v). */
const FOLDED = new Map<number, string>();
const IS_UPPER = /^\p{Lu}$/u;
const IS_LOWER = /^\p{Ll}$/u;
const IS_LETTER = /^\p{L}$/u;
const IS_NUMBER = /^\p{N}$/u;
const IS_MARK = /^\p{M}$/u;

/** Classifies a non-ASCII code point once (cached): the regexes run per distinct character, not per character read. */
function classOf(cp: number): number {
  if (cp < 65536) {
    const known = BMP_CLASS[cp]!;
    if (known !== 255) return known;
    // Provisionally FOLD (the safe, slow path) while classifying: a character
    // whose folded form contains itself (U+16D68 decomposes and recomposes to
    // itself) must not send classify() round in circles.
    BMP_CLASS[cp] = FOLD;
    const k = classify(cp);
    BMP_CLASS[cp] = k;
    return k;
  }
  let k = ASTRAL_CLASS.get(cp);
  if (k === undefined) {
    ASTRAL_CLASS.set(cp, FOLD);
    k = classify(cp);
    ASTRAL_CLASS.set(cp, k);
  }
  return k;
}

function classify(cp: number): number {
  // Lone surrogates and Hangul jamo (which compose with each other) take the folding path.
  if ((cp >= 0xd800 && cp <= 0xdfff) || (cp >= 0x1100 && cp <= 0x11ff) || (cp >= 0xa960 && cp <= 0xa97f) || (cp >= 0xd7b0 && cp <= 0xd7ff)) return FOLD;
  const ch = String.fromCodePoint(cp);
  if (ch.normalize('NFKC') !== ch || ch.normalize('NFD') !== ch) {
    // Folds on its own when its decomposition starts with a base character and
    // its folded form is plain (no mark, nothing that folds again, no Hangul).
    const folded = foldUnicode(ch);
    const head = ch.normalize('NFKD').codePointAt(0)!;
    const plain = !IS_MARK.test(String.fromCodePoint(head)) && !(cp >= 0xac00 && cp <= 0xd7a3) && [...folded].every((f) => {
      const k = classOf(f.codePointAt(0)!);
      return k !== FOLD && k !== MARK;
    });
    if (plain) FOLDED.set(cp, folded);
    return FOLD;
  }
  if (IS_MARK.test(ch)) return MARK;
  if (ch === '’') return APOSTROPHE;
  if (ch === '•' || ch === '·' || ch === '…') return CLAUSE;
  if (IS_UPPER.test(ch)) return UPPER;
  if (IS_LOWER.test(ch)) return LOWER;
  if (IS_LETTER.test(ch)) return OTHER_LETTER;
  if (IS_NUMBER.test(ch)) return DIGIT;
  return SEP;
}

/**
 * The tokenizer as a char-code scanner: no regex and no per-character
 * allocation, one string per word. Returns undefined when the text needs
 * Unicode folding first (an accent, a styled letter, a mark after a letter).
 */
function scanTokens(text: string): Tokens | undefined {
  const words: string[] = [];
  const clause: number[] = [];
  const joined: Tokens['joined'] = [];
  const flags: number[] = [];
  const marks = newMarks();
  let clauseNo = 0;
  const n = text.length;
  let i = 0;
  let prev = SEP;
  while (i < n) {
    let c = text.charCodeAt(i);
    let k: number;
    let width = 1;
    if (c < 128) k = ASCII_CLASS[c]!;
    else {
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < n) {
        const lo = text.charCodeAt(i + 1);
        if (lo >= 0xdc00 && lo <= 0xdfff) {
          c = ((c - 0xd800) << 10) + (lo - 0xdc00) + 0x10000;
          width = 2;
        }
      }
      k = classOf(c);
      if (k === FOLD) return undefined;
      // A mark is removed by folding: harmless between separators, but it would join or change a word.
      if (k === MARK && prev !== SEP && prev !== CLAUSE && prev !== MARK) return undefined;
    }
    if (k === SEP || k === MARK || k === APOSTROPHE) {
      if (k !== MARK && (marks.mark !== 0 || MARK_CHARS.has(c))) separator(marks, c, prev === LOWER, flags);
      prev = k === APOSTROPHE ? SEP : k;
      i += width;
      continue;
    }
    if (k === CLAUSE) {
      marks.mark = 0;
      clauseNo++;
      prev = CLAUSE;
      i += width;
      continue;
    }
    // A word: letters and digits, with apostrophes between them.
    const start = i;
    let apostrophes = false;
    let camel = false;
    let last = k; // class of the previous letter
    let beforeLast = SEP;
    i += width;
    while (i < n) {
      let d = text.charCodeAt(i);
      let w = 1;
      let dk: number;
      if (d < 128) dk = ASCII_CLASS[d]!;
      else {
        if (d >= 0xd800 && d <= 0xdbff && i + 1 < n) {
          const lo = text.charCodeAt(i + 1);
          if (lo >= 0xdc00 && lo <= 0xdfff) {
            d = ((d - 0xd800) << 10) + (lo - 0xdc00) + 0x10000;
            w = 2;
          }
        }
        dk = classOf(d);
        if (dk === FOLD || dk === MARK) return undefined;
      }
      if (dk === APOSTROPHE) {
        // Part of the word only when a letter follows.
        const j = i + (d === 39 ? 1 : w);
        if (j >= n) break;
        let e = text.charCodeAt(j);
        let ek: number;
        if (e < 128) ek = ASCII_CLASS[e]!;
        else {
          if (e >= 0xd800 && e <= 0xdbff && j + 1 < n) {
            const lo = text.charCodeAt(j + 1);
            if (lo >= 0xdc00 && lo <= 0xdfff) e = ((e - 0xd800) << 10) + (lo - 0xdc00) + 0x10000;
          }
          ek = classOf(e);
          if (ek === FOLD || ek === MARK) return undefined;
        }
        if (ek < UPPER || ek > OTHER_LETTER) break;
        apostrophes = true;
        i = j;
        continue;
      }
      if (dk < UPPER || dk > OTHER_LETTER) break;
      // CamelCase as the regex path sees it (apostrophes removed): aB, ABc, 1B.
      if (dk === UPPER && (last === LOWER || last === DIGIT)) camel = true;
      else if (dk === LOWER && last === UPPER && beforeLast === UPPER) camel = true;
      beforeLast = last;
      last = dk;
      i += w;
    }
    prev = LOWER;
    let raw = text.slice(start, i);
    if (apostrophes) raw = raw.replace(APOSTROPHES, '');
    const lower = raw.toLowerCase();
    if (CLAUSE_WORDS.has(lower)) {
      clauseNo++;
      continue;
    }
    const f = wordFlags(marks);
    if (camel) {
      const first = words.length;
      splitCamel(raw, words, clause, clauseNo);
      joined[first] = [lower, words.length];
      flags.push(f);
      while (flags.length < words.length) flags.push(f & ~TAG_START);
    } else {
      words.push(lower);
      clause.push(clauseNo);
      flags.push(f);
    }
  }
  return { words, clause, joined, flags };
}

/** Pushes the lower-cased parts of a CamelCase word (aB | A|Bc | 1|B boundaries). */
function splitCamel(raw: string, words: string[], clause: number[], clauseNo: number): void {
  let from = 0;
  let beforeLast = SEP;
  let last = SEP;
  let lastAt = 0;
  for (let i = 0; i < raw.length; ) {
    let c = raw.charCodeAt(i);
    let w = 1;
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < raw.length) {
      c = ((c - 0xd800) << 10) + (raw.charCodeAt(i + 1) - 0xdc00) + 0x10000;
      w = 2;
    }
    const k = c < 128 ? ASCII_CLASS[c]! : classOf(c);
    if (k === UPPER && (last === LOWER || last === DIGIT) && i > from) {
      words.push(raw.slice(from, i).toLowerCase());
      clause.push(clauseNo);
      from = i;
    } else if (k === LOWER && last === UPPER && beforeLast === UPPER && lastAt > from) {
      words.push(raw.slice(from, lastAt).toLowerCase());
      clause.push(clauseNo);
      from = lastAt;
    }
    beforeLast = last;
    last = k;
    lastAt = i;
    i += w;
  }
  words.push(raw.slice(from).toLowerCase());
  clause.push(clauseNo);
}
