// Upgrading Duxin in a running Firefox keeps the agent's data: a build at the first database
// schema (1) records a worked conversation, then the Firefox zip of this build is installed over it
// (same add-on id: Firefox's update path, as a store update takes); every migration step runs and
// every record is still there, field by field.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { enterPanel, launch, openPage, ROOT, startServer, ZIP } from './harness.mjs';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'duxin-firefox-upgrade-'));

/** The previous release: this build's Firefox folder at schema version 1, version 0.1.9. */
function buildPrevious() {
  const ext = path.join(dir, 'duxin');
  fs.cpSync(path.join(ROOT, 'dist', 'firefox'), ext, { recursive: true });
  const store = path.join(ext, 'store.js');
  const src = fs.readFileSync(store, 'utf8');
  const current = Number((src.match(/export const SCHEMA_VERSION = (\d+);/) || [])[1]);
  assert.ok(current > 1, 'the current schema version is found');
  fs.writeFileSync(store, src.replace(`export const SCHEMA_VERSION = ${current};`, 'export const SCHEMA_VERSION = 1;'));
  const manifest = JSON.parse(fs.readFileSync(path.join(ext, 'manifest.json'), 'utf8'));
  manifest.version = '0.1.9';
  fs.writeFileSync(path.join(ext, 'manifest.json'), JSON.stringify(manifest));
  return ext;
}

let server, fx, b;
before(async () => {
  server = await startServer();
  fx = await launch({ zip: buildPrevious() });
  b = fx.browser;
});
after(async () => {
  await fx?.close();
  await server?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const dump = () => b.run("return import('./store.js').then((s) => s.exportAll()).then((d) => d.tables)");
const schema = () => b.run(`return new Promise((resolve, reject) => {
  const r = indexedDB.open('duxin');
  r.onsuccess = () => {
    const db = r.result;
    const events = db.transaction('events').objectStore('events');
    const knowledge = db.transaction('knowledge').objectStore('knowledge');
    resolve({ version: db.version, indexed: events.indexNames.contains('by_ts'), chunked: Array.isArray(events.keyPath), replies_chunked: Array.isArray(knowledge.keyPath) });
    db.close();
  };
  r.onerror = () => reject(r.error);
})`);

/** Poll `f` until it returns a truthy value. */
async function until(what, f, timeout = 15000) {
  const end = Date.now() + timeout;
  for (;;) {
    const v = await f().catch(() => null);
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

test('data written by schema 1 survives the upgrade to the current schema in a running Firefox', async () => {
  // The agent works a conversation with the previous build: a reply inserted and sent.
  await openPage(b, `${server.origin}/queue.html?c=4`);
  await enterPanel(b);
  const text = await b.waitFor(() => document.querySelector('[data-testid="suggestion"] .text')?.textContent, { what: 'a suggestion' });
  await b.click(await b.find('[data-testid="insert"]'));
  await b.frame(null);
  await b.waitFor((t) => window.__composerState === t, { args: [text], what: 'the reply in the composer' });
  await b.click(await b.find('[data-testid="send"]'));
  await b.navigate(fx.base + 'options.html');
  const before = await until('the accepted reply to be recorded', async () => {
    const d = await dump();
    return d.events.some((e) => e.event === 'accepted') ? d : null;
  });
  assert.deepEqual(await schema(), { version: 1, indexed: false, chunked: false, replies_chunked: false });
  assert.equal(before.conversations.length, 1);

  // The current build's zip over it, while Firefox runs.
  await b.navigate('about:blank');
  await b.installAddon(ZIP);
  const version = JSON.parse(fs.readFileSync(path.join(ROOT, 'dist', 'firefox', 'manifest.json'), 'utf8')).version;
  await until('the upgraded dashboard', async () => {
    await b.navigate(fx.base + 'dashboard.html');
    await b.waitFor(() => document.body.dataset.ready === '1', { what: 'the dashboard', timeout: 3000 });
    return (await b.run('return chrome.runtime.getManifest().version')) === version;
  });
  assert.deepEqual(await schema(), { version: 4, indexed: true, chunked: true, replies_chunked: true });
  assert.deepEqual(await dump(), before, 'every record, field by field');
  assert.equal(await b.eval(() => document.querySelector('[data-testid="kpi-conversations"] .v').textContent), '1');
});

test('not one request left the machine during the Firefox upgrade', () => {
  assert.deepEqual(fx.offsite(), []);
});
