import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Chalk } from 'chalk';
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/report/model.js';
import { renderTable } from '../../src/report/renderers/table.js';
import { layoutWidth, wrap } from '../../src/terminal/wrap.js';
import { FERNLEAF, ROOT, runCli } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-dir.js';

/** The terminal report lays out by display columns, uses the terminal's width, and reads naturally. */

function wideNames(dir: string): string {
  const file = join(dir, 'followers.csv');
  const rows = [
    ['yamada', '山田 由紀子', 'bookworm'],
    ['minjun', '김민준 🙂📚', 'bookworm and shop local'],
    ['ann', 'Ann Lee', 'bookworm'],
    ['zoe', 'Zoë Ça', 'reader'],
  ];
  writeFileSync(file, `handle,name,bio,likes\n${rows.map((r) => `${r.join(',')},5`).join('\n')}\n`);
  return file;
}

describe('terminal layout', () => {
  it('keeps columns in line with CJK names and emoji (display width, not code points)', () => {
    const out = runCli(['audit', wideNames(tempDir()), '--values', FERNLEAF.values, '--as-of', '2026-11-01']).stdout;
    const section = out.slice(out.indexOf('Advocates to thank')).split('\n\n')[0]!.split('\n');
    const rows = section.filter((l) => l.startsWith('  @'));
    expect(rows).toHaveLength(4);
    // The engagement figure ends at the same display column on every row.
    const ends = rows.map((l) => stringWidth(l.slice(0, l.search(/ 5(?= |$)/) + 2)));
    expect(new Set(ends).size).toBe(1);
    expect(rows.some((l) => l.includes('山田 由紀子'))).toBe(true);
  });

  it('uses a wide terminal up to 120 columns, and 80 when not a terminal', () => {
    expect(layoutWidth(undefined)).toBe(80);
    expect(layoutWidth(120)).toBe(120);
    expect(layoutWidth(300)).toBe(120);
    expect(layoutWidth(40)).toBe(60);
    const report = JSON.parse(readFileSync(join(ROOT, 'test/golden/fernleaf.json'), 'utf8')) as Report;
    const wide = renderTable(report, { chalk: new Chalk({ level: 0 }), width: 120 }).split('\n');
    const narrow = renderTable(report, { chalk: new Chalk({ level: 0 }) }).split('\n');
    expect(Math.max(...wide.map((l) => stringWidth(l)))).toBeGreaterThan(80);
    expect(Math.max(...wide.map((l) => stringWidth(l)))).toBeLessThanOrEqual(120);
    expect(Math.max(...narrow.map((l) => stringWidth(l)))).toBeLessThanOrEqual(80);
    expect(wide.length).toBeLessThan(narrow.length);
  });

  it('wraps by display width', () => {
    const lines = wrap('山田 由紀子 山田 由紀子 山田 由紀子', 12);
    for (const l of lines) expect(stringWidth(l)).toBeLessThanOrEqual(12);
    expect(lines.join(' ')).toBe('山田 由紀子 山田 由紀子 山田 由紀子');
  });

  it('writes one of a kind in the singular', () => {
    const dir = tempDir();
    const file = join(dir, 'followers.csv');
    writeFileSync(file, 'handle,bio,likes\nfan,bookworm,5\ncritic,free pdf download,5\n');
    const out = runCli(['audit', file, '--values', FERNLEAF.values, '--as-of', '2026-11-01']).stdout;
    expect(out).toContain('1 dissenter,');
    expect(out).toMatch(/2 rows read · 2 followers classified/);
    expect(out).not.toMatch(/\b1 (dissenters|followers|rows)\b/);
  });

  it('sorts ties naturally: fan3 before fan11', () => {
    const dir = tempDir();
    const file = join(dir, 'likes.csv');
    writeFileSync(file, `handle,likes\n${Array.from({ length: 24 }, (_, i) => `fan${i},5`).join('\n')}\n`);
    const r = JSON.parse(runCli(['audit', file, '--values', FERNLEAF.values, '--as-of', '2026-11-01', '--format', 'json']).stdout) as Report;
    expect(r.lists.qualify.map((f) => f.handle)).toEqual(['fan0', 'fan1', 'fan2', 'fan3', 'fan4', 'fan5', 'fan6', 'fan7', 'fan8', 'fan9']);
  });
});
