import type { ColumnMap } from '../fields.js';
import { columnOf, csvSource, foldedHeaders } from './generic-csv.js';
import { peekJson } from './json-rows.js';

/**
 * TikTok "Download your data" (JSON): `user_data_tiktok.json` (older:
 * `user_data.json`) holds the follower list at `Activity → Follower List →
 * FansList: [{"Date": "2024-01-01 00:00:00", "UserName": "…"}]`, among every
 * other section of the account. Layout as drkblog/tiktok-userdata `README.md`
 * shows it. Only the list is read (found by its key, at any depth). It carries
 * a username and the follow date: no profile text, no counts.
 */
export const tiktokDownload = csvSource({
  id: 'tiktok',
  label: 'TikTok data download follower list',
  json: 'only',
  identityOnly: true,
  signature(headers, input) {
    const h = foldedHeaders(headers);
    return input && peekJson(input)?.listKey === 'FansList' && h.has('username') ? 95 : 0;
  },
  columns: (headers): ColumnMap => ({ handle: columnOf(headers, 'UserName'), followedAt: columnOf(headers, 'Date') }) as ColumnMap,
});

/**
 * TikTok profiles as scrapers and API wrappers write them (JSON or CSV):
 * TikTok's own user names `uniqueId`/`unique_id` (the handle), `nickname`
 * (the display name), `signature` (the bio), `followerCount`,
 * `followingCount`, `videoCount`, `verified`; as in TikTok web API types seen
 * in public code (e.g. a `TiktokFollowingData` type with `uniqueId, nickname,
 * followerCount, followingCount, videoCount`). Not checked against a saved
 * scraper file: see the README.
 */
export const tiktokProfiles = csvSource({
  id: 'tiktok-profiles',
  label: 'TikTok profiles (scraper or API output)',
  json: 'also',
  signature(headers) {
    const h = foldedHeaders(headers);
    return (h.has('uniqueid') || h.has('secuid')) && h.has('nickname') ? 80 : 0;
  },
  columns: (headers): ColumnMap =>
    ({
      handle: columnOf(headers, 'uniqueId', 'unique_id'),
      name: columnOf(headers, 'nickname'),
      bio: columnOf(headers, 'signature', 'bioSignature', 'bio', 'description'),
      id: columnOf(headers, 'id', 'uid', 'userId'),
      followers: columnOf(headers, 'followerCount', 'follower_count', 'fans', 'followers'),
      following: columnOf(headers, 'followingCount', 'following_count', 'following'),
      posts: columnOf(headers, 'videoCount', 'aweme_count', 'videos'),
      website: columnOf(headers, 'bioLink'),
    }) as ColumnMap,
});
