import type { ColumnMap } from '../fields.js';
import { columnOf, csvSource, foldedHeaders } from './generic-csv.js';

/**
 * Bluesky `app.bsky.graph.getFollowers` responses, saved as they come
 * (`{"subject": {…}, "followers": [ProfileView…], "cursor": "…"}`), one page
 * or many concatenated, or as JSON Lines of profiles; also scraper outputs
 * that keep the ProfileView names (`did`, `handle`, `displayName`,
 * `description`, `createdAt`) as JSON or CSV. Layout: the lexicon
 * `app/bsky/graph/getFollowers.json` in bluesky-social/atproto, as read by
 * christopherkenny/bskyr `R/graph_followers.R`.
 *
 * The handle is the identity (interaction logs name people by handle); the
 * DID is kept as the account id. A ProfileView carries no counts. Its
 * `labels` (moderation labels such as `spam`) are read as their values in
 * force (see flattenEntry), an authenticity signal.
 */
export const blueskyFollowers = csvSource({
  id: 'bluesky',
  label: 'Bluesky getFollowers (JSON)',
  json: 'also',
  signature(headers) {
    const h = foldedHeaders(headers);
    return h.has('did') && h.has('handle') ? 90 : 0;
  },
  columns: (headers): ColumnMap =>
    ({ handle: columnOf(headers, 'handle'), id: columnOf(headers, 'did'), moderationLabels: columnOf(headers, 'labels') }) as ColumnMap,
});
