import { Chalk } from 'chalk';
import { parseAsOf } from '../as-of.js';
import type { CliIo } from '../cli/io.js';
import { writeOut } from '../cli/io.js';
import { createProgress, type ProgressLine } from '../cli/progress.js';
import { GateError, UsageError } from '../errors.js';
import { readInteractions } from '../io/interactions.js';
import { parseMapOptions } from '../io/map-option.js';
import { openInput } from '../io/open-input.js';
import { openSources } from '../io/open-sources.js';
import { type AtomicFile, checkWritableTarget, openAtomic, writeFileAtomic } from '../io/output.js';
import type { DateOrder } from '../io/parse-fields.js';
import { runPipeline } from '../pipeline.js';
import { createFollowerSink, type FollowerSink } from '../report/follower-sinks.js';
import type { Report } from '../report/model.js';
import { toRecord } from '../report/records.js';
import { RENDERERS, type ReportFormat } from '../report/renderers/index.js';
import { compileValues } from '../values/compile.js';
import { loadValues } from '../values/load.js';
import { VERSION } from '../version.js';

export interface AuditOptions {
  values: string;
  interactions?: string[];
  format: string;
  output?: string;
  followersOut?: string;
  platform: string;
  map?: string[];
  asOf?: string;
  top: number;
  failUnder?: number;
  quiet?: boolean;
  color?: boolean;
  interactive?: boolean;
  includeEmails?: boolean;
  includeFollowers?: boolean;
  bom?: boolean;
  dateOrder?: DateOrder;
  /** How long a read runs before progress shows (default 1.5 s); for tests. */
  progressDelayMs?: number;
}

const FOLLOWER_FORMATS = new Set(['csv', 'ndjson']);

/**
 * `kindred audit`: opens everything first (values, interactions, exports,
 * output targets), so mistakes fail before any output exists; then streams the
 * rows once, writes the per-follower records as they come and the report at
 * the end, and applies the gate last (a gate never changes what is written).
 */
export async function auditCommand(exports: string[], options: AuditOptions, io: CliIo): Promise<Report> {
  const format = options.format;
  const perFollowerFormat = FOLLOWER_FORMATS.has(format);
  if (!perFollowerFormat && !Object.hasOwn(RENDERERS, format)) {
    throw new UsageError(`unknown --format "${format}". Choose one of: ${[...Object.keys(RENDERERS), ...FOLLOWER_FORMATS].join(', ')}`);
  }
  if (!Number.isInteger(options.top) || options.top < 0) throw new UsageError('--top takes a whole number, 0 or more');
  if (options.failUnder !== undefined && !(options.failUnder >= 0 && options.failUnder <= 100)) {
    throw new UsageError('--fail-under takes a quality score from 0 to 100');
  }
  const followersOutFormat = options.followersOut ? followerFormatOf(options.followersOut) : undefined;
  if (options.followersOut && options.output && options.followersOut === options.output) {
    throw new UsageError('--output and --followers-out name the same file');
  }
  const asOf = parseAsOf(options.asOf);
  const map = parseMapOptions(options.map ?? []);
  const log = (msg: string) => {
    if (!options.quiet) io.stderr.write(`${msg}\n`);
  };

  const loaded = await loadValues(options.values);
  for (const w of loaded.warnings) log(`warning: ${options.values}: ${w}`);
  const values = compileValues(loaded.values);

  const interactions = [];
  for (const file of options.interactions ?? []) interactions.push(await readInteractions(await openInput(file, io.stdin), options.dateOrder));

  if (options.output) await checkWritableTarget(options.output);
  if (options.followersOut) await checkWritableTarget(options.followersOut);

  const sources = await openSources(exports, {
    platform: options.platform,
    map,
    stdin: io.stdin,
    ...(options.dateOrder ? { dateOrder: options.dateOrder } : {}),
  });

  // Where per-follower records go: --followers-out, or the main output for csv/ndjson.
  const files: AtomicFile[] = [];
  let sink: FollowerSink | undefined;
  let reportFile: AtomicFile | undefined;
  let progress: ProgressLine | undefined;
  try {
    if (followersOutFormat && options.followersOut) {
      const f = await openAtomic(options.followersOut);
      files.push(f);
      sink = createFollowerSink(followersOutFormat, f.stream, { bom: !!options.bom, includeEmails: !!options.includeEmails });
    }
    if (perFollowerFormat) {
      let target = io.stdout;
      if (options.output) {
        reportFile = await openAtomic(options.output);
        files.push(reportFile);
        target = reportFile.stream;
      }
      const main = createFollowerSink(format as 'csv' | 'ndjson', target, { bom: !!options.bom, includeEmails: !!options.includeEmails });
      const other = sink;
      sink = other
        ? {
            write: (r) => {
              const a = other.write(r);
              const b = main.write(r);
              return a || b ? Promise.all([a, b]).then(() => undefined) : undefined;
            },
            end: async () => {
              await other.end();
              await main.end();
            },
          }
        : main;
    }
    // Progress only for a person watching: a terminal on stderr, not --quiet.
    progress =
      io.stderrIsTTY && !options.quiet
        ? createProgress(io, { ...(options.progressDelayMs !== undefined ? { delayMs: options.progressDelayMs, intervalMs: 0 } : {}) })
        : undefined;
    const recordOptions = { windowDays: values.scoring.windowDays, includeEmails: !!options.includeEmails };
    const collected: Record<string, unknown>[] = [];
    const report = await runPipeline(sources, {
      values,
      asOf,
      top: options.top,
      version: VERSION,
      interactions,
      heapBudgetMb: 32,
      ...(progress ? { onProgress: progress.update } : {}),
      onFollower: (c) => {
        if (!sink && !options.includeFollowers) return undefined;
        const record = toRecord(c, recordOptions);
        if (options.includeFollowers) collected.push({ ...record });
        return sink?.write(record);
      },
    });
    progress?.done();
    if (options.includeFollowers) report.followers = collected;
    await sink?.end();

    if (!perFollowerFormat) {
      const chalk = new Chalk({ level: options.color && io.stdoutIsTTY && !options.output ? 1 : 0 });
      const text = RENDERERS[format as ReportFormat](report, { chalk, ...(io.columns ? { width: io.columns } : {}) });
      if (options.output) await writeFileAtomic(options.output, text);
      else await writeOut(io.stdout, text);
    }
    for (const f of files) await f.commit();
    files.length = 0;
    if (options.output && !options.quiet) log(`kindred: wrote ${options.output}`);
    if (options.followersOut && !options.quiet) log(`kindred: wrote ${options.followersOut}`);
    if (options.failUnder !== undefined && report.quality.score < options.failUnder) {
      throw new GateError(
        `quality score ${report.quality.score} is below --fail-under ${options.failUnder} (short by ${options.failUnder - report.quality.score})`,
      );
    }
    return report;
  } finally {
    progress?.done();
    for (const f of files) await f.abort();
  }
}

function followerFormatOf(path: string): 'csv' | 'ndjson' {
  const lower = path.toLowerCase();
  if (lower.endsWith('.csv')) return 'csv';
  if (lower.endsWith('.ndjson') || lower.endsWith('.jsonl')) return 'ndjson';
  throw new UsageError(`--followers-out: name a .csv or .ndjson file (got "${path}")`);
}
