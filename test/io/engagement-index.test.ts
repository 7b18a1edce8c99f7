import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type EngagementEvidence, emptyEngagement, INTERACTION_TYPES, type InteractionType } from '../../src/follower.js';
import { handleKey } from '../../src/handles.js';
import { EngagementIndex, EngagementIndexBuilder } from '../../src/io/engagement-index.js';
import { interactionType, mergeEngagement, readInteractions } from '../../src/io/interactions.js';
import { openInput } from '../../src/io/open-input.js';
import { parseDate } from '../../src/io/parse-fields.js';
import { tempDir } from '../helpers/temp-dir.js';

const KEYS = ['ann', 'bob', 'maya_reads', 'maya_reads1', 'linkedin.com/in/cara', 'dev', 'é', ''];
const type = fc.constantFrom(...INTERACTION_TYPES);
const at = fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2030, 0, 1) });
const count = fc.oneof(fc.integer({ min: 1, max: 5000 }), fc.double({ min: 0.5, max: 1e6, noNaN: true }));
const evidence: fc.Arbitrary<EngagementEvidence> = fc
  .record({
    dated: fc.array(fc.record({ type, at: at.map((ms) => new Date(ms)), count }), { maxLength: 4 }),
    undated: fc.dictionary(type, count, { maxKeys: 3 }),
    rating: fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined }),
  })
  .map(({ rating, ...e }) => (rating === undefined ? e : { ...e, rating }));
// What a log gives, in file order: single events (as an event log row does) or whole evidence (as a mentions export row does).
const op = fc.oneof(
  fc.record({ kind: fc.constant('event' as const), key: fc.constantFrom(...KEYS), type, count, at: fc.option(at, { nil: undefined }) }),
  fc.record({ kind: fc.constant('evidence' as const), key: fc.constantFrom(...KEYS), evidence }),
);
type Op = typeof op extends fc.Arbitrary<infer T> ? T : never;

/** The Map of evidence objects the index replaces, built the way the reader used to. */
function reference(ops: Op[]): Map<string, EngagementEvidence> {
  const map = new Map<string, EngagementEvidence>();
  for (const o of ops) {
    let e = map.get(o.key);
    if (o.kind === 'evidence') {
      if (e) mergeEngagement(e, o.evidence);
      else map.set(o.key, structuredClone(o.evidence));
      continue;
    }
    if (!e) {
      e = emptyEngagement();
      map.set(o.key, e);
    }
    if (o.at !== undefined) e.dated.push({ type: o.type, at: new Date(o.at), count: o.count });
    else e.undated[o.type] = (e.undated[o.type] ?? 0) + o.count;
  }
  return map;
}

function build(ops: Op[]): EngagementIndex {
  const builder = new EngagementIndexBuilder();
  for (const o of ops) {
    if (o.kind === 'evidence') builder.addEvidence(o.key, o.evidence);
    else builder.add(builder.slotOf(o.key), o.type, o.count, o.at);
  }
  return builder.finish();
}

/** Same evidence, including the order of dated events and of undated types (it shows in reasons and records). */
function expectSameEvidence(index: EngagementIndex, expected: Map<string, EngagementEvidence>): void {
  expect(index.size).toBe(expected.size);
  for (const key of KEYS) {
    const want = expected.get(key);
    const slot = index.lookup(key);
    if (!want) {
      expect(slot).toBe(-1);
      continue;
    }
    const got = index.evidence(slot);
    expect(got).toEqual(want);
    expect(Object.keys(got.undated)).toEqual(Object.keys(want.undated));
    expect('rating' in got).toBe(want.rating !== undefined);
  }
}

