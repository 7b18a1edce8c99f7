import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { Proposal } from '../../src/learn/learn.js';
import type { Change } from '../../src/learn/proposals.js';
import { writeLearnedValues } from '../../src/learn/write-values.js';
import { valuesFileSchema } from '../../src/values/schema.js';

const proposal = (change: Change): Proposal => ({
  change,
  usedBy: { aligned: 4, opposed: 1, neutral: 0 },
  movesRight: ['a', 'b', 'c'],
  movesWrong: [],
  heldOut: { right: 3, wrong: 1, folds: 4 },
  kept: true,
});

const yamlSource = `# our values, written by hand
brand: B
values:
  - name: reading
    terms: [bookworm, "book club*"] # keep this note
redFlags:
  - name: piracy
    terms: [free pdf, pirated]
`;

describe('writeLearnedValues', () => {
  it("adds and drops terms with their evidence as comments, keeping the user's comments, and stays valid", () => {
    const text = writeLearnedValues(yamlSource, [
      proposal({ kind: 'add-value-term', value: 'reading', term: 'tbr pile' }),
      proposal({ kind: 'add-red-flag-term', redFlag: 'piracy', term: 'epub' }),
      proposal({ kind: 'drop-red-flag-term', redFlag: 'piracy', term: 'pirated' }),
    ]);
    expect(text).toContain('# our values, written by hand');
    expect(text).toMatch(/- tbr pile # learned: used by 4 aligned, 1 opposed, 0 neutral .* moved 3 right, 1 wrong/);
    expect(text).toMatch(/- epub # learned:/);
    expect(text).toMatch(/# dropped by kindred learn: "pirated"/);
    const file = valuesFileSchema.parse(parse(text));
    expect(file.values[0]!.terms).toEqual(['bookworm', 'book club*', 'tbr pile']);
    expect(file.redFlags[0]!.terms).toEqual(['free pdf', 'epub']);
  });

  it('writes a JSON values file as block YAML with the same content', () => {
    const json = JSON.stringify({ brand: 'B', values: [{ name: 'v', terms: ['one'] }] });
    const text = writeLearnedValues(json, [proposal({ kind: 'add-value-term', value: 'v', term: 'two' })]);
    expect(text).not.toContain('{');
    expect(valuesFileSchema.parse(parse(text)).values[0]!.terms).toEqual(['one', 'two']);
  });

  it('never adds to a value or red flag the file does not name', () => {
    const text = writeLearnedValues(yamlSource, [proposal({ kind: 'add-value-term', value: 'invented', term: 'x' })]);
    expect(parse(text)).toEqual(parse(yamlSource));
  });
});
