/** Number formatting shared by the human-readable renderers. */
export function pct(share: number): string {
  return `${(Math.round(share * 1000) / 10).toFixed(1)}%`;
}

export function num(n: number): string {
  return n.toLocaleString('en-US');
}

export const SEGMENT_ORDER = ['advocate', 'potential', 'passive', 'misaligned'] as const;

export const SEGMENT_MEANING: Record<(typeof SEGMENT_ORDER)[number], string> = {
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
