// Local memory and the dashboard: the agent works through a morning's queue on a console fixture,
// the panel keeps summaries and suggestion events in IndexedDB, and the dashboard (an extension
// page) shows the counts, a spike with a note for operations, and what worked. Export → delete →
// import restores the same records; a full database is reported, not ignored.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { dbTables, launch, panelFrame, ROOT, startServer } from './harness.mjs';

let server, browser;
before(async () => { server = await startServer(); browser = await launch(); });
after(async () => { await browser?.close(server?.origin); await server?.close(); });

const DAY = 86_400_000;
const today = () => Math.floor((Date.now() - new Date().getTimezoneOffset() * 60_000) / DAY);
const CUP = '316不锈钢保温杯 500ml';

/** Two earlier weeks as an earlier export would hold them: steady logistics questions, and the
 * cup asked about about once a day. */
function history() {
  const conversations = [];
  for (let d = 14; d >= 1; d--) {
    const day = today() - d;
    const base = { ts: day * DAY + 36e6, day, lang: 'zh', site: 'pinduoduo', cues: [], triggers: [], situations: [], angry: false, repeated: false, ended_well: true, risk: 10, style: 'qin' };
    for (let k = 0; k < 3; k++) conversations.push({ ...base, id: `h${d}l${k}`, intent: 'logistics', intents: ['logistics'], product: null });
    if (d % 2 === 0) conversations.push({ ...base, id: `h${d}c`, intent: 'product_question', intents: ['product_question'], product: CUP });
  }
  return { format: 'duxin-export', schema: 3, exported_at: new Date().toISOString(), tables: { conversations, events: [], exceptions: [], knowledge: [], kv: [] } };
}

async function dashboard(query = '') {
  const page = await browser.context.newPage();
  await page.goto(`chrome-extension://${browser.extId}/dashboard.html${query}`);
  await page.waitForFunction(() => document.body.dataset.ready === '1', null, { timeout: 15000 });
  return page;
}

const dump = (page) => page.evaluate(async () => (await import('./store.js')).exportAll().then((d) => d.tables));

