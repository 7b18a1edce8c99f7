import { InputError } from '../errors.js';
import { escapeControl } from '../safe-text.js';
import { ROW_LIMITS, type RowLimits, tooLarge } from './limits.js';

/** One element of the streamed list: its parsed value, or why it could not be parsed. */
export type JsonElement =
  | { ok: true; value: unknown; line: number; index: number }
  | { ok: false; error: string; line: number; index: number; tooLarge?: true };

/** Why an element could not be read, as a row problem's detail. */
export function elementProblem(el: JsonElement & { ok: false }): string {
  return el.tooLarge ? `entry ${el.index + 1}: ${el.error}` : `entry ${el.index + 1} is not valid JSON: ${el.error}`;
}

export interface JsonArrayStreamOptions {
  /** File name for errors. */
  file: string;
  /**
   * The text is a JavaScript assignment (`window.YTD.follower.part0 = [...]`):
   * everything up to the first `=` is skipped, whatever the variable is called.
   */
  assignment?: boolean;
  /**
   * When the top level is an object, the list is the value of the first of
   * these keys that holds an array (`{"relationships_followers": [...]}`).
   */
  wrapperKeys?: readonly string[];
  /** Largest string and element kept (limits.ts); past them an element is skipped, never held. */
  limits?: RowLimits;
}

/** Character codes the JSON scanners look for (shared with json-entries.ts). */
export enum Ch {
  Quote = 0x22,
  Backslash = 0x5c,
  OpenBracket = 0x5b,
  CloseBracket = 0x5d,
  OpenBrace = 0x7b,
  CloseBrace = 0x7d,
  Comma = 0x2c,
  Colon = 0x3a,
  Newline = 0x0a,
  Equals = 0x3d,
}

export const isSpace = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09 || c === 0xfeff;

/**
 * Streams the elements of a JSON list without holding the file in memory:
 * a character scanner finds where each element of the list starts and ends
 * (tracking strings, escapes and nesting), and only that element's text is
 * kept and handed to JSON.parse. A 100 MB Instagram export is read with one
 * element in memory at a time instead of the whole text plus its parse tree.
 *
 * Structural damage (a cut-off download, a file that is not a list) throws
 * InputError with the line; an element that is balanced but not valid JSON
 * is yielded as `ok: false` so the caller can skip it and go on; so is one
 * larger than the limits (a string past 1 MB, an element past 16 MB), whose
 * text stops being kept as soon as it is past them: memory stays flat.
 */
