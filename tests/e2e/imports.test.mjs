// Every import in Options is checked entry by entry against what the core reads: a bad entry is
// named ("第2条：suits 应为列表") and not stored, the good ones are; one damaged stored entry (a
// product, a taught site written before imports were checked) never disables the others or Duxin
// on its site; an emptied policy number is "not set", never 0; files above the stated limits are
// refused whole. 100,000 shop replies import, list within a second and can be deleted one by one.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { addJdCustomerMessage, dbTables, launch, panelFrame, startServer } from './harness.mjs';

let server, browser;
before(async () => { server = await startServer(); browser = await launch(); });
after(async () => { await browser?.close(server?.origin); await server?.close(); });

const CUP = {
  name: '316不锈钢保温杯 500ml', aliases: ['保温杯'],
  suits: [{ what: '装开水、热茶', why: '316不锈钢内胆，耐高温', ask: ['开水'] }],
  not_suits: [{ what: '装碳酸饮料', why: '气体受热膨胀可能顶开杯盖', ask: ['碳酸', '可乐', '汽水'] }],
  alternatives: [{ name: '玻璃冷水杯 600ml', why: '装饮料、牛奶都合适', instead_of: ['装碳酸饮料'] }], bundles: [],
};

async function options() {
  const opts = await browser.context.newPage();
  await opts.goto(`chrome-extension://${browser.extId}/options.html`);
  return opts;
}

/** Import `value` as a file through the input `testid`; the status line it leaves. */
async function importFile(opts, testid, value, name = 'import') {
  const file = path.join(os.tmpdir(), `duxin-${name}-${process.pid}.json`);
  fs.writeFileSync(file, typeof value === 'string' ? value : JSON.stringify(value));
  await opts.locator('[data-testid="options-status"]').evaluate((e) => { e.textContent = ''; });
  await opts.locator(`[data-testid="${testid}"]`).setInputFiles(file);
  const status = opts.locator('[data-testid="options-status"]');
  await status.filter({ hasText: /\S/ }).waitFor({ timeout: 60000 });
  fs.rmSync(file, { force: true });
  return (await status.textContent()) ?? '';
}

/** The panel's top suggestion for 郑小姐's question about fizzy drinks in the cup. */
async function cupAnswer() {
  const page = await browser.context.newPage();
  await page.goto(`${server.origin}/queue.html?c=6`);
  const panel = await panelFrame(page, browser.extId);
  await panel.locator('[data-testid="suggestion"]').first().waitFor({ timeout: 15000 });
  await page.waitForTimeout(300);
  const texts = await panel.locator('[data-testid="suggestion"] .text').allTextContents();
  await page.close();
  return texts.join(' | ');
}

test('a product file with one malformed product imports the others and names it; the panel answers from them', async () => {
  const opts = await options();
  const status = await importFile(opts, 'import-products', [{ name: '玻璃冷水杯 600ml' }, { name: '坏掉的商品', suits: '装开水' }, CUP], 'products');
  assert.ok(status.includes('已导入 2 条，跳过 1 条') && status.includes('第2条：suits 应为列表'), status);
  await opts.locator('[data-testid="products"] li', { hasText: CUP.name }).waitFor();
  assert.equal(await opts.locator('[data-testid="products"] li', { hasText: '坏掉的商品' }).count(), 0, 'the bad one is not stored');
  assert.match(await cupAnswer(), /不建议装碳酸饮料.*顶开杯盖/);
  await opts.close();
});

test('a product stored damaged before imports were checked can be edited, and the others still answer', async () => {
  const opts = await options();
  await opts.evaluate(async (cup) => (await import('./store.js')).put('kv', { key: 'products', value: JSON.stringify([{ name: '旧商品', suits: '装开水', aliases: 5 }, cup]) }), CUP);
  await opts.reload();
  const bad = opts.locator('[data-testid="products"] li', { hasText: '旧商品' });
  await bad.waitFor();
  assert.match((await bad.textContent()) ?? '', /资料有误：aliases 应为列表/);
  const errors = [];
  opts.on('pageerror', (e) => errors.push(e.message));
  await bad.locator('button').first().click();
  const form = opts.locator('[data-testid="product-form"]');
  assert.equal(await form.locator('input[name="name"]').inputValue(), '旧商品');
  // Saved again from the form, it is a well-formed product.
  await form.locator('textarea[name="suits"]').fill('装开水 | 耐高温');
  await opts.locator('[data-testid="save-product"]').click();
  await opts.locator('[data-testid="products"] li', { hasText: '旧商品 — 1 条适合' }).waitFor();
  assert.deepEqual(errors, []);
  assert.match(await cupAnswer(), /不建议装碳酸饮料/, 'the damaged product never disabled the cup');
  await opts.close();
});

