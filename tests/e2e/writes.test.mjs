// The panel's writes survive the service worker stopping: two tabs receive customer messages while
// the worker is stopped again and again (as Chrome may stop it at any time); every record the
// panels asked to keep is in the database exactly once (nothing lost, nothing doubled), and no
// panel says a write failed when it did not. A write the database really refuses is still reported
// (tests/e2e/insights.test.mjs, a full database).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { launch, panelFrame, startServer } from './harness.mjs';

let server, browser;
before(async () => { server = await startServer(); browser = await launch(); });
after(async () => { await browser?.close(server?.origin); await server?.close(); });

/** One console tab with its panel, counting every record its panel asks the database to keep. */
async function tab(c) {
  const page = await browser.context.newPage();
  await page.goto(`${server.origin}/queue.html?c=${c}`);
  const panel = await panelFrame(page, browser.extId);
  await panel.locator('[data-testid="suggestion"]').first().waitFor({ timeout: 15000 });
  await panel.waitForFunction(() => globalThis.duxinStore);
  await panel.evaluate(() => {
    const asked = (globalThis.__asked = []);
    const s = globalThis.duxinStore;
    const putJson = s.putJson.bind(s);
    s.putJson = (table, json) => { asked.push([table, json]); putJson(table, json); };
    // setKv goes through putJson('kv', …) in every version; a direct setKv call is counted too.
    const setKv = s.setKv.bind(s);
    s.setKv = (key, json) => { asked.push(['kv-direct', key]); setKv(key, json); };
    // Any failure the panel shows, as it shows it.
    const failures = (globalThis.__failures = []);
    new MutationObserver(() => {
      const n = document.querySelector('[data-testid="note"]');
      if (n && /没能保存|could not keep|failed/i.test(n.textContent || '') && !failures.includes(n.textContent)) failures.push(n.textContent);
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  return { page, panel };
}

/** A new customer message in the console (a new turn: the panel keeps the conversation and the
 * suggestions it shows). */
function say(page, i, text) {
  return page.evaluate(([i, text]) => {
    const li = document.createElement('li');
    li.className = 'onemsg';
    li.id = 'middlePanel_list_' + (1757999000000 + i);
    const item = document.createElement('div');
    item.className = 'merchantMessage buyer-item';
    const wrap = document.createElement('div');
    wrap.setAttribute('currentuid', '5500101');
    const content = document.createElement('div');
    content.className = 'msg-content';
    const p = document.createElement('p');
    p.className = 'msg-content-box';
    p.textContent = text;
    content.appendChild(p);
    wrap.appendChild(content);
    item.appendChild(wrap);
    li.appendChild(item);
    document.getElementById('list').appendChild(li);
  }, [i, text]);
}

const QUESTIONS = ['保温杯能装开水吗？', '发货了吗？', '什么时候到？', '能退货吗？', '有发票吗？', '杯盖会漏水吗？', '能便宜点吗？', '到底什么时候发货？？'];

test('two tabs write while the service worker is stopped again and again: nothing lost, nothing doubled, no false failure', async () => {
  const a = await tab(1);
  const b = await tab(3);
  const opts = await browser.context.newPage();
  await opts.goto(`chrome-extension://${browser.extId}/options.html`);
  const dump = () => opts.evaluate(async () => (await import('./store.js')).exportAll().then((d) => d.tables));
  await opts.waitForTimeout(1500);
  const base = await dump();

  // Stop the worker every 150 ms for as long as the agents work.
  const cdp = await browser.context.newCDPSession(opts);
  let stops = 0;
  let killing = true;
  const killer = (async () => {
    while (killing) {
      const { targetInfos } = await cdp.send('Target.getTargets');
      for (const t of targetInfos.filter((t) => t.type === 'service_worker' && t.url.includes(browser.extId))) {
        await cdp.send('Target.closeTarget', { targetId: t.targetId }).then(() => { stops++; }, () => {});
      }
      await new Promise((r) => setTimeout(r, 150));
    }
  })();
  for (let i = 0; i < 24; i++) {
    const t = i % 2 ? b : a;
    await say(t.page, i, `${QUESTIONS[i % QUESTIONS.length]}（${i}）`);
    await t.page.waitForTimeout(250);
  }
  killing = false;
  await killer;
  assert.ok(stops >= 10, `the worker was stopped ${stops} times`);

  // Once the worker can run again, every queued write lands.
  const asked = [...await a.panel.evaluate(() => globalThis.__asked), ...await b.panel.evaluate(() => globalThis.__asked)];
  const events = asked.filter(([t]) => t === 'events').length;
  const convIds = new Set(asked.filter(([t]) => t === 'conversations').map(([, j]) => JSON.parse(j).id));
  assert.ok(events >= 24 && convIds.size === 2, `${events} events, ${convIds.size} conversations asked`);
  let stored;
  for (let i = 0; ; i++) {
    stored = await dump();
    if (stored.events.length >= base.events.length + events || i > 100) break;
    await opts.waitForTimeout(100);
  }
  await opts.waitForTimeout(1000);
  stored = await dump();
  assert.equal(stored.events.length, base.events.length + events, 'every event kept exactly once');
  for (const id of convIds) assert.ok(stored.conversations.some((c) => c.id === id), `conversation ${id} kept`);
  assert.equal(new Set(stored.conversations.map((c) => c.id)).size, stored.conversations.length, 'no conversation twice');
  // What was kept last is what the panel asked last (a retry never brings back an older version).
  for (const id of convIds) {
    const last = asked.filter(([t, j]) => t === 'conversations' && JSON.parse(j).id === id).pop()[1];
    assert.deepEqual(stored.conversations.find((c) => c.id === id), JSON.parse(last));
  }
  assert.deepEqual([...await a.panel.evaluate(() => globalThis.__failures), ...await b.panel.evaluate(() => globalThis.__failures)], [], 'no failure was reported');
  console.log(`# worker stopped ${stops} times; ${events} events and ${convIds.size} conversations written by two tabs, all kept once`);
});
