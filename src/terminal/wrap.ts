import stringWidth from 'string-width';
import wrapAnsi from 'wrap-ansi';

/**
 * Terminal layout in display columns, not code points: 山田 and 🙂 take two
 * columns each, a combining accent none. Every terminal table and wrapped
 * paragraph goes through here, so CJK names and emoji never shift a column.
 */

/** Width of a report in a terminal: the terminal's own, within readable bounds; 80 when not a terminal. */
export const MIN_WIDTH = 60;
export const MAX_WIDTH = 120;
export const DEFAULT_WIDTH = 80;

export function layoutWidth(columns: number | undefined): number {
  return columns === undefined ? DEFAULT_WIDTH : Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, columns));
}

/** Columns a string takes on screen (ANSI colour codes take none). */
export function displayWidth(text: string): number {
  return stringWidth(text);
}

/**
 * Greedy word wrap to `width` display columns; a word wider than the width is
 * cut. Line breaks become spaces; runs of spaces inside a line (aligned labels)
 * are kept. Colour codes survive.
 */
export function wrap(text: string, width: number): string[] {
  const flat = text.replace(/[\r\n\t]+/g, ' ').trim();
  if (!flat) return [];
  return wrapAnsi(flat, Math.max(1, width), { hard: true, trim: true }).split('\n');
}

/** Pads to `width` display columns (on the right, or on the left for figures). */
export function padEnd(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - stringWidth(text)));
}
export function padStart(text: string, width: number): string {
  return ' '.repeat(Math.max(0, width - stringWidth(text))) + text;
}

const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' });

/** Cuts plain text to at most `width` display columns with an ellipsis, never inside a character or emoji sequence. */
export function clipWidth(text: string, width: number): string {
  if (stringWidth(text) <= width) return text;
  let out = '';
  let used = 0;
  for (const { segment } of graphemes.segment(text)) {
    const w = stringWidth(segment);
    if (used + w > width - 1) break;
    out += segment;
    used += w;
  }
  return `${out}…`;
}
