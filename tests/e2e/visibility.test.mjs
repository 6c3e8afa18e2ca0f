// What a reader would not see is not read: text hidden by visibility, opacity, off-screen
// positioning, clipping, zero size, font-size 0 (or display none, content-visibility) in a console
// page is no customer message, and hidden words inside a visible message are left out of it. A
// page could hide instructions or threats this way; consoles hide other conversations this way.
// Messages scrolled out of view in the chat's own list are still read.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { highlightRanges, launch, panelFrame, startServer } from './harness.mjs';

let server, browser;
before(async () => { server = await startServer(); browser = await launch(); });
after(async () => { await browser?.close(server?.origin); await server?.close(); });

async function conversation(panel) {
  for (let i = 0; i < 100; i++) {
    const s = await panel.evaluate(() => globalThis.duxinConversation && globalThis.duxinConversation());
    if (s) return JSON.parse(s);
    await panel.waitForTimeout(100);
  }
  throw new Error('conversation not read');
}

test('hidden text is not read, visible text around it is, scrolled-out messages are', async () => {
  const page = await browser.context.newPage();
  await page.goto(server.origin + '/hidden.html');
  const panel = await panelFrame(page, browser.extId);
  await panel.locator('[data-testid="suggestion"]').first().waitFor({ timeout: 15000 });
  const conv = await conversation(panel);
  const texts = conv.messages.map((m) => m.text);
  const leaked = texts.filter((t) => t.includes('暗号'));
  assert.deepEqual(leaked, [], 'hidden text was read');
  const expected = [];
  for (let i = 1; i <= 40; i++) expected.push(i % 2 ? `第${i}条：请问什么时候发货` : `第${i}条：今天下午发出哦`);
  expected.push('我要投诉', '质量太差了', '快递到哪了', '亲，马上为您查询');
  assert.deepEqual(texts, expected);
  // The first messages are scrolled out of view in the list, and read all the same.
  assert.ok(await page.evaluate(() => document.getElementById('message1').getBoundingClientRect().bottom < document.getElementById('log').getBoundingClientRect().top), 'message 1 is scrolled out of view');
  // Highlights land on the visible words, around the hidden ones.
  for (let i = 0; i < 100; i++) {
    const r = await highlightRanges(page);
    if (r.some((x) => x.text === '投诉' && x.node === '要投诉' && x.start === 1)) break;
    assert.ok(i < 99, `"投诉" not painted in "要投诉": ${JSON.stringify(r)}`);
    await page.waitForTimeout(100);
  }
  await page.close();
});
