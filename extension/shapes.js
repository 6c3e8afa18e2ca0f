// @ts-check
// What the Rust core accepts, entry by entry (extension/shapes.json; `cargo test` checks that serde
// accepts and refuses exactly what it says). Every import is checked here before anything is
// stored: a bad entry is named (position, field, what the field should be) and never stored; the
// options page keeps the good ones, a restore is all or nothing. Readers skip a bad stored entry
// the same way, so one entry never disables the others. No wasm is needed for it.

/** Limits on every import (stated in the options page, the dashboard and the README). */
export const LIMITS = { bytes: 64 * 1024 * 1024, entries: 100_000, records: 1_000_000 };

/** @typedef {{ index?: number, table?: string, field: string, code: string, detail?: string }} Problem */

/** @type {Promise<any> | null} */
let loading = null;
/** The shapes (loaded once per page). */
export function shapes() {
  if (!loading) loading = fetch(chrome.runtime.getURL('shapes.json')).then((r) => r.json());
  return loading;
}

const RANGES = /** @type {Record<string, [number, number]>} */ ({ i32: [-2147483648, 2147483647], u8: [0, 255], u32: [0, 4294967295] });

/** Braces of a reply template balance (`{key}`, `{?key:clause {key}}`), as src/knowledge.rs checks. */
function balanced(/** @type {string} */ t) {
  let depth = 0;
  for (const c of t) {
    if (c === '{') depth++;
    else if (c === '}') depth--;
    if (depth < 0 || depth > 2) return false;
  }
  return depth === 0;
}

/** Problems of `value` against a field spec (`string`, `[Point]?`, `Lang|null`...), at `field`. */
export function checkField(/** @type {any} */ S, /** @type {string} */ spec, /** @type {unknown} */ value, field = '') {
  /** @type {Problem[]} */
  const out = [];
  let s = spec;
  const nullable = s.endsWith('|null');
  if (nullable) s = s.slice(0, -5);
  const optional = nullable || s.endsWith('?');
  if (s.endsWith('?')) s = s.slice(0, -1);
  if (value === undefined) {
    if (!optional) out.push({ field, code: 'missing' });
    return out;
  }
  if (value === null) {
    if (!nullable) out.push({ field, code: 'null' });
    return out;
  }
  if (s.startsWith('[')) {
    if (!Array.isArray(value)) return [{ field, code: 'list' }];
    const item = s.slice(1, -1);
    value.forEach((v, i) => out.push(...checkField(S, item, v === undefined ? null : v, `${field}[${i + 1}]`)));
    return out;
  }
  const nonEmpty = s.endsWith('!');
  if (nonEmpty) s = s.slice(0, -1);
  if (s === 'string' || s === 'template') {
    if (typeof value !== 'string') out.push({ field, code: 'text' });
    else if ((nonEmpty || s === 'template') && !value.trim()) out.push({ field, code: 'empty' });
    else if (s === 'template' && !balanced(value)) out.push({ field, code: 'braces' });
  } else if (s === 'number') {
    if (typeof value !== 'number' || !Number.isFinite(value)) out.push({ field, code: 'number' });
  } else if (RANGES[s]) {
    const [lo, hi] = RANGES[s];
    if (typeof value !== 'number' || !Number.isInteger(value)) out.push({ field, code: 'integer' });
    else if (value < lo || value > hi) out.push({ field, code: 'range', detail: `${lo}–${hi}` });
  } else if (s === 'bool') {
    if (typeof value !== 'boolean') out.push({ field, code: 'bool' });
  } else if (S.enums[s]) {
    if (typeof value !== 'string' || !S.enums[s].includes(value)) out.push({ field, code: 'one_of', detail: S.enums[s].join(', ') });
  } else if (S.types[s]) {
    if (typeof value !== 'object' || Array.isArray(value)) return [{ field, code: 'object' }];
    const v = /** @type {Record<string, unknown>} */ (value);
    for (const [k, ks] of Object.entries(S.types[s])) out.push(...checkField(S, ks, v[k], field ? `${field}.${k}` : k));
  } else {
    throw new Error('shapes.json: unknown type ' + s);
  }
  return out;
}

/** Check a list of entries of `type`: the good entries, and the first problem of each bad one
 * (`index` counts from 1, as the agent counts). */
export function checkList(/** @type {any} */ S, /** @type {string} */ type, /** @type {unknown[]} */ list) {
  /** @type {any[]} */
  const good = [];
  /** @type {Problem[]} */
  const bad = [];
  list.forEach((entry, i) => {
    const p = checkField(S, type, entry === undefined ? null : entry);
    if (p.length) bad.push({ ...p[0], index: i + 1 });
    else good.push(entry);
  });
  return { good, bad };
}

/** Problems of one restored record of `table` (its type, its key, a kv value's own type). */
export function checkRecord(/** @type {any} */ S, /** @type {string} */ table, /** @type {any} */ rec) {
  const def = S.tables[table];
  if (!rec || typeof rec !== 'object' || Array.isArray(rec)) return [{ field: '', code: 'object' }];
  /** @type {Problem[]} */
  const out = [];
  if (def.key) {
    const k = rec[def.key];
    if (k === undefined || k === '') out.push({ field: def.key, code: 'missing' });
    else if (typeof k !== 'string') out.push({ field: def.key, code: 'text' });
  }
  if (def.type) out.push(...checkField(S, def.type, rec));
  if (def.values) {
    if (typeof rec.value !== 'string') out.push({ field: 'value', code: 'text' });
    else if (def.values[rec.key]) {
      let v;
      try { v = JSON.parse(rec.value); } catch (_) { return [...out, { field: 'value', code: 'json' }]; }
      out.push(...checkField(S, def.values[rec.key], v, `value(${rec.key})`));
    }
  }
  return out;
}

/** One problem in the agent's words: "第3条：price 应为数字". `t(key, subs)` looks up _locales. */
export function explain(/** @type {Problem} */ p, /** @type {(key: string, subs?: string[]) => string} */ t) {
  const what = t('imp_' + p.code, [p.field || t('imp_entry_itself'), p.detail || '']) || `${p.field}: ${p.code}`;
  if (p.table) return t('imp_record', [p.table, String(p.index), what]);
  return p.index ? t('imp_entry', [String(p.index), what]) : what;
}

/** The first few problems in words, and how many more there are. */
export function explainAll(/** @type {Problem[]} */ problems, /** @type {(key: string, subs?: string[]) => string} */ t, shown = 5) {
  const lines = problems.slice(0, shown).map((p) => explain(p, t));
  if (problems.length > shown) lines.push(t('imp_more', [String(problems.length - shown)]));
  return lines.join('；');
}

/** chrome.i18n as `t` for explain (pages with a language override pass their own). */
export const i18n = (/** @type {string} */ key, /** @type {string[]} */ subs = []) => chrome.i18n.getMessage(key, subs);
