// Duxin service worker. It holds no state of its own (Chrome stops it when idle): it forwards
// keyboard commands to the active tab's content script, opens the side panel from the toolbar,
// and is the panel's door to the local database. The panel is framed in the console page, where
// Chromium treats it as third-party and refuses it IndexedDB; here, in the extension's own
// context, the database is first-party.
import * as store from './store.js';
import { enabledOrigins } from './sites.js';
import { checkList, shapes } from './shapes.js';
import init, { team_plan } from './pkg/duxin.js';
import * as team from './team.js';

chrome.runtime.onInstalled.addListener(() => {
  chrome.sidePanel?.setPanelBehavior?.({ openPanelOnActionClick: true }).catch(() => {});
});
// Firefox has a sidebar where Chrome has the side panel: the toolbar button opens and closes it
// (toggle must be called while handling the click, so nothing is awaited before it).
const sidebar = /** @type {any} */ (globalThis).browser?.sidebarAction;
if (sidebar) chrome.action.onClicked.addListener(() => { sidebar.toggle(); });

/** Forward one command to the active tab (also what the E2E suite calls). On a page where Duxin
 * does not run, the panel shortcut starts it for this visit: the shortcut grants activeTab. */
async function runCommand(command) {
  const [tab] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
  if (!tab || tab.id === undefined) return;
  const delivered = await chrome.tabs.sendMessage(tab.id, { type: 'command', command }).then(() => true, () => false);
  if (!delivered && command === 'toggle-panel') await runHere(tab.id).catch(() => {});
}
globalThis.runCommand = runCommand;

// ---------- sites the agent enables at runtime ----------
// The shipped consoles are in the manifest. Any other site is enabled by the agent (Options, or
// "keep Duxin on this site" in the panel), which grants an optional host permission; the content
// script is then registered for the granted origins. Removing the permission (Options) switches
// the site off again. Chrome keeps the grants; the registration follows them.

const SITES_SCRIPT = 'duxin-sites';
const FILES = { js: ['profiles.js', 'profile-check.js', 'content.js'] };

/** @type {Promise<string[]>} */
let syncing = Promise.resolve([]);
/** Make the registered content script match the granted origins (one sync at a time); resolves
 * to those origins. */
function syncSites() {
  syncing = syncing.then(async () => {
    const origins = await enabledOrigins();
    const have = await chrome.scripting.getRegisteredContentScripts({ ids: [SITES_SCRIPT] });
    if (!origins.length) {
      if (have.length) await chrome.scripting.unregisterContentScripts({ ids: [SITES_SCRIPT] });
      return origins;
    }
    // (In every frame, as in the manifest: a granted console may be framed by another's page.)
    const script = { id: SITES_SCRIPT, matches: origins, ...FILES, allFrames: true, runAt: /** @type {const} */ ('document_idle'), persistAcrossSessions: true };
    if (have.length) await chrome.scripting.updateContentScripts([script]);
    else await chrome.scripting.registerContentScripts([script]);
    return origins;
  }).catch((e) => { console.warn('duxin: sites', e); return []; });
  return syncing;
}

/** Start Duxin in one tab now (no reload): after a grant, or with the shortcut's activeTab. */
async function runHere(tabId, visitOnly = true) {
  const target = { tabId };
  if (visitOnly) await chrome.scripting.executeScript({ target, func: () => { globalThis.__duxinVisitOnly = true; } });
  await chrome.scripting.executeScript({ target, files: FILES.js });
}
globalThis.runHere = runHere;

/** The tabs open on these origins start Duxin (or, if it runs there for this visit, keep it). */
async function startIn(origins) {
  const tabs = await chrome.tabs.query({ url: origins }).catch(() => []);
  for (const t of tabs) {
    if (t.id === undefined) continue;
    const running = await chrome.tabs.sendMessage(t.id, { type: 'site', enabled: true }).then(() => true, () => false);
    if (!running) await runHere(t.id, false).catch(() => {});
  }
}

chrome.permissions.onAdded.addListener(async (p) => {
  await syncSites();
  if (p.origins?.length) await startIn(p.origins);
});
chrome.permissions.onRemoved.addListener(async (p) => {
  await syncSites();
  // Access is gone, so the tabs cannot be looked up by address: each Duxin checks its own.
  if (!p.origins?.length) return;
  for (const t of await chrome.tabs.query({})) {
    if (t.id !== undefined) chrome.tabs.sendMessage(t.id, { type: 'site', enabled: false, origins: p.origins }).catch(() => {});
  }
});
// Each time the worker starts (browser start, install, update): follow the grants.
syncSites();

