import { launch } from './harness.mjs';
const browser = await launch();
const page = await browser.context.newPage();
await page.goto(`chrome-extension://${browser.extId}/dashboard.html`);
await page.waitForFunction(() => document.body.dataset.ready === '1');
const r = await page.evaluate(async () => {
  const store = await import('./store.js');
  const DAY = 86400000, today = Math.floor(Date.now() / DAY);
  const conversations = Array.from({ length: 20000 }, (_, i) => ({ id: 'c' + i, ts: (today - i % 90) * DAY, day: today - i % 90, lang: 'zh', site: 'pinduoduo', intent: 'refund', intents: ['refund'], product: '商品' + (i % 30), cues: [1, 0, 1, 0, 0, 0, 0, 0, 1], triggers: [], situations: [], angry: false, repeated: false, ended_well: true, risk: 5, style: 'qin' }));
  const events = Array.from({ length: 100000 }, (_, i) => ({ ts: (today - i % 90) * DAY, day: today - i % 90, conv: 'c' + (i % 20000), lang: 'zh', entry: 'zh.entry.' + (i % 60), event: 'shown', style: 'qin' }));
  await store.importAll({ format: 'duxin-export', schema: 3, tables: { conversations, events } });
  const out = {};
  for (const t of ['conversations', 'events']) {
    let s = performance.now(); const j = await store.allJson(t, { from: 0, to: 2e12 }); out[t] = Math.round(performance.now() - s); out[t+'_len'] = j.length;
  }
  const db = await store.open();
  for (const t of ['conversations', 'events']) {
    let s = performance.now();
    await new Promise((res) => { const q = db.transaction(t).objectStore(t).getAll(); q.onsuccess = () => { q.result.length; res(); }; });
    out[t + '_primary'] = Math.round(performance.now() - s);
    s = performance.now();
    await new Promise((res) => { const q = db.transaction(t).objectStore(t).index('by_ts').getAll(); q.onsuccess = () => { q.result.length; res(); }; });
    out[t + '_index'] = Math.round(performance.now() - s);
  }
  return out;
});
console.log(r);
await browser.close();
