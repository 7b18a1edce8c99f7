import { mkdir, rmdir } from 'node:fs/promises';
import { relative } from 'node:path';
import { Writable } from 'node:stream';
import { Chalk } from 'chalk';
import { type BatchEntry, fileForFormat, loadManifest, type Manifest } from '../batch/manifest.js';
import { buildSummary, type EntrySummary, entryFromReport, failedEntry, summaryCsv, summaryJson, summaryTable } from '../batch/summary.js';
import type { CliIo } from '../cli/io.js';
import { writeOut } from '../cli/io.js';
import { readReport } from '../compare/read-report.js';
import { ConfigError, formatUserError, GateError, InputError, isUserError } from '../errors.js';
import { evaluateGates } from '../gates.js';
import { checkWritableTarget, writeFileAtomic } from '../io/output.js';
import { fileClashes, type NamedFile } from '../io/same-file.js';
import { resolveSalt } from '../privacy/anonymize.js';
import type { Report } from '../report/model.js';
import { RENDERERS, type ReportFormat } from '../report/renderers/index.js';
import { escapeControl, escapeLines } from '../safe-text.js';
import { auditCommand } from './audit.js';

export interface BatchOptions {
  /** Resolve output folders (entries and summary) against this folder instead of the manifest's. */
  outDir?: string;
  /** Let the manifest's output paths leave the output folder (refused by default: a manifest may come from a client). */
  allowOutsideOutDir?: boolean;
  salt?: string;
  quiet?: boolean;
}

/**
 * `kindred batch`: one audit per manifest entry, run one after another with
 * the same code as `kindred audit`. An entry that fails is reported and the
 * others still run. Exit code: 0 when every entry was audited and passed its
 * gates; 1 when all were audited but at least one missed a gate; 2 when the
 * manifest is invalid (nothing runs) or any entry failed.
 */
export async function batchCommand(manifestFile: string, options: BatchOptions, io: CliIo): Promise<void> {
  const manifest = await loadManifest(manifestFile, {
    ...(options.outDir ? { outDir: options.outDir } : {}),
    allowOutside: !!options.allowOutsideOutDir,
  });
  const log = (msg: string) => {
    if (!options.quiet) io.stderr.write(`${msg}\n`);
  };
  // A missing salt is a mistake in how the batch is run, not in one entry: stop before any work.
  const salt = manifest.entries.some((e) => e.anonymize) ? resolveSalt(options.salt, io.env) : undefined;
  await mkdir(manifest.output, { recursive: true }).catch(() => undefined);
  const summaryJsonPath = `${manifest.output}/summary.json`;
  const summaryCsvPath = `${manifest.output}/summary.csv`;
  await checkWritableTarget(summaryJsonPath);
  await refuseClashes(manifestFile, manifest, [summaryJsonPath, summaryCsvPath]);

  const rows: EntrySummary[] = [];
  let bug: unknown;
  for (const [i, entry] of manifest.entries.entries()) {
    log(`kindred: [${i + 1}/${manifest.entries.length}] ${escapeControl(entry.name)}`);
    const output = relative(manifest.output, entry.output) || '.';
    const created = await mkdir(entry.output, { recursive: true }).catch(() => undefined);
    try {
      rows.push(await runEntry(entry, output, salt, io, options));
    } catch (e) {
      // Leave no empty folder behind for an entry that produced nothing (rmdir refuses non-empty folders).
      if (created) await rmdir(entry.output).catch(() => undefined);
      const message = isUserError(e) ? formatUserError(e) : `internal error (this is a bug, please report it): ${(e as Error)?.message ?? String(e)}`;
      if (!isUserError(e)) bug ??= e;
      io.stderr.write(`${prefixLines(escapeLines(message), `[${escapeControl(entry.name)}] `)}\n`);
      rows.push(failedEntry(entry.name, output, message.replace(/^error: /, '')));
    }
  }

  const summary = buildSummary(displayPath(manifestFile), rows);
  await writeFileAtomic(summaryJsonPath, summaryJson(summary), { notice: log });
  await writeFileAtomic(summaryCsvPath, summaryCsv(summary), { notice: log });
  await writeOut(io.stdout, summaryTable(summary));
  log(`kindred: wrote ${displayPath(summaryJsonPath)} and ${displayPath(summaryCsvPath)}`);

  if (bug) throw bug;
  const { failed, gateFailed, entries } = summary.counts;
  if (failed > 0) {
    const names = rows.filter((r) => r.status === 'error').map((r) => escapeControl(r.name));
    throw new InputError(`${failed} of ${entries} entries failed (${names.join(', ')}); the others ran`, manifestFile);
  }
  if (gateFailed > 0) {
    const names = rows.filter((r) => r.status === 'gate-failed').map((r) => escapeControl(r.name));
    throw new GateError(`${gateFailed} of ${entries} entries missed a gate (${names.join(', ')})`);
  }
}

