import { emptyEngagement, type Follower, type InteractionType } from '../follower.js';
import { parseHandle } from '../handles.js';
import type { ColumnMap, FieldName } from './fields.js';
import { type DateOrder, parseBoolean, parseCount, parseDate } from './parse-fields.js';

/** Problems found in a row that was still classified on what was usable. */
export type RowWarningCode = 'BAD_COUNT' | 'BAD_DATE' | 'BAD_BOOLEAN' | 'BAD_RATING';
/** Why a row was not classified. */
export type SkipCode = 'MISSING_HANDLE' | 'MALFORMED_ROW' | 'DUPLICATE_HANDLE' | 'EXCLUDED';

export interface RowWarning {
  code: RowWarningCode;
  line: number;
  field: FieldName;
  value: string;
}

export interface SkippedRow {
  code: SkipCode;
  file: string;
  line: number;
  detail?: string;
  /** The row's original cells, for --rejects. */
  cells?: string[];
}

/** What a source yields: a follower (with any warnings) or a row it had to skip. */
export type SourceItem =
  | { kind: 'follower'; follower: Follower; warnings: RowWarning[] }
  | { kind: 'skip'; skip: SkippedRow };

export interface RowMapperOptions {
  file: string;
  dateOrder?: DateOrder;
  /** Formats without handles (LinkedIn, Facebook) key followers by name as a last resort. */
  nameIsKey?: boolean;
}

const ENGAGEMENT_FIELDS: [FieldName, InteractionType][] = [
  ['likes', 'like'],
  ['replies', 'reply'],
  ['comments', 'comment'],
  ['shares', 'share'],
  ['mentions', 'mention'],
  ['dms', 'dm'],
  ['interactions', 'other'],
];

/**
 * Turns one record (array of cells) into a Follower through a column map.
 * Compiled once per file: the per-row work is index lookups and cell parsing,
 * with no closure or regex made per row.
 */
