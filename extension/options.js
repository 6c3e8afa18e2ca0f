// @ts-nocheck
// Options: settings (chrome.storage.local) and the shop's own replies (the local database,
// store.js). Everything stays on this machine.
import * as store from './store.js';
import { download } from './files.js';
import { SHIPPED, enabledOrigins, siteOf } from './sites.js';

/** A file input that imports JSON: `take` stores what the file holds and returns how many items it
 * took, or throws when the file is not what it should be; the status line says which. */
function importJson(id, take) {
  document.getElementById(id).addEventListener('change', async (e) => {
    const file = e.target.files && e.target.files[0];
    if (!file) return;
    const status = document.getElementById('status');
    try {
      const n = await take(JSON.parse(await file.text()));
      status.textContent = chrome.i18n.getMessage('opt_imported') + ': ' + n;
    } catch (_) {
      status.textContent = chrome.i18n.getMessage('opt_bad_file');
    }
    e.target.value = '';
  });
}
function translate() {
  for (const el of document.querySelectorAll('[data-i18n]')) el.textContent = chrome.i18n.getMessage(el.dataset.i18n);
}
translate();

const lang = document.getElementById('lang');
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
  ul.replaceChildren(...items);
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
const INTENTS = ['logistics', 'return', 'refund', 'exchange', 'size_fit', 'product_question', 'price', 'invoice', 'payment',
  'address_change', 'cancellation', 'complaint', 'warranty', 'human_agent', 'account', 'order_change', 'review', 'greeting', 'thanks', 'other'];
const intentSel = document.getElementById('r-intent');
for (const i of INTENTS) { const o = document.createElement('option'); o.value = i; o.textContent = i; intentSel.appendChild(o); }

async function loadReplies() {
  return store.all('knowledge');
}
async function saveReplies(list) { await store.replace('knowledge', list); renderReplies(); }

async function renderReplies() {
  const list = await loadReplies();
  const del = (r) => async () => saveReplies((await loadReplies()).filter((x) => x.id !== r.id));
  fillList(document.getElementById('replies'), list.map((r) => [`[${r.lang} · ${r.intent}] ${r.text}`, [[chrome.i18n.getMessage('opt_delete'), del(r)]]]), false);
}
renderReplies();
// A reply saved from the panel while this page is open shows up here.
new BroadcastChannel('duxin-db').addEventListener('message', (e) => { if (e.data && e.data.table === 'knowledge') renderReplies(); });

document.getElementById('add').addEventListener('submit', async (e) => {
  e.preventDefault();
  const text = /** @type {HTMLTextAreaElement} */ (document.getElementById('r-text')).value.trim();
  if (!text) return;
  const list = await loadReplies();
  list.push({ id: 'my.' + Date.now(), lang: document.getElementById('r-lang').value, intent: intentSel.value, text });
  document.getElementById('r-text').value = '';
  saveReplies(list);
});

document.getElementById('export').addEventListener('click', async () => {
  download('duxin-replies.json', JSON.stringify(await loadReplies(), null, 1));
});

importJson('import', async (incoming) => {
  const ok = Array.isArray(incoming) && incoming.every((r) => r && typeof r.id === 'string' && typeof r.text === 'string' && INTENTS.includes(r.intent) && (r.lang === 'zh' || r.lang === 'en'));
  if (!ok) throw new Error('shape');
  const list = (await loadReplies()).filter((x) => !incoming.some((r) => r.id === x.id));
  await saveReplies(list.concat(incoming.map((r) => ({ id: r.id, lang: r.lang, intent: r.intent, text: r.text }))));
  return incoming.length;
});

