import { PassThrough } from 'node:stream';
import type { CliIo } from '../../src/cli/io.js';

/** A CliIo writing to strings, for commands called in-process. Not a terminal. */
export function fakeIo(): CliIo & { out: () => string; err: () => string } {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d) => {
    out += String(d);
  });
  stderr.on('data', (d) => {
    err += String(d);
  });
  return {
    stdout,
    stderr,
    stdin: new PassThrough(),
    stdoutIsTTY: false,
    stderrIsTTY: false,
    stdinIsTTY: false,
    env: { NO_COLOR: '1' },
    out: () => out,
    err: () => err,
  };
}
