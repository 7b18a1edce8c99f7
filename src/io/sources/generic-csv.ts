import { UsageError } from '../../errors.js';
import { ColumnsNotMappedError } from '../columns-error.js';
import { type CsvLayout, type CsvProblem, type CsvRecord, readCsvBatches, sniffCsvLayout, splitLine } from '../csv.js';
import { type ColumnMap, type FieldName, foldHeader, mapColumns } from '../fields.js';
import type { OpenedInput } from '../open-input.js';
import { createRowMapper, type RowMapperOptions, type SourceItem } from '../rows.js';
import { jsonRows, looksLikeJson, peekJson } from './json-rows.js';
import type { ReadOptions, SourceFormat, SourceReader } from './types.js';

/** Identity fields: at least one must be mapped for rows to be followers. */
const IDENTITY: FieldName[] = ['handle', 'profileUrl', 'id'];

export interface CsvPreset {
  id: string;
  label: string;
  /** Score the detected header: 0 = not this format. */
  signature(headers: string[], input?: OpenedInput): number;
  /** Column map for this format's headers (explicit --map entries still win). */
  columns?(headers: string[]): ColumnMap;
  /** Fields a generic alias would wrongly claim in this format (Mailchimp's TAGS are labels, not mentions). */
  drop?(headers: string[]): readonly FieldName[];
  rowOptions?(headers: string[]): Partial<RowMapperOptions>;
  /**
   * The format also comes as JSON entries with the same field names (API
   * responses, scraper outputs): their keys are read as the header.
   */
  json?: 'also' | 'only';
  /** A platform list that never carries profile text or engagement (see SourceInfo). */
  identityOnly?: boolean;
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
      if (looksLikeJson(input)) {
        const peek = preset.json ? peekJson(input) : undefined;
        return peek ? preset.signature(peek.keys, input) : 0;
      }
      if (preset.json === 'only') return 0;
      const layout = sniffCsvLayout(input.head);
      return layout ? preset.signature(layout.headers, input) : 0;
    },
    async open(input, options) {
      return openCsv(input, options, preset);
    },
  };
}

export async function openCsv(input: OpenedInput, options: ReadOptions, preset: CsvPreset): Promise<SourceReader> {
  if (looksLikeJson(input)) return openJsonRows(input, options, preset);
  const layout = sniffCsvLayout(input.head);
  if (!layout) throw new ColumnsNotMappedError(input.name, [], []);
  const { map, fields, mapperOptions, emailIdentity } = planColumns(input.name, layout.headers, options, preset, () => sampleRows(input.head, layout));
  const toItem = createRowMapper(map, mapperOptions);
  // items and batches read the same input: whichever the caller iterates is the one that runs.
  const batches = (): AsyncGenerator<SourceItem[]> => csvBatches(input, layout, toItem);
  const used = new Set(Object.values(map));
  const unusedColumns = layout.headers.filter((h, i) => h.trim() !== '' && !used.has(i));
  return {
    info: { format: preset.id, columns: layout.headers, fields, unusedColumns, ...(emailIdentity !== undefined ? { emailIdentity } : {}) },
    items: {
      async *[Symbol.asyncIterator]() {
        for await (const batch of batches()) yield* batch;
      },
    },
    batches: { [Symbol.asyncIterator]: batches },
    splittable: { input, layout, map, rowOptions: mapperOptions },
  };
}

/** JSON entries read like rows: their keys are the header (see json-rows.ts). */
async function openJsonRows(input: OpenedInput, options: ReadOptions, preset: CsvPreset): Promise<SourceReader> {
  const peek = peekJson(input);
  const keys = peek?.keys ?? [];
  const { map, fields, mapperOptions } = planColumns(input.name, keys, options, preset, () => peek?.samples ?? []);
  const toItem = createRowMapper(map, mapperOptions);
  return {
    info: { format: preset.id, columns: keys, fields, ...(preset.identityOnly ? { identityOnly: true } : {}) },
    items: { [Symbol.asyncIterator]: () => jsonRows(input, keys, toItem) },
  };
}

/**
 * The column map of a file: explicit --map entries first, then the format's
 * own columns, then generic aliases. Throws when nothing identifies a follower.
 */
