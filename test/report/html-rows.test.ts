import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scriptSafeJson } from '../../src/report/html-rows.js';

describe('scriptSafeJson', () => {
  it('never holds a character that could end a script element or start markup, and parses back to the same value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.string(), (value, text) => {
        const json = scriptSafeJson([value, text, '</script><!--', '\u2028\u2029&']);
        expect(json).not.toMatch(/[<>&\u2028\u2029]/);
        expect(JSON.parse(json)).toEqual(JSON.parse(JSON.stringify([value, text, '</script><!--', '\u2028\u2029&'])));
      }),
      { numRuns: 300 },
    );
  });
});
