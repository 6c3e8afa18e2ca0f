// @ts-check
// The shop owner's dashboard: reads the local database (store.js), lets the core (wasm)
// aggregate it, and draws the result as SVG and tables. It decides nothing itself: every figure
// comes from `dashboard_insights` (src/insights.rs). Text from records is set with textContent.
import init, { dashboard_insights, dashboard_labels, TeamDashboard } from './pkg/duxin.js';
import * as store from './store.js';
import { download } from './files.js';
import { LIMITS } from './shapes.js';

const t0 = performance.now();
const SVGNS = 'http://www.w3.org/2000/svg';
const COLORS = ['#0f766e', '#2563eb', '#d97706', '#7c3aed', '#db2777', '#65a30d'];
const DAY = 86_400_000;

/** @type {Record<string, any> | null} */
let override = null;
/** UI strings: the language chosen in the options page, else the browser's. */
function t(/** @type {string} */ key, /** @type {string[]} */ subs = []) {
  const entry = override && override[key];
  if (!entry) return chrome.i18n.getMessage(key, subs) || key;
  let s = String(entry.message);
  const ph = entry.placeholders || {};
  for (const [name, p] of Object.entries(ph)) {
    const n = Number(String(/** @type {any} */ (p).content).slice(1));
    s = s.split('$' + name.toUpperCase() + '$').join(subs[n - 1] ?? '');
  }
  return s;
}

