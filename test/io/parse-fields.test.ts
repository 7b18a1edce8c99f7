import { describe, expect, it } from 'vitest';
import { parseBoolean, parseCount, parseDate } from '../../src/io/parse-fields.js';

const day = (d: Date | null | undefined) => (d instanceof Date ? d.toISOString() : d);

describe('parseCount', () => {
  it.each([
    ['1204', 1204],
    ['1,204', 1204],
    ['12,345,678', 12345678],
    ['1.234', 1234],
    ['12 345', 12345],
    ['12.5K', 12500],
    ['1.2k', 1200],
    ['1,5K', 1500],
    ['3M', 3_000_000],
    ['0', 0],
  ])('reads %s as %d', (cell, n) => {
    expect(parseCount(cell)).toBe(n);
  });

  it('reads empty and placeholder cells as unknown, not zero', () => {
    for (const cell of ['', '  ', '-', 'N/A', 'null']) expect(parseCount(cell)).toBeUndefined();
  });

  it('flags unreadable text with null', () => {
    expect(parseCount('lots')).toBeNull();
    expect(parseCount('12,34')).toBeNull();
  });
});

describe('parseDate', () => {
  it.each([
    ['2026-10-01', '2026-10-01T00:00:00.000Z'],
    ['2026-10-01 10:00:00', '2026-10-01T10:00:00.000Z'],
    ['2026-07-01 10:00:00 UTC', '2026-07-01T10:00:00.000Z'],
    ['2018-08-27T15:06:27.713Z', '2018-08-27T15:06:27.713Z'],
    ['24 Aug 2023', '2023-08-24T00:00:00.000Z'],
    ['3 Jan 2019', '2019-01-03T00:00:00.000Z'],
    ['Feb 08, 2026 1:17 pm', '2026-02-08T13:17:00.000Z'],
    ['Fri Apr 06 10:58:22 +0000 2007', '2007-04-06T10:58:22.000Z'],
    ['Fri Apr 06 10:58:22 +0200 2007', '2007-04-06T08:58:22.000Z'],
    ['1676354318', '2023-02-14T05:58:38.000Z'],
    ['7/8/26, 3:43 PM', '2026-07-08T15:43:00.000Z'],
    ['24/08/2023', '2023-08-24T00:00:00.000Z'],
    ['24.08.2023', '2023-08-24T00:00:00.000Z'],
    ['03 Mai 2022', '2022-05-03T00:00:00.000Z'],
    // Python/database dumps put a space before a colon-less zone.
    ['2010-04-13 09:44:30 +0000', '2010-04-13T09:44:30.000Z'],
    ['2010-04-13 09:44:30 -0130', '2010-04-13T11:14:30.000Z'],
    // Stray quotes around a date.
    ['"2021-03-04"', '2021-03-04T00:00:00.000Z'],
    ["'24 Aug 2023'", '2023-08-24T00:00:00.000Z'],
    ['13-05-2008 20:18', '2008-05-13T20:18:00.000Z'],
  ])('reads %s', (cell, iso) => {
    expect(day(parseDate(cell))).toBe(iso);
  });

  it('uses the date order only where both readings are possible', () => {
    expect(day(parseDate('03/04/2024', 'mdy'))).toBe('2024-03-04T00:00:00.000Z');
    expect(day(parseDate('03/04/2024', 'dmy'))).toBe('2024-04-03T00:00:00.000Z');
    expect(day(parseDate('13/04/2024', 'mdy'))).toBe('2024-04-13T00:00:00.000Z');
    // Day-month-year with dashes, as Excel re-saves write it.
    expect(day(parseDate('05-04-2008 20:18', 'dmy'))).toBe('2008-04-05T20:18:00.000Z');
    expect(day(parseDate('05-04-2008 20:18', 'mdy'))).toBe('2008-05-04T20:18:00.000Z');
  });

  it('rejects impossible dates instead of rolling them over', () => {
    expect(parseDate('31 Feb 2023')).toBeNull();
    expect(parseDate('2023-02-31')).toBeNull();
    expect(parseDate('yesterday')).toBeNull();
    expect(parseDate('')).toBeUndefined();
    expect(parseDate('""')).toBeUndefined();
  });
});

describe('parseBoolean', () => {
  it('reads the spellings exports use', () => {
    expect(parseBoolean('TRUE')).toBe(true);
    expect(parseBoolean('yes')).toBe(true);
    expect(parseBoolean('0')).toBe(false);
    expect(parseBoolean('')).toBeUndefined();
    expect(parseBoolean('maybe')).toBeNull();
  });
});
