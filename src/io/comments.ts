import type { InteractionType } from '../follower.js';
import { handleKey } from '../handles.js';
import { readCsvRecords } from './csv.js';
import type { CsvLayout } from './csv.js';
import type { EngagementIndexBuilder } from './engagement-index.js';
import { foldHeader } from './fields.js';
import { elementProblem } from './json-array-stream.js';
import { streamJsonEntries } from './json-entries.js';
import type { OpenedInput } from './open-input.js';
import { type DateOrder, type DateOrderTally, dateOrderEvidence, parseDate } from './parse-fields.js';
import type { SkipCode, SkippedRow } from './rows.js';
import { isObject } from './sources/json-rows.js';

/**
 * Comment exports: one row per comment under the brand's posts, with its
 * author, its text and a date. Each comment is one dated `comment` (a reply in
 * a thread: `reply`) by its author, and its text is kept as the author's own
 * words (see EngagementIndexBuilder.addComment for how much).
 *
 * Layouts read (fixtures in test/fixtures/comments, each naming its source):
 * the YouTube Data API `commentThreads` response, the Instagram Graph API
 * `/{media-id}/comments` response, Apify's Instagram comment scraper dataset,
 * browser-userscript CSVs (`text,likes,created_at,username`), and any CSV with
 * recognisable author, comment text and date columns. Likes on a comment are
 * other people's, not the author's engagement: they are not counted.
 */

// Folded header names. Text first: the column that makes a file a comments file.
const TEXT_HEADERS = ['comment', 'commenttext', 'text', 'textoriginal', 'commentary', 'commentbody', 'content', 'body'];
const AUTHOR_HEADERS = ['username', 'ownerusername', 'authorhandle', 'authorusername', 'uniqueid', 'handle', 'screenname', 'user', 'author', 'profileurl', 'authorchannelurl', 'authorprofileurl', 'profilelink', 'authordisplayname'];
const DATE_HEADERS = ['createdat', 'timestamp', 'publishedat', 'createtimeiso', 'createdtime', 'date', 'datetime', 'time', 'postedat', 'commentedat', 'commentdate'];
// A row with a parent comment is a reply in a thread.
const PARENT_HEADERS = ['parentid', 'parentcommentid', 'inreplyto', 'replyto', 'repliedto'];

export interface CommentColumns {
  author: number;
  text: number;
  date: number;
  parent?: number;
}

/** The comment columns of a delimited file, or undefined when it is not a comments file. */
export function commentColumns(headers: readonly string[]): CommentColumns | undefined {
  const folded = headers.map(foldHeader);
  const first = (names: readonly string[]) => {
    for (const n of names) {
      const i = folded.indexOf(n);
      if (i >= 0) return i;
    }
    return undefined;
  };
  const text = first(TEXT_HEADERS);
  const author = first(AUTHOR_HEADERS);
  const date = first(DATE_HEADERS);
  if (text === undefined || author === undefined || date === undefined) return undefined;
  const parent = first(PARENT_HEADERS);
  return { author, text, date, ...(parent !== undefined ? { parent } : {}) };
}

/** Where a reader puts what it found: the index being built and the log's counters. */
export interface CommentSink {
  builder: EngagementIndexBuilder;
  dateOrder: DateOrder;
  tally: DateOrderTally;
  /** A row read (each comment, reply or unreadable entry). */
  read(): void;
  skip(s: SkippedRow): void;
}

/** Reads a delimited comments file into the sink. */
export async function readCommentsCsv(input: OpenedInput, layout: CsvLayout, columns: CommentColumns, sink: CommentSink): Promise<void> {
  for await (const { cells, line } of readCsvRecords(input, layout, (p) => {
    sink.read();
    sink.skip({ code: p.code, file: input.name, line: p.line, detail: p.detail });
  })) {
    sink.read();
    const parent = columns.parent !== undefined ? (cells[columns.parent] ?? '').trim() : '';
    const comment: RawComment = { author: cells[columns.author] ?? '', text: cells[columns.text] ?? '', date: cells[columns.date] ?? '', type: parent ? 'reply' : 'comment' };
    const problem = addComment(comment, sink);
    // What someone wrote is personal data: a --rejects file shows the row with its comment blanked.
    if (problem) sink.skip({ code: problem.code, file: input.name, line, detail: problem.detail, cells: cells.map((c, i) => (i === columns.text ? '' : c)) });
  }
}

/** Whether JSON entries (their first one) are comments of a layout this module reads. */
export function isCommentEntry(entry: unknown): boolean {
  return isObject(entry) && entryComments(entry).length > 0;
}

