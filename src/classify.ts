import type { Follower } from './follower.js';
import { type AlignmentResult, scoreAlignment } from './scoring/alignment.js';
import { type AuthenticityResult, scoreAuthenticity } from './scoring/authenticity.js';
import { type EngagementResult, scoreEngagement } from './scoring/engagement.js';
import type { CompiledValues } from './values/compile.js';
import { type Action, actionFor, decide, type Rule, type Segment } from './decision-table.js';

export type Flag = 'suspect' | 'spam' | 'dissenter' | 'conflict' | 'ideal-fit' | 'no-evidence' | 'override';

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
