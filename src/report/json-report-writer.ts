import type { Writable } from 'node:stream';
import { safeJson } from '../safe-text.js';
import { drained, writeAndWait } from '../write-failure.js';
import type { Report } from './model.js';
import { renderJson } from './renderers/json.js';

// The JSON report with --include-followers holds a record per follower: a
// million of them is gigabytes, more than one string can be (V8 stops near
// 512 MB: "Invalid string length"). The records are serialised one at a time
// as they are classified (followerElement), kept outside memory, and streamed
// into the report after its other keys, byte for byte what JSON.stringify of
// the whole report would give.

/** One record as an element of the report's `followers` array (indented as in the whole report). */
export function followerElement(record: Record<string, unknown>): string {
  return `    ${safeJson(record, 2).replace(/\n/g, '\n    ')}`;
}

/** Between two elements. */
export const ELEMENT_SEPARATOR = ',\n';

/**
 * Writes `report` as JSON with `followers` (elements from followerElement,
 * joined by ELEMENT_SEPARATOR, in chunks of any size) as its last key,
 * waiting for `out` to drain: memory holds one chunk, never the array.
 */
export async function writeJsonReport(out: Writable, report: Report, followers: { count: number; chunks: AsyncIterable<string | Uint8Array> }): Promise<void> {
  const { followers: _ignored, ...rest } = report;
  const head = renderJson(rest as Report);
  // renderJson ends with the object's closing "\n}\n": the array goes in before it.
  await writeAndWait(out, `${head.slice(0, -3)},\n  "followers": [${followers.count > 0 ? '\n' : ''}`);
  for await (const chunk of followers.chunks) {
    if (!out.write(chunk)) await drained(out);
  }
  await writeAndWait(out, `${followers.count > 0 ? '\n  ' : ''}]\n}\n`);
}