/** Reads a JSON comments file (a response, pages of them, a dataset, JSON Lines) into the sink. */
export async function readCommentsJson(input: OpenedInput, sink: CommentSink): Promise<void> {
  for await (const el of streamJsonEntries(input.text(), { file: input.name, listKeys: COMMENT_LIST_KEYS })) {
    if (!el.ok) {
      sink.read();
      sink.skip({ code: 'MALFORMED_ROW', file: input.name, line: el.line, detail: elementProblem(el) });
      continue;
    }
    const comments = isObject(el.value) ? entryComments(el.value) : [];
    if (comments.length === 0) {
      sink.read();
      sink.skip({ code: 'MALFORMED_ROW', file: input.name, line: el.line, detail: `entry ${el.index + 1} is not a comment (no author, text or date)` });
      continue;
    }
    for (const c of comments) {
      sink.read();
      const problem = addComment(c, sink);
      if (problem) sink.skip({ code: problem.code, file: input.name, line: el.line, detail: problem.detail });
    }
  }
}

/** YouTube's and Meta's responses keep the list under `items` / `data`; Apify datasets are a bare list. */
export const COMMENT_LIST_KEYS = ['items', 'data'] as const;

interface RawComment {
  author: string;
  text: string;
  date: string;
  type: InteractionType;
}

/** One comment into the index; a problem when it cannot be counted. */
function addComment(c: RawComment, sink: CommentSink): { code: SkipCode; detail: string } | undefined {
  const key = handleKey(c.author);
  if (!key) return { code: 'MISSING_HANDLE', detail: 'no author in this comment' };
  const slot = sink.builder.slotOf(key);
  const raw = c.date.trim();
  let at: number | undefined;
  if (raw) {
    const parsed = parseDate(raw, sink.dateOrder);
    if (parsed === null) return { code: 'MALFORMED_ROW', detail: `unreadable date "${raw}"` };
    if (parsed) {
      at = parsed.getTime();
      const evidence = dateOrderEvidence(raw);
      if (evidence) sink.tally[evidence]++;
    }
  }
  sink.builder.add(slot, c.type, 1, at);
  sink.builder.addComment(slot, c.text, at);
  return undefined;
}

/**
 * The comments one JSON entry holds, replies included, in the layouts named
 * above. A YouTube thread is `snippet.topLevelComment.snippet` plus
 * `replies.comments[].snippet`; Instagram Graph API comments nest replies
 * under `replies.data`, Apify's scraper under `replies`.
 */
function entryComments(entry: Record<string, unknown>, type: InteractionType = 'comment'): RawComment[] {
  const snippet = isObject(entry.snippet) ? entry.snippet : undefined;
  if (snippet && isObject(snippet.topLevelComment)) {
    const out = entryComments(snippet.topLevelComment, 'comment');
    const replies = isObject(entry.replies) && Array.isArray(entry.replies.comments) ? entry.replies.comments : [];
    for (const r of replies) if (isObject(r)) out.push(...entryComments(r, 'reply'));
    return out;
  }
  if (snippet && (typeof snippet.textOriginal === 'string' || typeof snippet.textDisplay === 'string')) {
    // YouTube shows a handle as the display name ("@maya_reads"); older channels only have their URL.
    const name = text(snippet.authorDisplayName);
    const author = name.startsWith('@') ? name : text(snippet.authorChannelUrl) || name;
    return [{ author, text: text(snippet.textOriginal) || text(snippet.textDisplay), date: text(snippet.publishedAt), type }];
  }
  const from = isObject(entry.from) ? entry.from : isObject(entry.owner) ? entry.owner : isObject(entry.user) ? entry.user : undefined;
  const author = text(entry.username) || text(entry.ownerUsername) || text(entry.uniqueId) || text(from?.username) || text(from?.unique_id);
  const body = text(entry.text) || text(entry.message) || text(entry.comment);
  const date = text(entry.timestamp) || text(entry.created_time) || text(entry.createTimeISO) || text(entry.created_at) || text(entry.publishedAt) || text(entry.date);
  if (!author || !body) return [];
  const out: RawComment[] = [{ author, text: body, date, type }];
  const replies = Array.isArray(entry.replies) ? entry.replies : isObject(entry.replies) && Array.isArray(entry.replies.data) ? entry.replies.data : [];
  for (const r of replies) if (isObject(r)) out.push(...entryComments(r, 'reply'));
  return out;
}

function text(v: unknown): string {
  return typeof v === 'string' ? v : '';
}
