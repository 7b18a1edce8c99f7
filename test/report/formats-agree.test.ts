import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/report/model.js';
import { FERNLEAF, OAT, runCli } from '../helpers/run-cli.js';

/**
 * Every human-readable format must print the numbers of the one Report. The
 * figures are parsed back out of the table, Markdown and HTML text (not taken
 * from the renderers' inputs) and compared with the JSON report.
 */
const SEGMENTS = ['advocate', 'potential', 'passive', 'misaligned'] as const;
const LISTS = ['advocates', 'nurture', 'qualify', 'dissenters', 'review'] as const;

interface Figures {
  segments: Record<string, { count: number; share: number }>;
  score: number | null;
  effective: number;
  values: { name: string; followers: number; share: number; advocates: number; advocateShare: number }[];
  idealFit: number;
  diversity: number;
  dissenters: number;
  lists: Record<string, string[]>;
}

const int = (s: string | undefined) => Number((s ?? 'NaN').replace(/,/g, ''));
const percent = (s: string | undefined) => Number((s ?? 'NaN').replace('%', ''));
const need = (m: RegExpExecArray | RegExpMatchArray | null, what: string) => {
  if (!m) throw new Error(`not found: ${what}`);
  return m;
};

function fromJson(report: Report): Figures {
  return {
    segments: Object.fromEntries(SEGMENTS.map((s) => [s, { count: report.segments[s].count, share: report.segments[s].share * 100 }])),
    score: report.quality.score,
    effective: report.quality.effectiveCommunity,
    values: report.values.map((v) => ({ name: v.name, followers: v.followers, share: v.share * 100, advocates: v.advocates, advocateShare: v.advocateShare * 100 })),
    idealFit: report.idealCustomer.fit,
    diversity: report.groupThink.diversity ?? Number.NaN,
    dissenters: report.groupThink.dissenters,
    lists: Object.fromEntries(LISTS.map((l) => [l, report.lists[l].map((f) => f.handle)])),
  };
}

function fromTable(text: string, valueNames: string[]): Figures {
  const segments: Figures['segments'] = {};
  for (const s of SEGMENTS) {
    const m = need(new RegExp(`^  ${s}\\s+[█░]+\\s+([\\d,]+)\\s+([\\d.]+%)$`, 'm').exec(text), s);
    segments[s] = { count: int(m[1]), share: percent(m[2]) };
  }
  const values = valueNames.map((name) => {
    const m = need(new RegExp(`^  ${name}\\s+[█░]+\\s+([\\d,]+)\\s+([\\d.]+%)\\s+([\\d,]+)\\s+([\\d.]+%)$`, 'm').exec(text), name);
    return { name, followers: int(m[1]), share: percent(m[2]), advocates: int(m[3]), advocateShare: percent(m[4]) };
  });
  const lists: Figures['lists'] = {};
  const headings = { advocates: 'Advocates to thank', nurture: 'Potential to nurture', qualify: 'Potential to qualify', dissenters: 'Dissenters to hear', review: 'Misaligned to review' };
  for (const l of LISTS) {
    const start = text.indexOf(`\n${headings[l]}`);
    lists[l] = start < 0 ? [] : [...text.slice(start).split('\n\n')[0]!.matchAll(/^ {2}@(\S+)/gm)].map((m) => m[1]!);
  }
  return {
    segments,
    score: int(need(/quality score (\d+)\/100/.exec(text), 'score')[1]),
    effective: int(need(/Effective community ([\d,.]+) of/.exec(text), 'effective')[1]),
    values,
    idealFit: int(need(/Ideal-customer fit: ([\d,]+) followers/.exec(text), 'ideal')[1]),
    diversity: Number(need(/value diversity\s+([\d.]+)/.exec(text), 'diversity')[1]),
    dissenters: int(need(/dissent\s+([\d,]+) dissenters/.exec(text), 'dissenters')[1]),
    lists,
  };
}

const unescapeMd = (s: string) => s.replace(/\\(.)/g, '$1');

