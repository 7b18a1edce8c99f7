import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadManifest, slug } from '../../src/batch/manifest.js';
import { ConfigError } from '../../src/errors.js';

function manifestFile(text: string): { dir: string; file: string } {
  const dir = mkdtempSync(join(tmpdir(), 'kindred-manifest-'));
  const file = join(dir, 'batch.yml');
  writeFileSync(file, text);
  return { dir, file };
}

async function problems(text: string): Promise<string[]> {
  const { file } = manifestFile(text);
  try {
    await loadManifest(file);
  } catch (e) {
    if (e instanceof ConfigError) return e.details;
    throw e;
  }
  throw new Error('expected the manifest to be refused');
}

describe('loadManifest', () => {
  it('applies defaults (top of the manifest < entry) and resolves paths against the manifest folder', async () => {
    const { dir, file } = manifestFile(`asOf: 2026-12-01
formats: [table]
top: 3
gates: { failUnder: 40, minAdvocateShare: 5% }
entries:
  - name: Oat & Ember
    exports: data/oat.csv
    values: oat.yml
  - name: Fernleaf
    exports: [a.csv, /abs/b.csv]
    values: v.yml
    interactions: i.csv
    output: reports/fern
    top: 7
    asOf: 2026-11-01
    gates: { minAdvocateShare: 0.1 }
    map: { handle: User Name }
`);
    const m = await loadManifest(file);
    expect(m.output).toBe(dir);
    const [oat, fern] = m.entries;
    expect(oat).toMatchObject({
      exports: [join(dir, 'data', 'oat.csv')],
      values: join(dir, 'oat.yml'),
      output: join(dir, 'oat-ember'),
      formats: ['json', 'table'],
      top: 3,
      asOf: '2026-12-01',
      gates: { failUnder: 40, minAdvocateShare: 0.05 },
    });
    expect(fern).toMatchObject({
      exports: [join(dir, 'a.csv'), '/abs/b.csv'],
      interactions: [join(dir, 'i.csv')],
      output: join(dir, 'reports', 'fern'),
      top: 7,
      asOf: '2026-11-01',
      gates: { failUnder: 40, minAdvocateShare: 0.1 },
      map: ['handle=User Name'],
    });
  });

  it('puts output folders under --out-dir when given, inputs still beside the manifest', async () => {
    const { dir, file } = manifestFile('entries:\n  - name: A\n    exports: a.csv\n    values: v.yml\n    output: out/a\n');
    const out = mkdtempSync(join(tmpdir(), 'kindred-out-'));
    const m = await loadManifest(file, { outDir: out });
    expect(m.output).toBe(out);
    expect(m.entries[0]!.output).toBe(join(out, 'out', 'a'));
    expect(m.entries[0]!.exports).toEqual([join(dir, 'a.csv')]);
  });

  it('reports every problem at once, with dotted paths and YAML lines', async () => {
    const details = await problems(`top: -1
gates: { minAdvocateShare: 5, colour: red }
entries:
  - name: A
    exports: []
    values: v.yml
    formats: [pdf]
  - exports: b.csv
    values: v.yml
    asOf: 1 Dec
`);
    expect(details).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^top \(line 1\): /),
        expect.stringMatching(/^gates\.minAdvocateShare \(line 2\): .*ambiguous/),
        expect.stringMatching(/^gates\.colour \(line 2\): unknown field/),
        expect.stringMatching(/^entries\[0\]\.exports \(line 5\): /),
        expect.stringMatching(/^entries\[0\]\.formats\[0\] \(line 7\): unknown format/),
        expect.stringMatching(/^entries\[1\]\.name \(line 8\): /),
        expect.stringMatching(/^entries\[1\]\.asOf \(line 10\): /),
      ]),
    );
    expect(details).toHaveLength(7);
  });

  it('refuses duplicate names, shared output folders, standard input and csv with ndjson', async () => {
    const details = await problems(`entries:
  - name: Client
    exports: a.csv
    values: v.yml
    output: same
  - name: client
    exports: '-'
    values: v.yml
    output: same
  - name: Other
    exports: c.csv
    values: v.yml
    formats: [csv, ndjson]
`);
    expect(details).toEqual([expect.stringMatching(/^entries\[1\]\.exports \(line 7\): standard input/)]);
    const rules = await problems(`entries:
  - name: Client
    exports: a.csv
    values: v.yml
    output: same
  - name: client
    exports: b.csv
    values: v.yml
    output: same
  - name: Other
    exports: c.csv
    values: v.yml
    formats: [csv, ndjson]
`);
    expect(rules).toEqual([
      expect.stringMatching(/^entries\[1\]\.name \(line 6\): "client" is also the name of entries\[0\]/),
      expect.stringMatching(/^entries\[1\]\.output \(line 9\): entries\[0\] writes to the same folder/),
      expect.stringMatching(/^entries\[2\]\.formats \(line 13\): choose csv or ndjson/),
    ]);
  });
});

describe('slug', () => {
  it('turns a client name into a folder name', () => {
    expect(slug('Oat & Ember Bakery')).toBe('oat-ember-bakery');
    expect(slug('Café Zoë')).toBe('cafe-zoe');
    expect(slug('***')).toBe('entry');
  });
});
