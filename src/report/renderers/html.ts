import { escapeControl } from '../../safe-text.js';
import type { Report } from '../model.js';
import {
  baseName,
  DISSENT_NOTE,
  DIVERSITY_NOTE,
  DOMINANT_NOTE,
  dec,
  effectiveDefinition,
  evidenceBreakdown,
  GROUP_THINK_CODES,
  groupThinkSummary,
  interactionsSummary,
  LIST_ORDER,
  LIST_TITLES,
  listDetail,
  listDetailHeading,
  listScore,
  listTotal,
  mentionReachLine,
  missingSignals,
  num,
  plural,
  OVERLAP_NOTE,
  pct,
  qualityArithmetic,
  riskLabel,
  SEGMENT_MEANING,
  SEGMENT_ORDER,
  scoreText,
  segmentBreakdowns,
  unexpressedCallout,
} from './format.js';
import { followersSection } from './html-followers.js';
import { FOLLOWERS_SCRIPT, FOLLOWERS_SCRIPT_HASH } from './html-followers-script.js';

/**
 * The report as one self-contained HTML file: inline CSS and inline SVG
 * charts, no fonts, no images, and a Content Security Policy that forbids
 * every network request, so it opens offline, can be mailed to a client and
 * prints cleanly. Every piece of data goes through `esc()`.
 *
 * With a follower list (`kindred audit --format html`), the page is written in
 * three parts so the rows never wait in memory: `htmlPageStart` (the head,
 * opening the JSON block), the rows as they are classified (see
 * ../html-rows.ts), then `htmlPageEnd` (the report, the list's controls and
 * the one inline script, allowed by its hash). Without JavaScript the page is
 * the static report with its top lists.
 */
export function renderHtml(report: Report): string {
  return htmlPageStart(report, false) + htmlPageEnd(report);
}

/** What the page says about its follower list: how many rows it embeds of how many classified. */
export interface FollowerListInfo {
  embedded: number;
  classified: number;
  /** The --html-followers limit the list stopped at (when it did). */
  limit: number;
  anonymized: boolean;
}

/** Closes the JSON block `htmlPageStart` opened: the rows each end with a comma. */
export const FOLLOWER_DATA_END = 'null]</script>\n';

