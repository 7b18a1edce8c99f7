import { classify } from '../classify.js';
import { textsFor } from '../scoring/alignment.js';
import { TermMatcher } from '../text/matcher.js';
import { compileValues } from '../values/compile.js';
import type { ValuesFile } from '../values/schema.js';
import { predictedLabel } from './agreement.js';
import type { Label } from './labels.js';
import { type Candidate, type MiningThresholds, mineCandidates } from './mine.js';
import type { LabelledPerson } from './people.js';

/** One change to the values file. Targets are always names the user wrote. */
export type Change =
  | { kind: 'add-value-term'; value: string; term: string }
  | { kind: 'add-red-flag-term'; redFlag: string; term: string }
  | { kind: 'drop-value-term'; value: string; term: string }
  | { kind: 'drop-red-flag-term'; redFlag: string; term: string };

export interface LearnThresholds extends MiningThresholds {
  /** Among the people who use a word, the share with the label it is proposed for (default 0.6). */
  minShare: number;
  /** Parts the labels are split into for cross-validation (default 5). */
  folds: number;
  /**
   * A proposal is written only when, on people it was not learned from, it
   * moved at least this many more right than wrong (default 2), having been
   * learned again in most folds: one lucky person is not evidence.
   */
  minHeldOutGain: number;
}

export const DEFAULT_LEARN: LearnThresholds = { minPeople: 3, minLength: 3, minShare: 0.6, folds: 5, minHeldOutGain: 2 };

export function changeKey(c: Change): string {
  return `${c.kind}\u0000${'value' in c ? c.value : c.redFlag}\u0000${c.term}`;
}

/** A copy of the values file with the changes made. */
export function applyChanges(file: ValuesFile, changes: readonly Change[]): ValuesFile {
  const values = file.values.map((v) => ({ ...v, terms: [...v.terms] }));
  const redFlags = file.redFlags.map((f) => ({ ...f, terms: [...f.terms] }));
  for (const c of changes) {
    if (c.kind === 'add-value-term') values.find((v) => v.name === c.value)?.terms.push(c.term);
    else if (c.kind === 'add-red-flag-term') redFlags.find((f) => f.name === c.redFlag)?.terms.push(c.term);
    else {
      const owner = c.kind === 'drop-value-term' ? values.find((v) => v.name === c.value) : redFlags.find((f) => f.name === c.redFlag);
      if (owner && owner.terms.length > 1) owner.terms = owner.terms.filter((t) => t !== c.term);
    }
  }
  return { ...file, values, redFlags };
}

/** How a change moves labelled people: to the user's label, or away from it. */
export interface Moves {
  right: number[];
  wrong: number[];
}

/** Re-classifies `who` with the changed file and compares each with the original verdict. */
export function movesOf(people: readonly LabelledPerson[], who: Iterable<number>, file: ValuesFile, asOf: Date): Moves {
  const cv = compileValues(file);
  const moves: Moves = { right: [], wrong: [] };
  for (const i of who) {
    const p = people[i]!;
    const before = predictedLabel(p.before);
    const after = predictedLabel(classify(p.follower, { values: cv, asOf }));
    if (before === after) continue;
    if (after === p.label) moves.right.push(i);
    else if (before === p.label) moves.wrong.push(i);
  }
  return moves;
}

/**
 * Changes worth trying on these people: words one label uses far more than
 * the others (added to the value or red flag their users already match most),
 * and terms of the file whose matches land mostly on people labelled otherwise.
 */
