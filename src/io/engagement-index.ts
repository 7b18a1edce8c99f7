import { fingerprint, fingerprintLow } from '../fingerprint.js';
import { type EngagementEvidence, emptyEngagement, type FollowerComment, INTERACTION_TYPES, type InteractionType } from '../follower.js';

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
  /** What commenters wrote (see CommentStore); null when the log holds no comment text. */
  comments: CommentData | null;
}

/**
 * Comment text kept per handle, in shared memory like the rest: slot s's
 * comments are `bySlot[s]` to `bySlot[s + 1]`; comment c is the UTF-8 bytes
 * `starts[c]` to `starts[c + 1]`, written on `at[c]` (epoch ms, NaN when undated).
 */
export interface CommentData {
  bySlot: Uint32Array;
  at: Float64Array;
  starts: Uint32Array;
  bytes: Uint8Array;
}

/**
 * How much of what one person wrote is kept: their first 20 comments, each
 * cut to 500 characters (at most about 10 KB a commenter). Values are named
 * in a phrase, not an essay, and a fan who comments every day should not
 * hold more memory than their words need; the engagement itself (every
 * comment dated) is counted in full.
 */
export const MAX_COMMENTS_PER_AUTHOR = 20;
export const MAX_COMMENT_CHARS = 500;

/**
 * The per-handle engagement evidence of one interactions log, joined to
 * followers as they stream past. Held as 64-bit key fingerprints (see
 * fingerprint.ts) and typed arrays rather than a Map of strings and objects:
 * about 20 bytes a handle plus 17 an event (3.5 MB for a 100k-row log of 95k
 * handles) instead of 400–500 bytes a handle. Two handles whose
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
  private readonly comments: CommentData | null;

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
    this.comments = data.comments;
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
    const { table, fpHi, fpLo, offsets, types, at, counts, rating, matched, comments } = this;
    return { table, fpHi, fpLo, offsets, types, at, counts, rating, matched, comments };
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

  /** What the handle wrote, in file order (empty when the log kept no text for it). */
  commentsOf(slot: number): FollowerComment[] {
    const c = this.comments;
    if (!c) return [];
    const out: FollowerComment[] = [];
    const end = c.bySlot[slot + 1]!;
    for (let i = c.bySlot[slot]!; i < end; i++) {
      const start = c.starts[i]!;
      // Buffer reads shared memory without a copy (TextDecoder refuses shared views).
      const text = Buffer.from(c.bytes.buffer, c.bytes.byteOffset + start, c.starts[i + 1]! - start).toString('utf8');
      const at = c.at[i]!;
      out.push(Number.isNaN(at) ? { text } : { text, at: new Date(at) });
    }
    return out;
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
 *
 * While reading, everything grows in fixed chunks of 8,192 entries (64 KB at
 * most, under glibc's 128 KB mmap threshold), and the index's typed arrays
 * are made once, at their final size. Typed arrays grown by doubling would
 * free a trail of large buffers, after which glibc keeps freed memory as
 * process memory for the rest of the audit (about 7 MB of peak RSS for a
 * 100k-row log).
 */
export class EngagementIndexBuilder {
  private table = new Chunked(Int32Array);
  private tableSize = 1 << 10;
  private fpHi = new Chunked(Uint32Array);
  private fpLo = new Chunked(Uint32Array);
  private slots = 0;
  /** Ratings are rare (a Mailchimp-style column in a mentions export): by slot, the first one. */
  private ratings = new Map<number, number>();
  // Events in arrival order, with the slot each belongs to.
  private eventSlot = new Chunked(Int32Array);
  private types = new Chunked(Uint8Array);
  private at = new Chunked(Float64Array);
  private counts = new Chunked(Float64Array);
  private events = 0;
  // Comments kept (see MAX_COMMENTS_PER_AUTHOR), in arrival order: their slot, date, byte length, and the bytes themselves.
  private commentSlot = new Chunked(Int32Array);
  private commentAt = new Chunked(Float64Array);
  private commentLength = new Chunked(Uint32Array);
  private commentBytes = new Chunked(Uint8Array);
  private keptBySlot = new Chunked(Uint8Array);
  private commentCount = 0;
  private byteCount = 0;

  constructor() {
    this.table.resize(this.tableSize);
  }

  /** The handle's slot, made when new. */
  slotOf(key: string): number {
    const h1 = fingerprint(key);
    const h2 = fingerprintLow;
    const { table, fpHi, fpLo } = this;
    const mask = this.tableSize - 1;
    let pos = (h1 ^ Math.imul(h2, 0x27d4eb2d)) & mask;
    for (;;) {
      const s = table.get(pos);
      if (s === 0) break;
      if (fpHi.get(s - 1) === h1 && fpLo.get(s - 1) === h2) return s - 1;
      pos = (pos + 1) & mask;
    }
    const slot = this.slots++;
    fpHi.set(slot, h1);
    fpLo.set(slot, h2);
    if (this.slots * 4 > this.tableSize * 3) this.growTable();
    else table.set(pos, slot + 1);
    return slot;
  }

  /** One interaction: dated when `at` is given (epoch ms), else added to the undated count. */
  add(slot: number, type: InteractionType, count: number, at: number | undefined): void {
    const i = this.events++;
    this.eventSlot.set(i, slot);
    this.types.set(i, TYPE_INDEX.get(type)! | (at === undefined ? UNDATED : 0));
    this.at.set(i, at ?? 0);
    this.counts.set(i, count);
  }

  /** What the author wrote (kept within MAX_COMMENTS_PER_AUTHOR and MAX_COMMENT_CHARS). */
  addComment(slot: number, text: string, at: number | undefined): void {
    const kept = this.keptBySlot.get(slot, 0);
    if (kept >= MAX_COMMENTS_PER_AUTHOR) return;
    const clipped = text.length > MAX_COMMENT_CHARS ? cutAt(text, MAX_COMMENT_CHARS) : text;
    if (clipped.trim() === '') return;
    this.keptBySlot.set(slot, kept + 1);
    const bytes = Buffer.from(clipped, 'utf8');
    const i = this.commentCount++;
    this.commentSlot.set(i, slot);
    this.commentAt.set(i, at ?? Number.NaN);
    this.commentLength.set(i, bytes.length);
    for (let b = 0; b < bytes.length; b++) this.commentBytes.set(this.byteCount + b, bytes[b]!);
    this.byteCount += bytes.length;
  }

  /** Merges evidence in, as mergeEngagement would: events appended, counts added, the first rating kept. */
  addEvidence(key: string, evidence: EngagementEvidence): void {
    const slot = this.slotOf(key);
    for (const d of evidence.dated) this.add(slot, d.type, d.count, d.at.getTime());
    for (const [type, n] of Object.entries(evidence.undated) as [InteractionType, number][]) this.add(slot, type, n, undefined);
    if (evidence.rating !== undefined && !this.ratings.has(slot)) this.ratings.set(slot, evidence.rating);
  }

  /** Groups the events by handle (stable: file order within a handle) into exact-size typed arrays. The builder is spent. */
  finish(): EngagementIndex {
    const size = this.slots;
    const n = this.events;
    const { eventSlot } = this;
    // Counting sort by slot: counts, starts, then each start used as a cursor
    // (leaving it at the next slot's start), then shifted back.
    const offsets = shared(Uint32Array, size + 1);
    for (let i = 0; i < n; i++) offsets[eventSlot.get(i) + 1]!++;
    for (let s = 0; s < size; s++) offsets[s + 1]! += offsets[s]!;
    const types = shared(Uint8Array, n);
    const at = shared(Float64Array, n);
    const counts = shared(Float64Array, n);
    for (let i = 0; i < n; i++) {
      const j = offsets[eventSlot.get(i)]!++;
      types[j] = this.types.get(i);
      at[j] = this.at.get(i);
      counts[j] = this.counts.get(i);
    }
    offsets.copyWithin(1, 0, size);
    offsets[0] = 0;
    let rating: Float64Array | null = null;
    if (this.ratings.size > 0) {
      rating = shared(Float64Array, size).fill(Number.NaN);
      for (const [slot, r] of this.ratings) rating[slot] = r;
    }
    const comments = this.commentCount > 0 ? this.finishComments(size) : null;
    const index = EngagementIndex.fromData({
      table: this.table.copyTo(shared(Int32Array, this.tableSize)),
      fpHi: this.fpHi.copyTo(shared(Uint32Array, size)),
      fpLo: this.fpLo.copyTo(shared(Uint32Array, size)),
      offsets,
      types,
      at,
      counts,
      rating,
      matched: shared(Uint8Array, size),
      comments,
    });
    for (const c of [this.table, this.fpHi, this.fpLo, this.eventSlot, this.types, this.at, this.counts]) c.resize(0);
    for (const c of [this.commentSlot, this.commentAt, this.commentLength, this.commentBytes, this.keptBySlot]) c.resize(0);
    this.ratings.clear();
    this.slots = this.events = this.commentCount = this.byteCount = 0;
    return index;
  }

  /** The kept comments grouped by slot (stable), as events are in finish(). */
  private finishComments(size: number): CommentData {
    const n = this.commentCount;
    const bySlot = shared(Uint32Array, size + 1);
    for (let i = 0; i < n; i++) bySlot[this.commentSlot.get(i) + 1]!++;
    for (let s = 0; s < size; s++) bySlot[s + 1]! += bySlot[s]!;
    // Where each comment goes, then its bytes' start there.
    const order = new Uint32Array(n);
    for (let i = 0; i < n; i++) order[i] = bySlot[this.commentSlot.get(i)]!++;
    bySlot.copyWithin(1, 0, size);
    bySlot[0] = 0;
    const at = shared(Float64Array, n);
    const lengths = new Uint32Array(n);
    for (let i = 0; i < n; i++) {
      at[order[i]!] = this.commentAt.get(i);
      lengths[order[i]!] = this.commentLength.get(i);
    }
    const starts = shared(Uint32Array, n + 1);
    for (let j = 0; j < n; j++) starts[j + 1] = starts[j]! + lengths[j]!;
    const bytes = shared(Uint8Array, this.byteCount);
    let from = 0;
    for (let i = 0; i < n; i++) {
      const len = this.commentLength.get(i);
      const to = starts[order[i]!]!;
      for (let b = 0; b < len; b++) bytes[to + b] = this.commentBytes.get(from + b);
      from += len;
    }
    return { bySlot, at, starts, bytes };
  }

  /** Doubles the table and places every slot again (the newest included). */
  private growTable(): void {
    this.tableSize *= 2;
    const mask = this.tableSize - 1;
    const table = this.table;
    table.resize(0);
    table.resize(this.tableSize);
    for (let s = 0; s < this.slots; s++) {
      let pos = (this.fpHi.get(s) ^ Math.imul(this.fpLo.get(s), 0x27d4eb2d)) & mask;
      while (table.get(pos) !== 0) pos = (pos + 1) & mask;
      table.set(pos, s + 1);
    }
  }
}

type TypedArray = Uint8Array | Int32Array | Uint32Array | Float64Array;

/**
 * A typed array in shared memory: worker threads given the index read the
 * same bytes instead of a copy each, and a follower one of them matches is
 * marked for all (every write is a 1, so no two threads disagree).
 */
function shared<T extends TypedArray>(kind: { new (buffer: SharedArrayBuffer): T; BYTES_PER_ELEMENT: number }, length: number): T {
  return new kind(new SharedArrayBuffer(length * kind.BYTES_PER_ELEMENT));
}
const CHUNK_BITS = 13;
const CHUNK = 1 << CHUNK_BITS;

/** A growable typed array in fixed chunks (zero-filled), so growing never frees a large buffer. */
class Chunked<T extends TypedArray> {
  private chunks: T[] = [];

  constructor(private readonly kind: new (length: number) => T) {}

  get(i: number): number;
  /** `fallback` past the end (for arrays indexed by slot that grow only when written). */
  get(i: number, fallback: number): number;
  get(i: number, fallback?: number): number {
    const chunk = this.chunks[i >>> CHUNK_BITS];
    if (!chunk && fallback !== undefined) return fallback;
    return chunk![i & (CHUNK - 1)]!;
  }

  set(i: number, value: number): void {
    const c = i >>> CHUNK_BITS;
    while (this.chunks.length <= c) this.chunks.push(new this.kind(CHUNK));
    this.chunks[c]![i & (CHUNK - 1)] = value;
  }

  /** Room for `length` entries, all zero when shrunk to 0 first. */
  resize(length: number): void {
    const need = Math.ceil(length / CHUNK);
    this.chunks.length = Math.min(this.chunks.length, need);
    while (this.chunks.length < need) this.chunks.push(new this.kind(CHUNK));
  }

  /** The first `out.length` entries, into `out`. */
  copyTo<U extends TypedArray>(out: U): U {
    for (let c = 0; c * CHUNK < out.length; c++) {
      const chunk = this.chunks[c]!;
      out.set(chunk.subarray(0, Math.min(CHUNK, out.length - c * CHUNK)), c * CHUNK);
    }
    return out;
  }
}

/** The first `max` characters, not splitting a surrogate pair. */
function cutAt(text: string, max: number): string {
  const code = text.charCodeAt(max - 1);
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? max - 1 : max);
}
