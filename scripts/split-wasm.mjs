// One wasm build, two shipped modules: the panel's (loaded in every console tab: everything but
// the dashboard and the team pack) and the extension pages' (Options, the dashboard, the service
// worker: the dashboard's aggregation, team insights, the team pack). Both come from the same
// wasm-bindgen output and share its JS glue (pkg/duxin.js): each page passes its module to
// `init`. Here exports are dropped; `wasm-opt` (Makefile) then removes the code no export
// reaches, so the panel does not carry the pages' code nor the pages the panel's.
//
// Code reached only through the function table is another matter: `wasm-opt` keeps every table
// entry (an indirect call might reach it), and the panel's closures (the port's and the DOM's
// event handlers, `src/web/` but `web::team`) are there, with everything they call: most of the
// panel. The pages never create one (only the panel's exports do), so in the pages' module their
// entries are set to null, found by name in wasm-bindgen's name section (kept for this, then
// dropped from both modules): the closures, wasm-bindgen's closure shims, and the
// `call_once{{vtable.shim}}`s that call one of those (a shim calls its closure's body and drops
// what the closure holds). A null entry traps if ever called.
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

/** Functions only the panel's closures reach (by name), and wasm-bindgen's closure machinery. */
const PANEL_CLOSURE = /^(duxin::web::(?!team::)|wasm_bindgen::convert::closures::)/;

/** @typedef {{ id: number, start: number, body: number, end: number }} Section */

/** The module's sections in order. */
function sections(/** @type {Uint8Array} */ wasm) {
  /** @type {Section[]} */
  const out = [];
  let at = 8;
  while (at < wasm.length) {
    const [size, body] = leb(wasm, at + 1);
    out.push({ id: wasm[at], start: at, body, end: body + size });
    at = body + size;
  }
  return out;
}

/** A custom section's name, and where its payload starts. */
function customName(/** @type {Uint8Array} */ wasm, /** @type {Section} */ s) {
  const [len, at] = leb(wasm, s.body);
  return [new TextDecoder().decode(wasm.subarray(at, at + len)), at + len];
}

/** Function index → name, from the name section. */
function functionNames(/** @type {Uint8Array} */ wasm, /** @type {Section[]} */ all) {
  /** @type {Map<number, string>} */
  const names = new Map();
  for (const s of all) {
    if (s.id !== 0) continue;
    let [name, at] = customName(wasm, s);
    if (name !== 'name') continue;
    while (at < s.end) {
      const kind = wasm[at];
      const [size, body] = leb(wasm, at + 1);
      if (kind === 1) {
        let [count, p] = leb(wasm, body);
        for (let i = 0; i < count; i++) {
          const [idx, q] = leb(wasm, p);
          const [len, r] = leb(wasm, q);
          names.set(idx, new TextDecoder().decode(wasm.subarray(r, r + len)));
          p = r + len;
        }
      }
      at = body + size;
    }
  }
  return names;
}

/** How many functions the module imports (defined functions are numbered after them). */
function importedFunctions(/** @type {Uint8Array} */ wasm, /** @type {Section[]} */ all) {
  const s = all.find((x) => x.id === 2);
  if (!s) return 0;
  let [count, p] = leb(wasm, s.body);
  let n = 0;
  for (let i = 0; i < count; i++) {
    for (let k = 0; k < 2; k++) p = leb(wasm, p)[1] + leb(wasm, p)[0]; // module, field
    const kind = wasm[p++];
    if (kind === 0) { p = leb(wasm, p)[1]; n++; }
    else if (kind === 1) { p++; const [flags, q] = leb(wasm, p); p = leb(wasm, q)[1]; if (flags & 1) p = leb(wasm, p)[1]; }
    else if (kind === 2) { const [flags, q] = leb(wasm, p); p = leb(wasm, q)[1]; if (flags & 1) p = leb(wasm, p)[1]; }
    else if (kind === 3) p += 2;
    else if (kind === 4) p = leb(wasm, p + 1)[1];
    else throw new Error(`split-wasm: unknown import kind ${kind}`);
  }
  return n;
}

/**
 * The functions a small body calls directly, or null when it holds an instruction this short
 * list does not know (then it is kept: only what is understood is dropped).
 */
