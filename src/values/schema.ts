import { z } from 'zod';

/**
 * The values file: what the brand stands for, in the words its community uses.
 * This zod schema is the single source of truth: the loader validates with it,
 * `kindred schema` prints the JSON Schema generated from it, and the TSDoc here
 * becomes the descriptions editors show.
 */

const term = z
  .string()
  .min(1, 'a term cannot be empty')
  .max(200, 'a term is at most 200 characters')
  .describe('A word or phrase, matched case- and accent-insensitively on whole words. A trailing * matches any ending.');

const terms = z.array(term).min(1, 'list at least one term');

const segmentName = z.enum(['advocate', 'potential', 'passive', 'misaligned']);

export const valueSchema = z
  .object({
    name: z.string().trim().min(1, 'a value needs a name').describe('The value, as you would name it to a colleague.'),
    weight: z
      .number()
      .positive('weight must be greater than 0')
      .max(10, 'weight is at most 10')
      .default(1)
      .describe('How much this value counts toward alignment (default 1).'),
    terms: terms.describe('Words and phrases people who share this value use about themselves.'),
  })
  .strict();

export const redFlagSchema = z
  .object({
    name: z.string().trim().min(1, 'a red flag needs a name'),
    kind: z
      .enum(['conflict', 'spam'])
      .default('conflict')
      .describe(
        'conflict: at odds with your values (an engaged follower with it is a dissenter worth hearing); spam: inauthentic, never a dissenter.',
      ),
    terms: terms.describe('Words and phrases that signal the conflict.'),
    opposes: z
      .string()
      .trim()
      .min(1)
      .optional()
      .describe(
        'The name of the value this red flag stands against. Hostility to the red flag ("#EndTheocracy", "against theocracy") then counts as support for that value instead of merely cancelling the flag.',
      ),
  })
  .strict();

export const scoringSchema = z
  .object({
    alignedAt: z.number().positive().default(1).describe('Alignment score at which a follower counts as aligned (default 1: one value of weight 1).'),
    idealTermWeight: z.number().min(0).default(0.5).describe('Alignment added by an ideal-customer term (default 0.5).'),
    idealFitAligns: z
      .boolean()
      .default(true)
      .describe('An ideal-customer role together with an ideal-customer location reaches the alignment bar on its own, with no value term (default true).'),
    locationWeight: z
      .number()
      .min(0)
      .default(0.25)
      .describe('Alignment added by an ideal-customer location, only when some other alignment exists (default 0.25).'),
    engagedAt: z.number().positive().default(2).describe('Engagement score at which a follower counts as engaged (default 2).'),
    windowDays: z
      .number()
      .int()
      .positive()
      .default(90)
      .describe('Interactions older than this many days before --as-of are stale and do not count (default 90).'),
    interactionWeights: z
      .object({
        like: z.number().min(0).default(1),
        reply: z.number().min(0).default(2),
        comment: z.number().min(0).default(2),
        share: z.number().min(0).default(3),
        mention: z.number().min(0).default(2),
        dm: z.number().min(0).default(2),
        other: z.number().min(0).default(1),
      })
      .strict()
      .prefault({})
      .describe('Engagement points per interaction of each type.'),
    ratingEngagement: z
      .array(z.number().min(0))
      .length(5)
      .default([0, 0, 1, 2, 3])
      .describe('Engagement points for a 1–5 rating (Mailchimp MEMBER_RATING), index 0 = rating 1.'),
    authenticity: z
      .object({
        enabled: z
          .boolean()
          .default(true)
          .describe('Flag likely fake or bought accounts as suspect (needs at least four of: followers, following, posts, likes given, listed, account creation date, default profile, default avatar, bio, website).'),
        threshold: z
          .number()
          .min(0)
          .max(1)
          .default(0.9)
          .describe(
            'Probability of being fake at which an account is flagged suspect (default 0.9: conservative; on labelled data it flagged 0.5% of real people and caught 94% of bought accounts, where 0.5 would flag 3.3% of real people).',
          ),
      })
      .strict()
      .prefault({}),
    quality: z
      .object({
        potentialWeight: z.number().min(0).max(1).default(0.5).describe('How much a potential follower counts toward the effective community (default 0.5).'),
        target: z
          .number()
          .gt(0)
          .max(1)
          .default(0.5)
          .describe('Effective-community share that earns the full quality score (default 0.5).'),
        minProfileTextShare: z
          .number()
          .min(0)
          .max(1)
          .default(0.5)
          .describe(
            'Share of classified followers that must carry profile text for the quality score to be measured (default 0.5): values can only be seen in profile text, so below it the score is "not measurable" and --fail-under fails.',
          ),
      })
      .strict()
      .prefault({}),
    negators: z.array(z.string().min(1)).default([]).describe('Extra words that negate a following term ("kein", "pas").'),
    hostileNegators: z.array(z.string().min(1)).default([]).describe('Extra words that turn a following value term into a conflict ("gegen").'),
  })
  .strict();

export const valuesFileSchema = z
  .object({
    $schema: z.string().optional().describe('JSON Schema reference for editors; ignored by kindred.'),
    brand: z.string().trim().min(1, 'name the brand').describe('The brand name, shown on reports.'),
    promise: z.string().trim().min(1).optional().describe('The brand promise, in one sentence.'),
    values: z.array(valueSchema).min(1, 'list at least one value').describe('What the brand stands for.'),
    idealCustomer: z
      .object({
        terms: z.array(term).default([]).describe('Roles and interests of the customer you most want.'),
        locations: z.array(term).default([]).describe('Places; they strengthen a fit but never make alignment alone.'),
      })
      .strict()
      .optional(),
    redFlags: z.array(redFlagSchema).default([]).describe('What conflicts with the values: matching followers are misaligned.'),
    overrides: z
      .object({
        exclude: z.array(z.string().min(1)).default([]).describe('Handles left out of every metric (staff, partners, agencies).'),
        segment: z
          .record(z.string().min(1), segmentName)
          .default({})
          .describe('Handles whose segment you decide yourself: a human decision beats the score.'),
      })
      .strict()
      .prefault({}),
    scoring: scoringSchema.prefault({}).describe('Thresholds and weights; every field has a documented default.'),
  })
  .strict();

export type ValuesFile = z.output<typeof valuesFileSchema>;
export type ValuesFileInput = z.input<typeof valuesFileSchema>;
export type Scoring = ValuesFile['scoring'];
export type SegmentName = z.infer<typeof segmentName>;

export function valuesJsonSchema(): unknown {
  return z.toJSONSchema(valuesFileSchema, { io: 'input', target: 'draft-2020-12' });
}
