import { closeSync, mkdtempSync, openSync, readSync, rmSync, unlinkSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { installCleanup, pendingDirs } from './pending-files.js';

/**
 * The on-disk half of KeySet (see key-set.ts): 64-bit fingerprints that no
 * longer fit the in-memory table, kept as sorted runs in temporary files, so
 * memory stays flat however many followers an export has. Per run, memory
 * holds only a Bloom filter (10 bits a fingerprint: about 1% of lookups of a
 * new key read the disk) and a sparse index (every `indexEvery`-th
 * fingerprint), so a lookup costs one cache line per run and, on a Bloom hit,
 * one small read of a single block. Runs are merged like a binary counter (a
 * run is merged into the one before it when that one is no larger), so there
 * are never more than log₂(total / spill size) + 1 of them.
 *
 * Fingerprints are stored as little-endian 64-bit words, high half in the
 * upper 32 bits, so the native BigUint64Array sort orders them the way the
 * lookups compare them (high half, then low half, both unsigned); on a
 * big-endian machine KeySet never spills (see `canSpill`).
 */

/** Bloom filter blocks of 512 bits (16 words, one cache line); 7 bits set per fingerprint inside one block. */
const BLOOM_BITS_PER_KEY = 10;
const BLOOM_HASHES = 7;
/** Fingerprints per read while merging runs (64 KB). */
const MERGE_CHUNK = 8192;

export const canSpill = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

interface Run {
  path: string;
  fd: number;
  count: number;
  bloom: Uint32Array;
  bloomBlocks: number;
  /** The fingerprint at every `indexEvery`-th position: where each block of the file starts. */
  indexHi: Uint32Array;
  indexLo: Uint32Array;
}

export interface SortedRunsOptions {
  /** Fingerprints per block of a run: one sparse-index entry and one read per lookup that reaches the disk. */
  indexEvery?: number;
}

export class SortedRuns {
  private dir: string | undefined;
  private runs: Run[] = [];
  private nextId = 0;
  /** Blocks read by lookups (Bloom-filter hits), for tests and diagnostics. */
  blockReads = 0;
  private readonly indexEvery: number;
  /** One block of a run, read on a Bloom hit. */
  private readonly block: Uint32Array;
  private readonly blockBytes: Buffer;

  constructor(options: SortedRunsOptions = {}) {
    this.indexEvery = Math.max(2, options.indexEvery ?? 512);
    this.block = new Uint32Array(this.indexEvery * 2);
    this.blockBytes = Buffer.from(this.block.buffer);
  }

  /** The temporary folder, once something has been written (for tests and diagnostics). */
  get folder(): string | undefined {
    return this.dir;
  }

  get runCount(): number {
    return this.runs.length;
  }

  /**
   * Writes `count` fingerprints, already sorted, as little-endian words in
   * `sorted` (low half at 2i, high half at 2i+1), as a new run.
   */
  addRun(sorted: Uint32Array, count: number): void {
    const run = this.createRun(count);
    const bytes = Buffer.from(sorted.buffer, sorted.byteOffset, count * 8);
    let written = 0;
    while (written < bytes.length) written += writeSync(run.fd, bytes, written, bytes.length - written, written);
    for (let i = 0; i < count; i++) this.note(run, i, sorted[2 * i + 1]!, sorted[2 * i]!);
    this.runs.push(run);
    while (this.runs.length >= 2 && this.runs[this.runs.length - 2]!.count <= this.runs[this.runs.length - 1]!.count) this.mergeLastTwo();
  }

  /** Whether the fingerprint is in any run. */
  has(h1: number, h2: number): boolean {
    for (let r = this.runs.length - 1; r >= 0; r--) {
      const run = this.runs[r]!;
      if (bloomHas(run, h1, h2) && this.inRun(run, h1, h2)) return true;
    }
    return false;
  }

  /** Closes and deletes every file; the set is empty afterwards. */
  close(): void {
    for (const run of this.runs) closeSync(run.fd);
    this.runs = [];
    if (this.dir) {
      rmSync(this.dir, { recursive: true, force: true });
      pendingDirs.delete(this.dir);
      this.dir = undefined;
    }
  }

  private createRun(count: number): Run {
    if (!this.dir) {
      installCleanup();
      this.dir = mkdtempSync(join(tmpdir(), 'kindred-keys-'));
      pendingDirs.add(this.dir);
    }
    const path = join(this.dir, `run-${this.nextId++}.bin`);
    const bloomBlocks = Math.max(1, Math.ceil((count * BLOOM_BITS_PER_KEY) / 512));
    const indexSize = Math.ceil(count / this.indexEvery);
    return {
      path,
      fd: openSync(path, 'w+', 0o600),
      count,
      bloom: new Uint32Array(bloomBlocks * 16),
      bloomBlocks,
      indexHi: new Uint32Array(indexSize),
      indexLo: new Uint32Array(indexSize),
    };
  }

  /** Records the fingerprint at position i of a run being written: Bloom filter and sparse index. */
  private note(run: Run, i: number, h1: number, h2: number): void {
    bloomAdd(run, h1, h2);
    if (i % this.indexEvery === 0) {
      const k = i / this.indexEvery;
      run.indexHi[k] = h1;
      run.indexLo[k] = h2;
    }
  }

  /** Binary search of the sparse index for the block that would hold the fingerprint, then of that block. */
  private inRun(run: Run, h1: number, h2: number): boolean {
    const { indexHi, indexLo } = run;
    if (before(h1, h2, indexHi[0]!, indexLo[0]!)) return false;
    let lo = 0;
    let hi = indexHi.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (before(h1, h2, indexHi[mid]!, indexLo[mid]!)) hi = mid - 1;
      else lo = mid;
    }
    const start = lo * this.indexEvery;
    const n = Math.min(this.indexEvery, run.count - start);
    readFully(run.fd, this.blockBytes, n * 8, start * 8);
    this.blockReads++;
    const b = this.block;
    let a = 0;
    let z = n - 1;
    while (a <= z) {
      const mid = (a + z) >>> 1;
      const mh = b[2 * mid + 1]!;
      const ml = b[2 * mid]!;
      if (mh === h1 && ml === h2) return true;
      if (before(h1, h2, mh, ml)) z = mid - 1;
      else a = mid + 1;
    }
    return false;
  }

  /** Merges the newest run into the one before it: one new run, both old files deleted. */
  private mergeLastTwo(): void {
    const newer = this.runs.pop()!;
    const older = this.runs.pop()!;
    const out = this.createRun(older.count + newer.count);
    const a = new ChunkReader(older);
    const b = new ChunkReader(newer);
    const buf = new Uint32Array(MERGE_CHUNK * 2);
    const bytes = Buffer.from(buf.buffer);
    let used = 0;
    let written = 0;
    const flush = () => {
      let done = 0;
      while (done < used * 8) done += writeSync(out.fd, bytes, done, used * 8 - done, written * 8 + done);
      written += used;
      used = 0;
    };
    // The runs never share a fingerprint (KeySet adds only new ones), so a plain two-way merge keeps them all.
    for (let i = 0; i < out.count; i++) {
      const takeA = !b.more() || (a.more() && before(a.hi(), a.lo(), b.hi(), b.lo()));
      const from = takeA ? a : b;
      const h1 = from.hi();
      const h2 = from.lo();
      from.advance();
      buf[2 * used] = h2;
      buf[2 * used + 1] = h1;
      used++;
      this.note(out, i, h1, h2);
      if (used === MERGE_CHUNK) flush();
    }
    flush();
    for (const run of [older, newer]) {
      closeSync(run.fd);
      unlinkSync(run.path);
    }
    this.runs.push(out);
  }
}

