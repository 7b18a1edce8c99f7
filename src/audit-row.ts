import { type Classified, classify } from './classify.js';
import type { EngagementJoin } from './io/engagement-join.js';
import type { SkippedRow, SourceItem } from './io/rows.js';
import type { Aggregator } from './report/aggregate.js';
import type { CompiledValues } from './values/compile.js';

export interface RowContext {
  values: CompiledValues;
  asOf: Date;
  agg: Aggregator;
  join: EngagementJoin;
  /** Is this the first row of this follower key? Asked once per follower row that is not excluded, in input order. */
  isFirst: (key: string) => boolean;
  onClassified?: (c: Classified) => Promise<void> | undefined | void;
  onSkip?: (s: SkippedRow) => Promise<void> | undefined | void;
}

/**
 * What happens to one row, the same on the main thread and in a worker:
 * a skipped row is counted; a follower is checked against exclusions and
 * earlier rows, joined to its interactions, classified and counted. Returns a
 * promise only when an output asks to wait (backpressure).
 */
export function createRowHandler(ctx: RowContext): (item: SourceItem) => Promise<void> | undefined {
  const { values, asOf, agg, join } = ctx;
  return (item) => {
    if (item.kind === 'skip') {
      agg.skip(item.skip);
      return ctx.onSkip?.(item.skip) || undefined;
    }
    const f = item.follower;
    for (const w of item.warnings) agg.warn(w, f.source.file);
    // Excluded handles are never added to the seen set: every row of theirs is EXCLUDED.
    const skipAs = values.excluded.has(f.key) ? 'EXCLUDED' : ctx.isFirst(f.key) ? undefined : 'DUPLICATE_HANDLE';
    if (skipAs) {
      const skip = {
        code: skipAs,
        file: f.source.file,
        line: f.source.line,
        detail: skipAs === 'EXCLUDED' ? `@${f.handle} is in overrides.exclude` : `@${f.handle} appeared earlier`,
      } as const;
      agg.skip(skip);
      return ctx.onSkip?.(skip) || undefined;
    }
    join.join(f);
    const c = classify(f, { values, asOf });
    agg.add(c);
    return ctx.onClassified?.(c) || undefined;
  };
}
