import { IN_HANDLE, IN_HASHTAG, QUOTED, TAG_START, type Tokens } from './tokenize.js';

/**
 * Whether the words around a matched term say the writer holds it, rejects it,
 * or only mentions it. A mention of a value is not support: an opponent names
 * the value they attack ("veganism is a cult", #StopNetZero, the 'climate
 * emergency'), a neutral person names an account they follow (@VeganDaily) or a
 * group ("vegans are…"). Every rule reads a few words on either side, inside the
 * term's clause (or hashtag), so a text costs the same per word however long
 * it is. The word lists are folded like any text (lower case, no apostrophes).
 */
export type Polarity = 'support' | 'negated' | 'hostile' | 'mention';

/** What read a term as something other than support: shown by `explain`. */
export type Cue =
  /** A negating word governs the term: "not a reader", "anti-vegan", "ex-feminist". */
  | 'negator'
  /** The term is inside another account's @handle. */
  | 'handle'
  /** The term stands in scare quotes. */
  | 'quoted'
  /** The writer talks about a group, not about themselves: "vegans are…", "dear cyclists". */
  | 'group'
  /** A hashtag campaign against it: #StopX, #NoX, #XIsTheft. */
  | 'hashtag'
  /** Framed as a falsehood: "X is a scam", "the X narrative", "so-called X". */
  | 'framed'
  /** The term is the target of an insult: "clueless vegans", "X are pretentious". */
  | 'insult'
  /** The term is the target of a threat: "slap every X", "X should be locked up". */
  | 'threat'
  /** Weariness with it: "I'm done with X", "sick of X", "fed up with X". */
  | 'fed-up';

export interface Stance {
  polarity: Polarity;
  cue?: Cue;
  /** The word that carried the cue ("anti", "scam", "stop"). */
  word?: string;
  /** Support the writer claims for themselves: "I'm a feminist", "proud vegan". */
  self?: true;
}

/** How many words before a term a negator may stand. */
export const NEGATION_WINDOW = 4;
/** How many words after a term a predicate ("is a scam", "should be jailed") may reach. */
const PREDICATE_WINDOW = 5;
/** How many words of a hashtag on either side of a term are read. */
const TAG_REACH = 6;

const set = (words: string) => new Set(words.split(' '));

/**
 * Words that stop a negator's reach: a new subject or clause starts between the
 * negator and the term ("you don't like that I'm vegan", "we cannot let this liar win").
 */
const SCOPE_BREAKERS = set('i im ive id ill you youre he hes she shes we they theyre it its who which that because if when whether let lets until unless while where why how what');
/** Words in a hashtag, before the term, that campaign against it (#StopX, #NoX, #EndX, #BanX). */
const TAG_AGAINST = set('stop end no ban abolish scrap boycott ditch dump fuck defund reject cancel notmy whyimnot never not');
/**
 * Words that frame the term as false when they follow it at once ("the X hoax",
 * "the X narrative"), or after a link ("X is a scam").
 */
const FRAMES = set('scam scams hoax hoaxes propaganda narrative grift racket hysteria fraud bullshit bs nonsense lunacy');
/**
 * Words that frame it as false only after a link ("X is a joke", "X is a cult"):
 * right after a term they are often innocent nouns (a bookworm's fantasy
 * shelf, a vegan con in town, "the protein myth" debunked by a dietitian).
 */
const LINKED_FRAMES = set('joke fantasy cult myth myths lie lies con sham delusion fairytale farce garbage rubbish panic');
/**
 * Insults, when the term is their subject or stands right after them. Words
 * people use of themselves ("lazy vegan", "crazy cat lady") are left out, and
 * an insult after "I'm a" / "proud" is self-mockery, not hostility.
 */
