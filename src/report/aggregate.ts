import type { Classified } from '../classify.js';
import { forEachList, LIST_FOR_ACTION, LIST_ORDER, type ListKey, type Segment } from '../decision-table.js';
import { type DateOrder, type DateOrderEvidence, type DateOrderTally, emptyDateOrderTally } from '../io/parse-fields.js';
import type { RowWarning, SkippedRow } from '../io/rows.js';
import type { SourceInfo } from '../io/sources/types.js';
import { compareNatural } from '../text/natural-order.js';
import type { CompiledValues } from '../values/compile.js';
import { describeFinding, describeMissingSignal, type FindingInput, type MissingSignal } from './findings.js';
import type { FollowerSummary, Report } from './model.js';
import { ownString, ownStrings } from './own-strings.js';
import { reasonsFor } from './reasons.js';
import { SCHEMA_VERSION } from './schema-version.js';
import { TopN } from './top-n.js';

export interface AggregatorOptions {
  values: CompiledValues;
  asOf: Date;
  /** How many followers each action list keeps (--top). */
  top: number;
  /** How ambiguous numeric dates were read (--date-order), named in the finding when that may be wrong. */
  dateOrder?: DateOrder;
  version: string;
}

export interface InputStats {
  file: string;
  info: SourceInfo;
  label: string;
}

export interface InteractionsStats {
  file: string;
  rowsRead: number;
  skipped: number;
  skippedByCode: Record<string, number>;
  /** The first skipped rows, shown in the data-quality section. */
  skippedSamples: SkippedRow[];
  dateOrder: DateOrderTally;
  handles: number;
  matchedFollowers: number;
}

const SAMPLE_LIMIT = 20;
const WARNING_SAMPLES = 5;
const TEXT_SIGNAL_FIELDS = ['bio', 'headline', 'company'];
const ENGAGEMENT_SIGNAL_FIELDS = ['likes', 'replies', 'comments', 'shares', 'mentions', 'dms', 'interactions', 'rating'];
const AUTHENTICITY_SIGNAL_FIELDS = ['followers', 'following', 'posts', 'accountCreatedAt', 'defaultAvatar', 'verified', 'listed', 'likesGiven'];
// Rows a reader folded into another row (a mentions export's further mentions by the same author): accounted, not lost.
const MERGE_CODES = new Set(['MENTION_MERGED']);

/**
 * Folds classified followers into a Report as they stream past: counters and
 * bounded top-N lists only, so memory does not grow with the export.
 */
