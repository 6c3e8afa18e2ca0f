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
//   3  conversations and events in chunks of up to 500 records per local day, each chunk one
//      UTF-8 JSON byte array (`data`), plus `conv_index` (conversation id → its chunk) so a
//      conversation is rewritten in place. Chromium spends microseconds per stored object read
//      from IndexedDB: 100,000 events as records took 1.8 s to read; as ~200 byte chunks they
//      read in milliseconds and go into the core as bytes (the dashboard draws in under a second).
//      Readers (`all`, exports) see the same records as before.
//   4  the shop's replies (`knowledge`) in chunks of up to 500 too (all under day 0): 100,000
//      replies took 12 s to write and 1.8 s to read one record each; as chunks, milliseconds.
//      `writes`: the ids of the panel's writes already kept (a week), so a write the panel sends
//      again (the service worker stopped before it answered) is never kept twice.

import { checkRecord, explainAll, i18n, LIMITS, shapes } from './shapes.js';

export const DB_NAME = 'duxin';
export const SCHEMA_VERSION = 4;
/** The tables a reader sees (exports list these). */
export const TABLES = ['conversations', 'events', 'exceptions', 'knowledge', 'kv'];
/** Tables whose records carry `ts` (ms since 1970) and are pruned by the retention period. */
export const DATED = ['conversations', 'events', 'exceptions'];
/** Tables kept in day chunks from schema 3 on (step 3 reads this; never change it). */
const CHUNKED = ['conversations', 'events'];
/** Every chunked table and the schema version that chunked it. */
const CHUNKED_FROM = /** @type {Record<string, number>} */ ({ conversations: 3, events: 3, knowledge: 4 });
export const DEFAULT_RETENTION_DAYS = 90;
/** Records per chunk. */
const CHUNK = 500;
const DAY = 86_400_000;
const enc = new TextEncoder();
const dec = new TextDecoder();

/** @type {((db: IDBDatabase, tx: IDBTransaction) => void)[]} */
const MIGRATIONS = [
  (db) => {
    db.createObjectStore('conversations', { keyPath: 'id' });
    db.createObjectStore('events', { keyPath: 'id', autoIncrement: true });
    db.createObjectStore('exceptions', { keyPath: 'id' });
    db.createObjectStore('knowledge', { keyPath: 'id' });
    db.createObjectStore('kv', { keyPath: 'key' });
  },
  (_db, tx) => {
    for (const t of ['conversations', 'events', 'exceptions']) tx.objectStore(t).createIndex('by_ts', 'ts');
  },
  (db, tx) => {
    const index = db.createObjectStore('conv_index', { keyPath: 'id' });
    for (const t of CHUNKED) {
      const old = tx.objectStore(t).getAll();
      old.onsuccess = () => {
        db.deleteObjectStore(t);
        const s = db.createObjectStore(t, { keyPath: ['day', 'chunk'] });
        s.createIndex('by_ts', 'ts');
        for (const c of chunked(old.result)) {
          s.put(c);
          if (t === 'conversations') for (const id of c.ids) index.put({ id, day: c.day, chunk: c.chunk });
        }
      };
    }
  },
  (db, tx) => {
    const old = tx.objectStore('knowledge').getAll();
    old.onsuccess = () => {
      db.deleteObjectStore('knowledge');
      const s = db.createObjectStore('knowledge', { keyPath: ['day', 'chunk'] });
      for (const { ids, ...c } of chunked(old.result, false)) s.put(c);
    };
    db.createObjectStore('writes', { keyPath: 'wid' }).createIndex('by_ts', 'ts');
  },
];
/** How long the ids of kept writes are remembered (a panel retries within its lifetime). */
const WRITES_KEPT_DAYS = 7;

const dayOf = (/** @type {any} */ r) => (Number.isInteger(r.day) ? r.day : Math.floor((r.ts || 0) / DAY));
const bytesOf = (/** @type {any[]} */ rows) => enc.encode(rows.map((r) => JSON.stringify(r)).join(','));
const rowsOf = (/** @type {any} */ chunk) => JSON.parse('[' + dec.decode(chunk.data) + ']');

