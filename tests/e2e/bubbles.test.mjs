// Messages that are web components keeping their words in their own open shadow root (a custom
// element per bubble, as chat widgets built from Lit or Stencil components draw them:
// tests/fixtures/kits/bubbles.html), and messages not written yet: a kit streaming a line into a
// bubble marked `aria-busy`, a "typing…" bubble, chat-page-snippet's "thinking" line before its
// answer streams in. What is still being written is no customer line; it is read once it is done.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { highlightKinds, launch, panelFrame, startServer } from './harness.mjs';

let server, browser;
before(async () => { server = await startServer(); browser = await launch(); });
after(async () => { await browser?.close(server.origin); await server?.close(); });

const MESSAGES = [
  ['customer', '你好，我上周买的保温杯今天到了，杯盖是裂的'],
  ['agent', '亲，非常抱歉，麻烦您拍张照片给我们看一下'],
  ['customer', '照片早就发了，一直没人回我'],
  ['customer', '你们到底管不管？再不给我换货我就去投诉了'],
];

async function open(url = '/kits/bubbles.html') {
  const page = await browser.context.newPage();
  await page.goto(server.origin + url);
  const panel = await panelFrame(page, browser.extId);
  await panel.waitForFunction(() => typeof globalThis.duxinConversation === 'function' && globalThis.duxinConversation() !== '', null, { timeout: 15000 });
  return { page, panel };
}

const read = async (panel) => JSON.parse(await panel.evaluate(() => globalThis.duxinConversation()) || '{"messages":[]}').messages.map((m) => [m.role, m.text.trim()]);

async function until(panel, ok, timeout = 8000) {
  const end = Date.now() + timeout;
  let last = [];
  while (Date.now() < end) {
    last = await read(panel);
    if (ok(last)) return last;
    await panel.waitForTimeout(50);
  }
  return last;
}

/** Every conversation the panel holds while `during` runs (polled every ~30 ms). */
async function watch(panel, during) {
  const seen = [];
  let running = true;
  const poll = (async () => { while (running) { seen.push(await read(panel)); await panel.waitForTimeout(30); } })();
  await during();
  running = false;
  await poll;
  return seen;
}

test('messages that keep their words in their own shadow roots are read in order, without names or times', async () => {
  const { page, panel } = await open();
  assert.deepEqual(await until(panel, (m) => m.length >= 4), MESSAGES);
  await page.close();
});

test('cues inside a message\'s own shadow root are painted there, coloured by rules adopted by that root', async () => {
  const { page } = await open();
  const kinds = await highlightKinds(page);
  let ranges = [];
  // The rules come from the service worker a moment after the first paint: wait for both.
  for (let i = 0; i < 100 && !ranges.some((r) => r.kind === 'threat' && r.styled); i++) {
    ranges = await page.evaluate((kinds) => {
      const out = [];
      for (const [name, h] of CSS.highlights) for (const r of h) {
        const root = r.startContainer.getRootNode();
        out.push({ kind: kinds[name], text: r.toString(), host: root.host ? root.host.localName : null,
          styled: (root.adoptedStyleSheets || []).some((s) => [...s.cssRules].some((x) => x.selectorText === `::highlight(${name})`)) });
      }
      return out;
    }, kinds);
    await page.waitForTimeout(50);
  }
  const threat = ranges.find((r) => r.kind === 'threat');
  assert.ok(threat && threat.text.includes('投诉'), JSON.stringify(ranges));
  assert.equal(threat.host, 'chat-bubble');
  assert.ok(threat.styled, 'the highlight rules reach the bubble\'s shadow root');
  await page.close();
});

test('a message edited inside its own shadow root is read again', async () => {
  const { page, panel } = await open();
  await until(panel, (m) => m.length >= 4);
  await page.evaluate(() => window.__edit(2, '照片早就发了，三天了都没人回我'));
  const now = await until(panel, (m) => m[2] && m[2][1] === '照片早就发了，三天了都没人回我');
  assert.deepEqual(now[2], ['customer', '照片早就发了，三天了都没人回我']);
  await page.close();
});

test('a line streamed into a message marked busy is read once, when it is done', async () => {
  const { page, panel } = await open();
  await until(panel, (m) => m.length >= 4);
  const pieces = ['我说了多少遍了，', '杯盖是裂的，', '今天必须给我换！'];
  const seen = await watch(panel, () => page.evaluate((p) => window.__stream(p, 250), pieces));
  const whole = pieces.join('');
  const done = await until(panel, (m) => m.length === 5);
  assert.deepEqual(done.at(-1), ['customer', whole]);
  const partial = seen.flat().filter(([, t]) => !MESSAGES.some(([, w]) => w === t) && t !== whole);
  assert.deepEqual(partial, [], 'no piece of the line was read before it was done');
  await page.close();
});

test('a "typing…" bubble is never read as a customer line', async () => {
  const { page, panel } = await open();
  await until(panel, (m) => m.length >= 4);
  const seen = await watch(panel, async () => {
    await page.evaluate(() => window.__typing(true));
    await page.waitForTimeout(800);
    await page.evaluate(() => { window.__typing(false); window.__customerSays('在吗？'); });
  });
  assert.deepEqual((await until(panel, (m) => m.length === 5)).at(-1), ['customer', '在吗？']);
  assert.ok(!seen.flat().some(([, t]) => t.includes('正在输入')), 'the typing bubble was read');
  await page.close();
});

test('chat-page-snippet\'s "thinking" line before its answer streams in is never read as the customer\'s', async () => {
  const { page, panel } = await open('/kits/cfchat.html');
  await until(panel, (m) => m.length >= 4);
  const chat = page.locator('chat-page-snippet');
  let done = [];
  const seen = await watch(panel, async () => {
    await chat.locator('.chat-input').fill('亲，请稍等');
    await chat.locator('.chat-send-button').click();
    done = await until(panel, (m) => m.length === 6 && m.at(-1)[1].endsWith('投诉！'), 10000);
  });
  seen.push(done);
  const lines = [...new Set(seen.flat().filter(([r]) => r === 'customer').map(([, t]) => t))];
  const answer = '我说了多少遍了，按键完全没反应，今天不给我退款我就去投诉！';
  assert.ok(lines.includes(answer), JSON.stringify(lines));
  // The four lines before, and the answer: nothing the kit showed while it was still writing.
  assert.deepEqual(lines.filter((t) => t !== answer).length, 3, JSON.stringify(lines));
  await page.close();
});
