// Loads the Rust core (wasm) and hands the panel over to it. Nothing else lives here.
import init, { start_panel, panel_insert, panel_conversation } from './pkg/duxin.js';

async function main() {
  await init({ module_or_path: new URL('./pkg/duxin_bg.wasm', import.meta.url) });
  // The agent may pick a language other than the browser's in the options page.
  const stored = await chrome.storage.local.get(['lang', 'learned', 'kb_custom', 'policy', 'exceptions', 'style']);
  if (stored.lang === 'zh_CN' || stored.lang === 'en') {
    stored.messages = await (await fetch(chrome.runtime.getURL(`_locales/${stored.lang}/messages.json`))).text();
  }
  start_panel(stored);
  // Same actions as the panel's buttons, for the E2E suite (extension origin only).
  globalThis.duxinInsert = panel_insert;
  globalThis.duxinConversation = panel_conversation;
}

main().catch((e) => {
  const app = document.getElementById('app');
  if (app) app.textContent = 'Duxin failed to start: ' + e;
});
