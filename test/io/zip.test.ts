import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { readZipDirectory, readZipEntry, ZIP_LIMITS, type ZipEntry } from '../../src/io/zip.js';
import { openZipExports } from '../../src/io/zip-exports.js';
import { makeZip, type ZipFileSpec } from '../helpers/make-zip.js';
import { tempDir } from '../helpers/temp-dir.js';

function zipFile(files: ZipFileSpec[], options: { zip64?: boolean } = {}): string {
  const path = join(tempDir('kindred-zip-'), 'archive.zip');
  writeFileSync(path, makeZip(files, options));
  return path;
}

async function contents(path: string, entry: ZipEntry): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of readZipEntry(path, entry)) chunks.push(c);
  return Buffer.concat(chunks);
}

async function entryNamed(path: string, name: string): Promise<ZipEntry> {
  const e = (await readZipDirectory(path)).find((x) => x.name === name);
  if (!e) throw new Error(`no ${name}`);
  return e;
}

async function refusal(promise: Promise<unknown>): Promise<InputError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(InputError);
  return err as InputError;
}

/** A JSON list larger than 64 KB (the head), ending before the entry does: the reader stops at `]`. */
const BIG_JSON = Buffer.from(`[${Array.from({ length: 4000 }, (_, i) => `{"n":${i},"bio":"reader ${i}"}`).join(',')}]\n\n`);
const jpegLike = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4]);

describe('zip reader', () => {
  it('lists entries and inflates deflated and stored files to their exact bytes', async () => {
    const path = zipFile([
      { name: 'data/follower.js', data: BIG_JSON },
      { name: 'media/photo.jpg', data: jpegLike, store: true },
    ]);
    expect((await readZipDirectory(path)).map((e) => e.name)).toEqual(['data/follower.js', 'media/photo.jpg']);
    expect((await contents(path, await entryNamed(path, 'data/follower.js'))).equals(BIG_JSON)).toBe(true);
    expect((await contents(path, await entryNamed(path, 'media/photo.jpg'))).equals(jpegLike)).toBe(true);
  });

  it('reads ZIP64 archives (sizes, offsets and the index in ZIP64 records)', async () => {
    const path = zipFile([{ name: 'a.txt', data: Buffer.from('first') }, { name: 'data/follower.js', data: BIG_JSON }], { zip64: true });
    expect((await contents(path, await entryNamed(path, 'data/follower.js'))).equals(BIG_JSON)).toBe(true);
  });

  it('refuses a changed byte, a wrong CRC and a size that lies', async () => {
    const changed = Buffer.from(BIG_JSON);
    changed[70_000] = 0x41;
    const cases: ZipFileSpec[] = [
      { name: 'f.json', data: changed, crc: (await crcOf(BIG_JSON)) },
      { name: 'f.json', data: BIG_JSON, crc: 12345 },
      { name: 'f.json', data: BIG_JSON, size: 10 },
      { name: 'f.json', data: BIG_JSON, store: true, crc: 1 },
    ];
    for (const spec of cases) {
      const path = zipFile([spec]);
      const err = await refusal(readZipDirectory(path).then((list) => contents(path, list[0]!)));
      expect(err.message).toMatch(/the zip is damaged: (its content does not match its checksum|a file's size does not match)/);
    }
  });

  it('checks the whole entry even when its reader stops early', async () => {
    const path = zipFile([{ name: 'f.json', data: BIG_JSON, crc: 12345 }]);
    const [entry] = await readZipDirectory(path);
    const stopEarly = async () => {
      for await (const chunk of readZipEntry(path, entry!)) if (chunk.length > 0) break;
    };
    expect((await refusal(stopEarly())).message).toContain('does not match its checksum');
    // A first look at the head reads no further and checks nothing.
    for await (const chunk of readZipEntry(path, entry!, false)) if (chunk.length > 0) break;
  });

  it('refuses, before inflating, an entry past the size or ratio limit, and an encrypted one, by name', async () => {
    const spaces = Buffer.alloc(ZIP_LIMITS.ratioFrom + 1, ' ');
    const bomb = await refusal(openZipExports(zipFile([{ name: 'connections/followers_1.json', data: spaces }])));
    expect(bomb.file).toMatch(/archive\.zip:connections\/followers_1\.json$/);
    expect(bomb.message).toMatch(/^this file in the zip is compressed more than 100 to 1 .* zip bomb/);
    const huge = await refusal(openZipExports(zipFile([{ name: 'data/follower.js', data: BIG_JSON, size: ZIP_LIMITS.size + 1 }])));
    expect(huge.file).toMatch(/:data\/follower\.js$/);
    expect(huge.message).toMatch(/^this file in the zip inflates to 2\.0 GB, more than the 2\.0 GB/);
    const locked = await refusal(openZipExports(zipFile([{ name: 'Connections.csv', data: Buffer.from('First Name\n'), encrypted: true }])));
    expect(locked.file).toMatch(/:Connections\.csv$/);
    expect(locked.message).toMatch(/^this file in the zip is encrypted/);
  });

  it('reports a cut-off download', async () => {
    const path = join(tempDir('kindred-zip-'), 'cut.zip');
    writeFileSync(path, makeZip([{ name: 'data/follower.js', data: BIG_JSON }]).subarray(0, 600));
    expect((await refusal(readZipDirectory(path))).message).toMatch(/damaged/);
  });
});

async function crcOf(data: Buffer): Promise<number> {
  const { crc32 } = await import('node:zlib');
  return crc32(data);
}

describe('zip entry names', () => {
  it('reads the follower file of a zip that also holds `../` and absolute names (labels only: nothing is extracted)', async () => {
    const path = zipFile([
      { name: '../../evil.txt', data: Buffer.from('x') },
      { name: '/etc/passwd', data: Buffer.from('x') },
      { name: 'data\\follower.js', data: Buffer.from('window.YTD.follower.part0 = []') },
      { name: 'café/Connections.csv', data: Buffer.from('First Name\n') },
    ]);
    expect((await readZipDirectory(path)).map((e) => e.name)).toEqual(['../../evil.txt', '/etc/passwd', 'data/follower.js', 'café/Connections.csv']);
    const inputs = await openZipExports(path);
    expect(inputs.map((i) => i.name.slice(path.length))).toEqual([':café/Connections.csv', ':data/follower.js']);
  });
});
