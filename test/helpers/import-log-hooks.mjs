// Module hooks that append every resolved module URL to $KINDRED_IMPORT_LOG
// (for the start-up test: what does `kindred --help` load?).
import { appendFileSync } from 'node:fs';

export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  if (process.env.KINDRED_IMPORT_LOG) appendFileSync(process.env.KINDRED_IMPORT_LOG, `${result.url}\n`);
  return result;
}
