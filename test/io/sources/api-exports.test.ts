import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES } from '../../helpers/run-cli.js';
import { byHandle, readSource } from '../../helpers/read-source.js';

// Layouts and where they come from: test/fixtures/README.md.
const fx = (...p: string[]) => join(FIXTURES, ...p);
const iso = (d: Date | undefined) => d?.toISOString();

describe('X API user objects as JSON', () => {
  it('reads an array of v1.1 users: profile text, counts, id_str over a rounded number id', async () => {
    const r = await readSource(fx('x-api-json', 'users.json'));
    expect(r.format).toBe('x-api');
    expect(r.followers.map((f) => f.handle)).toEqual(['ada_reads', 'bo_pages', 'camila_m']);
    expect(r.skipped).toEqual([]);
    const ada = byHandle(r.followers, 'ada_reads');
    expect(ada).toMatchObject({
      id: '1016078154497048576',
      name: 'Ada Reads',
      bio: 'Bookworm and primary teacher. #amreading',
      location: 'Bristol, England',
      // `url` is a t.co short link: the website is `entities.url.urls[0].expanded_url`.
      website: 'https://example.org/ada_reads',
      followers: 1204,
      following: 388,
      posts: 9120,
      likesGiven: 15400,
      listed: 12,
      verified: false,
      defaultProfile: true,
    });
    expect(ada.profileUrl).toBeUndefined();
    expect(iso(ada.accountCreatedAt)).toBe('2018-07-08T22:34:37.000Z');
    // Their last tweet's retweets are not engagement with the brand.
    expect(ada.engagement).toEqual({ dated: [], undated: {} });
    expect(byHandle(r.followers, 'bo_pages')).toMatchObject({ bio: '', defaultAvatar: true, following: 4999 });
    expect(byHandle(r.followers, 'camila_m').verified).toBe(true);
  });

  it('reads followers/list pages written one after another, and JSON Lines of users, the same way', async () => {
    const array = await readSource(fx('x-api-json', 'users.json'));
    for (const file of ['followers-list-pages.json', 'users.jsonl']) {
      const r = await readSource(fx('x-api-json', file));
      expect(r.format).toBe('x-api');
      expect(r.followers.map((f) => [f.handle, f.bio, f.followers, f.website])).toEqual(array.followers.map((f) => [f.handle, f.bio, f.followers, f.website]));
      expect(r.skipped).toEqual([]);
    }
    const lines = await readSource(fx('x-api-json', 'users.jsonl'));
    expect(lines.followers.map((f) => f.source.line)).toEqual([1, 2, 3]);
  });

  it('reads an API v2 response: counts from public_metrics; includes and meta are not followers', async () => {
    const r = await readSource(fx('x-api-json', 'v2-followers.json'));
    expect(r.format).toBe('x-api');
    expect(r.followers.map((f) => f.handle)).toEqual(['dara_reads', 'eli']);
    const dara = byHandle(r.followers, 'dara_reads');
    expect(dara).toMatchObject({ id: '1462548977367359490', name: 'Dara', bio: 'Book club host and bookseller', location: 'Bath', followers: 310, following: 290, posts: 4100, listed: 3, website: 'https://t.co/Zx9' });
    expect(iso(dara.accountCreatedAt)).toBe('2021-11-21T22:40:11.000Z');
    // v2 leaves out an empty location: unknown, not empty.
    expect(byHandle(r.followers, 'eli').location).toBeUndefined();
  });

  it("reads twarc2's JSON Lines of response pages", async () => {
    const r = await readSource(fx('x-api-json', 'twarc2-followers.jsonl'));
    expect(r.format).toBe('x-api');
    expect(r.followers.map((f) => [f.handle, f.followers, f.source.line])).toEqual([
      ['dara_reads', 310, 1],
      ['fern_f', 40, 2],
    ]);
  });
});

