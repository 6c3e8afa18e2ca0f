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
// dropped from both modules, or passed on to `wasm-opt` with `--keep-names`): the closures, wasm-bindgen's closure shims, and the
// `call_once{{vtable.shim}}`s that call one of those (a shim calls its closure's body and drops
// what the closure holds). A null entry traps if ever called.
//
// The other way round, the panel's table holds what only the pages' code puts there: serde's
// error messages (and, through serde's `Unexpected::Float`, core's float printer: Grisu, Dragon
// and their tables, 13.6 KB before gzip), the dashboard's sort comparators, hash-table closures
// of the pages' types; and both modules carry all the statics (the memory's data: the pages, for
// one, never read the lexicons' JSON). What a module can use is found from the linker: a
// function pointer is a table index, and the linker writes every table index and every static's
// address where the code or a static (a vtable, a formatting argument) takes it. With
// `--emit-relocs` (Makefile) its output keeps those places (relocations), and which function or
// static each one lies in. From a module's exports, whatever a reachable function calls, takes
// the address of (a function or a static), and whatever a reachable static points to, is
// reachable (`unused`). A table entry whose function no reachable code or static takes the
// address of is never called by that module: it is set to null. A static no reachable code or
// static has the address of is never read by it: its bytes are set to zero (they stay in place;
// zeros cost next to nothing gzipped). The indices and addresses are the linker's: wasm-bindgen
// keeps the table and the data as they are (the code holds them), which is checked (the
// entries' names, the segments' addresses and bytes), and only its own casts take the place of
// the linker's entries (those are kept).
//
//
// `--keep-names` leaves the name section in both modules for `wasm-opt`, which sorts the functions
// by name (`--reorder-functions-by-name`, Makefile) and writes no names: a module's functions then
// sit by crate and module, like next to like, which gzip finds (panel -3.9 KB, pages -1.8 KB,
// measured 2026-12-07).
//
//   node scripts/split-wasm.mjs dist/chrome/pkg target/wasm32-unknown-unknown/wasm/duxin.wasm [--keep-names]
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

/** A signed LEB128: the unsigned value, less 2^bits when the last byte's sign bit is set. */
function sleb(/** @type {Uint8Array} */ b, /** @type {number} */ at) {
  const [n, end] = leb(b, at);
  return [b[end - 1] & 0x40 ? n - 2 ** (7 * (end - at)) : n, end];
}

function text(/** @type {Uint8Array} */ b, /** @type {number} */ at) {
  const [len, p] = leb(b, at);
  return /** @type {[string, number]} */ ([new TextDecoder().decode(b.subarray(p, p + len)), p + len]);
}

/** Relocation types (the tool conventions' `R_WASM_*`) that carry an addend. */
const ADDEND = new Set([3, 4, 5, 8, 9, 11, 14, 15, 16, 17, 21, 22, 23, 25]);
/** A function's table index (a function pointer), in code or in a static. */
const TABLE_INDEX = new Set([1, 2, 12, 18, 19, 24]);
/** A function's index (a direct call). */
const FUNCTION_INDEX = new Set([0, 26]);
/** A static's address. */
const MEMORY_ADDR = new Set([3, 4, 5, 11, 14, 15, 16, 17, 21, 23, 25]);
/** Type, global, tag and table numbers, offsets for debug info: no function or static. */
const OTHER = new Set([6, 7, 8, 9, 10, 13, 20, 22]);

/** A module's data segments: where in memory, where in the file, how long. */
function dataSegments(/** @type {Uint8Array} */ wasm) {
  const s = sections(wasm).find((x) => x.id === 11);
  const out = [];
  if (!s) return out;
  let [count, p] = leb(wasm, s.body);
  for (let i = 0; i < count; i++) {
    if (wasm[p] !== 0 || wasm[p + 1] !== 0x41) throw new Error('split-wasm: expected active data segments at i32.const addresses');
    const [address, q] = sleb(wasm, p + 2);
    if (wasm[q] !== 0x0b) throw new Error('split-wasm: expected active data segments at i32.const addresses');
    const [size, at] = leb(wasm, q + 1);
    out.push({ address, at, size });
    p = at + size;
  }
  return out;
}

/**
 * What a module (wasm-bindgen's, some exports dropped) never uses, from the linker's output
 * `linked` (with its relocations): see the top of this file. `entries`, the table entries (table
 * indices) nothing it runs can call; `statics`, the memory (start, end) of statics nothing it
 * runs can read (bytes of no reachable static). `dropped` matches the exports the module does
 * without; `closures`, whether it runs wasm-bindgen's closures (the panel: their entries are
 * kept whatever the relocations say, and the shims wasm-bindgen's own exports call are roots).
 */
