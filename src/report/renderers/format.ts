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

export const SEGMENT_ORDER = ['advocate', 'potential', 'passive', 'misaligned'] as const;
export type SegmentKey = (typeof SEGMENT_ORDER)[number];

export const SEGMENT_MEANING: Record<SegmentKey, string> = {
  advocate: 'aligned and engaged: thank, involve, ask for referrals',
  potential: 'aligned but quiet, or engaged without a values signal',
  passive: 'the silent mass: not community',
  misaligned: 'conflicts with your values, spam or fake',
};

export const LIST_TITLES = {
  advocates: 'Advocates to thank',
  nurture: 'Potential to nurture (aligned, quiet)',
  qualify: 'Potential to qualify (engaged, no values signal yet)',
  dissenters: 'Dissenters to hear before removing anyone',
  review: 'Misaligned to review',
} as const;
export type ListKey = keyof typeof LIST_TITLES;
export const LIST_ORDER = Object.keys(LIST_TITLES) as ListKey[];

/** How many followers are in each action list in total (the lists keep only the top N). */
export function listTotal(report: Report, key: ListKey): number {
  const s = report.segments;
  switch (key) {
    case 'advocates':
      return s.advocate.count;
    case 'nurture':
      return s.potential.nurture;
    case 'qualify':
      return s.potential.qualify;
    case 'dissenters':
      return s.misaligned.dissenters;
    case 'review':
      return s.misaligned.count - s.misaligned.dissenters;
  }
}

/** The score column of a list: what ranks it. */
export function listScore(key: ListKey): 'alignment' | 'engagement' {
  return key === 'nurture' ? 'alignment' : 'engagement';
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
  return key === 'review' || key === 'dissenters' ? 'brought in by' : 'values';
}

/** The quality score with its inputs, as one line of arithmetic the reader can redo. */
export function qualityArithmetic(report: Report): string {
  const q = report.quality;
  return `${q.score} = 100 × min(1, ${pct(q.effectiveShare)} ÷ ${pct(q.target)}) × (1 − ${pct(report.segments.misaligned.share)})`;
}

export function effectiveDefinition(report: Report): string {
  return `advocates + ${dec(report.quality.potentialWeight)} × potential`;
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
      return 'Unknown: no aligned followers and no engagement data, so concentration and dissent cannot be judged.';
  }
}

/**
 * Values nobody expresses, called out only where profile text existed to
 * express them: with no bios at all, silence says nothing about the values.
 */
export function unexpressedCallout(report: Report): string[] {
  return report.dataQuality.evidence.profileText > 0 ? report.unexpressedValues : [];
}

/** Findings that belong to the group-think section rather than the general notes. */
export const GROUP_THINK_CODES = new Set(['NO_DISSENT', 'ONE_VALUE_DOMINATES']);

export const DIVERSITY_NOTE = 'normalised entropy: 0 = all on one value, 1 = evenly spread';
export const DOMINANT_NOTE = 'at 80% or more, one value dominates';
export const DISSENT_NOTE = 'engaged followers who conflict with a value; 0 = nobody disagrees';

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
