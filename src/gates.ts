import type { Report } from './report/model.js';

/**
 * CI gates: thresholds a report must meet. A gate only decides the exit code;
 * it never changes what the report shows. Evaluated after the report is
 * written, by `audit` and by every `batch` entry.
 */
export interface Gates {
  /** Minimum quality score, 0–100. */
  failUnder?: number;
  /** Minimum share of advocates, 0–1. */
  minAdvocateShare?: number;
  /** Maximum share of misaligned followers, 0–1. */
  maxMisalignedShare?: number;
}

export type GateName = keyof Gates;

export interface GateResult {
  gate: GateName;
  /** The command-line flag that sets this gate (manifests use the gate name). */
  flag: string;
  threshold: number;
  /** null when the report cannot measure it (a quality score with too little profile text): the gate fails. */
  actual: number | null;
  passed: boolean;
  /** Human-readable: "quality score 38 is below --fail-under 40 (short by 2)". */
  message: string;
}

export const GATE_FLAGS: Record<GateName, string> = {
  failUnder: '--fail-under',
  minAdvocateShare: '--min-advocate-share',
  maxMisalignedShare: '--max-misaligned-share',
};

/**
 * Each gate: what it reads from the report, which way it points, and how its
 * numbers are shown. A floor passes at or above its threshold, a ceiling at or below.
 */
const GATE_CHECKS: Record<GateName, { what: string; read: (r: Report) => number | null; floor: boolean; show: (n: number) => string; gap: (n: number) => string }> = {
  failUnder: { what: 'quality score', read: (r) => r.quality.score, floor: true, show: String, gap: (n) => String(round1(n)) },
  minAdvocateShare: { what: 'advocate share', read: (r) => r.segments.advocate.share, floor: true, show: pct, gap: points },
  maxMisalignedShare: { what: 'misaligned share', read: (r) => r.segments.misaligned.share, floor: false, show: pct, gap: points },
};

/** Evaluates every gate that is set, in a fixed order. */
export function evaluateGates(report: Report, gates: Gates, label: (gate: GateName) => string = (g) => GATE_FLAGS[g]): GateResult[] {
  const results: GateResult[] = [];
  for (const gate of Object.keys(GATE_CHECKS) as GateName[]) {
    const t = gates[gate];
    if (t === undefined) continue;
    const { what, read, floor, show, gap } = GATE_CHECKS[gate];
    const actual = read(report);
    const limit = `${label(gate)} ${show(t)}`;
    // A figure the report cannot measure never passes a gate: CI must not go green on data that shows nothing.
    if (actual === null) {
      const why = report.quality.notMeasurable?.reason ?? 'no data';
      results.push({ gate, flag: GATE_FLAGS[gate], threshold: t, actual, passed: false, message: `${what} is not measurable (${why}), so ${limit} cannot be met` });
      continue;
    }
    const passed = floor ? actual >= t : actual <= t;
    const message = passed
      ? `${what} ${show(actual)} ${floor ? 'meets' : 'is within'} ${limit}`
      : floor
        ? `${what} ${show(actual)} is below ${limit} (short by ${gap(t - actual)})`
        : `${what} ${show(actual)} is above ${limit} (over by ${gap(actual - t)})`;
    results.push({ gate, flag: GATE_FLAGS[gate], threshold: t, actual, passed, message });
  }
  return results;
}

/**
 * A share threshold as users write it: `5%` or `0.05`. A bare number above 1
 * is refused rather than guessed (is `5` five percent or five hundred?).
 * Returns an error message instead of throwing, so the CLI and the manifest
 * schema can each report it their own way.
 */
export function parseShare(input: string | number): { share: number } | { error: string } {
  const text = String(input).trim();
  const percent = /^(\d+(?:\.\d+)?)\s*%$/.exec(text);
  if (percent) {
    const n = Number(percent[1]);
    return n <= 100 ? { share: round6(n / 100) } : { error: `"${text}" is more than 100%` };
  }
  if (/^\d*\.?\d+$/.test(text)) {
    const n = Number(text);
    if (n <= 1) return { share: n };
    return { error: `"${text}" is ambiguous: write a percentage like ${text}% or a fraction from 0 to 1` };
  }
  return { error: `"${text}" is not a share: write a percentage like 5% or a fraction like 0.05` };
}

function pct(share: number): string {
  return `${round1(share * 100)}%`;
}

function points(share: number): string {
  const p = round1(share * 100);
  return `${p} percentage point${p === 1 ? '' : 's'}`;
}

function round1(n: number): number {
  return Math.round(n * 10) / 10;
}

function round6(n: number): number {
  return Math.round(n * 1e6) / 1e6;
}
