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

  it('names line and column in JSON files, in JSON words (array, object)', async () => {
    const details = await problems(file('v.json', '{\n  "brand": "B",\n  "values": [\n    {"name": "a", "terms": "x"}\n  ]\n}\n'));
    expect(details).toEqual(['values[0].terms (line 4, column 19): expected an array, found "x"']);
  });

  it('says a misspelt field in plain words, at the line of the misspelling, with the field it should be', async () => {
    const details = await problems(
      file('v.yml', 'brand: B\n# our values\nvalue:\n  - name: a\n    terms: [x]\nred_flags:\n  - name: spam\n    terms: [f4f]\nidealcustomer:\n  terms: [teacher]\n'),
    );
    expect(details).toEqual([
      'value (line 3): unknown field; did you mean `values`?',
      'red_flags (line 6): unknown field; did you mean `redFlags`?',
      'idealcustomer (line 9): unknown field; did you mean `idealCustomer`?',
    ]);
  });

  it('says the same of a JSON values file, at line and column, with no YAML words', async () => {
    const details = await problems(file('v.json', '{"brand": "B", "value": [{"name": "a", "terms": ["x"]}]}'));
    expect(details).toEqual(['value (line 1, column 16): unknown field; did you mean `values`?']);
    const syntax = await problems(file('broken.json', '{"brand": "B",\n "values": [}\n'));
    expect(syntax).toEqual([expect.stringMatching(/^line 2, column \d+: not valid JSON: /)]);
    const list = await problems(file('list.json', '["brand", "values"]'));
    expect(list).toEqual([expect.stringMatching(/^expected a JSON object .* but the file holds an array/)]);
    for (const d of [...details, ...syntax, ...list]) expect(d).not.toMatch(/YAML|mapping|list\b/);
  });

  it('names a field that is missing (with no misspelling to blame), where it belongs', async () => {
    expect(await problems(file('v.yml', 'brand: B\n'))).toEqual(['values: required but missing (a list)']);
    expect(await problems(file('v.yml', 'brand: B\nvalues:\n  - name: a\n'))).toEqual(['values[0].terms (line 3): required but missing (a list)']);
  });

  it('lists the fields when an unknown one is like none of them', async () => {
    const details = await problems(file('v.yml', 'brand: B\nvalues:\n  - name: a\n    terms: [x]\n    colour: green\n'));
    expect(details).toEqual(['values[0].colour (line 5): unknown field; the fields here are `name`, `weight`, `terms`']);
  });

  it('suggests the choice a mistyped one is near', async () => {
    const details = await problems(file('v.yml', 'brand: B\nvalues:\n  - name: a\n    terms: [x]\nredFlags:\n  - name: s\n    kind: spm\n    terms: [f4f]\n'));
    expect(details).toEqual(['redFlags[0].kind (line 7): expected one of conflict, spam, found "spm"; did you mean `spam`?']);
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
