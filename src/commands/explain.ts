import { parseAsOf } from '../as-of.js';
import type { Classified } from '../classify.js';
import { DECISION_TABLE, decide, type Facts, RULES, type Rule } from '../decision-table.js';
import type { CliIo } from '../cli/io.js';
import { hintStandardInput, writeOut } from '../cli/io.js';
import { InputError } from '../errors.js';
import { INTERACTION_TYPES, TEXT_FIELDS, type TextField } from '../follower.js';
import { handleKey } from '../handles.js';
import { readInteractions } from '../io/interactions.js';
import { parseMapOptions } from '../io/map-option.js';
import { openInput } from '../io/open-input.js';
import { openSources } from '../io/open-sources.js';
import type { DateOrder } from '../io/parse-fields.js';
import { runPipeline } from '../pipeline.js';
import { cueText, reasonsFor } from '../report/reasons.js';
import { clip, escapeControl, safeJson } from '../safe-text.js';
import { wrap } from '../terminal/wrap.js';
import { type EvidenceField, FIELDS_FOR } from '../scoring/alignment.js';
import { platformSaysAgainst, scoreAuthenticity } from '../scoring/authenticity.js';
import { AUTHENTICITY_MODEL, MIN_FIELDS } from '../scoring/authenticity-model.js';
import type { Cue, Polarity } from '../text/matcher.js';
import { nearMissFinder } from '../text/near-miss.js';
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
  hintStandardInput(io, [exportFile, ...(options.interactions ?? [])], exportFile === '-' ? 'followers' : 'interactions');
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
  // Handles in the export near each one asked for, in case it is not there (a typo, a renamed account).
  const near = new Map([...wanted].map(([key, typed]) => [key, nearMissFinder(typed)]));
  await runPipeline(sources, {
    values,
    asOf,
    top: 0,
    version: VERSION,
    interactions,
    onFollower: (c) => {
      if (wanted.has(c.follower.key) && !found.has(c.follower.key)) found.set(c.follower.key, c);
      for (const finder of near.values()) finder.offer(`@${c.follower.handle}`);
    },
  });
  const unexplained = [...wanted].filter(([key]) => !found.has(key));
  // An excluded follower is left out of every metric, so it has no segment to explain.
  const excluded = unexplained.filter(([key]) => values.excluded.has(key)).map(([, h]) => h);
  const missing = unexplained.filter(([key]) => !values.excluded.has(key));
  const nearMisses = Object.fromEntries(missing.map(([key, h]) => [h, near.get(key)?.best() ?? []]));
  const explanations = [...wanted.keys()].flatMap((key) => {
    const c = found.get(key);
    return c ? [explanation(c, values, asOf)] : [];
  });
  if (options.format === 'json') {
    await writeOut(
      io.stdout,
      `${safeJson({ asOf: asOf.toISOString().slice(0, 10), followers: explanations, notFound: missing.map(([, h]) => h), nearMisses, excluded }, 2)}\n`,
    );
  } else {
    await writeOut(io.stdout, explanations.map(renderExplanation).join('\n'));
  }
  const problems = [
    ...excluded.map((h) => `${escapeControl(h)} is excluded by overrides.exclude in ${options.values}: left out of every metric, so it has no segment`),
    ...missing.map(([, h]) => {
      const guesses = nearMisses[h] ?? [];
      return `${escapeControl(h)} is not in the export${guesses.length ? ` (did you mean ${guesses.map(escapeControl).join(', ')}?)` : ''}`;
    }),
  ];
  if (problems.length === 1) throw new InputError(problems[0]!, exportFile);
  if (problems.length > 1) throw new InputError(`${problems.length} handles cannot be explained:\n${problems.map((p) => `  - ${p}`).join('\n')}`, exportFile);
}

type Explanation = ReturnType<typeof explanation>;

/** One term found in the profile, and what it did to the verdict. */
export interface TermMatch {
  field: EvidenceField;
  /** For a comment: the day it was written (YYYY-MM-DD), when known. */
  on?: string;
  term: string;
  kind: 'value' | 'ideal customer' | 'location' | 'red flag' | 'spam phrase';
  target: string;
  polarity: Polarity;
  /** Why it was read as other than support, and the word that said so. */
  cue?: Cue;
  word?: string;
  /** The word that negated it, when a negator did (kept for scripts that read it). */
  negator?: string;
  effect: string;
}

