import type { Finding } from './model.js';

/**
 * Findings are data (a code and its numbers) turned into prose here and only
 * here, so wording can change without touching the analysis.
 */
export type FindingInput =
  | { code: 'NO_FOLLOWERS' }
  | { code: 'NO_ENGAGEMENT_DATA' }
  | { code: 'NO_PROFILE_TEXT' }
  | { code: 'LITTLE_PROFILE_TEXT'; share: number }
  | { code: 'NO_DISSENT'; engaged: number }
  | { code: 'ONE_VALUE_DOMINATES'; value: string; share: number }
  | { code: 'UNEXPRESSED_VALUES'; values: string[] }
  | { code: 'ROWS_SKIPPED'; skipped: number; rows: number }
  | { code: 'DUPLICATES'; count: number }
  | { code: 'SUSPECTS'; count: number; share: number }
  | { code: 'NOT_FOLLOWERS'; count: number }
  | { code: 'STALE_ENGAGEMENT'; count: number; windowDays: number }
  | { code: 'NO_IDEAL_FIT' };

const pct = (x: number) => `${Math.round(x * 1000) / 10}%`;

export function describeFinding(f: FindingInput): Finding {
  switch (f.code) {
    case 'NO_FOLLOWERS':
      return warn(f.code, 'No followers were classified: check that the file is the follower export and that its rows have handles.');
    case 'NO_ENGAGEMENT_DATA':
      return warn(
        f.code,
        'No engagement data: the export has no likes, replies, comments, shares, mentions or ratings, and no --interactions file was given. Nobody can be counted as engaged, so no advocates are claimed. Add an interactions log (--interactions FILE with handle,type,date rows) to find them.',
      );
    case 'NO_PROFILE_TEXT':
      return warn(
        f.code,
        'No profile text: the export has no bio, headline or company column, so nobody can be matched to your values. Export with profile fields (an API dump or listening tool) or map a text column with --map bio="<column>".',
      );
    case 'LITTLE_PROFILE_TEXT':
      return info(f.code, `Only ${pct(f.share)} of followers have profile text; the rest are judged on engagement alone.`);
    case 'NO_DISSENT':
      return warn(
        f.code,
        `No dissent: none of your ${f.engaged} engaged followers conflicts with your values. A community where nobody disagrees risks group-think; make room for critical voices.`,
      );
    case 'ONE_VALUE_DOMINATES':
      return warn(
        f.code,
        `Group-think risk: ${pct(f.share)} of your aligned followers hold "${f.value}". Your community rallies around one value; the others are barely heard.`,
      );
    case 'UNEXPRESSED_VALUES':
      return info(
        f.code,
        `Nobody in your audience expresses ${f.values.map((v) => `"${v}"`).join(', ')}. Either the terms miss how people talk about it, or this value is not reaching your audience.`,
      );
    case 'ROWS_SKIPPED':
      return warn(f.code, `${f.skipped} of ${f.rows} rows were skipped; see the data-quality section for why, and --rejects FILE for every skipped row with its line and original text.`);
    case 'DUPLICATES':
      return info(f.code, `${f.count} duplicate follower row${f.count === 1 ? ' was' : 's were'} counted once.`);
    case 'SUSPECTS':
      return warn(f.code, `${f.count} followers (${pct(f.share)}) look like fake or bought accounts; they are counted as misaligned, never as community.`);
    case 'NOT_FOLLOWERS':
      return info(f.code, `${f.count} handles in the interactions log are not in the export (people who engage but do not follow, or who left). They are counted here, not invented as followers.`);
    case 'STALE_ENGAGEMENT':
      return info(f.code, `${f.count} followers have only interactions older than ${f.windowDays} days; stale engagement does not count.`);
    case 'NO_IDEAL_FIT':
      return info(f.code, 'No follower matches your ideal customer yet.');
  }
}

function warn(code: string, message: string): Finding {
  return { code, severity: 'warning', message };
}
function info(code: string, message: string): Finding {
  return { code, severity: 'info', message };
}
