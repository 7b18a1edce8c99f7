import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/cli/io.js';
import { createProgress, progressText } from '../../src/cli/progress.js';
import { auditCommand } from '../../src/commands/audit.js';
import { FERNLEAF } from '../helpers/run-cli.js';

function fakeIo(stderrIsTTY: boolean) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let err = '';
  stderr.on('data', (d) => {
    err += String(d);
  });
  stdout.resume();
  const io: CliIo = { stdout, stderr, stdin: new PassThrough(), stdoutIsTTY: false, stderrIsTTY, stdinIsTTY: false, env: {}, columns: 100 };
  return { io, stderr: () => err };
}

const base = { values: FERNLEAF.values, format: 'json', platform: 'auto', top: 5, asOf: '2026-11-01', progressDelayMs: 0 };

describe('progress line', () => {
  it('shows rows, MB, percent, rate and time left when the size is known', () => {
    const text = progressText({ file: '/data/followers.csv', rows: 250_000, bytes: 40e6, size: 160e6 }, 10);
    expect(text).toBe('kindred: followers.csv  250,000 rows  40.0/160.0 MB  25%  25,000 rows/s  0:30 left');
  });

  it('shows no percent or time left when the size is unknown (standard input)', () => {
    expect(progressText({ file: '-', rows: 1000, bytes: 2e6 }, 2)).toBe('kindred: -  1,000 rows  2.0 MB  500 rows/s');
  });

  it('waits before showing, redraws at most once an interval, and clears itself', () => {
    let t = 0;
    const { io, stderr } = fakeIo(true);
    const p = createProgress(io, { delayMs: 1000, intervalMs: 200, now: () => t });
    const at = (ms: number, rows: number) => {
      t = ms;
      p.update({ file: 'f.csv', rows, bytes: rows * 100, size: 1e6 });
    };
    at(500, 10);
    expect(stderr()).toBe('');
    at(1000, 20);
    at(1100, 30);
    at(1250, 40);
    const draws = stderr().split('\r\x1b[2K').filter(Boolean);
    expect(draws.map((d) => d.match(/(\d+) rows/)?.[1])).toEqual(['20', '40']);
    p.done();
    expect(stderr().endsWith('\r\x1b[2K')).toBe(true);
  });

  it('is drawn on a terminal during an audit and cleared before the end', async () => {
    const { io, stderr } = fakeIo(true);
    await auditCommand([FERNLEAF.export], base, io);
    expect(stderr()).toContain('rows');
    expect(stderr().endsWith('\r\x1b[2K')).toBe(true);
  });

  it('is absent off a terminal and with --quiet', async () => {
    const off = fakeIo(false);
    await auditCommand([FERNLEAF.export], base, off.io);
    expect(off.stderr()).not.toContain('rows');
    const quiet = fakeIo(true);
    await auditCommand([FERNLEAF.export], { ...base, quiet: true }, quiet.io);
    expect(quiet.stderr()).toBe('');
  });
});
