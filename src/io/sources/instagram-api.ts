import type { ColumnMap } from '../fields.js';
import { columnOf, csvSource, foldedHeaders } from './generic-csv.js';

/**
 * Instagram accounts as the web API returns them and scrapers save them:
 * `friendships/<id>/followers/` pages (`{"users": [{"pk", "pk_id",
 * "username", "full_name", "is_private", "is_verified", …}], "next_max_id"}`,
 * as maruk0chan/instachecker `instachecker.js` reads them), user lookups with
 * `biography`, `follower_count`, `following_count`, `media_count`,
 * `external_url`, and Apify's Instagram profile scraper (`username, fullName,
 * biography, followersCount, followsCount, postsCount, verified, private,
 * externalUrl, url`; field names from its public output descriptions, not
 * from a saved file). JSON or CSV with the same names.
 */
export const instagramProfiles = csvSource({
  id: 'instagram-api',
  label: 'Instagram profiles (web API or scraper output)',
  json: 'also',
  signature(headers) {
    const h = foldedHeaders(headers);
    if (!h.has('username')) return 0;
    if (h.has('pk') || h.has('pkid')) return 90;
    const igOnly = ['followscount', 'highlightreelcount', 'igtvvideocount', 'isbusinessaccount', 'mediacount', 'businesscategoryname'];
    return igOnly.some((k) => h.has(k)) && (h.has('fullname') || h.has('biography')) ? 80 : 0;
  },
  columns: (headers): ColumnMap =>
    ({
      id: columnOf(headers, 'pk_id', 'pk', 'id'),
      following: columnOf(headers, 'followsCount', 'following_count', 'followingCount'),
      posts: columnOf(headers, 'media_count', 'postsCount', 'mediaCount'),
    }) as ColumnMap,
});
