import { clip, escapeControl } from '../safe-text.js';
import type { Agreement } from './agreement.js';
import type { LabelProblem } from './labels.js';
import type { LearnResult, Proposal } from './learn.js';

export interface UnusedLabels {
  notInExport: string[];
  excluded: string[];
  problems: LabelProblem[];
}

const show = (text: string, max = 40) => clip(escapeControl(text), max);
const pct = (n: number | null) => (n === null ? '–' : `${Math.round(n * 100)}%`);

/** The terminal view of `kindred learn`. */
export function renderLearn(r: LearnResult, unused: UnusedLabels, written: string | undefined): string {
  const lines: string[] = [];
  lines.push(`Agreement of the values file with ${r.people} labelled people: ${r.current.agreed} of ${r.people} (${pct(r.current.share)})`);
  lines.push(...agreementTable(r.current));
  lines.push('');
  lines.push(`Disagreements (${r.disagreements.length})`);
  for (const d of r.disagreements) {
    lines.push(`  @${show(d.handle)}: labelled ${d.label}, audit says ${d.predicted} (${d.segment}: ${d.ruleText})`);
    for (const reason of d.reasons) lines.push(`      ${show(reason, 100)}`);
  }
  lines.push('');
  const kept = r.proposals.filter((p) => p.kept);
  lines.push(`Proposals (${r.proposals.length}; ${kept.length} held up on people they were not learned from, marked +)`);
  for (const p of r.proposals) lines.push(...proposalLines(p));
  if (r.proposals.length === 0) lines.push('  (none)');
  if (r.noRedFlagTarget) lines.push('  No red-flag terms proposed: the values file has no conflict red flag to add them to (name one in redFlags first).');
  lines.push('');
  const b = r.heldOut.before;
  const a = r.heldOut.after;
  lines.push(`Held-out agreement (${r.thresholds.folds}-fold cross-validation: each person judged by what was learned without them)`);
  lines.push(`  current file ${b.agreed} of ${b.people} (${pct(b.share)}), balanced ${pct(b.balanced)}`);
  lines.push(`  learned      ${a.agreed} of ${a.people} (${pct(a.share)}), balanced ${pct(a.balanced)}`);
  lines.push(
    `Thresholds: a word used by at least ${r.thresholds.minPeople} labelled people (--min-people), ${pct(r.thresholds.minShare)} of them with one label (--min-share); written when it moved at least ${r.thresholds.minHeldOutGain} more held-out people right than wrong (--min-gain)`,
  );
  const u = unused;
  if (u.notInExport.length || u.excluded.length || u.problems.length) {
    lines.push('');
    lines.push('Labels not used');
    if (u.notInExport.length) lines.push(`  not in the export (${u.notInExport.length}): ${u.notInExport.slice(0, 20).map((h) => show(h)).join(', ')}${u.notInExport.length > 20 ? ', …' : ''}`);
    if (u.excluded.length) lines.push(`  excluded by overrides.exclude (${u.excluded.length}): ${u.excluded.slice(0, 20).map((h) => show(h)).join(', ')}`);
    for (const p of u.problems.slice(0, 20)) lines.push(`  line ${p.line}: ${p.code}${p.text ? ` "${show(p.text)}"` : ''}`);
    if (u.problems.length > 20) lines.push(`  … and ${u.problems.length - 20} more rows`);
  }
  if (written) lines.push('', `Wrote ${show(written, 200)} with the ${kept.length === 1 ? 'proposal' : `${kept.length} proposals`} that held up. Your values file was not changed.`);
  return `${lines.join('\n')}\n`;
}

function agreementTable(a: Agreement): string[] {
  const rows = [['label', 'labelled', 'audit says', 'both', 'precision', 'recall']];
  for (const l of a.perLabel) rows.push([l.label, `${l.labelled}`, `${l.predicted}`, `${l.agreed}`, pct(l.precision), pct(l.recall)]);
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => `  ${r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ')}`);
}

function proposalLines(p: Proposal): string[] {
  const c = p.change;
  const what =
    c.kind === 'add-value-term'
      ? `add "${c.term}" to value "${show(c.value)}"`
      : c.kind === 'add-red-flag-term'
        ? `add "${c.term}" to red flag "${show(c.redFlag)}"`
        : c.kind === 'drop-value-term'
          ? `drop "${show(c.term)}" from value "${show(c.value)}"`
          : `drop "${show(c.term)}" from red flag "${show(c.redFlag)}"`;
  const u = p.usedBy;
  const out = [
    `  ${p.kept ? '+' : ' '} ${what}`,
    `      used by ${u.aligned} aligned, ${u.opposed} opposed, ${u.neutral} neutral; moves ${p.movesRight.length} right, ${p.movesWrong.length} wrong; held out: ${p.heldOut.right} right, ${p.heldOut.wrong} wrong${p.kept ? '' : ' (not written)'}`,
  ];
  if (p.movesRight.length) out.push(`      right: ${p.movesRight.slice(0, 6).map((h) => `@${show(h, 30)}`).join(', ')}${p.movesRight.length > 6 ? ', …' : ''}`);
  if (p.movesWrong.length) out.push(`      wrong: ${p.movesWrong.slice(0, 6).map((h) => `@${show(h, 30)}`).join(', ')}${p.movesWrong.length > 6 ? ', …' : ''}`);
  return out;
}
