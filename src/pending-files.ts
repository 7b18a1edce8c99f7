import { unlinkSync } from 'node:fs';

/**
 * The temporary files of outputs being written (see io/output.ts), removed if
 * the process is interrupted. Kept apart from the writer so the process entry
 * point can ask "is a file still being written?" without loading any I/O code.
 */
export const pending = new Set<string>();
let handlersInstalled = false;

export function installCleanup(): void {
  if (handlersInstalled) return;
  handlersInstalled = true;
  const cleanup = () => {
    for (const tmp of pending) {
      try {
        unlinkSync(tmp);
      } catch {
        // Already gone.
      }
    }
  };
  process.on('exit', cleanup);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      cleanup();
      process.exit(128 + (signal === 'SIGINT' ? 2 : signal === 'SIGTERM' ? 15 : 1));
    });
  }
}

/** How many output files are being written (temporary, not yet in place). */
export function pendingFiles(): number {
  return pending.size;
}

