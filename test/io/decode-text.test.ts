import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createTolerantUtf8Decoder, decodeTolerantUtf8 } from '../../src/io/decode-text.js';

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
});