/** Reads a run from start to end in chunks, for merging. */
class ChunkReader {
  private readonly buf = new Uint32Array(MERGE_CHUNK * 2);
  private readonly bytes = Buffer.from(this.buf.buffer);
  private pos = 0;
  private loaded = 0;
  private at = 0;

  constructor(private readonly run: Run) {
    this.load();
  }

  more(): boolean {
    return this.at < this.loaded;
  }

  hi(): number {
    return this.buf[2 * this.at + 1]!;
  }

  lo(): number {
    return this.buf[2 * this.at]!;
  }

  advance(): void {
    if (++this.at === this.loaded) this.load();
  }

  private load(): void {
    const n = Math.min(MERGE_CHUNK, this.run.count - this.pos);
    if (n > 0) readFully(this.run.fd, this.bytes, n * 8, this.pos * 8);
    this.pos += n;
    this.loaded = n;
    this.at = 0;
  }
}

function readFully(fd: number, into: Buffer, length: number, position: number): void {
  let done = 0;
  while (done < length) {
    const n = readSync(fd, into, done, length - done, position + done);
    if (n === 0) throw new Error(`duplicate-set file ended early (${done} of ${length} bytes at ${position})`);
    done += n;
  }
}

/** (h1, h2) < (k1, k2), both halves unsigned. */
function before(h1: number, h2: number, k1: number, k2: number): boolean {
  return h1 < k1 || (h1 === k1 && h2 < k2);
}

// The fingerprint is already well mixed: the top bits of the high half pick the
// Bloom block (by multiplication, so any number of blocks); the bit positions
// come from the low half and the high half's low bits, which are independent of
// the block (double hashing; an odd step never repeats a bit). A step made from
// the block-picking bits would be nearly the same for every key of a block, and
// their bits would pile up: a quarter of all lookups read the disk.
function bloomAdd(run: Run, h1: number, h2: number): void {
  const base = Math.floor((h1 * run.bloomBlocks) / 4294967296) * 16;
  const step = ((h2 >>> 16) ^ h1) | 1;
  let x = h2;
  for (let i = 0; i < BLOOM_HASHES; i++) {
    const bit = x & 511;
    run.bloom[base + (bit >>> 5)]! |= 1 << (bit & 31);
    x = (x + step) >>> 0;
  }
}

function bloomHas(run: Run, h1: number, h2: number): boolean {
  const base = Math.floor((h1 * run.bloomBlocks) / 4294967296) * 16;
  const step = ((h2 >>> 16) ^ h1) | 1;
  const bloom = run.bloom;
  let x = h2;
  for (let i = 0; i < BLOOM_HASHES; i++) {
    const bit = x & 511;
    if ((bloom[base + (bit >>> 5)]! & (1 << (bit & 31))) === 0) return false;
    x = (x + step) >>> 0;
  }
  return true;
}
