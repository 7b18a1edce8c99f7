/**
 * Negation words. A value term preceded (within a few words, in the same
 * clause, with no new subject between them: src/text/stance.ts) by a plain
 * negator does not count as support: "not a big reader", "never read fiction".
 * A hostile negator turns it into a conflict with the value: "anti-vegan",
 * "against fast fashion", "recovering vegan".
 * Either kind cancels a red flag: "against piracy" is not a conflict.
 *
 * Lists are folded like any text (no apostrophes, lower case); the values file
 * can extend both (scoring.negators, scoring.hostileNegators), e.g. for
 * profiles in other languages.
 */
export const PLAIN_NEGATORS = [
  'not', 'no', 'never', 'nor', 'neither', 'without', 'non', 'nothing',
  'dont', 'doesnt', 'didnt', 'isnt', 'arent', 'wasnt', 'werent', 'cant', 'cannot', 'wont', 'aint',
  // Having left something says nothing of a stance toward it: an ex-bookseller
  // now in tech is no opponent of bookshops. Not support, not a conflict.
  'ex', 'former', 'formerly', 'quit', 'stopped',
];

export const HOSTILE_NEGATORS = [
  'anti', 'against', 'hate', 'hates', 'hated', 'hating', 'hater', 'haters',
  'despise', 'despises', 'loathe', 'loathes', 'boycott', 'boycotting', 'abolish', 'ban',
  // "Recovering X" is said only of what one now rejects.
  'recovering',
  // "fuck X", "screw X", "scrap X". (Not a bare "f", as in "f*** X": a lone
  // letter is as often an initial or a piece of "F4F".)
  'fuck', 'screw', 'scrap', 'defund', 'oppose', 'opposed', 'opposing',
];
