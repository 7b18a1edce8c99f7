import { escapeControl } from '../../safe-text.js';
import type { Report } from '../model.js';
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
  listDetail,
  listDetailHeading,
  listScore,
  listTotal,
  mentionReachLine,
  missingSignals,
  num,
  OVERLAP_NOTE,
  pct,
  plural,
  qualityArithmetic,
  riskLabel,
  SEGMENT_MEANING,
  SEGMENT_ORDER,
  scoreText,
  segmentBreakdowns,
  unexpressedCallout,
} from './format.js';

/**
 * The report as GitHub-flavoured Markdown, for pasting into docs and tickets.
 * Data text (brand, names, handles, values) goes through `md()`, so a bio or
 * name cannot open a link, an image, a heading, a table cell or raw HTML.
 */
export function renderMarkdown(report: Report): string {
  const out: string[] = [];
  const seg = report.segments;
  const q = report.quality;
  const t = report.totals;

  out.push(`# ${md(report.brand)}: audience report`);
  out.push('');
  if (report.promise) out.push(`> ${md(report.promise)}`, '');
  out.push(`As of ${report.asOf} · kindred ${md(report.tool.version)} · report schema ${report.schemaVersion}`);

  out.push('', '## Your community', '');
  out.push(`**Quality score: ${scoreText(report)}** · effective community **${num(q.effectiveCommunity)}** of ${plural(t.classified, 'follower')} (${pct(q.effectiveShare)})`);
  out.push('');
  out.push(`${plural(t.rowsRead, 'row')} read · ${plural(t.classified, 'follower')} classified · ${num(t.skipped)} skipped`);
  out.push('');
  out.push('| segment | followers | share | | what it means |', '|---|---:|---:|---|---|');
  for (const name of SEGMENT_ORDER) {
    const s = seg[name];
    out.push(`| ${name} | ${num(s.count)} | ${pct(s.share)} | \`${textBar(s.share, 20)}\` | ${SEGMENT_MEANING[name]} |`);
  }
  out.push('');
  for (const line of segmentBreakdowns(report)) out.push(`- ${line}`);
  out.push('');
  out.push(`Effective community = ${effectiveDefinition(report)}; raw size does not count.  `);
  out.push(
    q.score === null
      ? `Quality score ${scoreText(report)}: ${qualityArithmetic(report)}.`
      : `Quality score = 100 × min(1, effective share ÷ target) × (1 − misaligned share): ${qualityArithmetic(report)}.`,
  );

  out.push('', '## Value resonance', '');
  out.push(`${OVERLAP_NOTE[0]!.toUpperCase()}${OVERLAP_NOTE.slice(1)}.`, '');
  out.push(`| value | followers | share | advocates (${num(seg.advocate.count)}) | share of advocates |`, '|---|---:|---:|---:|---:|');
  for (const v of report.values) {
    out.push(`| ${cell(v.name)} | ${num(v.followers)} | ${pct(v.share)} | ${num(v.advocates)} | ${pct(v.advocateShare)} |`);
  }
  if (unexpressedCallout(report).length) {
    out.push('', `**Nobody expresses:** ${unexpressedCallout(report).map((v) => `“${md(v)}”`).join(', ')}`);
  }

  const ic = report.idealCustomer;
  out.push('', '## Ideal-customer fit', '');
  if (ic.defined) {
    out.push(`${plural(ic.fit, 'follower')} ${ic.fit === 1 ? 'fits' : 'fit'} the ideal customer (${pct(ic.share)}).`, '');
    out.push('| segment | fit | of | share of segment |', '|---|---:|---:|---:|');
    for (const name of SEGMENT_ORDER) {
      out.push(`| ${name} | ${num(ic.bySegment[name])} | ${num(seg[name].count)} | ${pct(ic.bySegmentShare[name])} |`);
    }
  } else out.push('Not defined: add `idealCustomer.terms` to the values file to measure it.');

  const g = report.groupThink;
  out.push('', `## Group-think risk: ${riskLabel(report)}`, '');
  out.push(`${groupThinkSummary(report)}`, '');
  out.push('| figure | value | reading |', '|---|---:|---|');
  out.push(`| value diversity | ${g.diversity === null ? 'n/a' : g.diversity.toFixed(2)} | ${DIVERSITY_NOTE} |`);
  if (g.dominantValue) {
    out.push(`| top value: ${cell(g.dominantValue)} | ${pct(g.dominantShare)} | of ${num(g.alignedFollowers)} aligned followers hold it |`);
    out.push(`| its share of values expressed | ${pct(g.dominantMentionShare)} | ${DOMINANT_NOTE} |`);
  }
  out.push(
    g.notMeasurable
      ? `| dissenters | n/a | ${g.notMeasurable}: conflicts are read in profile text |`
      : `| dissenters | ${num(g.dissenters)} | ${pct(g.dissentShare)} of engaged followers; ${DISSENT_NOTE} |`,
  );
  for (const f of report.findings.filter((x) => GROUP_THINK_CODES.has(x.code))) out.push('', `> **Warning:** ${md(f.message)}`);

  for (const key of LIST_ORDER) {
    const list = report.lists[key];
    if (list.length === 0) continue;
    out.push('', `## ${LIST_TITLES[key]}: top ${list.length} of ${num(listTotal(report, key))}`, '');
    out.push(`| handle | name | ${listScore(key)} | ${listDetailHeading(key)} |`, '|---|---|---:|---|');
    for (const f of list) {
      out.push(`| ${cell(`@${f.handle}`)} | ${cell(f.name ?? '')} | ${dec(f[listScore(key)])} | ${cell(listDetail(f, key))} |`);
    }
  }

  out.push('', '## Data quality', '');
  out.push('| file | format | rows | classified | skipped | fields found | columns not used | missing |', '|---|---|---:|---:|---:|---|---|---|');
  for (const i of report.inputs) {
    out.push(
      `| ${cell(baseName(i.file))} | ${cell(i.formatLabel)} | ${num(i.rowsRead)} | ${num(i.classified)} | ${num(i.skipped)} | ${cell(i.fields.join(', '))} | ${cell(i.unusedColumns.join(', ') || '—')} | ${cell(missingSignals(i).join('; ') || '—')} |`,
    );
  }
  for (const i of report.interactions) {
    out.push('', `Interactions ${code(baseName(i.file))}: ${md(interactionsSummary(i))}.`);
    if (i.skippedSamples.length) out.push('');
    for (const s of i.skippedSamples) out.push(`- ${code(`${baseName(s.file)}:${s.line}`)} ${code(s.code)}${s.detail ? ` ${md(s.detail)}` : ''}`);
  }
  const evidence = evidenceBreakdown(report);
  out.push('', `${evidence[0]!.toUpperCase()}${evidence.slice(1)}.`);
  const reach = mentionReachLine(report);
  if (reach) out.push('', `${reach[0]!.toUpperCase()}${reach.slice(1)}.`);
  if (!report.dataQuality.engagementAvailable) out.push('', '**No engagement data:** nobody can be counted as engaged.');
  const skipped = Object.entries(report.dataQuality.skippedByCode);
  if (skipped.length) {
    out.push('', `Skipped: ${skipped.map(([c, n]) => `${code(c)} ${num(n)}`).join(', ')}`, '');
    for (const s of report.dataQuality.skippedSamples.slice(0, 5)) {
      out.push(`- ${code(`${baseName(s.file)}:${s.line}`)} ${code(s.code)}${s.detail ? ` ${md(s.detail)}` : ''}`);
    }
  }
  if (report.dataQuality.warnings.length) {
    out.push('', '| warning | field | rows | example |', '|---|---|---:|---|');
    for (const w of report.dataQuality.warnings) {
      const s = w.samples[0];
      out.push(`| ${cell(w.code)} | ${cell(w.field)} | ${num(w.count)} | ${s ? `line ${s.line}: ${cell(s.value)}` : ''} |`);
    }
  }

  const notes = report.findings.filter((x) => !GROUP_THINK_CODES.has(x.code));
  if (notes.length) {
    out.push('', '## What this means', '');
    for (const f of notes) out.push(`- ${f.severity === 'warning' ? '**Warning:** ' : ''}${md(f.message)}`);
  }
  out.push('', '---', '', '*Why this segment? `kindred explain <export> --values FILE <handle>`*');
  return `${out.join('\n')}\n`;
}

