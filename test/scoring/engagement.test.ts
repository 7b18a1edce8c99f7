import { describe, expect, it } from 'vitest';
import { scoreEngagement } from '../../src/scoring/engagement.js';
import { AS_OF, daysAgo, values } from '../helpers/values.js';

const { scoring } = values();

describe('engagement', () => {
  it('weights interactions by type inside the window', () => {
    const e = scoreEngagement({ dated: [{ type: 'like', at: daysAgo(1), count: 1 }, { type: 'share', at: daysAgo(89), count: 1 }], undated: {} }, scoring, AS_OF);
    expect(e.score).toBe(1 + 3);
    expect(e.engaged).toBe(true);
  });

  it('does not count stale interactions', () => {
    const e = scoreEngagement({ dated: [{ type: 'reply', at: daysAgo(91), count: 4 }], undated: {} }, scoring, AS_OF);
    expect(e.score).toBe(0);
    expect(e.stale).toBe(4);
    expect(e.engaged).toBe(false);
  });

  it('counts an interaction on the --as-of day and ignores later ones', () => {
    const later = new Date(AS_OF.getTime() + 2 * 86_400_000);
    const e = scoreEngagement({ dated: [{ type: 'reply', at: new Date(AS_OF.getTime() + 3_600_000), count: 1 }, { type: 'reply', at: later, count: 1 }], undated: {} }, scoring, AS_OF);
    expect(e.score).toBe(2);
    expect(e.future).toBe(1);
  });

  it('takes undated counts at face value', () => {
    const e = scoreEngagement({ dated: [], undated: { comment: 2 } }, scoring, AS_OF);
    expect(e.score).toBe(4);
    expect(e.undated).toBe(2);
  });

  it('turns a 1–5 rating into points', () => {
    expect(scoreEngagement({ dated: [], undated: {}, rating: 5 }, scoring, AS_OF).engaged).toBe(true);
    expect(scoreEngagement({ dated: [], undated: {}, rating: 2 }, scoring, AS_OF).score).toBe(0);
  });

  it('knows when there is no evidence at all', () => {
    expect(scoreEngagement({ dated: [], undated: {} }, scoring, AS_OF).hasEvidence).toBe(false);
  });
});
