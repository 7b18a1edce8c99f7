import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BIN = join(ROOT, 'bin', 'kindred.js');
export const SAMPLES = join(ROOT, 'samples');
export const FIXTURES = join(ROOT, 'test', 'fixtures');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the built binary as a user would (the test suite runs after `npm run build`).
 * NO_COLOR keeps output plain; `input` is piped to standard input.
 */
export function runCli(args: string[], options: { input?: string | Buffer; env?: NodeJS.ProcessEnv; cwd?: string; timeoutMs?: number } = {}): CliResult {
  if (!existsSync(join(ROOT, 'dist', 'cli', 'main.js'))) throw new Error('run `npm run build` before the CLI tests');
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? ROOT,
    input: options.input ?? '',
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined, ...options.env },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    // A run that could hang (a full disk) is killed instead of stalling the suite: spawnSync blocks the test's own timeout.
    ...(options.timeoutMs ? { timeout: options.timeoutMs } : {}),
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

export const FERNLEAF = {
  export: join(SAMPLES, 'fernleaf', 'followers.csv'),
  values: join(SAMPLES, 'fernleaf', 'values.yml'),
  interactions: join(SAMPLES, 'fernleaf', 'interactions.csv'),
};
export const OAT = {
  export: join(SAMPLES, 'oat-and-ember', 'followers.csv'),
  values: join(SAMPLES, 'oat-and-ember', 'values.json'),
  interactions: join(SAMPLES, 'oat-and-ember', 'interactions.csv'),
};
