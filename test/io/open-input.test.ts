import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { looksLikeUtf8, openInput, sniffEncoding } from '../../src/io/open-input.js';

const text = (s: string) => Buffer.from(s, 'utf8');

describe('encoding and binary sniffing', () => {
  it('reads hostile text (escape sequences, backspaces) as text, not binary', () => {
    const hostile = text('handle,bio\n@a,"\u001b[31mred\u001b[0m \u001b[2J\b\b\b \u001b]8;;http://x\u001b\\\\link"\n');
    expect(sniffEncoding(hostile, 'x.csv').encoding).toBe('utf-8');
  });

  it('keeps a stray NUL as data but refuses NUL-filled and random bytes', () => {
    expect(sniffEncoding(Buffer.concat([text('handle,bio\n@a,x'), Buffer.from([0]), text('y\n')]), 'x.csv').encoding).toBe('utf-8');
    expect(() => sniffEncoding(Buffer.concat([text('SQLite format 3'), Buffer.alloc(200)]), 'db.csv')).toThrow(/binary/);
    // A fixed pseudo-random sequence (no seeds that could make the test flaky).
    const noise = Buffer.alloc(4096);
    let x = 12345;
    for (let i = 0; i < noise.length; i++) {
      x = (x * 1103515245 + 12345) & 0x7fffffff;
      noise[i] = x >> 16;
    }
    expect(() => sniffEncoding(noise, 'noise.csv')).toThrow(/binary/);
  });

  it('treats UTF-8 with a few corrupt bytes as UTF-8, and Latin-1 as Windows-1252', () => {
    expect(looksLikeUtf8(Buffer.concat([text('Zoë, Müller, café, crème '), Buffer.from([0xff])]))).toBe(true);
    expect(looksLikeUtf8(Buffer.from('Zo\xeb M\xfcller caf\xe9', 'latin1'))).toBe(false);
    expect(sniffEncoding(Buffer.from('handle\n@zo\xeb\n', 'latin1'), 'x.csv').encoding).toBe('windows-1252');
  });

  it('reads a header longer than the first 64 KB whole, from a file or from standard input', async () => {
    const header = Array.from({ length: 10_000 }, (_, i) => `column ${i}`).join(',');
    const body = `${header}\n${'x,'.repeat(9_999)}x\n`;
    const chunks = body.match(/[\s\S]{1,16384}/g)!.map((s) => Buffer.from(s));
    const input = await openInput('-', Readable.from(chunks));
    expect(input.head.split('\n')[0]).toBe(header);
    let all = '';
    for await (const t of input.text()) all += t;
    expect(all).toBe(body);
  });
});
