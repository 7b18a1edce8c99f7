#!/usr/bin/env node
// `npm run bench`: how fast kindred audits beside how fast csv-parse alone reads
// the same file. Each measurement is its own process, run one after another
// on the same generated file; the figure is the median of --runs runs.
//
//   npm run bench                        # 100k, 1M and 5M rows, 3 runs each
//   npm run bench -- --quick             # 100k rows, 1 run
//   npm run bench -- --rows 1000000 --runs 5
//   npm run bench -- --rows 200000 --terms 50,5000
//   npm run bench -- --html 10000,100000  # only the HTML report with its follower list (see bench-html.mjs)
//
// Generated files live in .bench/ (git-ignored) and are reused between runs.
// A benchmark, not a test: it prints figures and asserts nothing.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { benchHtml } from './bench-html.mjs';
import { generateExport, generateInteractions, valuesYaml } from './gen-export.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const DIR = join(ROOT, '.bench');
const BIN = join(ROOT, 'bin', 'kindred.js');
const RSS_HOOK = join(ROOT, 'scripts', 'bench-rss.cjs');

const { values: args } = parseArgs({
  options: {
    rows: { type: 'string' },
    runs: { type: 'string' },
    terms: { type: 'string', default: '50,500,5000' },
    quick: { type: 'boolean', default: false },
    json: { type: 'string' },
    html: { type: 'string' },
  },
});
const sizes = (args.rows ?? (args.quick ? '100000' : '100000,1000000,5000000')).split(',').map(Number);
const runs = Number(args.runs ?? (args.quick ? 1 : 3));
const termCounts = args.terms.split(',').map(Number);
mkdirSync(DIR, { recursive: true });

function label(n) {
  return n >= 1e6 && n % 1e6 === 0 ? `${n / 1e6}M` : n >= 1e3 && n % 1e3 === 0 ? `${n / 1e3}k` : String(n);
}

/** Runs one process; wall time (ms), CPU time (ms, all threads) and peak RSS (bytes) of the whole process. */
function measure(argv) {
  const rssFile = join(DIR, `rss-${process.pid}.txt`);
  rmSync(rssFile, { force: true });
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['--require', RSS_HOOK, ...argv], {
    env: { ...process.env, KINDRED_BENCH_RSS: rssFile },
    stdio: ['ignore', 'ignore', 'pipe'],
    maxBuffer: 1 << 26,
  });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0) throw new Error(`${argv.join(' ')} exited ${r.status}: ${r.stderr}`);
  const { rss, cpuMs } = JSON.parse(readFileSync(rssFile, 'utf8'));
  rmSync(rssFile, { force: true });
  return { ms, rss, cpuMs };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (n, d = 0) => n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });

/** The generated export and interactions log for a row count, made once and reused. */
async function prepare(rows) {
  const name = label(rows);
  const csv = join(DIR, `followers-${name}.csv`);
  const log = join(DIR, `interactions-${name}.csv`);
  if (!existsSync(csv)) {
    process.stderr.write(`generating ${csv}…\n`);
    await generateExport(csv, rows);
    await generateInteractions(log, rows);
  }
  return { name, csv, log };
}

if (args.html) {
  const values = join(DIR, `values-${termCounts[0]}.yml`);
  writeFileSync(values, valuesYaml(termCounts[0]));
  const results = await benchHtml({
    sizes: args.html.split(',').map(Number),
    runs,
    dir: DIR,
    bin: BIN,
    measure,
    prepare: async (rows) => ({ ...(await prepare(rows)), values }),
  });
  const jsonOut = args.json ?? join(DIR, 'results-html.json');
  writeFileSync(jsonOut, `${JSON.stringify({ node: process.version, date: new Date().toISOString(), results }, null, 2)}\n`);
  console.log(`\nfigures saved to ${jsonOut}`);
  process.exit(0);
}