function unused(/** @type {Uint8Array} */ linked, /** @type {Uint8Array} */ module, /** @type {RegExp} */ dropped, /** @type {boolean} */ closures) {
  const all = sections(linked);
  const custom = (/** @type {string} */ name) => {
    const s = all.find((x) => x.id === 0 && customName(linked, x)[0] === name);
    if (!s) throw new Error(`split-wasm: ${name} missing from the linker's output (link with -C link-arg=--emit-relocs, see the Makefile)`);
    return { s, at: /** @type {number} */ (customName(linked, s)[1]) };
  };
  const section = (/** @type {number} */ id) => /** @type {Section} */ (all.find((x) => x.id === id));
  // Where each function's body and each data segment start (relocation offsets count from the
  // start of their section's contents).
  const code = section(10), data = section(11);
  /** @type {[number, number, number][]} start, end, function index */
  const bodies = [];
  const first = importedFunctions(linked, all);
  let [count, p] = leb(linked, code.body);
  for (let i = 0; i < count; i++) {
    const [size, body] = leb(linked, p);
    bodies.push([p - code.body, body + size - code.body, first + i]);
    p = body + size;
  }
  const segments = dataSegments(linked).map((x) => x.at - data.body);
  const addresses = dataSegments(linked).map((x) => x.address);
  // The symbol table: functions by index, statics by where they lie in the data section.
  /** @type {{ kind: number, index?: number, from?: number, to?: number, address?: number }[]} */
  const symbols = [];
  const linking = custom('linking');
  p = leb(linked, linking.at)[1]; // version
  while (p < linking.s.end) {
    const type = linked[p];
    const [size, body] = leb(linked, p + 1);
    if (type === 8) {
      let [n, q] = leb(linked, body);
      for (let i = 0; i < n; i++) {
        const kind = linked[q++];
        let flags;
        [flags, q] = leb(linked, q);
        const undefined_ = flags & 0x10, explicitName = flags & 0x40;
        /** @type {{ kind: number, index?: number, from?: number, to?: number, address?: number }} */
        const sym = { kind };
        if (kind === 0 || kind === 2 || kind === 4 || kind === 5) {
          [sym.index, q] = leb(linked, q);
          if (!undefined_ || explicitName) q = text(linked, q)[1];
        } else if (kind === 1) {
          q = text(linked, q)[1];
          if (!undefined_) {
            let segment, offset, length;
            [segment, q] = leb(linked, q);
            [offset, q] = leb(linked, q);
            [length, q] = leb(linked, q);
            sym.from = segments[segment] + offset;
            sym.to = sym.from + length;
            sym.address = addresses[segment] + offset;
          }
        } else if (kind === 3) {
          q = leb(linked, q)[1];
        } else {
          throw new Error(`split-wasm: unknown symbol kind ${kind}`);
        }
        symbols.push(sym);
      }
    }
    p = body + size;
  }
  /** @typedef {{ f: number, taken: boolean } | { d: number }} Edge */
  const relocations = (/** @type {string} */ name) => {
    const { at } = custom(name);
    let [, q] = leb(linked, at); // the section they apply to
    let n;
    [n, q] = leb(linked, q);
    /** @type {{ offset: number, edge: Edge }[]} */
    const out = [];
    for (let i = 0; i < n; i++) {
      const type = linked[q++];
      let offset, index;
      [offset, q] = leb(linked, q);
      [index, q] = leb(linked, q);
      if (ADDEND.has(type)) q = sleb(linked, q)[1];
      const sym = symbols[index];
      if (FUNCTION_INDEX.has(type) || TABLE_INDEX.has(type)) {
        if (sym.kind !== 0) throw new Error(`split-wasm: relocation type ${type} to a symbol of kind ${sym.kind}`);
        out.push({ offset, edge: { f: /** @type {number} */ (sym.index), taken: TABLE_INDEX.has(type) } });
      } else if (MEMORY_ADDR.has(type)) {
        if (sym.kind !== 1) throw new Error(`split-wasm: relocation type ${type} to a symbol of kind ${sym.kind}`);
        if (sym.from !== undefined) out.push({ offset, edge: { d: index } }); // else the linker's own (__heap_base)
      } else if (!OTHER.has(type)) {
        throw new Error(`split-wasm: unknown relocation type ${type}`);
      }
    }
    return out.sort((a, b) => a.offset - b.offset);
  };
  // What each function and each static refers to.
  /** @type {Map<number, Edge[]>} */
  const fromFunction = new Map();
  let k = 0;
  for (const { offset, edge } of relocations('reloc.CODE')) {
    while (bodies[k][1] <= offset) k++;
    const f = bodies[k][2];
    if (!fromFunction.has(f)) fromFunction.set(f, []);
    fromFunction.get(f)?.push(edge);
  }
  const inData = relocations('reloc.DATA');
  const fromStatic = (/** @type {number} */ d) => {
    const { from, to } = /** @type {{ from: number, to: number }} */ (symbols[d]);
    let lo = 0, hi = inData.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (inData[mid].offset < from) lo = mid + 1;
      else hi = mid;
    }
    const out = [];
    for (let i = lo; i < inData.length && inData[i].offset < to; i++) out.push(inData[i].edge);
    return out;
  };
  // A relocation in data outside every static (none so far): counted as reached.
  const ranges = symbols.filter((x) => x.from !== undefined).map((x) => /** @type {[number, number]} */ ([x.from, x.to]));
  ranges.sort((a, b) => a[0] - b[0]);
  /** @type {Edge[]} */
  const work = [];
  let j = 0, end = -1;
  for (const { offset, edge } of inData) {
    while (j < ranges.length && ranges[j][0] <= offset) end = Math.max(end, ranges[j++][1]);
    if (offset >= end) work.push(edge);
  }
  // The roots: the exports the module keeps (and wasm-bindgen's descriptions of them), and for
  // the panel wasm-bindgen's closure shims, which its own exports call.
  const names = functionNames(linked, all);
  const exports = section(7);
  [count, p] = leb(linked, exports.body);
  for (let i = 0; i < count; i++) {
    let name, index;
    [name, p] = text(linked, p);
    const kind = linked[p++];
    [index, p] = leb(linked, p);
    if (kind === 0 && !dropped.test(name.replace(/^__wbindgen_describe_/, ''))) work.push({ f: index, taken: false });
  }
  for (const [f, name] of names) {
    if (closures && name.startsWith('_ZN12wasm_bindgen7convert8closures')) work.push({ f, taken: false });
  }
  // And the statics a global holds the address of: wasm-bindgen's exported ones (its glue may
  // read them: `__instance_terminated`, `__abort_handler`), and whatever else a global points to.
  const globals = section(6);
  [count, p] = leb(linked, globals.body);
  for (let i = 0; i < count; i++) {
    p += 2; // type, mutability
    const op = linked[p];
    let value = null;
    if (op === 0x41) [value, p] = sleb(linked, p + 1);
    else if (op === 0x42) p = sleb(linked, p + 1)[1];
    else if (op === 0x23) p = leb(linked, p + 1)[1];
    else throw new Error(`split-wasm: unknown global initializer 0x${op.toString(16)}`);
    if (linked[p++] !== 0x0b) throw new Error('split-wasm: expected one instruction in a global initializer');
    symbols.forEach((x, d) => {
      const at = /** @type {number} */ (x.address);
      if (value !== null && x.from !== undefined && at <= value && value < at + /** @type {number} */ (x.to) - /** @type {number} */ (x.from)) work.push({ d });
    });
  }
  const reached = new Set(), taken = new Set();
  while (work.length) {
    const edge = /** @type {Edge} */ (work.pop());
    const key = 'f' in edge ? edge.f : `d${edge.d}`;
    if ('f' in edge && edge.taken) taken.add(edge.f);
    if (reached.has(key)) continue;
    reached.add(key);
    work.push(...('f' in edge ? fromFunction.get(edge.f) ?? [] : fromStatic(edge.d)));
  }
  // The linker's table against the module's: the same functions at the same indices (names are
  // mangled in the linker's output, demangled in wasm-bindgen's: compared by their hash), but
  // wasm-bindgen's casts (`wbg_cast`), which take the place of the linker's.
  const table = (/** @type {Uint8Array} */ wasm) => {
    const s = /** @type {Section} */ (sections(wasm).find((x) => x.id === 9));
    let [n, q] = leb(wasm, s.body);
    if (n !== 1 || wasm[q] !== 0 || wasm[q + 1] !== 0x41) throw new Error('split-wasm: expected one active element segment of function indices');
    const [offset, r] = leb(wasm, q + 2);
    [n, q] = leb(wasm, r + 1);
    const entries = [];
    for (let i = 0; i < n; i++) {
      const [f, next] = leb(wasm, q);
      entries.push(f);
      q = next;
    }
    return { offset, entries };
  };
  const ours = table(linked), theirs = table(module);
  const theirNames = functionNames(module, sections(module));
  if (ours.offset !== theirs.offset || ours.entries.length > theirs.entries.length) throw new Error("split-wasm: wasm-bindgen's table is not the linker's");
  const entries = new Set();
  ours.entries.forEach((f, i) => {
    const name = names.get(f) ?? '', theirName = theirNames.get(theirs.entries[i]) ?? '';
    const hash = /17h([0-9a-f]{16})E$/.exec(name);
    const same = hash ? theirName.endsWith(`::h${hash[1]}`) : !/::h[0-9a-f]{16}$/.test(theirName);
    if (!same && !name.includes('wbg_cast')) throw new Error(`split-wasm: table entry ${ours.offset + i} is ${name} for the linker, ${theirName} for wasm-bindgen`);
    if (same && !taken.has(f) && !(closures && PANEL_CLOSURE.test(theirName))) entries.add(ours.offset + i);
  });
  // The statics no reachable code or static has the address of (a static is read through an
  // address its own symbol's relocation gives, whatever the addend), byte by byte: 1 for a
  // static's, 2 for a reached static's. Bytes of no static are kept.
  const marks = new Uint8Array(data.end - data.body);
  for (const x of symbols) if (x.from !== undefined) marks.fill(1, x.from, x.to);
  symbols.forEach((x, i) => {
    if (x.from !== undefined && reached.has(`d${i}`)) marks.fill(2, x.from, x.to);
  });
  const theirSegments = dataSegments(module);
  /** @type {[number, number][]} */
  const statics = [];
  dataSegments(linked).forEach(({ address, at, size }, i) => {
    const their = theirSegments[i];
    if (!their || their.address !== address || their.size !== size || Buffer.compare(module.subarray(their.at, their.at + size), linked.subarray(at, at + size))) {
      throw new Error("split-wasm: wasm-bindgen's data is not the linker's");
    }
    const base = at - data.body;
    for (let b = base; b < base + size; b++) {
      if (marks[b] !== 1) continue;
      const start = b;
      while (b < base + size && marks[b] === 1) b++;
      statics.push([address + start - base, address + b - base]);
    }
  });
  return { entries, statics };
}

