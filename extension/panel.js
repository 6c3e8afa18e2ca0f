// Loads the Rust core (wasm) and hands the panel over to it, with what this machine keeps for
// Duxin: settings from chrome.storage.local, the agent's replies, ranking and style from the
// local database. The panel is framed in the console page, where Chromium denies it IndexedDB
// (third-party context), so the database is reached through the service worker (background.js).
import init, { start_panel, panel_insert, panel_conversation, panel_store_error } from './pkg/duxin.js';

/** Firefox gives an extension page framed in a web page only part of the API (runtime messaging,
 * storage, i18n): no `tabs`, no `permissions`, no `runtime.openOptionsPage`. The core calls those
 * (src/web/chrome.rs); here they go through background.js, which has them: the port to this tab's
 * content script (background.js knows the tab from the sender) and opening Options. A site
 * permission can only be asked for in the agent's click on an extension page that has the API,
 * so the framed panel's "Always use Duxin on this site" opens Options, where the agent enables the
 * site. The side panel (Firefox's sidebar) and Chromium have the whole API and never take this. */
function relayWhatFirefoxLeavesOut() {
  const c = /** @type {any} */ (chrome);
  const openOptions = () => chrome.runtime.sendMessage({ type: 'open-options' });
  if (!c.tabs) {
    c.tabs = {
      getCurrent: (/** @type {(t: object) => void} */ cb) => cb({ id: -1 }),
      connect: (/** @type {number} */ _tab, /** @type {{frameId?: number}} */ info) => {
        const port = chrome.runtime.connect({ name: 'duxin-relay' + (info && info.frameId ? ':' + info.frameId : '') });
        // Firefox suspends a background page that had no message for 30 s, and with it the relay,
        // though both ports are open: while this one is, the panel says it is still there.
        const alive = setInterval(() => { chrome.runtime.sendMessage({ type: 'keepalive' }).catch(() => {}); }, 10_000);
        port.onDisconnect.addListener(() => clearInterval(alive));
        return port;
      },
    };
  }
  if (!c.runtime.openOptionsPage) c.runtime.openOptionsPage = openOptions;
  // Options opens with the site filled in; the agent's click on Enable there asks Firefox. The
  // panel gets no answer (nothing to say "not granted" about: the agent decides in Options).
  if (!c.permissions) {
    c.permissions = {
      request: (/** @type {{origins: string[]}} */ p) => {
        chrome.runtime.sendMessage({ type: 'open-options', site: p.origins[0] });
        return new Promise(() => {});
      },
    };
  }
}

/** The tab's chat may be read in a frame of another origin (a console framed by another's page):
 * the top frame's content script then answers the panel's port with that frame's id (`ChatFrame`,
 * src/protocol.rs; Chrome named the frame, no page did) and the panel talks to that frame's content
 * script instead, over a port to it alone. The core keeps the one port it opened: this wraps it,
 * carrying the core's messages to the frame's port while there is one, and the frame's back. */
function followChatFrame() {
  const c = /** @type {any} */ (chrome);
  const connect = c.tabs.connect.bind(c.tabs);
  c.tabs.connect = (/** @type {number} */ tabId, /** @type {{name: string, frameId?: number}} */ info) => {
    /** @type {chrome.runtime.Port} */
    const top = connect(tabId, info);
    /** @type {chrome.runtime.Port | null} */
    let frame = null;
    /** @type {((m: any) => void)[]} */
    const heard = [];
    /** @type {(() => void)[]} */
    const gone = [];
    top.onMessage.addListener((/** @type {any} */ m) => {
      if (m && m.type === 'frame' && Number.isInteger(m.frame_id) && m.frame_id >= 0) {
        /** @type {import('./protocol').ChatFrame} */
        const to = m;
        if (frame) frame.disconnect();
        frame = null;
        // (0: the top frame found a chat of its own after all, and reads it.)
        if (to.frame_id === 0) { top.postMessage(/** @type {import('./protocol').ToPage} */ ({ type: 'refresh' })); return; }
        const f = connect(tabId, { ...info, frameId: to.frame_id });
        frame = f;
        f.onMessage.addListener((/** @type {any} */ x) => { if (frame === f) for (const h of heard) h(x); });
        // (A frame that navigates away says so again from its new document.)
        f.onDisconnect.addListener(() => { if (frame === f) frame = null; });
        f.postMessage(/** @type {import('./protocol').ToPage} */ ({ type: 'refresh' }));
        globalThis.duxinFrame = to.frame_id; // for the E2E suite (extension origin only)
      } else if (!frame || (m && m.type === 'superseded')) for (const h of heard) h(m);
    });
    top.onDisconnect.addListener(() => {
      if (frame) frame.disconnect();
      for (const h of gone) h();
    });
    return {
      postMessage: (/** @type {any} */ m) => (frame || top).postMessage(m),
      disconnect: () => { if (frame) frame.disconnect(); top.disconnect(); },
      onMessage: { addListener: (/** @type {(m: any) => void} */ h) => heard.push(h) },
      onDisconnect: { addListener: (/** @type {() => void} */ h) => gone.push(h) },
    };
  };
}

/** Firefox's sidebar (and Chrome's side panel) is one panel for the whole window, not one per
 * tab: the core connects it to the tab active when it opened (src/web/chrome.rs). When the agent
 * moves to another tab of this window, or a page starts Duxin in the active tab (a console opened
 * or reloaded there), it starts again, so it shows that chat (or says Duxin is not running there)
 * instead of the one left behind. A panel framed in a page, or in a tab of its own, has a tab and
 * stays with it. */
