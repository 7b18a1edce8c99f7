/**
 * kindred's programmatic API, for scripts and notebooks that would rather not
 * spawn a process:
 *
 *   import { audit } from 'kindred';
 *   const { report, followers } = await audit({ path: 'followers.csv', values: 'values.yml' });
 */
import { parseAsOf } from './as-of.js';
import { ConfigError } from './errors.js';
import { ColumnsNotMappedError } from './io/columns-error.js';
import { type FieldName, mapColumns } from './io/fields.js';
import { readInteractions } from './io/interactions.js';
import { openInput } from './io/open-input.js';
import { openSources } from './io/open-sources.js';
import { createRowMapper, type SkippedRow, type SourceItem } from './io/rows.js';
import { type AuditSource, runPipeline } from './pipeline.js';
import type { Report } from './report/model.js';
import { type FollowerRecord, toRecord } from './report/records.js';
import { compileValues } from './values/compile.js';
import { checkValuesRules, formatIssue, loadValues } from './values/load.js';
import { type ValuesFile, type ValuesFileInput, valuesFileSchema } from './values/schema.js';
import { VERSION } from './version.js';

export { type Comparison, compareReports } from './compare/compare.js';
export { ConfigError, InputError, UsageError } from './errors.js';
export { evaluateGates, type GateResult, type Gates } from './gates.js';
export type { SkipCode, SkippedRow } from './io/rows.js';
export type { Report } from './report/model.js';
export { SCHEMA_VERSION } from './report/model.js';
export type { FollowerRecord } from './report/records.js';
export type { ValuesFile, ValuesFileInput } from './values/schema.js';

export interface AuditOptions {
  /** Export file(s) to read, in any supported format. */
  path?: string | string[];
  /** Or rows already in memory: objects keyed by column name, as a CSV reader gives them. */
  rows?: Iterable<Record<string, unknown>> | AsyncIterable<Record<string, unknown>>;
  /** A values-file path, or the values object itself. */
  values: string | ValuesFileInput;
  interactions?: string[];
  /** Measure recency from this date (default today). */
  asOf?: Date | string;
  top?: number;
  /** Column overrides, like --map. */
  map?: Partial<Record<FieldName, string>>;
  platform?: string;
  /** Keep per-follower records in memory and return them (default true). */
  followers?: boolean;
}

export interface AuditResult {
  report: Report;
  followers: FollowerRecord[];
  /** Every row that was not classified, with file, line, code and its cells (kept with `followers`). */
  skipped: SkippedRow[];
}

export async function audit(options: AuditOptions): Promise<AuditResult> {
  const valuesFile = typeof options.values === 'string' ? (await loadValues(options.values)).values : validateValues(options.values);
  const values = compileValues(valuesFile);
  const asOf = options.asOf instanceof Date ? options.asOf : parseAsOf(options.asOf);
  const interactions = [];
  for (const file of options.interactions ?? []) interactions.push(await readInteractions(await openInput(file)));
  let sources: AuditSource[];
  if (options.rows) sources = [rowsSource(options.rows, options.map ?? {})];
  else if (options.path) {
    sources = await openSources(Array.isArray(options.path) ? options.path : [options.path], {
      platform: options.platform ?? 'auto',
      map: options.map ?? {},
    });
  } else throw new TypeError('audit() needs `path` or `rows`');
  const followers: FollowerRecord[] = [];
  const skipped: SkippedRow[] = [];
  const keep = options.followers ?? true;
  const report = await runPipeline(sources, {
    values,
    asOf,
    top: options.top ?? 10,
    version: VERSION,
    interactions,
    onFollower: keep ? (c) => void followers.push(toRecord(c, { windowDays: values.scoring.windowDays })) : undefined,
    onSkip: keep ? (s) => void skipped.push(s) : undefined,
  });
  return { report, followers, skipped };
}

function validateValues(input: ValuesFileInput): ValuesFile {
  const parsed = valuesFileSchema.safeParse(input);
  if (!parsed.success) {
    throw new ConfigError(
      'values',
      parsed.error.issues.map((i) => formatIssue(i.path.filter((p): p is string | number => typeof p !== 'symbol'), i.message, undefined)),
    );
  }
  const { errors } = checkValuesRules(parsed.data);
  if (errors.length) throw new ConfigError('values', errors.map((e) => formatIssue(e.path, e.message, undefined)));
  return parsed.data;
}

function rowsSource(rows: NonNullable<AuditOptions['rows']>, explicit: Partial<Record<FieldName, string>>): AuditSource {
  const columns: string[] = [];
  const fields: FieldName[] = [];
  const source: AuditSource = {
    file: '(rows)',
    label: 'rows passed to audit()',
    info: { format: 'rows', columns, fields },
    items: (async function* (): AsyncGenerator<SourceItem> {
      let toItem: ReturnType<typeof createRowMapper> | undefined;
      let line = 1;
      for await (const row of rows as AsyncIterable<Record<string, unknown>>) {
        line++;
        if (!toItem) {
          columns.push(...Object.keys(row));
          const { map } = mapColumns(columns, explicit);
          if (map.handle === undefined && map.profileUrl === undefined && map.id === undefined) {
            throw new ColumnsNotMappedError('(rows)', columns, []);
          }
          fields.push(...(Object.keys(map) as FieldName[]));
          toItem = createRowMapper(map, { file: '(rows)' });
        }
        yield toItem(
          columns.map((c) => (row[c] === undefined || row[c] === null ? '' : String(row[c]))),
          line,
        );
      }
    })(),
  };
  return source;
}
