// Measuring stance on our own labelled bios and posts (test/fixtures/stance/,
// see its README): each labelled text is audited through the real CLI as a
// follower's bio, and kindred's verdict is read as a stance — a conflict is
// AGAINST, a supported value is FAVOR, anything else NONE. The figure is the
// usual one for stance detection: the mean of the F1 of FAVOR and of AGAINST.
//
//   node scripts/stance-eval.mjs                 this build (dist/)
//   node scripts/stance-eval.mjs --bin DIR/bin/kindred.js --legacy
//                                                another build; --legacy drops
//                                                values-file fields it cannot read
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, stringify } from 'yaml';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const STANCE_DIR = join(ROOT, 'test', 'fixtures', 'stance');
const STANCES = ['FAVOR', 'AGAINST', 'NONE'];

/** Every labelled set: its values file and its items ({ label, kind, text }). */
export function readSets(dir = STANCE_DIR) {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.labelled.yml'))
    .sort()
    .map((f) => {
      const name = f.slice(0, -'.labelled.yml'.length);
      const items = parse(readFileSync(join(dir, f), 'utf8')).map(([label, kind, text]) => {
        if (!STANCES.includes(label)) throw new Error(`${f}: unknown label ${label}`);
        return { label, kind, text };
      });
      return { name, valuesFile: join(dir, `${name}.values.yml`), items };
    });
}

const csvCell = (s) => `"${String(s).replaceAll('"', '""')}"`;

/** Runs one audit per set through the CLI; returns [label, predicted, set, text] per item. */
export function predict({ bin = join(ROOT, 'bin', 'kindred.js'), legacy = false, dir = STANCE_DIR } = {}) {
  const tmp = mkdtempSync(join(tmpdir(), 'kindred-stance-'));
  try {
    const out = [];
    for (const set of readSets(dir)) {
      const exportFile = join(tmp, `${set.name}.csv`);
      const lines = ['handle,bio', ...set.items.map((it, i) => `t${i},${csvCell(it.text)}`)];
      writeFileSync(exportFile, `${lines.join('\n')}\n`);
      let valuesFile = set.valuesFile;
      if (legacy) {
        // An older build rejects fields it does not know (the schema is strict).
        const doc = parse(readFileSync(valuesFile, 'utf8'));
        for (const flag of doc.redFlags ?? []) delete flag.opposes;
        valuesFile = join(tmp, `${set.name}.values.yml`);
        writeFileSync(valuesFile, stringify(doc));
      }
      const r = spawnSync(process.execPath, [bin, 'audit', exportFile, '--values', valuesFile, '--format', 'ndjson', '--as-of', '2026-01-01', '--no-color'], {
        encoding: 'utf8',
        maxBuffer: 64 << 20,
        env: { ...process.env, NO_COLOR: '1' },
      });
      if (r.status !== 0) throw new Error(`audit of ${set.name} failed (${r.status}): ${r.stderr}`);
      const records = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
      const byHandle = new Map(records.map((rec) => [rec.handle, rec]));
      set.items.forEach((it, i) => {
        const rec = byHandle.get(`t${i}`);
        if (!rec) throw new Error(`${set.name}: item ${i} has no record`);
        out.push([it.label, stanceOf(rec), set.name, it.text]);
      });
    }
    return out;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** A per-follower record read as a stance toward the brand's values. */
export function stanceOf(record) {
  if (record.flags.includes('conflict')) return 'AGAINST';
  if (record.values.length > 0) return 'FAVOR';
  return 'NONE';
}

/** Precision, recall and F1 per stance, the mean F1 of FAVOR and AGAINST, and supporters read as opponents. */
export function stanceMetrics(pairs) {
  const per = {};
  for (const s of STANCES) {
    const tp = pairs.filter(([l, p]) => l === s && p === s).length;
    const predicted = pairs.filter(([, p]) => p === s).length;
    const actual = pairs.filter(([l]) => l === s).length;
    const precision = predicted ? tp / predicted : 0;
    const recall = actual ? tp / actual : 0;
    const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
    per[s] = { tp, predicted, actual, precision, recall, f1 };
  }
  return {
    items: pairs.length,
    per,
    f: (per.FAVOR.f1 + per.AGAINST.f1) / 2,
    supportersReadAsAgainst: pairs.filter(([l, p]) => l === 'FAVOR' && p === 'AGAINST').length,
    neutralReadAsAgainst: pairs.filter(([l, p]) => l === 'NONE' && p === 'AGAINST').length,
  };
}

export function formatStanceMetrics(m) {
  const pct = (x) => x.toFixed(2);
  const rows = STANCES.map((s) => `  ${s.padEnd(8)} precision ${pct(m.per[s].precision)}  recall ${pct(m.per[s].recall)}  F1 ${pct(m.per[s].f1)}  (${m.per[s].actual} labelled, ${m.per[s].predicted} predicted)`);
  return [
    `${m.items} labelled bios and posts`,
    ...rows,
    `  F (mean F1 of FAVOR and AGAINST) ${pct(m.f)}`,
    `  supporters read as AGAINST: ${m.supportersReadAsAgainst}; neutral read as AGAINST: ${m.neutralReadAsAgainst}`,
  ].join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const binAt = args.indexOf('--bin');
  const pairs = predict({ ...(binAt >= 0 ? { bin: args[binAt + 1] } : {}), legacy: args.includes('--legacy') });
  console.log(formatStanceMetrics(stanceMetrics(pairs)));
  if (args.includes('--errors')) for (const [l, p, set, text] of pairs) if (l !== p) console.log(`${l.padEnd(7)} read ${p.padEnd(7)} ${set}: ${text}`);
}
