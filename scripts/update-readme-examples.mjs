#!/usr/bin/env node
// Re-runs the console examples shown in README.md (a block whose first line is
// `$ kindred …`, continued with `\`) and replaces the output under each with
// what the built CLI prints now. test/report/readme-example.test.ts checks they agree.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const file = join(root, process.argv[2] ?? 'README.md');
const text = readFileSync(file, 'utf8');
const out = text.replace(/```console\n(\$ kindred [^\n]*\\\n[^\n]*\n)[\s\S]*?```/g, (_, command) => {
  const args = command
    .split('\n')
    .map((l) => l.replace(/^\$ /, '').replace(/\\$/, '').trim())
    .join(' ')
    .split(/\s+/)
    .filter(Boolean)
    .slice(1);
  const output = execFileSync(process.execPath, [join(root, 'bin', 'kindred.js'), ...args], {
    cwd: root,
    env: { ...process.env, NO_COLOR: '1' },
    encoding: 'utf8',
  });
  return `\`\`\`console\n${command}${output}\`\`\``;
});
writeFileSync(file, out);
console.log(`updated ${file}`);
