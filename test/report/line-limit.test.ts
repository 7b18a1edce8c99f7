import { describe, expect, it } from 'vitest';
import { createLineLimit } from '../../src/report/line-limit.js';

const utf8 = new TextEncoder();
const text = (parts: (string | Uint8Array)[]) => parts.map((p) => (typeof p === 'string' ? p : new TextDecoder().decode(p))).join('');

describe('createLineLimit', () => {
  it('passes whole lines up to the limit, cutting a batch at a line end, and counts them', () => {
    const out: (string | Uint8Array)[] = [];
    const limit = createLineLimit(4, (t) => void out.push(t));
    limit.write('a,\n');
    limit.write(utf8.encode('b,\nc,\nd,\ne,\n'));
    limit.write('f,\n');
    expect(text(out)).toBe('a,\nb,\nc,\nd,\n');
    expect(limit.lines).toBe(4);
  });

  it('cuts text and bytes alike, multi-byte characters included', () => {
    for (const encode of [(s: string) => s, (s: string) => utf8.encode(s)]) {
      const out: (string | Uint8Array)[] = [];
      const limit = createLineLimit(2, (t) => void out.push(t));
      limit.write(encode('é\n€\n😀\n'));
      expect(text(out)).toBe('é\n€\n');
      expect(limit.lines).toBe(2);
    }
  });

  it('passes everything under the limit and nothing with a limit of 0', () => {
    const out: (string | Uint8Array)[] = [];
    const all = createLineLimit(100, (t) => void out.push(t));
    all.write('x\ny\n');
    expect(text(out)).toBe('x\ny\n');
    expect(all.lines).toBe(2);
    const none = createLineLimit(0, (t) => void out.push(t));
    none.write('z\n');
    expect(none.lines).toBe(0);
    expect(text(out)).toBe('x\ny\n');
  });

  it('hands back the wait of the write it passes on (backpressure)', async () => {
    const wait = Promise.resolve();
    const limit = createLineLimit(1, () => wait);
    expect(limit.write('a\n')).toBe(wait);
    expect(limit.write('b\n')).toBeUndefined();
  });
});
