import type { Follower } from '../follower.js';
import type { Scoring } from '../values/schema.js';
import {
  AUTHENTICITY_MODEL,
  GENERATED_HANDLE_DIGITS,
  INAUTHENTIC_LABELS,
  MIN_FIELDS,
  NO_AUDIENCE_POSTS,
  SIGNAL_CODES,
  type SignalCode,
  type SignalModel,
} from './authenticity-model.js';

export interface AuthenticitySignal {
  /** Stable signal code: one of SIGNAL_CODES, or VERIFIED (a guard, weight 0). */
  signal: SignalCode | 'VERIFIED';
  /** Contribution to the log-odds of being fake (positive = more suspect), rounded to 0.01. */
  weight: number;
  /** The observed value, for reasons ("3 followers"). */
  detail: string;
}

export interface AuthenticityResult {
  /** Were there enough fields to judge at all? */
  checked: boolean;
  /** Probability of being fake, when checked. */
  probability?: number;
  suspect: boolean;
  /**
   * The signals read, in model order. Listed for suspects (their reasons quote
   * them) and whenever `allSignals` is asked for (explain); for the other
   * followers of a million-row audit only the probability is kept.
   */
  signals: AuthenticitySignal[];
  /** How many of the fields the model reads were known (MIN_FIELDS are needed). */
  fieldsKnown?: number;
}

export interface AuthenticityOptions {
  /** Built-in spam phrases found in the bio (alignment finds them in the same pass as the values). */
  spamPhrases?: readonly string[];
  /** List every signal, not only for suspects. */
  allSignals?: boolean;
  /** Did the follower engage with the brand (engagement score at or above `engagedAt`)? */
  engaged?: boolean;
}

const DAY_MS = 86_400_000;
const SIGNAL_COUNT = SIGNAL_CODES.length;
const MODELS: readonly SignalModel[] = SIGNAL_CODES.map((code) => AUTHENTICITY_MODEL.signals[code]);
const AT = Object.fromEntries(SIGNAL_CODES.map((code, i) => [code, i])) as Record<SignalCode, number>;

// One buffer reused for every follower: scoring a row allocates nothing
// unless its signals are asked for. Scoring is synchronous, so it is never shared.
const scratch = new Float64Array(SIGNAL_COUNT);

/**
 * Authenticity is judged only from fields the export actually has; with thin
 * evidence nobody is flagged. The numbers live in authenticity-model.ts.
 */
export function scoreAuthenticity(f: Follower, asOf: Date, scoring: Scoring, options: AuthenticityOptions = {}): AuthenticityResult {
  const fieldsKnown = readSignals(f, asOf, options.spamPhrases ?? NONE, scratch, options.engaged === true);
  if (fieldsKnown < MIN_FIELDS) {
    return { checked: false, suspect: false, signals: [], fieldsKnown };
  }
  let logOdds = AUTHENTICITY_MODEL.intercept;
  for (let i = 0; i < SIGNAL_COUNT; i++) {
    const x = scratch[i]!;
    if (!Number.isNaN(x)) logOdds += contribution(MODELS[i]!, x);
  }
  const probability = 1 / (1 + Math.exp(-logOdds));
  const suspect = probability >= scoring.authenticity.threshold && f.verified !== true;
  const signals = suspect || options.allSignals ? describeSignals(f, asOf, options.spamPhrases ?? NONE, scratch) : [];
  return { checked: true, probability, suspect, signals, fieldsKnown };
}

const NONE: readonly string[] = [];

/** A signal's contribution to the log-odds, for a known value `x` (see authenticity-model.ts). */
export function contribution(model: SignalModel, x: number): number {
  if (model.kind === 'flag') return model.weight * x;
  const held = Math.min(model.max, Math.max(model.min, x));
  return model.weight * (held - model.centre);
}

/**
 * Reads the model's inputs into `out` (one slot per SIGNAL_CODES entry; NaN =
 * unknown) and returns how many of the underlying fields were known. Scale
 * signals hold ln(1 + value); flags hold 1 (present) or 0 (known absent).
 * Exported for the fitting script, which must see exactly what the CLI sees.
 */
