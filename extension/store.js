// @ts-check
// The local database: IndexedDB in the extension's own origin, shared by the panel (which writes),
// the options page and the dashboard (which read, export, import, delete). Nothing here leaves the
// machine. Settings stay in chrome.storage.local; everything the agent's work produces is here.
//
// Tables
//   conversations  one summary per conversation (key: a hash, never a name), rewritten as it goes on
//   events         what happened to suggestions: shown, accepted, edited, dismissed
//   exceptions     exception requests to a supervisor and their outcome
//   knowledge      the shop's own replies (options page, "save as reply")
//   kv             small JSON values: the learned ranking and the agent's style
//
// Schema versions (MIGRATIONS[v - 1] upgrades v - 1 to v; never edit a shipped step, add one):
//   1  the tables above; records from release 0.1 (chrome.storage.local) are moved in on open
//   2  a `by_ts` index on the dated tables: retention and date-range reads without a full scan

export const DB_NAME = 'duxin';
export const SCHEMA_VERSION = 2;
/** @type {Record<string, IDBObjectStoreParameters>} */
export const TABLES = {
  conversations: { keyPath: 'id' },
  events: { keyPath: 'id', autoIncrement: true },
  exceptions: { keyPath: 'id' },
  knowledge: { keyPath: 'id' },
  kv: { keyPath: 'key' },
};
/** Tables whose records carry `ts` (ms since 1970) and are pruned by the retention period. */
export const DATED = ['conversations', 'events', 'exceptions'];
export const DEFAULT_RETENTION_DAYS = 90;

/** @type {((db: IDBDatabase, tx: IDBTransaction) => void)[]} */
const MIGRATIONS = [
  (db) => {
    for (const [name, opts] of Object.entries(TABLES)) db.createObjectStore(name, opts);
  },
  (_db, tx) => {
    for (const t of DATED) tx.objectStore(t).createIndex('by_ts', 'ts');
  },
];

/** @type {((message: string, error: unknown) => void)[]} */
const listeners = [];
/** Be told when a write fails (quota, a blocked upgrade): failures are shown, never dropped. */
export function onError(/** @type {(message: string, error: unknown) => void} */ fn) { listeners.push(fn); }

/** What to tell the agent about a failed write. */
export function describe(/** @type {unknown} */ e) {
  const name = e && typeof e === 'object' && 'name' in e ? String(e.name) : '';
  if (name === 'QuotaExceededError') return chrome.i18n.getMessage('store_quota') || 'The local database is full.';
  return String(e && typeof e === 'object' && 'message' in e ? e.message : e);
}

function report(/** @type {unknown} */ e) {
  console.warn('duxin store:', e);
  for (const fn of listeners) fn(describe(e), e);
}

/** @type {Promise<IDBDatabase> | null} */
let opening = null;

/** Open (and upgrade) the database. `version` is only ever lower in the upgrade test's old build. */
export function open(version = SCHEMA_VERSION) {
  if (opening) return opening;
  opening = new Promise((resolve, reject) => {
    const req = indexedDB.open(DB_NAME, version);
    req.onupgradeneeded = (e) => {
      const tx = /** @type {IDBTransaction} */ (req.transaction);
      for (let v = e.oldVersion; v < version; v++) MIGRATIONS[v](req.result, tx);
    };
    req.onsuccess = () => {
      const db = req.result;
      // A newer version of the extension wants to upgrade: let it.
      db.onversionchange = () => { db.close(); opening = null; };
      resolve(db);
    };
    req.onerror = () => { opening = null; reject(req.error); };
    req.onblocked = () => report(new Error('database upgrade blocked by another open Duxin page'));
  }).then(async (db) => { await moveLegacy(db); return db; });
  return opening;
}

/** Wrap a transaction's end in a promise (abort carries the error, e.g. QuotaExceededError). */
function done(/** @type {IDBTransaction} */ tx) {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve(undefined);
    tx.onabort = () => reject(tx.error || new Error('transaction aborted'));
    tx.onerror = () => { /* surfaces as abort */ };
  });
}

function request(/** @type {IDBRequest} */ r) {
  return new Promise((resolve, reject) => { r.onsuccess = () => resolve(r.result); r.onerror = () => reject(r.error); });
}

/** Keep one record (replacing the one with the same key). Rejects and reports on failure. */
export async function put(/** @type {string} */ table, /** @type {any} */ record) {
  try {
    const db = await open();
    const tx = db.transaction(table, 'readwrite');
    tx.objectStore(table).put(record);
    await done(tx);
  } catch (e) {
    report(e);
    throw e;
  }
}

export async function getKv(/** @type {string} */ key) {
  const db = await open();
  const rec = await request(db.transaction('kv').objectStore('kv').get(key));
  return rec ? String(rec.value) : undefined;
}

/** All records of a table, or those with `from <= ts <= to` (ms). */
export async function all(/** @type {string} */ table, /** @type {{from?: number, to?: number}} */ range = {}) {
  const db = await open();
  const store = db.transaction(table).objectStore(table);
  if (range.from === undefined && range.to === undefined) return request(store.getAll());
  const bound = IDBKeyRange.bound(range.from ?? 0, range.to ?? Number.MAX_SAFE_INTEGER);
  if (store.indexNames.contains('by_ts')) return request(store.index('by_ts').getAll(bound));
  return (await request(store.getAll())).filter((/** @type {any} */ r) => bound.includes(r.ts ?? 0));
}

