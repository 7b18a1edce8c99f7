import type { Follower } from '../follower.js';
import type { TermMatcher } from '../text/matcher.js';
import { foldWords } from '../text/matcher.js';
import { foldUnicode, tokenize } from '../text/tokenize.js';
import { STOP_WORDS } from './stop-words.js';

/**
 * The words, two-word phrases and hashtags followers use in their profiles
 * that the values file does not cover yet, and the places they give. Counts
 * are followers (a bio repeating a word counts once), so the list reflects
 * how widely a word is shared, not how loudly one person uses it. Coverage is
 * decided by the real matcher over every term of the file, so a word counts
 * as covered exactly when an audit would match it.
 */
export interface Frequent {
  /** As most followers wrote it (hashtags and places), or folded (words, phrases). */
  text: string;
  followers: number;
}

export interface CommunityLanguage {
  followersWithText: number;
  words: Frequent[];
  phrases: Frequent[];
  hashtags: Frequent[];
  places: Frequent[];
}

export interface LanguageOptions {
  /** Entries per list. */
  top?: number;
  /** Fewest followers for an entry to be listed. */
  minFollowers?: number;
}

// Handles, e-mail addresses and links are nobody's values vocabulary.
const NOISE = /https?:\/\/\S+|www\.\S+|\S+@\S+\.\S+|@[\p{L}\p{N}_.]+|\b[\p{L}\p{N}-]+\.(?:com|org|net|io|co|uk|me|shop|store|app|dev|info)\b\S*/giu;
const HASHTAG = /#([\p{L}\p{N}_]*\p{L}[\p{L}\p{N}_]*)/gu;
const HAS_DIGIT = /\p{N}/u;
const JOINERS = /[&+<>=~]/g;
const MIN_WORD_LENGTH = 3;

export function createLanguageCounter(matcher: TermMatcher<unknown>) {
  const words = new Map<string, number>();
  const phrases = new Map<string, number>();
  const hashtags = new Map<string, { followers: number; forms: Map<string, number> }>();
  const places = new Map<string, { followers: number; forms: Map<string, number> }>();
  let followersWithText = 0;

  const countForm = (map: typeof hashtags, key: string, form: string) => {
    let entry = map.get(key);
    if (!entry) {
      entry = { followers: 0, forms: new Map() };
      map.set(key, entry);
    }
    entry.followers++;
    entry.forms.set(form, (entry.forms.get(form) ?? 0) + 1);
  };

  return {
    add(f: Follower): void {
      const location = f.location?.trim();
      if (location) {
        const seenPlaces = new Set<string>();
        for (const part of location.split(/[,;/|]/)) {
          const form = part.trim();
          const key = foldWords(form).join(' ');
          if (key.length < 2 || HAS_DIGIT.test(key) || seenPlaces.has(key) || covered(matcher, form)) continue;
          seenPlaces.add(key);
          countForm(places, key, form);
        }
      }
      const text = [f.bio, f.headline, f.company].filter((t): t is string => !!t?.trim()).join(' | ');
      if (!text) return;
      followersWithText++;
      const clean = foldUnicode(text).replace(NOISE, ' | ');

      const seenTags = new Set<string>();
      for (const m of clean.matchAll(HASHTAG)) {
        const form = `#${m[1]}`;
        const key = foldWords(m[1]!.replace(/_/g, '')).join('');
        if (!key || seenTags.has(key) || covered(matcher, form)) continue;
        seenTags.add(key);
        countForm(hashtags, key, form);
      }

      // Hashtags were counted above; a clause break keeps them out of phrases,
      // as it does for symbols that join two things ("volunteer & library friend").
      const tokens = tokenize(clean.replace(HASHTAG, ' | ').replace(JOINERS, ' | '));
      const isCovered = new Array<boolean>(tokens.words.length).fill(false);
      for (const m of matcher.matchTokens(tokens)) for (let i = m.start; i < m.end; i++) isCovered[i] = true;
      const usable = (i: number) => {
        const w = tokens.words[i]!;
        return !isCovered[i] && w.length >= MIN_WORD_LENGTH && !STOP_WORDS.has(w) && !HAS_DIGIT.test(w);
      };
      const seenWords = new Set<string>();
      const seenPhrases = new Set<string>();
      for (let i = 0; i < tokens.words.length; i++) {
        if (!usable(i)) continue;
        const w = tokens.words[i]!;
        if (!seenWords.has(w)) {
          seenWords.add(w);
          words.set(w, (words.get(w) ?? 0) + 1);
        }
        if (i + 1 < tokens.words.length && tokens.clause[i] === tokens.clause[i + 1] && usable(i + 1)) {
          const p = `${w} ${tokens.words[i + 1]}`;
          if (!seenPhrases.has(p)) {
            seenPhrases.add(p);
            phrases.set(p, (phrases.get(p) ?? 0) + 1);
          }
        }
      }
    },

    result(options: LanguageOptions = {}): CommunityLanguage {
      const top = options.top ?? 15;
      const min = options.minFollowers ?? 2;
      const rank = (entries: Frequent[]) =>
        entries
          .filter((e) => e.followers >= min)
          .sort((a, b) => b.followers - a.followers || a.text.localeCompare(b.text))
          .slice(0, top);
      const withForms = (map: typeof hashtags) => [...map.values()].map((e) => ({ text: mostCommon(e.forms), followers: e.followers }));
      return {
        followersWithText,
        words: rank([...words].map(([text, followers]) => ({ text, followers }))),
        phrases: rank([...phrases].map(([text, followers]) => ({ text, followers }))),
        hashtags: rank(withForms(hashtags)),
        places: rank(withForms(places)),
      };
    },
  };
}

function covered(matcher: TermMatcher<unknown>, text: string): boolean {
  return matcher.match(text).length > 0;
}

function mostCommon(forms: Map<string, number>): string {
  let best = '';
  let bestCount = -1;
  for (const [form, n] of forms) {
    if (n > bestCount || (n === bestCount && form < best)) {
      best = form;
      bestCount = n;
    }
  }
  return best;
}
