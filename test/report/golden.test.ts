import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';

/**
 * Golden outputs: the Fernleaf sample audited at a fixed --as-of, in every
 * format. Paths are relative to the repository, so nothing in the output
 * depends on the machine; a change to any report shows up as a diff here.
 * Update on purpose with `npx vitest run test/report/golden.test.ts -u`.
 */
const sample = [
  'audit',
  'samples/fernleaf/followers.csv',
  '--values',
  'samples/fernleaf/values.yml',
  '--interactions',
  'samples/fernleaf/interactions.csv',
  '--as-of',
  '2026-11-01',
  '--top',
  '5',
];

const formats = [
  ['table', 'txt'],
  ['json', 'json'],
  ['markdown', 'md'],
  ['html', 'html'],
  ['csv', 'csv'],
  ['ndjson', 'ndjson'],
] as const;

describe('golden reports (fernleaf sample, as of 2026-11-01)', () => {
  for (const [format, ext] of formats) {
    it(`renders ${format} exactly as recorded`, async () => {
      const r = runCli([...sample, '--format', format]);
      expect(r.code).toBe(0);
      expect(r.stderr).toBe('');
      await expect(r.stdout).toMatchFileSnapshot(`../golden/fernleaf.${ext}`);
    });
  }

  it('gives the same bytes on a second run', () => {
    const a = runCli([...sample, '--format', 'html']).stdout;
    const b = runCli([...sample, '--format', 'html']).stdout;
    expect(a).toBe(b);
  });
});
