import { InputError } from '../errors.js';
import type { EngagementEvidence, Follower, InteractionType } from '../follower.js';
import { handleKey } from '../handles.js';
import { type CommentSink, COMMENT_LIST_KEYS, commentColumns, isCommentEntry, readCommentsCsv, readCommentsJson } from './comments.js';
import { type CsvLayout, readCsvRecords, sniffCsvLayout } from './csv.js';
import { peekJsonEntries } from './json-entries.js';
import { looksLikeJson } from './sources/json-rows.js';
import { type EngagementIndex, EngagementIndexBuilder } from './engagement-index.js';
import { type FieldName, fieldForHeader, foldHeader, mapColumns } from './fields.js';
import type { OpenedInput } from './open-input.js';
import { type DateOrder, type DateOrderEvidence, type DateOrderTally, dateOrderEvidence, emptyDateOrderTally, parseCount, parseDate } from './parse-fields.js';
import type { SkippedRow } from './rows.js';
import { type CsvPreset, columnOf, openCsv } from './sources/generic-csv.js';
import { meltwaterPreset } from './sources/meltwater.js';

const TYPE_HEADERS = new Set(['type', 'interaction', 'interactiontype', 'action', 'event', 'eventtype', 'kind', 'activity']);
const DATE_HEADERS = new Set(['date', 'timestamp', 'time', 'createdat', 'at', 'when', 'datetime', 'interactedat', 'occurredat']);
const COUNT_HEADERS = new Set(['count', 'n', 'times', 'number']);

const TYPE_WORDS: Record<string, InteractionType> = {
  like: 'like', likes: 'like', liked: 'like', favorite: 'like', favourite: 'like', fav: 'like', heart: 'like', reaction: 'like', react: 'like',
  reply: 'reply', replies: 'reply', replied: 'reply', response: 'reply',
  comment: 'comment', comments: 'comment', commented: 'comment',
  share: 'share', shares: 'share', shared: 'share', retweet: 'share', rt: 'share', repost: 'share', reposted: 'share', quote: 'share', boost: 'share', reblog: 'share',
  mention: 'mention', mentions: 'mention', mentioned: 'mention', tag: 'mention', tagged: 'mention',
  dm: 'dm', message: 'dm', messages: 'dm', directmessage: 'dm',
};

export function interactionType(word: string): InteractionType {
  return TYPE_WORDS[foldHeader(word)] ?? 'other';
}

export interface InteractionsLog {
  file: string;
  rowsRead: number;
  skipped: SkippedRow[];
  skippedCount: number;
  /** Every skipped row counted by its code (skipped keeps only the first ones). */
  skippedByCode: Record<string, number>;
  /** What the file's numeric dates say about their day/month order (distinct dates). */
  dateOrder: DateOrderTally;
  /** The evidence per handle, compact (see EngagementIndex). */
  index: EngagementIndex;
}

/**
 * Reads an interactions file into per-handle engagement evidence. Two shapes:
 * an event log (one row per like/reply/… with a handle, a type and a date) or
 * per-handle counts (likes, replies, … columns, optionally a last-interaction
 * date). The result is held in memory, keyed by the normalised handle: it is
 * joined to followers as they stream past (see joinEngagement).
 */
