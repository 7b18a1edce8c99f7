import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeZip } from '../helpers/make-zip.js';
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

  it('a zip-bomb workbook is refused before it is inflated: exit 2 and a clear message', () => {
    // The parts of a workbook, with a first sheet padded by 64 MB of spaces between its tags: about 1,000 to 1.
    const sheet = Buffer.concat([
      Buffer.from('<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'),
      Buffer.alloc(64 * 1024 * 1024, ' '),
      Buffer.from('</sheetData></worksheet>'),
    ]);
    const bytes = readFileSync(workbook);
    const bomb = join(mkdtempSync(join(tmpdir(), 'kindred-')), 'bomb.xlsx');
    writeFileSync(
      bomb,
      makeZip([
        { name: '[Content_Types].xml', data: Buffer.from('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>') },
        { name: 'xl/workbook.xml', data: Buffer.from('<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets><sheet name="S" sheetId="1"/></sheets></workbook>') },
        { name: 'xl/worksheets/sheet1.xml', data: sheet },
      ]),
    );
    expect(statSync(bomb).size).toBeLessThan(bytes.length + 1024 * 1024);
    const r = runCli(['audit', bomb, '--values', VALUES]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('bomb.xlsx');
    expect(r.stderr).toMatch(/zip bomb/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
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
