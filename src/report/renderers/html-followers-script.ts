import { createHash } from 'node:crypto';
import { HTML_ROW_FIELDS } from '../html-rows.js';

/**
 * The script of the HTML report's follower list: it reads the rows embedded
 * as JSON (see ../html-rows.ts), and draws one page of the filtered, sorted
 * list at a time, so 100,000 followers cost one page of DOM. Every piece of
 * follower text reaches the page through textContent, never as markup. The
 * page's Content Security Policy allows this exact script by its hash.
 *
 * Plain modern JavaScript in a string: it runs as written in the reader's browser.
 */
export const FOLLOWERS_SCRIPT = `(() => {
'use strict';
const F = ${JSON.stringify(Object.fromEntries(HTML_ROW_FIELDS.map((field, i) => [field, i])))};
const PAGE = 100;
const section = document.getElementById('followers');
const source = document.getElementById('follower-data');
if (!section || !source) return;
const rows = JSON.parse(source.textContent);
rows.pop();
document.documentElement.classList.add('js');
const $ = (id) => document.getElementById(id);
const ui = { search: $('f-search'), segment: $('f-segment'), action: $('f-action'), value: $('f-value'), flag: $('f-flag'), ideal: $('f-ideal'),
  count: $('f-count'), body: $('f-rows'), prev: $('f-prev'), next: $('f-next'), page: $('f-page'), clear: $('f-clear') };
const selects = [ui.segment, ui.action, ui.value, ui.flag, ui.ideal];
const state = { page: 0, sort: null, desc: false, open: new Set() };
const fmt = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });
const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });
const fold = (text) => text.normalize('NFKD').replace(/[\\u0300-\\u036f]/g, '').toLowerCase();
let shown = rows.map((_, i) => i);
// The text a search looks in, folded once per row: ahead of time, a slice at a time once the
// first page shows (see warm below), or on demand for rows not reached yet.
const haystacks = [];
const hay = (i) => {
  while (haystacks.length <= i) {
    const r = rows[haystacks.length];
    haystacks.push(fold([r[F.handle], r[F.name], r[F.location], r[F.about]].filter(Boolean).join(' ')));
  }
  return haystacks[i];
};
const warm = () => {
  hay(Math.min(rows.length, haystacks.length + 5000) - 1);
  if (haystacks.length < rows.length) setTimeout(warm, 0);
};
const blank = (x) => x === null || x === '';

function matches(r, i, words) {
  if (ui.segment.value && r[F.segment] !== ui.segment.value) return false;
  if (ui.action.value && r[F.action] !== ui.action.value) return false;
  if (ui.value.value && !r[F.values].includes(ui.value.value)) return false;
  if (ui.flag.value && !r[F.flags].includes(ui.flag.value)) return false;
  if (ui.ideal.value && r[F.flags].includes('ideal-fit') !== (ui.ideal.value === 'yes')) return false;
  return words.every((w) => hay(i).includes(w));
}

function apply() {
  const words = fold(ui.search.value).split(/\\s+/).filter(Boolean);
  shown = [];
  rows.forEach((r, i) => {
    if (matches(r, i, words)) shown.push(i);
  });
  if (state.sort) {
    const k = F[state.sort];
    const dir = state.desc ? -1 : 1;
    // Stable: equal rows keep export order. Empty text sorts last either way.
    shown.sort((a, b) => {
      let x = rows[a][k];
      let y = rows[b][k];
      if (Array.isArray(x)) { x = x.join(', '); y = y.join(', '); }
      if (typeof x === 'number') return (x - y) * dir;
      if (blank(x) || blank(y)) return blank(x) === blank(y) ? 0 : blank(x) ? 1 : -1;
      return collator.compare(x, y) * dir;
    });
  }
  state.page = 0;
  draw();
}

function cell(tr, text, cls) {
  const td = document.createElement('td');
  td.className = cls;
  td.textContent = text;
  tr.appendChild(td);
  return td;
}

function row(i) {
  const r = rows[i];
  const tr = document.createElement('tr');
  tr.dataset.row = String(i);
  const handle = cell(tr, '', 'handle');
  if (r[F.profileUrl]) {
    const a = document.createElement('a');
    a.setAttribute('href', r[F.profileUrl]);
    a.setAttribute('rel', 'noopener noreferrer');
    a.textContent = '@' + r[F.handle];
    handle.appendChild(a);
  } else handle.textContent = '@' + r[F.handle];
  cell(tr, r[F.name] || '', 'name');
  const segment = cell(tr, '', 'segment');
  const swatch = document.createElement('span');
  swatch.className = 'swatch ' + r[F.segment];
  const action = document.createElement('small');
  action.textContent = r[F.action];
  segment.append(swatch, r[F.segment], action);
  cell(tr, r[F.values].join(', '), 'values');
  const flags = cell(tr, '', 'flags');
  for (const flag of r[F.flags]) {
    const chip = document.createElement('span');
    chip.className = 'chip';
    chip.textContent = flag;
    flags.appendChild(chip);
  }
  cell(tr, fmt.format(r[F.engagement]), 'num engagement').dataset.label = 'engagement';
  cell(tr, fmt.format(r[F.alignment]), 'num alignment').dataset.label = 'alignment';
  cell(tr, r[F.location] || '', 'location');
  const open = state.open.has(i);
  const why = document.createElement('button');
  why.type = 'button';
  why.className = 'why';
  why.textContent = open ? 'hide' : 'why?';
  why.setAttribute('aria-expanded', String(open));
  cell(tr, '', 'why-cell').appendChild(why);
  return tr;
}

function details(r) {
  const tr = document.createElement('tr');
  tr.className = 'reasons';
  const td = document.createElement('td');
  td.colSpan = 9;
  const ul = document.createElement('ul');
  for (const reason of r[F.reasons]) {
    const li = document.createElement('li');
    li.textContent = reason;
    ul.appendChild(li);
  }
  td.appendChild(ul);
  if (r[F.about]) {
    const p = document.createElement('p');
    p.className = 'about';
    p.textContent = r[F.about];
    td.appendChild(p);
  }
  tr.appendChild(td);
  return tr;
}

function draw() {
  const pages = Math.max(1, Math.ceil(shown.length / PAGE));
  state.page = Math.min(state.page, pages - 1);
  const from = state.page * PAGE;
  const to = Math.min(shown.length, from + PAGE);
  const frag = document.createDocumentFragment();
  for (const i of shown.slice(from, to)) {
    frag.appendChild(row(i));
    if (state.open.has(i)) frag.appendChild(details(rows[i]));
  }
  ui.body.replaceChildren(frag);
  const of = shown.length === rows.length ? ' followers' : ' matching (of ' + fmt.format(rows.length) + ')';
  ui.count.textContent = shown.length === 0 ? 'No follower matches.' : 'Showing ' + fmt.format(from + 1) + '–' + fmt.format(to) + ' of ' + fmt.format(shown.length) + of + '.';
  ui.page.textContent = 'page ' + fmt.format(state.page + 1) + ' of ' + fmt.format(pages);
  ui.prev.disabled = state.page === 0;
  ui.next.disabled = state.page >= pages - 1;
  for (const th of section.querySelectorAll('th[data-sort]')) {
    th.setAttribute('aria-sort', th.dataset.sort === state.sort ? (state.desc ? 'descending' : 'ascending') : 'none');
  }
}

let typing = 0;
ui.search.addEventListener('input', () => {
  clearTimeout(typing);
  typing = setTimeout(apply, 150);
});
for (const select of selects) select.addEventListener('change', apply);
ui.clear.addEventListener('click', () => {
  ui.search.value = '';
  for (const select of selects) select.value = '';
  state.sort = null;
  apply();
});
ui.prev.addEventListener('click', () => { state.page--; draw(); });
ui.next.addEventListener('click', () => { state.page++; draw(); });
for (const th of section.querySelectorAll('th[data-sort]')) {
  th.querySelector('button').addEventListener('click', () => {
    const key = th.dataset.sort;
    // Numbers start with the highest (the most engaged first), text from A.
    if (state.sort === key) state.desc = !state.desc;
    else { state.sort = key; state.desc = key === 'engagement' || key === 'alignment'; }
    apply();
  });
}
ui.body.addEventListener('click', (event) => {
  const button = event.target.closest('button.why');
  if (!button) return;
  const i = Number(button.closest('tr').dataset.row);
  if (state.open.has(i)) state.open.delete(i);
  else state.open.add(i);
  draw();
});
// The charts and tables above are filters too: a segment or a value picks the list.
const pick = (select, value) => {
  select.value = value;
  apply();
  section.scrollIntoView({ block: 'start' });
};
document.addEventListener('click', (event) => {
  if (!(event.target instanceof Element) || section.contains(event.target)) return;
  const segment = event.target.closest('[data-segment]');
  if (segment) return pick(ui.segment, segment.dataset.segment);
  const value = event.target.closest('[data-value]');
  if (value) pick(ui.value, value.dataset.value);
});
section.querySelector('.browse').hidden = false;
apply();
setTimeout(warm, 0);
})();`;

/** The CSP source that allows exactly this script. */
export const FOLLOWERS_SCRIPT_HASH = `'sha256-${createHash('sha256').update(FOLLOWERS_SCRIPT, 'utf8').digest('base64')}'`;