function directCalls(/** @type {Uint8Array} */ wasm, /** @type {number} */ at, /** @type {number} */ end) {
  let [groups, p] = leb(wasm, at);
  for (let i = 0; i < groups; i++) p = leb(wasm, p)[1] + 1;
  const calls = [];
  while (p < end) {
    const op = wasm[p++];
    if (op === 0x10) { const [f, q] = leb(wasm, p); calls.push(f); p = q; }
    else if (op >= 0x20 && op <= 0x24) p = leb(wasm, p)[1]; // local/global get/set/tee
    else if (op >= 0x28 && op <= 0x3e) p = leb(wasm, leb(wasm, p)[1])[1]; // loads, stores
    else if (op === 0x41 || op === 0x42) p = leb(wasm, p)[1]; // i32/i64.const
    else if (op === 0x0b || op === 0x0f || op === 0x1a || op === 0x00 || op === 0x01) { /* end, return, drop, unreachable, nop */ }
    else if (op >= 0x45 && op <= 0x8a) { /* i32/i64 arithmetic */ }
    else return null;
  }
  return calls;
}

/** Table entries only the panel's closures use: their function indices. */
function panelOnlyEntries(/** @type {Uint8Array} */ wasm, /** @type {Section[]} */ all) {
  const names = functionNames(wasm, all);
  if (!names.size) throw new Error('split-wasm: no name section (run wasm-bindgen without --remove-name-section)');
  const closures = new Set([...names].filter(([, n]) => PANEL_CLOSURE.test(n)).map(([i]) => i));
  const dead = new Set(closures);
  const code = all.find((s) => s.id === 10);
  if (!code) return dead;
  const first = importedFunctions(wasm, all);
  let [count, p] = leb(wasm, code.body);
  for (let i = 0; i < count; i++) {
    const [size, body] = leb(wasm, p);
    if (names.get(first + i)?.includes('{{vtable.shim}}')) {
      const calls = directCalls(wasm, body, body + size);
      if (calls?.some((f) => closures.has(f))) dead.add(first + i);
    }
    p = body + size;
  }
  return dead;
}

function encodeSleb(/** @type {number} */ n) {
  const out = [];
  for (;;) {
    const byte = n & 0x7f;
    n >>= 7;
    if ((n === 0 && !(byte & 0x40)) || (n === -1 && byte & 0x40)) return [...out, byte];
    out.push(byte | 0x80);
  }
}

/** The element section with the `dead` functions' entries null (element expressions, flags 4). */
function nulled(/** @type {Uint8Array} */ wasm, /** @type {Section} */ s, /** @type {Set<number>} */ dead) {
  let [segments, p] = leb(wasm, s.body);
  const [flags] = leb(wasm, p);
  if (segments !== 1 || flags !== 0 || wasm[p + 1] !== 0x41) {
    throw new Error('split-wasm: expected one active element segment of function indices');
  }
  const [offset, q] = leb(wasm, p + 2); // i32.const (small and positive: a plain LEB)
  let [n, r] = leb(wasm, q + 1);
  const entries = [];
  for (let i = 0; i < n; i++) {
    const [f, next] = leb(wasm, r);
    entries.push(...(dead.has(f) ? [0xd0, 0x70, 0x0b] : [0xd2, ...encodeLeb(f), 0x0b]));
    r = next;
  }
  const body = [...encodeLeb(1), 4, 0x41, ...encodeSleb(offset), 0x0b, ...encodeLeb(n), ...entries];
  return Buffer.concat([Buffer.from([9, ...encodeLeb(body.length)]), Buffer.from(body)]);
}

/** The module with no name section, and for the pages the panel's closures' entries null. */
function finish(/** @type {Uint8Array} */ wasm, /** @type {Set<number> | null} */ dead) {
  const parts = [wasm.subarray(0, 8)];
  for (const s of sections(wasm)) {
    if (s.id === 0 && customName(wasm, s)[0] === 'name') continue;
    parts.push(s.id === 9 && dead ? nulled(wasm, s, dead) : wasm.subarray(s.start, s.end));
  }
  return Buffer.concat(parts);
}

const dir = process.argv[2] || 'dist/chrome/pkg';
const full = fs.readFileSync(path.join(dir, 'duxin_bg.wasm'));
const pages = without(full, PANEL);
const dead = panelOnlyEntries(pages, sections(pages));
fs.writeFileSync(path.join(dir, 'duxin_pages_bg.wasm'), finish(pages, dead));
fs.writeFileSync(path.join(dir, 'duxin_bg.wasm'), finish(without(full, PAGES), null));
console.log(`split-wasm: ${dead.size} panel closure functions out of the pages' table`);