export function readSignals(f: Follower, asOf: Date, spamPhrases: readonly string[], out: Float64Array, engaged = false): number {
  out.fill(Number.NaN);
  let fields = 0;
  const followers = f.followers !== undefined ? ln1p(f.followers) : Number.NaN;
  const following = f.following !== undefined ? ln1p(f.following) : Number.NaN;
  const listed = f.listed !== undefined ? ln1p(f.listed) : Number.NaN;
  out[AT.FOLLOWERS] = followers;
  out[AT.FOLLOWING] = following;
  out[AT.LISTED] = listed;
  out[AT.FOLLOWING_RATIO] = following - followers; // NaN unless both counts are known
  if (f.listed !== undefined && f.followers !== undefined) out[AT.LISTED_RATIO] = ln1p(listsPerThousand(f.listed, f.followers));
  if (f.followers !== undefined) fields++;
  if (f.following !== undefined) fields++;
  if (f.listed !== undefined) fields++;
  if (f.posts !== undefined) {
    out[AT.POSTS] = ln1p(f.posts);
    fields++;
  }
  if (f.likesGiven !== undefined) {
    out[AT.LIKES_GIVEN] = ln1p(f.likesGiven);
    fields++;
  }
  if (f.followers !== undefined && f.posts !== undefined) out[AT.NO_AUDIENCE] = noAudience(f) ? 1 : 0;
  const days = ageDays(f, asOf);
  if (days !== undefined) {
    out[AT.ACCOUNT_AGE] = ln1p(days);
    // Per day of the account's life; an account made today counts as one day old.
    if (f.posts !== undefined) out[AT.POST_RATE] = ln1p(f.posts / Math.max(1, days));
    if (f.likesGiven !== undefined) out[AT.LIKE_RATE] = ln1p(f.likesGiven / Math.max(1, days));
    fields++;
  }
  if (f.defaultProfile !== undefined) {
    out[AT.DEFAULT_PROFILE] = f.defaultProfile ? 1 : 0;
    fields++;
  }
  if (f.defaultAvatar !== undefined) {
    out[AT.DEFAULT_AVATAR] = f.defaultAvatar ? 1 : 0;
    fields++;
  }
  // bio '' = the export has a bio column and this one is empty; undefined = unknown.
  if (f.bio !== undefined) {
    out[AT.EMPTY_BIO] = f.bio === '' ? 1 : 0;
    out[AT.LINK_ONLY_BIO] = isLinkOnly(f.bio) ? 1 : 0;
    out[AT.LOOKALIKE_LETTERS] = LOOKALIKE.test(f.bio) ? 1 : 0;
    out[AT.SPAM_PHRASES] = spamPhrases.length > 0 ? 1 : 0;
    fields++;
  }
  // An empty website cell cannot be told from a missing column: only a website present is evidence.
  if (f.website) {
    out[AT.WEBSITE] = 1;
    fields++;
  }
  out[AT.GENERATED_HANDLE] = generatedDigits(f) > 0 ? 1 : 0;
  const names = nameAndHandle(f);
  if (names) {
    out[AT.NAME_IS_HANDLE] = names.name === names.handle ? 1 : 0;
    out[AT.NAME_UNLIKE_HANDLE] = unlike(names.name, names.handle) ? 1 : 0;
  }
  const platform = platformSays(f);
  if (platform !== undefined) {
    out[AT.PLATFORM_BOT] = platform ? 1 : 0;
    fields++;
  }
  out[AT.ENGAGED] = engaged ? 1 : 0;
  return fields;
}

/** Lists the account is on per 1,000 followers: people list accounts they value, not bought audiences. */
function listsPerThousand(listed: number, followers: number): number {
  return (1000 * Math.max(0, listed)) / Math.max(1, followers);
}

/** No follower at all after thousands of posts: shouting into an empty room, as automated accounts do. */
function noAudience(f: Follower): boolean {
  return f.followers === 0 && (f.posts ?? 0) >= NO_AUDIENCE_POSTS;
}

const LINK = /\bhttps?:\/\/\S+|\bwww\.\S+/giu;
const WORDISH = /[\p{L}\p{N}]/u;

