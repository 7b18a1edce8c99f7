import { describe, expect, it } from 'vitest';
import { FERNLEAF, runCli } from '../helpers/run-cli.js';

const fernleaf = ['audit', FERNLEAF.export, '--values', FERNLEAF.values, '--interactions', FERNLEAF.interactions, '--as-of', '2026-11-01', '--format', 'json'];

describe('CI gates on audit', () => {
  const plain = runCli(fernleaf);
  const report = JSON.parse(plain.stdout);

  it('exit 1 naming each missed gate and by how much, with the report unchanged', () => {
    const advocate = Math.round(report.segments.advocate.share * 1000) / 10;
    const r = runCli([...fernleaf, '--min-advocate-share', `${Math.ceil(advocate) + 5}%`, '--max-misaligned-share', '0.01']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(plain.stdout);
    expect(r.stderr).toContain(`gate failed: advocate share ${advocate}% is below --min-advocate-share ${Math.ceil(advocate) + 5}% (short by`);
    expect(r.stderr).toMatch(/misaligned share [\d.]+% is above --max-misaligned-share 1% \(over by [\d.]+ percentage points\)/);
  });

  it('exit 0 when the thresholds are met, in either notation', () => {
    const r = runCli([...fernleaf, '--min-advocate-share', '0.01', '--max-misaligned-share', '50%', '--fail-under', '1']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(plain.stdout);
  });

  it('exit 2 for a share it would have to guess', () => {
    const r = runCli([...fernleaf, '--min-advocate-share', '5']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('ambiguous');
    expect(r.stdout).toBe('');
  });
});
