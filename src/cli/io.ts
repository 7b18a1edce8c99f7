import { type Readable, Writable } from 'node:stream';
import type { ColumnPrompter } from '../io/prompts.js';
import { mirrorTerminal } from '../mirror-terminal.js';
import { writeAndWait, writeFailure } from '../write-failure.js';

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
    stdout: outlivingItsReader(process.stdout),
    stderr: process.stderr,
    stdin: process.stdin,
    stdoutIsTTY: !!process.stdout.isTTY,
    stderrIsTTY: !!process.stderr.isTTY,
    stdinIsTTY: !!process.stdin.isTTY,
    ...(process.stdout.columns ? { columns: process.stdout.columns } : {}),
    env: process.env,
  };
}

/**
 * `-` at a terminal: kindred waits for text that may never come, so say what
 * it waits for and how to end it. Not when standard input is a pipe or file.
 */
export function hintStandardInput(io: Pick<CliIo, 'stdinIsTTY' | 'stderr'>, paths: readonly string[], what: string): void {
  if (!io.stdinIsTTY || !paths.includes('-')) return;
  const end = process.platform === 'win32' ? 'Ctrl-Z then Enter' : 'Ctrl-D';
  io.stderr.write(`kindred: reading ${what} from standard input; paste CSV and press ${end} when done, or give a file instead of -\n`);
}

/** Writes to a stream and waits until it is written, so a failure (a full disk behind `>`) is reported, not lost. */
export async function writeOut(stream: Writable, text: string): Promise<void> {
  await writeAndWait(stream, text);
}

/**
 * Standard output that, once its reader has gone (EPIPE: `kindred audit … |
 * head -1`), swallows further writes instead of failing them, so a run that
 * is still writing files (--followers-out, --rejects) can finish them.
 * main.ts ends a run with no files to finish at once. Any other failure (a
 * full disk behind `> report.json`) is an input error naming standard output,
 * delivered to the writer that waits for it (writeOut, a batched writer).
 */
export function outlivingItsReader(out: Writable): Writable {
  let gone = false;
  out.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') gone = true;
  });
  const view = new Writable({
    highWaterMark: 64 * 1024,
    write(chunk: Buffer, _encoding, callback) {
      if (gone) return callback();
      const done = (err?: Error | null) => {
        const code = (err as NodeJS.ErrnoException | null | undefined)?.code;
        if (err && (gone || code === 'EPIPE' || code === 'ERR_STREAM_DESTROYED')) {
          gone = true;
          callback();
        } else callback(err ? writeFailure(err, 'standard output') : undefined);
      };
      try {
        out.write(chunk, done);
      } catch (e) {
        // Standard output redirected to a file is written synchronously: its errors are thrown.
        done(e as Error);
      }
    },
  });
  // Failures reach the writers through their callbacks and drained(); the event itself is not news.
  view.on('error', () => undefined);
  return mirrorTerminal(view, out);
}
