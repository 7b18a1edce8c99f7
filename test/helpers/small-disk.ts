import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statfsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface SmallDisk {
  dir: string;
  /** Fill it up but for a few kilobytes, so the next real write fails with ENOSPC. */
  fill(): void;
  unmount(): void;
}

/**
 * A 256 KB tmpfs for full-disk tests, or undefined where mounting is refused
 * (not root, no privileges in a container): those tests then skip. CI runs as
 * root on a machine that allows it.
 */
export function mountSmallDisk(): SmallDisk | undefined {
  if (process.platform !== 'linux' || process.getuid?.() !== 0) return undefined;
  // Not tempDir(): that cleans up after one test; a mount lives for a whole file.
  const dir = mkdtempSync(join(tmpdir(), 'kindred-small-disk-'));
  const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=256k', 'tmpfs', dir]);
  if (mounted.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    return undefined;
  }
  return {
    dir,
    fill() {
      const { bavail, bsize } = statfsSync(dir);
      const free = bavail * bsize;
      if (free > 8192) writeFileSync(join(dir, `filler-${free}`), Buffer.alloc(free - 8192));
    },
    unmount() {
      spawnSync('umount', [dir]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
