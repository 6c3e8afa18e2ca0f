// Loads the Rust core (wasm) and hands the panel over to it. Nothing else lives here.
import init, { start_panel } from './pkg/duxin.js';

init({ module_or_path: new URL('./pkg/duxin_bg.wasm', import.meta.url) })
  .then(() => start_panel())
  .catch((e) => {
    const app = document.getElementById('app');
    if (app) app.textContent = 'Duxin failed to start: ' + e;
  });
