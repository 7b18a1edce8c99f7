import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/run-cli.js';

/**
 * The README shows real output from the samples. These tests re-run each
 * documented command and compare, so the documentation cannot drift from
 * what the tool prints (`node scripts/update-readme-examples.mjs` refreshes them).
 */
const AUDIT = '$ kindred audit samples/fernleaf/followers.csv --values samples/fernleaf/values.yml \\';
const doc = readFileSync(join(ROOT, 'README.md'), 'utf8');

/** The console block that starts with a command: its argv and the output shown under it. */
function example(text: string, firstLine: string): { args: string[]; output: string } {
  const start = text.indexOf(firstLine);
  const block = text.slice(start, text.indexOf('\n```', start));
  const lines = block.split('\n');
  const command = [lines[0]!, lines[1]!].map((l) => l.replace(/^\$ /, '').replace(/\\$/, '').trim()).join(' ');
  return { args: command.split(/\s+/).slice(1), output: `${lines.slice(2).join('\n')}\n` };
}

describe('README examples are real output', () => {
  it('shows a terminal report example', () => {
    expect(doc).toContain(AUDIT);
  });

  it('shows the terminal report the sample produces', () => {
    const { args, output } = example(doc, AUDIT);
    const r = runCli(args);
    expect(r.code).toBe(0);
    expect(output).toBe(r.stdout);
  });

  it('shows the explanation the sample produces', () => {
    const { args, output } = example(doc, '$ kindred explain samples/fernleaf/followers.csv');
    const r = runCli(args);
    expect(r.code).toBe(0);
    expect(output).toBe(r.stdout);
  });

  it('points at the screenshot of the HTML report', () => {
    expect(doc).toContain('](docs/images/report.png)');
    expect(existsSync(join(ROOT, 'docs', 'images', 'report.png'))).toBe(true);
  });
});
