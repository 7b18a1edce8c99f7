import { parseAsOf } from '../as-of.js';
import type { Classified } from '../classify.js';
import type { CliIo } from '../cli/io.js';
import { hintStandardInput, writeOut } from '../cli/io.js';
import { InputError, UsageError } from '../errors.js';
import { readInteractions } from '../io/interactions.js';
import { parseMapOptions } from '../io/map-option.js';
import { openInput } from '../io/open-input.js';
import { openSources } from '../io/open-sources.js';
import { checkWritableTarget, writeFileAtomic } from '../io/output.js';
import type { DateOrder } from '../io/parse-fields.js';
import { assertSeparateFiles } from '../io/same-file.js';
import { readLabels } from '../learn/labels.js';
import { learnFromLabels } from '../learn/learn.js';
import type { LabelledPerson } from '../learn/people.js';
import { DEFAULT_LEARN, type LearnThresholds } from '../learn/proposals.js';
import { renderLearn } from '../learn/render.js';
import { writeLearnedValues } from '../learn/write-values.js';
import { runPipeline } from '../pipeline.js';
import { safeJson } from '../safe-text.js';
import { compileValues } from '../values/compile.js';
import { loadValues, parseConfigText, readConfigText } from '../values/load.js';
import { valuesFileSchema } from '../values/schema.js';
import { VERSION } from '../version.js';

export interface LearnOptions {
  values: string;
  labels: string;
  write?: string;
  interactions?: string[];
  platform: string;
  map?: string[];
  asOf?: string;
  format: 'table' | 'json';
  dateOrder?: DateOrder;
  minPeople?: number;
  minShare?: number;
  folds?: number;
  minGain?: number;
}

/** `kindred learn`: how well the values file agrees with people the user knows, and what their words teach. */
export async function learnCommand(exports: string[], options: LearnOptions, io: CliIo): Promise<void> {
  const asOf = parseAsOf(options.asOf);
  const thresholds: LearnThresholds = {
    ...DEFAULT_LEARN,
    ...(options.minPeople !== undefined ? { minPeople: Math.max(1, options.minPeople) } : {}),
    ...(options.minShare !== undefined ? { minShare: options.minShare } : {}),
    ...(options.folds !== undefined ? { folds: options.folds } : {}),
    ...(options.minGain !== undefined ? { minHeldOutGain: Math.max(1, options.minGain) } : {}),
  };
  if (thresholds.minShare <= 0 || thresholds.minShare > 1) throw new UsageError('--min-share must be more than 0 and at most 1');
  if (thresholds.folds < 2) throw new UsageError('--folds must be 2 or more');
  if (options.write) {
    await assertSeparateFiles(
      [
        { what: '--values', path: options.values },
        { what: '--labels', path: options.labels },
        ...exports.map((path) => ({ what: 'export', path })),
        ...(options.interactions ?? []).map((path) => ({ what: '--interactions', path })),
      ],
      [{ what: '--write', path: options.write }],
    );
    // Refused before the work, not after it.
    await checkWritableTarget(options.write);
  }
  const loaded = await loadValues(options.values);
  const values = compileValues(loaded.values);
  hintStandardInput(io, [...exports, options.labels, ...(options.interactions ?? [])], 'followers');
  const { labels, problems } = await readLabels(await openInput(options.labels, io.stdin));
  if (labels.size === 0) throw new InputError('no usable labels: each row needs a handle and a label (aligned, opposed or neutral)', options.labels);
  const interactions = [];
  for (const file of options.interactions ?? []) interactions.push(await readInteractions(await openInput(file, io.stdin), options.dateOrder));
  const sources = await openSources(exports, {
    platform: options.platform,
    map: parseMapOptions(options.map ?? []),
    stdin: io.stdin,
    ...(options.dateOrder ? { dateOrder: options.dateOrder } : {}),
  });
  // Only labelled followers are kept: a few hundred, however long the export.
  const found = new Map<string, Classified>();
  await runPipeline(sources, {
    values,
    asOf,
    top: 0,
    version: VERSION,
    interactions,
    onFollower: (c) => {
      if (labels.has(c.follower.key) && !found.has(c.follower.key)) found.set(c.follower.key, c);
    },
  });
  const people: LabelledPerson[] = [];
  const notInExport: string[] = [];
  const excluded: string[] = [];
  for (const [key, l] of labels) {
    const c = found.get(key);
    if (c) people.push({ follower: c.follower, label: l.label, before: c });
    else if (values.excluded.has(key)) excluded.push(l.handle);
    else notInExport.push(l.handle);
  }
  if (people.length === 0) throw new InputError(`none of the ${labels.size} labelled handles is in the export`, options.labels);
  const result = learnFromLabels(people, loaded.values, asOf, thresholds);
  const unused = { notInExport, excluded, problems };
  let written: string | undefined;
  if (options.write) {
    const text = writeLearnedValues(await readConfigText(options.values, options.values), result.proposals.filter((p) => p.kept));
    // What is written must load as the values file it replaces would: checked before it lands.
    parseConfigText(text, valuesFileSchema, options.write, 'yaml');
    await writeFileAtomic(options.write, text);
    written = options.write;
  }
  if (options.format === 'json') {
    await writeOut(io.stdout, `${safeJson({ asOf: asOf.toISOString().slice(0, 10), labels: options.labels, ...result, unused, written: written ?? null }, 2)}\n`);
  } else await writeOut(io.stdout, renderLearn(result, unused, written));
}
