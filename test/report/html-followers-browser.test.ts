import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import type { FollowerRecord } from '../../src/report/records.js';
import { CHROMIUM, type OpenedPage, openInChromium } from '../helpers/browser.js';
import { FERNLEAF, runCli } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-dir.js';

/**
 * The HTML report's Followers section, driven in headless Chromium as a
 * marketer would use it: search, filter, sort, page, open a row's reasons,
 * click the charts. What the page shows is checked against the JSON report's
 * per-follower records (--include-followers) and the export's own profile text.
 * Skips only when no Chromium is installed (.ci/run installs it).
 */
type JsonRecord = FollowerRecord;

interface ShownRow {
  handle: string;
  name: string;
  segment: string;
  action: string;
  values: string;
  flags: string;
  engagement: string;
  alignment: string;
  location: string;
}

const SAMPLE = [FERNLEAF.export, '--values', FERNLEAF.values, '--interactions', FERNLEAF.interactions, '--as-of', '2026-11-01'];
const fmt = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });
// How the page folds text for search: accents off, lower case.
const fold = (t: string) => t.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
const key = (handle: string) => handle.replace(/^@/, '').toLowerCase();

function sampleAudit(dir: string) {
  const html = join(dir, 'report.html');
  const r = runCli(['audit', ...SAMPLE, '--format', 'html', '-o', html, '--quiet']);
  expect(r.code).toBe(0);
  const records: JsonRecord[] = JSON.parse(runCli(['audit', ...SAMPLE, '--format', 'json', '--include-followers']).stdout).followers;
  // The export's profile text by handle, for what a search can find beyond the records' fields.
  const rows: Record<string, string>[] = parse(readFileSync(FERNLEAF.export), { columns: true, bom: true });
  const profile = new Map(rows.map((row) => [key(row.Username!), row]));
  return { html, records, profile };
}

async function shownRows(page: OpenedPage['page']): Promise<ShownRow[]> {
  return page.$$eval('#f-rows tr[data-row]', (trs) =>
    trs.map((tr) => {
      const text = (cls: string) => tr.querySelector(`td.${cls}`)?.textContent ?? '';
      const segment = tr.querySelector('td.segment')!;
      return {
        handle: text('handle'),
        name: text('name'),
        segment: segment.childNodes[1]?.textContent ?? '',
        action: segment.querySelector('small')?.textContent ?? '',
        values: text('values'),
        flags: [...tr.querySelectorAll('td.flags .chip')].map((c) => c.textContent).join(', '),
        engagement: text('engagement'),
        alignment: text('alignment'),
        location: text('location'),
      };
    }),
  );
}

/** The row a record should produce in the list. */
function expectedRow(r: JsonRecord, location: string | undefined): ShownRow {
  return {
    handle: `@${r.handle}`,
    name: r.name ?? '',
    segment: r.segment,
    action: r.action,
    values: r.values.join(', '),
    flags: r.flags.join(', '),
    engagement: fmt.format(r.engagement),
    alignment: fmt.format(r.alignment),
    location: location ?? '',
  };
}

async function countText(page: OpenedPage['page']): Promise<string> {
  return (await page.locator('#f-count').textContent()) ?? '';
}

