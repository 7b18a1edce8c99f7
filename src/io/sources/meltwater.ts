import type { EngagementEvidence, Follower } from '../../follower.js';
import type { ColumnMap } from '../fields.js';
import type { RowWarning, SourceItem } from '../rows.js';
import { type CsvPreset, columnOf, csvSource, foldedHeaders, openCsv } from './generic-csv.js';
import type { SourceFormat } from './types.js';

// Column names only a media-monitoring export has, current (2023–) and older (≈2022) layouts.
const MELTWATER_COLUMNS = [
  'documentid', 'inputname', 'hitsentence', 'openingtext', 'sourcedomain', 'authorhandle', 'authorname',
  'twitterscreenname', 'userprofileurl', 'twitterbio', 'twitterfollowers', 'twitterauthority', 'socialecho', 'keyphrases', 'ave',
];

/**
 * Meltwater-style listening export: one row per mention, UTF-16LE and
 * tab-separated despite the `.csv` name, sometimes with a junk first row (the
 * header is found by signature). Current header: `Date, Time, Document ID,
 * URL, Input Name, …, Author Name, Author Handle, …, Hit Sentence, …, Reach,
 * …, Engagement, Shares, Quotes, Likes, Replies, Reposts, Comments, …`; older
 * one: `…, Twitter Screen Name, User Profile Url, Twitter Bio, Twitter
 * Followers, Twitter Following, …`.
 *
 * `URL` is the mention's URL and `Title`/`Headline` the article's, never the
 * author's. Each row counts as one mention by its author, plus the likes,
 * replies, reposts and comments it drew, dated by the mention's `Date`.
 * (`Engagement` is their total and `Shares`/`Quotes` overlap `Reposts` on X,
 * so they are not added again.)
 */
export const meltwaterPreset: CsvPreset = {
  id: 'meltwater',
  label: 'Meltwater-style mentions export',
  signature(headers) {
    const h = foldedHeaders(headers);
    const hits = MELTWATER_COLUMNS.filter((c) => h.has(c)).length;
    const author = h.has('authorhandle') || h.has('twitterscreenname');
    return author && hits >= 3 ? 90 : 0;
  },
  columns(headers): ColumnMap {
    return {
      handle: columnOf(headers, 'Author Handle', 'Twitter Screen Name'),
      name: columnOf(headers, 'Author Name'),
      id: columnOf(headers, 'Twitter Id'),
      profileUrl: columnOf(headers, 'User Profile Url'),
      bio: columnOf(headers, 'Twitter Bio'),
      followers: columnOf(headers, 'Twitter Followers'),
      following: columnOf(headers, 'Twitter Following'),
      location: columnOf(headers, 'City', 'State', 'Region', 'Subregion', 'Country'),
      likes: columnOf(headers, 'Likes'),
      replies: columnOf(headers, 'Replies'),
      comments: columnOf(headers, 'Comments'),
      shares: columnOf(headers, 'Reposts', 'Shares'),
      lastInteractionAt: columnOf(headers, 'Date', 'Alternate Date Format'),
    } as ColumnMap;
  },
  // Generic aliases that mean something else here (`URL`, `Title`, `Engagement`, `Quotes`, …); the
  // fields this format does have are set again by columns() above. `Reach` is left unread: it is
  // an audience estimate, not a confirmed follower count.
  drop: () => ['profileUrl', 'headline', 'interactions', 'mentions', 'shares', 'name', 'id', 'location'],
  rowOptions: () => ({ rowIsInteraction: 'mention' }),
};

/**
 * The follower reader: mentions are aggregated per author into one follower.
 * Accounting: the author's first mention row becomes the follower; each
 * further row of the same author is accounted as skipped with code
 * MENTION_MERGED (its evidence and warnings are added to that follower), so
 * rows read = classified + skipped still holds. The whole file is held in
 * memory to merge before classifying: listening exports are small (thousands
 * of mentions), so memory is not bounded for this format.
 */
export const meltwaterMentions: SourceFormat = {
  id: meltwaterPreset.id,
  label: meltwaterPreset.label,
  detect: (input) => csvSource(meltwaterPreset).detect(input),
  async open(input, options) {
    const reader = await openCsv(input, options, meltwaterPreset);
    const fields = reader.info.fields.includes('mentions') ? reader.info.fields : [...reader.info.fields, 'mentions' as const];
    return { info: { ...reader.info, fields }, items: aggregateByAuthor(reader.items) };
  },
};

export async function* aggregateByAuthor(items: AsyncIterable<SourceItem>): AsyncGenerator<SourceItem> {
  const out: SourceItem[] = [];
  const first = new Map<string, { follower: Follower; warnings: RowWarning[] }>();
  for await (const item of items) {
    if (item.kind === 'skip') {
      out.push(item);
      continue;
    }
    const { follower, warnings } = item;
    const earlier = first.get(follower.key);
    if (!earlier) {
      first.set(follower.key, item);
      out.push(item);
      continue;
    }
    mergeMention(earlier.follower, follower);
    earlier.warnings.push(...warnings);
    out.push({
      kind: 'skip',
      skip: {
        code: 'MENTION_MERGED',
        file: follower.source.file,
        line: follower.source.line,
        detail: `further mention by @${follower.handle}, merged into line ${earlier.follower.source.line}`,
      },
    });
  }
  yield* out;
}

/** Adds a later mention's evidence; profile fields the first row lacked are filled from it. */
function mergeMention(into: Follower, from: Follower): void {
  addEvidence(into.engagement, from.engagement);
  for (const key of Object.keys(from) as (keyof Follower)[]) {
    if (key === 'engagement' || key === 'source' || key === 'key' || key === 'handle') continue;
    if (into[key] === undefined) (into as unknown as Record<string, unknown>)[key] = from[key];
  }
}

function addEvidence(into: EngagementEvidence, from: EngagementEvidence): void {
  into.dated.push(...from.dated);
  for (const [type, n] of Object.entries(from.undated) as [keyof EngagementEvidence['undated'], number][]) {
    into.undated[type] = (into.undated[type] ?? 0) + n;
  }
}
