import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { closeSync, constants, createReadStream, existsSync, lstatSync, openSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, FERNLEAF, ROOT, runCli } from '../helpers/run-cli.js';
import { mountSmallDisk, type SmallDisk } from '../helpers/small-disk.js';
import { tempDir } from '../helpers/temp-dir.js';

const AUDIT = ['audit', FERNLEAF.export, '--values', FERNLEAF.values, '--interactions', FERNLEAF.interactions, '--as-of', '2026-12-01'];

function expectWriteError(r: { code: number | null; stderr: string }, file: string, cause: string) {
  expect(r.code).toBe(2);
  expect(r.stderr).toContain(`error: ${file}: could not write it: `);
  expect(r.stderr).toContain(cause);
  expect(r.stderr).not.toContain('internal error');
  expect(r.stderr).not.toMatch(/\n\s+at /);
}

/**
 * A full disk: a small tmpfs filled up but for a few kilobytes. Every write
 * error is exit 2 naming the file and the cause, the previous file stays, no
 * temporary file is left, and streaming records never hang (worker threads
 * included: each run is killed after 60 s, so a hang fails instead of stalling the suite).
 */
describe('a full disk', () => {
  let disk: SmallDisk | undefined;
  beforeAll(() => {
    disk = mountSmallDisk();
    disk?.fill();
  });
  afterAll(() => disk?.unmount());

  const cases: [string, string[], string][] = [
    ['JSON report', ['--format', 'json', '-o'], 'report.json'],
    ['HTML report', ['--format', 'html', '-o'], 'report.html'],
    ['NDJSON records, one thread', ['--format', 'ndjson', '--threads', '0', '-o'], 'followers.ndjson'],
    ['NDJSON records, worker threads', ['--format', 'ndjson', '--threads', '2', '--parallel-min-bytes', '0', '--piece-chars', '4000', '-o'], 'followers.ndjson'],
    ['--followers-out, one thread', ['--threads', '0', '--format', 'json', '--followers-out'], 'followers.csv'],
    ['--followers-out, worker threads', ['--threads', '2', '--parallel-min-bytes', '0', '--piece-chars', '4000', '--format', 'json', '--followers-out'], 'followers.csv'],
  ];
  for (const [what, flags, name] of cases) {
    it(`${what}: exit 2 naming the file and ENOSPC; the previous file is untouched`, { timeout: 90_000 }, (ctx) => {
      if (!disk) return ctx.skip();
      const target = join(disk.dir, name);
      writeFileSync(target, 'the previous good file');
      // Generous: a run takes about a second; a hang (what workers did on a full disk) is killed and fails.
      const r = runCli([...AUDIT, ...flags, target], { timeoutMs: 60_000 });
      expectWriteError(r, target, 'the disk is full (ENOSPC); nothing was replaced');
      expect(readFileSync(target, 'utf8')).toBe('the previous good file');
      expect(readdirSync(disk.dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
      rmSync(target);
    });
  }
});

describe('standard output on a full disk (`> /dev/full`)', () => {
  for (const format of ['json', 'ndjson', 'table']) {
    it(`--format ${format}: exit 2 naming standard output and ENOSPC`, { timeout: 90_000 }, (ctx) => {
      if (!existsSync('/dev/full')) return ctx.skip();
      const full = openSync('/dev/full', 'w');
      try {
        const r = spawnSync(process.execPath, [BIN, ...AUDIT, '--format', format], { cwd: ROOT, stdio: ['ignore', full, 'pipe'], encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 60_000 });
        expectWriteError({ code: r.status, stderr: r.stderr }, 'standard output', 'the disk is full (ENOSPC)');
      } finally {
        closeSync(full);
      }
    });
  }
});

describe('outputs that are not regular files', () => {
  it('-o /dev/full: the device is written to (and fails), never replaced', (ctx) => {
    if (!existsSync('/dev/full')) return ctx.skip();
    expectWriteError(runCli([...AUDIT, '--format', 'json', '-o', '/dev/full']), '/dev/full', 'ENOSPC');
    expect(lstatSync('/dev/full').isCharacterDevice()).toBe(true);
  });

  it('-o /dev/stdout writes to standard output (a pipe, as in a shell)', () => {
    // Node gives a child a socket, not a pipe, for standard output: a shell makes the pipe users have.
    const quoted = [process.execPath, BIN, ...AUDIT, '--format', 'json', '-o', '/dev/stdout', '--quiet'].map((a) => `'${a}'`).join(' ');
    const r = spawnSync('bash', ['-c', `set -o pipefail; ${quoted} | cat`], { cwd: ROOT, encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout).brand).toBe('Fernleaf Books');
  });

  it('-o a FIFO (like `-o >(wc -c)`): the report goes through the pipe, the FIFO stays', async () => {
    const dir = tempDir();
    const fifo = join(dir, 'pipe');
    execFileSync('mkfifo', [fifo]);
    // Held open read-write, the FIFO never blocks the reader's open: a kindred that replaced the
    // FIFO instead of writing to it makes this test fail, not hang.
    const keeper = openSync(fifo, constants.O_RDWR);
    const chunks: Buffer[] = [];
    const reader = createReadStream(fifo);
    reader.on('data', (c) => chunks.push(c as Buffer));
    const ended = new Promise<void>((resolve) => reader.on('end', () => resolve()));
    const child = spawn(process.execPath, [BIN, ...AUDIT, '--format', 'json', '-o', fifo], { cwd: ROOT, stdio: 'ignore' });
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    closeSync(keeper);
    await ended;
    expect(code).toBe(0);
    expect(lstatSync(fifo).isFIFO()).toBe(true);
    expect(readdirSync(dir)).toEqual(['pipe']);
    expect(JSON.parse(Buffer.concat(chunks).toString()).brand).toBe('Fernleaf Books');
  });

  it('-o a symbolic link: its target gets the report, the link stays a link', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'real.json'), 'old');
    symlinkSync('real.json', join(dir, 'report.json'));
    const r = runCli([...AUDIT, '--format', 'json', '-o', join(dir, 'report.json')]);
    expect(r.code).toBe(0);
    expect(lstatSync(join(dir, 'report.json')).isSymbolicLink()).toBe(true);
    expect(JSON.parse(readFileSync(join(dir, 'real.json'), 'utf8')).brand).toBe('Fernleaf Books');
    expect(readdirSync(dir).sort()).toEqual(['real.json', 'report.json']);
  });
});

describe('--include-followers streams the records into the JSON report', () => {
  it('-o and standard output: the same bytes, the JSON of the whole report, one record per follower, no scratch file left', () => {
    const dir = tempDir();
    const out = join(dir, 'report.json');
    const toFile = runCli([...AUDIT, '--format', 'json', '--include-followers', '-o', out]);
    expect(toFile.code).toBe(0);
    const text = readFileSync(out, 'utf8');
    const toStdout = runCli([...AUDIT, '--format', 'json', '--include-followers'], { env: { TMPDIR: dir } });
    expect(toStdout.stdout).toBe(text);
    const report = JSON.parse(text);
    expect(`${JSON.stringify(report, null, 2)}\n`).toBe(text);
    expect(report.followers).toHaveLength(report.totals.classified);
    expect(readdirSync(dir)).toEqual(['report.json']);
  });
});
