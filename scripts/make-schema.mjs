#!/usr/bin/env node
// Writes schema/values.schema.json, the values-file JSON Schema that editors
// load through the `# yaml-language-server: $schema=…` line `kindred init`
// writes. Generated from src/values/schema.ts (via dist/): run
// `npm run schema` after changing the schema; a test fails while it is stale.
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { valuesSchemaFileText } from '../dist/values/schema-file.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
writeFileSync(join(root, 'schema', 'values.schema.json'), valuesSchemaFileText());
console.log('wrote schema/values.schema.json');
