import type { Flag } from '../../classify.js';
import type { Action } from '../../decision-table.js';
import type { Report } from '../model.js';
import { num, SEGMENT_ORDER } from './format.js';
import { esc, type FollowerListInfo } from './html.js';

// Every action and flag, in the order a marketer reads them; a Record keyed by the type so a new one cannot be forgotten.
const ACTIONS = Object.keys({ thank: 1, nurture: 1, qualify: 1, hear: 1, review: 1, none: 1 } satisfies Record<Action, 1>);
const FLAGS = Object.keys({ dissenter: 1, conflict: 1, spam: 1, suspect: 1, 'ideal-fit': 1, 'no-evidence': 1, override: 1 } satisfies Record<Flag, 1>);

/** The columns of the list; `sort` names the row field a click on the heading sorts by. */
const COLUMNS: { label: string; sort?: string; num?: boolean }[] = [
  { label: 'handle', sort: 'handle' },
  { label: 'name', sort: 'name' },
  { label: 'segment', sort: 'segment' },
  { label: 'values', sort: 'values' },
  { label: 'flags', sort: 'flags' },
  { label: 'engagement', sort: 'engagement', num: true },
  { label: 'alignment', sort: 'alignment', num: true },
  { label: 'location', sort: 'location' },
  { label: '' },
];

/**
 * The Followers section: the controls and an empty table the script fills
 * from the embedded rows. Shown only when the script runs; without it, a note
 * points to the top lists and to --followers-out.
 */
export function followersSection(report: Report, list: FollowerListInfo): string {
  const out: string[] = [];
  const heading = list.embedded < list.classified ? `the first ${num(list.embedded)} of ${num(list.classified)}` : `all ${num(list.embedded)}`;
  out.push(`<section id="followers" class="followers"><h2>Followers: ${heading}</h2>`);
  if (list.embedded < list.classified) {
    out.push(
      `<p class="warning"><strong>Only the first ${num(list.embedded)} followers</strong> (in export order) are in this list: the page stays quick up to ${num(list.limit)} (<code>--html-followers N</code> sets the limit). Every figure above counts all ${num(list.classified)}. For the full list: <code>kindred audit … --followers-out followers.csv</code>.</p>`,
    );
  }
  if (list.anonymized) out.push('<p class="meta">Anonymised: handles are pseudonyms; names, locations, profile text and links are left out.</p>');
  out.push(
    '<noscript><p class="warning">Browsing this list needs JavaScript, which is off. The top lists above are complete reports on their own; every follower with reasons: <code>kindred audit … --followers-out followers.csv</code>.</p></noscript>',
  );
  out.push('<div class="browse" hidden><div class="controls">');
  out.push('<label class="search">Search <input type="search" id="f-search" placeholder="handle, name, place or bio words" autocomplete="off"></label>');
  out.push(select('f-segment', 'Segment', SEGMENT_ORDER));
  out.push(select('f-action', 'Action', ACTIONS));
  out.push(select('f-value', 'Value', report.values.map((v) => v.name)));
  out.push(select('f-flag', 'Flag', FLAGS));
  out.push('<label>Ideal fit <select id="f-ideal"><option value="">any</option><option value="yes">fits</option><option value="no">does not fit</option></select></label>');
  out.push('<button type="button" id="f-clear">Clear</button></div>');
  out.push('<p id="f-count" class="count" aria-live="polite"></p>');
  out.push('<div class="scroll"><table class="followers-table"><thead><tr>');
  for (const c of COLUMNS) {
    const cls = c.num ? ' class="num"' : '';
    out.push(c.sort ? `<th data-sort="${c.sort}"${cls}><button type="button">${c.label}</button></th>` : `<th${cls}><span class="visually-hidden">reasons</span></th>`);
  }
  out.push('</tr></thead><tbody id="f-rows"></tbody></table></div>');
  out.push('<p class="pager"><button type="button" id="f-prev">← previous</button> <span id="f-page"></span> <button type="button" id="f-next">next →</button></p>');
  out.push('</div></section>');
  return out.join('\n');
}

function select(id: string, label: string, options: readonly string[]): string {
  return `<label>${label} <select id="${id}"><option value="">all</option>${options.map((o) => `<option value="${esc(o)}">${esc(o)}</option>`).join('')}</select></label>`;
}
