import { type FileHandle, lstat, open, readdir, realpath, rename, stat, unlink } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { InputError } from '../errors.js';
import { installCleanup, pending } from '../pending-files.js';
import { writeFailure } from '../write-failure.js';

/**
 * The files kindred writes. A regular file appears complete or not at all:
 * content goes to a temporary file beside it, renamed over it only when every
 * byte was written, so a full disk or Ctrl-C leaves the previous file as it
 * was. Anything else (a device such as /dev/null, a FIFO such as `>(wc -c)`,
 * a terminal behind /dev/stdout) is written directly and never replaced. A
 * symbolic link is written through: its target is replaced atomically, the
 * link stays.
 */
export interface OutputFile {
  /** Where the text goes; a write error comes out as an InputError naming the file and the cause. */
  stream: Writable;
  /** Finish writing and, for a regular file, move it into place. */
  commit(): Promise<void>;
  /** Stop: a temporary file is removed and the target untouched (a device or pipe keeps what it got). */
  abort(): Promise<void>;
}

export interface OutputOptions {
  /** Told about stale temporary files of interrupted runs that were removed. */
  notice?: (message: string) => void;
}

/** What is at the path now: nothing, a regular file (at its real path, through links), or something else. */
type Target = { kind: 'new'; path: string } | { kind: 'file'; path: string } | { kind: 'special' };

export async function checkWritableTarget(path: string): Promise<void> {
  await targetOf(path);
}

async function targetOf(path: string): Promise<Target> {
  const link = await lstat(path).catch(() => undefined);
  if (!link) {
    const dir = dirname(path);
    const st = await stat(dir).catch(() => undefined);
    if (!st) throw new InputError(`cannot write here: the folder ${dir} does not exist`, path);
    if (!st.isDirectory()) throw new InputError(`cannot write here: ${dir} is not a folder`, path);
    return { kind: 'new', path };
  }
  const st = await stat(path).catch(() => undefined);
  // A dangling link: writing would create a file wherever it points; refuse rather than guess.
  if (!st) throw new InputError('cannot write here: this is a symbolic link to a file that does not exist', path);
  if (st.isDirectory()) throw new InputError('cannot write here: this is a folder; give a file name', path);
  if (!st.isFile()) return { kind: 'special' };
  return { kind: 'file', path: link.isSymbolicLink() ? await realpath(path) : path };
}

export async function openOutput(path: string, options: OutputOptions = {}): Promise<OutputFile> {
  const target = await targetOf(path);
  if (target.kind === 'special') return openDirect(path);
  installCleanup();
  const real = target.path;
  await removeStaleTemporaries(real, options.notice);
  const tmp = join(dirname(real), `${tempPrefix(basename(real))}${tempOwner()}-${Math.random().toString(36).slice(2, 8)}.tmp`);
  pending.add(tmp);
  const handle = await open(tmp, 'wx').catch((e: NodeJS.ErrnoException) => {
    pending.delete(tmp);
    throw new InputError(`cannot write here (${e.code ?? e.message})`, path);
  });
  const stream = handleStream(handle, path, true);
  return {
    stream,
    async commit() {
      stream.end();
      await finished(stream).catch((e) => {
        throw writeFailure(stream.errored ?? e, path, true);
      });
      await rename(tmp, real).catch((e) => {
        throw writeFailure(e, path, true);
      });
      pending.delete(tmp);
    },
    async abort() {
      if (!pending.has(tmp)) return;
      stream.destroy();
      pending.delete(tmp);
      await unlink(tmp).catch(() => undefined);
    },
  };
}

/** A device, FIFO or terminal: opened as it is (a FIFO waits for its reader) and written in place. */
async function openDirect(path: string): Promise<OutputFile> {
  const handle = await open(path, 'w').catch((e: NodeJS.ErrnoException) => {
    // A socket (what some process managers give as standard output) cannot be opened by name.
    if (e.code === 'ENXIO') throw new InputError('cannot write here: this is a socket, which cannot be opened by name (ENXIO); redirect standard output instead', path);
    throw new InputError(`cannot write here (${e.code ?? e.message})`, path);
  });
  const stream = handleStream(handle, path, false);
  return {
    stream,
    async commit() {
      stream.end();
      await finished(stream).catch((e) => {
        throw writeFailure(stream.errored ?? e, path);
      });
    },
    async abort() {
      stream.destroy();
    },
  };
}

/**
 * A writable stream over an open file whose errors are InputErrors naming the
 * file (a full disk is the user's problem to fix, not a bug). A listener is
 * always attached: a failure is reported by whoever writes or commits next.
 */
function handleStream(handle: FileHandle, path: string, untouched: boolean): Writable {
  const fail = (e: unknown) => writeFailure(e, path, untouched);
  const stream = new Writable({
    // A 1 MB buffer lets classification go on while the disk writes (backpressure still holds memory flat).
    highWaterMark: 1 << 20,
    writev(chunks, callback) {
      writeAll(
        handle,
        chunks.map((c) => c.chunk as Buffer),
      ).then(() => callback(), (e) => callback(fail(e)));
    },
    final(callback) {
      handle.close().then(() => callback(), (e) => callback(fail(e)));
    },
    destroy(error, callback) {
      handle.close().then(
        () => callback(error),
        () => callback(error),
      );
    },
  });
  stream.on('error', () => undefined);
  return stream;
}

