/**
 * Passes on the first `max` lines written and drops the rest, counting what
 * it passed. Each write is whole lines ending in "\n" (one row's line, or a
 * worker thread's batch of them as UTF-8 bytes), so a batch that crosses the
 * limit is cut at a line end.
 */
export function createLineLimit(max: number, write: (text: string | Uint8Array) => Promise<void> | undefined) {
  let lines = 0;
  return {
    get lines(): number {
      return lines;
    },
    write(text: string | Uint8Array): Promise<void> | undefined {
      if (lines >= max) return undefined;
      let end = -1;
      while (lines < max) {
        const next = typeof text === 'string' ? text.indexOf('\n', end + 1) : text.indexOf(10, end + 1);
        if (next < 0) return write(text);
        lines++;
        end = next;
      }
      return write(end === text.length - 1 ? text : typeof text === 'string' ? text.slice(0, end + 1) : text.subarray(0, end + 1));
    },
  };
}
