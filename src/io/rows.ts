import { createHash } from 'node:crypto';
import { emptyEngagement, type Follower, type InteractionType } from '../follower.js';
import { parseHandle } from '../handles.js';
import type { ColumnMap, FieldName } from './fields.js';
import { type DateOrder, parseBoolean, parseCount, parseDate } from './parse-fields.js';

/** Problems found in a row that was still classified on what was usable. */
export type RowWarningCode = 'BAD_COUNT' | 'BAD_DATE' | 'BAD_BOOLEAN' | 'BAD_RATING';
/** Why a row was not classified. */
export type SkipCode = 'MISSING_HANDLE' | 'MALFORMED_ROW' | 'DUPLICATE_HANDLE' | 'EXCLUDED' | 'MENTION_MERGED';

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
  /** Formats without handles (LinkedIn, Facebook) key followers by name as a last resort. */
  nameIsKey?: boolean;
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
 * Compiled once per file: the per-row work is index lookups and cell parsing.
 */
export function createRowMapper(map: ColumnMap, options: RowMapperOptions): (cells: string[], line: number) => SourceItem {
  const { file, dateOrder = 'mdy', nameIsKey = false, emailIsKey = false } = options;
  const falseWhenEmpty = new Set<FieldName>(options.falseWhenEmpty ?? []);
  const text = (cells: string[], field: FieldName): string | undefined => {
    const idx = map[field];
    if (idx === undefined) return undefined;
    const v = cells[idx];
    if (v === undefined) return undefined;
    const t = v.trim();
    return t === '' ? undefined : t;
  };
  const engagementFields = ENGAGEMENT_FIELDS.filter(([f]) => map[f] !== undefined);

  return (cells, line) => {
    const warnings: RowWarning[] = [];
    const count = (field: FieldName): number | undefined => {
      const raw = text(cells, field);
      if (raw === undefined) return undefined;
      const n = parseCount(raw);
      if (n === null) {
        warnings.push({ code: 'BAD_COUNT', line, field, value: raw });
        return undefined;
      }
      return n;
    };
    const date = (field: FieldName): Date | undefined => {
      const raw = text(cells, field);
      if (raw === undefined) return undefined;
      const d = parseDate(raw, dateOrder);
      if (d === null) {
        warnings.push({ code: 'BAD_DATE', line, field, value: raw });
        return undefined;
      }
      return d;
    };
    const bool = (field: FieldName): boolean | undefined => {
      const raw = text(cells, field);
      const b = raw === undefined ? undefined : parseBoolean(raw);
      if (b === null) {
        warnings.push({ code: 'BAD_BOOLEAN', line, field, value: raw ?? '' });
        return undefined;
      }
      if (b === undefined && falseWhenEmpty.has(field) && map[field] !== undefined) return false;
      return b;
    };

    let name = text(cells, 'name');
    if (!name) {
      const parts = [text(cells, 'firstName'), text(cells, 'lastName')].filter(Boolean);
      if (parts.length) name = parts.join(' ');
    }
    const profileUrl = text(cells, 'profileUrl');
    const id = text(cells, 'id');
    const email = text(cells, 'email');
    const identity =
      parseHandle(text(cells, 'handle') ?? '') ??
      parseHandle(profileUrl ?? '') ??
      (emailIsKey && email?.includes('@') ? emailIdentity(email, name) : undefined) ??
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
    const lastAt = date('lastInteractionAt');
    for (const [field, type] of engagementFields) {
      const n = count(field);
      if (n === undefined || n <= 0) continue;
      if (lastAt) engagement.dated.push({ type, at: lastAt, count: n });
      else engagement.undated[type] = (engagement.undated[type] ?? 0) + n;
    }
    if (options.rowIsInteraction) {
      if (lastAt) engagement.dated.push({ type: options.rowIsInteraction, at: lastAt, count: 1 });
      else engagement.undated[options.rowIsInteraction] = (engagement.undated[options.rowIsInteraction] ?? 0) + 1;
    }
    const ratingRaw = text(cells, 'rating');
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
    // An empty cell in a bio column is a known empty bio (an authenticity
    // signal); a missing column or a short ragged row is unknown.
    const bioColumn = map.bio;
    assign(follower, 'bio', text(cells, 'bio') ?? (bioColumn !== undefined && cells[bioColumn] !== undefined ? '' : undefined));
    assign(follower, 'headline', text(cells, 'headline'));
    assign(follower, 'company', text(cells, 'company'));
    assign(follower, 'location', text(cells, 'location'));
    assign(follower, 'website', text(cells, 'website'));
    assign(follower, 'profileUrl', profileUrl);
    assign(follower, 'email', email);
    assign(follower, 'followedAt', date('followedAt'));
    assign(follower, 'followers', count('followers'));
    assign(follower, 'following', count('following'));
    assign(follower, 'posts', count('posts'));
    assign(follower, 'likesGiven', count('likesGiven'));
    assign(follower, 'listed', count('listed'));
    assign(follower, 'accountCreatedAt', date('accountCreatedAt'));
    assign(follower, 'verified', bool('verified'));
    assign(follower, 'defaultAvatar', bool('defaultAvatar'));
    assign(follower, 'defaultProfile', bool('defaultProfile'));
    return { kind: 'follower', follower, warnings };
  };
}

/** A person known by email: keyed by the email, shown by name or a pseudonym, never by the address. */
export function emailIdentity(email: string, name: string | undefined): { display: string; key: string } {
  const key = email.trim().toLowerCase();
  const display = name ?? `subscriber-${createHash('sha256').update(key).digest('hex').slice(0, 8)}`;
  return { display, key };
}

function assign<K extends keyof Follower>(f: Follower, key: K, value: Follower[K] | undefined): void {
  if (value !== undefined) f[key] = value;
}
