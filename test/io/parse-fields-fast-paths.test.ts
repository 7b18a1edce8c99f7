import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isPlaceholder, parseCount, parseDate } from '../../src/io/parse-fields.js';

describe('cell parsers (fast paths agree with the general rules)', () => {
  it('reads YYYY-MM-DD as UTC midnight, and refuses impossible days', () => {
    expect(parseDate('2026-07-04')?.toISOString()).toBe('2026-07-04T00:00:00.000Z');
    expect(parseDate('2024-02-29')?.toISOString()).toBe('2024-02-29T00:00:00.000Z');
    expect(parseDate('2023-02-29')).toBeNull();
    expect(parseDate('2023-13-01')).toBeNull();
    expect(parseDate('2023-00-10')).toBeNull();
  });

  it('gives any YYYY-MM-DD the date JavaScript gives its ISO form', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1000, max: 9999 }), fc.integer({ min: 0, max: 14 }), fc.integer({ min: 0, max: 33 }), (y, m, d) => {
        const s = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
        const reference = new Date(`${s}T00:00:00Z`);
        const got = parseDate(s);
        if (Number.isNaN(reference.getTime()) || reference.getUTCDate() !== d) expect(got).toBeNull();
        else expect(got?.getTime()).toBe(reference.getTime());
      }),
    );
  });

  it('reads plain, grouped and suffixed counts; placeholders are unknown', () => {
    expect(parseCount('12345')).toBe(12345);
    expect(parseCount(' 0042 ')).toBe(42);
    expect(parseCount('12,345')).toBe(12345);
    expect(parseCount('1.2K')).toBe(1200);
    expect(parseCount('n/a')).toBeUndefined();
    expect(parseCount('-')).toBeUndefined();
    expect(parseCount('12abc')).toBeNull();
    expect(isPlaceholder(' N/A ')).toBe(true);
    expect(isPlaceholder('2024')).toBe(false);
  });
});
