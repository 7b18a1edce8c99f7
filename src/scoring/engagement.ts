import { type EngagementEvidence, hasEngagementEvidence, INTERACTION_TYPES, type InteractionType } from '../follower.js';
import type { Scoring } from '../values/schema.js';

export interface EngagementResult {
  score: number;
  engaged: boolean;
  hasEvidence: boolean;
  /** Interactions that counted, per type (dated within the window, or undated). */
  counted: Partial<Record<InteractionType, number>>;
  /** Interactions older than the window: shown in reasons, never counted. */
  stale: number;
  /** Interactions dated after --as-of: not counted. */
  future: number;
  undated: number;
  lastAt?: Date;
  rating?: number;
}

const DAY_MS = 86_400_000;

/**
 * Engagement points: each interaction counts its type's weight when it falls
 * within `windowDays` before `asOf`; stale ones never make anyone engaged.
 * Counts without any date (a "likes" column with no last-interaction date)
 * are taken at face value: the export says they happened, not when.
 * A 1–5 rating adds the points the scoring table gives it.
 */
export function scoreEngagement(e: EngagementEvidence, scoring: Scoring, asOf: Date): EngagementResult {
  const weights = scoring.interactionWeights;
  const windowStart = asOf.getTime() - scoring.windowDays * DAY_MS;
  const counted: Partial<Record<InteractionType, number>> = {};
  let score = 0;
  let stale = 0;
  let future = 0;
  let undated = 0;
  let lastAt: Date | undefined;
  // Dates are compared by day: an interaction on the --as-of day counts.
  const asOfEnd = asOf.getTime() + DAY_MS - 1;
  for (const d of e.dated) {
    const t = d.at.getTime();
    if (t > asOfEnd) {
      future += d.count;
      continue;
    }
    if (!lastAt || t > lastAt.getTime()) lastAt = d.at;
    if (t < windowStart) {
      stale += d.count;
      continue;
    }
    counted[d.type] = (counted[d.type] ?? 0) + d.count;
    score += weights[d.type] * d.count;
  }
  for (const type of INTERACTION_TYPES) {
    const n = e.undated[type];
    if (!n) continue;
    undated += n;
    counted[type] = (counted[type] ?? 0) + n;
    score += weights[type] * n;
  }
  if (e.rating !== undefined) {
    const idx = Math.min(5, Math.max(1, Math.round(e.rating))) - 1;
    score += scoring.ratingEngagement[idx] ?? 0;
  }
  score = Math.round(score * 100) / 100;
  return {
    score,
    engaged: score >= scoring.engagedAt,
    hasEvidence: hasEngagementEvidence(e),
    counted,
    stale,
    future,
    undated,
    ...(lastAt ? { lastAt } : {}),
    ...(e.rating !== undefined ? { rating: e.rating } : {}),
  };
}
