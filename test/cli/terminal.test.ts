import { createWriteStream, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { expectNoStack } from '../helpers/no-stack.js';
import { hasTmux, startInTerminal, type Terminal } from '../helpers/pty.js';
import { FERNLEAF, runCli } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-dir.js';

/**
 * The interactive paths in a real terminal (tmux), as a newcomer meets them.
 * The wizard's logic is tested with scripted answers in test/init; these tests
 * catch what only a terminal shows: streams ended under the prompts, raw mode,
 * Ctrl-C, a progress line redrawn in place.
 */

/** Answers the three values; presses Enter at any "variants" checkbox kindred offers on the way. */
async function answerValues(t: Terminal, values: [string, string][]): Promise<void> {
  for (const [i, [name, terms]] of values.entries()) {
    await t.question(new RegExp(`Value ${i + 1}, its name`));
    t.answer(name);
    await t.question(new RegExp(`Words people who share "${name}" use`));
    t.answer(terms);
    const next = i + 1 < values.length ? `Value ${i + 2}, its name` : 'Add value 4';
    const asked = await t.question(new RegExp(`Also match these variants|${next}`));
    if (asked.includes('Also match these variants')) t.press('Enter');
  }
}

const VALUES: [string, string][] = [
  ['reading culture', 'bookworm, book club*, #amreading'],
  ['independent shops', 'indie bookshop*, shop local'],
  ['community', 'volunteer, neighbourhood'],
];

describe.skipIf(!hasTmux())('in a real terminal', { timeout: 60_000 }, () => {
  it('kindred init answered to the end writes a valid values file that audits a sample', async () => {
    const dir = tempDir();
    const t = startInTerminal(['init'], { cwd: dir });
    await t.question(/Brand name:/);
    t.answer('Spoke & Sprocket');
    await t.question(/Brand promise/);
    t.answer('Bikes fixed by neighbours, for neighbours.');
    await answerValues(t, VALUES);
    await t.question(/Add value 4/);
    t.press('Enter');
    await t.question(/roles or jobs/);
    t.answer('teacher, librarian');
    await t.question(/interests/);
    t.answer('');
    await t.question(/places/);
    t.answer('Bristol');
    await t.question(/Add a red flag/);
    t.answer('y');
    await t.question(/Red flag 1, its name/);
    t.answer('piracy');
    await t.question(/Words that signal "piracy"/);
    t.answer('free pdf download');
    await t.question(/Add another red flag/);
    t.press('Enter');
    await t.question(/ready spam list/);
    t.press('Enter');
    expect(await t.exited()).toBe(0);
    const screen = t.screen();
    expect(screen).toContain('kindred: wrote kindred.values.yml');
    expectNoStack(screen);
    const file = join(dir, 'kindred.values.yml');
    const text = readFileSync(file, 'utf8');
    expect(text).toContain('Spoke & Sprocket');
    expect(text).toContain('free pdf download');
    const audit = runCli(['audit', FERNLEAF.export, '--values', file, '--format', 'json', '--as-of', '2026-11-01']);
    expect(audit.stderr).toBe('');
    expect(audit.code).toBe(0);
    const report = JSON.parse(audit.stdout);
    expect(report.brand ?? report.values?.brand ?? JSON.stringify(report)).toContain('Spoke & Sprocket');
  });

  it('Ctrl-C at a question exits 130 and writes nothing', async () => {
    const dir = tempDir();
    const t = startInTerminal(['init'], { cwd: dir });
    await t.question(/Brand name:/);
    t.answer('Spoke & Sprocket');
    await t.question(/Brand promise/);
    t.press('C-c');
    expect(await t.exited()).toBe(130);
    expect(readdirSync(dir)).toEqual([]);
    expectNoStack(t.screen());
  });

  it('init --from an export shows the followers\' words, previews the audit and says what to run next', async () => {
    const dir = tempDir();
    const t = startInTerminal(['init', '--from', FERNLEAF.export], { cwd: dir });
    await t.question(/Brand name:/);
    t.answer('Fernleaf Books');
    await t.question(/Brand promise/);
    t.answer('');
    await t.question(/Value 1, its name/);
    expect(t.screen()).toMatch(/What your followers say about themselves \(\d+ profiles with text\)/);
    await answerValues(t, VALUES);
    await t.question(/Add value 4/);
    t.press('Enter');
    await t.question(/Adopt any of these as terms/);
    expect(t.screen()).toMatch(/Still not covered by your values/);
    t.press('Enter');
    for (const q of [/roles or jobs/, /interests/, /places/, /Add a red flag/, /ready spam list/]) {
      await t.question(q);
      t.press('Enter');
    }
    expect(await t.exited()).toBe(0);
    const screen = t.screen();
    expectNoStack(screen);
    expect(screen).toMatch(/Next: kindred audit \S*followers\.csv --values kindred\.values\.yml/);
    expect(existsSync(join(dir, 'kindred.values.yml'))).toBe(true);
  });

  it('asks which column is which when audit recognises none, then audits with the answer', async () => {
    const dir = tempDir();
    // A made-up layout on purpose: no known export uses these names, so no column is recognised.
    const file = join(dir, 'members.csv');
    writeFileSync(file, 'Member,About me,Kudos\nann_reads,bookworm and book club host,12\nbo_hikes,trail runner,3\n');
    const t = startInTerminal(['audit', file, '--values', FERNLEAF.values, '--as-of', '2026-11-01'], { cwd: dir });
    await t.question(/Which column identifies each follower/);
    expect(t.screen()).toMatch(/no column is recognised as the follower's handle/);
    t.press('Enter'); // Member, the first choice
    await t.question(/profile text/);
    t.press('Down', 'Enter'); // None first, then the columns left: About me
    await t.question(/counts engagement/);
    t.press('Down', 'Enter'); // None first, then Kudos
    expect(await t.exited()).toBe(0);
    const screen = t.screen();
    expect(screen).toMatch(/--map handle=Member --map bio='About me' --map interactions=Kudos/);
    expect(screen).toMatch(/2 followers classified/);
    expectNoStack(screen);
  });

  it('draws a progress line while a long read runs, and clears it before the report', async () => {
    const dir = tempDir();
    // A named pipe lets the test decide how long the read lasts: rows arrive until the line shows.
    const fifo = join(dir, 'followers.csv');
    execFileSync('mkfifo', [fifo]);
    const t = startInTerminal(['audit', fifo, '--values', FERNLEAF.values, '--as-of', '2026-11-01'], { cwd: dir });
    const feed = createWriteStream(fifo);
    feed.write('handle,bio,likes\n');
    let n = 0;
    const more = () => {
      for (let i = 0; i < 500; i++, n++) feed.write(`fan${n},bookworm,${n % 7}\n`);
    };
    const timer = setInterval(more, 100);
    try {
      await t.waitFor(/kindred: followers\.csv\s+[\d,]+ rows\s+[\d.]+ MB\s+[\d,]+ rows\/s/);
    } finally {
      clearInterval(timer);
    }
    more();
    await new Promise<void>((resolve) => feed.end(resolve));
    expect(await t.exited()).toBe(0);
    const screen = t.screen();
    expect(screen).not.toMatch(/rows\/s/);
    expect(screen).toContain(`${n.toLocaleString('en-US')} rows read`);
  });

  it('audit - at a terminal says it is reading standard input and how to end it; Ctrl-D ends it', async () => {
    const t = startInTerminal(['audit', '-', '--values', FERNLEAF.values, '--as-of', '2026-11-01']);
    await t.waitFor(/reading followers from standard input; paste CSV and press Ctrl-D when done, or give a file/);
    for (const line of ['handle,bio', 'ann_reads,bookworm and book club host', 'bo_rides,trail runner']) t.answer(line);
    t.press('C-d');
    expect(await t.exited()).toBe(0);
    expect(t.screen()).toMatch(/2 followers classified/);
  });
});
