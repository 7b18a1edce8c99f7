import { describe, expect, it } from 'vitest';
import { askColumns, mapFlags } from '../../src/io/ask-columns.js';
import { ColumnsNotMappedError } from '../../src/io/columns-error.js';
import type { Choice, ColumnPrompter, SelectQuestion } from '../../src/io/prompts.js';

/** A prompter that answers with the choice whose name matches, and records what it was shown. */
function scripted(answers: string[]): ColumnPrompter & { shown: { message: string; choices: Choice<unknown>[] }[] } {
  const shown: { message: string; choices: Choice<unknown>[] }[] = [];
  return {
    shown,
    async select<T>({ message, choices }: SelectQuestion<T>): Promise<T> {
      shown.push({ message, choices: choices as Choice<unknown>[] });
      const want = answers.shift();
      const hit = choices.find((c) => c.name === want);
      if (!hit) throw new Error(`no choice "${want}" in ${choices.map((c) => c.name).join(', ')}`);
      return hit.value;
    },
  };
}

const error = new ColumnsNotMappedError('export.csv', ['Who', 'About', 'Hearts', ''], [
  ['ann', 'reader \u001b[31mred', '12', 'x'],
  ['bo', 'hiker', '3', 'y'],
]);

describe('askColumns', () => {
  it('asks for handle, profile text and engagement, and prints the --map flags that repeat the choice', async () => {
    const lines: string[] = [];
    const prompter = scripted(['Who', 'About', 'Hearts']);
    const answer = await askColumns(error, prompter, (l) => lines.push(l));
    expect(answer).toEqual({ handle: 'Who', bio: 'About', interactions: 'Hearts' });
    expect(lines.at(-1)).toContain('--map handle=Who --map bio=About --map interactions=Hearts');
    // Sample values are shown, with control characters escaped; a blank header cannot be chosen.
    const first = prompter.shown[0]!;
    expect(first.choices.find((c) => c.name === 'About')!.description).toBe('e.g. reader \\x1b[31mred · hiker');
    expect(first.choices.some((c) => c.value === '')).toBe(false);
    // The handle column is not offered again.
    expect(prompter.shown[1]!.choices.some((c) => c.value === 'Who')).toBe(false);
  });

  it('lets the user skip profile text and engagement', async () => {
    const answer = await askColumns(error, scripted(['Who', 'None', 'None']), () => {});
    expect(answer).toEqual({ handle: 'Who' });
  });

  it('gives up when no column is the handle', async () => {
    expect(await askColumns(error, scripted(['None of these: stop']), () => {})).toBeUndefined();
  });

  it('quotes headers for the shell', () => {
    expect(mapFlags({ handle: 'User Name', bio: "Ann's bio" })).toBe(`--map handle='User Name' --map bio='Ann'\\''s bio'`);
  });
});

describe('suggestMapping (for the off-terminal message)', () => {
  it('guesses the handle from handle-shaped samples and the bio from the wordiest column', async () => {
    const { suggestMapping } = await import('../../src/io/columns-error.js');
    expect(suggestMapping(['Count', 'Who', 'About'], [['12', '@ann', 'reader of novels'], ['3', '@bo', 'hiker']])).toEqual({ handle: 'Who', bio: 'About' });
    expect(suggestMapping(['Notes'], [['a long free text note'], ['another one here']])).toEqual({ bio: 'Notes' });
  });
});

describe('emails at the column prompt', () => {
  const withEmail = new ColumnsNotMappedError('list.csv', ['Contact', 'Notes'], [
    ['rick@example.com', 'loves espresso'],
    ['noor.ali@example.org', 'hiker'],
  ]);

  it('shows only the shape of an email in samples', async () => {
    const prompter = scripted(['Contact', 'None', 'None']);
    await askColumns(withEmail, prompter, () => {});
    expect(prompter.shown[0]!.choices[0]!.description).toBe('e.g. r…@example.com · n…@example.org');
  });

  it('maps a chosen email column as the email (the key), never as the shown handle', async () => {
    const lines: string[] = [];
    const answer = await askColumns(withEmail, scripted(['Contact', 'Notes', 'None']), (l) => lines.push(l));
    expect(answer).toEqual({ email: 'Contact', bio: 'Notes' });
    expect(lines.at(-1)).toContain('--map email=Contact --map bio=Notes');
  });
});

describe('ColumnsNotMappedError message', () => {
  it('cuts an endless header cell and a very wide header to a readable message', () => {
    const endless = new ColumnsNotMappedError('wide.csv', [`x${'"a":'.repeat(250_000)}`, 'b'], []);
    expect(endless.message.length).toBeLessThan(1000);
    expect(endless.message).toContain('"b"');
    expect(endless.message).toContain('…');
    const wide = new ColumnsNotMappedError('wide.csv', Array.from({ length: 1000 }, (_, i) => `col${i}`), []);
    expect(wide.message).toContain('"col29"');
    expect(wide.message).not.toContain('"col30"');
    expect(wide.message).toContain('970 more');
  });

  it('suggests --map only with a column name short enough to show whole', () => {
    const long = `h${'x'.repeat(100)}`;
    const e = new ColumnsNotMappedError('a.csv', [long, 'About'], [['ann', 'reads books every day']]);
    expect(e.message).not.toContain('--map handle="h');
    const short = new ColumnsNotMappedError('a.csv', ['Who', 'About'], [['ann', 'reads books every day']]);
    expect(short.message).toContain('--map handle="Who"');
  });
});
