import { describe, expect, it } from 'vitest';
import { compareReports, whyNotComparable } from '../../src/compare/compare.js';
import type { Report } from '../../src/report/model.js';

type Person = [handle: string, segment: string, flags?: string[]];

function report(asOf: string, people: Person[] | undefined, brand = 'Brand'): Report {
  const count = (s: string) => (people ?? []).filter((p) => p[1] === s).length;
  const n = people?.length ?? 0;
  const seg = (s: string) => ({ count: count(s), share: n ? count(s) / n : 0 });
  return {
    brand,
    asOf,
    totals: { rowsRead: n, classified: n, skipped: 0 },
    quality: { score: 50 },
    segments: { advocate: seg('advocate'), potential: seg('potential'), passive: seg('passive'), misaligned: seg('misaligned') },
    ...(people ? { followers: people.map(([handle, segment, flags = []]) => ({ handle, segment, flags })) } : {}),
  } as unknown as Report;
}

const files = { before: 'a.json', after: 'b.json' };

describe('compareReports', () => {
  it('joins people on the normalised handle, whatever the case or @', () => {
    const c = compareReports(report('2026-11-01', [['@Ann', 'advocate'], ['bo', 'potential']]), report('2026-12-01', [['ann', 'advocate'], ['BO', 'advocate']]), files);
    expect(c.followers).toMatchObject({ gained: 0, lost: 0 });
    expect(c.movements!.newAdvocates.map((m) => m.handle)).toEqual(['BO']);
    expect(c.movements!.transitions.potential!.advocate).toBe(1);
  });

  it('tells lost advocates who left from those who turned dissenter or just went quiet', () => {
    const c = compareReports(
      report('2026-11-01', [['ann', 'advocate'], ['bo', 'advocate'], ['cy', 'advocate'], ['di', 'passive']]),
      report('2026-12-01', [['bo', 'misaligned', ['conflict', 'dissenter']], ['cy', 'potential'], ['di', 'passive'], ['ed', 'advocate']]),
      files,
    );
    expect(c.movements!.lostAdvocates.map((m) => [m.handle, m.after])).toEqual([['ann', null], ['bo', 'misaligned'], ['cy', 'potential']]);
    expect(c.movements!.advocatesTurnedDissenter.map((m) => m.handle)).toEqual(['bo']);
    expect(c.movements!.newAdvocates.map((m) => [m.handle, m.before])).toEqual([['ed', null]]);
    expect(c.followers).toMatchObject({ gained: 1, lost: 1, change: 0 });
  });

  it('notes reports that share nobody', () => {
    const c = compareReports(report('2026-11-01', [['ann', 'advocate']]), report('2026-12-01', [['anon-0011', 'advocate']]), files);
    expect(c.notes.join('\n')).toMatch(/no follower appears in both reports/);
  });

  it('refuses two brands and swapped dates; the same brand on the same day is fine', () => {
    const at = (asOf: string, brand: string) => ({ asOf, brand });
    expect(whyNotComparable(at('2026-11-01', 'Fernleaf Books'), at('2026-12-01', 'Oat & Ember'), files)).toMatch(/same brand/);
    expect(whyNotComparable(at('2026-12-01', 'Fernleaf Books'), at('2026-11-01', 'Fernleaf Books'), files)).toMatch(/newer than AFTER .* swapped/);
    expect(whyNotComparable(at('2026-11-01', 'Fernleaf Books'), at('2026-11-01', ' fernleaf books'), files)).toBeUndefined();
  });

  it('without records on one side, compares totals only and says why', () => {
    const c = compareReports(report('2026-11-01', undefined), report('2026-12-01', [['ann', 'advocate']]), files);
    expect(c.movements).toBeNull();
    expect(c.followers.gained).toBeNull();
    expect(c.notes[0]).toMatch(/^BEFORE carries no per-follower records/);
  });
});
