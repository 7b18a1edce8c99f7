import type { Classified } from '../classify.js';
import type { Rule } from '../decision-table.js';
import { LABELS, type Label, labelOf } from './labels.js';

/**
 * The label the audit gives a follower, read from the rule that decided it:
 * a conflict, spam or likely-fake account is opposed; a values match is
 * aligned; engagement alone says nothing about values, so it is neutral, as is
 * no signal at all. An override keeps the segment the user chose.
 */
const RULE_LABEL: Record<Exclude<Rule, 'override'>, Label> = {
  suspect: 'opposed',
  spam: 'opposed',
  conflict: 'opposed',
  'aligned-engaged': 'aligned',
  'aligned-quiet': 'aligned',
  'engaged-unaligned': 'neutral',
  'no-signal': 'neutral',
};

export function predictedLabel(c: Pick<Classified, 'rule' | 'segment'>): Label {
  return c.rule === 'override' ? labelOf(c.segment)! : RULE_LABEL[c.rule];
}

export interface LabelAgreement {
  label: Label;
  /** People labelled so by the user. */
  labelled: number;
  /** People the values file gives this label. */
  predicted: number;
  /** Both. */
  agreed: number;
  /** agreed / predicted, null when nothing was predicted. */
  precision: number | null;
  /** agreed / labelled, null when nobody was labelled so. */
  recall: number | null;
}

export interface Agreement {
  people: number;
  agreed: number;
  /** agreed / people: the share of labelled people the values file puts where the user did. */
  share: number | null;
  /** The mean of the labels' recalls (labels nobody has are left out): a file that calls everyone neutral scores low even when most are. */
  balanced: number | null;
  perLabel: LabelAgreement[];
}

/** How far the audit's labels agree with the user's, per label. */
export function measureAgreement(pairs: Iterable<{ truth: Label; predicted: Label }>): Agreement {
  const count = (l: Label) => ({ label: l, labelled: 0, predicted: 0, agreed: 0 });
  const tally = new Map(LABELS.map((l) => [l, count(l)]));
  let people = 0;
  let agreed = 0;
  for (const { truth, predicted } of pairs) {
    people++;
    tally.get(truth)!.labelled++;
    tally.get(predicted)!.predicted++;
    if (truth === predicted) {
      agreed++;
      tally.get(truth)!.agreed++;
    }
  }
  const perLabel = [...tally.values()].map((t) => ({
    ...t,
    precision: t.predicted ? round3(t.agreed / t.predicted) : null,
    recall: t.labelled ? round3(t.agreed / t.labelled) : null,
  }));
  const recalls = perLabel.flatMap((l) => (l.recall === null ? [] : [l.agreed / l.labelled]));
  return {
    people,
    agreed,
    share: people ? round3(agreed / people) : null,
    balanced: recalls.length ? round3(recalls.reduce((a, b) => a + b, 0) / recalls.length) : null,
    perLabel,
  };
}

function round3(n: number): number {
  return Math.round(n * 1000) / 1000;
}