/**
 * Every file the batch reads (the manifest, each entry's exports, values and
 * interactions) against every file it writes (each entry's reports, the
 * summary), by identity: an entry whose export is another's report.md, or the
 * summary, would be overwritten mid-batch. Nothing runs when one clashes.
 */
async function refuseClashes(manifestFile: string, manifest: Manifest, summaryPaths: string[]): Promise<void> {
  const inputs: NamedFile[] = [{ what: 'the manifest', path: manifestFile }];
  const outputs: NamedFile[] = summaryPaths.map((path) => ({ what: 'the summary', path }));
  manifest.entries.forEach((e, i) => {
    const at = `entries[${i}]`;
    inputs.push(...e.exports.map((path) => ({ what: `${at}.exports`, path })), { what: `${at}.values`, path: e.values }, ...e.interactions.map((path) => ({ what: `${at}.interactions`, path })));
    outputs.push(...e.formats.map((f) => ({ what: `${at} output`, path: `${e.output}/${fileForFormat(f)}` })));
  });
  const clashes = await fileClashes(inputs, outputs);
  if (clashes.length > 0) throw new ConfigError(manifestFile, clashes);
}

async function runEntry(entry: BatchEntry, output: string, salt: string | undefined, io: CliIo, options: BatchOptions): Promise<EntrySummary> {
  await mkdir(entry.output, { recursive: true }).catch((e: NodeJS.ErrnoException) => {
    throw new InputError(`cannot create the output folder (${e.code ?? e.message})`, displayPath(entry.output));
  });
  const reportPath = `${entry.output}/${fileForFormat('json')}`;
  // Read before this run overwrites it: the last run is what "change" is measured against.
  const previous = await readReport(reportPath).catch((e: unknown) => {
    const why = (e as InputError)?.message;
    if (why !== 'no such file') {
      io.stderr.write(`[${escapeControl(entry.name)}] note: no change shown: the previous ${displayPath(reportPath)} was not read (${escapeControl(why)})\n`);
    }
    return undefined;
  });

  const followerFormat = entry.formats.find((f) => f === 'csv' || f === 'ndjson');
  const entryIo: CliIo = {
    ...io,
    stdout: discard(),
    stderr: prefixed(io.stderr, `[${escapeControl(entry.name)}] `),
    stdoutIsTTY: false,
    stderrIsTTY: false,
    stdinIsTTY: false,
  };
  delete entryIo.columns;
  const report: Report = await auditCommand(
    entry.exports.map(displayPath),
    {
      values: displayPath(entry.values),
      interactions: entry.interactions.map(displayPath),
      format: 'json',
      output: displayPath(reportPath),
      ...(followerFormat ? { followersOut: displayPath(`${entry.output}/${fileForFormat(followerFormat)}`) } : {}),
      platform: entry.platform,
      map: entry.map,
      ...(entry.asOf ? { asOf: entry.asOf } : {}),
      top: entry.top,
      ...(entry.anonymize ? { anonymize: true, salt } : {}),
      ...(entry.dateOrder ? { dateOrder: entry.dateOrder } : {}),
      quiet: !!options.quiet,
      color: false,
      interactive: false,
    },
    entryIo,
  );
  // Other report formats come from the same Report: every file of an entry agrees.
  for (const format of entry.formats) {
    if (format === 'json' || format === 'csv' || format === 'ndjson') continue;
    const render = RENDERERS[format as ReportFormat];
    if (!render) continue;
    await writeFileAtomic(`${entry.output}/${fileForFormat(format)}`, render(report, { chalk: new Chalk({ level: 0 }) }));
  }
  const gates = evaluateGates(report, entry.gates, (g) => `gates.${g}`);
  return entryFromReport(entry.name, output, report, previous, gates);
}

/** Paths as the user would type them from here: relative to the working folder when inside it. */
function displayPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel && !rel.startsWith('..') ? rel : path;
}

function prefixLines(text: string, prefix: string): string {
  return text
    .split('\n')
    .map((l) => prefix + l)
    .join('\n');
}

function discard(): Writable {
  return new Writable({ write: (_chunk, _enc, done) => done() });
}

function prefixed(target: Writable, prefix: string): Writable {
  return new Writable({
    write(chunk, _enc, done) {
      const text = String(chunk).replace(/\n$/, '');
      target.write(`${prefixLines(text, prefix)}\n`);
      done();
    },
  });
}
