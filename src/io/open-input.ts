import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { InputError } from '../errors.js';
import { describeReadError } from '../values/load.js';
import { createTolerantUtf8Decoder, decodeTolerantUtf8, utf8SequenceLength } from './decode-text.js';

export type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

/** An input made ready to read: its name, a first look at its bytes, and a way to stream it. */
export interface OpenedInput {
  /** As given by the user (`-` for standard input). */
  name: string;
  /** Size in bytes when known (not for stdin). */
  size?: number;
  /** The first bytes, decoded: enough to detect the format and header. */
  head: string;
  encoding: Encoding;
  /** Length of the byte-order mark to skip. */
  bomLength: number;
  /** Streams the whole content as decoded text chunks, from the start. */
  text(): AsyncIterable<string>;
  /** Bytes streamed by text() so far (for progress); absent when the opener does not count. */
  readonly bytesRead?: number;
}

const HEAD_BYTES = 64 * 1024;
/**
 * The head grows past 64 KB until it holds the header line whole: an export
 * with thousands of columns has a header longer than 64 KB, and a header cut
 * short would silently drop or misname columns.
 */
const MAX_HEAD_BYTES = 4 * 1024 * 1024;

/** Enough to find the format and a complete header row. */
function headIsEnough(bytes: Buffer, length: number): boolean {
  if (length >= MAX_HEAD_BYTES) return true;
  if (length < HEAD_BYTES) return false;
  let breaks = 0;
  for (let i = bytes.indexOf(10); i >= 0 && breaks < 2; i = bytes.indexOf(10, i + 1)) breaks++;
  for (let i = bytes.indexOf(13); i >= 0 && breaks < 2; i = bytes.indexOf(13, i + 1)) breaks++;
  return breaks >= 2;
}

/**
 * Opens a file (or `-` for stdin) and works out its text encoding from the
 * byte-order mark, NUL-byte patterns (UTF-16 without BOM) and UTF-8 validity
 * (exports re-saved by Excel on Windows are often Windows-1252 / Latin-1).
 * Binary files are refused here with a clear message.
 */
export async function openInput(name: string, stdin: Readable = process.stdin): Promise<OpenedInput> {
  if (name === '-') return openStream(stdin, '-', 'standard input');
  let size: number;
  try {
    const st = await stat(name);
    if (st.isDirectory()) throw new InputError('this is a folder, not a file: give the export file inside it', name);
    // A pipe (`<(unzip -p export.zip)`) or a device cannot be read twice: read it once, like stdin.
    if (!st.isFile()) return openStream(createReadStream(name), name, name);
    size = st.size;
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(describeReadError(e), name);
  }
  const headBytes = await readHead(name);
  const { encoding, bomLength } = sniffEncoding(headBytes, name);
  const head = decodeHead(headBytes.subarray(bomLength), encoding);
  if (headBytes.length >= size) assertNotBlank(head, name);
  const counter = { bytes: bomLength };
  return {
    name,
    size,
    head,
    encoding,
    bomLength,
    text: () => decodeStream(createReadStream(name, { start: bomLength, highWaterMark: 64 * 1024 }), encoding, counter),
    get bytesRead() {
      return counter.bytes;
    },
  };
}

async function readHead(file: string): Promise<Buffer> {
  let fh: Awaited<ReturnType<typeof open>> | undefined;
  try {
    fh = await open(file, 'r');
    let head = Buffer.alloc(0);
    for (let want = HEAD_BYTES; ; want *= 2) {
      const buf = Buffer.alloc(Math.min(want, MAX_HEAD_BYTES) - head.length);
      const { bytesRead } = await fh.read(buf, 0, buf.length, head.length);
      head = Buffer.concat([head, buf.subarray(0, bytesRead)]);
      if (bytesRead < buf.length || headIsEnough(head, head.length)) return head;
    }
  } catch (e) {
    throw new InputError(describeReadError(e), file);
  } finally {
    await fh?.close();
  }
}

