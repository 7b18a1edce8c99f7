import type { ChalkInstance } from 'chalk';
import { displayWidth, wrap } from '../terminal/wrap.js';

/**
 * Terminal layout for init's lists and notes: lines break between items and
 * words, never inside them, and continuation lines are indented under the
 * first. Widths are measured on plain text, before colour is applied.
 */
export function wrapItems(label: string, items: string[], width: number, c: ChalkInstance, indent = 2): string {
  const pad = ' '.repeat(indent + label.length);
  const room = Math.max(20, width - pad.length);
  const lines: string[] = [];
  let line = '';
  items.forEach((item, i) => {
    const piece = i < items.length - 1 ? `${item},` : item;
    if (line && displayWidth(line) + 1 + displayWidth(piece) > room) {
      lines.push(line);
      line = piece;
    } else line = line ? `${line} ${piece}` : piece;
  });
  if (line) lines.push(line);
  return lines.map((l, i) => (i === 0 ? `${' '.repeat(indent)}${c.bold(label)}${l}` : `${pad}${l}`)).join('\n');
}

/** A note wrapped to the width, each line indented, styled after wrapping. */
export function wrapNote(text: string, width: number, style: (s: string) => string = (s) => s, indent = 2): string {
  return wrap(text, Math.max(20, width - indent))
    .map((l) => style(`${' '.repeat(indent)}${l}`))
    .join('\n');
}
