import { classify } from '../classify.js';
import { RULES, type Rule } from '../decision-table.js';
import { reasonsFor } from '../report/reasons.js';
import { textsFor } from '../scoring/alignment.js';
import { TermMatcher } from '../text/matcher.js';
import { compileValues } from '../values/compile.js';
import type { ValuesFile } from '../values/schema.js';
import { type Agreement, measureAgreement, predictedLabel } from './agreement.js';
import type { Label } from './labels.js';
import type { LabelledPerson } from './people.js';
import { applyChanges, type Change, changeKey, crossValidate, foldsOf, type LearnThresholds, movesOf, selectChanges } from './proposals.js';

export interface Disagreement {
  handle: string;
  label: Label;
  predicted: Label;
  segment: string;
  rule: Rule;
  ruleText: string;
  /** explain's reasons: which term, which rule. */
  reasons: string[];
}

export interface Proposal {
  change: Change;
  /** Labelled people whose words it was mined from (who use the term), per label. */
  usedBy: Record<Label, number>;
  /** Labelled people it moves to their label, and away from it (all labelled people, this change alone). */
  movesRight: string[];
  movesWrong: string[];
  /** The same, counted only on people it was not mined from (cross-validation). */
  heldOut: { right: number; wrong: number; folds: number };
  /** Whether --write includes it: learned in most folds, and it moved at least minHeldOutGain more people right than wrong where it was not learned. */
  kept: boolean;
}

export interface LearnResult {
  people: number;
  thresholds: LearnThresholds;
  /** The values file as it is, against every labelled person. */
  current: Agreement;
  disagreements: Disagreement[];
  proposals: Proposal[];
  /** Held-out agreement (cross-validated): each person judged by changes learned without them. */
  heldOut: { before: Agreement; after: Agreement };
  /** The file with the kept proposals, against every labelled person (in-sample: optimistic). */
  learned: Agreement;
  /** True when the values file has no conflict red flag, so no red-flag terms could be proposed. */
  noRedFlagTarget: boolean;
}

/** Measures a values file against labelled people and learns changes from their words. */
export function learnFromLabels(people: readonly LabelledPerson[], file: ValuesFile, asOf: Date, t: LearnThresholds): LearnResult {
  const all = people.map((_, i) => i);
  const current = measureAgreement(people.map((p) => ({ truth: p.label, predicted: predictedLabel(p.before) })));
  const disagreements = people.flatMap((p): Disagreement[] => {
    const predicted = predictedLabel(p.before);
    if (predicted === p.label) return [];
    const c = p.before;
    return [{ handle: p.follower.handle, label: p.label, predicted, segment: c.segment, rule: c.rule, ruleText: RULES[c.rule], reasons: reasonsFor(c, file.scoring.windowDays) }];
  });
  const cv = crossValidate(people, file, asOf, t);
  const foldCount = foldsOf(people.length, t.folds).length;
  const proposals = selectChanges(people, all, file, asOf, t).map((change): Proposal => {
    const changed = applyChanges(file, [change]);
    const m = movesOf(people, all, changed, asOf);
    const heldOut = cv.heldOut.get(changeKey(change)) ?? { right: 0, wrong: 0, folds: 0 };
    return {
      change,
      usedBy: usedBy(people, change, file),
      movesRight: m.right.map((i) => people[i]!.follower.handle),
      movesWrong: m.wrong.map((i) => people[i]!.follower.handle),
      heldOut,
      kept: heldOut.right - heldOut.wrong >= t.minHeldOutGain && heldOut.folds * 2 > foldCount,
    };
  });
  proposals.sort((a, b) => b.heldOut.right - b.heldOut.wrong - (a.heldOut.right - a.heldOut.wrong) || a.change.term.localeCompare(b.change.term));
  const learnedFile = applyChanges(
    file,
    proposals.filter((p) => p.kept).map((p) => p.change),
  );
  const compiled = compileValues(learnedFile);
  const learned = measureAgreement(people.map((p) => ({ truth: p.label, predicted: predictedLabel(classify(p.follower, { values: compiled, asOf })) })));
  return {
    people: people.length,
    thresholds: t,
    current,
    disagreements,
    proposals,
    heldOut: {
      before: measureAgreement(cv.predictions.map((p) => ({ truth: p.truth, predicted: p.before }))),
      after: measureAgreement(cv.predictions.map((p) => ({ truth: p.truth, predicted: p.after }))),
    },
    learned,
    noRedFlagTarget: !file.redFlags.some((f) => f.kind === 'conflict'),
  };
}

/** The changes --write makes. */
export function keptChanges(result: LearnResult): Change[] {
  return result.proposals.filter((p) => p.kept).map((p) => p.change);
}


/** Labelled people, per label, whose words the term is read in as support by the audit's matcher. */
function usedBy(people: readonly LabelledPerson[], change: Change, file: ValuesFile): Record<Label, number> {
  const matcher = new TermMatcher([{ text: change.term, tag: 0 }], { negators: file.scoring.negators, hostileNegators: file.scoring.hostileNegators });
  const out: Record<Label, number> = { aligned: 0, opposed: 0, neutral: 0 };
  for (const p of people) {
    const uses = textsFor(p.follower, 'value').some((text) => matcher.match(text).some((m) => m.polarity === 'support'));
    if (uses) out[p.label]++;
  }
  return out;
}
