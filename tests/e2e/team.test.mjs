// One shop, many agents (issue 19). The lead exports a team pack from Options; an agent in another
// browser profile imports it, sees what changes before it is applied, gets the lead's settings
// field by field while keeping their own reply, voice and answers, and undoes it back to where
// they were. The lead's dashboard takes several agents' exports at once and shows the team: a
// record exported twice counts once, agents are named only when asked.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { launch } from './harness.mjs';

let lead, agent;
before(async () => { lead = await launch(); agent = await launch(); });
after(async () => { await lead?.close(); await agent?.close(); });

const SITE = { id: 'taught', name: '教过的站点', taught: true, urls: ['chat.shop.example'], container: ['#list'], item: [':scope > li'], text: [':scope'], composer: ['textarea'] };
const CUP = { name: '316不锈钢保温杯 500ml', aliases: ['保温杯'], suits: [{ what: '装开水', why: '耐高温', ask: ['开水'] }], not_suits: [], alternatives: [], bundles: [] };
const REPLIES = [
  { id: 'team.ship', lang: 'zh', intent: 'logistics', text: '亲，包裹已经在路上啦，【预计到达】前会到哦' },
  { id: 'team.size', lang: 'zh', intent: 'size_fit', text: '亲，按平时的尺码拍就可以哦' },
];

async function options(b) {
  const page = await b.context.newPage();
  await page.goto(`chrome-extension://${b.extId}/options.html`);
  await page.waitForFunction(() => document.body.dataset.teamReady === '1');
  return page;
}

/** Everything a pack holds, and what is the agent's own, read from storage as Duxin keeps it. */
function state(page) {
  return page.evaluate(async () => {
    const store = await import('./store.js');
    const local = await chrome.storage.local.get(null);
    const sites = Object.fromEntries(Object.entries(local).filter(([k]) => k.startsWith('profile:')));
    return {
      policy: local.policy ? JSON.parse(local.policy) : null, guard: local.guard ? JSON.parse(local.guard) : null, sites,
      replies: await store.all('knowledge'), products: JSON.parse((await store.getKv('products')) || '[]'),
      style: await store.getKv('style'), learned: await store.getKv('learned'),
    };
  });
}

test('a team pack exported by the lead imports in a second profile field by field, shows its changes first, and undo goes back', async () => {
  // The lead sets up the shop.
  const lo = await options(lead);
  await lo.evaluate(async ({ site, cup, replies }) => {
    const store = await import('./store.js');
    await chrome.storage.local.set({
      policy: JSON.stringify({ return_window_days: 15, refund_limit: 300, approver_zh: '店长', approver_en: 'shop lead' }),
      guard: JSON.stringify({ off: ['zh.offsite.wechat'], words: [{ word: '亲爱的', fix: '亲' }] }),
      'profile:chat.shop.example': site,
    });
    await store.replace('knowledge', replies);
    await store.put('kv', { key: 'products', value: JSON.stringify([cup]) });
  }, { site: SITE, cup: CUP, replies: REPLIES });
  const leadState = await state(lo);
  const [download] = await Promise.all([lo.waitForEvent('download'), lo.locator('[data-testid="team-export"]').click()]);
  const packFile = path.join(os.tmpdir(), `duxin-team-pack-${process.pid}.json`);
  fs.copyFileSync(await download.path(), packFile);
  const short = await lo.locator('[data-testid="team-status"]').getAttribute('data-hash');
  assert.match(short ?? '', /^[0-9a-f]{8}$/);
  assert.ok((await lo.locator('[data-testid="team-status"]').textContent()).includes(short));

  // The agent has their own reply, voice and answers, and another policy.
  const ao = await options(agent);
  await ao.evaluate(async () => {
    const store = await import('./store.js');
    await chrome.storage.local.set({ policy: JSON.stringify({ return_window_days: 7 }) });
    await store.put('knowledge', { id: 'my.1', lang: 'zh', intent: 'other', text: '我自己的回复' });
    await store.put('kv', { key: 'style', value: JSON.stringify({ address: 'nin', emoji_rate: 0, median_chars: 20, samples: 9, locked: true }) });
    await store.put('kv', { key: 'learned', value: JSON.stringify({ entries: {}, answers: [{ topic: 'refund', text: '三天内到账' }] }) });
  });
  const mine = await state(ao);
  await ao.locator('[data-testid="team-import"]').setInputFiles(packFile);
  const plan = ao.locator('[data-testid="team-plan"]');
  await plan.waitFor({ state: 'visible' });
  assert.ok((await ao.locator('[data-testid="team-plan-title"]').textContent()).includes(short), 'the plan names the pack');
  const line = async (kind) => (await ao.locator(`[data-testid="team-changes"] li[data-kind="${kind}"]`).textContent()) ?? '';
  assert.match(await line('replies'), /新增 2 项（team\.ship, team\.size）/);
  assert.match(await line('products'), /新增 1 项（316不锈钢保温杯 500ml）/);
  assert.match(await line('sites'), /chat\.shop\.example/);
  assert.match(await line('guard'), /off:zh\.offsite\.wechat/);
  assert.match(await line('policy'), /修改 .*return_window_days/);
  assert.deepEqual(await state(ao), mine, 'nothing changes before Apply');

  await ao.locator('[data-testid="team-apply"]').click();
  // The page reloads with the pack in use, named by the same short hash as the lead's.
  await ao.locator(`[data-testid="team-in-use"][data-hash="${short}"]`).waitFor();
  await ao.waitForFunction(() => document.body.dataset.teamReady === '1');
  const got = await state(ao);
  assert.deepEqual(got.policy, leadState.policy);
  assert.deepEqual(got.guard, leadState.guard);
  assert.deepEqual(got.sites, leadState.sites);
  assert.deepEqual(got.products, leadState.products);
  assert.deepEqual(got.replies.filter((r) => r.id !== 'my.1'), leadState.replies);
  assert.ok(got.replies.some((r) => r.id === 'my.1'), 'the agent keeps their own reply');
  assert.equal(got.style, mine.style, 'and their learned voice');
  assert.equal(got.learned, mine.learned, 'and their answers');

  await ao.locator('[data-testid="team-undo"]').click();
  // "已撤销": the status the reloaded page shows (the one before it spoke of undo too).
  await ao.locator('[data-testid="team-status"]').filter({ hasText: '已撤销' }).waitFor();
  await ao.waitForFunction(() => document.body.dataset.teamReady === '1');
  const back = await state(ao);
  assert.deepEqual({ ...back, guard: null }, { ...mine, guard: null }, 'undo restores the state before the import');
  assert.deepEqual(back.guard ?? { off: [], words: [] }, { off: [], words: [] });
  assert.equal(await ao.locator('[data-testid="team-in-use"]').getAttribute('data-hash'), '');
  assert.ok(await ao.locator('[data-testid="team-undo"]').isDisabled());
  fs.rmSync(packFile, { force: true });
  await lo.close();
  await ao.close();
});

