import type { Readable } from 'node:stream';
import { InputError } from '../errors.js';
import type { AuditSource } from '../pipeline.js';
import { ColumnsNotMappedError } from './columns-error.js';
import type { FieldName } from './fields.js';
import { type OpenedInput, openInput } from './open-input.js';
import type { DateOrder } from './parse-fields.js';
import { detectFormat, formatById } from './sources/index.js';
import { isXlsxFile, openXlsx } from './xlsx.js';
import { isZipFile, openZipExports } from './zip-exports.js';

export interface OpenSourcesOptions {
  platform: string;
  map: Partial<Record<FieldName, string>>;
  dateOrder?: DateOrder;
  stdin?: Readable;
  /**
   * Called when a file's columns cannot be mapped; returns extra mappings
   * (from an interactive prompt) or undefined to give up. Never called off a TTY.
   */
  askColumns?: (error: ColumnsNotMappedError) => Promise<Partial<Record<FieldName, string>> | undefined>;
}

/**
 * Opens every export and works out its format before any row is read, so a
 * bad file fails the run before anything is written.
 */
export async function openSources(paths: readonly string[], options: OpenSourcesOptions): Promise<AuditSource[]> {
  if (paths.filter((p) => p === '-').length > 1) throw new InputError('standard input (-) can be given only once');
  const sources: AuditSource[] = [];
  // A platform's .zip download stands for the follower files inside it.
  const inputs: OpenedInput[] = [];
  for (const path of paths) {
    // An Excel workbook is a zip too: its first sheet is the export.
    if (await isXlsxFile(path)) inputs.push(await openXlsx(path));
    else if (await isZipFile(path)) inputs.push(...(await openZipExports(path)));
    else inputs.push(await openInput(path, options.stdin));
  }
  for (const input of inputs) {
    const path = input.name;
    const format = options.platform === 'auto' ? detectFormat(input) : formatById(options.platform);
    if (!format) {
      throw new InputError(
        'the format of this file is not recognised: it is not a CSV/TSV with a header, nor a known platform export (JSON/JS). Export followers as CSV with a handle column, or name the format with --platform',
        path,
      );
    }
    let map = options.map;
    let reader: Awaited<ReturnType<typeof format.open>>;
    for (;;) {
      try {
        reader = await format.open(input, { map, ...(options.dateOrder ? { dateOrder: options.dateOrder } : {}) });
        break;
      } catch (e) {
        if (!(e instanceof ColumnsNotMappedError) || !options.askColumns || e.columns.length === 0 || e.headerIsData) throw e;
        const answer = await options.askColumns(e);
        if (!answer) throw e;
        map = { ...map, ...answer };
      }
    }
    // A forced --platform that the file does not look like still reads (the user may know better), but says so.
    if (options.platform !== 'auto' && format.detect(input) === 0) {
      const looksLike = detectFormat(input)?.label;
      reader.info.platformMismatch = { forced: format.label, ...(looksLike ? { looksLike } : {}) };
    }
    sources.push({
      file: input.name,
      label: format.label,
      info: reader.info,
      items: reader.items,
      ...(reader.batches ? { batches: reader.batches } : {}),
      ...(reader.splittable ? { splittable: reader.splittable } : {}),
      ...(input.size !== undefined ? { size: input.size } : {}),
      bytesRead: () => input.bytesRead ?? 0,
    });
  }
  return sources;
}
