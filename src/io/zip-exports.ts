import { open, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { InputError } from '../errors.js';
import { escapeControl } from '../safe-text.js';
import { describeReadError } from '../values/load.js';
import { type OpenedInput, openByteSource } from './open-input.js';
import { assertReadable, readZipDirectory, readZipEntry, type ZipEntry } from './zip.js';

/**
 * The follower files of each platform's data download, by file name (folders
 * move between export versions, names stay): Instagram
 * `connections/followers_and_following/followers_1.json` (older downloads:
 * `followers_and_following/followers.json`), X `data/follower.js` and its
 * `follower-part1.js`, … parts, LinkedIn `Connections.csv`.
 */
const FOLLOWER_FILES = [/^followers(?:_\d+)?\.json$/i, /^follower(?:-part\d+)?\.js$/i, /^connections\.csv$/i];

/** Files that show which download this is when it has no follower file, and what to do. */
const HINTS: [RegExp, string][] = [
  [/^followers(?:_\d+)?\.html$/i, 'this Instagram download is in HTML format: request a new download with Format "JSON"'],
  [/^following\.(?:json|js)$/i, 'it has the accounts you follow but not your followers: request a download that includes followers'],
];

export async function isZipFile(path: string): Promise<boolean> {
  if (path === '-') return false;
  let fh: Awaited<ReturnType<typeof open>> | undefined;
  try {
    // A zip is read by seeking; a pipe (`<(…)`) cannot seek and is read as a stream instead.
    if (!(await stat(path)).isFile()) return false;
    fh = await open(path, 'r');
    const buf = Buffer.alloc(4);
    const { bytesRead } = await fh.read(buf, 0, 4, 0);
    // Local file header, or the end-of-directory record of an empty archive.
    return bytesRead === 4 && (buf.readUInt32LE(0) === 0x04034b50 || buf.readUInt32LE(0) === 0x06054b50);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EISDIR') return false;
    throw new InputError(describeReadError(e), path);
  } finally {
    await fh?.close();
  }
}

/**
 * Opens the follower files inside a platform's .zip download as inputs named
 * `archive.zip:path/inside`. Each is read straight from the archive (inflated
 * as it streams), nothing is extracted to disk. Several parts give several
 * inputs, in part order.
 */
export async function openZipExports(path: string): Promise<OpenedInput[]> {
  const entries = (await readZipDirectory(path)).filter((e) => !e.name.endsWith('/'));
  const matches = entries.filter((e) => FOLLOWER_FILES.some((re) => re.test(baseOf(e))));
  if (matches.length === 0) throw new InputError(noFollowersMessage(entries), path);
  matches.sort((a, b) => {
    const pa = partOf(a);
    const pb = partOf(b);
    return pa.stem.localeCompare(pb.stem, 'en') || pa.part - pb.part;
  });
  // Every follower file is vetted before any is read: an encrypted part or a zip bomb is refused up front.
  for (const entry of matches) assertReadable(path, entry);
  const inputs: OpenedInput[] = [];
  for (const entry of matches) {
    inputs.push(await openByteSource(`${path}:${escapeControl(entry.name)}`, entry.size, (whole) => readZipEntry(path, entry, whole)));
  }
  return inputs;
}

function noFollowersMessage(entries: ZipEntry[]): string {
  const base = 'this zip has no follower file (Instagram followers_1.json, X follower.js or LinkedIn Connections.csv)';
  for (const [re, hint] of HINTS) if (entries.some((e) => re.test(baseOf(e)))) return `${base}; ${hint}`;
  if (entries.length === 0) return `${base}: it is empty`;
  const shown = entries.slice(0, 6).map((e) => escapeControl(e.name));
  const more = entries.length > shown.length ? `, and ${entries.length - shown.length} more` : '';
  return `${base}. It holds ${entries.length} file${entries.length === 1 ? '' : 's'}: ${shown.join(', ')}${more}. Give the followers file itself, or the platform's full data download`;
}

/** `data/follower.js` is part 0, `follower-part1.js` part 1; `followers_2.json` part 2. */
function partOf(entry: ZipEntry): { stem: string; part: number } {
  const m = /^(.*?)(?:-part|_)(\d+)(\.[^./]+)$/i.exec(entry.name);
  return m ? { stem: `${m[1]}${m[3]}`, part: Number(m[2]) } : { stem: entry.name, part: 0 };
}

function baseOf(entry: ZipEntry): string {
  return basename(entry.name.replace(/\\/g, '/'));
}
