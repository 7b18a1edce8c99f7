/**
 * How much colour the terminal report and the wizard use, decided once, as
 * chalk's own detection does and as https://no-color.org and
 * https://force-color.org ask:
 *
 * 1. `--no-color` or a non-empty `NO_COLOR`: none (they win, as documented);
 * 2. output to a file (`-o`): none, colour codes never go into files;
 * 3. `FORCE_COLOR`: `0`/`false` none, `1`/`true`/empty basic, `2` 256 colours,
 *    `3` true colour, even when standard output is not a terminal (CI logs,
 *    `| less -R`);
 * 4. otherwise basic colour when standard output is a terminal.
 */
export type ColorLevel = 0 | 1 | 2 | 3;

export function colorLevel(options: { flag?: boolean; env: NodeJS.ProcessEnv; stdoutIsTTY: boolean; toFile?: boolean }): ColorLevel {
  if (options.flag === false || options.env.NO_COLOR) return 0;
  if (options.toFile) return 0;
  const force = options.env.FORCE_COLOR;
  if (force !== undefined) {
    if (force === '' || force === 'true') return 1;
    if (force === 'false') return 0;
    const n = Number(force);
    if (Number.isInteger(n) && n >= 0) return Math.min(3, n) as ColorLevel;
  }
  return options.stdoutIsTTY ? 1 : 0;
}