/** The module with the memory `statics` (start, end) zero in its data segments. */
function zeroed(/** @type {Uint8Array} */ wasm, /** @type {[number, number][]} */ statics) {
  const out = Buffer.from(wasm);
  for (const { address, at, size } of dataSegments(out)) {
    for (const [start, end] of statics) {
      const from = Math.max(start, address), to = Math.min(end, address + size);
      if (from < to) out.fill(0, at + from - address, at + to - address);
    }
  }
  return out;
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

/**
 * The element section with the entries `dead` says (by table index and function) null (element
 * expressions, flags 4).
 */
function nulled(/** @type {Uint8Array} */ wasm, /** @type {Section} */ s, /** @type {(at: number, f: number) => boolean} */ dead) {
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
    entries.push(...(dead(offset + i, f) ? [0xd0, 0x70, 0x0b] : [0xd2, ...encodeLeb(f), 0x0b]));
    r = next;
  }
  const body = [...encodeLeb(1), 4, 0x41, ...encodeSleb(offset), 0x0b, ...encodeLeb(n), ...entries];
  return Buffer.concat([Buffer.from([9, ...encodeLeb(body.length)]), Buffer.from(body)]);
}

/** The linker's sections wasm-bindgen carries along (names, unless kept for `wasm-opt`, and the
 * relocations read above). */
