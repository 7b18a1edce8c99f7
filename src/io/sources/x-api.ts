import type { ColumnMap } from '../fields.js';
import { columnOf, csvSource, foldedHeaders } from './generic-csv.js';

// Twitter API v1.1 user-object names, as Tweepy/twarc/NodeXL-style scripts and
// research datasets (Cresci et al. 2015) write them.
const V1_COUNTS = ['followerscount', 'friendscount', 'statusescount', 'favouritescount', 'favoritescount', 'listedcount'];
// Renamed third-party exports: `Username, Name, Bio, Location, Followers,
// Following, Tweets, Verified, Joined` and followers2csv's upper-case
// `USER, FOLLOWERS, FOLLOWING, LISTED, FAVOURITES, STATUSES, CREATED_AT`.
const RENAMED_HANDLE = ['username', 'user', 'screenname', 'handle'];
const RENAMED_X = ['tweets', 'statuses', 'tweetcount', 'favourites', 'listed'];

/**
 * X/Twitter API-style follower dumps. Two things differ from generic CSV: in
 * a v1.1 dump `url` is the user's own website (the profile URL is built from
 * `screen_name`), and boolean flags that the API always sets come out empty
 * for false when a database wrote them (`default_profile` is `1` or empty),
 * so an empty flag is false here, not unknown. Ids stay strings (snowflakes
 * exceed 2^53); a pandas index column with a blank header is ignored.
 */
export const xApiDump = csvSource({
  id: 'x-api',
  label: 'X/Twitter API-style dump',
  signature(headers) {
    const h = foldedHeaders(headers);
    const counts = V1_COUNTS.filter((c) => h.has(c)).length;
    if (h.has('screenname') && counts >= 2) return 85;
    if (RENAMED_HANDLE.some((c) => h.has(c)) && (h.has('followers') || h.has('following')) && RENAMED_X.some((c) => h.has(c))) return 60;
    return 0;
  },
  columns(headers): ColumnMap {
    if (!isV1(headers)) return {};
    // v1.1: `url` is the website; `id_str` is the safe id when both are present.
    return { website: columnOf(headers, 'url'), id: columnOf(headers, 'id_str', 'id') } as ColumnMap;
  },
  drop: (headers) => (isV1(headers) ? ['profileUrl'] : []),
  rowOptions: (headers) => (isV1(headers) ? { falseWhenEmpty: ['verified', 'defaultAvatar', 'defaultProfile'] } : {}),
});

function isV1(headers: string[]): boolean {
  const h = foldedHeaders(headers);
  return h.has('screenname') && V1_COUNTS.some((c) => h.has(c));
}
