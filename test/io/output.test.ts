import { execFileSync, spawnSync } from 'node:child_process';
import { closeSync, constants, createReadStream, existsSync, linkSync, lstatSync, mkdirSync, readdirSync, openSync, readFileSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { openOutput, writeFileAtomic } from '../../src/io/output.js';
import { fileClashes } from '../../src/io/same-file.js';
import { tempDir } from '../helpers/temp-dir.js';
import { mountSmallDisk, type SmallDisk } from '../helpers/small-disk.js';

async function rejection(p: Promise<unknown>): Promise<InputError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(InputError);
  return e as InputError;
}

describe('write errors', () => {
  let disk: SmallDisk | undefined;
  beforeAll(() => {
    disk = mountSmallDisk();
  });
  afterAll(() => disk?.unmount());

  it('a full disk: the commit fails naming the file and the cause, the previous file stays, no temporary file is left', async (ctx) => {
    if (!disk) return ctx.skip();
    const target = join(disk.dir, 'report.json');
    writeFileSync(target, 'the good report');
    disk.fill();
    const e = await rejection(writeFileAtomic(target, 'x'.repeat(256 * 1024)));
    expect(e.file).toBe(target);
    expect(e.message).toContain('ENOSPC');
    expect(e.message).toContain('nothing was replaced');
    expect(readFileSync(target, 'utf8')).toBe('the good report');
    expect(readdirSync(disk.dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('a device that fails every write (/dev/full): an input error, the device is not replaced', async (ctx) => {
    if (!existsSync('/dev/full')) return ctx.skip();
    const e = await rejection(writeFileAtomic('/dev/full', 'x'.repeat(100_000)));
    expect(e.message).toContain('ENOSPC');
    expect(lstatSync('/dev/full').isCharacterDevice()).toBe(true);
  });

  it('a FIFO whose reader went away (EPIPE): an input error, not a crash', async () => {
    const dir = tempDir();
    const fifo = join(dir, 'pipe');
    execFileSync('mkfifo', [fifo]);
    const reader = createReadStream(fifo, { highWaterMark: 16 });
    // The reader takes one chunk and closes its end: the rest has nowhere to go.
    reader.once('data', () => reader.destroy());
    const file = await openOutput(fifo);
    for (let i = 0; i < 64; i++) file.stream.write('y'.repeat(64 * 1024));
    const e = await rejection(file.commit());
    expect(e.message).toContain('EPIPE');
  });
});

describe('targets that are not regular files', () => {
  it('a FIFO is written through, and stays a FIFO', async () => {
    const dir = tempDir();
    const fifo = join(dir, 'pipe');
    execFileSync('mkfifo', [fifo]);
    // Held open read-write so the reader's open never blocks (a regression fails here instead of hanging).
    const keeper = openSync(fifo, constants.O_RDWR);
    const chunks: Buffer[] = [];
    const reader = createReadStream(fifo);
    reader.on('data', (c) => chunks.push(c as Buffer));
    const read = new Promise<void>((resolve) => reader.on('end', () => resolve()));
    await writeFileAtomic(fifo, 'through the pipe\n');
    closeSync(keeper);
    await read;
    expect(lstatSync(fifo).isFIFO()).toBe(true);
    expect(readdirSync(dir)).toEqual(['pipe']);
    expect(Buffer.concat(chunks).toString()).toBe('through the pipe\n');
  });

  it('a character device the test makes (like /dev/null) is written to, never replaced', async (ctx) => {
    const dir = tempDir();
    const device = join(dir, 'null');
    // Making a device needs root (CI runs as root); elsewhere there is nothing to replace.
    if (spawnSync('mknod', [device, 'c', '1', '3']).status !== 0) return ctx.skip();
    await writeFileAtomic(device, 'into the void');
    expect(lstatSync(device).isCharacterDevice()).toBe(true);
    expect(readdirSync(dir)).toEqual(['null']);
  });

  it('a symbolic link is written through: the target is replaced atomically, the link stays', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'real'));
    const target = join(dir, 'real', 'report.json');
    writeFileSync(target, 'old');
    const link = join(dir, 'report.json');
    symlinkSync(join('real', 'report.json'), link);
    await writeFileAtomic(link, 'new');
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readFileSync(target, 'utf8')).toBe('new');
    expect(readdirSync(join(dir, 'real'))).toEqual(['report.json']);
  });

  it('a link to nothing is refused (writing would create a file wherever it points)', async () => {
    const dir = tempDir();
    const link = join(dir, 'report.json');
    symlinkSync(join(dir, 'missing.json'), link);
    const e = await rejection(writeFileAtomic(link, 'x'));
    expect(e.message).toContain('symbolic link');
    expect(existsSync(join(dir, 'missing.json'))).toBe(false);
  });
});