export function explanation(c: Classified, cv: CompiledValues, asOf: Date) {
  const f = c.follower;
  const s = cv.scoring;
  // The audit keeps signals only for suspects; explain shows every one.
  const auth = s.authenticity.enabled
    ? scoreAuthenticity(f, asOf, s, { spamPhrases: c.alignment.spamPhrases, engaged: c.engagement.engaged, allSignals: true })
    : c.authenticity;
  const fieldsRead: Partial<Record<TextField, string>> = {};
  for (const field of TEXT_FIELDS) if (f[field]) fieldsRead[field] = f[field]!;
  // How many comments were read, never what they say (personal data, like an email).
  const commentsRead = f.comments?.length ?? 0;
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
    commentsRead,
    matches: termMatches(c, cv),
    scores: {
      alignment: {
        score: c.alignment.score,
        threshold: s.alignedAt,
        aligned: c.alignment.aligned,
        parts: alignmentParts(c, cv),
      },
      engagement: {
        score: c.engagement.score,
        threshold: s.engagedAt,
        engaged: c.engagement.engaged,
        windowDays: s.windowDays,
        parts: engagementParts(c, cv),
        counted: c.engagement.counted,
        stale: c.engagement.stale,
        future: c.engagement.future,
        lastInteraction: c.engagement.lastAt?.toISOString().slice(0, 10) ?? null,
      },
      authenticity: {
        enabled: s.authenticity.enabled,
        checked: auth.checked,
        probability: auth.probability ?? null,
        threshold: s.authenticity.threshold,
        suspect: auth.suspect,
        /** Log-odds of a follower who looks like a typical real person on every signal. */
        base: AUTHENTICITY_MODEL.intercept,
        signals: auth.signals,
        fieldsKnown: auth.fieldsKnown ?? 0,
        fieldsNeeded: MIN_FIELDS,
        /** The owner's bot flag or the platform's moderation labels, when they speak against the account. */
        platform: platformSaysAgainst(f) ?? null,
      },
    },
    decisionTable: decisionTable(facts, c.rule),
    reasons: reasonsFor(c, s.windowDays),
    wouldChange: whatWouldChange(facts, c, cv),
  };
}

/**
 * Every term the matcher finds in the profile, including the ones that did
 * not count (negated, a value already counted, a field that kind of term is
 * not read from), so nothing about the verdict is hidden.
 */
function termMatches(c: Classified, cv: CompiledValues): TermMatch[] {
  const f = c.follower;
  const a = c.alignment;
  const out: TermMatch[] = [];
  const counted = new Set<string>();
  const sameEvidence = (e: { term: string; field: string } | undefined, term: string, field: string) => !!e && e.term === term && e.field === field;
  const texts: { field: EvidenceField; text: string | undefined; at?: Date | undefined }[] = TEXT_FIELDS.map((field) => ({ field, text: f[field] }));
  for (const comment of f.comments ?? []) texts.push({ field: 'comment', text: comment.text, at: comment.at });
  for (const { field, text, at } of texts) {
    if (!text) continue;
    for (const m of cv.matcher.match(text)) {
      const tag = m.tag;
      const kind = KIND_LABEL[tag.kind];
      const target =
        tag.kind === 'value'
          ? cv.file.values[tag.index]!.name
          : tag.kind === 'redFlag'
            ? cv.file.redFlags[tag.index]!.name
            : tag.kind === 'spamPhrase'
              ? 'authenticity check'
              : 'ideal customer';
      const base = {
        field,
        ...(at ? { on: at.toISOString().slice(0, 10) } : {}),
        term: m.term,
        kind,
        target,
        polarity: m.polarity,
        ...(m.cue ? { cue: m.cue } : {}),
        ...(m.word ? { word: m.word } : {}),
        ...(m.cue === 'negator' && m.word ? { negator: m.word } : {}),
      } as const;
      const id = `${kind}:${target}`;
      let effect: string;
      if (!FIELDS_FOR[tag.kind].includes(field)) effect = `not read: ${kind} terms are read from ${FIELDS_FOR[tag.kind].join(', ')}`;
      else if (m.polarity === 'negated' || m.polarity === 'mention') effect = `not counted: ${cueText(m)}`;
      else if (m.polarity === 'hostile') {
        const opposed = tag.kind === 'redFlag' ? cv.opposes[tag.index] : undefined;
        if (tag.kind === 'value') {
          const weighed = a.outweighed.some((o) => o.source === 'hostility' && o.index === tag.index);
          effect = `${weighed ? 'outweighed' : 'conflict'}: hostile to "${target}", ${cueText(m)}`;
        } else if (opposed !== undefined) effect = `supports "${cv.file.values[opposed]!.name}": against this red flag, ${cueText(m)}`;
        else effect = `not counted: ${cueText(m)}`;
      } else if (counted.has(id)) effect = 'already counted';
      else {
        counted.add(id);
        if (tag.kind === 'value') {
          const v = a.values.find((x) => x.index === tag.index);
          effect = v && sameEvidence(v.evidence, m.term, field) ? `alignment +${v.weight}` : 'already counted';
        } else if (tag.kind === 'redFlag') {
          const flag = cv.file.redFlags[tag.index]!;
          const weighed = a.outweighed.some((o) => o.source === 'redFlag' && o.index === tag.index);
          effect = flag.kind === 'spam' ? 'spam red flag: misaligned' : weighed ? 'red flag outweighed by the values they claim' : 'red flag: conflict, misaligned';
        } else if (tag.kind === 'spamPhrase') effect = 'a follow-for-follow phrase: an authenticity signal, not a values match';
        else if (tag.kind === 'ideal') effect = sameEvidence(a.ideal, m.term, field) ? `ideal-customer fit, alignment +${cv.scoring.idealTermWeight}` : 'already counted';
        else if (sameEvidence(a.location, m.term, field)) {
          effect = a.score > 0 ? `ideal location, alignment +${cv.scoring.locationWeight}` : 'ideal location; adds alignment only beside a value or role';
        } else effect = 'already counted';
      }
      out.push({ ...base, effect });
    }
  }
  return out;
}

