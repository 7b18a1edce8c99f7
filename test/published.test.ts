import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers/run-cli.js';

/** Every file under a folder, recursively. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)]));
}

describe('the published package', () => {
  it('never refers to a development dependency (csv-parse) in its code or types', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> };
    const files = filesUnder(join(ROOT, 'dist'));
    expect(files.some((f) => f.endsWith('.d.ts'))).toBe(true);
    for (const dev of Object.keys(pkg.devDependencies)) {
      const pattern = new RegExp(`from ['"]${dev.replace(/[/.]/g, '\\$&')}['"/]|import\\(['"]${dev.replace(/[/.]/g, '\\$&')}['"/]`);
      for (const f of files) expect(readFileSync(f, 'utf8'), `${f} refers to ${dev}`).not.toMatch(pattern);
    }
  });
});
