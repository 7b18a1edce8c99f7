import { describe, expect, it } from 'vitest';
import { emptyEngagement } from '../src/follower.js';
import { EngagementIndex } from '../src/io/engagement-index.js';
import type { InteractionsLog } from '../src/io/interactions.js';
import type { SourceItem } from '../src/io/rows.js';
import { type AuditSource, runPipeline } from '../src/pipeline.js';
import { AS_OF, daysAgo, follower, values } from './helpers/values.js';

function source(items: SourceItem[]): AuditSource {
  return {
    file: 'f.csv',
    label: 'test',
    info: { format: 'csv', columns: ['handle', 'bio'], fields: ['handle', 'bio'] },
    items: (async function* () {
      yield* items;
    })(),
  };
}
const row = (handle: string, bio?: string): SourceItem => ({
  kind: 'follower',
  follower: follower({ handle, ...(bio ? { bio } : {}) }),
  warnings: [],
});

describe('pipeline', () => {
  it('accounts for every row: classified + skipped (duplicates, exclusions, missing handles)', async () => {
    const cv = values({ overrides: { exclude: ['@staff'] } });
    const report = await runPipeline(
      [
        source([
          row('ann', 'reader'),
          row('Ann', 'reader again'),
          row('staff', 'we sell books'),
          { kind: 'skip', skip: { code: 'MISSING_HANDLE', file: 'f.csv', line: 5 } },
          row('bob'),
        ]),
      ],
      { values: cv, asOf: AS_OF, top: 5, version: 'test' },
    );
    expect(report.totals).toEqual({ rowsRead: 5, classified: 2, skipped: 3 });
    expect(report.dataQuality.skippedByCode).toEqual({ DUPLICATE_HANDLE: 1, EXCLUDED: 1, MISSING_HANDLE: 1 });
    expect(report.inputs[0]).toMatchObject({ rowsRead: 5, classified: 2, skipped: 3 });
  });

  it('joins interactions on the normalised handle and counts non-followers without inventing them', async () => {
    const evidence = { ...emptyEngagement(), dated: [{ type: 'reply' as const, at: daysAgo(3), count: 2 }] };
    const log: InteractionsLog = {
      file: 'i.csv',
      rowsRead: 3,
      skipped: [],
      skippedCount: 0,
      skippedByCode: {},
      dateOrder: { ambiguous: 0, dayFirst: 0, monthFirst: 0 },
      index: EngagementIndex.fromEntries([
        ['ann', evidence],
        ['stranger', { ...evidence, dated: [...evidence.dated] }],
      ]),
    };
    const seen: string[] = [];
    const report = await runPipeline([source([row('@Ann', 'bookworm'), row('bob')])], {
      values: values(),
      asOf: AS_OF,
      top: 5,
      version: 'test',
      interactions: [log],
      onFollower: (c) => void seen.push(`${c.follower.handle}:${c.segment}`),
    });
    expect(seen).toEqual(['Ann:advocate', 'bob:passive']);
    expect(report.totals.classified).toBe(2);
    expect(report.interactions[0]).toMatchObject({ handles: 2, matchedFollowers: 1, notFollowers: 1 });
  });

  it('says plainly when there is no engagement data, and claims no advocates', async () => {
    const report = await runPipeline([source([row('ann', 'bookworm'), row('bob', 'reader')])], {
      values: values(),
      asOf: AS_OF,
      top: 5,
      version: 'test',
    });
    expect(report.segments.advocate.count).toBe(0);
    expect(report.dataQuality.engagementAvailable).toBe(false);
    expect(report.findings.map((f) => f.code)).toContain('NO_ENGAGEMENT_DATA');
  });
});
