/**
 * The product's decision table as data. Classification, `kindred explain`,
 * the aggregator, the report renderers and the anonymizer all read these
 * tables, so a new segment rule or action list is added here and nowhere else.
 * Leaf module: it imports nothing, so the values schema and the report model
 * can take their enums from it.
 */

/** The four segments, in the order every report shows them. */
export const SEGMENTS = ['advocate', 'potential', 'passive', 'misaligned'] as const;
export type Segment = (typeof SEGMENTS)[number];

/** What to do about a follower; refines the segment (potential: nurture or qualify). */
export const ACTIONS = ['thank', 'nurture', 'qualify', 'none', 'hear', 'review'] as const;
export type Action = (typeof ACTIONS)[number];

/** The facts about one follower that the decision table reads. */
export interface Facts {
  override?: Segment | undefined;
  suspect: boolean;
  spam: boolean;
  conflict: boolean;
  aligned: boolean;
  engaged: boolean;
}

interface RuleRow {
  /** The rule's name, carried on every record so users can see which rule decided. */
  name: string;
  /** The condition, as users read it in reasons and in `kindred explain`. */
  text: string;
  holds: (f: Facts) => boolean;
  segment: (f: Facts) => Segment;
}

const always =
  (s: Segment) =>
  (_: Facts): Segment =>
    s;

/**
 * The rows of the decision table, in the order they are tried. The first that
 * holds decides the segment; the last always holds.
 */
export const DECISION_TABLE = [
  { name: 'override', text: 'overrides.segment names this follower', holds: (f) => f.override !== undefined, segment: (f) => f.override ?? 'passive' },
  { name: 'suspect', text: 'likely not a real person (authenticity check)', holds: (f) => f.suspect, segment: always('misaligned') },
  { name: 'spam', text: 'matches a spam red flag', holds: (f) => f.spam, segment: always('misaligned') },
  { name: 'conflict', text: 'conflicts with the values (red flag or hostility to a value)', holds: (f) => f.conflict, segment: always('misaligned') },
  { name: 'aligned-engaged', text: 'aligned and engaged recently', holds: (f) => f.aligned && f.engaged, segment: always('advocate') },
  { name: 'aligned-quiet', text: 'aligned but not engaged recently: nurture', holds: (f) => f.aligned, segment: always('potential') },
  { name: 'engaged-unaligned', text: 'engaged but no values signal: qualify', holds: (f) => f.engaged, segment: always('potential') },
  { name: 'no-signal', text: 'neither aligned nor engaged, no conflict', holds: () => true, segment: always('passive') },
] as const satisfies readonly RuleRow[];
export type Rule = (typeof DECISION_TABLE)[number]['name'];

/** Each rule's condition as users read it, by name. */
export const RULES = Object.fromEntries(DECISION_TABLE.map((r) => [r.name, r.text])) as Record<Rule, string>;

/** The decision table of the product contract. Pure: facts in, segment and rule out. */
export function decide(facts: Facts): { segment: Segment; rule: Rule } {
  for (const row of DECISION_TABLE) {
    if (row.holds(facts)) return { segment: row.segment(facts), rule: row.name };
  }
  throw new Error('the decision table has no row that always holds');
}

/**
 * The action for a decided segment. A dissenter is an engaged real person in
 * conflict (a voice to hear); potential followers are nurtured when aligned or
 * quiet, qualified when engaged without a values signal.
 */
export function actionFor(segment: Segment, dissenter: boolean, nurture: boolean): Action {
  switch (segment) {
    case 'advocate':
      return 'thank';
    case 'potential':
      return nurture ? 'nurture' : 'qualify';
    case 'passive':
      return 'none';
    case 'misaligned':
      return dissenter ? 'hear' : 'review';
  }
}

/** The counts a report keeps per segment, from which each action list's total is read. */
export interface SegmentCounts {
  advocate: { count: number };
  potential: { count: number; nurture: number; qualify: number };
  misaligned: { count: number; dissenters: number };
}

interface ActionListRow {
  action: Action;
  title: string;
  /** The score the list is ranked by first, shown as its score column. */
  rankedBy: 'alignment' | 'engagement';
  /** How many followers take this action in total (the list keeps only the top N). */
  total: (s: SegmentCounts) => number;
}

/** The action lists of the report, in the order they are shown, by the key the report uses. */
export const ACTION_LISTS = {
  advocates: { action: 'thank', title: 'Advocates to thank', rankedBy: 'engagement', total: (s) => s.advocate.count },
  nurture: { action: 'nurture', title: 'Potential to nurture (aligned, quiet)', rankedBy: 'alignment', total: (s) => s.potential.nurture },
  qualify: {
    action: 'qualify',
    title: 'Potential to qualify (engaged, values signal missing or below the bar)',
    rankedBy: 'engagement',
    total: (s) => s.potential.qualify,
  },
  dissenters: { action: 'hear', title: 'Dissenters to hear before removing anyone', rankedBy: 'engagement', total: (s) => s.misaligned.dissenters },
  review: { action: 'review', title: 'Misaligned to review', rankedBy: 'engagement', total: (s) => s.misaligned.count - s.misaligned.dissenters },
} as const satisfies Record<string, ActionListRow>;
export type ListKey = keyof typeof ACTION_LISTS;
export const LIST_ORDER = Object.keys(ACTION_LISTS) as ListKey[];

/** The list a follower with this action belongs in, if any ('none' has no list). */
export const LIST_FOR_ACTION = Object.fromEntries(LIST_ORDER.map((k) => [ACTION_LISTS[k].action, k])) as Partial<Record<Action, ListKey>>;

/** One value per action list, in list order: how the report, its snapshot and its anonymized copy are built. */
export function forEachList<T>(make: (key: ListKey) => T): Record<ListKey, T> {
  return Object.fromEntries(LIST_ORDER.map((k) => [k, make(k)])) as Record<ListKey, T>;
}
