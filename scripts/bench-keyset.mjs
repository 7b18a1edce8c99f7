#!/usr/bin/env node
// The duplicate set alone (src/key-set.ts): peak RSS, the table's typed
// arrays and adds per second at a given number of keys. Each measurement is
// its own process. A benchmark: prints figures, asserts nothing.
//
//   npm run build && node scripts/bench-keyset.mjs                 # 1M and 5M keys
//   node scripts/bench-keyset.mjs --keys 100000,1000000 --dup 0.05
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const { values: args } = parseArgs({
  options: {
    keys: { type: 'string', default: '1000000,5000000' },
    // Share of adds that repeat an earlier key (anywhere earlier).
    dup: { type: 'string', default: '0.02' },
    child: { type: 'string' },
  },
});

if (args.child) {
  const n = args.child;
  const { KeySet } = await import(pathToFileURL(join(ROOT, 'dist', 'key-set.js')).href);
  const set = new KeySet();
  const dup = Number(args.dup);
  // A fixed xorshift stream, so both modes see the same keys.
  let x = 2463534242;
  const rand = () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 4294967296;
  };
  const total = Number(n);
  let fresh = 0;
  let repeats = 0;
  // The set's own memory is typed arrays: sampled here, apart from the key strings' garbage in the heap.
  let peakArrays = 0;
  const start = process.hrtime.bigint();
  for (let i = 0; i < total; i++) {
    if ((i & 0xffff) === 0) peakArrays = Math.max(peakArrays, process.memoryUsage().arrayBuffers);
    if (fresh > 0 && rand() < dup) {
      if (set.add(`@follower_${Math.floor(rand() * fresh)}`)) throw new Error('a repeated key read as new');
      repeats++;
    } else if (!set.add(`@follower_${fresh++}`)) throw new Error('a new key read as a duplicate');
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const rss = process.resourceUsage().maxRSS * 1024;
  process.stdout.write(JSON.stringify({ seconds, rss, peakArrays, size: set.size, repeats }));
} else {
  const base = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.resourceUsage().maxRSS*1024))'], { encoding: 'utf8' });
  const mb = (b) => (b / 1e6).toFixed(1);
  process.stdout.write(`node alone: peak RSS ${mb(Number(base.stdout))} MB\n`);
  process.stdout.write('keys        peak RSS MB  typed arrays MB   adds/s\n');
  for (const n of args.keys.split(',').map(Number)) {
    const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--child', String(n), '--dup', args.dup], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(r.stderr);
    const m = JSON.parse(r.stdout);
    process.stdout.write(`${String(n).padEnd(11)} ${mb(m.rss).padStart(11)}  ${mb(m.peakArrays).padStart(15)}   ${Math.round(n / m.seconds).toLocaleString('en-US').padStart(9)}\n`);
  }
}
