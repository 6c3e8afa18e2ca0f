// @ts-check
// Options: settings (chrome.storage.local) and the shop's own replies (the local database,
// store.js). Everything stays on this machine.
import * as store from './store.js';
import { download } from './files.js';
import { SHIPPED, enabledOrigins, siteOf } from './sites.js';
import { LIMITS, checkField, checkList, explain, i18n, shapes } from './shapes.js';
import './profile-check.js';
import { INTENTS } from './kinds.js';

/** The page's own controls (options.html), by id and by name in a form. */
const control = (/** @type {string} */ id) => /** @type {HTMLInputElement} */ (document.getElementById(id));
const named = (/** @type {HTMLFormElement} */ form, /** @type {string} */ name) => /** @type {HTMLInputElement} */ (form.elements.namedItem(name));
import './options-team.js';

/** A file the agent imports that cannot be taken at all (too big, not JSON, not a list). */
class Refused extends Error {}

/** A file input that imports JSON: `take` stores the good entries of what the file holds and
 * returns `{n, bad}` (how many it took, the problems of the others), or throws `Refused`; the
 * status line says which, naming each bad entry ("第3条：lang 应为以下之一：zh, en"). */
function importJson(id, take) {
  document.getElementById(id).addEventListener('change', async (e) => {
    const input = /** @type {HTMLInputElement} */ (e.target);
    const file = input.files && input.files[0];
    if (!file) return;
    const status = document.getElementById('status');
    try {
      if (file.size > LIMITS.bytes) throw new Refused(i18n('imp_too_big', [String(LIMITS.bytes / 1024 / 1024)]));
      let value;
      try { value = JSON.parse(await file.text()); } catch (_) { throw new Refused(i18n('opt_bad_file')); }
      const { n, bad } = await take(value);
      status.textContent = bad.length ? i18n('imp_result', [String(n), String(bad.length), bad.slice(0, 5).join('；') + (bad.length > 5 ? '；' + i18n('imp_more', [String(bad.length - 5)]) : '')])
        : chrome.i18n.getMessage('opt_imported') + ': ' + n;
    } catch (err) {
      status.textContent = err instanceof Refused ? err.message : i18n('opt_bad_file') + ' ' + store.describe(err);
    }
    input.value = '';
  });
}

/** The entries of an imported list: refused whole when it is not a list or holds too many. */
function listOf(value) {
  if (!Array.isArray(value)) throw new Refused(i18n('opt_bad_file') + ' ' + i18n('imp_not_list'));
  if (value.length > LIMITS.entries) throw new Refused(i18n('imp_too_many', ['', String(LIMITS.entries)]));
  return value;
}

function translate() {
  for (const el of document.querySelectorAll('[data-i18n]')) el.textContent = chrome.i18n.getMessage(/** @type {HTMLElement} */ (el).dataset.i18n || '');
}
translate();

const lang = control('lang');
chrome.storage.local.get('lang', (v) => { lang.value = v.lang || ''; });
lang.addEventListener('change', () => chrome.storage.local.set({ lang: lang.value }));

/** Fill a list with rows `[text, [[button label, on click], ...]]`, or "none" when there are none
 * (unless `none` is false). Built first, then swapped in one step: two renders in flight never
 * interleave their items. */
function fillList(ul, rows, none = true) {
  const items = rows.map(([text, buttons]) => {
    const li = document.createElement('li');
    li.textContent = text + ' ';
    for (const [label, onClick] of buttons) {
      const b = document.createElement('button');
      b.className = 'secondary';
      b.textContent = label;
      b.addEventListener('click', onClick);
      li.appendChild(b);
    }
    return li;
  });
  if (!items.length && none) {
    const li = document.createElement('li');
    li.textContent = chrome.i18n.getMessage('opt_none');
    items.push(li);
  }
  // One fragment, not replaceChildren(...items): spreading 100,000 items overflows the stack.
  const all = document.createDocumentFragment();
  for (const li of items) all.appendChild(li);
  ul.replaceChildren(all);
}

function renderSites() {
  chrome.storage.local.get(null, (all) => {
    const hosts = Object.keys(all).filter((k) => k.startsWith('off:') && all[k]).map((k) => k.slice(4));
    fillList(document.getElementById('sites'), hosts.map((h) => [h, [[chrome.i18n.getMessage('opt_enable'), () => chrome.storage.local.remove('off:' + h, renderSites)]]]));
  });
}
renderSites();

