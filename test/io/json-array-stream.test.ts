import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { type JsonArrayStreamOptions, type JsonElement, streamJsonArray } from '../../src/io/json-array-stream.js';

async function* chunked(text: string, size: number): AsyncGenerator<string> {
  for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
}

async function collect(text: string, options: Partial<JsonArrayStreamOptions> = {}, size = 7): Promise<JsonElement[]> {
  const out: JsonElement[] = [];
  for await (const el of streamJsonArray(chunked(text, size), { file: 'f.json', ...options })) out.push(el);
  return out;
}

const values = (els: JsonElement[]) => els.map((e) => (e.ok ? e.value : { error: true }));

describe('streamJsonArray', () => {
  it('yields the elements of a top-level list with the line each starts on', async () => {
    const text = '[\n  {"a": 1},\n  {"b": [2, 3]},\n  "x"\n]\n';
    const els = await collect(text);
    expect(values(els)).toEqual([{ a: 1 }, { b: [2, 3] }, 'x']);
    expect(els.map((e) => e.line)).toEqual([2, 3, 4]);
  });

  it('gives the same elements as JSON.parse whatever the chunk boundaries', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.jsonValue()), fc.integer({ min: 1, max: 40 }), fc.boolean(), async (list, size, pretty) => {
        const text = JSON.stringify(list, null, pretty ? 2 : undefined);
        const els = await collect(text, {}, size);
        expect(values(els)).toEqual(JSON.parse(text));
      }),
      { numRuns: 200 },
    );
  });

  it('keeps brackets, commas and escaped quotes inside strings as text', async () => {
    const text = '[{"t": "a ] b, \\"c\\" [ {"}, "\\\\"]';
    expect(values(await collect(text, {}, 1))).toEqual([{ t: 'a ] b, "c" [ {' }, '\\']);
  });

  it('reads the list under a wrapper key, skipping other keys', async () => {
    const text = '{"other": [1, 2], "note": "[", "relationships_followers": [{"v": 1}, {"v": 2}], "after": [9]}';
    expect(values(await collect(text, { wrapperKeys: ['relationships_followers'] }, 3))).toEqual([{ v: 1 }, { v: 2 }]);
  });

  it('names the keys it found when the wrapper key is missing', async () => {
    const err = await collect('{"relationships_unfollowed_users": []}', { wrapperKeys: ['relationships_followers'] }).catch((e) => e);
    expect(err).toBeInstanceOf(InputError);
    expect(err.message).toContain('"relationships_unfollowed_users"');
  });

  it('skips a JavaScript assignment up to the first "=", whatever the variable is called', async () => {
    const text = 'window.YTD.follower.part3 = [\n  {"follower": {"userLink": "https://x.com/a?b=c"}}\n]';
    const els = await collect(text, { assignment: true });
    expect(values(els)).toEqual([{ follower: { userLink: 'https://x.com/a?b=c' } }]);
    expect(els[0]!.line).toBe(2);
  });

  it('reads an empty list', async () => {
    expect(await collect('window.YTD.follower.part0 = [ ]', { assignment: true })).toEqual([]);
    expect(await collect('[]')).toEqual([]);
  });

  it('reports an element that is not valid JSON and goes on', async () => {
    const els = await collect('[{"a": 1}, {"a": tru}, {"a": 3}]');
    expect(els.map((e) => e.ok)).toEqual([true, false, true]);
    expect(values(els)[2]).toEqual({ a: 3 });
    expect(els[1]!.index).toBe(1);
  });

  it('refuses a cut-off file, with the line it ends on', async () => {
    const err = await collect('[\n  {"a": 1},\n  {"a": 2').catch((e) => e);
    expect(err).toBeInstanceOf(InputError);
    expect(err.message).toMatch(/ends at line 3 .*cut off/);
  });

  it('refuses text that is not a list, and mismatched brackets', async () => {
    await expect(collect('hello')).rejects.toThrow(/expected a JSON list/);
    await expect(collect('[{"a": 1]]')).rejects.toThrow(/damaged/);
    await expect(collect('no assignment here', { assignment: true })).rejects.toThrow(/no "=" found/);
  });
});

describe('streamJsonArray limits', () => {
  const limits = { cell: 10, row: 40 };
  const entries = (els: JsonElement[]) => els.map((e) => (e.ok ? e.value : e.tooLarge ? { tooLarge: e.error.split(' ')[1] } : { error: true }));

  it('skips an entry past the entry limit or with a text past the text limit, and reads the next', async () => {
    const text = `[{"a":1},[${'1,'.repeat(30)}1],{"b":"${'x'.repeat(11)}"},{"c":"${'x'.repeat(10)}"},{"${'k'.repeat(11)}":1}]`;
    for (const size of [1, 3, 7, 1000]) {
      const els = await collect(text, { limits }, size);
      expect(entries(els)).toEqual([{ a: 1 }, { tooLarge: 'entry' }, { tooLarge: 'text' }, { c: 'x'.repeat(10) }, { tooLarge: 'text' }]);
      expect(els.map((e) => e.index)).toEqual([0, 1, 2, 3, 4]);
    }
  });

  it('does not hold an endless string: a 64 MB string in 64 KB chunks costs its entry only', { timeout: 60_000 }, async () => {
    async function* endless(): AsyncGenerator<string> {
      yield '[{"a":1},{"bio":"';
      const chunk = 'y'.repeat(64 * 1024);
      for (let i = 0; i < 1024; i++) yield chunk;
      yield '"},{"b":2}]';
    }
    const out: JsonElement[] = [];
    for await (const el of streamJsonArray(endless(), { file: 'f.json' })) out.push(el);
    expect(entries(out)).toEqual([{ a: 1 }, { tooLarge: 'entry' }, { b: 2 }]);
  });
});
