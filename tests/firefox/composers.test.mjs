// Replies and drafts in Firefox, in the 12 fixture composers the Chromium suite uses (each built
// from the real editor package: tests/fixtures/editors): Duxin's insert lands in the editor's own
// model and one Ctrl+Z takes it out; the draft check finds what the agent types, and its one-click
// fix replaces exactly that span; a reply with a blank never reaches the customer unfilled.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { enterPanel, KEY, openPage, session } from './harness.mjs';

const EDITORS = ['textarea-react', 'input-react', 'textarea-vue', 'contenteditable', 'quill', 'lexical', 'slate', 'draft', 'tiptap', 'ckeditor', 'trix', 'shadow-textarea'];
const TEXT = '亲，非常抱歉让您久等了😊\n今天一定给您发出，单号稍后发您🙏';
const DRAFT = '亲，加我微信聊吧，这款是全网最低价';
const FIXED = '亲，在这里直接联系我聊吧，这款是全网最低价';
// A shop's own reply with a blank only the agent can fill (added in Options, as an agent does).
const DISHWASHER = '亲，这款保温杯[[可以/不建议]]放洗碗机洗哦，平时用温水手洗更能保持保温效果~';

let s, b;
before(async () => {
  s = await session();
  b = s.b;
  await b.window(s.options);
  try {
    await b.eval(() => {
      for (const [id, v] of [['r-lang', 'zh'], ['r-intent', 'product_question']]) {
        const el = document.getElementById(id);
        el.value = v;
        el.dispatchEvent(new Event('change', { bubbles: true }));
      }
    });
    await b.type(await b.find('[data-testid="reply-text"]'), DISHWASHER);
    await b.click(await b.find('[data-testid="add-reply"]'));
    await b.waitFor((t) => document.querySelector('[data-testid="replies"]').textContent.includes(t), { args: [DISHWASHER.slice(0, 12)], what: 'the reply to be listed' });
  } finally {
    await b.window(s.home);
  }
});
after(async () => { await s?.close(); });

const pause = (ms) => new Promise((r) => setTimeout(r, ms));

/** Open the fixture page of composer `e`, click into it; the panel ready, the page current. */
async function openEditor(e) {
  await openPage(b, `${s.server.origin}/editors/editor.html?e=${e}`);
  await b.waitFor(() => window.__ready === true, { what: `the ${e} editor` });
  if (e === 'ckeditor') await b.waitFor(() => document.querySelector('.ck-editor__editable'), { what: 'CKEditor' });
  await b.click(await editable(e));
  await enterPanel(b);
  await b.waitFor(() => typeof globalThis.duxinInsert === 'function' && document.querySelector('[data-testid="suggestion"]'), { what: 'the panel' });
  await b.frame(null);
}

/** The element the agent types into. */
async function editable(e) {
  if (e === 'shadow-textarea') return b.find('textarea', await b.shadowRoot(await b.find('kat-textarea')));
  if (e === 'trix') return b.find('trix-editor');
  return b.find('.reply-box textarea, .reply-box input, .reply-box [contenteditable="true"]');
}

const model = () => b.eval(() => window.__model());

for (const e of EDITORS) {
  test(`${e} in Firefox: the reply lands in the editor's own model, Send enables, one Ctrl+Z takes it out`, async () => {
    await openEditor(e);
    const expected = e === 'input-react' ? TEXT.replace(/\s*\n\s*/g, ' ') : TEXT;
    await enterPanel(b);
    assert.equal(await b.eval((t) => globalThis.duxinInsert(t, 'caret'), TEXT), true, `${e}: inserted`);
    await b.frame(null);
    await b.waitFor((x) => window.__model() === x, { args: [expected], what: `${e}: the model to hold the reply`, timeout: 5000 });
    // The editor renders its Send state after its model changes: wait for it, as a person would.
    await b.waitFor(() => document.querySelector('[data-testid="send"]').disabled === false, { what: `${e}: Send enables`, timeout: 2000 });
    assert.deepEqual(await b.eval(() => window.__sent), [], 'Duxin never sends');
    await pause(300); // a person's reaction time; editors settle their history first
    await b.keys(KEY.ctrl, 'z');
    await b.waitFor((x) => window.__model() !== x, { args: [expected], what: `${e}: Ctrl+Z to undo the insertion`, timeout: 3000 });
  });
}

/** The panel's finding for `rule` (the panel is the current frame), once shown. */
const finding = (rule) => b.waitFor((r) => {
  const f = document.querySelector(`[data-testid="finding"][data-rule="${r}"]`);
  return f && f.querySelector('[data-testid="finding-quote"]').textContent;
}, { args: [rule], what: `the finding ${rule}`, timeout: 5000 });