async function writeAll(handle: FileHandle, buffers: Buffer[]): Promise<void> {
  let rest = buffers;
  for (;;) {
    const total = rest.reduce((n, b) => n + b.length, 0);
    const { bytesWritten } = await handle.writev(rest);
    if (bytesWritten >= total) return;
    // A short write (a pipe, a signal): continue with what is left.
    rest = [Buffer.concat(rest).subarray(bytesWritten)];
  }
}

/** A private file for data too large for memory, removed when done (or by a later run if this one is killed). */
export interface ScratchFile {
  path: string;
  stream: Writable;
  /** Finish writing; the file can then be read back. */
  close(): Promise<void>;
  remove(): Promise<void>;
}

/**
 * A scratch file beside `nextTo` (the disk the user chose for the output, not
 * a RAM-backed /tmp), or in TMPDIR without one. Named like every temporary
 * file kindred makes, so a later run removes it if this one is killed.
 */
export async function openScratch(nextTo: string | undefined, options: OutputOptions = {}): Promise<ScratchFile> {
  installCleanup();
  const dir = await scratchFolder(nextTo);
  await removeStaleTemporaries(join(dir, SCRATCH), options.notice);
  const path = join(dir, `${tempPrefix(SCRATCH)}${tempOwner()}-${Math.random().toString(36).slice(2, 8)}.tmp`);
  pending.add(path);
  const handle = await open(path, 'wx').catch((e: NodeJS.ErrnoException) => {
    pending.delete(path);
    throw new InputError(`cannot write a scratch file here (${e.code ?? e.message})`, path);
  });
  const stream = handleStream(handle, path, false);
  return {
    path,
    stream,
    async close() {
      stream.end();
      await finished(stream).catch((e) => {
        throw writeFailure(stream.errored ?? e, path);
      });
    },
    async remove() {
      if (!pending.delete(path)) return;
      stream.destroy();
      await unlink(path).catch(() => undefined);
    },
  };
}

const SCRATCH = 'kindred-scratch';

/** The folder of the file `nextTo` really lands in (through a link); TMPDIR for a device, a pipe or none. */
async function scratchFolder(nextTo: string | undefined): Promise<string> {
  const target = nextTo ? await targetOf(nextTo) : undefined;
  return target && target.kind !== 'special' ? dirname(target.path) : tmpdir();
}

export async function writeFileAtomic(path: string, content: string, options: OutputOptions = {}): Promise<void> {
  const file = await openOutput(path, options);
  try {
    file.stream.write(content);
    await file.commit();
  } catch (e) {
    await file.abort();
    throw e;
  }
}

// Temporary files are named `.NAME.kindred-HOST-PID-RANDOM.tmp`: a later run
// writing NAME recognises one whose process is gone (same host) or that is more
// than a day old as left by a run killed with SIGKILL, which nothing can clean
// up after, and removes it. Older versions named them `.NAME.PID.RANDOM.tmp`.
const DAY_MS = 24 * 60 * 60 * 1000;

function tempPrefix(name: string): string {
  return `.${name}.kindred-`;
}

function tempOwner(): string {
  return `${thisHost()}-${process.pid}`;
}

function thisHost(): string {
  return hostname().replace(/[^A-Za-z0-9.]/g, '_') || 'host';
}

/** The host and process id a temporary file of `name` was made by, or undefined when it is not one. */
export function temporaryOwner(name: string, file: string): { host?: string; pid: number } | undefined {
  const current = tempPrefix(name);
  if (file.startsWith(current) && file.endsWith('.tmp')) {
    const m = /^(.+)-(\d+)-[a-z0-9]+$/.exec(file.slice(current.length, -'.tmp'.length));
    return m ? { host: m[1]!, pid: Number(m[2]) } : undefined;
  }
  const legacy = `.${name}.`;
  if (file.startsWith(legacy) && file.endsWith('.tmp')) {
    const m = /^(\d+)\.[a-z0-9]{1,8}$/.exec(file.slice(legacy.length, -'.tmp'.length));
    return m ? { pid: Number(m[1]) } : undefined;
  }
  return undefined;
}

async function removeStaleTemporaries(target: string, notice?: (message: string) => void): Promise<void> {
  const dir = dirname(target);
  const name = basename(target);
  const entries = await readdir(dir).catch(() => [] as string[]);
  for (const entry of entries) {
    const owner = temporaryOwner(name, entry);
    if (!owner) continue;
    const path = join(dir, entry);
    const st = await lstat(path).catch(() => undefined);
    if (!st?.isFile()) continue;
    const sameHost = owner.host === undefined || owner.host === thisHost();
    const stale = (sameHost && !processAlive(owner.pid)) || Date.now() - st.mtimeMs > DAY_MS;
    if (!stale) continue;
    await unlink(path).then(
      () => notice?.(`kindred: removed ${path}, a temporary file left by an interrupted run`),
      () => undefined,
    );
  }
}

function processAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it exists, it is just not ours to signal.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
