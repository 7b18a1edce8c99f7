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
  actual: number;
  passed: boolean;
  /** Human-readable: "quality score 38 is below --fail-under 40 (short by 2)". */
  message: string;
}

export const GATE_FLAGS: Record<GateName, string> = {
  failUnder: '--fail-under',
  minAdvocateShare: '--min-advocate-share',
  maxMisalignedShare: '--max-misaligned-share',
};

/** Evaluates every gate that is set, in a fixed order. */
export function evaluateGates(report: Report, gates: Gates, label: (gate: GateName) => string = (g) => GATE_FLAGS[g]): GateResult[] {
  const results: GateResult[] = [];
  if (gates.failUnder !== undefined) {
    const actual = report.quality.score;
    const t = gates.failUnder;
    const passed = actual >= t;
    results.push({
      gate: 'failUnder',
      flag: GATE_FLAGS.failUnder,
      threshold: t,
      actual,
      passed,
      message: passed
        ? `quality score ${actual} meets ${label('failUnder')} ${t}`
        : `quality score ${actual} is below ${label('failUnder')} ${t} (short by ${round1(t - actual)})`,
    });
  }
  if (gates.minAdvocateShare !== undefined) {
    const actual = report.segments.advocate.share;
    const t = gates.minAdvocateShare;
    const passed = actual >= t;
    results.push({
      gate: 'minAdvocateShare',
      flag: GATE_FLAGS.minAdvocateShare,
      threshold: t,
      actual,
      passed,
      message: passed
        ? `advocate share ${pct(actual)} meets ${label('minAdvocateShare')} ${pct(t)}`
        : `advocate share ${pct(actual)} is below ${label('minAdvocateShare')} ${pct(t)} (short by ${points(t - actual)})`,
    });
  }
  if (gates.maxMisalignedShare !== undefined) {
    const actual = report.segments.misaligned.share;
    const t = gates.maxMisalignedShare;
    const passed = actual <= t;
    results.push({
      gate: 'maxMisalignedShare',
      flag: GATE_FLAGS.maxMisalignedShare,
      threshold: t,
      actual,
      passed,
      message: passed
        ? `misaligned share ${pct(actual)} is within ${label('maxMisalignedShare')} ${pct(t)}`
        : `misaligned share ${pct(actual)} is above ${label('maxMisalignedShare')} ${pct(t)} (over by ${points(actual - t)})`,
    });
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