test('a file that is not a team pack is refused with the reason and changes nothing', async () => {
  const ao = await options(agent);
  const before = await state(ao);
  const file = path.join(os.tmpdir(), `duxin-not-pack-${process.pid}.json`);
  fs.writeFileSync(file, JSON.stringify({ format: 'duxin-export', tables: {} }));
  await ao.locator('[data-testid="team-import"]').setInputFiles(file);
  await ao.locator('[data-testid="team-status"]').filter({ hasText: 'not a team pack' }).waitFor();
  assert.ok(await ao.locator('[data-testid="team-plan"]').isHidden());
  assert.deepEqual(await state(ao), before);
  fs.rmSync(file, { force: true });
  await ao.close();
});

/** An agent's export as the dashboard writes it, with `n` conversations on day `day`. */
function agentExport(name, day, n, shared = 0) {
  const DAY = 86_400_000;
  const conversations = Array.from({ length: n }, (_, i) => ({
    id: i < shared ? `shared${i}` : `${name}-c${i}`, ts: day * DAY + i * 1000, day, lang: 'zh', site: 'pinduoduo', intent: 'refund', intents: ['refund'],
    product: '保温杯', cues: [1, 0, 0], triggers: i % 2 ? ['还没到'] : [], situations: [], angry: i % 2 === 1, repeated: false, ended_well: i % 3 !== 0, risk: 40, style: 'qin',
  }));
  const events = conversations.map((c, i) => ({ ts: c.ts + 1, day, conv: c.id, lang: 'zh', entry: 'zh.refund.when', event: i % 2 ? 'accepted' : 'shown', style: 'qin' }));
  const file = path.join(os.tmpdir(), `duxin-${name}-${process.pid}.json`);
  fs.writeFileSync(file, JSON.stringify({ format: 'duxin-export', schema: 4, exported_at: '2026-12-03T00:00:00Z', tables: { conversations, events, exceptions: [], knowledge: [], kv: [] } }));
  return file;
}

test('the dashboard shows three agents\' exports as the team, counts a shared conversation once, and names agents only when asked', async () => {
  const dash = await lead.context.newPage();
  await dash.goto(`chrome-extension://${lead.extId}/dashboard.html`);
  await dash.waitForFunction(() => document.body.dataset.ready === '1');
  const today = await dash.evaluate(() => Math.floor((Date.now() - new Date().getTimezoneOffset() * 60_000) / 86_400_000));
  // Two conversations handed over between the first two agents: in both exports, counted once.
  const files = [agentExport('a', today - 1, 6, 2), agentExport('b', today - 1, 4, 2), agentExport('c', today - 2, 5)];
  await dash.locator('[data-testid="team-files"]').setInputFiles(files);
  await dash.waitForFunction(() => document.body.dataset.teamReady === '3');
  assert.equal(await dash.locator('[data-testid="kpi-conversations"] .v').textContent(), String(6 + 4 + 5 - 2));
  assert.match(await dash.locator('[data-testid="state"]').textContent(), /团队：3 个导出文件/);
  assert.ok(await dash.locator('[data-testid="agent-table"]').isHidden(), 'agents are not named by default');
  await dash.locator('[data-testid="team-labels"]').check();
  await dash.locator('[data-testid="agent-table"] tr', { hasText: path.basename(files[2]) }).waitFor();
  const rows = await dash.locator('[data-testid="agent-table"] tr').evaluateAll((trs) => trs.slice(1).map((tr) => [...tr.children].map((td) => td.textContent)));
  assert.equal(rows.length, 3);
  assert.equal(rows.reduce((a, r) => a + Number(r[1]), 0), 13, JSON.stringify(rows));
  await dash.locator('[data-testid="team-mine"]').click();
  await dash.locator('[data-testid="state"]').filter({ hasNotText: '团队' }).waitFor();
  for (const f of files) fs.rmSync(f, { force: true });
  await dash.close();
});
