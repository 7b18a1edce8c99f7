import { UsageError } from '../../errors.js';
import { ColumnsNotMappedError } from '../columns-error.js';
import { type CsvLayout, type CsvProblem, type CsvRecord, readCsvBatches, sniffCsvLayout } from '../csv.js';
import { type ColumnMap, type FieldName, mapColumns } from '../fields.js';
import type { OpenedInput } from '../open-input.js';
import { createRowMapper, type RowMapperOptions, type SourceItem } from '../rows.js';
import type { ReadOptions, SourceFormat, SourceReader } from './types.js';

/** Identity fields: at least one must be mapped for rows to be followers. */
const IDENTITY: FieldName[] = ['handle', 'profileUrl', 'id'];

export interface CsvPreset {
  id: string;
  label: string;
  /** Score the detected header: 0 = not this format. */
  signature(headers: string[], input: OpenedInput): number;
  /** Column map for this format's headers (explicit --map entries still win). */
  columns?(headers: string[]): ColumnMap;
  rowOptions?: Partial<RowMapperOptions>;
}

/**
 * Reads any delimited export through a column map. Format-specific CSV
 * readers (LinkedIn, Mailchimp, …) are presets of this: a header signature and
 * a column map; the streaming, accounting and cell parsing are shared.
 */
export function csvSource(preset: CsvPreset): SourceFormat {
  return {
    id: preset.id,
    label: preset.label,
    detect(input) {
      const layout = sniffCsvLayout(input.head);
      return layout ? preset.signature(layout.headers, input) : 0;
    },
    async open(input, options) {
      return openCsv(input, options, preset);
    },
  };
}

export async function openCsv(input: OpenedInput, options: ReadOptions, preset: CsvPreset): Promise<SourceReader> {
  const layout = sniffCsvLayout(input.head);
  if (!layout) throw new ColumnsNotMappedError(input.name, [], []);
  const { map: aliasMap, unknownMapped } = mapColumns(layout.headers, options.map);
  if (unknownMapped.length > 0) {
    throw new UsageError(
      `${input.name}: --map names ${unknownMapped.map(([f, h]) => `${f}=${JSON.stringify(h)}`).join(', ')}, but there is no such column. Columns found: ${layout.headers.map((h) => JSON.stringify(h)).join(', ')}`,
    );
  }
  const presetMap = preset.columns?.(layout.headers) ?? {};
  // Explicit --map beats the preset, the preset beats generic aliases.
  const map: ColumnMap = { ...aliasMap, ...presetMap };
  for (const field of Object.keys(options.map) as FieldName[]) if (aliasMap[field] !== undefined) map[field] = aliasMap[field];
  const nameIsKey = preset.rowOptions?.nameIsKey ?? false;
  const identified = IDENTITY.some((f) => map[f] !== undefined) || (nameIsKey && (map.name !== undefined || map.firstName !== undefined));
  if (!identified) throw new ColumnsNotMappedError(input.name, layout.headers, sampleRows(input.head, layout));
  const fields = (Object.keys(map) as FieldName[]).filter((f) => map[f] !== undefined);
  const toItem = createRowMapper(map, { file: input.name, dateOrder: options.dateOrder ?? 'mdy', ...preset.rowOptions });
  // items and batches read the same input: whichever the caller iterates is the one that runs.
  const batches = (): AsyncGenerator<SourceItem[]> => csvBatches(input, layout, toItem);
  return {
    info: { format: preset.id, columns: layout.headers, fields },
    items: {
      async *[Symbol.asyncIterator]() {
        for await (const batch of batches()) yield* batch;
      },
    },
    batches: { [Symbol.asyncIterator]: batches },
  };
}

const BATCH_ROWS = 64;

async function* csvBatches(
  input: OpenedInput,
  layout: CsvLayout,
  toItem: (cells: string[], line: number) => SourceItem,
): AsyncGenerator<SourceItem[]> {
  const problems: CsvProblem[] = [];
  const drain = (out: SourceItem[]) => {
    for (const p of problems) out.push({ kind: 'skip', skip: { code: p.code, file: input.name, line: p.line, detail: p.detail } });
    problems.length = 0;
  };
  for await (const records of readCsvBatches(input, layout, (p) => problems.push(p))) {
    // Small batches: rows become Followers just before they are classified, so
    // few are alive at once and the young generation collects them (flat memory).
    for (let from = 0; from < records.length; from += BATCH_ROWS) {
      const out: SourceItem[] = [];
      drain(out);
      const to = Math.min(records.length, from + BATCH_ROWS);
      for (let i = from; i < to; i++) {
        const record = records[i]!;
        (records as (CsvRecord | undefined)[])[i] = undefined;
        out.push(toItem(record.cells, record.line));
      }
      yield out;
    }
  }
  const rest: SourceItem[] = [];
  drain(rest);
  if (rest.length) yield rest;
}

function sampleRows(head: string, layout: CsvLayout): string[][] {
  const lines = head.split(/\r\n|\n|\r/).slice(layout.headerLine + 1, layout.headerLine + 4);
  return lines.filter((l) => l.trim()).map((l) => l.split(layout.delimiter));
}

export const genericCsv = csvSource({
  id: 'csv',
  label: 'CSV/TSV with recognised column names',
  // The fallback: any delimited text with a header scores low, so a specific
  // format with a matching signature always wins.
  signature: (headers) => (headers.length > 0 ? 10 : 0),
});
