import { createReadStream } from 'node:fs';
import type { Writable } from 'node:stream';
import { Chalk } from 'chalk';
import { parseAsOf } from '../as-of.js';
import type { Classified } from '../classify.js';
import { colorLevel } from '../cli/color.js';
import type { CliIo } from '../cli/io.js';
import { hintStandardInput, writeOut } from '../cli/io.js';
import { createProgress, type ProgressLine } from '../cli/progress.js';
import { GateError, InputError, UsageError } from '../errors.js';
import { evaluateGates } from '../gates.js';
import { askColumns } from '../io/ask-columns.js';
import type { ColumnsNotMappedError } from '../io/columns-error.js';
import { readInteractions } from '../io/interactions.js';
import { parseMapOptions } from '../io/map-option.js';
import { openInput } from '../io/open-input.js';
import { openSources } from '../io/open-sources.js';
import { checkWritableTarget, type OutputFile, openOutput, openScratch, type ScratchFile, writeFileAtomic } from '../io/output.js';
import type { DateOrder } from '../io/parse-fields.js';
import { inquirerPrompter } from '../io/prompts.js';
import type { SkipCode, SkippedRow } from '../io/rows.js';
import { assertSeparateFiles } from '../io/same-file.js';
import { runPipeline } from '../pipeline.js';
import { createAnonymizer, resolveSalt } from '../privacy/anonymize.js';
import { type FollowerOutputSpec, type FollowerTarget, followerHeader } from '../report/follower-lines.js';
import { createBatchedWriter } from '../report/follower-sinks.js';
import { ELEMENT_SEPARATOR, followerElement, writeJsonReport } from '../report/json-report-writer.js';
import { createLineLimit } from '../report/line-limit.js';
import type { Report } from '../report/model.js';
import { toRecord } from '../report/records.js';
import { createRejectsSink, type RejectsSink } from '../report/rejects-sink.js';
import { htmlPageEnd, htmlPageStart } from '../report/renderers/html.js';
import { isFollowerFormat, outputFormats, RENDERERS, type ReportFormat } from '../report/renderers/index.js';
import { escapeControl, escapeLines } from '../safe-text.js';
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
  /** Gate: minimum advocate share, 0–1. */
  minAdvocateShare?: number;
  /** Gate: maximum misaligned share, 0–1. */
  maxMisalignedShare?: number;
  /** Hash handles and drop names, emails and profile URLs from every output. */
  anonymize?: boolean;
  /** Salt for --anonymize; falls back to KINDRED_SALT. */
  salt?: string;
  quiet?: boolean;
  color?: boolean;
  interactive?: boolean;
  includeEmails?: boolean;
  includeComments?: boolean;
  includeFollowers?: boolean;
  /** Followers the HTML report embeds for browsing (default HTML_FOLLOWERS_LIMIT; 0: no list). */
  htmlFollowers?: number;
  bom?: boolean;
  dateOrder?: DateOrder;
  /** Write every skipped row (file, line, code, original text) to this CSV file. */
  rejects?: string;
  /** A row that cannot be read (malformed, no handle) fails the run instead of being skipped. */
  strict?: boolean;
  /** Worker threads for big exports ('auto' = one per core; 0 = none). */
  threads?: number | 'auto';
  parallelMinBytes?: number;
  pieceChars?: number;
  /** Say on stderr which exports the worker threads read (for the tests of the threads). */
  traceParallel?: boolean;
  /** How long a read runs before progress shows (default 1.5 s); for tests. */
  progressDelayMs?: number;
}

/**
 * What --strict refuses: rows the export itself got wrong. Duplicates and
 * excluded followers are skipped by design (the data is fine, kindred counts
 * each follower once and honours the values file), so they never fail a run.
 */
export const STRICT_CODES: ReadonlySet<SkipCode> = new Set(['MALFORMED_ROW', 'MISSING_HANDLE']);

/**
 * How many followers the HTML report lists by default: at 200,000 the file is
 * about 80 MB (410 bytes a follower in the benchmark) and a browser still opens
 * it in seconds; past it, --followers-out (README: Browsing every follower).
 */
export const HTML_FOLLOWERS_LIMIT = 200_000;

