// Types for scripts/stance-eval.mjs, so the TypeScript tests can use it.
export const ROOT: string;
export const STANCE_DIR: string;
type Stance = 'FAVOR' | 'AGAINST' | 'NONE';
export function readSets(dir?: string): { name: string; valuesFile: string; items: { label: Stance; kind: string; text: string }[] }[];
export function predict(options?: { bin?: string; legacy?: boolean; dir?: string }): [label: Stance, predicted: Stance, set: string, text: string][];
export function stanceOf(record: { flags: string[]; values: string[] }): Stance;
export interface StanceMetrics {
  items: number;
  per: Record<Stance, { tp: number; predicted: number; actual: number; precision: number; recall: number; f1: number }>;
  /** Mean F1 of FAVOR and AGAINST. */
  f: number;
  supportersReadAsAgainst: number;
  neutralReadAsAgainst: number;
}
export function stanceMetrics(pairs: Iterable<[Stance, Stance, ...unknown[]]> & unknown[]): StanceMetrics;
export function formatStanceMetrics(m: StanceMetrics): string;
