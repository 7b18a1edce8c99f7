import { InputError } from '../errors.js';
import { Ch, isSpace, type JsonElement } from './json-array-stream.js';
import { ROW_LIMITS, type RowLimits, tooLarge } from './limits.js';

export interface JsonEntriesOptions {
  /** File name for errors. */
  file: string;
  /**
   * Keys whose array value is the list of entries, at any depth of a
   * top-level object (`{"users": [...]}`, `{"followers": [...]}`,
   * `{"Activity": {"Follower List": {"FansList": [...]}}}`). A top-level
   * object with none of them is itself one entry (JSON Lines, a single user).
   */
  listKeys: readonly string[];
  /** Largest string and entry kept (limits.ts): past them an entry is skipped as MALFORMED_ROW, never held. */
  limits?: RowLimits;
}

/** What the scanner learned about the file's shape, for detection and messages. */
export interface JsonShape {
  /** The list key entries were found under (the first one seen), if any. */
  listKey?: string;
  /** Top-level values read (pages, lines). */
  values: number;
}


/**
 * Finds the entries of JSON as people save API responses: one document, pages
 * written one after another (`{"users":[…]}{"users":[…]}`), or JSON Lines.
 * Each top-level value is a list of entries, an object holding such a list
 * under one of `listKeys`, or (an object without one) a single entry. Only
 * the entry being read is held in memory: a character scanner tracks strings
 * and nesting and hands each entry's text alone to JSON.parse.
 *
 * Fed chunk by chunk (`push`), so the same scanner serves a whole stream and
 * a first look at the head of a file.
 */
export class JsonEntryScanner {
  readonly shape: JsonShape = { values: 0 };
  private line = 1;
  private index = 0;
  private readonly listKeys: Set<string>;
  /** Open containers of the current top-level value. */
  private readonly stack: number[] = [];
  private inString = false;
  private escaped = false;
  /** Per object depth: whether the next string is a key. */
  private expectKey: boolean[] = [];
  private keyParts: string[] | undefined;
  private lastKey: string | undefined;
  /** Depth of the list whose elements are entries (0: none in this value yet). */
  private listDepth = 0;
  /** Whether a list was found in this top-level value (only the first is read). */
  private listFound = false;
  /**
   * Text of the current top-level object while it may be an entry itself (up
   * to the entry limit; a container such as TikTok's `user_data.json` is not
   * held once a list inside it opens).
   */
  private whole: string[] | undefined;
  private wholeChars = 0;
  private wholeLine = 0;
  /** Why the current top-level object, if it is an entry, is too large to keep (its text is no longer held). */
  private wholeTooLarge: string | undefined;
  /** Text of the current list element. */
  private elem: string[] | undefined;
  private elemChars = 0;
  private elemLine = 0;
  /** Why the current list element is too large to keep (its text is no longer held). */
  private elemTooLarge: string | undefined;
  /** Characters of the open string read in earlier chunks. */
  private stringCarried = 0;
  private readonly limits: RowLimits;

  constructor(private readonly options: JsonEntriesOptions) {
    this.listKeys = new Set(options.listKeys);
    this.limits = options.limits ?? ROW_LIMITS;
  }

