import { ACTION_LISTS, forEachList, LIST_ORDER, type ListKey, SEGMENTS, type Segment } from '../../decision-table.js';
import type { FollowerSummary, Report } from '../model.js';

/**
 * Number formatting and wording shared by the human-readable renderers, so
 * table, Markdown and HTML print every figure of the Report the same way.
 */
export function pct(share: number): string {
  return `${(Math.round(share * 1000) / 10).toFixed(1)}%`;
}

export function num(n: number): string {
  return n.toLocaleString('en-US');
}

/** A score or weight as written in the values file: up to two decimals, no trailing zeros. */
export function dec(n: number): string {
  return String(Math.round(n * 100) / 100);
}

export const SEGMENT_ORDER = SEGMENTS;
export type SegmentKey = Segment;

export const SEGMENT_MEANING: Record<SegmentKey, string> = {
  advocate: 'aligned and engaged: thank, involve, ask for referrals',
  potential: 'aligned but quiet, or engaged without a values signal',
  passive: 'the silent mass: not community',
  misaligned: 'conflicts with your values, spam or fake',
};

/** "1 dissenter", "3 dissenters": a count with its noun, grammatical at 1. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${num(n)} ${n === 1 ? one : many}`;
}

/** Each action list's title, as every renderer prints it. */
export const LIST_TITLES = forEachList((k) => ACTION_LISTS[k].title);
export { LIST_ORDER, type ListKey };

/** How many followers are in each action list in total (the lists keep only the top N). */
export function listTotal(report: Report, key: ListKey): number {
  return ACTION_LISTS[key].total(report.segments);
}

/** The score column of a list: what ranks it. */
export function listScore(key: ListKey): 'alignment' | 'engagement' {
  return ACTION_LISTS[key].rankedBy;
}

/** The detail column of a list: values for the community, the red flag or spam signal for the rest. */
export function listDetail(f: FollowerSummary, key: ListKey): string {
  if (key === 'review' || key === 'dissenters') {
    if (f.redFlags.length) return f.redFlags.join(', ');
    return f.flags.filter((x) => x === 'suspect' || x === 'spam').join(', ');
  }
  return f.values.join(', ');
}

export function listDetailHeading(key: ListKey): string {
  if (key === 'review' || key === 'dissenters') return 'brought in by';
  // A follower to qualify is not aligned: any value shown matched below the alignment bar.
  return key === 'qualify' ? 'values below the bar' : 'values';
}

/** The quality score as a headline figure: "63/100", or "not measurable: no profile text". */
export function scoreText(report: Report): string {
  const q = report.quality;
  return q.score === null ? `not measurable: ${q.notMeasurable?.reason ?? 'unknown'}` : `${q.score}/100`;
}

/** The quality score with its inputs, as one line of arithmetic the reader can redo, or why there is none. */
export function qualityArithmetic(report: Report): string {
  const q = report.quality;
  if (q.score === null) {
    return `values are seen only in profile text: ${pct(q.profileTextShare)} of followers have it, the score needs ${pct(q.minProfileTextShare)}`;
  }
  return `${q.score} = 100 × min(1, ${pct(q.effectiveShare)} ÷ ${pct(q.target)}) × (1 − ${pct(report.segments.misaligned.share)})`;
}

export function effectiveDefinition(report: Report): string {
  return `advocates + ${dec(report.quality.potentialWeight)} × potential to nurture`;
}

/**
 * The breakdown of each segment that has one, as "label: parts" lines. The parts
 * are exclusive, so each line adds up to its segment's count.
 */
export function segmentBreakdowns(report: Report): string[] {
  const s = report.segments;
  const m = s.misaligned;
  const misaligned = [
    plural(m.dissenters, 'dissenter'),
    plural(m.quietConflicts, 'quiet conflict'),
    `${num(m.spam)} spam`,
    plural(m.suspects, 'suspect account'),
    ...(m.overridden ? [`${num(m.overridden)} by override`] : []),
  ];
  return [
    `potential ${num(s.potential.count)}: ${num(s.potential.nurture)} to nurture, ${num(s.potential.qualify)} to qualify`,
    `passive ${num(s.passive.count)}: ${num(s.passive.noEvidence)} with no evidence at all, ${num(s.passive.noSignal)} with evidence below every bar`,
    `misaligned ${num(m.count)}: ${misaligned.join(', ')}`,
  ];
}

