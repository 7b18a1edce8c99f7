import type { Follower } from '../../src/follower.js';
import { openInput } from '../../src/io/open-input.js';
import type { SkippedRow } from '../../src/io/rows.js';
import { detectFormat, formatById } from '../../src/io/sources/index.js';
import type { SourceInfo } from '../../src/io/sources/types.js';

export interface ReadResult {
  format: string;
  info: SourceInfo;
  followers: Follower[];
  skipped: SkippedRow[];
  warnings: string[];
}

/** Detects and reads one export the way `kindred audit` does, collecting everything it yields. */
export async function readSource(path: string, platform = 'auto'): Promise<ReadResult> {
  const input = await openInput(path);
  const format = platform === 'auto' ? detectFormat(input) : formatById(platform);
  if (!format) throw new Error(`no format detected for ${path}`);
  const reader = await format.open(input, { map: {} });
  const followers: Follower[] = [];
  const skipped: SkippedRow[] = [];
  const warnings: string[] = [];
  for await (const item of reader.items) {
    if (item.kind === 'skip') skipped.push(item.skip);
    else {
      followers.push(item.follower);
      for (const w of item.warnings) warnings.push(`${w.code}:${w.field}:${w.line}`);
    }
  }
  return { format: format.id, info: reader.info, followers, skipped, warnings };
}

export function byHandle(followers: Follower[], handle: string): Follower {
  const f = followers.find((x) => x.handle === handle);
  if (!f) throw new Error(`no follower ${handle} among ${followers.map((x) => x.handle).join(', ')}`);
  return f;
}
