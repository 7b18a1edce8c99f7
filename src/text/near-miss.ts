import { distance } from 'fastest-levenshtein';

/**
 * "Did you mean …?" for a name someone typed (a flag, a field of the values
 * file, a follower's handle): the closest candidates, kept while candidates
 * stream past, so a million handles cost one pass and a few strings of memory.
 *
 * Names are compared folded (case, `_`, `-`, spaces and a leading `@` do not
 * count: `red_flags` is `redFlags`). A candidate is near when a few edits
 * turn one into the other (about one edit per three characters, at least
 * one: `valuse` → `values` is two), or when it starts with what was typed
 * (`fern` → `fernleaf_books`, ranked as one edit).
 */
export interface NearMisses {
  offer(candidate: string): void;
  /** The nearest first (ties in the order offered); at most `limit`. */
  best(): string[];
}

export function nearMissFinder(typed: string, limit = 3): NearMisses {
  const target = foldName(typed);
  const maxEdits = Math.max(1, Math.round(target.length / 3));
  const kept: { name: string; score: number; order: number }[] = [];
  const seen = new Set<string>();
  let order = 0;
  return {
    offer(candidate) {
      const folded = foldName(candidate);
      if (!folded || !target || seen.has(candidate)) return;
      // Cheap length check first: most handles are too long or short to be near.
      const prefix = target.length >= 3 && folded.startsWith(target);
      if (!prefix && Math.abs(folded.length - target.length) > maxEdits) return;
      const edits = prefix ? Math.min(1, folded.length - target.length) : distance(folded, target);
      if (!prefix && edits > maxEdits) return;
      seen.add(candidate);
      kept.push({ name: candidate, score: edits, order: order++ });
      kept.sort((a, b) => a.score - b.score || a.order - b.order);
      if (kept.length > limit) seen.delete(kept.pop()!.name);
    },
    best: () => kept.map((k) => k.name),
  };
}

/** The nearest candidates to `typed`, nearest first. */
export function nearMisses(typed: string, candidates: Iterable<string>, limit = 3): string[] {
  const finder = nearMissFinder(typed, limit);
  for (const c of candidates) finder.offer(c);
  return finder.best();
}

function foldName(name: string): string {
  return name.toLowerCase().replace(/^@/, '').replace(/[\s_-]+/g, '');
}
