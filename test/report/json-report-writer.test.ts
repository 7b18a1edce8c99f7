import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ELEMENT_SEPARATOR, followerElement, writeJsonReport } from '../../src/report/json-report-writer.js';
import type { Report } from '../../src/report/model.js';
import { renderJson } from '../../src/report/renderers/json.js';

/** A destination that keeps what it got and the largest single write. */
function sink() {
  const chunks: Buffer[] = [];
  let largest = 0;
  const out = new Writable({
    highWaterMark: 64 * 1024,
    write(chunk: Buffer, _enc, done) {
      chunks.push(chunk);
      largest = Math.max(largest, chunk.length);
      setImmediate(done);
    },
  });
  return { out, text: () => Buffer.concat(chunks).toString('utf8'), largest: () => largest };
}

// Only the report's shape matters here: a few keys before `followers`, as in the model.
const REPORT = { schemaVersion: 3, brand: 'Fernleaf ‮ Books', totals: { rowsRead: 2 }, findings: [{ code: 'X', text: 'a\u2028b' }] } as unknown as Report;

function record(i: number): Record<string, unknown> {
  return { handle: `reader_${i}`, name: `Reader ${i}`, segment: i % 2 ? 'advocate' : 'passive', reasons: ['matched "reader"', 'liked 3 posts'], score: i / 7 };
}

async function* inChunks(records: Record<string, unknown>[], perChunk: number): AsyncIterable<string> {
  for (let i = 0; i < records.length; i += perChunk) {
    yield records
      .slice(i, i + perChunk)
      .map((r, j) => (i + j === 0 ? '' : ELEMENT_SEPARATOR) + followerElement(r))
      .join('');
  }
}

describe('writeJsonReport (--include-followers)', () => {
  for (const n of [0, 1, 3]) {
    it(`${n} follower(s): byte for byte the JSON of the whole report`, async () => {
      const records = Array.from({ length: n }, (_, i) => record(i));
      const s = sink();
      await writeJsonReport(s.out, REPORT, { count: n, chunks: inChunks(records, 2) });
      expect(s.text()).toBe(renderJson({ ...REPORT, followers: records }));
    });
  }

  it('streams: 20,000 followers reach the destination in writes no larger than one chunk given to it', async () => {
    const records = Array.from({ length: 20_000 }, (_, i) => record(i));
    const s = sink();
    let largestGiven = 0;
    async function* measured() {
      for await (const chunk of inChunks(records, 100)) {
        largestGiven = Math.max(largestGiven, Buffer.byteLength(chunk));
        yield chunk;
      }
    }
    await writeJsonReport(s.out, REPORT, { count: records.length, chunks: measured() });
    const whole = renderJson({ ...REPORT, followers: records });
    expect(s.text()).toBe(whole);
    // A chunk of 100 elements is ~20 KB; the whole text is ~4 MB: never built as one string on the way out.
    expect(s.largest()).toBeLessThanOrEqual(Math.max(largestGiven, Buffer.byteLength(renderJson(REPORT)) + 32));
    expect(s.largest() * 100).toBeLessThan(whole.length);
  });
});
