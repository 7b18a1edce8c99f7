import type { CliIo } from '../cli/io.js';
import { writeOut } from '../cli/io.js';
import { compareReports, whyNotComparable } from '../compare/compare.js';
import { readReport } from '../compare/read-report.js';
import { COMPARE_RENDERERS, type CompareFormat } from '../compare/render.js';
import { UsageError } from '../errors.js';
import { checkWritableTarget, writeFileAtomic } from '../io/output.js';
import { assertSeparateFiles } from '../io/same-file.js';
import { escapeControl } from '../safe-text.js';

export interface CompareOptions {
  format: string;
  output?: string;
  top: number;
  quiet?: boolean;
}

/** `kindred compare BEFORE.json AFTER.json`: what changed between two audits. */
export async function compareCommand(beforeFile: string, afterFile: string, options: CompareOptions, io: CliIo): Promise<void> {
  if (!Object.hasOwn(COMPARE_RENDERERS, options.format)) {
    throw new UsageError(`unknown --format "${options.format}". Choose one of: ${Object.keys(COMPARE_RENDERERS).join(', ')}`);
  }
  if (options.output) {
    await checkWritableTarget(options.output);
    await assertSeparateFiles(
      [
        { what: 'BEFORE', path: beforeFile },
        { what: 'AFTER', path: afterFile },
      ],
      [{ what: '--output', path: options.output }],
    );
  }
  const before = await readReport(beforeFile);
  const after = await readReport(afterFile);
  const files = { before: beforeFile, after: afterFile };
  const refusal = whyNotComparable(before, after, files);
  if (refusal) throw new UsageError(escapeControl(refusal));
  const comparison = compareReports(before, after, files);
  if (!options.quiet && options.format !== 'table') for (const n of comparison.notes) io.stderr.write(`kindred: note: ${escapeControl(n)}\n`);
  const text = COMPARE_RENDERERS[options.format as CompareFormat](comparison, options.top);
  if (options.output) {
    await writeFileAtomic(options.output, text, { notice: (m) => io.stderr.write(`${escapeControl(m)}\n`) });
    if (!options.quiet) io.stderr.write(`kindred: wrote ${options.output}\n`);
  } else await writeOut(io.stdout, text);
}
