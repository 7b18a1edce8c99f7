import { elementProblem } from '../json-array-stream.js';
import { type JsonEntriesOptions, peekJsonEntries, streamJsonEntries } from '../json-entries.js';
import type { OpenedInput } from '../open-input.js';
import type { SourceItem } from '../rows.js';

/**
 * Where API responses and scraper outputs keep their list of accounts:
 * X v1.1 `followers/list` and Instagram's web API (`users`), X API v2 and
 * twarc2 (`data`), Bluesky `getFollowers` (`followers`), API wrappers
 * (`items`, `accounts`), a TikTok download (`Activity → Follower List →
 * FansList`).
 */
export const LIST_KEYS = ['users', 'data', 'followers', 'accounts', 'items', 'FansList'] as const;

/**
 * Nested objects whose fields belong to the account itself: X API v2 keeps
 * the counts in `public_metrics`. Other nested objects (a v1.1 user's last
 * `status`, with its own retweet counts) describe something else and are not read.
 */
const INLINE_OBJECTS = new Set(['public_metrics']);

/**
 * Lists of moderation labels on an account: Bluesky's `labels`, each a
 * `com.atproto.label.defs#label` (`{ver, src, uri, cid, val, neg, cts, exp, sig}`,
 * as the lexicon in bluesky-social/atproto defines it). Read as the values in force.
 */
const LABEL_LISTS = new Set(['labels']);

const MAX_KEYS = 200;

/**
 * JSON text opens with a list of values or an object with a quoted key; a
 * delimited file whose first header cell happens to start with `[` or `{`
 * does not.
 */
const JSON_START = /^\s*(?:\[\s*[[{\]"\d-]|\{\s*["}])/;

export interface JsonPeek {
  /** The keys the first entries carry, in the order first seen: the "header" of a JSON export. */
  keys: string[];
  /** The first entries, as cells under `keys` (for showing sample values). */
  samples: string[][];
  listKey?: string;
}

const peeks = new WeakMap<OpenedInput, JsonPeek | null>();

/**
 * A first look at a JSON export, from its head: the keys its entries carry.
 * Undefined when the input is not JSON (or no entry is complete in the head).
 */
export function peekJson(input: OpenedInput): JsonPeek | undefined {
  const cached = peeks.get(input);
  if (cached !== undefined) return cached ?? undefined;
  let result: JsonPeek | null = null;
  if (JSON_START.test(input.head)) {
    const peek = peekJsonEntries(input.head, jsonOptions(input.name));
    const objects = (peek?.entries ?? []).filter(isObject).slice(0, 100);
    if (peek && objects.length > 0) {
      const keys: string[] = [];
      const seen = new Set<string>();
      const flat = objects.map(flattenEntry);
      for (const entry of flat) {
        for (const k of entry.keys()) {
          if (!seen.has(k) && keys.length < MAX_KEYS) {
            seen.add(k);
            keys.push(k);
          }
        }
      }
      result = { keys, samples: flat.slice(0, 3).map((e) => keys.map((k) => e.get(k) ?? '')), ...(peek.shape.listKey ? { listKey: peek.shape.listKey } : {}) };
    }
  }
  peeks.set(input, result);
  return result ?? undefined;
}

/** Whether the input is JSON text (a list or object), complete entries or not. */
export function looksLikeJson(input: OpenedInput): boolean {
  return JSON_START.test(input.head) && peekJsonEntries(input.head, jsonOptions(input.name)) !== undefined;
}

/**
 * The entries of a JSON export as rows of cells under `keys`, so the column
 * map, cell parsing and accounting of delimited exports apply unchanged.
 * A key missing from an entry is an absent cell (unknown); `null` is an empty one.
 */
export async function* jsonRows(input: OpenedInput, keys: readonly string[], toItem: (cells: string[], line: number) => SourceItem): AsyncGenerator<SourceItem> {
  const file = input.name;
  for await (const el of streamJsonEntries(input.text(), jsonOptions(file))) {
    if (!el.ok) {
      yield { kind: 'skip', skip: { code: 'MALFORMED_ROW', file, line: el.line, detail: elementProblem(el) } };
      continue;
    }
    if (!isObject(el.value)) {
      yield { kind: 'skip', skip: { code: 'MALFORMED_ROW', file, line: el.line, detail: `entry ${el.index + 1} is not an object` } };
      continue;
    }
    const flat = flattenEntry(el.value);
    yield toItem(
      keys.map((k) => flat.get(k) as string),
      el.line,
    );
  }
}

function jsonOptions(file: string): JsonEntriesOptions {
  return { file, listKeys: LIST_KEYS };
}

/** An entry's scalar fields as text: strings as they are, numbers and booleans spelled out, null as empty. */
export function flattenEntry(entry: Record<string, unknown>): Map<string, string | undefined> {
  const flat = new Map<string, string | undefined>();
  for (const [k, v] of Object.entries(entry)) {
    const text = scalarText(v);
    if (text !== null) flat.set(k, text);
  }
  const expanded = expandedUrl(entry);
  if (expanded !== undefined && flat.has('url')) flat.set('url', expanded);
  for (const [k, v] of Object.entries(entry)) {
    if (LABEL_LISTS.has(k) && Array.isArray(v)) flat.set(k, labelValues(v).join(','));
    if (!INLINE_OBJECTS.has(k) || !isObject(v)) continue;
    for (const [k2, v2] of Object.entries(v)) {
      const text = scalarText(v2);
      if (text !== null && !flat.has(k2)) flat.set(k2, text);
    }
  }
  return flat;
}

/**
 * X v1.1 user objects: `url` is a t.co short link; the website it stands for
 * is `entities.url.urls[0].expanded_url`.
 */
function expandedUrl(entry: Record<string, unknown>): string | undefined {
  const entities = entry.entities;
  const url = isObject(entities) ? entities.url : undefined;
  const urls = isObject(url) ? url.urls : undefined;
  const first = Array.isArray(urls) ? urls[0] : undefined;
  const expanded = isObject(first) ? first.expanded_url : undefined;
  return typeof expanded === 'string' && expanded !== '' ? expanded : undefined;
}

/**
 * The label values in force, in order: a label with `neg: true` withdraws the
 * same value, so it is not read as a label (nor is the one it withdraws).
 */
function labelValues(labels: unknown[]): string[] {
  const inForce = new Set<string>();
  for (const label of labels) {
    if (!isObject(label) || typeof label.val !== 'string' || label.val === '') continue;
    if (label.neg === true) inForce.delete(label.val);
    else inForce.add(label.val);
  }
  return [...inForce];
}

/** null for values that are not scalars; undefined for a number that JSON could not hold exactly (an id beyond 2^53). */
function scalarText(v: unknown): string | undefined | null {
  if (typeof v === 'string') return v;
  if (v === null) return '';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') return Number.isInteger(v) && !Number.isSafeInteger(v) ? undefined : String(v);
  return null;
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
