import type { Classified } from '../classify.js';
import { RULES } from '../decision-table.js';
import type { TermEvidence } from '../scoring/alignment.js';

/**
 * The one place where a verdict's evidence becomes sentences. Everything else
 * passes evidence around as data.
 */
export function reasonsFor(c: Classified, windowDays: number): string[] {
  const out: string[] = [];
  const { alignment: a, engagement: e, authenticity: auth } = c;
  if (c.rule === 'override') out.push(`segment set by overrides.segment in the values file`);
  if (auth.suspect) {
    const top = auth.signals
      .filter((s) => s.weight > 0)
      .sort((x, y) => y.weight - x.weight)
      .slice(0, 3)
      .map((s) => s.detail);
    out.push(`likely not a real person (${Math.round((auth.probability ?? 0) * 100)}%): ${top.join(', ')}`);
  }
  for (const conflict of a.conflicts) {
    out.push(
      conflict.source === 'redFlag'
        ? `red flag "${conflict.name}"${conflict.kind === 'spam' ? ' (spam)' : ''}: ${quote(conflict.evidence)}`
        : `hostile to value "${conflict.name}": ${quote(conflict.evidence)}, ${cueText(conflict.evidence)}`,
    );
  }
  for (const v of a.values) {
    out.push(
      v.against
        ? `value "${v.name}": against red flag "${v.against}": ${quote(v.evidence)}, ${cueText(v.evidence)}`
        : `value "${v.name}": ${quote(v.evidence)}`,
    );
  }
  for (const c of a.outweighed) out.push(`${c.source === 'redFlag' ? `red flag "${c.name}"` : `hostility to "${c.name}"`} outweighed by the values they claim: ${quote(c.evidence)}`);
  if (a.ideal) out.push(`ideal customer: ${quote(a.ideal)}`);
  if (a.location) out.push(`ideal-customer location: ${quote(a.location)}`);
  for (const n of a.negated) out.push(`not counted for "${n.target}": ${quote(n)}, ${cueText(n)}`);
  if (!a.hasText) out.push('no profile text to read');
  else if (a.values.length === 0 && !a.ideal && a.conflicts.length === 0) out.push('profile text matches no value');

  if (e.hasEvidence) {
    const parts: string[] = [];
    for (const type in e.counted) {
      const n = e.counted[type as keyof typeof e.counted] ?? 0;
      parts.push(`${n} ${plural(type, n)}`);
    }
    if (parts.length) out.push(`engagement ${e.score}: ${parts.join(', ')}${e.undated ? '' : ` in the last ${windowDays} days`}`);
    if (e.rating !== undefined) out.push(`engagement rating ${e.rating}/5`);
    if (e.stale) out.push(`${e.stale} older interaction${e.stale === 1 ? '' : 's'} not counted (last ${day(e.lastAt)}, window ${windowDays} days)`);
    if (e.future) out.push(`${e.future} interaction${e.future === 1 ? '' : 's'} dated after --as-of not counted`);
    if (!e.engaged && !e.stale && parts.length) out.push(`engagement ${e.score} is below the threshold`);
  } else out.push('no interactions on record');
  out.push(`rule: ${RULES[c.rule]}`);
  return out;
}

/** Why a term was read as other than support: the one place these sentences are made. */
export function cueText(t: Pick<TermEvidence, 'polarity' | 'cue' | 'word'>): string {
  const w = t.word ? ` ("${t.word}")` : '';
  switch (t.cue) {
    case 'negator':
      return t.polarity === 'hostile' ? `after "${t.word ?? ''}"` : `negated by "${t.word ?? ''}"`;
    case 'handle':
      return "inside another account's @handle";
    case 'quoted':
      return 'in scare quotes';
    case 'group':
      return `said of a group, not of themselves${w}`;
    case 'hashtag':
      return `a hashtag against it${w}`;
    case 'framed':
      return `framed as false${w}`;
    case 'insult':
      return `the target of an insult${w}`;
    case 'threat':
      return `the target of a threat${w}`;
    case 'fed-up':
      return `fed up with it${w}`;
    case undefined:
      return t.polarity;
  }
}

function quote(t: TermEvidence): string {
  if (t.field === 'comment') return `"${t.term}" in a comment${t.at ? ` on ${day(t.at)}` : ''}`;
  return `"${t.term}" in ${t.field}`;
}

function plural(type: string, n: number): string {
  const word = type === 'reply' ? 'replies' : type === 'dm' ? 'DMs' : type === 'other' ? 'interactions' : `${type}s`;
  if (n !== 1) return word;
  return type === 'reply' ? 'reply' : type === 'dm' ? 'DM' : type === 'other' ? 'interaction' : type;
}

/** YYYY-MM-DD (UTC) as toISOString spells it, built from its parts: this runs once per follower with stale interactions. */
function day(d: Date | undefined): string {
  if (!d) return 'unknown';
  const y = d.getUTCFullYear();
  if (!(y >= 1000 && y <= 9999)) return d.toISOString().slice(0, 10);
  const m = d.getUTCMonth() + 1;
  const dd = d.getUTCDate();
  return `${y}-${m < 10 ? '0' : ''}${m}-${dd < 10 ? '0' : ''}${dd}`;
}
