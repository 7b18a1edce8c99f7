import { splitCompounds, Vocabulary } from './compounds.js';
import { HOSTILE_NEGATORS, PLAIN_NEGATORS } from './negation.js';
import { type Cue, type Polarity, STANCE_WORDS, type StanceLists, stanceOf } from './stance.js';
import { type Tokens, tokenize } from './tokenize.js';

export type { Cue, Polarity } from './stance.js';

/**
 * One precompiled matcher for every term of a values file: a trie over folded
 * words, walked once from each word of the text. Its cost grows with the text,
 * not with the number of terms, and no term ever becomes a regular expression
 * (terms are user input: no ReDoS).
 *
 * Term syntax: words separated by spaces, hashtags or CamelCase (all folded
 * the same way as profile text); a trailing `*` makes the last word a prefix
 * (`bookseller*` matches booksellers). A multi-word term also matches its
 * words written together (`book club` matches #bookclub).
 */
export interface TermSpec<T> {
  /** The term as written by the user. */
  text: string;
  /** What the caller wants back when the term matches (e.g. which value). */
  tag: T;
}

export interface Match<T> {
  term: string;
  tag: T;
  /** Word positions [start, end) in the tokens of the text (a split hashtag counts as its one word). */
  start: number;
  end: number;
  polarity: Polarity;
  /** What made it other than support, and the word that said so (see stance.ts). */
  cue?: Cue;
  word?: string;
  /** Said of the writer themselves ("I'm a…", "proud…", their own hashtag). */
  self?: true;
}

interface Node<T> {
  next?: Map<string, Node<T>>;
  /** Terms that end at this node. */
  terms?: TermSpec<T>[];
  /** Terms whose last word is a prefix: prefix -> terms. */
  prefixes?: Map<string, TermSpec<T>[]>;
  /** Distinct prefix lengths present in `prefixes`, ascending. */
  prefixLengths?: number[];
  /**
   * Bitmap of the first one or two characters of the prefixes: most words
   * start like no prefix and are turned away without slicing any string, so
   * a values file with hundreds of `word*` terms costs what one with few does.
   */
  prefixHeads?: Uint8Array;
  prefixHeadLength?: number;
}

function hasHead(node: Node<unknown>, word: string): boolean {
  const h = headOf(word, node.prefixHeadLength!);
  return (node.prefixHeads![h >> 3]! & (1 << (h & 7))) !== 0;
}

function setHead(node: Node<unknown>, prefix: string): void {
  const h = headOf(prefix, node.prefixHeadLength!);
  node.prefixHeads![h >> 3]! |= 1 << (h & 7);
}

function headOf(word: string, length: number): number {
  const c0 = word.charCodeAt(0);
  return length === 1 ? c0 & 0xffff : (Math.imul(c0, 0x9e37) ^ word.charCodeAt(1)) & 0xffff;
}

export interface MatcherOptions {
  negators?: readonly string[];
  hostileNegators?: readonly string[];
}

export class TermMatcher<T> {
  private readonly root: Node<T> = {};
  private readonly lists: StanceLists;
  /** Every word of every term, and the stance words: what a lower-case hashtag may be split into. */
  private readonly vocabulary = new Vocabulary();
  /** Terms that fold to no word at all (only punctuation or emoji). */
  readonly emptyTerms: string[] = [];
  size = 0;

  constructor(terms: Iterable<TermSpec<T>>, options: MatcherOptions = {}) {
    const plain = new Set([...PLAIN_NEGATORS, ...(options.negators ?? []).flatMap(foldWords)]);
    const hostile = new Set([...HOSTILE_NEGATORS, ...(options.hostileNegators ?? []).flatMap(foldWords)]);
    this.lists = { plain, hostile };
    for (const w of [...plain, ...hostile, ...STANCE_WORDS]) this.vocabulary.add(w, false);
    for (const t of terms) this.add(t);
  }

  private add(spec: TermSpec<T>): void {
    const trimmed = spec.text.trim();
    const wildcard = trimmed.endsWith('*');
    const words = foldWords(wildcard ? trimmed.slice(0, -1) : trimmed);
    if (words.length === 0) {
      this.emptyTerms.push(spec.text);
      return;
    }
    for (const w of words) this.vocabulary.add(w, true);
    this.insert(words, wildcard, spec);
    // "book club" also matches the words written together, as in #bookclub.
    if (words.length > 1) this.insert([words.join('')], wildcard, spec);
    this.size++;
  }

