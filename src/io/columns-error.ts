import { InputError } from '../errors.js';

/**
 * The columns needed to identify followers could not be found. Carries what
 * was found so the CLI can ask interactively or print the `--map` that fixes it.
 */
export class ColumnsNotMappedError extends InputError {
  override name = 'ColumnsNotMappedError';
  constructor(
    file: string,
    readonly columns: string[],
    /** First data rows, for showing sample values when asking. */
    readonly samples: string[][],
  ) {
    const shown = columns.length > 30 ? [...columns.slice(0, 30), `… ${columns.length - 30} more`] : columns;
    super(
      `no column identifies the followers (a handle, username or profile URL). Columns found: ${shown
        .map((c) => JSON.stringify(c))
        .join(', ')}. Name the handle column with --map handle="<column>" (and, if present, --map bio="<column>").`,
      file,
    );
  }
}
