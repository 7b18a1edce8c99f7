import type { Writable } from 'node:stream';
import { InputError } from './errors.js';

// Kept outside io/ so the process entry point (cli/io.ts) can use it without loading any file-reading code.

/** What a failed write means to the person who asked for the file. */
const CAUSES: Record<string, string> = {
  ENOSPC: 'the disk is full (ENOSPC)',
  EDQUOT: 'the disk quota is used up (EDQUOT)',
  EIO: 'the disk reported an input/output error (EIO)',
  EPIPE: 'the program reading it closed it early (EPIPE)',
  EFBIG: 'the file is larger than this file system allows (EFBIG)',
  EROFS: 'the file system is read-only (EROFS)',
  EACCES: 'permission denied (EACCES)',
  EPERM: 'operation not permitted (EPERM)',
};

/**
 * A write error as the user's mistake-or-misfortune it is (exit 2), naming the
 * file and the cause, never a stack. Errors already explained pass through.
 */
export function writeFailure(e: unknown, file: string, untouched = false): InputError {
  if (e instanceof InputError) return e;
  const code = (e as NodeJS.ErrnoException)?.code;
  const cause = (code && CAUSES[code]) ?? (code ? `${(e as Error).message.split(',')[0]}` : String((e as Error)?.message ?? e));
  return new InputError(`could not write it: ${cause}${untouched ? '; nothing was replaced' : ''}`, file);
}

/**
 * Resolves when `out` can take more, rejects when it failed or closed: a
 * writer waiting for 'drain' on a stream that has already failed would wait
 * for ever (the hang of a full disk behind worker threads).
 */
export function drained(out: Writable): Promise<void> {
  if (out.errored) return Promise.reject(out.errored);
  if (out.destroyed || out.writableEnded) return Promise.reject(new Error('the output closed before everything was written'));
  if (!out.writableNeedDrain) return Promise.resolve();
  return new Promise<void>((resolve, reject) => {
    const settle = (e?: Error | null) => {
      out.off('drain', onDrain).off('error', settle).off('close', onClose);
      if (e) reject(e);
      else resolve();
    };
    const onDrain = () => settle();
    const onClose = () => settle(out.errored ?? new Error('the output closed before everything was written'));
    out.on('drain', onDrain).on('error', settle).on('close', onClose);
  });
}

/** Writes `text` and waits until it is written (its callback), so a failure surfaces here. */
export function writeAndWait(out: Writable, text: string | Uint8Array): Promise<void> {
  if (out.errored) return Promise.reject(out.errored);
  return new Promise<void>((resolve, reject) => {
    out.write(text, (e) => (e ? reject(out.errored ?? e) : resolve()));
  });
}
