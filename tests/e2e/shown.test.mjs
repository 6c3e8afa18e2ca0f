// Reloading an unchanged conversation does not count its suggestions as shown again: each reply
// is recorded as shown once per customer turn, and that is remembered across reloads (the
// dashboard's "shown" column would otherwise grow with every reload).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { launch, panelFrame, startServer } from './harness.mjs';

let server, browser;
before(async () => { server = await startServer(); browser = await launch(); });
after(async () => { await browser?.close(server?.origin); await server?.close(); });

/** The dashboard's "shown" column, summed, and the stored "shown" events. */
async function shown() {
  const dash = await browser.context.newPage();
  await dash.goto(`chrome-extension://${browser.extId}/dashboard.html`);
  await dash.waitForFunction(() => document.body.dataset.ready === '1', null, { timeout: 15000 });
  const rows = await dash.locator('[data-testid="reply-table"] tr').evaluateAll((trs) => trs.slice(1).map((tr) => Number(tr.children[1]?.textContent || 0)));
  const events = await dash.evaluate(async () => (await import('./store.js')).exportAll().then((d) => d.tables.events.filter((e) => e.event === 'shown').length));
  await dash.close();
  return { column: rows.reduce((a, b) => a + b, 0), events };
}

/** Open (or reload) the conversation and wait until its suggestions are shown and recorded. */
async function settle(page) {
  const panel = await panelFrame(page, browser.extId);
  await panel.locator('[data-testid="suggestion"]').first().waitFor({ timeout: 15000 });
  await page.waitForTimeout(1500);
}

test('reloading an unchanged conversation twice does not count its suggestions as shown again', async () => {
  const page = await browser.context.newPage();
  await page.goto(`${server.origin}/queue.html?c=1`);
  await settle(page);
  const first = await shown();
  assert.ok(first.events > 0 && first.column === first.events, `shown once: ${JSON.stringify(first)}`);
  for (let i = 0; i < 2; i++) {
    await page.reload();
    await settle(page);
  }
  assert.deepEqual(await shown(), first, 'after two reloads');
  await page.close();
});
