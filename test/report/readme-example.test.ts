import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/run-cli.js';

/**
 * The README shows real output from the samples. These tests re-run each
 * documented command and compare, so the documentation cannot drift from
 * what the tool prints. (The text lives in docs/readme/report.md until it is
 * folded into README.md; whichever holds it is checked.)
 */
const candidates = [join(ROOT, 'README.md'), join(ROOT, 'docs', 'readme', 'report.md')];
const AUDIT = '$ kindred audit samples/fernleaf/followers.csv --values samples/fernleaf/values.yml \\';
const doc = candidates.map((p) => (existsSync(p) ? readFileSync(p, 'utf8') : '')).find((t) => t.includes(AUDIT));

/** The console block that starts with a command: its argv and the output shown under it. */
function example(text: string, firstLine: string): { args: string[]; output: string } {
  const start = text.indexOf(firstLine);
  const block = text.slice(start, text.indexOf('\n```', start));
  const lines = block.split('\n');
  const command = [lines[0]!, lines[1]!].map((l) => l.replace(/^\$ /, '').replace(/\\$/, '').trim()).join(' ');
  return { args: command.split(/\s+/).slice(1), output: `${lines.slice(2).join('\n')}\n` };
}

describe.skipIf(!doc)('README examples are real output', () => {
  it('shows the terminal report the sample produces', () => {
    const { args, output } = example(doc!, AUDIT);
    const r = runCli(args);
    expect(r.code).toBe(0);
    expect(output).toBe(r.stdout);
  });

  it('shows the explanation the sample produces', () => {
    const { args, output } = example(doc!, '$ kindred explain samples/fernleaf/followers.csv');
    const r = runCli(args);
    expect(r.code).toBe(0);
    expect(output).toBe(r.stdout);
  });

  it('points at the screenshot of the HTML report', () => {
    expect(doc).toContain('](docs/images/report.png)');
    expect(existsSync(join(ROOT, 'docs', 'images', 'report.png'))).toBe(true);
  });
});
