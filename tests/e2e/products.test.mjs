// Product facts: the shop describes a product in the options page (a form, no JSON); a customer
// on a console asks whether it can hold fizzy drinks; the top suggestion answers from the facts
// (not advised, why, what to take instead) and goes into the composer. Facts export and import.
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import { after, before, test } from 'node:test';
import { launch, panelFrame, startServer } from './harness.mjs';

let server, browser;
before(async () => { server = await startServer(); browser = await launch(); });
after(async () => { await browser?.close(server?.origin); await server?.close(); });

test('a product question is answered from the product facts the shop wrote in options', async () => {
  const opts = await browser.context.newPage();
  await opts.goto(`chrome-extension://${browser.extId}/options.html`);
  const form = opts.locator('[data-testid="product-form"]');
  await form.locator('input[name="name"]').fill('316不锈钢保温杯 500ml');
  await form.locator('input[name="aliases"]').fill('保温杯, 杯子');
  await form.locator('textarea[name="suits"]').fill('装开水、热茶 | 316不锈钢内胆，耐高温 | 开水, 热水\n通勤、上学带着 | 保温12小时 | 多久');
  await form.locator('textarea[name="not_suits"]').fill('装碳酸饮料 | 气体受热膨胀可能顶开杯盖 | 碳酸, 可乐, 汽水\n放洗碗机 | 高温会损坏真空层 | 洗碗机');
  await form.locator('textarea[name="alternatives"]').fill('玻璃冷水杯 600ml | 装饮料、牛奶都合适 | 装碳酸饮料');
  await form.locator('textarea[name="bundles"]').fill('杯刷+替换杯盖套装 | 密封圈可以单独换');
  await opts.locator('[data-testid="save-product"]').click();
  await opts.locator('[data-testid="products"] li', { hasText: '316不锈钢保温杯 500ml' }).waitFor();
  assert.match((await opts.locator('[data-testid="products"] li').first().textContent()) ?? '', /2 条适合，2 条不适合/);

  // 郑小姐 asks whether the cup can hold fizzy drinks (tests/fixtures/queue.js, conversation 6).
  const page = await browser.context.newPage();
  await page.goto(`${server.origin}/queue.html?c=6`);
  const panel = await panelFrame(page, browser.extId);
  const top = panel.locator('[data-testid="suggestion"]').first();
  await top.filter({ hasText: '不建议装碳酸饮料' }).waitFor({ timeout: 15000 });
  const text = (await top.locator('.text').textContent()) ?? '';
  assert.ok(text.includes('顶开杯盖') && text.includes('玻璃冷水杯 600ml') && !text.includes('{'), text);
  assert.match((await top.locator('.why').textContent()) ?? '', /商品资料.*装碳酸饮料/);
  await top.locator('[data-testid="insert"]').click();
  await page.waitForFunction((t) => window.__composerState === t, text);
  await page.close();

  // The form reads back what was saved; facts go out as a file and come back.
  await opts.locator('[data-testid="products"] li button').first().click();
  assert.equal(await form.locator('textarea[name="not_suits"]').inputValue(), '装碳酸饮料 | 气体受热膨胀可能顶开杯盖 | 碳酸, 可乐, 汽水\n放洗碗机 | 高温会损坏真空层 | 洗碗机');
  const [download] = await Promise.all([opts.waitForEvent('download'), opts.locator('[data-testid="export-products"]').click()]);
  const file = await download.path();
  const exported = JSON.parse(await fs.readFile(file, 'utf8'));
  assert.equal(exported[0].alternatives[0].instead_of[0], '装碳酸饮料');
  await opts.locator('[data-testid="products"] li button').nth(1).click();
  await opts.waitForFunction(() => document.querySelectorAll('[data-testid="products"] li').length === 0);
  await opts.locator('[data-testid="import-products"]').setInputFiles(file);
  await opts.locator('[data-testid="products"] li', { hasText: '316不锈钢保温杯 500ml' }).waitFor();
  await opts.close();
});

test('what the agent wrote in their own words comes back for a similar question', async () => {
  const own = '亲，这款杯子不能进洗碗机哦，用杯刷手洗一下就干净啦，不会损坏真空层~';
  const page = await browser.context.newPage();
  await page.goto(`${server.origin}/queue.html?c=2`);
  const panel = await panelFrame(page, browser.extId);
  await panel.locator('[data-testid="suggestion"]').first().waitFor({ timeout: 15000 });
  // The agent ignores the suggestions and types an answer.
  await page.locator('#replyTextarea').fill(own);
  await page.locator('[data-testid="send"]').click();
  await page.waitForTimeout(500);
  await page.close();

  // Another customer, another day: the same question in other words.
  const p2 = await browser.context.newPage();
  await p2.goto(`${server.origin}/queue.html?c=5`);
  await p2.evaluate(() => {
    const li = document.createElement('li');
    li.className = 'onemsg';
    li.id = 'middlePanel_list_1757999999000';
    li.innerHTML = '<div class="merchantMessage buyer-item"><div currentuid="5500105"><div class="msg-content"><p class="msg-content-box">请问这个杯子可以用洗碗机洗吗？</p></div></div></div>';
    document.getElementById('list').appendChild(li);
  });
  const panel2 = await panelFrame(p2, browser.extId);
  const mine = panel2.locator('[data-testid="suggestion"]', { hasText: own });
  await mine.waitFor({ timeout: 15000 });
  assert.match((await mine.locator('.why').textContent()) ?? '', /之前这样回答过/);
  await p2.close();
});