/** Stdin and pipes cannot be rewound: the head is buffered and replayed before the rest. */
async function openStream(stream: Readable, name: string, displayName: string): Promise<OpenedInput> {
  const iterator = stream[Symbol.asyncIterator]();
  const chunks: Buffer[] = [];
  let length = 0;
  let done = false;
  while (length < HEAD_BYTES || !headIsEnough(Buffer.concat(chunks), length)) {
    let next: IteratorResult<unknown>;
    try {
      next = await iterator.next();
    } catch (e) {
      throw new InputError(describeReadError(e), displayName);
    }
    if (next.done) {
      done = true;
      break;
    }
    const chunk = Buffer.isBuffer(next.value) ? next.value : Buffer.from(String(next.value));
    chunks.push(chunk);
    length += chunk.length;
  }
  const headBytes = Buffer.concat(chunks);
  let sniffed: ReturnType<typeof sniffEncoding>;
  try {
    sniffed = sniffEncoding(headBytes, displayName);
  } catch (e) {
    stream.destroy();
    throw e;
  }
  const { encoding, bomLength } = sniffed;
  const head = decodeHead(headBytes.subarray(bomLength), encoding);
  if (done) assertNotBlank(head, displayName);
  let used = false;
  async function* bytes(): AsyncGenerator<Buffer> {
    if (used) throw new Error(`${displayName} can be read only once`);
    used = true;
    yield headBytes.subarray(bomLength);
    if (done) return;
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
      yield Buffer.isBuffer(next.value) ? next.value : Buffer.from(String(next.value));
    }
  }
  const counter = { bytes: 0 };
  return {
    name,
    head,
    encoding,
    bomLength,
    text: () => decodeStream(bytes(), encoding, counter),
    get bytesRead() {
      return counter.bytes;
    },
  };
}

/** A file of only a byte-order mark, blank lines or spaces is as empty as an empty one. */
function assertNotBlank(head: string, name: string): void {
  if (head.trim() === '') throw new InputError('the file is empty (nothing but blank lines or a byte-order mark)', name);
}

export function sniffEncoding(head: Buffer, name: string): { encoding: Encoding; bomLength: number } {
  if (head.length === 0) throw new InputError('the file is empty', name);
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf-8', bomLength: 3 };
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', bomLength: 2 };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', bomLength: 0 + 2 };
  // UTF-16 without a BOM: text in Latin script has a NUL in every other byte.
  const sample = head.subarray(0, Math.min(head.length, 4096));
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < sample.length; i++) {
    if (sample[i] === 0) {
      if (i % 2 === 0) evenNul++;
      else oddNul++;
    }
  }
  const half = sample.length / 2;
  if (oddNul > half * 0.6 && evenNul < half * 0.05) return { encoding: 'utf-16le', bomLength: 0 };
  if (evenNul > half * 0.6 && oddNul < half * 0.05) return { encoding: 'utf-16be', bomLength: 0 };
  if (looksBinary(sample)) {
    throw new InputError(
      'this looks like a binary file (an image, archive or spreadsheet), not a follower export. Export as CSV, or give the JSON/JS file from the platform download',
      name,
    );
  }
  return { encoding: looksLikeUtf8(head) ? 'utf-8' : 'windows-1252', bomLength: 0 };
}

const BINARY_MAGIC: [number[], string][] = [
  [[0x89, 0x50, 0x4e, 0x47], 'PNG'],
  [[0xff, 0xd8, 0xff], 'JPEG'],
  [[0x47, 0x49, 0x46, 0x38], 'GIF'],
  [[0x25, 0x50, 0x44, 0x46], 'PDF'],
  [[0x50, 0x4b, 0x03, 0x04], 'ZIP'],
  [[0x1f, 0x8b], 'gzip'],
  [[0xd0, 0xcf, 0x11, 0xe0], 'Excel 97–2003 / OLE'],
  [[0x53, 0x51, 0x4c, 0x69, 0x74, 0x65, 0x20, 0x66], 'SQLite'],
];

