import { z } from 'zod';
import { ACTIONS, forEachList, SEGMENTS } from '../decision-table.js';
import { SCHEMA_VERSION } from './schema-version.js';

export { SCHEMA_VERSION };

/**
 * The Report: the one contract between analysis and output. Every renderer
 * (table, JSON, Markdown, HTML) reads only this, so every number agrees across
 * formats. JSON output is this object serialised; `kindred schema --report`
 * prints the JSON Schema below. Bump SCHEMA_VERSION (schema-version.ts) on any breaking change.
 */

const count = z.number().int().min(0);
const share = z.number().min(0).max(1).describe('Fraction of classified followers, 0–1.');

export const followerSummarySchema = z.object({
  handle: z.string(),
  name: z.string().optional(),
  segment: z.enum(SEGMENTS),
  action: z.enum(ACTIONS),
  alignment: z.number(),
  engagement: z.number(),
  values: z.array(z.string()),
  flags: z.array(z.string()),
  redFlags: z.array(z.string()).describe('Red flags and hostile values that brought a misaligned follower in.'),
  reasons: z.array(z.string()),
  source: z.object({ file: z.string(), line: z.number().int() }),
});

const findingSchema = z.object({
  code: z.string().describe('Stable SCREAMING_SNAKE code.'),
  severity: z.enum(['info', 'warning']),
  message: z.string(),
});

const rowSampleSchema = z.object({ file: z.string(), line: z.number().int(), detail: z.string().optional() });

