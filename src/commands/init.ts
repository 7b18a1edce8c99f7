import { stat } from 'node:fs/promises';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Chalk, type ChalkInstance } from 'chalk';
import { parseAsOf } from '../as-of.js';
import { colorLevel } from '../cli/color.js';
import type { CliIo } from '../cli/io.js';
import { hintStandardInput, writeOut } from '../cli/io.js';
import { ConfigError, UsageError } from '../errors.js';
import type { Follower } from '../follower.js';
import { type InitAnswers, loadAnswersFile } from '../init/answers.js';
import { type CommunityLanguage, createLanguageCounter } from '../init/community-language.js';
import { renderPreview } from '../init/preview.js';
import { TEMPLATE_ANSWERS } from '../init/template.js';
import { renderValuesYaml, valuesFromAnswers } from '../init/values-document.js';
import { formatLanguage, runWizard } from '../init/wizard.js';
import { parseMapOptions } from '../io/map-option.js';
import { openSources } from '../io/open-sources.js';
import { checkWritableTarget, writeFileAtomic } from '../io/output.js';
import { inquirerPrompter, type Prompter } from '../io/prompts.js';
import type { SourceItem } from '../io/rows.js';
import { assertSeparateFiles } from '../io/same-file.js';
import { type AuditSource, runPipeline } from '../pipeline.js';
import { escapeControl } from '../safe-text.js';
import { shellQuote } from '../shell-quote.js';
import { foldWords, TermMatcher } from '../text/matcher.js';
import { compileValues } from '../values/compile.js';
import { checkValuesRules, formatIssue, loadValues, parseConfigText } from '../values/load.js';
import { type ValuesFile, valuesFileSchema } from '../values/schema.js';
import { VERSION } from '../version.js';

export const DEFAULT_VALUES_FILE = 'kindred.values.yml';

/** The values-file JSON Schema shipped with this kindred (schema/ beside dist/). */
export const SHIPPED_SCHEMA = fileURLToPath(new URL('../../schema/values.schema.json', import.meta.url));

/**
 * What the editor line of a new values file points at: the schema shipped
 * with the kindred that wrote it, relative to the file (how the YAML language
 * server resolves it), so it exists wherever kindred is installed — in the
 * project (`./node_modules/kindred/schema/…`) or globally. kindred is not
 * published on a registry, so a registry URL would point at nothing.
 */
export function schemaRef(valuesFile: string, schemaFile: string = SHIPPED_SCHEMA): string {
  const path = relative(dirname(resolve(valuesFile)), schemaFile).split(sep).join('/');
  return isAbsolute(path) || path.startsWith('.') ? path : `./${path}`;
}

export interface InitOptions {
  output?: string;
  force?: boolean;
  yes?: boolean;
  answers?: string;
  from?: string[];
  platform?: string;
  map?: string[];
  color?: boolean;
}

export interface InitDeps {
  /** Answers questions instead of the terminal (tests); without it, init asks only in a terminal. */
  prompter?: Prompter;
  now?: () => Date;
}

export interface InitResult {
  file: string;
  values: ValuesFile;
  mode: 'wizard' | 'answers' | 'template';
}

/**
 * `kindred init`: from nothing to a working values file. Everything that can
 * fail early does (an existing file, an unreadable export) before the first
 * question; the file is written once, atomically, at the very end, so Ctrl-C
 * at any question leaves nothing behind; and what was written is read back
 * with the loader `audit` uses.
 */
export async function initCommand(options: InitOptions, io: CliIo, deps: InitDeps = {}): Promise<InitResult> {
  const output = options.output ?? DEFAULT_VALUES_FILE;
  if (options.yes && options.answers) throw new UsageError('--yes writes the template and --answers writes your answers: choose one');
  const interactive = !options.yes && !options.answers && (!!deps.prompter || (io.stdinIsTTY && io.stdoutIsTTY));
  if (interactive && !deps.prompter && (options.from ?? []).includes('-')) {
    throw new UsageError('--from - reads standard input, which the questions need: give the export as a file');
  }
  const c: ChalkInstance = new Chalk({ level: colorLevel({ flag: options.color, env: io.env, stdoutIsTTY: io.stdoutIsTTY }) });
  const width = Math.min(io.columns ?? 80, 100);
  await refuseOverwrite(output, !!options.force);
  await checkWritableTarget(output);
  await assertSeparateFiles(
    [...(options.from ?? []).map((path) => ({ what: '--from', path })), ...(options.answers ? [{ what: '--answers', path: options.answers }] : [])],
    [{ what: '--output', path: output }],
  );

  if (options.from?.length && io.stderrIsTTY) io.stderr.write(`kindred: reading ${options.from.join(', ')}…\n`);
  hintStandardInput(io, options.from ?? [], 'followers');
  const audience = options.from?.length ? await readAudience(options, io) : undefined;

  let answers: InitAnswers;
  let mode: InitResult['mode'];
  if (options.answers) {
    answers = await loadAnswersFile(options.answers);
    mode = 'answers';
  } else if (interactive) {
    answers = await runWizard({
      prompter: deps.prompter ?? inquirerPrompter({ input: io.stdin, output: io.stdout }),
      chalk: c,
      width,
      ...(audience ? { language: (terms: string[]) => audience.language(terms), vocabulary: audience.vocabulary } : {}),
    });
    mode = 'wizard';
  } else {
    if (!options.yes) {
      io.stderr.write('kindred: not a terminal, so no questions: writing a template to fill in (--answers FILE scripts your own answers)\n');
    }
    answers = TEMPLATE_ANSWERS;
    mode = 'template';
  }

  const today = parseAsOf(undefined, deps.now);
  const text = renderValuesYaml(valuesFromAnswers(answers), { schemaUrl: schemaRef(output), date: today.toISOString().slice(0, 10), template: mode === 'template' });
  validateInMemory(text, options.answers ?? output);

  if (audience && mode !== 'wizard') {
    const lang = audience.language(allTerms(answers));
    await writeOut(io.stdout, `${c.bold('Words your followers use that no term covers yet')} ${c.dim(`(followers using each; ${lang.followersWithText} profiles with text)`)}\n${formatLanguage(lang, c, 15, width)}\n\n`);
  }

  // Checked again: the file may have appeared while the questions were answered.
  await refuseOverwrite(output, !!options.force);
  await writeFileAtomic(output, text, { notice: (m) => io.stderr.write(`${escapeControl(m)}\n`) });
  const loaded = await loadValues(output);
  io.stderr.write(`kindred: wrote ${output}\n`);
  for (const w of loaded.warnings) io.stderr.write(`warning: ${output}: ${w}\n`);

  if (audience) {
    const report = await runPipeline(audience.replay(), { values: compileValues(loaded.values), asOf: today, top: 0, version: VERSION });
    await writeOut(io.stdout, `\n${renderPreview(report, c, width)}\n`);
  }
  await writeOut(
    io.stdout,
    `\n${mode === 'template' ? `Next: edit ${output} (every term is an example), then` : 'Next:'} ${c.bold(escapeControl(nextAudit(options, output)))}\n`,
  );
  return { file: output, values: loaded.values, mode };
}