const KIND_LABEL = {
  value: 'value',
  redFlag: 'red flag',
  ideal: 'ideal customer',
  location: 'location',
  spamPhrase: 'spam phrase',
} as const;

function alignmentParts(c: Classified, cv: CompiledValues): { what: string; points: number }[] {
  const a = c.alignment;
  const parts = a.values.map((v) => ({ what: `value "${v.name}"`, points: v.weight }));
  if (a.ideal) parts.push({ what: 'ideal-customer term', points: cv.scoring.idealTermWeight });
  const before = parts.reduce((n, p) => n + p.points, 0);
  if (a.location && before > 0) parts.push({ what: 'ideal-customer location', points: cv.scoring.locationWeight });
  const sum = parts.reduce((n, p) => n + p.points, 0);
  if (a.ideal && a.location && cv.scoring.idealFitAligns && sum < cv.scoring.alignedAt) {
    parts.push({ what: 'ideal-customer role in an ideal location reaches the bar (scoring.idealFitAligns)', points: round2(cv.scoring.alignedAt - sum) });
  }
  return parts;
}

function engagementParts(c: Classified, cv: CompiledValues): { what: string; points: number }[] {
  const e = c.engagement;
  const w = cv.scoring.interactionWeights;
  const parts: { what: string; points: number }[] = [];
  for (const type of INTERACTION_TYPES) {
    const n = e.counted[type];
    if (n) parts.push({ what: `${n} ${type}${n === 1 ? '' : 's'} × ${w[type]}`, points: round2(n * w[type]) });
  }
  if (e.rating !== undefined) {
    const idx = Math.min(5, Math.max(1, Math.round(e.rating))) - 1;
    parts.push({ what: `rating ${e.rating}/5`, points: cv.scoring.ratingEngagement[idx] ?? 0 });
  }
  return parts;
}

/** The decision table with each row's condition for this follower; the first that holds decides. */
function decisionTable(facts: Facts, decided: Rule) {
  return DECISION_TABLE.map((row) => ({ rule: row.name, text: row.text, holds: row.holds(facts), decided: row.name === decided }));
}

/**
 * What would change the verdict: flip one fact at a time through the decision
 * table, and for the scores say how far they are from their thresholds.
 */
function whatWouldChange(facts: Facts, c: Classified, cv: CompiledValues): string[] {
  const out: string[] = [];
  const s = cv.scoring;
  const segment = c.segment;
  const next = (change: Partial<Facts>) => decide({ ...facts, ...change }).segment;
  if (facts.override) {
    const n = next({ override: undefined });
    if (n !== segment) out.push(`without the override in the values file: ${n}`);
  }
  if (facts.suspect && next({ suspect: false }) !== segment) out.push(`if the account were judged authentic: ${next({ suspect: false })}`);
  if (facts.spam && next({ spam: false }) !== segment) out.push(`without the spam red flag: ${next({ spam: false })}`);
  if (facts.conflict && next({ conflict: false }) !== segment) out.push(`without the conflicting terms: ${next({ conflict: false })}`);
  if (facts.aligned) {
    if (next({ aligned: false }) !== segment) out.push(`without the values match (alignment below ${s.alignedAt}): ${next({ aligned: false })}`);
  } else if (next({ aligned: true }) !== segment) {
    const gap = round2(s.alignedAt - c.alignment.score);
    out.push(`with ${gap} more alignment (a value term in the bio, headline or company): ${next({ aligned: true })}`);
  }
  if (facts.engaged) {
    if (next({ engaged: false }) !== segment) out.push(`once the engagement is older than ${s.windowDays} days: ${next({ engaged: false })}`);
  } else if (next({ engaged: true }) !== segment) {
    const gap = round2(s.engagedAt - c.engagement.score);
    out.push(`with ${gap} more engagement points within ${s.windowDays} days (a like = ${s.interactionWeights.like}, a reply = ${s.interactionWeights.reply}): ${next({ engaged: true })}`);
  }
  return out;
}

