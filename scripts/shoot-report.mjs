#!/usr/bin/env node
/**
 * The README's pictures of the HTML report's Followers section, taken in the
 * system's headless Chromium (playwright-core drives it; nothing is
 * downloaded): the Fernleaf sample, filtered by a click on a value's bar,
 * sorted by engagement, with the first row's reasons open.
 *
 *   npm run build && node scripts/shoot-report.mjs docs/images/report.png [--width 1000] [--dark]
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { findChromium } from './check-html.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const { values: args, positionals } = parseArgs({
  allowPositionals: true,
  options: { width: { type: 'string', default: '1000' }, height: { type: 'string', default: '1100' }, dark: { type: 'boolean', default: false } },
});
const out = resolve(positionals[0] ?? join(tmpdir(), 'kindred-followers.png'));
const executablePath = findChromium();
if (!executablePath) {
  process.stderr.write('shoot-report: Chromium not found (apt-get install chromium, or set CHROMIUM_PATH)\n');
  process.exit(3);
}
const work = mkdtempSync(join(tmpdir(), 'kindred-shoot-'));
try {
  const html = join(work, 'report.html');
  const sample = ['samples/fernleaf/followers.csv', '--values', 'samples/fernleaf/values.yml', '--interactions', 'samples/fernleaf/interactions.csv', '--as-of', '2026-11-01'];
  const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'kindred.js'), 'audit', ...sample, '--format', 'html', '-o', html, '--quiet'], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`kindred audit failed: ${r.stderr}`);
  const context = await chromium.launchPersistentContext(join(work, 'profile'), {
    executablePath,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: Number(args.width), height: Number(args.height) },
    colorScheme: args.dark ? 'dark' : 'light',
  });
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(pathToFileURL(html).href);
  await page.click('svg.value-chart g[data-value] rect.all');
  await page.click('th[data-sort="engagement"] button');
  await page.click('#f-rows button.why');
  await page.evaluate('window.scrollTo(0, 0)');
  const box = await page.locator('#followers').boundingBox();
  await page.screenshot({ path: out, clip: { x: 0, y: box.y - 16, width: Number(args.width), height: Number(args.height) }, fullPage: true });
  await context.close();
  process.stdout.write(`${out}\n`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
