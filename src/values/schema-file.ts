import { valuesJsonSchema } from './schema.js';

/** The text of schema/values.schema.json, shipped for editors; kept in sync by scripts/make-schema.mjs and a test. */
export function valuesSchemaFileText(): string {
  const schema = valuesJsonSchema() as Record<string, unknown>;
  return `${JSON.stringify({ ...schema, title: 'kindred values file' }, null, 2)}\n`;
}