const INSULTS = set('stupid idiot idiots idiotic annoying pretentious entitled menace menaces disgusting pathetic clueless hypocrite hypocrites hypocritical moron morons moronic evil delusional brainwashed ridiculous snobby preachy arrogant arrogance selfish selfishness militant parasites scum vile dumb losers loser nutters nutjobs clowns virus plague trash overpriced useless libtard libtards feminazi feminazis');
/** Words after the term in a hashtag that turn against it: #XIsTheft, #XSucks, #XMustFall. */
const TAG_AFTER = new Set([...FRAMES, ...INSULTS, ...set('cruelty theft murder sucks kills out')]);
/** Words that may stand between a term and its predicate: "X is just a scam", "X are the most annoying", "the X crowd are…". */
const LINKS = set('is are was were be being been so just the a an all such really literally total totally complete completely utter most more big giant massive one fucking bloody nothing but crowd people folk folks lot types brigade mob');
/** Threats against what follows: "slap every X". */
const THREATS_BEFORE = set('slap punch kill shoot hit deport jail hang beat smack stab burn lock gas');
/** A threat after the term: "X should be locked up", "X must be stopped". */
const MODALS = set('should must need ought deserve will gotta');
const THREATS_AFTER = set('locked jailed banned shot slapped punched deported arrested hanged fined removed beaten silenced stopped crushed destroyed punished imprisoned');
/** Determiners of a third-person group, or words between a threat and its target. */
const GROUP_BEFORE = set('these those dear all most many every you');
const DETERMINERS = set('every all a an the those these any some them those more');
/** Self-identification: "I'm a feminist", "proud vegan", "we cyclists", "as a humanist". */
const SELF = set('im i am proud proudly we us our fellow lifelong as my');
/** "done with X", "sick of X", "tired of X", "fed up with X": the last word and the one before it. */
const FED_UP: readonly (readonly [string, string])[] = [
  ['done', 'with'],
  ['sick', 'of'],
  ['tired', 'of'],
  ['up', 'with'],
];
/** Words that may stand between "done with" and the term. */
const FED_UP_FILLERS = set('the all this these those your their everything');

/**
 * Words a lower-case hashtag may be split into besides the values file's own
 * (src/text/compounds.ts): the hashtag stance words, and the few glue words
 * hashtags are built with (#veganforlife, #proudfeminist, #ourplanet).
 */
export const STANCE_WORDS: readonly string[] = [
  ...TAG_AGAINST,
  ...TAG_AFTER,
  ...SELF,
  ...set('for forever life always and is are the of all love lover lovers go not no'),
];

export interface StanceLists {
  plain: ReadonlySet<string>;
  hostile: ReadonlySet<string>;
}

