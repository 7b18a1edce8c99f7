import { createWriteStream, type WriteStream } from 'node:fs';
import { rename, stat, unlink } from 'node:fs/promises';
import { once } from 'node:events';
import { basename, dirname, join } from 'node:path';
import { InputError, UsageError } from '../errors.js';
import { installCleanup, pending } from '../pending-files.js';

/**
 * Files kindred writes appear complete or not at all: content goes to a
 * temporary file beside the target, renamed over it only when finished.
 * Temporary files are removed on failure and on Ctrl-C / SIGTERM.
 */
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

/**
 * Input files are never modified: an output that names an input (`--output
 * followers.csv` for the export itself) would replace it on rename. Compared
 * by device and inode, so `./a.csv`, `a.csv` and links to it all count.
 */
export async function assertNotAnInput(target: string, flag: string, inputs: readonly string[]): Promise<void> {
  const out = await stat(target).catch(() => undefined);
  if (!out) return;
  for (const input of inputs) {
    if (input === '-') continue;
    const st = await stat(input).catch(() => undefined);
    if (st && st.dev === out.dev && st.ino === out.ino) {
      throw new UsageError(`${flag} ${target} is one of the input files; kindred never overwrites its inputs. Name another file`);
    }
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
