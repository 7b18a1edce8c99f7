import { open } from 'node:fs/promises';
import { isMap, isScalar, LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import { ConfigError, InputError } from '../errors.js';
import { foldWords } from '../text/matcher.js';
import { type Dialect, dottedPath, type Path, plainIssues } from './issues.js';
import { type ValuesFile, valuesFileSchema } from './schema.js';

export { dottedPath };

export interface LoadedValues {
  values: ValuesFile;
  file: string;
  warnings: string[];
}

/**
 * Parses a YAML or JSON document (JSON is read by the YAML parser so both
 * report line numbers) and validates it with a zod schema. Every problem is
 * collected into one ConfigError: "values[2].terms (line 14): list at least one term".
 */
export async function parseConfigFile<S extends z.ZodType>(
  file: string,
  schema: S,
  displayName = file,
): Promise<{ data: z.output<S>; lineOf: (path: Path) => number | undefined }> {
  return parseConfigText(await readConfigText(file, displayName), schema, displayName);
}

/** Far beyond any real values file or manifest (100,000 terms is about 3 MB). */
const MAX_CONFIG_BYTES = 16 * 1024 * 1024;

/** Reads a config file, refusing endless or huge input (`--values /dev/zero`) instead of filling memory. */
export async function readConfigText(file: string, displayName: string): Promise<string> {
  let fh: Awaited<ReturnType<typeof open>> | undefined;
  try {
    fh = await open(file, 'r');
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const buf = Buffer.alloc(256 * 1024);
      const { bytesRead } = await fh.read(buf, 0, buf.length, null);
      if (bytesRead === 0) break;
      chunks.push(buf.subarray(0, bytesRead));
      total += bytesRead;
      if (total > MAX_CONFIG_BYTES) throw new InputError(`this file is larger than ${MAX_CONFIG_BYTES / 1024 / 1024} MB: too large for a values file`, displayName);
    }
    return new TextDecoder('utf-8').decode(Buffer.concat(chunks));
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(describeReadError(e), displayName);
  } finally {
    await fh?.close();
  }
}

export function parseConfigText<S extends z.ZodType>(
  text: string,
  schema: S,
  displayName: string,
  /** Known for text kindred wrote itself; otherwise told by the file's name and first character. */
  dialect: Dialect = dialectOf(text.replace(/^\uFEFF/, ''), displayName),
): { data: z.output<S>; lineOf: (path: Path) => number | undefined } {
  if (text.includes('\u0000')) {
    throw new ConfigError(displayName, ['this is not a YAML or JSON text file (it holds binary data); give the values file (.yml or .json)']);
  }
  const body = text.replace(/^\uFEFF/, '');
  const lineCounter = new LineCounter();
  const doc = parseDocument(body, { lineCounter, prettyErrors: true, uniqueKeys: true });
  if (dialect === 'json') checkJsonSyntax(body, doc.errors[0]?.pos[0], lineCounter, displayName);
  if (doc.errors.length > 0) {
    throw new ConfigError(
      displayName,
      doc.errors.map((err) => {
        const line = err.linePos?.[0]?.line ?? (err.pos ? lineCounter.linePos(err.pos[0]).line : undefined);
        return `${line ? `line ${line}: ` : ''}${firstLine(err.message)}`;
      }),
    );
  }
  /** Where the node at `path` starts; for a field, where its key stands (`values:`), not its value. */
  const offsetOf = (path: Path, at: 'key' | 'parent' = 'key'): number | undefined => {
    if (at === 'parent') return path.length > 1 ? offsetOf(path.slice(0, -1)) : undefined;
    for (let p = path; p.length >= 0; p = p.slice(0, -1)) {
      const last = p[p.length - 1];
      const parent = p.length === 0 ? undefined : p.length === 1 ? doc.contents : doc.getIn(p.slice(0, -1), true);
      const pair = typeof last === 'string' && isMap(parent) ? parent.items.find((i) => isScalar(i.key) && i.key.value === last) : undefined;
      const node = pair?.key ?? (p.length === 0 ? doc.contents : doc.getIn(p, true));
      const offset = (node as { range?: [number, number, number] } | undefined)?.range?.[0];
      if (offset !== undefined) return offset;
      if (p.length === 0) return undefined;
    }
    return undefined;
  };
  const lineOf = (path: Path): number | undefined => {
    const offset = offsetOf(path);
    return offset === undefined ? undefined : lineCounter.linePos(offset).line;
  };
  /** "line 4" in YAML; "line 4, column 7" in JSON, where one line often holds the whole file. */
  const placeOf = (path: Path, at: 'key' | 'parent'): string | undefined => {
    const offset = offsetOf(path, at);
    if (offset === undefined) return undefined;
    const { line, col } = lineCounter.linePos(offset);
    return dialect === 'json' ? `line ${line}, column ${col}` : `line ${line}`;
  };
  let raw: unknown;
  try {
    raw = doc.toJS();
  } catch (e) {
    // The yaml library refuses alias bombs ("billion laughs") while building values.
    throw new ConfigError(displayName, [`${firstLine((e as Error).message)}; write the lists out instead of nesting aliases`]);
  }
  if (raw === null || raw === undefined) throw new ConfigError(displayName, ['the file is empty']);
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    const holds = Array.isArray(raw) ? (dialect === 'json' ? 'an array' : 'a list') : dialect === 'json' ? 'a single value' : 'plain text';
    const expected = dialect === 'json' ? 'a JSON object ({"brand": …, "values": […]})' : 'a YAML or JSON mapping (brand:, values:, …)';
    throw new ConfigError(displayName, [`expected ${expected} but the file holds ${holds}; run \`kindred schema\` for the expected shape`]);
  }
  const reserved = reservedKeyPaths(raw);
  if (reserved.length > 0) {
    throw new ConfigError(
      displayName,
      reserved.map((path) => formatIssue(path, '"__proto__" cannot be a key: JavaScript would drop it without a word. For a handle, write it as "@__proto__"', placeOf(path, 'key'))),
    );
  }
  const result = schema.safeParse(raw);
  if (!result.success) {
    const issues = plainIssues(result.error.issues, schema, raw, dialect)
      .map((issue) => ({ issue, offset: offsetOf(issue.path, issue.at) ?? -1 }))
      .sort((a, b) => a.offset - b.offset);
    throw new ConfigError(
      displayName,
      issues.map(({ issue }) => formatIssue(issue.path, issue.message, placeOf(issue.path, issue.at))),
    );
  }
  return { data: result.data, lineOf };
}