function planColumns(
  file: string,
  headers: string[],
  options: ReadOptions,
  preset: CsvPreset,
  samples: () => string[][],
): { map: ColumnMap; fields: FieldName[]; mapperOptions: RowMapperOptions; emailIdentity?: string } {
  const { map: aliasMap, unknownMapped } = mapColumns(headers, options.map);
  if (unknownMapped.length > 0) {
    throw new UsageError(
      `${file}: --map names ${unknownMapped.map(([f, h]) => `${f}=${JSON.stringify(h)}`).join(', ')}, but there is no such column. Columns found: ${headers.map((h) => JSON.stringify(h)).join(', ')}`,
    );
  }
  const presetMap = preset.columns?.(headers) ?? {};
  // Explicit --map beats the preset, the preset beats generic aliases.
  const map: ColumnMap = { ...aliasMap };
  for (const field of preset.drop?.(headers) ?? []) delete map[field];
  for (const [field, idx] of Object.entries(presetMap) as [FieldName, number | undefined][]) if (idx !== undefined) map[field] = idx;
  for (const field of Object.keys(options.map) as FieldName[]) if (aliasMap[field] !== undefined) map[field] = aliasMap[field];
  const hasIdentityColumn = IDENTITY.some((f) => map[f] !== undefined);
  // An email identifies people only in lists that have no handle column at all:
  // where there is one, a row with an empty handle is a broken row, not a subscriber.
  const rowOptions = { ...preset.rowOptions?.(headers), ...(hasIdentityColumn ? { emailIsKey: false } : {}) };
  const nameIsKey = rowOptions.nameIsKey ?? false;
  const emailIsKey = rowOptions.emailIsKey ?? false;
  const identified =
    hasIdentityColumn ||
    (nameIsKey && (map.name !== undefined || map.firstName !== undefined)) ||
    (emailIsKey && map.email !== undefined);
  if (!identified) throw new ColumnsNotMappedError(file, headers, samples());
  const fields = (Object.keys(map) as FieldName[]).filter((f) => map[f] !== undefined);
  // The email column that took over identity, so the report can say so.
  const emailIdentity = emailIsKey && !hasIdentityColumn && map.email !== undefined ? headers[map.email] : undefined;
  return { map, fields, mapperOptions: { file, dateOrder: options.dateOrder ?? 'mdy', ...rowOptions }, ...(emailIdentity !== undefined ? { emailIdentity } : {}) };
}

const BATCH_ROWS = 64;

async function* csvBatches(
  input: OpenedInput,
  layout: CsvLayout,
  toItem: (cells: string[], line: number) => SourceItem,
): AsyncGenerator<SourceItem[]> {
  const problems: CsvProblem[] = [];
  let next = 0;
  // Problems go out in line order among the rows, as they do from worker threads (see parallel/worker.ts).
  const drainBefore = (line: number, out: SourceItem[]) => {
    while (next < problems.length && problems[next]!.line < line) out.push(problemItem(problems[next++]!, input.name));
    if (next === problems.length && next > 0) {
      problems.length = 0;
      next = 0;
    }
  };
  for await (const records of readCsvBatches(input, layout, (p) => problems.push(p))) {
    // Small batches: rows become Followers just before they are classified, so
    // few are alive at once and the young generation collects them (flat memory).
    for (let from = 0; from < records.length; from += BATCH_ROWS) {
      const out: SourceItem[] = [];
      const to = Math.min(records.length, from + BATCH_ROWS);
      for (let i = from; i < to; i++) {
        const record = records[i]!;
        (records as (CsvRecord | undefined)[])[i] = undefined;
        if (problems.length > 0) drainBefore(record.line, out);
        out.push(toItem(record.cells, record.line));
      }
      yield out;
    }
  }
  const rest: SourceItem[] = [];
  drainBefore(Number.POSITIVE_INFINITY, rest);
  if (rest.length) yield rest;
}

/** A row the CSV scanner could not read, as the skip it becomes. */
export function problemItem(p: Omit<CsvProblem, 'code'>, file: string): SourceItem {
  return { kind: 'skip', skip: { code: 'MALFORMED_ROW', file, line: p.line, detail: p.detail, ...(p.raw !== undefined ? { raw: p.raw } : {}) } };
}

function sampleRows(head: string, layout: CsvLayout): string[][] {
  const lines = head.split(/\r\n|\n|\r/).slice(layout.headerLine + 1, layout.headerLine + 4);
  return lines.filter((l) => l.trim()).map((l) => splitLine(l, layout.delimiter));
}

/** Header names folded for signature checks: `Connected On` and `connected_on` compare equal. */
export function foldedHeaders(headers: string[]): Set<string> {
  return new Set(headers.map(foldHeader).filter(Boolean));
}

/** Column index of the first header among `names` (compared folded), for preset column maps. */
export function columnOf(headers: string[], ...names: string[]): number | undefined {
  const folded = headers.map(foldHeader);
  for (const name of names) {
    const i = folded.indexOf(foldHeader(name));
    if (i >= 0) return i;
  }
  return undefined;
}

export const genericCsv = csvSource({
  id: 'csv',
  label: 'CSV/TSV with recognised column names',
  // The fallback: any delimited text with a header scores low, so a specific
  // format with a matching signature always wins.
  signature: (headers) => (headers.length > 0 ? 10 : 0),
  // Newsletter and CRM lists (Klaviyo, HubSpot, Beehiiv, Kit) have an email but no handle.
  rowOptions: () => ({ emailIsKey: true }),
});

/**
 * The JSON fallback: a list of accounts (an API response, a scraper's
 * dataset) whose keys map through the same aliases as CSV headers
 * (`username`, `description`, `followers_count`, `fullName`, …).
 */
export const genericJson = csvSource({
  id: 'json',
  label: 'JSON accounts with recognised keys',
  json: 'only',
  signature: (headers) => (headers.length > 0 ? 10 : 0),
});