// Sites beyond the shipped consoles: the agent enables one here (Chrome asks for access to it),
// and can remove it again. The service worker registers the content script for granted sites.
const siteStatus = document.getElementById('site-status');

/** The host permission pattern for what the agent typed ("chat.example.com", a full address). */
export function sitePattern(typed) {
  const t = typed.trim();
  if (!t) return null;
  let u;
  try { u = new URL(/^[a-z]+:\/\//i.test(t) ? t : 'https://' + t); } catch { return null; }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') return null;
  return `${u.protocol}//${u.hostname}/*`;
}

async function renderEnabled() {
  const remove = (o) => async () => {
    await chrome.permissions.remove({ origins: [o] });
    siteStatus.textContent = chrome.i18n.getMessage('opt_site_removed', [siteOf(o)]);
    renderEnabled();
  };
  fillList(document.getElementById('enabled'), (await enabledOrigins()).map((o) => [siteOf(o), [[chrome.i18n.getMessage('opt_site_remove'), remove(o)]]]));
}
renderEnabled();
chrome.permissions.onAdded.addListener(renderEnabled);
chrome.permissions.onRemoved.addListener(renderEnabled);

// Firefox's framed panel cannot ask for a site's access: it opens Options with the site filled in
// (#enable=<pattern>), and the agent's click on Enable asks here.
{
  const want = new URLSearchParams(location.hash.slice(1)).get('enable');
  const input = /** @type {HTMLInputElement} */ (document.getElementById('site-url'));
  if (want && sitePattern(want)) {
    input.value = want.replace(/\/\*$/, '');
    input.scrollIntoView({ block: 'center' });
    /** @type {HTMLElement} */ (document.querySelector('[data-testid="add-site"]')).focus();
  }
}

document.getElementById('add-site').addEventListener('submit', async (e) => {
  e.preventDefault();
  const input = /** @type {HTMLInputElement} */ (document.getElementById('site-url'));
  const pattern = sitePattern(input.value);
  if (!pattern) { siteStatus.textContent = chrome.i18n.getMessage('opt_site_bad'); return; }
  const site = siteOf(pattern);
  if (SHIPPED.has(pattern)) { siteStatus.textContent = chrome.i18n.getMessage('opt_site_shipped', [site]); return; }
  // Chrome shows its own prompt; the answer comes back here.
  siteStatus.textContent = chrome.i18n.getMessage('opt_site_asking', [site]);
  const granted = await chrome.permissions.request({ origins: [pattern] }).catch(() => false);
  if (granted) {
    await chrome.runtime.sendMessage({ type: 'sync-sites' });
    input.value = '';
  }
  siteStatus.textContent = chrome.i18n.getMessage(granted ? 'opt_site_added' : 'opt_site_refused', [site]);
  renderEnabled();
});

// The shop's own replies: list, add, delete, export and import as a JSON file. The panel merges
// them into the starter knowledge (invalid ones are skipped there and reported in its console).
const intentSel = /** @type {HTMLSelectElement} */ (document.getElementById('r-intent'));
for (const i of INTENTS) { const o = document.createElement('option'); o.value = i; o.textContent = i; intentSel.appendChild(o); }

// The list shows only the rows in view (a shop may keep 100,000 replies): one line each, drawn
// again as the list scrolls.
const ROW = 30;
const repliesBox = document.getElementById('replies-box');
const repliesList = document.getElementById('replies');
/** The replies as stored, in memory while this page is open. */
let replies = [];
let drawPending = false;

function drawReplies() {
  drawPending = false;
  const n = replies.length;
  const top = repliesBox.scrollTop;
  const first = Math.max(0, Math.floor(top / ROW) - 5);
  const last = Math.min(n, Math.ceil((top + (repliesBox.clientHeight || 360)) / ROW) + 5);
  repliesList.style.paddingTop = first * ROW + 'px';
  repliesList.style.paddingBottom = (n - last) * ROW + 'px';
  const rows = [];
  for (let i = first; i < last; i++) {
    const r = replies[i];
    const li = document.createElement('li');
    const text = document.createElement('span');
    text.textContent = `[${r.lang} · ${r.intent}] ${r.text}`;
    text.title = r.text;
    const b = document.createElement('button');
    b.className = 'secondary';
    b.textContent = chrome.i18n.getMessage('opt_delete');
    b.addEventListener('click', () => deleteReply(r.id));
    li.append(text, b);
    rows.push(li);
  }
  repliesList.replaceChildren(...rows);
  document.getElementById('replies-count').textContent = chrome.i18n.getMessage('opt_replies_count', [n.toLocaleString()]);
}
repliesBox.addEventListener('scroll', () => {
  if (!drawPending) { drawPending = true; requestAnimationFrame(drawReplies); }
});

async function loadReplies() {
  return store.all('knowledge');
}
async function renderReplies() {
  replies = await loadReplies();
  drawReplies();
}
async function deleteReply(id) {
  await store.remove('knowledge', id);
  replies = replies.filter((x) => x.id !== id);
  drawReplies();
}
// When the list first shows (ms from the page's start), for the E2E measurement.
renderReplies().then(() => { document.body.dataset.repliesMs = String(Math.round(performance.now())); });
// A reply saved from the panel while this page is open shows up here.
new BroadcastChannel('duxin-db').addEventListener('message', (e) => { if (e.data && e.data.table === 'knowledge') renderReplies(); });

document.getElementById('add').addEventListener('submit', async (e) => {
  e.preventDefault();
  const text = /** @type {HTMLTextAreaElement} */ (document.getElementById('r-text')).value.trim();
  if (!text) return;
  /** @type {import('./stored').CustomReply} */
  const reply = { id: 'my.' + Date.now(), lang: /** @type {import('./protocol').Lang} */ (control('r-lang').value), intent: /** @type {import('./protocol').Intent} */ (intentSel.value), text };
  const bad = checkField(await shapes(), 'CustomReply', reply);
  if (bad.length) { document.getElementById('status').textContent = explain(bad[0], i18n); return; }
  control('r-text').value = '';
  await store.put('knowledge', reply);
  renderReplies();
});

document.getElementById('export').addEventListener('click', async () => {
  download('duxin-replies.json', JSON.stringify(await loadReplies(), null, 1));
});

importJson('import', async (incoming) => {
  const { good, bad } = checkList(await shapes(), 'CustomReply', listOf(incoming));
  const clean = good.map((r) => ({ id: r.id, lang: r.lang, intent: r.intent, text: r.text }));
  const ids = new Set(clean.map((r) => r.id));
  await store.replace('knowledge', (await loadReplies()).filter((x) => !ids.has(x.id)).concat(clean));
  await renderReplies();
  return { n: clean.length, bad: bad.map((p) => explain(p, i18n)) };
});

// Shop policy: every field of data/knowledge/policy.toml, edited as a form (no JSON).
// Which fields are numbers comes from this list, not from the defaults: a number the starter
// leaves unset (price protection) is null there and must still be edited and saved as a number.
const POLICY_TEXT = new Set(['approver_zh', 'approver_en']);
/** @type {[keyof import('./stored').Policy, string][]} */
const POLICY_FIELDS = [
  ['return_window_days', 'opt_return_days'], ['refund_limit', 'opt_refund_limit'], ['price_protection_days', 'opt_pp_days'],
  ['grey_zone_days', 'opt_grey_days'], ['free_compensation', 'opt_comp'], ['dispatch_hours', 'opt_dispatch'],
  ['approver_zh', 'opt_approver_zh'], ['approver_en', 'opt_approver_en'],
];
(async () => {
  const defaults = await (await fetch(chrome.runtime.getURL('policy.json'))).json();
  const { policy = '' } = await chrome.storage.local.get('policy');
  let current = defaults;
  try { if (policy) current = { ...defaults, ...JSON.parse(policy) }; } catch (_) { /* keep defaults */ }
  const form = /** @type {HTMLFormElement} */ (document.getElementById('policy'));
  for (const [key, label] of POLICY_FIELDS) {
    const l = document.createElement('label');
    l.style.display = 'block';
    l.textContent = chrome.i18n.getMessage(label) + ' ';
    const input = document.createElement('input');
    input.name = key;
    input.type = POLICY_TEXT.has(key) ? 'text' : 'number';
    if (input.type === 'number') { input.min = '0'; input.step = 'any'; }
    // Empty is "not set": nothing about it is stated to customers (never saved as 0).
    input.value = current[key] === null || current[key] === undefined ? '' : String(current[key]);
    // Unset, the return window is still Chinese law's seven days in Chinese replies: say so.
    input.placeholder = chrome.i18n.getMessage(key === 'return_window_days' ? 'opt_return_days_unset' : 'opt_not_set');
    l.appendChild(input);
    form.appendChild(l);
  }
  const save = document.createElement('button');
  save.className = 'insert';
  save.textContent = chrome.i18n.getMessage('opt_save');
  save.setAttribute('data-testid', 'save-policy');
  form.appendChild(save);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const next = { ...defaults };
    for (const [key, label] of POLICY_FIELDS) {
      const input = named(form, key);
      const v = input.value.trim();
      if (POLICY_TEXT.has(key)) {
        // An empty approver is not set: the core says "supervisor" (主管).
        if (v) next[key] = v; else delete next[key];
        continue;
      }
      const n = Number(v);
      if (input.validity.badInput || (v && !(Number.isFinite(n) && n >= 0))) {
        document.getElementById('status').textContent = chrome.i18n.getMessage('opt_policy_bad', [chrome.i18n.getMessage(label)]);
        input.focus();
        return;
      }
      next[key] = v ? n : null;
    }
    await chrome.storage.local.set({ policy: JSON.stringify(next) });
    document.getElementById('status').textContent = chrome.i18n.getMessage('opt_saved');
  });
})();