export function createAggregator(options: AggregatorOptions) {
  const { values: cv, top } = options;
  const valueCount = cv.file.values.length;
  const inputs: (InputStats & { rowsRead: number; classified: number; skipped: number; hasAuthenticity: boolean })[] = [];
  // Read at the end: a reader may learn its fields only once rows arrive.
  const has = (i: InputStats, fields: readonly string[]) => fields.some((f) => (i.info.fields as readonly string[]).includes(f));
  const hasText = (i: InputStats) => has(i, TEXT_SIGNAL_FIELDS);
  const hasEngagement = (i: InputStats) => has(i, ENGAGEMENT_SIGNAL_FIELDS);
  const interactions: InteractionsStats[] = [];
  const missingSignals = (i: InputStats): MissingSignal[] => [
    ...(hasText(i) ? [] : ['profileText' as const]),
    ...(hasEngagement(i) ? [] : ['engagement' as const]),
    ...(has(i, AUTHENTICITY_SIGNAL_FIELDS) ? [] : ['authenticity' as const]),
  ];
  // Everything counted, in one plain object: a worker thread's share of an export is merged in whole (see merge()).
  const n = createCounts(valueCount, cv.file.redFlags.length);
  const { seg, valueFollowers, valueAdvocates, valueAligned, idealBySegment, redFlagCounts, evidence, skippedByCode } = n;
  const skippedSamples: SkippedSample[] = [];
  const warnings = new Map<string, WarningEntry>();

  // Ties in a list read naturally (fan2 before fan10), the same on every machine.
  const byKey = (a: Classified, b: Classified) => compareNatural(a.follower.key, b.follower.key) || a.follower.source.line - b.follower.source.line;
  const by = (...scores: ((c: Classified) => number)[]) => (a: Classified, b: Classified) => {
    for (const s of scores) {
      const d = s(b) - s(a);
      if (d !== 0) return d;
    }
    return byKey(a, b);
  };
  const eng = (c: Classified) => c.engagement.score;
  const ali = (c: Classified) => c.alignment.score;
  const lists: Record<ListKey, TopN<Classified>> = {
    advocates: new TopN<Classified>(top, by(eng, ali)),
    nurture: new TopN<Classified>(top, by(ali, eng)),
    qualify: new TopN<Classified>(top, by(eng)),
    dissenters: new TopN<Classified>(top, by(eng, (c) => c.alignment.conflicts.length)),
    review: new TopN<Classified>(top, by((c) => c.alignment.conflicts.length, eng, (c) => c.authenticity.probability ?? 0)),
  };
  let current: (typeof inputs)[number] | undefined;

  return {
    startInput(stats: InputStats) {
      current = { ...stats, rowsRead: 0, classified: 0, skipped: 0, hasAuthenticity: false };
      inputs.push(current);
    },

    addInteractions(stats: InteractionsStats) {
      interactions.push(stats);
    },

    add(c: Classified) {
      if (current) {
        current.rowsRead++;
        current.classified++;
        if (c.authenticity.checked) current.hasAuthenticity = true;
      }
      seg[c.segment]++;
      if (c.follower.key.startsWith('id:')) n.idOnly++;
      if (c.action === 'nurture') n.nurture++;
      if (c.action === 'qualify') n.qualify++;
      const flags = c.flags;
      if (c.segment === 'passive') {
        if (flags.includes('no-evidence')) n.noEvidence++;
        else n.noSignal++;
      }
      // The misaligned parts are exclusive: each follower lands in exactly one (see misalignedPart).
      if (c.segment === 'misaligned') n[misalignedPart(c)]++;
      if (c.authenticity.checked) n.checked++;
      if (c.authenticity.suspect) n.suspects++;
      if (c.engagement.engaged) n.engaged++;
      else if (c.engagement.stale > 0) n.staleOnly++;
      for (const v of c.alignment.values) {
        valueFollowers[v.index]!++;
        if (c.segment === 'advocate') valueAdvocates[v.index]!++;
      }
      if (c.alignment.aligned && c.segment !== 'misaligned') {
        n.aligned++;
        for (const v of c.alignment.values) valueAligned[v.index]!++;
      }
      if (c.alignment.idealFit) idealBySegment[c.segment]++;
      for (const conflict of c.alignment.conflicts) {
        if (conflict.source === 'redFlag') redFlagCounts[conflict.index]!++;
      }
      const text = c.alignment.hasText;
      const engagementEvidence = c.engagement.hasEvidence;
      if (text && engagementEvidence) evidence.both++;
      else if (text) evidence.profileTextOnly++;
      else if (engagementEvidence) evidence.engagementOnly++;
      else evidence.none++;
      if (c.follower.reach !== undefined) {
        n.mentionReach.followers++;
        n.mentionReach.total += c.follower.reach;
      }
      // Whose own words were read, and where: profile text, comments they wrote, or both.
      if (c.alignment.hasComments) {
        if (text) n.words.both++;
        else n.words.commentsOnly++;
      } else if (text) n.words.profileOnly++;
      const e = c.engagement;
      n.futureInteractions += e.future;
      n.staleInteractions += e.stale;
      for (const k of Object.values(e.counted)) n.countedInteractions += k;

      const list = LIST_FOR_ACTION[c.action];
      if (list && lists[list].offer(c)) ownStrings(c);
    },

    skip(s: SkippedRow) {
      if (current) {
        current.rowsRead++;
        current.skipped++;
      }
      skippedByCode[s.code] = (skippedByCode[s.code] ?? 0) + 1;
      if (skippedSamples.length < SAMPLE_LIMIT) {
        skippedSamples.push({ file: s.file, line: s.line, code: s.code, ...(s.detail ? { detail: ownString(s.detail) } : {}) });
      }
    },

    warn(w: RowWarning, file: string) {
      // Not a problem with the cell: evidence of the file's day/month order, tallied for one finding.
      if (w.code === 'DATE_ORDER') {
        n.dateOrder[w.value as DateOrderEvidence]++;
        return;
      }
      const id = `${w.code}:${w.field}`;
      let entry = warnings.get(id);
      if (!entry) {
        entry = { code: w.code, field: w.field, count: 0, samples: [] };
        warnings.set(id, entry);
      }
      entry.count++;
      if (entry.samples.length < WARNING_SAMPLES) entry.samples.push({ file, line: w.line, value: ownString(w.value) });
    },

    /** Everything counted so far, as plain data that can cross to another thread (see merge). */
    snapshot(): AggregateSnapshot {
      return {
        counts: n,
        current: current ? { rowsRead: current.rowsRead, classified: current.classified, skipped: current.skipped, hasAuthenticity: current.hasAuthenticity } : undefined,
        lists: forEachList((k) => [...lists[k].values()]),
        skippedSamples,
        warnings: [...warnings.values()],
      };
    },

    /**
     * Adds another aggregator's counts (a worker thread's share of the current
     * input) to this one. The result is what one aggregator seeing all the rows
     * would hold: counters add up, the top-N lists keep the best of both (a
     * total order), and samples keep the first ones by line.
     */
    merge(other: AggregateSnapshot) {
      addCounts(n, other.counts);
      if (current && other.current) {
        current.rowsRead += other.current.rowsRead;
        current.classified += other.current.classified;
        current.skipped += other.current.skipped;
        current.hasAuthenticity ||= other.current.hasAuthenticity;
      }
      for (const name of LIST_ORDER) for (const c of other.lists[name]) lists[name].offer(c);
      const file = current?.file;
      mergeSamples(skippedSamples, other.skippedSamples, file, SAMPLE_LIMIT);
      for (const w of other.warnings) {
        const entry = warnings.get(`${w.code}:${w.field}`);
        if (!entry) {
          warnings.set(`${w.code}:${w.field}`, { ...w, samples: [...w.samples] });
          continue;
        }
        entry.count += w.count;
        mergeSamples(entry.samples, w.samples, file, WARNING_SAMPLES);
      }
    },

    finish(): Report {
      const { nurture, qualify, noEvidence, noSignal, dissenters, quietConflicts, spam, suspectAccounts, overridden, suspects, checked, engaged, staleOnly, idOnly, aligned } = n;
      const classified = seg.advocate + seg.potential + seg.passive + seg.misaligned;
      const skipped = Object.values(skippedByCode).reduce((a, b) => a + b, 0);
      const rowsRead = classified + skipped;
      // Shares are exact: a renderer rounds once, so 70 of 88 reads 79.5%, never 79.6% from a rounded share.
      const share = (n: number, of = classified) => (of > 0 ? n / of : 0);
      const q = cv.scoring.quality;
      // Values show in profile text and in comments alike.
      const withText = evidence.both + evidence.profileTextOnly + n.words.commentsOnly;
      const quality = qualityOf({ classified, advocates: seg.advocate, nurture, misaligned: seg.misaligned, withText }, q);
      const misalignedShare = share(seg.misaligned);
      // Values, and so dissent and concentration, are seen only in profile text: the same bar as the score.
      const valuesVisible = quality.notMeasurable === null;

      const engagementAvailable = inputs.some(hasEngagement) || interactions.length > 0;
      const valuesOut = cv.file.values.map((v, i) => ({
        name: v.name,
        weight: v.weight,
        followers: valueFollowers[i]!,
        share: share(valueFollowers[i]!),
        advocates: valueAdvocates[i]!,
        advocateShare: share(valueAdvocates[i]!, seg.advocate),
      }));
      const unexpressed = valuesOut.filter((v) => v.followers === 0).map((v) => v.name);

      const groupThink = groupThinkOf(valueAligned, aligned, cv.file.values.map((v) => v.name), dissenters, engaged, engagementAvailable, valuesVisible);

      const findings: FindingInput[] = [];
      if (classified === 0) findings.push({ code: 'NO_FOLLOWERS' });
      if (classified > 0 && !engagementAvailable) findings.push({ code: 'NO_ENGAGEMENT_DATA' });
      for (const i of inputs) {
        if (i.info.platformMismatch) findings.push({ code: 'PLATFORM_MISMATCH', file: i.file, ...i.info.platformMismatch });
        if (i.info.emailIdentity !== undefined) findings.push({ code: 'EMAIL_IDENTITY', file: i.file, column: i.info.emailIdentity });
      }
      if (idOnly > 0) findings.push({ code: 'IDS_ONLY', count: idOnly, all: idOnly === classified });
      if (classified > 0 && withText === 0) {
        // When every input is a platform follower list, --map cannot help: say what the format lacks.
        const platformOnly = inputs.length > 0 && inputs.every((i) => i.info.identityOnly);
        findings.push({ code: 'NO_PROFILE_TEXT', ...(platformOnly ? { platformLists: [...new Set(inputs.map((i) => i.label))] } : {}) });
      } else if (quality.notMeasurable?.code === 'LITTLE_PROFILE_TEXT') {
        findings.push({ code: 'LITTLE_PROFILE_TEXT', withText, classified, minShare: q.minProfileTextShare });
      }
      if (groupThink.noDissent) findings.push({ code: 'NO_DISSENT', engaged });
      if (groupThink.oneValue && groupThink.dominantValue) {
        findings.push({ code: 'ONE_VALUE_DOMINATES', value: groupThink.dominantValue, share: groupThink.dominantMentionShare, diversity: groupThink.diversity });
      }
      if (classified > 0 && withText > 0 && unexpressed.length > 0) findings.push({ code: 'UNEXPRESSED_VALUES', values: unexpressed });
      if (suspects > 0) findings.push({ code: 'SUSPECTS', count: suspects, share: suspects / Math.max(1, classified) });
      const { futureInteractions, staleInteractions, countedInteractions } = n;
      // Nothing in the window at all: most often a typo in --as-of, and every engagement verdict rests on it.
      if (staleInteractions > 0 && countedInteractions === 0) {
        findings.push({ code: 'ALL_STALE', count: staleInteractions, windowDays: cv.scoring.windowDays, asOf: options.asOf.toISOString().slice(0, 10) });
      } else if (staleOnly > 0) findings.push({ code: 'STALE_ENGAGEMENT', count: staleOnly, windowDays: cv.scoring.windowDays });
      const dates = [n.dateOrder, ...interactions.map((i) => i.dateOrder)].reduce((a, t) => ({
        ambiguous: a.ambiguous + t.ambiguous,
        dayFirst: a.dayFirst + t.dayFirst,
        monthFirst: a.monthFirst + t.monthFirst,
      }));
      const dateFinding = dateOrderFinding(dates, options.dateOrder ?? 'mdy');
      if (dateFinding) findings.push(dateFinding);
      if (futureInteractions > 0) findings.push({ code: 'AFTER_AS_OF', count: futureInteractions, asOf: options.asOf.toISOString().slice(0, 10) });
      const notFollowers = interactions.reduce((n, i) => n + (i.handles - i.matchedFollowers), 0);
      if (notFollowers > 0) findings.push({ code: 'NOT_FOLLOWERS', count: notFollowers });
      const merged = Object.entries(skippedByCode).reduce((n, [code, k]) => n + (MERGE_CODES.has(code) ? k : 0), 0);
      if (skipped - merged > 0) findings.push({ code: 'ROWS_SKIPPED', skipped: skipped - merged, rows: rowsRead });
      if (merged > 0) findings.push({ code: 'MENTIONS_MERGED', count: merged });
      if (skippedByCode.DUPLICATE_HANDLE) findings.push({ code: 'DUPLICATES', count: skippedByCode.DUPLICATE_HANDLE });
      const idealFit = Object.values(idealBySegment).reduce((a, b) => a + b, 0);
      if (cv.hasIdealCustomer && classified > 0 && withText > 0 && idealFit === 0) findings.push({ code: 'NO_IDEAL_FIT' });

      const summarise = (list: TopN<Classified>) => list.values().map((c) => summary(c, cv.scoring.windowDays));
      const file = cv.file;
      return {
        schemaVersion: SCHEMA_VERSION,
        tool: { name: 'kindred', version: options.version },
        brand: file.brand,
        ...(file.promise ? { promise: file.promise } : {}),
        asOf: options.asOf.toISOString().slice(0, 10),
        inputs: inputs.map((i) => ({
          file: i.file,
          format: i.info.format,
          formatLabel: i.label,
          rowsRead: i.rowsRead,
          classified: i.classified,
          skipped: i.skipped,
          columns: i.info.columns,
          fields: [...i.info.fields].sort(),
          unusedColumns: i.info.unusedColumns ?? [],
          // Authenticity fields present, or followers actually checked (a reader may learn its fields late).
          signals: { profileText: hasText(i), engagement: hasEngagement(i), authenticity: i.hasAuthenticity || has(i, AUTHENTICITY_SIGNAL_FIELDS) },
          missing: missingSignals(i).map((signal) => ({ signal, meaning: describeMissingSignal(signal, interactions.length > 0) })),
        })),
        interactions: interactions.map((i) => ({
          file: i.file,
          rowsRead: i.rowsRead,
          skipped: i.skipped,
          skippedByCode: sortedRecord(i.skippedByCode),
          skippedSamples: i.skippedSamples.map((s) => ({ file: s.file, line: s.line, code: s.code, ...(s.detail ? { detail: s.detail } : {}) })),
          handles: i.handles,
          matchedFollowers: i.matchedFollowers,
          notFollowers: i.handles - i.matchedFollowers,
        })),
        totals: { rowsRead, classified, skipped },
        segments: {
          advocate: { count: seg.advocate, share: share(seg.advocate) },
          potential: { count: seg.potential, share: share(seg.potential), nurture, qualify },
          passive: { count: seg.passive, share: share(seg.passive), noEvidence, noSignal },
          misaligned: { count: seg.misaligned, share: misalignedShare, dissenters, quietConflicts, spam, suspects: suspectAccounts, overridden },
        },
        quality: {
          score: quality.score,
          notMeasurable: quality.notMeasurable,
          profileTextShare: share(withText),
          minProfileTextShare: q.minProfileTextShare,
          effectiveCommunity: Math.round(quality.effective * 10) / 10,
          effectiveShare: share(quality.effective),
          potentialWeight: q.potentialWeight,
          target: q.target,
          formula: `round(100 × min(1, effectiveShare / ${q.target}) × (1 − misalignedShare)); effectiveShare = (advocates + ${q.potentialWeight} × potential to nurture) / classified; not measurable when fewer than ${q.minProfileTextShare * 100}% of classified followers have profile text`,
        },
        authenticity: { checked, suspects, share: share(suspects), enabled: cv.scoring.authenticity.enabled },
        values: valuesOut,
        unexpressedValues: unexpressed,
        idealCustomer: { defined: cv.hasIdealCustomer, fit: idealFit, share: share(idealFit), bySegment: { ...idealBySegment },
          bySegmentShare: {
            advocate: share(idealBySegment.advocate, seg.advocate),
            potential: share(idealBySegment.potential, seg.potential),
            passive: share(idealBySegment.passive, seg.passive),
            misaligned: share(idealBySegment.misaligned, seg.misaligned),
          },
        },
        redFlags: file.redFlags.map((f, i) => ({ name: f.name, kind: f.kind, followers: redFlagCounts[i]! })),
        groupThink: {
          alignedFollowers: aligned,
          diversity: groupThink.diversity,
          dominantValue: groupThink.dominantValue,
          dominantShare: groupThink.dominantShare,
          dominantMentionShare: groupThink.dominantMentionShare,
          dissenters,
          dissentShare: engaged > 0 ? dissenters / engaged : 0,
          risk: groupThink.risk,
          notMeasurable: valuesVisible ? null : quality.notMeasurable!.reason,
        },
        lists: forEachList((k) => summarise(lists[k])),
        dataQuality: {
          skippedByCode: sortedRecord(skippedByCode),
          skippedSamples,
          warnings: [...warnings.values()].sort((a, b) => b.count - a.count || byCodeUnit(a.code, b.code) || byCodeUnit(a.field, b.field)),
          evidence,
          words: n.words,
          engagementAvailable,
          ...(n.mentionReach.followers > 0 ? { mentionReach: { ...n.mentionReach } } : {}),
        },
        findings: findings.map(describeFinding),
      };
    },
  };
}

