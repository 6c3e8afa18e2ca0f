// Restoring a dashboard export is all or nothing: a file with one bad record (a record without its
// key, a timestamp or a day of the wrong type, a reply in an unknown language, a damaged setting)
// is refused with a message naming the record, every table stays exactly as it was (field by field),
// and the dashboard still loads. A good file still restores.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { launch, startServer } from './harness.mjs';

let server, browser, dash, seed;
const DAY = 86_400_000;
const today = () => Math.floor((Date.now() - new Date().getTimezoneOffset() * 60_000) / DAY);

/** A week of work as an export holds it: every table has records. */
function week() {
  const conversations = [], events = [], exceptions = [];
  for (let d = 7; d >= 1; d--) {
    const day = today() - d;
    for (let k = 0; k < 3; k++) {
      const id = `c${d}-${k}`;
      conversations.push({ id, ts: day * DAY + 36e6 + k, day, lang: 'zh', site: 'pinduoduo', intent: 'refund', intents: ['refund'], product: null, cues: [1, 0, 0, 0, 0, 0, 0, 0, 0], triggers: ['退款'], situations: [], angry: k === 0, repeated: false, ended_well: k !== 0, risk: 40, style: 'qin' });
      events.push({ ts: day * DAY + 36e6 + k, day, conv: id, lang: 'zh', entry: 'zh.refund.when', event: k ? 'accepted' : 'shown', style: 'qin' });
    }
    exceptions.push({ id: `e${d}`, ts: day * DAY + 40e6, day, conv: `c${d}-0`, lang: 'zh', kind: 'return_window', approved: d % 2 === 0 });
  }
  const knowledge = [{ id: 'my.1', lang: 'zh', intent: 'invoice', text: '电子发票确认收货后自动发到您邮箱哦' }, { id: 'my.2', lang: 'en', intent: 'refund', text: 'Your refund is on its way.' }];
  const kv = [
    { key: 'style', value: JSON.stringify({ address: 'qin', emoji_rate: 0.5, emoji: '~', median_chars: 20, samples: 40, locked: false }) },
    { key: 'learned', value: JSON.stringify({ entries: [{ entry: 'zh.refund.when', accepted: 3, edited: 1, dismissed: 0, same_edit_streak: 0 }], memory: [] }) },
    { key: 'products', value: JSON.stringify([{ name: '316不锈钢保温杯', suits: [{ what: '装开水' }] }]) },
  ];
  return { format: 'duxin-export', schema: 3, exported_at: new Date().toISOString(), tables: { conversations, events, exceptions, knowledge, kv } };
}

const dump = () => dash.evaluate(async () => (await import('./store.js')).exportAll().then((d) => d.tables));

async function importFile(dumpValue, name) {
  const file = path.join(os.tmpdir(), `duxin-${name}-${process.pid}.json`);
  fs.writeFileSync(file, JSON.stringify(dumpValue));
  await dash.locator('[data-testid="data-status"]').evaluate((e) => { e.textContent = ''; });
  await dash.locator('[data-testid="import"]').setInputFiles(file);
  await dash.locator('[data-testid="data-status"]').filter({ hasText: /\S/ }).waitFor({ timeout: 15000 });
  fs.rmSync(file, { force: true });
  return (await dash.locator('[data-testid="data-status"]').textContent()) ?? '';
}

before(async () => {
  server = await startServer();
  browser = await launch();
  dash = await browser.context.newPage();
  await dash.goto(`chrome-extension://${browser.extId}/dashboard.html`);
  await dash.waitForFunction(() => document.body.dataset.ready === '1', null, { timeout: 15000 });
  assert.match(await importFile(week(), 'week'), /已导入 \d+ 条记录/);
  seed = await dump();
  assert.equal(seed.conversations.length, 21);
  assert.equal(seed.kv.length, 3);
});
after(async () => { await browser?.close(server?.origin); await server?.close(); });

/** [what is wrong, how to spoil a good export, what the message says] */
const BAD = [
  ['a conversation without its key', (d) => { delete d.tables.conversations[20].id; }, 'conversations 第21条：缺少 id'],
  ['an exception without its key', (d) => { delete d.tables.exceptions[6].id; }, 'exceptions 第7条：缺少 id'],
  ['a conversation whose ts is "x"', (d) => { d.tables.conversations[1].ts = 'x'; }, 'conversations 第2条：ts 应为数字'],
  ['an event whose day is "x"', (d) => { d.tables.events[2].day = 'x'; }, 'events 第3条：day 应为整数'],
  ['an exception whose day is "x"', (d) => { d.tables.exceptions[3].day = 'x'; }, 'exceptions 第4条：day 应为整数'],
  ['a reply in an unknown language', (d) => { d.tables.knowledge[1].lang = 'fr'; }, 'knowledge 第2条：lang 应为以下之一：zh, en'],
  ['a damaged style setting', (d) => { d.tables.kv[0].value = JSON.stringify({ address: 5 }); }, 'kv 第1条：value(style).address 应为以下之一'],
];

for (const [what, spoil, says] of BAD) {
  test(`a restore with ${what} is refused naming it, and every table stays as it was`, async () => {
    const bad = week();
    // The other records differ from what is stored: a half-done restore would show.
    bad.tables.conversations.forEach((c) => { c.risk = 99; });
    bad.tables.knowledge.push({ id: 'my.3', lang: 'zh', intent: 'other', text: '新的回复' });
    spoil(bad);
    const status = await importFile(bad, 'bad');
    assert.ok(status.startsWith('无法导入'), status);
    assert.ok(status.includes(says), `${status} names ${says}`);
    assert.deepEqual(await dump(), seed, 'every table equal, field by field, with before');
    await dash.reload();
    await dash.waitForFunction(() => document.body.dataset.ready === '1', null, { timeout: 15000 });
    const state = (await dash.locator('#state').textContent()) ?? '';
    assert.ok(!state.includes('统计失败'), state);
    assert.equal(await dash.locator('[data-testid="kpi-conversations"] .v').textContent(), '21');
  });
}

test('a good export still restores every table', async () => {
  const good = week();
  good.tables.knowledge.push({ id: 'my.3', lang: 'zh', intent: 'other', text: '新的回复' });
  assert.match(await importFile(good, 'good'), /已导入 55 条记录/);
  const after = await dump();
  assert.equal(after.knowledge.length, 3);
  assert.deepEqual(after.conversations, seed.conversations);
});

test('a file above the size limit is refused before it is read', async () => {
  const file = path.join(os.tmpdir(), `duxin-huge-${process.pid}.json`);
  const fd = fs.openSync(file, 'w');
  fs.ftruncateSync(fd, 64 * 1024 * 1024 + 1);
  fs.closeSync(fd);
  await dash.locator('[data-testid="data-status"]').evaluate((e) => { e.textContent = ''; });
  await dash.locator('[data-testid="import"]').setInputFiles(file);
  await dash.locator('[data-testid="data-status"]').filter({ hasText: '64 MB' }).waitFor({ timeout: 15000 });
  fs.rmSync(file, { force: true });
  assert.equal((await dump()).knowledge.length, 3, 'nothing changed');
});
