import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, runCli } from '../helpers/run-cli.js';

const VALUES = join(FIXTURES, 'values.yml');
const LINKEDIN = join(FIXTURES, 'linkedin', 'Connections.csv');
let workbook = '';

/**
 * The LinkedIn fixture as a marketer's Excel re-save: the same rows (Notes
 * preamble, blank line, header, connections) in the first sheet of a
 * workbook, dates stored as Excel dates, a second sheet of notes. Written at
 * run time with exceljs, the way Excel lays a sheet out.
 */
beforeAll(async () => {
  const rows: string[][] = parse(readFileSync(LINKEDIN, 'utf8'), { relaxColumnCount: true, skipEmptyLines: false });
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('Connections');
  rows.forEach((cells, i) => {
    const row = sheet.getRow(i + 1);
    cells.forEach((cell, j) => {
      const date = /^\d{2} [A-Z][a-z]{2} \d{4}$/.test(cell) ? new Date(`${cell} UTC`) : undefined;
      if (cell !== '') row.getCell(j + 1).value = date ?? cell;
    });
    row.commit();
  });
  wb.addWorksheet('Notes').addRow(['not followers']);
  workbook = join(mkdtempSync(join(tmpdir(), 'kindred-')), 'Connections.xlsx');
  await wb.xlsx.writeFile(workbook);
});

function records(file: string) {
  const r = runCli(['audit', file, '--values', VALUES, '--as-of', '2026-11-01', '--format', 'ndjson']);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return r.stdout.trim().split('\n').map((l) => JSON.parse(l));
}

describe('Excel workbooks (.xlsx)', () => {
  it('reads the first sheet like the CSV it was saved from: same format, same followers, same dates', () => {
    const fromCsv = records(LINKEDIN);
    const fromXlsx = records(workbook);
    expect(fromXlsx.map((f) => [f.handle, f.name, f.segment, f.values])).toEqual(fromCsv.map((f) => [f.handle, f.name, f.segment, f.values]));
    expect(fromXlsx).toHaveLength(5);
    const report = JSON.parse(runCli(['audit', workbook, '--values', VALUES, '--as-of', '2026-11-01', '--format', 'json']).stdout);
    // The CSV's trailing `,,,,,,` row holds no cell: a workbook does not store it.
    expect(report.inputs[0]).toMatchObject({ format: 'linkedin', rowsRead: 5, classified: 5, skipped: 0 });
  });

  it('a damaged workbook is an input error, not a crash', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kindred-'));
    const bad = join(dir, 'broken.xlsx');
    const bytes = readFileSync(workbook);
    writeFileSync(bad, bytes.subarray(0, Math.floor(bytes.length / 2)));
    const r = runCli(['audit', bad, '--values', VALUES]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('broken.xlsx');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