function fromMarkdown(text: string, valueNames: string[]): Figures {
  const segments: Figures['segments'] = {};
  for (const s of SEGMENTS) {
    const m = need(new RegExp(`^\\| ${s} \\| ([\\d,]+) \\| ([\\d.]+%) \\|`, 'm').exec(text), s);
    segments[s] = { count: int(m[1]), share: percent(m[2]) };
  }
  const values = valueNames.map((name) => {
    const m = need(new RegExp(`^\\| ${name} \\| ([\\d,]+) \\| ([\\d.]+%) \\| ([\\d,]+) \\| ([\\d.]+%) \\|$`, 'm').exec(text), name);
    return { name, followers: int(m[1]), share: percent(m[2]), advocates: int(m[3]), advocateShare: percent(m[4]) };
  });
  const lists: Figures['lists'] = {};
  const headings = { advocates: '## Advocates to thank', nurture: '## Potential to nurture', qualify: '## Potential to qualify', dissenters: '## Dissenters to hear', review: '## Misaligned to review' };
  for (const l of LISTS) {
    const start = text.indexOf(headings[l]);
    const section = start < 0 ? '' : text.slice(start).split('\n## ')[0]!;
    lists[l] = [...section.matchAll(/^\| @(\S+) \|/gm)].map((m) => unescapeMd(m[1]!));
  }
  return {
    segments,
    score: int(need(/Quality score: (\d+)\/100/.exec(text), 'score')[1]),
    effective: int(need(/effective community \*\*([\d,.]+)\*\*/.exec(text), 'effective')[1]),
    values,
    idealFit: int(need(/^([\d,]+) followers fit the ideal customer/m.exec(text), 'ideal')[1]),
    diversity: Number(need(/^\| value diversity \| ([\d.]+) \|/m.exec(text), 'diversity')[1]),
    dissenters: int(need(/^\| dissenters \| ([\d,]+) \|/m.exec(text), 'dissenters')[1]),
    lists,
  };
}

function fromHtml(html: string, valueNames: string[]): Figures {
  const segments: Figures['segments'] = {};
  for (const s of SEGMENTS) {
    const m = need(new RegExp(`<tr data-segment="${s}">.*?<td class="num">([\\d,]+)</td><td class="num">([\\d.]+%)</td>`).exec(html), s);
    segments[s] = { count: int(m[1]), share: percent(m[2]) };
  }
  const values = valueNames.map((name) => {
    const m = need(
      new RegExp(`<tr[^>]*><td>${name}</td><td class="num">([\\d,]+)</td><td class="num">([\\d.]+%)</td><td class="num">([\\d,]+)</td><td class="num">([\\d.]+%)</td></tr>`).exec(html),
      name,
    );
    return { name, followers: int(m[1]), share: percent(m[2]), advocates: int(m[3]), advocateShare: percent(m[4]) };
  });
  const lists: Figures['lists'] = {};
  for (const l of LISTS) {
    const m = new RegExp(`<section class="list" id="list-${l}">(.*?)</section>`, 's').exec(html);
    lists[l] = m ? [...m[1]!.matchAll(/<td class="handle">@([^<]+)<\/td>/g)].map((x) => x[1]!) : [];
  }
  return {
    segments,
    score: int(need(/id="kpi-quality-score"><div class="kpi-value">(\d+)</.exec(html), 'score')[1]),
    effective: int(need(/id="kpi-effective-community"><div class="kpi-value">([\d,.]+)</.exec(html), 'effective')[1]),
    values,
    idealFit: int(need(/<strong>([\d,]+)<\/strong> followers fit the ideal customer/.exec(html), 'ideal')[1]),
    diversity: Number(need(/<td>value diversity<\/td><td class="num">([\d.]+)</.exec(html), 'diversity')[1]),
    dissenters: int(need(/<td>dissenters<\/td><td class="num">([\d,]+)</.exec(html), 'dissenters')[1]),
    lists,
  };
}

/** Shares are printed to one decimal of a percent; everything else must match exactly. */
function expectSameFigures(actual: Figures, expected: Figures) {
  const roundShares = (f: Figures) => ({
    ...f,
    segments: Object.fromEntries(Object.entries(f.segments).map(([k, v]) => [k, { ...v, share: Math.round(v.share * 10) / 10 }])),
    values: f.values.map((v) => ({ ...v, share: Math.round(v.share * 10) / 10, advocateShare: Math.round(v.advocateShare * 10) / 10 })),
    diversity: Math.round(f.diversity * 100) / 100,
  });
  expect(roundShares(actual)).toEqual(roundShares(expected));
}

describe.each([
  ['fernleaf', FERNLEAF],
  ['oat-and-ember', OAT],
])('the %s sample: table, JSON, Markdown and HTML agree', (_name, sample) => {
  const args = ['audit', sample.export, '--values', sample.values, '--interactions', sample.interactions, '--as-of', '2026-11-01', '--top', '4'];
  const report: Report = JSON.parse(runCli([...args, '--format', 'json']).stdout);
  const expected = fromJson(report);
  const names = report.values.map((v) => v.name);

  it('has something to compare', () => {
    expect(expected.segments.advocate!.count).toBeGreaterThan(0);
    expect(expected.lists.advocates!.length).toBe(4);
  });

  it('table', () => expectSameFigures(fromTable(runCli([...args, '--format', 'table']).stdout, names), expected));
  it('markdown', () => expectSameFigures(fromMarkdown(runCli([...args, '--format', 'markdown']).stdout, names), expected));
  it('html', () => expectSameFigures(fromHtml(runCli([...args, '--format', 'html']).stdout, names), expected));
});
