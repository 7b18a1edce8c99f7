import type { ChalkInstance } from 'chalk';
import { clip, escapeControl } from '../../safe-text.js';
import { columns } from '../../terminal/columns.js';
import { clipWidth, displayWidth, layoutWidth, padStart, wrap } from '../../terminal/wrap.js';
import type { FollowerSummary, Report } from '../model.js';
import {
  baseName,
  DISSENT_NOTE,
  DIVERSITY_NOTE,
  DOMINANT_NOTE,
  dec,
  effectiveDefinition,
  evidenceBreakdown,
  GROUP_THINK_CODES,
  groupThinkSummary,
  interactionsSummary,
  LIST_ORDER,
  LIST_TITLES,
  type ListKey,
  listDetail,
  listDetailHeading,
  listScore,
  listTotal,
  mentionReachLine,
  num,
  OVERLAP_NOTE,
  pct,
  plural,
  qualityArithmetic,
  riskLabel,
  SEGMENT_ORDER,
  scoreText,
  segmentBreakdowns,
  unexpressedCallout,
} from './format.js';

export interface TableOptions {
  /** Colour is injected: a chalk instance at level 0 gives plain text. */
  chalk: ChalkInstance;
  /** Terminal width (absent when not a terminal: 80); the report uses it between 60 and 120 columns. */
  width?: number;
}

const BAR = 20;
const VALUE_BAR = 10;

/**
 * The terminal report: sections with headings, block-character bars, the
 * terminal's width (80 when not a terminal). Tables and wrapping measure
 * display columns (src/terminal/layout.ts). Every piece of data text goes through clip/escapeControl, so a
 * bio holding an ANSI escape is shown escaped, never executed.
 */
