import type { Finding } from './model.js';

/**
 * Findings are data (a code and its numbers) turned into prose here and only
 * here, so wording can change without touching the analysis.
 */
export type FindingInput =
  | { code: 'NO_FOLLOWERS' }
  | { code: 'NO_ENGAGEMENT_DATA' }
  | { code: 'NO_PROFILE_TEXT'; platformLists?: string[] }
  | { code: 'IDS_ONLY'; count: number; all: boolean }
  | { code: 'LITTLE_PROFILE_TEXT'; withText: number; classified: number; minShare: number }
  | { code: 'NO_DISSENT'; engaged: number }
  | { code: 'ONE_VALUE_DOMINATES'; value: string; share: number; diversity: number | null }
  | { code: 'UNEXPRESSED_VALUES'; values: string[] }
  | { code: 'ROWS_SKIPPED'; skipped: number; rows: number }
  | { code: 'DUPLICATES'; count: number }
  | { code: 'SUSPECTS'; count: number; share: number }
  | { code: 'NOT_FOLLOWERS'; count: number }
  | { code: 'STALE_ENGAGEMENT'; count: number; windowDays: number }
  | { code: 'ALL_STALE'; count: number; windowDays: number; asOf: string }
  | { code: 'AFTER_AS_OF'; count: number; asOf: string }
  | { code: 'PLATFORM_MISMATCH'; file: string; forced: string; looksLike?: string }
  | { code: 'EMAIL_IDENTITY'; file: string; column: string }
  | { code: 'AMBIGUOUS_DATES'; count: number; order: 'mdy' | 'dmy'; settled: 'none' | 'mixed' | 'mdy' | 'dmy' }
  | { code: 'NO_IDEAL_FIT' }
  | { code: 'MENTIONS_MERGED'; count: number };

/** A group of signals an input file can lack, each changing what its verdicts can rest on. */
export type MissingSignal = 'profileText' | 'engagement' | 'authenticity';

/** What a file without this signal means for the verdicts (shown per input in the data-quality section). */
export function describeMissingSignal(signal: MissingSignal, hasInteractions: boolean): string {
  switch (signal) {
    case 'profileText':
      return 'profile text (bio, headline, company): nobody from this file can be matched to your values; map a text column with --map bio="<column>"';
    case 'engagement':
      return hasInteractions
        ? 'engagement columns: engagement comes only from the --interactions file'
        : 'engagement (likes, replies, ratings…): nobody counts as engaged, so no advocates are claimed; add --interactions FILE';
    case 'authenticity':
      return 'account fields (followers, following, posts, account age, avatar): fake or bought accounts cannot be flagged';
  }
}

