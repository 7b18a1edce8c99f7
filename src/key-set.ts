import { tmpdir } from 'node:os';
import { InputError } from './errors.js';
import { fingerprint, fingerprintLow } from './fingerprint.js';
import { canSpill, SortedRuns } from './key-runs.js';

export interface KeySetOptions {
  /**
   * Slots of the in-memory table at most (a power of two, 8 bytes each); when
   * three quarters are taken, the fingerprints are sorted and written to a
   * temporary file (see key-runs.ts). The default, 2¹⁸, holds 196,608
   * fingerprints in 2 MB: the table a 100k-row export needs anyway, so
   * larger exports add only the runs' Bloom filters (1.25 bytes a key).
   */
  maxSlots?: number;
  /** Fingerprints per block of a spilled run (one read per lookup that reaches the disk). */
  indexEvery?: number;
}

const DEFAULT_MAX_SLOTS = 1 << 18;
const INITIAL_SLOTS = 1 << 12;

/**
 * The set of follower keys seen so far, for duplicate detection. Each key is
 * kept as a 64-bit fingerprint (see fingerprint.ts), 8 bytes instead of the
 * 60–100 of a string in a Set, in an open-addressing table that grows up to a
 * fixed size (2 MB by default) and is then spilled to disk as a sorted run
 * (key-runs.ts): memory stays flat however large the export, while a small
 * export never touches the disk. The API is synchronous so the per-row loop
 * needs no await. Call `close()` when done: it deletes the temporary files
 * (they are also deleted on exit and on Ctrl-C / SIGTERM).
 *
 * The trade-off: two different keys with the same 64-bit fingerprint would
 * read as duplicates. Among n distinct keys the chance that any pair collides
 * is about n²/2⁶⁵: 3·10⁻⁸ for a million, 7·10⁻⁷ for five million. Spilling
 * changes nothing there (Bloom-filter hits are confirmed against the stored
 * fingerprint). A real duplicate is never missed (no false negatives).
 */
export class KeySet {
  /** Interleaved halves: low half at 2·slot, high half at 2·slot+1 (the layout of a sorted run, see key-runs.ts). */
  private slots: Uint32Array;
  private mask: number;
  private inTable = 0;
  private onDisk = 0;
  private readonly maxSlots: number;
  private readonly runs: SortedRuns;

  constructor(options: KeySetOptions = {}) {
    let max = 16;
    while (max < (options.maxSlots ?? DEFAULT_MAX_SLOTS)) max <<= 1;
    this.maxSlots = canSpill ? max : Number.POSITIVE_INFINITY;
    const cap = Math.min(INITIAL_SLOTS, max);
    this.slots = new Uint32Array(cap * 2);
    this.mask = cap - 1;
    this.runs = new SortedRuns({ indexEvery: options.indexEvery });
  }

  get size(): number {
    return this.inTable + this.onDisk;
  }

  /** The private temporary folder of spilled fingerprints, if any (for tests). */
  get spillFolder(): string | undefined {
    return this.runs.folder;
  }

  /** Spilled runs now on disk, and blocks read from them by lookups (for tests and diagnostics). */
  get spillStats(): { runs: number; blockReads: number } {
    return { runs: this.runs.runCount, blockReads: this.runs.blockReads };
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
    if (this.onDisk > 0 && this.runs.has(h1, h2)) return false;
    slots[2 * slot] = h2;
    slots[2 * slot + 1] = h1;
    this.inTable++;
    if (this.inTable * 4 >= (mask + 1) * 3) {
      if (mask + 1 < this.maxSlots) this.grow();
      else this.spill();
    }
    return true;
  }

  /** Deletes the temporary files; the set must not be used afterwards. */
  close(): void {
    this.runs.close();
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

  /** Packs the table's fingerprints to its front, sorts them in place as 64-bit words, writes them as a run and empties the table. */
  private spill(): void {
    const { slots } = this;
    let n = 0;
    for (let i = 0; i < slots.length; i += 2) {
      const lo = slots[i]!;
      const hi = slots[i + 1]!;
      if (lo === 0 && hi === 0) continue;
      slots[2 * n] = lo;
      slots[2 * n + 1] = hi;
      n++;
    }
    new BigUint64Array(slots.buffer, 0, n).sort();
    try {
      this.runs.addRun(slots, n);
    } catch (e) {
      // A full disk or an unwritable temp folder is the user's to fix, not a bug: say where and how.
      const code = (e as NodeJS.ErrnoException).code ?? String(e);
      throw new InputError(
        `cannot write the temporary files that track handles already seen (${code}); large exports need about 8 bytes a follower there. Set TMPDIR to a folder with room`,
        this.runs.folder ?? tmpdir(),
      );
    }
    slots.fill(0);
    this.onDisk += n;
    this.inTable = 0;
  }
}
