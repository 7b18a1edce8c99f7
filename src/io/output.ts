import { createWriteStream, unlinkSync, type WriteStream } from 'node:fs';
import { rename, stat, unlink } from 'node:fs/promises';
import { once } from 'node:events';
import { basename, dirname, join } from 'node:path';
import { InputError } from '../errors.js';

/**
 * Files kindred writes appear complete or not at all: content goes to a
 * temporary file beside the target, renamed over it only when finished.
 * Temporary files are removed on failure and on Ctrl-C / SIGTERM.
 */
const pending = new Set<string>();
let handlersInstalled = false;

function installCleanup(): void {
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

export interface AtomicFile {
  stream: WriteStream;
  /** Finish writing and move the file into place. */
  commit(): Promise<void>;
  /** Drop the temporary file; the target is untouched. */
  abort(): Promise<void>;
}

export async function checkWritableTarget(path: string): Promise<void> {
  const dir = dirname(path);
  try {
    const st = await stat(dir);
    if (!st.isDirectory()) throw new InputError(`cannot write here: ${dir} is not a folder`, path);
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(`cannot write here: the folder ${dir} does not exist`, path);
  }
  try {
    if ((await stat(path)).isDirectory()) throw new InputError('cannot write here: this is a folder; give a file name', path);
  } catch (e) {
    if (e instanceof InputError) throw e;
  }
}

export async function openAtomic(path: string): Promise<AtomicFile> {
  await checkWritableTarget(path);
  installCleanup();
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${Math.random().toString(36).slice(2, 8)}.tmp`);
  // A 1 MB buffer lets classification go on while the disk writes (backpressure still holds memory flat).
  const stream = createWriteStream(tmp, { highWaterMark: 1 << 20 });
  pending.add(tmp);
  await Promise.race([once(stream, 'open'), once(stream, 'error').then(([e]) => Promise.reject(e))]).catch((e) => {
    pending.delete(tmp);
    throw new InputError(`cannot write here (${(e as NodeJS.ErrnoException).code ?? e})`, path);
  });
  return {
    stream,
    async commit() {
      await new Promise<void>((resolve, reject) => {
        stream.once('error', reject);
        stream.end(() => resolve());
      });
      await rename(tmp, path);
      pending.delete(tmp);
    },
    async abort() {
      stream.destroy();
      pending.delete(tmp);
      await unlink(tmp).catch(() => undefined);
    },
  };
}

export async function writeFileAtomic(path: string, content: string): Promise<void> {
  const file = await openAtomic(path);
  try {
    file.stream.write(content);
    await file.commit();
  } catch (e) {
    await file.abort();
    throw e;
  }
}
