// Every cue kind is painted on exactly the right characters (UTF-16 boundaries around emoji and
// CJK), read back from the page's CSS.highlights registry; and the time from a new customer message
// appearing in the DOM to its highlight being painted is measured on a 200-message conversation.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { highlightKinds, highlightRanges, launch, panelFrame, startServer, waitForHighlights, shot } from './harness.mjs';

let server, browser;
before(async () => { server = await startServer(); browser = await launch(); });
after(async () => { await browser?.close(server?.origin); await server?.close(); });

const EXPECT = [
  ['anger', '😀😀气死了！', '气死了'],
  ['anxiety', '🙏请尽快发货', '尽快'],
  ['distrust', '上次也是这样😒', '上次也是'],
  ['disappointment', '上次也是这样😒', '😒'],
  ['disappointment', '算了👋', '算了'],
  ['sadness', '好难过😭', '难过'],
  ['sadness', '好难过😭', '😭'],
  ['confusion', '这是什么意思🤔', '什么意思'],
  ['confusion', '这是什么意思🤔', '🤔'],
  ['gratitude', '谢谢亲🌹', '谢谢'],
  ['joy', '太棒了🎉', '太棒了'],
  ['joy', '太棒了🎉', '🎉'],
  ['threat', '🙂再不处理就给差评', '给差评'],
  ['anger', 'I am 😤 furious, this is unacceptable', 'furious'],
  ['anger', 'I am 😤 furious, this is unacceptable', '😤'],
];

test('each cue kind is highlighted with exact UTF-16 boundaries', async () => {
  const page = await browser.context.newPage();
  await page.goto(server.origin + '/cues.html');
  await panelFrame(page, browser.extId);
  await waitForHighlights(page, ['anger', 'anxiety', 'distrust', 'disappointment', 'sadness', 'confusion', 'gratitude', 'joy', 'threat']);
  const ranges = await highlightRanges(page);
  for (const [kind, line, word] of EXPECT) {
    const start = line.indexOf(word); // a JS index: UTF-16 code units
    const hit = ranges.find((r) => r.kind === kind && r.node === line && r.start === start && r.end === start + word.length && r.same);
    assert.ok(hit, `${kind} "${word}" in "${line}" at ${start}..${start + word.length}; painted: ${JSON.stringify(ranges.filter((r) => r.node === line))}`);
  }
  // Nothing is painted on the words around the cues.
  assert.ok(!ranges.some((r) => r.node === '🙏请尽快发货' && r.kind !== 'anxiety' && r.kind !== 'gratitude'));
  // Hover and keyboard (caret) both explain a span in one line, inside our closed shadow root,
  // so the page cannot read it; we check it through the screenshot-visible tooltip position.
  const threat = Object.entries(await highlightKinds(page)).find(([, k]) => k === 'threat')[0];
  const box = await page.evaluate((name) => { const r = [...CSS.highlights.get(name)][0].getBoundingClientRect(); return { x: r.x + r.width / 2, y: r.y + r.height / 2 }; }, threat);
  await page.mouse.move(box.x, box.y);
  await page.waitForTimeout(150);
  await shot(page, 'cue-kinds');
  await page.close();
});

test('latency: new customer message to painted highlight, 200-message conversation', async () => {
  const page = await browser.context.newPage();
  await page.goto(server.origin + '/cues.html?n=200');
  const panel = await panelFrame(page, browser.extId);
  await panel.locator('[data-testid="suggestion"]').first().waitFor({ timeout: 15000 });
  const times = [];
  for (let i = 0; i < 15; i++) {
    const word = i % 2 ? '气死了' : '投诉';
    const ms = await page.evaluate(([w, i]) => new Promise((resolve) => {
      const line = `第${i}次：${w}`;
      const t0 = performance.now();
      window.addMessage(line, 'customer');
      const poll = () => {
        for (const [, h] of CSS.highlights) for (const r of h) if (r.startContainer.data === line && r.toString() === w) return resolve(performance.now() - t0);
        setTimeout(poll, 2);
      };
      poll();
    }), [word, i]);
    times.push(ms);
    await page.evaluate(() => window.addMessage('好的亲，马上处理', 'agent'));
    await page.waitForTimeout(120);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)];
  console.log(`# latency new message -> highlights painted (analysis + suggestions done), 200 messages: median ${median.toFixed(1)} ms, max ${times[times.length - 1].toFixed(1)} ms`);
  assert.ok(median < 1000, `median ${median} ms`);
  await page.close();
});

test('2,000-message console, a new message every 100 ms: no long task, each read and painted', async () => {
  const page = await browser.context.newPage();
  await page.goto(server.origin + '/cues.html?n=2000');
  const panel = await panelFrame(page, browser.extId);
  await panel.locator('[data-testid="suggestion"]').first().waitFor({ timeout: 30000 });
  const r = await page.evaluate(() => new Promise((resolve) => {
    const long = [];
    new PerformanceObserver((l) => { for (const e of l.getEntries()) long.push(e.duration); }).observe({ type: 'longtask' });
    const lat = [];
    let i = 0;
    const tick = () => {
      const line = `新消息${i}：气死了`;
      const t0 = performance.now();
      window.addMessage(line, 'customer');
      const poll = () => {
        for (const [, h] of CSS.highlights) for (const rg of h) if (rg.startContainer.data === line) { lat.push(performance.now() - t0); return; }
        if (performance.now() - t0 < 3000) setTimeout(poll, 2);
      };
      poll();
      if (++i < 30) setTimeout(tick, 100); else setTimeout(() => resolve({ long, lat }), 1500);
    };
    tick();
  }));
  r.lat.sort((a, b) => a - b);
  const median = r.lat[Math.floor(r.lat.length / 2)];
  console.log(`# 2000 messages, one new every 100 ms: ${r.lat.length}/30 painted, median ${median.toFixed(1)} ms, longest page task ${Math.max(0, ...r.long).toFixed(0)} ms (${r.long.length} long tasks)`);
  assert.equal(r.lat.length, 30, 'every new message was read and painted');
  assert.ok(r.long.every((d) => d < 200), `long tasks: ${r.long}`);
  await page.close();
});

test('highlights follow a virtualised list that recycles its nodes', async () => {
  const page = await browser.context.newPage();
  await page.goto(server.origin + '/cues.html');
  await panelFrame(page, browser.extId);
  await waitForHighlights(page, ['threat']);
  // A virtualised list reuses the node of a message scrolled out for the one scrolled in.
  await page.evaluate(() => {
    const p = [...document.querySelectorAll('.message-text__wrap')].find((n) => n.textContent.includes('给差评'));
    p.textContent = '物流太慢了，我要投诉！';
  });
  const h = await waitForHighlights(page, ['threat'], 10000, '投诉');
  assert.ok(!Object.values(h).flat().includes('给差评'), 'the recycled node no longer shows the old cue');
  await page.close();
});