describe('temporary files of interrupted runs', () => {
  const host = hostname().replace(/[^A-Za-z0-9.]/g, '_') || 'host';

  function deadPid(): number {
    const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    return Number(child.stdout);
  }

  it('removes those of a process that is gone or more than a day old, keeps those of a live run, and says which', async () => {
    const dir = tempDir();
    const dead = `.report.json.kindred-${host}-${deadPid()}-abc123.tmp`;
    const live = `.report.json.kindred-${host}-${process.pid}-def456.tmp`;
    const elsewhereRecent = `.report.json.kindred-otherhost-1-ghi789.tmp`;
    const elsewhereOld = `.report.json.kindred-otherhost-2-jkl012.tmp`;
    const legacyDead = `.report.json.${deadPid()}.mno345.tmp`;
    const otherTarget = `.notes.json.kindred-${host}-${deadPid()}-pqr678.tmp`;
    for (const f of [dead, live, elsewhereRecent, elsewhereOld, legacyDead, otherTarget]) writeFileSync(join(dir, f), 'partial');
    const twoDaysAgo = new Date(Date.now() - 2 * 24 * 60 * 60 * 1000);
    utimesSync(join(dir, elsewhereOld), twoDaysAgo, twoDaysAgo);

    const notices: string[] = [];
    await writeFileAtomic(join(dir, 'report.json'), '{}', { notice: (m) => notices.push(m) });
    expect(readdirSync(dir).sort()).toEqual([live, elsewhereRecent, otherTarget, 'report.json'].sort());
    expect(notices.sort()).toEqual([dead, elsewhereOld, legacyDead].map((f) => `kindred: removed ${join(dir, f)}, a temporary file left by an interrupted run`).sort());
  });
});

describe('fileClashes', () => {
  it('finds one file under two names: relative, ../, hard link, not yet written', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'sub'));
    const input = join(dir, 'in.csv');
    writeFileSync(input, 'handle\n');
    linkSync(input, join(dir, 'hard.csv'));
    const clashes = await fileClashes(
      [{ what: 'the export', path: input }],
      [
        { what: '--output', path: join(dir, 'sub', '..', 'in.csv') },
        { what: '--rejects', path: join(dir, 'hard.csv') },
        { what: '--followers-out', path: join(dir, 'new.csv') },
        { what: '--output2', path: join(dir, 'sub', '..', 'new.csv') },
      ],
    );
    expect(clashes).toHaveLength(3);
    expect(clashes[0]).toContain('--output');
    expect(clashes[0]).toContain('the export');
    expect(clashes[1]).toContain('--rejects');
    expect(clashes[2]).toContain('--output2');
    expect(clashes[2]).toContain('--followers-out');
  });

  it('distinct files, standard input and devices do not clash', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a.csv'), 'x');
    const clashes = await fileClashes(
      [
        { what: 'the export', path: join(dir, 'a.csv') },
        { what: 'the export', path: '-' },
      ],
      [
        { what: '--output', path: join(dir, 'b.csv') },
        { what: '--output', path: '/dev/null' },
        { what: '--rejects', path: '/dev/null' },
      ],
    );
    expect(clashes).toEqual([]);
  });
});