/** Replace a table's records with `records`, in one transaction. */
export async function replace(/** @type {string} */ table, /** @type {any[]} */ records) {
  try {
    const db = await open();
    const tx = db.transaction(table, 'readwrite');
    const s = tx.objectStore(table);
    s.clear();
    for (const r of records) s.put(r);
    await done(tx);
  } catch (e) {
    report(e);
    throw e;
  }
}

/** Everything, as one JSON-able value: `{format, schema, exported_at, tables: {name: records}}`. */
export async function exportAll() {
  /** @type {Record<string, any[]>} */
  const tables = {};
  for (const t of Object.keys(TABLES)) tables[t] = await all(t);
  return { format: 'duxin-export', schema: SCHEMA_VERSION, exported_at: new Date().toISOString(), tables };
}

/** Restore an export: every table is replaced by the file's, in one transaction (all or nothing). */
export async function importAll(/** @type {any} */ dump) {
  if (!dump || dump.format !== 'duxin-export' || typeof dump.tables !== 'object' || !dump.tables) throw new Error('not a Duxin export');
  if (Number(dump.schema) > SCHEMA_VERSION) throw new Error('exported by a newer Duxin');
  const names = Object.keys(TABLES);
  for (const t of names) if (dump.tables[t] !== undefined && !Array.isArray(dump.tables[t])) throw new Error('bad table ' + t);
  try {
    const db = await open();
    const tx = db.transaction(names, 'readwrite');
    /** @type {Record<string, number>} */
    const counts = {};
    for (const t of names) {
      const s = tx.objectStore(t);
      s.clear();
      for (const r of dump.tables[t] || []) s.put(r);
      counts[t] = (dump.tables[t] || []).length;
    }
    await done(tx);
    return counts;
  } catch (e) {
    report(e);
    throw e;
  }
}

/** Delete every record (settings in chrome.storage stay). */
export async function clearAll() {
  const db = await open();
  const names = Object.keys(TABLES);
  const tx = db.transaction(names, 'readwrite');
  for (const t of names) tx.objectStore(t).clear();
  await done(tx);
}

/** Delete dated records older than `days` days; returns how many went. */
export async function prune(/** @type {number} */ days, now = Date.now()) {
  const cutoff = now - days * 86_400_000;
  const db = await open();
  const tx = db.transaction(DATED, 'readwrite');
  let n = 0;
  for (const t of DATED) {
    const s = tx.objectStore(t);
    const cursor = s.indexNames.contains('by_ts') ? s.index('by_ts').openCursor(IDBKeyRange.upperBound(cutoff, true)) : s.openCursor();
    cursor.onsuccess = () => {
      const c = cursor.result;
      if (!c) return;
      if ((c.value.ts ?? 0) < cutoff) { c.delete(); n++; }
      c.continue();
    };
  }
  await done(tx);
  return n;
}

/** The retention period from the settings (days). */
export async function retentionDays() {
  const { retention_days } = await chrome.storage.local.get('retention_days');
  const d = Number(retention_days);
  return Number.isFinite(d) && d >= 1 ? d : DEFAULT_RETENTION_DAYS;
}

/** Rows as CSV (RFC 4180). Lists and objects become JSON; a cell that a spreadsheet would run as
 * a formula (starting with =, +, - or an at sign) is prefixed with an apostrophe. */
export function toCsv(/** @type {any[]} */ rows) {
  /** @type {string[]} */
  const cols = [];
  for (const r of rows) for (const k of Object.keys(r)) if (!cols.includes(k)) cols.push(k);
  const cell = (/** @type {any} */ v) => {
    let s = v === undefined || v === null ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);
    if (/^[=+\-@]/.test(s) && typeof v === 'string') s = "'" + s;
    return /[",\r\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
  };
  return [cols.join(','), ...rows.map((r) => cols.map((c) => cell(r[c])).join(','))].join('\r\n') + '\r\n';
}

/** Release 0.1 kept the learned ranking, style, the shop's replies and exception outcomes in
 * chrome.storage.local as JSON strings. Move them in once, then remove them there. */
async function moveLegacy(/** @type {IDBDatabase} */ db) {
  const keys = ['learned', 'style', 'kb_custom', 'exceptions'];
  const old = await chrome.storage.local.get(keys);
  if (!keys.some((k) => typeof old[k] === 'string')) return;
  const parse = (/** @type {string} */ s) => { try { return JSON.parse(s); } catch (_) { return null; } };
  const tx = db.transaction(['kv', 'knowledge', 'exceptions'], 'readwrite');
  for (const k of ['learned', 'style']) if (typeof old[k] === 'string') tx.objectStore('kv').put({ key: k, value: old[k] });
  const replies = parse(old.kb_custom);
  if (Array.isArray(replies)) for (const r of replies) if (r && typeof r.id === 'string') tx.objectStore('knowledge').put(r);
  const exc = parse(old.exceptions);
  if (Array.isArray(exc)) {
    exc.forEach((e, i) => {
      if (e && typeof e.day === 'number') tx.objectStore('exceptions').put({ ...e, id: `legacy:${i}`, ts: e.day * 86_400_000, conv: '' });
    });
  }
  await done(tx);
  await chrome.storage.local.remove(keys);
}
