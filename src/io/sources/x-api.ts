import type { ColumnMap } from '../fields.js';
import { columnOf, csvSource, foldedHeaders } from './generic-csv.js';

// Twitter API v1.1 user-object names, as Tweepy/twarc/NodeXL-style scripts and
// research datasets (Cresci et al. 2015) write them.
const V1_COUNTS = ['followerscount', 'friendscount', 'statusescount', 'favouritescount', 'favoritescount', 'listedcount'];
// Renamed third-party exports: `Username, Name, Bio, Location, Followers,
// Following, Tweets, Verified, Joined`, followers2csv's upper-case
// `USER, FOLLOWERS, FOLLOWING, LISTED, FAVOURITES, STATUSES, CREATED_AT`, and
// sferik/t's `t followers --csv`: `ID, Since, Last tweeted at, Tweets,
// Favorites, Listed, Following, Followers, Screen name, Name, Verified,
// Protected, Bio, Status, Location, URL`.
const RENAMED_HANDLE = ['username', 'user', 'screenname', 'handle'];
const RENAMED_X = ['tweets', 'statuses', 'tweetcount', 'favourites', 'favorites', 'listed'];

/**
 * X/Twitter user objects, as CSV or JSON: v1.1 (`screen_name`,
 * `followers_count`, … in a CSV dump, a JSON array, `followers/list` pages
 * `{"users": […], "next_cursor": …}` one after another, or JSON Lines), API
 * v2 (`{"data": [{id, username, name, description, created_at,
 * public_metrics: {followers_count, following_count, tweet_count,
 * listed_count}}], "includes", "meta"}`, and twarc2's JSON Lines of such
 * pages), Apify's X user scraper (`userName`, `isBlueVerified`, …) and renamed
 * third-party exports.
 *
 * Two things differ from generic CSV: `URL` is the person's own website (the
 * profile URL is built from the handle), and boolean flags that the v1.1 API
 * always sets come out empty for false when a database wrote them
 * (`default_profile` is `1` or empty), so an empty flag is false there, not
 * unknown. In `t`'s layout `Since` is when the account was created. Ids stay
 * strings (snowflakes exceed 2^53); a pandas index column with a blank header
 * is ignored.
 */
export const xApiDump = csvSource({
  id: 'x-api',
  label: 'X/Twitter API user objects',
  json: 'also',
  signature(headers) {
    const h = foldedHeaders(headers);
    const counts = V1_COUNTS.filter((c) => h.has(c)).length;
    if (h.has('screenname') && counts >= 2) return 85;
    if (isV2(h)) return 85;
    // Apify's X user scraper: `userName, name, isBlueVerified, followers, following, statusesCount, …`.
    if (h.has('username') && h.has('isblueverified')) return 80;
    if (RENAMED_HANDLE.some((c) => h.has(c)) && (h.has('followers') || h.has('following')) && RENAMED_X.some((c) => h.has(c))) return 60;
    return 0;
  },
  columns(headers): ColumnMap {
    const h = foldedHeaders(headers);
    return {
      // `url` is the website in every layout that has a handle to build the profile URL from.
      website: h.has('isblueverified') ? undefined : columnOf(headers, 'url'),
      // v1.1: `id_str` is the safe id when both are present.
      id: columnOf(headers, 'id_str', 'id'),
      // Tweets, not media (`mediaCount` comes first in some scrapers' output).
      posts: columnOf(headers, 'statuses_count', 'tweet_count', 'tweets', 'statuses'),
      ...(h.has('since') && !h.has('accountcreatedat') ? { accountCreatedAt: columnOf(headers, 'since') } : {}),
    } as ColumnMap;
  },
  drop: (headers) => {
    const h = foldedHeaders(headers);
    return h.has('url') && !h.has('isblueverified') ? ['profileUrl'] : [];
  },
  rowOptions: (headers) => (isV1(headers) ? { falseWhenEmpty: ['verified', 'defaultAvatar', 'defaultProfile'] } : {}),
});

function isV1(headers: string[]): boolean {
  const h = foldedHeaders(headers);
  return h.has('screenname') && V1_COUNTS.some((c) => h.has(c));
}

/** API v2 user fields: `username` with `public_metrics` (read inline: `tweet_count`, `followers_count`). */
function isV2(h: Set<string>): boolean {
  return h.has('username') && h.has('tweetcount') && h.has('followerscount');
}
