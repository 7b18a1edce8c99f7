import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fingerprint, fingerprintLow } from '../src/fingerprint.js';
import { KeySet } from '../src/key-set.js';

/** Keys from a small alphabet: many repeats, near and far apart. */
const keyStream = fc.array(fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'd', 'é'), maxLength: 5 }), { maxLength: 800 });

describe('KeySet (duplicate detection)', () => {
  it('says whether a key is new, like a Set, through growth', () => {
    fc.assert(
      fc.property(keyStream, (keys) => {
        const set = new KeySet();
        const reference = new Set<string>();
        for (const k of keys) {
          expect(set.add(k)).toBe(!reference.has(k));
          reference.add(k);
        }
        expect(set.size).toBe(reference.size);
      }),
    );
  });

  it('tells apart three hundred thousand similar handles, in another order the second time', () => {
    const set = new KeySet();
    const n = 300_000;
    let added = 0;
    for (let i = 0; i < n; i++) if (set.add(`maya_reads${i}`)) added++;
    let again = 0;
    for (let i = 0; i < n; i += 997) if (set.add(`maya_reads${(i * 7919) % n}`)) again++;
    expect([added, again, set.size]).toEqual([n, 0, n]);
  });

  it('takes fingerprints made elsewhere (worker threads) and keys alike', () => {
    const set = new KeySet();
    for (let i = 0; i < 500; i++) {
      const h1 = fingerprint(`@fern${i}`);
      expect(set.addFingerprint(h1, fingerprintLow)).toBe(true);
    }
    for (let i = 0; i < 500; i++) expect(set.add(`@fern${i}`)).toBe(false);
    expect(set.add('@fern500')).toBe(true);
  });
});
