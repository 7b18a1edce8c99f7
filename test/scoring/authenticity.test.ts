import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classify } from '../../src/classify.js';
import { emptyEngagement, type Follower } from '../../src/follower.js';
import { scoreAlignment } from '../../src/scoring/alignment.js';
import { contribution, scoreAuthenticity } from '../../src/scoring/authenticity.js';
import { AUTHENTICITY_MODEL, MIN_FIELDS, type SignalCode } from '../../src/scoring/authenticity-model.js';
import { compileValues } from '../../src/values/compile.js';
import { type Scoring, type ValuesFileInput, valuesFileSchema } from '../../src/values/schema.js';

const AS_OF = new Date('2026-11-01T00:00:00Z');
const DAY = 86_400_000;

function follower(fields: Partial<Follower> & { handle?: string } = {}): Follower {
  const handle = fields.handle ?? 'someone';
  return { key: handle.toLowerCase(), handle, engagement: emptyEngagement(), source: { file: 'test.csv', line: 2 }, ...fields };
}

function valuesWith(scoring: ValuesFileInput['scoring'] = {}) {
  return valuesFileSchema.parse({ brand: 'Test', values: [{ name: 'reading', terms: ['bookworm'] }], scoring });
}
function scoringWith(authenticity: { enabled?: boolean; threshold?: number } = {}): Scoring {
  return valuesWith({ authenticity }).scoring;
}
const SCORING = scoringWith();

/** What the model says one signal should contribute for a raw value. */
function expected(code: SignalCode, raw: number): number {
  const model = AUTHENTICITY_MODEL.signals[code];
  const x = model.kind === 'scale' ? Math.log1p(raw) : raw;
  return Math.round(contribution(model, x) * 100) / 100;
}

function signal(f: Follower, code: string, options: { spamPhrases?: string[] } = {}) {
  return scoreAuthenticity(f, AS_OF, SCORING, { ...options, allSignals: true }).signals.find((s) => s.signal === code);
}

// Four known fields that look like a typical real person, so the follower is checked.
const TYPICAL = { followers: 97, following: 213, posts: 890, likesGiven: 21 };
const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

