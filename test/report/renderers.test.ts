import { Chalk } from 'chalk';
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/report/model.js';
import { reportSchema } from '../../src/report/model.js';
import { renderHtml } from '../../src/report/renderers/html.js';
import { REPORT_FORMATS, RENDERERS } from '../../src/report/renderers/index.js';
import { renderMarkdown } from '../../src/report/renderers/markdown.js';
import { renderTable } from '../../src/report/renderers/table.js';
import { FERNLEAF, runCli } from '../helpers/run-cli.js';

const base: Report = reportSchema.parse(
  JSON.parse(runCli(['audit', FERNLEAF.export, '--values', FERNLEAF.values, '--interactions', FERNLEAF.interactions, '--as-of', '2026-11-01', '--format', 'json']).stdout),
);

const ESC = '\u001b';
const HOSTILE_NAME = `${ESC}[31mRed${ESC}]8;;http://evil.test${ESC}\\link${ESC}]8;;${ESC}\\ <script>alert(1)</script> [click](http://evil.test) ![img](http://evil.test/x.png) | col | **bold** \u202etxet`;

/** The sample report with attacker-controlled text in every data field a renderer prints. */
function hostileReport(): Report {
  const r: Report = structuredClone(base);
  r.brand = `Brand <img src=x onerror=alert(1)> ${ESC}[2J`;
  r.promise = '# Heading\n<iframe src="http://evil.test"></iframe>';
  r.values[0]!.name = HOSTILE_NAME;
  r.unexpressedValues = [HOSTILE_NAME];
  r.groupThink.dominantValue = HOSTILE_NAME;
  const first = r.lists.advocates[0]!;
  first.handle = `evil${ESC}[31m<b>`;
  first.name = HOSTILE_NAME;
  first.values = [HOSTILE_NAME];
  r.lists.review[0]!.redFlags = [HOSTILE_NAME];
  r.inputs[0]!.file = `dir/${ESC}[31m<evil>.csv`;
  r.inputs[0]!.formatLabel = HOSTILE_NAME;
  r.dataQuality.skippedSamples[0]!.detail = HOSTILE_NAME;
  r.findings.push({ code: 'X', severity: 'warning', message: HOSTILE_NAME });
  return r;
}

describe('renderer registry', () => {
  it('offers every report format the CLI documents', () => {
    expect(REPORT_FORMATS).toEqual(expect.arrayContaining(['table', 'json', 'markdown', 'html']));
    for (const f of REPORT_FORMATS) expect(typeof RENDERERS[f]).toBe('function');
  });
});

describe('table renderer', () => {
  it('never emits a raw control character from the data, and shows it escaped', () => {
    const text = renderTable(hostileReport(), { chalk: new Chalk({ level: 0 }) });
    expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202e]/);
    expect(text).toContain('\\x1b[31m');
    expect(text).toContain('\\u202e');
  });

  it('fits its width (80 when not a terminal, the terminal width up to 120) even with long data', () => {
    const r = hostileReport();
    r.values[1]!.name = 'x'.repeat(200);
    r.lists.nurture[0]!.values = ['a very long value name '.repeat(8)];
    for (const [width, max] of [[undefined, 80], [80, 80], [200, 120], [40, 60]] as const) {
      const text = renderTable(r, { chalk: new Chalk({ level: 0 }), ...(width ? { width } : {}) });
      for (const line of text.split('\n')) expect(stringWidth(line), `width ${width}: ${line}`).toBeLessThanOrEqual(max);
    }
  });

  it('adds colour only when given a colour-capable chalk', () => {
    const plain = renderTable(base, { chalk: new Chalk({ level: 0 }) });
    const coloured = renderTable(base, { chalk: new Chalk({ level: 1 }) });
    expect(plain).not.toContain(ESC);
    expect(coloured).toContain(`${ESC}[`);
    expect(coloured.replace(/\u001b\[[0-9;]*m/g, '')).toBe(plain);
  });

  it('does not blame the values when no follower had profile text to express them', () => {
    const r = structuredClone(base);
    r.unexpressedValues = r.values.map((v) => v.name);
    r.dataQuality.evidence.none += r.dataQuality.evidence.both + r.dataQuality.evidence.profileTextOnly;
    r.dataQuality.evidence.both = 0;
    r.dataQuality.evidence.profileTextOnly = 0;
    expect(renderTable(r, { chalk: new Chalk({ level: 0 }) })).not.toContain('nobody expresses');
    expect(renderMarkdown(r)).not.toContain('Nobody expresses');
    expect(renderHtml(r)).not.toContain('Nobody expresses');
  });

  it('calls out values nobody expresses and warns about group-think in plain language', () => {
    const r = structuredClone(base);
    r.unexpressedValues = ['community'];
    r.groupThink.risk = 'high';
    r.findings = [{ code: 'NO_DISSENT', severity: 'warning', message: 'No dissent: nobody disagrees.' }];
    const text = renderTable(r, { chalk: new Chalk({ level: 0 }) });
    expect(text).toContain('nobody expresses: "community"');
    const section = text.slice(text.indexOf('Group-think risk: high'));
    expect(section).toMatch(/High risk: .*\n.*\n\s+! No dissent: nobody disagrees\./);
  });
});

describe('markdown renderer', () => {
  const md = renderMarkdown(hostileReport());

  it('lets no data open a link, an image, raw HTML, a heading or a table cell', () => {
    expect(md).not.toMatch(/<(script|img|iframe|b)\b/i);
    expect(md).not.toMatch(/(?<!\\)\[click(?<!\\)\]\(/);
    expect(md).not.toContain('![img]');
    expect(md).not.toMatch(/^# Heading/m);
    // Each table row keeps its column count: a | in data is escaped.
    for (const line of md.split('\n').filter((l) => l.startsWith('| @'))) {
      expect(line.split(/(?<!\\)\|/).length).toBe(6);
    }
  });

  it('keeps a plain ampersand but escapes one that would start an entity', () => {
    const r = structuredClone(base);
    r.brand = 'Oat & Ember &lt;b&gt; &#60;';
    expect(renderMarkdown(r)).toContain('# Oat & Ember &amp;lt;b&amp;gt; &amp;\\#60;');
  });

  it('never emits raw control characters', () => {
    expect(md).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202e]/);
  });

  it('keeps the text readable once rendered (escapes, not deletions)', () => {
    expect(md).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(md).toContain('\\[click\\](http\\://evil.test)');
  });
});

describe('html renderer', () => {
  const html = renderHtml(hostileReport());

  it('escapes every piece of data', () => {
    expect(html).not.toMatch(/<(script|img|iframe|b)\b/i);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('Brand &lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202e]/);
  });

  it('is one self-contained file that forbids network requests', () => {
    const clean = renderHtml(base);
    expect(clean).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`);
    expect(clean).not.toMatch(/\b(src|href|srcset|action)\s*=|url\(|@import|<script|<link/i);
    expect(clean).toContain('<svg class="chart segment-bar"');
    expect(clean).toContain('<svg class="chart value-chart"');
  });

  it('is readable in dark mode and when printed', () => {
    const clean = renderHtml(base);
    expect(clean).toContain('@media (prefers-color-scheme: dark)');
    expect(clean).toContain('@media print');
  });
});