  /** Entries completed by this chunk. */
  push(chunk: string): JsonElement[] {
    const out: JsonElement[] = [];
    let elemFrom = -1;
    let keyFrom = -1;
    let wholeFrom = -1;
    if (this.elem) elemFrom = 0;
    if (this.keyParts) keyFrom = 0;
    if (this.whole) wholeFrom = 0;
    let stringFrom = 0;
    const n = chunk.length;
    for (let i = 0; i < n; i++) {
      const c = chunk.charCodeAt(i);
      if (c === Ch.Newline) this.line++;
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (c === Ch.Backslash) this.escaped = true;
        else if (c === Ch.Quote) {
          this.inString = false;
          if (this.stringCarried + i - stringFrom > this.limits.cell) this.textTooLarge();
          this.stringCarried = 0;
          if (this.keyParts) {
            this.keyParts.push(chunk.slice(keyFrom, i + 1));
            this.lastKey = parseKey(this.keyParts.join(''));
            this.keyParts = undefined;
            keyFrom = -1;
          }
        }
        continue;
      }
      if (isSpace(c)) continue;
      const depth = this.stack.length;
      if (depth === 0) {
        // A new top-level value.
        if (c === Ch.OpenBracket) {
          this.stack.push(c);
          this.shape.values++;
          this.listDepth = 1;
          this.listFound = true;
          continue;
        }
        if (c === Ch.OpenBrace) {
          this.stack.push(c);
          this.shape.values++;
          this.expectKey = [true];
          this.listFound = false;
          this.whole = [];
          this.wholeChars = 0;
          this.wholeLine = this.line;
          wholeFrom = i;
          continue;
        }
        throw new InputError(`expected a JSON list ([ … ]) or object ({ … }), found ${describeChar(c)}. Give the followers file as it was saved`, this.options.file, this.line);
      }
      const inList = this.listDepth > 0 && depth === this.listDepth;
      if (inList && !this.elem && c !== Ch.Comma && c !== Ch.CloseBracket) {
        this.elem = [];
        elemFrom = i;
        this.elemLine = this.line;
      }
      if (inList && this.elem && (c === Ch.Comma || c === Ch.CloseBracket)) {
        const last = chunk.slice(elemFrom, i);
        if (this.elemChars + last.length > this.limits.row) this.elemTooLarge ??= tooLarge('entry', this.limits);
        out.push(this.elemTooLarge ? this.tooLargeEntry(this.elemTooLarge, this.elemLine) : this.parse([...this.elem, last].join(''), this.elemLine));
        this.elem = undefined;
        this.elemChars = 0;
        this.elemTooLarge = undefined;
        elemFrom = -1;
      }
      const top = this.stack[depth - 1];
      switch (c) {
        case Ch.Quote:
          this.inString = true;
          stringFrom = i;
          this.stringCarried = 0;
          if (top === Ch.OpenBrace && this.expectKey[depth - 1] && this.listDepth === 0) {
            this.keyParts = [];
            keyFrom = i;
          }
          break;
        case Ch.OpenBracket:
        case Ch.OpenBrace: {
          const opensList =
            c === Ch.OpenBracket && top === Ch.OpenBrace && !this.listFound && this.lastKey !== undefined && this.listKeys.has(this.lastKey) && !this.expectKey[depth - 1];
          this.stack.push(c);
          if (c === Ch.OpenBrace) this.expectKey[depth] = true;
          if (opensList) {
            this.listDepth = depth + 1;
            this.listFound = true;
            this.shape.listKey ??= this.lastKey;
            // A page, not an entry: stop holding its text.
            this.whole = undefined;
            this.wholeTooLarge = undefined;
            wholeFrom = -1;
          }
          this.lastKey = undefined;
          break;
        }
        case Ch.CloseBracket:
        case Ch.CloseBrace: {
          const open = this.stack.pop();
          if (open === undefined || (open === Ch.OpenBracket) !== (c === Ch.CloseBracket)) {
            throw new InputError(`unexpected ${describeChar(c)}: the JSON is damaged`, this.options.file, this.line);
          }
          if (this.listDepth > 0 && depth === this.listDepth) this.listDepth = 0;
          if (this.stack.length === 0) {
            if (this.whole) {
              const last = chunk.slice(wholeFrom, i + 1);
              if (this.wholeChars + last.length > this.limits.row) this.wholeTooLarge ??= tooLarge('entry', this.limits);
              out.push(this.wholeTooLarge ? this.tooLargeEntry(this.wholeTooLarge, this.wholeLine) : this.parse([...this.whole, last].join(''), this.wholeLine));
            }
            this.whole = undefined;
            this.wholeTooLarge = undefined;
            wholeFrom = -1;
            this.listFound = false;
          }
          break;
        }
        case Ch.Colon:
          if (top === Ch.OpenBrace) this.expectKey[depth - 1] = false;
          break;
        case Ch.Comma:
          if (top === Ch.OpenBrace) {
            this.expectKey[depth - 1] = true;
            this.lastKey = undefined;
          }
          break;
        default:
          // A scalar value ends the pending key.
          if (top === Ch.OpenBrace && !this.expectKey[depth - 1]) this.lastKey = undefined;
      }
    }
    if (this.inString) {
      this.stringCarried += n - stringFrom;
      // Known too large before the string ends: stop holding the entry's text now.
      if (this.stringCarried > this.limits.cell) {
        this.textTooLarge();
        // A key that long names no list: it is not held either.
        if (this.keyParts) keyFrom = -1;
        this.keyParts = undefined;
      }
    }
    if (this.elem && elemFrom >= 0) {
      this.elemChars += n - elemFrom;
      if (this.elemChars > this.limits.row) this.elemTooLarge ??= tooLarge('entry', this.limits);
      if (this.elemTooLarge) this.elem.length = 0;
      else this.elem.push(chunk.slice(elemFrom));
    }
    if (this.keyParts && keyFrom >= 0) this.keyParts.push(chunk.slice(keyFrom));
    if (this.whole && wholeFrom >= 0) {
      this.wholeChars += n - wholeFrom;
      if (this.wholeChars > this.limits.row) this.wholeTooLarge ??= tooLarge('entry', this.limits);
      if (this.wholeTooLarge) this.whole.length = 0;
      else this.whole.push(chunk.slice(wholeFrom));
    }
    return out;
  }

  /** Throws when the text stopped inside a value (a download cut off). */
  end(): void {
    if (this.stack.length > 0) {
      throw new InputError(`the file ends at line ${this.line} before the list is closed: the download may be cut off. Download the export again`, this.options.file);
    }
    if (this.shape.values === 0) throw new InputError('the file holds no JSON data', this.options.file);
  }

  /** A string past the limit: the entry holding it is skipped, whichever kind it is. */
  private textTooLarge(): void {
    if (this.elem) this.elemTooLarge ??= tooLarge('text', this.limits);
    else if (this.whole) this.wholeTooLarge ??= tooLarge('text', this.limits);
  }

  private tooLargeEntry(error: string, line: number): JsonElement {
    return { ok: false, error, tooLarge: true, line, index: this.index++ };
  }

  private parse(text: string, line: number): JsonElement {
    const at = { line, index: this.index++ };
    try {
      return { ok: true, value: JSON.parse(text), ...at };
    } catch (e) {
      return { ok: false, error: e instanceof Error ? e.message : String(e), ...at };
    }
  }
}

/** Streams the entries of a JSON text (see JsonEntryScanner). */
export async function* streamJsonEntries(chunks: AsyncIterable<string>, options: JsonEntriesOptions): AsyncGenerator<JsonElement> {
  const scanner = new JsonEntryScanner(options);
  for await (const chunk of chunks) yield* scanner.push(chunk);
  scanner.end();
}

/** The entries complete within the first look at a file (a cut-off last one is left out). */
export function peekJsonEntries(head: string, options: JsonEntriesOptions): { entries: unknown[]; shape: JsonShape } | undefined {
  const scanner = new JsonEntryScanner(options);
  try {
    const entries = scanner.push(head).flatMap((e) => (e.ok ? [e.value] : []));
    return { entries, shape: scanner.shape };
  } catch {
    return undefined;
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
