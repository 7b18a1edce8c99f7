import type { Classified } from '../classify.js';
import { reasonsFor } from './reasons.js';

/**
 * The per-follower record: one per classified follower, the same fields in
 * CSV, NDJSON and JSON. Field order is the column order of the CSV.
 */
export const RECORD_FIELDS = [
  'handle',
  'name',
  'segment',
  'action',
  'alignment',
  'engagement',
  'authenticity',
  'reach',
  'evidence',
  'values',
  'flags',
  'redFlags',
  'reasons',
  'rule',
  'profileUrl',
  'email',
  'comments',
  'file',
  'line',
] as const;

export type RecordField = (typeof RECORD_FIELDS)[number];

export interface FollowerRecord {
  handle: string;
  name: string | null;
  segment: string;
  action: string;
  alignment: number;
  engagement: number;
  /** Probability of being fake (0–1), or null when the export lacked the fields to judge. */
  authenticity: number | null;
  /** What the follower's own posts about you drew from others (a listening export's likes, replies, reposts, comments), or null when unknown. Never part of engagement. */
  reach: number | null;
  /** What the verdict stood on: profile text, engagement data, both, or nothing. */
  /** A comment is both words and engagement: `comments` appears only with `engagement`. */
  evidence: 'profile+comments+engagement' | 'comments+engagement' | 'profile+engagement' | 'profile' | 'engagement' | 'none';
  values: string[];
  flags: string[];
  redFlags: string[];
  reasons: string[];
  rule: string;
  profileUrl: string | null;
  /** Only with --include-emails. */
  email?: string | null;
  /** Only with --include-comments: what the follower wrote, each as `YYYY-MM-DD: text` (kept within the per-author bound). */
  comments?: string[];
  file: string;
  line: number;
}

export interface RecordOptions {
  windowDays: number;
  includeEmails?: boolean;
  /** What followers wrote is personal data: written only with --include-comments. */
  includeComments?: boolean;
}

export function toRecord(c: Classified, options: RecordOptions): FollowerRecord {
  const f = c.follower;
  const record: FollowerRecord = {
    handle: f.handle,
    name: f.name ?? null,
    segment: c.segment,
    action: c.action,
    alignment: c.alignment.score,
    engagement: c.engagement.score,
    authenticity: c.authenticity.checked ? round3(c.authenticity.probability ?? 0) : null,
    reach: f.reach ?? null,
    evidence: evidenceOf(c),
    values: c.alignment.values.map((v) => v.name),
    flags: [...c.flags],
    // Same wording as the report's lists: a hostile value is not itself a red flag.
    redFlags: c.alignment.conflicts.map((x) => (x.source === 'hostility' ? `hostile to ${x.name}` : x.name)),
    reasons: reasonsFor(c, options.windowDays),
    rule: c.rule,
    profileUrl: f.profileUrl ?? null,
    file: f.source.file,
    line: f.source.line,
  };
  if (options.includeEmails) record.email = f.email ?? null;
  if (options.includeComments) record.comments = (f.comments ?? []).map((x) => `${x.at ? x.at.toISOString().slice(0, 10) : 'undated'}: ${x.text}`);
  return record;
}

function evidenceOf(c: Classified): FollowerRecord['evidence'] {
  const text = c.alignment.hasText;
  const engagement = c.engagement.hasEvidence;
  if (c.alignment.hasComments) return text ? 'profile+comments+engagement' : 'comments+engagement';
  return text && engagement ? 'profile+engagement' : text ? 'profile' : engagement ? 'engagement' : 'none';
}

function round3(n: number): number {
  return Math.round(n * 1000) / 1000;
}
