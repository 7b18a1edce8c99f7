import { describe, expect, it } from 'vitest';
import { measureAgreement, predictedLabel } from '../../src/learn/agreement.js';
import { labelOf } from '../../src/learn/labels.js';
import { applyChanges, foldsOf } from '../../src/learn/proposals.js';
import { valuesFileSchema } from '../../src/values/schema.js';

describe('labels', () => {
  it('accepts the three labels and the segment names, in any case, and nothing else', () => {
    expect(['aligned', 'Opposed', ' neutral '].map(labelOf)).toEqual(['aligned', 'opposed', 'neutral']);
    expect(['advocate', 'potential', 'passive', 'misaligned'].map(labelOf)).toEqual(['aligned', 'aligned', 'neutral', 'opposed']);
    expect(['fan', '', 'align', 'yes'].map(labelOf)).toEqual([undefined, undefined, undefined, undefined]);
  });

  it('reads the audit verdict as a label by its rule: engagement alone is not a values match', () => {
    expect(predictedLabel({ rule: 'engaged-unaligned', segment: 'potential' })).toBe('neutral');
    expect(predictedLabel({ rule: 'aligned-quiet', segment: 'potential' })).toBe('aligned');
    expect(predictedLabel({ rule: 'conflict', segment: 'misaligned' })).toBe('opposed');
    expect(predictedLabel({ rule: 'override', segment: 'passive' })).toBe('neutral');
  });
});

describe('measureAgreement', () => {
  it('gives precision and recall per label from the pairs', () => {
    const a = measureAgreement([
      { truth: 'aligned', predicted: 'aligned' },
      { truth: 'aligned', predicted: 'neutral' },
      { truth: 'neutral', predicted: 'neutral' },
      { truth: 'opposed', predicted: 'aligned' },
    ]);
    expect(a).toMatchObject({ people: 4, agreed: 2, share: 0.5 });
    const aligned = a.perLabel.find((l) => l.label === 'aligned')!;
    expect(aligned).toMatchObject({ labelled: 2, predicted: 2, agreed: 1, precision: 0.5, recall: 0.5 });
    const opposed = a.perLabel.find((l) => l.label === 'opposed')!;
    expect(opposed).toMatchObject({ labelled: 1, predicted: 0, precision: null, recall: 0 });
    // balanced: mean recall of aligned (0.5), opposed (0), neutral (1)
    expect(a.balanced).toBe(0.5);
  });
});

describe('applyChanges', () => {
  const file = valuesFileSchema.parse({
    brand: 'B',
    values: [{ name: 'v', terms: ['one', 'two'] }, { name: 'solo', terms: ['only'] }],
    redFlags: [{ name: 'r', terms: ['bad'] }],
  });

  it('adds and drops terms on a copy, never below one term, never touching the original', () => {
    const changed = applyChanges(file, [
      { kind: 'add-value-term', value: 'v', term: 'three' },
      { kind: 'drop-value-term', value: 'v', term: 'one' },
      { kind: 'drop-value-term', value: 'solo', term: 'only' },
      { kind: 'add-red-flag-term', redFlag: 'r', term: 'worse' },
    ]);
    expect(changed.values.map((v) => v.terms)).toEqual([['two', 'three'], ['only']]);
    expect(changed.redFlags[0]!.terms).toEqual(['bad', 'worse']);
    expect(file.values[0]!.terms).toEqual(['one', 'two']);
  });
});

describe('foldsOf', () => {
  it('puts every person in exactly one fold', () => {
    const folds = foldsOf(23, 5);
    expect(folds).toHaveLength(5);
    expect(folds.flat().sort((a, b) => a - b)).toEqual(Array.from({ length: 23 }, (_, i) => i));
  });
});