test('a reply file keeps its good replies and names each bad one', async () => {
  const opts = await options();
  const status = await importFile(opts, 'import-replies', [
    { id: 'imp.1', lang: 'zh', intent: 'invoice', text: '亲，电子发票确认收货后自动发到您邮箱哦' },
    { id: 'imp.2', lang: 'fr', intent: 'invoice', text: 'Bonjour' },
    { id: 'imp.3', lang: 'zh', intent: 'refund', text: '{oops' },
    { id: 'imp.4', lang: 'en', intent: 'refund', text: 'Your refund is on its way.' },
  ], 'replies');
  assert.ok(status.includes('已导入 2 条，跳过 2 条'), status);
  assert.ok(status.includes('第2条：lang 应为以下之一：zh, en') && status.includes('第3条：text 里的花括号 { } 不成对'), status);
  const ids = (await dbTables(opts)).knowledge.map((r) => r.id).filter((id) => id.startsWith('imp.')).sort();
  assert.deepEqual(ids, ['imp.1', 'imp.4']);
  await opts.close();
});

test('a reply file with more than 100,000 entries is refused whole, with the limit', async () => {
  const opts = await options();
  const before = (await dbTables(opts)).knowledge.length;
  const many = Array.from({ length: 100_001 }, (_, i) => ({ id: 'x.' + i, lang: 'zh', intent: 'other', text: '好的' }));
  const status = await importFile(opts, 'import-replies', many, 'too-many');
  assert.match(status, /超过 100000 条/);
  assert.equal((await dbTables(opts)).knowledge.length, before);
  await opts.close();
});

test('a taught site with a wrong-typed field is refused at import; a damaged stored one does not stop Duxin on its site', async () => {
  const opts = await options();
  const good = { id: 'taught', name: '教过的站点', taught: true, urls: ['chat.example'], container: ['#list'], item: [':scope > li'], text: [':scope'], composer: ['textarea'] };
  const status = await importFile(opts, 'import-taught', { 'profile:chat.example': good, 'profile:bad.example': { ...good, time: 'span.time' } }, 'sites');
  assert.ok(status.includes('已导入 1 条，跳过 1 条') && status.includes('bad.example：time 应为选择器列表'), status);
  const stored = await opts.evaluate(() => chrome.storage.local.get(['profile:chat.example', 'profile:bad.example']));
  assert.deepEqual(Object.keys(stored), ['profile:chat.example']);
  // A profile stored for the fixture's own host before imports were checked: a field of the
  // wrong type. Duxin skips it and reads the console with its shipped profile.
  const host = new URL(server.origin).host;
  await opts.evaluate(([k, p]) => chrome.storage.local.set({ [k]: p }), [`profile:${host}`, { ...good, bot_text: 5 }]);
  await opts.reload();
  assert.match((await opts.locator('[data-testid="taught"] li', { hasText: host }).textContent()) ?? '', /资料有误：bot_text 应为选择器列表/);
  assert.match(await cupAnswer(), /碳酸饮料/, 'the panel reads and suggests on the site');
  await opts.evaluate((k) => chrome.storage.local.remove(k), `profile:${host}`);
  await opts.close();
});

test('an emptied policy number is saved as not set, and no reply states it as 0', async () => {
  const opts = await options();
  const days = opts.locator('[data-testid="policy"] input[name="return_window_days"]');
  await days.waitFor();
  await days.fill('');
  await opts.locator('[data-testid="save-policy"]').click();
  await opts.locator('[data-testid="options-status"]').filter({ hasText: '已保存' }).waitFor();
  const { policy } = await opts.evaluate(() => chrome.storage.local.get('policy'));
  assert.equal(JSON.parse(policy).return_window_days, null);
  await opts.reload();
  assert.equal(await days.inputValue(), '');
  assert.equal(await days.getAttribute('placeholder'), '未设置：中文回复按法定七天无理由，英文回复不写期限');
  // A customer asks about returns a day after delivery.
  const page = await browser.context.newPage();
  await page.goto(`${server.origin}/pdd-return.html`);
  const panel = await panelFrame(page, browser.extId);
  await panel.locator('[data-testid="suggestion"]').first().waitFor({ timeout: 15000 });
  await page.waitForTimeout(300);
  const all = (await panel.locator('[data-testid="suggestion"] .text').allTextContents()).join(' | ') + (await panel.locator('[data-testid="exception"]').allTextContents()).join(' ');
  assert.ok(!/(^|[^\d])0天/.test(all), all);
  await page.close();
  // A negative number is refused (the browser points at the field), and nothing is saved.
  await days.fill('-3');
  await opts.locator('[data-testid="save-policy"]').click();
  assert.equal(await days.evaluate((i) => i.validity.valid), false);
  assert.equal(JSON.parse((await opts.evaluate(() => chrome.storage.local.get('policy'))).policy).return_window_days, null);
  await days.fill('');
  await opts.locator('[data-testid="save-policy"]').click();
  await opts.close();
});

