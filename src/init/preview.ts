import type { ChalkInstance } from 'chalk';
import type { Report } from '../report/model.js';
import { num, pct, SEGMENT_ORDER } from '../report/renderers/format.js';
import { escapeControl } from '../safe-text.js';
import { wrapNote } from './layout.js';

/**
 * The closing preview of `kindred init --from`: how the audience would be
 * classified with the file just written, in a few lines. It reads the same
 * Report an audit prints, so the numbers are the ones `kindred audit` gives
 * (without an interactions log).
 */
export function renderPreview(report: Report, c: ChalkInstance, width = 80): string {
  const total = report.totals.classified;
  const out = [c.bold(`Preview: your ${num(total)} ${total === 1 ? 'follower' : 'followers'} with this values file`)];
  for (const seg of SEGMENT_ORDER) {
    const { count, share } = report.segments[seg];
    out.push(`  ${seg.padEnd(11)}${num(count).padStart(7)}  ${pct(share).padStart(6)}`);
  }
  const held = report.values.filter((v) => v.followers > 0);
  if (held.length > 0) out.push(wrapNote(`values held: ${held.map((v) => `${escapeControl(v.name)} ${num(v.followers)}`).join(', ')}`, width));
  if (report.unexpressedValues.length > 0) {
    out.push(wrapNote(`no follower uses the terms of: ${report.unexpressedValues.map(escapeControl).join(', ')}; add the words they use`, width, c.yellow));
  }
  if (report.idealCustomer.defined) out.push(`  ideal-customer fit: ${num(report.idealCustomer.fit)}`);
  const flagged = report.redFlags.filter((f) => f.followers > 0);
  if (flagged.length > 0) out.push(wrapNote(`red flags: ${flagged.map((f) => `${escapeControl(f.name)} ${num(f.followers)}`).join(', ')}`, width));
  if (report.dataQuality.evidence.none > 0) {
    const none = report.dataQuality.evidence.none;
    out.push(wrapNote(`${num(none)} ${none === 1 ? 'follower has' : 'followers have'} no profile text or engagement: passive, nothing to go on.`, width, c.dim));
  }
  if (!report.dataQuality.engagementAvailable) {
    out.push(wrapNote('No engagement data in this export, so nobody is an advocate yet: add --interactions FILE when you audit.', width, c.dim));
  }
  return out.join('\n');
}
