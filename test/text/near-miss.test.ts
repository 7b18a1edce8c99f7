import { describe, expect, it } from 'vitest';
import { nearMissFinder, nearMisses } from '../../src/text/near-miss.js';

describe('nearMisses', () => {
  it('ignores case, underscores, dashes, spaces and a leading @', () => {
    expect(nearMisses('red_flags', ['values', 'redFlags', 'brand'])).toEqual(['redFlags']);
    expect(nearMisses('IdealCustomer', ['idealCustomer'])).toEqual(['idealCustomer']);
    expect(nearMisses('@Maya-Reads', ['maya_reads'])).toEqual(['maya_reads']);
  });

  it('allows about one edit per three characters, and prefixes of three or more', () => {
    expect(nearMisses('value', ['values', 'brand'])).toEqual(['values']);
    expect(nearMisses('valuse', ['values', 'interactions'])).toEqual(['values']);
    expect(nearMisses('x', ['brand', 'values'])).toEqual([]);
    expect(nearMisses('colour', ['name', 'weight', 'terms'])).toEqual([]);
    expect(nearMisses('fern', ['fernleaf_books', 'fern', 'oak'])).toEqual(['fern', 'fernleaf_books']);
  });

  it('keeps the nearest few while candidates stream past', () => {
    const finder = nearMissFinder('jonas_shah', 2);
    for (const c of ['jonas_shaw', 'jonas_shah1', 'maya', 'jonas_shah', 'jona_shah', 'jonas_shah']) finder.offer(c);
    expect(finder.best()).toEqual(['jonas_shah', 'jonas_shaw']);
  });
});
