import { UsageError } from '../errors.js';
import { FIELD_NAMES, type FieldName, isFieldName } from './fields.js';

/** Parses repeated `--map field=Header` options. */
export function parseMapOptions(entries: readonly string[]): Partial<Record<FieldName, string>> {
  const map: Partial<Record<FieldName, string>> = {};
  for (const entry of entries) {
    const eq = entry.indexOf('=');
    const field = eq > 0 ? entry.slice(0, eq).trim() : '';
    const header = eq > 0 ? entry.slice(eq + 1).trim() : '';
    if (!field || !header) throw new UsageError(`--map takes field=Header (for example --map handle="User Name"), not "${entry}"`);
    if (!isFieldName(field)) {
      throw new UsageError(`--map: unknown field "${field}". Fields: ${FIELD_NAMES.join(', ')}`);
    }
    map[field] = header;
  }
  return map;
}
