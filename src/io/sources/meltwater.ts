import type { EngagementEvidence, Follower } from '../../follower.js';
import type { ColumnMap } from '../fields.js';
import type { RowWarning, SourceItem } from '../rows.js';
import { type CsvPreset, columnOf, csvSource, foldedHeaders, openCsv } from './generic-csv.js';
import type { SourceFormat } from './types.js';

// Column names only a media-monitoring export has, current (2023–) and older (≈2022) layouts.
const MELTWATER_COLUMNS = [
  'documentid', 'inputname', 'hitsentence', 'openingtext', 'sourcedomain', 'authorhandle', 'authorname', 'influencer', 'tweetid',
  'twitterscreenname', 'userprofileurl', 'twitterbio', 'twitterfollowers', 'twitterauthority', 'socialecho', 'keyphrases', 'ave',
];

/**
 * Meltwater-style listening export: one row per mention, UTF-16LE and
 * tab-separated despite the `.csv` name, sometimes with a junk first row (the
 * header is found by signature). Current header: `Date, Time, Document ID,
 * URL, Input Name, …, Author Name, Author Handle, …, Hit Sentence, …, Reach,
 * …, Engagement, Shares, Quotes, Likes, Replies, Reposts, Comments, …`; older
 * and 2025 Explore layouts: `…, Influencer, …, Twitter Id, …, Twitter Screen
 * Name, User Profile Url, Twitter Bio, Twitter Followers, Twitter Following, …`.
 *
 * Who wrote a mention: the handle is `Author Handle` or `Influencer`
 * (`@name`), else the profile URL's; `Twitter Screen Name` holds the
 * *display name* in 2025 exports (`muhammad`), so it is read as the name
 * only. Mentions are merged per account id (`Twitter Id`) where there is one
 * (see aggregateByAuthor), and the handle stays the key that interaction
 * logs, overrides and `explain` name people by.
 *
 * `URL` is the mention's URL and `Title`/`Headline` the article's, never the
 * author's. Each row counts as one mention by its author, dated by the
 * mention's `Date`: that is the author's engagement with the brand. The
 * likes, replies, reposts and comments a mention drew are its reach (one
 * viral post is not a relationship): summed into the author's `reach`,
 * reported apart, never read as engagement.
 */
export const meltwaterPreset: CsvPreset = {
  id: 'meltwater',
  label: 'Meltwater-style mentions export',
  signature(headers) {
    const h = foldedHeaders(headers);
    const hits = MELTWATER_COLUMNS.filter((c) => h.has(c)).length;
    const author = h.has('authorhandle') || h.has('twitterscreenname') || h.has('influencer');
    return author && hits >= 3 ? 90 : 0;
  },
  columns(headers): ColumnMap {
    return {
      handle: columnOf(headers, 'Author Handle', 'Influencer'),
      name: columnOf(headers, 'Author Name', 'Twitter Screen Name'),
      id: columnOf(headers, 'Twitter Id'),
      profileUrl: columnOf(headers, 'User Profile Url'),
      bio: columnOf(headers, 'Twitter Bio'),
      followers: columnOf(headers, 'Twitter Followers'),
      following: columnOf(headers, 'Twitter Following'),
      location: columnOf(headers, 'City', 'State', 'Region', 'Subregion', 'Country'),
      lastInteractionAt: columnOf(headers, 'Date', 'Alternate Date Format'),
    } as ColumnMap;
  },
  // Generic aliases that mean something else here (`URL`, `Title`, `Engagement`, `Likes`, …); the
  // fields this format does have are set again by columns() above. `Reach` is left unread: it is
  // an audience estimate, not a confirmed follower count.
  drop: () => ['profileUrl', 'headline', 'interactions', 'mentions', 'shares', 'likes', 'replies', 'comments', 'name', 'id', 'location', 'handle'],
  rowOptions: (headers) => ({ rowIsInteraction: 'mention', reachColumns: reachColumnsOf(headers) }),
};

/** What a mention drew from others: its reach. `Shares` and `Quotes` overlap `Reposts` and are left out. */
const REACH_COLUMNS = ['Likes', 'Replies', 'Reposts', 'Comments'];

function reachColumnsOf(headers: string[]): number[] {
  return REACH_COLUMNS.map((name) => columnOf(headers, name)).filter((i): i is number => i !== undefined);
}

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
  type Author = { follower: Follower; warnings: RowWarning[] };
  // The account id says who wrote a mention; a row without one belongs to the author with its handle.
  const byId = new Map<string, Author>();
  const byKey = new Map<string, Author>();
  for await (const item of items) {
    if (item.kind === 'skip') {
      out.push(item);
      continue;
    }
    const { follower, warnings } = item;
    const id = follower.id;
    const sameKey = byKey.get(follower.key);
    const earlier =
      (id !== undefined ? byId.get(id) : undefined) ??
      (sameKey && (sameKey.follower.id === undefined || id === undefined || sameKey.follower.id === id) ? sameKey : undefined);
    if (!earlier) {
      if (id !== undefined) byId.set(id, item);
      if (!byKey.has(follower.key)) byKey.set(follower.key, item);
      out.push(item);
      continue;
    }
    if (id !== undefined && !byId.has(id)) byId.set(id, earlier);
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
  if (from.reach !== undefined) into.reach = (into.reach ?? 0) + from.reach;
  for (const key of Object.keys(from) as (keyof Follower)[]) {
    if (key === 'engagement' || key === 'reach' || key === 'source' || key === 'key' || key === 'handle') continue;
    if (into[key] === undefined) (into as unknown as Record<string, unknown>)[key] = from[key];
  }
}

function addEvidence(into: EngagementEvidence, from: EngagementEvidence): void {
  into.dated.push(...from.dated);
  for (const [type, n] of Object.entries(from.undated) as [keyof EngagementEvidence['undated'], number][]) {
    into.undated[type] = (into.undated[type] ?? 0) + n;
  }
}
