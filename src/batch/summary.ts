import type { GateResult } from '../gates.js';
import { csvLine } from '../report/follower-sinks.js';
import type { Report } from '../report/model.js';
import { SEGMENT_ORDER } from '../report/renderers/format.js';
import { wrap } from '../report/renderers/table.js';
import { clip } from '../safe-text.js';
import { VERSION } from '../version.js';

/** One row of the batch summary: what happened to one entry. */
export interface EntrySummary {
  name: string;
  /** ok: audited and every gate passed; gate-failed: audited, a gate missed; error: no report. */
  status: 'ok' | 'gate-failed' | 'error';
  /** Output folder, relative to the summary's folder. */
  output: string;
  asOf: string | null;
  followers: number | null;
  shares: Record<(typeof SEGMENT_ORDER)[number], number> | null;
  qualityScore: number | null;
  /** The report found in the output folder before this run, when there was one. */
  previous: { asOf: string; qualityScore: number | null; shares: Record<(typeof SEGMENT_ORDER)[number], number> } | null;
  /** Change since the previous report: score points (null unless both scores were measurable) and share differences. */
  change: { qualityScore: number | null; shares: Record<(typeof SEGMENT_ORDER)[number], number> } | null;
  gates: GateResult[];
  error: string | null;
}

export interface BatchSummary {
  kind: 'kindred-batch-summary';
  schemaVersion: '1.0';
  tool: { name: 'kindred'; version: string };
  manifest: string;
  ok: boolean;
  counts: { entries: number; ok: number; gateFailed: number; failed: number };
  entries: EntrySummary[];
}

export function sharesOf(report: Report): Record<(typeof SEGMENT_ORDER)[number], number> {
  return {
    advocate: report.segments.advocate.share,
    potential: report.segments.potential.share,
    passive: report.segments.passive.share,
    misaligned: report.segments.misaligned.share,
  };
}

export function entryFromReport(name: string, output: string, report: Report, previous: Report | undefined, gates: GateResult[]): EntrySummary {
  const shares = sharesOf(report);
  const prev = previous ? { asOf: previous.asOf, qualityScore: previous.quality.score, shares: sharesOf(previous) } : null;
  return {
    name,
    status: gates.every((g) => g.passed) ? 'ok' : 'gate-failed',
    output,
    asOf: report.asOf,
    followers: report.totals.classified,
    shares,
    qualityScore: report.quality.score,
    previous: prev,
    change: prev
      ? {
          qualityScore: report.quality.score === null || prev.qualityScore === null ? null : report.quality.score - prev.qualityScore,
          shares: Object.fromEntries(SEGMENT_ORDER.map((s) => [s, round4(shares[s] - prev.shares[s])])) as EntrySummary['shares'] & object,
        }
      : null,
    gates,
    error: null,
  };
}

export function failedEntry(name: string, output: string, error: string): EntrySummary {
  return { name, status: 'error', output, asOf: null, followers: null, shares: null, qualityScore: null, previous: null, change: null, gates: [], error };
}

export function buildSummary(manifest: string, entries: EntrySummary[]): BatchSummary {
  const count = (s: EntrySummary['status']) => entries.filter((e) => e.status === s).length;
  return {
    kind: 'kindred-batch-summary',
    schemaVersion: '1.0',
    tool: { name: 'kindred', version: VERSION },
    manifest,
    ok: entries.every((e) => e.status === 'ok'),
    counts: { entries: entries.length, ok: count('ok'), gateFailed: count('gate-failed'), failed: count('error') },
    entries,
  };
}

export function summaryJson(summary: BatchSummary): string {
  return `${JSON.stringify(summary, null, 2)}\n`;
}

export const SUMMARY_CSV_FIELDS = [
  'name',
  'status',
  'asOf',
  'followers',
  'advocateShare',
  'potentialShare',
  'passiveShare',
  'misalignedShare',
  'qualityScore',
  'previousAsOf',
  'previousQualityScore',
  'qualityScoreChange',
  'advocateShareChange',
  'misalignedShareChange',
  'gatesFailed',
  'error',
  'output',
] as const;

