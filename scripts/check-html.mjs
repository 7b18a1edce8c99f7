#!/usr/bin/env node
/**
 * Renders the sample HTML report in headless Chromium and checks what a client
 * opening the file would see: the page loads, it makes no request other than
 * the file itself (no fonts, scripts or images from the network), nothing
 * fails or logs an error, and the segment counts shown match the JSON report.
 * Takes a screenshot for a human to look at.
 *
 *   npm run check:html                         checks; screenshot in $TMPDIR/kindred-report.png
 *   node scripts/check-html.mjs --screenshot docs/images/report.png [--dark] [--print] [--width W --height H --from Y]
 *   node scripts/check-html.mjs --html some-report.html   check a given file against the sample's numbers
 *
 * Talks to Chromium over the DevTools protocol on a pipe (--remote-debugging-pipe):
 * no port is opened and no extra dependency is needed.
 * Exit codes: 0 passed, 1 a check failed, 3 Chromium not found.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const value = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};

export function findChromium(env = process.env) {
  if (env.CHROMIUM_PATH) return existsSync(env.CHROMIUM_PATH) ? env.CHROMIUM_PATH : undefined;
  for (const name of ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable']) {
    for (const dir of (env.PATH ?? '').split(delimiter)) {
      if (dir && existsSync(join(dir, name))) return join(dir, name);
    }
  }
  return undefined;
}

async function main() {
  const chromium = findChromium();
  if (!chromium) {
    process.stderr.write('check-html: Chromium not found (apt-get install chromium, or set CHROMIUM_PATH)\n');
    return 3;
  }
  const work = mkdtempSync(join(tmpdir(), 'kindred-html-'));
  try {
    const sample = ['samples/fernleaf/followers.csv', '--values', 'samples/fernleaf/values.yml', '--interactions', 'samples/fernleaf/interactions.csv', '--as-of', '2026-11-01'];
    const htmlPath = join(work, 'report.html');
    const audit = (extra) => spawnSync(process.execPath, [join(ROOT, 'bin', 'kindred.js'), 'audit', ...sample, ...extra], { cwd: ROOT, encoding: 'utf8' });
    if (value('--html')) {
      // Check a given file instead (the test uses this to prove the check catches a request).
      writeFileSync(htmlPath, readFileSync(resolve(value('--html'))));
    } else {
      const html = audit(['--format', 'html', '-o', htmlPath, '--quiet']);
      if (html.status !== 0) throw new Error(`kindred audit --format html failed: ${html.stderr}`);
    }
    const report = JSON.parse(audit(['--format', 'json']).stdout);

    const failures = [];
    const source = readFileSync(htmlPath, 'utf8');
    // Static check first: nothing in the file points outside it.
    // Inline scripts (the follower list's code, and its data as JSON) load nothing; one with a src would.
    const markup = source.replace(/<script(?![^>]*\bsrc\b)[^>]*>[\s\S]*?<\/script>/gi, '');
    const external = markup.match(/\b(?:src|href|action|poster|srcset)\s*=|url\(|@import|<script|<link|<iframe|<img/gi);
    if (external) failures.push(`the HTML references outside resources: ${[...new Set(external)].join(', ')}`);

    // Kept after the run so a person can look at it.
    const screenshot = resolve(value('--screenshot') ?? join(tmpdir(), 'kindred-report.png'));
    const result = await inspect(chromium, pathToFileURL(htmlPath).href, {
      dark: flag('--dark'),
      print: flag('--print'),
      width: Number(value('--width') ?? 960),
      height: Number(value('--height') ?? 1300),
      from: Number(value('--from') ?? 0),
      userDataDir: join(work, 'profile'),
    });
    writeFileSync(screenshot, result.png);

    const fileUrl = pathToFileURL(htmlPath).href;
    const others = result.requests.filter((u) => u !== fileUrl);
    if (others.length) failures.push(`requests other than the report itself: ${others.join(', ')}`);
    if (!result.requests.includes(fileUrl)) failures.push('the report itself was never requested');
    if (result.failed.length) failures.push(`failed requests: ${result.failed.join(', ')}`);
    if (result.errors.length) failures.push(`errors logged: ${result.errors.join(' | ')}`);
    if (!result.loaded) failures.push('the page never finished loading');
    for (const seg of ['advocate', 'potential', 'passive', 'misaligned']) {
      const shown = result.segments[seg];
      const expected = report.segments[seg].count.toLocaleString('en-US');
      if (shown !== expected) failures.push(`segment ${seg}: page shows ${shown ?? 'nothing'}, report has ${expected}`);
    }
    if (result.score !== String(report.quality.score)) failures.push(`quality score: page shows ${result.score}, report has ${report.quality.score}`);
    if (!(result.barWidth > 0)) failures.push('the segment bar is not visible');

    const summary = {
      ok: failures.length === 0,
      chromium: result.version,
      requests: result.requests.length,
      failedRequests: result.failed.length,
      segments: result.segments,
      qualityScore: result.score,
      screenshot,
      failures,
    };
    process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
    return failures.length ? 1 : 0;
  } finally {
    rmSync(work, { recursive: true, force: true, maxRetries: 3 });
  }
}

/** Opens the page in a fresh headless Chromium and gathers what the checks need. */
async function inspect(chromium, url, options) {
  const child = spawn(
    chromium,
    [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-default-apps',
      '--disable-extensions',
      '--no-first-run',
      '--no-default-browser-check',
      '--hide-scrollbars',
      `--user-data-dir=${options.userDataDir}`,
      '--remote-debugging-pipe',
      'about:blank',
    ],
    { stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'] },
  );
  let stderr = '';
  child.stderr.on('data', (d) => {
    stderr += d;
  });
  const cdp = createPipeClient(child.stdio[3], child.stdio[4]);
  const exited = new Promise((ok) => child.once('exit', ok));
  const timer = setTimeout(() => {
    child.kill('SIGKILL');
  }, 60_000);
  try {
    const { product } = await cdp.send('Browser.getVersion');
    const { targetId } = await cdp.send('Target.createTarget', { url: 'about:blank' });
    const { sessionId } = await cdp.send('Target.attachToTarget', { targetId, flatten: true });
    const page = (method, params) => cdp.send(method, params, sessionId);
    const requests = [];
    const failed = [];
    const errors = [];
    cdp.on(sessionId, 'Network.requestWillBeSent', (p) => requests.push(p.request.url));
    cdp.on(sessionId, 'Network.loadingFailed', (p) => failed.push(`${p.errorText}${p.blockedReason ? ` (${p.blockedReason})` : ''}`));
    cdp.on(sessionId, 'Log.entryAdded', (p) => {
      if (p.entry.level === 'error') errors.push(p.entry.text);
    });
    cdp.on(sessionId, 'Runtime.exceptionThrown', (p) => errors.push(p.exceptionDetails.text));
    cdp.on(sessionId, 'Runtime.consoleAPICalled', (p) => {
      if (p.type === 'error') errors.push(p.args.map((a) => a.value).join(' '));
    });
    await page('Page.enable');
    await page('Network.enable');
    await page('Log.enable');
    await page('Runtime.enable');
    await page('Emulation.setDeviceMetricsOverride', { width: options.width, height: options.height, deviceScaleFactor: 1, mobile: false });
    await page('Emulation.setEmulatedMedia', {
      media: options.print ? 'print' : '',
      features: [{ name: 'prefers-color-scheme', value: options.dark ? 'dark' : 'light' }],
    });
    const loaded = cdp.once(sessionId, 'Page.loadEventFired');
    const nav = await page('Page.navigate', { url });
    if (nav.errorText) throw new Error(`navigation failed: ${nav.errorText}`);
    await loaded;
    const { result } = await page('Runtime.evaluate', {
      returnByValue: true,
      expression: `(() => {
        const segments = {};
        for (const tr of document.querySelectorAll('tr[data-segment]')) segments[tr.dataset.segment] = tr.cells[1].textContent.trim();
        const bar = document.querySelector('svg.segment-bar');
        const score = document.querySelector('#kpi-quality-score .kpi-value');
        return { segments, barWidth: bar ? bar.getBoundingClientRect().width : 0, score: score ? score.firstChild.textContent.trim() : null };
      })()`,
    });
    // --from Y shoots the part of the page starting Y pixels down (to look at the lower sections).
    const clip = options.from ? { clip: { x: 0, y: options.from, width: options.width, height: options.height, scale: 1 }, captureBeyondViewport: true } : {};
    const { data } = await page('Page.captureScreenshot', { format: 'png', ...clip });
    await cdp.send('Browser.close').catch(() => {});
    await Promise.race([exited, new Promise((ok) => setTimeout(ok, 5000))]);
    return { version: product, loaded: true, requests, failed, errors, ...result.value, png: Buffer.from(data, 'base64') };
  } catch (error) {
    throw new Error(`${error.message}\n${stderr.slice(-2000)}`);
  } finally {
    // Wait for Chromium to exit so its profile directory can be removed.
    const grace = setTimeout(() => child.kill('SIGKILL'), 5000);
    if (child.exitCode === null && child.signalCode === null) {
      child.kill();
      await exited;
    }
    clearTimeout(grace);
    clearTimeout(timer);
  }
}

/** The DevTools protocol over Chromium's pipe: NUL-terminated JSON messages. */
function createPipeClient(toChrome, fromChrome) {
  let nextId = 1;
  const pending = new Map();
  const listeners = [];
  let buffer = '';
  fromChrome.setEncoding('utf8');
  fromChrome.on('data', (chunk) => {
    buffer += chunk;
    let end = buffer.indexOf('\0');
    while (end >= 0) {
      const message = JSON.parse(buffer.slice(0, end));
      buffer = buffer.slice(end + 1);
      end = buffer.indexOf('\0');
      if (message.id && pending.has(message.id)) {
        const { ok, fail, method } = pending.get(message.id);
        pending.delete(message.id);
        if (message.error) fail(new Error(`${method}: ${message.error.message}`));
        else ok(message.result);
      } else if (message.method) {
        for (const l of [...listeners]) if (l.sessionId === message.sessionId && l.method === message.method) l.fn(message.params);
      }
    }
  });
  const closed = new Promise((_, fail) => fromChrome.on('close', () => fail(new Error('Chromium closed the DevTools pipe'))));
  closed.catch(() => {});
  return {
    send(method, params = {}, sessionId) {
      const id = nextId++;
      toChrome.write(`${JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) })}\0`);
      return Promise.race([new Promise((ok, fail) => pending.set(id, { ok, fail, method })), closed]);
    },
    on(sessionId, method, fn) {
      listeners.push({ sessionId, method, fn });
    },
    once(sessionId, method) {
      return new Promise((ok) => {
        const l = { sessionId, method, fn: (p) => {
          listeners.splice(listeners.indexOf(l), 1);
          ok(p);
        } };
        listeners.push(l);
      });
    },
  };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (error) => {
      process.stderr.write(`check-html: ${error.stack ?? error}\n`);
      process.exitCode = 1;
    },
  );
}
