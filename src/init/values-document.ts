import { Document, isMap, isScalar, isSeq, type Node, type Pair } from 'yaml';
import type { ValuesFileInput } from '../values/schema.js';
import type { InitAnswers } from './answers.js';
import { SPAM_RED_FLAG_NAME, SPAM_TERMS } from './spam-list.js';

/**
 * Turns init answers into the values file: first the plain object (what the
 * schema validates), then YAML with a comment on each section so the file
 * explains itself to whoever opens it next.
 */
export function valuesFromAnswers(a: InitAnswers): ValuesFileInput {
  const redFlags: NonNullable<ValuesFileInput['redFlags']> = a.redFlags.map((f) => ({
    name: f.name,
    ...(f.kind ? { kind: f.kind } : {}),
    terms: [...f.terms],
  }));
  if (a.spamList) {
    const existing = redFlags.find((f) => f.name.toLowerCase() === SPAM_RED_FLAG_NAME);
    if (existing) {
      existing.kind = 'spam';
      const have = new Set(existing.terms.map((t) => t.toLowerCase()));
      existing.terms.push(...SPAM_TERMS.filter((t) => !have.has(t)));
    } else {
      redFlags.push({ name: SPAM_RED_FLAG_NAME, kind: 'spam', terms: [...SPAM_TERMS] });
    }
  }
  const ideal = a.idealCustomer;
  const idealTerms = ideal ? [...ideal.roles, ...ideal.interests] : [];
  const locations = ideal?.locations ?? [];
  return {
    brand: a.brand,
    ...(a.promise ? { promise: a.promise } : {}),
    values: a.values.map((v) => ({ name: v.name, ...(v.weight !== undefined ? { weight: v.weight } : {}), terms: [...v.terms] })),
    ...(idealTerms.length + locations.length > 0 ? { idealCustomer: { terms: idealTerms, locations } } : {}),
    redFlags,
  };
}

export interface RenderOptions {
  /** Where editors find the JSON Schema (yaml-language-server modeline). */
  schemaUrl: string;
  /** The day the file was written (YYYY-MM-DD), for the header. */
  date: string;
  /** A template of examples to replace, rather than the user's answers. */
  template?: boolean;
}

const COMMENTS = {
  brand: ' The brand name, shown on every report.',
  promise: ' The brand promise: one sentence every follower should recognise you by.',
  values: [
    ' What you stand for, in the words people who share each value use about',
    ' themselves. A follower whose bio, headline or company uses a value\'s terms is',
    ' aligned with it. weight (default 1, up to 10) says how much a value counts.',
  ].join('\n'),
  idealCustomer: [
    ' The customer you most want: roles and interests add to alignment (0.5 each by',
    ' default); locations only strengthen a fit that some value or interest already made.',
  ].join('\n'),
  redFlags: [
    ' What conflicts with your values: a follower whose profile uses these terms is',
    ' misaligned. kind: conflict (the default) marks a real disagreement (an engaged',
    ' follower with one is a dissenter worth hearing); kind: spam marks inauthentic',
    ' accounts.',
  ].join('\n'),
} as const;

const TEMPLATE_NOTE = ' EXAMPLE: replace with your own.';

export function renderValuesYaml(values: ValuesFileInput, options: RenderOptions): string {
  const doc = new Document(values);
  doc.commentBefore = [
    ` yaml-language-server: $schema=${options.schemaUrl}`,
    ` kindred values file for ${oneLine(values.brand)}, written by \`kindred init\` on ${options.date}.`,
    ...(options.template ? ['', ' This is a template: every name and term below is an example to replace.'] : []),
    '',
    ' Terms match whole words, ignoring case and accents. A trailing * matches any',
    ' ending (volunteer* matches volunteers, volunteering). A phrase also matches as',
    ' a hashtag or run together ("shop local" matches #ShopLocal and shoplocal).',
    ' A negated term ("not vegan", "anti-vegan") never counts as support.',
    '',
    ' Try it:   kindred audit followers.csv --values <this file>',
    ' Why?      kindred explain followers.csv --values <this file> @someone',
  ].join('\n');

  const root = doc.contents;
  if (!isMap(root)) throw new Error('values document is not a map');
  for (const pair of root.items as Pair<Node, Node>[]) {
    const key = pair.key;
    if (!isScalar(key)) continue;
    const name = String(key.value) as keyof typeof COMMENTS;
    const comment = COMMENTS[name];
    if (comment) {
      key.commentBefore = comment + (options.template && name !== 'promise' ? `\n${TEMPLATE_NOTE}` : '');
      key.spaceBefore = name !== 'brand';
    }
  }
  // Term lists read best on one line each: [bookworm, "book club*", "#amreading"].
  const flowTerms = (node: unknown) => {
    if (isSeq(node)) node.flow = true;
  };
  values.values.forEach((_, i) => {
    flowTerms(doc.getIn(['values', i, 'terms'], true));
  });
  (values.redFlags ?? []).forEach((_, i) => {
    flowTerms(doc.getIn(['redFlags', i, 'terms'], true));
  });
  flowTerms(doc.getIn(['idealCustomer', 'terms'], true));
  flowTerms(doc.getIn(['idealCustomer', 'locations'], true));

  doc.comment = [
    ' People you know better than any rule (remove the # to use):',
    ' overrides:',
    '   exclude: ["@your_staff_account", "@your_agency"]   # left out of every metric',
    '   segment: {"@longtime_customer": advocate}           # a human decision beats the score',
    '',
    ' Thresholds and weights can be tuned under scoring: (see `kindred schema`).',
  ].join('\n');
  const text = doc.toString({ lineWidth: 0, flowCollectionPadding: false });
  return text.endsWith('\n') ? text : `${text}\n`;
}

/** Brand names go into a comment: keep them on one line. */
function oneLine(text: string): string {
  return text.replace(/[\r\n\u2028\u2029]+/g, ' ');
}
