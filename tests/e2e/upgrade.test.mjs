// Upgrading the unpacked extension in a running browser keeps the agent's data: a build at the
// first database schema (1) writes records, the folder is replaced by the current build and the
// extension reloaded in place; every migration step runs (a timestamp index, events regrouped
// into day chunks) and every record is still there, field by field. Data from release 0.1, which kept the
// agent's replies and exception outcomes in chrome.storage.local, is carried along too.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { launch, panelFrame, ROOT, startServer } from './harness.mjs';

const CURRENT = path.join(ROOT, 'dist', 'chrome');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'duxin-upgrade-'));
const ext = path.join(dir, 'duxin');

/** The previous release: the same extension at schema version 1. */
function buildPrevious() {
  fs.rmSync(ext, { recursive: true, force: true });
  fs.cpSync(CURRENT, ext, { recursive: true });
  const store = path.join(ext, 'store.js');
  const src = fs.readFileSync(store, 'utf8');
  const current = Number((src.match(/export const SCHEMA_VERSION = (\d+);/) || [])[1]);
  assert.ok(current > 1, 'the current schema version is found');
  fs.writeFileSync(store, src.replace(`export const SCHEMA_VERSION = ${current};`, 'export const SCHEMA_VERSION = 1;'));
  const manifest = JSON.parse(fs.readFileSync(path.join(ext, 'manifest.json'), 'utf8'));
  manifest.version = '0.1.9';
  fs.writeFileSync(path.join(ext, 'manifest.json'), JSON.stringify(manifest));
}

let server, browser;
before(async () => { buildPrevious(); server = await startServer(); browser = await launch({ ext }); });
after(async () => { await browser?.close(server?.origin); await server?.close(); fs.rmSync(dir, { recursive: true, force: true }); });

async function extPage(file) {
  const p = await browser.context.newPage();
  await p.goto(`chrome-extension://${browser.extId}/${file}`);
  return p;
}

const dump = (page) => page.evaluate(async () => (await import('./store.js')).exportAll().then((d) => d.tables));
const schema = (page) => page.evaluate(() => new Promise((resolve, reject) => {
  const r = indexedDB.open('duxin');
  r.onsuccess = () => {
    const db = r.result;
    const events = db.transaction('events').objectStore('events');
    resolve({ version: db.version, indexed: events.indexNames.contains('by_ts'), chunked: Array.isArray(events.keyPath) });
    db.close();
  };
  r.onerror = () => reject(r.error);
}));

test('data written by schema 1 survives the upgrade to the current schema in a running browser', async () => {
  const worker = () => browser.context.serviceWorkers().find((w) => w.url().includes(browser.extId));
  // Release 0.1's keys, as that release left them.
  await worker().evaluate(() => chrome.storage.local.set({
    kb_custom: JSON.stringify([{ id: 'my.1', lang: 'zh', intent: 'invoice', text: '亲，电子发票会在确认收货后发到您的邮箱哦~' }]),
    // Ten days ago: a fixed day falls out of the 90-day retention as the calendar moves on.
    exceptions: JSON.stringify([{ day: Math.floor(Date.now() / 86_400_000) - 10, kind: 'return_window', approved: true }]),
  }));
  // The agent works a conversation with the previous build.
  const page = await browser.context.newPage();
  await page.goto(`${server.origin}/queue.html?c=4`);
  const panel = await panelFrame(page, browser.extId);
  await panel.locator('[data-testid="suggestion"]').first().waitFor({ timeout: 15000 });
  const text = (await panel.locator('[data-testid="suggestion"] .text').first().textContent()) ?? '';
  await panel.locator('[data-testid="insert"]').first().click();
  await page.waitForFunction((t) => window.__composerState === t, text);
  await page.locator('[data-testid="send"]').click();
  const old = await extPage('options.html');
  let before;
  for (let i = 0; ; i++) {
    before = await dump(old);
    if (before.events.some((e) => e.event === 'accepted')) break;
    assert.ok(i < 100, 'the previous build recorded the accepted reply');
    await old.waitForTimeout(100);
  }
  assert.deepEqual(await schema(old), { version: 1, indexed: false, chunked: false });
  assert.equal(before.conversations.length, 1);
  assert.deepEqual(before.knowledge.map((r) => r.id), ['my.1'], 'release 0.1 replies were moved into the database');
  assert.equal(before.exceptions.length, 1);
  await page.close();
  await old.close();

  // Replace the folder with the current build and reload the extension in place.
  fs.rmSync(ext, { recursive: true, force: true });
  fs.cpSync(CURRENT, ext, { recursive: true });
  await worker().evaluate(() => chrome.runtime.reload()).catch(() => {});
  // The extension comes back under the same id (same folder) once Chromium has reloaded it.
  let dash;
  for (let i = 0; ; i++) {
    dash = await browser.context.newPage();
    const ok = await dash.goto(`chrome-extension://${browser.extId}/dashboard.html`).then(() => dash.waitForFunction(() => document.body.dataset.ready === '1', null, { timeout: 3000 })).then(() => true, () => false);
    if (ok) break;
    await dash.close();
    assert.ok(i < 20, 'the upgraded extension came back');
    await new Promise((r) => setTimeout(r, 250));
  }
  assert.equal(await dash.evaluate(() => chrome.runtime.getManifest().version), JSON.parse(fs.readFileSync(path.join(CURRENT, 'manifest.json'), 'utf8')).version);
  assert.deepEqual(await schema(dash), { version: 3, indexed: true, chunked: true });
  assert.deepEqual(await dump(dash), before, 'every record, field by field');
  assert.equal(await dash.locator('[data-testid="kpi-conversations"] .v').textContent(), '1');
  assert.equal(await dash.locator('[data-testid="kpi-angry"] .v').textContent(), '1');
  // The moved reply is still the shop's, in options.
  const opts = await extPage('options.html');
  await opts.locator('[data-testid="replies"] li', { hasText: '电子发票' }).waitFor();
  await opts.close();
  await dash.close();
});