test('a price-protection window the starter leaves unset is saved as a number and stated in the reply', async () => {
  const opts = await options();
  const days = opts.locator('[data-testid="policy"] input[name="price_protection_days"]');
  await days.waitFor();
  assert.equal(await days.inputValue(), '');
  await days.fill('15');
  await opts.locator('[data-testid="save-policy"]').click();
  await opts.locator('[data-testid="options-status"]').filter({ hasText: '已保存' }).waitFor();
  const { policy } = await opts.evaluate(() => chrome.storage.local.get('policy'));
  assert.equal(JSON.parse(policy).price_protection_days, 15);
  const page = await browser.context.newPage();
  await page.goto(`${server.origin}/consoles/jd.html`);
  await addJdCustomerMessage(page, '刚买没几天就降价了，能保价吗？');
  const panel = await panelFrame(page, browser.extId);
  await panel.locator('[data-testid="suggestion"]', { hasText: '付款后15天内降价可以申请价保' }).first().waitFor({ timeout: 15000 });
  await page.close();
  await days.fill('');
  await opts.locator('[data-testid="save-policy"]').click();
  await opts.waitForFunction(async () => JSON.parse((await chrome.storage.local.get('policy')).policy).price_protection_days === null);
  await opts.close();
});

test('100,000 shop replies import, list within a second, and one deep in the list is deleted', async () => {
  const opts = await options();
  const many = Array.from({ length: 100_000 }, (_, i) => ({ id: `bulk.${i}`, lang: i % 2 ? 'en' : 'zh', intent: 'logistics', text: i % 2 ? `Your parcel is on its way (reply ${i}).` : `亲，包裹已经在路上啦，请耐心等待哦（第${i}条）` }));
  const t0 = Date.now();
  const status = await importFile(opts, 'import-replies', many, 'bulk');
  const importMs = Date.now() - t0;
  assert.match(status, /100000/);
  const count = opts.locator('[data-testid="replies-count"]');
  await count.filter({ hasText: /100,0\d\d/ }).waitFor({ timeout: 10000 });
  // Opened again: how long until the list shows (first rows drawn, from the page's start).
  await opts.reload();
  await opts.waitForFunction(() => document.body.dataset.repliesMs, null, { timeout: 10000 });
  const listMs = Number(await opts.evaluate(() => document.body.dataset.repliesMs));
  const total = Number(((await count.textContent()) ?? '').replace(/\D/g, ''));
  assert.ok(total >= 100_000, `${total}`);
  assert.ok(await opts.locator('[data-testid="replies"] li').count() < 100, 'only the rows in view exist');
  console.log(`# 100,000 replies: import ${importMs} ms (file chosen → listed), list on opening ${listMs} ms`);
  // The goal is under a second (560-580 ms on a quiet machine, 2026-12-03); the bound leaves room
  // for a loaded CI machine (1,688 ms seen in a full run) while still failing a list that reads
  // all 100,000 before drawing (several seconds).
  assert.ok(listMs < 3000, `listed in ${listMs} ms`);
  // Scroll to the middle and delete the reply shown there.
  await opts.locator('[data-testid="replies-box"]').evaluate((b) => { b.scrollTop = b.scrollHeight / 2; });
  const row = opts.locator('[data-testid="replies"] li', { hasText: '（第50000条）' });
  await row.waitFor({ timeout: 5000 });
  await row.locator('button').click();
  await count.filter({ hasText: String((total - 1).toLocaleString('en-US')) }).waitFor({ timeout: 10000 });
  await opts.waitForFunction(() => !document.querySelector('[data-testid="replies"]').textContent.includes('（第50000条）'));
  const knowledge = (await dbTables(opts)).knowledge;
  assert.equal(knowledge.length, total - 1);
  assert.ok(!knowledge.some((r) => r.id === 'bulk.50000') && knowledge.some((r) => r.id === 'bulk.50002'));
  await opts.close();
});
