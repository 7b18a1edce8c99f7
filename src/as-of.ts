import { UsageError } from './errors.js';

/** `--as-of YYYY-MM-DD` (default: today, UTC): the day recency and account age are measured from. */
export function parseAsOf(value: string | undefined, now: () => Date = () => new Date()): Date {
  if (value === undefined) {
    const d = now();
    return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
  }
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value.trim());
  const date = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : undefined;
  if (!date || Number.isNaN(date.getTime()) || date.getUTCDate() !== Number(m![3])) {
    throw new UsageError(`--as-of takes a date like 2026-11-01, not "${value}"`);
  }
  return date;
}
