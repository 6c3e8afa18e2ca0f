// What stays on the machine after a day of chats with the default settings ("keep texts" off):
// Duxin learns from the agent (their own answers, their edits of suggestions, the conversation
// summaries) but no store holds a customer's name, phone number, address or the words they wrote.
// Every IndexedDB database and table and every chrome.storage key is read back and searched.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { launch, panelFrame, startServer } from './harness.mjs';

let server, browser;
before(async () => { server = await startServer(); browser = await launch(); });
after(async () => { await browser?.close(server?.origin); await server?.close(); });

/** A day's customers: who they are, what they wrote, and how the agent answered (in their own
 * words, then a suggestion edited with the customer's details). `secret` is what must not be kept:
 * the customer's name, phone, address and words of their messages the agent never wrote. */
const DAY = [
  {
    name: '林晓雯',
    gives: '你好，我是林晓雯，电话13912345678，收货地址浙江省杭州市西湖区文三路188号',
    asks: '这条紫藤花围巾外婆戴会不会扎脖子？',
    own: '林晓雯您好，这款围巾是100%羊绒的，很柔软不扎，老人家戴也舒服哦~',
    next: '我想改一下地址，改成浙江省杭州市西湖区文三路188号，什么时候能发货？',
    edit: '林女士，已改到浙江省杭州市西湖区文三路188号，电话13912345678',
    secret: ['林晓雯', '晓雯', '林女士', '13912345678', '文三路', '紫藤花', '外婆', '脖子'],
  },
  {
    name: '欧阳娜娜',
    gives: '我是欧阳娜娜，手机15867891234，地址广东省深圳市南山区科技园北区粤海街道88号',
    asks: '给我家柯基买的狗窝能不能机洗？',
    own: '欧阳娜娜您好，这款窝的外套可以拆下来放洗衣机，选轻柔模式就好哦~',
    next: '快递到哪了？我明天要出差',
    edit: '欧阳女士，地址广东省深圳市南山区科技园北区粤海街道88号，电话15867891234',
    secret: ['欧阳娜娜', '欧阳女士', '娜娜', '15867891234', '科技园北区', '粤海街道', '柯基', '狗窝', '出差'],
  },
  {
    name: 'Megan Brooks',
    gives: 'Hi, this is Megan Brooks, my phone is +1 415 555 0134 and I live at 742 Evergreen Street.',
    asks: 'Is the hummingbird feeder safe for my grandson to refill?',
    own: 'Hi Megan, yes it is safe: the lid twists off and there are no sharp parts, so anyone can do it.',
    next: 'Where is my order? Please ship it to 742 Evergreen Street.',
    edit: 'Megan, shipping to 742 Evergreen Street, we will call +1 415 555 0134.',
    secret: ['Megan', 'Brooks', '415 555 0134', 'Evergreen', 'hummingbird', 'grandson'],
  },
];

/** A message in the console's list, as the site renders one (`role`: 'c' customer, 'a' agent). */
function say(page, role, text) {
  return page.evaluate(([role, text]) => {
    const li = document.createElement('li');
    li.className = 'onemsg';
    li.id = 'middlePanel_list_' + Date.now() + Math.floor(Math.random() * 1000);
    const item = document.createElement('div');
    item.className = 'merchantMessage ' + (role === 'c' ? 'buyer-item' : 'cs-item');
    const wrap = document.createElement('div');
    if (role === 'c') wrap.setAttribute('currentuid', '9900123');
    const content = document.createElement('div');
    content.className = 'msg-content';
    const p = document.createElement('p');
    p.className = 'msg-content-box';
    p.textContent = text;
    content.appendChild(p);
    wrap.appendChild(content);
    item.appendChild(wrap);
    li.appendChild(item);
    document.getElementById('list')?.appendChild(li);
  }, [role, text]);
}

/** The panel has read the conversation up to `text`. */
function read(panel, text) {
  return panel.waitForFunction((t) => (globalThis.duxinConversation?.() || '').includes(t), text, { timeout: 15000 });
}

/** The agent writes and sends a message in the console's composer. */
async function send(page, panel, text) {
  await page.locator('#replyTextarea').fill(text);
  await page.locator('[data-testid="send"]').click();
  await read(panel, text);
}

