/**
 * UTF-8 decoding that survives stray Windows-1252 bytes. Exports edited in
 * Excel on Windows, or joined from two systems, are UTF-8 except for a few
 * bytes such as `caf\xe9` (seen in real Substack exports). A strict decoder
 * turns those into U+FFFD; decoding the whole file as Windows-1252 instead
 * garbles every real UTF-8 character (`é` becomes `Ã©`). Here each byte that
 * is not part of a valid UTF-8 sequence is read as Windows-1252, and valid
 * sequences stay UTF-8. The fast path is the native decoder; only chunks with
 * an invalid byte are repaired byte by byte.
 */
const strict = new TextDecoder('utf-8', { fatal: true });
// Windows-1252's 0x80–0x9F (the rest of its upper half is Latin-1). Written out
// because Node 20's TextDecoder('windows-1252') drops these bytes outside stream mode.
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

function cp1252(byte: number): string {
  return byte >= 0x80 && byte <= 0x9f ? CP1252_HIGH[byte - 0x80]! : String.fromCharCode(byte);
}

export interface TolerantDecoder {
  /** Decodes a chunk; a character cut at the end is kept for the next call. */
  write(chunk: Uint8Array): string;
  /** Whatever is left at the end of the input. */
  end(): string;
}

export function createTolerantUtf8Decoder(): TolerantDecoder {
  let carry: Uint8Array = new Uint8Array(0);
  return {
    write(chunk) {
      const bytes = carry.length ? concat(carry, chunk) : chunk;
      const cut = completeLength(bytes);
      carry = bytes.slice(cut);
      return decodeComplete(bytes.subarray(0, cut));
    },
    end() {
      const rest = carry;
      carry = new Uint8Array(0);
      return rest.length ? repair(rest) : '';
    },
  };
}

/** Decodes bytes that may end in the middle of a character (the head of a file). */
export function decodeTolerantUtf8(bytes: Uint8Array): string {
  return decodeComplete(bytes.subarray(0, completeLength(bytes)));
}

function decodeComplete(bytes: Uint8Array): string {
  if (bytes.length === 0) return '';
  try {
    return strict.decode(bytes);
  } catch {
    return repair(bytes);
  }
}

/** Length up to the last byte that cannot start an unfinished UTF-8 sequence. */
function completeLength(bytes: Uint8Array): number {
  const n = bytes.length;
  for (let back = 1; back <= Math.min(3, n); back++) {
    const b = bytes[n - back]!;
    if (b < 0x80) return n;
    if (b >= 0xc0) {
      const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
      return back < need ? n - back : n;
    }
  }
  return n;
}

/**
 * The one UTF-8 validity check: the length of the well-formed sequence at
 * `i` (the Unicode Standard's Table 3-7, which rules out overlong forms such as
 * `E0 80 80`, UTF-16 surrogates such as `ED A0 80`, and code points past
 * U+10FFFF), 0 when there is none there, and -1 when the bytes end inside one
 * that could still be well-formed.
 */
export function utf8SequenceLength(bytes: Uint8Array, i: number): number {
  const b = bytes[i]!;
  if (b < 0x80) return 1;
  let extra: number;
  // The range of the second byte; later ones are 80–BF.
  let low = 0x80;
  let high = 0xbf;
  if (b >= 0xc2 && b <= 0xdf) extra = 1;
  else if (b >= 0xe0 && b <= 0xef) {
    extra = 2;
    if (b === 0xe0) low = 0xa0;
    else if (b === 0xed) high = 0x9f;
  } else if (b >= 0xf0 && b <= 0xf4) {
    extra = 3;
    if (b === 0xf0) low = 0x90;
    else if (b === 0xf4) high = 0x8f;
  } else return 0;
  for (let k = 1; k <= extra; k++) {
    if (i + k >= bytes.length) return -1;
    const c = bytes[i + k]!;
    if (c < (k === 1 ? low : 0x80) || c > (k === 1 ? high : 0xbf)) return 0;
  }
  return extra + 1;
}

function repair(bytes: Uint8Array): string {
  let out = '';
  let runStart = 0;
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    // A sequence cut off by the end of the input is stray bytes too.
    const len = utf8SequenceLength(bytes, i);
    if (len > 0) {
      i += len;
      continue;
    }
    out += decodeRun(bytes.subarray(runStart, i)) + cp1252(b);
    i++;
    runStart = i;
  }
  return out + decodeRun(bytes.subarray(runStart));
}

const lenient = new TextDecoder('utf-8');

/** A run of well-formed sequences: nothing in it becomes U+FFFD. */
function decodeRun(run: Uint8Array): string {
  return run.length ? lenient.decode(run) : '';
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}
