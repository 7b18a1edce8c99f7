import { parseAsOf } from '../as-of.js';
import { type Classified, decide, type Facts, RULES } from '../classify.js';
import type { CliIo } from '../cli/io.js';
import { writeOut } from '../cli/io.js';
import { InputError } from '../errors.js';
import { TEXT_FIELDS } from '../follower.js';
import { handleKey } from '../handles.js';
import { readInteractions } from '../io/interactions.js';
import { parseMapOptions } from '../io/map-option.js';
import { openInput } from '../io/open-input.js';
import { openSources } from '../io/open-sources.js';
import type { DateOrder } from '../io/parse-fields.js';
import { runPipeline } from '../pipeline.js';
import { reasonsFor } from '../report/reasons.js';
import { clip, escapeControl, safeJson } from '../report/safe-text.js';
import type { CompiledValues } from '../values/compile.js';
import { compileValues } from '../values/compile.js';
import { loadValues } from '../values/load.js';
import { VERSION } from '../version.js';

export interface ExplainOptions {
  values: string;
  interactions?: string[];
  platform: string;
  map?: string[];
  asOf?: string;
  format: 'text' | 'json';
  dateOrder?: DateOrder;
}

/** `kindred explain`: the full evidence behind the verdict for each named follower. */
export async function explainCommand(exportFile: string, handles: string[], options: ExplainOptions, io: CliIo): Promise<void> {
  const asOf = parseAsOf(options.asOf);
  const values = compileValues((await loadValues(options.values)).values);
  const interactions = [];
  for (const file of options.interactions ?? []) interactions.push(await readInteractions(await openInput(file, io.stdin), options.dateOrder));
  const wanted = new Map<string, string>();
  for (const h of handles) {
    const key = handleKey(h);
    if (key) wanted.set(key, h);
  }
  const sources = await openSources([exportFile], {
    platform: options.platform,
    map: parseMapOptions(options.map ?? []),
    stdin: io.stdin,
    ...(options.dateOrder ? { dateOrder: options.dateOrder } : {}),
  });
  const found = new Map<string, Classified>();
  await runPipeline(sources, {
    values,
    asOf,
    top: 0,
    version: VERSION,
    interactions,
    onFollower: (c) => {
      if (wanted.has(c.follower.key) && !found.has(c.follower.key)) found.set(c.follower.key, c);
    },
  });
  const missing = [...wanted].filter(([key]) => !found.has(key)).map(([, h]) => h);
  const explanations = [...wanted.keys()].flatMap((key) => {
    const c = found.get(key);
    return c ? [explanation(c, values)] : [];
  });
  if (options.format === 'json') {
    await writeOut(io.stdout, `${safeJson({ asOf: asOf.toISOString().slice(0, 10), followers: explanations, notFound: missing }, 2)}\n`);
  } else {
    await writeOut(io.stdout, explanations.map(renderExplanation).join('\n'));
  }
  if (missing.length > 0) {
    throw new InputError(`not found in the export: ${missing.map((h) => escapeControl(h)).join(', ')}`, exportFile);
  }
}

type Explanation = ReturnType<typeof explanation>;

function explanation(c: Classified, cv: CompiledValues) {
  const f = c.follower;
  const s = cv.scoring;
  const fieldsRead: Record<string, string> = {};
  for (const field of TEXT_FIELDS) if (f[field]) fieldsRead[field] = f[field]!;
  const terms = [
    ...c.alignment.values.map((v) => ({ kind: 'value', target: v.name, ...v.evidence })),
    ...(c.alignment.ideal ? [{ kind: 'ideal customer', target: 'ideal customer', ...c.alignment.ideal }] : []),
    ...(c.alignment.location ? [{ kind: 'location', target: 'ideal customer', ...c.alignment.location }] : []),
    ...c.alignment.conflicts.map((x) => ({ kind: x.source === 'redFlag' ? 'red flag' : 'hostile', target: x.name, ...x.evidence })),
    ...c.alignment.negated.map((n) => ({ kind: 'negated', ...n })),
  ];
  const facts: Facts = {
    override: cv.segmentOverrides.get(f.key),
    suspect: c.authenticity.suspect,
    spam: c.flags.includes('spam'),
    conflict: c.flags.includes('conflict'),
    aligned: c.alignment.aligned,
    engaged: c.engagement.engaged,
  };
  return {
    handle: f.handle,
    source: f.source,
    segment: c.segment,
    action: c.action,
    rule: c.rule,
    ruleText: RULES[c.rule],
    flags: c.flags,
    fieldsRead,
    terms,
    scores: {
      alignment: { score: c.alignment.score, threshold: s.alignedAt, aligned: c.alignment.aligned },
      engagement: {
        score: c.engagement.score,
        threshold: s.engagedAt,
        engaged: c.engagement.engaged,
        windowDays: s.windowDays,
        counted: c.engagement.counted,
        stale: c.engagement.stale,
        lastInteraction: c.engagement.lastAt?.toISOString().slice(0, 10) ?? null,
      },
      authenticity: {
        checked: c.authenticity.checked,
        probability: c.authenticity.probability ?? null,
        threshold: s.authenticity.threshold,
        suspect: c.authenticity.suspect,
        signals: c.authenticity.signals,
      },
    },
    reasons: reasonsFor(c, s.windowDays),
    wouldChange: whatWouldChange(facts, c.segment),
  };
}

