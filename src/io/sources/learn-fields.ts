import type { FieldName } from '../fields.js';
import type { SourceInfo } from './types.js';

/**
 * JSON exports have no header: the fields a file provides are learnt as its
 * entries arrive (older archives lack a link, newer ones mix forms), and
 * recorded once each in the source's info, which the report reads at the end.
 */
export function fieldLearner(info: SourceInfo): (field: FieldName) => void {
  const found = new Set<FieldName>();
  return (field) => {
    if (found.has(field)) return;
    found.add(field);
    info.fields.push(field);
  };
}