/** The bio is one or more links and nothing else a person wrote (punctuation and emoji aside). */
function isLinkOnly(bio: string): boolean {
  if (!bio.includes('http') && !bio.includes('www.')) return false;
  const rest = bio.replace(LINK, '');
  return rest.length < bio.length && !WORDISH.test(rest);
}

/**
 * A Latin letter right beside a Cyrillic or Greek one, inside one word
 * ("Frее" with Cyrillic е's): look-alike letters that dodge keyword filters.
 * Fancy-font letters (𝗙𝗢𝗟𝗟𝗢𝗪) are not counted: real people use them in bios,
 * and NFKC folds them for the spam phrases anyway.
 */
const LOOKALIKE = /\p{Script=Latin}[\p{Script=Cyrillic}\p{Script=Greek}]|[\p{Script=Cyrillic}\p{Script=Greek}]\p{Script=Latin}/u;

/**
 * The display name and the handle folded to Latin letters and digits (accents
 * dropped), or undefined when there is nothing to compare: no name, a name in
 * another script, or a follower keyed by id or name rather than a handle.
 */
function nameAndHandle(f: Follower): { name: string; handle: string } | undefined {
  if (!f.name || f.key.startsWith('id:') || f.key.startsWith('name:')) return undefined;
  const name = fold(f.name);
  const handle = fold(f.handle);
  return name.length >= 3 && handle.length >= 3 ? { name, handle } : undefined;
}

const COMBINING = /\p{M}/gu;
const NOT_ALNUM = /[^a-z0-9]/g;

function fold(text: string): string {
  return text.normalize('NFKD').replace(COMBINING, '').toLowerCase().replace(NOT_ALNUM, '');
}

/** The handle shares no run of three letters or digits with the name (pydarstonas / Linda Oliver). */
function unlike(name: string, handle: string): boolean {
  for (let i = 0; i + 3 <= handle.length; i++) if (name.includes(handle.slice(i, i + 3))) return false;
  return true;
}

/** true: the owner or the platform's moderation says the account is automated or inauthentic; undefined: the export does not say. */
function platformSays(f: Follower): boolean | undefined {
  if (f.bot === undefined && f.labels === undefined) return undefined;
  return f.bot === true || (f.labels ?? NONE).some((l) => INAUTHENTIC_LABELS.includes(l));
}

/** What the owner or the platform says about the account, in words; undefined when it says nothing against it. */
export function platformSaysAgainst(f: Follower): string | undefined {
  return platformSays(f) ? platformDetail(f) : undefined;
}

function platformDetail(f: Follower): string {
  return f.bot === true
    ? 'the account says it is a bot'
    : `labelled ${(f.labels ?? NONE)
        .filter((l) => INAUTHENTIC_LABELS.includes(l))
        .map((l) => `"${l}"`)
        .join(', ')} by the platform`;
}

function ln1p(n: number): number {
  return Math.log1p(Math.max(0, n));
}

/** Whole days from account creation to --as-of; a creation date after --as-of is not trusted. */
function ageDays(f: Follower, asOf: Date): number | undefined {
  if (!f.accountCreatedAt) return undefined;
  const ms = asOf.getTime() - f.accountCreatedAt.getTime();
  return ms >= 0 ? Math.floor(ms / DAY_MS) : undefined;
}

/**
 * Length of the trailing digit run when the handle is letters followed by at
 * least GENERATED_HANDLE_DIGITS digits (Charlen21274441), else 0. Followers
 * keyed by id or name have no handle of their own to judge.
 */
function generatedDigits(f: Follower): number {
  const h = f.handle;
  const last = h.charCodeAt(h.length - 1);
  if (!(last >= 48 && last <= 57)) return 0; // most handles: no trailing digit at all
  if (f.key.startsWith('id:') || f.key.startsWith('name:')) return 0;
  let i = h.length;
  while (i > 0) {
    const c = h.charCodeAt(i - 1);
    if (c < 48 || c > 57) break;
    i--;
  }
  const digits = h.length - i;
  if (digits < GENERATED_HANDLE_DIGITS || i === 0) return 0;
  const before = h.charCodeAt(i - 1);
  const letter = (before >= 65 && before <= 90) || (before >= 97 && before <= 122);
  return letter ? digits : 0;
}