export type Aggregator = ReturnType<typeof createAggregator>;

type SkippedSample = Report['dataQuality']['skippedSamples'][number];
type WarningEntry = { code: string; field: string; count: number; samples: { file: string; line: number; value: string }[] };

/** The counters of an aggregator: numbers and arrays of numbers only, so two can be added. */
function createCounts(valueCount: number, redFlagCount: number) {
  const zeroBySegment = (): Record<Segment, number> => ({ advocate: 0, potential: 0, passive: 0, misaligned: 0 });
  return {
    seg: zeroBySegment(),
    nurture: 0,
    qualify: 0,
    noEvidence: 0,
    noSignal: 0,
    // Misaligned, by the one part each lands in (misalignedPart).
    dissenters: 0,
    quietConflicts: 0,
    spam: 0,
    suspectAccounts: 0,
    overridden: 0,
    // Every follower flagged suspect, whatever their segment (an override can keep one in the community).
    suspects: 0,
    // Interactions dated after --as-of: ignored, and reported.
    futureInteractions: 0,
    // Numeric dates in the exports, by what they say about day/month order.
    dateOrder: emptyDateOrderTally(),
    // Interactions older than the window, and those that counted (in the window, or undated).
    staleInteractions: 0,
    countedInteractions: 0,
    checked: 0,
    engaged: 0,
    staleOnly: 0,
    // Followers an export names only by account id (an X archive with intent links).
    idOnly: 0,
    aligned: 0,
    valueFollowers: new Array<number>(valueCount).fill(0),
    valueAdvocates: new Array<number>(valueCount).fill(0),
    valueAligned: new Array<number>(valueCount).fill(0),
    idealBySegment: zeroBySegment(),
    redFlagCounts: new Array<number>(redFlagCount).fill(0),
    evidence: { both: 0, profileTextOnly: 0, engagementOnly: 0, none: 0 },
    // What followers' mentions drew (reach), and how many followers it is known for: never engagement.
    mentionReach: { followers: 0, total: 0 },
    words: { profileOnly: 0, commentsOnly: 0, both: 0 },
    skippedByCode: {} as Record<string, number>,
  };
}

