#!/usr/bin/env node
// Fits and measures the authenticity model (src/scoring/authenticity-model.ts)
// on every labelled development set in ../shared/data/ (see its README).
//
//   npm run fit:authenticity                      # measure: leave-one-set-out, 5-fold, shipped weights, the real CLI
//   npm run fit:authenticity -- --print-model     # also print the model fitted on all the data
//
// The profiles are read with kindred's own CSV reader and the signals with the
// scorer's own `readSignals`, so the fit sees exactly what the CLI sees. The
// fit is plain logistic regression with an L2 penalty, by cyclic coordinate
// Newton steps, each weight held to the direction the signal is known to point.
//
// Leave-one-set-out is the measure that matters: the model is fitted on the
// other sets and judged on one it has never seen, a different crawl, year and
// kind of fake. A signal that only marks one crawl does not survive it.
import { openSources } from '../dist/io/open-sources.js';
import { scoreAlignment } from '../dist/scoring/alignment.js';
import { contribution, readSignals } from '../dist/scoring/authenticity.js';
import { AUTHENTICITY_MODEL, MIN_FIELDS, SIGNAL_CODES } from '../dist/scoring/authenticity-model.js';
import { compileValues } from '../dist/values/compile.js';
import { valuesFileSchema } from '../dist/values/schema.js';
import { BASELINES, dataAvailable, evaluateThroughCli, formatMetrics, metrics, readLabels, SETS } from './authenticity-eval.mjs';
import { rng as mulberry32 } from './rng.mjs';

const FOLDS = 5;
const SEED = 20150901;
/** L2 strength on standardised signals. */
const LAMBDA = 3;
const THRESHOLDS = [0.5, 0.7, 0.8, 0.9, 0.95, 0.98];

/**
 * The direction each fitted signal is understood to point: +1 towards fake,
 * -1 towards real person. Signals with a prior weight (no labelled data carries
 * them) are not fitted and have no entry.
 */
const DIRECTION = {
  FOLLOWERS: -1,
  FOLLOWING: 1,
  FOLLOWING_RATIO: 1,
  POSTS: -1,
  LIKES_GIVEN: -1,
  LISTED: -1,
  LISTED_RATIO: -1,
  ACCOUNT_AGE: -1,
  POST_RATE: -1,
  LIKE_RATE: -1,
  NO_AUDIENCE: 1,
  DEFAULT_PROFILE: 1,
  DEFAULT_AVATAR: 1,
  EMPTY_BIO: 1,
  LINK_ONLY_BIO: 1,
  LOOKALIKE_LETTERS: 1,
  WEBSITE: -1,
  GENERATED_HANDLE: 1,
  NAME_IS_HANDLE: 1,
  NAME_UNLIKE_HANDLE: 1,
  SPAM_PHRASES: 1,
};
const FITTED = SIGNAL_CODES.filter((code) => !AUTHENTICITY_MODEL.signals[code].prior);

const args = new Set(process.argv.slice(2));

const missing = SETS.filter((s) => !dataAvailable(s.file));
if (missing.length > 0) {
  console.log(`Skipped: ${missing.map((s) => s.file).join(', ')} not there (the data sits beside the repository, in ../shared/data/; see that folder's README).`);
  process.exit(0);
}

const values = valuesFileSchema.parse({ brand: 'Authenticity evaluation', values: [{ name: 'placeholder', terms: ['kindredplaceholderterm'] }] });
const threshold = values.scoring.authenticity.threshold;
const cv = compileValues(values);

// 1. Read every set as the CLI does.
const rows = [];
for (const [setIndex, set] of SETS.entries()) {
  const labels = readLabels(set.file);
  const asOf = new Date(`${set.asOf}T00:00:00Z`);
  const [source] = await openSources([set.file], { platform: 'auto', map: { website: 'url' } });
  for await (const item of source.items) {
    if (item.kind !== 'follower') continue;
    const f = item.follower;
    const fake = labels.get(f.handle.toLowerCase());
    if (fake === undefined) continue;
    const x = new Float64Array(SIGNAL_CODES.length);
    const fields = readSignals(f, asOf, scoreAlignment(f, cv).spamPhrases, x);
    rows.push({ set: setIndex, x, fields, fake, verified: f.verified === true, followers: f.followers ?? 0, posts: f.posts ?? 0, following: f.following ?? 0 });
  }
}
console.log('Labelled profiles read through kindred’s CSV reader:');
for (const [i, set] of SETS.entries()) {
  const mine = rows.filter((r) => r.set === i);
  const fakes = mine.filter((r) => r.fake).length;
  console.log(`  ${set.id.padEnd(14)} ${String(mine.length).padStart(5)} (${fakes} fake or bot, ${mine.length - fakes} human), as of ${set.asOf}: ${set.title}`);
}
console.log('');

