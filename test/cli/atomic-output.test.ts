import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { BIN, FIXTURES, ROOT, runCli } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-dir.js';

/**
 * Every file kindred writes appears complete or not at all, also when the
 * process is killed mid-run. The audit reads a large export from standard
 * input that is left open, so it is provably mid-run (both outputs half
 * written to their temporary files) when the signal arrives: no race, no
 * timing assumptions.
 */
const VALUES = join(FIXTURES, 'bad-input', 'values.yml');
const ROWS = 60_000;

function exportChunk(from: number, to: number): string {
  let s = '';
  for (let i = from; i < to; i++) s += `@follower_${i},Follower ${i},"bookworm and reader, shop local fan #${i}",${i % 50}\n`;
  return s;
}

async function waitFor(what: string, check: () => boolean, child: ChildProcess): Promise<void> {
  // Bounded: the audit needs well under a second of CPU to get here; 30 s covers a loaded machine.
  for (let i = 0; i < 1500; i++) {
    if (check()) return;
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`kindred exited before ${what}`);
    await sleep(20);
  }
  throw new Error(`timed out waiting for ${what}`);
}

async function killMidRun(signal: NodeJS.Signals) {
  const dir = tempDir('kindred-kill-');
  const output = join(dir, 'followers.csv');
  const followersOut = join(dir, 'followers.ndjson');
  const child = spawn(process.execPath, [BIN, 'audit', '-', '--values', VALUES, '--format', 'csv', '--output', output, '--followers-out', followersOut], {
    cwd: ROOT,
    env: { ...process.env, NO_COLOR: '1' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d) => {
    stderr += d;
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, sig) => resolve({ code, signal: sig })),
  );
  // Writes still buffered when the child dies fail with EPIPE: expected here.
  child.stdin!.on('error', () => undefined);
  child.stdin!.write('handle,name,bio,likes\n');
  for (let i = 0; i < ROWS; i += 10_000) child.stdin!.write(exportChunk(i, i + 10_000));
  // stdin stays open: kindred has read everything so far and waits for more.
  const temps = () => readdirSync(dir).filter((f) => f.endsWith('.tmp'));
  await waitFor(
    'both outputs to be half written',
    () => {
      const t = temps();
      return t.length === 2 && t.every((f) => statSync(join(dir, f)).size > 64 * 1024);
    },
    child,
  );
  expect(existsSync(output)).toBe(false);
  expect(existsSync(followersOut)).toBe(false);
  child.kill(signal);
  const result = await exited;
  child.stdin!.destroy();
  return { dir, output, followersOut, result, stderr, temps: temps() };
}

describe('atomic outputs when killed mid-run', () => {
  it('SIGTERM: no file at either target and no temporary file left', async () => {
    const r = await killMidRun('SIGTERM');
    expect(r.result.code).toBe(143);
    expect(existsSync(r.output)).toBe(false);
    expect(existsSync(r.followersOut)).toBe(false);
    expect(readdirSync(r.dir)).toEqual([]);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('SIGINT (Ctrl-C): the same', async () => {
    const r = await killMidRun('SIGINT');
    expect(r.result.code).toBe(130);
    expect(readdirSync(r.dir)).toEqual([]);
  });

  it('SIGKILL: no file at either target; the next run writing them removes the temporary files it left, and says so', async () => {
    const r = await killMidRun('SIGKILL');
    expect(r.result.signal).toBe('SIGKILL');
    expect(existsSync(r.output)).toBe(false);
    expect(existsSync(r.followersOut)).toBe(false);
    const left = readdirSync(r.dir);
    expect(left).toHaveLength(2);
    for (const f of left) expect(f).toMatch(/^\.followers\.(csv|ndjson)\.kindred-.+-\d+-\w+\.tmp$/);

    const next = runCli(['audit', '-', '--values', VALUES, '--format', 'csv', '--output', r.output, '--followers-out', r.followersOut], {
      input: `handle,name,bio,likes\n${exportChunk(0, 10)}`,
    });
    expect(next.code).toBe(0);
    for (const f of left) expect(next.stderr).toContain(`removed ${join(r.dir, f)}, a temporary file left by an interrupted run`);
    expect(readdirSync(r.dir).sort()).toEqual(['followers.csv', 'followers.ndjson']);
  });
});