/** Flip one fact at a time and report which flips change the segment. */
function whatWouldChange(facts: Facts, segment: string): string[] {
  const out: string[] = [];
  const flips: [keyof Facts, string, string][] = [
    ['override', '', 'without the override in the values file'],
    ['suspect', '', 'if the account were judged authentic'],
    ['spam', '', 'without the spam red flag'],
    ['conflict', '', 'without the conflicting terms'],
    ['aligned', 'aligned', 'with a values match in the profile'],
    ['engaged', 'engaged', 'with recent engagement'],
  ];
  for (const [key, , text] of flips) {
    const current = facts[key];
    if (key === 'override' && !current) continue;
    if ((key === 'suspect' || key === 'spam' || key === 'conflict') && !current) continue;
    const flipped: Facts = { ...facts, [key]: key === 'override' ? undefined : !current };
    const next = decide(flipped).segment;
    if (next !== segment) {
      const phrase = key === 'aligned' && current ? 'without the values match' : key === 'engaged' && current ? 'once the engagement goes stale' : text;
      out.push(`${phrase}: ${next}`);
    }
  }
  return out;
}

function renderExplanation(e: Explanation): string {
  const lines: string[] = [];
  lines.push(`@${clip(e.handle, 60)} → ${e.segment} (${e.action})   [${clip(e.source.file, 40)}:${e.source.line}]`);
  lines.push(`  rule: ${e.ruleText}`);
  if (e.flags.length) lines.push(`  flags: ${e.flags.join(', ')}`);
  lines.push('  fields read:');
  const entries = Object.entries(e.fieldsRead);
  if (entries.length === 0) lines.push('    (no profile text)');
  for (const [k, v] of entries) lines.push(`    ${k.padEnd(9)} ${clip(v, 64)}`);
  lines.push('  terms:');
  if (e.terms.length === 0) lines.push('    (none matched)');
  for (const t of e.terms) {
    const neg = 'negator' in t && t.negator ? ` (after "${t.negator}")` : '';
    lines.push(`    ${t.kind.padEnd(14)} "${clip(t.term, 30)}" in ${t.field} → ${clip(t.target, 30)}${neg}`);
  }
  const sc = e.scores;
  lines.push(`  alignment  ${sc.alignment.score} (aligned at ${sc.alignment.threshold}) → ${sc.alignment.aligned ? 'aligned' : 'not aligned'}`);
  const counted = Object.entries(sc.engagement.counted).map(([k, v]) => `${v} ${k}`).join(', ');
  lines.push(
    `  engagement ${sc.engagement.score} (engaged at ${sc.engagement.threshold}, window ${sc.engagement.windowDays} days) → ${sc.engagement.engaged ? 'engaged' : 'not engaged'}${counted ? `; counted: ${counted}` : ''}${sc.engagement.stale ? `; stale: ${sc.engagement.stale}` : ''}`,
  );
  lines.push(
    sc.authenticity.checked
      ? `  authenticity ${Math.round((sc.authenticity.probability ?? 0) * 100)}% likely fake (suspect at ${Math.round(sc.authenticity.threshold * 100)}%) → ${sc.authenticity.suspect ? 'suspect' : 'not suspect'}`
      : '  authenticity: not enough fields to judge',
  );
  if (e.wouldChange.length) {
    lines.push('  what would change it:');
    for (const w of e.wouldChange) lines.push(`    ${w}`);
  }
  return `${lines.join('\n')}\n`;
}