const results = [];
for (const rows of sizes) {
  const { name, csv, log } = await prepare(rows);
  const valuesFiles = {};
  for (const t of termCounts) {
    valuesFiles[t] = join(DIR, `values-${t}.yml`);
    writeFileSync(valuesFiles[t], valuesYaml(t));
  }
  const bytes = statSync(csv).size;
  const out = join(DIR, 'out');
  mkdirSync(out, { recursive: true });
  const withoutLog = (terms, extra) => [BIN, 'audit', csv, '--values', valuesFiles[terms], '--as-of', '2026-11-01', '--quiet', ...extra];
  const audit = (terms, extra) => [...withoutLog(terms, extra), '--interactions', log];
  const cases = [
    ['csv-parse alone', [join(ROOT, 'scripts', 'bench-parse.mjs'), csv]],
    [`audit --format json (${termCounts[0]} terms)`, audit(termCounts[0], ['--format', 'json', '-o', join(out, 'report.json')])],
    [`audit --followers-out ndjson (${termCounts[0]} terms)`, audit(termCounts[0], ['--format', 'json', '-o', join(out, 'report2.json'), '--followers-out', join(out, 'followers.ndjson')])],
    ...termCounts.slice(1).map((t) => [`audit --format json (${t} terms)`, audit(t, ['--format', 'json', '-o', join(out, `report-${t}.json`)])]),
    // Memory of the export alone, without the interactions log's index.
    [`audit --format json, no interactions log`, withoutLog(termCounts[0], ['--format', 'json', '-o', join(out, 'report-nolog.json')])],
    // One thread: slower, and the smallest memory.
    [`audit --format json --threads 0 (${termCounts[0]} terms)`, audit(termCounts[0], ['--format', 'json', '--threads', '0', '-o', join(out, 'report-1t.json')])],
  ];
  const times = cases.map(() => []);
  const cpu = cases.map(() => []);
  const rss = cases.map(() => []);
  // Interleaved (a, b, c, a, b, c, …) so a noisy moment on a shared machine hits every case alike.
  for (let run = 0; run < runs; run++) {
    cases.forEach(([caseName, argv], i) => {
      process.stderr.write(`${name} run ${run + 1}/${runs}: ${caseName}\r`);
      const m = measure(argv);
      times[i].push(m.ms);
      cpu[i].push(m.cpuMs);
      rss[i].push(m.rss);
    });
  }
  process.stderr.write('\n');
  const base = median(times[0]);
  const baseCpu = median(cpu[0]);
  console.log(`\n${name} rows, ${fmt(bytes / 1e6, 1)} MB, median of ${runs} run(s)`);
  console.log(
    `${'case'.padEnd(44)} ${'time s'.padStart(8)} ${'rows/s'.padStart(11)} ${'MB/s'.padStart(7)} ${'peak RSS MB'.padStart(12)} ${'× parse'.padStart(8)} ${'CPU s'.padStart(7)} ${'× CPU'.padStart(6)}`,
  );
  cases.forEach(([caseName], i) => {
    const t = median(times[i]);
    const peak = Math.max(...rss[i]);
    const c = median(cpu[i]);
    const row = {
      rows,
      bytes,
      case: caseName,
      runs,
      seconds: t / 1000,
      all: times[i].map((x) => x / 1000),
      rowsPerSecond: rows / (t / 1000),
      mbPerSecond: bytes / 1e6 / (t / 1000),
      peakRssMb: peak / 1e6,
      ratio: t / base,
      cpuSeconds: c / 1000,
      cpuRatio: c / baseCpu,
    };
    results.push(row);
    console.log(
      `${caseName.padEnd(44)} ${fmt(row.seconds, 2).padStart(8)} ${fmt(row.rowsPerSecond).padStart(11)} ${fmt(row.mbPerSecond, 1).padStart(7)} ${fmt(row.peakRssMb).padStart(12)} ${fmt(row.ratio, 2).padStart(8)} ${fmt(row.cpuSeconds, 2).padStart(7)} ${fmt(row.cpuRatio, 2).padStart(6)}`,
    );
  });
  const first = results.find((r) => r.rows === rows && r.case.startsWith(`audit --format json (${termCounts[0]} `));
  const last = results.find((r) => r.rows === rows && r.case.startsWith(`audit --format json (${termCounts.at(-1)} `));
  if (first && last && first !== last) console.log(`terms ${termCounts[0]} → ${termCounts.at(-1)}: × ${fmt(last.seconds / first.seconds, 2)}`);
}

// Start-up: whole-process time of `kindred --help` beside `node -e 0`.
const startup = { node: [], help: [], version: [] };
for (let i = 0; i < 10; i++) {
  startup.node.push(measure(['-e', '0']).ms);
  startup.help.push(measure([BIN, '--help']).ms);
  startup.version.push(measure([BIN, '--version']).ms);
}
const s = Object.fromEntries(Object.entries(startup).map(([k, v]) => [k, median(v)]));
console.log(`\nstart-up (median of 10): node -e 0 ${fmt(s.node)} ms, kindred --help ${fmt(s.help)} ms (× ${fmt(s.help / s.node, 2)}), --version ${fmt(s.version)} ms`);

const jsonOut = args.json ?? join(DIR, 'results.json');
writeFileSync(jsonOut, `${JSON.stringify({ node: process.version, date: new Date().toISOString(), results, startup: s }, null, 2)}\n`);
console.log(`\nfigures saved to ${jsonOut}`);
