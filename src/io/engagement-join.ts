import type { Follower } from '../follower.js';
import { EngagementIndex, type EngagementIndexData } from './engagement-index.js';
import { type InteractionsLog, joinEngagement } from './interactions.js';

/**
 * Joins followers to the interactions logs as they stream past (log by log,
 * see joinEngagement), and counts which log handles met a follower (the rest
 * are "not followers"). A worker thread gets the logs' indexes as plain data
 * (in shared memory: the same bytes, not a copy) and sends back what it matched.
 */
export interface EngagementJoin {
  join(f: Follower): void;
  /** Per log: which of its handles met a follower. */
  matchedFlags(): Uint8Array[];
  /** Adds what another join (a worker thread's) matched. */
  addMatched(flags: Uint8Array[]): void;
  /** Per log: how many of its handles met a follower. */
  matchedCounts(): number[];
}

export function createEngagementJoin(logs: readonly Pick<InteractionsLog, 'index'>[]): EngagementJoin {
  return {
    join: (f) => joinEngagement(f, logs),
    matchedFlags: () => logs.map((log) => log.index.matchedFlags()),
    addMatched(flags) {
      for (let i = 0; i < flags.length; i++) logs[i]!.index.mergeMatched(flags[i]!);
    },
    matchedCounts: () => logs.map((log) => log.index.matchedCount()),
  };
}

/** The logs' indexes as plain data, for a worker thread. */
export function indexesData(logs: readonly InteractionsLog[]): EngagementIndexData[] {
  return logs.map((log) => log.index.toData());
}

/** The logs again, from `indexesData` (in a worker thread). */
export function logsFromData(data: readonly EngagementIndexData[]): Pick<InteractionsLog, 'index'>[] {
  return data.map((d) => ({ index: EngagementIndex.fromData(d) }));
}