/** One customer's chat on the Pinduoduo console, from their first message to the agent's last. */
async function chat(c) {
  const page = await browser.context.newPage();
  await page.goto(server.origin + '/queue.html?c=1');
  const panel = await panelFrame(page, browser.extId);
  await panel.locator('[data-testid="suggestion"]').first().waitFor({ timeout: 15000 });
  // Another customer's conversation opens in the console.
  await page.evaluate((name) => {
    const buyer = document.getElementById('buyer');
    if (buyer) buyer.textContent = name;
    document.getElementById('list')?.replaceChildren();
  }, c.name);
  await say(page, 'c', c.gives);
  await say(page, 'c', c.asks);
  await read(panel, c.asks);
  // The agent answers in their own words.
  await send(page, panel, c.own);
  await say(page, 'c', c.next);
  await read(panel, c.next);
  // The agent inserts the first suggestion (filling its blanks), adds the customer's details, sends.
  const card = panel.locator('[data-testid="suggestion"]').first();
  await card.waitFor({ timeout: 15000 });
  const blanks = card.locator('[data-testid="slot"]');
  for (let i = 0; i < (await blanks.count()); i++) await blanks.nth(i).fill(c.name.includes(' ') ? 'soon' : '尽快');
  await card.locator('[data-testid="insert"]').click();
  await page.waitForFunction(() => (window.__composerState || '').length > 0, null, { timeout: 5000 });
  const inserted = await page.evaluate(() => window.__composerState);
  await page.locator('#replyTextarea').fill(inserted + ' ' + c.edit);
  await page.locator('[data-testid="send"]').click();
  await read(panel, c.edit);
  await page.waitForTimeout(300);
  await page.close();
}

/** Everything the extension keeps: every table of every IndexedDB database of its origin, and
 * every chrome.storage area, as one JSON text. */
async function everythingKept() {
  const page = await browser.context.newPage();
  await page.goto(`chrome-extension://${browser.extId}/options.html`);
  const dump = await page.evaluate(async () => {
    /** @type {Record<string, unknown>} */
    const out = {};
    const req = (/** @type {IDBRequest} */ r) => new Promise((resolve, reject) => { r.onsuccess = () => resolve(r.result); r.onerror = () => reject(r.error); });
    // Tables keep records as bytes (chunks of JSON lines): read those as text, as an attacker would.
    const readable = async (/** @type {any} */ v) => {
      if (v instanceof Blob) return await v.text();
      if (v instanceof ArrayBuffer || ArrayBuffer.isView(v)) return new TextDecoder().decode(/** @type {any} */ (v));
      if (Array.isArray(v)) return Promise.all(v.map(readable));
      if (v && typeof v === 'object') {
        /** @type {Record<string, unknown>} */
        const o = {};
        for (const [k, x] of Object.entries(v)) o[k] = await readable(x);
        return o;
      }
      return v;
    };
    for (const { name } of await indexedDB.databases()) {
      if (!name) continue;
      const db = /** @type {IDBDatabase} */ (await req(indexedDB.open(name)));
      for (const table of db.objectStoreNames) out[`idb:${name}/${table}`] = await readable(await req(db.transaction(table).objectStore(table).getAll()));
      db.close();
    }
    for (const area of ['local', 'sync', 'session']) {
      try { out[`storage:${area}`] = await readable(await chrome.storage[area].get(null)); } catch (e) { out[`storage:${area}`] = String(e); }
    }
    return out;
  });
  await page.close();
  return dump;
}

test('after a day of chats with default settings no store holds a customer\'s name, phone, address or words', async () => {
  for (const c of DAY) await chat(c);
  // The writes go through the service worker: wait until the last edit is learned.
  let dump = {};
  let learned = { entries: [], memory: [] };
  for (let i = 0; i < 50; i++) {
    dump = await everythingKept();
    const kv = /** @type {any[]} */ (Object.entries(dump).find(([k]) => k.endsWith('/kv'))?.[1] || []);
    learned = JSON.parse(kv.find((r) => r.key === 'learned')?.value || '{"entries":[],"memory":[]}');
    if (learned.memory.length >= DAY.length && learned.entries.filter((e) => e.edited_form).length >= 1) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  // Duxin did learn from the day: the agent's answers and edits, a summary per conversation.
  assert.ok(learned.memory.length >= DAY.length, `the agent's own answers are remembered: ${JSON.stringify(learned)}`);
  assert.ok(learned.entries.some((e) => e.edited_form), `an edited suggestion is remembered: ${JSON.stringify(learned)}`);
  const conversations = JSON.stringify(Object.entries(dump).find(([k]) => k.endsWith('/conversations'))?.[1] || []);
  const ids = new Set(conversations.match(/\\"id\\":\\"[0-9a-f]{16}\\"|"id":"[0-9a-f]{16}"/g) || []);
  assert.ok(ids.size >= DAY.length && /risk/.test(conversations), `each conversation is summarised (and read as text): ${conversations.slice(0, 600)}`);
  // ...and kept nothing of the customers.
  const text = JSON.stringify(dump);
  const leaks = DAY.flatMap((c) => c.secret.filter((s) => text.includes(s) || text.includes(s.replace(/ /g, ''))).map((s) => {
    const at = text.indexOf(s);
    return `${s} in …${text.slice(Math.max(0, at - 80), at + 40)}…`;
  }));
  assert.deepEqual(leaks, [], 'nothing of the customers is kept');
  // The agent's answers are kept as templates: their words, the customer's name as [name].
  assert.ok(learned.memory.some((m) => m.reply.startsWith('[name]您好，这款围巾是100%羊绒的')), JSON.stringify(learned.memory));
  assert.ok(learned.memory.every((m) => !m.question), 'no question text');
});