function el(/** @type {string} */ tag, /** @type {string} */ cls = '', /** @type {string | null} */ text = null) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== null) e.textContent = text;
  return e;
}
function svg(/** @type {string} */ tag, /** @type {Record<string, string | number>} */ attrs = {}, /** @type {string | null} */ text = null) {
  const e = document.createElementNS(SVGNS, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  if (text !== null) e.textContent = text;
  return e;
}

/** Local day number of a yyyy-mm-dd date input, and back. */
const dayOf = (/** @type {string} */ s) => Math.floor(Date.parse(s + 'T00:00:00Z') / DAY);
const dateOf = (/** @type {number} */ d) => new Date(d * DAY).toISOString().slice(0, 10);
const today = () => Math.floor((Date.now() - new Date().getTimezoneOffset() * 60_000) / DAY);
const pct = (/** @type {number} */ x) => `${Math.round(x * 100)}%`;

/** @type {any} */
let labels = {};
const label = (/** @type {string} */ group, /** @type {string} */ code) => (labels[group] && labels[group][code]) || code;

/** Lines of counts per day for the top topics, with spike markers. */
function lineChart(/** @type {[number, string, number][]} */ rows, /** @type {number} */ from, /** @type {number} */ to, /** @type {any[]} */ spikes, /** @type {string} */ group, /** @type {string} */ title) {
  const box = el('div');
  box.appendChild(el('p', 'chart-title', title));
  if (!rows.length) { box.appendChild(el('p', 'empty', t('dash_no_data'))); return box; }
  const totals = new Map();
  for (const [, k, n] of rows) totals.set(k, (totals.get(k) || 0) + n);
  const top = [...totals.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, 6).map((e) => e[0]);
  const W = 960, H = 220, L = 34, R = 10, T = 10, B = 24;
  const days = Math.max(1, to - from);
  const max = Math.max(1, ...rows.filter((r) => top.includes(r[1])).map((r) => r[2]));
  const x = (/** @type {number} */ d) => L + ((d - from) / days) * (W - L - R);
  const y = (/** @type {number} */ n) => T + (1 - n / max) * (H - T - B);
  const s = svg('svg', { viewBox: `0 0 ${W} ${H}`, class: 'chart', role: 'img', 'aria-label': title });
  for (const v of [0, Math.round(max / 2), max]) {
    s.appendChild(svg('line', { x1: L, x2: W - R, y1: y(v), y2: y(v), class: v ? 'grid' : 'axis' }));
    s.appendChild(svg('text', { x: L - 6, y: y(v) + 4, 'text-anchor': 'end' }, String(v)));
  }
  const step = Math.max(1, Math.ceil(days / 10));
  for (let d = from; d <= to; d += step) s.appendChild(svg('text', { x: x(d), y: H - 6, 'text-anchor': 'middle' }, dateOf(d).slice(5)));
  top.forEach((k, i) => {
    const byDay = new Map(rows.filter((r) => r[1] === k).map((r) => [r[0], r[2]]));
    const pts = [];
    for (let d = from; d <= to; d++) pts.push(`${x(d).toFixed(1)},${y(byDay.get(d) || 0).toFixed(1)}`);
    s.appendChild(svg('polyline', { points: pts.join(' '), fill: 'none', stroke: COLORS[i], 'stroke-width': 2, 'data-topic': k }));
  });
  for (const sp of spikes.filter((sp) => top.includes(sp.topic) && sp.day >= from && sp.day <= to)) {
    const c = svg('circle', { cx: x(sp.day), cy: y(sp.count), r: 6, class: 'spike', 'data-testid': 'spike-marker' });
    c.appendChild(svg('title', {}, `${label(group, sp.topic)}: ${sp.count} (${t('dash_usual')} ${Number(sp.baseline).toFixed(1)})`));
    s.appendChild(c);
    s.appendChild(svg('text', { x: x(sp.day), y: Math.max(12, y(sp.count) - 10), 'text-anchor': 'middle', fill: '#dc2626' }, '▲ ' + sp.count));
  }
  box.appendChild(s);
  const legend = el('div', 'legend');
  top.forEach((k, i) => {
    const item = el('span', '', null);
    const sw = el('i');
    sw.style.background = COLORS[i];
    item.appendChild(sw);
    item.appendChild(document.createTextNode(`${label(group, k)} (${totals.get(k)})`));
    legend.appendChild(item);
  });
  box.appendChild(legend);
  return box;
}

/** Horizontal bars: label, bar, count. */
function bars(/** @type {[string, number][]} */ items, /** @type {(k: string) => string} */ name) {
  if (!items.length) return el('p', 'empty', t('dash_no_data'));
  const top = items.slice(0, 10);
  const W = 460, row = 22, LW = 190;
  const max = Math.max(...top.map((i) => i[1]));
  const s = svg('svg', { viewBox: `0 0 ${W} ${top.length * row + 4}`, class: 'chart', role: 'img' });
  top.forEach(([k, n], i) => {
    const yy = i * row + 4;
    const g = svg('g', { 'data-item': k });
    const text = name(k);
    g.appendChild(svg('text', { x: LW - 8, y: yy + 14, 'text-anchor': 'end' }, text.length > 18 ? text.slice(0, 17) + '…' : text));
    g.appendChild(svg('rect', { x: LW, y: yy + 3, height: 14, rx: 3, width: Math.max(2, ((W - LW - 40) * n) / max), fill: '#0f766e' }));
    g.appendChild(svg('text', { x: LW + Math.max(2, ((W - LW - 40) * n) / max) + 6, y: yy + 14 }, String(n)));
    s.appendChild(g);
  });
  return s;
}

function table(/** @type {HTMLElement} */ tbl, /** @type {string[]} */ head, /** @type {(string | number | Node)[][]} */ rows) {
  tbl.textContent = '';
  const tr = el('tr');
  head.forEach((h, i) => tr.appendChild(el('th', i ? 'n' : '', h)));
  tbl.appendChild(tr);
  if (!rows.length) {
    const r = el('tr');
    const c = el('td', 'empty', t('dash_no_data'));
    c.setAttribute('colspan', String(head.length));
    r.appendChild(c);
    tbl.appendChild(r);
  }
  for (const row of rows) {
    const r = el('tr');
    row.forEach((v, i) => {
      const c = el('td', i ? 'n' : '');
      if (v instanceof Node) c.appendChild(v); else c.textContent = String(v);
      r.appendChild(c);
    });
    tbl.appendChild(r);
  }
}

function rate(/** @type {number | null | undefined} */ x) {
  if (x === null || x === undefined) return '—';
  const span = el('span');
  const m = el('i', 'meter');
  m.style.width = `${Math.round(x * 40)}px`;
  span.appendChild(m);
  span.appendChild(document.createTextNode(pct(x)));
  return span;
}

/** @type {Map<string, string>} */
let myReplies = new Map();

/** Agents' exports the lead picked (the team's dashboard); none: this browser's own records. */
/** @type {File[]} */
let teamFiles = [];

/** The team's insights (src/team_insights.rs): each export handed to the core in turn, the
 * progress shown between them. Returns the `Insights` with the team's extra (`team`), or
 * `{error}`. */
async function teamInsights(/** @type {number} */ from, /** @type {number} */ to, /** @type {string | null} */ lang) {
  const state = /** @type {HTMLElement} */ (document.getElementById('state'));
  const labelsOn = /** @type {HTMLInputElement} */ (document.getElementById('team-labels')).checked;
  // Seven days before `from` too: the core counts them for spikes, as for the local records.
  const dash = new TeamDashboard(JSON.stringify({ from, to, lang }), labelsOn);
  try {
    for (const [i, f] of teamFiles.entries()) {
      state.textContent = t('dash_team_reading', [String(i + 1), String(teamFiles.length)]);
      document.body.dataset.progress = `${i}/${teamFiles.length}`;
      await new Promise((r) => requestAnimationFrame(() => setTimeout(r)));
      if (f.size > LIMITS.bytes * 4) return { error: `${f.name}: ${t('imp_too_big', [String((LIMITS.bytes * 4) / 1024 / 1024)])}` };
      const err = dash.add(new Uint8Array(await f.arrayBuffer()), f.name);
      if (err) return { error: `${f.name}: ${err}` };
    }
    const out = JSON.parse(dash.finish());
    if (out.error) return out;
    document.body.dataset.progress = `${teamFiles.length}/${teamFiles.length}`;
    return { ...out.insights, team: out };
  } finally {
    dash.free();
  }
}

/** The agents' rows, only when the lead asked for them. */
function drawAgents(/** @type {any} */ teamOut) {
  const box = /** @type {HTMLElement} */ (document.getElementById('agents-box'));
  const rows = teamOut ? teamOut.agents : [];
  box.hidden = !rows.length;
  table(/** @type {HTMLElement} */ (document.getElementById('agents')),
    [t('dash_agent'), t('dash_conversations'), t('dash_angry'), t('dash_ended_well'), t('dash_accepted'), t('dash_edited'), t('dash_dismissed')],
    rows.map((/** @type {any} */ a) => [a.label, a.conversations, a.angry, rate(a.conversations ? a.ended_well / a.conversations : null), a.accepted, a.edited, a.dismissed]));
}

async function render() {
  const form = /** @type {HTMLFormElement} */ (document.getElementById('filters'));
  const from = dayOf(/** @type {HTMLInputElement} */ (form.elements.namedItem('from')).value);
  const to = dayOf(/** @type {HTMLInputElement} */ (form.elements.namedItem('to')).value);
  const lang = /** @type {HTMLSelectElement} */ (form.elements.namedItem('lang')).value || null;
  const state = /** @type {HTMLElement} */ (document.getElementById('state'));
  const tStart = performance.now();
  // Read a little wider than the range (a week before, for spikes; a day either side for time
  // zones); the core selects by day exactly.
  const range = { from: (from - 8) * DAY, to: (to + 2) * DAY };
  const knowledge = await store.all('knowledge');
  myReplies = new Map(knowledge.map((/** @type {any} */ r) => [r.id, r.text]));
  let tRead = performance.now(), tJson = tRead;
  /** @type {any} */
  let ins;
  if (teamFiles.length) {
    ins = await teamInsights(from, to, lang);
  } else {
    // UTF-8 JSON bytes straight from the store to the core: no object per record in between.
    const [conversations, events, exceptions] = await Promise.all([
      store.allBytes('conversations', range), store.allBytes('events', range), store.allBytes('exceptions', range),
    ]);
    tRead = tJson = performance.now();
    ins = JSON.parse(dashboard_insights(conversations, events, exceptions, JSON.stringify({ from, to, lang })));
  }
  const tCore = performance.now();
  drawAgents(ins.team);
  if (ins.error) { state.textContent = t('dash_error') + ' ' + ins.error; return; }

  const kpis = /** @type {HTMLElement} */ (document.getElementById('kpis'));
  kpis.textContent = '';
  const approval = ins.exceptions_requested ? `${ins.exceptions_approved}/${ins.exceptions_requested}` : '—';
  for (const [v, l, id] of [
    [String(ins.conversations), t('dash_conversations'), 'conversations'],
    [ins.conversations ? pct(ins.ended_well_rate) : '—', t('dash_ended_well'), 'ended-well'],
    [String(ins.angry), t('dash_angry'), 'angry'],
    [String(ins.repeated), t('dash_repeated_n'), 'repeated'],
    [approval, t('dash_approved'), 'approved'],
  ]) {
    const k = el('div', 'kpi');
    k.setAttribute('data-testid', 'kpi-' + id);
    k.appendChild(el('div', 'v', v));
    k.appendChild(el('div', 'l', l));
    kpis.appendChild(k);
  }

  const ic = /** @type {HTMLElement} */ (document.getElementById('intents-chart'));
  ic.textContent = '';
  // A short range is drawn with the week before it, so "above its usual level" can be seen.
  const start = to - from < 14 ? from - 7 : from;
  ic.appendChild(lineChart(ins.intents_by_day.filter((r) => r[0] >= start), start, to, ins.spikes, 'intent', t('dash_intents_over_days')));
  const pc = /** @type {HTMLElement} */ (document.getElementById('products-chart'));
  pc.textContent = '';
  pc.appendChild(lineChart(ins.products_by_day.filter((r) => r[0] >= start), start, to, ins.spikes, 'product', t('dash_products_over_days')));

  const ul = /** @type {HTMLElement} */ (document.getElementById('spikes'));
  ul.textContent = '';
  const zh = t('dash_lang_code') === 'zh';
  for (const sp of ins.spikes) {
    const li = el('li');
    li.setAttribute('data-testid', 'spike');
    li.appendChild(el('p', '', `${dateOf(sp.day)} · ${label('intent', sp.topic)} · ${sp.count} (${t('dash_usual')} ${Number(sp.baseline).toFixed(1)})`));
    const note = zh ? sp.note_zh : sp.note_en;
    const p = el('p', 'note-text', note);
    p.setAttribute('data-testid', 'spike-note');
    li.appendChild(p);
    const b = el('button', 'secondary', t('dash_copy_note'));
    b.setAttribute('data-testid', 'copy-note');
    b.addEventListener('click', async () => {
      await navigator.clipboard.writeText(note).catch(() => {});
      document.body.dataset.lastCopied = note;
      b.textContent = t('copied');
    });
    li.appendChild(b);
    ul.appendChild(li);
  }

  const put = (/** @type {string} */ id, /** @type {Node} */ node) => { const e = /** @type {HTMLElement} */ (document.getElementById(id)); e.textContent = ''; e.appendChild(node); };
  put('triggers', bars(ins.upset_triggers, (k) => k));
  put('situations', bars(ins.upset_situations, (k) => label('situation', k)));
  put('repeated', bars(ins.repeated_hotspots, (k) => label('intent', k)));

  const entryName = (/** @type {string} */ id) => {
    const text = myReplies.get(id) || (labels.entry && labels.entry[id]);
    return text ? (text.length > 48 ? text.slice(0, 47) + '…' : text) : id;
  };
  table(/** @type {HTMLElement} */ (document.getElementById('replies')),
    [t('dash_reply'), t('dash_shown'), t('dash_accepted'), t('dash_edited'), t('dash_dismissed'), t('dash_ended_well')],
    ins.replies.slice(0, 30).map((/** @type {any} */ r) => [entryName(r.entry), r.shown, r.accepted, r.edited, r.dismissed, rate(r.ended_well_rate)]));
  table(/** @type {HTMLElement} */ (document.getElementById('styles')),
    [t('dash_style'), t('dash_conversations'), t('dash_accepted'), t('dash_edited'), t('dash_ended_well')],
    ins.styles.map((/** @type {any} */ s) => [label('style', s.style), s.conversations, s.accepted, s.edited, rate(s.ended_well_rate)]));
  table(/** @type {HTMLElement} */ (document.getElementById('exceptions')),
    [t('dash_kind'), t('dash_requested'), t('dash_approved_n'), t('dash_denied'), t('dash_rate')],
    ins.exceptions.map((/** @type {any} */ e) => [label('exception', e.kind), e.requested, e.approved, e.denied, rate(e.approved + e.denied ? e.approved / (e.approved + e.denied) : null)]));

  // The agent's own drafts (issue 16): per day, drafts sent after the check read them, how many
  // went with a finding of each kind, fixes applied. Counts only, kept on this machine.
  /** @type {any[]} */
  let days = [];
  try { days = JSON.parse((await store.getKv('guard_days')) || '[]'); } catch (_) { /* none readable */ }
  table(/** @type {HTMLElement} */ (document.getElementById('drafts')),
    [t('dash_day'), t('dash_drafts_sent'), t('guard_platform'), t('guard_tone'), t('guard_facts'), t('dash_fixes')],
    (Array.isArray(days) ? days : []).filter((d) => d && Number.isInteger(d.day) && d.day >= from && d.day <= to).sort((a, b) => b.day - a.day)
      .map((d) => [dateOf(d.day), d.sent || 0, d.platform || 0, d.tone || 0, d.facts || 0, d.fixes || 0]));

  const n = ins.records;
  state.textContent = ins.team
    ? t('dash_team_state', [String(ins.team.files), String(n), String(ins.team.duplicates), dateOf(from), dateOf(to)])
    : t('dash_state', [String(n), dateOf(from), dateOf(to)]);
  document.body.dataset.records = String(n);
  document.body.dataset.phases = JSON.stringify({ read: Math.round(tRead - tStart), json: Math.round(tJson - tRead), core: Math.round(tCore - tJson), draw: Math.round(performance.now() - tCore), in_core: ins.core_ms });
}

function wireData() {
  const status = /** @type {HTMLElement} */ (document.getElementById('data-status'));
  const stamp = () => new Date().toISOString().slice(0, 10);
  /** @type {HTMLElement} */ (document.getElementById('export-json')).addEventListener('click', async () => {
    download(`duxin-${stamp()}.json`, JSON.stringify(await store.exportAll()), 'application/json');
  });
  /** @type {HTMLElement} */ (document.getElementById('export-csv')).addEventListener('click', async () => {
    const table = /** @type {HTMLSelectElement} */ (document.getElementById('csv-table')).value;
    download(`duxin-${table}-${stamp()}.csv`, store.toCsv(await store.all(table)), 'text/csv');
  });
  /** @type {HTMLInputElement} */ (document.getElementById('import')).addEventListener('change', async (e) => {
    const input = /** @type {HTMLInputElement} */ (e.target);
    const file = input.files && input.files[0];
    if (!file) return;
    try {
      // Refused before it is read: a file above the limit (stated beside the button).
      if (file.size > LIMITS.bytes) throw new Error(t('imp_too_big', [String(LIMITS.bytes / 1024 / 1024)]));
      const counts = await store.importAll(JSON.parse(await file.text()));
      status.textContent = t('dash_imported', [String(Object.values(counts).reduce((a, b) => a + b, 0))]);
      await render();
    } catch (err) {
      status.textContent = t('dash_bad_file') + ' ' + store.describe(err, t);
    }
    input.value = '';
  });
  const del = /** @type {HTMLButtonElement} */ (document.getElementById('delete-all'));
  let armed = false;
  del.addEventListener('click', async () => {
    // Two clicks: the first asks, the second deletes.
    if (!armed) { armed = true; del.textContent = t('dash_delete_confirm'); return; }
    armed = false;
    del.textContent = t('dash_delete');
    await store.clearAll();
    status.textContent = t('dash_deleted');
    await render();
  });
  store.onError((message) => { status.textContent = message; });
  // The team: many agents' exports at once, read here, never stored in this browser.
  const files = /** @type {HTMLInputElement} */ (document.getElementById('team-files'));
  const mine = /** @type {HTMLButtonElement} */ (document.getElementById('team-mine'));
  files.addEventListener('change', async () => {
    teamFiles = [...(files.files || [])];
    mine.hidden = !teamFiles.length;
    await render();
    document.body.dataset.teamReady = String(teamFiles.length);
  });
  /** @type {HTMLElement} */ (document.getElementById('team-labels')).addEventListener('change', () => { if (teamFiles.length) render(); });
  mine.addEventListener('click', async () => {
    teamFiles = [];
    files.value = '';
    mine.hidden = true;
    await render();
  });
}

async function main() {
  const { lang } = await chrome.storage.local.get('lang');
  if (lang === 'zh_CN' || lang === 'en') override = await (await fetch(chrome.runtime.getURL(`_locales/${lang}/messages.json`))).json();
  document.documentElement.lang = t('dash_lang_code');
  for (const e of document.querySelectorAll('[data-i18n]')) e.textContent = t(/** @type {HTMLElement} */ (e).dataset.i18n || '');
  document.title = t('dash_title');
  await init({ module_or_path: new URL('./pkg/duxin_pages_bg.wasm', import.meta.url) });
  labels = JSON.parse(dashboard_labels(t('dash_lang_code') === 'zh'));
  const form = /** @type {HTMLFormElement} */ (document.getElementById('filters'));
  const q = new URLSearchParams(location.search);
  const end = q.get('to') || dateOf(today());
  /** @type {HTMLInputElement} */ (form.elements.namedItem('to')).value = end;
  /** @type {HTMLInputElement} */ (form.elements.namedItem('from')).value = q.get('from') || dateOf(dayOf(end) - 29);
  form.addEventListener('change', () => render());
  wireData();
  await store.prune(await store.retentionDays()).catch(() => 0);
  await render();
  document.body.dataset.renderMs = String(Math.round(performance.now() - t0));
  document.body.dataset.ready = '1';
}

main().catch((e) => {
  const s = document.getElementById('state');
  if (s) s.textContent = 'Duxin: ' + e;
});
