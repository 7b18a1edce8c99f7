import { type Readable, Writable } from 'node:stream';
import { createPrompt, isBackspaceKey, isEnterKey, isTabKey, makeTheme, type Status, useKeypress, usePrefix, useState } from '@inquirer/core';
import { checkbox, confirm, input, select } from '@inquirer/prompts';
import { CancelledError } from '../errors.js';
import { mirrorTerminal } from '../mirror-terminal.js';

/**
 * Every question kindred asks goes through a Prompter, so the wizard never
 * touches a terminal itself: the CLI hands it the inquirer-backed prompter
 * (only when stdin and stdout are terminals), tests hand it scripted answers.
 * Each question has a stable `id` (`value.2.terms`) the scripted prompter keys on.
 */
export interface InputQuestion {
  id: string;
  message: string;
  default?: string;
  /** true when the answer is acceptable, otherwise the message to show. */
  validate?: (value: string) => true | string;
  /** Extra text shown after the answer while it is being typed (live suggestions). */
  hint?: (value: string) => string;
}

export interface ConfirmQuestion {
  id: string;
  message: string;
  default?: boolean;
}

export interface Choice<T> {
  name: string;
  /** Shown under the list while the choice is highlighted (sample values). */
  description?: string;
  /** Shown in the answer line once chosen (default: name). */
  short?: string;
  value: T;
  checked?: boolean;
}

export interface CheckboxQuestion<T> {
  id: string;
  message: string;
  choices: Choice<T>[];
}

export interface SelectQuestion<T> {
  id: string;
  message: string;
  choices: Choice<T>[];
  default?: T;
}

/** Asking which column is which needs only a choice from a list. */
export type ColumnPrompter = Pick<Prompter, 'select'>;

export interface Prompter {
  input(q: InputQuestion): Promise<string>;
  confirm(q: ConfirmQuestion): Promise<boolean>;
  checkbox<T>(q: CheckboxQuestion<T>): Promise<T[]>;
  select<T>(q: SelectQuestion<T>): Promise<T>;
  /** Prints text between questions. */
  say(text: string): void;
}

/**
 * The real prompts. Inquirer turns Ctrl-C into an ExitPromptError (the
 * terminal is in raw mode, so no SIGINT arrives); it becomes a CancelledError,
 * which the CLI maps to exit code 130.
 */
export function inquirerPrompter(streams: { input: Readable; output: Writable }): Prompter {
  const guard = async <T>(run: (context: { input: Readable; output: Writable }) => Promise<T>): Promise<T> => {
    try {
      return await run({ input: streams.input, output: promptView(streams.output) });
    } catch (e) {
      if ((e as Error)?.name === 'ExitPromptError' || (e as Error)?.name === 'AbortPromptError') {
        throw new CancelledError('cancelled; nothing was written');
      }
      throw e;
    }
  };
  return {
    input: (q) =>
      guard((context) =>
        q.hint
          ? hintedInput({ message: q.message, hint: q.hint, ...(q.default !== undefined ? { default: q.default } : {}), ...(q.validate ? { validate: q.validate } : {}) }, context)
          : input(
              {
                message: q.message,
                ...(q.default !== undefined ? { default: q.default } : {}),
                ...(q.validate ? { validate: q.validate } : {}),
              },
              context,
            ),
      ),
    confirm: (q) => guard((context) => confirm({ message: q.message, ...(q.default !== undefined ? { default: q.default } : {}) }, context)),
    checkbox: <T>(q: CheckboxQuestion<T>) =>
      guard((context) =>
        checkbox<T>(
          { message: q.message, choices: q.choices.map((c) => ({ name: c.name, value: c.value, checked: !!c.checked, ...(c.short ? { short: c.short } : {}) })), pageSize: 12 },
          context,
        ),
      ),
    select: <T>(q: SelectQuestion<T>) =>
      guard((context) =>
        select<T>(
          {
            message: q.message,
            choices: q.choices.map((c) => ({ name: c.name, value: c.value, ...(c.description ? { description: c.description } : {}) })),
            pageSize: 12,
            ...(q.default !== undefined ? { default: q.default } : {}),
          },
          context,
        ),
      ),
    say: (text) => {
      streams.output.write(`${text}\n`);
    },
  };
}

/**
 * inquirer pipes each prompt into its output and ends that pipe when the
 * prompt is answered. Node's pipe spares only process.stdout and stderr from
 * being ended with it, so the stream kindred writes to (standard output that
 * survives a closed reader, see cli/io.ts) was ended after the first answer
 * and the next line said between questions failed with "write after end".
 * Each prompt gets its own view of the terminal instead, which it may end:
 * writes pass through, and the width and TTY-ness inquirer lays out by are
 * the terminal's.
 */
