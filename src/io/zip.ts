import type { Readable } from 'node:stream';
import * as zlib from 'node:zlib';
import yauzl from 'yauzl';
import { InputError } from '../errors.js';

/**
 * Zip archives are read with yauzl (a well-kept reader of untrusted archives:
 * the central directory is the only index trusted, ZIP64 is supported, and an
 * entry that inflates to more or fewer bytes than it declares is an error as
 * soon as it does). kindred adds what yauzl leaves to its callers: the CRC-32
 * of every entry, checked over all of its bytes even when the reader stops
 * early, and limits on inflated size and compression ratio. Nothing is ever
 * extracted to disk: entries are inflated as they stream.
 */

/** One file inside a .zip, as its central directory lists it. */
export interface ZipEntry {
  name: string;
  /** Position in the central directory. */
  index: number;
  size: number;
  compressedSize: number;
  crc32: number;
  method: number;
  encrypted: boolean;
}

/**
 * Largest inflated entry, and highest compression ratio once an entry is past
 * `ratioFrom` bytes. Real follower files compress 5–30 to 1; 1 GB of spaces
 * compresses about 1,000 to 1. A genuine file past these is read by unzipping
 * it and giving the file itself.
 */
export const ZIP_LIMITS = { size: 2 * 1024 ** 3, ratio: 100, ratioFrom: 16 * 1024 * 1024 };

const STORED = 0;
const DEFLATE = 8;

export async function readZipDirectory(path: string): Promise<ZipEntry[]> {
  const zip = await openZip(path);
  try {
    const list: ZipEntry[] = [];
    for await (const e of zipEntries(zip)) {
      list.push({
        name: nameOf(e),
        index: list.length,
        size: e.uncompressedSize,
        compressedSize: e.compressedSize,
        crc32: e.crc32,
        method: e.compressionMethod,
        encrypted: e.isEncrypted(),
      });
    }
    return list;
  } catch (e) {
    throw e instanceof InputError ? e : damaged(path, reason(e));
  } finally {
    zip.close();
  }
}

/** Refuses, before reading a byte, an entry kindred will not inflate: encrypted, an unknown method, or past the limits. */
export function assertReadable(path: string, entry: ZipEntry): void {
  const where = `${path}:${entry.name}`;
  if (entry.encrypted) throw new InputError('this file in the zip is encrypted; unzip it with its password and give the file itself', where);
  if (entry.method !== STORED && entry.method !== DEFLATE) {
    throw new InputError(`this file in the zip uses compression method ${entry.method}, which kindred cannot read; unzip it and give the file itself`, where);
  }
  if (entry.size > ZIP_LIMITS.size) {
    throw new InputError(`this file in the zip inflates to ${mb(entry.size)}, more than the ${mb(ZIP_LIMITS.size)} kindred reads from a zip; unzip it and give the file itself`, where);
  }
  if (entry.size > ZIP_LIMITS.ratioFrom && entry.size > ZIP_LIMITS.ratio * entry.compressedSize) {
    throw new InputError(
      `this file in the zip is compressed more than ${ZIP_LIMITS.ratio} to 1 (${mb(entry.compressedSize)} inflating to ${mb(entry.size)}), as only a zip bomb is; unzip it and give the file itself if you trust it`,
      where,
    );
  }
}

/**
 * Streams one entry's bytes, inflated. Its CRC-32 is checked over all of them:
 * with `whole` (a full read), a reader that stops early (a JSON list ends
 * before the entry does) still has the rest inflated and checked, and a
 * mismatch is thrown to it. Without `whole` (a first look at the head) nothing
 * more is read than asked for.
 */
