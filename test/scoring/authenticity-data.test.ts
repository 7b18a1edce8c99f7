import { describe, expect, it } from 'vitest';
import { dataAvailable, evaluateThroughCli, metrics } from '../../scripts/authenticity-eval.mjs';

describe('authenticity metrics', () => {
  it('computes precision, recall, MCC and the share of humans flagged', () => {
    const m = metrics([
      [true, true],
      [true, true],
      [true, false],
      [false, false],
      [false, false],
      [false, true],
    ]);
    expect(m).toMatchObject({ tp: 2, fn: 1, tn: 2, fp: 1 });
    expect(m.precision).toBeCloseTo(2 / 3);
    expect(m.recall).toBeCloseTo(2 / 3);
    expect(m.humansFlagged).toBeCloseTo(1 / 3);
    expect(m.mcc).toBeCloseTo((2 * 2 - 1 * 1) / 9);
  });
});

// The labelled data sits beside the repository (../shared/data/), never in it.
describe.skipIf(!dataAvailable())('authenticity on the Cresci 2015 development data, through the CLI', () => {
  it('reaches MCC >= 0.90 with at most 3% of real people flagged', () => {
    const { metrics: m, records, unmatched, report } = evaluateThroughCli();
    expect(records).toBe(2252);
    expect(unmatched).toBe(0);
    expect(m.mcc).toBeGreaterThanOrEqual(0.9);
    expect(m.humansFlagged).toBeLessThanOrEqual(0.03);
    // The report counts the same suspects the records carry.
    expect(report.authenticity.suspects).toBe(m.tp + m.fp);
    expect(report.segments.misaligned.suspects).toBe(m.tp + m.fp);
  });
});
