import type { CsvLayout } from '../csv.js';
import type { ColumnMap, FieldName } from '../fields.js';
import type { OpenedInput } from '../open-input.js';
import type { DateOrder } from '../parse-fields.js';
import type { RowMapperOptions, SourceItem } from '../rows.js';

export interface ReadOptions {
  /** Explicit column mappings from `--map field=Header`. */
  map: Partial<Record<FieldName, string>>;
  dateOrder?: DateOrder;
}

/** What a reader found out about its file, for the report's data-quality section. */
export interface SourceInfo {
  format: string;
  /** Columns (or keys) present in the file. */
  columns: string[];
  /** Canonical fields the file provides. */
  fields: FieldName[];
  /**
   * A platform follower list that never carries profile text or engagement
   * (Instagram JSON, X archive): --map cannot add what the format lacks.
   */
  identityOnly?: boolean;
  /** Columns present but read as no field: listed in the report, so nothing the user gave goes unmentioned. */
  unusedColumns?: string[];
  /** The column that identifies followers when the file has no handle column (a newsletter list's email). */
  emailIdentity?: string;
  /** Set when --platform named a format this file does not look like: what it looks like instead, if anything. */
  platformMismatch?: { forced: string; looksLike?: string };
}

export interface SourceReader {
  info: SourceInfo;
  items: AsyncIterable<SourceItem>;
  /**
   * Optional: the same items a chunk at a time (read either this or items,
   * not both). Readers of big files offer it: one await per chunk, not per row.
   */
  batches?: AsyncIterable<SourceItem[]>;
  /** Offered by delimited exports: what worker threads need to read the file in pieces (see src/parallel). */
  splittable?: SplittableCsv;
}

export interface SplittableCsv {
  input: OpenedInput;
  layout: CsvLayout;
  map: ColumnMap;
  rowOptions: RowMapperOptions;
}

/** One export format: how to recognise it and how to read it. */
export interface SourceFormat {
  /** The `--platform` name. */
  id: string;
  /** Shown in reports: "LinkedIn Connections.csv". */
  label: string;
  /** How sure this format is that it can read the input: 0 (no) to 100 (certain). */
  detect(input: OpenedInput): number;
  /** Throws InputError (or ColumnsNotMappedError) when the file cannot be used. */
  open(input: OpenedInput, options: ReadOptions): Promise<SourceReader>;
}
