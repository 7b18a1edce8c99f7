import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { z } from 'zod';
import { ConfigError } from '../errors.js';
import { type Gates, parseShare } from '../gates.js';
import { outputFormats } from '../report/renderers/index.js';
import { formatIssue, parseConfigFile } from '../values/load.js';

/**
 * The batch manifest (YAML or JSON): shared defaults at the top, one entry per
 * client or brand. Validated like the values file: every problem at once, each
 * with its dotted path and line. This schema is the source of truth for the
 * manifest reference in the README.
 */

/** Formats an entry can ask for; renderers added to the registry become available here too. */
export function batchFormats(): string[] {
  return outputFormats();
}

/** The file each format is written to inside an entry's output folder. */
export function fileForFormat(format: string): string {
  const ext: Record<string, string> = { table: 'report.txt', json: 'report.json', markdown: 'report.md', html: 'report.html', csv: 'followers.csv', ndjson: 'followers.ndjson' };
  return ext[format] ?? `report.${format}`;
}

const share = z.union([z.number(), z.string()]).transform((value, ctx) => {
  const parsed = parseShare(value);
  if ('error' in parsed) {
    ctx.addIssue({ code: 'custom', message: parsed.error });
    return z.NEVER;
  }
  return parsed.share;
});

const gatesSchema = z
  .object({
    failUnder: z.number().min(0).max(100).optional().describe('Minimum quality score, 0–100 (like --fail-under).'),
    minAdvocateShare: share.optional().describe('Minimum advocate share: `5%` or `0.05` (like --min-advocate-share).'),
    maxMisalignedShare: share.optional().describe('Maximum misaligned share: `20%` or `0.2` (like --max-misaligned-share).'),
  })
  .strict();

const format = z.string().refine((f) => batchFormats().includes(f), { message: `unknown format; choose from ${batchFormats().join(', ')}` });
const path = z.string().trim().min(1, 'give a path').refine((p) => p !== '-', { message: 'standard input (-) cannot be read in a batch; name a file' });
const oneOrMore = z
  .union([path, z.array(path).min(1, 'list at least one file')], {
    error: (issue) => (issue.input === undefined ? 'required: a path or a list of paths' : 'expected a path or a list of paths'),
  })
  .transform((v) => (Array.isArray(v) ? v : [v]));
const asOf = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date like 2026-11-01');
const top = z.number().int().min(0);

const sharedSettings = {
  asOf: asOf.optional().describe('Measure recency from this date: set it for reproducible reports.'),
  formats: z.array(format).min(1, 'list at least one format').optional().describe('Formats written to each entry\'s output folder; report.json is always written.'),
  top: top.optional().describe('Followers listed per action list.'),
  gates: gatesSchema.optional().describe('CI gates: an entry that misses one makes the batch exit 1.'),
  anonymize: z.boolean().optional().describe('Hash handles and drop names, emails and profile URLs (salt from --salt or KINDRED_SALT).'),
};

const entrySchema = z
  .object({
    name: z.string().trim().min(1, 'give the entry a name').describe('Client or brand name, shown in the summary; unique within the manifest.'),
    exports: oneOrMore.describe('One or more follower exports (a path or a list).'),
    values: path.describe('The values file for this client.'),
    interactions: oneOrMore.optional().describe('Interactions logs joined on handle (a path or a list).'),
    output: path.optional().describe('Folder for this entry\'s reports (default: its name as a folder name).'),
    platform: z.string().min(1).optional().describe('Export format; auto detects it.'),
    map: z.record(z.string(), z.string()).optional().describe('Column overrides, like --map: `{ handle: "User Name" }`.'),
    dateOrder: z.enum(['mdy', 'dmy']).optional().describe('How to read ambiguous numeric dates like 03/04/2025.'),
    ...sharedSettings,
  })
  .strict();

export const manifestSchema = z
  .object({
    $schema: z.string().optional(),
    output: path.optional().describe('Folder for summary.json and summary.csv (default: the manifest\'s folder).'),
    ...sharedSettings,
    entries: z.array(entrySchema).min(1, 'list at least one entry').describe('One entry per audit.'),
  })
  .strict();

export type ManifestFile = z.output<typeof manifestSchema>;

/** One entry with defaults applied and paths resolved. */
export interface BatchEntry {
  name: string;
  exports: string[];
  values: string;
  interactions: string[];
  /** Absolute output folder. */
  output: string;
  platform: string;
  map: string[];
  dateOrder?: 'mdy' | 'dmy';
  asOf?: string;
  formats: string[];
  top: number;
  gates: Gates;
  anonymize: boolean;
}

