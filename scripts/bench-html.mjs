// `npm run bench -- --html 10000,100000`: the HTML report with its follower list
// at each size: how long the audit takes to write it, how big the file is, and
// how it behaves in the system's headless Chromium (playwright-core drives it),
// beside the same audit writing the JSON report (the cost of the list itself):
// time from opening the file to the first page of followers drawn, and the time
// a search, a filter and a sort take to redraw the list. Median of --runs runs.
// A benchmark, not a test: it prints figures and asserts nothing.
import { mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { findChromium } from './check-html.mjs';

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (n, d = 0) => n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });

/** Times one interaction: from the action to the list's count line changing. */
async function redraw(page, action) {
  return page.evaluate(async (act) => {
    const count = document.getElementById('f-count');
    const before = count.textContent;
    const start = performance.now();
    const changed = new Promise((done) => new MutationObserver(() => done()).observe(count, { childList: true, characterData: true, subtree: true }));
    if (act.kind === 'search') {
      const input = document.getElementById('f-search');
      input.value = act.value;
      input.dispatchEvent(new Event('input'));
    } else if (act.kind === 'select') {
      const select = document.getElementById(act.id);
      select.value = act.value;
      select.dispatchEvent(new Event('change'));
    } else document.querySelector(`th[data-sort="${act.key}"] button`).click();
    await changed;
    return { ms: performance.now() - start, changed: count.textContent !== before };
  }, action);
}

/**
 * @param {{ sizes: number[], runs: number, dir: string, prepare: (rows: number) => Promise<{ csv: string, log: string, values: string }>, measure: (argv: string[]) => { ms: number, rss: number } , bin: string }} options
 */
export async function benchHtml({ sizes, runs, dir, prepare, measure, bin }) {
  const executablePath = findChromium();
  if (!executablePath) throw new Error('bench --html needs Chromium (apt-get install chromium, or set CHROMIUM_PATH)');
  const out = join(dir, 'out');
  mkdirSync(out, { recursive: true });
  const results = [];
  console.log(`HTML report with its follower list, median of ${runs} run(s); the search waits 150 ms for typing to pause, not counted`);
  console.log(
    `${'followers'.padStart(10)} ${'json s'.padStart(7)} ${'html s'.padStart(7)} ${'peak RSS MB'.padStart(12)} ${'file MB'.padStart(8)} ${'open ms'.padStart(8)} ${'search ms'.padStart(10)} ${'again ms'.padStart(9)} ${'filter ms'.padStart(10)} ${'sort ms'.padStart(8)}`,
  );
  for (const rows of sizes) {
    const { csv, log, values } = await prepare(rows);
    const html = join(out, `report-${rows}.html`);
    const argv = [bin, 'audit', csv, '--values', values, '--interactions', log, '--as-of', '2026-11-01', '--quiet', '--format', 'html', '-o', html, '--html-followers', String(rows)];
    const audits = [];
    const jsonAudits = [];
    const jsonArgv = [...argv.slice(0, argv.indexOf('--format')), '--format', 'json', '-o', join(out, `report-${rows}.json`)];
    const page = { open: [], search: [], again: [], filter: [], sort: [] };
    let rss = 0;
    for (let run = 0; run < runs; run++) {
      jsonAudits.push(measure(jsonArgv).ms);
      const m = measure(argv);
      audits.push(m.ms);
      rss = Math.max(rss, m.rss);
      const context = await chromium.launchPersistentContext(join(out, `profile-${rows}-${run}`), {
        executablePath,
        headless: true,
        args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
        viewport: { width: 1200, height: 900 },
      });
      const tab = context.pages()[0] ?? (await context.newPage());
      const start = performance.now();
      await tab.goto(pathToFileURL(html).href);
      await tab.waitForSelector('#f-rows tr[data-row]');
      page.open.push(performance.now() - start);
      // The first search right away (the page may still be folding text for it), a second one later.
      page.search.push((await redraw(tab, { kind: 'search', value: 'reader bristol' })).ms);
      page.again.push((await redraw(tab, { kind: 'search', value: 'book club' })).ms);
      page.filter.push((await redraw(tab, { kind: 'select', id: 'f-segment', value: 'potential' })).ms);
      page.sort.push((await redraw(tab, { kind: 'sort', key: 'engagement' })).ms);
      await context.close();
    }
    const row = {
      rows,
      auditSeconds: median(audits) / 1000,
      jsonAuditSeconds: median(jsonAudits) / 1000,
      peakRssMb: rss / 1e6,
      fileMb: statSync(html).size / 1e6,
      openMs: median(page.open),
      searchMs: median(page.search) - 150,
      searchAgainMs: median(page.again) - 150,
      filterMs: median(page.filter),
      sortMs: median(page.sort),
    };
    results.push(row);
    console.log(
      `${fmt(rows).padStart(10)} ${fmt(row.jsonAuditSeconds, 2).padStart(7)} ${fmt(row.auditSeconds, 2).padStart(7)} ${fmt(row.peakRssMb).padStart(12)} ${fmt(row.fileMb, 1).padStart(8)} ${fmt(row.openMs).padStart(8)} ${fmt(row.searchMs).padStart(10)} ${fmt(row.searchAgainMs).padStart(9)} ${fmt(row.filterMs).padStart(10)} ${fmt(row.sortMs).padStart(8)}`,
    );
  }
  return results;
}
