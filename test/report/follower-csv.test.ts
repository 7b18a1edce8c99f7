import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { followerHeader } from '../../src/report/follower-lines.js';
import { createBatchedWriter, recordFields, recordSerialiser } from '../../src/report/follower-sinks.js';
import { type FollowerRecord, RECORD_FIELDS } from '../../src/report/records.js';
import { FERNLEAF, runCli } from '../helpers/run-cli.js';

/**
 * Per-follower CSV is opened in spreadsheets. Every cell must come back from a
 * real CSV reader with its text intact, apart from the documented neutralising
 * apostrophe in front of text that would start a formula, and no cell may
 * start a formula.
 */
const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

const HOSTILE = [
  '=HYPERLINK("http://evil.test","click me")',
  '=1+1',
  '+1+2',
  '-3+4',
  '-',
  '@SUM(A1:A2)',
  '\t=1+1',
  '\tleading tab',
  '\rleading carriage return',
  '＝1+1',
  '＋1',
  '－1',
  '＠SUM(A1)',
  'He said "hi", then left',
  'Line one\nLine two',
  'Line one\r\nLine two',
  'bell\u0007 and \u001b[31mred\u001b[0m and NUL-free',
  ' leading and trailing spaces ',
  'a,b;c',
  '"',
  '',
  'ordinary text',
  'zero\u200bwidth and \u202eRLO',
];

/** What a spreadsheet user should read back: the text, behind an apostrophe when it would be a formula. */
const expectedCell = (v: unknown) => {
  if (v === null || v === undefined) return '';
  const s = Array.isArray(v) ? v.join('; ') : String(v);
  return typeof v !== 'number' && FORMULA_START.test(s) ? `'${s}` : s;
};

function record(text: string, i: number): FollowerRecord {
  return {
    handle: `user${i}`,
    name: text,
    segment: 'potential',
    action: 'nurture',
    alignment: 1.25,
    engagement: 0,
    authenticity: null,
    reach: null,
    evidence: 'profile',
    values: [text, 'reading culture'],
    flags: ['ideal-fit'],
    redFlags: [text],
    reasons: [`value "x": "${text}" in bio`, text],
    rule: 'aligned-quiet',
    profileUrl: text,
    file: text,
    line: i + 2,
  };
}

async function sinkCsv(records: FollowerRecord[], options: { bom?: boolean } = {}): Promise<string> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  // What the audit writes: the header, then each record's line, through the batched writer.
  const target = { format: 'csv' as const, bom: !!options.bom, terminal: false };
  const writer = createBatchedWriter(out, followerHeader({ targets: [target], windowDays: 90, includeEmails: false }, target));
  const line = recordSerialiser('csv', recordFields(false), false);
  for (const r of records) await writer.write(line(r));
  await writer.end();
  out.end();
  return Buffer.concat(chunks).toString('utf8');
}

describe('per-follower CSV with hostile cells', () => {
  it('round-trips every cell through csv-parse, with no formula left live', async () => {
    const records = HOSTILE.map(record);
    const csv = await sinkCsv(records);
    const rows: string[][] = parse(csv, { relax_column_count: false });
    expect(rows[0]).toEqual(RECORD_FIELDS.filter((f) => f !== 'email' && f !== 'comments'));
    expect(rows.length).toBe(records.length + 1);
    const fields = rows[0]! as (keyof FollowerRecord)[];
    rows.slice(1).forEach((row, i) => {
      const r = records[i]!;
      fields.forEach((field, j) => {
        const cell = row[j]!;
        expect(cell, `${field} of record ${i}`).toBe(expectedCell(r[field]));
        expect(FORMULA_START.test(cell), `${field} of record ${i} is live: ${JSON.stringify(cell)}`).toBe(false);
        // Stripping the documented prefix gives back the exact text.
        const text = Array.isArray(r[field]) ? (r[field] as string[]).join('; ') : String(r[field] ?? '');
        expect(cell.startsWith("'") && FORMULA_START.test(text) ? cell.slice(1) : cell).toBe(text);
      });
    });
  });

  it('starts with a byte-order mark only when asked, and csv-parse reads past it', async () => {
    const records = HOSTILE.slice(0, 3).map(record);
    const plain = await sinkCsv(records);
    const bom = await sinkCsv(records, { bom: true });
    expect(plain.charCodeAt(0)).not.toBe(0xfeff);
    expect(bom.charCodeAt(0)).toBe(0xfeff);
    const rows: string[][] = parse(bom, { bom: true });
    expect(rows[0]![0]).toBe('handle');
    expect(rows.slice(1)).toEqual(parse(plain).slice(1));
  });

  it('writes a hostile export through the CLI: CSV cells equal the NDJSON records, neutralised', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kindred-csv-'));
    const file = join(dir, 'followers.csv');
    const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;
    const lines = ['handle,name,bio', ...HOSTILE.map((t, i) => `user${i},${quote(t)},${quote(`bookworm and shop local ${t}`)}`)];
    writeFileSync(file, `${lines.join('\r\n')}\r\n`);
    const args = ['audit', file, '--values', FERNLEAF.values, '--as-of', '2026-11-01'];
    const ndjson = runCli([...args, '--format', 'ndjson']);
    expect(ndjson.code).toBe(0);
    const records = ndjson.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(records.length).toBe(HOSTILE.length);

    const out = join(dir, 'out.csv');
    const csvRun = runCli([...args, '--format', 'csv', '--bom', '-o', out]);
    expect(csvRun.code).toBe(0);
    const bytes = readFileSync(out);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows: string[][] = parse(bytes.toString('utf8'), { bom: true });
    const header = rows[0]!;
    expect(rows.length).toBe(records.length + 1);
    rows.slice(1).forEach((row, i) => {
      header.forEach((field, j) => {
        expect(row[j], `${field} of row ${i}`).toBe(expectedCell(records[i][field]));
        expect(FORMULA_START.test(row[j]!)).toBe(false);
      });
    });
    // The hostile names really made it through the reader (not all trimmed away).
    expect(records.some((r) => String(r.name).startsWith('='))).toBe(true);
    expect(records.some((r) => String(r.name).includes('\n'))).toBe(true);
  });
});
