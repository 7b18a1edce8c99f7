import { wrap } from '../terminal/wrap.js';
import { clip, escapeControl } from '../safe-text.js';
import { SEGMENTS } from '../decision-table.js';
import type { Comparison, Mover } from './compare.js';

/** Comparison renderers by --format name; each returns a string. */
export const COMPARE_RENDERERS = {
  table: (c: Comparison, top: number) => renderCompareTable(c, top),
  json: (c: Comparison) => `${JSON.stringify(c, null, 2)}\n`,
  markdown: (c: Comparison, top: number) => renderCompareMarkdown(c, top),
} satisfies Record<string, (c: Comparison, top: number) => string>;

export type CompareFormat = keyof typeof COMPARE_RENDERERS;

const LISTS = [
  ['newAdvocates', 'New advocates'],
  ['lostAdvocates', 'Lost advocates'],
  ['advocatesTurnedDissenter', 'Advocates turned dissenter'],
] as const;

export function renderCompareTable(c: Comparison, top: number): string {
  const out: string[] = [];
  out.push(`kindred compare · ${clip(c.after.brand, 30)} · ${c.before.asOf} → ${c.after.asOf}`);
  out.push('');
  out.push(`  quality score   ${score(c.quality.before).padStart(6)} → ${score(c.quality.after).padEnd(6)} ${c.quality.change === null ? '' : signed(c.quality.change)}`.trimEnd());
  if (c.quality.change === null) out.push('                  n/m = not measurable (too little profile text to see values)');
  const f = c.followers;
  out.push(`  followers       ${num(f.before).padStart(6)} → ${num(f.after).padEnd(6)} ${signed(f.change)}`);
  out.push(
    f.gained === null || f.lost === null
      ? '                  gained and lost: needs per-follower records in both reports'
      : `                  ${num(f.gained)} gained, ${num(f.lost)} lost`,
  );
  out.push('');
  out.push(`  ${'segment'.padEnd(12)} ${'before'.padStart(14)} ${'after'.padStart(14)} ${'change'.padStart(16)}`);
  for (const s of SEGMENTS) {
    const x = c.segments[s];
    out.push(
      `  ${s.padEnd(12)} ${`${num(x.before.count)} ${pct(x.before.share)}`.padStart(14)} ${`${num(x.after.count)} ${pct(x.after.share)}`.padStart(14)} ${`${signed(x.change.count)} ${signedPoints(x.change.share)}`.padStart(16)}`,
    );
  }
  const m = c.movements;
  if (m) {
    out.push('');
    out.push('  Who moved (rows: before, columns: after)');
    const cols = [...SEGMENTS, 'gone'];
    out.push(`  ${''.padEnd(12)}${cols.map((x) => x.slice(0, 10).padStart(11)).join('')}`);
    for (const from of [...SEGMENTS, 'new']) {
      out.push(`  ${from.padEnd(12)}${cols.map((to) => (from === 'new' && to === 'gone' ? '' : num(m.transitions[from]?.[to] ?? 0)).padStart(11)).join('')}`);
    }
    for (const [key, title] of LISTS) {
      const list = m[key];
      out.push('');
      out.push(`  ${title}: ${num(list.length)}`);
      for (const p of list.slice(0, top)) out.push(`    @${clip(p.handle, 40)}  ${movement(p)}`);
      if (list.length > top) out.push(`    … and ${num(list.length - top)} more (--top, or --format json for all)`);
    }
  }
  for (const n of c.notes) {
    const [first = '', ...rest] = wrap(`note: ${escapeControl(n)}`, 76);
    out.push('', `  ${first}`, ...rest.map((l) => `    ${l}`));
  }
  return `${out.map((l) => l.trimEnd()).join('\n')}\n`;
}

export function renderCompareMarkdown(c: Comparison, top: number): string {
  const out: string[] = [];
  out.push(`# ${md(c.after.brand)}: ${c.before.asOf} → ${c.after.asOf}`, '');
  out.push('| | before | after | change |', '|---|---:|---:|---:|');
  out.push(`| quality score | ${score(c.quality.before)} | ${score(c.quality.after)} | ${c.quality.change === null ? 'n/m' : signed(c.quality.change)} |`);
  out.push(`| followers | ${num(c.followers.before)} | ${num(c.followers.after)} | ${signed(c.followers.change)} |`);
  for (const s of SEGMENTS) {
    const x = c.segments[s];
    out.push(`| ${s} | ${num(x.before.count)} (${pct(x.before.share)}) | ${num(x.after.count)} (${pct(x.after.share)}) | ${signed(x.change.count)} (${signedPoints(x.change.share)}) |`);
  }
  out.push('');
  if (c.followers.gained !== null && c.followers.lost !== null) out.push(`${num(c.followers.gained)} ${c.followers.gained === 1 ? 'follower' : 'followers'} gained, ${num(c.followers.lost)} lost.`, '');
  const m = c.movements;
  if (m) {
    const cols = [...SEGMENTS, 'gone'];
    out.push('## Who moved', '', `| before ↓ after → | ${cols.join(' | ')} |`, `|---|${cols.map(() => '---:').join('|')}|`);
    for (const from of [...SEGMENTS, 'new']) {
      out.push(`| ${from} | ${cols.map((to) => (from === 'new' && to === 'gone' ? '' : num(m.transitions[from]?.[to] ?? 0))).join(' | ')} |`);
    }
    for (const [key, title] of LISTS) {
      const list = m[key];
      out.push('', `### ${title} (${num(list.length)})`, '');
      for (const p of list.slice(0, top)) out.push(`- @${md(p.handle)}: ${movement(p)}`);
      if (list.length > top) out.push(`- … and ${num(list.length - top)} more`);
      if (list.length === 0) out.push('None.');
    }
    out.push('');
  }
  for (const n of c.notes) out.push(`> Note: ${md(n)}`, '');
  return `${out.join('\n').replace(/\n+$/, '')}\n`;
}

function movement(p: Mover): string {
  const from = p.before ?? 'not a follower';
  const to = p.after ?? 'unfollowed';
  const dissent = p.after === 'misaligned' && p.flags.includes('dissenter') ? ' (dissenter)' : '';
  return `${from} → ${to}${dissent}`;
}

/** Text from the reports in Markdown: no HTML, no table breaks, no control characters. */
function md(text: string): string {
  return escapeControl(text).replace(/[\\`*_{}[\]()<>#+!|~]/g, (ch) => `\\${ch}`);
}

/** A quality score, or n/m where it was not measurable. */
function score(n: number | null): string {
  return n === null ? 'n/m' : String(n);
}

function num(n: number): string {
  return n.toLocaleString('en-US');
}

function pct(share: number): string {
  return `${(Math.round(share * 1000) / 10).toFixed(1)}%`;
}

function signed(n: number): string {
  return n > 0 ? `+${num(n)}` : n < 0 ? `−${num(-n)}` : '±0';
}

function signedPoints(share: number): string {
  const p = Math.round(share * 1000) / 10;
  return `${p > 0 ? '+' : p < 0 ? '−' : '±'}${Math.abs(p).toFixed(1)} pts`;
}
