import type { ColumnMap } from '../fields.js';
import { columnOf, csvSource, foldedHeaders } from './generic-csv.js';

/**
 * Mastodon `GET /api/v1/accounts/:id/followers`: a list of Account entities
 * (`id, username, acct, display_name, locked, bot, created_at, note, url,
 * followers_count, following_count, statuses_count, last_status_at, fields`,
 * as docs.joinmastodon.org/entities/Account lists them and client code such as
 * AssistantApps/NoMansSky.Social.Bots `src/contracts/mastodonAccount.ts`
 * types them), saved as JSON (one page, pages one after another, JSON Lines)
 * or as CSV with the same names (R's rtoot).
 *
 * `acct` is the identity: `username` alone is the same for different people
 * on different servers. For accounts on the caller's own server `acct` has no
 * `@server`; it is completed from the profile `url`. `note` is HTML and is
 * read as text. `last_status_at` is the account's own last post, not an
 * interaction with the brand, and is not read as engagement. `bot` (JSON
 * `true`/`false`, rtoot's CSV `TRUE`/`FALSE`) is the owner saying the account
 * is automated: an authenticity signal.
 */
export const mastodonFollowers = csvSource({
  id: 'mastodon',
  label: 'Mastodon followers (Account entities)',
  json: 'also',
  signature(headers) {
    const h = foldedHeaders(headers);
    return h.has('acct') && (h.has('note') || h.has('displayname') || h.has('statusescount')) ? 90 : 0;
  },
  columns: (headers): ColumnMap =>
    ({
      handle: columnOf(headers, 'acct'),
      bio: columnOf(headers, 'note'),
      profileUrl: columnOf(headers, 'url'),
      name: columnOf(headers, 'display_name'),
      bot: columnOf(headers, 'bot'),
    }) as ColumnMap,
  rowOptions: () => ({ htmlFields: ['bio'], handleServerFromUrl: true }),
});
