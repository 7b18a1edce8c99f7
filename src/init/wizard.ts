import type { ChalkInstance } from 'chalk';
import type { Prompter } from '../io/prompts.js';
import { escapeControl } from '../safe-text.js';
import { foldWords } from '../text/matcher.js';
import { type InitAnswers, splitTerms } from './answers.js';
import type { CommunityLanguage, Frequent } from './community-language.js';
import { wrapItems, wrapNote } from './layout.js';
import { SPAM_TERMS } from './spam-list.js';
import { coversTerm, matchesAlso, suggestVariants, termKey, type Variant } from './variants.js';

/**
 * The `kindred init` conversation: brand, promise, three to six values with
 * the words their holders use, the ideal customer, red flags. Pure apart from
 * the Prompter it is handed, so tests drive it with scripted answers.
 */
export interface WizardOptions {
  prompter: Prompter;
  chalk: ChalkInstance;
  /** With --from: the followers' words, phrases, hashtags and places no term covers yet. */
  language?: (terms: string[]) => CommunityLanguage;
  /** Words the followers use, to split run-together hashtags (#shoplocal → shop local). */
  vocabulary?: ReadonlySet<string>;
  /** Terminal width for lists and notes. */
  width?: number;
}

export const MIN_VALUES = 3;
export const MAX_VALUES = 6;
const PROMISE_EXAMPLE = 'An independent bookshop where every reader finds their next favourite book.';

export async function runWizard(options: WizardOptions): Promise<InitAnswers> {
  const { prompter: p, chalk: c } = options;
  const width = options.width ?? 80;
  const say = (text: string) => p.say(text);
  const vocabulary = new Set(options.vocabulary ?? []);

  say(c.bold("Let's put your brand's values into words."));
  say(c.dim('Five short steps. Ctrl-C stops at any point without writing anything.\n'));

  const brand = await p.input({ id: 'brand', message: 'Brand name:', validate: required('the brand needs a name') });

  say(c.dim(`\nThe brand promise is one sentence every follower should recognise you by.\nExample: ${PROMISE_EXAMPLE}`));
  const promise = (await p.input({ id: 'promise', message: 'Brand promise (Enter to skip):', default: '' })).trim();

  if (options.language) {
    const lang = options.language([]);
    say(`\n${c.bold('What your followers say about themselves')} ${c.dim(`(${lang.followersWithText} profiles with text)`)}`);
    say(formatLanguage(lang, c, 10, width));
  }

  say(c.dim(
    `\nValues: ${MIN_VALUES} to ${MAX_VALUES} things you stand for. For each, list the words and phrases people who\nshare it use about themselves, separated by commas. A trailing * matches any ending.\nExample for "reading culture": bookworm, book club*, #amreading, bibliophile`,
  ));
  const values: InitAnswers['values'] = [];
  const allTerms = () => values.flatMap((v) => v.terms);
  for (let i = 1; i <= MAX_VALUES; i++) {
    if (i > MIN_VALUES) {
      const more = await p.confirm({ id: `value.${i}.add`, message: `Add value ${i} of up to ${MAX_VALUES}?`, default: false });
      if (!more) break;
    }
    const taken = new Set(values.map((v) => v.name.toLowerCase()));
    const name = (
      await p.input({
        id: `value.${i}.name`,
        message: `Value ${i}, its name:`,
        validate: (v) => (!v.trim() ? 'give the value a name' : taken.has(v.trim().toLowerCase()) ? 'you already have a value with this name' : true),
      })
    ).trim();
    const terms = await askTerms(p, c, {
      id: `value.${i}.terms`,
      message: `Words people who share "${name}" use:`,
      existing: values.flatMap((v) => v.terms.map((term) => ({ term, owner: v.name }))),
      vocabulary,
    });
    for (const t of terms) for (const w of foldWords(t)) vocabulary.add(w);
    values.push({ name, terms: await offerVariants(p, `value.${i}.variants`, terms, [...allTerms(), ...terms], vocabulary) });
  }

  const ideal = { roles: [] as string[], interests: [] as string[], locations: [] as string[] };
  if (options.language) await adoptCommunityLanguage(p, c, options.language, values, ideal, width);

  say(c.dim('\nYour ideal customer: who you most want to reach. Separate with commas; Enter skips.'));
  ideal.roles.push(...(await askList(p, 'ideal.roles', 'Their roles or jobs (e.g. teacher, librarian):')));
  ideal.interests.push(...(await askList(p, 'ideal.interests', 'Their interests (e.g. book club host, english lit*):')));
  if (options.language) {
    const places = options.language([]).places;
    if (places.length > 0) say(c.dim(wrapNote(`Places your followers give: ${places.slice(0, 8).map((f) => `${safe(f.text)} (${f.followers})`).join(', ')}`, width, (x) => x, 0)));
  }
  ideal.locations.push(...(await askList(p, 'ideal.locations', 'Their places (e.g. Bristol, Somerset):')));

  say(c.dim('\nRed flags: what conflicts with your values. A follower whose profile uses them is misaligned.'));
  const redFlags: InitAnswers['redFlags'] = [];
  for (let i = 1; ; i++) {
    const add = await p.confirm({ id: `redFlag.${i}.add`, message: i === 1 ? 'Add a red flag?' : 'Add another red flag?', default: false });
    if (!add) break;
    const taken = new Set(redFlags.map((f) => f.name.toLowerCase()));
    const name = (
      await p.input({
        id: `redFlag.${i}.name`,
        message: `Red flag ${i}, its name (e.g. piracy):`,
        validate: (v) => (!v.trim() ? 'give the red flag a name' : taken.has(v.trim().toLowerCase()) ? 'you already have a red flag with this name' : true),
      })
    ).trim();
    const terms = await askTerms(p, c, { id: `redFlag.${i}.terms`, message: `Words that signal "${name}":`, existing: redFlags.flatMap((f) => f.terms.map((term) => ({ term, owner: f.name }))), vocabulary });
    redFlags.push({ name, terms });
  }
  const spamList = await p.confirm({
    id: 'spamList',
    message: `Include the ready spam list (${SPAM_TERMS.length} phrases such as "follow back", "f4f", "dm for promo")?`,
    default: true,
  });

  return {
    brand: brand.trim(),
    ...(promise ? { promise } : {}),
    values,
    ...(ideal.roles.length + ideal.interests.length + ideal.locations.length > 0 ? { idealCustomer: ideal } : {}),
    redFlags,
    spamList,
  };
}

