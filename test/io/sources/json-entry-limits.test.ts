import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROW_LIMITS } from '../../../src/io/limits.js';
import { readSource } from '../../helpers/read-source.js';
import { FIXTURES, runCli } from '../../helpers/run-cli.js';

/**
 * The JSON exports read entry by entry (X API users, Bluesky, Mastodon,
 * Instagram) honour the same limits as a plain JSON list: a 48 MB bio in one
 * entry costs that entry (MALFORMED_ROW), never the file or the memory.
 */
const users = JSON.parse(readFileSync(join(FIXTURES, 'x-api-json', 'users.json'), 'utf8')) as Record<string, unknown>[];
const huge = 'x'.repeat(48 * 1024 * 1024);

function write(name: string, text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'kindred-limits-')), name);
  writeFileSync(path, text);
  return path;
}

describe('per-entry limits in JSON exports', () => {
  it('a 48 MB string in one entry of a list: that entry skipped as MALFORMED_ROW, the rest read', { timeout: 60_000 }, async () => {
    expect(huge.length).toBeGreaterThan(ROW_LIMITS.row);
    const entries = users.map((u, i) => (i === 1 ? { ...u, description: huge } : u));
    const file = write('users.json', JSON.stringify(entries));
    const r = await readSource(file);
    expect(r.format).toBe('x-api');
    expect(r.followers.map((f) => f.handle)).toEqual(users.filter((_, i) => i !== 1).map((u) => u.screen_name));
    expect(r.skipped.map((s) => s.code)).toEqual(['MALFORMED_ROW']);
    expect(r.skipped[0]!.detail).toMatch(/entry 2: .*larger than 1 MB/);
  });

  it('JSON Lines: an entry past the entry limit is skipped, the lines after it read', { timeout: 60_000 }, async () => {
    const fields = Object.fromEntries(Array.from({ length: 20 }, (_, k) => [`note_${k}`, 'y'.repeat(ROW_LIMITS.cell - 10)]));
    const lines = users.map((u, i) => JSON.stringify(i === 1 ? { ...u, ...fields } : u));
    expect(lines[1]!.length).toBeGreaterThan(ROW_LIMITS.row);
    const r = await readSource(write('users.jsonl', `${lines.join('\n')}\n`));
    expect(r.followers.map((f) => f.handle)).toEqual(users.filter((_, i) => i !== 1).map((u) => u.screen_name));
    expect(r.skipped.map((s) => [s.code, s.line])).toEqual([['MALFORMED_ROW', 2]]);
    expect(r.skipped[0]!.detail).toMatch(/entry 2: the entry is larger than 16 MB/);
  });

  it('through the CLI: exit 0, the oversized entry accounted as skipped', { timeout: 60_000 }, () => {
    const lines = users.map((u, i) => JSON.stringify(i === 2 ? { ...u, description: huge } : u));
    const file = write('users.jsonl', lines.join('\n'));
    const r = runCli(['audit', file, '--values', join(FIXTURES, 'values.yml'), '--as-of', '2026-11-01', '--format', 'json']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.totals).toEqual({ rowsRead: users.length, classified: users.length - 1, skipped: 1 });
    expect(report.dataQuality.skippedByCode).toEqual({ MALFORMED_ROW: 1 });
  });
});
