import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/report/model.js';
import { FERNLEAF, FIXTURES, runCli } from '../helpers/run-cli.js';

/** Nothing the user gave is silently ignored: unused columns, an email standing in for a handle, a forced --platform that does not fit. */

const klaviyo = [join(FIXTURES, 'email-list', 'klaviyo-profiles.csv'), '--values', join(FIXTURES, 'values.yml'), '--as-of', '2026-11-01'];
const fernleaf = [FERNLEAF.export, '--values', FERNLEAF.values, '--as-of', '2026-11-01'];

function auditJson(args: string[]): Report {
  const r = runCli(['audit', ...args, '--format', 'json']);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as Report;
}

describe('columns present but not used', () => {
  it('are listed per input in JSON and in the data-quality section of every human format', () => {
    const r = auditJson(klaviyo);
    expect(r.inputs[0]!.unusedColumns).toEqual(['Phone Number', 'Country', 'Tags']);
    // Every column is either read as a field or listed as not used.
    expect(r.inputs[0]!.unusedColumns.length + r.inputs[0]!.fields.length).toBe(r.inputs[0]!.columns.length);
    expect(runCli(['audit', ...klaviyo]).stdout).toContain('not used: "Phone Number", "Country", "Tags"');
    expect(runCli(['audit', ...klaviyo, '--format', 'markdown']).stdout).toContain('| Phone Number, Country, Tags |');
    expect(runCli(['audit', ...klaviyo, '--format', 'html']).stdout).toContain('<th>columns not used</th><td>Phone Number, Country, Tags</td>');
  });

  it('is an empty list when every column is read', () => {
    expect(auditJson(fernleaf).inputs[0]!.unusedColumns).toEqual([]);
  });
});

describe('an email column that identifies followers', () => {
  it('says so, naming the column', () => {
    const f = auditJson(klaviyo).findings.find((x) => x.code === 'EMAIL_IDENTITY');
    expect(f?.message).toContain('identified by their email ("Email")');
    expect(auditJson(fernleaf).findings.map((x) => x.code)).not.toContain('EMAIL_IDENTITY');
  });
});

describe('a forced --platform', () => {
  it('on a file that does not fit says it does not fit, and what the file looks like', () => {
    const r = auditJson([...fernleaf, '--platform', 'linkedin']);
    const f = r.findings.find((x) => x.code === 'PLATFORM_MISMATCH');
    expect(f?.message).toContain('does not look like LinkedIn Connections.csv (it looks like CSV/TSV with recognised column names)');
    expect(runCli(['audit', ...fernleaf, '--platform', 'linkedin']).stdout).toContain('does not look like LinkedIn');
  });

  it('that fits, or auto-detection, says nothing', () => {
    expect(auditJson([...fernleaf, '--platform', 'csv']).findings.map((x) => x.code)).not.toContain('PLATFORM_MISMATCH');
    expect(auditJson(fernleaf).findings.map((x) => x.code)).not.toContain('PLATFORM_MISMATCH');
  });
});
