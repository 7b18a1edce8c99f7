import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Classified, classify, decide, type Facts, RULES, SEGMENTS } from '../src/classify.js';
import type { Follower, InteractionType } from '../src/follower.js';
import { InputError } from '../src/errors.js';
import type { SourceItem } from '../src/io/rows.js';
import { type AuditSource, runPipeline } from '../src/pipeline.js';
import { compileValues } from '../src/values/compile.js';
import { valuesFileSchema } from '../src/values/schema.js';

/**
 * Classification is deterministic and total: any follower, however sparse or
 * odd, gets exactly one segment, the same one every time; through the
 * pipeline every item is classified or skipped, never both, never neither.
 */
const AS_OF = new Date('2026-11-01T00:00:00Z');
const HANDLES = ['ana', 'Ben', 'cal', 'dee', 'staff', 'boss', 'eve', 'fay'];

const values = compileValues(
  valuesFileSchema.parse({
    brand: 'Property Shop',
    values: [
      { name: 'reading', terms: ['bookworm', 'reader', 'book club*'] },
      { name: 'local', terms: ['shop local', 'indie bookshop*'], weight: 2 },
    ],
    idealCustomer: { terms: ['teacher'], locations: ['Bristol'] },
    redFlags: [
      { name: 'spam', kind: 'spam', terms: ['follow back', 'crypto giveaway'] },
      { name: 'piracy', terms: ['free pdf'] },
    ],
    overrides: { exclude: ['@staff'], segment: { '@boss': 'advocate' } },
  }),
);

const WORDS = ['bookworm', 'reader', 'book club', 'shop local', 'indie bookshops', 'teacher', 'Bristol', 'follow back', 'free pdf', 'not', 'anti', 'hate', 'but', 'coffee', '#BookClub', 'ÉCOLE', '😀', '\u001b[31m'];
const textArb = fc.option(fc.array(fc.constantFrom(...WORDS), { maxLength: 8 }).map((w) => w.join(' ')), { nil: undefined });
const countArb = fc.option(fc.nat({ max: 100_000 }), { nil: undefined });
const dateArb = fc.date({ min: new Date('2018-01-01'), max: new Date('2027-01-01'), noInvalidDate: true });
const TYPES: InteractionType[] = ['like', 'reply', 'comment', 'share', 'mention', 'dm', 'other'];

const followerArb = fc
  .record({
    handle: fc.constantFrom(...HANDLES),
    bio: textArb,
    headline: textArb,
    company: textArb,
    location: fc.option(fc.constantFrom('Bristol', 'Leeds', 'bristol, UK'), { nil: undefined }),
    name: textArb,
    followers: countArb,
    following: countArb,
    posts: countArb,
    accountCreatedAt: fc.option(dateArb, { nil: undefined }),
    defaultAvatar: fc.option(fc.boolean(), { nil: undefined }),
    dated: fc.array(fc.record({ type: fc.constantFrom(...TYPES), at: dateArb, count: fc.integer({ min: 1, max: 50 }) }), { maxLength: 4 }),
    undated: fc.dictionary(fc.constantFrom(...TYPES), fc.integer({ min: 0, max: 50 }), { maxKeys: 3 }),
    rating: fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined }),
  })
  .map((r): Follower => {
    const f: Follower = {
      key: r.handle.toLowerCase(),
      handle: r.handle,
      engagement: { dated: r.dated, undated: r.undated, ...(r.rating !== undefined ? { rating: r.rating } : {}) },
      source: { file: 'property.csv', line: 2 },
    };
    for (const k of ['bio', 'headline', 'company', 'location', 'name', 'followers', 'following', 'posts', 'accountCreatedAt', 'defaultAvatar'] as const) {
      if (r[k] !== undefined) (f as unknown as Record<string, unknown>)[k] = r[k];
    }
    return f;
  });

