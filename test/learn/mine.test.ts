import { describe, expect, it } from 'vitest';
import { classify } from '../../src/classify.js';
import { emptyEngagement, type Follower } from '../../src/follower.js';
import { mineCandidates } from '../../src/learn/mine.js';
import type { LabelledPerson } from '../../src/learn/people.js';
import { compileValues } from '../../src/values/compile.js';
import { valuesFileSchema } from '../../src/values/schema.js';

const file = valuesFileSchema.parse({ brand: 'B', values: [{ name: 'v', terms: ['placeholder'] }] });
const asOf = new Date('2026-12-01');

function person(handle: string, bio: string, name = 'Ana Lee'): LabelledPerson {
  const follower: Follower = { key: handle, handle, name, bio, engagement: emptyEngagement(), source: { file: 'x', line: 1 } };
  return { follower, label: 'aligned', before: classify(follower, { values: compileValues(file), asOf }) };
}

describe('mineCandidates', () => {
  const mined = (bios: string[], minPeople = 3) =>
    mineCandidates(
      bios.map((b, i) => person(`p${i}`, b)),
      file,
      { minPeople, minLength: 3 },
    );

  it('keeps words and phrases used by at least minPeople people, counted once per person', () => {
    const terms = mined(['Composting fan. composting daily', 'Composting at home', 'Loves composting', 'Gardener']).map((c) => c.term);
    expect(terms).toContain('composting');
    expect(terms).not.toContain('gardener');
    expect(mined(['Composting, composting, composting', 'composting', 'gardener']).map((c) => c.term)).not.toContain('composting');
  });

  it('never mines stop words, numbers, dates, words inside @handles or display names', () => {
    const bios = ['The 2024 vote with @greenparty since 12/05/2023', 'The 2024 vote with @greenparty since 12/05/2023', 'The 2024 vote with @greenparty since 12/05/2023'];
    const terms = mined(bios).map((c) => c.term);
    expect(terms.filter((t) => /\d/.test(t))).toEqual([]);
    expect(terms).not.toContain('the');
    expect(terms).not.toContain('greenparty');
    expect(terms).not.toContain('green');
    expect(terms).not.toContain('lee');
    expect(terms).toContain('vote');
  });

  it('reads hashtags and CamelCase as the audit does, and does not count negated or quoted uses', () => {
    const c = mined(['#ZeroWaste life', 'zerowaste forever', 'ZeroWaste mum', 'not zero waste', 'so-called "zero waste"']);
    const zw = c.find((x) => x.term === 'zerowaste');
    expect(zw?.people).toEqual([0, 1, 2]);
    const phrase = c.find((x) => x.term === 'zero waste');
    expect(phrase?.people ?? []).not.toContain(3);
    expect(phrase?.people ?? []).not.toContain(4);
  });
});

describe('selectChanges', () => {
  it('proposes dropping a term whose matches land on people labelled otherwise, and moves them right', async () => {
    const { selectChanges, DEFAULT_LEARN } = await import('../../src/learn/proposals.js');
    const values = valuesFileSchema.parse({ brand: 'B', values: [{ name: 'v', terms: ['bookworm', 'coffee'] }] });
    const make = (handle: string, bio: string, label: 'aligned' | 'neutral'): LabelledPerson => {
      const follower: Follower = { key: handle, handle, bio, engagement: emptyEngagement(), source: { file: 'x', line: 1 } };
      return { follower, label, before: classify(follower, { values: compileValues(values), asOf }) };
    };
    const people = [
      make('a', 'Bookworm', 'aligned'),
      make('b', 'Coffee addict', 'neutral'),
      make('c', 'Coffee and cake', 'neutral'),
      make('d', 'Runs on coffee', 'neutral'),
      make('e', 'Bookworm, coffee', 'aligned'),
    ];
    const chosen = selectChanges(
      people,
      people.map((_, i) => i),
      values,
      asOf,
      DEFAULT_LEARN,
    );
    expect(chosen).toContainEqual({ kind: 'drop-value-term', value: 'v', term: 'coffee' });
    expect(chosen.some((c) => c.kind === 'drop-value-term' && c.term === 'bookworm')).toBe(false);
  });
});
