import { type EngagementEvidence, emptyEngagement, INTERACTION_TYPES, type InteractionType } from '../follower.js';
import { fingerprint, fingerprintLow } from '../fingerprint.js';

/** Marks an event whose date is unknown (it adds to `undated`); the low bits are the type's index. */
const UNDATED = 0x80;
const TYPE_INDEX = new Map<InteractionType, number>(INTERACTION_TYPES.map((t, i) => [t, i]));

/**
 * An interactions log in plain typed arrays: what an EngagementIndex is made
 * of, and what survives `structuredClone` / `postMessage` to a worker thread.
 */
export interface EngagementIndexData {
  /** Open-addressing table (power-of-two length): slot + 1 of the handle hashed there, 0 when empty. */
  table: Int32Array;
  /** Each handle's 64-bit key fingerprint, by slot. */
  fpHi: Uint32Array;
  fpLo: Uint32Array;
  /** Slot s's events are `offsets[s]` to `offsets[s + 1]`, in the order the log gave them. */
  offsets: Uint32Array;
  /** Index into INTERACTION_TYPES, plus 0x80 for an undated count. */
  types: Uint8Array;
  /** Epoch ms (unused for undated counts). */
  at: Float64Array;
  counts: Float64Array;
  /** A 1–5 rating by slot, NaN for none; null when the log has no ratings at all. */
  rating: Float64Array | null;
  /** 1 for each slot that met a follower in this audit. */
  matched: Uint8Array;
}

/**
 * The per-handle engagement evidence of one interactions log, joined to
 * followers as they stream past. Held as 64-bit key fingerprints (see
 * fingerprint.ts) and typed arrays rather than a Map of strings and objects:
 * about 30 bytes a handle plus 17 an event, instead of 400–500 a handle, so a
 * log of a million handles costs tens of MB, not half a GB. Two handles whose
 * keys share a fingerprint (about n²/2⁶⁵ among n handles) would share
 * evidence.
 *
 * `evidence(slot)` rebuilds exactly the EngagementEvidence the log described:
 * dated events in file order, undated counts per type in order of first
 * appearance, the first rating.
 */
export class EngagementIndex {
  private readonly table: Int32Array;
  private readonly mask: number;
  private readonly fpHi: Uint32Array;
  private readonly fpLo: Uint32Array;
  private readonly offsets: Uint32Array;
  private readonly types: Uint8Array;
  private readonly at: Float64Array;
  private readonly counts: Float64Array;
  private readonly rating: Float64Array | null;
  private readonly matched: Uint8Array;

  private constructor(data: EngagementIndexData) {
    this.table = data.table;
    this.mask = data.table.length - 1;
    this.fpHi = data.fpHi;
    this.fpLo = data.fpLo;
    this.offsets = data.offsets;
    this.types = data.types;
    this.at = data.at;
    this.counts = data.counts;
    this.rating = data.rating;
    this.matched = data.matched;
  }

  /** Rebuilds an index from `toData()`, e.g. after a structured clone to a worker. */
  static fromData(data: EngagementIndexData): EngagementIndex {
    return new EngagementIndex(data);
  }

  /** An index of evidence already in memory (the programmatic API and tests). */
  static fromEntries(entries: Iterable<readonly [string, EngagementEvidence]>): EngagementIndex {
    const builder = new EngagementIndexBuilder();
    for (const [key, evidence] of entries) builder.addEvidence(key, evidence);
    return builder.finish();
  }

  /** The arrays themselves (not copies): structured-clone them to hand the index to a worker. */
  toData(): EngagementIndexData {
    const { table, fpHi, fpLo, offsets, types, at, counts, rating, matched } = this;
    return { table, fpHi, fpLo, offsets, types, at, counts, rating, matched };
  }

  /** Distinct handles in the log. */
  get size(): number {
    return this.fpHi.length;
  }

  /** The handle's slot, or -1 when the log does not name it. */
  lookup(key: string): number {
    const h1 = fingerprint(key);
    const h2 = fingerprintLow;
    return findSlot(this.table, this.mask, this.fpHi, this.fpLo, h1, h2);
  }

  /** A fresh copy of the slot's evidence: the caller may merge into it or keep it. */
  evidence(slot: number): EngagementEvidence {
    const e = emptyEngagement();
    const end = this.offsets[slot + 1]!;
    for (let i = this.offsets[slot]!; i < end; i++) {
      const t = this.types[i]!;
      const type = INTERACTION_TYPES[t & ~UNDATED]!;
      const count = this.counts[i]!;
      if (t & UNDATED) e.undated[type] = (e.undated[type] ?? 0) + count;
      else e.dated.push({ type, at: new Date(this.at[i]!), count });
    }
    const rating = this.rating?.[slot];
    if (rating !== undefined && !Number.isNaN(rating)) e.rating = rating;
    return e;
  }

  markMatched(slot: number): void {
    this.matched[slot] = 1;
  }

  /** Handles in the log that met a follower. */
  matchedCount(): number {
    let n = 0;
    for (let i = 0; i < this.matched.length; i++) n += this.matched[i]!;
    return n;
  }

  /** One byte a slot, 1 when it met a follower (the live array: copy it to keep a snapshot). */
  matchedFlags(): Uint8Array {
    return this.matched;
  }

  /** ORs in the matched flags of a copy of this index (e.g. from a worker). */
  mergeMatched(flags: Uint8Array): void {
    if (flags.length !== this.matched.length) throw new RangeError(`matched flags for ${flags.length} handles, the index has ${this.matched.length}`);
    for (let i = 0; i < flags.length; i++) this.matched[i]! |= flags[i]!;
  }

  /** Forgets which handles met a follower, before a new audit with the same log. */
  clearMatched(): void {
    this.matched.fill(0);
  }
}

