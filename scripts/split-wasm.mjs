// One wasm build, two shipped modules: the panel's (loaded in every console tab: everything but
// the dashboard and the team pack) and the extension pages' (Options, the dashboard, the service
// worker: the dashboard's aggregation, team insights, the team pack). Both come from the same
// wasm-bindgen output and share its JS glue (pkg/duxin.js): each page passes its module to
// `init`. Here only exports are dropped; `wasm-opt` (Makefile) then removes the code no export
// reaches, so the panel does not carry the pages' code nor the pages the panel's.
//
//   node scripts/split-wasm.mjs dist/chrome/pkg
//   → duxin_bg.wasm (panel), duxin_pages_bg.wasm (pages)
import fs from 'node:fs';
import path from 'node:path';

/** Exports only the extension pages call. */
const PAGES = /^(dashboard_|team_|teamdashboard_|__wbg_teamdashboard_free)/;
/** Exports only the panel calls (its event handlers are the closures). */
const PANEL = /^(start_panel|panel_|wasm_bindgen__convert__closures)/;

function leb(/** @type {Uint8Array} */ b, /** @type {number} */ at) {
  let n = 0, shift = 0, byte;
  do {
    byte = b[at++];
    n += (byte & 0x7f) * 2 ** shift;
    shift += 7;
  } while (byte & 0x80);
  return [n, at];
}

function encodeLeb(/** @type {number} */ n) {
  const out = [];
  do {
    let byte = n & 0x7f;
    n = Math.floor(n / 128);
    if (n) byte |= 0x80;
    out.push(byte);
  } while (n);
  return out;
}

/** The module without the exports whose names `drop` matches. */
function without(/** @type {Uint8Array} */ wasm, /** @type {RegExp} */ drop) {
  const parts = [wasm.subarray(0, 8)];
  let at = 8;
  while (at < wasm.length) {
    const id = wasm[at];
    const [size, body] = leb(wasm, at + 1);
    const end = body + size;
    if (id !== 7) {
      parts.push(wasm.subarray(at, end));
      at = end;
      continue;
    }
    let [count, p] = leb(wasm, body);
    const kept = [];
    let n = 0;
    for (let i = 0; i < count; i++) {
      const start = p;
      const [len, nameAt] = leb(wasm, p);
      const name = new TextDecoder().decode(wasm.subarray(nameAt, nameAt + len));
      p = nameAt + len + 1; // kind
      p = leb(wasm, p)[1]; // index
      if (!drop.test(name)) {
        kept.push(wasm.subarray(start, p));
        n++;
      }
    }
    const payload = Buffer.concat([Buffer.from(encodeLeb(n)), ...kept]);
    parts.push(Buffer.from([7, ...encodeLeb(payload.length)]), payload);
    at = end;
  }
  return Buffer.concat(parts);
}

const dir = process.argv[2] || 'dist/chrome/pkg';
const full = fs.readFileSync(path.join(dir, 'duxin_bg.wasm'));
fs.writeFileSync(path.join(dir, 'duxin_pages_bg.wasm'), without(full, PANEL));
fs.writeFileSync(path.join(dir, 'duxin_bg.wasm'), without(full, PAGES));
