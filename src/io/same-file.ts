import { realpath, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { UsageError } from '../errors.js';

/** A file a command reads or writes, with the flag or argument that named it (for the message). */
export interface NamedFile {
  what: string;
  path: string;
}

/**
 * Inputs are never modified and one output never overwrites another. Paths
 * cannot tell (`./a.csv`, `a.csv`, `../here/a.csv`, a link or a hard link are
 * one file), so files are compared by identity: device and inode for a file
 * that exists; the real path of its folder plus its name for one not yet
 * written. Devices and pipes (`/dev/null`, `>(wc -c)`) are shared freely.
 * Returns one sentence per clash; empty when all are distinct.
 */
export async function fileClashes(inputs: readonly NamedFile[], outputs: readonly NamedFile[]): Promise<string[]> {
  const seen = new Map<string, { file: NamedFile; input: boolean }>();
  for (const file of inputs) {
    const id = await identityOf(file.path);
    if (id && !seen.has(id)) seen.set(id, { file, input: true });
  }
  const clashes: string[] = [];
  for (const file of outputs) {
    const id = await identityOf(file.path);
    if (!id) continue;
    const other = seen.get(id);
    if (!other) seen.set(id, { file, input: false });
    else if (other.input) clashes.push(`${file.what} ${file.path} is the same file as ${other.file.what} ${other.file.path}: kindred never overwrites its inputs. Name another file`);
    else clashes.push(`${file.what} ${file.path} and ${other.file.what} ${other.file.path} are the same file: one would overwrite the other. Name another file`);
  }
  return clashes;
}

/** Device and inode, or folder and name for a file that does not exist yet; undefined for standard input, devices and pipes. */
async function identityOf(path: string): Promise<string | undefined> {
  if (path === '-') return undefined;
  const st = await stat(path).catch(() => undefined);
  if (st) return st.isFile() ? `inode:${st.dev}:${st.ino}` : undefined;
  const folder = await realpath(dirname(path)).catch(() => dirname(path));
  return `path:${join(folder, basename(path))}`;
}

/** fileClashes as a usage error (exit 2), before anything is written. */
export async function assertSeparateFiles(inputs: readonly NamedFile[], outputs: readonly NamedFile[]): Promise<void> {
  const clashes = await fileClashes(inputs, outputs);
  if (clashes.length > 0) throw new UsageError(clashes.join('\n'));
}
