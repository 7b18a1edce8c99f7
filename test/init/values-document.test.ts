import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { initAnswersSchema } from '../../src/init/answers.js';
import { SPAM_TERMS } from '../../src/init/spam-list.js';
import { TEMPLATE_ANSWERS } from '../../src/init/template.js';
import { renderValuesYaml, valuesFromAnswers } from '../../src/init/values-document.js';
import { checkValuesRules, parseConfigText } from '../../src/values/load.js';
import { valuesFileSchema } from '../../src/values/schema.js';
import { valuesSchemaFileText } from '../../src/values/schema-file.js';
import { ROOT } from '../helpers/run-cli.js';

const OPTIONS = { schemaUrl: 'https://example.test/values.schema.json', date: '2026-11-01' };

describe('values document', () => {
  it('renders the template as a valid, commented values file', () => {
    const text = renderValuesYaml(valuesFromAnswers(TEMPLATE_ANSWERS), { ...OPTIONS, template: true });
    const { data } = parseConfigText(text, valuesFileSchema, 'template');
    expect(checkValuesRules(data).errors).toEqual([]);
    expect(text.startsWith('# yaml-language-server: $schema=https://example.test/values.schema.json\n')).toBe(true);
    for (const section of ['values:', 'idealCustomer:', 'redFlags:']) {
      const before = text.slice(0, text.indexOf(`\n${section}`));
      expect(before.trimEnd().split('\n').at(-1)).toMatch(/^#/);
    }
    expect(text.endsWith('\n')).toBe(true);
  });

  it('keeps awkward text exactly, whatever YAML would make of it unquoted', () => {
    const answers = initAnswersSchema.parse({
      brand: 'Yes: No # Maybe',
      promise: "It's 100% \"real\" — #1",
      values: [{ name: 'on', terms: ['null', '#Tag', '- dash', 'a: b', '@at', "'quoted'"] }],
    });
    const text = renderValuesYaml(valuesFromAnswers(answers), OPTIONS);
    const { data } = parseConfigText(text, valuesFileSchema, 'x');
    expect(data.brand).toBe('Yes: No # Maybe');
    expect(data.promise).toBe("It's 100% \"real\" — #1");
    expect(data.values[0]).toMatchObject({ name: 'on', terms: ['null', '#Tag', '- dash', 'a: b', '@at', "'quoted'"] });
  });

  it('adds the ready spam list as a spam red flag, merging with one the brand named spam', () => {
    const base = { brand: 'B', values: [{ name: 'v', terms: ['t'] }] };
    const plain = valuesFromAnswers(initAnswersSchema.parse({ ...base, spamList: true }));
    expect(plain.redFlags).toEqual([{ name: 'spam', kind: 'spam', terms: [...SPAM_TERMS] }]);
    const merged = valuesFromAnswers(initAnswersSchema.parse({ ...base, spamList: true, redFlags: [{ name: 'Spam', terms: ['my phrase', 'f4f'] }] }));
    expect(merged.redFlags).toHaveLength(1);
    expect(merged.redFlags![0]!.kind).toBe('spam');
    expect(merged.redFlags![0]!.terms.filter((t) => t === 'f4f')).toHaveLength(1);
    expect(merged.redFlags![0]!.terms[0]).toBe('my phrase');
  });
});

describe('schema/values.schema.json', () => {
  it('is up to date with src/values/schema.ts (run `npm run schema`)', () => {
    expect(readFileSync(join(ROOT, 'schema', 'values.schema.json'), 'utf8')).toBe(valuesSchemaFileText());
  });
});