/** Records (in order) as day chunks `{day, chunk, ts: newest record's, n, data, ids}` (`ids`
 * only in memory, for the conversation index); undated records all go under day 0. */
function chunked(/** @type {any[]} */ records, dated = true) {
  /** @type {Map<number, any[][]>} */
  const days = new Map();
  for (const r of records) {
    const day = dated ? dayOf(r) : 0;
    let list = days.get(day);
    if (!list) days.set(day, (list = []));
    if (!list.length || list[list.length - 1].length >= CHUNK) list.push([]);
    list[list.length - 1].push(r);
  }
  const out = [];
  for (const [day, list] of days) {
    list.forEach((rows, chunk) => out.push({
      day, chunk, n: rows.length, ts: Math.max(0, ...rows.map((r) => r.ts || 0)), data: bytesOf(rows), ids: rows.map((r) => r.id),
    }));
  }
  return out;
}

/** The open database's schema version. */
let dbVersion = 0;
const isChunked = (/** @type {IDBObjectStore} */ s) => dbVersion >= (CHUNKED_FROM[s.name] || Infinity);
const isDated = (/** @type {string} */ table) => DATED.includes(table);

/** The chunk of an undated chunked table that holds the record with key `id` (found by its
 * `"id":"…"` in the chunk's JSON, which a string value cannot contain unescaped), by cursor. */
function findChunk(/** @type {IDBObjectStore} */ s, /** @type {string} */ id, /** @type {(c: IDBCursorWithValue | null) => void} */ then) {
  const needle = enc.encode('"id":' + JSON.stringify(id));
  const has = (/** @type {Uint8Array} */ data) => {
    outer: for (let i = 0; i + needle.length <= data.length; i++) {
      for (let j = 0; j < needle.length; j++) if (data[i + j] !== needle[j]) continue outer;
      return true;
    }
    return false;
  };
  const cur = s.openCursor();
  cur.onsuccess = () => {
    const c = cur.result;
    if (!c || has(c.value.data)) then(c);
    else c.continue();
  };
}

/** Rewrite a chunk without the record `id` (or with `rec` in its place); an emptied chunk goes. */
function rewriteChunk(/** @type {IDBCursorWithValue} */ c, /** @type {string} */ id, /** @type {any} */ rec = null) {
  const rows = rowsOf(c.value).filter((/** @type {any} */ r) => r.id !== id);
  if (rec) rows.push(rec);
  if (rows.length) c.update({ ...c.value, n: rows.length, data: bytesOf(rows) });
  else c.delete();
}

/** Add one record to a chunked table: rewrite it in place (a conversation already stored), or
 * append it to its day's last chunk, or start a chunk. */
function addToChunks(/** @type {IDBTransaction} */ tx, /** @type {string} */ table, /** @type {any} */ rec) {
  const s = tx.objectStore(table);
  const index = table === 'conversations' ? tx.objectStore('conv_index') : null;
  const append = () => {
    const day = isDated(table) ? dayOf(rec) : 0;
    const cur = s.openCursor(IDBKeyRange.bound([day, 0], [day, Number.MAX_SAFE_INTEGER]), 'prev');
    cur.onsuccess = () => {
      const c = cur.result;
      let chunk;
      if (c && c.value.n < CHUNK) {
        const v = c.value;
        const add = enc.encode((v.n ? ',' : '') + JSON.stringify(rec));
        const data = new Uint8Array(v.data.length + add.length);
        data.set(v.data);
        data.set(add, v.data.length);
        c.update({ ...v, data, n: v.n + 1, ts: Math.max(v.ts, rec.ts || 0) });
        chunk = v.chunk;
      } else {
        chunk = c ? c.value.chunk + 1 : 0;
        s.put({ day, chunk, n: 1, ts: rec.ts || 0, data: enc.encode(JSON.stringify(rec)) });
      }
      if (index) index.put({ id: rec.id, day, chunk });
    };
  };
  // The shop's replies: the one with the same id is replaced where it is.
  if (!isDated(table)) return findChunk(s, rec.id, (c) => (c ? rewriteChunk(c, rec.id, rec) : append()));
  if (!index) return append();
  const where = index.get(rec.id);
  where.onsuccess = () => {
    const w = where.result;
    if (!w) return append();
    const got = s.get([w.day, w.chunk]);
    got.onsuccess = () => {
      if (!got.result) return append();
      const rows = rowsOf(got.result);
      const i = rows.findIndex((/** @type {any} */ r) => r.id === rec.id);
      if (i >= 0) rows[i] = rec; else rows.push(rec);
      s.put({ ...got.result, n: rows.length, ts: Math.max(got.result.ts, rec.ts || 0), data: bytesOf(rows) });
    };
  };
}

