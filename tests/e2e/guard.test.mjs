// The draft check (issue 16): typing into each of the 12 composers (textareas and inputs in React
// and Vue, a textarea in a shadow root, contenteditable, Quill, Lexical, Slate, Draft.js, TipTap,
// CKEditor 5, Trix) shows the findings in the panel within 100 ms of the last keystroke (median
// of five drafts per composer, measured from the page's last input event to the panel's next
// frame holding the finding; the median and max are printed), with no long task on the page
// while typing; the span is painted in contenteditable composers, a one-click fix
// replaces exactly that span in the editor's own model, and one Ctrl+Z undoes it.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { launch, panelFrame, startServer } from './harness.mjs';

const DRAFT = '亲，加我微信聊吧，这款是全网最低价';
const FIXED = '亲，在这里直接联系我聊吧，这款是全网最低价';

let server, browser;
before(async () => { server = await startServer(); browser = await launch(); });
after(async () => { await browser?.close(server?.origin); await server?.close(); });

async function openEditor(e) {
  const page = await browser.context.newPage();
  await page.goto(`${server.origin}/editors/editor.html?e=${e}`);
  await page.waitForFunction(() => window.__ready === true);
  const panel = await panelFrame(page, browser.extId);
  await panel.locator('[data-testid="suggestion"]').first().waitFor({ timeout: 15000 });
  return { page, panel };
}

const EDITORS = ['textarea-react', 'input-react', 'textarea-vue', 'shadow-textarea', 'contenteditable', 'quill', 'lexical', 'slate', 'draft', 'tiptap', 'ckeditor', 'trix'];
/** Composers whose text lives in a form field: quoted in the panel, not painted. */
const FIELDS = ['textarea-react', 'input-react', 'textarea-vue', 'shadow-textarea'];

function editable(page, e = '') {
  if (e === 'shadow-textarea') return page.locator('kat-textarea').locator('textarea');
  if (e === 'trix') return page.locator('trix-editor');
  return page.locator('.reply-box textarea, .reply-box input, .reply-box [contenteditable="true"]').first();
}

/** Text of every highlighted range in the page (the draft's name is drawn at random). */
const painted = (page) => page.evaluate(() => [...CSS.highlights.values()].flatMap((h) => [...h].map((r) => r.toString())));

/** The finding the latency drafts end on: it fires only with their last character. */
const LAST = 'zh.offsite.wechat';
const ROUNDS = ['亲，有问题加我微信', '方便的话加我微信', '好的亲，加我微信', '这个款式可以加我微信', '您稍等，加我微信'];

/** Milliseconds from the last keystroke of `text` (its `beforeinput`, or `input`, in the page) to
 * the panel's first frame showing the finding `LAST` (each on the machine's clock).
 * @returns {Promise<number>} */
async function latency(page, panel, text) {
  const sel = `[data-testid="finding"][data-rule="${LAST}"]`;
  await panel.evaluate((q) => {
    window.__shown = 0;
    window.__mo?.disconnect();
    window.__mo = new MutationObserver(() => {
      if (window.__shown || !document.querySelector(q)) return;
      window.__shown = -1;
      requestAnimationFrame(() => { window.__shown = performance.timeOrigin + performance.now(); });
    });
    window.__mo.observe(document.body, { childList: true, subtree: true, attributes: true });
  }, sel);
  await page.evaluate(() => { window.__keys = []; });
  await page.keyboard.type(text);
  await panel.waitForFunction(() => window.__shown > 0, null, { timeout: 5000 });
  const keys = await page.evaluate(() => window.__keys);
  const shown = await panel.evaluate(() => window.__shown);
  return shown - keys[keys.length - 1];
}

/** Watch the page's input events (capture: the shadow textarea's are composed) and its long
 * tasks. */
async function watchTyping(page) {
  await page.evaluate(() => {
    window.__keys = [];
    let last = '';
    for (const t of ['beforeinput', 'input']) {
      document.addEventListener(t, () => {
        // One keystroke: its beforeinput, or its input when the editor fired none before.
        if (t === 'input' && last === 'beforeinput') { last = t; return; }
        last = t;
        window.__keys.push(performance.timeOrigin + performance.now());
      }, true);
    }
    // Long tasks (over 50 ms of script without a break): typing must cause none. (Long animation
    // frames, which also count the page's own rendering, grow with the machine's load.)
    window.__long = [];
    new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__long.push(Math.round(e.duration)); }).observe({ type: 'longtask' });
  });
}

