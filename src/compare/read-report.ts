import { readFile } from 'node:fs/promises';
import { InputError } from '../errors.js';
import { type Report, reportSchema, SCHEMA_VERSION } from '../report/model.js';
import { describeReadError } from '../values/load.js';

/**
 * Reads a JSON report written by `kindred audit --format json` (or a batch),
 * refusing anything else with a message that says what the file is instead:
 * not JSON, JSON but not a kindred report, or a report of another schema version.
 */
export async function readReport(file: string): Promise<Report> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    throw new InputError(describeReadError(e), file);
  }
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    throw new InputError('not a kindred report: the file is not JSON. Write one with kindred audit ... --format json --output FILE', file);
  }
  const head = data as { tool?: { name?: unknown }; schemaVersion?: unknown } | null;
  if (typeof head !== 'object' || head === null || Array.isArray(head) || head.tool?.name !== 'kindred' || head.schemaVersion === undefined) {
    throw new InputError('not a kindred report (no "tool": {"name": "kindred"} and "schemaVersion"). Write one with kindred audit ... --format json', file);
  }
  if (head.schemaVersion !== SCHEMA_VERSION) {
    throw new InputError(
      `report schemaVersion ${JSON.stringify(head.schemaVersion)} is not the ${SCHEMA_VERSION} this kindred reads; re-run the audit with this version of kindred`,
      file,
    );
  }
  const parsed = reportSchema.safeParse(data);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.') || '(top level)'}: ${i.message}`);
    throw new InputError(`not a valid kindred report (${issues.join('; ')}${parsed.error.issues.length > 3 ? '; …' : ''})`, file);
  }
  return parsed.data;
}
