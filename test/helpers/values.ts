import { emptyEngagement, type Follower } from '../../src/follower.js';
import { parseHandle } from '../../src/handles.js';
import { compileValues } from '../../src/values/compile.js';
import { type ValuesFileInput, valuesFileSchema } from '../../src/values/schema.js';

/** A compiled values file from a literal, with the schema's defaults applied. */
export function values(input: Partial<ValuesFileInput> = {}) {
  return compileValues(
    valuesFileSchema.parse({
      brand: 'Test Brand',
      values: [
        { name: 'reading', terms: ['reader', 'bookworm', 'book club*'] },
        { name: 'indie', terms: ['#ShopIndie', 'indie bookshop*'] },
      ],
      idealCustomer: { terms: ['teacher'], locations: ['Bristol'] },
      redFlags: [
        { name: 'piracy', terms: ['free pdf'] },
        { name: 'spam', kind: 'spam', terms: ['follow back'] },
      ],
      ...input,
    }),
  );
}

export const AS_OF = new Date('2026-11-01T00:00:00Z');

export function follower(fields: Partial<Follower> & { handle?: string } = {}): Follower {
  const id = parseHandle(fields.handle ?? 'someone')!;
  return { key: id.key, engagement: emptyEngagement(), source: { file: 'test.csv', line: 2 }, ...fields, handle: id.display };
}

export function daysAgo(n: number): Date {
  return new Date(AS_OF.getTime() - n * 86_400_000);
}
