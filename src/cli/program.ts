import { Command, InvalidArgumentError, Option } from 'commander';
import { parseShare } from '../gates.js';
import { platformHelp, platformIds } from '../platforms.js';
import { escapeLines } from '../safe-text.js';
import { displayWidth, wrap } from '../terminal/wrap.js';
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
    .exitOverride()
    .hook('preAction', (_program, command) => checkRequiredOptions(command))
    .addHelpText(
      'after',
      fitHelp(`
Examples:
  $ kindred init --from followers.csv
  $ kindred audit followers.csv --values values.yml --interactions interactions.csv
  $ kindred explain followers.csv --values values.yml @maya_reads
  $ kindred batch clients.yml

Run kindred <command> --help for each command's options and examples.`),
    );

  program
    .command('audit')
    .summary('audit followers, print the report')
    .description('Classify every follower as advocate, potential, passive or misaligned, and report on the community.')
    .argument('<export...>', 'follower export file(s); - reads standard input')
    .addOption(requiredOption('--values <file>', 'values file (YAML or JSON): brand values, promise, ideal customer, red flags'))
    .option('--interactions <file>', 'interactions joined on handle: handle,type,date rows, per-handle counts, or a mentions export (Meltwater, Sprout-style); repeatable', collect, [])
    .addOption(
      new Option('--format <format>', 'report format; csv and ndjson print the per-follower records').choices(['table', 'json', 'markdown', 'html', 'csv', 'ndjson']).default('table'),
    )
    .option('-o, --output <path>', 'write the report (or records) to this file instead of standard output')
    .option('--followers-out <path>', 'also write per-follower records to a .csv or .ndjson file')
    .option('--platform <name>', `export format: auto (detect it), ${platformIds()}`, 'auto')
    .option('--map <field=Header>', 'map a column to a field, e.g. --map handle="User Name"; repeatable', collect, [])
    .option('--as-of <date>', 'measure recency from this date (YYYY-MM-DD; default today) for reproducible reports')
    .option('--top <n>', 'followers listed per action list', toInt, 10)
    .option('--fail-under <score>', 'exit 1 when the quality score is below this (0–100)', toNumber)
    .option('--min-advocate-share <share>', 'exit 1 when advocates are under this share (5% or 0.05)', toShare)
    .option('--max-misaligned-share <share>', 'exit 1 when misaligned followers are over this share (20% or 0.2)', toShare)
    .option('--anonymize', 'replace handles with salted hashes; drop names, emails and profile URLs')
    .option('--salt <salt>', 'secret salt for --anonymize (default: the KINDRED_SALT environment variable)')
    .option('--include-followers', 'add per-follower records to the JSON report')
    .option('--html-followers <n>', 'followers the HTML report lists to search, filter and sort (default 200,000; 0: none; for more, --followers-out)', toInt)
    .option('--include-emails', 'write email addresses in per-follower records (personal data: off by default)')
    .option('--include-comments', 'write what followers wrote in their comments (from --interactions) in per-follower records (personal data: off by default)')
    .option('--bom', 'start CSV output with a byte-order mark (for Excel)')
    .addOption(new Option('--date-order <order>', 'how to read ambiguous numeric dates like 03/04/2025').choices(['mdy', 'dmy']).default('mdy'))
    .option('--rejects <path>', 'write every skipped row (file, line, code, detail, original text) to this CSV file')
    .option('--strict', 'exit 2 at the first unreadable row (malformed, no handle) instead of skipping it; duplicates and excluded followers are still fine')
    .option('--threads <n>', 'worker threads for export files over 8 MB (default: one per core, up to 4; at most 16; 0 = one thread)', toInt)
    .option('-q, --quiet', 'no progress or notices on standard error')
    .option('--no-color', 'plain text even in a terminal (NO_COLOR works too; FORCE_COLOR colours a pipe)')
    .option('--no-interactive', 'never ask questions; fail with a message instead')
    // For tests of the worker threads on small files: where they start, and how big a piece is.
    .addOption(new Option('--parallel-min-bytes <n>').argParser(toInt).hideHelp())
    .addOption(new Option('--piece-chars <n>').argParser(toInt).hideHelp())
    .addOption(new Option('--trace-parallel').hideHelp())
    .addHelpText(
      'after',
      fitHelp(`
Examples:
  $ kindred audit followers.csv --values values.yml
  $ kindred audit followers.csv --values values.yml --interactions interactions.csv
  $ kindred audit followers.csv --values values.yml --format json --as-of 2026-11-01 > report.json
  $ kindred audit followers.csv --values values.yml --format html -o report.html
  $ kindred audit followers.csv --values values.yml --followers-out followers.ndjson
  $ kindred audit export.csv --values values.yml --map handle="User Name" --map bio="About"
  $ kindred audit Connections.csv --values values.yml --interactions meltwater-mentions.csv
  $ cat followers.csv | kindred audit - --values values.yml --fail-under 40
  $ kindred audit followers.csv --values values.yml --min-advocate-share 5% --max-misaligned-share 20%
  $ KINDRED_SALT=... kindred audit followers.csv --values values.yml --anonymize --followers-out followers.csv
  $ kindred audit instagram-brand-2026-11-01.zip --values values.yml
  $ kindred audit followers.csv --values values.yml --strict --rejects bad.csv

Platforms (--platform; a platform's .zip download works too):
${platformHelp()}

Exit codes: 0 done, 1 a gate (--fail-under, --min-advocate-share, --max-misaligned-share) failed,
2 usage or input error, 130 cancelled at a question (Ctrl-C).`),
    )
    .action(async (exports: string[], opts) => {
      const { auditCommand } = await import('../commands/audit.js');
      await auditCommand(exports, opts, io);
    });

  program
    .command('explain')
    .summary('why a follower got its segment')
    .description('Show why each named follower got its segment: fields read, terms matched, scores and thresholds.')
    .argument('<export>', 'follower export file')
    .argument('<handle...>', 'handles to explain (with or without @)')
    .addOption(requiredOption('--values <file>', 'values file (YAML or JSON)'))
    .option('--interactions <file>', 'interactions log; repeatable', collect, [])
    .option('--platform <name>', `export format: auto (detect it), ${platformIds()}`, 'auto')
    .option('--map <field=Header>', 'map a column to a field; repeatable', collect, [])
    .option('--as-of <date>', 'measure recency from this date (YYYY-MM-DD; default today)')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .addOption(new Option('--date-order <order>', 'how to read ambiguous numeric dates').choices(['mdy', 'dmy']).default('mdy'))
    .addHelpText(
      'after',
      fitHelp(`
Examples:
  $ kindred explain followers.csv --values values.yml @maya_reads
  $ kindred explain followers.csv --values values.yml maya_reads tom --as-of 2026-11-01 --format json`),
    )
    .action(async (exportFile: string, handles: string[], opts) => {
      const { explainCommand } = await import('../commands/explain.js');
      await explainCommand(exportFile, handles, opts, io);
    });

  program
    .command('learn')
    .summary('check and improve the values file with followers you know')
    .description(
      'Measure how well the values file agrees with followers you have labelled (aligned, opposed, neutral) and propose terms learned from their own words, kept only when they work on people they were not learned from.',
    )
    .argument('<export...>', 'follower export files')
    .addOption(requiredOption('--values <file>', 'values file (YAML or JSON)'))
    .addOption(requiredOption('--labels <file>', 'CSV of handle,label (aligned, opposed, neutral; or a segment name)'))
    .option('--write <file>', 'write a copy of the values file with the proposals that held up (never the values file itself)')
    .option('--interactions <file>', 'interactions log; repeatable', collect, [])
    .option('--platform <name>', `export format: auto (detect it), ${platformIds()}`, 'auto')
    .option('--map <field=Header>', 'map a column to a field; repeatable', collect, [])
    .option('--as-of <date>', 'measure recency from this date (YYYY-MM-DD; default today)')
    .option('--min-people <n>', 'propose only words used by at least this many labelled people (default 3)', toInt)
    .option('--min-share <share>', 'share of a word\'s users that must carry the label it is proposed for (default 0.6)', toShare)
    .option('--folds <n>', 'cross-validation folds (default 5)', toInt)
    .option('--min-gain <n>', 'write a proposal only when it moved this many more held-out people right than wrong (default 2)', toInt)
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json']).default('table'))
    .addOption(new Option('--date-order <order>', 'how to read ambiguous numeric dates').choices(['mdy', 'dmy']).default('mdy'))
    .addHelpText(
      'after',
      fitHelp(`
Examples:
  $ kindred learn followers.csv --values values.yml --labels labels.csv
  $ kindred learn followers.csv --values values.yml --labels labels.csv --write values.learned.yml
  $ kindred learn followers.csv --values values.yml --labels labels.csv --min-people 5 --format json`),
    )
    .action(async (exports: string[], opts) => {
      const { learnCommand } = await import('../commands/learn.js');
      await learnCommand(exports, opts, io);
    });

  program
    .command('batch')
    .summary('many audits from a manifest')
    .description('Run many audits (one per client or brand) from a YAML or JSON manifest; print and write a summary.')
    .argument('<manifest>', 'batch manifest (YAML or JSON); relative paths in it resolve against its folder')
    .option('--out-dir <dir>', "write entry folders and the summary under this folder instead of the manifest's")
    .option('--allow-outside-out-dir', "let the manifest's output paths leave that folder (absolute or ../ paths); only for manifests you trust")
    .option('--salt <salt>', 'secret salt for entries with anonymize: true (default: KINDRED_SALT)')
    .option('-q, --quiet', 'no progress or notices on standard error')
    .addHelpText(
      'after',
      fitHelp(`
Examples:
  $ kindred batch clients.yml
  $ kindred batch samples/batch.yml --out-dir reports

Exit codes: 0 every entry audited and passed its gates, 1 all audited but a gate was missed,
2 the manifest is invalid (nothing runs) or an entry failed (the others still run).`),
    )
    .action(async (manifest: string, opts) => {
      const { batchCommand } = await import('../commands/batch.js');
      await batchCommand(manifest, opts, io);
    });

  program
    .command('compare')
    .summary('what changed between two reports')
    .description('What changed between two JSON reports: followers gained and lost, segments, quality score, who moved.')
    .argument('<before>', 'the earlier JSON report (kindred audit --format json)')
    .argument('<after>', 'the later JSON report')
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json', 'markdown']).default('table'))
    .option('-o, --output <path>', 'write to this file instead of standard output')
    .option('--top <n>', 'followers listed per movement in table and markdown', toInt, 20)
    .option('-q, --quiet', 'no notices on standard error')
    .addHelpText(
      'after',
      fitHelp(`
Who moved between segments needs per-follower records in both reports (--include-followers).

Examples:
  $ kindred audit oct.csv --values values.yml --as-of 2026-11-01 --format json --include-followers -o before.json
  $ kindred audit nov.csv --values values.yml --as-of 2026-12-01 --format json --include-followers -o after.json
  $ kindred compare before.json after.json
  $ kindred compare before.json after.json --format markdown -o changes.md`),
    )
    .action(async (before: string, after: string, opts) => {
      const { compareCommand } = await import('../commands/compare.js');
      await compareCommand(before, after, opts, io);
    });

  program
    .command('init')
    .summary('a wizard that writes your values file')
    .description('Put your values into words: a short interactive wizard that writes a commented, valid values file.')
    .option('-o, --output <path>', 'where to write the values file', 'kindred.values.yml')
    .option('--from <export>', 'a follower export: show the words followers use that no value covers yet, and preview the audit; repeatable', collect, [])
    .option('-y, --yes', 'ask nothing: write a commented template to fill in (also what happens off a terminal)')
    .option('--answers <file>', 'take the answers from a JSON or YAML file instead of asking (for scripts)')
    .option('-f, --force', 'replace the output file if it exists')
    .option('--platform <name>', 'format of the --from export; auto detects it', 'auto')
    .option('--map <field=Header>', 'map a column of the --from export to a field; repeatable', collect, [])
    .option('--no-color', 'plain text even in a terminal (NO_COLOR works too; FORCE_COLOR colours a pipe)')
    .addHelpText(
      'after',
      fitHelp(`
Examples:
  $ kindred init
  $ kindred init --from followers.csv
  $ kindred init --yes --output values.yml
  $ kindred init --answers answers.json --force

Questions are asked only when standard input and output are a terminal;
otherwise init writes the template, as with --yes.
Answers file: {"brand": "…", "promise": "…", "values": [{"name": "…", "terms": ["…"]}],
  "idealCustomer": {"roles": [], "interests": [], "locations": []},
  "redFlags": [{"name": "…", "terms": ["…"]}], "spamList": true}

Exit codes: 0 written, 2 usage or input error (nothing written),
130 cancelled with Ctrl-C (nothing written).`),
    )
    .action(async (opts) => {
      const { initCommand } = await import('../commands/init.js');
      await initCommand(opts, io);
    });

  program
    .command('schema')
    .summary('JSON Schemas for editors')
    .description('Print the JSON Schema of the values file (or of the JSON report with --report), for editors and validators.')
    .option('--report', 'the JSON Schema of the audit report instead')
    .option('--manifest', 'the JSON Schema of the batch manifest instead')
    .option('--learn', 'the JSON Schema of kindred learn --format json instead')
    .addHelpText(
      'after',
      fitHelp(`
Examples:
  $ kindred schema > kindred-values.schema.json
  $ kindred schema --report > kindred-report.schema.json
  $ kindred schema --manifest > kindred-batch.schema.json
  $ kindred schema --learn > kindred-learn.schema.json`),
    )
    .action(async (opts) => {
      const { schemaCommand } = await import('../commands/schema.js');
      await schemaCommand(opts, io);
    });

  return program;
}

