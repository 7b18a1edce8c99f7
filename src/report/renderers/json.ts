import type { Report } from '../model.js';
import { safeJson } from '../../safe-text.js';

/** The Report as JSON: stable key order (the model's), no timestamps, so runs can be diffed. */
export function renderJson(report: Report): string {
  return `${safeJson(report, 2)}\n`;
}