type Counts = ReturnType<typeof createCounts>;

/** Adds `from` into `into`, field by field (numbers, arrays and records of numbers). */
function addCounts(into: Counts, from: Counts): void {
  const add = (a: Record<string, number> | number[], b: Record<string, number> | number[]) => {
    for (const [k, v] of Object.entries(b)) (a as Record<string, number>)[k] = ((a as Record<string, number>)[k] ?? 0) + v;
  };
  for (const key of Object.keys(from) as (keyof Counts)[]) {
    const v = from[key];
    if (typeof v === 'number') (into as Record<string, unknown>)[key] = (into[key] as number) + v;
    else add(into[key] as Record<string, number>, v as Record<string, number>);
  }
}

export interface AggregateSnapshot {
  counts: Counts;
  current: { rowsRead: number; classified: number; skipped: number; hasAuthenticity: boolean } | undefined;
  lists: Record<ListKey, Classified[]>;
  skippedSamples: SkippedSample[];
  warnings: WarningEntry[];
}

/**
 * Merges another aggregator's samples of the current input (`file`) into ours:
 * the current input's samples are the tail of `into`, and the first ones by
 * line win, up to `limit` in all.
 */
function mergeSamples<T extends { file: string; line: number }>(into: T[], theirs: readonly T[], file: string | undefined, limit: number): void {
  const sameInput = (x: T) => x.file === file;
  const ours = into.filter(sameInput);
  into.splice(into.length - ours.length, ours.length, ...[...ours, ...theirs.filter(sameInput)].sort((a, b) => a.line - b.line));
  into.length = Math.min(into.length, limit);
}