// Shop policy: every field of data/knowledge/policy.toml, edited as a form (no JSON).
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
  const form = document.getElementById('policy');
  for (const [key, label] of POLICY_FIELDS) {
    const l = document.createElement('label');
    l.style.display = 'block';
    l.textContent = chrome.i18n.getMessage(label) + ' ';
    const input = document.createElement('input');
    input.name = key;
    input.type = typeof defaults[key] === 'number' ? 'number' : 'text';
    if (input.type === 'number') { input.min = '0'; input.step = 'any'; }
    input.value = String(current[key]);
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
    for (const [key] of POLICY_FIELDS) {
      const v = /** @type {HTMLInputElement} */ (form.elements.namedItem(key)).value;
      next[key] = typeof defaults[key] === 'number' ? Math.max(0, Number(v) || 0) : v;
    }
    await chrome.storage.local.set({ policy: JSON.stringify(next) });
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
  form.elements.namedItem('address').value = st.address;
  form.elements.namedItem('emoji').checked = (st.emoji_rate || 0) >= 0.3;
  form.elements.namedItem('sign_off').value = st.sign_off || '';
  form.elements.namedItem('locked').checked = !!st.locked;
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const emoji = form.elements.namedItem('emoji').checked;
    const next = {
      ...st,
      address: form.elements.namedItem('address').value,
      emoji_rate: emoji ? Math.max(st.emoji_rate || 0, 0.5) : 0,
      emoji: emoji ? (st.emoji || '~') : st.emoji,
      sign_off: form.elements.namedItem('sign_off').value.trim() || undefined,
      locked: form.elements.namedItem('locked').checked,
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
const pointLines = (list) => (list || []).map((p) => [p.what, p.why || '', (p.ask || []).join(', ')].join(' | ').replace(/( \| )+$/, '')).join('\n');
const relatedLines = (list) => (list || []).map((r) => [r.name, r.why || '', (r.instead_of || []).join(', ')].join(' | ').replace(/( \| )+$/, '')).join('\n');

async function renderProducts() {
  const edit = (p) => () => {
    field('name').value = p.name;
    field('aliases').value = (p.aliases || []).join(', ');
    field('suits').value = pointLines(p.suits);
    field('not_suits').value = pointLines(p.not_suits);
    field('alternatives').value = relatedLines(p.alternatives);
    field('bundles').value = relatedLines(p.bundles);
    productForm.scrollIntoView();
  };
  const del = (p) => async () => saveProducts((await loadProducts()).filter((x) => x.name !== p.name));
  const rows = (await loadProducts()).map((p) => [
    `${p.name} — ${chrome.i18n.getMessage('opt_p_summary', [String((p.suits || []).length), String((p.not_suits || []).length)])}`,
    [[chrome.i18n.getMessage('opt_edit'), edit(p)], [chrome.i18n.getMessage('opt_delete'), del(p)]],
  ]);
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
  const list = (await loadProducts()).filter((x) => x.name !== name);
  list.push(p);
  await saveProducts(list);
  productForm.reset();
  document.getElementById('status').textContent = chrome.i18n.getMessage('opt_saved');
});

document.getElementById('export-products').addEventListener('click', async () => {
  download('duxin-products.json', JSON.stringify(await loadProducts(), null, 1));
});

importJson('import-products', async (incoming) => {
  if (!Array.isArray(incoming) || !incoming.every((p) => p && typeof p.name === 'string' && p.name.trim())) throw new Error('shape');
  const names = new Set(incoming.map((p) => p.name));
  await saveProducts((await loadProducts()).filter((p) => !names.has(p.name)).concat(incoming));
  return incoming.length;
});

// Sites the agent taught Duxin (the element picker): list, delete, and share as a file, so one
// agent can teach a console for the whole team. Stored as chrome.storage.local `profile:<host>`.
async function taughtProfiles() {
  const all = await chrome.storage.local.get(null);
  return Object.fromEntries(Object.entries(all).filter(([k, v]) => k.startsWith('profile:') && v && typeof v === 'object'));
}
async function renderTaught() {
  const del = (k) => async () => { await chrome.storage.local.remove(k); renderTaught(); };
  const rows = Object.entries(await taughtProfiles()).map(([k, p]) => [`${k.slice(8)} — ${(p.container || []).join(', ')}`, [[chrome.i18n.getMessage('opt_delete'), del(k)]]]);
  fillList(document.getElementById('taught'), rows);
}
renderTaught();
document.getElementById('export-taught').addEventListener('click', async () => {
  download('duxin-sites.json', JSON.stringify(await taughtProfiles(), null, 1));
});
importJson('import-taught', async (incoming) => {
  const list = Object.entries(incoming || {});
  const valid = (p) => p && typeof p === 'object' && ['container', 'item', 'text', 'composer'].every((f) => Array.isArray(p[f]) && p[f].length && p[f].every((x) => typeof x === 'string' && x));
  if (!list.length || !list.every(([k, p]) => k.startsWith('profile:') && valid(p))) throw new Error('shape');
  await chrome.storage.local.set(Object.fromEntries(list));
  renderTaught();
  return list.length;
});
