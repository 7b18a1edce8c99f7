import type { Follower } from '../follower.js';
import type { Scoring } from '../values/schema.js';
import {
  AUTHENTICITY_MODEL,
  GENERATED_HANDLE_DIGITS,
  MIN_FIELDS,
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
  const fieldsKnown = readSignals(f, asOf, options.spamPhrases ?? NONE, scratch);
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
export function readSignals(f: Follower, asOf: Date, spamPhrases: readonly string[], out: Float64Array): number {
  out.fill(Number.NaN);
  let fields = 0;
  const followers = f.followers !== undefined ? ln1p(f.followers) : Number.NaN;
  const following = f.following !== undefined ? ln1p(f.following) : Number.NaN;
  out[AT.FOLLOWERS] = followers;
  out[AT.FOLLOWING] = following;
  out[AT.FOLLOWING_RATIO] = following - followers; // NaN unless both are known
  if (f.followers !== undefined) fields++;
  if (f.following !== undefined) fields++;
  if (f.posts !== undefined) {
    out[AT.POSTS] = ln1p(f.posts);
    fields++;
  }
  if (f.likesGiven !== undefined) {
    out[AT.LIKES_GIVEN] = ln1p(f.likesGiven);
    fields++;
  }
  if (f.listed !== undefined) {
    out[AT.LISTED] = ln1p(f.listed);
    fields++;
  }
  const days = ageDays(f, asOf);
  if (days !== undefined) {
    out[AT.ACCOUNT_AGE] = ln1p(days);
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
    out[AT.SPAM_PHRASES] = spamPhrases.length > 0 ? 1 : 0;
    fields++;
  }
  // An empty website cell cannot be told from a missing column: only a website present is evidence.
  if (f.website) {
    out[AT.WEBSITE] = 1;
    fields++;
  }
  out[AT.GENERATED_HANDLE] = generatedDigits(f) > 0 ? 1 : 0;
  return fields;
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
