import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KeySet } from '../src/key-set.js';

describe('KeySet (duplicate detection)', () => {
  it('says whether a key is new, like a Set, through growth', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 6 }), { maxLength: 400 }), (keys) => {
        const set = new KeySet(1);
        const reference = new Set<string>();
        for (const k of keys) {
          expect(set.add(k)).toBe(!reference.has(k));
          reference.add(k);
        }
        expect(set.size).toBe(reference.size);
      }),
    );
  });

  it('tells apart a hundred thousand similar handles', () => {
    const set = new KeySet();
    let added = 0;
    for (let i = 0; i < 100_000; i++) if (set.add(`maya_reads${i}`)) added++;
    let again = 0;
    for (let i = 0; i < 100_000; i += 997) if (set.add(`maya_reads${i}`)) again++;
    expect([added, again, set.size]).toEqual([100_000, 0, 100_000]);
  });
});