// 2. The model fitted on every set together, measured two ways.
const loso = new Float64Array(rows.length);
for (const [i] of SETS.entries()) {
  const model = fitModel(rows.filter((r) => r.set !== i));
  rows.forEach((r, j) => {
    if (r.set === i) loso[j] = probability(model, r);
  });
}
printTable('Fitted on all the sets together, leave one set out (fit on the other sets, measured on this one)', loso);

const foldOf = stratifiedFolds(rows, FOLDS, SEED);
const fiveFold = new Float64Array(rows.length);
for (let k = 0; k < FOLDS; k++) {
  const model = fitModel(rows.filter((_, i) => foldOf[i] !== k));
  rows.forEach((r, i) => {
    if (foldOf[i] === k) fiveFold[i] = probability(model, r);
  });
}
printTable('Fitted on all the sets together, 5-fold cross-validation (stratified by set and label)', fiveFold);

// 3. The model fitted on the 2013 bought followers alone: every other set is
// then left out by construction; the 2013 set itself is measured by 5-fold.
const cresci = SETS.findIndex((s) => s.id === 'cresci-2015');
const fitted2013 = fitModel(rows.filter((r) => r.set === cresci));
const only2013 = Float64Array.from(rows, (r) => (r.set === cresci ? 0 : probability(fitted2013, r)));
for (let k = 0; k < FOLDS; k++) {
  const model = fitModel(rows.filter((r, i) => r.set === cresci && foldOf[i] !== k));
  rows.forEach((r, i) => {
    if (r.set === cresci && foldOf[i] === k) only2013[i] = probability(model, r);
  });
}
printTable('Fitted on the 2013 bought followers alone (other sets never seen; the 2013 set by 5-fold)', only2013);

console.log('Thresholds, fitted on the 2013 set alone, all sets pooled as above:');
for (const t of THRESHOLDS) {
  console.log(`  threshold ${t.toFixed(2)}${t === threshold ? ' (default)' : '          '}  ${formatMetrics(metrics(rows.map((r, i) => [r.fake, flagged(r, only2013[i], t)])))}`);
}
console.log('');

// 4. The shipped weights (fitted on all of this data, so this is in-sample).
const shipped = Float64Array.from(rows, (r) => probability(AUTHENTICITY_MODEL, r));
printTable('Shipped weights (src/scoring/authenticity-model.ts), in-sample', shipped);

// 5. Through the real CLI, set by set.
if (!args.has('--no-cli')) {
  console.log('Through the CLI (kindred audit <set> --as-of <its date> --map website=url --followers-out …), records joined to labels by handle:');
  for (const set of SETS) {
    const run = evaluateThroughCli({ file: set.file, asOf: set.asOf });
    const m = run.metrics;
    // A set of one class has no MCC of its own: say what it does measure.
    const measured =
      m.fp + m.tn === 0
        ? `recall ${m.recall.toFixed(3)} (${m.tp} of ${m.tp + m.fn} caught)`
        : m.tp + m.fn === 0
          ? `humans flagged ${(m.humansFlagged * 100).toFixed(1)}% (${m.fp} of ${m.fp + m.tn})`
          : formatMetrics(m);
    console.log(`  ${set.id.padEnd(14)} ${measured}; ${run.records} records, ${run.checked} checked, ${run.report.authenticity.suspects} suspects`);
  }
  console.log('');
}

console.log('Published baselines on the 2013 data (Cresci et al. 2015, whole dataset):');
for (const b of BASELINES) console.log(`  ${b.name.padEnd(66)} accuracy ${b.accuracy.toFixed(3)}  MCC ${b.mcc.toFixed(3)}`);
console.log('The same single rules measured on the 2013 development half (flag as fake when the rule fails):');
const rules = [
  ['followers >= 30', (r) => r.followers < 30],
  ['tweets >= 50', (r) => r.posts < 50],
  ["Socialbakers' following:followers >= 50:1 (flagged when it holds)", (r) => r.following >= 50 * r.followers],
];
const cresciRows = rows.filter((r) => r.set === cresci);
for (const [name, rule] of rules) console.log(`  ${name.padEnd(66)} ${formatMetrics(metrics(cresciRows.map((r) => [r.fake, rule(r)])))}`);

