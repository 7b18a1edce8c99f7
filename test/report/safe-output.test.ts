import { PassThrough } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { recordFields, recordSerialiser } from '../../src/report/follower-sinks.js';
import type { FollowerRecord } from '../../src/report/records.js';
import { createRejectsSink, redactEmails } from '../../src/report/rejects-sink.js';
import { escapeControl, escapeLines, safeJson } from '../../src/safe-text.js';

const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/;

async function collect(write: (out: PassThrough) => Promise<void>): Promise<string> {
  const out = new PassThrough();
  let text = '';
  out.on('data', (d) => {
    text += d;
  });
  await write(out);
  return text;
}

describe('safe text', () => {
  it('escapeControl leaves no raw control character, for any string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (s) => {
        expect(escapeControl(s)).not.toMatch(RAW_CONTROL);
        expect(escapeLines(s).replace(/\n/g, '')).not.toMatch(RAW_CONTROL);
      }),
      { numRuns: 300 },
    );
  });

  it('safeJson parses back to the same value and leaves no raw terminal control', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string({ unit: 'binary', maxLength: 10 }), fc.string({ unit: 'binary', maxLength: 40 }), { maxKeys: 5 }), (value) => {
        const json = safeJson(value, 2);
        expect(JSON.parse(json)).toEqual(value);
        expect(json.replace(/\n/g, '')).not.toMatch(RAW_CONTROL);
      }),
      { numRuns: 300 },
    );
  });
});

describe('per-follower CSV shown in a terminal', () => {
  it('escapes control characters in cells only when written to a terminal', async () => {
    const record = { handle: 'evil\u001b[31m', name: 'x\u202ey', values: ['a\bb'] } as unknown as FollowerRecord;
    const terminal = recordSerialiser('csv', recordFields(false), true)(record);
    expect(terminal.replace(/\r\n/g, '')).not.toMatch(RAW_CONTROL);
    expect(terminal).toContain('evil\\x1b[31m');
    const piped = recordSerialiser('csv', recordFields(false), false)(record);
    expect(piped).toContain('evil\u001b[31m');
  });
});

describe('--rejects file', () => {
  it('blanks email addresses but keeps handles', () => {
    expect(redactEmails('@ana, ana.b@example.co.uk; <x@y.org> @ben')).toBe('@ana, [email removed]; <[email removed]> @ben');
  });

  it('blanks emails quickly even in a megabyte of "@"', () => {
    const huge = `${'a@'.repeat(500_000)}b.com`;
    expect(redactEmails(huge)).toBe(huge);
  });

  it('writes one spreadsheet-safe row per skipped row', async () => {
    const text = await collect(async (out) => {
      const sink = createRejectsSink(out);
      await sink.write({ code: 'MISSING_HANDLE', file: 'f.csv', line: 3, detail: 'no handle', cells: ['=1+1', 'a@b.com'] });
      await sink.write({ code: 'MALFORMED_ROW', file: 'f.csv', line: 9, raw: '-2,"open' });
      await sink.end();
    });
    expect(text.split('\r\n')).toEqual([
      'file,line,code,detail,text,cells',
      'f.csv,3,MISSING_HANDLE,no handle,,"[""=1+1"",""[email removed]""]"',
      `f.csv,9,MALFORMED_ROW,,"'-2,""open",`,
      '',
    ]);
  });
});
