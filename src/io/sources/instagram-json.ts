import { InputError } from '../../errors.js';
import { emptyEngagement, type Follower } from '../../follower.js';
import { parseHandle } from '../../handles.js';
import { escapeControl } from '../../safe-text.js';
import { elementProblem } from '../json-array-stream.js';
import { streamJsonEntries } from '../json-entries.js';
import { repairMojibake } from '../mojibake.js';
import type { OpenedInput } from '../open-input.js';
import type { RowWarning, SourceItem } from '../rows.js';
import { fieldLearner } from './learn-fields.js';
import type { SourceFormat, SourceInfo } from './types.js';

const FOLLOWERS_KEY = 'relationships_followers';
const FOLLOWING_KEY = 'relationships_following';
const FILE_NAME = /(?:^|[/\\:])followers(?:_\d+)?\.json$/i;
// The keys of one list entry: a file that opens with one is a single bare entry (an account with one follower).
const ENTRY_KEYS = new Set(['title', 'media_list_data', 'string_list_data']);

/** One Instagram list entry, as far as kindred reads it. */
export interface InstagramIdentity {
  handle?: string;
  profileUrl?: string;
  /** Unix seconds, as written by Instagram; undefined when absent. */
  timestamp?: unknown;
}

/**
 * Finds who an entry is. Exports differ: older ones put the username in
 * `string_list_data[].value` with an empty `title`; newer ones put it in
 * `title`, drop `value` and link to `/_u/name`. The chain is value → title →
 * last segment of href, taking the first item of string_list_data that has any.
 * Text goes through Meta's mojibake repair.
 */
export function instagramIdentity(entry: Record<string, unknown>): InstagramIdentity {
  const items = Array.isArray(entry.string_list_data) ? entry.string_list_data.filter(isObject) : [];
  const title = typeof entry.title === 'string' ? repairMojibake(entry.title.trim()) : '';
  const first = items.find((d) => nonEmpty(d.value) || nonEmpty(d.href)) ?? items[0];
  const value = first && typeof first.value === 'string' ? repairMojibake(first.value.trim()) : '';
  const href = first && typeof first.href === 'string' ? first.href.trim() : '';
  const fromHref = href ? parseHandle(href)?.display : undefined;
  const handle = value || title || fromHref;
  return {
    ...(handle ? { handle } : {}),
    ...(href ? { profileUrl: href } : {}),
    ...(first && first.timestamp !== undefined && first.timestamp !== null ? { timestamp: first.timestamp } : {}),
  };
}

/** Instagram timestamps are Unix seconds; null when the value is not a plausible time. */
export function instagramTime(raw: unknown): Date | null {
  const n = typeof raw === 'number' ? raw : typeof raw === 'string' && /^\d+$/.test(raw.trim()) ? Number(raw) : Number.NaN;
  if (!Number.isFinite(n) || n <= 0) return null;
  const d = new Date(n * 1000);
  return Number.isNaN(d.getTime()) || d.getUTCFullYear() > 2100 ? null : d;
}

/**
 * Instagram "Download your information" followers list (JSON):
 * `followers_1.json`, `followers_2.json`, … (older downloads:
 * `followers.json`). A top-level list of `{title, media_list_data,
 * string_list_data: [{href, value, timestamp}]}`, or the same list wrapped in
 * `{"relationships_followers": [...]}`; an account with one follower may get
 * that entry alone, as a bare object. Streamed one entry at a time, so a
 * 100 MB export is never held in memory. It carries a handle, a profile link
 * and the follow date: no profile text, no counts, no engagement.
 */
