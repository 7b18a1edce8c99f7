/**
 * How large one row of an export may be. Real rows are a few hundred
 * characters (an X bio holds 160, a LinkedIn summary 2,600); these limits are
 * hundreds of times that. They exist so that one endless line — a file cut
 * short, glued together or built to hurt — costs one skipped row
 * (`MALFORMED_ROW`), not all the memory there is: the rest of the file is read
 * in flat memory. Counted in characters of decoded text, as written in the
 * file (quotes and escapes included). Documented in the README (Bad input).
 */
export interface RowLimits {
  /** Characters in one cell (CSV) or one string (JSON). */
  cell: number;
  /** Characters in one row (CSV record) or one list element (JSON). */
  row: number;
}

export const ROW_LIMITS: RowLimits = { cell: 1024 * 1024, row: 16 * 1024 * 1024 };

/** Characters of a too-large row kept as its original text (for --rejects). */
export const RAW_KEPT = 1024;

const TOO_LARGE = {
  row: (size: string) => `the row is larger than ${size} (the limit for one row); it was skipped and reading went on at the next line`,
  cell: (size: string) => `a cell is larger than ${size} (the limit for one cell); the row was skipped`,
  entry: (size: string) => `the entry is larger than ${size} (the limit for one entry); it was skipped`,
  text: (size: string) => `a text in the entry is larger than ${size} (the limit for one text); the entry was skipped`,
};

/** Why a row (CSV) or an entry (JSON) was skipped as too large. */
export function tooLarge(what: keyof typeof TOO_LARGE, limits: RowLimits): string {
  return TOO_LARGE[what](size(what === 'row' || what === 'entry' ? limits.row : limits.cell));
}

function size(chars: number): string {
  return chars >= 1024 * 1024 ? `${chars / (1024 * 1024)} MB` : `${chars} characters`;
}
