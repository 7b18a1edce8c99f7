import type { Classified } from '../classify.js';
import { createAnonymizer } from '../privacy/anonymize.js';
import { csvLine, recordFields, recordSerialiser } from './follower-sinks.js';
import { htmlRowLine } from './html-rows.js';
import { type FollowerRecord, toRecord } from './records.js';

/**
 * Where per-follower records go, described as plain data: a worker thread
 * builds the same lines from it as the main thread would, so output made in
 * parallel is byte for byte the output made in one thread.
 */
export interface FollowerOutputSpec {
  targets: FollowerTarget[];
  windowDays: number;
  includeEmails: boolean;
  /** --include-comments: what followers wrote, in the records. */
  includeComments?: boolean;
  /** With --anonymize: the salt the pseudonyms are made with. */
  anonymizeSalt?: string;
}

export interface FollowerTarget {
  /** `html`: the rows the HTML report's follower list embeds (see html-rows.ts). */
  format: 'csv' | 'ndjson' | 'html';
  bom: boolean;
  /** Records shown in a terminal: escape control characters in CSV cells. */
  terminal: boolean;
}

/** What a target starts with: the CSV header row (after an optional byte-order mark); nothing for NDJSON. */
export function followerHeader(spec: FollowerOutputSpec, target: FollowerTarget): string {
  return target.format === 'csv' ? (target.bom ? '\uFEFF' : '') + csvLine([...recordFields(spec.includeEmails, spec.includeComments)]) : '';
}

/** One follower's line for each target, in target order. */
export function createLineMaker(spec: FollowerOutputSpec): (c: Classified) => string[] {
  const anonymizer = spec.anonymizeSalt !== undefined ? createAnonymizer(spec.anonymizeSalt) : undefined;
  const recordOptions = { windowDays: spec.windowDays, includeEmails: spec.includeEmails, includeComments: !!spec.includeComments };
  const fields = recordFields(spec.includeEmails, spec.includeComments);
  const serialisers = spec.targets.map((t) =>
    t.format === 'html' ? (r: FollowerRecord, c: Classified) => htmlRowLine(c, r, anonymizer !== undefined) : recordSerialiser(t.format, fields, t.terminal),
  );
  return (c) => {
    const record = anonymizer ? anonymizer.record(toRecord(c, recordOptions)) : toRecord(c, recordOptions);
    return serialisers.map((serialise) => serialise(record, c));
  };
}

