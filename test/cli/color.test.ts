import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { colorLevel } from '../../src/cli/color.js';
import { FERNLEAF, runCli } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-dir.js';

const ANSI = /\u001b\[/;

describe('colorLevel', () => {
  const level = (env: NodeJS.ProcessEnv, stdoutIsTTY = false, extra: { flag?: boolean; toFile?: boolean } = {}) => colorLevel({ env, stdoutIsTTY, ...extra });

  it('follows FORCE_COLOR as chalk does, on or off a terminal', () => {
    expect(level({ FORCE_COLOR: '1' })).toBe(1);
    expect(level({ FORCE_COLOR: '' })).toBe(1);
    expect(level({ FORCE_COLOR: 'true' })).toBe(1);
    expect(level({ FORCE_COLOR: '2' })).toBe(2);
    expect(level({ FORCE_COLOR: '3' })).toBe(3);
    expect(level({ FORCE_COLOR: '0' }, true)).toBe(0);
    expect(level({ FORCE_COLOR: 'false' }, true)).toBe(0);
  });

  it('lets NO_COLOR and --no-color win, and never colours a file', () => {
    expect(level({ FORCE_COLOR: '1', NO_COLOR: '1' }, true)).toBe(0);
    expect(level({ FORCE_COLOR: '1' }, true, { flag: false })).toBe(0);
    expect(level({ FORCE_COLOR: '1' }, true, { toFile: true })).toBe(0);
  });

  it('colours a terminal by default, and nothing else', () => {
    expect(level({}, true)).toBe(1);
    expect(level({}, false)).toBe(0);
    expect(level({ NO_COLOR: '' }, true)).toBe(1);
  });
});

describe('FORCE_COLOR on the command line', () => {
  const audit = (env: NodeJS.ProcessEnv, extra: string[] = []) =>
    runCli(['audit', FERNLEAF.export, '--values', FERNLEAF.values, '--as-of', '2026-11-01', ...extra], { env: { NO_COLOR: undefined, ...env } });

  it('colours the terminal report when standard output is a pipe', () => {
    const r = audit({ FORCE_COLOR: '1' });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(ANSI);
  });

  it('is overruled by NO_COLOR and --no-color, and never reaches a file or a machine format', () => {
    expect(audit({ FORCE_COLOR: '1', NO_COLOR: '1' }).stdout).not.toMatch(ANSI);
    expect(audit({ FORCE_COLOR: '1' }, ['--no-color']).stdout).not.toMatch(ANSI);
    expect(audit({ FORCE_COLOR: '1' }, ['--format', 'json']).stdout).not.toMatch(ANSI);
    const file = join(tempDir(), 'report.txt');
    expect(audit({ FORCE_COLOR: '1' }, ['-o', file]).code).toBe(0);
    expect(readFileSync(file, 'utf8')).not.toMatch(ANSI);
  });

  it('without it, a pipe gets plain text', () => {
    expect(audit({}).stdout).not.toMatch(ANSI);
  });
});