/** The stance of the term at words [start, end) of `tokens`. */
export function stanceOf(tokens: Tokens, start: number, end: number, lists: StanceLists): Stance {
  const { words, clause, flags } = tokens;
  const f = flags[start]!;
  if (f & IN_HANDLE) return { polarity: 'mention', cue: 'handle' };
  if (f & IN_HASHTAG) {
    const inTag = hashtagStance(tokens, start, end, lists);
    if (inTag) return inTag;
  }
  if (f & QUOTED) return { polarity: 'mention', cue: 'quoted' };

  const c = clause[start]!;
  // After the term: "X is a scam", "the X narrative", "X are pretentious", "X should be jailed".
  let linked = 0;
  for (let k = end; k < words.length && k < end + PREDICATE_WINDOW && clause[k] === c; k++) {
    const w = words[k]!;
    if (FRAMES.has(w) || (linked > 0 && LINKED_FRAMES.has(w))) return { polarity: 'hostile', cue: 'framed', word: w };
    if (INSULTS.has(w)) return { polarity: 'hostile', cue: 'insult', word: w };
    if (MODALS.has(w)) {
      for (let j = k + 1; j < words.length && j <= k + 3 && clause[j] === c; j++) {
        if (THREATS_AFTER.has(words[j]!)) return { polarity: 'hostile', cue: 'threat', word: words[j]! };
      }
      break;
    }
    if (!LINKS.has(w)) break;
    linked++;
  }

  // Before the term, nearest word first.
  const stop = Math.max(0, start - NEGATION_WINDOW);
  const self = selfBefore(tokens, start);
  for (let k = start - 1; k >= stop; k--) {
    if (clause[k] !== c) break;
    const w = words[k]!;
    if (lists.hostile.has(w)) {
      // "not against X", "never anti-X": a negated hostility is no hostility.
      if (k > 0 && clause[k - 1] === c && lists.plain.has(words[k - 1]!)) return { polarity: 'support' };
      return { polarity: 'hostile', cue: 'negator', word: w };
    }
    if (lists.plain.has(w)) return { polarity: 'negated', cue: 'negator', word: w };
    if (SCOPE_BREAKERS.has(w)) break;
  }
  if (start > 0 && clause[start - 1] === c) {
    const w1 = words[start - 1]!;
    const w2 = start > 1 && clause[start - 2] === c ? words[start - 2]! : '';
    if (INSULTS.has(w1) && !selfBefore(tokens, start - 1)) return { polarity: 'hostile', cue: 'insult', word: w1 };
    if (w2 === 'so' && w1 === 'called') return { polarity: 'hostile', cue: 'framed', word: 'so-called' };
    if (THREATS_BEFORE.has(w1)) return { polarity: 'hostile', cue: 'threat', word: w1 };
    if (DETERMINERS.has(w1) && THREATS_BEFORE.has(w2)) return { polarity: 'hostile', cue: 'threat', word: w2 };
    const fedUp = fedUpBefore(tokens, start);
    if (fedUp) return { polarity: 'hostile', cue: 'fed-up', word: fedUp };
    if (GROUP_BEFORE.has(w1) && !SELF.has(w2)) return { polarity: 'mention', cue: 'group', word: w1 };
  }
  // "vegans are…": a single-word term followed by "are" speaks of others.
  if (!self && end === start + 1 && linked > 0 && (words[end] === 'are' || words[end] === 'were')) {
    return { polarity: 'mention', cue: 'group', word: words[end]! };
  }
  // A hashtag of one's own ("#vegan" at the end of a bio) says who one is, like "proud vegan".
  return self || f & IN_HASHTAG ? { polarity: 'support', self: true } : { polarity: 'support' };
}

/** #StopGreenDeal2030, #NoNetZero, #WhyImNotVotingForX, #MeatIsMurder: the hashtag's other words turn it. */
function hashtagStance(tokens: Tokens, start: number, end: number, lists: StanceLists): Stance | undefined {
  const { words, flags } = tokens;
  // A few words each way: a hashtag of a thousand CamelCase words costs what a short one does.
  const from = Math.max(0, start - TAG_REACH);
  for (let k = start; k > from && !(flags[k]! & TAG_START) && flags[k - 1]! & IN_HASHTAG; ) {
    k--;
    const w = words[k]!;
    if (TAG_AGAINST.has(w) || lists.hostile.has(w) || lists.plain.has(w)) return { polarity: 'hostile', cue: 'hashtag', word: w };
  }
  for (let k = end; k < words.length && k < end + TAG_REACH && flags[k]! & IN_HASHTAG && !(flags[k]! & TAG_START); k++) {
    const w = words[k]!;
    if (TAG_AFTER.has(w)) return { polarity: 'hostile', cue: 'hashtag', word: w };
  }
  return undefined;
}

function fedUpBefore(tokens: Tokens, start: number): string | undefined {
  const { words, clause } = tokens;
  const c = clause[start]!;
  let k = start - 1;
  if (k >= 0 && FED_UP_FILLERS.has(words[k]!)) k--;
  if (k < 1 || clause[k - 1] !== c) return undefined;
  const last = words[k]!;
  const before = words[k - 1]!;
  for (const [a, b] of FED_UP) if (before === a && last === b) return a === 'up' ? 'fed up' : a;
  return undefined;
}

/** "I'm a feminist", "proud vegan", "as a humanist": the writer says it of themselves. */
function selfBefore(tokens: Tokens, start: number): boolean {
  const { words, clause } = tokens;
  const c = clause[start]!;
  const w1 = start > 0 && clause[start - 1] === c ? words[start - 1]! : '';
  const w2 = start > 1 && clause[start - 2] === c ? words[start - 2]! : '';
  return SELF.has(w1) || ((w1 === 'a' || w1 === 'an') && SELF.has(w2));
}