/** One line per entry, spreadsheet-safe (cells that could become formulas are neutralised). */
export function summaryCsv(summary: BatchSummary): string {
  let out = csvLine([...SUMMARY_CSV_FIELDS]);
  for (const e of summary.entries) {
    out += csvLine([
      e.name,
      e.status,
      e.asOf,
      e.followers,
      e.shares?.advocate,
      e.shares?.potential,
      e.shares?.passive,
      e.shares?.misaligned,
      e.qualityScore,
      e.previous?.asOf,
      e.previous?.qualityScore,
      e.change?.qualityScore,
      e.change?.shares.advocate,
      e.change?.shares.misaligned,
      e.gates
        .filter((g) => !g.passed)
        .map((g) => g.gate)
        .join('; '),
      e.error,
      e.output,
    ]);
  }
  return out;
}

/** The terminal summary: one row per entry, then what went wrong, within 80 columns. */
export function summaryTable(summary: BatchSummary): string {
  const lines: string[] = [];
  lines.push(`kindred batch · ${clip(summary.manifest, 50)} · ${summary.entries.length} entr${summary.entries.length === 1 ? 'y' : 'ies'}`);
  lines.push('');
  lines.push(`  ${'entry'.padEnd(18)} ${'followers'.padStart(9)} ${'adv'.padStart(6)} ${'pot'.padStart(6)} ${'pas'.padStart(6)} ${'mis'.padStart(6)} ${'score'.padStart(5)} ${'change'.padStart(6)}  status`);
  for (const e of summary.entries) {
    const cells = e.shares
      ? SEGMENT_ORDER.map((s) => pct(e.shares![s]).padStart(6)).join(' ')
      : SEGMENT_ORDER.map(() => '–'.padStart(6)).join(' ');
    const change = e.change?.qualityScore != null ? signed(e.change.qualityScore) : '–';
    const status = e.status === 'gate-failed' ? 'GATE' : e.status === 'error' ? 'ERROR' : 'ok';
    lines.push(
      `  ${clip(e.name, 18).padEnd(18)} ${(e.followers === null ? '–' : e.followers.toLocaleString('en-US')).padStart(9)} ${cells} ${(e.qualityScore === null ? (e.status === 'error' ? '–' : 'n/m') : String(e.qualityScore)).padStart(5)} ${change.padStart(6)}  ${status}`,
    );
  }
  const problems = summary.entries.filter((e) => e.status !== 'ok');
  if (problems.length > 0) lines.push('');
  for (const e of problems) {
    if (e.error) {
      const [first = '', ...rest] = e.error.split('\n');
      lines.push(clip(`  ${e.name}: ${first}`, 80));
      for (const l of rest.slice(0, 8)) lines.push(clip(`    ${l.trim()}`, 80));
      if (rest.length > 8) lines.push(`    … ${rest.length - 8} more (see summary.json)`);
    }
    for (const g of e.gates.filter((x) => !x.passed)) {
      const [first = '', ...rest] = wrap(`${clip(e.name, 30)}: gate failed: ${g.message}`, 76);
      lines.push(`  ${first}`, ...rest.map((l) => `    ${l}`));
    }
  }
  lines.push('');
  lines.push(`  ${summary.counts.ok} ok · ${summary.counts.gateFailed} missed a gate · ${summary.counts.failed} failed · change = score since the last run`);
  if (summary.entries.some((e) => e.status !== 'error' && e.qualityScore === null)) lines.push('  n/m = score not measurable (too little profile text to see values)');
  return `${lines.join('\n')}\n`;
}

function pct(share: number): string {
  return `${(Math.round(share * 1000) / 10).toFixed(1)}%`;
}

function signed(n: number): string {
  return n > 0 ? `+${n}` : String(n);
}

function round4(n: number): number {
  return Math.round(n * 10000) / 10000;
}