const pct = (x: number) => `${Math.round(x * 1000) / 10}%`;
const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

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
      if (f.platformLists?.length) {
        return warn(
          f.code,
          `No profile text: ${f.platformLists.join(' and ')} ${f.platformLists.length === 1 ? 'carries' : 'carry'} only who follows you (no bio, headline or counts), so nobody can be matched to your values and the quality score is not measurable. Verdicts rest on engagement alone: add --interactions; to judge values, audit an export with profiles (an API dump or listening tool).`,
        );
      }
      return warn(
        f.code,
        'No profile text: the export has no bio, headline or company column, so nobody can be matched to your values and the quality score is not measurable. Export with profile fields (an API dump or listening tool) or map a text column with --map bio="<column>".',
      );
    case 'IDS_ONLY':
      return warn(
        f.code,
        `${f.all ? `All ${f.count} followers are` : `${f.count} follower${f.count === 1 ? ' is' : 's are'}`} known only by account id: the export (such as an X archive follower.js) has ids but no handles, profile text or engagement. Their verdicts rest on the follow alone, and interactions logs keyed by handle cannot be joined to them (an id:<number> handle column can).`,
      );
    case 'LITTLE_PROFILE_TEXT':
      return warn(
        f.code,
        `Only ${f.withText} of ${f.classified} followers (${pct(f.withText / f.classified)}) have profile text, under the ${pct(f.minShare)} needed to see how values-aligned the community is: the quality score and group-think risk are not measurable, and the rest are judged on engagement alone.`,
      );
    case 'NO_DISSENT':
      return warn(
        f.code,
        `No dissent: none of your ${f.engaged} engaged followers conflicts with your values. A community where nobody disagrees risks group-think; make room for critical voices.`,
      );
    case 'ONE_VALUE_DOMINATES':
      return warn(
        f.code,
        `Group-think risk: "${f.value}" makes up ${pct(f.share)} of the values your aligned followers express${f.diversity === null ? '' : ` (value diversity ${f.diversity.toFixed(2)})`}. Your community rallies around one value; the others are barely heard.`,
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
      return warn(
        f.code,
        `${f.count} ${f.count === 1 ? 'follower' : 'followers'} (${pct(f.share)}) ${f.count === 1 ? 'looks' : 'look'} like fake or bought accounts; they are counted as misaligned, never as community.`,
      );
    case 'NOT_FOLLOWERS':
      return info(
        f.code,
        `${f.count} ${f.count === 1 ? 'handle in the interactions log is' : 'handles in the interactions log are'} not in the export (people who engage but do not follow, or who left). They are counted here, not invented as followers.`,
      );
    case 'STALE_ENGAGEMENT':
      return info(
        f.code,
        `${f.count} ${f.count === 1 ? 'follower has' : 'followers have'} only interactions older than ${f.windowDays} days; stale engagement does not count.`,
      );
    case 'ALL_STALE':
      return warn(
        f.code,
        `All ${plural(f.count, 'dated interaction is', 'dated interactions are')} older than ${f.windowDays} days before ${f.asOf}, so nobody counts as engaged from them. If --as-of is mistyped, fix it; otherwise the interactions log is out of date.`,
      );
    case 'AFTER_AS_OF':
      return warn(
        f.code,
        `${plural(f.count, 'interaction', 'interactions')} of your followers ${f.count === 1 ? 'is' : 'are'} dated after --as-of ${f.asOf} and ${f.count === 1 ? 'was' : 'were'} not counted. Check --as-of (default: today) or the dates in the file.`,
      );
    case 'AMBIGUOUS_DATES': {
      const read = f.order === 'mdy' ? 'month first (03/04/2025 = 4 March)' : 'day first (03/04/2025 = 3 April)';
      const other = f.order === 'mdy' ? 'dmy' : 'mdy';
      const why =
        f.settled === 'none'
          ? 'and no date in the data settles the order'
          : f.settled === 'mixed'
            ? 'and the data holds dates of both orders'
            : `but other dates in the data are ${f.settled === 'dmy' ? 'day first (such as 24/08/2025)' : 'month first (such as 08/24/2025)'}`;
      return warn(
        f.code,
        `${plural(f.count, 'date reads', 'dates read')} either way (day/month or month/day) ${why}; they were read ${read}. If that is wrong, re-run with --date-order ${other}.`,
      );
    }
    case 'PLATFORM_MISMATCH':
      return warn(
        f.code,
        `${f.file} does not look like ${f.forced}${f.looksLike ? ` (it looks like ${f.looksLike})` : ''}, yet --platform forced it to be read as one: check the figures, or run without --platform to let kindred detect the format.`,
      );
    case 'EMAIL_IDENTITY':
      return info(
        f.code,
        `${f.file} has no handle column, so followers are identified by their email ("${f.column}"). Emails are never shown (names or pseudonyms stand in), and an interactions log must name people by the same email to be joined.`,
      );
    case 'NO_IDEAL_FIT':
      return info(f.code, 'No follower matches your ideal customer yet.');
    case 'MENTIONS_MERGED':
      return info(
        f.code,
        `${f.count} further mention row${f.count === 1 ? ' was' : 's were'} merged into ${f.count === 1 ? 'its author' : 'their authors'}: a mentions export has one row per mention, kindred counts one follower per author and adds up their mentions.`,
      );
  }
}

function warn(code: string, message: string): Finding {
  return { code, severity: 'warning', message };
}
function info(code: string, message: string): Finding {
  return { code, severity: 'info', message };
}