describe.skipIf(!CHROMIUM)('the Followers section in headless Chromium', () => {
  it('searches, filters, sorts, pages and explains, showing exactly the JSON records', async () => {
    const { html, records, profile } = sampleAudit(tempDir());
    const at = (r: JsonRecord) => profile.get(key(r.handle))?.Location || undefined;
    const opened = await openInChromium(html);
    const { page } = opened;
    try {
      // Everyone, in export order, a page of 100 at a time.
      expect(await countText(page)).toBe(`Showing 1–100 of ${records.length} followers.`);
      expect(await shownRows(page)).toEqual(records.slice(0, 100).map((r) => expectedRow(r, at(r))));
      await page.click('#f-next');
      expect(await shownRows(page)).toEqual(records.slice(100, 200).map((r) => expectedRow(r, at(r))));

      // A word of a bio, then a segment, then the engagement column sorted (most engaged first).
      const word = 'book';
      await page.fill('#f-search', word);
      const searched = records.filter((r) => {
        const p = profile.get(key(r.handle));
        return fold([r.handle, r.name ?? '', p?.Location ?? '', p?.Bio ?? ''].join(' ')).includes(word);
      });
      expect(searched.length).toBeGreaterThan(1);
      await expect.poll(() => countText(page)).toBe(`Showing 1–${searched.length} of ${searched.length} matching (of ${records.length}).`);
      const segment = searched[0]!.segment;
      await page.selectOption('#f-segment', segment);
      const filtered = searched.filter((r) => r.segment === segment);
      await page.click('th[data-sort="engagement"] button');
      const sorted = [...filtered].sort((a, b) => b.engagement - a.engagement);
      expect(await page.getAttribute('th[data-sort="engagement"]', 'aria-sort')).toBe('descending');
      expect(await shownRows(page)).toEqual(sorted.map((r) => expectedRow(r, at(r))));
      // A second click reverses the order.
      await page.click('th[data-sort="engagement"] button');
      const ascending = [...filtered].sort((a, b) => a.engagement - b.engagement);
      expect(await shownRows(page)).toEqual(ascending.map((r) => expectedRow(r, at(r))));

      // A row's reasons on demand: the same sentences as the record (and `explain`).
      const first = ascending[0]!;
      await page.click('#f-rows tr[data-row] button.why');
      expect(await page.$$eval('#f-rows tr.reasons li', (lis) => lis.map((li) => li.textContent))).toEqual(first.reasons);
      expect(first.reasons.at(-1)).toMatch(/^rule: /);

      // The charts filter the list: a value's bar, then a segment of the bar.
      await page.click('#f-clear');
      const value = records.flatMap((r) => r.values)[0]!;
      await page.click(`svg.value-chart g[data-value="${value}"] rect.all`);
      expect(await page.inputValue('#f-value')).toBe(value);
      const holding = records.filter((r) => r.values.includes(value));
      expect(await countText(page)).toBe(`Showing 1–${Math.min(100, holding.length)} of ${holding.length} matching (of ${records.length}).`);
      await page.click('#f-clear');
      await page.click('svg.segment-bar rect[data-segment="misaligned"]');
      expect(await page.inputValue('#f-segment')).toBe('misaligned');
      const misaligned = records.filter((r) => r.segment === 'misaligned');
      expect(await shownRows(page)).toEqual(misaligned.slice(0, 100).map((r) => expectedRow(r, at(r))));

      // Filters by action, flag and ideal fit.
      await page.click('#f-clear');
      await page.selectOption('#f-action', 'nurture');
      await page.selectOption('#f-ideal', 'yes');
      const nurtureFit = records.filter((r) => r.action === 'nurture' && r.flags.includes('ideal-fit'));
      expect((await shownRows(page)).map((r) => r.handle)).toEqual(nurtureFit.slice(0, 100).map((r) => `@${r.handle}`));
      await page.click('#f-clear');
      await page.selectOption('#f-flag', 'no-evidence');
      expect((await shownRows(page)).map((r) => r.handle)).toEqual(records.filter((r) => r.flags.includes('no-evidence')).slice(0, 100).map((r) => `@${r.handle}`));

      // Offline and clean: the file itself was the only request; the CSP let the script run and nothing failed.
      expect(opened.requests).toEqual([expect.stringMatching(/^file:.*report\.html$/)]);
      expect(opened.problems).toEqual([]);
    } finally {
      await opened.close();
    }
  }, 120_000);

  it('shows hostile names and bios as text: nothing they hold runs or becomes markup', async () => {
    const dir = tempDir();
    // Just under the 1 MB a cell may hold (src/io/limits.ts): a longer one is a skipped row, not a bio.
    const bigBio = `reader ${'ab '.repeat(340_000)}</script><script>window.pwned = 4</script>`;
    const rows = [
      ['Username', 'Name', 'Bio', 'Location'],
      ['evil_one', '<script>window.pwned = 1</script>', '</script><script>window.pwned = 2</script> bookworm', 'Bristol'],
      ['evil_two', '\u202Eevil reversed', '<img src=x onerror="window.pwned = 3"> \u2028 bookworm', '</script>'],
      ['evil_three', 'Ben & <b>Jerry</b>', bigBio, 'Bath'],
      ['plain_reader', 'Plain Reader', 'book club host', 'Leeds'],
    ];
    const csv = join(dir, 'followers.csv');
    writeFileSync(csv, rows.map((r) => r.map((c) => `"${c.replace(/"/g, '""')}"`).join(',')).join('\n'));
    const html = join(dir, 'report.html');
    const r = runCli(['audit', csv, '--values', FERNLEAF.values, '--as-of', '2026-11-01', '--format', 'html', '-o', html, '--quiet']);
    expect(r.code).toBe(0);
    // The 1 MB bio is clipped for the list, not embedded whole.
    expect(statSync(html).size).toBeLessThan(200_000);
    const opened = await openInChromium(html);
    const { page } = opened;
    try {
      expect(await page.evaluate('window.pwned')).toBeUndefined();
      // Only the report's own two scripts (the data and the code); no image, no bold from data.
      expect(await page.evaluate('document.scripts.length')).toBe(2);
      expect(await page.locator('#followers img, #followers b, #followers script').count()).toBe(0);
      const shown = await shownRows(page);
      expect(shown.map((s) => s.name)).toEqual(['<script>window.pwned = 1</script>', '\\u202eevil reversed', 'Ben & <b>Jerry</b>', 'Plain Reader']);
      expect(shown[1]!.location).toBe('</script>');
      // Bio words are searchable, markup and all.
      await page.fill('#f-search', 'pwned = 2</script>');
      await expect.poll(() => shownRows(page).then((s) => s.map((x) => x.handle))).toEqual(['@evil_one']);
      await page.click('#f-rows button.why');
      expect(await page.textContent('#f-rows tr.reasons .about')).toBe('</script><script>window.pwned = 2</script> bookworm');
      await page.fill('#f-search', 'ben jerry');
      await expect.poll(() => shownRows(page).then((s) => s.map((x) => x.handle))).toEqual(['@evil_three']);
      await page.click('#f-rows button.why');
      const about = (await page.textContent('#f-rows tr.reasons .about')) ?? '';
      expect(about.startsWith('reader ab ab')).toBe(true);
      expect(about.endsWith('…')).toBe(true);
      expect([...about].length).toBe(600);
      expect(await page.evaluate('window.pwned')).toBeUndefined();
      expect(opened.problems).toEqual([]);
    } finally {
      await opened.close();
    }
  }, 120_000);
});

