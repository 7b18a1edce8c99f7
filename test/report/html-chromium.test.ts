import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ESM script without type declarations
import { findChromium } from '../../scripts/check-html.mjs';
import { FERNLEAF, ROOT, runCli } from '../helpers/run-cli.js';

/**
 * The HTML report opened in a real browser (headless Chromium, if installed):
 * it loads, requests nothing but itself, and shows the segment counts.
 */
const chromium: string | undefined = findChromium();
const script = join(ROOT, 'scripts', 'check-html.mjs');

function check(args: string[]) {
  const r = spawnSync(process.execPath, [script, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 90_000 });
  return { code: r.status, summary: r.stdout ? JSON.parse(r.stdout) : undefined, stderr: r.stderr };
}

describe.skipIf(!chromium)('HTML report in headless Chromium', () => {
  it('loads with no request but the file itself and shows the segment counts', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kindred-shot-'));
    const png = join(dir, 'report.png');
    const r = check(['--screenshot', png]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.summary.failures).toEqual([]);
    expect(r.summary.requests).toBe(1);
    expect(r.summary.failedRequests).toBe(0);
    const report = JSON.parse(
      runCli(['audit', FERNLEAF.export, '--values', FERNLEAF.values, '--interactions', FERNLEAF.interactions, '--as-of', '2026-11-01', '--format', 'json']).stdout,
    );
    expect(r.summary.segments).toEqual({
      advocate: String(report.segments.advocate.count),
      potential: String(report.segments.potential.count),
      passive: String(report.segments.passive.count),
      misaligned: String(report.segments.misaligned.count),
    });
    expect(existsSync(png)).toBe(true);
    expect(readFileSync(png).subarray(1, 4).toString()).toBe('PNG');
    expect(statSync(png).size).toBeGreaterThan(10_000);
  }, 120_000);

  it('fails when the page makes a request or shows other numbers', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kindred-shot-'));
    const html = runCli(['audit', FERNLEAF.export, '--values', FERNLEAF.values, '--interactions', FERNLEAF.interactions, '--as-of', '2026-11-01', '--format', 'html']).stdout;
    const tampered = join(dir, 'tampered.html');
    writeFileSync(
      tampered,
      html
        .replace("default-src 'none'; ", '')
        .replace('</main>', '<img src="http://127.0.0.1:9/pixel.png" alt=""></main>')
        .replace(/(<tr data-segment="advocate"><td>.*?<\/td><td class="num">)\d+/, '$19999'),
    );
    const r = check(['--html', tampered, '--screenshot', join(dir, 'x.png')]);
    expect(r.code).toBe(1);
    const failures = r.summary.failures.join('\n');
    expect(failures).toContain('outside resources');
    expect(failures).toContain('http://127.0.0.1:9/pixel.png');
    expect(failures).toContain('failed requests');
    expect(failures).toContain('segment advocate: page shows 9999');
  }, 120_000);
});