const DROPPED = new Set([...(process.argv.includes('--keep-names') ? [] : ['name']), 'linking', 'reloc.CODE', 'reloc.DATA']);

/** The module without names and relocations, and the entries `dead` says null. */
function finish(/** @type {Uint8Array} */ wasm, /** @type {(at: number, f: number) => boolean} */ dead) {
  const parts = [wasm.subarray(0, 8)];
  for (const s of sections(wasm)) {
    if (s.id === 0 && DROPPED.has(/** @type {string} */ (customName(wasm, s)[0]))) continue;
    parts.push(s.id === 9 ? nulled(wasm, s, dead) : wasm.subarray(s.start, s.end));
  }
  return Buffer.concat(parts);
}

const dir = process.argv[2] || 'dist/chrome/pkg';
const linked = fs.readFileSync(process.argv[3] || 'target/wasm32-unknown-unknown/wasm/duxin.wasm');
const full = fs.readFileSync(path.join(dir, 'duxin_bg.wasm'));
const pages = without(full, PANEL);
const dead = panelOnlyEntries(pages, sections(pages));
const pagesUnused = unused(linked, pages, PANEL, false);
fs.writeFileSync(
  path.join(dir, 'duxin_pages_bg.wasm'),
  finish(zeroed(pages, pagesUnused.statics), (at, f) => dead.has(f) || pagesUnused.entries.has(at)),
);
const panel = without(full, PAGES);
const panelUnused = unused(linked, panel, PAGES, true);
fs.writeFileSync(path.join(dir, 'duxin_bg.wasm'), finish(zeroed(panel, panelUnused.statics), (at) => panelUnused.entries.has(at)));
const bytes = (/** @type {[number, number][]} */ ranges) => ranges.reduce((n, [a, b]) => n + b - a, 0);
console.log(
  `split-wasm: the panel's module without ${panelUnused.entries.size} table entries and ${bytes(panelUnused.statics)} bytes of statics it never uses; ` +
    `the pages' without ${dead.size} panel closure functions, ${pagesUnused.entries.size} table entries and ${bytes(pagesUnused.statics)} bytes of statics`,
);