describe('authenticity signals: a literal follower in, the signal and its contribution out', () => {
  it('FOLLOWERS: few followers push towards fake, many towards real', () => {
    const s = signal(follower({ ...TYPICAL, followers: 3 }), 'FOLLOWERS');
    expect(s).toEqual({ signal: 'FOLLOWERS', weight: expected('FOLLOWERS', 3), detail: '3 followers' });
    expect(s!.weight).toBeGreaterThan(0);
    expect(signal(follower({ ...TYPICAL, followers: 5000 }), 'FOLLOWERS')!.weight).toBeLessThan(0);
    expect(signal(follower({ ...TYPICAL, followers: 1 }), 'FOLLOWERS')!.detail).toBe('1 follower');
  });

  it('FOLLOWING: following hundreds more than typical pushes towards fake', () => {
    const s = signal(follower({ ...TYPICAL, following: 1200 }), 'FOLLOWING');
    expect(s).toEqual({ signal: 'FOLLOWING', weight: expected('FOLLOWING', 1200), detail: 'follows 1,200' });
    expect(s!.weight).toBeGreaterThan(0);
  });

  it('FOLLOWING_RATIO: needs both counts and reads following per follower', () => {
    const f = follower({ ...TYPICAL, followers: 9, following: 450 });
    const model = AUTHENTICITY_MODEL.signals.FOLLOWING_RATIO;
    const want = Math.round(contribution(model, Math.log1p(450) - Math.log1p(9)) * 100) / 100;
    expect(signal(f, 'FOLLOWING_RATIO')).toEqual({ signal: 'FOLLOWING_RATIO', weight: want, detail: 'follows 50× as many as follow it' });
    expect(signal(follower({ ...TYPICAL, followers: 0, following: 35 }), 'FOLLOWING_RATIO')!.detail).toBe('follows 35, followed by none');
    const { followers: _, ...withoutFollowers } = TYPICAL;
    expect(signal(follower({ ...withoutFollowers, listed: 2 }), 'FOLLOWING_RATIO')).toBeUndefined();
  });

  it('POSTS: an account that never posts pushes towards fake', () => {
    const s = signal(follower({ ...TYPICAL, posts: 0 }), 'POSTS');
    expect(s).toEqual({ signal: 'POSTS', weight: expected('POSTS', 0), detail: '0 posts' });
    expect(s!.weight).toBeGreaterThan(0);
  });

  it('LIKES_GIVEN: never liking anything pushes towards fake', () => {
    const s = signal(follower({ ...TYPICAL, likesGiven: 0 }), 'LIKES_GIVEN');
    expect(s).toEqual({ signal: 'LIKES_GIVEN', weight: expected('LIKES_GIVEN', 0), detail: '0 likes given' });
    expect(s!.weight).toBeGreaterThan(0);
  });

  it('LISTED: read and shown with the fitted weight', () => {
    expect(signal(follower({ ...TYPICAL, listed: 12 }), 'LISTED')).toEqual({ signal: 'LISTED', weight: expected('LISTED', 12), detail: 'on 12 lists' });
  });

  it('ACCOUNT_AGE: measured from --as-of; a young account pushes towards fake', () => {
    const created = new Date(AS_OF.getTime() - 30 * DAY);
    const s = signal(follower({ ...TYPICAL, accountCreatedAt: created }), 'ACCOUNT_AGE');
    expect(s).toEqual({ signal: 'ACCOUNT_AGE', weight: expected('ACCOUNT_AGE', 30), detail: 'account 30 days old' });
    expect(s!.weight).toBeGreaterThan(0);
  });

  it('ACCOUNT_AGE: a creation date after --as-of is not trusted and contributes nothing', () => {
    const future = new Date(AS_OF.getTime() + 10 * DAY);
    expect(signal(follower({ ...TYPICAL, accountCreatedAt: future }), 'ACCOUNT_AGE')).toBeUndefined();
  });

  it('DEFAULT_PROFILE: counts when true, nothing when false', () => {
    expect(signal(follower({ ...TYPICAL, defaultProfile: true }), 'DEFAULT_PROFILE')).toEqual({
      signal: 'DEFAULT_PROFILE',
      weight: expected('DEFAULT_PROFILE', 1),
      detail: 'default profile theme',
    });
    expect(signal(follower({ ...TYPICAL, defaultProfile: false }), 'DEFAULT_PROFILE')).toBeUndefined();
  });

  it('DEFAULT_AVATAR: counts when true, nothing when false', () => {
    expect(signal(follower({ ...TYPICAL, defaultAvatar: true }), 'DEFAULT_AVATAR')).toEqual({
      signal: 'DEFAULT_AVATAR',
      weight: expected('DEFAULT_AVATAR', 1),
      detail: 'default profile picture',
    });
    expect(signal(follower({ ...TYPICAL, defaultAvatar: false }), 'DEFAULT_AVATAR')).toBeUndefined();
  });

  it('EMPTY_BIO: a known empty bio counts; an unknown bio does not', () => {
    expect(signal(follower({ ...TYPICAL, bio: '' }), 'EMPTY_BIO')).toEqual({ signal: 'EMPTY_BIO', weight: expected('EMPTY_BIO', 1), detail: 'empty bio' });
    expect(signal(follower({ ...TYPICAL, bio: 'Teacher, bookworm' }), 'EMPTY_BIO')).toBeUndefined();
    expect(signal(follower({ ...TYPICAL }), 'EMPTY_BIO')).toBeUndefined();
  });

  it('WEBSITE: the follower’s own site counts; a profile URL is not a website', () => {
    expect(signal(follower({ ...TYPICAL, website: 'https://example.org' }), 'WEBSITE')).toEqual({
      signal: 'WEBSITE',
      weight: expected('WEBSITE', 1),
      detail: 'links a website',
    });
    expect(signal(follower({ ...TYPICAL, profileUrl: 'https://x.com/someone' }), 'WEBSITE')).toBeUndefined();
  });

  it('GENERATED_HANDLE: a name followed by a long digit run', () => {
    expect(signal(follower({ ...TYPICAL, handle: 'Charlen21274441' }), 'GENERATED_HANDLE')).toEqual({
      signal: 'GENERATED_HANDLE',
      weight: expected('GENERATED_HANDLE', 1),
      detail: 'handle ends in 8 digits',
    });
    // A birth year, digits alone, and followers keyed by id are not generated handles.
    expect(signal(follower({ ...TYPICAL, handle: 'marco1985' }), 'GENERATED_HANDLE')).toBeUndefined();
    expect(signal(follower({ ...TYPICAL, handle: '0070004123' }), 'GENERATED_HANDLE')).toBeUndefined();
    expect(signal(follower({ ...TYPICAL, handle: 'a12345678', key: 'id:a12345678' }), 'GENERATED_HANDLE')).toBeUndefined();
  });

  it('SPAM_PHRASES: built-in follow-for-follow phrases in the bio, folded like the values file', () => {
    const cv = compileValues(valuesWith());
    const bio = '#TeamFollowBack 𝗙𝗢𝗟𝗟𝗢𝗪 𝗕𝗔𝗖𝗞 guaranteed';
    const phrases = scoreAlignment(follower({ bio }), cv).spamPhrases;
    expect(phrases).toEqual(expect.arrayContaining(['follow back', 'team follow back']));
    const s = signal(follower({ ...TYPICAL, bio }), 'SPAM_PHRASES', { spamPhrases: phrases });
    expect(s?.weight).toBe(expected('SPAM_PHRASES', 1));
    expect(s?.detail).toContain('"follow back"');
  });

  it('SPAM_PHRASES: a negated phrase, or a word merely containing one, does not count', () => {
    const cv = compileValues(valuesWith());
    expect(scoreAlignment(follower({ bio: "I don't follow back bots" }), cv).spamPhrases).toEqual([]);
    expect(scoreAlignment(follower({ bio: 'Following backgammon tournaments' }), cv).spamPhrases).toEqual([]);
  });

  it('SPAM_PHRASES: classify passes the phrases it found to the check', () => {
    const cv = compileValues(valuesWith());
    const c = classify(follower({ ...TYPICAL, bio: 'follow4follow' }), { values: cv, asOf: AS_OF });
    const withPhrase = c.authenticity.probability!;
    const without = classify(follower({ ...TYPICAL, bio: 'gardener' }), { values: cv, asOf: AS_OF }).authenticity.probability!;
    expect(withPhrase).toBeGreaterThan(without);
  });

  it('POST_RATE: posts per day of account age; a dormant account pushes towards fake', () => {
    const created = new Date(AS_OF.getTime() - 2978 * DAY);
    const s = signal(follower({ ...TYPICAL, posts: 1406, accountCreatedAt: created }), 'POST_RATE');
    const model = AUTHENTICITY_MODEL.signals.POST_RATE;
    expect(s).toEqual({ signal: 'POST_RATE', weight: Math.round(contribution(model, Math.log1p(1406 / 2978)) * 100) / 100, detail: '0.47 posts a day' });
    expect(signal(follower({ ...TYPICAL, posts: 3, accountCreatedAt: created }), 'POST_RATE')!.weight).toBeGreaterThan(0);
    // Needs both the posts and the account age.
    expect(signal(follower({ ...TYPICAL }), 'POST_RATE')).toBeUndefined();
  });

  it('LIKE_RATE and LISTED_RATIO: read per day and per 1,000 followers, shown with their fitted weights', () => {
    const created = new Date(AS_OF.getTime() - 100 * DAY);
    expect(signal(follower({ ...TYPICAL, likesGiven: 250, accountCreatedAt: created }), 'LIKE_RATE')).toEqual({
      signal: 'LIKE_RATE',
      weight: Math.round(contribution(AUTHENTICITY_MODEL.signals.LIKE_RATE, Math.log1p(2.5)) * 100) / 100,
      detail: '2.5 likes given a day',
    });
    expect(signal(follower({ ...TYPICAL, followers: 4000, listed: 2 }), 'LISTED_RATIO')).toEqual({
      signal: 'LISTED_RATIO',
      weight: Math.round(contribution(AUTHENTICITY_MODEL.signals.LISTED_RATIO, Math.log1p(0.5)) * 100) / 100,
      detail: 'on 0.5 lists per 1,000 followers',
    });
    const { followers: _, ...withoutFollowers } = TYPICAL;
    expect(signal(follower({ ...withoutFollowers, listed: 2, bio: '' }), 'LISTED_RATIO')).toBeUndefined();
  });

  it('NO_AUDIENCE: no followers after thousands of posts', () => {
    expect(signal(follower({ ...TYPICAL, followers: 0, posts: 1000 }), 'NO_AUDIENCE')).toEqual({
      signal: 'NO_AUDIENCE',
      weight: expected('NO_AUDIENCE', 1),
      detail: 'no followers after 1,000 posts',
    });
    expect(signal(follower({ ...TYPICAL, followers: 0, posts: 999 }), 'NO_AUDIENCE')).toBeUndefined();
    expect(signal(follower({ ...TYPICAL, followers: 1, posts: 50_000 }), 'NO_AUDIENCE')).toBeUndefined();
  });

  it('LINK_ONLY_BIO: a bio that is a link and nothing else', () => {
    const linkOnly = (bio: string) => signal(follower({ ...TYPICAL, bio }), 'LINK_ONLY_BIO');
    expect(linkOnly('https://t.co/FikTw9jwF3')).toEqual({ signal: 'LINK_ONLY_BIO', weight: expected('LINK_ONLY_BIO', 1), detail: 'bio is only a link' });
    expect(linkOnly('👉 www.example.shop/deal 👈')).toBeDefined();
    expect(linkOnly('Costume designer. Come to me https://t.co/FikTw9jwF3')).toBeUndefined();
    expect(linkOnly('')).toBeUndefined();
  });

  it('LOOKALIKE_LETTERS: Latin mixed with Cyrillic or Greek inside one word, not fancy fonts or two scripts side by side', () => {
    const lookalike = (bio: string) => signal(follower({ ...TYPICAL, bio }), 'LOOKALIKE_LETTERS');
    // "Frее" with two Cyrillic е (U+0435).
    expect(lookalike('Fr\u0435\u0435 followers here')).toEqual({
      signal: 'LOOKALIKE_LETTERS',
      weight: expected('LOOKALIKE_LETTERS', 1),
      detail: 'bio mixes look-alike letters from other alphabets',
    });
    expect(lookalike('Москва and London')).toBeUndefined();
    expect(lookalike('𝓼𝓾𝓼𝓽𝓪𝓲𝓷𝓪𝓫𝓵𝓮 living')).toBeUndefined();
  });

  it('NAME_IS_HANDLE and NAME_UNLIKE_HANDLE: how the display name relates to the handle', () => {
    const named = (handle: string, name: string) => follower({ ...TYPICAL, handle, name });
    expect(signal(named('Aridego', 'Aridego'), 'NAME_IS_HANDLE')).toEqual({
      signal: 'NAME_IS_HANDLE',
      weight: expected('NAME_IS_HANDLE', 1),
      detail: 'display name is just the handle',
    });
    expect(signal(named('pydarstonas', 'Linda Oliver'), 'NAME_UNLIKE_HANDLE')?.detail).toBe('display name and handle have nothing in common');
    expect(signal(named('carolcon83', 'carol conlon'), 'NAME_UNLIKE_HANDLE')).toBeUndefined();
    expect(signal(named('carolcon83', 'carol conlon'), 'NAME_IS_HANDLE')).toBeUndefined();
    // Accents folded; a name in another script, or none, leaves both unknown.
    expect(signal(named('jose_munoz', 'José Muñoz'), 'NAME_UNLIKE_HANDLE')).toBeUndefined();
    expect(signal(named('tanaka', '田中太郎'), 'NAME_UNLIKE_HANDLE')).toBeUndefined();
  });

  it('PLATFORM_BOT: Mastodon\'s bot flag and Bluesky\'s moderation labels are a signal, not a verdict', () => {
    expect(signal(follower({ ...TYPICAL, bot: true }), 'PLATFORM_BOT')).toEqual({
      signal: 'PLATFORM_BOT',
      weight: expected('PLATFORM_BOT', 1),
      detail: 'the account says it is a bot',
    });
    expect(signal(follower({ ...TYPICAL, labels: ['porn', 'spam'] }), 'PLATFORM_BOT')?.detail).toBe('labelled "spam" by the platform');
    expect(signal(follower({ ...TYPICAL, labels: ['porn'] }), 'PLATFORM_BOT')).toBeUndefined();
    expect(signal(follower({ ...TYPICAL, bot: false }), 'PLATFORM_BOT')).toBeUndefined();
    // Alone it does not flag a profile that otherwise looks like a typical person...
    expect(scoreAuthenticity(follower({ ...TYPICAL, bot: true }), AS_OF, SCORING).suspect).toBe(false);
    // ...but it moves the probability, and tips an account that already looks half fake.
    const halfFake = { followers: 40, following: 300, posts: 100, likesGiven: 5 };
    expect(scoreAuthenticity(follower(halfFake), AS_OF, SCORING).suspect).toBe(false);
    expect(scoreAuthenticity(follower({ ...halfFake, bot: true }), AS_OF, SCORING).suspect).toBe(true);
    // The flag is a field the model reads: with three counts it makes four.
    expect(scoreAuthenticity(follower({ followers: 97, following: 213, posts: 890, bot: false }), AS_OF, SCORING).checked).toBe(true);
    // A Bluesky follower list carries a bio, a creation date and labels, no counts: too little to judge, even labelled spam.
    const thin = follower({ bio: 'hi', accountCreatedAt: new Date('2024-01-01'), labels: ['spam'] });
    expect(scoreAuthenticity(thin, AS_OF, scoringWith({ threshold: 0 }))).toMatchObject({ checked: false, suspect: false, fieldsKnown: 3 });
  });

  it('ENGAGED: engaging with the brand is evidence of a real person', () => {
    const fakeLooking = { followers: 12, following: 640, posts: 15, likesGiven: 0, bio: '', defaultProfile: true };
    const quiet = scoreAuthenticity(follower(fakeLooking), AS_OF, SCORING, { allSignals: true });
    const engaged = scoreAuthenticity(follower(fakeLooking), AS_OF, SCORING, { allSignals: true, engaged: true });
    expect(engaged.signals.find((s) => s.signal === 'ENGAGED')).toEqual({ signal: 'ENGAGED', weight: expected('ENGAGED', 1), detail: 'engaged with the brand' });
    expect(quiet.signals.find((s) => s.signal === 'ENGAGED')).toBeUndefined();
    expect(engaged.probability!).toBeLessThan(quiet.probability!);
    // classify passes the engagement it measured.
    const cv = compileValues(valuesWith());
    const withReplies = { ...fakeLooking, engagement: { dated: [{ type: 'reply' as const, at: AS_OF, count: 3 }], undated: {} } };
    const c = classify(follower(withReplies), { values: cv, asOf: AS_OF });
    expect(c.engagement.engaged).toBe(true);
    expect(c.authenticity.probability).toBeCloseTo(engaged.probability!, 10);
  });

  it('VERIFIED: a verified account is never flagged, however it looks', () => {
    const fake = { followers: 0, following: 2000, posts: 0, likesGiven: 0, bio: '', defaultProfile: true };
    expect(scoreAuthenticity(follower(fake), AS_OF, SCORING).suspect).toBe(true);
    const verified = scoreAuthenticity(follower({ ...fake, verified: true }), AS_OF, SCORING, { allSignals: true });
    expect(verified.suspect).toBe(false);
    expect(verified.signals.at(-1)).toEqual({ signal: 'VERIFIED', weight: 0, detail: 'verified account (never flagged)' });
  });
});