export function candidateChanges(
  people: readonly LabelledPerson[],
  scope: readonly number[],
  file: ValuesFile,
  t: LearnThresholds,
): { change: Change; affected: number[] }[] {
  const subset = scope.map((i) => people[i]!);
  const out: { change: Change; affected: number[] }[] = [];
  const existing = compileValues(file).matcher;
  for (const cand of mineCandidates(subset, file, t)) {
    if (alreadyMatched(existing, cand.term)) continue;
    const affected = cand.people.map((k) => scope[k]!);
    const share = (label: Label) => affected.filter((i) => people[i]!.label === label).length / affected.length;
    // Every value (or conflict red flag) is tried; the one its users already
    // match most first, so it wins a tie (see selectChanges).
    if (share('aligned') >= t.minShare) {
      for (const value of byVotes(file.values.map((v) => v.name), valueVotes(people, affected))) {
        out.push({ change: { kind: 'add-value-term', value, term: cand.term }, affected });
      }
    } else if (share('opposed') >= t.minShare) {
      const conflictFlags = file.redFlags.filter((f) => f.kind === 'conflict').map((f) => f.name);
      for (const redFlag of byVotes(conflictFlags, redFlagVotes(people, affected))) {
        out.push({ change: { kind: 'add-red-flag-term', redFlag, term: cand.term }, affected });
      }
    }
  }
  out.push(...dropCandidates(people, scope, file, t));
  return out;
}

/** Whether the values file already matches the word (as a term, a prefix or a part of a phrase it lists). */
function alreadyMatched(matcher: TermMatcher<unknown>, term: string): boolean {
  return matcher.match(term).some((m) => m.start === 0);
}

/** How many of the word's aligned users each value already matches. */
function valueVotes(people: readonly LabelledPerson[], affected: readonly number[]): Map<string, number> {
  const votes = new Map<string, number>();
  for (const i of affected) {
    const p = people[i]!;
    if (p.label === 'aligned') for (const v of p.before.alignment.values) votes.set(v.name, (votes.get(v.name) ?? 0) + 1);
  }
  return votes;
}

/**
 * How many of the word's opposed users each red flag already matches. Only
 * the user's own conflict red flags are ever targets: a file with none gets no
 * red-flag proposals (the name of a new red flag is the user's to choose).
 */
function redFlagVotes(people: readonly LabelledPerson[], affected: readonly number[]): Map<string, number> {
  const votes = new Map<string, number>();
  for (const i of affected) {
    const p = people[i]!;
    if (p.label !== 'opposed') continue;
    for (const c of p.before.alignment.conflicts) if (c.source === 'redFlag' && c.kind === 'conflict') votes.set(c.name, (votes.get(c.name) ?? 0) + 1);
  }
  return votes;
}

/** Names, most voted first; file order among equals. */
function byVotes(names: readonly string[], votes: Map<string, number>): string[] {
  return [...new Set(names)].map((name, order) => ({ name, order, n: votes.get(name) ?? 0 })).sort((a, b) => b.n - a.n || a.order - b.order).map((x) => x.name);
}

/** Terms of the file that match mostly people labelled otherwise than the term would put them. */
function dropCandidates(
  people: readonly LabelledPerson[],
  scope: readonly number[],
  file: ValuesFile,
  t: LearnThresholds,
): { change: Change; affected: number[] }[] {
  const specs = [
    ...file.values.flatMap((v) => (v.terms.length > 1 ? v.terms.map((term) => ({ term, owner: v.name, kind: 'drop-value-term' as const, wants: 'aligned' as Label })) : [])),
    ...file.redFlags.flatMap((f) =>
      f.kind === 'conflict' && f.terms.length > 1 ? f.terms.map((term) => ({ term, owner: f.name, kind: 'drop-red-flag-term' as const, wants: 'opposed' as Label })) : [],
    ),
  ];
  if (specs.length === 0) return [];
  const matcher = new TermMatcher(
    specs.map((s, index) => ({ text: s.term, tag: index })),
    { negators: file.scoring.negators, hostileNegators: file.scoring.hostileNegators },
  );
  const users = specs.map(() => new Set<number>());
  for (const i of scope) {
    for (const text of textsFor(people[i]!.follower, 'value')) {
      for (const m of matcher.match(text)) if (m.polarity === 'support') users[m.tag]!.add(i);
    }
  }
  return specs.flatMap((s, k) => {
    const affected = [...users[k]!].sort((a, b) => a - b);
    if (affected.length < t.minPeople) return [];
    const misread = affected.filter((i) => people[i]!.label !== s.wants).length / affected.length;
    if (misread < t.minShare) return [];
    const change: Change = s.kind === 'drop-value-term' ? { kind: s.kind, value: s.owner, term: s.term } : { kind: s.kind, redFlag: s.owner, term: s.term };
    return [{ change, affected }];
  });
}

