import { spawn } from 'node:child_process';
import { cpSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectNoStack } from '../helpers/no-stack.js';
import { BIN, FIXTURES, ROOT, runCli, SAMPLES } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-dir.js';

/**
 * Every example a user is shown — in each command's --help and in the
 * README's shell blocks — run as written, in a folder where the file names
 * they use are the bundled samples and fixtures. An example may fail (a file
 * it names is already there, a handle is not in the sample): that is exit 2
 * with a message. What must never reach the terminal is a stack frame or an
 * "internal error".
 */

/** The commands, from the top-level help's "Commands:" list. */
function commands(): string[] {
  const help = runCli(['--help']).stdout;
  const section = help.slice(help.indexOf('Commands:'), help.indexOf('\n\n', help.indexOf('Commands:')));
  return [...section.matchAll(/^ {2}(\w+)/gm)].map((m) => m[1]!).filter((c) => c !== 'help');
}

/** `$ kindred …` lines of a help text, continuation lines joined. */
function helpExamples(help: string): string[] {
  return joinContinuations(help.split('\n'))
    .filter((l) => /^\s+\$ /.test(l))
    .map((l) => l.replace(/^\s+\$ /, ''));
}

/** Command lines of the README's ```sh blocks (comments dropped). */
function readmeExamples(): string[] {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const blocks = [...readme.matchAll(/^```sh\n([\s\S]*?)^```/gm)].map((m) => m[1]!);
  return blocks.flatMap((b) =>
    joinContinuations(b.split('\n'))
      .map((l) => l.replace(/\s+#.*$/, '').trim())
      .filter((l) => /(^|\| )(\w+=\S+ )?kindred /.test(l)),
  );
}

function joinContinuations(lines: string[]): string[] {
  const out: string[] = [];
  let pending = '';
  for (const line of lines) {
    if (line.trimEnd().endsWith('\\')) pending += `${line.trimEnd().slice(0, -1).trimEnd()} `;
    else {
      out.push(pending ? pending + line.trim() : line);
      pending = '';
    }
  }
  return out;
}

/** The names examples use, standing for the bundled samples and fixtures. */
const STAND_INS: Record<string, string> = {
  'followers.csv': join(SAMPLES, 'fernleaf', 'followers.csv'),
  'values.yml': join(SAMPLES, 'fernleaf', 'values.yml'),
  'interactions.csv': join(SAMPLES, 'fernleaf', 'interactions.csv'),
  'labels.csv': join(SAMPLES, 'fernleaf', 'labels.csv'),
  'oct.csv': join(SAMPLES, 'fernleaf', 'followers.csv'),
  'nov.csv': join(SAMPLES, 'fernleaf', 'followers.csv'),
  'nov-events.csv': join(SAMPLES, 'fernleaf', 'interactions.csv'),
  'dec.csv': join(SAMPLES, 'fernleaf', '2026-12', 'followers.csv'),
  'dec-events.csv': join(SAMPLES, 'fernleaf', '2026-12', 'interactions.csv'),
  'Connections.csv': join(FIXTURES, 'linkedin', 'Connections.csv'),
  'meltwater-mentions.csv': join(FIXTURES, 'meltwater', 'current', 'mentions.csv'),
  'comments.csv': join(SAMPLES, 'fernleaf', 'interactions.csv'),
  'instagram-brand-2026-11-01.zip': join(FIXTURES, 'zip', 'instagram-fernleafbooks-2026-11-01-Ab3dEf.zip'),
  'instagram-yourbrand-2026-11-01.zip': join(FIXTURES, 'zip', 'instagram-fernleafbooks-2026-11-01-Ab3dEf.zip'),
};

function workspace(): string {
  const dir = tempDir('kindred-examples-');
  // A copy: `kindred batch samples/batch.yml` writes its reports beside the manifest.
  cpSync(SAMPLES, join(dir, 'samples'), { recursive: true });
  // The manifest's paths resolve against its own folder: here they point into the copy.
  const manifest = readFileSync(join(SAMPLES, 'batch.yml'), 'utf8').replace(/^(\s*(?:-\s*)?(?:exports|interactions|values|output|name)?:?\s*\[?)((?:fernleaf|oat-and-ember|bramble|out)\b)/gm, '$1samples/$2');
  writeFileSync(join(dir, 'clients.yml'), manifest);
  // A layout no export uses, named with --map in the examples.
  writeFileSync(join(dir, 'export.csv'), 'User Name,About,About me\nann_reads,bookworm,book club host\nbo_rides,cyclist,bike mechanic\n');
  for (const [name, target] of Object.entries(STAND_INS)) symlinkSync(target, join(dir, name));
  cpSync(join(FIXTURES, 'x-archive'), join(dir, 'data'), { recursive: true });
  writeFileSync(join(dir, 'answers.json'), JSON.stringify({ brand: 'Spoke & Sprocket', values: [{ name: 'repair', terms: ['fix it'] }, { name: 'cycling', terms: ['cyclist'] }, { name: 'community', terms: ['neighbour'] }] }));
  return dir;
}

interface Outcome {
  example: string;
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(example: string, cwd: string): Promise<Outcome> {
  const script = example.replace(/(^|\| |^\w+=\S+ )kindred /, `$1"${process.execPath}" "${BIN}" `);
  const child = spawn('bash', ['-c', script], { cwd, env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => {
    stdout += d;
  });
  child.stderr.on('data', (d) => {
    stderr += d;
  });
  return new Promise((resolve) => child.on('close', (code) => resolve({ example, code, stdout, stderr })));
}

/** Runs a few at a time; the order within the list is kept for what others read (compare reads audits' output). */
async function runAll(examples: string[], cwd: string, concurrency = 3): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  let next = 0;
  const worker = async () => {
    while (next < examples.length) {
      const i = next++;
      outcomes[i] = await run(examples[i]!, cwd);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return outcomes;
}

describe('documented examples', () => {
  it('finds examples in every command\'s help and in the README', () => {
    for (const command of commands()) expect(helpExamples(runCli([command, '--help']).stdout), command).not.toEqual([]);
    expect(readmeExamples().length).toBeGreaterThan(10);
  });

  it('every example in --help and the README runs without a stack trace or an internal error', { timeout: 240_000 }, async () => {
    const examples = [...new Set([...commands().flatMap((c) => helpExamples(runCli([c, '--help']).stdout)), ...readmeExamples()])];
    const cwd = workspace();
    // compare reads the reports the audits before it write.
    const reading = (e: string) => / compare /.test(` ${e}`);
    const outcomes = [...(await runAll(examples.filter((e) => !reading(e)), cwd)), ...(await runAll(examples.filter(reading), cwd))];
    for (const o of outcomes) {
      expectNoStack(`${o.example}\n${o.stdout}\n${o.stderr}`);
      expect([0, 1, 2], `${o.example}\n${o.stderr}`).toContain(o.code);
      // A refusal is a message a person can act on, never silence.
      if (o.code === 2) expect(o.stderr.trim(), o.example).not.toBe('');
    }
    // Most examples work on the samples as written; a broken stand-in would make them all fail.
    expect(outcomes.filter((o) => o.code === 0).length).toBeGreaterThan(examples.length / 2);
  });
});
