// Measuring the authenticity check on labelled data: the metrics, and the
// evaluation through the real CLI (used by scripts/fit-authenticity.mjs and by
// test/scoring/authenticity-data.test.ts). The data is third-party and lives
// beside the repository, never in it: ../shared/data/ (see its README).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const DATA_DIR = join(ROOT, '..', 'shared', 'data');
export const CRESCI_DEV = join(DATA_DIR, 'cresci-2015-dev.csv');
/** The profiles were crawled in 2013 (data README): account age is measured from here. */
export const CRESCI_AS_OF = '2013-06-01';

/**
 * The labelled development sets (../shared/data/README.md), each with the date
 * its account ages are measured from. A set may hold only fakes (vendor) or
 * only people (verified): the fitting script measures those against the other
 * sets' people or fakes.
 */
export const SETS = [
  { id: 'cresci-2015', title: '2013 bought followers (Cresci 2015)', file: CRESCI_DEV, asOf: CRESCI_AS_OF },
  { id: 'vendor-2019', title: 'followers bought from vendors (2019)', file: join(DATA_DIR, 'bots-dev', 'vendor-purchased-2019.csv'), asOf: '2018-03-01' },
  { id: 'rtbust-2019', title: 'retweet bots and people (2019)', file: join(DATA_DIR, 'bots-dev', 'cresci-rtbust-2019.csv'), asOf: '2019-06-01' },
  { id: 'stock-2018', title: 'cashtag bots and people (2018)', file: join(DATA_DIR, 'bots-dev', 'cresci-stock-2018.csv'), asOf: '2018-06-01' },
  { id: 'verified-2019', title: 'verified people and organisations (2019)', file: join(DATA_DIR, 'bots-dev', 'verified-2019.csv'), asOf: '2019-07-01' },
];

/** Published figures on this data (Cresci et al. 2015, whole dataset), for comparison. */
export const BASELINES = [
  { name: 'Camisani-Calzolari rule set', accuracy: 0.548, mcc: 0.175 },
  { name: "Socialbakers' following:followers >= 50:1", accuracy: 0.581, mcc: 0.296 },
  { name: 'tweets >= 50', accuracy: 0.865, mcc: 0.735 },
  { name: 'followers >= 30', accuracy: 0.881, mcc: 0.768 },
  { name: 'Cresci et al. random forest, profile features (not transparent)', accuracy: 0.987, mcc: 0.967 },
];

/** Labels by lower-case handle: a fake or a bot is the positive class, a human the negative. */
export function readLabels(file = CRESCI_DEV) {
  const rows = parse(readFileSync(file), { columns: true, bom: true, skip_empty_lines: true });
  const labels = new Map();
  for (const row of rows) labels.set(String(row.screen_name).toLowerCase(), row.label === 'fake' || row.label === 'bot');
  return labels;
}

/** Confusion counts and the figures reported in the README; `pairs` are [isFake, flagged]. */
export function metrics(pairs) {
  let tp = 0;
  let fp = 0;
  let tn = 0;
  let fn = 0;
  for (const [fake, flagged] of pairs) {
    if (fake && flagged) tp++;
    else if (fake) fn++;
    else if (flagged) fp++;
    else tn++;
  }
  const denominator = Math.sqrt((tp + fp) * (tp + fn) * (tn + fp) * (tn + fn));
  return {
    tp,
    fp,
    tn,
    fn,
    precision: tp + fp ? tp / (tp + fp) : 0,
    recall: tp + fn ? tp / (tp + fn) : 0,
    mcc: denominator ? (tp * tn - fp * fn) / denominator : 0,
    accuracy: (tp + tn) / Math.max(1, tp + fp + tn + fn),
    humansFlagged: tn + fp ? fp / (tn + fp) : 0,
  };
}

export function formatMetrics(m) {
  const f = (x) => x.toFixed(3);
  return `precision ${f(m.precision)}  recall ${f(m.recall)}  MCC ${f(m.mcc)}  accuracy ${f(m.accuracy)}  humans flagged ${(m.humansFlagged * 100).toFixed(1)}% (${m.fp} of ${m.fp + m.tn})`;
}

/**
 * Runs `kindred audit` on the labelled export exactly as a user would, with a
 * minimal values file, and joins the per-follower records to the labels by
 * handle. A follower counts as flagged when its record carries `suspect`.
 */
export function evaluateThroughCli({ file = CRESCI_DEV, asOf = CRESCI_AS_OF, extraArgs = [] } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'kindred-authenticity-'));
  try {
    const values = join(dir, 'values.yml');
    // One value nobody matches: the audit is about authenticity only.
    writeFileSync(values, 'brand: Authenticity evaluation\nvalues:\n  - name: placeholder\n    terms: [kindredplaceholderterm]\n');
    const out = join(dir, 'followers.ndjson');
    const args = [
      join(ROOT, 'bin', 'kindred.js'),
      'audit',
      file,
      '--values',
      values,
      '--as-of',
      asOf,
      '--followers-out',
      out,
      // In a Twitter dump `url` is the user's own website, not the profile link.
      '--map',
      'website=url',
      '--quiet',
      '--format',
      'json',
      ...extraArgs,
    ];
    const run = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, env: { ...process.env, NO_COLOR: '1' } });
    if (run.status !== 0) throw new Error(`kindred audit exited ${run.status}: ${run.stderr}`);
    const report = JSON.parse(run.stdout);
    const labels = readLabels(file);
    const pairs = [];
    let unmatched = 0;
    let checked = 0;
    for (const line of readFileSync(out, 'utf8').split('\n')) {
      if (!line) continue;
      const record = JSON.parse(line);
      const fake = labels.get(String(record.handle).toLowerCase());
      if (fake === undefined) {
        unmatched++;
        continue;
      }
      if (record.authenticity !== null) checked++;
      pairs.push([fake, record.flags.includes('suspect')]);
    }
    return { metrics: metrics(pairs), records: pairs.length, checked, unmatched, labelled: labels.size, report };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function dataAvailable(file = CRESCI_DEV) {
  return existsSync(file);
}
