import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { audit } from '../src/index.js';
import { FIXTURES } from './helpers/run-cli.js';

describe('programmatic API: skipped rows', () => {
  it('returns every skipped row with file, line and code, and the totals agree', async () => {
    const dir = join(FIXTURES, 'bad-input');
    const { report, followers, skipped } = await audit({ path: join(dir, 'problems.csv'), values: join(dir, 'values.yml'), asOf: '2026-11-01' });
    expect(skipped.map((s) => `${s.line}:${s.code}`)).toEqual(['3:MISSING_HANDLE', '4:DUPLICATE_HANDLE', '7:MALFORMED_ROW']);
    expect(followers.length + skipped.length).toBe(report.totals.rowsRead);
  });
});