/** @type {((message: string, error: unknown) => void)[]} */
const listeners = [];
/** Be told when a write fails (quota, a blocked upgrade): failures are shown, never dropped. */
export function onError(/** @type {(message: string, error: unknown) => void} */ fn) { listeners.push(fn); }

/** A restore refused before anything changed: `problems` name the bad records (table, index,
 * field, what it should be). */
export class ImportError extends Error {
  constructor(/** @type {import('./shapes.js').Problem[]} */ problems) {
    super(problems.slice(0, 3).map((p) => `${p.table || ''} #${p.index || ''} ${p.field}: ${p.code}`).join('; '));
    this.name = 'ImportError';
    this.problems = problems;
  }
}

/** What to tell the agent about a failed write or a refused import. */
export function describe(/** @type {unknown} */ e, t = i18n) {
  if (e instanceof ImportError) return explainAll(e.problems, t);
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
      dbVersion = db.version;
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

/** The object stores a write to `tables` touches (the conversation index goes with conversations). */
const scope = (/** @type {string[]} */ tables) => (dbVersion >= 3 && tables.includes('conversations') ? [...tables, 'conv_index'] : tables);

/** Write `records` into an emptied table of `tx`, chunked where the schema chunks. */
function fill(/** @type {IDBTransaction} */ tx, /** @type {string} */ table, /** @type {any[]} */ records) {
  const s = tx.objectStore(table);
  s.clear();
  if (!isChunked(s)) {
    for (const r of records) s.put(r);
    return;
  }
  const index = table === 'conversations' ? tx.objectStore('conv_index') : null;
  index?.clear();
  for (const { ids, ...c } of chunked(records, isDated(table))) {
    s.put(c);
    if (index) for (const id of ids) index.put({ id, day: c.day, chunk: c.chunk });
  }
}

/** Run `write` in `tx`; a synchronous error (a record IndexedDB refuses) aborts the whole
 * transaction, so nothing queued before it (the tables' clear()) commits. */
function writeOrAbort(/** @type {IDBTransaction} */ tx, /** @type {() => void} */ write) {
  const end = done(tx);
  try {
    write();
  } catch (e) {
    try { tx.abort(); } catch (_) { /* already finished */ }
    end.catch(() => {});
    throw e;
  }
  return end;
}

/** Keep one record (replacing the one with the same key). Rejects and reports on failure. */
export async function put(/** @type {string} */ table, /** @type {any} */ record) {
  try {
    const db = await open();
    const tx = db.transaction(scope([table]), 'readwrite');
    await writeOrAbort(tx, () => {
      if (isChunked(tx.objectStore(table))) addToChunks(tx, table, record);
      else tx.objectStore(table).put(record);
    });
  } catch (e) {
    report(e);
    throw e;
  }
}

/** Keep one record the panel sent under the write id `wid`, once: a write already kept under that
 * id (sent again because its answer was lost) changes nothing. Rejects and reports on failure. */
export async function putOnce(/** @type {string} */ wid, /** @type {string} */ table, /** @type {any} */ record) {
  /** @type {unknown} */
  let failure = null;
  // A database before schema 4 (only ever the upgrade test's old build) keeps no write ids.
  if (!(await open().catch(() => null))?.objectStoreNames.contains('writes')) return put(table, record);
  try {
    const db = await open();
    const tx = db.transaction([...scope([table]), 'writes'], 'readwrite');
    await writeOrAbort(tx, () => {
      const seen = tx.objectStore('writes').get(wid);
      seen.onsuccess = () => {
        if (seen.result) return;
        try {
          if (isChunked(tx.objectStore(table))) addToChunks(tx, table, record);
          else tx.objectStore(table).put(record);
          tx.objectStore('writes').put({ wid, ts: Date.now() });
        } catch (e) {
          failure = e;
          tx.abort();
        }
      };
    });
  } catch (e) {
    report(failure || e);
    throw failure || e;
  }
}

/** Delete the record with key `id` (the shop's replies, the kv table). Rejects and reports on failure. */
export async function remove(/** @type {string} */ table, /** @type {string} */ id) {
  try {
    const db = await open();
    const tx = db.transaction(scope([table]), 'readwrite');
    await writeOrAbort(tx, () => {
      const s = tx.objectStore(table);
      if (isChunked(s) && !isDated(table)) findChunk(s, id, (c) => { if (c) rewriteChunk(c, id); });
      else s.delete(id);
    });
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

/** Chunks of a chunked table whose newest record is at or after `from` (all when null). */
async function chunksFrom(/** @type {IDBObjectStore} */ store, /** @type {number | null} */ from) {
  return request(from === null ? store.getAll() : store.index('by_ts').getAll(IDBKeyRange.lowerBound(from)));
}

/** All records of a table, or those with `from <= ts <= to` (ms). */
export async function all(/** @type {string} */ table, /** @type {{from?: number, to?: number}} */ range = {}) {
  const db = await open();
  const store = db.transaction(table).objectStore(table);
  const whole = range.from === undefined && range.to === undefined;
  const bound = IDBKeyRange.bound(range.from ?? 0, range.to ?? Number.MAX_SAFE_INTEGER);
  if (isChunked(store)) {
    const rows = (await chunksFrom(store, whole ? null : bound.lower)).flatMap(rowsOf);
    return whole ? rows : rows.filter((/** @type {any} */ e) => bound.includes(e.ts ?? 0));
  }
  if (whole) return request(store.getAll());
  if (store.indexNames.contains('by_ts')) return request(store.index('by_ts').getAll(bound));
  return (await request(store.getAll())).filter((/** @type {any} */ r) => bound.includes(r.ts ?? 0));
}

/** A table's records from about `from` (ms; whole chunks, so a few earlier ones come along: the
 * core selects by day exactly) as one UTF-8 JSON array: the fast way to hand many records to the
 * core, without making an object of each. */
export async function allBytes(/** @type {string} */ table, /** @type {{from: number, to: number}} */ range) {
  const db = await open();
  const store = db.transaction(table).objectStore(table);
  if (!isChunked(store)) return enc.encode(JSON.stringify(await all(table, range)));
  const parts = (await chunksFrom(store, range.from)).filter((/** @type {any} */ c) => c.n > 0).map((/** @type {any} */ c) => c.data);
  const size = parts.reduce((a, p) => a + p.length + 1, 2);
  const out = new Uint8Array(size);
  let at = 0;
  out[at++] = 0x5b; // [
  parts.forEach((p, i) => {
    if (i) out[at++] = 0x2c; // ,
    out.set(p, at);
    at += p.length;
  });
  out[at++] = 0x5d; // ]
  return out.subarray(0, at);
}

/** Replace a table's records with `records`, in one transaction. */
export async function replace(/** @type {string} */ table, /** @type {any[]} */ records) {
  try {
    const db = await open();
    const tx = db.transaction(scope([table]), 'readwrite');
    await writeOrAbort(tx, () => fill(tx, table, records));
  } catch (e) {
    report(e);
    throw e;
  }
}

/** Everything, as one JSON-able value: `{format, schema, exported_at, tables: {name: records}}`. */
export async function exportAll() {
  /** @type {Record<string, any[]>} */
  const tables = {};
  for (const t of TABLES) tables[t] = await all(t);
  return { format: 'duxin-export', schema: SCHEMA_VERSION, exported_at: new Date().toISOString(), tables };
}

/** Problems of a dump's records, table by table (all of them, first problem per record). */
export async function checkDump(/** @type {any} */ dump) {
  const S = await shapes();
  /** @type {import('./shapes.js').Problem[]} */
  const problems = [];
  let n = 0;
  for (const t of TABLES) {
    const list = dump.tables[t] || [];
    n += list.length;
    if (n > LIMITS.records) return [{ field: '', code: 'too_many', detail: String(LIMITS.records) }];
    list.forEach((/** @type {any} */ r, /** @type {number} */ i) => {
      const p = checkRecord(S, t, r);
      if (p.length) problems.push({ ...p[0], table: t, index: i + 1 });
    });
  }
  return problems;
}

/** Restore an export: every table is replaced by the file's, in one transaction (all or nothing).
 * Every record is checked first against the shapes the core reads (shapes.json); one bad record
 * refuses the whole file (`ImportError`, naming it) and nothing changes. */
export async function importAll(/** @type {any} */ dump) {
  if (!dump || dump.format !== 'duxin-export' || typeof dump.tables !== 'object' || !dump.tables) throw new Error('not a Duxin export');
  if (Number(dump.schema) > SCHEMA_VERSION) throw new Error('exported by a newer Duxin');
  for (const t of TABLES) if (dump.tables[t] !== undefined && !Array.isArray(dump.tables[t])) throw new Error('bad table ' + t);
  const problems = await checkDump(dump);
  if (problems.length) throw new ImportError(problems);
  try {
    const db = await open();
    const tx = db.transaction(scope(TABLES), 'readwrite');
    /** @type {Record<string, number>} */
    const counts = {};
    await writeOrAbort(tx, () => {
      for (const t of TABLES) {
        fill(tx, t, dump.tables[t] || []);
        counts[t] = (dump.tables[t] || []).length;
      }
    });
    return counts;
  } catch (e) {
    report(e);
    throw e;
  }
}

/** Delete every record (settings in chrome.storage stay). */
export async function clearAll() {
  const db = await open();
  const tx = db.transaction(scope(TABLES), 'readwrite');
  for (const t of scope(TABLES)) tx.objectStore(t).clear();
  await done(tx);
}

/** Delete dated records older than `days` days (chunks whose newest record is); returns how many. */
export async function prune(/** @type {number} */ days, now = Date.now()) {
  const cutoff = now - days * DAY;
  const db = await open();
  const writes = db.objectStoreNames.contains('writes');
  const tx = db.transaction(writes ? [...scope(DATED), 'writes'] : scope(DATED), 'readwrite');
  if (writes) tx.objectStore('writes').index('by_ts').openCursor(IDBKeyRange.upperBound(now - WRITES_KEPT_DAYS * DAY, true)).onsuccess = (e) => {
    const c = /** @type {IDBRequest<IDBCursorWithValue | null>} */ (e.target).result;
    if (c) { c.delete(); c.continue(); }
  };
  let n = 0;
  for (const t of DATED) {
    const s = tx.objectStore(t);
    const cursor = s.indexNames.contains('by_ts') ? s.index('by_ts').openCursor(IDBKeyRange.upperBound(cutoff, true)) : s.openCursor();
    cursor.onsuccess = () => {
      const c = cursor.result;
      if (!c) return;
      if ((c.value.ts ?? 0) < cutoff) {
        if (isChunked(s)) {
          n += c.value.n;
          if (t === 'conversations') for (const r of rowsOf(c.value)) tx.objectStore('conv_index').delete(r.id);
        } else {
          n++;
        }
        c.delete();
      }
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
  const moved = Array.isArray(replies) ? replies.filter((r) => r && typeof r.id === 'string') : [];
  // From schema 4 on the replies are chunked: appended as one chunk after those already there.
  if (isChunked(tx.objectStore('knowledge'))) {
    if (moved.length) {
      const last = tx.objectStore('knowledge').openCursor(null, 'prev');
      last.onsuccess = () => {
        const next = last.result ? last.result.value.chunk + 1 : 0;
        chunked(moved, false).forEach(({ ids, ...c }, i) => tx.objectStore('knowledge').put({ ...c, chunk: next + i }));
      };
    }
  } else {
    for (const r of moved) tx.objectStore('knowledge').put(r);
  }
  const exc = parse(old.exceptions);
  if (Array.isArray(exc)) {
    exc.forEach((e, i) => {
      if (e && typeof e.day === 'number') tx.objectStore('exceptions').put({ ...e, id: `legacy:${i}`, ts: e.day * 86_400_000, conv: '' });
    });
  }
  await done(tx);
  await chrome.storage.local.remove(keys);
}
