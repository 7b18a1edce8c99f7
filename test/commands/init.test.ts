import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { initCommand } from '../../src/commands/init.js';
import { CancelledError } from '../../src/errors.js';
import { audit } from '../../src/index.js';
import { type Prompter, scriptedPrompter } from '../../src/io/prompts.js';
import { loadValues } from '../../src/values/load.js';
import { fakeIo } from '../helpers/fake-io.js';
import { FERNLEAF } from '../helpers/run-cli.js';

const NOW = () => new Date('2026-11-01T12:00:00Z');

/** A bookshop's answers, typed as a user would (commas, a hashtag, a wildcard). */
const BOOKSHOP = {
  brand: 'Fernleaf Books',
  promise: 'An independent bookshop where every reader finds their next favourite book.',
  'value.1.name': 'reading culture',
  'value.1.terms': 'bookworm, book club, #BookTok, bibliophile',
  'value.2.name': 'independent shops',
  'value.2.terms': '#ShopIndie, shop local, indie bookshop',
  'value.3.name': 'community',
  'value.3.terms': 'volunteer, storytime, library friend',
  'value.4.add': false,
  'ideal.roles': 'teacher, librarian',
  'ideal.interests': '',
  'ideal.locations': 'Bristol, Somerset',
  'redFlag.1.add': true,
  'redFlag.1.name': 'piracy',
  'redFlag.1.terms': 'free pdf download, pirated books',
  'redFlag.2.add': false,
  spamList: true,
};

function tmp(): string {
  return mkdtempSync(join(tmpdir(), 'kindred-init-'));
}

describe('kindred init wizard (scripted answers, no terminal)', () => {
  it('writes a commented values file that validates and classifies the sample', async () => {
    const dir = tmp();
    const output = join(dir, 'values.yml');
    const prompter = scriptedPrompter(BOOKSHOP);
    const io = fakeIo();
    const result = await initCommand({ output }, io, { prompter, now: NOW });
    expect(result.mode).toBe('wizard');

    const text = readFileSync(output, 'utf8');
    expect(text).toMatch(/^# yaml-language-server: \$schema=\S+values\.schema\.json\n/);
    expect(text).toContain('# What you stand for');
    const { values } = await loadValues(output);
    expect(values.brand).toBe('Fernleaf Books');
    expect(values.values.map((v) => v.name)).toEqual(['reading culture', 'independent shops', 'community']);
    // Suggested variants were accepted (pre-checked): a wildcard takes the place
    // of the longer words it extends, a plural joins the short ones.
    expect(values.values[0]!.terms).toEqual(['bookworm*', 'book club', '#BookTok', 'bibliophile*', 'book clubs']);
    expect(values.values[2]!.terms).toContain('volunteer*');
    expect(values.redFlags.map((f) => [f.name, f.kind])).toEqual([
      ['piracy', 'conflict'],
      ['spam', 'spam'],
    ]);
    expect(values.idealCustomer).toEqual({ terms: ['teacher', 'librarian'], locations: ['Bristol', 'Somerset'] });

    const { followers } = await audit({ path: FERNLEAF.export, values: output, asOf: '2026-11-01', interactions: [FERNLEAF.interactions] });
    const segmentOf = (handle: string) => followers.find((f) => f.handle === handle)?.segment;
    // "Shop local, read widely. #BookTok convert"
    expect(segmentOf('idris_shah')).not.toBe('passive');
    expect(segmentOf('idris_shah')).not.toBe('misaligned');
    // "FOLLOW BACK 💯 f4f": the ready spam list.
    expect(segmentOf('jack_byrne')).toBe('misaligned');
    // "Dad of two. Runner. Coffee first." matches nothing.
    expect(segmentOf('nia_walsh')).toBe('passive');
  });

  it('asks three values before offering a fourth, and at most six', async () => {
    const answers: Record<string, unknown> = { brand: 'B', promise: '', spamList: false };
    for (let i = 1; i <= 6; i++) {
      answers[`value.${i}.name`] = `value ${i}`;
      answers[`value.${i}.terms`] = `term${i}`;
      answers[`value.${i}.add`] = true;
    }
    const prompter = scriptedPrompter(answers);
    const dir = tmp();
    const { values } = await initCommand({ output: join(dir, 'v.yml') }, fakeIo(), { prompter, now: NOW });
    expect(values.values).toHaveLength(6);
    expect(prompter.asked).not.toContain('value.3.add');
    expect(prompter.asked).toContain('value.4.add');
    expect(prompter.asked).not.toContain('value.7.add');
  });

  it('rejects a term with nothing to match, as the prompt would', async () => {
    const prompter = scriptedPrompter({ ...BOOKSHOP, 'value.1.terms': '🙂, !!!' });
    await expect(initCommand({ output: join(tmp(), 'v.yml') }, fakeIo(), { prompter })).rejects.toThrow(/no letters or digits/);
  });

  it('leaves no file behind when cancelled mid-way', async () => {
    const dir = tmp();
    const scripted = scriptedPrompter(BOOKSHOP);
    const cancelling: Prompter = {
      ...scripted,
      input: (q) => (q.id === 'ideal.roles' ? Promise.reject(new CancelledError('cancelled; nothing was written')) : scripted.input(q)),
    };
    await expect(initCommand({ output: join(dir, 'values.yml') }, fakeIo(), { prompter: cancelling })).rejects.toBeInstanceOf(CancelledError);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('refuses to overwrite before asking anything, and replaces with --force', async () => {
    const dir = tmp();
    const output = join(dir, 'values.yml');
    writeFileSync(output, 'precious: true\n');
    const prompter = scriptedPrompter(BOOKSHOP);
    await expect(initCommand({ output }, fakeIo(), { prompter })).rejects.toThrow(/already exists.*--force/);
    expect(prompter.asked).toEqual([]);
    expect(readFileSync(output, 'utf8')).toBe('precious: true\n');
    await initCommand({ output, force: true }, fakeIo(), { prompter: scriptedPrompter(BOOKSHOP) });
    expect(readFileSync(output, 'utf8')).toContain('brand: Fernleaf Books');
  });

  it('with --from, shows the uncovered language, lets the brand adopt it, and previews the audit', async () => {
    const dir = tmp();
    const output = join(dir, 'values.yml');
    const prompter = scriptedPrompter({ ...BOOKSHOP, adopt: ['#amreading'], 'adopt.1': 'value: reading culture' });
    const io = fakeIo();
    await initCommand({ output, from: [FERNLEAF.export] }, io, { prompter, now: NOW });
    const said = prompter.said.join('\n');
    expect(said).toContain('What your followers say about themselves');
    expect(said).toContain('#amreading');
    const { values } = await loadValues(output);
    expect(values.values[0]!.terms).toContain('#amreading');
    expect(io.out()).toMatch(/Preview: your \d+ followers with this values file/);
    expect(io.out()).toMatch(/misaligned\s+\d+/);
  });

  it('off a terminal writes the template without asking', async () => {
    const dir = tmp();
    const output = join(dir, 'values.yml');
    const io = fakeIo();
    const result = await initCommand({ output }, io);
    expect(result.mode).toBe('template');
    expect(io.err()).toContain('not a terminal');
    expect(existsSync(output)).toBe(true);
  });
});
