import { createHash } from 'node:crypto';
import { emptyEngagement, type Follower, type InteractionType } from '../follower.js';
import { parseHandle } from '../handles.js';
import type { ColumnMap, FieldName } from './fields.js';
import { htmlToText } from './html-text.js';
import { type DateOrder, dateOrderEvidence, parseBoolean, parseCount, parseDate } from './parse-fields.js';

/** Problems found in a row that was still classified on what was usable. */
export type RowWarningCode = 'BAD_COUNT' | 'BAD_DATE' | 'BAD_BOOLEAN' | 'BAD_RATING' | 'DATE_ORDER';
/** Why a row was not classified. */
export type SkipCode = 'MISSING_HANDLE' | 'MALFORMED_ROW' | 'DUPLICATE_HANDLE' | 'EXCLUDED' | 'MENTION_MERGED';

/**
 * A problem with one cell, or (DATE_ORDER, value ambiguous / dayFirst /
 * monthFirst) what a numeric date says about the file's day/month order: the
 * aggregator tallies those into one finding instead of listing them.
 */
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
  /** The row's original text, when it could not be split into cells. */
  raw?: string;
}

/** What a source yields: a follower (with any warnings) or a row it had to skip. */
export type SourceItem =
  | { kind: 'follower'; follower: Follower; warnings: RowWarning[] }
  | { kind: 'skip'; skip: SkippedRow };

