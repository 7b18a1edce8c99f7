import type { EngagementEvidence, Follower } from '../follower.js';
import { type InteractionsLog, mergeEngagement } from './interactions.js';

/**
 * Joins followers to the interactions logs as they stream past, and remembers
 * which log handles met a follower (the rest are "not followers"). Several
 * logs are merged into one map first.
 */
export interface EngagementJoin {
  join(f: Follower): void;
  /** Per log: the handles that met a follower, as the log's keys. */
  matchedKeys(): string[][];
  /** Adds what another join (a worker thread's) matched. */
  addMatched(keys: string[][]): void;
  /** Per log: how many of its handles met a follower. */
  matchedCounts(): number[];
}

export function createEngagementJoin(logs: InteractionsLog[]): EngagementJoin {
  // One log (the usual case) is joined as it is; several are merged into one map first.
  const joined = logs.length === 1 ? logs[0]!.byKey : new Map<string, EngagementEvidence>();
  if (logs.length > 1) for (const log of logs) {
    for (const [key, evidence] of log.byKey) {
      const existing = joined.get(key);
      if (existing) mergeEngagement(existing, evidence);
      else joined.set(key, { dated: [...evidence.dated], undated: { ...evidence.undated }, ...(evidence.rating !== undefined ? { rating: evidence.rating } : {}) });
    }
  }
  const matched = new Set<string>();
  return {
    join(f) {
      if (joined.size === 0) return;
      const extra = joined.get(f.key);
      if (!extra) return;
      mergeEngagement(f.engagement, extra);
      matched.add(f.key);
    },
    matchedKeys: () => logs.map((log) => [...matched].filter((k) => log.byKey.has(k))),
    addMatched(keys) {
      for (const list of keys) for (const k of list) matched.add(k);
    },
    matchedCounts: () => logs.map((log) => [...log.byKey.keys()].filter((k) => matched.has(k)).length),
  };
}
