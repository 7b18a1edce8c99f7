/**
 * Typed errors: user mistakes carry a message meant for the user and map to
 * exit code 2; anything else is a bug. `cli/main.ts` is the only place that
 * turns them into exit codes.
 */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** A problem with an input file; `where` names the file and, when known, the line. */
export class InputError extends Error {
  override name = 'InputError';
  constructor(
    message: string,
    readonly file?: string,
    readonly line?: number,
  ) {
    super(message);
  }
}

/** A configuration file (values file, batch manifest) with one or more problems. */
export class ConfigError extends Error {
  override name = 'ConfigError';
  constructor(
    readonly file: string,
    readonly details: string[],
  ) {
    super(`${file}: ${details.length} problem${details.length === 1 ? '' : 's'}`);
  }
}

/** A gate (--fail-under and friends) failed: the report is complete, the exit code is 1. */
export class GateError extends Error {
  override name = 'GateError';
}

/** The user stopped an interactive command (Ctrl-C in a prompt): nothing was written. */
export class CancelledError extends Error {
  override name = 'CancelledError';
}

/** 130 for a cancelled prompt follows the shell convention for SIGINT (128 + 2). */
export const EXIT = { ok: 0, gate: 1, usage: 2, internal: 70, cancelled: 130 } as const;

export function isUserError(e: unknown): e is UsageError | InputError | ConfigError {
  return e instanceof UsageError || e instanceof InputError || e instanceof ConfigError;
}

export function formatUserError(e: UsageError | InputError | ConfigError): string {
  if (e instanceof ConfigError) {
    return [`error: ${e.file} is not valid:`, ...e.details.map((d) => `  - ${d}`)].join('\n');
  }
  if (e instanceof InputError && e.file) {
    const where = e.line ? `${e.file}:${e.line}` : e.file;
    return `error: ${where}: ${e.message}`;
  }
  return `error: ${e.message}`;
}

/** A broken invariant inside kindred: a bug, never the user's fault. */
export class InternalError extends Error {
  override name = 'InternalError';
}
