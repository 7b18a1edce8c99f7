/**
 * A word as a POSIX shell reads it back, for the commands kindred prints for
 * people to copy (`--map bio='About me'`): plain words stay bare, anything
 * else goes in single quotes.
 */
export function shellQuote(s: string): string {
  return /^[\w.@%+=:,/-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}