export function createRowMapper(map: ColumnMap, options: RowMapperOptions): (cells: string[], line: number) => SourceItem {
  const { file, dateOrder = 'mdy', nameIsKey = false } = options;
  const at = (field: FieldName) => map[field] ?? -1;
  const col = {
    name: at('name'),
    firstName: at('firstName'),
    lastName: at('lastName'),
    profileUrl: at('profileUrl'),
    id: at('id'),
    handle: at('handle'),
    lastInteractionAt: at('lastInteractionAt'),
    rating: at('rating'),
    bio: at('bio'),
    headline: at('headline'),
    company: at('company'),
    location: at('location'),
    website: at('website'),
    email: at('email'),
    followedAt: at('followedAt'),
    followers: at('followers'),
    following: at('following'),
    posts: at('posts'),
    likesGiven: at('likesGiven'),
    listed: at('listed'),
    accountCreatedAt: at('accountCreatedAt'),
    verified: at('verified'),
    defaultAvatar: at('defaultAvatar'),
    defaultProfile: at('defaultProfile'),
  };
  const engagementFields = ENGAGEMENT_FIELDS.filter(([f]) => map[f] !== undefined).map(([field, type]) => ({ field, type, index: map[field]! }));

  return (cells, line) => {
    const warnings: RowWarning[] = [];
    let name = cellText(cells, col.name);
    if (!name) {
      const first = cellText(cells, col.firstName);
      const last = cellText(cells, col.lastName);
      if (first || last) name = first && last ? `${first} ${last}` : (first ?? last);
    }
    const profileUrl = cellText(cells, col.profileUrl);
    const id = cellText(cells, col.id);
    const handle = cellText(cells, col.handle);
    const identity =
      (handle !== undefined ? parseHandle(handle) : undefined) ??
      (profileUrl !== undefined ? parseHandle(profileUrl) : undefined) ??
      (nameIsKey && name ? { display: name, key: `name:${name.toLowerCase()}` } : undefined) ??
      (id ? { display: id, key: `id:${id}` } : undefined);
    if (!identity) {
      const empty = cells.every((c) => c.trim() === '');
      return {
        kind: 'skip',
        skip: { code: 'MISSING_HANDLE', file, line, detail: empty ? 'empty row' : 'no handle in this row', cells },
      };
    }

    const engagement = emptyEngagement();
    const lastAt = dateCell(cells, col.lastInteractionAt, 'lastInteractionAt', dateOrder, line, warnings);
    for (const e of engagementFields) {
      const n = countCell(cells, e.index, e.field, line, warnings);
      if (n === undefined || n <= 0) continue;
      if (lastAt) engagement.dated.push({ type: e.type, at: lastAt, count: n });
      else engagement.undated[e.type] = (engagement.undated[e.type] ?? 0) + n;
    }
    const ratingRaw = cellText(cells, col.rating);
    if (ratingRaw !== undefined) {
      const r = Number(ratingRaw.replace(',', '.'));
      if (Number.isFinite(r) && r >= 1 && r <= 5) engagement.rating = r;
      else warnings.push({ code: 'BAD_RATING', line, field: 'rating', value: ratingRaw });
    }

    const follower: Follower = {
      key: identity.key,
      handle: identity.display,
      engagement,
      source: { file, line },
    };
    assign(follower, 'id', id);
    assign(follower, 'name', name);
    assign(follower, 'bio', cellText(cells, col.bio));
    assign(follower, 'headline', cellText(cells, col.headline));
    assign(follower, 'company', cellText(cells, col.company));
    assign(follower, 'location', cellText(cells, col.location));
    assign(follower, 'website', cellText(cells, col.website));
    assign(follower, 'profileUrl', profileUrl);
    assign(follower, 'email', cellText(cells, col.email));
    assign(follower, 'followedAt', dateCell(cells, col.followedAt, 'followedAt', dateOrder, line, warnings));
    assign(follower, 'followers', countCell(cells, col.followers, 'followers', line, warnings));
    assign(follower, 'following', countCell(cells, col.following, 'following', line, warnings));
    assign(follower, 'posts', countCell(cells, col.posts, 'posts', line, warnings));
    assign(follower, 'likesGiven', countCell(cells, col.likesGiven, 'likesGiven', line, warnings));
    assign(follower, 'listed', countCell(cells, col.listed, 'listed', line, warnings));
    assign(follower, 'accountCreatedAt', dateCell(cells, col.accountCreatedAt, 'accountCreatedAt', dateOrder, line, warnings));
    assign(follower, 'verified', boolCell(cells, col.verified, 'verified', line, warnings));
    assign(follower, 'defaultAvatar', boolCell(cells, col.defaultAvatar, 'defaultAvatar', line, warnings));
    assign(follower, 'defaultProfile', boolCell(cells, col.defaultProfile, 'defaultProfile', line, warnings));
    return { kind: 'follower', follower, warnings };
  };
}

/** A cell's trimmed text; undefined when the column is absent or the cell blank. */
function cellText(cells: string[], index: number): string | undefined {
  if (index < 0) return undefined;
  const v = cells[index];
  if (v === undefined) return undefined;
  const t = v.trim();
  return t === '' ? undefined : t;
}

function countCell(cells: string[], index: number, field: FieldName, line: number, warnings: RowWarning[]): number | undefined {
  const raw = cellText(cells, index);
  if (raw === undefined) return undefined;
  const n = parseCount(raw);
  if (n === null) {
    warnings.push({ code: 'BAD_COUNT', line, field, value: raw });
    return undefined;
  }
  return n;
}

function dateCell(cells: string[], index: number, field: FieldName, order: DateOrder, line: number, warnings: RowWarning[]): Date | undefined {
  const raw = cellText(cells, index);
  if (raw === undefined) return undefined;
  const d = parseDate(raw, order);
  if (d === null) {
    warnings.push({ code: 'BAD_DATE', line, field, value: raw });
    return undefined;
  }
  return d;
}

function boolCell(cells: string[], index: number, field: FieldName, line: number, warnings: RowWarning[]): boolean | undefined {
  const raw = cellText(cells, index);
  if (raw === undefined) return undefined;
  const b = parseBoolean(raw);
  if (b === null) {
    warnings.push({ code: 'BAD_BOOLEAN', line, field, value: raw });
    return undefined;
  }
  return b;
}

function assign<K extends keyof Follower>(f: Follower, key: K, value: Follower[K] | undefined): void {
  if (value !== undefined) f[key] = value;
}