async function askTerms(
  p: Prompter,
  c: ChalkInstance,
  q: { id: string; message: string; existing: OwnedTerm[]; vocabulary: ReadonlySet<string> },
): Promise<string[]> {
  const answer = await p.input({
    id: q.id,
    message: q.message,
    validate: validateTerms,
    hint: (typed) => liveHint(typed, q.existing, q.vocabulary, c),
  });
  return splitTerms(answer);
}

/** true, or what is wrong with a comma-separated list of terms. */
export function validateTerms(text: string): true | string {
  const terms = splitTerms(text);
  if (terms.length === 0) return 'list at least one word or phrase, separated by commas';
  for (const t of terms) {
    if (foldWords(t.replace(/\*$/, '')).length === 0) return `"${t}" has no letters or digits to match`;
    if (t.length > 200) return 'a term is at most 200 characters';
  }
  return true;
}

/** Under the term being typed: what it also matches, and variants worth adding. */
export interface OwnedTerm {
  term: string;
  /** The value or red flag it is listed under. */
  owner: string;
}

export function liveHint(typed: string, existing: OwnedTerm[], vocabulary: ReadonlySet<string>, c: ChalkInstance): string {
  const terms = splitTerms(typed);
  const current = typed.endsWith(',') ? undefined : terms[terms.length - 1];
  if (!current || foldWords(current.replace(/\*$/, '')).length === 0) return c.dim('  separate terms with commas; end a word with * to match any ending');
  // This list first: a term covered here is simply redundant; one covered by
  // another value would count for both.
  const others: OwnedTerm[] = [...terms.slice(0, -1).map((term) => ({ term, owner: '' })), ...existing];
  const coveredBy = others.find((o) => coversTerm(o.term, current));
  if (coveredBy) {
    const same = termKey(coveredBy.term) === termKey(current);
    const where = coveredBy.owner ? ` under "${escapeControl(coveredBy.owner)}" (it would count for both)` : '';
    return c.dim(`  ${escapeControl(current)}: ${same ? 'already listed' : `already matched by "${escapeControl(coveredBy.term)}"`}${where}`);
  }
  const also = matchesAlso(current).slice(0, 3);
  const variants = suggestVariants(current, [...existing.map((o) => o.term), ...terms], vocabulary).map((v) => v.term);
  const parts = [];
  if (also.length > 0) parts.push(`also matches ${also.join(', ')}`);
  if (variants.length > 0) parts.push(`consider ${variants.join(', ')}`);
  return c.dim(`  ${escapeControl(current)}: ${parts.join('; ') || 'matched as a whole word'}`);
}

