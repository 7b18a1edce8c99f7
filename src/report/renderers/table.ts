import type { ChalkInstance } from 'chalk';
import { clip, escapeControl } from '../safe-text.js';
import type { FollowerSummary, Report } from '../model.js';
import { LIST_TITLES, num, pct, SEGMENT_ORDER } from './format.js';

export interface TableOptions {
  /** Colour is injected: a chalk instance at level 0 gives plain text. */
  chalk: ChalkInstance;
  /** Terminal width; the report is laid out for at most 80 columns. */
  width?: number;
}

const BAR = 20;

/** The terminal report: sections with headings, block-character bars, at most 80 columns. */
export function renderTable(report: Report, options: TableOptions): string {
  const c = options.chalk;
  const width = Math.min(80, Math.max(60, options.width ?? 80));
  const out: string[] = [];
  const heading = (title: string) => {
    out.push('');
    out.push(c.bold(title));
  };
  const segColour: Record<string, (s: string) => string> = {
    advocate: c.green,
    potential: c.cyan,
    passive: c.gray,
    misaligned: c.red,
  };

  out.push(c.bold(`kindred · ${clip(report.brand, 40)}`) + c.dim(` · as of ${report.asOf}`));
  if (report.promise) out.push(c.dim(wrap(`“${clip(report.promise, 300)}”`, width).join('\n')));

  const t = report.totals;
  heading(`Your community: quality score ${report.quality.score}/100`);
  out.push(`  ${num(t.rowsRead)} rows read · ${num(t.classified)} followers classified · ${num(t.skipped)} skipped`);
  out.push('');
  for (const name of SEGMENT_ORDER) {
    const s = report.segments[name];
    const filled = Math.round(s.share * BAR);
    const bar = segColour[name]!('█'.repeat(filled)) + c.gray('░'.repeat(BAR - filled));
    out.push(`  ${name.padEnd(11)}${bar} ${num(s.count).padStart(7)} ${pct(s.share).padStart(6)}`);
  }
  const seg = report.segments;
  out.push('');
  out.push(c.dim(`  potential: ${num(seg.potential.nurture)} to nurture, ${num(seg.potential.qualify)} to qualify`));
  out.push(
    c.dim(
      `  misaligned: ${num(seg.misaligned.dissenters)} dissenters, ${num(seg.misaligned.conflicts)} in conflict, ${num(seg.misaligned.spam)} spam, ${num(seg.misaligned.suspects)} suspect accounts`,
    ),
  );
  out.push(
    `  Effective community: ${c.bold(num(report.quality.effectiveCommunity))} of ${num(t.classified)} followers (${pct(report.quality.effectiveShare)})`,
  );

  heading('Value resonance');
  const nameWidth = Math.min(28, Math.max(10, ...report.values.map((v) => [...v.name].length)));
  out.push(c.dim(`  ${'value'.padEnd(nameWidth)}  ${'followers'.padStart(9)}  ${'share'.padStart(6)}  ${'of advocates'.padStart(12)}`));
  for (const v of report.values) {
    out.push(`  ${clip(v.name, nameWidth).padEnd(nameWidth)}  ${num(v.followers).padStart(9)}  ${pct(v.share).padStart(6)}  ${pct(v.advocateShare).padStart(12)}`);
  }
  if (report.unexpressedValues.length) out.push(c.yellow(`  nobody expresses: ${report.unexpressedValues.map((v) => clip(v, 30)).join(', ')}`));

  if (report.idealCustomer.defined) {
    heading('Ideal customer');
    const ic = report.idealCustomer;
    out.push(`  ${num(ic.fit)} followers fit (${pct(ic.share)})`);
    out.push(c.dim(`  ${SEGMENT_ORDER.map((s) => `${s} ${num(ic.bySegment[s])}`).join(' · ')}`));
  }

  heading(`Group-think risk: ${report.groupThink.risk}`);
  const g = report.groupThink;
  out.push(`  value diversity ${g.diversity === null ? 'n/a' : g.diversity.toFixed(2)} (0 = one value, 1 = evenly spread)`);
  if (g.dominantValue) out.push(`  top value "${clip(g.dominantValue, 24)}" is held by ${pct(g.dominantShare)} of aligned followers`);
  out.push(`  dissenters ${num(g.dissenters)} (${pct(g.dissentShare)} of engaged followers)`);

  for (const key of Object.keys(LIST_TITLES) as (keyof typeof LIST_TITLES)[]) {
    const list = report.lists[key];
    if (list.length === 0) continue;
    heading(`${LIST_TITLES[key]} (top ${list.length})`);
    for (const f of list) out.push(...followerLines(f, key, width, c));
  }

  heading('Data quality');
  for (const i of report.inputs) {
    out.push(`  ${clipStart(i.file, width - 4)}`);
    out.push(`    ${i.formatLabel}: ${num(i.rowsRead)} rows, ${num(i.classified)} classified, ${num(i.skipped)} skipped`);
    const signals = [`profile text ${yes(i.signals.profileText)}`, `engagement ${yes(i.signals.engagement)}`, `authenticity fields ${yes(i.signals.authenticity)}`];
    out.push(c.dim(`    ${signals.join(' · ')}`));
  }
  for (const i of report.interactions) {
    out.push(`  ${clipStart(i.file, width - 4)}`);
    out.push(`    interactions: ${num(i.rowsRead)} rows, ${num(i.handles)} handles, ${num(i.matchedFollowers)} followers, ${num(i.notFollowers)} not followers`);
  }
  const ev = report.dataQuality.evidence;
  out.push(`  evidence: ${num(ev.profileText)} with profile text, ${num(ev.engagement)} with engagement, ${num(ev.none)} with neither`);
  const skipped = Object.entries(report.dataQuality.skippedByCode);
  if (skipped.length) out.push(`  skipped: ${skipped.map(([code, n]) => `${code} ${num(n)}`).join(', ')}`);
  for (const s of report.dataQuality.skippedSamples.slice(0, 5)) {
    out.push(c.dim(`    line ${s.line} of ${clipStart(baseName(s.file), 24)}: ${s.code}${s.detail ? ` (${clip(s.detail, 30)})` : ''}`));
  }
  for (const w of report.dataQuality.warnings) {
    const sample = w.samples[0];
    out.push(
      `  ${w.code} in ${w.field}: ${num(w.count)} row${w.count === 1 ? '' : 's'}` +
        (sample ? c.dim(` (e.g. line ${sample.line}: "${clip(sample.value, 24)}")`) : ''),
    );
  }

  if (report.findings.length) {
    heading('What this means');
    for (const f of report.findings) {
      const mark = f.severity === 'warning' ? c.yellow('!') : c.cyan('i');
      const lines = wrap(escapeControl(f.message), width - 4);
      out.push(`  ${mark} ${lines[0]}`);
      for (const l of lines.slice(1)) out.push(`    ${l}`);
    }
  }
  out.push('');
  out.push(c.dim('  Why this segment? kindred explain <export> --values FILE <handle>'));
  return `${out.flatMap((l) => fit(l, width)).join('\n')}\n`;
}

