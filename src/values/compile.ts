import { handleKey } from '../handles.js';
import { SPAM_PHRASES } from '../scoring/authenticity-model.js';
import { TermMatcher } from '../text/matcher.js';
import type { Scoring, SegmentName, ValuesFile } from './schema.js';

/** What a matched term stands for. */
export type TermTag =
  | { kind: 'value'; index: number }
  | { kind: 'ideal' }
  | { kind: 'location' }
  | { kind: 'redFlag'; index: number }
  /** A built-in phrase of follow-for-follow accounts, for the authenticity check. */
  | { kind: 'spamPhrase' };

/** A values file made ready for scoring millions of rows: one matcher, folded handles. */
export interface CompiledValues {
  file: ValuesFile;
  matcher: TermMatcher<TermTag>;
  scoring: Scoring;
  excluded: Set<string>;
  segmentOverrides: Map<string, SegmentName>;
  hasIdealCustomer: boolean;
  /** For each red flag, the index of the value it opposes (redFlags[i].opposes), if any. */
  opposes: (number | undefined)[];
}

export function compileValues(file: ValuesFile): CompiledValues {
  const specs: { text: string; tag: TermTag }[] = [];
  file.values.forEach((v, index) => {
    for (const text of v.terms) specs.push({ text, tag: { kind: 'value', index } });
  });
  for (const text of file.idealCustomer?.terms ?? []) specs.push({ text, tag: { kind: 'ideal' } });
  for (const text of file.idealCustomer?.locations ?? []) specs.push({ text, tag: { kind: 'location' } });
  file.redFlags.forEach((f, index) => {
    for (const text of f.terms) specs.push({ text, tag: { kind: 'redFlag', index } });
  });
  // In the same matcher so a bio is folded and walked once for both jobs.
  for (const text of SPAM_PHRASES) specs.push({ text, tag: { kind: 'spamPhrase' } });
  const matcher = new TermMatcher(specs, {
    negators: file.scoring.negators,
    hostileNegators: file.scoring.hostileNegators,
  });
  const excluded = new Set<string>();
  for (const h of file.overrides.exclude) {
    const key = handleKey(h);
    if (key) excluded.add(key);
  }
  const segmentOverrides = new Map<string, SegmentName>();
  for (const [h, segment] of Object.entries(file.overrides.segment)) {
    const key = handleKey(h);
    if (key) segmentOverrides.set(key, segment);
  }
  const ideal = file.idealCustomer;
  return {
    file,
    matcher,
    scoring: file.scoring,
    excluded,
    segmentOverrides,
    hasIdealCustomer: !!ideal && ideal.terms.length + ideal.locations.length > 0,
    opposes: file.redFlags.map((f) => {
      if (!f.opposes) return undefined;
      const name = f.opposes.toLowerCase();
      const index = file.values.findIndex((v) => v.name.toLowerCase() === name);
      return index < 0 ? undefined : index;
    }),
  };
}
