// What the element picker learns from three clicks, and the selectors it writes: from the DOM
// alone, so checked here without a browser.
import test from 'node:test';
import assert from 'node:assert/strict';
import { page } from './dom.mjs';
import { deriveProfile } from '../../extension/content/teach.js';
import { itemSelector, robustSelector, sideMarks, stableClass } from '../../extension/content/selectors.js';

const SITE = { name: 'taught · shop.example', host: 'shop.example' };
const chat = `
  <main><ul class="thread">
    <li class="row first them" data-kind="msg"><span class="who">小王</span><p class="text">我的快递怎么还没到</p></li>
    <li class="row them" data-kind="msg"><span class="who">小王</span><p class="text">都三天了</p></li>
    <li class="row me" data-kind="msg"><span class="who">客服</span><p class="text">亲，我帮您查一下</p></li>
  </ul></main>
  <textarea class="reply"></textarea>`;

test('three clicks on a chat give its list, its messages, their sides, their text and the reply box', () => {
  const doc = page(chat);
  const [, cust, agent] = doc.querySelectorAll('p.text');
  const p = deriveProfile(cust, agent, doc.querySelector('textarea'), SITE);
  assert.deepEqual(p.container, ['ul.thread']);
  assert.deepEqual(p.item, [':scope > li[data-kind].row']);
  assert.deepEqual(p.role, { customer: ['.them'], agent: ['.me'] });
  assert.deepEqual(p.text, ['p.text']);
  assert.deepEqual(p.composer, ['textarea.reply']);
  assert.deepEqual([p.id, p.taught, p.urls, p.name], ['taught', true, ['shop.example'], SITE.name]);
  // What it learned finds the three messages.
  const list = doc.querySelector(p.container[0]);
  assert.equal(list.querySelectorAll(p.item[0]).length, 3);
});

test('the same message clicked twice teaches nothing', () => {
  const doc = page(chat);
  const text = doc.querySelector('p.text');
  assert.equal(deriveProfile(text, text, doc.querySelector('textarea'), SITE), null);
});

test('a class only the first message of a run carries is not part of the message selector', () => {
  const doc = page(chat);
  const [a, b] = doc.querySelectorAll('li');
  assert.equal(itemSelector(a, b), ':scope > li[data-kind].row');
});

test('sides come from the items\' descendants when the items carry no class of their own', () => {
  const doc = page('<div><div><i class="avatar-left"></i>在吗</div><div><i class="avatar-right"></i>在的</div></div>');
  const [c, a] = doc.querySelectorAll('div > div');
  assert.deepEqual(sideMarks(c, a), ['.avatar-left']);
  assert.deepEqual(sideMarks(a, c), ['.avatar-right']);
});

test('hashed class names, which change on every deploy, are never used', () => {
  for (const c of ['MessageList_list__3xQ9a', 'sc-bdVaJa', 'css-1x2y3z', 'msg-a8f3c2d', 'item_3kd92']) assert.equal(stableClass(c), false, c);
  for (const c of ['message', 'chat-row', 'is-customer', 'h1']) assert.equal(stableClass(c), true, c);
});

test('an id with a number in it is passed over for a stable data attribute', () => {
  const doc = page('<div id="msg-10293" data-role="composer"></div><div data-role="other"></div>');
  assert.equal(robustSelector(doc.getElementById('msg-10293')), 'div[data-role="composer"]');
});

test('an element with no id, attribute or stable class is found by its path from the nearest id', () => {
  const doc = page('<div id="app"><div class="x1a2b3c4"><span></span><span></span></div></div>');
  const el = doc.querySelectorAll('span')[1];
  const sel = robustSelector(el);
  assert.equal(sel, '#app > div:nth-child(1) > span:nth-child(2)');
  assert.equal(doc.querySelector(sel), el);
});

test('a message inside a web component is reached through its host with ">>>"', () => {
  const doc = page('<chat-box id="box"></chat-box><textarea class="reply"></textarea>');
  const root = doc.getElementById('box').attachShadow({ mode: 'open' });
  root.innerHTML = '<div class="messages"><div class="msg left">在吗</div><div class="msg right">在的亲</div><div class="msg left">快递呢</div></div>';
  const [c, a] = root.querySelectorAll('.msg');
  const p = deriveProfile(c, a, doc.querySelector('textarea'), SITE);
  assert.deepEqual(p.container, ['#box >>> div.messages']);
  assert.deepEqual(p.item, [':scope > div.msg']);
  assert.deepEqual(p.role, { customer: ['.left'], agent: ['.right'] });
  assert.deepEqual(p.text, [':scope']);
});
