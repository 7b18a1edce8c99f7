/**
 * Common English words that say nothing about a community's values, left out
 * of the word counts of `kindred init --from`. Folded the same way as profile
 * text (lower case, apostrophes dropped: "don't" is "dont").
 */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  `a about above after again against all also am amp an and any are as at be because been before being below
between both but by can cant could did didnt do does doesnt doing dont down during each etc every few for from
further get got had has have having he her here hers herself him himself his how i id ill im ive if in into
is isnt it its itself just let lets like me more most much my myself no nor not now of off on once one only
or other our ours ourselves out over own per same she should so some such than that thats the their theirs them
themselves then there these they theyre this those through to too under until up upon us very via was we were
weve what when where which while who whom whose why will with would you youd youll youre youve your yours yourself
yourselves new always never still really things thing lot lots way ways`.split(/\s+/),
);