chrome.commands.onCommand.addListener((command) => { runCommand(command); });

// ---------- the framed panel's port in Firefox ----------
// Firefox gives an extension page framed in a web page only runtime, storage and i18n: no `tabs`,
// so the panel cannot open its port to the content script itself. It connects here instead and
// this joins it to a port to the top frame of the tab that frames it (or to the frame of another
// origin that reads the tab's chat: "duxin-relay:<frame id>", see content/frames.js); the two
// ports live and end together (the pair is the only state, and it is the ports').
chrome.runtime.onConnect.addListener((panel) => {
  const s = panel.sender;
  const tabId = s?.tab?.id;
  let path = '';
  try { path = s?.url && s.url.startsWith(chrome.runtime.getURL('')) ? new URL(s.url).pathname : ''; } catch { /* not ours */ }
  const name = panel.name.match(/^duxin-relay(?::(\d{1,16}))?$/);
  if (!name || s?.id !== chrome.runtime.id || path !== '/panel.html' || tabId === undefined) {
    panel.disconnect();
    return;
  }
  const page = chrome.tabs.connect(tabId, { name: 'duxin-panel', frameId: Number(name[1] || 0) });
  panel.onMessage.addListener((m) => page.postMessage(m));
  page.onMessage.addListener((m) => panel.postMessage(m));
  panel.onDisconnect.addListener(() => page.disconnect());
  page.onDisconnect.addListener(() => panel.disconnect());
});

// ---------- a chat in a frame of another origin ----------
// A content script that reads a chat in a frame shows no panel (one per tab, on the top page): it
// says so here, and the top frame's content script is told which frame it was, by Chrome's frame
// id (content/frames.js). A top frame that starts after its frames asks them to say so again.
chrome.runtime.onMessage.addListener((msg, sender) => {
  const tabId = sender.tab?.id;
  if (!msg || sender.id !== chrome.runtime.id || tabId === undefined || (sender.url || '').startsWith(chrome.runtime.getURL(''))) return false;
  if (msg.type === 'chat-frame' && sender.frameId) {
    chrome.tabs.sendMessage(tabId, { type: 'chat-frame', frame_id: sender.frameId }, { frameId: 0 }).catch(() => {});
  } else if (msg.type === 'top-ready' && sender.frameId === 0) {
    chrome.tabs.sendMessage(tabId, { type: 'announce' }).catch(() => {});
  }
  return false;
});

const TABLES = new Set(store.TABLES);
const changes = new BroadcastChannel('duxin-db');

/** One database request from our own pages (never from content scripts, which share our id but
 * run inside the host page). Its shapes: src/shapes.rs, generated into shapes.d.ts.
 * @param {import('./stored').DbRequest} msg
 * @returns {Promise<import('./stored').WriteAnswer | import('./stored').PanelState>} */
async function db(msg) {
  switch (msg.op) {
    case 'write': {
      // The panel's queued writes, in order, each under its write id: kept once however often
      // the panel sends it (it sends again until it has this answer). `done` lists the kept ones;
      // a write the database refuses (full) stops the batch and is named with the reason.
      if (!Array.isArray(msg.writes)) throw new Error('bad request');
      const done = [];
      const tables = new Set();
      for (const w of msg.writes) {
        if (!w || typeof w.wid !== 'string' || !TABLES.has(w.table) || typeof w.json !== 'string') throw new Error('bad request');
        try {
          await store.putOnce(w.wid, w.table, JSON.parse(w.json));
        } catch (e) {
          return { done, failed: w.wid, error: store.describe(e) };
        }
        done.push(w.wid);
        tables.add(w.table);
      }
      // Open options or dashboard pages show the change (a reply saved from the panel).
      for (const table of tables) changes.postMessage({ table });
      return { done };
    }
    case 'panel-state': {
      // A damaged stored reply or product (written before imports were checked) is skipped, so it
      // never takes the others with it.
      const S = await shapes();
      const replies = checkList(S, 'CustomReply', await store.all('knowledge'));
      let products = [];
      try { products = JSON.parse((await store.getKv('products')) || '[]'); } catch (_) { /* none usable */ }
      const facts = checkList(S, 'Product', Array.isArray(products) ? products : []);
      for (const p of [...replies.bad, ...facts.bad]) console.warn('duxin: skipped a stored entry', p);
      return {
        learned: (await store.getKv('learned')) || '',
        style: (await store.getKv('style')) || '',
        products: JSON.stringify(facts.good),
        kb_custom: JSON.stringify(replies.good),
        // Keys of the suggestions already counted as shown (see src/web/mod.rs).
        shown: (await store.getKv('shown')) || '',
        guard_days: (await store.getKv('guard_days')) || '',
        pruned: await store.prune(await store.retentionDays()),
      };
    }
    default:
      throw new Error('bad request');
  }
}