export const instagramJson: SourceFormat = {
  id: 'instagram',
  label: 'Instagram followers JSON',
  detect(input) {
    const head = input.head;
    // Claimed only to be refused with the fix: the HTML download is not read.
    if (isInstagramHtml(head)) return 70;
    if (!/^\s*[[{]/.test(head)) return 0;
    if (head.includes(`"${FOLLOWERS_KEY}"`) || head.includes(`"${FOLLOWING_KEY}"`)) return 95;
    if (head.includes('"string_list_data"')) return 90;
    // An empty list still counts as Instagram when the file is named like one.
    return FILE_NAME.test(input.name) ? 60 : 0;
  },
  async open(input) {
    if (isInstagramHtml(input.head)) {
      throw new InputError(
        'this is the HTML version of the Instagram download, which kindred does not read. Request a new download with Format "JSON" (Accounts Center → Your information and permissions → Download your information)',
        input.name,
      );
    }
    if (!/^\s*[[{]/.test(input.head)) {
      throw new InputError('this is not an Instagram followers JSON file (it does not start with [ or {). Give followers_1.json from the download, or the .zip itself', input.name);
    }
    // A wrapped file names its list in its first key: refuse the wrong list
    // before reading, with the file to give instead.
    const wrapper = /^\s*\{\s*"([^"\\]*)"\s*:/.exec(input.head)?.[1];
    if (wrapper === FOLLOWING_KEY) {
      throw new InputError(
        'this is following.json (the accounts you follow), not your followers. Give followers_1.json (and followers_2.json, …) from connections/followers_and_following/ in the same download',
        input.name,
      );
    }
    if (wrapper !== undefined && wrapper !== FOLLOWERS_KEY && !ENTRY_KEYS.has(wrapper)) {
      throw new InputError(
        `this Instagram file holds "${escapeControl(wrapper)}", not followers. Give followers_1.json (and followers_2.json, …) from connections/followers_and_following/`,
        input.name,
      );
    }
    // Keys and fields are filled in as entries arrive (the report reads them at the end).
    const info: SourceInfo = { format: 'instagram', columns: [], fields: [], identityOnly: true };
    return { info, items: instagramItems(input, info) };
  },
};

async function* instagramItems(input: OpenedInput, info: SourceInfo): AsyncGenerator<SourceItem> {
  const file = input.name;
  const note = fieldLearner(info);
  const keys = new Set<string>();
  const noteKeys = (entry: Record<string, unknown>) => {
    const seen = [...Object.keys(entry)];
    if (Array.isArray(entry.string_list_data)) {
      for (const d of entry.string_list_data) if (isObject(d)) for (const k of Object.keys(d)) seen.push(`string_list_data.${k}`);
    }
    for (const k of seen) {
      if (keys.size < 50 && !keys.has(k)) {
        keys.add(k);
        info.columns.push(k);
      }
    }
  };
  for await (const el of streamJsonEntries(input.text(), { file, listKeys: [FOLLOWERS_KEY] })) {
    if (!el.ok) {
      yield { kind: 'skip', skip: { code: 'MALFORMED_ROW', file, line: el.line, detail: elementProblem(el) } };
      continue;
    }
    if (!isObject(el.value)) {
      yield { kind: 'skip', skip: { code: 'MALFORMED_ROW', file, line: el.line, detail: `entry ${el.index + 1} is not an object` } };
      continue;
    }
    noteKeys(el.value);
    const id = instagramIdentity(el.value);
    const handle = id.handle ? parseHandle(id.handle) : undefined;
    if (!handle) {
      const keys = Object.keys(el.value).slice(0, 8).join(', ');
      yield {
        kind: 'skip',
        skip: { code: 'MISSING_HANDLE', file, line: el.line, detail: `entry ${el.index + 1} has no string_list_data value or link, nor a title (its keys: ${keys || 'none'})` },
      };
      continue;
    }
    const warnings: RowWarning[] = [];
    const follower: Follower = { key: handle.key, handle: handle.display, engagement: emptyEngagement(), source: { file, line: el.line } };
    note('handle');
    if (id.profileUrl) {
      follower.profileUrl = id.profileUrl;
      note('profileUrl');
    }
    if (id.timestamp !== undefined) {
      const at = instagramTime(id.timestamp);
      if (at) {
        follower.followedAt = at;
        note('followedAt');
      } else {
        warnings.push({ code: 'BAD_DATE', line: el.line, field: 'followedAt', value: String(id.timestamp) });
      }
    }
    yield { kind: 'follower', follower, warnings };
  }
}

function isInstagramHtml(head: string): boolean {
  return /^\s*<(?:!doctype html|html)/i.test(head) && /https:\/\/www\.instagram\.com\//.test(head);
}

function nonEmpty(v: unknown): boolean {
  return typeof v === 'string' && v.trim() !== '';
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
