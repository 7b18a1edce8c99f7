import type { Writable } from 'node:stream';
import type { SkippedRow } from '../io/rows.js';
import { createBatchedWriter, csvLine } from './follower-sinks.js';

/** The columns of a `--rejects` file, in order. */
export const REJECT_FIELDS = ['file', 'line', 'code', 'detail', 'text', 'cells'] as const;

export interface RejectsSink {
  write(row: SkippedRow): Promise<void> | undefined;
  end(): Promise<void>;
}

/**
 * `--rejects FILE`: every skipped row as one CSV record, streamed. `text` is
 * the original line when the row could not be split into cells (an unclosed
 * quote), `cells` the row's cells as a JSON array otherwise; duplicates and
 * excluded followers have neither (their detail names the handle). Cells go
 * through the same spreadsheet-safe writer as the follower records, and email
 * addresses are blanked unless --include-emails: a rejects file is still
 * personal data.
 */
export function createRejectsSink(out: Writable, options: { bom?: boolean; includeEmails?: boolean } = {}): RejectsSink {
  const redact = options.includeEmails ? (s: string) => s : redactEmails;
  const writer = createBatchedWriter(out, (options.bom ? '\uFEFF' : '') + csvLine([...REJECT_FIELDS]));
  return {
    write(row) {
      return writer.write(csvLine([
        row.file,
        row.line,
        row.code,
        row.detail ?? '',
        row.raw === undefined ? '' : redact(row.raw),
        row.cells === undefined ? '' : JSON.stringify(row.cells.map(redact)),
      ]));
    },
    end: () => writer.end(),
  };
}

// Anchored and applied per word, so a megabyte-long cell cannot make it backtrack.
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s.]{2,}$/;

/** Blanks anything that looks like an email address; handles (`@name`) are kept. */
export function redactEmails(text: string): string {
  if (!text.includes('@')) return text;
  return text
    .split(/([\s,;"'<>()[\]]+)/)
    .map((word) => (EMAIL.test(word) ? '[email removed]' : word))
    .join('');
}