function textBar(share: number, cells: number): string {
  const filled = Math.min(cells, Math.round(share * cells));
  return '█'.repeat(filled) + '░'.repeat(cells - filled);
}

/**
 * Markdown-safe text: control characters shown escaped, line breaks folded,
 * HTML special characters as entities, and the punctuation that can start
 * emphasis, code, a link or image (`[`), a heading, a table cell, strikethrough
 * or an autolink (`:`) backslash-escaped, so data renders as the literal text
 * it is. Parentheses and `!` stay as they are: without `[` they do nothing.
 */
export function md(text: string): string {
  return escapeControl(text.replace(/\r\n?|\n/g, ' '))
    // Only an ampersand that would start an entity needs escaping; "Oat & Ember" stays as it is.
    .replace(/&(?=#?[a-z0-9]+;)/gi, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_[\]#|~:]/g, (ch) => `\\${ch}`);
}

/** A table cell: Markdown-safe (`|` is escaped by md, so data cannot add a column). */
function cell(text: string): string {
  return md(text);
}

/** A code span for codes and file names; backticks in data cannot close it early. */
function code(text: string): string {
  const safe = escapeControl(text.replace(/\r\n?|\n/g, ' '));
  return safe.includes('`') ? md(safe) : `\`${safe}\``;
}
