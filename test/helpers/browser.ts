import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Page } from 'playwright-core';
// @ts-expect-error: a plain ESM script without type declarations
import { findChromium } from '../../scripts/check-html.mjs';

/** The system's Chromium (CHROMIUM_PATH, or chromium on the PATH such as /usr/bin/chromium); undefined when none is installed. */
export const CHROMIUM: string | undefined = findChromium();

/** Flags for a quiet, offline, throw-away browser: no sandbox (containers), no GPU, nothing phoning home. */
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export interface OpenedPage {
  page: Page;
  /** Every URL the page asked for. */
  requests: string[];
  /** Uncaught exceptions, console errors (CSP violations among them) and dialogs opened. */
  problems: string[];
  close(): Promise<void>;
}

/** Opens an HTML file in headless Chromium with a fresh profile, recording requests and problems. */
export async function openInChromium(file: string, options: { width?: number; height?: number; colorScheme?: 'light' | 'dark'; javaScript?: boolean } = {}): Promise<OpenedPage> {
  if (!CHROMIUM) throw new Error('no Chromium installed');
  const profile = mkdtempSync(join(tmpdir(), 'kindred-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: FLAGS,
    viewport: { width: options.width ?? 1100, height: options.height ?? 1400 },
    colorScheme: options.colorScheme ?? 'light',
    javaScriptEnabled: options.javaScript ?? true,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const requests: string[] = [];
  const problems: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('pageerror', (e) => problems.push(`exception: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  page.on('dialog', (d) => {
    problems.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  await page.goto(pathToFileURL(file).href);
  return {
    page,
    requests,
    problems,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
