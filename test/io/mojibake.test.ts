import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { repairMojibake } from '../../src/io/mojibake.js';

/** What Meta's exporter does: each UTF-8 byte written as the code point of the same value. */
const mojibake = (s: string) => Buffer.from(s, 'utf8').toString('latin1');

describe('repairMojibake', () => {
  it('repairs accents and emoji escaped byte by byte', () => {
    expect(repairMojibake('cafÃ©')).toBe('café');
    expect(repairMojibake('\u00c3\u00a9t\u00c3\u00a9')).toBe('été');
    expect(repairMojibake('ð\u009f\u0098\u008a reads')).toBe('😊 reads');
  });

  it('leaves genuine Latin-1 text alone (its bytes are not valid UTF-8)', () => {
    expect(repairMojibake('café')).toBe('café');
    expect(repairMojibake('Ãx')).toBe('Ãx');
  });

  it('leaves text with characters beyond Latin-1, and plain ASCII, alone', () => {
    expect(repairMojibake('cafÃ© 😊')).toBe('cafÃ© 😊');
    expect(repairMojibake('Ã©日本')).toBe('Ã©日本');
    expect(repairMojibake('maya_reads')).toBe('maya_reads');
  });

  it('undoes the exporter for any text', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme' }), (s) => repairMojibake(mojibake(s)) === s));
  });

  it('only changes text whose repair round-trips to the same bytes', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.integer({ min: 0, max: 0xff }).map((c) => String.fromCharCode(c)) }), (s) => {
        const fixed = repairMojibake(s);
        return fixed === s || mojibake(fixed) === s;
      }),
    );
  });
});