export async function* streamJsonArray(chunks: AsyncIterable<string>, options: JsonArrayStreamOptions): AsyncGenerator<JsonElement> {
  const { file, assignment = false, limits = ROW_LIMITS } = options;
  const wrapperKeys = new Set(options.wrapperKeys ?? []);
  let line = 1;
  let phase: 'prefix' | 'start' | 'body' | 'done' = assignment ? 'prefix' : 'start';
  // Container stack: OpenBracket or OpenBrace per level.
  const stack: number[] = [];
  let inString = false;
  let escaped = false;
  /** Stack depth of the list whose elements are yielded (0 = not found yet). */
  let targetDepth = 0;
  // Keys of the top-level object, to find the wrapper and to explain a miss.
  let expectKey = false;
  let keyParts: string[] | undefined;
  let lastKey: string | undefined;
  const keysSeen: string[] = [];
  // The element being captured.
  let inElement = false;
  let elemParts: string[] | undefined;
  let elemLength = 0;
  let elemTooLarge: string | undefined;
  let elemStartLine = 0;
  // The string being read: where it started in this chunk, and its length in earlier chunks.
  let stringFrom = 0;
  let stringCarried = 0;
  let keyTooLong = false;
  let index = 0;
  let topIsObject = false;

  const keep = (text: string) => {
    if (!elemParts) return;
    elemLength += text.length;
    if (elemLength <= limits.row) elemParts.push(text);
    else {
      elemParts = undefined;
      elemTooLarge ??= tooLarge('entry', limits);
    }
  };
  const finishElement = (tail: string): JsonElement => {
    keep(tail);
    inElement = false;
    const at = { line: elemStartLine, index: index++ };
    if (elemTooLarge !== undefined || !elemParts) {
      const error = elemTooLarge ?? tooLarge('entry', limits);
      elemTooLarge = undefined;
      elemParts = undefined;
      return { ok: false, error, tooLarge: true, ...at };
    }
    const text = elemParts.join('');
    elemParts = undefined;
    try {
      return { ok: true, value: JSON.parse(text), ...at };
    } catch (e) {
      return { ok: false, error: e instanceof Error ? e.message : String(e), ...at };
    }
  };

  for await (const chunk of chunks) {
    let elemFrom = 0;
    let keyFrom = 0;
    const n = chunk.length;
    for (let i = 0; i < n; i++) {
      const c = chunk.charCodeAt(i);
      if (c === Ch.Newline) line++;
      if (phase === 'prefix') {
        if (c === Ch.Equals) phase = 'start';
        continue;
      }
      if (inString) {
        if (escaped) escaped = false;
        else if (c === Ch.Backslash) escaped = true;
        else if (c === Ch.Quote) {
          inString = false;
          // The text between the quotes, as written (escapes included).
          if (inElement && stringCarried + i - stringFrom - 1 > limits.cell) elemTooLarge ??= tooLarge('text', limits);
          if (keyParts) {
            keyParts.push(chunk.slice(keyFrom, i + 1));
            lastKey = keyTooLong ? '(a key too long to show)' : parseKey(keyParts.join(''));
            keysSeen.push(lastKey);
            keyParts = undefined;
            keyTooLong = false;
          }
        }
        continue;
      }
      if (isSpace(c)) continue;
      if (phase === 'start') {
        if (c === Ch.OpenBracket) {
          stack.push(c);
          targetDepth = 1;
          phase = 'body';
          continue;
        }
        if (c === Ch.OpenBrace && !assignment) {
          stack.push(c);
          topIsObject = true;
          expectKey = true;
          phase = 'body';
          continue;
        }
        throw new InputError(
          assignment
            ? `expected a list ([ … ]) after "=", found ${describeChar(c)}`
            : `expected a JSON list ([ … ]) or object ({ … }), found ${describeChar(c)}. Give the followers file from the platform download`,
          file,
          line,
        );
      }
      // phase === 'body'
      const depth = stack.length;
      const inTarget = targetDepth > 0 && depth === targetDepth;
      if (inTarget && !inElement && c !== Ch.Comma && c !== Ch.CloseBracket) {
        inElement = true;
        elemParts = [];
        elemLength = 0;
        elemFrom = i;
        elemStartLine = line;
      }
      if (inTarget && inElement && (c === Ch.Comma || c === Ch.CloseBracket)) {
        yield finishElement(chunk.slice(elemFrom, i));
      }
      switch (c) {
        case Ch.Quote:
          inString = true;
          stringFrom = i;
          stringCarried = 0;
          if (topIsObject && depth === 1 && expectKey) {
            keyParts = [];
            keyFrom = i;
          }
          break;
        case Ch.OpenBracket:
        case Ch.OpenBrace:
          if (topIsObject && depth === 1 && c === Ch.OpenBracket && targetDepth === 0 && lastKey !== undefined && wrapperKeys.has(lastKey)) {
            targetDepth = 2;
          }
          stack.push(c);
          break;
        case Ch.CloseBracket:
        case Ch.CloseBrace: {
          const open = stack.pop();
          if (open === undefined || (open === Ch.OpenBracket) !== (c === Ch.CloseBracket)) {
            throw new InputError(`unexpected ${describeChar(c)}: the JSON is damaged`, file, line);
          }
          if (targetDepth > 0 && depth === targetDepth) phase = 'done';
          else if (stack.length === 0) phase = 'done';
          break;
        }
        case Ch.Colon:
          if (topIsObject && depth === 1) expectKey = false;
          break;
        case Ch.Comma:
          if (topIsObject && depth === 1) expectKey = true;
          break;
      }
      if (phase === 'done') break;
    }
    // Whatever follows the list is not read: stopping early closes the file.
    if (phase === 'done') break;
    if (inElement) keep(chunk.slice(elemFrom));
    if (inString) {
      stringCarried += n - stringFrom;
      stringFrom = 0;
    }
    if (keyParts && !keyTooLong) {
      keyParts.push(chunk.slice(keyFrom));
      if (stringCarried > limits.cell) {
        keyTooLong = true;
        keyParts = [];
      }
    }
  }

  if (phase === 'prefix') throw new InputError('no "=" found: this is not an X archive data file (window.YTD.… = [ … ])', file);
  if (phase === 'start') throw new InputError('the file holds no JSON data', file);
  if (phase === 'body') {
    if (targetDepth === 0 && stack.length === 0) return;
    throw new InputError(`the file ends at line ${line} before the list is closed: the download may be cut off. Download the export again`, file);
  }
  if (targetDepth === 0) {
    const found = keysSeen.length ? `keys found: ${keysSeen.slice(0, 8).map((k) => `"${escapeControl(k)}"`).join(', ')}` : 'the object is empty';
    throw new InputError(`no follower list in this JSON (expected ${[...wrapperKeys].map((k) => JSON.stringify(k)).join(' or ')}; ${found})`, file);
  }
}

function parseKey(quoted: string): string {
  try {
    return String(JSON.parse(quoted));
  } catch {
    return quoted.slice(1, -1);
  }
}

function describeChar(c: number): string {
  return c < 0x20 || c > 0x7e ? `U+${c.toString(16).toUpperCase().padStart(4, '0')}` : `"${String.fromCharCode(c)}"`;
}