export function htmlPageStart(page: Pick<Report, 'brand' | 'asOf'>, withList: boolean): string {
  const scripts = withList ? `; script-src ${FOLLOWERS_SCRIPT_HASH}` : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'${scripts}">
<meta name="color-scheme" content="light dark">
<title>${esc(page.brand)}: audience report (${esc(page.asOf)})</title>
<style>${STYLE}</style>
${withList ? '<script type="application/json" id="follower-data">[\n' : ''}`;
}

export function htmlPageEnd(report: Report, list?: FollowerListInfo): string {
  const seg = report.segments;
  const q = report.quality;
  const t = report.totals;
  const body: string[] = [];

  body.push('<header>');
  body.push(`<h1>${esc(report.brand)} <span class="sub">audience report</span></h1>`);
  if (report.promise) body.push(`<p class="promise">“${esc(report.promise)}”</p>`);
  body.push(`<p class="meta">As of ${esc(report.asOf)} · kindred ${esc(report.tool.version)} · report schema ${esc(report.schemaVersion)}</p>`);
  body.push('</header>');

  // Headline.
  body.push('<section id="community"><h2>Your community</h2>');
  body.push('<div class="kpis">');
  body.push(
    q.score === null
      ? kpi('quality score', 'not measurable', 'quality-score', esc(q.notMeasurable?.reason ?? ''))
      : kpi('quality score', `${q.score}<small>/100</small>`, 'quality-score'),
  );
  body.push(kpi('effective community', `${num(q.effectiveCommunity)}`, 'effective-community', `${pct(q.effectiveShare)} of ${plural(t.classified, 'follower')}`));
  body.push(kpi('followers classified', num(t.classified), 'classified', `${plural(t.rowsRead, 'row')} read · ${num(t.skipped)} skipped`));
  body.push('</div>');
  body.push(segmentBar(report));
  body.push('<table class="segments"><thead><tr><th>segment</th><th class="num">followers</th><th class="num">share</th><th>what it means</th></tr></thead><tbody>');
  for (const name of SEGMENT_ORDER) {
    const s = seg[name];
    body.push(
      `<tr data-segment="${name}"><td><span class="swatch ${name}"></span>${name}</td><td class="num">${num(s.count)}</td><td class="num">${pct(s.share)}</td><td>${SEGMENT_MEANING[name]}</td></tr>`,
    );
  }
  body.push('</tbody></table>');
  body.push('<ul class="detail">');
  for (const line of segmentBreakdowns(report)) body.push(`<li>${esc(line)}</li>`);
  body.push('</ul>');
  body.push(
    q.score === null
      ? `<p class="formula">Effective community = ${esc(effectiveDefinition(report))}; raw size does not count.<br>Quality score ${esc(scoreText(report))}: ${esc(qualityArithmetic(report))}.</p>`
      : `<p class="formula">Effective community = ${esc(effectiveDefinition(report))}; raw size does not count.<br>Quality score = 100 × min(1, effective share ÷ target) × (1 − misaligned share):<br><code class="arithmetic">${esc(qualityArithmetic(report))}</code></p>`,
  );
  body.push('</section>');

  // Value resonance.
  body.push('<section id="values"><h2>Value resonance</h2>');
  body.push(valueChart(report));
  body.push(`<p class="note">${esc(OVERLAP_NOTE[0]!.toUpperCase() + OVERLAP_NOTE.slice(1))}.</p>`);
  body.push(
    `<table><thead><tr><th>value</th><th class="num">followers</th><th class="num">share</th><th class="num">advocates (${num(seg.advocate.count)})</th><th class="num">share of advocates</th></tr></thead><tbody>`,
  );
  for (const v of report.values) {
    body.push(`<tr data-value="${esc(v.name)}"><td>${esc(v.name)}</td><td class="num">${num(v.followers)}</td><td class="num">${pct(v.share)}</td><td class="num">${num(v.advocates)}</td><td class="num">${pct(v.advocateShare)}</td></tr>`);
  }
  body.push('</tbody></table>');
  if (unexpressedCallout(report).length) {
    body.push(`<p class="warning"><strong>Nobody expresses:</strong> ${unexpressedCallout(report).map((v) => `“${esc(v)}”`).join(', ')}</p>`);
  }
  body.push('</section>');

  // Ideal customer.
  const ic = report.idealCustomer;
  body.push('<section id="ideal"><h2>Ideal-customer fit</h2>');
  if (ic.defined) {
    body.push(`<p><strong>${num(ic.fit)}</strong> ${ic.fit === 1 ? 'follower fits' : 'followers fit'} the ideal customer (${pct(ic.share)}).</p>`);
    body.push('<table><thead><tr><th>segment</th><th class="num">fit</th><th class="num">of</th><th class="num">share of segment</th></tr></thead><tbody>');
    for (const name of SEGMENT_ORDER) {
      body.push(`<tr><td><span class="swatch ${name}"></span>${name}</td><td class="num">${num(ic.bySegment[name])}</td><td class="num">${num(seg[name].count)}</td><td class="num">${pct(ic.bySegmentShare[name])}</td></tr>`);
    }
    body.push('</tbody></table>');
  } else body.push('<p>Not defined: add <code>idealCustomer.terms</code> to the values file to measure it.</p>');
  body.push('</section>');

  // Group-think.
  const g = report.groupThink;
  body.push(`<section id="groupthink"><h2>Group-think risk: <span class="risk ${g.risk}">${riskLabel(report)}</span></h2>`);
  body.push(`<p>${esc(groupThinkSummary(report))}</p>`);
  body.push('<table><thead><tr><th>figure</th><th class="num">value</th><th>reading</th></tr></thead><tbody>');
  body.push(`<tr><td>value diversity</td><td class="num">${g.diversity === null ? 'n/a' : g.diversity.toFixed(2)}</td><td>${esc(DIVERSITY_NOTE)}</td></tr>`);
  if (g.dominantValue) {
    body.push(`<tr><td>top value: ${esc(g.dominantValue)}</td><td class="num">${pct(g.dominantShare)}</td><td>of ${num(g.alignedFollowers)} aligned followers hold it</td></tr>`);
    body.push(`<tr><td>its share of values expressed</td><td class="num">${pct(g.dominantMentionShare)}</td><td>${esc(DOMINANT_NOTE)}</td></tr>`);
  }
  body.push(
    g.notMeasurable
      ? `<tr><td>dissenters</td><td class="num">n/a</td><td>${esc(g.notMeasurable)}: conflicts are read in profile text</td></tr>`
      : `<tr><td>dissenters</td><td class="num">${num(g.dissenters)}</td><td>${pct(g.dissentShare)} of engaged followers; ${esc(DISSENT_NOTE)}</td></tr>`,
  );
  body.push('</tbody></table>');
  for (const f of report.findings.filter((x) => GROUP_THINK_CODES.has(x.code))) body.push(`<p class="warning"><strong>Warning:</strong> ${esc(f.message)}</p>`);
  body.push('</section>');

  // Who to act on.
  for (const key of LIST_ORDER) {
    const list = report.lists[key];
    if (list.length === 0) continue;
    body.push(`<section class="list" id="list-${key}"><h2>${esc(LIST_TITLES[key])}: top ${list.length} of ${num(listTotal(report, key))}</h2>`);
    body.push(`<table class="people"><thead><tr><th>handle</th><th>name</th><th class="num">${listScore(key)}</th><th>${listDetailHeading(key)}</th></tr></thead><tbody>`);
    for (const f of list) {
      body.push(`<tr><td class="handle">@${esc(f.handle)}</td><td>${esc(f.name ?? '')}</td><td class="num" data-label="${listScore(key)}">${dec(f[listScore(key)])}</td><td>${esc(listDetail(f, key))}</td></tr>`);
    }
    body.push('</tbody></table></section>');
  }

  // Data quality.
  body.push('<section id="data-quality"><h2>Data quality</h2>');
  for (const i of report.inputs) {
    body.push(`<h3><code>${esc(baseName(i.file))}</code></h3><table class="facts"><tbody>`);
    body.push(`<tr><th>format</th><td>${esc(i.formatLabel)}</td></tr>`);
    body.push(`<tr><th>rows</th><td>${num(i.rowsRead)} read: ${num(i.classified)} classified, ${num(i.skipped)} skipped</td></tr>`);
    body.push(`<tr><th>fields found</th><td>${esc(i.fields.join(', ')) || 'none'}</td></tr>`);
    if (i.unusedColumns.length) body.push(`<tr><th>columns not used</th><td>${esc(i.unusedColumns.join(', '))}</td></tr>`);
    body.push(`<tr><th>missing</th><td>${esc(missingSignals(i).join('; ') || 'nothing')}</td></tr>`);
    body.push('</tbody></table>');
  }
  for (const i of report.interactions) {
    body.push(`<p>Interactions <code>${esc(baseName(i.file))}</code>: ${esc(interactionsSummary(i))}.</p>`);
    if (i.skippedSamples.length) {
      body.push('<ul class="detail">');
      for (const s of i.skippedSamples) body.push(`<li><code>${esc(`${baseName(s.file)}:${s.line}`)}</code> <code>${esc(s.code)}</code>${s.detail ? ` ${esc(s.detail)}` : ''}</li>`);
      body.push('</ul>');
    }
  }
  const evidence = evidenceBreakdown(report);
  body.push(`<p>${esc(evidence[0]!.toUpperCase() + evidence.slice(1))}.</p>`);
  const reach = mentionReachLine(report);
  if (reach) body.push(`<p>${esc(reach[0]!.toUpperCase() + reach.slice(1))}.</p>`);
  if (!report.dataQuality.engagementAvailable) body.push('<p class="warning"><strong>No engagement data:</strong> nobody can be counted as engaged.</p>');
  const skipped = Object.entries(report.dataQuality.skippedByCode);
  if (skipped.length) {
    body.push(`<p>Skipped: ${skipped.map(([c, n]) => `<code>${esc(c)}</code> ${num(n)}`).join(', ')}</p><ul class="detail">`);
    for (const s of report.dataQuality.skippedSamples.slice(0, 5)) {
      body.push(`<li><code>${esc(`${baseName(s.file)}:${s.line}`)}</code> <code>${esc(s.code)}</code>${s.detail ? ` ${esc(s.detail)}` : ''}</li>`);
    }
    body.push('</ul>');
  }
  if (report.dataQuality.warnings.length) {
    body.push('<table><thead><tr><th>warning</th><th>field</th><th class="num">rows</th><th>example</th></tr></thead><tbody>');
    for (const w of report.dataQuality.warnings) {
      const s = w.samples[0];
      body.push(`<tr><td><code>${esc(w.code)}</code></td><td>${esc(w.field)}</td><td class="num">${num(w.count)}</td><td>${s ? `line ${s.line}: ${esc(s.value)}` : ''}</td></tr>`);
    }
    body.push('</tbody></table>');
  }
  body.push('</section>');

  const notes = report.findings.filter((x) => !GROUP_THINK_CODES.has(x.code));
  if (notes.length) {
    body.push('<section id="notes"><h2>What this means</h2><ul class="notes">');
    for (const f of notes) body.push(`<li class="${f.severity}">${f.severity === 'warning' ? '<strong>Warning:</strong> ' : ''}${esc(f.message)}</li>`);
    body.push('</ul></section>');
  }
  if (list) body.push(followersSection(report, list));
  body.push('<footer>Why this segment? <code>kindred explain &lt;export&gt; --values FILE &lt;handle&gt;</code></footer>');

  return `${list ? FOLLOWER_DATA_END : ''}</head>
<body>
<main>
${body.join('\n')}
</main>
${list ? `<script>${FOLLOWERS_SCRIPT}</script>\n` : ''}</body>
</html>
`;
}

function kpi(label: string, valueHtml: string, id: string, note?: string): string {
  return `<div class="kpi" id="kpi-${id}"><div class="kpi-value">${valueHtml}</div><div class="kpi-label">${label}</div>${note ? `<div class="kpi-note">${note}</div>` : ''}</div>`;
}

/** One stacked bar of the four segments; each part carries a tooltip with its count. */
function segmentBar(report: Report): string {
  const W = 1000;
  const H = 40;
  let x = 0;
  const parts: string[] = [];
  for (const name of SEGMENT_ORDER) {
    const s = report.segments[name];
    const w = Math.round(s.share * W * 10) / 10;
    if (w > 0) {
      parts.push(`<rect class="${name}" data-segment="${name}" x="${dec(x)}" y="0" width="${dec(w)}" height="${H}"><title>${name}: ${num(s.count)} (${pct(s.share)})</title></rect>`);
      // Label a part only with text that fits inside it (about 10 units a character at this size).
      const label = [`${name} ${pct(s.share)}`, pct(s.share)].find((l) => w >= l.length * 10 + 16);
      if (label) parts.push(`<text class="on-bar on-${name}" data-segment="${name}" x="${dec(x + 8)}" y="26">${label}</text>`);
    }
    x += w;
  }
  if (parts.length === 0) parts.push(`<rect class="empty" x="0" y="0" width="${W}" height="${H}"/>`);
  return `<svg class="chart segment-bar" viewBox="0 0 ${W} ${H}" role="img" aria-label="Followers by segment">${parts.join('')}</svg>
<p class="legend">${SEGMENT_ORDER.map((n) => `<span data-segment="${n}"><span class="swatch ${n}"></span>${n} ${num(report.segments[n].count)}</span>`).join(' ')}</p>`;
}

/** For each value: the share of all followers and of advocates who express it. */
function valueChart(report: Report): string {
  const W = 1000;
  const LABEL = 260;
  const ROW = 54;
  const barW = W - LABEL - 90;
  const rows = report.values.map((v, i) => {
    const y = i * ROW + 8;
    const all = Math.round(v.share * barW * 10) / 10;
    const adv = Math.round(v.advocateShare * barW * 10) / 10;
    return (
      `<g data-value="${esc(v.name)}">` +
      `<text class="label" x="0" y="${y + 24}">${esc(clipChars(v.name, 28))}</text>` +
      `<rect class="track" x="${LABEL}" y="${y}" width="${barW}" height="18"/>` +
      `<rect class="all" x="${LABEL}" y="${y}" width="${dec(all)}" height="18"><title>${esc(v.name)}: ${num(v.followers)} followers (${pct(v.share)})</title></rect>` +
      `<text class="figure" x="${LABEL + barW + 8}" y="${y + 14}">${pct(v.share)}</text>` +
      `<rect class="track" x="${LABEL}" y="${y + 22}" width="${barW}" height="18"/>` +
      `<rect class="adv" x="${LABEL}" y="${y + 22}" width="${dec(adv)}" height="18"><title>${esc(v.name)}: ${num(v.advocates)} advocates (${pct(v.advocateShare)})</title></rect>` +
      `<text class="figure" x="${LABEL + barW + 8}" y="${y + 36}">${pct(v.advocateShare)}</text></g>`
    );
  });
  const h = Math.max(1, report.values.length) * ROW + 8;
  return `<svg class="chart value-chart" viewBox="0 0 ${W} ${h}" role="img" aria-label="Value resonance: share of followers and of advocates expressing each value">${rows.join('')}</svg>
<p class="legend"><span><span class="swatch all"></span>all followers</span> <span><span class="swatch adv"></span>advocates</span></p>`;
}

function clipChars(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

/** HTML-escaped text; control characters are shown escaped too, as in the terminal. */
export function esc(text: string): string {
  return escapeControl(text).replace(/[&<>"']/g, (ch) => ENTITIES[ch]!);
}

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

const STYLE = `
:root {
  --bg: #ffffff; --fg: #1d2125; --muted: #5c6670; --rule: #d9dee3; --panel: #f4f6f8; --track: #e6eaee;
  --advocate: #2e7d32; --potential: #0277bd; --passive: #9aa5ae; --misaligned: #c62828;
  --warn-bg: #fff4e0; --warn-fg: #7a4a00;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #15181b; --fg: #e6e9ec; --muted: #9aa5ae; --rule: #333a40; --panel: #1e2327; --track: #2a3035;
    --advocate: #66bb6a; --potential: #4fc3f7; --passive: #6b757d; --misaligned: #ef5350;
    --warn-bg: #3a2c12; --warn-fg: #ffcc80;
  }
}
* { box-sizing: border-box; }
html { background: var(--bg); color: var(--fg); }
body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
main { max-width: 960px; margin: 0 auto; padding: 24px; }
h1 { font-size: 28px; margin: 0 0 4px; }
h1 .sub { font-weight: 400; color: var(--muted); font-size: 18px; }
h2 { font-size: 19px; margin: 32px 0 12px; padding-bottom: 4px; border-bottom: 1px solid var(--rule); }
.promise { font-style: italic; margin: 0 0 4px; }
.meta, .legend, .kpi-note, .formula, footer { color: var(--muted); font-size: 13px; }
code.arithmetic { white-space: nowrap; }
code { font: 13px ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
.kpis { display: flex; flex-wrap: wrap; gap: 12px; margin-bottom: 16px; }
.kpi { flex: 1 1 200px; background: var(--panel); border-radius: 8px; padding: 12px 16px; }
.kpi-value { font-size: 32px; font-weight: 700; line-height: 1.1; }
.kpi-value small { font-size: 16px; font-weight: 400; color: var(--muted); }
.kpi-label { font-weight: 600; }
.chart { display: block; width: 100%; height: auto; }
.segment-bar { border-radius: 6px; overflow: hidden; }
svg .advocate, .swatch.advocate { fill: var(--advocate); background: var(--advocate); }
svg .potential, .swatch.potential { fill: var(--potential); background: var(--potential); }
svg .passive, .swatch.passive { fill: var(--passive); background: var(--passive); }
svg .misaligned, .swatch.misaligned { fill: var(--misaligned); background: var(--misaligned); }
svg .all, .swatch.all { fill: var(--potential); background: var(--potential); }
svg .adv, .swatch.adv { fill: var(--advocate); background: var(--advocate); }
svg .track, svg .empty { fill: var(--track); }
svg text { fill: var(--fg); font: 16px system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; }
svg text.on-bar { fill: #fff; font-weight: 600; }
svg text.on-bar.on-passive { fill: #15181b; }
svg text.figure { fill: var(--muted); font-size: 14px; }
.swatch { display: inline-block; width: 10px; height: 10px; border-radius: 2px; margin-right: 6px; vertical-align: baseline; }
.legend > span { margin-right: 16px; white-space: nowrap; }
table { border-collapse: collapse; width: 100%; margin: 8px 0; font-size: 14px; }
th, td { text-align: left; padding: 5px 8px; border-bottom: 1px solid var(--rule); vertical-align: top; overflow-wrap: anywhere; }
th { color: var(--muted); font-weight: 600; }
.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
table.people { table-layout: fixed; }
table.people th:nth-child(1) { width: 26%; }
table.people th:nth-child(2) { width: 24%; }
table.people th:nth-child(3) { width: 14%; }
table.facts th { width: 9em; text-align: left; }
h3 { font-size: 15px; margin: 16px 0 4px; }
td.handle { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 13px; }
ul.detail { margin: 8px 0; padding-left: 20px; }
.warning, li.warning { background: var(--warn-bg); color: var(--warn-fg); border-radius: 6px; padding: 8px 12px; }
ul.notes { list-style: none; padding: 0; }
ul.notes li { margin: 6px 0; padding: 8px 12px; }
.risk.high { color: var(--misaligned); }
.risk.medium { color: var(--warn-fg); }
.risk.low { color: var(--advocate); }
footer { margin-top: 32px; }
.js [data-segment], .js [data-value] { cursor: pointer; }
.js tr[data-value]:hover, .js tr[data-segment]:hover { background: var(--panel); }
.controls { display: flex; flex-wrap: wrap; gap: 8px 16px; align-items: end; margin: 8px 0; }
.controls label { display: flex; flex-direction: column; font-size: 13px; color: var(--muted); gap: 2px; }
.controls label.search { flex: 1 1 240px; }
input, select, button { font: inherit; font-size: 14px; color: var(--fg); background: var(--bg); border: 1px solid var(--rule); border-radius: 6px; padding: 5px 8px; }
button { cursor: pointer; background: var(--panel); }
button:disabled { cursor: default; opacity: 0.5; }
.count { font-weight: 600; margin: 8px 0; }
.scroll { overflow-x: auto; }
table.followers-table { min-width: 860px; }
table.followers-table th button { border: 0; background: none; padding: 0; color: var(--muted); font-weight: 600; }
table.followers-table th[aria-sort="ascending"] button::after { content: " ▲"; }
table.followers-table th[aria-sort="descending"] button::after { content: " ▼"; }
table.followers-table td { overflow-wrap: break-word; }
table.followers-table td.handle { max-width: 180px; }
table.followers-table a { color: var(--potential); }
/* The list is the widest thing in the report: on a wide screen it may use more than the text column. */
@media screen and (min-width: 1000px) {
  section.followers { --w: min(calc(100vw - 48px), 1200px); width: var(--w); margin-left: calc((912px - var(--w)) / 2); }
}
table.followers-table td.segment { white-space: nowrap; }
table.followers-table td.segment small { display: block; color: var(--muted); font-size: 12px; }
.chip { display: inline-block; white-space: nowrap; font-size: 12px; border: 1px solid var(--rule); border-radius: 10px; padding: 0 6px; margin: 0 4px 2px 0; }
tr.reasons td { background: var(--panel); }
tr.reasons ul { margin: 0; padding-left: 20px; }
tr.reasons .about { color: var(--muted); margin: 6px 0 0; }
.pager { display: flex; gap: 12px; align-items: center; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
@media (max-width: 600px) {
  main { padding: 12px; }
  h1 { font-size: 23px; }
  .kpi { flex-basis: 140px; }
  .kpi-value { font-size: 26px; }
  /* Narrow columns must not break words letter by letter: long words may break, short ones stay whole. */
  th, td { overflow-wrap: break-word; padding: 4px 4px; }
  table { font-size: 12.5px; }
  td:has(> .swatch) { white-space: nowrap; }
  th.num { white-space: normal; }
  code.arithmetic { white-space: normal; }
  /* Lists of people become one small card per person: a phone has no room for their columns. */
  table.people thead { display: none; }
  table.people, table.people tbody, table.followers-table, table.followers-table thead, table.followers-table tbody { display: block; min-width: 0; }
  table.people tr { display: grid; grid-template-columns: auto 1fr auto; column-gap: 8px; padding: 6px 0; border-bottom: 1px solid var(--rule); }
  table.people td, table.followers-table td, table.followers-table th { border: 0; padding: 1px 0; }
  table.people td:nth-child(4) { grid-column: 1 / -1; color: var(--muted); }
  td[data-label]::before { content: attr(data-label) " "; color: var(--muted); font-size: 12px; }
  table.followers-table thead tr { display: flex; flex-wrap: wrap; gap: 4px 14px; }
  table.followers-table thead th:first-child::before { content: "sort by"; color: var(--muted); font-size: 13px; margin-right: 8px; }
  table.followers-table tr[data-row] {
    display: grid; grid-template-columns: 1fr auto; column-gap: 8px; padding: 8px 0 4px; border-top: 1px solid var(--rule);
    grid-template-areas: "handle segment" "name segment" "location location" "values values" "flags flags" "engagement why" "alignment why";
  }
  table.followers-table td.handle { grid-area: handle; max-width: none; }
  table.followers-table td.name { grid-area: name; }
  table.followers-table td.segment { grid-area: segment; text-align: right; }
  table.followers-table td.values { grid-area: values; }
  table.followers-table td.flags { grid-area: flags; }
  table.followers-table td.engagement { grid-area: engagement; text-align: left; }
  table.followers-table td.alignment { grid-area: alignment; text-align: left; }
  table.followers-table td.location { grid-area: location; color: var(--muted); }
  table.followers-table td.why-cell { grid-area: why; align-self: end; }
  table.followers-table tr.reasons, table.followers-table tr.reasons td { display: block; }
}
@media print {
  :root {
    --bg: #ffffff; --fg: #000000; --muted: #444444; --rule: #bbbbbb; --panel: #f2f2f2; --track: #e6e6e6;
    --advocate: #2e7d32; --potential: #0277bd; --passive: #9aa5ae; --misaligned: #c62828;
    --warn-bg: #ffffff; --warn-fg: #000000;
  }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  body { font-size: 11pt; }
  main { max-width: none; padding: 0; }
  section, tr, .kpis { break-inside: avoid; }
  h2 { break-after: avoid; }
  .warning { border: 1px solid #000; }
  .controls, .pager, td.why-cell, table.followers-table th:last-child { display: none; }
  .scroll { overflow: visible; }
  table.followers-table { min-width: 0; font-size: 8.5pt; }
  table.followers-table th, table.followers-table td { padding: 3px 4px; }
  table.followers-table td.handle, table.followers-table td small, table.followers-table .chip { font-size: 8pt; }
}
`;