export const reportSchema = z.object({
  schemaVersion: z.literal(SCHEMA_VERSION),
  tool: z.object({ name: z.literal('kindred'), version: z.string() }),
  brand: z.string(),
  promise: z.string().optional(),
  asOf: z.string().describe('The date engagement recency and account age are measured from (YYYY-MM-DD).'),
  inputs: z.array(
    z.object({
      file: z.string(),
      format: z.string(),
      formatLabel: z.string(),
      rowsRead: count,
      classified: count,
      skipped: count,
      columns: z.array(z.string()),
      fields: z.array(z.string()).describe('Canonical fields found in the file.'),
      unusedColumns: z.array(z.string()).describe('Columns present in the file but read as no field (ignored).'),
      signals: z.object({
        profileText: z.boolean(),
        engagement: z.boolean(),
        authenticity: z.boolean(),
      }),
      missing: z
        .array(z.object({ signal: z.enum(['profileText', 'engagement', 'authenticity']), meaning: z.string() }))
        .describe('Signal groups this file lacks and what that means for the verdicts.'),
    }),
  ),
  interactions: z.array(
    z.object({
      file: z.string(),
      rowsRead: count,
      skipped: count,
      skippedByCode: z.record(z.string(), count).describe('Skipped rows of this interactions file by code; they add up to skipped.'),
      skippedSamples: z.array(rowSampleSchema.extend({ code: z.string() })).describe('The first skipped rows (up to 5).'),
      handles: count,
      matchedFollowers: count,
      notFollowers: count.describe('Handles with interactions who are not in the export: counted, never invented as followers.'),
    }),
  ),
  totals: z.object({
    rowsRead: count,
    classified: count.describe('Followers classified; every row read is either classified or skipped.'),
    skipped: count,
  }),
  segments: z.object({
    advocate: z.object({ count, share }),
    potential: z
      .object({ count, share, nurture: count, qualify: count })
      .describe('nurture + qualify = count: aligned but quiet (or placed here by an override), and engaged with a values signal missing or below the bar.'),
    passive: z
      .object({ count, share, noEvidence: count, noSignal: count })
      .describe('noEvidence + noSignal = count: nothing known at all, and profile text or interactions seen but below every bar.'),
    misaligned: z
      .object({ count, share, dissenters: count, quietConflicts: count, spam: count, suspects: count, overridden: count })
      .describe(
        'The parts are exclusive and add up to count: dissenters (engaged, in conflict), quietConflicts (in conflict, not engaged), spam (a spam red flag), suspects (likely fake accounts), overridden (placed here by overrides.segment).',
      ),
  }),
  quality: z.object({
    score: z
      .number()
      .int()
      .min(0)
      .max(100)
      .nullable()
      .describe('0–100; null when it cannot be measured (see notMeasurable): a gate on it then fails.'),
    notMeasurable: z
      .object({
        code: z.enum(['NO_FOLLOWERS', 'NO_PROFILE_TEXT', 'LITTLE_PROFILE_TEXT']),
        reason: z.string(),
      })
      .nullable()
      .describe('Why the score is null: values can only be seen in profile text, and too few followers carry any.'),
    profileTextShare: share.describe('Fraction of classified followers with profile text, where values can be seen.'),
    minProfileTextShare: share.describe('The profile-text share below which the score is not measurable.'),
    effectiveCommunity: z.number().describe('advocates + potentialWeight × potential to nurture (aligned); engaged followers with no values signal do not count'),
    effectiveShare: share,
    potentialWeight: z.number().min(0).max(1).describe('How much one potential follower counts toward the effective community.'),
    target: z.number().gt(0).max(1).describe('Effective share that earns the full score.'),
    formula: z.string(),
  }),
  authenticity: z.object({
    checked: count.describe('Followers with enough fields to judge authenticity.'),
    suspects: count,
    share,
    enabled: z.boolean(),
  }),
  values: z.array(
    z.object({
      name: z.string(),
      weight: z.number(),
      followers: count,
      share,
      advocates: count,
      advocateShare: share.describe('Fraction of advocates holding this value.'),
    }),
  ),
  unexpressedValues: z.array(z.string()),
  idealCustomer: z.object({
    defined: z.boolean(),
    fit: count,
    share,
    bySegment: z.object({ advocate: count, potential: count, passive: count, misaligned: count }),
    bySegmentShare: z
      .object({ advocate: share, potential: share, passive: share, misaligned: share })
      .describe('Fraction of each segment that fits the ideal customer.'),
  }),
  redFlags: z.array(z.object({ name: z.string(), kind: z.enum(['conflict', 'spam']), followers: count })),
  groupThink: z.object({
    alignedFollowers: count,
    diversity: z.number().min(0).max(1).nullable().describe('Normalised Shannon entropy of value mentions among aligned followers (1 = evenly spread, 0 = one value); null with fewer than two values or no aligned followers.'),
    dominantValue: z.string().nullable(),
    dominantShare: share.describe('Fraction of aligned followers holding the most common value.'),
    dominantMentionShare: share.describe(
      'Fraction of value mentions among aligned followers that name the most common value (the distribution diversity is measured on); at 0.8 or more, one value dominates.',
    ),
    dissenters: count,
    dissentShare: share.describe('Dissenters as a fraction of engaged followers.'),
    risk: z.enum(['low', 'medium', 'high', 'unknown']).describe('unknown when it cannot be judged: too little profile text to see values or dissent, or no aligned followers and no engagement data.'),
    notMeasurable: z.string().nullable().describe('Why concentration and dissent cannot be judged (too little profile text), or null.'),
  }),
  lists: z.object(forEachList(() => z.array(followerSummarySchema))),
  dataQuality: z.object({
    skippedByCode: z.record(z.string(), count),
    skippedSamples: z.array(rowSampleSchema.extend({ code: z.string() })),
    warnings: z.array(
      z.object({ code: z.string(), field: z.string(), count, samples: z.array(rowSampleSchema.extend({ value: z.string() })) }),
    ),
    evidence: z
      .object({
        both: count,
        profileTextOnly: count,
        engagementOnly: count,
        none: count,
      })
      .describe('What each classified follower carried; the four parts are exclusive and add up to totals.classified.'),
    words: z
      .object({ profileOnly: count, commentsOnly: count, both: count })
      .optional()
      .describe("Followers whose own words were read, by where: profile text only, comments they wrote (from --interactions) only, or both. Exclusive; the rest had no words to read. Absent in reports made before comments were read."),
    engagementAvailable: z.boolean(),
    mentionReach: z
      .object({ followers: count, total: count })
      .optional()
      .describe(
        "Reach of mentions, when the export carries it (a listening export): the likes, replies, reposts and comments that followers' mentions of you drew from others, summed over `followers` followers. Reported apart, never counted as engagement.",
      ),
  }),
  findings: z.array(findingSchema).describe('Plain-language notes: what the numbers mean and what to check.'),
  followers: z.array(z.record(z.string(), z.unknown())).optional().describe('Per-follower records, with --include-followers.'),
});

export type Report = z.infer<typeof reportSchema>;
export type FollowerSummary = z.infer<typeof followerSummarySchema>;
export type Finding = z.infer<typeof findingSchema>;

export function reportJsonSchema(): unknown {
  return z.toJSONSchema(reportSchema, { target: 'draft-2020-12' });
}