if (args.has('--print-model')) {
  console.log('\nModel fitted on the 2013 bought followers (the shipped one: paste into AUTHENTICITY_MODEL):\n');
  console.log(printModel(fitted2013));
  console.log('\nModel fitted on all the sets together (measured above, not shipped):\n');
  console.log(printModel(fitModel(rows)));
}

// ---------------------------------------------------------------------------

/**
 * One line per set. A set with both fakes and people is measured on its own;
 * a set of fakes only (vendor) against the people of the other sets, each
 * predicted the same way; a set of people only (verified) by how many of them
 * were flagged.
 */
function printTable(title, p) {
  console.log(`${title}, threshold ${threshold}:`);
  console.log(`  ${'set'.padEnd(14)} ${'precision'.padStart(9)} ${'recall'.padStart(7)} ${'MCC'.padStart(6)}  humans flagged`);
  for (const [i, set] of SETS.entries()) {
    const mine = rows.map((r, j) => [r, j]).filter(([r]) => r.set === i);
    const hasFakes = mine.some(([r]) => r.fake);
    const hasPeople = mine.some(([r]) => !r.fake);
    const against = hasPeople ? [] : rows.map((r, j) => [r, j]).filter(([r]) => r.set !== i && !r.fake);
    const m = metrics([...mine, ...against].map(([r, j]) => [r.fake, flagged(r, p[j], threshold)]));
    const own = metrics(mine.map(([r, j]) => [r.fake, flagged(r, p[j], threshold)]));
    const f = (x) => x.toFixed(3);
    const people = hasPeople ? `${(own.humansFlagged * 100).toFixed(1)}% (${own.fp} of ${own.fp + own.tn})` : '—';
    const note = hasPeople ? '' : `   (against the ${against.length} people of the other sets: ${m.fp} flagged)`;
    console.log(
      hasFakes
        ? `  ${set.id.padEnd(14)} ${f(m.precision).padStart(9)} ${f(m.recall).padStart(7)} ${f(m.mcc).padStart(6)}  ${people}${note}`
        : `  ${set.id.padEnd(14)} ${'—'.padStart(9)} ${'—'.padStart(7)} ${'—'.padStart(6)}  ${people}`,
    );
  }
  console.log(`  ${'all sets'.padEnd(14)} ${formatMetrics(metrics(rows.map((r, j) => [r.fake, flagged(r, p[j], threshold)])))}\n`);
}

function flagged(r, p, t) {
  return r.fields >= MIN_FIELDS && !r.verified && p >= t;
}

function probability(model, r) {
  let logOdds = model.intercept;
  SIGNAL_CODES.forEach((code, j) => {
    const x = r.x[j];
    if (!Number.isNaN(x)) logOdds += contribution(model.signals[code], x);
  });
  return 1 / (1 + Math.exp(-logOdds));
}

/**
 * Fits the model on `train`: the range and centre of each scale signal come
 * from the training profiles (1st/99th percentile, median of the humans), then
 * the weights by L2-penalised logistic regression on standardised inputs.
 * Every set carries the same total weight, so the fit learns what separates
 * fakes from people in every crawl rather than what marks the largest one.
 */
