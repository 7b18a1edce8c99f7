import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { InputError } from '../errors.js';
import { describeReadError } from '../values/load.js';
import { type OpenedInput, openByteSource } from './open-input.js';
import { assertReadable, readZipDirectory, ZIP_LIMITS } from './zip.js';

/** Whether the file is an Excel workbook (.xlsx/.xlsm: a zip by its first bytes, named like a workbook). */
export async function isXlsxFile(path: string): Promise<boolean> {
  if (!/\.xls[xm]$/i.test(path)) return false;
  try {
    const fh = await open(path, 'r');
    try {
      const magic = Buffer.alloc(4);
      await fh.read(magic, 0, 4, 0);
      return magic.equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
    } finally {
      await fh.close();
    }
  } catch {
    return false;
  }
}

/**
 * An Excel workbook as the export it was saved from: the first sheet, read
 * row by row with exceljs's streaming reader, written out as CSV text, so the
 * same header detection, presets and cell parsing apply as to a CSV (a
 * marketer who opened `Connections.csv` in Excel and saved it gets the same
 * audit). Dates Excel stored as dates become ISO dates; formulas give their
 * result; rich text its text.
 */
export async function openXlsx(path: string): Promise<OpenedInput> {
  let size: number;
  try {
    size = (await stat(path)).size;
  } catch (e) {
    throw new InputError(describeReadError(e), path);
  }
  await assertWorkbookBounded(path);
  return openByteSource(path, size, () => firstSheetAsCsv(path));
}

/**
 * A workbook is a zip, and exceljs inflates whatever it is given: its
 * directory is checked first as any zip's is (encrypted entries, unknown
 * methods, an entry past the size or ratio limits: a zip bomb), and the
 * entries together may not inflate past the size limit either.
 */
async function assertWorkbookBounded(path: string): Promise<void> {
  const entries = await readZipDirectory(path);
  let total = 0;
  for (const entry of entries) {
    assertReadable(path, entry);
    total += entry.size;
  }
  if (total > ZIP_LIMITS.size) {
    throw new InputError(
      `this workbook inflates to ${Math.round(total / 1024 ** 2)} MB, more than the ${Math.round(ZIP_LIMITS.size / 1024 ** 2)} MB kindred reads from a zip; open it in Excel and save the first sheet as CSV`,
      path,
    );
  }
}

async function* firstSheetAsCsv(path: string): AsyncGenerator<Buffer> {
  // Loaded only for workbooks: most audits never pay for it.
  const { default: ExcelJS } = await import('exceljs');
  const file = createReadStream(path);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, {
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'ignore',
  });
  let lines: string[] = [];
  let length = 0;
  // Empty rows are not emitted: blank lines stand in for them, so line numbers are Excel's row numbers.
  let rowNumber = 0;
  try {
    for await (const sheet of reader) {
      for await (const row of sheet) {
        // row.values is 1-based, with holes for empty cells.
        const values = row.values as unknown[];
        const cells: string[] = [];
        for (let i = 1; i < values.length; i++) cells.push(csvCell(cellText(values[i])));
        const gap = row.number - rowNumber - 1;
        rowNumber = row.number;
        const line = `${gap > 0 ? '\n'.repeat(Math.min(gap, 1_000_000)) : ''}${cells.join(',')}\n`;
        lines.push(line);
        length += line.length;
        if (length >= 64 * 1024) {
          yield Buffer.from(lines.join(''));
          lines = [];
          length = 0;
        }
      }
      // The first sheet only: later sheets are pivots, charts' data or notes.
      break;
    }
    if (lines.length > 0) yield Buffer.from(lines.join(''));
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(`this Excel workbook could not be read (${e instanceof Error ? e.message : String(e)}). Open it in Excel and save the first sheet as CSV`, path);
  } finally {
    file.destroy();
  }
}

/** The text a cell shows. */
function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : v.toISOString().replace('T00:00:00.000Z', '');
  if (typeof v === 'object') {
    const o = v as { richText?: { text: string }[]; text?: unknown; result?: unknown; error?: unknown; hyperlink?: unknown };
    if (Array.isArray(o.richText)) return o.richText.map((r) => r.text).join('');
    if ('result' in o) return cellText(o.result);
    if (o.text !== undefined) return cellText(o.text);
    if (o.hyperlink !== undefined) return cellText(o.hyperlink);
  }
  return '';
}

function csvCell(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
