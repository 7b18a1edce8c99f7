import { clip, escapeControl } from '../safe-text.js';
import { shellQuote } from '../shell-quote.js';
import type { ColumnsNotMappedError } from './columns-error.js';
import type { FieldName } from './fields.js';
import type { ColumnPrompter } from './prompts.js';

type Answer = Partial<Record<FieldName, string>>;

const SKIP = Symbol('skip');

/**
 * When no column identifies the followers: shows the columns found with
 * sample values and asks which one is the handle, which the profile text and
 * which the engagement; then prints the `--map` flags that repeat the choice
 * without asking. Returns undefined when the user declines to pick a handle.
 */
export async function askColumns(error: ColumnsNotMappedError, prompter: ColumnPrompter, say: (line: string) => void): Promise<Answer | undefined> {
  say(`kindred: ${clip(error.file ?? 'the export', 60)}: no column is recognised as the follower's handle. Which columns hold what?`);
  const choices = error.columns.map((column, i) => {
    const samples = error.samples.map((row) => maskEmail(row[i]?.trim() ?? '')).filter(Boolean).slice(0, 3);
    return {
      name: clip(column || `(column ${i + 1}, no name)`, 40),
      value: column,
      ...(samples.length ? { description: `e.g. ${samples.map((s) => clip(s, 30)).join(' · ')}` } : {}),
    };
  });
  // A blank header cell cannot be named in --map, so it cannot be chosen.
  const named = choices.filter((c) => c.value.trim() !== '');
  const handle = await prompter.select<string | typeof SKIP>({
    id: 'columns.handle',
    message: 'Which column identifies each follower (username, profile URL or email)?',
    choices: [...named, { name: 'None of these: stop', value: SKIP }],
  });
  if (handle === SKIP) return undefined;
  // An email column identifies people but must never be shown as their handle.
  const answer: Answer = looksLikeEmails(error, handle) ? { email: handle } : { handle };
  const rest = named.filter((c) => c.value !== handle);
  const bio = await prompter.select<string | typeof SKIP>({
    id: 'columns.bio',
    message: 'Which column is the profile text (bio, headline)?',
    choices: [{ name: 'None', value: SKIP }, ...rest],
  });
  if (bio !== SKIP) answer.bio = bio;
  const engagement = await prompter.select<string | typeof SKIP>({
    id: 'columns.engagement',
    message: 'Which column counts engagement (likes, comments, interactions)?',
    choices: [{ name: 'None', value: SKIP }, ...rest.filter((c) => c.value !== bio)],
  });
  if (engagement !== SKIP) answer.interactions = engagement;
  say(`kindred: to skip these questions next time, add: ${escapeControl(mapFlags(answer))}`);
  return answer;
}

function looksLikeEmails(error: ColumnsNotMappedError, column: string): boolean {
  const i = error.columns.indexOf(column);
  const values = error.samples.map((row) => row[i]?.trim() ?? '').filter(Boolean);
  return values.length > 0 && values.every((v) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v));
}

/** Emails are personal data: a sample shows only their shape (`r…@example.com`). */
export function maskEmail(value: string): string {
  return value.replace(/([^\s@,;<>"']{1})[^\s@,;<>"']*@([\w.-]+\.\w+)/g, '$1…@$2');
}

/** The `--map` flags for a mapping, quoted for a POSIX shell. */
export function mapFlags(answer: Answer): string {
  return Object.entries(answer)
    .map(([field, header]) => `--map ${field}=${shellQuote(header ?? '')}`)
    .join(' ');
}