function followerLines(f: FollowerSummary, list: keyof typeof LIST_TITLES, width: number, c: ChalkInstance): string[] {
  const name = f.name ? ` ${c.dim(clip(f.name, 24))}` : '';
  const score = list === 'nurture' ? `alignment ${f.alignment}` : `engagement ${f.engagement}`;
  const detail =
    list === 'review' || list === 'dissenters'
      ? f.redFlags.length
        ? f.redFlags.join(', ')
        : f.flags.filter((x) => x === 'suspect' || x === 'spam').join(', ')
      : f.values.join(', ');
  const head = `  @${clip(f.handle, 30)}${name}`;
  const second = `    ${score}${detail ? ` · ${clip(detail, width - 30)}` : ''}`;
  return [head, c.dim(second)];
}

/** Keeps the end of a long path, where the file name is. */
function clipStart(text: string, max: number): string {
  const chars = [...escapeControl(text)];
  return chars.length <= max ? chars.join('') : `…${chars.slice(chars.length - max + 1).join('')}`;
}

function baseName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: matching ANSI escapes is the point
const ANSI = /\u001b\[[0-9;]*m/g;

/** A last guard for the 80-column promise: a line still too wide is wrapped, plain. */
function fit(line: string, width: number): string[] {
  const plain = line.replace(ANSI, '');
  if ([...plain].length <= width) return [line];
  const indent = /^\s*/.exec(plain)![0];
  return wrap(plain, width - indent.length - 2).map((l, i) => (i === 0 ? indent : `${indent}  `) + l);
}

function yes(b: boolean): string {
  return b ? 'yes' : 'no';
}

/** Greedy word wrap. */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (!word) continue;
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}
