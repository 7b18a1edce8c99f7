import type { Follower, TextField } from '../follower.js';
import type { Cue, Match } from '../text/matcher.js';
import type { CompiledValues, TermTag } from '../values/compile.js';

/** Where a term was read: a profile field, or a comment the follower wrote. */
export type EvidenceField = TextField | 'comment';

/** One matched term, where it was found, and how the words around it read it. */
export interface TermEvidence {
  term: string;
  field: EvidenceField;
  /** For a comment: when it was written, when known. */
  at?: Date;
  polarity: Match<TermTag>['polarity'];
  /** Why it was not plain support ("negator", "quoted", "hashtag"…), and the word that said so. */
  cue?: Cue;
  word?: string;
  /** The writer said it of themselves ("I'm a…", "proud…", their own hashtag). */
  self?: true;
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
  /** Did the follower write comments we could read (their own words, kept apart from the profile)? */
  hasComments: boolean;
  /**
   * Values supported, in values-file order, with the first evidence for each.
   * `against` names the red flag whose rejection showed the support ("#EndTheocracy"
   * for a secular society), where the values file says the flag opposes the value.
   */
  values: { index: number; name: string; weight: number; evidence: TermEvidence; against?: string }[];
  ideal?: TermEvidence;
  location?: TermEvidence;
  idealFit: boolean;
  conflicts: Conflict[];
  /**
   * Conflicts set aside because the follower identifies more with the values
   * than with them (more values supported, or claimed in their own words).
   */
  outweighed: Conflict[];
  /** Matches that did not count: negated or only mentioned values and red flags. */
  negated: (TermEvidence & { target: string })[];
  /** Built-in follow-for-follow phrases in the bio, for the authenticity check (not a values match). */
  spamPhrases: string[];
}

// Which fields each kind of term is read from. Display names carry values
// ("Ana | bookworm") and spam ("FOLLOW BACK"), but rarely roles; locations
// are read from the location field and from text that states one ("Bristol-based").
// A comment is read like a bio: the follower's own words. Only a place is not
// taken from one ("loved your Bristol shop" says where the shop is, not the writer).
export const FIELDS_FOR: Record<TermTag['kind'], readonly EvidenceField[]> = {
  value: ['bio', 'headline', 'company', 'name', 'comment'],
  ideal: ['bio', 'headline', 'company', 'comment'],
  location: ['location', 'bio', 'headline'],
  redFlag: ['bio', 'headline', 'company', 'name', 'comment'],
  spamPhrase: ['bio', 'comment'],
};
const READ_ORDER: readonly TextField[] = ['bio', 'headline', 'company', 'name', 'location'];

/** The texts a kind of term is read from in one follower: its profile fields, then each comment. */
export function textsFor(f: Follower, kind: TermTag['kind']): string[] {
  const out: string[] = [];
  for (const field of FIELDS_FOR[kind]) {
    if (field === 'comment') for (const c of f.comments ?? []) out.push(c.text);
    else if (f[field]) out.push(f[field]);
  }
  return out;
}

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

  // Profile fields first, then comments in file order: the first evidence for a value is the one shown.
  const texts: { field: EvidenceField; text: string | undefined; at?: Date | undefined }[] = READ_ORDER.map((field) => ({ field, text: f[field] }));
  for (const c of f.comments ?? []) texts.push({ field: 'comment', text: c.text, at: c.at });
  for (const { field, text, at } of texts) {
    if (!text) continue;
    if (field !== 'name' && field !== 'location' && field !== 'comment') hasText = true;
    const matches = cv.matcher.match(text);
    if (matches.length === 0) continue;
    seenValue ??= new Set();
    seenFlag ??= new Set();
    hostileTo ??= new Set();
    for (const m of matches) {
      const tag = m.tag;
      if (!FIELDS_FOR[tag.kind].includes(field)) continue;
      const evidence: TermEvidence = {
        term: m.term,
        field,
        ...(at ? { at } : {}),
        polarity: m.polarity,
        ...(m.cue ? { cue: m.cue } : {}),
        ...(m.word ? { word: m.word } : {}),
        ...(m.self ? { self: m.self } : {}),
      };
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
          const opposed = m.polarity === 'hostile' ? cv.opposes[tag.index] : undefined;
          if (opposed !== undefined) {
            // Hostility to a red flag is support for the value it opposes.
            if (!seenValue.has(opposed)) {
              seenValue.add(opposed);
              const v = file.values[opposed]!;
              values.push({ index: opposed, name: v.name, weight: v.weight, evidence, against: flag.name });
            }
          } else if (m.polarity !== 'support') negated.push({ ...evidence, target: flag.name });
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
  const outweighed = values.length > 0 ? weighConflicts(values, conflicts) : [];
  let score = values.reduce((sum, v) => sum + v.weight, 0);
  if (ideal) score += scoring.idealTermWeight;
  // A place alone says nothing about values: it only strengthens existing alignment.
  if (location && score > 0) score += scoring.locationWeight;
  // The customer you want, where you want them: a fit as strong as a value (scoring.idealFitAligns).
  if (ideal && location && scoring.idealFitAligns) score = Math.max(score, scoring.alignedAt);
  score = Math.round(score * 100) / 100;
  return {
    score,
    aligned: score >= scoring.alignedAt,
    hasText,
    hasComments: (f.comments?.length ?? 0) > 0,
    values,
    ...(ideal ? { ideal } : {}),
    ...(location ? { location } : {}),
    // With no roles listed, being in an ideal place is the fit.
    idealFit: !!ideal || (!!location && (file.idealCustomer?.terms.length ?? 0) === 0),
    conflicts,
    outweighed,
    negated,
    spamPhrases,
  };
}

/**
 * A follower who names both a value and something at odds with it ("being
 * pro-choice IS being pro-life") is read by which they identify with: each
 * side counts one per value or conflict, and one more for each said of
 * themselves. Only when the values weigh more are the conflicts set aside
 * (removed from `conflicts`, returned); a tie leaves the conflict standing.
 * Spam is never weighed.
 */
function weighConflicts(values: AlignmentResult['values'], conflicts: Conflict[]): Conflict[] {
  const weighed = conflicts.filter((c) => c.kind === 'conflict');
  if (weighed.length === 0) return [];
  const support = values.reduce((n, v) => n + (v.evidence.self ? 2 : 1), 0);
  const against = weighed.reduce((n, c) => n + (c.evidence.self ? 2 : 1), 0);
  if (support <= against) return [];
  for (const c of weighed) conflicts.splice(conflicts.indexOf(c), 1);
  return weighed;
}