export async function readInteractions(
  input: OpenedInput,
  dateOrder: DateOrder = 'mdy',
  /** How many skipped rows to keep in `skipped` (all of them for --rejects). */
  keepSkipped = 100,
): Promise<InteractionsLog> {
  const layout = sniffCsvLayout(input.head, (h) => {
    const f = foldHeader(h);
    return !!fieldForHeader(h) || TYPE_HEADERS.has(f) || DATE_HEADERS.has(f);
  });
  const comments = await readCommentsFile(input, layout, dateOrder, keepSkipped);
  if (comments) return comments;
  if (!layout) throw new InputError('the interactions file is empty', input.name);
  const mentions = mentionsPreset(layout.headers);
  if (mentions) return readMentions(input, mentions, dateOrder);
  const folded = layout.headers.map(foldHeader);
  const { map } = mapColumns(layout.headers);
  const handleIdx = map.handle ?? map.profileUrl;
  if (handleIdx === undefined) {
    throw new InputError(
      `no handle column in the interactions file. Columns found: ${layout.headers.map((h) => JSON.stringify(h)).join(', ')}. It needs a handle (or username / profile URL) column, plus either type and date columns or count columns such as likes, replies`,
      input.name,
    );
  }
  const typeIdx = folded.findIndex((h) => TYPE_HEADERS.has(h));
  const dateIdx = (() => {
    const i = folded.findIndex((h) => DATE_HEADERS.has(h));
    return i >= 0 ? i : map.lastInteractionAt;
  })();
  const countIdx = folded.findIndex((h) => COUNT_HEADERS.has(h));
  const countColumns = (['likes', 'replies', 'comments', 'shares', 'mentions', 'dms', 'interactions'] as FieldName[])
    .filter((f) => map[f] !== undefined)
    .map((f) => [map[f]!, COUNT_TYPE[f]!] as const);
  if (typeIdx < 0 && countColumns.length === 0 && dateIdx === undefined) {
    throw new InputError(
      `the interactions file has a handle column but no type, date or count columns. Columns found: ${layout.headers.map((h) => JSON.stringify(h)).join(', ')}`,
      input.name,
    );
  }

  const log = newLog(input.name);
  const builder = new EngagementIndexBuilder();
  // Epoch ms, or null when unreadable.
  const dates = new Map<string, number | null | undefined>();
  const skip = (s: SkippedRow) => {
    countSkip(log, s);
    if (log.skipped.length < keepSkipped) log.skipped.push(s);
  };
  for await (const { cells, line } of readCsvRecords(input, layout, (p) => {
    log.rowsRead++;
    skip({ code: p.code, file: input.name, line: p.line, detail: p.detail });
  })) {
    log.rowsRead++;
    const key = handleKey(cells[handleIdx] ?? '');
    if (!key) {
      skip({ code: 'MISSING_HANDLE', file: input.name, line, detail: 'no handle in this row', cells });
      continue;
    }
    // A handle counts as in the log even when its row is then skipped for its date.
    const slot = builder.slotOf(key);
    const dateRaw = dateIdx !== undefined ? (cells[dateIdx] ?? '').trim() : '';
    // Logs repeat the same few hundred days: each distinct day is parsed once.
    let at = dateRaw ? dates.get(dateRaw) : undefined;
    if (dateRaw && !dates.has(dateRaw)) {
      const parsed = parseDate(dateRaw, dateOrder);
      at = parsed ? parsed.getTime() : parsed;
      const evidence = parsed ? dateOrderEvidence(dateRaw) : undefined;
      if (evidence) log.dateOrder[evidence]++;
      if (dates.size > 10_000) dates.clear();
      dates.set(dateRaw, at);
    }
    if (at === null) {
      skip({ code: 'MALFORMED_ROW', file: input.name, line, detail: `unreadable date "${dateRaw}"`, cells });
      continue;
    }
    if (countColumns.length > 0) {
      for (const [idx, type] of countColumns) {
        const n = parseCount(cells[idx] ?? '');
        if (!n || n <= 0) continue;
        builder.add(slot, type, n, at);
      }
    } else {
      const type = typeIdx >= 0 ? interactionType(cells[typeIdx] ?? '') : 'other';
      const n = countIdx >= 0 ? (parseCount(cells[countIdx] ?? '') ?? 1) : 1;
      if (n > 0) builder.add(slot, type, n, at);
    }
  }
  return { ...log, index: builder.finish() };
}

/** A comments file (see comments.ts) read into a log, or undefined when the file is not one. */
async function readCommentsFile(input: OpenedInput, layout: CsvLayout | undefined, dateOrder: DateOrder, keepSkipped: number): Promise<InteractionsLog | undefined> {
  let read: ((sink: CommentSink) => Promise<void>) | undefined;
  if (looksLikeJson(input)) {
    const first = peekJsonEntries(input.head, { file: input.name, listKeys: COMMENT_LIST_KEYS })?.entries[0];
    if (isCommentEntry(first)) read = (sink) => readCommentsJson(input, sink);
  } else if (layout) {
    const columns = commentColumns(layout.headers);
    if (columns && meltwaterPreset.signature(layout.headers) === 0) read = (sink) => readCommentsCsv(input, layout, columns, sink);
  }
  if (!read) return undefined;
  const log = newLog(input.name);
  const builder = new EngagementIndexBuilder();
  await read({
    builder,
    dateOrder,
    tally: log.dateOrder,
    read: () => log.rowsRead++,
    skip: (s) => {
      countSkip(log, s);
      if (log.skipped.length < keepSkipped) log.skipped.push(s);
    },
  });
  return { ...log, index: builder.finish() };
}