describe('Instagram', () => {
  it('reads web API followers pages ({"users": [{pk, username, full_name, is_private, is_verified}]})', async () => {
    const r = await readSource(fx('instagram-api', 'friendships-followers.json'));
    expect(r.format).toBe('instagram-api');
    expect(r.followers.map((f) => [f.handle, f.name, f.id, f.verified])).toEqual([
      ['gwen.reads', 'Gwen Reads 📚', '66481554801', false],
      ['hugo_lens', 'Hugo', '1234567890', false],
      ['isla.bakes', 'Isla', '9876543210', true],
    ]);
    expect(r.info.identityOnly).toBeUndefined();
  });

  it('reads a followers_1.json that is a single bare entry (an account with one follower)', async () => {
    const r = await readSource(fx('instagram-single', 'followers_1.json'));
    expect(r.format).toBe('instagram');
    expect(r.followers).toHaveLength(1);
    expect(r.followers[0]).toMatchObject({ handle: 'jun.writes', profileUrl: 'https://www.instagram.com/jun.writes' });
    expect(iso(r.followers[0]!.followedAt)).toBe('2024-05-01T11:00:00.000Z');
  });
});

describe('Bluesky getFollowers', () => {
  it('reads pages written one after another: the subject is the brand, not a follower', async () => {
    const r = await readSource(fx('bluesky', 'getFollowers-pages.json'));
    expect(r.format).toBe('bluesky');
    expect(r.followers.map((f) => f.handle)).toEqual(['kit.bsky.social', 'lou.example.com', 'mo.bsky.social']);
    const kit = byHandle(r.followers, 'kit.bsky.social');
    expect(kit).toMatchObject({ id: 'did:plc:aaaa1111bbbb2222cccc3333', name: 'Kit 📖', bio: 'reader • book club host • Bristol' });
    expect(iso(kit.accountCreatedAt)).toBe('2023-07-01T10:00:00.000Z');
    const lou = byHandle(r.followers, 'lou.example.com');
    expect([lou.name, lou.bio]).toEqual([undefined, undefined]);
  });

  it('reads moderation labels in force: a negated label withdraws its value', async () => {
    for (const file of ['getFollowers-pages.json', 'followers.jsonl']) {
      const r = await readSource(fx('bluesky', file));
      expect(byHandle(r.followers, 'mo.bsky.social').labels).toEqual(['spam']);
      expect(byHandle(r.followers, 'kit.bsky.social').labels).toEqual([]);
      expect(byHandle(r.followers, 'lou.example.com').labels).toEqual([]);
    }
  });

  it('reads JSON Lines of profiles the same way', async () => {
    const pages = await readSource(fx('bluesky', 'getFollowers-pages.json'));
    const lines = await readSource(fx('bluesky', 'followers.jsonl'));
    expect(lines.format).toBe('bluesky');
    expect(lines.followers.map((f) => [f.handle, f.id, f.bio])).toEqual(pages.followers.map((f) => [f.handle, f.id, f.bio]));
  });
});

describe('Mastodon followers (Account entities)', () => {
  for (const file of ['followers.json', 'followers.csv']) {
    it(`${file}: acct is the identity (three different "nora"s stay three), note read as text`, async () => {
      const r = await readSource(fx('mastodon', file));
      expect(r.format).toBe('mastodon');
      expect(r.followers.map((f) => f.handle)).toEqual(['nora@fosstodon.org', 'nora@mastodon.social', 'nora@kindred.social', 'newsbot@botsin.space']);
      expect(new Set(r.followers.map((f) => f.key)).size).toBe(4);
      const nora = byHandle(r.followers, 'nora@fosstodon.org');
      expect(nora).toMatchObject({ name: 'Nora ✨', bio: 'Bookworm & #BookClub host.\nBristol', followers: 210, following: 180, posts: 1400, profileUrl: 'https://fosstodon.org/@nora' });
      expect(iso(nora.accountCreatedAt)).toBe('2022-11-05T00:00:00.000Z');
      // last_status_at is their own last post, not an interaction with the brand.
      expect(nora.engagement).toEqual({ dated: [], undated: {} });
      // `bot`: JSON true/false, rtoot's TRUE/FALSE.
      expect(r.followers.map((f) => f.bot)).toEqual([false, false, false, true]);
    });
  }
});

describe('TikTok data download', () => {
  it('reads Activity → Follower List → FansList only, and accounts for an entry without a username', async () => {
    const r = await readSource(fx('tiktok', 'user_data_tiktok.json'));
    expect(r.format).toBe('tiktok');
    expect(r.info.identityOnly).toBe(true);
    expect(r.followers.map((f) => [f.handle, iso(f.followedAt)])).toEqual([
      ['pia.reads', '2024-01-01T09:30:00.000Z'],
      ['quinn_bookclub', '2024-03-02T21:05:41.000Z'],
    ]);
    expect(r.skipped.map((s) => s.code)).toEqual(['MISSING_HANDLE']);
  });
});

