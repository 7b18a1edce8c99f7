import { InputError } from '../errors.js';
import { handleKey } from '../handles.js';
import { readCsvRecords, sniffCsvLayout } from '../io/csv.js';
import type { OpenedInput } from '../io/open-input.js';
import type { SegmentName } from '../values/schema.js';

/** What a person who knows the follower says about them. */
export const LABELS = ['aligned', 'opposed', 'neutral'] as const;
export type Label = (typeof LABELS)[number];

// Segment names are accepted so a labels file can be an edited per-follower
// export of an earlier audit.
const SEGMENT_LABEL: Record<SegmentName, Label> = {
  advocate: 'aligned',
  potential: 'aligned',
  passive: 'neutral',
  misaligned: 'opposed',
};

export function labelOf(text: string): Label | undefined {
  const word = text.trim().toLowerCase();
  if ((LABELS as readonly string[]).includes(word)) return word as Label;
  return SEGMENT_LABEL[word as SegmentName];
}

export interface LabelProblem {
  line: number;
  code: 'UNKNOWN_LABEL' | 'MISSING_HANDLE' | 'DUPLICATE_HANDLE' | 'MALFORMED_ROW';
  /** The handle or label as written (never guessed at). */
  text: string;
}

export interface LabelSet {
  /** Handle key → label and the handle as written, in file order. */
  labels: Map<string, { handle: string; label: Label; line: number }>;
  problems: LabelProblem[];
}

const HANDLE_HEADERS = new Set(['handle', 'username', 'user', 'screen_name', 'account']);

/** Reads `handle,label` rows; rows it cannot use are reported, never guessed. */
export async function readLabels(input: OpenedInput): Promise<LabelSet> {
  const layout = sniffCsvLayout(input.head, (h) => HANDLE_HEADERS.has(h.trim().toLowerCase()) || h.trim().toLowerCase() === 'label');
  if (!layout) throw new InputError('the labels file is empty', input.name);
  const folded = layout.headers.map((h) => h.trim().toLowerCase());
  const handleAt = folded.findIndex((h) => HANDLE_HEADERS.has(h));
  const labelAt = folded.indexOf('label');
  if (handleAt < 0 || labelAt < 0) {
    throw new InputError(
      `the labels file needs a handle column and a label column (aligned, opposed or neutral). Columns found: ${layout.headers.map((h) => JSON.stringify(h)).join(', ')}`,
      input.name,
    );
  }
  const labels: LabelSet['labels'] = new Map();
  const problems: LabelProblem[] = [];
  const onProblem = (p: { line: number }) => problems.push({ line: p.line, code: 'MALFORMED_ROW', text: '' });
  for await (const record of readCsvRecords(input, layout, onProblem)) {
    const handle = (record.cells[handleAt] ?? '').trim();
    const raw = record.cells[labelAt] ?? '';
    const key = handleKey(handle);
    if (!key) {
      problems.push({ line: record.line, code: 'MISSING_HANDLE', text: handle });
      continue;
    }
    const label = labelOf(raw);
    if (!label) problems.push({ line: record.line, code: 'UNKNOWN_LABEL', text: raw.trim() });
    else if (labels.has(key)) problems.push({ line: record.line, code: 'DUPLICATE_HANDLE', text: handle });
    else labels.set(key, { handle, label, line: record.line });
  }
  return { labels, problems };
}
