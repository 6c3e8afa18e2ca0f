// The panel's conversation state line, and fill-in slots: facts only the agent knows (when the
// refund lands, where the parcel is) are blanks in a suggestion that the agent fills in the panel;
// a reply with a blank never reaches the composer, by button or by keyboard.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { dbTables, launch, panelFrame, shot, startServer } from './harness.mjs';

// What only the agent knows: whether this cup may go in the dishwasher; where the parcel is now.
const DISHWASHER = '亲，这款保温杯[[可以/不建议]]放洗碗机洗哦，平时用温水手洗更能保持保温效果~';
const PARCEL = 'Where is my order? Your order is [[where it is now]] and should arrive by [[delivery date]]. I know you need it ASAP.';

let server, browser;
before(async () => {
  server = await startServer();
  browser = await launch();
  // The shop's own replies with blanks, added the way an agent does: in the options page.
  const opts = await browser.context.newPage();
  await opts.goto(`chrome-extension://${browser.extId}/options.html`);
  for (const [lang, intent, text] of [['zh', 'product_question', DISHWASHER], ['en', 'logistics', PARCEL]]) {
    await opts.selectOption('#r-lang', lang);
    await opts.selectOption('#r-intent', intent);
    await opts.locator('[data-testid="reply-text"]').fill(text);
    await opts.locator('[data-testid="add-reply"]').click();
    await opts.locator('[data-testid="replies"] li', { hasText: text.slice(0, 20) }).waitFor();
  }
  await opts.close();
});
after(async () => { await browser?.close(server?.origin); await server?.close(); });

const sw = () => browser.worker();

/** A textarea console where the customer asks whether the cup may go in the dishwasher, with the
 * panel showing the card that has a blank. */
async function dishwasherCard() {
  const page = await browser.context.newPage();
  await page.goto(server.origin + '/queue.html?c=2');
  const panel = await panelFrame(page, browser.extId);
  // The shop's reply (the holding reply also quotes the customer's question about the dishwasher).
  // Found by its blank's input, which stays when the blank is filled.
  const card = panel.locator('[data-testid="suggestion"]', { has: panel.locator('[data-testid="slot"][placeholder="可以/不建议"]') });
  await card.waitFor({ timeout: 15000 });
  return { page, panel, card };
}

/** The card's text (blanks shown as their bracketed labels) with `values` in place of the labels. */
async function filledText(card, values) {
  let text = (await card.locator('.text').textContent()) ?? '';
  for (const [label, value] of Object.entries(values)) text = text.replace(label, value);
  return text;
}

/** Select the card with the keyboard command, as an agent cycling suggestions does. */
async function selectCard(panel, card) {
  const worker = await sw();
  for (let i = 0; i < 4 && !(await card.getAttribute('class'))?.includes('selected'); i++) {
    await worker.evaluate(() => globalThis.runCommand('next-suggestion'));
    await panel.waitForTimeout(100);
  }
  assert.match((await card.getAttribute('class')) ?? '', /selected/, 'the card is selected');
}

test('the state line shows what the customer is waiting for', async () => {
  // JD: the customer asked when the air conditioner will be installed, and asks again.
  const page = await browser.context.newPage();
  await page.goto(server.origin + '/consoles/jd.html');
  const panel = await panelFrame(page, browser.extId);
  const line = panel.locator('[data-testid="state-line"]');
  await line.waitFor({ timeout: 15000 });
  const text = (await line.textContent()) ?? '';
  assert.match(text, /什么时候能安装/, `the customer's own question: ${text}`);
  assert.equal(await line.locator('*').count(), 0, 'text only');
  await page.close();
});

test('a reply with a blank shows the blank marked, one input per blank, and Insert disabled', async () => {
  const { page, card } = await dishwasherCard();
  assert.equal((await card.locator('mark.slot-mark').allTextContents()).join('|'), '【可以/不建议】');
  const inputs = card.locator('[data-testid="slot"]');
  assert.equal(await inputs.count(), 1);
  assert.equal(await inputs.first().getAttribute('placeholder'), '可以/不建议');
  const insert = card.locator('[data-testid="insert"]');
  assert.equal(await insert.isDisabled(), true);
  assert.match((await insert.textContent()) ?? '', /先填写 1 处/);
  await page.close();
});

test('the insert command does not insert a reply with a blank; it points at the blank', async () => {
  const { page, panel, card } = await dishwasherCard();
  await page.bringToFront();
  await selectCard(panel, card);
  await (await sw()).evaluate(() => globalThis.runCommand('insert-suggestion'));
  await panel.locator('[data-testid="note"]').filter({ hasText: '先填好再插入' }).waitFor({ timeout: 5000 });
  await page.waitForTimeout(300);
  assert.equal(await page.locator('#replyTextarea').inputValue(), '', 'nothing reached the composer');
  assert.equal(await page.evaluate(() => window.__composerState), '');
  assert.equal(await panel.evaluate(() => document.activeElement?.getAttribute('data-testid')), 'slot', 'the blank has the focus');
  await page.close();
});

