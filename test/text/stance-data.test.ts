import { describe, expect, it } from 'vitest';
import { formatStanceMetrics, predict, stanceMetrics } from '../../scripts/stance-eval.mjs';

// Our own labelled bios and posts (test/fixtures/stance/README.md), audited
// through the built CLI. Floors sit below the figures measured when the
// stance rules were written (F 0.78; before them 0.57), so a change that
// loses ground fails here.
describe('stance on our labelled bios and posts', () => {
  const m = stanceMetrics(predict());

  it('reads FAVOR and AGAINST well (mean F1)', () => {
    expect(m.items).toBeGreaterThanOrEqual(300);
    expect(m.f, formatStanceMetrics(m)).toBeGreaterThanOrEqual(0.74);
  });

  it('keeps conflict precise: almost no supporter or neutral person read as an opponent', () => {
    expect(m.per.AGAINST.precision, formatStanceMetrics(m)).toBeGreaterThanOrEqual(0.9);
    expect(m.supportersReadAsAgainst, formatStanceMetrics(m)).toBeLessThanOrEqual(2);
    expect(m.neutralReadAsAgainst, formatStanceMetrics(m)).toBeLessThanOrEqual(3);
  });
});
