// Loads the Rust core (wasm) and hands the panel over to it, with what this machine keeps for
// Duxin: settings from chrome.storage.local, the agent's replies, ranking and style from the
// local database. The panel is framed in the console page, where Chromium denies it IndexedDB
// (third-party context), so the database is reached through the service worker (background.js).
import init, { start_panel, panel_insert, panel_conversation, panel_store_error } from './pkg/duxin.js';

async function main() {
  await init({ module_or_path: new URL('./pkg/duxin_bg.wasm', import.meta.url) });
  const settings = await chrome.storage.local.get(['lang', 'policy', 'store_text']);
  /** @type {Record<string, string>} */
  const stored = { lang: settings.lang || '', policy: settings.policy || '', store_text: settings.store_text ? '1' : '' };
  // The agent may pick a language other than the browser's in the options page.
  if (stored.lang === 'zh_CN' || stored.lang === 'en') {
    stored.messages = await (await fetch(chrome.runtime.getURL(`_locales/${stored.lang}/messages.json`))).text();
  }
  const db = (/** @type {object} */ m) => chrome.runtime.sendMessage({ type: 'db', ...m });
  const put = (/** @type {string} */ table, /** @type {string} */ json) => {
    db({ op: 'put', table, json }).then((r) => { if (r && r.error) panel_store_error(r.error); }, (e) => panel_store_error(String(e)));
  };
  // The panel's writes go through these two (see src/web/chrome.rs).
  globalThis.duxinStore = { putJson: put, setKv: (key, json) => put('kv', JSON.stringify({ key, value: json })) };
  let failed = '';
  try {
    const st = await db({ op: 'panel-state' });
    if (st && st.error) failed = st.error;
    else Object.assign(stored, { learned: st.learned, style: st.style, kb_custom: st.kb_custom, products: st.products, shown: st.shown });
  } catch (e) {
    failed = String(e);
  }
  start_panel(stored);
  // Without the database the panel still reads and suggests; it says why nothing is kept.
  if (failed) panel_store_error(failed);
  // Same actions as the panel's buttons, for the E2E suite (extension origin only).
  globalThis.duxinInsert = panel_insert;
  globalThis.duxinConversation = panel_conversation;
}

main().catch((e) => {
  const app = document.getElementById('app');
  if (app) app.textContent = 'Duxin failed to start: ' + e;
});
