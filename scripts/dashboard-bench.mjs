// The dashboard with 100,000 stored suggestion events (plus 20,000 conversations and 2,000
// exception requests over 90 days): time from page start to everything drawn, read from the
// page's own mark (body[data-render-ms]). Run with `node scripts/dashboard-bench.mjs` after
// `make build`; `make bench` runs it.
//
// Then the team (issue 19): 10 agents' exports over 90 days, 1,000,000 suggestion events in all
// (plus 99,000 conversations), picked at once in the dashboard's "Team exports": the time until the
// team is drawn, and the progress the page showed while it read them ("Reading export 3 of 10").
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launch } from '../tests/e2e/harness.mjs';
import { writeExport } from './team-data.mjs';

const DAY = 86_400_000;
const today = Math.floor((Date.now() - new Date().getTimezoneOffset() * 60_000) / DAY);
const INTENTS = ['logistics', 'refund', 'return', 'product_question', 'size_fit', 'price', 'complaint'];
const conversations = Array.from({ length: 20_000 }, (_, i) => {
  const day = today - (i % 90);
  return {
    id: 'c' + i, ts: day * DAY + (i % 1000) * 1000, day, lang: i % 5 ? 'zh' : 'en', site: 'pinduoduo',
    intent: INTENTS[i % INTENTS.length], intents: [INTENTS[i % INTENTS.length]], product: '商品' + (i % 30),
    cues: [i % 3, 0, 1, 0, 0, 0, 0, 0, i % 2], triggers: i % 7 ? [] : ['还没到', '上次也是'], situations: i % 7 ? [] : ['waiting'],
    angry: i % 7 === 0, repeated: i % 11 === 0, ended_well: i % 3 !== 0, risk: i % 100, style: i % 2 ? 'qin' : 'nin+emoji',
  };
});
const EVENTS = ['shown', 'shown', 'accepted', 'edited', 'dismissed'];
const events = Array.from({ length: 100_000 }, (_, i) => {
  const day = today - (i % 90);
  return { id: i + 1, ts: day * DAY + (i % 1000) * 1000, day, conv: 'c' + (i % 20_000), lang: 'zh', entry: 'zh.entry.' + (i % 60), event: EVENTS[i % 5], style: 'qin' };
});
const exceptions = Array.from({ length: 2_000 }, (_, i) => {
  const day = today - (i % 90);
  return { id: 'e' + i, ts: day * DAY, day, conv: 'c' + i, lang: 'zh', kind: 'return_window', approved: i % 3 ? true : i % 2 ? false : null };
});

const browser = await launch();
try {
  const page = await browser.context.newPage();
  await page.goto(`chrome-extension://${browser.extId}/dashboard.html`);
  await page.waitForFunction(() => document.body.dataset.ready === '1');
  await page.evaluate(async (dump) => (await import('./store.js')).importAll(dump), {
    format: 'duxin-export', schema: 3, tables: { conversations, events, exceptions, knowledge: [], kv: [] },
  });
  const runs = [];
  const from = new Date((today - 89) * DAY).toISOString().slice(0, 10);
  for (let i = 0; i < 5; i++) {
    await page.goto(`chrome-extension://${browser.extId}/dashboard.html?from=${from}`);
    await page.waitForFunction(() => document.body.dataset.ready === '1', null, { timeout: 30000 });
    runs.push(Number(await page.evaluate(() => document.body.dataset.renderMs)));
    if (i === 4) console.log('phases (ms):', await page.evaluate(() => document.body.dataset.phases));
  }
  const records = await page.evaluate(() => document.body.dataset.records);
  runs.sort((a, b) => a - b);
  console.log(JSON.stringify({ records: Number(records), render_ms_median: runs[2], render_ms_runs: runs }));

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'duxin-team-'));
  const files = [];
  let written = 0;
  for (let agent = 0; agent < 10; agent++) {
    const file = path.join(dir, `agent${agent}.json`);
    written += await writeExport(file, { agent, days: 90, lastDay: today, convs: 110, events: 1112 });
    files.push(file);
  }
  const team = [];
  for (let i = 0; i < 3; i++) {
    await page.goto(`chrome-extension://${browser.extId}/dashboard.html?from=${from}`);
    await page.waitForFunction(() => document.body.dataset.ready === '1', null, { timeout: 30000 });
    await page.evaluate(() => {
      const seen = [];
      /** @type {any} */ (window).progressSeen = seen;
      new MutationObserver(() => { const s = document.getElementById('state')?.textContent || ''; if (!seen.includes(s)) seen.push(s); })
        .observe(document.getElementById('state'), { childList: true, characterData: true, subtree: true });
    });
    const t0 = Date.now();
    await page.locator('[data-testid="team-files"]').setInputFiles(files);
    await page.waitForFunction(() => document.body.dataset.teamReady === '10', null, { timeout: 120000 });
    team.push(Date.now() - t0);
    if (i === 2) {
      const seen = await page.evaluate(() => /** @type {any} */ (window).progressSeen);
      console.log('team progress shown:', seen.filter((s) => /\d/.test(s)).slice(0, 3).join(' | '), '…', seen[seen.length - 1]);
    }
  }
  team.sort((a, b) => a - b);
  console.log(JSON.stringify({ team_exports: files.length, team_records: written, team_ms_median: team[1], team_ms_runs: team }));
  fs.rmSync(dir, { recursive: true, force: true });
} finally {
  await browser.close();
}
