import { describe, expect, it } from 'vitest';
import { scoreAlignment } from '../../src/scoring/alignment.js';
import { follower, values } from '../helpers/values.js';

describe('alignment', () => {
  const cv = values();

  it('adds value weights once per value', () => {
    const cvw = values({ values: [{ name: 'a', weight: 2, terms: ['alpha', 'aleph'] }, { name: 'b', weight: 0.5, terms: ['beta'] }] });
    const a = scoreAlignment(follower({ bio: 'alpha aleph beta' }), cvw);
    expect(a.score).toBe(2.5);
    expect(a.values.map((v) => v.name)).toEqual(['a', 'b']);
  });

  it('never makes a location alone into alignment', () => {
    const a = scoreAlignment(follower({ location: 'Bristol, UK' }), cv);
    expect(a.score).toBe(0);
    expect(a.aligned).toBe(false);
  });

  it('lets a location strengthen existing alignment', () => {
    const a = scoreAlignment(follower({ bio: 'teacher and reader', location: 'Bristol' }), cv);
    expect(a.score).toBe(1 + 0.5 + 0.25);
  });

  it('treats hostility to a value as a conflict, and a plain negation as nothing', () => {
    expect(scoreAlignment(follower({ bio: 'anti book club' }), cv).conflicts).toEqual([
      expect.objectContaining({ source: 'hostility', name: 'reading' }),
    ]);
    const negated = scoreAlignment(follower({ bio: 'not a reader' }), cv);
    expect(negated.conflicts).toEqual([]);
    expect(negated.score).toBe(0);
    expect(negated.negated[0]).toMatchObject({ target: 'reading', cue: 'negator', word: 'not' });
  });

  it('does not count a negated red flag as a conflict', () => {
    const a = scoreAlignment(follower({ bio: 'against free pdf sites' }), cv);
    expect(a.conflicts).toEqual([]);
  });

  it('records where each term was found', () => {
    const a = scoreAlignment(follower({ headline: 'Bookworm', name: 'Ann | follow back' }), cv);
    expect(a.values[0]?.evidence).toMatchObject({ term: 'bookworm', field: 'headline' });
    expect(a.conflicts[0]).toMatchObject({ name: 'spam', kind: 'spam', evidence: { field: 'name' } });
  });

  it('does not treat a display name alone as profile text', () => {
    expect(scoreAlignment(follower({ name: 'Ann Reader' }), cv).hasText).toBe(false);
  });
});

describe('alignment: stance (issue #17)', () => {
  const cause = values({
    values: [
      { name: 'secular society', terms: ['secular', 'humanist'] },
      { name: 'science', terms: ['scientist'] },
    ],
    idealCustomer: { terms: ['teacher'], locations: ['Leeds'] },
    redFlags: [{ name: 'religious rule', terms: ['theocracy'], opposes: 'secular society' }],
  });

  it('reads hostility to a red flag as support for the value it opposes', () => {
    const a = scoreAlignment(follower({ bio: 'Nurse. #NoTheocracy' }), cause);
    expect(a.conflicts).toEqual([]);
    expect(a.values).toEqual([expect.objectContaining({ name: 'secular society', against: 'religious rule' })]);
    expect(a.aligned).toBe(true);
  });

  it("never reads a red flag, a value or a role inside another account's @handle (issue #16, item 8)", () => {
    const a = scoreAlignment(follower({ bio: 'Inspired by @NoTheocracyNow, @secular_sam and @TeacherTom' }), cause);
    expect(a.conflicts).toEqual([]);
    expect(a.values).toEqual([]);
    expect(a.ideal).toBeUndefined();
    expect(a.negated.map((n) => n.cue)).toEqual(['handle', 'handle']);
  });

  it('leaves a red flag without opposes merely cancelled', () => {
    const plain = values({ redFlags: [{ name: 'piracy', terms: ['free pdf'] }] });
    const a = scoreAlignment(follower({ bio: 'against free pdf sites' }), plain);
    expect(a.values).toEqual([]);
    expect(a.conflicts).toEqual([]);
  });

  it('weighs a value against a red flag by what the person claims for themselves', () => {
    const claims = scoreAlignment(follower({ bio: "I'm a humanist; my sister wants a theocracy" }), cause);
    expect(claims.conflicts).toEqual([]);
    expect(claims.outweighed).toEqual([expect.objectContaining({ name: 'religious rule' })]);
    // One mention each, no claim: the conflict stands, as before.
    const tie = scoreAlignment(follower({ bio: 'secular theocracy podcast' }), cause);
    expect(tie.conflicts).toEqual([expect.objectContaining({ name: 'religious rule' })]);
    expect(tie.outweighed).toEqual([]);
  });

  it('counts an ideal-customer role in an ideal location as aligned, and says so in the score', () => {
    const a = scoreAlignment(follower({ bio: 'Primary teacher', location: 'Leeds, UK' }), cause);
    expect(a.values).toEqual([]);
    expect(a.aligned).toBe(true);
    expect(a.score).toBe(1);
    const off = values({ ...{ idealCustomer: { terms: ['teacher'], locations: ['Leeds'] } }, scoring: { idealFitAligns: false } });
    expect(scoreAlignment(follower({ bio: 'Primary teacher', location: 'Leeds' }), off).aligned).toBe(false);
    // A role alone, or a place alone, is not enough.
    expect(scoreAlignment(follower({ bio: 'Primary teacher', location: 'York' }), cause).aligned).toBe(false);
  });
});
