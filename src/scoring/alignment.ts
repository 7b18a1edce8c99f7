import type { Follower, TextField } from '../follower.js';
import type { Match } from '../text/matcher.js';
import type { CompiledValues, TermTag } from '../values/compile.js';

/** One matched term, where it was found and whether it was negated. */
export interface TermEvidence {
  term: string;
  field: TextField;
  polarity: Match<TermTag>['polarity'];
  negator?: string;
}

export interface Conflict {
  /** A red flag from the values file, or hostility to one of the values ("anti-vegan"). */
  source: 'redFlag' | 'hostility';
  /** Red flag or value name. */
  name: string;
  /** Its position in the values file's redFlags (or values) list. */
  index: number;
  /** For red flags: conflict or spam. */
  kind: 'conflict' | 'spam';
  evidence: TermEvidence;
}

export interface AlignmentResult {
  score: number;
  aligned: boolean;
  /** Did the follower have any profile text to read? */
  hasText: boolean;
  /** Values supported, in values-file order, with the first evidence for each. */
  values: { index: number; name: string; weight: number; evidence: TermEvidence }[];
  ideal?: TermEvidence;
  location?: TermEvidence;
  idealFit: boolean;
  conflicts: Conflict[];
  /** Matches that did not count: negated values, negated red flags. */
  negated: (TermEvidence & { target: string })[];
  /** Built-in follow-for-follow phrases in the bio, for the authenticity check (not a values match). */
  spamPhrases: string[];
}

// Which fields each kind of term is read from. Display names carry values
// ("Ana | bookworm") and spam ("FOLLOW BACK"), but rarely roles; locations
// are read from the location field and from text that states one ("Bristol-based").
export const FIELDS_FOR: Record<TermTag['kind'], readonly TextField[]> = {
  value: ['bio', 'headline', 'company', 'name'],
  ideal: ['bio', 'headline', 'company'],
  location: ['location', 'bio', 'headline'],
  redFlag: ['bio', 'headline', 'company', 'name'],
  spamPhrase: ['bio'],
};
const READ_ORDER: readonly TextField[] = ['bio', 'headline', 'company', 'name', 'location'];

export function scoreAlignment(f: Follower, cv: CompiledValues): AlignmentResult {
  const { file, scoring } = cv;
  const values: AlignmentResult['values'] = [];
  const conflicts: Conflict[] = [];
  const negated: AlignmentResult['negated'] = [];
  let ideal: TermEvidence | undefined;
  let location: TermEvidence | undefined;
  let hasText = false;
  // Made when a first match needs them: most followers match nothing.
  let seenValue: Set<number> | undefined;
  let seenFlag: Set<number> | undefined;
  let hostileTo: Set<number> | undefined;
  const spamPhrases: string[] = [];

  for (const field of READ_ORDER) {
    const text = f[field];
    if (!text) continue;
    if (field !== 'name' && field !== 'location') hasText = true;
    const matches = cv.matcher.match(text);
    if (matches.length === 0) continue;
    seenValue ??= new Set();
    seenFlag ??= new Set();
    hostileTo ??= new Set();
    for (const m of matches) {
      const tag = m.tag;
      if (!FIELDS_FOR[tag.kind].includes(field)) continue;
      const evidence: TermEvidence = { term: m.term, field, polarity: m.polarity, ...(m.negator ? { negator: m.negator } : {}) };
      switch (tag.kind) {
        case 'value': {
          const v = file.values[tag.index]!;
          if (m.polarity === 'support') {
            if (!seenValue.has(tag.index)) {
              seenValue.add(tag.index);
              values.push({ index: tag.index, name: v.name, weight: v.weight, evidence });
            }
          } else if (m.polarity === 'hostile') {
            if (!hostileTo.has(tag.index)) {
              hostileTo.add(tag.index);
              conflicts.push({ source: 'hostility', name: v.name, index: tag.index, kind: 'conflict', evidence });
            }
          } else negated.push({ ...evidence, target: v.name });
          break;
        }
        case 'redFlag': {
          const flag = file.redFlags[tag.index]!;
          if (m.polarity !== 'support') negated.push({ ...evidence, target: flag.name });
          else if (!seenFlag.has(tag.index)) {
            seenFlag.add(tag.index);
            conflicts.push({ source: 'redFlag', name: flag.name, index: tag.index, kind: flag.kind, evidence });
          }
          break;
        }
        case 'ideal':
          if (m.polarity === 'support') ideal ??= evidence;
          break;
        case 'location':
          if (m.polarity === 'support') location ??= evidence;
          break;
        case 'spamPhrase':
          if (m.polarity === 'support' && !spamPhrases.includes(m.term)) spamPhrases.push(m.term);
          break;
      }
    }
  }
  values.sort((a, b) => a.index - b.index);
  let score = values.reduce((sum, v) => sum + v.weight, 0);
  if (ideal) score += scoring.idealTermWeight;
  // A place alone says nothing about values: it only strengthens existing alignment.
  if (location && score > 0) score += scoring.locationWeight;
  score = Math.round(score * 100) / 100;
  return {
    score,
    aligned: score >= scoring.alignedAt,
    hasText,
    values,
    ...(ideal ? { ideal } : {}),
    ...(location ? { location } : {}),
    // With no roles listed, being in an ideal place is the fit.
    idealFit: !!ideal || (!!location && (file.idealCustomer?.terms.length ?? 0) === 0),
    conflicts,
    negated,
    spamPhrases,
  };
}
