import { describe, expect, it } from 'vitest';
import { FERNLEAF, OAT, runCli } from '../helpers/run-cli.js';

describe('deterministic JSON', () => {
  it('gives byte-identical reports for the same inputs, values and --as-of, whatever the machine locale and time zone', () => {
    const args = ['audit', FERNLEAF.export, OAT.export, '--values', FERNLEAF.values, '--interactions', FERNLEAF.interactions, '--as-of', '2026-11-01', '--format', 'json', '--include-followers'];
    const first = runCli(args, { env: { TZ: 'UTC', LANG: 'C', LC_ALL: 'C' } });
    const second = runCli(args, { env: { TZ: 'Pacific/Chatham', LANG: 'tr_TR.UTF-8', LC_ALL: 'tr_TR.UTF-8' } });
    expect(first.code).toBe(0);
    expect(second.code).toBe(0);
    expect(first.stdout.length).toBeGreaterThan(10_000);
    expect(Buffer.from(second.stdout)).toEqual(Buffer.from(first.stdout));
  });

  it('gives byte-identical per-follower NDJSON across runs', () => {
    const args = ['audit', OAT.export, '--values', OAT.values, '--interactions', OAT.interactions, '--as-of', '2026-11-01', '--format', 'ndjson'];
    const first = runCli(args);
    const second = runCli(args, { env: { TZ: 'America/St_Johns' } });
    expect(first.stdout.length).toBeGreaterThan(1000);
    expect(second.stdout).toBe(first.stdout);
  });
});