test('after a morning of chats the dashboard shows the counts, a spike with its note, and what worked', async () => {
  // Earlier weeks, imported the way an owner moves data between machines.
  const file = path.join(os.tmpdir(), `duxin-history-${process.pid}.json`);
  fs.writeFileSync(file, JSON.stringify(history()));
  const dash = await dashboard();
  await dash.locator('[data-testid="import"]').setInputFiles(file);
  await dash.locator('[data-testid="data-status"]').filter({ hasText: /\d/ }).waitFor();

  // The queue: insert the top suggestion and send it, except one dismissed and one edited.
  for (let c = 1; c <= 6; c++) {
    const page = await browser.context.newPage();
    await page.goto(`${server.origin}/queue.html?c=${c}`);
    const panel = await panelFrame(page, browser.extId);
    const first = panel.locator('[data-testid="suggestion"]').first();
    await first.waitFor({ timeout: 15000 });
    if (c === 2) {
      const before = await first.locator('.text').textContent();
      await first.locator('[data-testid="dismiss"]').click();
      await panel.waitForFunction((t) => document.querySelector('[data-testid="suggestion"] .text')?.textContent !== t, before);
    }
    // What only the agent knows is filled in first, as an agent does (the card then shows it).
    const top = panel.locator('[data-testid="suggestion"]').first();
    for (const input of await top.locator('[data-testid="slot"]').all()) await input.fill('已核实');
    const text = (await top.locator('.text').textContent()) ?? '';
    await top.locator('[data-testid="insert"]').click();
    await page.waitForFunction((t) => window.__composerState === t, text);
    if (c === 5) {
      await page.locator('#replyTextarea').press('End');
      await page.keyboard.type('不会漏的，放心');
    }
    await page.locator('[data-testid="send"]').click();
    // The panel sees the sent message and records the outcome.
    for (let i = 0; ; i++) {
      const { events } = await dump(dash);
      if (events.filter((e) => e.event === 'accepted' || e.event === 'edited').length === c) break;
      assert.ok(i < 100, `the outcome of conversation ${c} was not recorded`);
      await page.waitForTimeout(100);
    }
    await page.close();
  }

  await dash.reload();
  await dash.waitForFunction(() => document.body.dataset.ready === '1');
  // Today only: exactly the six conversations of the queue.
  const d = new Date(today() * DAY).toISOString().slice(0, 10);
  await dash.locator('[data-testid="from"]').fill(d);
  await dash.locator('[data-testid="from"]').dispatchEvent('change');
  await dash.locator('[data-testid="kpi-conversations"] .v').filter({ hasText: /^6$/ }).waitFor({ timeout: 5000 });
  assert.equal(await dash.locator('[data-testid="kpi-angry"] .v').textContent(), '1', 'one customer threatened a bad review');
  // The cup: six today against about one every other day before.
  const spike = dash.locator('[data-testid="spike"]', { hasText: CUP });
  await spike.waitFor();
  assert.match((await spike.textContent()) ?? '', /· 6 \(平时 0\.\d\)/);
  const note = (await spike.locator('[data-testid="spike-note"]').textContent()) ?? '';
  assert.ok(note.includes(CUP) && note.includes('6次'), note);
  await spike.locator('[data-testid="copy-note"]').click();
  await dash.waitForFunction((n) => document.body.dataset.lastCopied === n, note);
  assert.ok(await dash.locator('[data-testid="products-chart"] [data-testid="spike-marker"]').count() >= 1, 'the spike is marked on the chart');
  assert.equal(await dash.locator('[data-testid="spike"]', { hasText: '物流' }).count(), 0, 'steady logistics questions do not spike');
  // What worked: six uses, one of them edited; one dismissal.
  const rows = await dash.locator('[data-testid="reply-table"] tr').evaluateAll((trs) => trs.slice(1).map((tr) => [...tr.children].map((td) => td.textContent)));
  const sum = (i) => rows.reduce((a, r) => a + Number(r[i] || 0), 0);
  assert.deepEqual([sum(2), sum(3), sum(4)], [5, 1, 1], JSON.stringify(rows));
  assert.ok(sum(1) >= 6, 'suggestions shown are counted');
  assert.match((await dash.locator('[data-testid="style-table"]').textContent()) ?? '', /亲/);
  assert.match((await dash.locator('[data-testid="triggers"]').textContent()) ?? '', /\S/);
  await dash.setViewportSize({ width: 1100, height: 800 });
  fs.mkdirSync(path.join(ROOT, 'tests', 'e2e', 'artifacts'), { recursive: true });
  await dash.screenshot({ path: path.join(ROOT, 'tests', 'e2e', 'artifacts', 'dashboard.png'), fullPage: true });

  // Nothing personal was stored: no names, no message text (keeping texts is off by default).
  const tables = await dump(dash);
  const all = JSON.stringify(tables);
  for (const leak of ['刘女士', '周妈妈', '能不能装牛奶']) assert.ok(!all.includes(leak), leak);

  // English only: none of today's chats.
  await dash.locator('[data-testid="lang-filter"]').selectOption('en');
  await dash.locator('[data-testid="kpi-conversations"] .v').filter({ hasText: /^0$/ }).waitFor();
  await dash.close();
  fs.rmSync(file, { force: true });
});

test('export everything, delete everything, import it back: the same records, field by field', async () => {
  const dash = await dashboard();
  const before = await dump(dash);
  assert.ok(before.conversations.length > 0 && before.events.length > 0, 'the first test left records');
  const [download] = await Promise.all([dash.waitForEvent('download'), dash.locator('[data-testid="export-json"]').click()]);
  const file = await download.path();
  // CSV of a table: a header and one line per record.
  await dash.locator('[data-testid="csv-table"]').selectOption('events');
  const [csv] = await Promise.all([dash.waitForEvent('download'), dash.locator('[data-testid="export-csv"]').click()]);
  const lines = fs.readFileSync(await csv.path(), 'utf8').trim().split('\r\n');
  assert.match(lines[0], /(^|,)entry(,|$)/);
  assert.equal(lines.length, before.events.length + 1);
  // Delete asks once more, then empties the database.
  await dash.locator('[data-testid="delete-all"]').click();
  assert.deepEqual(Object.values(await dump(dash)).map((t) => t.length).reduce((a, b) => a + b), before.conversations.length + before.events.length + before.exceptions.length + before.knowledge.length + before.kv.length, 'one click does not delete');
  await dash.locator('[data-testid="delete-all"]').click();
  await dash.locator('[data-testid="data-status"]').filter({ hasText: /删除/ }).waitFor();
  assert.deepEqual(Object.values(await dump(dash)).map((t) => t.length), [0, 0, 0, 0, 0]);
  assert.equal(await dash.locator('[data-testid="kpi-conversations"] .v').textContent(), '0');
  await dash.locator('[data-testid="import"]').setInputFiles(file);
  await dash.locator('[data-testid="data-status"]').filter({ hasText: /导入/ }).waitFor();
  assert.deepEqual(await dump(dash), before);
  await dash.close();
});

