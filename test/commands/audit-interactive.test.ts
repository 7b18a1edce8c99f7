import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/cli.js';
import type { CliIo } from '../../src/cli/io.js';
import { CancelledError } from '../../src/errors.js';
import type { ColumnPrompter as Prompter } from '../../src/io/prompts.js';
import { FIXTURES } from '../helpers/run-cli.js';

function fakeIo(options: { tty: boolean; prompter?: Prompter }) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d) => {
    out += d;
  });
  stderr.on('data', (d) => {
    err += d;
  });
  const io: CliIo = {
    stdout,
    stderr,
    stdin: Readable.from([]),
    stdoutIsTTY: false,
    stderrIsTTY: options.tty,
    stdinIsTTY: options.tty,
    env: {},
    ...(options.prompter ? { prompter: options.prompter } : {}),
  };
  return { io, out: () => out, err: () => err };
}

function unmappedExport(): string {
  const file = join(mkdtempSync(join(tmpdir(), 'kindred-ask-')), 'export.csv');
  writeFileSync(file, 'Who,About,Hearts\nann,barista and roaster,12\nbo,hiking,3\n');
  return file;
}

const args = (file: string, ...extra: string[]) => ['audit', file, '--values', join(FIXTURES, 'values.yml'), '--as-of', '2026-11-01', '--format', 'json', ...extra];

const answering = (picks: string[]): Prompter => ({
  async select(q) {
    const want = picks.shift();
    const hit = q.choices.find((c) => c.name === want);
    if (!hit) throw new Error(`no choice ${want}`);
    return hit.value;
  },
});

describe('audit: columns that cannot be mapped', () => {
  it('in a terminal, asks which column is which, then runs with the answer', async () => {
    const t = fakeIo({ tty: true, prompter: answering(['Who', 'About', 'Hearts']) });
    expect(await main(args(unmappedExport()), t.io)).toBe(0);
    const report = JSON.parse(t.out());
    expect(report.totals.classified).toBe(2);
    expect(report.inputs[0].fields).toEqual(['bio', 'handle', 'interactions']);
    expect(t.err()).toContain('--map handle=Who --map bio=About --map interactions=Hearts');
  });

  it('with --no-interactive, never asks: exit 2 with the columns found', async () => {
    const prompter: Prompter = {
      select: () => {
        throw new Error('must not ask');
      },
    };
    const t = fakeIo({ tty: true, prompter });
    expect(await main(args(unmappedExport(), '--no-interactive'), t.io)).toBe(2);
    expect(t.err()).toContain('"Who"');
    expect(t.err()).toContain('--map handle=');
    expect(t.out()).toBe('');
  });

  it('off a terminal, never asks', async () => {
    const prompter: Prompter = {
      select: () => {
        throw new Error('must not ask');
      },
    };
    const t = fakeIo({ tty: false, prompter });
    expect(await main(args(unmappedExport()), t.io)).toBe(2);
  });

  it('Ctrl-C at the question exits quietly with 130 and writes nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kindred-ask-'));
    const output = join(dir, 'report.json');
    const prompter: Prompter = {
      select: () => Promise.reject(new CancelledError()),
    };
    const t = fakeIo({ tty: true, prompter });
    expect(await main(args(unmappedExport(), '--output', output), t.io)).toBe(130);
    expect(t.err()).not.toMatch(/error|\n\s+at /i);
    const { existsSync } = await import('node:fs');
    expect(existsSync(output)).toBe(false);
  });
});
