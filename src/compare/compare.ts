import type { Segment } from '../classify.js';
import { handleKey } from '../handles.js';
import type { Report } from '../report/model.js';
import { compareNatural } from '../text/natural-order.js';

/**
 * What changed between two audits of the same audience. Pure: two Reports
 * in, one Comparison out; renderers read only the Comparison.
 */
export const SEGMENTS = ['advocate', 'potential', 'passive', 'misaligned'] as const satisfies readonly Segment[];

export interface Side {
  file: string;
  brand: string;
  asOf: string;
  followers: number;
  qualityScore: number | null;
}

export interface Mover {
  handle: string;
  /** Segment in BEFORE; null when not a follower then. */
  before: Segment | null;
  /** Segment in AFTER; null when no longer a follower. */
  after: Segment | null;
  /** Flags in AFTER (e.g. dissenter). */
  flags: string[];
}

export interface Comparison {
  kind: 'kindred-comparison';
  schemaVersion: '1.0';
  before: Side;
  after: Side;
  followers: {
    before: number;
    after: number;
    change: number;
    /** Followers in AFTER who were not in BEFORE; null without per-follower records in both. */
    gained: number | null;
    /** Followers in BEFORE who are not in AFTER; null without per-follower records in both. */
    lost: number | null;
  };
  segments: Record<Segment, { before: { count: number; share: number }; after: { count: number; share: number }; change: { count: number; share: number } }>;
  /** Quality scores; null where a report could not measure it (too little profile text), and then no change. */
  quality: { before: number | null; after: number | null; change: number | null };
  /** Who moved; null unless both reports carry per-follower records (--include-followers). */
  movements: {
    /** from (a segment, or "new") → to (a segment, or "gone") → followers. */
    transitions: Record<string, Record<string, number>>;
    newAdvocates: Mover[];
    lostAdvocates: Mover[];
    advocatesTurnedDissenter: Mover[];
  } | null;
  notes: string[];
}

interface Person {
  handle: string;
  segment: Segment;
  flags: string[];
}

/**
 * Why two reports cannot be compared, or undefined. Two brands share no
 * audience, so gains, losses and movers between them would be noise; a
 * BEFORE newer than AFTER is almost always the two files swapped, and every
 * change would read backwards. Both are refused rather than noted under a
 * table that already looks plausible. The same day is fine: the same export
 * audited with a revised values file.
 */
export function whyNotComparable(before: Pick<Report, 'brand' | 'asOf'>, after: Pick<Report, 'brand' | 'asOf'>, files: { before: string; after: string }): string | undefined {
  const brandKey = (b: string) => b.trim().toLowerCase();
  if (brandKey(before.brand) !== brandKey(after.brand)) {
    return `${files.before} is an audit of "${before.brand}" and ${files.after} of "${after.brand}": compare two audits of the same brand (if the brand was renamed, give both values files the same brand: and audit again)`;
  }
  if (after.asOf < before.asOf) {
    return `BEFORE (${files.before}, as of ${before.asOf}) is newer than AFTER (${files.after}, as of ${after.asOf}): the files look swapped; give the earlier report first: kindred compare ${files.after} ${files.before}`;
  }
  return undefined;
}

export function compareReports(before: Report, after: Report, files: { before: string; after: string }): Comparison {
  const side = (r: Report, file: string): Side => ({ file, brand: r.brand, asOf: r.asOf, followers: r.totals.classified, qualityScore: r.quality.score });
  const notes: string[] = [];

  const segments = Object.fromEntries(
    SEGMENTS.map((s) => {
      const b = before.segments[s];
      const a = after.segments[s];
      return [s, { before: { count: b.count, share: b.share }, after: { count: a.count, share: a.share }, change: { count: a.count - b.count, share: round4(a.share - b.share) } }];
    }),
  ) as Comparison['segments'];

  const people = (r: Report) => (r.followers ? indexPeople(r.followers) : undefined);
  const was = people(before);
  const now = people(after);
  let movements: Comparison['movements'] = null;
  let gained: number | null = null;
  let lost: number | null = null;
  if (was && now) {
    const transitions: Record<string, Record<string, number>> = {};
    const bump = (from: string, to: string) => {
      transitions[from] ??= {};
      transitions[from][to] = (transitions[from][to] ?? 0) + 1;
    };
    for (const from of [...SEGMENTS, 'new']) {
      transitions[from] = {};
      for (const to of [...SEGMENTS, 'gone']) if (!(from === 'new' && to === 'gone')) transitions[from][to] = 0;
    }
    const newAdvocates: Mover[] = [];
    const lostAdvocates: Mover[] = [];
    const turned: Mover[] = [];
    gained = 0;
    lost = 0;
    for (const [key, p] of now) {
      const old = was.get(key);
      if (!old) gained++;
      bump(old ? old.segment : 'new', p.segment);
      const mover: Mover = { handle: p.handle, before: old?.segment ?? null, after: p.segment, flags: p.flags };
      if (p.segment === 'advocate' && old?.segment !== 'advocate') newAdvocates.push(mover);
      if (old?.segment === 'advocate' && p.segment !== 'advocate') {
        lostAdvocates.push(mover);
        if (p.flags.includes('dissenter')) turned.push(mover);
      }
    }
    for (const [key, old] of was) {
      if (now.has(key)) continue;
      lost++;
      bump(old.segment, 'gone');
      if (old.segment === 'advocate') lostAdvocates.push({ handle: old.handle, before: 'advocate', after: null, flags: [] });
    }
    if (was.size > 0 && now.size > 0 && gained === now.size) {
      notes.push('no follower appears in both reports: are they for the same audience, and were both anonymized with the same salt (or neither)?');
    }
    const byHandle = (a: Mover, b: Mover) => compareNatural(a.handle.toLowerCase(), b.handle.toLowerCase());
    movements = { transitions, newAdvocates: newAdvocates.sort(byHandle), lostAdvocates: lostAdvocates.sort(byHandle), advocatesTurnedDissenter: turned.sort(byHandle) };
  } else {
    const missing = [!was ? 'BEFORE' : '', !now ? 'AFTER' : ''].filter(Boolean).join(' and ');
    notes.push(`${missing} ${missing.includes(' and ') ? 'carry' : 'carries'} no per-follower records: audit with --include-followers --format json to see who moved`);
  }

  return {
    kind: 'kindred-comparison',
    schemaVersion: '1.0',
    before: side(before, files.before),
    after: side(after, files.after),
    followers: { before: before.totals.classified, after: after.totals.classified, change: after.totals.classified - before.totals.classified, gained, lost },
    segments,
    quality: {
      before: before.quality.score,
      after: after.quality.score,
      change: before.quality.score === null || after.quality.score === null ? null : after.quality.score - before.quality.score,
    },
    movements,
    notes,
  };
}

/** Per-follower records by join key; records without a readable handle or segment are left out. */
function indexPeople(records: Record<string, unknown>[]): Map<string, Person> {
  const out = new Map<string, Person>();
  for (const r of records) {
    const handle = typeof r.handle === 'string' ? r.handle : undefined;
    const segment = r.segment as Segment;
    const key = handle ? handleKey(handle) : undefined;
    if (!handle || !key || !SEGMENTS.includes(segment) || out.has(key)) continue;
    out.set(key, { handle, segment, flags: Array.isArray(r.flags) ? r.flags.filter((f): f is string => typeof f === 'string') : [] });
  }
  return out;
}

function round4(n: number): number {
  return Math.round(n * 10000) / 10000;
}