/**
 * `kindred audit`: opens everything first (values, interactions, exports,
 * output targets), so mistakes fail before any output exists; then streams the
 * rows once, writes the per-follower records as they come and the report at
 * the end, and applies the gate last (a gate never changes what is written).
 */
export async function auditCommand(exports: string[], options: AuditOptions, io: CliIo): Promise<Report> {
  const format = options.format;
  const perFollowerFormat = isFollowerFormat(format);
  if (!perFollowerFormat && !Object.hasOwn(RENDERERS, format)) {
    throw new UsageError(`unknown --format "${format}". Choose one of: ${outputFormats().join(', ')}`);
  }
  if (!Number.isInteger(options.top) || options.top < 0) throw new UsageError('--top takes a whole number, 0 or more');
  const htmlLimit = options.htmlFollowers ?? HTML_FOLLOWERS_LIMIT;
  if (!Number.isInteger(htmlLimit) || htmlLimit < 0) throw new UsageError('--html-followers takes a whole number, 0 or more');
  // The HTML report's follower list is written while the rows stream: the page's head, the rows, then the report.
  const htmlList = format === 'html' && htmlLimit > 0;
  if (options.failUnder !== undefined && !(options.failUnder >= 0 && options.failUnder <= 100)) {
    throw new UsageError('--fail-under takes a quality score from 0 to 100');
  }
  if (options.anonymize && options.includeEmails) throw new UsageError('--anonymize and --include-emails contradict each other; choose one');
  if (options.anonymize && options.includeComments) throw new UsageError('--anonymize and --include-comments contradict each other; choose one');
  // A rejects file holds rows exactly as they were read: it cannot be anonymised.
  if (options.anonymize && options.rejects) throw new UsageError('--rejects writes skipped rows as they were read, names and handles included; it cannot be combined with --anonymize');
  const salt = options.anonymize ? resolveSalt(options.salt, io.env) : undefined;
  const anonymizer = salt !== undefined ? createAnonymizer(salt) : undefined;
  for (const [flag, share] of [['--min-advocate-share', options.minAdvocateShare], ['--max-misaligned-share', options.maxMisalignedShare]] as const) {
    if (share !== undefined && !(share >= 0 && share <= 1)) throw new UsageError(`${flag} takes a share such as 5% or 0.05`);
  }
  const followersOutFormat = options.followersOut ? followerFormatOf(options.followersOut) : undefined;
  const asOf = parseAsOf(options.asOf);
  const map = parseMapOptions(options.map ?? []);
  const log = (msg: string) => {
    if (!options.quiet) io.stderr.write(`${escapeLines(msg)}\n`);
  };

  const loaded = await loadValues(options.values);
  for (const w of loaded.warnings) log(`warning: ${options.values}: ${w}`);
  const values = compileValues(loaded.values);

  const outputs = (
    [
      ['--output', options.output],
      ['--followers-out', options.followersOut],
      ['--rejects', options.rejects],
    ] as const
  ).flatMap(([what, path]) => (path ? [{ what, path }] : []));
  for (const { path } of outputs) await checkWritableTarget(path);
  await assertSeparateFiles(
    [...exports.map((path) => ({ what: 'the export', path })), { what: '--values', path: options.values }, ...(options.interactions ?? []).map((path) => ({ what: '--interactions', path }))],
    outputs,
  );
  const outputOptions = { notice: log };

  if (!options.quiet) hintStandardInput(io, [...exports, ...(options.interactions ?? [])], exports.includes('-') ? 'followers' : 'interactions');
  const interactions = [];
  for (const file of options.interactions ?? []) {
    const log = await readInteractions(await openInput(file, io.stdin), options.dateOrder, options.rejects ? Number.POSITIVE_INFINITY : undefined);
    if (options.strict) {
      const bad = log.skipped.find((s) => STRICT_CODES.has(s.code));
      if (bad) throw strictError(bad);
    }
    interactions.push(log);
  }

  // Ask only when a person can answer: both ends of the terminal, and not --no-interactive.
  const canAsk = options.interactive !== false && io.stdinIsTTY && io.stderrIsTTY;
  const sources = await openSources(exports, {
    platform: options.platform,
    map,
    stdin: io.stdin,
    ...(canAsk
      ? {
          askColumns: (e: ColumnsNotMappedError) =>
            askColumns(e, io.prompter ?? inquirerPrompter({ input: io.stdin, output: io.stderr }), (line) => io.stderr.write(`${line}\n`)),
        }
      : {}),
    ...(options.dateOrder ? { dateOrder: options.dateOrder } : {}),
  });

  // Where per-follower records go: --followers-out, or the main output for csv/ndjson.
  const files: OutputFile[] = [];
  const targets: { target: FollowerTarget; stream: Writable; header?: string }[] = [];
  let reportFile: OutputFile | undefined;
  let rejects: RejectsSink | undefined;
  let progress: ProgressLine | undefined;
  let followerSpool: ScratchFile | undefined;
  let spoolWriter: ReturnType<typeof createBatchedWriter> | undefined;
  let jsonToStdout: (() => Promise<void>) | undefined;
  try {
    if (options.rejects) {
      const f = await openOutput(options.rejects, outputOptions);
      files.push(f);
      rejects = createRejectsSink(f.stream, { bom: !!options.bom, includeEmails: !!options.includeEmails });
      for (const log of interactions) for (const s of log.skipped) await rejects.write(s);
    }
    if (followersOutFormat && options.followersOut) {
      const f = await openOutput(options.followersOut, outputOptions);
      files.push(f);
      targets.push({ target: { format: followersOutFormat, bom: !!options.bom, terminal: false }, stream: f.stream });
    }
    // The report streamed as it is made (records, or the HTML page): to --output's file, or to standard output.
    const openStreamedReport = async (): Promise<Writable> => {
      if (!options.output) return io.stdout;
      reportFile = await openOutput(options.output, outputOptions);
      files.push(reportFile);
      return reportFile.stream;
    };
    if (perFollowerFormat) {
      const stream = await openStreamedReport();
      targets.push({ target: { format: format as 'csv' | 'ndjson', bom: !!options.bom, terminal: stream === io.stdout && io.stdoutIsTTY }, stream });
    }
    if (htmlList) {
      const stream = await openStreamedReport();
      const page = { brand: values.file.brand, asOf: asOf.toISOString().slice(0, 10) };
      targets.push({ target: { format: 'html', bom: false, terminal: false }, stream, header: htmlPageStart(page, true) });
    }
    const spec: FollowerOutputSpec = {
      targets: targets.map((t) => t.target),
      windowDays: values.scoring.windowDays,
      includeEmails: !!options.includeEmails,
      includeComments: !!options.includeComments,
      ...(salt !== undefined ? { anonymizeSalt: salt } : {}),
    };
    const writers = targets.map((t) => createBatchedWriter(t.stream, t.header ?? followerHeader(spec, t.target)));
    const htmlAt = targets.findIndex((t) => t.target.format === 'html');
    const htmlRows = htmlAt >= 0 ? createLineLimit(htmlLimit, writers[htmlAt]!.write) : undefined;
    const writes = writers.map((w, i) => (i === htmlAt ? htmlRows!.write : w.write));
    const writeLines = (texts: (string | Uint8Array)[]) => {
      if (writes.length === 1) return writes[0]!(texts[0]!);
      const waits = writes.map((write, i) => write(texts[i]!)).filter((w) => w !== undefined);
      return waits.length > 0 ? Promise.all(waits).then(() => undefined) : undefined;
    };
    // Progress only for a person watching: a terminal on stderr, not --quiet.
    progress =
      io.stderrIsTTY && !options.quiet
        ? createProgress(io, { ...(options.progressDelayMs !== undefined ? { delayMs: options.progressDelayMs, intervalMs: 0 } : {}) })
        : undefined;
    const recordOptions = { windowDays: values.scoring.windowDays, includeEmails: !!options.includeEmails, includeComments: !!options.includeComments };
    // --include-followers: each record is serialised as it comes into a scratch file, streamed into the JSON report at the end.
    if (options.includeFollowers && format === 'json') {
      followerSpool = await openScratch(options.output, outputOptions);
      spoolWriter = createBatchedWriter(followerSpool.stream);
    }
    let spooled = 0;
    const report = await runPipeline(sources, {
      values,
      asOf,
      top: options.top,
      version: VERSION,
      interactions,
      ...(options.dateOrder ? { dateOrder: options.dateOrder } : {}),
      threads: options.threads ?? 'auto',
      ...(options.parallelMinBytes !== undefined ? { parallelMinBytes: options.parallelMinBytes } : {}),
      ...(options.pieceChars !== undefined ? { pieceChars: options.pieceChars } : {}),
      ...(options.traceParallel ? { onParallelRead: (file: string) => io.stderr.write(`kindred: worker threads read ${escapeControl(file)}\n`) } : {}),
      ...(progress ? { onProgress: progress.update } : {}),
      ...(writers.length > 0 ? { followerOutput: { spec, write: writeLines } } : {}),
      // On this thread: the records go into the report in the order followers were read.
      ...(spoolWriter
        ? {
            onFollower: (c: Classified) => {
              const record = toRecord(c, recordOptions);
              const element = followerElement({ ...(anonymizer ? anonymizer.record(record) : record) });
              return spoolWriter!.write(spooled++ === 0 ? element : ELEMENT_SEPARATOR + element);
            },
          }
        : {}),
      onSkip: (s) => {
        if (options.strict && STRICT_CODES.has(s.code)) throw strictError(s);
        return rejects?.write(s);
      },
    });
    progress?.done();
    const shown = anonymizer ? anonymizer.report(report) : report;
    if (htmlRows) {
      const list = { embedded: htmlRows.lines, classified: report.totals.classified, limit: htmlLimit, anonymized: anonymizer !== undefined };
      await writers[htmlAt]!.write(htmlPageEnd(shown, list));
    }
    for (const w of writers) await w.end();
    await spoolWriter?.end();
    await followerSpool?.close();
    await rejects?.end();

    let forStdout: string | undefined;
    if (followerSpool) {
      const spool = followerSpool;
      const followers = () => ({ count: spooled, chunks: createReadStream(spool.path, { highWaterMark: 1 << 20 }) });
      if (options.output) {
        const file = await openOutput(options.output, outputOptions);
        files.push(file);
        await writeJsonReport(file.stream, shown, followers());
      } else jsonToStdout = () => writeJsonReport(io.stdout, shown, followers());
    } else if (!perFollowerFormat && !htmlList) {
      const chalk = new Chalk({ level: colorLevel({ flag: options.color, env: io.env, stdoutIsTTY: io.stdoutIsTTY, toFile: !!options.output }) });
      const text = RENDERERS[format as ReportFormat](shown, { chalk, ...(io.columns ? { width: io.columns } : {}) });
      if (options.output) await writeFileAtomic(options.output, text, outputOptions);
      else forStdout = text;
    }
    for (const f of files) await f.commit();
    files.length = 0;
    // Files first, the terminal report last: a reader that stops early (`| head -1`)
    // ends the process, and must not take the requested files with it.
    if (forStdout !== undefined) await writeOut(io.stdout, forStdout);
    await jsonToStdout?.();
    if (options.output && !options.quiet) log(`kindred: wrote ${options.output}`);
    if (options.followersOut && !options.quiet) log(`kindred: wrote ${options.followersOut}`);
    if (options.rejects && !options.quiet) log(`kindred: wrote ${options.rejects} (${report.totals.skipped} skipped rows)`);
    const failed = evaluateGates(report, options).filter((g) => !g.passed);
    if (failed.length > 0) throw new GateError(failed.map((g) => g.message).join('; '));
    return shown;
  } finally {
    progress?.done();
    for (const f of files) await f.abort();
    await followerSpool?.remove();
  }
}

function strictError(s: SkippedRow): InputError {
  return new InputError(
    `${s.code}: ${s.detail ?? 'this row cannot be read'}. --strict stops at the first unreadable row; fix or remove it, or run without --strict to skip such rows (--rejects FILE lists them all)`,
    s.file,
    s.line,
  );
}

function followerFormatOf(path: string): 'csv' | 'ndjson' {
  const lower = path.toLowerCase();
  if (lower.endsWith('.csv')) return 'csv';
  if (lower.endsWith('.ndjson') || lower.endsWith('.jsonl')) return 'ndjson';
  throw new UsageError(`--followers-out: name a .csv or .ndjson file (got "${path}")`);
}