/**
 * The changes that move more of these people right than wrong. Tried best
 * first (among equals: the one used by more people, then the longer, more
 * specific term), each on top of those already chosen, so a word that only
 * repeats what a chosen one already does ("flat" after "tiny flat") is left out.
 */
export function selectChanges(people: readonly LabelledPerson[], scope: readonly number[], file: ValuesFile, asOf: Date, t: LearnThresholds): Change[] {
  const tried = candidateChanges(people, scope, file, t).map((c) => {
    const m = movesOf(people, c.affected, applyChanges(file, [c.change]), asOf);
    return { ...c, gain: m.right.length - m.wrong.length };
  });
  tried.sort((a, b) => b.gain - a.gain || b.affected.length - a.affected.length || b.change.term.length - a.change.term.length || (a.change.term < b.change.term ? -1 : a.change.term > b.change.term ? 1 : 0));
  const chosen: Change[] = [];
  const current = new Map<number, Label>();
  const labelNow = (i: number) => current.get(i) ?? predictedLabel(people[i]!.before);
  for (const c of tried) {
    if (c.gain <= 0) break;
    const cv = compileValues(applyChanges(file, [...chosen, c.change]));
    const after = c.affected.map((i) => [i, predictedLabel(classify(people[i]!.follower, { values: cv, asOf }))] as const);
    let gain = 0;
    for (const [i, label] of after) gain += (label === people[i]!.label ? 1 : 0) - (labelNow(i) === people[i]!.label ? 1 : 0);
    if (gain <= 0) continue;
    chosen.push(c.change);
    for (const [i, label] of after) current.set(i, label);
  }
  return chosen;
}

/** Fold of each person: every `folds`-th person in label-file order, so every fold mixes the file evenly. */
export function foldsOf(count: number, folds: number): number[][] {
  const k = Math.max(2, Math.min(folds, count));
  const out: number[][] = Array.from({ length: k }, () => []);
  for (let i = 0; i < count; i++) out[i % k]!.push(i);
  return out;
}

export interface CrossValidation {
  /** Per change (changeKey): people it moved right and wrong among those it was not mined from, summed over folds. */
  heldOut: Map<string, { right: number; wrong: number; folds: number }>;
  /** Every person's label under the changes learned without them, and under the original file. */
  predictions: { truth: Label; before: Label; after: Label }[];
}

/**
 * k-fold cross-validation inside the labels: changes are mined and selected
 * on k-1 folds and judged on the fold left out, so what is kept has worked on
 * people it was not learned from.
 */
export function crossValidate(people: readonly LabelledPerson[], file: ValuesFile, asOf: Date, t: LearnThresholds): CrossValidation {
  const heldOut: CrossValidation['heldOut'] = new Map();
  const predictions: CrossValidation['predictions'] = people.map((p) => ({ truth: p.label, before: predictedLabel(p.before), after: predictedLabel(p.before) }));
  const folds = foldsOf(people.length, t.folds);
  for (const test of folds) {
    const inTest = new Set(test);
    const train = people.map((_, i) => i).filter((i) => !inTest.has(i));
    const chosen = selectChanges(people, train, file, asOf, t);
    for (const change of chosen) {
      const m = movesOf(people, test, applyChanges(file, [change]), asOf);
      const key = changeKey(change);
      const h = heldOut.get(key) ?? { right: 0, wrong: 0, folds: 0 };
      h.right += m.right.length;
      h.wrong += m.wrong.length;
      h.folds++;
      heldOut.set(key, h);
    }
    const learned = compileValues(applyChanges(file, chosen));
    for (const i of test) predictions[i]!.after = predictedLabel(classify(people[i]!.follower, { values: learned, asOf }));
  }
  return { heldOut, predictions };
}

export type { Candidate };
