import type { CliIo } from '../cli/io.js';
import { writeOut } from '../cli/io.js';
import { reportJsonSchema } from '../report/model.js';
import { valuesJsonSchema } from '../values/schema.js';

export async function schemaCommand(options: { report?: boolean; manifest?: boolean; learn?: boolean }, io: CliIo): Promise<void> {
  const schema = options.learn
    ? (await import('../learn/schema.js')).learnJsonSchema()
    : options.report ? reportJsonSchema() : options.manifest ? (await import('../batch/manifest.js')).manifestJsonSchema() : valuesJsonSchema();
  await writeOut(io.stdout, `${JSON.stringify(schema, null, 2)}\n`);
}
