import { UsageError } from '../../errors.js';
import type { OpenedInput } from '../open-input.js';
import { blueskyFollowers } from './bluesky.js';
import { genericCsv, genericJson } from './generic-csv.js';
import { instagramProfiles } from './instagram-api.js';
import { instagramJson } from './instagram-json.js';
import { linkedinConnections } from './linkedin.js';
import { mailchimpAudience } from './mailchimp.js';
import { mastodonFollowers } from './mastodon.js';
import { meltwaterMentions } from './meltwater.js';
import { substackSubscribers } from './substack.js';
import { tiktokDownload, tiktokProfiles } from './tiktok.js';
import type { SourceFormat } from './types.js';
import { xApiDump } from './x-api.js';
import { xArchive } from './x-archive.js';

/**
 * Every export format kindred reads, keyed by `--platform` name. To add a
 * format, write one module that exports a SourceFormat and list it here.
 */
export const SOURCE_FORMATS: readonly SourceFormat[] = [
  instagramJson,
  xArchive,
  linkedinConnections,
  xApiDump,
  instagramProfiles,
  blueskyFollowers,
  mastodonFollowers,
  tiktokDownload,
  tiktokProfiles,
  meltwaterMentions,
  mailchimpAudience,
  substackSubscribers,
  genericCsv,
  genericJson,
];

export function formatById(id: string): SourceFormat {
  const f = SOURCE_FORMATS.find((s) => s.id === id);
  if (!f) {
    throw new UsageError(`unknown --platform "${id}". Choose one of: auto, ${SOURCE_FORMATS.map((s) => s.id).join(', ')}`);
  }
  return f;
}

/** The format most sure it can read the input (ties go to the earlier, more specific one). */
export function detectFormat(input: OpenedInput): SourceFormat | undefined {
  let best: SourceFormat | undefined;
  let bestScore = 0;
  for (const f of SOURCE_FORMATS) {
    const score = f.detect(input);
    if (score > bestScore) {
      best = f;
      bestScore = score;
    }
  }
  return best;
}

/** The `--platform` names with their labels, for `kindred audit --help`. */