  private insert(words: string[], wildcard: boolean, spec: TermSpec<T>): void {
    let node = this.root;
    const last = words.length - 1;
    for (let i = 0; i < last; i++) {
      const w = words[i]!;
      node.next ??= new Map();
      let child = node.next.get(w);
      if (!child) {
        child = {};
        node.next.set(w, child);
      }
      node = child;
    }
    const w = words[last]!;
    if (wildcard) {
      node.prefixes ??= new Map();
      const list = node.prefixes.get(w);
      if (list) list.push(spec);
      else node.prefixes.set(w, [spec]);
      // Kept up to date one prefix at a time (linear in the terms loaded): the
      // bitmap is rebuilt only when a shorter prefix changes its head length,
      // which happens at most once per node.
      node.prefixLengths ??= [];
      const lengths = node.prefixLengths;
      if (!lengths.includes(w.length)) {
        lengths.push(w.length);
        lengths.sort((a, b) => a - b);
      }
      const headLength = Math.min(2, lengths[0]!);
      if (node.prefixHeadLength !== headLength) {
        node.prefixHeads = new Uint8Array(8192);
        node.prefixHeadLength = headLength;
        for (const prefix of node.prefixes.keys()) setHead(node, prefix);
      } else setHead(node, w);
    } else {
      node.next ??= new Map();
      let child = node.next.get(w);
      if (!child) {
        child = {};
        node.next.set(w, child);
      }
      child.terms ??= [];
      child.terms.push(spec);
    }
  }

  /** Every match in the text, with its polarity. */
  match(text: string): Match<T>[] {
    return this.matchTokens(tokenize(text));
  }

  matchTokens(text: Tokens): Match<T>[] {
    // #antivegan, #veganforlife2016: a lower-case hashtag read as the words it is made of.
    const tokens = splitCompounds(text, this.vocabulary);
    const out: Match<T>[] = [];
    const n = tokens.words.length;
    for (let i = 0; i < n; i++) this.walk(this.root, tokens, i, i, out);
    return out;
  }

  private walk(node: Node<T>, tokens: Tokens, start: number, pos: number, out: Match<T>[]): void {
    if (pos >= tokens.words.length) return;
    this.step(node, tokens, start, tokens.words[pos]!, pos + 1, out);
    const alt = tokens.joined[pos];
    if (alt) this.step(node, tokens, start, alt[0], alt[1], out);
  }

  private step(
    node: Node<T>,
    tokens: Tokens,
    start: number,
    word: string,
    end: number,
    out: Match<T>[],
  ): void {
    const lengths = node.prefixLengths;
    if (lengths && word.length >= lengths[0]! && hasHead(node, word)) {
      for (const len of lengths) {
        if (len > word.length) break;
        const specs = node.prefixes!.get(len === word.length ? word : word.slice(0, len));
        if (specs) this.emit(specs, tokens, start, end, out);
      }
    }
    const child = node.next?.get(word);
    if (!child) return;
    if (child.terms) this.emit(child.terms, tokens, start, end, out);
    this.walk(child, tokens, start, end, out);
  }

  private emit(specs: TermSpec<T>[], tokens: Tokens & { origin?: number[] }, start: number, end: number, out: Match<T>[]): void {
    const from = tokens.origin ? tokens.origin[start]! : start;
    const to = tokens.origin ? tokens.origin[end - 1]! + 1 : end;
    for (const spec of specs) {
      // The split and the joined form of one compound can reach the same term
      // twice. Compared by tag too, not text alone: the same words listed under
      // two values (or a value and a built-in list) match both. (Matches per
      // text are few: a scan of them beats a Set made for every text.)
      if (matchedAt(out, from, spec)) continue;
      const stance = stanceOf(tokens, start, end, this.lists);
      out.push({ term: spec.text, tag: spec.tag, start: from, end: to, ...stance });
    }
  }
}

/**
 * Whether `spec` already matched at word `start`. Matches are made in order of
 * their start (split compounds map to their hashtag's word, never backwards), so
 * that start's matches are the last ones in `out`: only they are scanned (a bio
 * of one matching word repeated stays linear).
 */
function matchedAt<T>(out: Match<T>[], start: number, spec: TermSpec<T>): boolean {
  for (let k = out.length - 1; k >= 0 && out[k]!.start === start; k--) {
    const m = out[k]!;
    if (m.term === spec.text && m.tag === spec.tag) return true;
  }
  return false;
}

/** Folded words of a short text, as the matcher sees them. */
export function foldWords(text: string): string[] {
  return tokenize(text).words;
}
