import { createHmac } from 'node:crypto';
import { forEachList } from '../decision-table.js';
import { UsageError } from '../errors.js';
import { handleKey } from '../handles.js';
import type { FollowerSummary, Report } from '../report/model.js';
import type { FollowerRecord } from '../report/records.js';

/**
 * `--anonymize`: handles become stable salted hashes, and everything else that
 * could name a person is dropped — display names, emails, profile URLs, the
 * raw cell values quoted in data-quality samples, the details of skipped rows
 * (they quote handles). What stays: segments, scores, matched value names,
 * the values-file terms that matched and where (reasons), file names and line
 * numbers.
 *
 * The hash is HMAC-SHA256(salt, join key), so the same person gets the same
 * pseudonym every month as long as the salt stays the same (a consultant can
 * join anonymised months with `kindred compare`), while nobody without the salt
 * can test a guessed handle against it. That is why a salt is required: a
 * built-in default would let anyone re-identify handles by hashing a list of
 * guesses.
 */
export interface Anonymizer {
  handle(handle: string): string;
  record(record: FollowerRecord): FollowerRecord;
  report(report: Report): Report;
}

export const SALT_ENV = 'KINDRED_SALT';

/** Resolves the salt: `--salt` beats the environment; neither is a usage error. */
export function resolveSalt(flag: string | undefined, env: NodeJS.ProcessEnv): string {
  const salt = flag ?? env[SALT_ENV];
  if (salt === undefined || salt === '') {
    throw new UsageError(
      `--anonymize needs a secret salt so the hashes cannot be reversed by guessing handles: set ${SALT_ENV} (for example ${SALT_ENV}=$(openssl rand -hex 16)) or pass --salt. Keep it: the same salt gives the same pseudonyms next month.`,
    );
  }
  return salt;
}

export function createAnonymizer(salt: string): Anonymizer {
  const cache = new Map<string, string>();
  const handle = (raw: string): string => {
    const key = handleKey(raw) ?? raw.trim().toLowerCase();
    let out = cache.get(key);
    if (out === undefined) {
      out = `anon-${createHmac('sha256', salt).update(key, 'utf8').digest('hex').slice(0, 16)}`;
      // Bounded: a cache, not an index of every follower.
      if (cache.size > 10_000) cache.clear();
      cache.set(key, out);
    }
    return out;
  };
  const summary = (s: FollowerSummary): FollowerSummary => {
    const { name: _name, ...rest } = s;
    return { ...rest, handle: handle(s.handle) };
  };
  return {
    handle,
    record(r) {
      const { email: _email, ...rest } = r;
      return { ...rest, handle: handle(r.handle), name: null, profileUrl: null };
    },
    report(r) {
      const dq = r.dataQuality;
      return {
        ...r,
        lists: forEachList((k) => r.lists[k].map(summary)),
        dataQuality: {
          ...dq,
          skippedSamples: dq.skippedSamples.map(({ detail: _detail, ...rest }) => rest),
          warnings: dq.warnings.map((w) => ({ ...w, samples: w.samples.map((s) => ({ ...s, value: '(anonymized)' })) })),
        },
      };
    },
  };
}