describe('third-party X exporters', () => {
  it("t followers --csv: URL is the person's website and Since is when the account was created", async () => {
    const r = await readSource(fx('x-api', 't-followers.csv'));
    expect(r.format).toBe('x-api');
    const rosa = byHandle(r.followers, 'rosa_reads');
    expect(rosa).toMatchObject({ id: '133448051', name: 'Rosa Lind', bio: 'Bookseller. Book club host, Bristol.', website: 'https://rosalind.example', followers: 1388, following: 512, posts: 8412, likesGiven: 2210, listed: 14 });
    expect(rosa.profileUrl).toBeUndefined();
    expect(iso(rosa.accountCreatedAt)).toBe('2010-04-13T09:44:30.000Z');
    expect(rosa.followedAt).toBeUndefined();
    expect(r.warnings).toEqual([]);
  });
});

describe('scraper and growth-tool outputs', () => {
  for (const file of ['instagram-profile-scraper.json', 'instagram-profile-scraper.csv']) {
    it(`Apify Instagram profile scraper (${file.split('.').pop()}): biography, counts, website; followsCount is following`, async () => {
      const r = await readSource(fx('apify', file));
      expect(r.format).toBe('instagram-api');
      expect(r.followers.map((f) => f.handle)).toEqual(['rhea.reads', 'sol_fitness_deals']);
      expect(byHandle(r.followers, 'rhea.reads')).toMatchObject({
        id: '51234567890',
        name: 'Rhea | books & tea',
        bio: 'Bookworm. Book club host in Bristol 📚',
        website: 'https://rhea.example',
        profileUrl: 'https://www.instagram.com/rhea.reads',
        followers: 2480,
        following: 611,
        posts: 412,
        verified: false,
      });
      // A post's likes are that post's, not engagement with the brand.
      expect(byHandle(r.followers, 'rhea.reads').engagement).toEqual({ dated: [], undated: {} });
      expect(byHandle(r.followers, 'sol_fitness_deals').following).toBe(7450);
    });
  }

  it("Apify's X user scraper: userName, description, counts, createdAt; url stays the profile", async () => {
    const r = await readSource(fx('apify', 'twitter-user-scraper.json'));
    expect(r.format).toBe('x-api');
    const tomas = byHandle(r.followers, 'tomas_reads');
    expect(tomas).toMatchObject({ id: '1290000000000000123', name: 'Tomás', bio: 'Librarian. Reader of slow books.', location: 'Cardiff', followers: 530, following: 410, posts: 3120, likesGiven: 2231, profileUrl: 'https://x.com/tomas_reads' });
    expect(tomas.website).toBeUndefined();
    expect(iso(tomas.accountCreatedAt)).toBe('2020-07-31T09:12:44.000Z');
    expect(r.followers).toHaveLength(2);
  });

  it('TikTok follower profiles: uniqueId is the handle, nickname the name, signature the bio', async () => {
    const r = await readSource(fx('apify', 'tiktok-followers.json'));
    expect(r.format).toBe('tiktok-profiles');
    expect(byHandle(r.followers, 'vera.booktok')).toMatchObject({
      id: '6815573723186873349',
      name: 'Vera 📚',
      bio: '#BookTok reviews every Sunday\nindie bookshop fan',
      followers: 12800,
      following: 310,
      posts: 288,
      website: 'https://vera.example',
    });
    expect(byHandle(r.followers, 'user8841723390')).toMatchObject({ bio: '', followers: 0, following: 2900 });
  });

  it("Phantombuster's Instagram follower collector: read by its column names", async () => {
    const r = await readSource(fx('phantombuster', 'instagram-follower-collector.csv'));
    expect(r.format).toBe('csv');
    expect(r.followers.map((f) => [f.handle, f.name, f.id, f.profileUrl])).toEqual([
      ['wren.writes', 'Wren Ellis', '48123456789', 'https://www.instagram.com/wren.writes/'],
      ['xan.photo', 'Xan', '48123456790', 'https://www.instagram.com/xan.photo/'],
    ]);
  });
});
