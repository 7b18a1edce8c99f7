import type { Follower } from '../follower.js';
import type { Scoring } from '../values/schema.js';

export interface AuthenticitySignal {
  /** Stable signal code, e.g. FEW_FOLLOWERS. */
  signal: string;
  /** Contribution to the log-odds of being fake (positive = more suspect). */
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
  signals: AuthenticitySignal[];
}

/**
 * Authenticity is judged only from fields the export actually has; with thin
 * evidence nobody is flagged. (The fitted model lives in authenticity-model.ts.)
 */
export function scoreAuthenticity(_f: Follower, _asOf: Date, _scoring: Scoring): AuthenticityResult {
  return { checked: false, suspect: false, signals: [] };
}
