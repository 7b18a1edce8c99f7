import { Command, InvalidArgumentError, Option } from 'commander';
import { escapeLines } from '../report/safe-text.js';
import type { CliIo } from './io.js';

/**
 * Every command and flag, with help examples. Command code is imported only
 * when its command runs, so `kindred --help` and `--version` stay fast.
 */
export function buildProgram(io: CliIo, version: string): Command {
  const program = new Command('kindred')
    .description("Audit a brand's audience for quality over quantity: who your real community is, not how big it looks.")
    .version(version, '-V, --version')
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      // Commander quotes the unknown option or command back: it may hold control characters.
      writeErr: (s) => io.stderr.write(escapeLines(s)),
    })
    .exitOverride();

  program
    .command('audit')
    .description('Classify every follower as advocate, potential, passive or misaligned, and report on the community.')
    .argument('<export...>', 'follower export file(s); - reads standard input')
    .requiredOption('--values <file>', 'values file (YAML or JSON): brand values, promise, ideal customer, red flags')
    .option('--interactions <file>', 'interactions log joined on handle (handle,type,date rows or per-handle counts); repeatable', collect, [])
    .addOption(
      new Option('--format <format>', 'report format; csv and ndjson print the per-follower records').choices(['table', 'json', 'csv', 'ndjson']).default('table'),
    )
    .option('-o, --output <path>', 'write the report (or records) to this file instead of standard output')
    .option('--followers-out <path>', 'also write per-follower records to a .csv or .ndjson file')
    .option('--platform <name>', 'export format; auto detects it', 'auto')
    .option('--map <field=Header>', 'map a column to a field, e.g. --map handle="User Name"; repeatable', collect, [])
    .option('--as-of <date>', 'measure recency from this date (YYYY-MM-DD; default today) for reproducible reports')
    .option('--top <n>', 'followers listed per action list', toInt, 10)
    .option('--fail-under <score>', 'exit 1 when the quality score is below this (0–100)', toNumber)
    .option('--include-followers', 'add per-follower records to the JSON report')
    .option('--include-emails', 'write email addresses in per-follower records (personal data: off by default)')
    .option('--bom', 'start CSV output with a byte-order mark (for Excel)')
    .addOption(new Option('--date-order <order>', 'how to read ambiguous numeric dates like 03/04/2025').choices(['mdy', 'dmy']).default('mdy'))
    .option('--rejects <path>', 'write every skipped row (file, line, code, detail, original text) to this CSV file')
    .option('--strict', 'exit 2 at the first unreadable row (malformed, no handle) instead of skipping it; duplicates and excluded followers are still fine')
    .option('-q, --quiet', 'no progress or notices on standard error')
    .option('--no-color', 'plain text even in a terminal (NO_COLOR works too)')
    .option('--no-interactive', 'never ask questions; fail with a message instead')
    .addHelpText(
      'after',
      `
Examples:
  $ kindred audit followers.csv --values values.yml
  $ kindred audit followers.csv --values values.yml --interactions interactions.csv
  $ kindred audit followers.csv --values values.yml --format json --as-of 2026-11-01 > report.json
  $ kindred audit followers.csv --values values.yml --followers-out followers.ndjson
  $ kindred audit export.csv --values values.yml --map handle="User Name" --map bio="About"
  $ cat followers.csv | kindred audit - --values values.yml --fail-under 40
  $ kindred audit followers.csv --values values.yml --strict --rejects bad.csv

Exit codes: 0 done, 1 --fail-under gate failed, 2 usage or input error.`,
    )
    .action(async (exports: string[], opts) => {
      const { auditCommand } = await import('../commands/audit.js');
      await auditCommand(exports, { ...opts, color: opts.color && !io.env.NO_COLOR }, io);
    });

  program
    .command('explain')
    .description('Show why each named follower got its segment: fields read, terms matched, scores and thresholds.')
    .argument('<export>', 'follower export file')
    .argument('<handle...>', 'handles to explain (with or without @)')
    .requiredOption('--values <file>', 'values file (YAML or JSON)')
    .option('--interactions <file>', 'interactions log; repeatable', collect, [])
    .option('--platform <name>', 'export format; auto detects it', 'auto')
    .option('--map <field=Header>', 'map a column to a field; repeatable', collect, [])
    .option('--as-of <date>', 'measure recency from this date (YYYY-MM-DD; default today)')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .addOption(new Option('--date-order <order>', 'how to read ambiguous numeric dates').choices(['mdy', 'dmy']).default('mdy'))
    .addHelpText(
      'after',
      `
Examples:
  $ kindred explain followers.csv --values values.yml @maya_reads
  $ kindred explain followers.csv --values values.yml maya_reads tom --as-of 2026-11-01 --format json`,
    )
    .action(async (exportFile: string, handles: string[], opts) => {
      const { explainCommand } = await import('../commands/explain.js');
      await explainCommand(exportFile, handles, opts, io);
    });

  program
    .command('schema')
    .description('Print the JSON Schema of the values file (or of the JSON report with --report), for editors and validators.')
    .option('--report', 'the JSON Schema of the audit report instead')
    .addHelpText(
      'after',
      `
Examples:
  $ kindred schema > kindred-values.schema.json
  $ kindred schema --report > kindred-report.schema.json`,
    )
    .action(async (opts) => {
      const { schemaCommand } = await import('../commands/schema.js');
      await schemaCommand(opts, io);
    });

  return program;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function toInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('expected a whole number, 0 or more');
  return n;
}

function toNumber(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n)) throw new InvalidArgumentError('expected a number');
  return n;
}