test('a filled reply is inserted exactly, Send enables, and one Ctrl+Z undoes it (textarea console)', async () => {
  const { page, card } = await dishwasherCard();
  await shot(page, 'slot-card-blank');
  const expected = await filledText(card, { '【可以/不建议】': '不建议' });
  await card.locator('[data-testid="slot"]').fill('不建议');
  const insert = card.locator('[data-testid="insert"]');
  assert.equal(await insert.isDisabled(), false);
  assert.equal((await insert.textContent()) ?? '', '插入');
  assert.equal(await card.locator('mark.slot-mark.filled').textContent(), '不建议', 'the value shows in the text');
  assert.equal(await card.locator('.text').textContent(), expected);
  await shot(page, 'slot-card-filled');
  await insert.click();
  await page.waitForFunction((t) => window.__composerState === t, expected, { timeout: 5000 });
  assert.equal(await page.locator('#replyTextarea').inputValue(), expected);
  assert.equal(await page.locator('[data-testid="send"]').isDisabled(), false);
  assert.deepEqual(await page.evaluate(() => window.__sent), [], 'Duxin never sends');
  await page.waitForTimeout(300);
  await page.locator('#replyTextarea').press('Control+z');
  await page.waitForFunction(() => window.__composerState === '', null, { timeout: 2000 });
  await page.close();
});

test('typed values survive the panel re-rendering for the same customer turn', async () => {
  const { page, panel, card } = await dishwasherCard();
  await card.locator('[data-testid="slot"]').fill('不建议');
  // Every selection change and every snapshot rebuilds the panel.
  await (await sw()).evaluate(() => globalThis.runCommand('next-suggestion'));
  await panel.locator('[data-testid="suggestion"].selected').waitFor();
  assert.equal(await card.locator('[data-testid="slot"]').inputValue(), '不建议');
  assert.equal(await card.locator('[data-testid="insert"]').isDisabled(), false);
  await page.close();
});

test('a filled reply sent unchanged is learned as accepted, with the filled text', async () => {
  const { page, card } = await dishwasherCard();
  const expected = await filledText(card, { '【可以/不建议】': '可以' });
  await card.locator('[data-testid="slot"]').fill('可以');
  await card.locator('[data-testid="insert"]').click();
  await page.waitForFunction((t) => window.__composerState === t, expected, { timeout: 5000 });
  await page.locator('[data-testid="send"]').click();
  const opts = await browser.context.newPage();
  await opts.goto(`chrome-extension://${browser.extId}/options.html`);
  let entry;
  for (let i = 0; i < 50 && !entry; i++) {
    const learned = JSON.parse((await dbTables(opts)).kv.find((r) => r.key === 'learned')?.value || '{}');
    entry = (learned.entries || []).find((e) => e.entry.startsWith('my.') && (e.accepted > 0 || e.edited > 0));
    if (!entry) await page.waitForTimeout(100);
  }
  assert.ok(entry, 'the insertion was learned from');
  assert.ok(entry.accepted > 0 && !entry.edited, `sent as filled counts as accepted: ${JSON.stringify(entry)}`);
  await opts.close();
  await page.close();
});

test('a reply with two blanks reaches a rich editor (Lexical) only filled, and one Ctrl+Z undoes it', async () => {
  const page = await browser.context.newPage();
  await page.goto(`${server.origin}/editors/editor.html?e=lexical`);
  await page.waitForFunction(() => window.__ready === true);
  const panel = await panelFrame(page, browser.extId);
  const card = panel.locator('[data-testid="suggestion"]', { hasText: 'should arrive by' });
  await card.waitFor({ timeout: 15000 });
  const expected = await filledText(card, { '[where it is now]': 'at the Leeds depot', '[delivery date]': 'Friday' });
  const insert = card.locator('[data-testid="insert"]');
  assert.match((await insert.textContent()) ?? '', /先填写 2 处/);
  const slots = card.locator('[data-testid="slot"]');
  await slots.nth(0).fill('at the Leeds depot');
  assert.equal(await insert.isDisabled(), true, 'one blank left');
  assert.match((await insert.textContent()) ?? '', /先填写 1 处/);
  await shot(page, 'slot-card-two-blanks');
  await slots.nth(1).fill('Friday');
  await page.locator('.reply-box [contenteditable="true"]').click();
  await insert.click();
  await page.waitForFunction((t) => window.__model() === t, expected, { timeout: 5000 });
  await page.waitForFunction(() => !document.querySelector('[data-testid="send"]').disabled, null, { timeout: 2000 });
  await page.waitForTimeout(300);
  await page.keyboard.press('Control+z');
  await page.waitForFunction((t) => window.__model() !== t, expected, { timeout: 1500 });
  assert.equal((await page.evaluate(() => window.__model())).trim(), '');
  await page.close();
});

test('Alt+Enter in a filled blank inserts the card being filled, not the one selected before', async () => {
  const page = await browser.context.newPage();
  await page.goto(`${server.origin}/editors/editor.html?e=textarea-react`);
  await page.waitForFunction(() => window.__ready === true);
  const panel = await panelFrame(page, browser.extId);
  const card = panel.locator('[data-testid="suggestion"]', { hasText: 'should arrive by' });
  await card.waitFor({ timeout: 15000 });
  assert.doesNotMatch((await card.getAttribute('class')) ?? '', /selected/, 'another card is selected first');
  const expected = await filledText(card, { '[where it is now]': 'out for delivery', '[delivery date]': 'tonight' });
  const slots = card.locator('[data-testid="slot"]');
  await slots.nth(0).fill('out for delivery');
  await slots.nth(1).fill('tonight');
  await slots.nth(1).press('Alt+Enter');
  await page.waitForFunction((t) => window.__model() === t, expected, { timeout: 5000 });
  await page.close();
});