export interface Manifest {
  file: string;
  /** Absolute folder for summary.json and summary.csv. */
  output: string;
  entries: BatchEntry[];
}

export interface ManifestOptions {
  /** The --out-dir flag: output folders resolve against it instead of the manifest's folder. */
  outDir?: string;
  /** The --allow-outside-out-dir flag: let the manifest write outside that folder. */
  allowOutside?: boolean;
}

/**
 * Loads a manifest. Inputs resolve against the manifest's folder; output
 * folders too, unless `outDir` (the --out-dir flag) is given. Defaults < top
 * of the manifest < the entry: each setting is taken from the nearest level
 * that sets it (gates key by key). A manifest may come from a client: its
 * outputs (entry folders, the summary) must stay inside the output folder
 * (absolute paths and `../` are refused) unless `allowOutside`.
 */
export async function loadManifest(file: string, options: ManifestOptions = {}): Promise<Manifest> {
  const outDir = options.outDir;
  const { data, lineOf } = await parseConfigFile(file, manifestSchema);
  const base = dirname(resolve(file));
  const outBase = outDir ? resolve(outDir) : base;
  const at = (root: string, p: string) => (isAbsolute(p) ? p : resolve(root, p));

  const entries: BatchEntry[] = data.entries.map((e) => {
    const formats = e.formats ?? data.formats ?? ['json'];
    return {
      name: e.name,
      exports: e.exports.map((p) => at(base, p)),
      values: at(base, e.values),
      interactions: (e.interactions ?? []).map((p) => at(base, p)),
      output: at(outBase, e.output ?? slug(e.name)),
      platform: e.platform ?? 'auto',
      map: Object.entries(e.map ?? {}).map(([field, header]) => `${field}=${header}`),
      ...(e.dateOrder ? { dateOrder: e.dateOrder } : {}),
      ...((e.asOf ?? data.asOf) ? { asOf: e.asOf ?? data.asOf } : {}),
      formats: formats.includes('json') ? formats : ['json', ...formats],
      top: e.top ?? data.top ?? 10,
      gates: { ...data.gates, ...e.gates },
      anonymize: e.anonymize ?? data.anonymize ?? false,
    };
  });

  // Named cross-entry rules: what the schema cannot see one entry at a time.
  const problems: { path: (string | number)[]; message: string }[] = [];
  const names = new Map<string, number>();
  const outputs = new Map<string, number>();
  entries.forEach((e, i) => {
    const name = e.name.toLowerCase();
    const sameName = names.get(name);
    if (sameName !== undefined) problems.push({ path: ['entries', i, 'name'], message: `"${e.name}" is also the name of entries[${sameName}]` });
    else names.set(name, i);
    const sameOutput = outputs.get(e.output);
    if (sameOutput !== undefined) {
      problems.push({ path: ['entries', i, 'output'], message: `entries[${sameOutput}] writes to the same folder; give each entry its own output` });
    } else outputs.set(e.output, i);
    if (!options.allowOutside && !inside(outBase, e.output)) {
      problems.push({ path: ['entries', i, 'output'], message: outsideMessage(e.output, outBase) });
    }
    if (e.formats.includes('csv') && e.formats.includes('ndjson')) {
      problems.push({ path: data.entries[i]?.formats ? ['entries', i, 'formats'] : ['formats'], message: 'choose csv or ndjson for the per-follower records, not both' });
    }
  });
  const output = at(outBase, data.output ?? '.');
  if (!options.allowOutside && !inside(outBase, output)) problems.push({ path: ['output'], message: outsideMessage(output, outBase) });
  if (problems.length > 0) throw new ConfigError(file, problems.map((p) => formatIssue(p.path, p.message, lineOf(p.path))));

  return { file, output, entries };
}

/** Whether `path` is `folder` or inside it, by resolved path (`a/../../x` is outside). */
function inside(folder: string, path: string): boolean {
  const rel = relative(folder, path);
  return rel === '' || (!isAbsolute(rel) && rel !== '..' && !rel.startsWith(`..${sep}`));
}

function outsideMessage(path: string, folder: string): string {
  return `${path} is outside the output folder ${folder}; a manifest writes only inside it (run with --allow-outside-out-dir if you trust this manifest)`;
}

/** A folder name from an entry name: "Oat & Ember" → "oat-ember". */
export function slug(name: string): string {
  const s = name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return s || 'entry';
}

/** The JSON Schema of the manifest as written (shares as `5%` or `0.05`, a path or a list), for editors. */
export function manifestJsonSchema(): unknown {
  return z.toJSONSchema(manifestSchema, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' });
}
