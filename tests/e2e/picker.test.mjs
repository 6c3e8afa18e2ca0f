// A chat Duxin has no profile for and cannot detect (the reply box sits above the thread): the
// agent opens the panel with the shortcut, it says it cannot read the page and offers to be
// shown; the agent clicks a customer message, one of their own and the reply box; Duxin derives a
// profile (ids, data attributes and readable classes before positions), reads the thread, keeps
// the profile for the site across reloads, and it travels as a file through the options page.
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import { after, before, test } from 'node:test';
import { launch, panelFrame, startServer } from './harness.mjs';

let server, browser;
before(async () => { server = await startServer(); browser = await launch(); });
after(async () => { await browser?.close(server?.origin); await server?.close(); });

async function conversation(panel, n) {
  for (let i = 0; i < 100; i++) {
    const s = await panel.evaluate(() => globalThis.duxinConversation && globalThis.duxinConversation());
    if (s) {
      const c = JSON.parse(s);
      if (c.messages.length === n) return c;
    }
    await panel.waitForTimeout(100);
  }
  throw new Error('conversation not read');
}

test('the picker ignores clicks a page script makes, and takes the agent\'s', async () => {
  const page = await browser.context.newPage();
  await page.goto(`${server.origin}/unknown.html`);
  await page.waitForTimeout(500);
  await page.bringToFront();
  await (await browser.worker()).evaluate(() => globalThis.runCommand('toggle-panel'));
  const panel = await panelFrame(page, browser.extId);
  await panel.locator('[data-testid="no-console"]').waitFor({ timeout: 10000 });
  await panel.locator('[data-testid="teach"]').click();
  await page.waitForTimeout(200);
  // A page script "clicks" through the three steps (pointer events, then el.click()).
  await page.evaluate(() => {
    const els = [document.querySelector('.entry--customer .entry__body'), document.querySelector('.entry--staff .entry__body'), document.querySelector('textarea[name="reply"]')];
    for (const el of els) {
      for (const type of ['pointermove', 'pointerdown', 'mousedown', 'pointerup', 'mouseup']) el.dispatchEvent(new PointerEvent(type, { bubbles: true, composed: true }));
      el.click();
    }
  });
  await page.waitForTimeout(1000);
  assert.equal(await panel.evaluate(() => globalThis.duxinConversation()), '', 'nothing read from synthetic clicks');
  await panel.locator('[data-testid="no-console"]').waitFor({ timeout: 1000 });
  const key = 'profile:' + new URL(server.origin).host;
  assert.deepEqual(await panel.evaluate((k) => chrome.storage.local.get(k), key), {}, 'no profile planted');
  // The agent's own clicks still pick, from the first step.
  await page.locator('.entry--customer .entry__body').first().click();
  await page.locator('.entry--staff .entry__body').first().click();
  await page.locator('textarea[name="reply"]').click();
  const conv = await conversation(panel, 3);
  assert.deepEqual(conv.messages.map((m) => m.role), ['customer', 'agent', 'customer']);
  // Forget it again: the next test starts on a site Duxin cannot read.
  await panel.evaluate((k) => chrome.storage.local.remove(k), key);
  await page.close();
});

test('the agent teaches Duxin an unknown chat with three clicks', async () => {
  const page = await browser.context.newPage();
  await page.goto(`${server.origin}/unknown.html`);
  await page.waitForTimeout(1000);
  assert.equal(await page.evaluate(() => !!document.querySelector('html > :not(head):not(body)')), false, 'nothing detected, nothing shown');
  await page.bringToFront();
  const worker = await browser.worker();
  await worker.evaluate(() => globalThis.runCommand('toggle-panel'));
  const panel = await panelFrame(page, browser.extId);
  await panel.locator('[data-testid="no-console"]').waitFor({ timeout: 10000 });
  await panel.locator('[data-testid="teach"]').click();
  await page.waitForTimeout(200);
  await page.locator('.entry--customer .entry__body').first().click();
  await page.locator('.entry--staff .entry__body').first().click();
  await page.locator('textarea[name="reply"]').click();
  const conv = await conversation(panel, 3);
  assert.deepEqual(conv.messages.map((m) => [m.role, m.text]), [
    ['customer', 'Hi, I ordered the rain jacket in M but got an XL.'],
    ['agent', "Sorry about that Lena! I'll arrange an exchange right away."],
    ['customer', "It's been a day and no return label yet. I need the jacket for a trip on Friday!!"],
  ]);
  assert.equal(await page.locator('textarea[name="reply"]').inputValue(), '', 'the picking clicks did nothing to the page');
  // A suggestion goes into the reply box it was shown.
  const first = panel.locator('[data-testid="suggestion"]').first();
  await first.waitFor({ timeout: 10000 });
  const text = (await first.locator('.text').textContent()) ?? '';
  await first.locator('[data-testid="insert"]').click();
  await page.waitForFunction((t) => document.querySelector('textarea[name="reply"]').value === t, text);
  // Remembered for this site: after a reload Duxin reads it at once.
  await page.reload();
  const again = await panelFrame(page, browser.extId);
  assert.equal((await conversation(again, 3)).messages[2].role, 'customer');
  assert.match((await again.locator('[data-testid="status"]').textContent()) ?? '', /taught/);

  // The options page lists it; it exports, and imports back after being deleted.
  const opts = await browser.context.newPage();
  await opts.goto(`chrome-extension://${browser.extId}/options.html`);
  const item = opts.locator('[data-testid="taught"] li', { hasText: '127.0.0.1' });
  await item.waitFor();
  const [download] = await Promise.all([opts.waitForEvent('download'), opts.locator('[data-testid="export-taught"]').click()]);
  const file = await download.path();
  const exported = JSON.parse(await fs.readFile(file, 'utf8'));
  assert.ok(Object.keys(exported).some((k) => k.startsWith('profile:127.0.0.1')));
  await item.locator('button').click();
  await opts.waitForFunction(() => document.querySelectorAll('[data-testid="taught"] li button').length === 0);
  await opts.locator('[data-testid="import-taught"]').setInputFiles(file);
  await item.waitFor();
  await opts.close();
  await page.close();
});
