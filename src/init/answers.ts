import { z } from 'zod';
import { foldWords } from '../text/matcher.js';
import { parseConfigFile } from '../values/load.js';

/**
 * What `kindred init` needs to write a values file: the wizard's answers, or
 * the same shape read from `--answers FILE` (JSON or YAML) for scripting.
 */
const term = z
  .string()
  .trim()
  .min(1, 'a term cannot be empty')
  .max(200, 'a term is at most 200 characters')
  .refine((t) => foldWords(t.replace(/\*$/, '')).length > 0, 'has no letters or digits to match (terms are whole words; emoji and punctuation are ignored)');
const termList = z.array(term);

export const initAnswersSchema = z
  .object({
    brand: z.string().trim().min(1, 'name the brand'),
    promise: z.string().trim().optional(),
    values: z
      .array(
        z
          .object({
            name: z.string().trim().min(1, 'a value needs a name'),
            terms: termList.min(1, 'list at least one term'),
            weight: z.number().positive().max(10).optional(),
          })
          .strict(),
      )
      .min(1, 'list at least one value'),
    idealCustomer: z
      .object({ roles: termList.default([]), interests: termList.default([]), locations: termList.default([]) })
      .strict()
      .optional(),
    redFlags: z
      .array(z.object({ name: z.string().trim().min(1, 'a red flag needs a name'), kind: z.enum(['conflict', 'spam']).optional(), terms: termList.min(1, 'list at least one term') }).strict())
      .default([]),
    /** Add the ready spam list as a red flag with kind: spam. */
    spamList: z.boolean().default(false),
  })
  .strict();

export type InitAnswers = z.output<typeof initAnswersSchema>;

export async function loadAnswersFile(file: string): Promise<InitAnswers> {
  return (await parseConfigFile(file, initAnswersSchema)).data;
}

/** Splits "bookworm, book club*, #amreading" into terms, dropping empties and repeats. */
export function splitTerms(text: string): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of text.split(',')) {
    const t = raw.trim();
    if (!t || seen.has(t.toLowerCase())) continue;
    seen.add(t.toLowerCase());
    out.push(t);
  }
  return out;
}