describe('authenticity: thin evidence and missing fields', () => {
  it('never judges a profile with only a handle', () => {
    const r = scoreAuthenticity(follower({ handle: 'Charlen21274441' }), AS_OF, scoringWith({ threshold: 0 }));
    expect(r).toMatchObject({ checked: false, suspect: false, signals: [], fieldsKnown: 0 });
    expect(r.probability).toBeUndefined();
  });

  it('never flags a profile with one, two or three fields, even the most fake-looking, at threshold 0', () => {
    const anything = scoringWith({ threshold: 0 });
    for (const fields of [
      { followers: 0 },
      { followers: 0, following: 5000 },
      { followers: 0, following: 5000, posts: 0 },
      { bio: '', defaultProfile: true, defaultAvatar: true },
    ]) {
      const r = scoreAuthenticity(follower({ handle: 'Charlen21274441', ...fields }), AS_OF, anything);
      expect(r.checked).toBe(false);
      expect(r.suspect).toBe(false);
    }
    expect(MIN_FIELDS).toBeGreaterThan(3);
  });

  it('never flags any profile with fewer than MIN_FIELDS known fields (property)', () => {
    const anything = scoringWith({ threshold: 0 });
    const all = fc.record({
      followers: fc.nat(1e7),
      following: fc.nat(1e7),
      posts: fc.nat(1e7),
      likesGiven: fc.nat(1e7),
      listed: fc.nat(1e4),
      accountCreatedAt: fc.date({ min: new Date('2006-01-01'), max: AS_OF, noInvalidDate: true }),
      defaultProfile: fc.boolean(),
      defaultAvatar: fc.boolean(),
      bio: fc.constantFrom('', 'follow back'),
      website: fc.constant('https://example.org'),
      bot: fc.boolean(),
    });
    const keys = ['followers', 'following', 'posts', 'likesGiven', 'listed', 'accountCreatedAt', 'defaultProfile', 'defaultAvatar', 'bio', 'website', 'bot'] as const;
    fc.assert(
      fc.property(all, fc.subarray([...keys], { maxLength: MIN_FIELDS - 1 }), (values, chosen) => {
        const fields = Object.fromEntries(chosen.map((k) => [k, values[k]]));
        return !scoreAuthenticity(follower({ handle: 'Charlen21274441', ...fields }), AS_OF, anything, { spamPhrases: ['follow back'] }).suspect;
      }),
    );
  });

  it('a missing field contributes nothing: it weighs like a typical real person', () => {
    // Four fields at the typical real person's values: only the base remains.
    const typical = scoreAuthenticity(follower(TYPICAL), AS_OF, SCORING);
    expect(typical.checked).toBe(true);
    expect(typical.probability).toBeCloseTo(sigmoid(AUTHENTICITY_MODEL.intercept), 2);
    // Adding fields the export does not have changes nothing.
    const withUnknowns = scoreAuthenticity(follower({ ...TYPICAL, listed: undefined, bio: undefined, website: undefined }), AS_OF, SCORING);
    expect(withUnknowns.probability).toBe(typical.probability);
  });

  it('the probability is the base plus the listed contributions', () => {
    const f = follower({ followers: 12, following: 640, posts: 15, likesGiven: 0, bio: '', defaultProfile: true, handle: 'Tracey16685944' });
    const r = scoreAuthenticity(f, AS_OF, SCORING, { allSignals: true });
    const logOdds = AUTHENTICITY_MODEL.intercept + r.signals.reduce((sum, s) => sum + s.weight, 0);
    expect(r.probability).toBeCloseTo(sigmoid(logOdds), 2);
    expect(r.suspect).toBe(true);
  });

  it('more followers never makes an account more suspect (property)', () => {
    fc.assert(
      fc.property(fc.nat(1e6), fc.nat(1e6), fc.nat(1e5), fc.nat(1e5), (a, b, following, posts) => {
        const lo = Math.min(a, b);
        const hi = Math.max(a, b);
        const p = (followers: number) => scoreAuthenticity(follower({ followers, following, posts, likesGiven: 0 }), AS_OF, SCORING).probability!;
        return p(hi) <= p(lo) + 1e-12;
      }),
    );
  });

  it('signals are listed for suspects without asking, and kept out for everyone else', () => {
    const fake = follower({ followers: 2, following: 700, posts: 1, likesGiven: 0, bio: '' });
    expect(scoreAuthenticity(fake, AS_OF, SCORING).signals.length).toBeGreaterThan(0);
    expect(scoreAuthenticity(follower(TYPICAL), AS_OF, SCORING).signals).toEqual([]);
  });
});

