import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FERNLEAF, FIXTURES, OAT, runCli } from '../helpers/run-cli.js';

const PRIVACY = {
  export: join(FIXTURES, 'privacy', 'followers.csv'),
  interactions: join(FIXTURES, 'privacy', 'interactions.csv'),
};
const EXPORTS = [PRIVACY.export, FERNLEAF.export, OAT.export];
const INTERACTIONS = ['--interactions', PRIVACY.interactions, '--interactions', FERNLEAF.interactions, '--interactions', OAT.interactions];
const base = ['audit', ...EXPORTS, '--values', FERNLEAF.values, ...INTERACTIONS, '--as-of', '2026-11-01'];
const SALT = { KINDRED_SALT: 'test-salt-4f9a' };

/** Every handle, display name, email and profile URL in the inputs, read back through kindred itself. */
function identifiers(): { handles: string[]; names: string[]; emails: string[]; urls: string[] } {
  const r = runCli(['audit', ...EXPORTS, '--values', FERNLEAF.values, '--as-of', '2026-11-01', '--format', 'ndjson', '--include-emails']);
  const records = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
  const inputText = EXPORTS.map((f) => readFileSync(f, 'utf8')).join('\n') + readFileSync(FERNLEAF.values, 'utf8');
  return {
    // Also handles that only appear in skipped rows (duplicates, excluded staff) and in the values file's overrides.
    handles: [...new Set([...records.map((x) => x.handle), 'fernleaf_staff', 'MARISOL_DUNWICH', 'margaret_reads_1952'])],
    names: records.map((x) => x.name).filter((n): n is string => !!n && n.includes(' ')),
    emails: [...inputText.matchAll(/[\w.+-]+@[\w-]+\.[\w.]+/g)].map((m) => m[0]),
    urls: records.map((x) => x.profileUrl).filter((u): u is string => !!u),
  };
}

function leaks(output: string, ids: ReturnType<typeof identifiers>): string[] {
  const lower = output.toLowerCase();
  const found: string[] = [];
  for (const h of ids.handles) {
    // A handle as a whole token: "sam_berg" must not be found inside another word.
    const re = new RegExp(`(^|[^a-z0-9_.])@?${h.toLowerCase().replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^a-z0-9_])`);
    if (re.test(lower)) found.push(h);
  }
  for (const s of [...ids.names, ...ids.emails, ...ids.urls]) if (lower.includes(s.toLowerCase())) found.push(s);
  return found;
}

describe('--anonymize', () => {
  const ids = identifiers();

  it('finds the identifiers it looks for when output is not anonymized (the check can fail)', () => {
    expect(ids.handles.length).toBeGreaterThan(400);
    expect(ids.emails).toContain('quillon.verity@example.org');
    expect(ids.urls.length).toBeGreaterThan(100);
    const plain = runCli([...base, '--format', 'json', '--include-followers']).stdout;
    expect(leaks(plain, ids).length).toBeGreaterThan(400);
  });

  it('leaves no handle, name, email or profile URL in any output: table, JSON, CSV, NDJSON, HTML, batch summary', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kindred-anon-'));
    const outputs: Record<string, string> = {};
    const table = runCli([...base, '--anonymize', '--top', '1000'], { env: SALT });
    expect(table.code).toBe(0);
    outputs.table = table.stdout + table.stderr;
    const json = runCli([...base, '--anonymize', '--format', 'json', '--include-followers', '--top', '1000', '--followers-out', join(dir, 'f.csv')], { env: SALT });
    expect(json.code).toBe(0);
    outputs.json = json.stdout + json.stderr;
    outputs.followersOut = readFileSync(join(dir, 'f.csv'), 'utf8');
    outputs.csv = runCli([...base, '--anonymize', '--format', 'csv'], { env: SALT }).stdout;
    outputs.ndjson = runCli([...base, '--anonymize', '--format', 'ndjson', '--salt', 'flag-salt'], { env: {} }).stdout;
    outputs.html = runCli([...base, '--anonymize', '--format', 'html'], { env: SALT }).stdout;

    const manifest = join(dir, 'batch.yml');
    writeFileSync(
      manifest,
      `asOf: 2026-11-01\nanonymize: true\nformats: [json, table, ndjson]\ntop: 1000\nentries:\n  - name: Everyone\n    exports: [${EXPORTS.join(', ')}]\n    interactions: [${PRIVACY.interactions}, ${FERNLEAF.interactions}]\n    values: ${FERNLEAF.values}\n    output: everyone\n`,
    );
    const batch = runCli(['batch', manifest], { env: SALT });
    expect(batch.code).toBe(0);
    outputs.batch = batch.stdout + batch.stderr;
    for (const f of readdirSync(join(dir, 'everyone'))) outputs[`batch/${f}`] = readFileSync(join(dir, 'everyone', f), 'utf8');
    outputs.summary = readFileSync(join(dir, 'summary.json'), 'utf8') + readFileSync(join(dir, 'summary.csv'), 'utf8');

    for (const [name, text] of Object.entries(outputs)) {
      expect(text.length, name).toBeGreaterThan(100);
      expect(leaks(text, ids), name).toEqual([]);
      expect(text, name).not.toContain('test-salt-4f9a');
    }
    // Still useful: every follower is there, under a pseudonym.
    const report = JSON.parse(json.stdout);
    expect(report.followers).toHaveLength(report.totals.classified);
    for (const f of report.followers) expect(f.handle).toMatch(/^anon-[0-9a-f]{16}$/);
    expect(report.lists.advocates.length).toBeGreaterThan(0);
    expect(report.dataQuality.skippedByCode).toMatchObject({ DUPLICATE_HANDLE: 3, EXCLUDED: 2 });
  });

  it('gives the same pseudonym for the same person across runs with the same salt, a different one with another salt', () => {
    const run = (env: NodeJS.ProcessEnv) => JSON.parse(runCli(['audit', PRIVACY.export, '--values', FERNLEAF.values, '--as-of', '2026-11-01', '--format', 'json', '--include-followers', '--anonymize'], { env }).stdout).followers.map((f: { handle: string }) => f.handle);
    const a = run(SALT);
    expect(run(SALT)).toEqual(a);
    expect(new Set(a).size).toBe(a.length);
    const other = run({ KINDRED_SALT: 'another-salt' });
    expect(other.filter((h: string) => a.includes(h))).toEqual([]);
  });

  it('refuses to run without a salt, and with --include-emails', () => {
    const noSalt = runCli([...base, '--anonymize'], { env: { KINDRED_SALT: '' } });
    expect(noSalt.code).toBe(2);
    expect(noSalt.stderr).toContain('KINDRED_SALT');
    expect(noSalt.stdout).toBe('');
    const both = runCli([...base, '--anonymize', '--include-emails'], { env: SALT });
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('--include-emails');
  });

  it('refuses --rejects with --anonymize: skipped rows are kept as read, names included', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kindred-anon-rejects-'));
    const r = runCli([...base, '--anonymize', '--rejects', join(dir, 'rejects.csv')], { env: SALT });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--rejects');
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('emails', () => {
  it('are never written unless --include-emails is given', () => {
    const args = ['audit', PRIVACY.export, '--values', FERNLEAF.values, '--as-of', '2026-11-01'];
    for (const format of ['table', 'csv', 'ndjson']) expect(runCli([...args, '--format', format]).stdout).not.toContain('@example.');
    expect(runCli([...args, '--format', 'json', '--include-followers']).stdout).not.toContain('@example.');
    expect(runCli([...args, '--format', 'ndjson', '--include-emails']).stdout).toContain('quillon.verity@example.org');
  });
});
