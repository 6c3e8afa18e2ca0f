// What a page can learn about Duxin, tried as a page script would: no element, id, class or
// attribute names Duxin, the highlight registry's names are drawn anew on each load and say
// nothing (no cue kind, no "duxin"), and no fixed name lets a page paint its own range in
// Duxin's threat style. (Still visible, and stated in ARCHITECTURE: an element of unknown name
// under <html>, and that the registry holds highlights the page did not make.)
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { hostLocator, launch, panelFrame, startServer, waitForHighlights } from './harness.mjs';

let server, browser;
before(async () => { server = await startServer(); browser = await launch(); });
after(async () => { await browser?.close(server?.origin); await server?.close(); });

const MEANING = /duxin|anger|anxiety|distrust|disappoint|sadness|confusion|gratitude|joy|threat|cue|emotion/i;

/** What a page script finds when it looks for Duxin by name. */
const search = (page) => page.evaluate(() => {
  const found = [];
  for (const el of document.querySelectorAll('*')) {
    const names = [el.tagName, el.id, typeof el.className === 'string' ? el.className : ''];
    for (const a of el.attributes) names.push(a.name, a.value);
    if (names.some((n) => /duxin/i.test(n))) found.push(el.outerHTML.slice(0, 120));
  }
  return { found, keys: [...CSS.highlights.keys()] };
});

test('a page script finds no element named for Duxin, and the highlight names say nothing', async () => {
  const page = await browser.context.newPage();
  await page.goto(server.origin + '/cues.html');
  await panelFrame(page, browser.extId);
  await waitForHighlights(page, ['threat', 'anger', 'gratitude']);
  const first = await search(page);
  assert.deepEqual(first.found, [], 'elements that name Duxin');
  assert.equal(await hostLocator(page).count(), 1, 'the panel is mounted');
  assert.ok(first.keys.length >= 3, `highlights painted: ${first.keys}`);
  assert.deepEqual(first.keys.filter((k) => MEANING.test(k)), [], 'registry names that say what they mean');
  // Drawn anew on each load: nothing to recognise Duxin by from one visit to the next.
  await page.reload();
  await panelFrame(page, browser.extId);
  await waitForHighlights(page, ['threat', 'anger', 'gratitude']);
  const second = await search(page);
  assert.deepEqual(second.found, []);
  assert.deepEqual(second.keys.filter((k) => first.keys.includes(k)), [], 'the same names on the next load');
  await page.close();
});

test('a page cannot paint its own range in Duxin\'s threat style under a fixed name', async () => {
  const page = await browser.context.newPage();
  await page.goto(server.origin + '/cues.html');
  await panelFrame(page, browser.extId);
  await waitForHighlights(page, ['threat']);
  await page.evaluate(() => {
    const d = document.createElement('div');
    d.id = 'probe';
    d.style.cssText = 'position: fixed; left: 20px; top: 600px; font: 20px sans-serif; background: #fff; padding: 4px';
    d.textContent = 'a word the page paints';
    document.body.appendChild(d);
  });
  const probe = page.locator('#probe');
  const plain = await probe.screenshot();
  for (const name of ['duxin-threat', 'duxin-anger', 'threat']) {
    await page.evaluate((name) => {
      const r = new Range();
      r.selectNodeContents(document.getElementById('probe').firstChild);
      CSS.highlights.set(name, new Highlight(r));
    }, name);
    await page.waitForTimeout(100);
    assert.ok(plain.equals(await probe.screenshot()), `a range the page put under "${name}" is painted in Duxin's style`);
    await page.evaluate((name) => CSS.highlights.delete(name), name);
  }
  await page.close();
});