/**
 * Ambiguous numeric dates (03/04/2025) are read in the --date-order. That is
 * worth a word when nothing in the data confirms it: no date settles the order,
 * or some settle it the other way (then the ambiguous ones were misread).
 */
function dateOrderFinding(t: DateOrderTally, order: DateOrder): FindingInput | undefined {
  if (t.ambiguous === 0) return undefined;
  const settled = t.dayFirst > 0 && t.monthFirst === 0 ? 'dmy' : t.monthFirst > 0 && t.dayFirst === 0 ? 'mdy' : t.dayFirst > 0 ? 'mixed' : 'none';
  if (settled === order) return undefined;
  return { code: 'AMBIGUOUS_DATES', count: t.ambiguous, order, settled };
}

type MisalignedPart = 'dissenters' | 'quietConflicts' | 'spam' | 'suspectAccounts' | 'overridden';

/**
 * The one part of the misaligned breakdown a misaligned follower counts in, so
 * the parts add up to the segment: a dissenter (engaged, in conflict) is not
 * also counted among the quiet conflicts.
 */
function misalignedPart(c: Classified): MisalignedPart {
  if (c.flags.includes('dissenter')) return 'dissenters';
  switch (c.rule) {
    case 'suspect':
      return 'suspectAccounts';
    case 'spam':
      return 'spam';
    case 'conflict':
      return 'quietConflicts';
    default:
      return 'overridden';
  }
}

