import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { learnOutputSchema } from '../../src/learn/schema.js';
import { tokenize } from '../../src/text/tokenize.js';
import { FIXTURES, runCli } from '../helpers/run-cli.js';

const SETS = ['refill-shop', 'animal-shelter', 'cycling-cause'];
const AS_OF = '2026-12-01';

function setFiles(name: string) {
  const dir = join(FIXTURES, 'learn', name);
  return { export: join(dir, 'followers.csv'), values: join(dir, 'values.yml'), labels: join(dir, 'labels.csv') };
}

/** Splits the labels file into two halves (alternate rows), written to a temporary folder. */
function halves(labelsFile: string, dir: string): [string, string] {
  const [header, ...rows] = readFileSync(labelsFile, 'utf8').trim().split('\n');
  const a = join(dir, 'labels-a.csv');
  const b = join(dir, 'labels-b.csv');
  writeFileSync(a, `${[header, ...rows.filter((_, i) => i % 2 === 0)].join('\n')}\n`);
  writeFileSync(b, `${[header, ...rows.filter((_, i) => i % 2 === 1)].join('\n')}\n`);
  return [a, b];
}

function learnJson(args: string[]) {
  const r = runCli(['learn', ...args, '--as-of', AS_OF, '--format', 'json']);
  expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
  expect(r.code).toBe(0);
  const out = JSON.parse(r.stdout);
  // Every JSON output the tests see is held to the schema `kindred schema --learn` prints.
  learnOutputSchema.strict().parse(out);
  return out;
}

/** Whether the words of `term` stand together in the text, folded as the audit folds them (a hashtag or CamelCase word also as one word). */
function saysTerm(text: string, term: string): boolean {
  const tokens = tokenize(text);
  const joined = tokens.joined.flatMap((j) => (j ? [j[0]] : []));
  return ` ${tokens.words.join(' ')} `.includes(` ${term} `) || joined.includes(term.replace(/ /g, ''));
}

describe.each(SETS)('kindred learn on the %s labelled set', (name) => {
  const files = setFiles(name);
  const dir = mkdtempSync(join(tmpdir(), `kindred-learn-${name}-`));
  const [trainLabels, testLabels] = halves(files.labels, dir);
  const learned = join(dir, 'learned.yml');
  const train = learnJson([files.export, '--values', files.values, '--labels', trainLabels, '--write', learned]);

  it('writes a learned values file that beats the original on the held-out half', () => {
    const before = learnJson([files.export, '--values', files.values, '--labels', testLabels]);
    const after = learnJson([files.export, '--values', learned, '--labels', testLabels]);
    expect(before.people).toBe(after.people);
    expect(after.current.agreed).toBeGreaterThan(before.current.agreed);
    expect(after.current.balanced).toBeGreaterThan(before.current.balanced);
  });

  it('never proposes a word fewer than --min-people labelled people use', () => {
    const bios = readFileSync(files.export, 'utf8').split('\n');
    const labelled = new Set(readFileSync(trainLabels, 'utf8').trim().split('\n').slice(1).map((l) => l.split(',')[0]));
    const texts = bios.filter((line) => labelled.has(line.split(',')[0]!));
    expect(train.proposals.length).toBeGreaterThan(0);
    for (const p of train.proposals) {
      if (!p.change.kind.startsWith('add')) continue;
      const users = texts.filter((t) => saysTerm(t, p.change.term)).length;
      expect(users, p.change.term).toBeGreaterThanOrEqual(train.thresholds.minPeople);
      const usedBy = p.usedBy.aligned + p.usedBy.opposed + p.usedBy.neutral;
      expect(usedBy).toBeGreaterThanOrEqual(train.thresholds.minPeople);
    }
  });

  it('only proposes terms for values and red flags the user wrote', () => {
    const names = readFileSync(files.values, 'utf8');
    for (const p of train.proposals) expect(names).toContain(`name: ${p.change.value ?? p.change.redFlag}`);
  });

  it('writes only the proposals that held up, each commented with its evidence, and leaves the values file alone', () => {
    const text = readFileSync(learned, 'utf8');
    const kept = train.proposals.filter((p: { kept: boolean }) => p.kept);
    for (const p of kept) expect(text).toMatch(new RegExp(`- ${p.change.term} # learned: used by`));
    for (const p of train.proposals.filter((q: { kept: boolean }) => !q.kept)) expect(text).not.toContain(`- ${p.change.term} # learned`);
    for (const p of kept) expect(p.heldOut.right - p.heldOut.wrong).toBeGreaterThanOrEqual(train.thresholds.minHeldOutGain);
    expect(readFileSync(files.values, 'utf8')).not.toContain('learned');
  });

  it('counts every labelled person once: per-label counts add up', () => {
    const labelled = train.current.perLabel.reduce((n: number, l: { labelled: number }) => n + l.labelled, 0);
    const predicted = train.current.perLabel.reduce((n: number, l: { predicted: number }) => n + l.predicted, 0);
    expect(labelled).toBe(train.people);
    expect(predicted).toBe(train.people);
    expect(train.disagreements.length).toBe(train.people - train.current.agreed);
  });
});

describe('kindred schema --learn', () => {
  it('prints a JSON Schema naming the output fields', () => {
    const r = runCli(['schema', '--learn']);
    expect(r.code).toBe(0);
    const schema = JSON.parse(r.stdout);
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(['current', 'disagreements', 'proposals', 'heldOut', 'unused']));
  });
});

describe('kindred learn refuses and reports', () => {
  const files = setFiles('refill-shop');
  const dir = mkdtempSync(join(tmpdir(), 'kindred-learn-bad-'));

  it('refuses to overwrite the values file or an input (exit 2, nothing written)', () => {
    const before = readFileSync(files.values, 'utf8');
    for (const target of [files.values, files.labels, files.export]) {
      const r = runCli(['learn', files.export, '--values', files.values, '--labels', files.labels, '--write', target]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/never overwrites its inputs/);
      expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
    }
    expect(readFileSync(files.values, 'utf8')).toBe(before);
  });

  it('reports unknown labels and handles without guessing', () => {
    const labels = join(dir, 'labels.csv');
    writeFileSync(labels, 'handle,label\nhana_zhang,aligned\nnobody_here_1,opposed\nnia_taylor,fan\n,aligned\nfen_garcia,advocate\nhana_zhang,neutral\n');
    const out = learnJson([files.export, '--values', files.values, '--labels', labels]);
    expect(out.people).toBe(2);
    expect(out.unused.notInExport).toEqual(['nobody_here_1']);
    expect(out.unused.problems.map((p: { code: string; line: number }) => [p.code, p.line])).toEqual([
      ['UNKNOWN_LABEL', 4],
      ['MISSING_HANDLE', 5],
      ['DUPLICATE_HANDLE', 7],
    ]);
  });

  it('exits 2 with a message for a labels file without a label column', () => {
    const labels = join(dir, 'nolabel.csv');
    writeFileSync(labels, 'handle,notes\nhana_zhang,x\n');
    const r = runCli(['learn', files.export, '--values', files.values, '--labels', labels]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/label column/);
    expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
  });

  it('writes nothing when the target folder does not exist', () => {
    const target = join(dir, 'missing', 'learned.yml');
    const r = runCli(['learn', files.export, '--values', files.values, '--labels', files.labels, '--write', target]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/does not exist/);
    expect(r.stdout).toBe('');
    expect(existsSync(target)).toBe(false);
  });
});