export function promptView(out: Writable): Writable {
  const view = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      out.write(chunk, (err) => callback(err ?? undefined));
    },
  });
  return mirrorTerminal(view, out);
}


/**
 * Answers given in advance, keyed by question id. A question with no answer
 * takes its default (checkboxes: the pre-checked choices); an input with no
 * answer and no default fails, so a test notices a question it did not expect.
 * Answers are validated like typed ones. Checkbox answers name choices by
 * value; select answers by value or by the name shown.
 */
export interface ScriptedPrompter extends Prompter {
  /** Ids of the questions asked, in order. */
  asked: string[];
  /** Everything said between questions. */
  said: string[];
}

export function scriptedPrompter(answers: Record<string, unknown>): ScriptedPrompter {
  const asked: string[] = [];
  const said: string[] = [];
  const has = (id: string) => Object.hasOwn(answers, id);
  return {
    asked,
    said,
    async input(q) {
      asked.push(q.id);
      const value = has(q.id) ? String(answers[q.id]) : q.default;
      if (value === undefined) throw new Error(`no scripted answer for "${q.id}" (${q.message})`);
      const verdict = q.validate?.(value) ?? true;
      if (verdict !== true) throw new Error(`scripted answer for "${q.id}" rejected: ${verdict}`);
      return value;
    },
    async confirm(q) {
      asked.push(q.id);
      if (has(q.id)) return Boolean(answers[q.id]);
      return q.default ?? false;
    },
    async checkbox<T>(q: CheckboxQuestion<T>) {
      asked.push(q.id);
      if (!has(q.id)) return q.choices.filter((c) => c.checked).map((c) => c.value);
      const wanted = answers[q.id] as unknown[];
      return q.choices.filter((c) => wanted.includes(c.value)).map((c) => c.value);
    },
    async select<T>(q: SelectQuestion<T>) {
      asked.push(q.id);
      const wanted = has(q.id) ? answers[q.id] : q.default;
      const choice = q.choices.find((c) => c.value === wanted || c.name === wanted) ?? (has(q.id) ? undefined : q.choices[0]);
      if (!choice) throw new Error(`scripted answer for "${q.id}" is not one of the choices`);
      return choice.value;
    },
    say(text) {
      said.push(text);
    },
  };
}

interface HintedInputConfig {
  message: string;
  default?: string;
  validate?: (value: string) => true | string;
  hint: (value: string) => string;
}

/**
 * inquirer's input, with a live hint on the line below the answer (what the
 * term being typed will also match, which variants to consider). inquirer's
 * own `transformer` cannot do this: text after the answer on the same line
 * puts the cursor in the wrong place.
 */
const hintedInput = createPrompt<string, HintedInputConfig>((config, done) => {
  const theme = makeTheme();
  const [status, setStatus] = useState<Status>('idle');
  const [defaultValue = '', setDefaultValue] = useState<string | undefined>(config.default);
  const [error, setError] = useState<string | undefined>(undefined);
  const [value, setValue] = useState('');
  const prefix = usePrefix({ status, theme });
  useKeypress((key, rl) => {
    if (status !== 'idle') return;
    if (isEnterKey(key)) {
      const answer = value || defaultValue;
      const verdict = config.validate?.(answer) ?? true;
      if (verdict === true) {
        setValue(answer);
        setStatus('done');
        done(answer);
      } else {
        // Enter cleared the line: put the text back so it can be fixed, not retyped.
        rl.write(value);
        setError(verdict);
      }
    } else if (isBackspaceKey(key) && !value) {
      setDefaultValue(undefined);
    } else if (isTabKey(key) && !value) {
      setDefaultValue(undefined);
      rl.clearLine(0);
      rl.write(defaultValue);
      setValue(defaultValue);
    } else {
      setValue(rl.line);
      setError(undefined);
    }
  });
  const message = theme.style.message(config.message, status);
  const shown = status === 'done' ? theme.style.answer(value) : value;
  const defaultText = defaultValue && status !== 'done' && !value ? theme.style.defaultAnswer(defaultValue) : undefined;
  const below = error ? theme.style.error(error) : status === 'done' ? '' : config.hint(value);
  return [[prefix, message, defaultText, shown].filter((v) => v !== undefined).join(' '), below];
});