type QualityInput = { classified: number; advocates: number; nurture: number; misaligned: number; withText: number };
type NotMeasurable = { code: 'NO_FOLLOWERS' | 'NO_PROFILE_TEXT' | 'LITTLE_PROFILE_TEXT'; reason: string };

/**
 * The quality score, or why it cannot be measured. Alignment is seen only in
 * profile text, so an export where too few followers carry any cannot show a
 * values-aligned community, and a number would only measure the text that is
 * missing. Engaged followers with no values signal (potential to qualify) are
 * not evidence of alignment and add nothing; aligned but quiet ones (to
 * nurture) count at potentialWeight.
 */
export function qualityOf(n: QualityInput, q: { potentialWeight: number; target: number; minProfileTextShare: number }) {
  const effective = n.advocates + q.potentialWeight * n.nurture;
  const notMeasurable: NotMeasurable | null =
    n.classified === 0
      ? { code: 'NO_FOLLOWERS', reason: 'no followers' }
      : n.withText === 0
        ? { code: 'NO_PROFILE_TEXT', reason: 'no profile text' }
        : n.withText / n.classified < q.minProfileTextShare
          ? { code: 'LITTLE_PROFILE_TEXT', reason: `too little profile text (${percentOf(n.withText, n.classified)} of followers, under ${percentOf(q.minProfileTextShare, 1)})` }
          : null;
  const score = notMeasurable ? null : Math.round(100 * Math.min(1, effective / n.classified / q.target) * (1 - n.misaligned / n.classified));
  return { score, notMeasurable, effective };
}