/** JSON by name, or by a text that opens like JSON and parses as JSON. */
function dialectOf(text: string, displayName: string): Dialect {
  if (/\.json$/i.test(displayName)) return 'json';
  if (!/^\s*[{[]/.test(text)) return 'yaml';
  try {
    JSON.parse(text);
    return 'json';
  } catch {
    return 'yaml';
  }
}

/**
 * Where a mapping has the key `__proto__`. The parsers keep it as data, but
 * copying it into any object (as the schema does for records such as
 * overrides.segment) sets the prototype instead: the entry would vanish.
 */
function reservedKeyPaths(raw: unknown): Path[] {
  // Each node points at its parent: building every path up front would cost depth² on deep nesting.
  type Node = { value: unknown; key?: string | number; parent?: Node };
  const pathOf = (node: Node): Path => {
    const path: Path = [];
    for (let n: Node | undefined = node; n?.key !== undefined; n = n.parent) path.push(n.key);
    return path.reverse();
  };
  const found: Path[] = [];
  const stack: Node[] = [{ value: raw }];
  for (let node = stack.pop(); node; node = stack.pop()) {
    const { value } = node;
    if (Array.isArray(value)) {
      for (const [i, v] of value.entries()) stack.push({ value: v, key: i, parent: node });
    } else if (value !== null && typeof value === 'object') {
      for (const [key, v] of Object.entries(value)) {
        if (key === '__proto__') found.push(pathOf({ value: v, key, parent: node }));
        else stack.push({ value: v, key, parent: node });
      }
    }
  }
  return found;
}

/** A JSON syntax error in JSON's words, at its line and column. */
function checkJsonSyntax(text: string, fallbackOffset: number | undefined, lineCounter: LineCounter, displayName: string): void {
  try {
    JSON.parse(text);
  } catch (e) {
    // Node words it "Unexpected token '}', ..."[}" is not valid JSON", some versions add "at position N".
    const message = (e as Error).message;
    const at = /at position (\d+)/.exec(message);
    const what = message.replace(/\s*in JSON at position \d+.*$/s, '').replace(/, (\.\.\.)?".*" is not valid JSON$/s, '');
    const offset = at ? Number(at[1]) : fallbackOffset;
    const where = offset !== undefined ? lineCounter.linePos(offset) : undefined;
    throw new ConfigError(displayName, [`${where ? `line ${where.line}, column ${where.col}: ` : ''}not valid JSON: ${what}`]);
  }
}

/** `values[2].terms (line 14): message`; the place is a line number or already worded ("line 1, column 9"). */
export function formatIssue(path: Path, message: string, place: number | string | undefined): string {
  const where = dottedPath(path) || '(top level)';
  const at = typeof place === 'number' ? `line ${place}` : place;
  return `${where}${at ? ` (${at})` : ''}: ${message}`;
}

/** Loads and validates a values file, then checks the rules one field cannot express. */
export async function loadValues(file: string, displayName = file): Promise<LoadedValues> {
  const { data, lineOf } = await parseConfigFile(file, valuesFileSchema, displayName);
  const { errors, warnings } = checkValuesRules(data);
  if (errors.length > 0) {
    throw new ConfigError(
      displayName,
      errors.map((e) => formatIssue(e.path, e.message, lineOf(e.path))),
    );
  }
  return { values: data, file: displayName, warnings };
}

interface RuleProblem {
  path: Path;
  message: string;
}

/** Named cross-field rules: things zod checks field by field cannot see. */
export function checkValuesRules(v: ValuesFile): { errors: RuleProblem[]; warnings: string[] } {
  const errors: RuleProblem[] = [];
  const warnings: string[] = [];

  const seenValues = new Map<string, number>();
  v.values.forEach((value, i) => {
    const key = value.name.toLowerCase();
    const first = seenValues.get(key);
    if (first !== undefined) {
      errors.push({ path: ['values', i, 'name'], message: `duplicate value name "${value.name}" (also values[${first}])` });
    } else seenValues.set(key, i);
  });
  const seenFlags = new Map<string, number>();
  v.redFlags.forEach((flag, i) => {
    const key = flag.name.toLowerCase();
    const first = seenFlags.get(key);
    if (first !== undefined) {
      errors.push({ path: ['redFlags', i, 'name'], message: `duplicate red flag name "${flag.name}" (also redFlags[${first}])` });
    } else seenFlags.set(key, i);
    if (flag.opposes !== undefined && !seenValues.has(flag.opposes.toLowerCase())) {
      errors.push({
        path: ['redFlags', i, 'opposes'],
        message: `"${flag.opposes}" is not a value in this file (opposes names one of: ${v.values.map((x) => `"${x.name}"`).join(', ')})`,
      });
    }
    if (flag.opposes !== undefined && flag.kind === 'spam') {
      errors.push({ path: ['redFlags', i, 'opposes'], message: 'a spam red flag opposes no value; remove opposes or make it kind: conflict' });
    }
  });

  const termLists: [Path, string[]][] = [
    ...v.values.map((value, i): [Path, string[]] => [['values', i, 'terms'], value.terms]),
    ...v.redFlags.map((flag, i): [Path, string[]] => [['redFlags', i, 'terms'], flag.terms]),
    [['idealCustomer', 'terms'], v.idealCustomer?.terms ?? []],
    [['idealCustomer', 'locations'], v.idealCustomer?.locations ?? []],
  ];
  for (const [path, list] of termLists) {
    list.forEach((t, j) => {
      const body = t.trim().replace(/\*$/, '');
      if (foldWords(body).length === 0) {
        errors.push({
          path: [...path, j],
          message: `"${t}" has no letters or digits to match (terms are whole words; emoji and punctuation are ignored)`,
        });
      }
    });
  }
  const totalTerms = termLists.reduce((n, [, list]) => n + list.length, 0);
  if (totalTerms > 100_000) {
    errors.push({ path: [], message: `${totalTerms} terms is more than the 100,000 kindred reads` });
  }

  const excluded = new Set(v.overrides.exclude.map((h) => h.trim().replace(/^@/, '').toLowerCase()));
  for (const handle of Object.keys(v.overrides.segment)) {
    if (excluded.has(handle.trim().replace(/^@/, '').toLowerCase())) {
      errors.push({
        path: ['overrides', 'segment', handle],
        message: `"${handle}" is also in overrides.exclude; keep it in one of the two`,
      });
    }
  }

  const owner = new Map<string, string>();
  for (const value of v.values) {
    for (const t of value.terms) {
      const key = foldWords(t).join(' ') + (t.trim().endsWith('*') ? '*' : '');
      const other = owner.get(key);
      if (other !== undefined && other !== value.name) {
        warnings.push(`the term "${t}" is listed under both "${other}" and "${value.name}"; it counts for both`);
      } else owner.set(key, value.name);
    }
  }
  return { errors, warnings };
}

function firstLine(s: string): string {
  return s.split('\n')[0] ?? s;
}

export function describeReadError(e: unknown): string {
  const code = (e as NodeJS.ErrnoException)?.code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return 'this is a folder, not a file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  return `cannot be read (${code ?? (e as Error)?.message ?? 'unknown error'})`;
}