export function renderTable(report: Report, options: TableOptions): string {
  const c = options.chalk;
  const width = layoutWidth(options.width);
  const out: string[] = [];
  const heading = (title: string) => {
    out.push('');
    out.push(c.bold.underline(title));
  };
  const segColour: Record<string, (s: string) => string> = {
    advocate: c.green,
    potential: c.cyan,
    passive: c.gray,
    misaligned: c.red,
  };
  const bar = (share: number, cells: number, colour: (s: string) => string) => {
    const filled = Math.min(cells, Math.round(share * cells));
    return colour('█'.repeat(filled)) + c.gray('░'.repeat(cells - filled));
  };

  out.push(c.bold(`kindred · ${clip(report.brand, 40)}`) + c.dim(` · as of ${report.asOf}`));
  if (report.promise) out.push(c.dim(wrap(`“${clip(report.promise, 300)}”`, width).join('\n')));

  // Headline: how big the real community is.
  const t = report.totals;
  const q = report.quality;
  heading(`Your community: quality score ${scoreText(report)}`);
  out.push(`  ${plural(t.rowsRead, 'row')} read · ${plural(t.classified, 'follower')} classified · ${num(t.skipped)} skipped`);
  out.push('');
  for (const name of SEGMENT_ORDER) {
    const s = report.segments[name];
    out.push(`  ${name.padEnd(11)}${bar(s.share, BAR, segColour[name]!)} ${num(s.count).padStart(7)} ${pct(s.share).padStart(6)}`);
  }
  const seg = report.segments;
  out.push('');
  for (const line of segmentBreakdowns(report)) out.push(...wrap(line, width - 4).map((l, i) => c.dim(`  ${i ? '  ' : ''}${l}`)));
  out.push('');
  out.push(`  Effective community ${c.bold(num(q.effectiveCommunity))} of ${plural(t.classified, 'follower')} (${pct(q.effectiveShare)})`);
  out.push(c.dim(`    = ${effectiveDefinition(report)}; raw size does not count`));
  if (q.score === null) {
    out.push(`  Quality score ${c.bold(c.yellow(scoreText(report)))}`);
    out.push(...wrap(qualityArithmetic(report), width - 4).map((l) => c.dim(`    ${l}`)));
  } else {
    out.push(`  Quality score ${c.bold(`${q.score}/100`)}  ${bar(q.score / 100, BAR, c.green)}`);
    out.push(c.dim(`    ${qualityArithmetic(report)}`));
    out.push(c.dim(`    = 100 × min(1, effective share ÷ target) × (1 − misaligned share)`));
  }

  // Which values the community holds.
  heading('Value resonance');
  const nameWidth = Math.min(24, Math.max(10, ...report.values.map((v) => displayWidth(escapeControl(v.name)))));
  out.push(c.dim(`  ${OVERLAP_NOTE}`));
  out.push(
    ...columns(
      [
        [c.dim('value'), c.dim('followers'), '', '', c.dim(`advocates (${num(seg.advocate.count)})`)],
        ...report.values.map((v) => [
          clipWidth(escapeControl(v.name), nameWidth),
          bar(v.share, VALUE_BAR, c.green),
          num(v.followers),
          pct(v.share),
          `${padStart(num(v.advocates), 5)} ${padStart(pct(v.advocateShare), 6)}`,
        ]),
      ],
      [{ width: nameWidth, gap: 2 }, { width: VALUE_BAR }, { width: 6, align: 'right' }, { width: 6, align: 'right', gap: 3 }, { width: 16 }],
    ),
  );
  if (unexpressedCallout(report).length) {
    out.push(c.yellow(`  ! nobody expresses: ${unexpressedCallout(report).map((v) => `"${clip(v, 30)}"`).join(', ')}`));
  }

  // Whether the ideal customer is reached, by segment.
  const ic = report.idealCustomer;
  if (ic.defined) {
    heading(`Ideal-customer fit: ${plural(ic.fit, 'follower')} (${pct(ic.share)})`);
    out.push(
      ...columns(
        SEGMENT_ORDER.map((name) => [name, bar(ic.bySegmentShare[name], VALUE_BAR, segColour[name]!), num(ic.bySegment[name]), 'of', num(seg[name].count), pct(ic.bySegmentShare[name])]),
        [{ width: 10 }, { width: VALUE_BAR }, { width: 6, align: 'right' }, { width: 2 }, { width: 7 }, { width: 6, align: 'right' }],
      ),
    );
  } else {
    heading('Ideal-customer fit');
    out.push(c.dim('  not defined: add idealCustomer.terms to the values file to measure it'));
  }

  // Group-think: concentration on one value, and dissent.
  const g = report.groupThink;
  heading(`Group-think risk: ${riskLabel(report)}`);
  out.push(`  value diversity  ${g.diversity === null ? 'n/a' : g.diversity.toFixed(2)}`);
  out.push(c.dim(`    ${DIVERSITY_NOTE}`));
  if (g.dominantValue) {
    out.push(`  top value        "${clip(g.dominantValue, 30)}", held by ${pct(g.dominantShare)} of ${num(g.alignedFollowers)} aligned;`);
    out.push(`                   ${pct(g.dominantMentionShare)} of the values they express`);
    out.push(c.dim(`    ${DOMINANT_NOTE}`));
  }
  out.push(
    g.notMeasurable
      ? `  dissent          n/a: ${g.notMeasurable}, and conflicts are read in profile text`
      : `  dissent          ${plural(g.dissenters, 'dissenter')}, ${pct(g.dissentShare)} of engaged followers`,
  );
  out.push(c.dim(`    ${DISSENT_NOTE}`));
  out.push(`  ${groupThinkSummary(report)}`);
  for (const f of report.findings.filter((x) => GROUP_THINK_CODES.has(x.code))) out.push(...finding(f, width, c));

  // Who to act on.
  for (const key of LIST_ORDER) {
    const list = report.lists[key];
    if (list.length === 0) continue;
    heading(`${LIST_TITLES[key]}: top ${list.length} of ${num(listTotal(report, key))}`);
    out.push(...followerTable(list, key, width, c));
  }

  // Data quality: what was read, what was missing, what was skipped.
  heading('Data quality');
  for (const i of report.inputs) {
    out.push(`  ${clipStart(i.file, width - 4)}`);
    out.push(`    ${clip(i.formatLabel, 40)}: ${plural(i.rowsRead, 'row')}, ${num(i.classified)} classified, ${num(i.skipped)} skipped`);
    out.push(...wrap(`fields: ${i.fields.map((f) => clip(f, 30)).join(', ') || 'none'}`, width - 6).map((l, n) => `    ${n ? '  ' : ''}${l}`));
    if (i.unusedColumns.length) {
      out.push(...wrap(`not used: ${i.unusedColumns.map((f) => `"${clip(f, 30)}"`).join(', ')}`, width - 6).map((l, n) => c.dim(`    ${n ? '  ' : ''}${l}`)));
    }
    for (const m of i.missing) out.push(...wrap(`missing ${m.meaning}`, width - 6).map((l, n) => c.dim(`    ${n ? '  ' : ''}${l}`)));
  }
  for (const i of report.interactions) {
    out.push(`  ${clipStart(i.file, width - 4)}`);
    out.push(...wrap(`interactions: ${interactionsSummary(i)}`, width - 6).map((l, n) => `    ${n ? '  ' : ''}${l}`));
    for (const s of i.skippedSamples) {
      out.push(c.dim(`    ${clipStart(baseName(s.file), 20)}:${s.line} ${s.code}${s.detail ? ` ${clip(s.detail, 40)}` : ''}`));
    }
  }
  out.push(...wrap(evidenceBreakdown(report), width - 4).map((l, i) => `  ${i ? '  ' : ''}${l}`));
  const reach = mentionReachLine(report);
  if (reach) out.push(...wrap(reach, width - 4).map((l, i) => `  ${i ? '  ' : ''}${l}`));
  if (!report.dataQuality.engagementAvailable) out.push(c.yellow('  ! no engagement data: nobody can be counted as engaged'));
  const skipped = Object.entries(report.dataQuality.skippedByCode);
  if (skipped.length) out.push(`  skipped: ${skipped.map(([code, n]) => `${clip(code, 30)} ${num(n)}`).join(', ')}`);
  for (const s of report.dataQuality.skippedSamples.slice(0, 5)) {
    out.push(c.dim(`    ${clipStart(baseName(s.file), 20)}:${s.line} ${s.code}${s.detail ? ` ${clip(s.detail, 40)}` : ''}`));
  }
  for (const w of report.dataQuality.warnings) {
    const sample = w.samples[0];
    out.push(`  ${clip(w.code, 24)} in ${clip(w.field, 20)}: ${num(w.count)} row${w.count === 1 ? '' : 's'}`);
    if (sample) out.push(c.dim(`    e.g. line ${sample.line}: "${clip(sample.value, 40)}"`));
  }

  const notes = report.findings.filter((x) => !GROUP_THINK_CODES.has(x.code));
  if (notes.length) {
    heading('What this means');
    for (const f of notes) out.push(...finding(f, width, c));
  }
  out.push('');
  out.push(c.dim('  Why this segment? kindred explain <export> --values FILE <handle>'));
  return `${out.flatMap((l) => fitWidth(l, width)).join('\n')}\n`;
}