test('the dashboard speaks the language chosen in options', async () => {
  const opts = await browser.context.newPage();
  await opts.goto(`chrome-extension://${browser.extId}/options.html`);
  await opts.locator('[data-testid="lang"]').selectOption('en');
  const dash = await dashboard();
  assert.equal(await dash.locator('h1').textContent(), 'Duxin · Insights');
  assert.equal(await dash.locator('[data-testid="kpi-conversations"] .l').textContent(), 'Conversations');
  await dash.close();
  await opts.locator('[data-testid="lang"]').selectOption('');
  await opts.close();
});

test('records older than the retention period are pruned; the period is a setting', async () => {
  const opts = await browser.context.newPage();
  await opts.goto(`chrome-extension://${browser.extId}/options.html`);
  assert.equal(await opts.locator('[data-testid="retention"]').inputValue(), '90', 'default 90 days');
  // Two weeks of history, then a 10-day retention: what is older than 10 days goes.
  await opts.evaluate(async (dump) => (await import('./store.js')).importAll(dump), history());
  const before = (await dbTables(opts)).conversations;
  const cutoff = Date.now() - 10 * DAY;
  const keep = before.filter((c) => c.ts >= cutoff).length;
  assert.ok(keep > 0 && keep < before.length);
  await opts.locator('[data-testid="retention"]').fill('10');
  await opts.locator('[data-testid="retention"]').dispatchEvent('change');
  await opts.locator('[data-testid="options-status"]').filter({ hasText: String(before.length - keep) }).waitFor();
  assert.equal((await dbTables(opts)).conversations.length, keep);
  await opts.locator('[data-testid="retention"]').fill('90');
  await opts.locator('[data-testid="retention"]').dispatchEvent('change');
  await opts.close();
});

test('a full database is reported in the panel and on the dashboard, not silently dropped', async () => {
  // Its own browser: the quota is cut before anything opens the database.
  const b = await launch();
  try {
    const blank = await b.context.newPage();
    const cdp = await b.context.newCDPSession(blank);
    await cdp.send('Storage.overrideQuotaForOrigin', { origin: `chrome-extension://${b.extId}`, quotaSize: 1 });
    const page = await b.context.newPage();
    await page.goto(`${server.origin}/queue.html?c=3`);
    const panel = await panelFrame(page, b.extId);
    await panel.locator('[data-testid="note"]').filter({ hasText: /已满/ }).waitFor({ timeout: 15000 });
    // The panel keeps working: suggestions are still there.
    assert.ok(await panel.locator('[data-testid="suggestion"]').count() > 0);
    const dash = await b.context.newPage();
    await dash.goto(`chrome-extension://${b.extId}/dashboard.html`);
    await dash.waitForFunction(() => document.body.dataset.ready === '1', null, { timeout: 15000 });
    const file = path.join(os.tmpdir(), `duxin-full-${process.pid}.json`);
    fs.writeFileSync(file, JSON.stringify(history()));
    await dash.locator('[data-testid="import"]').setInputFiles(file);
    await dash.locator('[data-testid="data-status"]').filter({ hasText: /已满/ }).waitFor({ timeout: 10000 });
    fs.rmSync(file, { force: true });
  } finally {
    await b.close(server.origin);
  }
});
