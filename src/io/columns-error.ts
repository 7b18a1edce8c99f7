import { InputError } from '../errors.js';
import { parseDate } from './parse-fields.js';

/** Columns listed in the message, and characters shown of each: a header of one endless cell must not flood the terminal. */
const SHOWN_COLUMNS = 30;
const SHOWN_NAME_CHARS = 60;

/**
 * The columns needed to identify followers could not be found. Carries what
 * was found so the CLI can ask interactively or print the `--map` that fixes it.
 */
export class ColumnsNotMappedError extends InputError {
  override name = 'ColumnsNotMappedError';
  /** The first row is data, not a header: asking which column is the handle would make no sense. */
  readonly headerIsData: boolean;
  constructor(
    file: string,
    readonly columns: string[],
    /** First data rows, for showing sample values when asking. */
    readonly samples: string[][],
  ) {
    const data = dataInHeader(columns);
    if (data.length > 0) {
      // A person's first name taken for a column name helps nobody: say the header is missing.
      super(
        `the first row holds data (${data.join(', ')}), not column names: the header row seems to be missing. Put the export's header line back at the top${
          columns.some((c) => LINKEDIN_PROFILE.test(c)) || (columns.length >= 6 && columns.length <= 7 && parseDate(columns.at(-1) ?? '') instanceof Date)
            ? ` (for LinkedIn Connections.csv: ${columns.length === 6 ? 'First Name,Last Name,Email Address,Company,Position,Connected On' : 'First Name,Last Name,URL,Email Address,Company,Position,Connected On'})`
            : ''
        }, or export the file again`,
        file,
      );
      this.headerIsData = true;
      return;
    }
    const shown = columns.slice(0, SHOWN_COLUMNS).map((c) => JSON.stringify(shortName(c)));
    if (columns.length > SHOWN_COLUMNS) shown.push(`… ${columns.length - SHOWN_COLUMNS} more`);
    const guess = suggestMapping(columns, samples);
    // A suggested --map must be the exact column name: one too long to show is not suggested.
    const fits = (c: string | undefined): c is string => c !== undefined && c.length <= SHOWN_NAME_CHARS;
    const example = fits(guess.handle)
      ? ` From the first rows, probably: --map handle=${JSON.stringify(guess.handle)}${fits(guess.bio) ? ` --map bio=${JSON.stringify(guess.bio)}` : ''}.`
      : '';
    super(
      `no column identifies the followers (a handle, username or profile URL). Columns found: ${shown.join(', ')}. Name the handle column with --map handle="<column>" (and, if present, --map bio="<column>").${example}`,
      file,
    );
    this.headerIsData = false;
  }
}

/** A column name cut to what a message can show (sliced first: the name may be megabytes long). */
function shortName(column: string): string {
  if (column.length <= SHOWN_NAME_CHARS) return column;
  return `${[...column.slice(0, SHOWN_NAME_CHARS)].slice(0, SHOWN_NAME_CHARS - 1).join('')}…`;
}

const LINKEDIN_PROFILE = /^https?:\/\/(?:[\w-]+\.)?linkedin\.com\/in\//i;
const EMAIL = /^[^\s@]+@[^\s@]+\.[a-z]{2,}$/i;

/**
 * What in a header row can only be data: a profile URL, an email address, a
 * date. Named by kind, never quoted (the row is someone's personal data).
 */
export function dataInHeader(columns: readonly string[]): string[] {
  const kinds = new Set<string>();
  for (const raw of columns) {
    const c = raw.trim();
    if (/^https?:\/\//i.test(c)) kinds.add('a web address');
    else if (EMAIL.test(c)) kinds.add('an email address');
    else if (/\d/.test(c) && parseDate(c) instanceof Date) kinds.add('a date');
  }
  return [...kinds];
}

// Emails are left out on purpose: a handle column is printed, an email never is.
const HANDLE_LIKE = /^(?:@[\w.]{1,40}|https?:\/\/\S+\/[\w.-]+\/?|[\w.]{2,40})$/;

/**
 * A best guess at the handle and profile-text columns from sample values: the
 * handle column is the first whose samples all look like handles or profile
 * URLs; the bio is the column with the most words per cell.
 */
export function suggestMapping(columns: string[], samples: string[][]): { handle?: string; bio?: string } {
  const values = (i: number) => samples.map((row) => (row[i] ?? '').trim()).filter(Boolean);
  const named = columns.map((c, i) => ({ c, i })).filter(({ c, i }) => c.trim() !== '' && values(i).length > 0);
  const handle = named.find(({ i }) => values(i).every((v) => HANDLE_LIKE.test(v)) && values(i).some((v) => /[a-z]/i.test(v)));
  let bio: { c: string; words: number } | undefined;
  for (const { c, i } of named) {
    if (c === handle?.c) continue;
    const vs = values(i);
    const words = vs.reduce((n, v) => n + v.split(/\s+/).length, 0) / vs.length;
    if (words >= 2 && (!bio || words > bio.words)) bio = { c, words };
  }
  return { ...(handle ? { handle: handle.c } : {}), ...(bio ? { bio: bio.c } : {}) };
}