chrome.runtime.onMessage.addListener((msg, sender, reply) => {
  const ours = sender.id === chrome.runtime.id && (sender.url || '').startsWith(chrome.runtime.getURL(''));
  if (!msg || !ours) return false;
  if (msg.type === 'keepalive') {
    // Firefox's framed panel, while its relayed port is open (see the relay above).
    reply({});
    return false;
  }
  if (msg.type === 'open-options') {
    // Firefox's framed panel has no runtime.openOptionsPage, nor permissions (panel.js): Options
    // opens, with the site to enable filled in when there is one.
    const opened = typeof msg.site === 'string' && /^https?:\/\/[^/]+\/\*$/.test(msg.site)
      ? chrome.tabs.create({ url: chrome.runtime.getURL('options.html') + '#enable=' + encodeURIComponent(msg.site) })
      : chrome.runtime.openOptionsPage();
    opened.then(() => reply({}), () => reply({}));
    return true;
  }
  if (msg.type === 'sync-sites') {
    // The panel or Options got a site granted: register it and start it in that site's tabs.
    syncSites().then(startIn).then(() => reply({}), () => reply({}));
    return true;
  }
  if (msg.type !== 'db') return false;
  db(msg).then(reply, (e) => reply({ error: store.describe(e) }));
  return true;
});

// ---------- highlight styles ----------
// The content script names its highlights anew on every page load, so the page can neither read
// what they mean nor paint its own ranges in Duxin's colours under a fixed name. Their style sheet
// (highlights.css, written for the names `duxin-<kind>`) goes into that page with those names, as
// an extension style sheet: the page cannot read it.
const KIND_RE = /^::highlight\(duxin-([a-z]+)\)/gm;
chrome.runtime.onMessage.addListener((msg, sender, reply) => {
  if (!msg || msg.type !== 'highlight-style' || sender.id !== chrome.runtime.id || !sender.tab || sender.tab.id === undefined) return false;
  const names = msg.names;
  const ok = (/** @type {unknown} */ n) => typeof n === 'string' && /^[a-z]{6,16}$/.test(n);
  (async () => {
    const css = await (await fetch(chrome.runtime.getURL('highlights.css'))).text();
    const kinds = [...css.matchAll(KIND_RE)].map((m) => m[1]);
    if (!names || typeof names !== 'object' || !kinds.every((k) => ok(names[k]))) throw new Error('bad request');
    const named = css.replace(KIND_RE, (_m, k) => `::highlight(${names[k]})`);
    await chrome.scripting.insertCSS({ target: { tabId: /** @type {number} */ (sender.tab?.id), frameIds: [sender.frameId || 0] }, css: named });
    // The page's styles do not reach into shadow roots or frames: the content script adopts these
    // rules there (a constructed sheet per tree that holds painted text).
    return named;
  })().then((named) => reply({ css: named }), (e) => reply({ error: String(e) }));
  return true;
});

// ---------- a team pack pushed by browser policy ----------
// An IT team may set chrome.storage.managed `team_pack` (schema: managed_schema.json). Duxin then
// uses it: applied here when the browser starts or the policy changes (the core plans it, as for
// an import in Options), kept read-only in Options. The agent's voice and answers stay theirs.
async function applyManagedPack() {
  const text = await team.managedPack();
  if (!text) return;
  await init({ module_or_path: new URL('./pkg/duxin_pages_bg.wasm', import.meta.url) });
  const used = await team.packInUse();
  const plan = JSON.parse(team_plan(JSON.stringify(await team.currentState()), text, used ? JSON.stringify(used.keys) : ''));
  if (plan.error) throw new Error(plan.error);
  if (!used || !used.managed || used.hash !== plan.hash) await team.applyPlan(plan, true);
}
chrome.runtime.onStartup.addListener(() => { applyManagedPack().catch((e) => console.warn('duxin: team pack', e)); });
chrome.runtime.onInstalled.addListener(() => { applyManagedPack().catch((e) => console.warn('duxin: team pack', e)); });
chrome.storage.onChanged.addListener((_changes, area) => {
  if (area === 'managed') applyManagedPack().catch((e) => console.warn('duxin: team pack', e));
});
