import { InputError } from '../../errors.js';
import { emptyEngagement, type Follower } from '../../follower.js';
import { parseHandle } from '../../handles.js';
import { escapeControl } from '../../safe-text.js';
import { elementProblem, streamJsonArray } from '../json-array-stream.js';
import type { OpenedInput } from '../open-input.js';
import type { SourceItem } from '../rows.js';
import { fieldLearner } from './learn-fields.js';
import type { SourceFormat, SourceInfo } from './types.js';

/** What an X `userLink` tells about the account: its handle, or only its numeric id. */
export interface UserLink {
  handle?: string;
  id?: string;
}

// First path segments of x.com URLs that are app routes, never handles.
const RESERVED = new Set(['intent', 'i', 'home', 'search', 'share', 'hashtag', 'explore', 'settings', 'messages', 'notifications']);
const HANDLE = /^[A-Za-z0-9_]{1,50}$/;
const DIGITS = /^\d+$/;

/**
 * Reads an archive `userLink`. Archives write either an intent link that
 * carries only the id (`https://twitter.com/intent/user?user_id=123`) or a
 * profile URL with the handle (`https://x.com/name`); both hosts and the
 * `/i/user/123` form occur. Unrecognised links give `{}`.
 */
export function parseUserLink(link: string): UserLink {
  let url: URL;
  try {
    url = new URL(link.trim());
  } catch {
    return {};
  }
  const segments = url.pathname.split('/').filter(Boolean);
  const first = segments[0]?.toLowerCase();
  if (first === 'intent') {
    const id = url.searchParams.get('user_id') ?? undefined;
    const screenName = url.searchParams.get('screen_name') ?? undefined;
    return {
      ...(screenName && HANDLE.test(screenName) ? { handle: screenName } : {}),
      ...(id && DIGITS.test(id) ? { id } : {}),
    };
  }
  if (first === 'i' && segments[1]?.toLowerCase() === 'user' && segments[2] && DIGITS.test(segments[2])) return { id: segments[2] };
  const handle = segments[0];
  if (handle && first && !RESERVED.has(first) && HANDLE.test(handle)) return { handle };
  return {};
}

/** The archive's account id: always a string. A bare number is accepted only while it is exact. */
function accountIdOf(raw: unknown): string | undefined {
  if (typeof raw === 'string') return DIGITS.test(raw.trim()) ? raw.trim() : undefined;
  if (typeof raw === 'number' && Number.isSafeInteger(raw) && raw >= 0) return String(raw);
  return undefined;
}

// The entry wrapper key: {"follower": {...}} in follower.js, {"following": {...}} in following.js.
const FIRST_ENTRY_KEY = /=\s*\[\s*\{\s*"([^"\\]*)"\s*:/;

/**
 * X (Twitter) archive `data/follower.js` (and its `follower-part1.js`, …
 * parts): `window.YTD.follower.part0 = [{"follower": {"accountId", "userLink"}}]`.
 * The text after the first `=` is read as a JSON list, whatever the variable
 * is called, and streamed one entry at a time. The archive carries account ids
 * and links only: no profile text, no counts, no follow dates, no engagement.
 */
export const xArchive: SourceFormat = {
  id: 'x-archive',
  label: 'X/Twitter archive follower.js',
  detect(input) {
    return /^\s*window\.YTD\./.test(input.head) ? 95 : 0;
  },
  async open(input) {
    if (!/^\s*window\.YTD\.[^=]*=/.test(input.head)) {
      throw new InputError('this is not an X archive data file: it should start with window.YTD.follower.part0 = [', input.name);
    }
    const entryKey = FIRST_ENTRY_KEY.exec(input.head)?.[1];
    if (entryKey !== undefined && entryKey !== 'follower') {
      throw new InputError(
        entryKey === 'following'
          ? 'this is following.js (the accounts you follow), not your followers. Give data/follower.js from the same archive'
          : `this X archive file holds "${escapeControl(entryKey)}" entries, not followers. Give data/follower.js (and any follower-part1.js, … files) from the archive`,
        input.name,
      );
    }
    // Keys and fields are filled in as entries arrive (the report reads them at the end).
    const info: SourceInfo = { format: 'x-archive', columns: [], fields: [], identityOnly: true };
    return { info, items: xItems(input, info) };
  },
};

async function* xItems(input: OpenedInput, info: SourceInfo): AsyncGenerator<SourceItem> {
  const file = input.name;
  const note = fieldLearner(info);
  for await (const el of streamJsonArray(input.text(), { file, assignment: true })) {
    if (!el.ok) {
      yield { kind: 'skip', skip: { code: 'MALFORMED_ROW', file, line: el.line, detail: elementProblem(el) } };
      continue;
    }
    const entry = isObject(el.value) && isObject(el.value.follower) ? el.value.follower : undefined;
    if (!entry) {
      yield { kind: 'skip', skip: { code: 'MALFORMED_ROW', file, line: el.line, detail: `entry ${el.index + 1} has no "follower" object` } };
      continue;
    }
    for (const k of Object.keys(entry)) {
      if (info.columns.length < 50 && !info.columns.includes(k)) info.columns.push(k);
    }
    const id = accountIdOf(entry.accountId);
    const userLink = typeof entry.userLink === 'string' && entry.userLink.trim() ? entry.userLink.trim() : undefined;
    const link = userLink ? parseUserLink(userLink) : {};
    const handle = link.handle ? parseHandle(link.handle) : undefined;
    const accountId = id ?? link.id;
    if (!handle && !accountId) {
      yield { kind: 'skip', skip: { code: 'MISSING_HANDLE', file, line: el.line, detail: `entry ${el.index + 1} has no accountId or usable userLink` } };
      continue;
    }
    // Without a handle the follower is known by id only; the key says so, and
    // never collides with a handle (handles cannot contain ':').
    const follower: Follower = {
      key: handle?.key ?? `id:${accountId}`,
      handle: handle?.display ?? `id:${accountId}`,
      engagement: emptyEngagement(),
      source: { file, line: el.line },
    };
    if (handle) note('handle');
    if (accountId) {
      follower.id = accountId;
      note('id');
    }
    if (userLink) {
      follower.profileUrl = userLink;
      note('profileUrl');
    }
    yield { kind: 'follower', follower, warnings: [] };
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
