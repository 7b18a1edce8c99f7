// Types for scripts/authenticity-eval.mjs, so the TypeScript tests can use it.
export const ROOT: string;
export const DATA_DIR: string;
export const CRESCI_DEV: string;
export const CRESCI_AS_OF: string;
export const SETS: { id: string; title: string; file: string; asOf: string }[];
export const BASELINES: { name: string; accuracy: number; mcc: number }[];

export interface Metrics {
  tp: number;
  fp: number;
  tn: number;
  fn: number;
  precision: number;
  recall: number;
  mcc: number;
  accuracy: number;
  /** Share of the real people flagged suspect. */
  humansFlagged: number;
}

export function readLabels(file?: string): Map<string, boolean>;
export function metrics(pairs: Iterable<[fake: boolean, flagged: boolean]>): Metrics;
export function formatMetrics(m: Metrics): string;
export function evaluateThroughCli(options?: { file?: string; asOf?: string; extraArgs?: string[] }): {
  metrics: Metrics;
  records: number;
  checked: number;
  unmatched: number;
  labelled: number;
  // biome-ignore lint/suspicious/noExplicitAny: the report's JSON, parsed
  report: any;
};
export function dataAvailable(file?: string): boolean;
