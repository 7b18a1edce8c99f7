/**
 * The ready spam list offered by `kindred init`: phrases that, in a profile,
 * almost always mean a follow-for-follow, promotion or scam account. Kept
 * short and specific on purpose, since flagging a real person is worse than
 * missing a bot; brands edit it in their values file.
 */
export const SPAM_RED_FLAG_NAME = 'spam';

export const SPAM_TERMS: readonly string[] = [
  'follow back',
  'follow for follow',
  'follow4follow',
  'f4f',
  'like for like',
  'l4l',
  'dm for promo',
  'dm for collab',
  'promo account',
  'free followers',
  'buy followers',
  'crypto giveaway',
  'nft giveaway',
  'forex signals',
  'binary options',
  'get rich quick',
  'make money online',
  'earn from home',
];
