/**
 * Negation words. A value term preceded (within a few words, in the same
 * clause) by a plain negator does not count as support: "not a big reader",
 * "never read fiction", "ex-vegan". A hostile negator turns it into a
 * conflict with the value: "anti-vegan", "against fast fashion".
 * Either kind cancels a red flag: "against piracy" is not a conflict.
 *
 * Lists are folded like any text (no apostrophes, lower case); the values file
 * can extend both (scoring.negators, scoring.hostileNegators), e.g. for
 * profiles in other languages.
 */
export const PLAIN_NEGATORS = [
  'not', 'no', 'never', 'nor', 'neither', 'without', 'non', 'nothing',
  'dont', 'doesnt', 'didnt', 'isnt', 'arent', 'wasnt', 'werent', 'cant', 'cannot', 'wont', 'aint',
  'ex', 'former', 'formerly', 'quit', 'stopped',
];

export const HOSTILE_NEGATORS = [
  'anti', 'against', 'hate', 'hates', 'hated', 'hating', 'hater', 'haters',
  'despise', 'despises', 'loathe', 'loathes', 'boycott', 'boycotting', 'abolish', 'ban',
];

/** How many words before a term a negator may stand. */
export const NEGATION_WINDOW = 4;
