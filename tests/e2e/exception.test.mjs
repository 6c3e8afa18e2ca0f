// A loyal customer is 12 hours past the 7-day return window and threatens a bad review: the panel
// offers the exception request; one click puts the honest holding reply into the composer and
// copies the supervisor request.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { launch, panelFrame, shot, startServer } from './harness.mjs';

let server, browser;
before(async () => { server = await startServer(); browser = await launch(); });
after(async () => { await browser?.close(server?.origin); await server?.close(); });

test('exception draft for a return half a day past the window', async () => {
  const page = await browser.context.newPage();
  await page.goto(server.origin + '/pdd-return.html');
  const panel = await panelFrame(page, browser.extId);
  const ex = panel.locator('[data-testid="exception"]');
  await ex.waitFor({ timeout: 15000 });
  const heading = await ex.locator('h2').textContent();
  assert.match(heading ?? '', /半天/);
  const supervisor = (await panel.locator('[data-testid="supervisor-draft"]').textContent()) ?? '';
  for (const want of ['260901-551234998765432', '羊毛大衣', '899.00', '12次', '差评', '半天']) {
    assert.ok(supervisor.includes(want), `supervisor draft mentions ${want}: ${supervisor}`);
  }
  await panel.locator('[data-testid="insert-holding"]').click();
  await page.waitForFunction(() => (window.__composerState || '').includes('主管'), null, { timeout: 5000 });
  const draft = await page.locator('#replyTextarea').inputValue();
  assert.match(draft, /7天无理由/);
  assert.match(draft, /半天/);
  assert.ok(draft.startsWith('李娜'), draft);
  assert.ok(!/[{}]/.test(draft), 'no placeholder left');
  assert.equal(await page.locator('[data-testid="send"]').isDisabled(), false);
  assert.deepEqual(await page.evaluate(() => window.__sent), [], 'Duxin never sends');
  const copied = await panel.evaluate(() => document.body.getAttribute('data-last-copied'));
  assert.equal(copied, supervisor, 'the supervisor request was copied');
  await shot(page, 'exception-draft');
  await page.close();
});

test('on a chat past the return window the request to a supervisor is the first suggestion', async () => {
  const page = await browser.context.newPage();
  await page.goto(server.origin + '/pdd-return.html');
  const panel = await panelFrame(page, browser.extId);
  const first = panel.locator('[data-testid="suggestion"]').first();
  await first.waitFor({ timeout: 15000 });
  const text = (await first.locator('.text').textContent()) ?? '';
  assert.match(text, /主管/, `the first suggestion asks the supervisor: ${text}`);
  assert.match(text, /半天/, text);
  assert.ok(!/今天|下班前|明天/.test(text), `no time the agent did not give: ${text}`);
  // And the request itself sits above the suggestions.
  const order = await panel.evaluate(() => {
    const ex = document.querySelector('[data-testid="exception"]');
    const card = document.querySelector('[data-testid="suggestion"]');
    return !!ex && !!card && !!(ex.compareDocumentPosition(card) & Node.DOCUMENT_POSITION_FOLLOWING);
  });
  assert.ok(order, 'the exception request is shown before the suggestions');
  await page.close();
});