describe('authenticity settings in the values file', () => {
  const fake = follower({ followers: 2, following: 700, posts: 1, likesGiven: 0, bio: '' });

  it('the threshold decides who is suspect', () => {
    const p = scoreAuthenticity(fake, AS_OF, SCORING).probability!;
    expect(scoreAuthenticity(fake, AS_OF, scoringWith({ threshold: p })).suspect).toBe(true);
    expect(scoreAuthenticity(fake, AS_OF, scoringWith({ threshold: Math.min(1, p + 1e-9) })).suspect).toBe(false);
  });

  it('enabled: false switches the check off', () => {
    const c = classify(fake, { values: compileValues(valuesWith({ authenticity: { enabled: false } })), asOf: AS_OF });
    expect(c.authenticity.checked).toBe(false);
    expect(c.flags).not.toContain('suspect');
  });

  it('a suspect is never an advocate or a potential, even aligned and engaged', () => {
    const engaged = { ...fake, bio: 'bookworm', engagement: { dated: [{ type: 'reply' as const, at: AS_OF, count: 5 }], undated: {} } };
    const c = classify(engaged, { values: compileValues(valuesWith()), asOf: AS_OF });
    expect(c.alignment.aligned).toBe(true);
    expect(c.engagement.engaged).toBe(true);
    expect(c.segment).toBe('misaligned');
    expect(c.rule).toBe('suspect');
    expect(c.flags).toContain('suspect');
    expect(c.flags).not.toContain('dissenter');
  });
});
