import type { CliIo } from '../cli/io.js';
import { writeOut } from '../cli/io.js';
import { reportJsonSchema } from '../report/model.js';
import { valuesJsonSchema } from '../values/schema.js';

export async function schemaCommand(options: { report?: boolean }, io: CliIo): Promise<void> {
  const schema = options.report ? reportJsonSchema() : valuesJsonSchema();
  await writeOut(io.stdout, `${JSON.stringify(schema, null, 2)}\n`);
}