/**
 * The audit to run next, with what reading the export needed here: an export
 * read with --platform or --map cannot be read without them.
 */
export function nextAudit(options: Pick<InitOptions, 'from' | 'platform' | 'map'>, output: string): string {
  const exports = (options.from ?? []).filter((f) => f !== '-');
  const words = ['kindred', 'audit', ...(exports.length > 0 ? exports.map(shellQuote) : ['followers.csv']), '--values', shellQuote(output)];
  if (options.platform && options.platform !== 'auto') words.push('--platform', shellQuote(options.platform));
  for (const m of options.map ?? []) {
    const at = m.indexOf('=');
    words.push('--map', at > 0 ? `${m.slice(0, at)}=${shellQuote(m.slice(at + 1))}` : shellQuote(m));
  }
  return words.join(' ');
}

async function refuseOverwrite(path: string, force: boolean): Promise<void> {
  if (force) return;
  const exists = await stat(path).then(
    () => true,
    () => false,
  );
  if (exists) throw new UsageError(`${path} already exists; kindred init will not overwrite it. Use --force to replace it, or --output to write elsewhere`);
}

/**
 * The generated text must pass the same schema and rules `audit` applies; if
 * not, nothing is written. Paths are the values file's (values[1].name), which
 * are also the answers file's for values and red flags; line numbers would be
 * the generated file's, so none are given.
 */
function validateInMemory(text: string, displayName: string): void {
  const { data } = parseConfigText(text, valuesFileSchema, displayName, 'yaml');
  const { errors } = checkValuesRules(data);
  if (errors.length > 0) throw new ConfigError(displayName, errors.map((e) => formatIssue(e.path, e.message, undefined)));
}

function allTerms(a: InitAnswers): string[] {
  return [
    ...a.values.flatMap((v) => v.terms),
    ...(a.idealCustomer ? [...a.idealCustomer.roles, ...a.idealCustomer.interests, ...a.idealCustomer.locations] : []),
    ...a.redFlags.flatMap((f) => f.terms),
  ];
}

interface Audience {
  language(terms: string[]): CommunityLanguage;
  vocabulary: Set<string>;
  replay(): AuditSource[];
}

// Bounds the vocabulary used to split run-together hashtags on huge exports.
const MAX_VOCABULARY = 200_000;

/**
 * Reads the exports once into memory: the wizard counts their language more
 * than once (before and after the values are known) and the preview runs the
 * pipeline over the same rows.
 */
async function readAudience(options: InitOptions, io: CliIo): Promise<Audience> {
  const sources = await openSources(options.from ?? [], { platform: options.platform ?? 'auto', map: parseMapOptions(options.map ?? []), stdin: io.stdin });
  const buffered: { source: AuditSource; items: SourceItem[] }[] = [];
  const followers: Follower[] = [];
  const vocabulary = new Set<string>();
  for (const source of sources) {
    const items: SourceItem[] = [];
    for await (const item of source.items) {
      items.push(item);
      if (item.kind !== 'follower') continue;
      followers.push(item.follower);
      if (vocabulary.size < MAX_VOCABULARY) for (const w of foldWords(item.follower.bio ?? '')) vocabulary.add(w);
    }
    buffered.push({ source, items });
  }
  return {
    vocabulary,
    language(terms) {
      const counter = createLanguageCounter(new TermMatcher(terms.map((text) => ({ text, tag: 0 }))));
      for (const f of followers) counter.add(f);
      return counter.result();
    },
    replay: () =>
      buffered.map(({ source, items }) => ({
        ...source,
        items: (async function* () {
          yield* items;
        })(),
      })),
  };
}