// The draft check (issue 16): rules the shop switches off, and its own words to avoid, one a line
// ("word" or "word => what to say instead"). Kept in chrome.storage.local `guard` as the core's
// `guard::Settings`; the panel reads it when it starts.
(async () => {
  const form = /** @type {HTMLFormElement} */ (document.getElementById('guard'));
  const rules = await (await fetch(chrome.runtime.getURL('guard-rules.json'))).json();
  const { guard = '' } = await chrome.storage.local.get('guard');
  /** @type {import('./stored').GuardSettings} */
  let current = { off: [], words: [] };
  try { if (guard) current = { off: [], words: [], ...JSON.parse(guard) }; } catch (_) { /* keep the defaults */ }
  const zh = chrome.i18n.getUILanguage().startsWith('zh');
  const box = document.getElementById('guard-rules');
  for (const r of rules) {
    const l = document.createElement('label');
    l.style.display = 'block';
    const c = document.createElement('input');
    c.type = 'checkbox';
    c.name = 'rule';
    c.value = r.id;
    c.checked = !current.off.includes(r.id);
    c.setAttribute('data-rule', r.id);
    l.append(c, ` ${r.id} (${r.platform}) — ${zh ? r.reason_zh : r.reason_en}`);
    box.appendChild(l);
  }
  const words = /** @type {HTMLTextAreaElement} */ (form.elements.namedItem('words'));
  words.value = current.words.map((w) => (w.fix ? `${w.word} => ${w.fix}` : w.word)).join('\n');
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const off = [...form.querySelectorAll('input[name="rule"]')].filter((c) => !/** @type {HTMLInputElement} */ (c).checked).map((c) => /** @type {HTMLInputElement} */ (c).value);
    const own = words.value.split('\n').map((line) => line.split('=>')).map(([w, f = '']) => ({ word: w.trim(), fix: f.trim() })).filter((w) => w.word);
    await chrome.storage.local.set({ guard: JSON.stringify({ off, words: own }) });
    document.getElementById('status').textContent = chrome.i18n.getMessage('opt_saved');
  });
})();