/** A percentage rounded once, from the counts, to one decimal place. */
function percentOf(part: number, whole: number): string {
  return `${(Math.round((part / whole) * 1000) / 10).toFixed(1).replace(/\.0$/, '')}%`;
}

/** At or above this share of value mentions on one value, the community is a monoculture. */
export const DOMINANT_VALUE_SHARE = 0.8;

/**
 * Concentration and dissent. Both rest on profile text (values and conflicts
 * are read there), so without enough of it (`valuesVisible` false) there is no
 * verdict. Concentration is judged on the same distribution as diversity (value
 * mentions among aligned followers), so "one value dominates" cannot stand
 * beside an even spread: when everyone holds every value, each value is held
 * by all, yet none dominates.
 */
export function groupThinkOf(
  perValue: number[],
  alignedCount: number,
  names: string[],
  dissenters: number,
  engaged: number,
  engagementAvailable: boolean,
  valuesVisible = true,
) {
  const total = perValue.reduce((a, b) => a + b, 0);
  let diversity: number | null = null;
  if (perValue.length >= 2 && total > 0) {
    let h = 0;
    for (const c of perValue) if (c > 0) h -= (c / total) * Math.log(c / total);
    // Clamped: an even spread computes to 1 ± a rounding error.
    diversity = Math.min(1, Math.max(0, h / Math.log(perValue.length)));
  }
  let maxIdx = -1;
  perValue.forEach((c, i) => {
    if (c > 0 && (maxIdx < 0 || c > perValue[maxIdx]!)) maxIdx = i;
  });
  const dominantShare = alignedCount > 0 && maxIdx >= 0 ? perValue[maxIdx]! / alignedCount : 0;
  const dominantMentionShare = total > 0 && maxIdx >= 0 ? perValue[maxIdx]! / total : 0;
  const oneValue = valuesVisible && perValue.length >= 2 && alignedCount > 0 && dominantMentionShare >= DOMINANT_VALUE_SHARE;
  // Dissent can only be judged where engagement was measured and conflicts could be read.
  const noDissent = valuesVisible && engagementAvailable && engaged > 0 && dissenters === 0;
  const risk: 'low' | 'medium' | 'high' | 'unknown' =
    !valuesVisible || (alignedCount === 0 && !engagementAvailable) ? 'unknown' : oneValue && noDissent ? 'high' : oneValue || noDissent ? 'medium' : 'low';
  return { diversity, dominantValue: maxIdx >= 0 ? names[maxIdx]! : null, dominantShare, dominantMentionShare, oneValue, noDissent, risk };
}

function summary(c: Classified, windowDays: number): FollowerSummary {
  const f = c.follower;
  return {
    handle: f.handle,
    ...(f.name ? { name: f.name } : {}),
    segment: c.segment,
    action: c.action,
    alignment: c.alignment.score,
    engagement: c.engagement.score,
    values: c.alignment.values.map((v) => v.name),
    flags: [...c.flags],
    redFlags: c.alignment.conflicts.map((x) => (x.source === 'hostility' ? `hostile to ${x.name}` : x.name)),
    reasons: reasonsFor(c, windowDays),
    source: { file: f.source.file, line: f.source.line },
  };
}


function sortedRecord(r: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(r).sort(([a], [b]) => byCodeUnit(a, b)));
}

/**
 * Plain code-unit order. localeCompare depends on the machine's locale and ICU
 * data, and the JSON report must be byte-identical wherever it is produced.
 */
function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
