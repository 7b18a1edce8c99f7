import type { Classified } from '../classify.js';
import { clip, escapeControl } from '../safe-text.js';
import type { FollowerRecord } from './records.js';

/**
 * One follower as the HTML report's browsable list embeds it: a JSON array
 * (in the order of HTML_ROW_FIELDS, which the page's script is given), one
 * per line, ending in a comma so lines made on any thread can be joined in
 * input order. The block that holds them is `[` + lines + `null]`.
 *
 * Text is escaped for display here (control characters and bidi overrides
 * spelled `\u202e`, as in the terminal) and clipped: a 1 MB bio must not make
 * a 1 MB cell, and the list is a browser, not the archive (--followers-out
 * keeps everything). Then the JSON itself is spelled so no follower's text can
 * end the `<script type="application/json">` block it sits in: `<`, `>`, `&`
 * and the line separators become \u escapes (JSON.parse gives the same text).
 */
export const HTML_ROW_FIELDS = [
  'handle',
  'name',
  'segment',
  'action',
  'alignment',
  'engagement',
  'values',
  'flags',
  'location',
  'profileUrl',
  'about',
  'reasons',
] as const;

type HtmlRowField = (typeof HTML_ROW_FIELDS)[number];

/** Longest text kept per field; what is cut ends in "…". */
const MAX_NAME = 200;
const MAX_ABOUT = 600;

/** `record` has already been anonymised when --anonymize is on: then nothing from the profile is embedded either. */
export function htmlRowLine(c: Classified, record: FollowerRecord, anonymized: boolean): string {
  const f = c.follower;
  const about = anonymized ? null : [f.bio, f.headline, f.company].filter((t) => t).join(' · ') || null;
  const row: Record<HtmlRowField, unknown> = {
    handle: clip(record.handle, MAX_NAME),
    name: record.name === null ? null : clip(record.name, MAX_NAME),
    segment: record.segment,
    action: record.action,
    alignment: record.alignment,
    engagement: record.engagement,
    values: record.values.map(escapeControl),
    flags: record.flags,
    location: anonymized || !f.location ? null : clip(f.location, MAX_NAME),
    // Only web links become links: never javascript: or data: from a cell.
    profileUrl: record.profileUrl && /^https?:\/\//i.test(record.profileUrl) ? record.profileUrl : null,
    about: about === null ? null : clip(about, MAX_ABOUT),
    reasons: record.reasons.map(escapeControl),
  };
  return `${scriptSafeJson(HTML_ROW_FIELDS.map((field) => row[field]))},\n`;
}

const SCRIPT_UNSAFE = /[<>&\u2028\u2029]/g;

/** JSON that can sit inside a `<script>` element: nothing in it can close the element or start markup. */
export function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value).replace(SCRIPT_UNSAFE, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
