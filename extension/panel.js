// Loads the Rust core (wasm) and hands the panel over to it. Nothing else lives here.
import init, { start_panel, panel_insert, panel_conversation } from './pkg/duxin.js';

init({ module_or_path: new URL('./pkg/duxin_bg.wasm', import.meta.url) })
  .then(() => {
    start_panel();
    // Same action as the Insert button, for keyboard commands and the E2E suite (extension origin only).
    globalThis.duxinInsert = panel_insert;
    globalThis.duxinConversation = panel_conversation;
  })
  .catch((e) => {
    const app = document.getElementById('app');
    if (app) app.textContent = 'Duxin failed to start: ' + e;
  });
