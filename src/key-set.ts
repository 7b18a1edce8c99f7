import { fingerprint, fingerprintLow } from './fingerprint.js';

const INITIAL_SLOTS = 1 << 12;

/**
 * The set of follower keys seen so far, for duplicate detection. Each key is
 * kept as a 64-bit fingerprint (see fingerprint.ts), 8 bytes instead of the
 * 60–100 of a string in a Set, in an open-addressing table that doubles when
 * three quarters full: 16 bytes a key at worst, about 80 MB for five million
 * handles. (An earlier version spilled the table to sorted runs on disk past
 * 2 MB; the temporary folders it needed outlived `kill -9`, and 80 MB at five
 * million followers is less than one worker thread's heap, so it was
 * dropped.) The API is synchronous so the per-row loop needs no await.
 *
 * The trade-off: two different keys with the same 64-bit fingerprint would
 * read as duplicates. Among n distinct keys the chance that any pair collides
 * is about n²/2⁶⁵: 3·10⁻⁸ for a million, 7·10⁻⁷ for five million. A real
 * duplicate is never missed (no false negatives).
 */
export class KeySet {
  /** Interleaved halves: low half at 2·slot, high half at 2·slot+1. */
  private slots = new Uint32Array(INITIAL_SLOTS * 2);
  private mask = INITIAL_SLOTS - 1;
  private count = 0;

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
    h1 >>>= 0;
    h2 >>>= 0;
    const { slots, mask } = this;
    let slot = (h1 ^ Math.imul(h2, 0x27d4eb2d)) & mask;
    for (;;) {
      const lo = slots[2 * slot]!;
      const hi = slots[2 * slot + 1]!;
      if (lo === 0 && hi === 0) break;
      if (hi === h1 && lo === h2) return false;
      slot = (slot + 1) & mask;
    }
    slots[2 * slot] = h2;
    slots[2 * slot + 1] = h1;
    this.count++;
    if (this.count * 4 >= (mask + 1) * 3) this.grow();
    return true;
  }

  private grow(): void {
    const old = this.slots;
    const cap = (this.mask + 1) * 2;
    this.slots = new Uint32Array(cap * 2);
    this.mask = cap - 1;
    const { slots, mask } = this;
    for (let i = 0; i < old.length; i += 2) {
      const lo = old[i]!;
      const hi = old[i + 1]!;
      if (lo === 0 && hi === 0) continue;
      let slot = (hi ^ Math.imul(lo, 0x27d4eb2d)) & mask;
      while (slots[2 * slot] !== 0 || slots[2 * slot + 1] !== 0) slot = (slot + 1) & mask;
      slots[2 * slot] = lo;
      slots[2 * slot + 1] = hi;
    }
  }
}
