import type { Writable } from 'node:stream';
import { escapeControl, safeJson } from '../safe-text.js';
import { drained, writeAndWait } from '../write-failure.js';
import { type FollowerRecord, RECORD_FIELDS, type RecordField } from './records.js';

// Per-follower output is streamed: lines made by recordSerialiser (see
// follower-lines.ts) go out through createBatchedWriter, which waits for the
// destination to drain (backpressure) so memory stays flat for millions of rows.

/** The record fields written, in column order: emails and comments only when asked for. */
export function recordFields(includeEmails: boolean, includeComments = false): readonly RecordField[] {
  return RECORD_FIELDS.filter((f) => (f !== 'email' || includeEmails) && (f !== 'comments' || includeComments));
}

/** One record as one line of CSV or NDJSON. `terminal`: escape control characters in CSV cells. */
export function recordSerialiser(format: 'csv' | 'ndjson', fields: readonly RecordField[], terminal: boolean): (r: FollowerRecord) => string {
  if (format === 'ndjson') return (r) => `${safeJson(r)}\n`;
  const cell = terminal
    ? (v: unknown) => (typeof v === 'string' ? escapeControl(v) : Array.isArray(v) ? v.map((x) => escapeControl(String(x))) : v)
    : (v: unknown) => v;
  return (r) => csvLine(fields.map((f) => cell(r[f])));
}

/**
 * Text batched into ~64 KB writes (one write per row costs more than the row),
 * waiting for the destination to drain when it asks to (backpressure). A
 * destination that fails (a full disk) rejects the next write and `end()`.
 */
export function createBatchedWriter(out: Writable, first = '') {
  let buffer = first;
  const flush = (): Promise<void> | undefined => {
    if (!buffer) return undefined;
    const ok = out.write(buffer);
    buffer = '';
    return ok ? undefined : drained(out);
  };
  return {
    /** Text, or text already encoded as UTF-8 (a worker thread's lines): written after what is buffered. */
    write(text: string | Uint8Array): Promise<void> | undefined {
      if (typeof text !== 'string') {
        const waited = flush();
        const ok = out.write(text);
        return waited || (ok ? undefined : drained(out));
      }
      buffer += text;
      return buffer.length >= 65536 ? flush() : undefined;
    },
    /** Writes what is left and waits until it is written: a failure of any earlier write surfaces here too. */
    async end(): Promise<void> {
      const rest = buffer;
      buffer = '';
      await writeAndWait(out, rest);
    },
  };
}

/** Characters that make a spreadsheet treat a cell as a formula (or a DDE command). */
const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;
const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

/**
 * One CSV cell, safe to open in a spreadsheet: text that would start a
 * formula gets a leading apostrophe (shown as text, not evaluated), then
 * RFC 4180 quoting. Lists are joined with "; ".
 */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let s = Array.isArray(value) ? value.join('; ') : typeof value === 'number' ? String(value) : String(value);
  if (typeof value !== 'number' && FORMULA_START.test(s)) s = `'${s}`;
  return NEEDS_QUOTES.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvLine(values: unknown[]): string {
  return `${values.map(csvCell).join(',')}\r\n`;
}
