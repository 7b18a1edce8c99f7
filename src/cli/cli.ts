import { CommanderError } from 'commander';
import { CancelledError, EXIT, formatUserError, GateError, isUserError } from '../errors.js';
import { escapeLines } from '../safe-text.js';
import { VERSION } from '../version.js';
import { type CliIo, processIo } from './io.js';
import { buildProgram } from './program.js';

/**
 * The process boundary: runs the program and maps every outcome to an exit
 * code. 0 done, 1 a gate failed, 2 usage or input error, 70 a bug, 130 cancelled
 * at a prompt.
 */
export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  const program = buildProgram(io, VERSION);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return EXIT.ok;
  } catch (e) {
    if (e instanceof CommanderError) {
      // Help and version exit "successfully" through an error in exitOverride mode.
      return e.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (e instanceof CancelledError) {
      // Ctrl-C at a question: a quiet exit, nothing was written.
      io.stderr.write('\n');
      return EXIT.cancelled;
    }
    if (e instanceof GateError) {
      io.stderr.write(`kindred: gate failed: ${escapeLines(e.message)}\n`);
      return EXIT.gate;
    }
    if (isUserError(e)) {
      // Messages quote file names, headers and cells: never let them drive the terminal.
      io.stderr.write(`${escapeLines(formatUserError(e))}\n`);
      return EXIT.usage;
    }
    if (isEpipe(e)) return EXIT.ok;
    const err = e as Error;
    io.stderr.write(`kindred: internal error (this is a bug, please report it): ${escapeLines(err?.stack ?? String(e))}\n`);
    return EXIT.internal;
  }
}

function isEpipe(e: unknown): boolean {
  return (e as NodeJS.ErrnoException)?.code === 'EPIPE';
}

