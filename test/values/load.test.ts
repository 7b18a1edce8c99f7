import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, InputError } from '../../src/errors.js';
import { loadValues } from '../../src/values/load.js';

function file(name: string, text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'kindred-values-'));
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

async function problems(path: string): Promise<string[]> {
  try {
    await loadValues(path);
  } catch (e) {
    if (e instanceof ConfigError) return e.details;
    throw e;
  }
  throw new Error('expected the values file to be rejected');
}

describe('values file', () => {
  it('loads YAML with defaults applied', async () => {
    const { values } = await loadValues(file('v.yml', 'brand: B\nvalues:\n  - name: a\n    terms: [x]\n'));
    expect(values.values[0]?.weight).toBe(1);
    expect(values.scoring.windowDays).toBe(90);
    expect(values.redFlags).toEqual([]);
  });

  it('loads JSON the same way', async () => {
    const { values } = await loadValues(file('v.json', '{"brand":"B","values":[{"name":"a","terms":["x"]}]}'));
    expect(values.brand).toBe('B');
  });

  it('reports every schema problem at once with path and YAML line', async () => {
    const details = await problems(
      file('v.yml', 'brand: B\nvalues:\n  - name: a\n    terms: []\n  - name: b\n    weight: 0\n    terms: [y]\nscoring:\n  windowDays: -3\n'),
    );
    expect(details).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^values\[0\]\.terms \(line 4\): /),
        expect.stringMatching(/^values\[1\]\.weight \(line 6\): /),
        expect.stringMatching(/^scoring\.windowDays \(line 9\): /),
      ]),
    );
  });

  it('names the line in JSON files too', async () => {
    const details = await problems(file('v.json', '{\n  "brand": "B",\n  "values": [\n    {"name": "a", "terms": "x"}\n  ]\n}\n'));
    expect(details[0]).toMatch(/^values\[0\]\.terms \(line 4\)/);
  });

  it('rejects unknown keys, so a typo does not pass silently', async () => {
    const details = await problems(file('v.yml', 'brand: B\nvalue:\n  - name: a\n'));
    expect(details.join('\n')).toMatch(/value/);
  });

  it('applies the cross-field rules: duplicate names, terms with no words, exclude vs segment', async () => {
    const details = await problems(
      file(
        'v.yml',
        [
          'brand: B',
          'values:',
          '  - name: Books',
          '    terms: [reader]',
          '  - name: books',
          '    terms: ["!!!"]',
          'overrides:',
          '  exclude: ["@staff"]',
          '  segment: {"staff": advocate}',
        ].join('\n'),
      ),
    );
    expect(details).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^values\[1\]\.name \(line 5\): duplicate value name/),
        expect.stringMatching(/^values\[1\]\.terms\[0\] \(line 6\): "!!!" has no letters or digits/),
        expect.stringMatching(/^overrides\.segment\.staff \(line 9\): .* also in overrides\.exclude/),
      ]),
    );
  });

  it('reports YAML syntax errors with their line', async () => {
    const details = await problems(file('v.yml', 'brand: B\nvalues:\n  - name: a\n   terms: [x\n'));
    expect(details[0]).toMatch(/^line \d+: /);
  });

  it('says the file is missing rather than throwing a stack', async () => {
    await expect(loadValues('/no/such/values.yml')).rejects.toBeInstanceOf(InputError);
  });

  it('warns, without failing, about a term listed under two values', async () => {
    const { warnings } = await loadValues(file('v.yml', 'brand: B\nvalues:\n  - name: a\n    terms: [x]\n  - name: b\n    terms: [X]\n'));
    expect(warnings).toEqual([expect.stringContaining('"X" is listed under both "a" and "b"')]);
  });
});
