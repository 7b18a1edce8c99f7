import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareNatural } from '../../src/text/natural-order.js';

describe('natural order', () => {
  it('sorts numbers inside names by value', () => {
    expect(['fan10', 'fan2', 'fan1', 'fan0', 'fan11', 'fan3'].sort(compareNatural)).toEqual(['fan0', 'fan1', 'fan2', 'fan3', 'fan10', 'fan11']);
    expect(['a9b', 'a10a', 'a9a'].sort(compareNatural)).toEqual(['a9a', 'a9b', 'a10a']);
  });

  it('is total and deterministic: leading zeros tie-break by code unit, never compare equal', () => {
    expect(compareNatural('fan01', 'fan1')).not.toBe(0);
    expect(Math.sign(compareNatural('fan01', 'fan1')) + Math.sign(compareNatural('fan1', 'fan01'))).toBe(0);
    expect(compareNatural('same', 'same')).toBe(0);
  });

  it('is an order: antisymmetric and transitive on any strings', () => {
    const text = fc.string({ unit: fc.constantFrom('a', 'b', '0', '1', '9', '-', 'é', ' '), maxLength: 6 });
    fc.assert(
      fc.property(text, text, text, (a, b, c) => {
        expect(Math.sign(compareNatural(a, b)) + Math.sign(compareNatural(b, a))).toBe(0);
        if (compareNatural(a, b) <= 0 && compareNatural(b, c) <= 0) expect(compareNatural(a, c)).toBeLessThanOrEqual(0);
      }),
      { numRuns: 2000 },
    );
  });
});