const HANDLE = 20;
const NAME = 16;
const SCORE = 10;

/** One row per follower under a dim header; a long detail (several values) wraps under its own column. */
function followerTable(list: FollowerSummary[], key: ListKey, width: number, c: ChalkInstance): string[] {
  const used = 2 + HANDLE + 1 + NAME + 1 + SCORE + 2;
  const rows = list.map((f) => [
    clipWidth(escapeControl(`@${f.handle}`), HANDLE),
    c.dim(clipWidth(escapeControl(f.name ?? ''), NAME)),
    dec(f[listScore(key)]),
    clip(listDetail(f, key), 200),
  ]);
  const head = [c.dim('handle'), c.dim('name'), c.dim(listScore(key)), c.dim(listDetailHeading(key))];
  return columns([head, ...rows], [{ width: HANDLE }, { width: NAME }, { width: SCORE, align: 'right', gap: 2 }, { width: Math.max(8, width - used), wrap: true }]);
}

function finding(f: Report['findings'][number], width: number, c: ChalkInstance): string[] {
  // Wrapped before colour: the mark is coloured, the message plain.
  const mark = f.severity === 'warning' ? c.yellow('!') : c.cyan('i');
  const lines = wrap(escapeControl(f.message), width - 4);
  return [`  ${mark} ${lines[0] ?? ''}`, ...lines.slice(1).map((l) => `    ${l}`)];
}

/** Keeps the end of a long path, where the file name is. */
function clipStart(text: string, max: number): string {
  const chars = [...escapeControl(text)];
  return chars.length <= max ? chars.join('') : `…${chars.slice(chars.length - max + 1).join('')}`;
}

/** A last guard for the width promise: a line still too wide is wrapped, keeping its indent. */
function fitWidth(line: string, width: number): string[] {
  if (displayWidth(line) <= width) return [line];
  const indent = /^\s*/.exec(line)![0];
  return wrap(line, width - indent.length - 2).map((l, i) => (i === 0 ? indent : `${indent}  `) + l);
}
