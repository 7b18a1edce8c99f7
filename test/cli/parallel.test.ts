import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import '../helpers/fast-check-seed.js';
import { FERNLEAF, FIXTURES, OAT, runCli } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-dir.js';

/**
 * Big exports are read by worker threads in pieces (src/parallel). Whatever
 * the piece size, and whatever the rows hold (quoted line breaks, a CR and its
 * LF in different reads, a stray quote whose run is judged by text in a later
 * piece), the report, the per-follower records and the rejects must be byte
 * for byte what one thread gives. The hidden flags make small files go
 * through the workers, in pieces of a few characters.
 */
const AS_OF = ['--as-of', '2026-11-01'];
const VALUES = join(FIXTURES, 'values.yml');

interface Outputs {
  code: number | null;
  stderr: string;
  report: string;
  followers: string;
  rejects: string;
  /** How many exports the worker threads read. */
  parallelReads: number;
}

/** One audit writing the JSON report, the per-follower records and the rejects. */
function audit(args: string[], threads: { threads: number; pieceChars?: number }, followers = 'f.csv'): Outputs {
  const dir = tempDir('kindred-par-');
  const out = { report: join(dir, 'report.json'), followers: join(dir, followers), rejects: join(dir, 'r.csv') };
  const parallel = threads.threads > 0 ? ['--parallel-min-bytes', '0', '--piece-chars', String(threads.pieceChars ?? 64), '--trace-parallel'] : [];
  const r = runCli(['audit', ...args, '--format', 'json', '-o', out.report, '--followers-out', out.followers, '--rejects', out.rejects, '--threads', String(threads.threads), ...parallel, '--no-interactive']);
  const read = (f: string) => {
    try {
      return readFileSync(f, 'utf8');
    } catch {
      return '(none)';
    }
  };
  // The trace says which exports the worker threads read; it is taken out so the rest compares with one thread's.
  const traced = r.stderr.split('\n').filter((l) => l.startsWith('kindred: worker threads read '));
  const stderr = r.stderr
    .split('\n')
    .filter((l) => !traced.includes(l))
    .join('\n');
  return { code: r.code, stderr: stderr.replaceAll(dir, 'DIR'), report: read(out.report), followers: read(out.followers), rejects: read(out.rejects), parallelReads: traced.length };
}

/** Every export in the arguments (they come before the first option). */
function exportsIn(args: string[]): number {
  return args.findIndex((a) => a.startsWith('--'));
}

function expectSame(args: string[], pieceSizes: number[], followers = 'f.csv'): void {
  const one = audit(args, { threads: 0 }, followers);
  expect(one.code, args[0]).toBe(0);
  expect(JSON.parse(one.report).totals, args[0]).toBeDefined();
  expect(one.parallelReads).toBe(0);
  for (const pieceChars of pieceSizes) {
    const many = audit(args, { threads: 2, pieceChars }, followers);
    // Every export went through the workers: otherwise this would compare one thread with itself.
    expect(many.parallelReads, args[0]).toBe(exportsIn(args));
    expect({ pieceChars, ...many, parallelReads: 0 }).toEqual({ pieceChars, ...one });
  }
}

/** Delimited fixtures with the quirks that matter to cutting a file: encodings, line ends, quotes, broken rows. */
const QUIRKS = [
  'bad-input/stray-quote.csv',
  'bad-input/unclosed-quote.csv',
  'bad-input/truncated-quote.csv',
  'bad-input/mixed-line-endings.csv',
  'bad-input/problems.csv',
  'bad-input/nul-byte.csv',
  'bad-input/invalid-utf8.csv',
  'bad-input/header-only.csv',
  'crlf/followers.csv',
  'quoted-newlines/followers.csv',
  'utf16le-bom/followers.csv',
  'sep-line/followers.csv',
  'duplicate-followers/followers.csv',
  // Formats keyed by name (LinkedIn), by email (Mailchimp, Klaviyo).
  'linkedin/Connections.csv',
  'mailchimp/subscribed_members_export_4f1a2b.csv',
  'email-list/klaviyo-profiles.csv',
  'x-api/followers.csv',
  // Namesakes kept apart by company, position and date; fediverse accounts completed from their URL; `t`'s layout.
  'linkedin/namesakes/Connections.csv',
  'mastodon/followers.csv',
  'x-api/t-followers.csv',
].map((f) => join(FIXTURES, f));

