import Table from 'cli-table3';

/**
 * Borderless terminal tables drawn by cli-table3, which measures cells in
 * display columns: CJK names and emoji keep every column in line.
 */
export interface ColumnSpec {
  /** Fixed display width of the column; omit to fit the widest cell. */
  width?: number;
  align?: 'left' | 'right';
  /** Wrap long cells onto further lines (needs a width). */
  wrap?: boolean;
  /** Spaces after the column (default 1). */
  gap?: number;
}

const SPACER: ColumnSpec = { width: 0 };

const BLANK = {
  top: '', 'top-mid': '', 'top-left': '', 'top-right': '',
  bottom: '', 'bottom-mid': '', 'bottom-left': '', 'bottom-right': '',
  left: '', 'left-mid': '', mid: '', 'mid-mid': '', right: '', 'right-mid': '', middle: '',
};

/**
 * A borderless table (cli-table3) indented by `indent` spaces, one space
 * between columns, trailing spaces trimmed. Cells may carry colour.
 */
export function columns(rows: string[][], specs: ColumnSpec[], indent = 2): string[] {
  if (rows.length === 0) return [];
  // A wider gap is an empty column after the one that asks for it.
  const expanded = specs.flatMap((s) => [s, ...Array.from({ length: Math.max(0, (s.gap ?? 1) - 1) }, () => SPACER)]);
  const spread = (row: string[]) => specs.flatMap((s, i) => [row[i] ?? '', ...Array.from({ length: Math.max(0, (s.gap ?? 1) - 1) }, () => '')]);
  const fixed = expanded.every((s) => s.width !== undefined);
  const table = new Table({
    chars: BLANK,
    style: { head: [], border: [], 'padding-left': 0, 'padding-right': 1, compact: true },
    colAligns: expanded.map((s) => s.align ?? 'left'),
    ...(fixed ? { colWidths: expanded.map((s) => s.width! + 1), wordWrap: specs.some((s) => s.wrap), wrapOnWordBoundary: true } : {}),
  });
  table.push(...rows.map(spread));
  const pad = ' '.repeat(indent);
  return table
    .toString()
    .split('\n')
    .map((l) => `${pad}${l}`.trimEnd());
}
