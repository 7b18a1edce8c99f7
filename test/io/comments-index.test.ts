import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import '../helpers/fast-check-seed.js';
import { EngagementIndex, EngagementIndexBuilder, MAX_COMMENT_CHARS, MAX_COMMENTS_PER_AUTHOR } from '../../src/io/engagement-index.js';

/** What the index should give back for each author: their first comments in file order, each cut to the bound. */
function expected(ops: readonly { key: string; text: string; at?: number | undefined }[]): Map<string, { text: string; at?: number }[]> {
  const out = new Map<string, { text: string; at?: number }[]>();
  for (const op of ops) {
    const list = out.get(op.key) ?? [];
    out.set(op.key, list);
    const text = cut(op.text);
    if (text.trim() === '' || list.length >= MAX_COMMENTS_PER_AUTHOR) continue;
    list.push(op.at === undefined ? { text } : { text, at: op.at });
  }
  return out;
}

function cut(text: string): string {
  if (text.length <= MAX_COMMENT_CHARS) return text;
  const code = text.charCodeAt(MAX_COMMENT_CHARS - 1);
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? MAX_COMMENT_CHARS - 1 : MAX_COMMENT_CHARS);
}

describe('comment text in the interactions index', () => {
  const op = fc.record({
    key: fc.constantFrom('ann', 'bob', 'maya_reads', 'é'),
    text: fc.oneof(fc.string({ maxLength: 40 }), fc.string({ unit: 'grapheme', minLength: 490, maxLength: 520 })),
    at: fc.option(fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2030, 0, 1) }), { nil: undefined }),
  });

  it('gives back each author’s comments in file order, bounded, the same after a copy to a worker', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), (ops) => {
        const builder = new EngagementIndexBuilder();
        for (const o of ops) builder.addComment(builder.slotOf(o.key), o.text, o.at);
        const index = builder.finish();
        const copy = EngagementIndex.fromData(structuredClone(index.toData()));
        for (const [key, want] of expected(ops)) {
          for (const idx of [index, copy]) {
            const got = idx.commentsOf(idx.lookup(key)).map((c) => (c.at ? { text: c.text, at: c.at.getTime() } : { text: c.text }));
            expect(got).toEqual(want);
          }
        }
      }),
    );
  });

  it('keeps at most MAX_COMMENTS_PER_AUTHOR comments of MAX_COMMENT_CHARS from one prolific author', () => {
    const builder = new EngagementIndexBuilder();
    const slot = builder.slotOf('fan');
    for (let i = 0; i < 1000; i++) builder.addComment(slot, 'x'.repeat(2000), i);
    const index = builder.finish();
    const kept = index.commentsOf(index.lookup('fan'));
    expect(kept).toHaveLength(MAX_COMMENTS_PER_AUTHOR);
    for (const c of kept) expect(c.text).toHaveLength(MAX_COMMENT_CHARS);
    expect(index.toData().comments!.bytes.length).toBe(MAX_COMMENTS_PER_AUTHOR * MAX_COMMENT_CHARS);
  });

  it('holds no comment arrays for a log without text', () => {
    const builder = new EngagementIndexBuilder();
    builder.add(builder.slotOf('ann'), 'like', 1, 0);
    expect(builder.finish().toData().comments).toBeNull();
  });
});