function fitModel(train) {
  const codes = FITTED;
  const d = codes.length;
  const n = train.length;
  const at = codes.map((code) => SIGNAL_CODES.indexOf(code));
  const shape = codes.map((code, k) => {
    const kind = AUTHENTICITY_MODEL.signals[code].kind;
    if (kind === 'flag') return { kind };
    const j = at[k];
    const all = train.map((r) => r.x[j]).filter((x) => !Number.isNaN(x));
    const humans = train.filter((r) => !r.fake).map((r) => r.x[j]).filter((x) => !Number.isNaN(x));
    const min = quantile(all, 0.01);
    const max = quantile(all, 0.99);
    const centre = Math.min(max, Math.max(min, quantile(humans, 0.5)));
    return { kind, min, max, centre };
  });
  const setSize = new Map();
  for (const r of train) setSize.set(r.set, (setSize.get(r.set) ?? 0) + 1);
  // Mean weight 1 over the training rows; every set weighs the same in total.
  const weight = Float64Array.from(train, (r) => n / setSize.size / setSize.get(r.set));
  // Design matrix: each column is what the weight multiplies (0 when unknown).
  const z = shape.map((s, k) =>
    Float64Array.from(train, (r) => {
      const x = r.x[at[k]];
      if (Number.isNaN(x)) return 0;
      if (s.kind === 'flag') return x;
      return Math.min(s.max, Math.max(s.min, x)) - s.centre;
    }),
  );
  const mean = z.map((col) => col.reduce((a, b, i) => a + b * weight[i], 0) / n);
  const sd = z.map((col, k) => Math.sqrt(col.reduce((a, b, i) => a + weight[i] * (b - mean[k]) ** 2, 0) / n) || 1);
  const s = z.map((col, k) => Float64Array.from(col, (v) => (v - mean[k]) / sd[k]));
  const y = Float64Array.from(train, (r) => (r.fake ? 1 : 0));
  const sign = codes.map((code) => DIRECTION[code]);

  const w = new Float64Array(d);
  let b = 0;
  const eta = new Float64Array(n);
  const update = (col, delta) => {
    for (let i = 0; i < n; i++) eta[i] += delta * (col ? col[i] : 1);
  };
  for (let sweep = 0; sweep < 500; sweep++) {
    let largest = 0;
    for (let j = -1; j < d; j++) {
      const col = j < 0 ? undefined : s[j];
      let g = 0;
      let h = 0;
      for (let i = 0; i < n; i++) {
        const p = 1 / (1 + Math.exp(-eta[i]));
        const v = col ? col[i] : 1;
        g += weight[i] * (p - y[i]) * v;
        h += weight[i] * p * (1 - p) * v * v;
      }
      if (j < 0) {
        const step = clampStep(-g / Math.max(h, 1e-9));
        b += step;
        update(undefined, step);
        largest = Math.max(largest, Math.abs(step));
      } else {
        g += LAMBDA * w[j];
        h += LAMBDA;
        let next = w[j] + clampStep(-g / h);
        if (next * sign[j] < 0) next = 0; // held to its known direction
        const step = next - w[j];
        w[j] = next;
        update(col, step);
        largest = Math.max(largest, Math.abs(step));
      }
    }
    if (largest < 1e-9) break;
  }
  // Back from standardised inputs to the model's own units; prior signals as they are.
  const model = { intercept: b, signals: { ...AUTHENTICITY_MODEL.signals } };
  codes.forEach((code, k) => {
    const weight = w[k] / sd[k];
    model.intercept -= weight * mean[k];
    const sh = shape[k];
    model.signals[code] = sh.kind === 'flag' ? { kind: 'flag', weight } : { kind: 'scale', weight, centre: sh.centre, min: sh.min, max: sh.max };
  });
  return model;
}

function clampStep(step) {
  return Math.max(-2, Math.min(2, step));
}

function quantile(values, q) {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

/** Folds stratified by set and label, on a fixed shuffle. */
function stratifiedFolds(items, k, seed) {
  const random = mulberry32(seed);
  const fold = new Array(items.length);
  const groups = new Map();
  items.forEach((r, i) => {
    const key = `${r.set}:${r.fake}`;
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(i);
  });
  for (const idx of groups.values()) {
    for (let i = idx.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [idx[i], idx[j]] = [idx[j], idx[i]];
    }
    idx.forEach((row, i) => {
      fold[row] = i % k;
    });
  }
  return fold;
}

function printModel(model) {
  // ln 2 is ln(1 + 1): a median of one, written as the constant it is.
  const r = (x) => (Math.abs(x - Math.LN2) < 1e-12 ? 'Math.LN2' : Math.round(x * 1000) / 1000);
  const lines = [`  intercept: ${r(model.intercept)},`, '  signals: {'];
  for (const code of SIGNAL_CODES) {
    const m = model.signals[code];
    lines.push(
      m.kind === 'flag'
        ? `    ${code}: { kind: 'flag', weight: ${r(m.weight)}${m.prior ? ', prior: true' : ''} },`
        : `    ${code}: { kind: 'scale', weight: ${r(m.weight)}, centre: ${r(m.centre)}, min: ${r(m.min)}, max: ${r(m.max)} },`,
    );
  }
  lines.push('  },');
  return lines.join('\n');
}