export interface RowMapperOptions {
  file: string;
  dateOrder?: DateOrder;
  /**
   * Formats without handles (LinkedIn) key followers by name as a last
   * resort: with company, position and connection date beside the name, so
   * two people who share a name stay two (LinkedIn lists each connection once).
   */
  nameIsKey?: boolean;
  /** Fields whose cells are HTML (Mastodon's `note`), read as their text. */
  htmlFields?: readonly FieldName[];
  /**
   * The handle is a fediverse `acct`: `name@server`, or just `name` for an
   * account on the caller's own server, completed from the profile URL's host.
   */
  handleServerFromUrl?: boolean;
  /**
   * Newsletter lists (Mailchimp, Substack) have no handle: the email is the
   * identity. The join key is the lower-cased email (so interaction logs and
   * overrides can name people by email) but the shown handle never is: it is
   * the person's name, or a stable pseudonym derived from the email.
   */
  emailIsKey?: boolean;
  /**
   * Booleans that an empty cell means false for. Only for dumps of API objects
   * where the flag always exists and a database export wrote false as empty
   * (seen in Twitter v1.1 dumps: `default_profile` is `1` or empty).
   */
  falseWhenEmpty?: readonly FieldName[];
  /**
   * Each row is itself one interaction of this type, dated by the row's
   * lastInteractionAt column (a mention in a listening export).
   */
  rowIsInteraction?: InteractionType;
  /**
   * Columns whose counts are what the row's post drew from others (a
   * mention's likes and replies): summed into the follower's reach, never
   * into engagement.
   */
  reachColumns?: readonly number[];
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
/** The fields that say who a row is (see identityOf). */
const IDENTITY_FIELDS = ['name', 'firstName', 'lastName', 'handle', 'profileUrl', 'email', 'id', 'company', 'headline', 'followedAt'] as const;
type IdentityColumns = Record<(typeof IDENTITY_FIELDS)[number], number>;

/** Column index of each identity field, -1 where the export has none. */
function identityColumns(map: ColumnMap): IdentityColumns {
  return Object.fromEntries(IDENTITY_FIELDS.map((f) => [f, map[f] ?? -1])) as IdentityColumns;
}

/**
 * The join key of a row, exactly as createRowMapper finds it, without the
 * rest of the row: for deciding duplicates where rows are not mapped (the
 * main thread, while worker threads map them).
 */
export function createKeyReader(map: ColumnMap, options: IdentityOptions): (cells: string[]) => string | undefined {
  const col = identityColumns(map);
  return (cells) => identityOf(cells, col, nameOf(cells, col), options, true)?.key;
}

type IdentityOptions = Pick<RowMapperOptions, 'emailIsKey' | 'nameIsKey' | 'handleServerFromUrl'>;

/** The columns createKeyReader reads: the rest of a row can go unread. */
export function keyColumns(map: ColumnMap, options: Pick<RowMapperOptions, 'nameIsKey'> = {}): number[] {
  // Company, position and date tell namesakes apart only where the name is the key.
  const fields = options.nameIsKey ? IDENTITY_FIELDS : IDENTITY_FIELDS.filter((f) => !NAMESAKE_FIELDS.has(f));
  return fields.map((f) => map[f]).filter((i): i is number => i !== undefined);
}

const NAMESAKE_FIELDS = new Set<string>(['company', 'headline', 'followedAt']);

function nameOf(cells: string[], col: IdentityColumns): string | undefined {
  const name = cellText(cells, col.name);
  if (name) return name;
  const first = cellText(cells, col.firstName);
  const last = cellText(cells, col.lastName);
  return first || last ? (first && last ? `${first} ${last}` : (first ?? last)) : name;
}

/** Who the row is: handle, then profile URL, then (where the format says so) email or name, then account id. */
function identityOf(
  cells: string[],
  col: IdentityColumns,
  name: string | undefined,
  options: IdentityOptions,
  keyOnly: boolean,
): { display: string; key: string } | undefined {
  const shown = shownHandle(cells, col, options);
  if (shown) return shown;
  const email = options.emailIsKey ? cellText(cells, col.email) : undefined;
  if (email?.includes('@')) return keyOnly ? { display: '', key: emailKey(email) } : emailIdentity(email, name);
  if (options.nameIsKey && name) {
    // Name, company, position and connection date: what tells two namesakes apart.
    const parts = [name, cellText(cells, col.company), cellText(cells, col.headline), cellText(cells, col.followedAt)];
    return { display: name, key: `name:${parts.map((p) => (p ?? '').toLowerCase()).join('|')}` };
  }
  const accountId = cellText(cells, col.id);
  return accountId ? { display: accountId, key: `id:${accountId}` } : undefined;
}

/** The handle from the handle column, else from the profile URL. */
function shownHandle(cells: string[], col: IdentityColumns, options: IdentityOptions): { display: string; key: string } | undefined {
  const handle = cellText(cells, col.handle);
  const profileUrl = cellText(cells, col.profileUrl);
  if (handle !== undefined && options.handleServerFromUrl && !handle.replace(/^@/, '').includes('@') && profileUrl) {
    const host = hostOf(profileUrl);
    if (host) return parseHandle(`${handle.replace(/^@/, '')}@${host}`);
  }
  const fromHandle = handle !== undefined ? parseHandle(handle) : undefined;
  if (fromHandle) return fromHandle;
  return profileUrl !== undefined ? parseHandle(profileUrl) : undefined;
}

function hostOf(url: string): string | undefined {
  try {
    return new URL(url).hostname || undefined;
  } catch {
    return undefined;
  }
}

export function createRowMapper(map: ColumnMap, options: RowMapperOptions): (cells: string[], line: number) => SourceItem {
  const { file, dateOrder = 'mdy', rowIsInteraction, reachColumns = [] } = options;
  const html = new Set<FieldName>(options.htmlFields ?? []);
  const falseWhenEmpty = new Set<FieldName>((options.falseWhenEmpty ?? []).filter((f) => map[f] !== undefined));
  const at = (field: FieldName) => map[field] ?? -1;
  const col = {
    ...identityColumns(map),
    lastInteractionAt: at('lastInteractionAt'),
    rating: at('rating'),
    bio: at('bio'),
    location: at('location'),
    website: at('website'),
    followers: at('followers'),
    following: at('following'),
    posts: at('posts'),
    likesGiven: at('likesGiven'),
    listed: at('listed'),
    accountCreatedAt: at('accountCreatedAt'),
    verified: at('verified'),
    defaultAvatar: at('defaultAvatar'),
    defaultProfile: at('defaultProfile'),
    bot: at('bot'),
    moderationLabels: at('moderationLabels'),
  };
  // An empty cell reads as false only for the flags a format says so for.
  const flag = (cells: string[], index: number, field: FieldName, line: number, warnings: RowWarning[]): boolean | undefined =>
    boolCell(cells, index, field, line, warnings) ?? (falseWhenEmpty.has(field) && cellText(cells, index) === undefined ? false : undefined);
  const engagementFields = ENGAGEMENT_FIELDS.filter(([f]) => map[f] !== undefined).map(([field, type]) => ({ field, type, index: map[field]! }));

  return (cells, line) => {
    const warnings: RowWarning[] = [];
    const name = nameOf(cells, col);
    const profileUrl = cellText(cells, col.profileUrl);
    const email = cellText(cells, col.email);
    const identity = identityOf(cells, col, name, options, false);
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
    if (rowIsInteraction) {
      if (lastAt) engagement.dated.push({ type: rowIsInteraction, at: lastAt, count: 1 });
      else engagement.undated[rowIsInteraction] = (engagement.undated[rowIsInteraction] ?? 0) + 1;
    }
    const reach = reachOf(cells, reachColumns, line, warnings);
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
    assign(follower, 'id', cellText(cells, col.id));
    assign(follower, 'name', name);
    // An empty cell in a bio column is a known empty bio (an authenticity
    // signal); a missing column or a short ragged row is unknown.
    const bio = cellText(cells, col.bio);
    assign(follower, 'bio', (bio !== undefined && html.has('bio') ? htmlToText(bio) : bio) ?? (col.bio >= 0 && cells[col.bio] !== undefined ? '' : undefined));
    assign(follower, 'headline', cellText(cells, col.headline));
    assign(follower, 'company', cellText(cells, col.company));
    assign(follower, 'location', cellText(cells, col.location));
    assign(follower, 'website', cellText(cells, col.website));
    assign(follower, 'profileUrl', profileUrl);
    assign(follower, 'email', email);
    assign(follower, 'followedAt', dateCell(cells, col.followedAt, 'followedAt', dateOrder, line, warnings));
    assign(follower, 'followers', countCell(cells, col.followers, 'followers', line, warnings));
    assign(follower, 'following', countCell(cells, col.following, 'following', line, warnings));
    assign(follower, 'posts', countCell(cells, col.posts, 'posts', line, warnings));
    assign(follower, 'likesGiven', countCell(cells, col.likesGiven, 'likesGiven', line, warnings));
    assign(follower, 'listed', countCell(cells, col.listed, 'listed', line, warnings));
    assign(follower, 'accountCreatedAt', dateCell(cells, col.accountCreatedAt, 'accountCreatedAt', dateOrder, line, warnings));
    assign(follower, 'verified', flag(cells, col.verified, 'verified', line, warnings));
    assign(follower, 'defaultAvatar', flag(cells, col.defaultAvatar, 'defaultAvatar', line, warnings));
    assign(follower, 'defaultProfile', flag(cells, col.defaultProfile, 'defaultProfile', line, warnings));
    assign(follower, 'bot', flag(cells, col.bot, 'bot', line, warnings));
    assign(follower, 'labels', labelsCell(cells, col.moderationLabels));
    assign(follower, 'reach', reach);
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

/** Moderation labels, comma-separated; a present but blank cell is known to carry none. */
function labelsCell(cells: string[], index: number): string[] | undefined {
  if (index < 0 || cells[index] === undefined) return undefined;
  return cells[index]
    .split(',')
    .map((l) => l.trim())
    .filter((l) => l !== '');
}

/** The sum of the reach columns' counts; undefined when every one is blank. */
function reachOf(cells: string[], columns: readonly number[], line: number, warnings: RowWarning[]): number | undefined {
  let total: number | undefined;
  for (const index of columns) {
    const n = countCell(cells, index, 'interactions', line, warnings);
    if (n !== undefined) total = (total ?? 0) + n;
  }
  return total;
}

function dateCell(cells: string[], index: number, field: FieldName, order: DateOrder, line: number, warnings: RowWarning[]): Date | undefined {
  const raw = cellText(cells, index);
  if (raw === undefined) return undefined;
  const d = parseDate(raw, order);
  if (d === null) {
    warnings.push({ code: 'BAD_DATE', line, field, value: raw });
    return undefined;
  }
  const evidence = dateOrderEvidence(raw);
  if (evidence) warnings.push({ code: 'DATE_ORDER', line, field, value: evidence });
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

/** A person known by email: keyed by the email, shown by name or a pseudonym, never by the address. */
function emailKey(email: string): string {
  return email.trim().toLowerCase();
}

export function emailIdentity(email: string, name: string | undefined): { display: string; key: string } {
  const key = emailKey(email);
  const display = name ?? `subscriber-${createHash('sha256').update(key).digest('hex').slice(0, 8)}`;
  return { display, key };
}