/** A deep copy, so a run that mutated its input could not pass the determinism check. */
function clone(f: Follower): Follower {
  return {
    ...f,
    engagement: { ...f.engagement, dated: f.engagement.dated.map((d) => ({ ...d, at: new Date(d.at) })), undated: { ...f.engagement.undated } },
    source: { ...f.source },
  };
}

describe('classification (property-based)', () => {
  it('decide() gives exactly one known segment and rule for every combination of facts', () => {
    const bools = [false, true];
    for (const override of [undefined, ...SEGMENTS])
      for (const suspect of bools)
        for (const spam of bools)
          for (const conflict of bools)
            for (const aligned of bools)
              for (const engaged of bools) {
                const facts: Facts = { override, suspect, spam, conflict, aligned, engaged };
                const d = decide(facts);
                expect(SEGMENTS).toContain(d.segment);
                expect(Object.keys(RULES)).toContain(d.rule);
                expect(decide({ ...facts })).toEqual(d);
              }
  });

  it('classify() is deterministic and total for any follower', () => {
    fc.assert(
      fc.property(followerArb, (f) => {
        const a = classify(clone(f), { values, asOf: AS_OF });
        const b = classify(clone(f), { values, asOf: AS_OF });
        expect(SEGMENTS).toContain(a.segment);
        expect(Object.keys(RULES)).toContain(a.rule);
        expect(b).toEqual(a);
        // A suspect is never an advocate or a potential; a dissenter is always misaligned.
        if (a.flags.includes('suspect') && a.rule !== 'override') expect(a.segment).toBe('misaligned');
        if (a.flags.includes('dissenter')) expect(a.segment).toBe('misaligned');
      }),
      { numRuns: 500 },
    );
  });

  it('through the pipeline every item is classified or skipped exactly once, per file, the same way every run', async () => {
    const itemArb = fc.oneof(
      { weight: 5, arbitrary: followerArb.map((f): SourceItem => ({ kind: 'follower', follower: f, warnings: [] })) },
      { weight: 1, arbitrary: fc.constantFrom<SourceItem>({ kind: 'skip', skip: { code: 'MALFORMED_ROW', file: 'x', line: 1 } }) },
    );
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(itemArb, { maxLength: 25 }), { minLength: 1, maxLength: 3 }), async (files) => {
        const runOnce = async () => {
          const seen: Classified[] = [];
          const sources: AuditSource[] = files.map((items, i) => ({
            file: `file${i}.csv`,
            label: 'test',
            info: { format: 'csv', columns: [], fields: [] },
            items: (async function* () {
              for (const item of items) yield item.kind === 'follower' ? { ...item, follower: clone(item.follower) } : item;
            })(),
          }));
          const report = await runPipeline(sources, { values, asOf: AS_OF, top: 3, version: 'test', onFollower: (c) => void seen.push(c) });
          return { report, seen };
        };
        // A file whose every row was unreadable is an input error (most likely the wrong format), not a report.
        if (files.some((items) => items.length > 0 && items.every((item) => item.kind === 'skip'))) {
          await expect(runOnce()).rejects.toBeInstanceOf(InputError);
          return;
        }
        const { report, seen } = await runOnce();
        const total = files.reduce((n, f) => n + f.length, 0);
        expect(report.totals.rowsRead).toBe(total);
        expect(report.totals.classified + report.totals.skipped).toBe(total);
        expect(seen).toHaveLength(report.totals.classified);
        files.forEach((items, i) => {
          const input = report.inputs[i]!;
          expect(input.rowsRead).toBe(items.length);
          expect(input.classified + input.skipped).toBe(items.length);
        });
        const bySegment = SEGMENTS.map((s) => report.segments[s].count);
        expect(bySegment.reduce((a, b) => a + b, 0)).toBe(report.totals.classified);
        // Each follower key is classified at most once (duplicates and excluded are skipped).
        const keys = seen.map((c) => c.follower.key);
        expect(new Set(keys).size).toBe(keys.length);
        expect(keys).not.toContain('staff');
        expect((await runOnce()).report).toEqual(report);
      }),
      { numRuns: 150 },
    );
  });
});
