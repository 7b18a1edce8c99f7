import { safeJson } from '../../safe-text.js';
import type { Report } from '../model.js';

/** The Report as JSON: stable key order (the model's), no timestamps, so runs can be diffed. */
export function renderJson(report: Report): string {
  return `${safeJson(report, 2)}\n`;
}
