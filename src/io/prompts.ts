import type { Readable, Writable } from 'node:stream';

/**
 * Every interactive question kindred asks goes through a Prompter, so tests
 * inject answers and the rest of the code never imports inquirer. Prompts are
 * only created in a terminal: callers check the TTY facts first.
 */
export interface Choice<T> {
  name: string;
  value: T;
  description?: string;
}

export interface Prompter {
  select<T>(message: string, choices: Choice<T>[]): Promise<T>;
}

/** The user pressed Ctrl-C (or closed the terminal) at a prompt: exit quietly with 130. */
export class PromptCancelledError extends Error {
  override name = 'PromptCancelledError';
  constructor() {
    super('cancelled');
  }
}

/** A Prompter drawing on the terminal with @inquirer/prompts; questions go to stderr so stdout stays data. */
export function terminalPrompter(input: Readable, output: Writable): Prompter {
  return {
    async select(message, choices) {
      const { select } = await import('@inquirer/prompts');
      try {
        return await select({ message, choices, pageSize: 12 }, { input, output });
      } catch (e) {
        if ((e as Error)?.name === 'ExitPromptError' || (e as Error)?.name === 'AbortPromptError') throw new PromptCancelledError();
        throw e;
      }
    },
  };
}
