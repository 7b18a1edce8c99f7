import type { Writable } from 'node:stream';

/** Lets `view` report the terminal facts (width, height, TTY) of the stream it writes to. */
export function mirrorTerminal<T extends Writable>(view: T, out: Writable): T {
  const terminal = out as Partial<Pick<NodeJS.WriteStream, 'columns' | 'rows' | 'isTTY'>>;
  Object.defineProperties(view, {
    columns: { get: () => terminal.columns },
    rows: { get: () => terminal.rows },
    isTTY: { get: () => terminal.isTTY },
  });
  return view;
}