/**
 * Options a command cannot run without. Commander checks its own mandatory
 * options before unknown ones, so `--valuse values.yml` was reported as
 * "--values not specified" instead of the typo it is. These are checked just
 * before the action, after commander has refused unknown options (with its
 * "did you mean").
 */
const required = new WeakSet<Option>();

function requiredOption(flags: string, description: string): Option {
  const option = new Option(flags, `${description} (required)`);
  required.add(option);
  return option;
}

function checkRequiredOptions(command: Command): void {
  for (const option of command.options) {
    if (required.has(option) && command.getOptionValue(option.attributeName()) === undefined) {
      command.error(`error: required option '${option.flags}' not specified`, { code: 'commander.missingMandatoryOptionValue' });
    }
  }
}

/**
 * Help stays within 80 columns: a long example breaks before an option with a
 * shell continuation, a long sentence at a space.
 */
export function fitHelp(text: string, width = 80): string {
  return text
    .split('\n')
    .flatMap((line) => (displayWidth(line) <= width ? [line] : line.startsWith('  $ ') ? breakCommand(line, width) : breakWords(line, width)))
    .join('\n');
}

function breakCommand(line: string, width: number): string[] {
  const lines: string[] = [];
  let rest = line;
  let indent = '';
  while (indent.length + rest.length > width) {
    const room = width - indent.length - 2;
    const cut = rest.lastIndexOf(' --', room);
    if (cut <= 4) break;
    lines.push(`${indent}${rest.slice(0, cut)} \\`);
    rest = rest.slice(cut + 1);
    indent = '      ';
  }
  lines.push(indent + rest);
  return lines;
}

/** A long help sentence, wrapped under its own indent with a two-space hang. */
function breakWords(line: string, width: number): string[] {
  const indent = /^ */.exec(line)![0];
  return wrap(line, width - indent.length - 2).map((l, i) => `${indent}${i ? '  ' : ''}${l}`);
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function toInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('expected a whole number, 0 or more');
  return n;
}

function toShare(value: string): number {
  const parsed = parseShare(value);
  if ('error' in parsed) throw new InvalidArgumentError(parsed.error);
  return parsed.share;
}

function toNumber(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n)) throw new InvalidArgumentError('expected a number');
  return n;
}
