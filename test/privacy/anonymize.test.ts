import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { createAnonymizer, resolveSalt } from '../../src/privacy/anonymize.js';
import type { Report } from '../../src/report/model.js';
import type { FollowerRecord } from '../../src/report/records.js';

describe('anonymizer', () => {
  const anon = createAnonymizer('salt-1');

  it('gives one pseudonym per person: @Ann, ann and a profile URL are the same follower', () => {
    const h = anon.handle('@Ann');
    expect(h).toMatch(/^anon-[0-9a-f]{16}$/);
    expect(anon.handle('ann')).toBe(h);
    expect(anon.handle('https://x.com/ann')).toBe(h);
    expect(anon.handle('bob')).not.toBe(h);
    expect(createAnonymizer('salt-2').handle('ann')).not.toBe(h);
  });

  it('drops name, email and profile URL from a record, keeping what was decided and why', () => {
    const record = {
      handle: 'ann',
      name: 'Ann Example',
      email: 'ann@example.org',
      profileUrl: 'https://x.com/ann',
      segment: 'advocate',
      reasons: ['value "reading": "bookworm" in bio'],
      file: 'f.csv',
      line: 3,
    } as unknown as FollowerRecord;
    const out = anon.record(record);
    expect(out).toMatchObject({ handle: anon.handle('ann'), name: null, profileUrl: null, segment: 'advocate', reasons: record.reasons, line: 3 });
    expect(out).not.toHaveProperty('email');
  });

  it('hides handles in lists, skipped-row details and quoted cell values of a report', () => {
    const person = { handle: 'ann', name: 'Ann Example', reasons: [], source: { file: 'f.csv', line: 2 } };
    const report = {
      lists: { advocates: [person], nurture: [], qualify: [], dissenters: [], review: [person] },
      dataQuality: {
        skippedSamples: [{ file: 'f.csv', line: 9, code: 'DUPLICATE_HANDLE', detail: '@ann appeared earlier' }],
        warnings: [{ code: 'BAD_COUNT', field: 'followers', count: 1, samples: [{ file: 'f.csv', line: 4, value: 'ann@example.org' }] }],
      },
    } as unknown as Report;
    const text = JSON.stringify(anon.report(report));
    expect(text).not.toMatch(/"ann"|Ann Example|@ann|ann@/);
    expect(text).toContain(anon.handle('ann'));
    expect(text).toContain('DUPLICATE_HANDLE');
  });

  it('needs a salt from the flag or the environment, the flag first', () => {
    expect(resolveSalt('flag', { KINDRED_SALT: 'env' })).toBe('flag');
    expect(resolveSalt(undefined, { KINDRED_SALT: 'env' })).toBe('env');
    expect(() => resolveSalt(undefined, {})).toThrow(UsageError);
    expect(() => resolveSalt(undefined, { KINDRED_SALT: '' })).toThrow(/KINDRED_SALT/);
  });
});
