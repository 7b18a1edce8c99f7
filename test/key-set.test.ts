import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../src/errors.js';
import { fingerprint, fingerprintLow } from '../src/fingerprint.js';
import { KeySet } from '../src/key-set.js';
import { ROOT } from './helpers/run-cli.js';
import { tempDir } from './helpers/temp-dir.js';

// A tiny memory budget (12 fingerprints in memory, blocks of 4 on disk) so
// that spills, Bloom misses, block reads and merges all happen within a few hundred keys.
const TINY = { maxSlots: 16, indexEvery: 4 };

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
        expect(set.spillFolder).toBeUndefined();
      }),
    );
  });

  it('says whether a key is new, like a Set, when most keys live in spilled runs on disk', () => {
    fc.assert(
      fc.property(keyStream, (keys) => {
        const set = new KeySet(TINY);
        const reference = new Set<string>();
        try {
          for (const k of keys) {
            expect(set.add(k)).toBe(!reference.has(k));
            reference.add(k);
          }
          expect(set.size).toBe(reference.size);
        } finally {
          set.close();
        }
      }),
    );
  });

  it('finds every earlier key after many spills and merges, reading the disk only on a Bloom-filter hit', () => {
    const set = new KeySet(TINY);
    const n = 20_000;
    for (let i = 0; i < n; i++) expect(set.add(`maya_reads${i}`)).toBe(true);
    const afterNew = set.spillStats;
    // Runs are merged as they pile up: 1,666 spills leave at most log2(1666) + 1 runs.
    expect(afterNew.runs).toBeGreaterThan(0);
    expect(afterNew.runs).toBeLessThanOrEqual(12);
    // Every one of those adds asked every run: without the Bloom filters each would have read a block.
    expect(afterNew.blockReads).toBeLessThan(n / 10);
    // Every key again, in another order: all duplicates, each found in its block.
    for (let i = 0; i < n; i++) expect(set.add(`maya_reads${(i * 7919) % n}`)).toBe(false);
    expect(set.spillStats.blockReads - afterNew.blockReads).toBeGreaterThan(n / 2);
    expect(set.size).toBe(n);
    set.close();
  });

  it('tells apart three hundred thousand similar handles with the default budget, past its first spill', () => {
    const set = new KeySet();
    let added = 0;
    for (let i = 0; i < 300_000; i++) if (set.add(`maya_reads${i}`)) added++;
    let again = 0;
    for (let i = 0; i < 300_000; i += 997) if (set.add(`maya_reads${i}`)) again++;
    expect([added, again, set.size]).toEqual([300_000, 0, 300_000]);
    expect(set.spillStats.runs).toBe(1);
    set.close();
  });

  it('takes fingerprints made elsewhere (worker threads) and keys alike', () => {
    const set = new KeySet(TINY);
    for (let i = 0; i < 500; i++) {
      const h1 = fingerprint(`@fern${i}`);
      expect(set.addFingerprint(h1, fingerprintLow)).toBe(true);
    }
    for (let i = 0; i < 500; i++) expect(set.add(`@fern${i}`)).toBe(false);
    expect(set.add('@fern500')).toBe(true);
    set.close();
  });

  it('keeps spilled runs in a private folder under the system temp folder, deleted by close()', () => {
    const set = new KeySet(TINY);
    for (let i = 0; i < 1000; i++) set.add(`k${i}`);
    const folder = set.spillFolder;
    expect(folder).toBeDefined();
    expect(folder!.startsWith(tmpdir())).toBe(true);
    expect(readdirSync(folder!).length).toBe(set.spillStats.runs);
    set.close();
    expect(existsSync(folder!)).toBe(false);
  });

  it('never touches the disk for a small set', () => {
    const tmp = tempDir();
    const saved = process.env.TMPDIR;
    process.env.TMPDIR = tmp;
    try {
      expect(tmpdir()).toBe(tmp);
      const set = new KeySet();
      for (let i = 0; i < 200_000; i++) set.add(`handle${i % 150_000}`);
      expect(set.size).toBe(150_000);
      set.close();
      expect(readdirSync(tmp)).toEqual([]);
    } finally {
      if (saved === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = saved;
    }
  });

  it('names the temp folder when it cannot write there, as a problem for the user to fix', () => {
    const missing = join(tempDir(), 'gone');
    const saved = process.env.TMPDIR;
    process.env.TMPDIR = missing;
    try {
      const set = new KeySet(TINY);
      let error: unknown;
      try {
        for (let i = 0; i < 100; i++) set.add(`k${i}`);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(InputError);
      expect((error as InputError).file).toBe(missing);
      expect((error as InputError).message).toContain('TMPDIR');
      set.close();
    } finally {
      if (saved === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = saved;
    }
  });

  describe('temporary files of a process that stops without close()', () => {
    // A separate process (the built module, see `npm run build`) that spills, prints its folder, then ends as told.
    const child = (ending: 'exit' | 'wait') => {
      const url = pathToFileURL(join(ROOT, 'dist', 'key-set.js')).href;
      const script = `import { KeySet } from ${JSON.stringify(url)};
        const set = new KeySet({ maxSlots: 16, indexEvery: 4 });
        for (let i = 0; i < 1000; i++) set.add('k' + i);
        process.stdout.write(set.spillFolder + '\\n');
        if (${JSON.stringify(ending)} === 'wait') setInterval(() => {}, 1000);`;
      return spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    };
    const folderOf = (p: ReturnType<typeof child>) =>
      new Promise<string>((resolve) => {
        let out = '';
        p.stdout!.on('data', (d) => {
          out += d;
          if (out.includes('\n')) resolve(out.trim());
        });
      });
    const ended = (p: ReturnType<typeof child>) => new Promise<number | null>((resolve) => p.once('close', (code) => resolve(code)));

    it('are deleted on a normal exit', async () => {
      const p = child('exit');
      const [folder, code] = await Promise.all([folderOf(p), ended(p)]);
      expect(code).toBe(0);
      expect(folder).toContain('kindred-keys-');
      expect(existsSync(folder)).toBe(false);
    });

    it('are deleted on SIGTERM', async () => {
      const p = child('wait');
      const done = ended(p);
      const folder = await folderOf(p);
      expect(existsSync(folder)).toBe(true);
      p.kill('SIGTERM');
      expect(await done).toBe(143);
      expect(existsSync(folder)).toBe(false);
    });
  });
});
