import { describe, expect, it } from 'vitest';
import { classify } from '../../src/classify.js';
import { createAggregator, groupThinkOf } from '../../src/report/aggregate.js';
import { AS_OF, daysAgo, follower, values } from '../helpers/values.js';

const cv = values();
const engaged = { dated: [{ type: 'reply' as const, at: daysAgo(2), count: 2 }], undated: {} };

function reportOf(specs: { bio?: string; engaged?: boolean }[], top = 10) {
  const agg = createAggregator({ values: cv, asOf: AS_OF, top, version: 't' });
  agg.startInput({ file: 'f', label: 'test', info: { format: 'csv', columns: [], fields: ['handle', 'bio', 'replies'] } });
  specs.forEach((s, i) => {
    agg.add(classify(follower({ handle: `h${i}`, ...(s.bio ? { bio: s.bio } : {}), ...(s.engaged ? { engagement: engaged } : {}) }), { values: cv, asOf: AS_OF }));
  });
  return agg.finish();
}

describe('report aggregation', () => {
  it('computes the quality score from shares, not from size', () => {
    const small = reportOf([{ bio: 'reader', engaged: true }, { bio: 'reader' }, {}, {}]);
    const big = reportOf(Array.from({ length: 10 }, () => [{ bio: 'reader', engaged: true }, { bio: 'reader' }, {}, {}]).flat());
    // effective = 1 + 0.5 × 1 = 1.5 of 4 → 0.375 / 0.5 = 0.75, no misaligned → 75
    expect(small.quality.score).toBe(75);
    expect(big.quality.score).toBe(small.quality.score);
    expect(small.quality.effectiveCommunity).toBe(1.5);
  });

  it('lowers the score with the misaligned share', () => {
    const r = reportOf([{ bio: 'reader', engaged: true }, { bio: 'free pdf here' }]);
    // effective 1 of 2 → 0.5 / 0.5 = 1, × (1 − 0.5) → 50
    expect(r.quality.score).toBe(50);
  });

  it('keeps each action list bounded by --top, best first', () => {
    const r = reportOf(Array.from({ length: 30 }, (_, i) => ({ bio: i % 2 ? 'reader #ShopIndie' : 'reader', engaged: true })), 3);
    expect(r.lists.advocates).toHaveLength(3);
    expect(r.segments.advocate.count).toBe(30);
  });

  it('does not count engaged followers without a values signal as community', () => {
    const r = reportOf([{ bio: 'reader', engaged: true }, { bio: 'hello', engaged: true }, { bio: 'hello', engaged: true }, { bio: 'hello', engaged: true }]);
    expect(r.segments.potential.qualify).toBe(3);
    // effective = 1 advocate only: 0.25 / 0.5 → 50 (counting the three to qualify at 0.5 would give 100)
    expect(r.quality.effectiveCommunity).toBe(1);
    expect(r.quality.score).toBe(50);
  });

  it('calls the score not measurable when no follower has profile text, and judges no group-think', () => {
    const r = reportOf(Array.from({ length: 50 }, () => ({ engaged: true })));
    expect(r.quality.score).toBeNull();
    expect(r.quality.notMeasurable).toEqual({ code: 'NO_PROFILE_TEXT', reason: 'no profile text' });
    expect(r.groupThink.risk).toBe('unknown');
    expect(r.groupThink.notMeasurable).toBe('no profile text');
    expect(r.findings.map((f) => f.code)).not.toContain('NO_DISSENT');
  });

  it('calls the score not measurable below the profile-text bar, and measures it at the bar', () => {
    const below = reportOf([{ bio: 'reader', engaged: true }, { engaged: true }, { engaged: true }]);
    expect(below.quality.score).toBeNull();
    expect(below.quality.notMeasurable?.code).toBe('LITTLE_PROFILE_TEXT');
    expect(below.findings.map((f) => f.code)).toContain('LITTLE_PROFILE_TEXT');
    const at = reportOf([{ bio: 'reader', engaged: true }, { engaged: true }]);
    expect(at.quality.score).not.toBeNull();
    expect(at.quality.profileTextShare).toBe(0.5);
  });

  it('gives exclusive misaligned parts: a dissenter is not also a quiet conflict', () => {
    const r = reportOf([{ bio: 'free pdf here', engaged: true }, { bio: 'free pdf here' }, { bio: 'follow back f4f' }, { bio: 'reader' }]);
    const m = r.segments.misaligned;
    expect(m).toMatchObject({ count: 3, dissenters: 1, quietConflicts: 1, spam: 1, suspects: 0, overridden: 0 });
    expect(m.dissenters + m.quietConflicts + m.spam + m.suspects + m.overridden).toBe(m.count);
  });

  it('calls out values nobody expresses', () => {
    const r = reportOf([{ bio: 'reader' }]);
    expect(r.unexpressedValues).toEqual(['indie']);
  });
});

describe('group-think', () => {
  it('is high when one value dominates and nobody dissents', () => {
    const g = groupThinkOf([9, 1], 10, ['a', 'b'], 0, 5, true);
    expect(g.risk).toBe('high');
    expect(g.dominantValue).toBe('a');
    expect(g.dominantShare).toBe(0.9);
    expect(g.diversity).toBeCloseTo(0.469, 2);
  });

  it('is low with spread values and some dissent', () => {
    expect(groupThinkOf([5, 5], 10, ['a', 'b'], 1, 5, true)).toMatchObject({ risk: 'low', diversity: 1 });
  });

  it('does not call one value dominant when everyone holds every value (an even spread)', () => {
    const g = groupThinkOf([10, 10, 10], 10, ['a', 'b', 'c'], 0, 5, true);
    expect(g.dominantShare).toBe(1);
    expect(g.diversity).toBeCloseTo(1, 10);
    expect(g.oneValue).toBe(false);
  });

  it('gives no verdict when values cannot be seen', () => {
    const g = groupThinkOf([0, 0], 0, ['a', 'b'], 0, 50, true, false);
    expect(g.risk).toBe('unknown');
    expect(g.noDissent).toBe(false);
  });

  it('does not judge dissent without engagement data', () => {
    expect(groupThinkOf([5, 5], 10, ['a', 'b'], 0, 0, false).noDissent).toBe(false);
  });
});