for (const e of ['textarea-react', 'contenteditable', 'tiptap']) {
  test(`${e} in Firefox: the draft check finds what the agent types, and its fix replaces exactly that span, undone by one Ctrl+Z`, async () => {
    await openEditor(e);
    await b.type(await editable(e), DRAFT);
    await b.waitFor((d) => window.__model() === d, { args: [DRAFT], what: 'the draft typed' });
    await enterPanel(b);
    assert.equal(await finding('zh.offsite.wechat'), '「加我微信」');
    await b.frame(null);
    if (e !== 'textarea-react') {
      await b.waitFor(() => [...CSS.highlights.values()].some((h) => [...h].some((r) => r.toString() === '加我微信')), { what: 'the span painted in the composer' });
    }
    await pause(1100); // editors group edits closer than ~1 s into one undo step
    await enterPanel(b);
    await b.click(await b.find('[data-testid="finding"][data-rule="zh.offsite.wechat"] [data-testid="guard-fix"]'));
    await b.frame(null);
    await b.waitFor((x) => window.__model() === x, { args: [FIXED], what: `${e}: the fixed draft`, timeout: 5000 });
    await pause(300);
    await b.keys(KEY.ctrl, 'z');
    await b.waitFor((x) => window.__model() === x, { args: [DRAFT], what: `${e}: one Ctrl+Z to give the draft back`, timeout: 3000 });
  });
}

/** The queue console where the customer asks whether the cup may go in the dishwasher, with the
 * panel (current frame) showing the shop's card that has a blank; returns the card's index. */
async function dishwasherCard() {
  await openPage(b, `${s.server.origin}/queue.html?c=2`);
  await enterPanel(b);
  return b.waitFor(() => {
    const i = [...document.querySelectorAll('[data-testid="suggestion"]')].findIndex((c) => c.querySelector('[data-testid="slot"][placeholder="可以/不建议"]'));
    return i >= 0 ? i + 1 : 0;
  }, { what: 'the card with a blank' }).then((n) => n - 1);
}

/** The WebDriver element of card `i` in the panel. */
const card = async (i) => (await b.findAll('[data-testid="suggestion"]'))[i];

test('a reply with a blank in Firefox: Insert waits for it, and the insert shortcut puts nothing in the composer but the focus in the blank', async () => {
  const i = await dishwasherCard();
  const insert = await b.eval((i) => {
    const c = document.querySelectorAll('[data-testid="suggestion"]')[i];
    const btn = c.querySelector('[data-testid="insert"]');
    return { disabled: btn.disabled, label: btn.textContent, inputs: c.querySelectorAll('[data-testid="slot"]').length };
  }, i);
  assert.deepEqual(insert, { disabled: true, label: insert.label, inputs: 1 });
  assert.match(insert.label, /先填写 1 处/);
  for (let n = 0; n < 4 && !(await b.eval((i) => document.querySelectorAll('[data-testid="suggestion"]')[i].classList.contains('selected'), i)); n++) {
    await b.chromeKeys(KEY.alt, KEY.shift, 'j');
    await pause(150);
  }
  await b.chromeKeys(KEY.alt, KEY.shift, 'i');
  await b.waitFor(() => [...document.querySelectorAll('[data-testid="note"]')].some((n) => n.textContent.includes('先填好再插入')), { what: 'the note pointing at the blank', timeout: 5000 });
  assert.equal(await b.eval(() => document.activeElement?.getAttribute('data-testid')), 'slot', 'the blank has the focus');
  await b.frame(null);
  await pause(300);
  assert.equal(await b.eval(() => document.querySelector('#replyTextarea').value), '', 'nothing reached the composer');
});

test('a reply with its blank filled in Firefox reaches the composer exactly as shown', async () => {
  const i = await dishwasherCard();
  await b.type(await b.find('[data-testid="slot"]', await card(i)), '不建议');
  const text = await b.waitFor((i) => {
    const c = document.querySelectorAll('[data-testid="suggestion"]')[i];
    return !c.querySelector('[data-testid="insert"]').disabled && c.querySelector('.text').textContent;
  }, { args: [i], what: 'Insert to enable' });
  assert.ok(text.includes('不建议放洗碗机') && !text.includes('可以/不建议'), text);
  await b.click(await b.find('[data-testid="insert"]', await card(i)));
  await b.frame(null);
  await b.waitFor((t) => window.__composerState === t, { args: [text], what: 'the filled reply in the composer' });
  assert.deepEqual(await b.eval(() => window.__sent), [], 'Duxin never sends');
});

test('not one request left the machine during the Firefox composers run', () => {
  assert.deepEqual(s.fx.offsite(), []);
});
