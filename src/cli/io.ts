import type { Readable, Writable } from 'node:stream';
import type { ColumnPrompter } from '../io/prompts.js';

/** The process's streams and terminal facts, injected so commands can be tested without spawning. */
export interface CliIo {
  stdout: Writable;
  stderr: Writable;
  stdin: Readable;
  stdoutIsTTY: boolean;
  stderrIsTTY: boolean;
  stdinIsTTY: boolean;
  columns?: number;
  env: NodeJS.ProcessEnv;
  /** Answers interactive questions; tests inject one, the terminal one is made on demand. */
  prompter?: ColumnPrompter;
}

export function processIo(): CliIo {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    stdoutIsTTY: !!process.stdout.isTTY,
    stderrIsTTY: !!process.stderr.isTTY,
    stdinIsTTY: !!process.stdin.isTTY,
    ...(process.stdout.columns ? { columns: process.stdout.columns } : {}),
    env: process.env,
  };
}

/** Writes to a stream and waits for it to drain when its buffer is full. */
export async function writeOut(stream: Writable, text: string): Promise<void> {
  if (!stream.write(text)) await new Promise<void>((resolve) => stream.once('drain', resolve));
}
