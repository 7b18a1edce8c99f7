import type { z } from 'zod';
import { nearMisses } from '../text/near-miss.js';

/**
 * zod's issues in the words of the person who wrote the file: "`value` is not
 * a field here; did you mean `values`?" rather than "Invalid input: expected
 * array, received undefined". A YAML file is talked about in YAML's words
 * (list, mapping), a JSON file in JSON's (array, object).
 */
export type Dialect = 'yaml' | 'json';
export type Path = (string | number)[];

export interface PlainIssue {
  path: Path;
  message: string;
  /** Where the key itself stands, not the parent's line. */
  at: 'key' | 'parent';
}

const NOUNS: Record<Dialect, Record<string, string>> = {
  yaml: { array: 'a list', object: 'a mapping (key: value lines)', string: 'text', number: 'a number', boolean: 'true or false' },
  json: { array: 'an array', object: 'an object', string: 'a string', number: 'a number', boolean: 'true or false' },
};

export function plainIssues(issues: readonly z.core.$ZodIssue[], schema: z.ZodType, raw: unknown, dialect: Dialect): PlainIssue[] {
  const out: PlainIssue[] = [];
  // A missing field that a misspelt one stands for is said once, at the misspelling.
  const misspelt = new Set<string>();
  for (const issue of issues) {
    if (issue.code !== 'unrecognized_keys') continue;
    const parent = issue.path.filter(isKey);
    const known = fieldsAt(schema, parent);
    for (const key of issue.keys) {
      const [guess] = nearMisses(key, known, 1);
      if (guess) misspelt.add(JSON.stringify([...parent, guess]));
      out.push({
        path: [...parent, key],
        at: 'key',
        message: guess ? `unknown field; did you mean \`${guess}\`?` : `unknown field; the fields here are ${known.map((k) => `\`${k}\``).join(', ')}`,
      });
    }
  }
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') continue;
    const path = issue.path.filter(isKey);
    const value = valueAt(raw, path);
    const nouns = NOUNS[dialect];
    if (issue.code === 'invalid_type' && value === undefined) {
      if (misspelt.has(JSON.stringify(path))) continue;
      out.push({ path, at: 'parent', message: `required but missing (${nouns[issue.expected] ?? issue.expected})` });
    } else if (issue.code === 'invalid_type') {
      out.push({ path, at: 'key', message: `expected ${nouns[issue.expected] ?? issue.expected}, found ${describe(value, dialect)}` });
    } else if (issue.code === 'invalid_value') {
      const choices = issue.values.map(String);
      const [guess] = typeof value === 'string' ? nearMisses(value, choices, 1) : [];
      out.push({ path, at: 'key', message: `expected one of ${choices.join(', ')}, found ${describe(value, dialect)}${guess ? `; did you mean \`${guess}\`?` : ''}` });
    } else if ((issue.code === 'too_small' || issue.code === 'too_big') && issue.origin === 'number' && /^Too (small|big)/.test(issue.message)) {
      const bound = issue.code === 'too_small' ? issue.minimum : issue.maximum;
      const word = issue.code === 'too_small' ? (issue.inclusive ? 'at least' : 'greater than') : issue.inclusive ? 'at most' : 'less than';
      out.push({ path, at: 'key', message: `must be ${word} ${String(bound)}, found ${describe(value, dialect)}` });
    } else {
      out.push({ path, at: 'key', message: issue.message });
    }
  }
  return out;
}

function isKey(p: PropertyKey): p is string | number {
  return typeof p !== 'symbol';
}

export function dottedPath(path: Path): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out ? `.${p}` : p;
  return out;
}

function valueAt(raw: unknown, path: Path): unknown {
  let v = raw;
  for (const p of path) v = v !== null && typeof v === 'object' ? (v as Record<string | number, unknown>)[p] : undefined;
  return v;
}

function describe(value: unknown, dialect: Dialect): string {
  const nouns = NOUNS[dialect];
  if (value === null) return dialect === 'json' ? 'null' : 'nothing';
  if (Array.isArray(value)) return nouns.array!;
  if (typeof value === 'object') return nouns.object!;
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  return String(value);
}

/** The field names of the object the schema expects at `path` (empty when it is not an object). */
export function fieldsAt(schema: z.ZodType, path: Path): string[] {
  let node: unknown = schema;
  for (const p of path) {
    const def = unwrap(node);
    if (def?.type === 'object' && typeof p === 'string') node = (def.shape as Record<string, unknown>)[p];
    else if (def?.type === 'array') node = def.element;
    else if (def?.type === 'record') node = def.valueType;
    else return [];
  }
  const def = unwrap(node);
  return def?.type === 'object' ? Object.keys(def.shape as object) : [];
}

interface Def {
  type: string;
  [key: string]: unknown;
}

/** Through optional, default, prefault, nullable and pipes to the schema that shapes the value. */
function unwrap(node: unknown): Def | undefined {
  let def = (node as { def?: Def } | undefined)?.def;
  for (let i = 0; def && i < 20; i++) {
    if (['optional', 'default', 'prefault', 'nullable', 'readonly', 'catch', 'nonoptional'].includes(def.type)) def = (def.innerType as { def?: Def }).def;
    else if (def.type === 'pipe') def = (def.in as { def?: Def }).def;
    else break;
  }
  return def;
}