export async function* readZipEntry(path: string, entry: ZipEntry, whole = true): AsyncGenerator<Buffer> {
  const where = `${path}:${entry.name}`;
  assertReadable(path, entry);
  const zip = await openZip(path);
  let stream: Readable | undefined;
  let crc = 0;
  let finished = false;
  const check = () => {
    if (crc !== entry.crc32) throw damaged(where, 'its content does not match its checksum');
  };
  try {
    stream = await openEntry(zip, entry);
    for await (const chunk of stream.iterator({ destroyOnReturn: false }) as AsyncIterable<Buffer>) {
      crc = crc32(chunk, crc);
      yield chunk;
    }
    finished = true;
  } catch (e) {
    throw e instanceof InputError ? e : damaged(where, reason(e));
  } finally {
    try {
      if (!finished && whole && stream && !stream.destroyed) {
        for await (const chunk of stream as AsyncIterable<Buffer>) crc = crc32(chunk, crc);
        finished = true;
        check();
      }
    } catch (e) {
      // biome-ignore lint/correctness/noUnsafeFinally: a damaged entry must reach the reader that stopped early
      throw e instanceof InputError ? e : damaged(where, reason(e));
    } finally {
      stream?.destroy();
      zip.close();
    }
  }
  check();
}

function openZip(path: string): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    // decodeStrings off: names are decoded below, without yauzl's refusal of `../` or absolute paths.
    yauzl.open(path, { lazyEntries: true, autoClose: false, decodeStrings: false }, (err, zip) => {
      if (err) reject(damaged(path, reason(err)));
      else resolve(zip);
    });
  });
}

async function* zipEntries(zip: yauzl.ZipFile): AsyncGenerator<yauzl.Entry> {
  for (;;) {
    const entry = await new Promise<yauzl.Entry | undefined>((resolve, reject) => {
      const done = () => {
        zip.off('entry', onEntry).off('end', onEnd).off('error', onError);
      };
      const onEntry = (e: yauzl.Entry) => {
        done();
        resolve(e);
      };
      const onEnd = () => {
        done();
        resolve(undefined);
      };
      const onError = (e: Error) => {
        done();
        reject(e);
      };
      zip.on('entry', onEntry).on('end', onEnd).on('error', onError);
      zip.readEntry();
    });
    if (!entry) return;
    yield entry;
  }
}

/** The entry's stream, found again by its place in the directory (yauzl reads an entry through the archive that listed it). */
async function openEntry(zip: yauzl.ZipFile, wanted: ZipEntry): Promise<Readable> {
  let index = 0;
  for await (const e of zipEntries(zip)) {
    if (index++ !== wanted.index) continue;
    if (nameOf(e) !== wanted.name || e.crc32 !== wanted.crc32) throw new Error('the archive changed while it was read');
    return new Promise((resolve, reject) => {
      zip.openReadStream(e, (err, stream) => (err ? reject(err) : resolve(stream)));
    });
  }
  throw new Error('an entry listed in its index is missing');
}

/**
 * An entry's name (UTF-8 or CP437 as its flags and Info-ZIP extra field say,
 * backslashes read as slashes). A name is only a label here: kindred never
 * writes an entry to disk, so a `../` or absolute name is shown (escaped), not
 * refused, and the archive's follower files are still read.
 */
function nameOf(entry: yauzl.Entry): string {
  const raw = entry.fileName as unknown as Buffer;
  const lowLevel = (yauzl as unknown as { getFileNameLowLevel(flags: number, name: Buffer, extra: unknown, strict: boolean): string }).getFileNameLowLevel;
  return lowLevel(entry.generalPurposeBitFlag, raw, entry.extraFields, false);
}

function reason(e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  if (/too many bytes|not enough bytes/.test(message)) return `a file's size does not match what its index says (${message})`;
  return message;
}

function damaged(where: string, why: string): InputError {
  return new InputError(`the zip is damaged: ${why}. Download it again`, where);
}

function mb(bytes: number): string {
  return bytes >= 1024 ** 3 ? `${(bytes / 1024 ** 3).toFixed(1)} GB` : `${Math.ceil(bytes / 1024 ** 2)} MB`;
}

// Node 20.15 and later have zlib.crc32; earlier Node 20 releases use the table.
const nativeCrc32 = (zlib as { crc32?: (data: Uint8Array, value?: number) => number }).crc32;

const CRC_TABLE = nativeCrc32
  ? undefined
  : (() => {
      const t = new Uint32Array(256);
      for (let n = 0; n < 256; n++) {
        let c = n;
        for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
        t[n] = c >>> 0;
      }
      return t;
    })();

function crc32(bytes: Buffer, crc: number): number {
  if (nativeCrc32) return nativeCrc32(bytes, crc);
  let c = (crc ^ 0xffffffff) >>> 0;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE![(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
