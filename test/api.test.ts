import { describe, expect, it } from 'vitest';
import { audit } from '../src/index.js';
import { FERNLEAF } from './helpers/run-cli.js';

describe('programmatic API', () => {
  it('audits rows in memory', async () => {
    const { report, followers } = await audit({
      rows: [
        { username: 'ann', bio: 'bookworm', replies: '3' },
        { username: 'bob', bio: 'runner' },
      ],
      values: { brand: 'B', values: [{ name: 'reading', terms: ['bookworm'] }] },
      asOf: '2026-11-01',
    });
    expect(report.segments.advocate.count).toBe(1);
    expect(followers.map((f) => [f.handle, f.segment])).toEqual([
      ['ann', 'advocate'],
      ['bob', 'passive'],
    ]);
    expect(report.inputs[0]?.signals.profileText).toBe(true);
  });

  it('audits a file with a values-file path, like the CLI', async () => {
    const { report } = await audit({ path: FERNLEAF.export, values: FERNLEAF.values, interactions: [FERNLEAF.interactions], asOf: '2026-11-01' });
    expect(report.brand).toBe('Fernleaf Books');
    expect(report.totals.rowsRead).toBe(report.totals.classified + report.totals.skipped);
  });
});
