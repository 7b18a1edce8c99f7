import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { InputError } from '../errors.js';
import { describeReadError } from '../values/load.js';

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
 * Opens a file (or `-` for stdin) and works out its text encoding from the
 * byte-order mark, NUL-byte patterns (UTF-16 without BOM) and UTF-8 validity
 * (exports re-saved by Excel on Windows are often Windows-1252 / Latin-1).
 * Binary files are refused here with a clear message.
 */
export async function openInput(name: string, stdin: Readable = process.stdin): Promise<OpenedInput> {
  if (name === '-') return openStdin(stdin);
  let size: number;
  try {
    const st = await stat(name);
    if (st.isDirectory()) throw new InputError('this is a folder, not a file: give the export file inside it', name);
    size = st.size;
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(describeReadError(e), name);
  }
  const headBytes = await readHead(name);
  const { encoding, bomLength } = sniffEncoding(headBytes, name);
  const counter = { bytes: bomLength };
  return {
    name,
    size,
    head: decodeHead(headBytes.subarray(bomLength), encoding),
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
    const buf = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await fh.read(buf, 0, HEAD_BYTES, 0);
    return buf.subarray(0, bytesRead);
  } catch (e) {
    throw new InputError(describeReadError(e), file);
  } finally {
    await fh?.close();
  }
}

/** Stdin cannot be rewound: the head is buffered and replayed before the rest. */
async function openStdin(stdin: Readable): Promise<OpenedInput> {
  const iterator = stdin[Symbol.asyncIterator]();
  const chunks: Buffer[] = [];
  let length = 0;
  let done = false;
  while (length < HEAD_BYTES) {
    const next = await iterator.next();
    if (next.done) {
      done = true;
      break;
    }
    const chunk = Buffer.isBuffer(next.value) ? next.value : Buffer.from(String(next.value));
    chunks.push(chunk);
    length += chunk.length;
  }
  const headBytes = Buffer.concat(chunks);
  const { encoding, bomLength } = sniffEncoding(headBytes, 'standard input');
  let used = false;
  async function* bytes(): AsyncGenerator<Buffer> {
    if (used) throw new Error('standard input can be read only once');
    used = true;
    yield headBytes.subarray(bomLength);
    if (done) return;
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
      yield Buffer.isBuffer(next.value) ? next.value : Buffer.from(String(next.value));
    }
  }
  const counter = { bytes: 0 };
  return {
    name: '-',
    head: decodeHead(headBytes.subarray(bomLength), encoding),
    encoding,
    bomLength,
    text: () => decodeStream(bytes(), encoding, counter),
    get bytesRead() {
      return counter.bytes;
    },
  };
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
  return { encoding: isValidUtf8(head) ? 'utf-8' : 'windows-1252', bomLength: 0 };
}

const BINARY_MAGIC: [number[], string][] = [
  [[0x89, 0x50, 0x4e, 0x47], 'PNG'],
  [[0xff, 0xd8, 0xff], 'JPEG'],
  [[0x47, 0x49, 0x46, 0x38], 'GIF'],
  [[0x25, 0x50, 0x44, 0x46], 'PDF'],
  [[0x50, 0x4b, 0x03, 0x04], 'ZIP'],
  [[0x1f, 0x8b], 'gzip'],
];

function looksBinary(sample: Buffer): boolean {
  if (BINARY_MAGIC.some(([magic]) => magic.every((b, i) => sample[i] === b))) return true;
  // A stray NUL or control byte happens in real text exports; many of them do not.
  let control = 0;
  for (const b of sample) if (b < 9 || (b > 13 && b < 32)) control++;
  return control > Math.max(2, sample.length * 0.02);
}

/** UTF-8 validity, allowing a multi-byte sequence cut off at the end of the sample. */
export function isValidUtf8(buf: Buffer): boolean {
  let i = 0;
  const n = buf.length;
  while (i < n) {
    const b = buf[i]!;
    let extra: number;
    if (b < 0x80) {
      i++;
      continue;
    } else if (b >= 0xc2 && b <= 0xdf) extra = 1;
    else if (b >= 0xe0 && b <= 0xef) extra = 2;
    else if (b >= 0xf0 && b <= 0xf4) extra = 3;
    else return false;
    if (i + extra >= n) return true;
    for (let k = 1; k <= extra; k++) if ((buf[i + k]! & 0xc0) !== 0x80) return false;
    i += extra + 1;
  }
  return true;
}

function decodeHead(bytes: Buffer, encoding: Encoding): string {
  // stream: true keeps a character cut at the end of the head from becoming U+FFFD.
  return new TextDecoder(encoding).decode(bytes, { stream: true });
}

async function* decodeStream(source: AsyncIterable<Buffer | string>, encoding: Encoding, counter: { bytes: number }): AsyncGenerator<string> {
  const decoder = new TextDecoder(encoding);
  for await (const chunk of source) {
    counter.bytes += chunk.length;
    const text = decoder.decode(typeof chunk === 'string' ? Buffer.from(chunk) : chunk, { stream: true });
    if (text) yield text;
  }
  const rest = decoder.decode();
  if (rest) yield rest;
}
