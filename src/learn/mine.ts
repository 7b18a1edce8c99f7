import { STOP_WORDS } from '../init/stop-words.js';
import { TermMatcher } from '../text/matcher.js';
import { IN_HANDLE, tokenize } from '../text/tokenize.js';
import type { ValuesFile } from '../values/schema.js';
import type { LabelledPerson } from './people.js';

/**
 * Words that say nothing about any brand's values however often one group
 * uses them: the vocabulary of every profile (roles of life, generic praise,
 * platform words). Folded as profile text is.
 */
export const GENERIC_WORDS: ReadonlySet<string> = new Set(
  `account also always amazing anything awesome back best better big bio born busy day days enthusiast everything fan
fans follow follower followers following free full good great guy happy hello here home http https instagram just
kind life lifelong link lots love lover lovers lucky make making mom dad husband wife mum mama papa new news nice
official page people person personal real really says share site stuff thing things time tweets twitter views
welcome world www year years yes young since while still ever never every anyway sorry must want wants well way ways`.split(/\s+/),
);

/**
 * Mined from what people write about themselves. Display names are read for
 * values by the audit ("Ana | bookworm"), but mining them would learn people's
 * own names from a few hundred examples.
 */
export const MINED_FIELDS = ['bio', 'headline', 'company'] as const;

export interface MiningThresholds {
  /** A word is proposed only when at least this many labelled people use it (default 3). */
  minPeople: number;
  /** Words shorter than this are never proposed (default 3 letters). */
  minLength: number;
}

export const DEFAULT_MINING: MiningThresholds = { minPeople: 3, minLength: 3 };

/** A word or two-word phrase from labelled people's profiles, and who uses it as support. */
export interface Candidate {
  term: string;
  /** Indexes (into the people list) of those whose text the matcher reads it in as support. */
  people: number[];
}

/**
 * Words and two-word phrases the labelled people write in the fields values
 * are read from, kept when the same matcher the audit uses (negation, quotes,
 * hashtags, CamelCase) reads them as support in at least `minPeople` people.
 * Stop words, generic words, anything with a digit (numbers, dates, years) and
 * words inside other accounts' @handles are never candidates.
 */
export function mineCandidates(people: readonly LabelledPerson[], file: ValuesFile, t: MiningThresholds): Candidate[] {
  const usable = (w: string) => w.length >= t.minLength && !STOP_WORDS.has(w) && !GENERIC_WORDS.has(w) && !/\d/.test(w);
  // First pass: distinct people per spelling, so the matcher is built only for words common enough.
  const seenBy = new Map<string, { count: number; last: number }>();
  const offer = (term: string, who: number) => {
    const s = seenBy.get(term);
    if (!s) seenBy.set(term, { count: 1, last: who });
    else if (s.last !== who) {
      s.count++;
      s.last = who;
    }
  };
  people.forEach((p, who) => {
    for (const field of MINED_FIELDS) {
      const text = p.follower[field];
      if (!text) continue;
      const tokens = tokenize(text);
      const { words, flags, clause, joined } = tokens;
      for (let i = 0; i < words.length; i++) {
        if (flags[i]! & IN_HANDLE) continue;
        const w = words[i]!;
        if (usable(w)) offer(w, who);
        const compound = joined[i];
        if (compound && usable(compound[0])) offer(compound[0], who);
        const next = words[i + 1];
        if (next !== undefined && clause[i + 1] === clause[i] && !(flags[i + 1]! & IN_HANDLE) && usable(w) && usable(next)) offer(`${w} ${next}`, who);
      }
    }
  });
  const common = [...seenBy].filter(([, s]) => s.count >= t.minPeople).map(([term]) => term);
  if (common.length === 0) return [];
  // Second pass: who the audit's matcher reads each as support (not negated, not quoted, not hostile).
  const matcher = new TermMatcher(
    common.map((text, index) => ({ text, tag: index })),
    { negators: file.scoring.negators, hostileNegators: file.scoring.hostileNegators },
  );
  const support = common.map(() => new Set<number>());
  people.forEach((p, who) => {
    for (const field of MINED_FIELDS) {
      const text = p.follower[field];
      if (!text) continue;
      for (const m of matcher.match(text)) if (m.polarity === 'support') support[m.tag]!.add(who);
    }
  });
  return common.flatMap((term, i) => (support[i]!.size >= t.minPeople ? [{ term, people: [...support[i]!].sort((a, b) => a - b) }] : []));
}
