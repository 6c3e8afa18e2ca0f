// The generic detector's choices that need no layout: which children are the messages, which list
// is the chat, which element holds a message's words.
import test from 'node:test';
import assert from 'node:assert/strict';
import { page } from './dom.mjs';
import { genericProfile, listScore, repeated } from '../../extension/content/detector.js';

const bubbles = (n, cls = 'msg') => Array.from({ length: n }, (_, i) =>
  `<div class="${cls} ${i % 2 ? 'in' : 'out'}"><span class="name">A</span><div class="bubble">消息 ${i} 的内容比名字长</div></div>`).join('');

test('the messages are the children repeated most, not the date lines between them', () => {
  const doc = page(`<div id="list"><p class="day">今天</p>${bubbles(4)}<p class="day">昨天</p></div>`);
  assert.deepEqual(repeated(doc.getElementById('list')), ['div.msg', 4]);
});

test('children without text are not counted as messages', () => {
  const doc = page(`<div id="list">${bubbles(2)}<div class="msg"></div><div class="msg"> </div><div class="msg"></div></div>`);
  assert.equal(repeated(doc.getElementById('list')), null);
});

test('a list with fewer than three alike children is no chat', () => {
  const doc = page(`<div id="list">${bubbles(2)}<p>x</p><p>y</p></div>`);
  assert.equal(repeated(doc.getElementById('list')), null);
});

test('only the newest 60 children are counted, however long the list', () => {
  const doc = page(`<div id="list">${bubbles(200)}</div>`);
  assert.deepEqual(repeated(doc.getElementById('list')), ['div.msg', 60]);
});

test('a list that scrolls beats one that repeats as much and does not', () => {
  assert.ok(listScore(6, 'auto') > listScore(6, 'visible'));
  assert.ok(listScore(6, 'scroll') > listScore(10, 'hidden'));
  assert.equal(listScore(6, 'auto'), listScore(6, 'scroll'));
});

test('a detected chat reads the bubble most messages hold their words in, not the sender name', () => {
  const doc = page(`<div id="list">${bubbles(5)}</div><textarea id="reply"></textarea>`);
  const p = genericProfile(doc.getElementById('list'), 'div.msg', doc.getElementById('reply'));
  assert.deepEqual(p.text, ['div.bubble']);
  assert.deepEqual(p.item, [':scope > div.msg']);
  assert.deepEqual(p.container, ['#list']);
  assert.deepEqual(p.composer, ['#reply']);
  assert.equal(p.generic, true);
});

test('when messages hold their words in no common element, each item is read whole', () => {
  const varied = ['<div class="m"><b>一二三四五</b></div>', '<div class="m"><i>六七八九十</i></div>', '<div class="m"><u>甲乙丙丁戊</u></div>', '<div class="m">己庚辛壬癸</div>'];
  const doc = page(`<section><div>${varied.join('')}</div></section><textarea></textarea>`);
  const list = doc.querySelector('section > div');
  const p = genericProfile(list, 'div.m', doc.querySelector('textarea'));
  assert.deepEqual(p.text, [':scope']);
  // No id on the way up: a path of child positions from the body.
  assert.deepEqual(p.container, ['body > section:nth-child(1) > div:nth-child(1)']);
  assert.equal(doc.querySelector(p.container[0]), list);
});