const WIDTH = 80;

function renderExplanation(e: Explanation): string {
  const lines: string[] = [];
  const push = (text: string, indent: number, hang = 2) => {
    // The first line has the full width; continuation lines lose the hang.
    const [first = '', ...rest] = wrap(text, WIDTH - indent);
    lines.push(`${' '.repeat(indent)}${first}`);
    for (const l of rest.length ? wrap(rest.join(' '), WIDTH - indent - hang) : []) lines.push(`${' '.repeat(indent + hang)}${l}`);
  };
  push(`@${clip(e.handle, 40)} → ${e.segment} (${e.action})`, 0);
  push(`${clip(e.source.file, 60)}:${e.source.line}`, 2);
  if (e.flags.length) push(`flags: ${e.flags.join(', ')}`, 2);

  lines.push('  fields read');
  const entries = Object.entries(e.fieldsRead);
  if (entries.length === 0) lines.push('    (no profile text)');
  for (const [k, v] of entries) push(`${k.padEnd(9)} ${clip(v, 500)}`, 4, 10);
  if (e.commentsRead > 0) push(`comments  ${e.commentsRead} read (what they wrote is personal data: not shown)`, 4, 10);

  lines.push('  terms matched');
  if (e.matches.length === 0) lines.push('    (none)');
  for (const m of e.matches) push(`"${clip(m.term, 30)}" in ${m.field === 'comment' ? `a comment${m.on ? ` on ${m.on}` : ''}` : m.field} → ${m.kind} "${clip(m.target, 30)}": ${m.effect}`, 4, 4);

  lines.push('  scores');
  const sc = e.scores;
  const sum = (parts: { what: string; points: number }[]) =>
    parts.length ? parts.map((p) => (p.what.includes('×') ? p.what : `${p.what} ${p.points}`)).join(' + ') : 'nothing';
  push(
    `alignment    ${sc.alignment.score} ${sc.alignment.aligned ? '≥' : '<'} ${sc.alignment.threshold} → ${sc.alignment.aligned ? 'aligned' : 'not aligned'}  (${sum(sc.alignment.parts)})`,
    4,
    13,
  );
  const eng = sc.engagement;
  const extra = [eng.stale ? `${eng.stale} older than ${eng.windowDays} days not counted` : '', eng.future ? `${eng.future} after --as-of not counted` : '']
    .filter(Boolean)
    .join('; ');
  push(
    `engagement   ${eng.score} ${eng.engaged ? '≥' : '<'} ${eng.threshold} → ${eng.engaged ? 'engaged' : 'not engaged'}  (${sum(eng.parts)}${eng.parts.length ? `, within ${eng.windowDays} days` : ''}${extra ? `; ${extra}` : ''})`,
    4,
    13,
  );
  const au = sc.authenticity;
  if (!au.enabled) push('authenticity not checked (scoring.authenticity.enabled is false)', 4, 13);
  else if (!au.checked) {
    push(`authenticity: not enough fields to judge (${au.fieldsKnown} known, ${au.fieldsNeeded} needed)`, 4, 13);
    if (au.platform) push(`though ${au.platform}`, 6, 6);
  }
  else {
    push(
      `authenticity ${Math.round((au.probability ?? 0) * 100)}% likely fake (suspect at ${Math.round(au.threshold * 100)}%) → ${au.suspect ? 'suspect' : 'not suspect'}; log-odds:`,
      4,
      13,
    );
    lines.push(`${' '.repeat(17)}${signed(au.base)}  base: a typical real person`);
    for (const sig of au.signals) lines.push(`${' '.repeat(17)}${signed(sig.weight)}  ${clip(sig.detail, 52)}`);
  }

  lines.push('  decision table (the first rule that holds decides)');
  for (const row of e.decisionTable) {
    const mark = row.decided ? '→' : ' ';
    lines.push(`   ${mark} ${row.holds ? 'yes' : 'no '}  ${row.text}`);
    if (row.decided) break;
  }
  if (e.wouldChange.length) {
    lines.push('  what would change it');
    for (const w of e.wouldChange) push(w, 4, 2);
  } else lines.push('  what would change it: no single change to the facts above');
  return `${lines.join('\n')}\n`;
}

function signed(n: number): string {
  const text = Math.abs(n).toFixed(2);
  return (n > 0 ? `+${text}` : n < 0 ? `-${text}` : ` ${text}`).padStart(6);
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}
