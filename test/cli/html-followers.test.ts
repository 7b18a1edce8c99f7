import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HTML_ROW_FIELDS } from '../../src/report/html-rows.js';
import { escapeControl } from '../../src/safe-text.js';
import { FERNLEAF, FIXTURES, runCli } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-dir.js';

/**
 * The HTML report's follower list as a file: what it embeds, how it is
 * allowed to run, its limit and --anonymize. (The page itself is driven in a
 * browser in test/report/html-followers-browser.test.ts.)
 */
const SAMPLE = ['audit', FERNLEAF.export, '--values', FERNLEAF.values, '--interactions', FERNLEAF.interactions, '--as-of', '2026-11-01'];
const HOSTILE = ['audit', join(FIXTURES, 'hostile', 'followers.csv'), '--values', join(FIXTURES, 'hostile', 'values.yml'), '--as-of', '2026-11-01'];
const SALT = { KINDRED_SALT: 'html-salt-19' };
const at = Object.fromEntries(HTML_ROW_FIELDS.map((field, i) => [field, i])) as Record<(typeof HTML_ROW_FIELDS)[number], number>;
const DATA_OPEN = '<script type="application/json" id="follower-data">';

/** The raw text of the embedded JSON block, or undefined when the page has none. */
function dataBlock(html: string): string | undefined {
  const start = html.indexOf(DATA_OPEN);
  if (start < 0) return undefined;
  const from = start + DATA_OPEN.length;
  return html.slice(from, html.indexOf('</script>', from));
}

/** The rows as the page's script reads them: the block parsed, its closing null dropped. */
function embeddedRows(html: string): unknown[][] {
  const rows = JSON.parse(dataBlock(html)!) as unknown[];
  expect(rows.pop()).toBeNull();
  return rows as unknown[][];
}

function records(args: string[], env?: NodeJS.ProcessEnv) {
  return JSON.parse(runCli([...args, '--format', 'json', '--include-followers'], env ? { env } : {}).stdout).followers as Record<string, unknown>[];
}

describe('the HTML report embeds every follower for browsing', () => {
  it('holds one row per classified follower, the same verdicts, scores and reasons as the JSON records', () => {
    const html = runCli([...SAMPLE, '--format', 'html']).stdout;
    const rows = embeddedRows(html);
    const expected = records(SAMPLE);
    expect(rows).toHaveLength(expected.length);
    rows.forEach((row, i) => {
      const r = expected[i]!;
      for (const field of ['handle', 'name', 'segment', 'action', 'alignment', 'engagement', 'values', 'flags', 'reasons'] as const) {
        expect(row[at[field]], field).toEqual(r[field]);
      }
    });
    expect(html).toContain('<section id="followers"');
    expect(html).toContain(`Followers: all ${expected.length}</h2>`);
  });

  it('runs one inline script, allowed by its hash in the CSP (no unsafe-inline for scripts)', () => {
    const html = runCli([...SAMPLE, '--format', 'html']).stdout;
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)![1]!;
    expect(csp).toMatch(/^default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-[A-Za-z0-9+/=]+'$/);
    const scripts = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]!);
    expect(scripts).toHaveLength(1);
    const hash = createHash('sha256').update(scripts[0]!, 'utf8').digest('base64');
    expect(csp).toContain(`'sha256-${hash}'`);
  });

  it('spells hostile text so it cannot end the JSON block or start markup, and parses back to the escaped text', () => {
    const html = runCli([...HOSTILE, '--format', 'html']).stdout;
    const block = dataBlock(html)!;
    expect(block).not.toMatch(/[<>&\u2028\u2029\u202e\u001b]/);
    const rows = embeddedRows(html);
    const expected = records(HOSTILE);
    expect(rows.map((r) => r[at.handle])).toEqual(expected.map((r) => escapeControl(String(r.handle))));
    expect(rows.map((r) => r[at.name])).toEqual(expected.map((r) => (r.name === null ? null : escapeControl(String(r.name)))));
    // Exactly two scripts: the data and the code.
    expect(html.match(/<script/g)).toHaveLength(2);
  });

  it('writes the same page to a file and to standard output, and the same with worker threads', () => {
    const dir = tempDir();
    const file = join(dir, 'report.html');
    expect(runCli([...SAMPLE, '--format', 'html', '-o', file, '--quiet']).code).toBe(0);
    const stdout = runCli([...SAMPLE, '--format', 'html', '--threads', '0']).stdout;
    expect(readFileSync(file, 'utf8')).toBe(stdout);
    for (const limit of [[], ['--html-followers', '7']]) {
      const one = runCli([...SAMPLE, '--format', 'html', '--threads', '0', ...limit]).stdout;
      const two = runCli([...SAMPLE, '--format', 'html', '--threads', '2', '--parallel-min-bytes', '0', '--piece-chars', '40', ...limit]).stdout;
      expect(two).toBe(one);
    }
  });

  it('stops at --html-followers N and says how to get the rest; 0 gives the static report alone', () => {
    const expected = records(SAMPLE);
    const html = runCli([...SAMPLE, '--format', 'html', '--html-followers', '7']).stdout;
    expect(embeddedRows(html).map((r) => r[at.handle])).toEqual(expected.slice(0, 7).map((r) => r.handle));
    expect(html).toContain(`Followers: the first 7 of ${expected.length}</h2>`);
    expect(html).toContain('Only the first 7 followers');
    expect(html).toContain('--followers-out');

    const none = runCli([...SAMPLE, '--format', 'html', '--html-followers', '0']).stdout;
    expect(dataBlock(none)).toBeUndefined();
    expect(none).not.toContain('<script');
    expect(none).not.toContain('script-src');
    expect(none).not.toContain('id="followers"');
    // Still the whole static report, top lists included.
    expect(none).toContain('id="list-advocates"');
  });

  it('refuses an --html-followers that is not a whole number', () => {
    for (const bad of ['-1', 'lots', '2.5']) {
      const r = runCli([...SAMPLE, '--format', 'html', '--html-followers', bad]);
      expect(r.code, bad).toBe(2);
      expect(r.stderr).toContain('--html-followers');
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it('with --anonymize embeds pseudonyms and no name, place, profile text or link', () => {
    const html = runCli([...SAMPLE, '--format', 'html', '--anonymize'], { env: SALT }).stdout;
    const rows = embeddedRows(html);
    const anonymized = JSON.parse(runCli([...SAMPLE, '--format', 'json', '--include-followers', '--anonymize'], { env: SALT }).stdout).followers;
    expect(rows).toHaveLength(anonymized.length);
    expect(rows.map((r) => r[at.handle])).toEqual(anonymized.map((r: { handle: string }) => r.handle));
    for (const r of rows) {
      expect(r[at.handle]).toMatch(/^anon-[0-9a-f]{16}$/);
      expect([r[at.name], r[at.location], r[at.profileUrl], r[at.about]]).toEqual([null, null, null, null]);
    }
    // The plain run does embed them: the check above can fail.
    const plain = embeddedRows(runCli([...SAMPLE, '--format', 'html']).stdout);
    expect(plain.filter((r) => r[at.location] !== null && r[at.about] !== null).length).toBeGreaterThan(10);
    expect(html).toContain('Anonymised: handles are pseudonyms');
  });
});