function looksBinary(sample: Buffer): boolean {
  if (BINARY_MAGIC.some(([magic]) => magic.every((b, i) => sample[i] === b))) return true;
  // A stray NUL happens in real text exports (a bio pasted from somewhere odd): it is data.
  // Binary formats are full of them.
  let nul = 0;
  let control = 0;
  for (const b of sample) {
    if (b === 0) nul++;
    else if (b < 9 || (b > 13 && b < 32)) control++;
  }
  if (nul > Math.max(4, sample.length * 0.01)) return true;
  // Escape sequences and backspaces in bios are hostile text, not binary: text is
  // (mostly) well-formed UTF-8, compressed or image bytes never are.
  return control > Math.max(2, sample.length * 0.02) && !looksLikeUtf8(sample);
}

/**
 * UTF-8, possibly with a few corrupt bytes (a file cut and re-joined, one
 * pasted Latin-1 bio): more well-formed multi-byte characters than invalid
 * bytes. Reading such a file as Windows-1252 would garble every accented
 * name in it to fix one; only the stray bytes are read as Windows-1252
 * instead (decode-text.ts). A genuine Latin-1 file has no well-formed
 * multi-byte sequences at all.
 */
export function looksLikeUtf8(buf: Buffer): boolean {
  let valid = 0;
  let invalid = 0;
  for (let i = 0; i < buf.length; ) {
    if (buf[i]! < 0x80) {
      i++;
      continue;
    }
    const length = utf8SequenceLength(buf, i);
    // A character cut off by the end of the sample is fine.
    if (length < 0) break;
    if (length > 0) {
      valid++;
      i += length;
    } else {
      invalid++;
      i++;
    }
  }
  return invalid === 0 || valid > invalid;
}

function decodeHead(bytes: Buffer, encoding: Encoding): string {
  if (encoding === 'utf-8' || encoding === 'windows-1252') return decodeTolerantUtf8(bytes);
  // stream: true keeps a character cut at the end of the head from becoming U+FFFD.
  return new TextDecoder(encoding).decode(bytes, { stream: true });
}

/** Decodes a byte stream, counting the bytes read (for the progress line). */
async function* decodeStream(
  source: AsyncIterable<Buffer | string>,
  encoding: Encoding,
  counter: { bytes: number } = { bytes: 0 },
): AsyncGenerator<string> {
  if (encoding === 'utf-8' || encoding === 'windows-1252') {
    // UTF-8 with stray Windows-1252 bytes read as such (a pure Windows-1252 file decodes the same way).
    const tolerant = createTolerantUtf8Decoder();
    for await (const chunk of source) {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      counter.bytes += bytes.length;
      const text = tolerant.write(bytes);
      if (text) yield text;
    }
    const rest = tolerant.end();
    if (rest) yield rest;
    return;
  }
  const decoder = new TextDecoder(encoding);
  for await (const chunk of source) {
    counter.bytes += chunk.length;
    const text = decoder.decode(typeof chunk === 'string' ? Buffer.from(chunk) : chunk, { stream: true });
    if (text) yield text;
  }
  const rest = decoder.decode();
  if (rest) yield rest;
}

/**
 * An input whose bytes come from elsewhere, such as a file inside a .zip:
 * `bytes(false)` is called once for the head (a first look, stopped early),
 * `bytes(true)` for each full read (which checks the whole, see zip.ts).
 */
export async function openByteSource(name: string, size: number, bytes: (whole: boolean) => AsyncIterable<Buffer>): Promise<OpenedInput> {
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of bytes(false)) {
    chunks.push(chunk);
    length += chunk.length;
    if (length >= HEAD_BYTES) break;
  }
  const headBytes = Buffer.concat(chunks).subarray(0, HEAD_BYTES);
  const { encoding, bomLength } = sniffEncoding(headBytes, name);
  return {
    name,
    size,
    head: decodeHead(headBytes.subarray(bomLength), encoding),
    encoding,
    bomLength,
    text: () => decodeStream(skipBytes(bytes(true), bomLength), encoding),
  };
}

async function* skipBytes(source: AsyncIterable<Buffer>, count: number): AsyncGenerator<Buffer> {
  let left = count;
  for await (const chunk of source) {
    if (left >= chunk.length) {
      left -= chunk.length;
      continue;
    }
    yield left > 0 ? chunk.subarray(left) : chunk;
    left = 0;
  }
}