// A mentions export (Sprout-style inbox or listening export): one row per
// message, with its author, a date and the message text, but no type column.
const AUTHOR_HEADERS = ['Author Handle', 'From Handle', 'Sender Handle', 'Twitter Screen Name', 'From', 'Sender', 'Author', 'Username', 'Handle', 'Screen Name'];
const MESSAGE_HEADERS = new Set(['message', 'text', 'content', 'post', 'body', 'hitsentence', 'openingtext', 'tweet', 'messagetext', 'comment']);

function mentionsPreset(headers: string[]): CsvPreset | undefined {
  if (meltwaterPreset.signature(headers) > 0) return meltwaterPreset;
  const folded = headers.map(foldHeader);
  if (folded.some((h) => TYPE_HEADERS.has(h)) || !folded.some((h) => MESSAGE_HEADERS.has(h))) return undefined;
  const author = columnOf(headers, ...AUTHOR_HEADERS);
  const date = folded.findIndex((h) => DATE_HEADERS.has(h));
  if (author === undefined || date < 0) return undefined;
  return {
    id: 'mentions',
    label: 'mentions export',
    signature: () => 1,
    columns: () => ({ handle: author, lastInteractionAt: date }),
    rowOptions: () => ({ rowIsInteraction: 'mention' }),
  };
}

/**
 * Reads a mentions export as an interactions log: each message is one
 * mention by its author, dated, plus any likes/replies/reposts/comments
 * columns (the same evidence a Meltwater export gives as a follower file).
 */
async function readMentions(input: OpenedInput, preset: CsvPreset, dateOrder: DateOrder): Promise<InteractionsLog> {
  const log = newLog(input.name);
  const builder = new EngagementIndexBuilder();
  const reader = await openCsv(input, { map: {}, dateOrder }, preset);
  for await (const item of reader.items) {
    log.rowsRead++;
    if (item.kind === 'skip') {
      countSkip(log, item.skip);
      if (log.skipped.length < 100) log.skipped.push(item.skip);
      continue;
    }
    for (const w of item.warnings) if (w.code === 'DATE_ORDER') log.dateOrder[w.value as DateOrderEvidence]++;
    builder.addEvidence(item.follower.key, item.follower.engagement);
  }
  return { ...log, index: builder.finish() };
}

function newLog(file: string) {
  return { file, rowsRead: 0, skipped: [] as SkippedRow[], skippedCount: 0, skippedByCode: {} as Record<string, number>, dateOrder: emptyDateOrderTally() };
}

function countSkip(log: ReturnType<typeof newLog>, s: SkippedRow): void {
  log.skippedCount++;
  log.skippedByCode[s.code] = (log.skippedByCode[s.code] ?? 0) + 1;
}

const COUNT_TYPE: Partial<Record<FieldName, InteractionType>> = {
  likes: 'like',
  replies: 'reply',
  comments: 'comment',
  shares: 'share',
  mentions: 'mention',
  dms: 'dm',
  interactions: 'other',
};

/** Adds evidence from an interactions log to what the export itself said. */
export function mergeEngagement(into: EngagementEvidence, from: EngagementEvidence): void {
  into.dated.push(...from.dated);
  for (const [type, n] of Object.entries(from.undated) as [InteractionType, number][]) {
    into.undated[type] = (into.undated[type] ?? 0) + n;
  }
  if (from.rating !== undefined && into.rating === undefined) into.rating = from.rating;
}

/**
 * Joins the logs' evidence for this follower into its engagement, log by log
 * in the order given, and marks each log's handle as met (for the report's
 * matched / not-followers counts).
 */
export function joinEngagement(follower: Follower, logs: readonly Pick<InteractionsLog, 'index'>[]): void {
  for (let i = 0; i < logs.length; i++) {
    const index = logs[i]!.index;
    const slot = index.lookup(follower.key);
    if (slot < 0) continue;
    mergeEngagement(follower.engagement, index.evidence(slot));
    const said = index.commentsOf(slot);
    if (said.length > 0) follower.comments = [...(follower.comments ?? []), ...said];
    index.markMatched(slot);
  }
}
