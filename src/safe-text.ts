/**
 * Data never reaches the terminal raw: a bio can hold ANSI escapes, OSC 8
 * hyperlinks, backspaces or bidi overrides that would rewrite what the user
 * sees. They are shown escaped (\x1b, \u202e) instead.
 */
// C0 and C1 controls, DEL, bidi embeddings/overrides/isolates, line/paragraph separators.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/g;

export function escapeControl(text: string): string {
  return text.replace(UNSAFE, (ch) => {
    const code = ch.charCodeAt(0);
    if (ch === '\n') return '\\n';
    if (ch === '\t') return '\\t';
    if (ch === '\r') return '\\r';
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

/** Escapes, then cuts to `max` characters with an ellipsis. */
export function clip(text: string, max: number): string {
  const safe = escapeControl(text);
  const chars = [...safe];
  return chars.length <= max ? safe : `${chars.slice(0, Math.max(0, max - 1)).join('')}…`;
}

/** Escapes each line of a multi-line message, keeping its line breaks (error messages, notices). */
export function escapeLines(text: string): string {
  return text
    .split('\n')
    .map((line) => escapeControl(line))
    .join('\n');
}

// What JSON.stringify leaves raw but a terminal acts on: DEL, C1 controls, bidi and line separators.
const JSON_UNSAFE = /[\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/g;
const HAS_JSON_UNSAFE = new RegExp(JSON_UNSAFE.source);

/**
 * JSON.stringify, plus \u escapes for the characters it leaves raw that
 * would still reorder or rewrite a terminal line (JSON.stringify already
 * escapes C0 controls such as ESC). The parsed value is unchanged: this only
 * picks a different spelling of the same string. Called once per record of a
 * million-row NDJSON file, so the common case (nothing to respell) is one
 * non-global test, not a replace.
 */
export function safeJson(value: unknown, space?: number): string {
  const json = JSON.stringify(value, null, space);
  return HAS_JSON_UNSAFE.test(json) ? json.replace(JSON_UNSAFE, unicodeEscape) : json;
}

function unicodeEscape(ch: string): string {
  return `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;
}
