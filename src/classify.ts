import type { Follower } from './follower.js';
import { type AlignmentResult, scoreAlignment } from './scoring/alignment.js';
import { type AuthenticityResult, scoreAuthenticity } from './scoring/authenticity.js';
import { type EngagementResult, scoreEngagement } from './scoring/engagement.js';
import type { CompiledValues } from './values/compile.js';
import type { SegmentName } from './values/schema.js';

export const SEGMENTS = ['advocate', 'potential', 'passive', 'misaligned'] as const satisfies readonly SegmentName[];
export type Segment = SegmentName;

/** What to do about a follower; refines the segment (potential: nurture or qualify). */
export type Action = 'thank' | 'nurture' | 'qualify' | 'none' | 'hear' | 'review';

export type Flag = 'suspect' | 'spam' | 'dissenter' | 'conflict' | 'ideal-fit' | 'no-evidence' | 'override';

/**
 * The rows of the decision table, in the order they are tried. The first that
 * applies decides the segment; its name is carried on every record so users
 * can see which rule decided.
 */
export const RULES = {
  override: 'overrides.segment names this follower',
  suspect: 'likely not a real person (authenticity check)',
  spam: 'matches a spam red flag',
  conflict: 'conflicts with the values (red flag or hostility to a value)',
  'aligned-engaged': 'aligned and engaged recently',
  'aligned-quiet': 'aligned but not engaged recently: nurture',
  'engaged-unaligned': 'engaged but no values signal: qualify',
  'no-signal': 'neither aligned nor engaged, no conflict',
} as const;
export type Rule = keyof typeof RULES;

export interface Classified {
  follower: Follower;
  segment: Segment;
  action: Action;
  rule: Rule;
  flags: Flag[];
  alignment: AlignmentResult;
  engagement: EngagementResult;
  authenticity: AuthenticityResult;
}

export interface ClassifyContext {
  values: CompiledValues;
  asOf: Date;
}

export function classify(f: Follower, ctx: ClassifyContext): Classified {
  const { values: cv, asOf } = ctx;
  const alignment = scoreAlignment(f, cv);
  const engagement = scoreEngagement(f.engagement, cv.scoring, asOf);
  const authenticity = cv.scoring.authenticity.enabled
    ? scoreAuthenticity(f, asOf, cv.scoring, { spamPhrases: alignment.spamPhrases, engaged: engagement.engaged })
    : { checked: false, suspect: false, signals: [] };
  const spam = alignment.conflicts.some((c) => c.kind === 'spam');
  const conflict = alignment.conflicts.some((c) => c.kind === 'conflict');
  const engaged = engagement.engaged;

  const flags: Flag[] = [];
  if (authenticity.suspect) flags.push('suspect');
  if (spam) flags.push('spam');
  if (conflict) flags.push('conflict');
  if (alignment.idealFit) flags.push('ideal-fit');
  if (!alignment.hasText && !engagement.hasEvidence) flags.push('no-evidence');

  const decided = decide({
    override: cv.segmentOverrides.get(f.key),
    suspect: authenticity.suspect,
    spam,
    conflict,
    aligned: alignment.aligned,
    engaged,
  });
  if (decided.rule === 'override') flags.push('override');
  // A dissenter is an engaged real person in conflict: a voice to hear, not spam.
  const dissenter = decided.segment === 'misaligned' && conflict && engaged && !spam && !authenticity.suspect;
  if (dissenter) flags.push('dissenter');
  const action = actionFor(decided.segment, dissenter, alignment.aligned || !engaged);
  return { follower: f, segment: decided.segment, action, rule: decided.rule, flags, alignment, engagement, authenticity };
}

export interface Facts {
  override?: Segment | undefined;
  suspect: boolean;
  spam: boolean;
  conflict: boolean;
  aligned: boolean;
  engaged: boolean;
}

/** The decision table of the product contract. Pure: facts in, segment and rule out. */
export function decide(facts: Facts): { segment: Segment; rule: Rule } {
  if (facts.override) return { segment: facts.override, rule: 'override' };
  if (facts.suspect) return { segment: 'misaligned', rule: 'suspect' };
  if (facts.spam) return { segment: 'misaligned', rule: 'spam' };
  if (facts.conflict) return { segment: 'misaligned', rule: 'conflict' };
  if (facts.aligned && facts.engaged) return { segment: 'advocate', rule: 'aligned-engaged' };
  if (facts.aligned) return { segment: 'potential', rule: 'aligned-quiet' };
  if (facts.engaged) return { segment: 'potential', rule: 'engaged-unaligned' };
  return { segment: 'passive', rule: 'no-signal' };
}

function actionFor(segment: Segment, dissenter: boolean, nurture: boolean): Action {
  switch (segment) {
    case 'advocate':
      return 'thank';
    case 'potential':
      return nurture ? 'nurture' : 'qualify';
    case 'passive':
      return 'none';
    case 'misaligned':
      return dissenter ? 'hear' : 'review';
  }
}
