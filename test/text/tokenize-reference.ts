// The first (regex) version of tokenize, kept as the reference the fast scanner is property-tested against.
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
 *   one clause does not reach into the next.
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
}

// A word: letters and digits, with inner apostrophes (don't, l'amour); or one
// clause-breaking punctuation mark. Everything else (emoji, #, @, -, _) only
// separates words.
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
  const words: string[] = [];
  const clause: number[] = [];
  const joined: Tokens['joined'] = [];
  let clauseNo = 0;
  for (const m of foldUnicode(text).matchAll(PIECE)) {
    const piece = m[1];
    if (piece === undefined) {
      clauseNo++;
      continue;
    }
    const raw = piece.includes("'") || piece.includes('’') ? piece.replace(APOSTROPHES, '') : piece;
    const lower = raw.toLowerCase();
    if (CLAUSE_WORDS.has(lower)) {
      clauseNo++;
      continue;
    }
    const parts = HAS_CASE_CHANGE.test(raw) ? raw.split(CAMEL_BOUNDARY) : undefined;
    if (parts && parts.length > 1) {
      const start = words.length;
      for (const p of parts) {
        words.push(p.toLowerCase());
        clause.push(clauseNo);
      }
      joined[start] = [lower, words.length];
    } else {
      words.push(lower);
      clause.push(clauseNo);
    }
  }
  return { words, clause, joined };
}