// The agent's voice as Duxin learned it from what they send; they can change it and lock it.
(async () => {
  const form = /** @type {HTMLFormElement} */ (document.getElementById('style'));
  const style = (await store.getKv('style')) || '';
  let st = { address: 'unknown', emoji_rate: 0, median_chars: 0, samples: 0, locked: false };
  try { if (style) st = { ...st, ...JSON.parse(style) }; } catch (_) { /* defaults */ }
  document.getElementById('style-learned').textContent = chrome.i18n.getMessage('opt_style_learned', [
    String(st.samples), st.address === 'qin' ? '亲' : st.address === 'nin' ? '您' : '—', `${Math.round((st.emoji_rate || 0) * 100)}% ${st.emoji || ''}`,
  ]);
  named(form, 'address').value = st.address;
  named(form, 'emoji').checked = (st.emoji_rate || 0) >= 0.3;
  named(form, 'sign_off').value = st.sign_off || '';
  named(form, 'locked').checked = !!st.locked;
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const emoji = named(form, 'emoji').checked;
    const next = {
      ...st,
      address: named(form, 'address').value,
      emoji_rate: emoji ? Math.max(st.emoji_rate || 0, 0.5) : 0,
      emoji: emoji ? (st.emoji || '~') : st.emoji,
      sign_off: named(form, 'sign_off').value.trim() || undefined,
      locked: named(form, 'locked').checked,
    };
    await store.put('kv', { key: 'style', value: JSON.stringify(next) });
    document.getElementById('status').textContent = chrome.i18n.getMessage('opt_saved');
  });
})();

