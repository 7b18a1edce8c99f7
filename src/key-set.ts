import { fingerprint, fingerprintLow } from './fingerprint.js';

/**
 * The set of follower keys seen so far, for duplicate detection, in 8 bytes a
 * key: a 64-bit fingerprint (see fingerprint.ts) in an open-addressing table
 * of typed arrays, instead of a Set of strings (about 60–100 bytes a key). A million followers cost 16 MB at most, five million 64 MB.
 *
 * The trade-off: two different keys with the same 64-bit fingerprint would
 * read as duplicates. Among n distinct keys the chance that any pair collides
 * is about n²/2⁶⁵: 3·10⁻⁸ for a million, 7·10⁻⁷ for five million. A real
 * duplicate is never missed (no false negatives).
 */
export class KeySet {
  private hi: Uint32Array;
  private lo: Uint32Array;
  private mask: number;
  private count = 0;

  constructor(initialCapacity = 1 << 12) {
    let cap = 16;
    while (cap < initialCapacity) cap <<= 1;
    this.hi = new Uint32Array(cap);
    this.lo = new Uint32Array(cap);
    this.mask = cap - 1;
  }

  get size(): number {
    return this.count;
  }

  /** Adds the key; false when it was already there. */
  add(key: string): boolean {
    const h1 = fingerprint(key);
    return this.addFingerprint(h1, fingerprintLow);
  }

  /** Adds a fingerprint made by `fingerprint()` (never 0/0); false when it was already there. */
  addFingerprint(h1: number, h2: number): boolean {
    return this.insert(h1, h2);
  }

  private insert(h1: number, h2: number): boolean {
    if ((this.count + 1) * 4 > (this.mask + 1) * 3) this.grow();
    const { hi, lo, mask } = this;
    let slot = (h1 ^ Math.imul(h2, 0x27d4eb2d)) & mask;
    for (;;) {
      const a = hi[slot]!;
      const b = lo[slot]!;
      if (a === 0 && b === 0) {
        hi[slot] = h1;
        lo[slot] = h2;
        this.count++;
        return true;
      }
      if (a === h1 && b === h2) return false;
      slot = (slot + 1) & mask;
    }
  }

  private grow(): void {
    const { hi, lo } = this;
    const cap = (this.mask + 1) * 2;
    this.hi = new Uint32Array(cap);
    this.lo = new Uint32Array(cap);
    this.mask = cap - 1;
    this.count = 0;
    for (let i = 0; i < hi.length; i++) {
      const a = hi[i]!;
      const b = lo[i]!;
      if (a !== 0 || b !== 0) this.insert(a, b);
    }
  }
}