function findSlot(table: Int32Array, mask: number, fpHi: Uint32Array, fpLo: Uint32Array, h1: number, h2: number): number {
  let pos = (h1 ^ Math.imul(h2, 0x27d4eb2d)) & mask;
  for (;;) {
    const s = table[pos]!;
    if (s === 0) return -1;
    if (fpHi[s - 1] === h1 && fpLo[s - 1] === h2) return s - 1;
    pos = (pos + 1) & mask;
  }
}

/**
 * Collects a log's events as they are read (in file order, handles in any
 * order), then groups them by handle once in `finish()`.
 */
export class EngagementIndexBuilder {
  private table = new Int32Array(1 << 10);
  private fpHi = new Uint32Array(1 << 9);
  private fpLo = new Uint32Array(1 << 9);
  private slots = 0;
  private rating: Float64Array | null = null;
  // Events in arrival order, with the slot each belongs to.
  private eventSlot = new Int32Array(1 << 10);
  private types = new Uint8Array(1 << 10);
  private at = new Float64Array(1 << 10);
  private counts = new Float64Array(1 << 10);
  private events = 0;

  /** The handle's slot, made when new. */
  slotOf(key: string): number {
    const h1 = fingerprint(key);
    const h2 = fingerprintLow;
    const found = findSlot(this.table, this.table.length - 1, this.fpHi, this.fpLo, h1, h2);
    if (found >= 0) return found;
    if ((this.slots + 1) * 4 > this.table.length * 3) this.growTable();
    if (this.slots === this.fpHi.length) {
      const cap = Math.max(16, this.slots * 2);
      this.fpHi = grown(this.fpHi, cap);
      this.fpLo = grown(this.fpLo, cap);
      if (this.rating) this.rating = grownRating(this.rating, cap);
    }
    const slot = this.slots++;
    this.fpHi[slot] = h1;
    this.fpLo[slot] = h2;
    this.place(slot);
    return slot;
  }

  /** One interaction: dated when `at` is given (epoch ms), else added to the undated count. */
  add(slot: number, type: InteractionType, count: number, at: number | undefined): void {
    if (this.events === this.types.length) {
      const cap = Math.max(16, this.events * 2);
      this.eventSlot = grown(this.eventSlot, cap);
      this.types = grown(this.types, cap);
      this.at = grown(this.at, cap);
      this.counts = grown(this.counts, cap);
    }
    const i = this.events++;
    this.eventSlot[i] = slot;
    this.types[i] = TYPE_INDEX.get(type)! | (at === undefined ? UNDATED : 0);
    this.at[i] = at ?? 0;
    this.counts[i] = count;
  }

  /** Merges evidence in, as mergeEngagement would: events appended, counts added, the first rating kept. */
  addEvidence(key: string, evidence: EngagementEvidence): void {
    const slot = this.slotOf(key);
    for (const d of evidence.dated) this.add(slot, d.type, d.count, d.at.getTime());
    for (const [type, n] of Object.entries(evidence.undated) as [InteractionType, number][]) this.add(slot, type, n, undefined);
    if (evidence.rating !== undefined) this.setRatingIfUnset(slot, evidence.rating);
  }

  private setRatingIfUnset(slot: number, rating: number): void {
    if (!this.rating) this.rating = new Float64Array(this.fpHi.length).fill(Number.NaN);
    if (Number.isNaN(this.rating[slot]!)) this.rating[slot] = rating;
  }

  /** Groups the events by handle (stable: file order within a handle) and hands over exact-size arrays. */
  finish(): EngagementIndex {
    const size = this.slots;
    const n = this.events;
    const offsets = new Uint32Array(size + 1);
    for (let i = 0; i < n; i++) offsets[this.eventSlot[i]! + 1]!++;
    for (let s = 0; s < size; s++) offsets[s + 1]! += offsets[s]!;
    const next = offsets.slice(0, size);
    const types = new Uint8Array(n);
    const at = new Float64Array(n);
    const counts = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const j = next[this.eventSlot[i]!]!++;
      types[j] = this.types[i]!;
      at[j] = this.at[i]!;
      counts[j] = this.counts[i]!;
    }
    const index = EngagementIndex.fromData({
      table: this.table,
      fpHi: this.fpHi.slice(0, size),
      fpLo: this.fpLo.slice(0, size),
      offsets,
      types,
      at,
      counts,
      rating: this.rating ? this.rating.slice(0, size) : null,
      matched: new Uint8Array(size),
    });
    // The builder is spent: let go of its arrays.
    this.table = new Int32Array(16);
    this.fpHi = this.fpLo = new Uint32Array(0);
    this.eventSlot = new Int32Array(0);
    this.types = new Uint8Array(0);
    this.at = this.counts = new Float64Array(0);
    this.rating = null;
    this.slots = this.events = 0;
    return index;
  }

  private growTable(): void {
    this.table = new Int32Array(this.table.length * 2);
    for (let s = 0; s < this.slots; s++) this.place(s);
  }

  private place(slot: number): void {
    const { table } = this;
    const mask = table.length - 1;
    let pos = (this.fpHi[slot]! ^ Math.imul(this.fpLo[slot]!, 0x27d4eb2d)) & mask;
    while (table[pos] !== 0) pos = (pos + 1) & mask;
    table[pos] = slot + 1;
  }
}

function grown<T extends Uint8Array | Int32Array | Uint32Array | Float64Array>(a: T, capacity: number): T {
  const b = new (a.constructor as new (n: number) => T)(capacity);
  b.set(a);
  return b;
}

function grownRating(a: Float64Array, capacity: number): Float64Array {
  const b = new Float64Array(capacity).fill(Number.NaN);
  b.set(a);
  return b;
}