describe('worker threads read an export as one thread does', () => {
  it('the samples, with interactions, in pieces of 1 to 5,000 characters', { timeout: 120_000 }, () => {
    expectSame([FERNLEAF.export, '--values', FERNLEAF.values, '--interactions', FERNLEAF.interactions, ...AS_OF], [1, 5000], 'f.ndjson');
    expectSame([OAT.export, '--values', OAT.values, ...AS_OF], [37]);
  });

  it('followers’ words from a comments file: the same verdicts and reasons in every thread', { timeout: 60_000 }, () => {
    const dir = tempDir('kindred-par-comments-');
    const followers = join(dir, 'followers.csv');
    writeFileSync(followers, 'Username\nmoss.and.mile\ngrumpy_gearhead\npromo.peaks.shop\nquiet.ridge\nold.words.ana\n');
    const comments = join(FIXTURES, 'comments');
    expectSame([followers, '--values', join(comments, 'values.yml'), '--interactions', join(comments, 'instagram-userscript.csv'), ...AS_OF], [5], 'f.ndjson');
  });

  it('fixtures with BOMs, UTF-16, Windows-1252, CR/CRLF/LF, stray and unclosed quotes, duplicates, other keys', { timeout: 240_000 }, () => {
    for (const file of QUIRKS) {
      expect(statSync(file).isFile()).toBe(true);
      expectSame([file, '--values', VALUES, ...AS_OF], [7]);
    }
  });

  it('a Meltwater export stays on one thread: its mentions are merged per author across the whole file', { timeout: 60_000 }, () => {
    const args = [join(FIXTURES, 'meltwater', 'current', 'mentions.csv'), '--values', VALUES, ...AS_OF];
    const many = audit(args, { threads: 2, pieceChars: 7 });
    expect(many.code).toBe(0);
    expect(many.parallelReads).toBe(0);
    expect({ ...many }).toEqual(audit(args, { threads: 0 }));
  });

  it('an export with nothing but blank lines fails before any thread starts, with the same message', { timeout: 60_000 }, () => {
    const args = [join(FIXTURES, 'bad-input', 'blank-lines.csv'), '--values', VALUES, ...AS_OF];
    const one = audit(args, { threads: 0 });
    expect(one.code).toBe(2);
    expect(one.stderr).toContain('the file is empty');
    expect(audit(args, { threads: 2, pieceChars: 7 })).toEqual(one);
  });

  it('two exports in one audit: duplicates across files, accounting per file', { timeout: 120_000 }, () => {
    const a = join(FIXTURES, 'bad-input', 'problems.csv');
    const b = join(FIXTURES, 'bad-input', 'problems-2.csv');
    expectSame([a, b, FERNLEAF.export, '--values', FERNLEAF.values, ...AS_OF], [3]);
  });

  it('--strict stops at the same row with the same message', { timeout: 60_000 }, () => {
    const file = join(FIXTURES, 'bad-input', 'problems.csv');
    const one = runCli(['audit', file, '--values', VALUES, ...AS_OF, '--strict', '--threads', '0']);
    const many = runCli(['audit', file, '--values', VALUES, ...AS_OF, '--strict', '--threads', '2', '--parallel-min-bytes', '0', '--piece-chars', '5', '--trace-parallel']);
    expect(one.code).toBe(2);
    const trace = `kindred: worker threads read ${file}\n`;
    expect(many.stderr.startsWith(trace)).toBe(true);
    expect({ ...many, stderr: many.stderr.slice(trace.length) }).toEqual(one);
  });

  it('--anonymize gives the same pseudonyms', { timeout: 60_000 }, () => {
    const env = { KINDRED_SALT: 'test-salt' };
    const args = (threads: string[]) => ['audit', FERNLEAF.export, '--values', FERNLEAF.values, ...AS_OF, '--anonymize', '--format', 'ndjson', ...threads];
    const one = runCli(args(['--threads', '0']), { env });
    const many = runCli(args(['--threads', '2', '--parallel-min-bytes', '0', '--piece-chars', '50', '--trace-parallel']), { env });
    expect(one.code).toBe(0);
    expect(many.code).toBe(0);
    expect(many.stderr).toContain(`kindred: worker threads read ${FERNLEAF.export}`);
    expect(one.stdout.split('\n').length).toBeGreaterThan(2);
    expect(many.stdout).toBe(one.stdout);
  });

  it('a quote opened at the start of a cell and never closed, in a long file without other quotes', { timeout: 60_000 }, () => {
    const dir = tempDir('kindred-par-');
    const file = join(dir, 'stray.csv');
    const rows = Array.from({ length: 3000 }, (_, i) => `@user${i},${i === 40 ? '"Loves books' : `reader number ${i}`}`);
    writeFileSync(file, `handle,bio\n${rows.join('\n')}\n`);
    expectSame([file, '--values', VALUES, ...AS_OF], [64, 1000]);
  });

  it('generated exports with quoted commas, line breaks of every kind, doubled and stray quotes', { timeout: 240_000 }, () => {
    const cell = fc.oneof(
      fc.constantFrom('book club', 'bookworm', 'vegan baker', '#AmReading', 'follow back', '', ' ', '6\'2"', '"quoted, with comma"', '"two\nlines"', '"a ""quote"" inside"', '"cr\rlf\r\n"', '"never closed'),
      fc.string({ unit: fc.constantFrom('a', 'b', ' ', ',', '"', '\n', '\r', 'é', '😀'), maxLength: 12 }),
    );
    const row = fc.tuple(fc.nat({ max: 60 }), cell, cell).map(([n, bio, loc]) => `@u${n},${bio},${loc}`);
    const file = fc.tuple(fc.array(row, { minLength: 1, maxLength: 40 }), fc.constantFrom('\n', '\r\n', '\r'));
    const dir = tempDir('kindred-par-');
    fc.assert(
      fc.property(file, fc.integer({ min: 1, max: 80 }), ([rows, eol], pieceChars) => {
        const path = join(dir, 'gen.csv');
        writeFileSync(path, `handle,bio,location${eol}${rows.join(eol)}${eol}`);
        const args = [path, '--values', VALUES, ...AS_OF];
        const many = audit(args, { threads: 2, pieceChars });
        expect(many.parallelReads).toBe(1);
        expect({ ...many, parallelReads: 0 }).toEqual(audit(args, { threads: 0 }));
      }),
      { numRuns: 8 },
    );
  });
});
