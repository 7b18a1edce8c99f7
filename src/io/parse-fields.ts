/**
 * Cell parsers for the values real exports hold. Each returns `undefined` for
 * an empty or placeholder cell (unknown, never zero) and `null` when the cell
 * has text that cannot be read, so the caller can warn with the row number.
 */

const PLACEHOLDERS = new Set(['', '-', '—', '–', 'n/a', 'na', 'null', 'none', 'undefined', 'nan', '?']);
const LONGEST_PLACEHOLDER = Math.max(...[...PLACEHOLDERS].map((p) => p.length));

export function isPlaceholder(cell: string): boolean {
  // Most cells start with a digit or are longer than any placeholder: no lower-casing for them.
  const c = cell.charCodeAt(0);
  if (c >= 48 && c <= 57) return false;
  const t = cell.trim();
  if (t.length > LONGEST_PLACEHOLDER) return false;
  return PLACEHOLDERS.has(t.toLowerCase());
}

/** Whether s is only ASCII digits (and not empty). */
function allDigits(s: string): boolean {
  if (s.length === 0) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

function digitsAt(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

const GROUPED = /^\d{1,3}(?:([,. \u00a0\u202f'])\d{3})(?:\1\d{3})*$/;
const SUFFIXED = /^(\d+(?:[.,]\d+)?)\s*([kmb])$/i;
const PLAIN = /^\d+(?:\.\d+)?$/;

/**
 * A count: `12345`, `12,345`, `12.345` and `12 345` (thousands grouping in
 * either convention: a count is a whole number), `1.2K`, `11.6k`, `3M`, `1,5K`.
 */
export function parseCount(cell: string): number | undefined | null {
  const s = cell.trim();
  if (allDigits(s)) return Number(s);
  if (isPlaceholder(s)) return undefined;
  // Grouping first: "1.234" is a thousand and more in Europe, and a count is whole.
  if (GROUPED.test(s)) return Number(s.replace(/[^\d]/g, ''));
  if (PLAIN.test(s)) return Math.round(Number(s));
  const m = SUFFIXED.exec(s);
  if (m) {
    const n = Number(m[1]!.replace(',', '.'));
    const mult = { k: 1e3, m: 1e6, b: 1e9 }[m[2]!.toLowerCase() as 'k' | 'm' | 'b'];
    return Math.round(n * mult);
  }
  return null;
}

const TRUE = new Set(['true', 'yes', 'y', '1', 't', 'verified', 'x', '✓', 'ja', 'oui', 'si', 'sí']);
const FALSE = new Set(['false', 'no', 'n', '0', 'f', 'nein', 'non']);

export function parseBoolean(cell: string): boolean | undefined | null {
  const s = cell.trim().toLowerCase();
  if (isPlaceholder(s)) return undefined;
  if (TRUE.has(s)) return true;
  if (FALSE.has(s)) return false;
  return null;
}

const MONTHS: Record<string, number> = {
  jan: 0, feb: 1, mar: 2, apr: 3, may: 4, jun: 5, jul: 6, aug: 7, sep: 8, sept: 8, oct: 9, nov: 10, dec: 11,
  // German and French exports (LinkedIn, Meltwater) abbreviate differently.
  mrz: 2, mär: 2, mai: 4, okt: 9, dez: 11, janv: 0, févr: 1, fevr: 1, mars: 2, avr: 3, juin: 5, juil: 6, août: 7, aout: 7, déc: 11,
};

function monthIndex(word: string): number | undefined {
  const w = word.toLowerCase().replace(/\.$/, '');
  return MONTHS[w] ?? MONTHS[w.slice(0, 3)];
}

function utc(y: number, mo: number, d: number, h = 0, mi = 0, s = 0): Date | null {
  if (mo < 0 || mo > 11 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) return null;
  const date = new Date(Date.UTC(y, mo, d, h, mi, s));
  return date.getUTCDate() === d ? date : null;
}

function hour12(h: number, ampm: string | undefined): number {
  if (!ampm) return h;
  const pm = ampm.toLowerCase() === 'pm';
  return (h % 12) + (pm ? 12 : 0);
}

function fullYear(y: number): number {
  return y < 100 ? 2000 + y : y;
}

const ISO = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:Z|UTC|GMT|[+-]\d{2}:?\d{2})?)?$/i;
const EPOCH = /^\d{9,13}(?:\.\d+)?$/;
// 24 Aug 2023 · 3 Jan 2019 · 24-Aug-2023 · 24. Aug. 2023
const DAY_MON_YEAR = /^(\d{1,2})[\s.-]+([\p{L}]{3,5})\.?[\s.-]+(\d{2,4})(?:,?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([ap]m)?)?$/iu;
// Aug 24, 2023 · Feb 08, 2026 1:17 pm
const MON_DAY_YEAR = /^([\p{L}]{3,9})\.?\s+(\d{1,2}),?\s+(\d{4})(?:,?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([ap]m)?)?$/iu;
// Twitter v1.1: Fri Apr 06 10:58:22 +0000 2007
const TWITTER = /^[A-Za-z]{3}\s+([A-Za-z]{3})\s+(\d{1,2})\s+(\d{2}):(\d{2}):(\d{2})\s+([+-]\d{4})\s+(\d{4})$/;
// 7/8/26, 3:43 PM · 24/08/2023 · 08.24.2023 · 05-05-2008 20:18 (Excel re-saves)
const NUMERIC = /^(\d{1,2})([/.-])(\d{1,2})\2(\d{2}|\d{4})(?:,?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([ap]m)?)?$/i;

export type DateOrder = 'mdy' | 'dmy';

/**
 * A date cell wrapped in stray quotes (`"2021-03-04"`, `'24 Aug 2023'`), as
 * left by a script that quoted its values twice or an Excel re-save.
 */
function unquote(s: string): string {
  const first = s.charCodeAt(0);
  if ((first !== 34 && first !== 39) || s.length < 2) return s;
  return s.replace(/^["']+|["']+$/g, '').trim();
}

/**
 * What an all-numeric slash date says about the file's day/month order:
 * 24/08/2023 is day-first, 08/24/2023 month-first, 03/04/2025 could be either
 * (and then --date-order decides). Undefined for every other form, and for
 * dotted dates, which are day-first wherever they are used.
 */
export type DateOrderEvidence = 'ambiguous' | 'dayFirst' | 'monthFirst';

export function dateOrderEvidence(cell: string): DateOrderEvidence | undefined {
  const c = cell.charCodeAt(0);
  // Cheap guard: a numeric date starts with a digit and is short (ISO dates start with four digits: NUMERIC refuses them).
  if (!(c >= 48 && c <= 57) || cell.length > 40 || !(cell.includes('/') || cell.includes('-'))) return undefined;
  const m = NUMERIC.exec(cell.trim());
  if (!m) return undefined;
  const a = Number(m[1]);
  const b = Number(m[3]);
  if (a > 12 && b <= 12) return 'dayFirst';
  if (b > 12 && a <= 12) return 'monthFirst';
  return a !== b && a >= 1 && b >= 1 && a <= 12 && b <= 12 ? 'ambiguous' : undefined;
}

/** How many dates of each kind a file held (see dateOrderEvidence). */
export type DateOrderTally = Record<DateOrderEvidence, number>;

export function emptyDateOrderTally(): DateOrderTally {
  return { ambiguous: 0, dayFirst: 0, monthFirst: 0 };
}

/**
 * A date in any of the forms seen in real exports. Dates without a zone are
 * read as UTC. For all-numeric dates where both orders are possible (03/04/2024)
 * `order` decides; a day above 12 settles it either way.
 */
export function parseDate(cell: string, order: DateOrder = 'mdy'): Date | undefined | null {
  const s = unquote(cell.trim());
  // The commonest form, YYYY-MM-DD, without regexes or string building.
  if (s.length === 10 && s.charCodeAt(4) === 45 && s.charCodeAt(7) === 45) {
    const y = digitsAt(s, 0, 4);
    const mo = digitsAt(s, 5, 7);
    const d = digitsAt(s, 8, 10);
    if (y >= 1000 && mo >= 0 && d >= 0) return utc(y, mo - 1, d);
  }
  if (isPlaceholder(s)) return undefined;
  if (ISO.test(s)) {
    // `2010-04-13 09:44:30 +0000` (Python and database dumps): no space before the zone, and a colon in it.
    const iso = s
      .replace(' ', 'T')
      .replace(/\s*(UTC|GMT)$/i, 'Z')
      .replace(/\s*([+-]\d{2}):?(\d{2})$/, '$1:$2');
    const hasZone = /(?:Z|[+-]\d{2}:?\d{2})$/i.test(iso);
    const d = new Date(iso.length === 10 ? `${iso}T00:00:00Z` : hasZone ? iso : `${iso}Z`);
    if (Number.isNaN(d.getTime())) return null;
    // Date() rolls 2023-02-31 over to March; a real calendar day has a valid day number.
    const [y, mo, dd] = s.slice(0, 10).split('-').map(Number) as [number, number, number];
    return utc(y, mo - 1, dd) ? d : null;
  }
  if (EPOCH.test(s)) {
    const n = Number(s);
    return new Date(s.split('.')[0]!.length >= 12 ? n : n * 1000);
  }
  let m = TWITTER.exec(s);
  if (m) {
    const mo = monthIndex(m[1]!);
    if (mo === undefined) return null;
    const zone = m[6]!;
    const offsetMin = (zone[0] === '-' ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(3)));
    const d = utc(Number(m[7]), mo, Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5]));
    return d ? new Date(d.getTime() - offsetMin * 60_000) : null;
  }
  m = DAY_MON_YEAR.exec(s);
  if (m) {
    const mo = monthIndex(m[2]!);
    if (mo === undefined) return null;
    return utc(fullYear(Number(m[3])), mo, Number(m[1]), hour12(Number(m[4] ?? 0), m[7]), Number(m[5] ?? 0), Number(m[6] ?? 0));
  }
  m = MON_DAY_YEAR.exec(s);
  if (m) {
    const mo = monthIndex(m[1]!);
    if (mo === undefined) return null;
    return utc(Number(m[3]), mo, Number(m[2]), hour12(Number(m[4] ?? 0), m[7]), Number(m[5] ?? 0), Number(m[6] ?? 0));
  }
  m = NUMERIC.exec(s);
  if (m) {
    let a = Number(m[1]);
    let b = Number(m[3]);
    // A dotted date (24.08.2023) is day-first everywhere it is used.
    const dayFirst = a > 12 || (b <= 12 && (order === 'dmy' || m[2] === '.'));
    if (!dayFirst) [a, b] = [b, a];
    return utc(fullYear(Number(m[4])), b - 1, a, hour12(Number(m[5] ?? 0), m[8]), Number(m[6] ?? 0), Number(m[7] ?? 0));
  }
  return null;
}