// What the local database keeps: masked conversation texts (off by default) and for how long.
(async () => {
  const keep = /** @type {HTMLInputElement} */ (document.getElementById('store-text'));
  const days = /** @type {HTMLInputElement} */ (document.getElementById('retention'));
  const { store_text } = await chrome.storage.local.get('store_text');
  keep.checked = !!store_text;
  days.value = String(await store.retentionDays());
  keep.addEventListener('change', () => chrome.storage.local.set({ store_text: keep.checked }));
  days.addEventListener('change', async () => {
    const d = Math.max(1, Math.round(Number(days.value) || store.DEFAULT_RETENTION_DAYS));
    days.value = String(d);
    await chrome.storage.local.set({ retention_days: d });
    const n = await store.prune(d);
    document.getElementById('status').textContent = chrome.i18n.getMessage('opt_pruned', [String(n)]);
  });
})();
store.onError((message) => { document.getElementById('status').textContent = message; });

// Product facts: who a product suits and who it does not, alternatives, bundles. Edited as a form;
// each list is one line per item, fields separated by "|" (what | why | words customers use).
const productForm = /** @type {HTMLFormElement} */ (document.getElementById('product'));
const field = (name) => /** @type {HTMLInputElement} */ (productForm.elements.namedItem(name));
async function loadProducts() {
  try { const v = JSON.parse((await store.getKv('products')) || '[]'); return Array.isArray(v) ? v : []; } catch (_) { return []; }
}
async function saveProducts(list) { await store.put('kv', { key: 'products', value: JSON.stringify(list) }); renderProducts(); }
const splitList = (s) => s.split(/[,，、]/).map((x) => x.trim()).filter(Boolean);
const points = (text) => text.split('\n').map((l) => l.split('|').map((x) => x.trim())).filter((f) => f[0])
  .map(([what, why = '', ask = '']) => ({ what, why, ask: splitList(ask) }));
const related = (text) => text.split('\n').map((l) => l.split('|').map((x) => x.trim())).filter((f) => f[0])
  .map(([name, why = '', instead = '']) => ({ name, why, instead_of: splitList(instead) }));
// A stored product may be damaged (written before imports were checked): it is read as far as it
// can be, so Edit always works and saving it again repairs it.
const arr = (v) => (Array.isArray(v) ? v : []);
const str = (v) => (typeof v === 'string' ? v : v === undefined || v === null ? '' : JSON.stringify(v));
const obj = (v) => (v && typeof v === 'object' && !Array.isArray(v) ? v : {});
const pointLines = (list) => arr(list).map(obj).map((p) => [str(p.what), str(p.why), arr(p.ask).map(str).join(', ')].join(' | ').replace(/( \| )+$/, '')).join('\n');
const relatedLines = (list) => arr(list).map(obj).map((r) => [str(r.name), str(r.why), arr(r.instead_of).map(str).join(', ')].join(' | ').replace(/( \| )+$/, '')).join('\n');
/** The stored product being edited (its place in the list), replaced when the form is saved. */
let editing = null;