/** Empty the composer and wait until the panel shows no finding. */
async function clear(page, panel) {
  await page.keyboard.press('Control+a');
  await page.keyboard.press('Backspace');
  await panel.locator('[data-testid="finding"]').first().waitFor({ state: 'detached', timeout: 5000 });
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

for (const e of EDITORS) {
  test(`${e}: typing shows the draft's findings, a one-click fix lands exactly and undoes in one step`, async () => {
    const { page, panel } = await openEditor(e);
    const model = () => page.evaluate(() => window.__model());
    if (e === 'ckeditor') await page.waitForFunction(() => document.querySelector('.ck-editor__editable'));
    await editable(page, e).click();
    await watchTyping(page);
    const ms = [];
    for (const text of ROUNDS) {
      ms.push(await latency(page, panel, text));
      await clear(page, panel);
    }
    const long = await page.evaluate(() => window.__long);
    console.log(`# ${e}: findings shown ${ms.map((x) => x.toFixed(0)).join(', ')} ms after the last keystroke: median ${median(ms).toFixed(0)}, max ${Math.max(...ms).toFixed(0)}; long tasks while typing: ${long.join(', ') || 'none'}`);
    // The goal is a median under 100 ms; every draft within 500 ms on a machine shared with other
    // builds (its stalls show as the page's own long tasks too).
    assert.ok(median(ms) < 100 && Math.max(...ms) < 500, `${e}: ${ms.map((x) => x.toFixed(0))} ms`);
    // Typing fast makes no long task: two short ones allowed for a loaded machine's stalls.
    assert.ok(long.length <= 2 && long.every((x) => x < 150), `${e}: long tasks while typing ${long} ms`);
    await page.keyboard.type(DRAFT);
    const wechat = panel.locator('[data-testid="finding"][data-rule="zh.offsite.wechat"]');
    await wechat.waitFor({ timeout: 5000 });
    assert.equal(await wechat.locator('[data-testid="finding-quote"]').textContent(), '「加我微信」');
    // Its reason (which the panel reads beside the wasm, from guard-rules.json).
    assert.match(await wechat.locator('.hint').textContent(), /微信|WeChat/);
    await panel.locator('[data-testid="finding"][data-rule="zh.claim.price"]').waitFor({ timeout: 5000 });
    if (!FIELDS.includes(e)) {
      await page.waitForFunction(() => [...CSS.highlights.values()].some((h) => [...h].some((r) => r.toString() === '加我微信')), null, { timeout: 3000 });
    }
    assert.deepEqual(await page.evaluate(() => window.__sent), [], 'Duxin never sends');
    await page.waitForTimeout(1100); // editors group edits closer than ~1 s into one undo step
    await wechat.locator('[data-testid="guard-fix"]').click();
    await page.waitForFunction((x) => window.__model() === x, FIXED, { timeout: 5000 }).catch(() => {});
    assert.equal(await model(), FIXED, `${e}: exactly the span was replaced, in the editor's model`);
    // The draft is checked again: that finding is gone, the other stays.
    await panel.locator('[data-testid="finding"][data-rule="zh.offsite.wechat"]').waitFor({ state: 'detached', timeout: 5000 });
    assert.equal(await panel.locator('[data-testid="finding"][data-rule="zh.claim.price"]').count(), 1);
    if (!FIELDS.includes(e)) assert.ok(!(await painted(page)).includes('加我微信'), 'the fixed span is no longer painted');
    await page.waitForTimeout(300);
    await page.keyboard.press('Control+z');
    await page.waitForFunction((x) => window.__model() === x, DRAFT, { timeout: 2000 }).catch(() => {});
    assert.equal(await model(), DRAFT, `${e}: one Ctrl+Z gives the draft back`);
    await page.close();
  });
}

test('a rule switched off in Options goes quiet at once in an open panel, and the shop\'s own word is found with its fix', async () => {
  const { page, panel } = await openEditor('contenteditable');
  await editable(page).click();
  await page.keyboard.type('亲，加我微信，全场包邮哦');
  const wechat = panel.locator('[data-testid="finding"][data-rule="zh.offsite.wechat"]');
  await wechat.waitFor({ timeout: 5000 });
  const opts = await browser.context.newPage();
  await opts.goto(`chrome-extension://${browser.extId}/options.html`);
  const box = opts.locator('[data-testid="guard-rules"] input[data-rule="zh.offsite.wechat"]');
  await box.waitFor();
  await box.uncheck();
  await opts.locator('[data-testid="guard-words"]').fill('包邮 => 免运费');
  await opts.locator('[data-testid="save-guard"]').click();
  await opts.waitForFunction(() => document.querySelector('[data-testid="options-status"]').textContent.length > 0);
  try {
    // The panel that was open when Options saved: no reload, no new keystroke.
    const own = panel.locator('[data-testid="finding"][data-rule="shop.words"]');
    await own.waitFor({ timeout: 5000 });
    assert.equal(await own.locator('[data-testid="finding-quote"]').textContent(), '「包邮」');
    assert.match(await own.locator('[data-testid="guard-fix"]').textContent(), /免运费/);
    await wechat.waitFor({ state: 'detached', timeout: 5000 });
    // A panel opened later reads the same settings.
    const later = await openEditor('contenteditable');
    await editable(later.page).click();
    await later.page.keyboard.type('亲，加我微信，全场包邮哦');
    await later.panel.locator('[data-testid="finding"][data-rule="shop.words"]').waitFor({ timeout: 5000 });
    assert.equal(await later.panel.locator('[data-testid="finding"][data-rule="zh.offsite.wechat"]').count(), 0, 'the rule switched off does not fire');
    await later.page.close();
  } finally {
    await opts.evaluate(() => chrome.storage.local.remove('guard'));
    await opts.close();
    await page.close();
  }
});

/** Today's row of the dashboard's draft table as numbers [sent, platform, tone, facts, fixes]
 * (zeros when there is none yet). */
async function draftRow(dash) {
  await dash.goto(`chrome-extension://${browser.extId}/dashboard.html`);
  await dash.waitForFunction(() => document.body.dataset.records !== undefined, null, { timeout: 10000 });
  const row = await dash.locator('[data-testid="draft-table"] tr').nth(1).locator('td').allTextContents();
  return row.length === 6 ? row.slice(1).map(Number) : [0, 0, 0, 0, 0];
}

test('the dashboard counts, for the agent only, drafts sent with findings by kind and fixes applied', async () => {
  const dash = await browser.context.newPage();
  const before = await draftRow(dash);
  const page = await browser.context.newPage();
  await page.goto(`${server.origin}/pdd.html`);
  const panel = await panelFrame(page, browser.extId);
  await panel.locator('[data-testid="suggestion"]').first().waitFor({ timeout: 15000 });
  await page.locator('.reply-box textarea').click();
  await page.keyboard.type(DRAFT);
  const wechat = panel.locator('[data-testid="finding"][data-rule="zh.offsite.wechat"]');
  await wechat.waitFor({ timeout: 5000 });
  await wechat.locator('[data-testid="guard-fix"]').click();
  await page.waitForFunction((x) => document.querySelector('.reply-box textarea').value === x, FIXED, { timeout: 5000 });
  await wechat.waitFor({ state: 'detached', timeout: 5000 });
  await page.locator('[data-testid="send"]').click();
  assert.deepEqual(await page.evaluate(() => window.__sent), [FIXED]);
  let after = before;
  for (let i = 0; i < 30 && after[0] === before[0]; i++) {
    if (i) await dash.waitForTimeout(300);
    after = await draftRow(dash);
  }
  // One draft sent, with a platform finding (the price claim stayed), and one fix applied.
  const delta = after.map((x, i) => x - before[i]);
  assert.deepEqual([delta[0], delta[1], delta[4]], [1, 1, 1], `today's counts went from ${before} to ${after}`);
  await dash.close();
  await page.close();
});
