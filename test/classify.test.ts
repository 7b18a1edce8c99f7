import { describe, expect, it } from 'vitest';
import { classify } from '../src/classify.js';
import { decide, type Facts } from '../src/decision-table.js';
import { AS_OF, daysAgo, follower, values } from './helpers/values.js';

const none: Facts = { suspect: false, spam: false, conflict: false, aligned: false, engaged: false };

describe('decision table', () => {
  it.each<[string, Partial<Facts>, string, string]>([
    ['override beats everything', { override: 'advocate', suspect: true, conflict: true }, 'advocate', 'override'],
    ['suspect is misaligned even when aligned and engaged', { suspect: true, aligned: true, engaged: true }, 'misaligned', 'suspect'],
    ['spam is misaligned', { spam: true, aligned: true, engaged: true }, 'misaligned', 'spam'],
    ['conflict is misaligned', { conflict: true, aligned: true, engaged: true }, 'misaligned', 'conflict'],
    ['aligned and engaged is an advocate', { aligned: true, engaged: true }, 'advocate', 'aligned-engaged'],
    ['aligned but quiet is potential', { aligned: true }, 'potential', 'aligned-quiet'],
    ['engaged without values is potential', { engaged: true }, 'potential', 'engaged-unaligned'],
    ['neither is passive', {}, 'passive', 'no-signal'],
  ])('%s', (_, facts, segment, rule) => {
    expect(decide({ ...none, ...facts })).toEqual({ segment, rule });
  });
});

describe('classify', () => {
  const cv = values();
  const recent = (n: number, type: 'like' | 'reply' = 'reply') => ({ dated: [{ type, at: daysAgo(5), count: n }], undated: {} });

  it('makes an aligned, recently engaged follower an advocate to thank', () => {
    const c = classify(follower({ bio: 'bookworm and #ShopIndie fan', engagement: recent(1) }), { values: cv, asOf: AS_OF });
    expect(c.segment).toBe('advocate');
    expect(c.action).toBe('thank');
    expect(c.alignment.values.map((v) => v.name)).toEqual(['reading', 'indie']);
  });

  it('splits potential into nurture (aligned) and qualify (engaged)', () => {
    expect(classify(follower({ bio: 'a reader' }), { values: cv, asOf: AS_OF }).action).toBe('nurture');
    expect(classify(follower({ bio: 'runner', engagement: recent(2) }), { values: cv, asOf: AS_OF }).action).toBe('qualify');
  });

  it('flags an engaged follower in conflict as a dissenter to hear', () => {
    const c = classify(follower({ bio: 'I hate book clubs', engagement: recent(3) }), { values: cv, asOf: AS_OF });
    expect(c.segment).toBe('misaligned');
    expect(c.flags).toContain('dissenter');
    expect(c.action).toBe('hear');
  });

  it('never makes spam a dissenter, however engaged', () => {
    const c = classify(follower({ bio: 'follow back! reader', engagement: recent(5) }), { values: cv, asOf: AS_OF });
    expect(c.rule).toBe('spam');
    expect(c.flags).toContain('spam');
    expect(c.flags).not.toContain('dissenter');
    expect(c.action).toBe('review');
  });

  it('marks a follower with nothing to go on as passive with no evidence, never misaligned', () => {
    const c = classify(follower({}), { values: cv, asOf: AS_OF });
    expect(c.segment).toBe('passive');
    expect(c.flags).toContain('no-evidence');
  });

  it('flags ideal-customer fit', () => {
    const c = classify(follower({ bio: 'teacher', location: 'Bristol' }), { values: cv, asOf: AS_OF });
    expect(c.flags).toContain('ideal-fit');
  });

  it('applies overrides.segment by handle, whatever the handle form', () => {
    const cvo = values({ overrides: { segment: { '@Known_Customer': 'advocate' } } });
    const c = classify(follower({ handle: 'known_customer' }), { values: cvo, asOf: AS_OF });
    expect(c.segment).toBe('advocate');
    expect(c.rule).toBe('override');
    expect(c.flags).toContain('override');
  });

  it('does not make an advocate out of stale engagement', () => {
    const stale = { dated: [{ type: 'reply' as const, at: daysAgo(200), count: 10 }], undated: {} };
    const c = classify(follower({ bio: 'bookworm', engagement: stale }), { values: cv, asOf: AS_OF });
    expect(c.segment).toBe('potential');
    expect(c.engagement.stale).toBe(10);
  });
});