function followActiveTab() {
  const tabs = /** @type {any} */ (chrome).tabs;
  if (window.top !== window || !tabs?.onActivated) return;
  // Listening from the start (before the core connects): a switch while this page loads is seen.
  /** @type {Promise<boolean>} whether this panel is in a tab of its own */
  const inTab = new Promise((resolve) => tabs.getCurrent((/** @type {chrome.tabs.Tab | undefined} */ own) => resolve(!!own)));
  /** Start again if `windowId` is this panel's window (the one whose active tab it reads). */
  const follow = (/** @type {number} */ windowId) => inTab.then((own) => {
    if (!own) tabs.query({ active: true, currentWindow: true }, (/** @type {chrome.tabs.Tab[]} */ [t]) => { if (t && t.windowId === windowId) location.reload(); });
  });
  tabs.onActivated.addListener((/** @type {{windowId: number}} */ info) => follow(info.windowId));
  // (content/frames.js: a top frame says so when its Duxin has started and listens.)
  chrome.runtime.onMessage.addListener((/** @type {any} */ m, /** @type {chrome.runtime.MessageSender} */ sender) => {
    const t = sender.tab;
    if (m && m.type === 'top-ready' && sender.id === chrome.runtime.id && t && t.active) follow(t.windowId);
  });
}

async function main() {
  relayWhatFirefoxLeavesOut();
  followChatFrame();
  followActiveTab();
  await init({ module_or_path: new URL('./pkg/duxin_bg.wasm', import.meta.url) });
  const settings = await chrome.storage.local.get(['lang', 'policy', 'store_text', 'guard']);
  /** @type {Record<string, string>} */
  const stored = { lang: settings.lang || '', policy: settings.policy || '', store_text: settings.store_text ? '1' : '', guard: settings.guard || '' };
  // The draft check's reasons are not in the wasm (its size): the list Options shows has them.
  stored.guard_reasons = await fetch(chrome.runtime.getURL('guard-rules.json')).then((r) => r.text(), () => '');
  // The agent may pick a language other than the browser's in the options page.
  if (stored.lang === 'zh_CN' || stored.lang === 'en') {
    stored.messages = await (await fetch(chrome.runtime.getURL(`_locales/${stored.lang}/messages.json`))).text();
  }
  const db = (/** @type {import('./stored').DbRequest} */ m) => chrome.runtime.sendMessage({ type: 'db', ...m });
  const queue = writeQueue(db);
  // The panel's writes go through these two (see src/web/chrome.rs).
  globalThis.duxinStore = { putJson: queue.put, setKv: (key, json) => queue.put('kv', JSON.stringify({ key, value: json })) };
  let failed = '';
  // The worker may be stopping just now: ask again before saying the database cannot be read.
  for (let tries = 1; ; tries++) {
    try {
      /** @type {import('./stored').PanelState & Partial<import('./stored').DbError>} */
      const st = await db({ op: 'panel-state' });
      if (!st) throw new Error('no answer');
      if (st.error) failed = st.error;
      else Object.assign(stored, { learned: st.learned, style: st.style, kb_custom: st.kb_custom, products: st.products, shown: st.shown, guard_days: st.guard_days });
      break;
    } catch (e) {
      if (tries >= 5) { failed = String(e); break; }
      await new Promise((r) => setTimeout(r, 100 * tries));
    }
  }
  start_panel(stored);
  // What the shop changes in Options for the draft check applies at once: the panel starts again
  // with it (the content script sends the page and the draft to the new one; nothing in the wasm
  // for a change made a few times a year).
  chrome.storage.onChanged.addListener((ch, area) => { if (area === 'local' && ch.guard) location.reload(); });
  // Without the database the panel still reads and suggests; it says why nothing is kept.
  if (failed) panel_store_error(failed);
  // Same actions as the panel's buttons, for the E2E suite (extension origin only).
  globalThis.duxinInsert = panel_insert;
  globalThis.duxinConversation = panel_conversation;
}

/** The panel's writes, kept in order until the service worker says they are in the database.
 * Chrome may stop the worker at any time, also between keeping a write and answering: a write
 * without an answer is sent again (with its id, so the database keeps it once), and only a write
 * the database refused (full) is reported as not kept. */
function writeQueue(/** @type {(m: import('./stored').DbRequest) => Promise<any>} */ db) {
  const panel = crypto.randomUUID();
  let seq = 0;
  /** @type {{wid: string, table: string, json: string}[]} */
  const pending = [];
  let sending = false;
  let wait = 0;
  const answer = (/** @type {import('./stored').DbRequest} */ m) => Promise.race([db(m), new Promise((r) => setTimeout(() => r(null), 10_000))]);
  async function flush() {
    if (sending || !pending.length) return;
    sending = true;
    const batch = pending.slice(0, 100);
    /** @type {import('./stored').WriteAnswer | null} */
    let r = null;
    try { r = await answer({ op: 'write', writes: batch }); } catch (_) { /* the worker stopped: send again */ }
    sending = false;
    if (r && Array.isArray(r.done)) {
      const done = new Set(r.done);
      if (r.failed) {
        done.add(r.failed);
        panel_store_error(r.error || '');
      }
      while (pending.length && done.has(pending[0].wid)) pending.shift();
      wait = 0;
      flush();
    } else {
      wait = Math.min(2000, wait ? wait * 2 : 50);
      setTimeout(flush, wait);
    }
  }
  return {
    put(/** @type {string} */ table, /** @type {string} */ json) {
      pending.push({ wid: `${panel}:${++seq}`, table, json });
      flush();
    },
  };
}

main().catch((e) => {
  const app = document.getElementById('app');
  if (app) app.textContent = 'Duxin failed to start: ' + e;
});
