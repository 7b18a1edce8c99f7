import type { ChalkInstance } from 'chalk';
import type { Report } from '../report/model.js';
import { num, pct, SEGMENT_ORDER } from '../report/renderers/format.js';
import { escapeControl } from '../report/safe-text.js';

/**
 * The closing preview of `kindred init --from`: how the audience would be
 * classified with the file just written, in a few lines. It reads the same
 * Report an audit prints, so the numbers are the ones `kindred audit` gives
 * (without an interactions log).
 */
export function renderPreview(report: Report, c: ChalkInstance): string {
  const total = report.totals.classified;
  const out = [c.bold(`Preview: your ${num(total)} followers with this values file`)];
  for (const seg of SEGMENT_ORDER) {
    const { count, share } = report.segments[seg];
    out.push(`  ${seg.padEnd(11)}${num(count).padStart(7)}  ${pct(share).padStart(6)}`);
  }
  const held = report.values.filter((v) => v.followers > 0);
  if (held.length > 0) out.push(`  values held: ${held.map((v) => `${escapeControl(v.name)} ${num(v.followers)}`).join(', ')}`);
  if (report.unexpressedValues.length > 0) {
    out.push(`  ${c.yellow('no follower uses the terms of')}: ${report.unexpressedValues.map(escapeControl).join(', ')}; add the words they use`);
  }
  if (report.idealCustomer.defined) out.push(`  ideal-customer fit: ${num(report.idealCustomer.fit)}`);
  const flagged = report.redFlags.filter((f) => f.followers > 0);
  if (flagged.length > 0) out.push(`  red flags: ${flagged.map((f) => `${escapeControl(f.name)} ${num(f.followers)}`).join(', ')}`);
  if (report.dataQuality.evidence.none > 0) out.push(c.dim(`  ${num(report.dataQuality.evidence.none)} followers have no profile text or engagement: passive, nothing to go on`));
  if (!report.dataQuality.engagementAvailable) {
    out.push(c.dim('  No engagement data in this export, so nobody is an advocate yet: add --interactions FILE when you audit.'));
  }
  return out.join('\n');
}