function describeSignals(f: Follower, asOf: Date, spamPhrases: readonly string[], values: Float64Array): AuthenticitySignal[] {
  const out: AuthenticitySignal[] = [];
  for (let i = 0; i < SIGNAL_COUNT; i++) {
    const x = values[i]!;
    if (Number.isNaN(x)) continue;
    const code = SIGNAL_CODES[i]!;
    const model = MODELS[i]!;
    // A flag known to be absent (not a default profile) says nothing worth listing.
    if (model.kind === 'flag' && x === 0) continue;
    out.push({ signal: code, weight: round2(contribution(model, x)), detail: detailOf(code, f, asOf, spamPhrases) });
  }
  if (f.verified === true) out.push({ signal: 'VERIFIED', weight: 0, detail: 'verified account (never flagged)' });
  return out;
}

function detailOf(code: SignalCode, f: Follower, asOf: Date, spamPhrases: readonly string[]): string {
  switch (code) {
    case 'FOLLOWERS':
      return count(f.followers ?? 0, 'follower', 'followers');
    case 'FOLLOWING':
      return `follows ${num(f.following ?? 0)}`;
    case 'FOLLOWING_RATIO': {
      const followers = f.followers ?? 0;
      const following = f.following ?? 0;
      if (followers === 0) return `follows ${num(following)}, followed by none`;
      const ratio = following / followers;
      return `follows ${ratio >= 10 ? Math.round(ratio) : Math.round(ratio * 10) / 10}× as many as follow it`;
    }
    case 'POSTS':
      return count(f.posts ?? 0, 'post', 'posts');
    case 'LIKES_GIVEN':
      return `${count(f.likesGiven ?? 0, 'like', 'likes')} given`;
    case 'LISTED':
      return `on ${count(f.listed ?? 0, 'list', 'lists')}`;
    case 'LISTED_RATIO':
      return `on ${num(round2(listsPerThousand(f.listed ?? 0, f.followers ?? 0)))} lists per 1,000 followers`;
    case 'POST_RATE':
      return `${rate(f.posts ?? 0, ageDays(f, asOf) ?? 0)} posts a day`;
    case 'LIKE_RATE':
      return `${rate(f.likesGiven ?? 0, ageDays(f, asOf) ?? 0)} likes given a day`;
    case 'NO_AUDIENCE':
      return `no followers after ${count(f.posts ?? 0, 'post', 'posts')}`;
    case 'LINK_ONLY_BIO':
      return 'bio is only a link';
    case 'LOOKALIKE_LETTERS':
      return 'bio mixes look-alike letters from other alphabets';
    case 'NAME_IS_HANDLE':
      return 'display name is just the handle';
    case 'NAME_UNLIKE_HANDLE':
      return 'display name and handle have nothing in common';
    case 'PLATFORM_BOT':
      return platformDetail(f);
    case 'ENGAGED':
      return 'engaged with the brand';
    case 'ACCOUNT_AGE':
      return `account ${count(ageDays(f, asOf) ?? 0, 'day', 'days')} old`;
    case 'DEFAULT_PROFILE':
      return 'default profile theme';
    case 'DEFAULT_AVATAR':
      return 'default profile picture';
    case 'EMPTY_BIO':
      return 'empty bio';
    case 'WEBSITE':
      return 'links a website';
    case 'GENERATED_HANDLE':
      return `handle ends in ${generatedDigits(f)} digits`;
    case 'SPAM_PHRASES':
      return `bio says ${spamPhrases.map((p) => `"${p}"`).join(', ')}`;
  }
}

/** A rate per day with two significant digits at most (0.13, 4.2, 37). */
function rate(n: number, days: number): string {
  const r = n / Math.max(1, days);
  return num(r >= 10 ? Math.round(r) : Number(r.toPrecision(2)));
}

function count(n: number, one: string, many: string): string {
  return `${num(n)} ${n === 1 ? one : many}`;
}

// One formatter for all: toLocaleString builds a new one on every call.
const NUMBER = new Intl.NumberFormat('en-US');

function num(n: number): string {
  return NUMBER.format(n);
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}
