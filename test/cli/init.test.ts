import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, FERNLEAF, ROOT, runCli } from '../helpers/run-cli.js';

function tmp(): string {
  return mkdtempSync(join(tmpdir(), 'kindred-init-cli-'));
}

const ANSWERS = {
  brand: 'Fernleaf Books',
  promise: 'An independent bookshop where every reader finds their next favourite book.',
  values: [
    { name: 'reading culture', terms: ['bookworm', 'book club*', '#amreading', 'bibliophile'] },
    { name: 'independent shops', terms: ['#ShopIndie', 'shop local'] },
  ],
  idealCustomer: { roles: ['teacher'], locations: ['Bristol'] },
  spamList: true,
};

describe('kindred init (built binary)', () => {
  it('prints help with examples and the cancel exit code', () => {
    const r = runCli(['init', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Examples:');
    expect(r.stdout).toContain('130');
  });

  it('--yes writes a template that audit accepts', () => {
    const dir = tmp();
    const r = runCli(['init', '--yes'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('wrote kindred.values.yml');
    expect(r.stderr).not.toContain('not a terminal');
    const audit = runCli(['audit', FERNLEAF.export, '--values', join(dir, 'kindred.values.yml'), '--format', 'json', '--as-of', '2026-11-01']);
    expect(audit.code).toBe(0);
    expect(JSON.parse(audit.stdout).brand).toBe('Your Brand');
  });

  it('refuses to overwrite an existing file (exit 2) unless --force', () => {
    const dir = tmp();
    const file = join(dir, 'values.yml');
    writeFileSync(file, 'mine\n');
    const r = runCli(['init', '--yes', '--output', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--force');
    expect(readFileSync(file, 'utf8')).toBe('mine\n');
    expect(runCli(['init', '--yes', '--output', file, '--force']).code).toBe(0);
    expect(readFileSync(file, 'utf8')).toContain('brand: Your Brand');
    expect(readdirSync(dir)).toEqual(['values.yml']);
  });

  it('--answers writes the scripted answers', () => {
    const dir = tmp();
    const answers = join(dir, 'answers.json');
    writeFileSync(answers, JSON.stringify(ANSWERS));
    const r = runCli(['init', '--answers', answers, '--output', join(dir, 'v.yml')]);
    expect(r.code).toBe(0);
    const text = readFileSync(join(dir, 'v.yml'), 'utf8');
    expect(text).toContain('brand: Fernleaf Books');
    expect(text).toContain('kind: spam');
    const audit = runCli(['audit', FERNLEAF.export, '--values', join(dir, 'v.yml'), '--format', 'json', '--as-of', '2026-11-01']);
    expect(JSON.parse(audit.stdout).values.map((v: { name: string }) => v.name)).toEqual(['reading culture', 'independent shops']);
  });

  it('--answers with mistakes names each one and writes nothing', () => {
    const dir = tmp();
    const answers = join(dir, 'answers.json');
    writeFileSync(answers, JSON.stringify({ brand: '', values: [{ name: 'x', terms: [], colour: 1 }, { name: 'y', terms: ['ok', '🙂'] }] }, null, 2));
    const r = runCli(['init', '--answers', answers, '--output', join(dir, 'v.yml')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('answers.json is not valid');
    expect(r.stderr).toMatch(/brand \(line 2, column 3\): name the brand/);
    expect(r.stderr).toMatch(/values\[0\]\.terms \(line \d+, column \d+\): list at least one term/);
    expect(r.stderr).toMatch(/values\[0\]\.colour \(line \d+, column \d+\): unknown field; the fields here are `name`, `terms`, `weight`/);
    expect(r.stderr).toMatch(/values\[1\]\.terms\[1\] \(line \d+, column \d+\): has no letters or digits/);
    expect(existsSync(join(dir, 'v.yml'))).toBe(false);
  });

  it('--from lists frequent uncovered words and previews the audit', () => {
    const dir = tmp();
    const answers = join(dir, 'answers.json');
    writeFileSync(answers, JSON.stringify(ANSWERS));
    const r = runCli(['init', '--answers', answers, '--output', join(dir, 'v.yml'), '--from', FERNLEAF.export]);
    expect(r.code).toBe(0);
    const [suggestions = '', preview = ''] = r.stdout.split('Preview:');
    // Frequent in the sample's bios and not covered by the answers:
    expect(suggestions).toMatch(/#BookTok \(\d+\)/);
    expect(suggestions).toMatch(/\btea \(\d+\)/);
    // Covered by a term (#ShopIndie, bibliophile, book club*): never suggested.
    expect(suggestions).not.toMatch(/#ShopIndie|bibliophile|book club/i);
    expect(preview).toMatch(/potential\s+\d+/);
    expect(preview).toContain('reading culture');
  });

  it('writes the template off a terminal, saying why', () => {
    const dir = tmp();
    const r = runCli(['init'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('not a terminal');
    expect(existsSync(join(dir, 'kindred.values.yml'))).toBe(true);
  });

  it('--from with --map: the "Next:" command carries the --map flags, and runs as printed', () => {
    const dir = tmp();
    // A made-up layout on purpose: no column name kindred knows, so the export needs --map.
    const file = join(dir, 'members list.csv');
    writeFileSync(file, "Member,About me,Kudos\nann_reads,bookworm and book club host,12\nbo_o'hara,trail runner,3\n");
    const answers = join(dir, 'answers.json');
    writeFileSync(answers, JSON.stringify(ANSWERS));
    const output = join(dir, 'v.yml');
    const r = runCli(['init', '--answers', answers, '--output', output, '--from', file, '--map', 'handle=Member', '--map', 'bio=About me']);
    expect(r.code).toBe(0);
    const next = /Next: (kindred audit .*)$/m.exec(r.stdout)?.[1];
    expect(next).toContain("--map handle=Member --map bio='About me'");
    const run = spawnSync('bash', ['-c', next!.replace(/^kindred /, `"${process.execPath}" "${BIN}" `)], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/2 followers classified/);
  });

  it('points editors at a schema that exists: the one shipped with kindred, relative to the file written', () => {
    const dir = tmp();
    const output = join(dir, 'nested', 'v.yml');
    mkdirSync(join(dir, 'nested'));
    const r = runCli(['init', '--yes', '--output', output]);
    expect(r.code).toBe(0);
    const ref = /^# yaml-language-server: \$schema=(\S+)$/m.exec(readFileSync(output, 'utf8'))?.[1];
    expect(ref).toBeDefined();
    expect(ref).not.toMatch(/^https?:/);
    const schema = resolve(dirname(output), ref!);
    expect(schema).toBe(join(ROOT, 'schema', 'values.schema.json'));
    const shipped = JSON.parse(readFileSync(schema, 'utf8'));
    expect(shipped.properties).toEqual(JSON.parse(runCli(['schema']).stdout).properties);
  });
});
