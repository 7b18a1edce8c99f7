import { UsageError } from './errors.js';

/** `--as-of YYYY-MM-DD` (default: today, UTC): the day recency and account age are measured from. */
export function parseAsOf(value: string | undefined, now: () => Date = () => new Date()): Date {
  if (value === undefined) {
    const d = now();
    return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
  }
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value.trim());
  if (!m) throw new UsageError(`--as-of takes a date like 2026-11-01 (YYYY-MM-DD), not "${value}"`);
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  // Date.UTC rolls over quietly (month 13 is next January, month 0 last December): check each part instead.
  if (month < 1 || month > 12) throw new UsageError(`--as-of ${value.trim()}: there is no month ${month}; write YYYY-MM-DD with a month from 01 to 12`);
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  if (day < 1 || date.getUTCMonth() !== month - 1) {
    throw new UsageError(`--as-of ${value.trim()}: ${m[1]}-${m[2]} has no day ${day}`);
  }
  return date;
}