async function renderProducts() {
  const S = await shapes();
  const list = await loadProducts();
  const edit = (p) => () => {
    p = obj(p);
    editing = list.indexOf(p) >= 0 ? p : null;
    field('name').value = str(p.name);
    field('aliases').value = arr(p.aliases).map(str).join(', ');
    field('suits').value = pointLines(p.suits);
    field('not_suits').value = pointLines(p.not_suits);
    field('alternatives').value = relatedLines(p.alternatives);
    field('bundles').value = relatedLines(p.bundles);
    productForm.scrollIntoView();
  };
  const del = (p) => async () => saveProducts((await loadProducts()).filter((x) => JSON.stringify(x) !== JSON.stringify(p)));
  const rows = list.map((p) => {
    const bad = checkField(S, 'Product', p);
    const o = obj(p);
    const summary = bad.length ? chrome.i18n.getMessage('opt_p_bad', [explain(bad[0], i18n)])
      : chrome.i18n.getMessage('opt_p_summary', [String(arr(o.suits).length), String(arr(o.not_suits).length)]);
    return [`${str(o.name) || '?'} — ${summary}`, [[chrome.i18n.getMessage('opt_edit'), edit(p)], [chrome.i18n.getMessage('opt_delete'), del(p)]]];
  });
  fillList(document.getElementById('products'), rows, false);
}
renderProducts();

productForm.addEventListener('submit', async (e) => {
  e.preventDefault();
  const name = field('name').value.trim();
  if (!name) return;
  const p = {
    name, aliases: splitList(field('aliases').value),
    suits: points(field('suits').value), not_suits: points(field('not_suits').value),
    alternatives: related(field('alternatives').value), bundles: related(field('bundles').value).map(({ name: n, why }) => ({ name: n, why })),
  };
  const before = JSON.stringify(editing);
  const list = (await loadProducts()).filter((x) => obj(x).name !== name && !(editing && JSON.stringify(x) === before));
  editing = null;
  list.push(p);
  await saveProducts(list);
  productForm.reset();
  document.getElementById('status').textContent = chrome.i18n.getMessage('opt_saved');
});

document.getElementById('export-products').addEventListener('click', async () => {
  download('duxin-products.json', JSON.stringify(await loadProducts(), null, 1));
});

importJson('import-products', async (incoming) => {
  const { good, bad } = checkList(await shapes(), 'Product', listOf(incoming));
  const names = new Set(good.map((p) => p.name));
  await saveProducts((await loadProducts()).filter((p) => !names.has(obj(p).name)).concat(good));
  return { n: good.length, bad: bad.map((p) => explain(p, i18n)) };
});

// Sites the agent taught Duxin (the element picker): list, delete, and share as a file, so one
// agent can teach a console for the whole team. Stored as chrome.storage.local `profile:<host>`.
async function taughtProfiles() {
  const all = await chrome.storage.local.get(null);
  return Object.fromEntries(Object.entries(all).filter(([k, v]) => k.startsWith('profile:') && v && typeof v === 'object'));
}
async function renderTaught() {
  const del = (k) => async () => { await chrome.storage.local.remove(k); renderTaught(); };
  const rows = Object.entries(await taughtProfiles()).map(([k, p]) => {
    // A damaged stored profile is listed as such (Duxin skips it on the site) and can be deleted.
    const bad = globalThis.duxinProfileProblems(p);
    const what = bad.length ? chrome.i18n.getMessage('opt_p_bad', [explain(bad[0], i18n)]) : p.container.join(', ');
    return [`${k.slice(8)} — ${what}`, [[chrome.i18n.getMessage('opt_delete'), del(k)]]];
  });
  fillList(document.getElementById('taught'), rows);
}
renderTaught();
document.getElementById('export-taught').addEventListener('click', async () => {
  download('duxin-sites.json', JSON.stringify(await taughtProfiles(), null, 1));
});
importJson('import-taught', async (incoming) => {
  if (!incoming || typeof incoming !== 'object' || Array.isArray(incoming)) throw new Refused(i18n('opt_bad_file'));
  const list = Object.entries(incoming);
  if (list.length > LIMITS.entries) throw new Refused(i18n('imp_too_many', ['', String(LIMITS.entries)]));
  // Each site's profile is checked as the build checks the shipped ones (profile-check.js): one
  // with a field of the wrong type is named and not stored; the others are.
  const good = [], bad = [];
  for (const [k, p] of list) {
    const site = k.startsWith('profile:') ? k.slice(8) : k;
    const problems = k.startsWith('profile:') ? globalThis.duxinProfileProblems(p) : [{ field: k, code: 'site_key' }];
    if (problems.length) bad.push(i18n('imp_site', [site, explain(problems[0], i18n)]));
    else good.push([k, p]);
  }
  if (good.length) await chrome.storage.local.set(Object.fromEntries(good));
  renderTaught();
  return { n: good.length, bad };
});