/**
 * Offers the variants of the new terms, pre-checked. A wildcard variant takes
 * the place of the term it extends (bookworm* already matches bookworm).
 */
async function offerVariants(p: Prompter, id: string, terms: string[], existing: string[], vocabulary: ReadonlySet<string>): Promise<string[]> {
  const variants: (Variant & { of: string })[] = [];
  const seen = new Set(existing.map(termKey));
  for (const t of terms) {
    for (const v of suggestVariants(t, existing, vocabulary)) {
      const key = termKey(v.term);
      if (seen.has(key)) continue;
      seen.add(key);
      variants.push({ ...v, of: t });
    }
  }
  if (variants.length === 0) return terms;
  const chosen = new Set(
    await p.checkbox({
      id,
      message: 'Also match these variants? (space toggles, enter accepts)',
      choices: variants.map((v) => ({ name: `${v.term}  (${v.why})`, short: v.term, value: v.term, checked: true })),
    }),
  );
  const picked = variants.filter((v) => chosen.has(v.term));
  const replacing = new Map(picked.filter((v) => v.term.endsWith('*') && !v.of.endsWith('*') && termKey(v.term) === `${termKey(v.of)}*`).map((v) => [v.of, v.term]));
  return [...terms.map((t) => replacing.get(t) ?? t), ...picked.filter((v) => replacing.get(v.of) !== v.term).map((v) => v.term)];
}

async function askList(p: Prompter, id: string, message: string): Promise<string[]> {
  const answer = await p.input({ id, message, default: '', validate: (v) => (v.trim() === '' ? true : validateTerms(v)) });
  return splitTerms(answer);
}

type Target = { kind: 'value'; index: number } | { kind: 'interests' } | { kind: 'skip' };

/** Offers the followers' frequent, still uncovered words for the brand to adopt. */
async function adoptCommunityLanguage(
  p: Prompter,
  c: ChalkInstance,
  language: (terms: string[]) => CommunityLanguage,
  values: InitAnswers['values'],
  ideal: { interests: string[] },
  width: number,
): Promise<void> {
  const lang = language(values.flatMap((v) => v.terms));
  const candidates = [...lang.hashtags.slice(0, 6), ...lang.phrases.slice(0, 6), ...lang.words.slice(0, 8)];
  p.say(`\n${c.bold('Still not covered by your values')} ${c.dim('(followers using each)')}`);
  p.say(formatLanguage(lang, c, 8, width));
  if (candidates.length === 0) return;
  const picked = await p.checkbox({
    id: 'adopt',
    message: 'Adopt any of these as terms? (space toggles, enter accepts)',
    choices: candidates.map((f) => ({ name: `${safe(f.text)} (${f.followers})`, value: f.text })),
  });
  for (const [n, term] of picked.entries()) {
    const target = await p.select<Target>({
      id: `adopt.${n + 1}`,
      message: `Where does "${safe(term)}" belong?`,
      choices: [
        ...values.map((v, index) => ({ name: `value: ${v.name}`, value: { kind: 'value', index } as Target })),
        { name: 'ideal customer interests', value: { kind: 'interests' } },
        { name: 'nowhere, skip it', value: { kind: 'skip' } },
      ],
    });
    if (target.kind === 'value') values[target.index]!.terms.push(term);
    else if (target.kind === 'interests') ideal.interests.push(term);
  }
}

export function formatLanguage(lang: CommunityLanguage, c: ChalkInstance, top: number, width = 80): string {
  const line = (label: string, list: Frequent[]) =>
    wrapItems(
      label.padEnd(10),
      list.length === 0 ? ['none used by two or more followers'] : list.slice(0, top).map((f) => `${safe(f.text)} (${f.followers})`),
      width,
      c,
    );
  return [line('hashtags', lang.hashtags), line('phrases', lang.phrases), line('words', lang.words)].join('\n');
}

function required(message: string): (v: string) => true | string {
  return (v) => (v.trim() ? true : message);
}

function safe(text: string): string {
  return escapeControl(text);
}
