import { describe, expect, it } from 'vitest';
import { evaluateGates, parseShare } from '../src/gates.js';
import type { Report } from '../src/report/model.js';

function reportWith(score: number, advocate: number, misaligned: number): Report {
  return {
    quality: { score },
    segments: { advocate: { share: advocate }, misaligned: { share: misaligned } },
  } as unknown as Report;
}

describe('parseShare', () => {
  it('reads percentages and fractions alike', () => {
    expect(parseShare('5%')).toEqual({ share: 0.05 });
    expect(parseShare('12.5 %')).toEqual({ share: 0.125 });
    expect(parseShare('0.05')).toEqual({ share: 0.05 });
    expect(parseShare(0.2)).toEqual({ share: 0.2 });
    expect(parseShare('1')).toEqual({ share: 1 });
  });

  it('refuses what it would have to guess', () => {
    expect(parseShare('5')).toHaveProperty('error', expect.stringContaining('ambiguous'));
    expect(parseShare('120%')).toHaveProperty('error', expect.stringContaining('more than 100%'));
    expect(parseShare('five')).toHaveProperty('error');
    expect(parseShare('-0.1')).toHaveProperty('error');
  });
});

describe('evaluateGates', () => {
  it('passes when every threshold is met, including on the boundary', () => {
    const results = evaluateGates(reportWith(40, 0.05, 0.2), { failUnder: 40, minAdvocateShare: 0.05, maxMisalignedShare: 0.2 });
    expect(results.map((r) => r.passed)).toEqual([true, true, true]);
  });

  it('says which gate failed and by how much', () => {
    const results = evaluateGates(reportWith(38, 0.032, 0.305), { failUnder: 40, minAdvocateShare: 0.05, maxMisalignedShare: 0.2 });
    expect(results.every((r) => !r.passed)).toBe(true);
    expect(results[0]!.message).toBe('quality score 38 is below --fail-under 40 (short by 2)');
    expect(results[1]!.message).toBe('advocate share 3.2% is below --min-advocate-share 5% (short by 1.8 percentage points)');
    expect(results[2]!.message).toBe('misaligned share 30.5% is above --max-misaligned-share 20% (over by 10.5 percentage points)');
  });

  it('evaluates only the gates that are set, and can name them as manifest keys', () => {
    const results = evaluateGates(reportWith(10, 0, 0), { minAdvocateShare: 0.01 }, (g) => `gates.${g}`);
    expect(results).toHaveLength(1);
    expect(results[0]!.message).toContain('gates.minAdvocateShare 1%');
  });
});
