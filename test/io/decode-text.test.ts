import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createTolerantUtf8Decoder, decodeTolerantUtf8, utf8SequenceLength } from '../../src/io/decode-text.js';

function decodeInChunks(bytes: Uint8Array, cuts: number[]): string {
  const d = createTolerantUtf8Decoder();
  let out = '';
  let from = 0;
  for (const cut of [...cuts].sort((a, b) => a - b)) {
    out += d.write(bytes.subarray(from, cut));
    from = cut;
  }
  return out + d.write(bytes.subarray(from)) + d.end();
}

describe('tolerant UTF-8 decoding', () => {
  it('reads valid UTF-8 unchanged however the bytes are chunked', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), fc.array(fc.nat()), (s, rawCuts) => {
        const bytes = new TextEncoder().encode(s);
        const cuts = rawCuts.map((c) => c % (bytes.length + 1));
        expect(decodeInChunks(bytes, cuts)).toBe(s);
      }),
    );
  });

  it('reads stray Windows-1252 bytes as such and keeps real UTF-8 intact', () => {
    const bytes = Buffer.concat([Buffer.from('València, ', 'utf8'), Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x20, 0x93, 0x71, 0x94, 0x20, 0x80]), Buffer.from(' ☕', 'utf8')]);
    expect(decodeTolerantUtf8(bytes)).toBe('València, café “q” € ☕');
    for (let cut = 0; cut <= bytes.length; cut++) expect(decodeInChunks(bytes, [cut])).toBe('València, café “q” € ☕');
  });

  it('reads a byte cut off at the very end as Windows-1252 rather than dropping it', () => {
    expect(decodeInChunks(Buffer.from([0x61, 0xc3]), [])).toBe('aÃ');
  });

  it('reads overlong forms, UTF-16 surrogates and code points past U+10FFFF as Windows-1252, never as U+FFFD', () => {
    const cases: [number[], string][] = [
      [[0xed, 0xa0, 0x80], 'í\u00a0€'],
      [[0xe0, 0x80, 0x80], 'à€€'],
      [[0xc0, 0xaf], 'À¯'],
      [[0xf0, 0x80, 0x80, 0x80], 'ð€€€'],
      [[0xf4, 0x90, 0x80, 0x80], 'ô\u0090€€'],
    ];
    for (const [bytes, expected] of cases) {
      const framed = Buffer.concat([Buffer.from('é '), Buffer.from(bytes), Buffer.from(' ☕')]);
      for (let cut = 0; cut <= framed.length; cut++) expect(decodeInChunks(framed, [cut])).toBe(`é ${expected} ☕`);
    }
  });

  it('accepts exactly the well-formed sequences of the Unicode Standard (Table 3-7)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 4 }), (bytes) => {
        const length = utf8SequenceLength(bytes, 0);
        const strict = (end: number) => {
          try {
            return new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, end));
          } catch {
            return undefined;
          }
        };
        // Well-formed: its bytes decode strictly to one character. Not: no prefix of them decodes at all.
        if (length > 0) expect(strict(length)).toHaveLength(length === 4 ? 2 : 1);
        if (length === 0) for (let end = 1; end <= bytes.length; end++) expect(strict(end)).toBeUndefined();
      }),
      { numRuns: 20000 },
    );
  });
});
