import { describe, expect, it } from 'vitest';
import { parseCount } from '../../src/io/parse-fields.js';

describe('parseCount', () => {
  it('reads thousands grouping in either convention as a whole number', () => {
    expect(parseCount('1.234')).toBe(1234);
    expect(parseCount('12.345.678')).toBe(12345678);
    expect(parseCount('12,345')).toBe(12345);
    expect(parseCount('12 345')).toBe(12345);
  });

  it('reads suffixed, plain and empty cells', () => {
    expect(parseCount('1.2K')).toBe(1200);
    expect(parseCount('1,5K')).toBe(1500);
    expect(parseCount('3M')).toBe(3_000_000);
    expect(parseCount('42')).toBe(42);
    expect(parseCount('1.5')).toBe(2);
    expect(parseCount('')).toBeUndefined();
    expect(parseCount('n/a')).toBeUndefined();
    expect(parseCount('lots')).toBeNull();
  });
});
