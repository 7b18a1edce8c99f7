import { copyFileSync, mkdtempSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { readZipDirectory, readZipEntry, type ZipEntry } from '../../src/io/zip.js';
import { FIXTURES } from '../helpers/run-cli.js';

const ZIPS = join(FIXTURES, 'zip');
const INSTAGRAM_ZIP = join(ZIPS, 'instagram-fernleafbooks-2026-11-01-Ab3dEf.zip');

async function contents(path: string, entry: ZipEntry): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of readZipEntry(path, entry)) chunks.push(c);
  return Buffer.concat(chunks);
}

function entryNamed(entries: ZipEntry[], name: string): ZipEntry {
  const e = entries.find((x) => x.name === name);
  if (!e) throw new Error(`no ${name}`);
  return e;
}

describe('zip reader', () => {
  it('lists entries and inflates deflated and stored files to their exact bytes', async () => {
    const entries = await readZipDirectory(INSTAGRAM_ZIP);
    expect(entries.map((e) => e.name)).toContain('connections/followers_and_following/followers_1.json');
    const json = await contents(INSTAGRAM_ZIP, entryNamed(entries, 'connections/followers_and_following/followers_1.json'));
    expect(json.equals(readFileSync(join(FIXTURES, 'instagram', 'followers_1.json')))).toBe(true);
    const jpeg = await contents(INSTAGRAM_ZIP, entryNamed(entries, 'media/posts/202611/17890000000000000.jpg'));
    expect(jpeg.subarray(0, 3).equals(Buffer.from([0xff, 0xd8, 0xff]))).toBe(true);
  });

  it('reads ZIP64 archives (the index found through the ZIP64 locator)', async () => {
    const path = join(ZIPS, 'twitter-zip64-2026-11-01.zip');
    const entries = await readZipDirectory(path);
    const js = await contents(path, entryNamed(entries, 'data/follower.js'));
    expect(js.equals(readFileSync(join(FIXTURES, 'x-archive', 'follower.js')))).toBe(true);
  });

  it('reports a damaged entry instead of reading it short', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kindred-zip-'));
    const path = join(dir, 'damaged.zip');
    copyFileSync(INSTAGRAM_ZIP, path);
    const entries = await readZipDirectory(path);
    const entry = entryNamed(entries, 'connections/followers_and_following/followers_1.json');
    const bytes = readFileSync(path);
    const dataStart = entry.localHeaderOffset + 30 + bytes.readUInt16LE(entry.localHeaderOffset + 26) + bytes.readUInt16LE(entry.localHeaderOffset + 28);
    bytes[dataStart + Math.floor(entry.compressedSize / 2)]! ^= 0x55;
    writeFileSync(path, bytes);
    const err = await contents(path, entry).catch((e) => e);
    expect(err).toBeInstanceOf(InputError);
    expect(err.message).toContain('damaged');
  });

  it('reports a cut-off download', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kindred-zip-'));
    const path = join(dir, 'cut.zip');
    copyFileSync(INSTAGRAM_ZIP, path);
    truncateSync(path, 600);
    await expect(readZipDirectory(path)).rejects.toThrow(/damaged/);
  });
});