/** What evidence the classified followers carried: four exclusive parts. */
export function evidenceBreakdown(report: Report): string {
  const ev = report.dataQuality.evidence;
  const line = `evidence for ${plural(report.totals.classified, 'follower')}: ${num(ev.both)} profile text and engagement, ${num(ev.profileTextOnly)} profile text only, ${num(ev.engagementOnly)} engagement only, ${num(ev.none)} neither`;
  const w = report.dataQuality.words;
  if (!w || w.commentsOnly + w.both === 0) return line;
  return `${line}; words read from ${num(w.profileOnly)} profile${w.profileOnly === 1 ? '' : 's'} only, ${num(w.commentsOnly)} from comments only, ${num(w.both)} from both`;
}

/** What followers' mentions drew, when the export says: reach, not engagement. Undefined when unknown. */
export function mentionReachLine(report: Report): string | undefined {
  const r = report.dataQuality.mentionReach;
  if (!r) return undefined;
  return `reach of mentions: ${num(r.total)} likes, replies, reposts and comments drawn by the mentions of ${plural(r.followers, 'follower')} (not counted as engagement)`;
}

/** Followers with profile text (where values can be seen). */
export function withProfileText(report: Report): number {
  const ev = report.dataQuality.evidence;
  return ev.both + ev.profileTextOnly;
}

/** Values and red flags are counted per follower, and one follower can hold several: say so beside them. */
export const OVERLAP_NOTE = 'one follower can hold several values, so these do not add up';

/** The group-think risk as a heading word: "not measurable" where values cannot be seen. */
export function riskLabel(report: Report): string {
  return report.groupThink.notMeasurable ? 'not measurable' : report.groupThink.risk;
}

/** Plain-language reading of the group-think figures, one per risk level. */
export function groupThinkSummary(report: Report): string {
  const g = report.groupThink;
  switch (g.risk) {
    case 'low':
      return 'Low risk: your aligned followers hold several values and some engaged followers disagree with you.';
    case 'medium':
      return 'Medium risk: either one value dominates or nobody engaged disagrees; see the warning below.';
    case 'high':
      return 'High risk: nearly everyone rallies around one value and nobody engaged disagrees. An echo chamber tells you little.';
    case 'unknown':
      return g.notMeasurable
        ? `Not measurable: ${g.notMeasurable}, so neither values nor dissent can be seen.`
        : 'Unknown: no aligned followers and no engagement data, so concentration and dissent cannot be judged.';
  }
}

/**
 * Values nobody expresses, called out only where profile text existed to
 * express them: with no bios at all, silence says nothing about the values.
 */
export function unexpressedCallout(report: Report): string[] {
  return withProfileText(report) > 0 ? report.unexpressedValues : [];
}

/** Findings that belong to the group-think section rather than the general notes. */
export const GROUP_THINK_CODES = new Set(['NO_DISSENT', 'ONE_VALUE_DOMINATES']);

export const DIVERSITY_NOTE = 'normalised entropy: 0 = all on one value, 1 = evenly spread';
export const DOMINANT_NOTE = 'one value dominates when it makes up 80% or more of the values expressed';
export const DISSENT_NOTE = 'engaged followers who conflict with a value; 0 = nobody disagrees';

/** One interactions file in the data-quality section: its rows, what was skipped and why, and who it matched. */
export function interactionsSummary(i: Report['interactions'][number]): string {
  const why = Object.entries(i.skippedByCode).map(([code, n]) => `${code} ${num(n)}`);
  const skipped = i.skipped ? ` (${num(i.skipped)} skipped: ${why.join(', ')})` : '';
  return `${plural(i.rowsRead, 'row')}${skipped}, ${plural(i.handles, 'handle')}: ${num(i.matchedFollowers)} followers, ${num(i.notFollowers)} not following`;
}

/** What data-quality gaps an input has, in the words a user would look for. */
export function missingSignals(i: Report['inputs'][number]): string[] {
  return i.missing.map((m) => SIGNAL_LABELS[m.signal]);
}

const SIGNAL_LABELS: Record<Report['inputs'][number]['missing'][number]['signal'], string> = {
  profileText: 'profile text (bio, headline, company)',
  engagement: 'engagement counts',
  authenticity: 'account fields to judge authenticity',
};

export function baseName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}