describe('EngagementIndex (an interactions log in typed arrays)', () => {
  it('gives back exactly the evidence a Map of evidence objects held', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), (ops) => {
        expectSameEvidence(build(ops), reference(ops));
      }),
    );
  });

  it('hands out fresh evidence: merging into it leaves the index as it was', () => {
    const index = EngagementIndex.fromEntries([['ann', { dated: [{ type: 'reply', at: new Date(Date.UTC(2026, 9, 1)), count: 2 }], undated: { like: 3 } }]]);
    const first = index.evidence(index.lookup('ann'));
    mergeEngagement(first, first);
    expect(index.evidence(index.lookup('ann'))).toEqual({ dated: [{ type: 'reply', at: new Date(Date.UTC(2026, 9, 1)), count: 2 }], undated: { like: 3 } });
  });

  it('survives a structured clone (a copy for a worker thread), matched flags included', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), fc.array(fc.constantFrom(...KEYS)), fc.array(fc.constantFrom(...KEYS)), (ops, metHere, metThere) => {
        const index = build(ops);
        const copy = EngagementIndex.fromData(structuredClone(index.toData()));
        expectSameEvidence(copy, reference(ops));
        for (const key of metHere) if (index.lookup(key) >= 0) index.markMatched(index.lookup(key));
        for (const key of metThere) if (copy.lookup(key) >= 0) copy.markMatched(copy.lookup(key));
        index.mergeMatched(structuredClone(copy.matchedFlags()));
        const met = new Set([...metHere, ...metThere].filter((k) => reference(ops).has(k)));
        expect(index.matchedCount()).toBe(met.size);
        index.clearMatched();
        expect(index.matchedCount()).toBe(0);
      }),
    );
  });

  it('keeps a hundred thousand similar handles apart, through growth', () => {
    const builder = new EngagementIndexBuilder();
    for (let i = 0; i < 100_000; i++) builder.add(builder.slotOf(`maya_reads${i}`), 'like', i + 1, undefined);
    const index = builder.finish();
    expect(index.size).toBe(100_000);
    const wrong = [];
    for (let i = 0; i < 100_000; i += 37) if (index.evidence(index.lookup(`maya_reads${i}`)).undated.like !== i + 1) wrong.push(i);
    expect([wrong, index.lookup('maya_reads100000')]).toEqual([[], -1]);
  });

  it('refuses matched flags from an index of another size', () => {
    const index = EngagementIndex.fromEntries([['ann', emptyEngagement()]]);
    expect(() => index.mergeMatched(new Uint8Array(2))).toThrow(RangeError);
  });
});

describe('readInteractions into the index', () => {
  const handle = fc.constantFrom('@Ann', 'ann', 'https://x.com/ann/', '@bob', 'Maya_Reads', '@maya_reads', '', '  ');
  const word = fc.constantFrom('like', 'Liked', 'reply', 'RT', 'comment', 'dm', 'wave', '');
  const date = fc.constantFrom('2026-10-01', '2026-10-30', '10/02/2026', '', 'soon');
  const row = fc.record({ handle, word, date });

  it('reads an event log the way the Map-based reader did: each row one event, skips counted, handles of skipped dates kept', async () => {
    const dir = tempDir();
    await fc.assert(
      fc.asyncProperty(fc.array(row, { maxLength: 40 }), async (rows) => {
        const file = join(dir, 'interactions.csv');
        writeFileSync(file, `handle,type,date\n${rows.map((r) => `${r.handle},${r.word},${r.date}`).join('\n')}\n`);
        const log = await readInteractions(await openInput(file));
        const expected = new Map<string, EngagementEvidence>();
        let skipped = 0;
        for (const r of rows) {
          const key = handleKey(r.handle);
          if (!key) {
            skipped++;
            continue;
          }
          let e = expected.get(key);
          if (!e) {
            e = emptyEngagement();
            expected.set(key, e);
          }
          const when = r.date ? parseDate(r.date, 'mdy') : undefined;
          if (when === null) {
            skipped++;
            continue;
          }
          const t: InteractionType = r.word ? interactionType(r.word) : 'other';
          if (when) e.dated.push({ type: t, at: when, count: 1 });
          else e.undated[t] = (e.undated[t] ?? 0) + 1;
        }
        expect([log.rowsRead, log.skippedCount]).toEqual([rows.length, skipped]);
        expect(log.index.size).toBe(expected.size);
        for (const [key, e] of expected) expect(log.index.evidence(log.index.lookup(key))).toEqual(e);
      }),
      { numRuns: 40 },
    );
  });
});