/**
 * At phone width (390 px) the report reads: nothing runs off the side of the
 * page, and no word of ordinary length (up to 16 characters) is broken across
 * lines (the old page broke "advocate" letter by letter in narrow table columns).
 */
const BROKEN_WORDS = `(() => {
  const broken = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    if (!el || el.closest('svg, script, style, noscript') || !el.getClientRects().length) continue;
    // Words between spaces, hyphens and slashes: the browser may break a line after a hyphen or a slash.
    for (const m of node.textContent.matchAll(/[^\\s\\-\\/]+/g)) {
      if (m[0].length > 16) continue;
      const range = document.createRange();
      range.setStart(node, m.index);
      range.setEnd(node, m.index + m[0].length);
      const lines = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
      if (lines.size > 1) broken.push(m[0]);
    }
  }
  return broken;
})()`;

describe.skipIf(!CHROMIUM)('the HTML report on a phone', () => {
  for (const colorScheme of ['light', 'dark'] as const) {
    it(`fits 390 px without breaking words (${colorScheme})`, async () => {
      const { html } = sampleAudit(tempDir());
      const opened = await openInChromium(html, { width: 390, height: 844, colorScheme });
      const { page } = opened;
      try {
        await page.click('#f-rows button.why');
        expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
        expect(await page.evaluate(BROKEN_WORDS)).toEqual([]);
        // The follower list is one card per follower: every row still shows its handle and segment.
        expect((await shownRows(page)).length).toBe(100);
        expect(opened.problems).toEqual([]);
      } finally {
        await opened.close();
      }
    }, 120_000);
  }
});

describe.skipIf(!CHROMIUM)('the HTML report without JavaScript', () => {
  it('is the static report with its top lists, and says where the full list is', async () => {
    const { html } = sampleAudit(tempDir());
    const report = JSON.parse(runCli(['audit', ...SAMPLE, '--format', 'json']).stdout);
    const opened = await openInChromium(html, { javaScript: false });
    const { page } = opened;
    try {
      expect(await page.isVisible('#followers .browse')).toBe(false);
      expect(await page.textContent('#followers noscript')).toContain('--followers-out');
      expect(await page.isVisible('#followers p.warning')).toBe(true);
      const advocates = await page.$$eval('#list-advocates td.handle', (tds) => tds.map((td) => td.textContent));
      expect(advocates).toEqual(report.lists.advocates.map((f: { handle: string }) => `@${f.handle}`));
      expect(await page.textContent('#kpi-quality-score .kpi-value')).toContain(String(report.quality.score));
    } finally {
      await opened.close();
    }
  }, 120_000);
});
