import { createReadStream } from 'node:fs';
import { type FileHandle, open } from 'node:fs/promises';
import { createInflateRaw } from 'node:zlib';
import { InputError } from '../errors.js';

/** One file inside a .zip, as listed by its central directory. */
export interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  crc32: number;
  compressedSize: number;
  size: number;
  localHeaderOffset: number;
}

const SIG_EOCD = 0x06054b50;
const SIG_ZIP64_LOCATOR = 0x07064b50;
const SIG_ZIP64_EOCD = 0x06064b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_LOCAL = 0x04034b50;
const STORED = 0;
const DEFLATE = 8;
const MAX_COMMENT = 0xffff;

/**
 * Lists a .zip's files from its central directory (the index at the end of the
 * file), including ZIP64 archives: platform data downloads with media easily
 * pass 4 GB. Only the directory is read here, never the contents.
 */
export async function readZipDirectory(path: string): Promise<ZipEntry[]> {
  let fh: FileHandle | undefined;
  try {
    fh = await open(path, 'r');
    const { size } = await fh.stat();
    const tailLength = Math.min(size, 22 + MAX_COMMENT);
    const tail = await readAt(fh, size - tailLength, tailLength);
    let eocd = -1;
    for (let i = tail.length - 22; i >= 0; i--) {
      if (tail.readUInt32LE(i) === SIG_EOCD) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0) throw damaged(path, 'its index (end of central directory) is missing');
    let count = tail.readUInt16LE(eocd + 10);
    let dirSize = tail.readUInt32LE(eocd + 12);
    let dirOffset = tail.readUInt32LE(eocd + 16);
    if (count === 0xffff || dirSize === 0xffffffff || dirOffset === 0xffffffff) {
      const locator = eocd - 20;
      if (locator < 0 || tail.readUInt32LE(locator) !== SIG_ZIP64_LOCATOR) throw damaged(path, 'its ZIP64 index is missing');
      const z64Offset = safeNumber(tail.readBigUInt64LE(locator + 8));
      const z64 = await readAt(fh, z64Offset, 56);
      if (z64.readUInt32LE(0) !== SIG_ZIP64_EOCD) throw damaged(path, 'its ZIP64 index is damaged');
      count = safeNumber(z64.readBigUInt64LE(32));
      dirSize = safeNumber(z64.readBigUInt64LE(40));
      dirOffset = safeNumber(z64.readBigUInt64LE(48));
    }
    if (dirOffset + dirSize > size) throw damaged(path, 'its index points past the end of the file (a cut-off download?)');
    const dir = await readAt(fh, dirOffset, dirSize);
    return parseCentralDirectory(dir, count, path);
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(`cannot read the zip: ${e instanceof Error ? e.message : String(e)}`, path);
  } finally {
    await fh?.close();
  }
}

function parseCentralDirectory(dir: Buffer, count: number, path: string): ZipEntry[] {
  const entries: ZipEntry[] = [];
  let p = 0;
  for (let n = 0; n < count; n++) {
    if (p + 46 > dir.length || dir.readUInt32LE(p) !== SIG_CENTRAL) throw damaged(path, 'its index is damaged');
    const flags = dir.readUInt16LE(p + 8);
    const method = dir.readUInt16LE(p + 10);
    const crc32 = dir.readUInt32LE(p + 16);
    let compressedSize = dir.readUInt32LE(p + 20);
    let size = dir.readUInt32LE(p + 24);
    const nameLength = dir.readUInt16LE(p + 28);
    const extraLength = dir.readUInt16LE(p + 30);
    const commentLength = dir.readUInt16LE(p + 32);
    let localHeaderOffset = dir.readUInt32LE(p + 42);
    const nameBytes = dir.subarray(p + 46, p + 46 + nameLength);
    // Bit 11: the name is UTF-8; otherwise CP437, whose ASCII part is all kindred looks for.
    const name = nameBytes.toString(flags & 0x800 ? 'utf8' : 'latin1');
    // ZIP64 extra field: the 64-bit values, in this order, for those set to 0xFFFFFFFF.
    const extra = dir.subarray(p + 46 + nameLength, p + 46 + nameLength + extraLength);
    for (let e = 0; e + 4 <= extra.length; ) {
      const id = extra.readUInt16LE(e);
      const len = extra.readUInt16LE(e + 2);
      if (id === 0x0001) {
        let q = e + 4;
        const next = () => {
          const v = q + 8 <= e + 4 + len ? safeNumber(extra.readBigUInt64LE(q)) : undefined;
          q += 8;
          return v;
        };
        if (size === 0xffffffff) size = next() ?? size;
        if (compressedSize === 0xffffffff) compressedSize = next() ?? compressedSize;
        if (localHeaderOffset === 0xffffffff) localHeaderOffset = next() ?? localHeaderOffset;
      }
      e += 4 + len;
    }
    entries.push({ name, method, flags, crc32, compressedSize, size, localHeaderOffset });
    p += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/**
 * Streams one entry's uncompressed bytes (stored or deflated, through Node's
 * zlib), checking its length and CRC-32 at the end so a damaged download is
 * reported instead of read as a shorter list.
 */
export async function* readZipEntry(path: string, entry: ZipEntry): AsyncGenerator<Buffer> {
  const where = `${path}:${entry.name}`;
  if (entry.flags & 0x1) throw new InputError('this file in the zip is encrypted; unzip it with its password and give the file itself', where);
  if (entry.method !== STORED && entry.method !== DEFLATE) {
    throw new InputError(`this file in the zip uses compression method ${entry.method}, which kindred cannot read; unzip it and give the file itself`, where);
  }
  let fh: FileHandle | undefined;
  let local: Buffer;
  try {
    fh = await open(path, 'r');
    local = await readAt(fh, entry.localHeaderOffset, 30);
  } finally {
    await fh?.close();
  }
  if (local.readUInt32LE(0) !== SIG_LOCAL) throw damaged(where, 'its local header is missing');
  const start = entry.localHeaderOffset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
  if (entry.compressedSize === 0) return;
  const raw = createReadStream(path, { start, end: start + entry.compressedSize - 1, highWaterMark: 256 * 1024 });
  const stream = entry.method === DEFLATE ? raw.pipe(createInflateRaw()) : raw;
  raw.on('error', (e) => stream.destroy(e));
  let crc = 0xffffffff;
  let length = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      crc = crc32Update(crc, chunk);
      length += chunk.length;
      yield chunk;
    }
  } catch (e) {
    throw damaged(where, e instanceof Error ? e.message : String(e));
  } finally {
    raw.destroy();
    if (stream !== raw) stream.destroy();
  }
  if (length !== entry.size || (crc ^ 0xffffffff) >>> 0 !== entry.crc32) throw damaged(where, 'its content does not match its checksum');
}

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32Update(crc: number, bytes: Buffer): number {
  let c = crc;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return c;
}

async function readAt(fh: FileHandle, position: number, length: number): Promise<Buffer> {
  const buf = Buffer.alloc(length);
  const { bytesRead } = await fh.read(buf, 0, length, position);
  return buf.subarray(0, bytesRead);
}

function safeNumber(v: bigint): number {
  if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw new Error('a ZIP64 size is out of range');
  return Number(v);
}

function damaged(where: string, why: string): InputError {
  return new InputError(`the zip is damaged: ${why}. Download it again`, where);
}
