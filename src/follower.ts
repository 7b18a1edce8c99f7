/**
 * The canonical follower: what every export format is mapped to before scoring.
 * Every field is optional because most real exports are sparse (an Instagram
 * export carries only a handle and a date); `undefined` always means "unknown",
 * never zero or empty.
 */
export interface Follower {
  /** Normalised join key (lower-case handle, or profile URL / name when there is no handle). */
  key: string;
  /** The handle as shown to users (original case, without `@`). */
  handle: string;
  /** Platform user id: always a string, snowflakes exceed 2^53. */
  id?: string;
  name?: string;
  /** '' when the export has a bio column and this follower left it empty (known empty, not unknown). */
  bio?: string;
  /** Headline, position or job title. */
  headline?: string;
  company?: string;
  location?: string;
  website?: string;
  profileUrl?: string;
  /** Personal data: never printed or written unless the user asks for it. */
  email?: string;
  followedAt?: Date;

  // Reach and authenticity signals.
  followers?: number;
  following?: number;
  posts?: number;
  /** Likes/favourites the account has given (Twitter's favourites_count). */
  likesGiven?: number;
  listed?: number;
  accountCreatedAt?: Date;
  verified?: boolean;
  defaultAvatar?: boolean;
  defaultProfile?: boolean;
  /** The owner marks the account as automated (Mastodon's `bot`). */
  bot?: boolean;
  /** Moderation labels the platform put on the account (Bluesky's `labels[].val`, negated ones left out). */
  labels?: readonly string[];

  /**
   * What the person's own posts about the brand drew from others (likes,
   * replies, reposts, comments on their mentions in a listening export):
   * their reach, reported apart and never counted as their engagement.
   */
  reach?: number;

  /**
   * What the follower wrote under the brand's posts (joined from a comments
   * file): their own words, read against the values like a bio. Personal
   * data: never written in any output unless the user asks for it.
   */
  comments?: FollowerComment[];

  /** Interaction evidence found in the export itself or joined from interaction logs. */
  engagement: EngagementEvidence;

  /** Where the row came from: file and 1-based line of the record's first line. */
  source: { file: string; line: number };
}

export interface FollowerComment {
  text: string;
  /** When it was written, when the file says. */
  at?: Date;
}

export const INTERACTION_TYPES = ['like', 'reply', 'comment', 'share', 'mention', 'dm', 'other'] as const;
export type InteractionType = (typeof INTERACTION_TYPES)[number];

export interface DatedInteraction {
  type: InteractionType;
  at: Date;
  count: number;
}

export interface EngagementEvidence {
  /** Counts per type with a known date (each event or a count with a last-interaction date). */
  dated: DatedInteraction[];
  /** Counts per type whose date is unknown. */
  undated: Partial<Record<InteractionType, number>>;
  /** A 1–5 engagement rating such as Mailchimp's MEMBER_RATING. */
  rating?: number;
}

export function emptyEngagement(): EngagementEvidence {
  return { dated: [], undated: {} };
}

export function hasEngagementEvidence(e: EngagementEvidence): boolean {
  return e.dated.length > 0 || Object.keys(e.undated).length > 0 || e.rating !== undefined;
}

/** Profile fields that carry text matched against the values file. */
export const TEXT_FIELDS = ['bio', 'headline', 'company', 'name', 'location'] as const;
export type TextField = (typeof TEXT_FIELDS)[number];
