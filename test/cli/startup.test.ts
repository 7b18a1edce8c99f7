import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, ROOT } from '../helpers/run-cli.js';

/** The modules a run of the built binary imports (through module hooks). */
function importsOf(args: string[]): string[] {
  const log = join(mkdtempSync(join(tmpdir(), 'kindred-imports-')), 'imports.txt');
  const r = spawnSync(process.execPath, ['--import', join(ROOT, 'test', 'helpers', 'register-import-log.mjs'), BIN, ...args], {
    env: { ...process.env, KINDRED_IMPORT_LOG: log },
    encoding: 'utf8',
  });
  expect(r.status).toBe(0);
  return readFileSync(log, 'utf8').split('\n').filter(Boolean);
}

describe('start-up', () => {
  // --help and --version are the commands people run most when they are unsure: they must be instant.
  for (const args of [['--help'], ['--version'], ['audit', '--help']]) {
    it(`kindred ${args.join(' ')} loads no command code and no heavy dependency`, () => {
      const loaded = importsOf(args);
      expect(loaded.some((u) => u.includes('/dist/cli/program.js'))).toBe(true);
      const heavy = loaded.filter((u) => /\/dist\/(commands|io|report|values|text|scoring)\/|node_modules\/(chalk|zod|yaml|csv-parse|cli-table3|@inquirer)\//.test(u));
      expect(heavy).toEqual([]);
    });
  }
});
