import { IN_HASHTAG, TAG_START, type Tokens } from './tokenize.js';

/**
 * Lower-case hashtags run their words together (#antivegan, #veganforlife2016,
 * #climatescam). CamelCase ones are split by the tokenizer; these are split
 * here, only into words the values file itself uses (its terms, the negators
 * and the stance words) plus runs of digits (#vegan4life, a year suffix), and
 * only when every letter of the hashtag is covered: #aircraft stays one word
 * unless both "air" and "craft" are in the file.
 */
/** Hashtags longer than this are left whole (no real one is; a pasted blob is not split). */
const MAX_COMPOUND = 60;

export class Vocabulary {
  /** A character trie of the words: node -> (char code -> node). Node 0 is the root. */
  private readonly next: Map<number, number>[] = [new Map()];
  /** 0: no word ends at the node; 1: a stance word; 2: a word of some term. */
  private readonly ends: number[] = [0];
  /** The longest word, so a split never looks further. */
  private longest = 0;

  add(word: string, ofTerm: boolean): void {
    // One-letter words ("a", "f") would split almost anything.
    if (word.length < 2) return;
    let node = 0;
    for (let i = 0; i < word.length; i++) {
      const c = word.charCodeAt(i);
      let child = this.next[node]!.get(c);
      if (child === undefined) {
        child = this.next.length;
        this.next.push(new Map());
        this.ends.push(0);
        this.next[node]!.set(c, child);
      }
      node = child;
    }
    this.ends[node] = Math.max(this.ends[node]!, ofTerm ? 2 : 1);
    this.longest = Math.max(this.longest, word.length);
  }

  /**
   * The fewest pieces `word` splits into, or undefined when it does not split
   * into two or more with at least one word of a term. Linear in the word
   * (times the longest vocabulary word); words longer than MAX_COMPOUND are left whole.
   */
  split(word: string): string[] | undefined {
    const n = word.length;
    if (n < 4 || n > MAX_COMPOUND) return undefined;
    // Most hashtags (#travel, #love) start like no word of the file: turned away before any work.
    if (!isDigit(word.charCodeAt(0)) && !this.next[0]!.has(word.charCodeAt(0))) return undefined;
    // pieces[i]: fewest pieces covering word[0, i) (0: not covered); from[i]: where the last one
    // starts; term[i]: a term word among them. Reused arrays: nothing is allocated per hashtag.
    const { pieces, from, term } = this;
    pieces.fill(0, 0, n + 1);
    pieces[0] = 1; // stored as count + 1
    term[0] = 0;
    for (let j = 0; j < n; j++) {
      if (pieces[j] === 0) continue;
      if (isDigit(word.charCodeAt(j))) {
        let i = j;
        while (i < n && isDigit(word.charCodeAt(i))) i++;
        this.reach(j, i, false);
        continue;
      }
      let node = 0;
      for (let i = j; i < n && i - j < this.longest; i++) {
        const child = this.next[node]!.get(word.charCodeAt(i));
        if (child === undefined) break;
        node = child;
        const end = this.ends[node]!;
        if (end) this.reach(j, i + 1, end === 2);
      }
    }
    if (pieces[n]! < 3 || term[n] === 0) return undefined;
    const out: string[] = [];
    for (let i = n; i > 0; i = from[i]!) out.push(word.slice(from[i]!, i));
    return out.reverse();
  }

  private readonly pieces = new Int32Array(MAX_COMPOUND + 1);
  private readonly from = new Int32Array(MAX_COMPOUND + 1);
  private readonly term = new Uint8Array(MAX_COMPOUND + 1);

  /** A piece word[j, i): keep it when it makes fewer pieces (or as many, with a term word). */
  private reach(j: number, i: number, ofTerm: boolean): void {
    const count = this.pieces[j]! + 1;
    const known = this.pieces[i]!;
    if (known === 0 || count < known || (count === known && ofTerm && !this.term[i])) {
      this.pieces[i] = count;
      this.from[i] = j;
      this.term[i] = this.term[j]! || ofTerm ? 1 : 0;
    }
  }
}


const isDigit = (c: number) => c >= 48 && c <= 57;

/**
 * The tokens with every splittable hashtag word split. Returns the same object
 * when nothing splits (nearly always), so ordinary text allocates nothing here.
 */
export function splitCompounds(tokens: Tokens, vocabulary: Vocabulary): Tokens & { origin?: number[] } {
  const { words, flags } = tokens;
  let splits: Map<number, string[]> | undefined;
  for (let i = 0; i < words.length; i++) {
    if (!(flags[i]! & IN_HASHTAG)) continue;
    const parts = vocabulary.split(words[i]!);
    if (!parts) continue;
    splits ??= new Map();
    splits.set(i, parts);
  }
  if (!splits) return tokens;
  // origin: for each new word, the index of the word it came from, so matches report positions in the text as tokenized.
  const out: Tokens & { origin: number[] } = { words: [], clause: [], joined: [], flags: [], origin: [] };
  // Old index -> new index, for the ends of CamelCase compounds.
  const at = new Array<number>(words.length + 1);
  for (let i = 0; i < words.length; i++) {
    at[i] = out.words.length;
    const parts = splits.get(i) ?? [words[i]!];
    parts.forEach((p, k) => {
      out.words.push(p);
      out.clause.push(tokens.clause[i]!);
      out.flags.push(k === 0 ? flags[i]! : flags[i]! & ~TAG_START);
      out.origin.push(i);
    });
    // The unsplit word still matches a term written as one word.
    if (parts.length > 1) out.joined[at[i]!] = [words[i]!, out.words.length];
  }
  at[words.length] = out.words.length;
  tokens.joined.forEach((j, i) => {
    if (j) out.joined[at[i]!] = [j[0], at[j[1]]!];
  });
  return out;
}
