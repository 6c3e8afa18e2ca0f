// Invisible format characters inside a cue word (zero-width space, BOM, soft hyphen) do not hide
// it: the word is read, and its highlight covers the word as the page shows it, invisible
// characters included, in the page's own text node.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { launch, panelFrame, startServer } from './harness.mjs';

let server, browser;
before(async () => { server = await startServer(); browser = await launch(); });
after(async () => { await browser?.close(server?.origin); await server?.close(); });

/** Every highlighted range in the page, whatever its registry name: its text and offsets. */
function ranges(page) {
  return page.evaluate(() => [...CSS.highlights.values()].flatMap((h) => [...h].map((r) => ({ text: r.toString(), node: r.startContainer.textContent, start: r.startOffset, end: r.endOffset }))));
}

test('a cue word with invisible characters inside is highlighted over its whole span', async () => {
  const page = await browser.context.newPage();
  await page.goto(server.origin + '/queue.html?c=2');
  await panelFrame(page, browser.extId);
  const lines = ['你们气\u200B死我了', 'I will file a charge\u00ADback', '再不处理就给差\uFEFF评'];
  await page.evaluate((lines) => {
    for (const text of lines) {
      const li = document.createElement('li');
      li.className = 'onemsg';
      li.innerHTML = '<div class="merchantMessage buyer-item"><div currentuid="5500102"><div class="msg-content"><p class="msg-content-box"></p></div></div></div>';
      /** @type {HTMLElement} */ (li.querySelector('p')).textContent = text;
      document.getElementById('list')?.appendChild(li);
    }
  }, lines);
  const words = ['气\u200B死', 'charge\u00ADback', '差\uFEFF评'];
  let got = [];
  for (let i = 0; i < 100; i++) {
    got = await ranges(page);
    if (words.every((w) => got.some((r) => r.text.includes(w)))) break;
    await page.waitForTimeout(100);
  }
  for (const w of words) {
    const r = got.find((x) => x.text.includes(w));
    assert.ok(r, `${JSON.stringify(w)} highlighted; have ${JSON.stringify(got.map((x) => x.text))}`);
    assert.equal(r.node.slice(r.start, r.end), r.text, 'the range is the page text it covers');
  }
  await page.close();
});
