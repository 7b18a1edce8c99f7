import { z } from 'zod';

/**
 * The JSON output of `kindred learn --format json`, as a zod schema: the
 * tests validate real output with it and `kindred schema --learn` prints it.
 */
const label = z.enum(['aligned', 'opposed', 'neutral']);

const agreement = z.object({
  people: z.number().int().describe('Labelled people measured.'),
  agreed: z.number().int().describe('Of them, those the values file gives the label the user gave.'),
  share: z.number().nullable().describe('agreed / people.'),
  balanced: z.number().nullable().describe('Mean of the per-label recalls (labels nobody has left out).'),
  perLabel: z.array(
    z.object({
      label,
      labelled: z.number().int().describe('People the user gave this label.'),
      predicted: z.number().int().describe('People the values file gives this label.'),
      agreed: z.number().int(),
      precision: z.number().nullable(),
      recall: z.number().nullable(),
    }),
  ),
});

const change = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('add-value-term'), value: z.string(), term: z.string() }),
  z.object({ kind: z.literal('add-red-flag-term'), redFlag: z.string(), term: z.string() }),
  z.object({ kind: z.literal('drop-value-term'), value: z.string(), term: z.string() }),
  z.object({ kind: z.literal('drop-red-flag-term'), redFlag: z.string(), term: z.string() }),
]);

export const learnOutputSchema = z.object({
  asOf: z.string(),
  labels: z.string().describe('The labels file.'),
  people: z.number().int().describe('Labelled people found in the export.'),
  thresholds: z.object({
    minPeople: z.number().int().describe('A word is proposed only when at least this many labelled people use it.'),
    minLength: z.number().int(),
    minShare: z.number().describe('Share of a word\'s users that carry the label it is proposed for.'),
    folds: z.number().int().describe('Cross-validation folds.'),
    minHeldOutGain: z.number().int().describe('How many more people a proposal must move right than wrong, on people it was not learned from, to be written.'),
  }),
  current: agreement.describe('The values file as it is, against every labelled person.'),
  disagreements: z.array(
    z.object({
      handle: z.string(),
      label,
      predicted: label,
      segment: z.string(),
      rule: z.string(),
      ruleText: z.string(),
      reasons: z.array(z.string()).describe("explain's reasons: which term, which rule."),
    }),
  ),
  proposals: z.array(
    z.object({
      change,
      usedBy: z.object({ aligned: z.number().int(), opposed: z.number().int(), neutral: z.number().int() }),
      movesRight: z.array(z.string()).describe('Labelled people this change alone moves to their label.'),
      movesWrong: z.array(z.string()).describe('Labelled people it moves away from their label.'),
      heldOut: z.object({ right: z.number().int(), wrong: z.number().int(), folds: z.number().int() }).describe('The same, counted only on people it was not learned from.'),
      kept: z.boolean().describe('Written by --write: learned in most folds, and it moved at least minHeldOutGain more people right than wrong where it was not learned.'),
    }),
  ),
  heldOut: z.object({ before: agreement, after: agreement }).describe('Cross-validated agreement: each person judged by what was learned without them.'),
  learned: agreement.describe('The file with the kept proposals against every labelled person (in-sample, optimistic).'),
  noRedFlagTarget: z.boolean(),
  unused: z.object({
    notInExport: z.array(z.string()),
    excluded: z.array(z.string()),
    problems: z.array(z.object({ line: z.number().int(), code: z.enum(['UNKNOWN_LABEL', 'MISSING_HANDLE', 'DUPLICATE_HANDLE', 'MALFORMED_ROW']), text: z.string() })),
  }),
  written: z.string().nullable(),
});

export function learnJsonSchema(): unknown {
  return z.toJSONSchema(learnOutputSchema, { target: 'draft-2020-12' });
}
