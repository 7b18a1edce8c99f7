import type { ChalkInstance } from 'chalk';
import type { Report } from '../model.js';
import { renderHtml } from './html.js';
import { renderJson } from './json.js';
import { renderMarkdown } from './markdown.js';
import { renderTable } from './table.js';

export interface RenderContext {
  chalk: ChalkInstance;
  width?: number;
}

/**
 * Report renderers by `--format` name. Each takes the Report and returns a
 * string; one writer puts it where it goes. Per-follower formats (csv, ndjson)
 * are streams, not renderers: see ../follower-sinks.ts.
 */
export const RENDERERS = {
  table: (r: Report, ctx: RenderContext) => renderTable(r, ctx),
  json: (r: Report) => renderJson(r),
  markdown: (r: Report) => renderMarkdown(r),
  html: (r: Report) => renderHtml(r),
} satisfies Record<string, (r: Report, ctx: RenderContext) => string>;

export type ReportFormat = keyof typeof RENDERERS;
export const REPORT_FORMATS = Object.keys(RENDERERS) as ReportFormat[];
/** Per-follower formats stream records; every other format is a report renderer. */
export const FOLLOWER_FORMATS = ['csv', 'ndjson'] as const;
export type FollowerFormat = (typeof FOLLOWER_FORMATS)[number];

export function isFollowerFormat(format: string): format is FollowerFormat {
  return (FOLLOWER_FORMATS as readonly string[]).includes(format);
}

/** Every --format name: the report renderers, then the per-follower formats. */
export function outputFormats(): string[] {
  return [...REPORT_FORMATS, ...FOLLOWER_FORMATS];
}
