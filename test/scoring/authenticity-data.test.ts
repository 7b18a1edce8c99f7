import { describe, expect, it } from 'vitest';
import { dataAvailable, evaluateThroughCli, metrics, SETS } from '../../scripts/authenticity-eval.mjs';

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
  it('reaches MCC >= 0.93 with at most 1% of real people flagged', () => {
    const { metrics: m, records, unmatched, report } = evaluateThroughCli();
    expect(records).toBe(2252);
    expect(unmatched).toBe(0);
    expect(m.mcc).toBeGreaterThanOrEqual(0.93);
    expect(m.humansFlagged).toBeLessThanOrEqual(0.01);
    // The report counts the same suspects the records carry.
    expect(report.authenticity.suspects).toBe(m.tp + m.fp);
    expect(report.segments.misaligned.suspects).toBe(m.tp + m.fp);
  });
});

// The newer sets (../shared/data/bots-dev/): the model never saw them. Flagging a
// real person is worse than missing a bot, so the guard is on the people.
describe('authenticity on the newer labelled sets, through the CLI', () => {
  for (const set of SETS.filter((s) => s.id !== 'cresci-2015')) {
    it.skipIf(!dataAvailable(set.file))(`${set.id}: at most 1% of its real people flagged, every row judged`, { timeout: 60_000 }, () => {
      const { metrics: m, records, unmatched, labelled, checked, report } = evaluateThroughCli({ file: set.file, asOf: set.asOf });
      expect(unmatched).toBe(0);
      expect(records).toBe(labelled);
      expect(checked).toBe(records);
      expect(m.fp).toBeLessThanOrEqual(Math.floor(0.01 * (m.fp + m.tn)));
      expect(report.authenticity.suspects).toBe(m.tp + m.fp);
      if (set.id === 'vendor-2019') expect(m.recall).toBeGreaterThanOrEqual(0.4);
    });
  }
});
