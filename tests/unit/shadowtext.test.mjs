// Messages that are web components keeping their words in their own open shadow root: what the
// generic detector counts and which element it reads (needs no layout; linkedom has shadow roots).
import test from 'node:test';
import assert from 'node:assert/strict';
import { page } from './dom.mjs';
import { genericProfile, repeated } from '../../extension/content/detector.js';
import { hasText, queryAll } from '../../extension/content/trees.js';

/** A list of `n` <chat-bubble> hosts whose name, words and time are drawn in their shadow roots. */
function bubbles(n) {
  const doc = page(`<div id="list">${'<chat-bubble></chat-bubble>'.repeat(n)}</div><textarea id="reply"></textarea>`);
  for (const [i, b] of [...doc.querySelectorAll('chat-bubble')].entries()) {
    b.attachShadow({ mode: 'open' }).innerHTML = `<style>.body{margin:0}</style><span class="who">A</span><p class="body">消息 ${i} 的内容比名字长</p><time>10:0${i}</time>`;
  }
  return doc;
}

test('messages whose words are all in their own shadow roots are counted as messages', () => {
  const doc = bubbles(4);
  assert.deepEqual(repeated(doc.getElementById('list')), ['chat-bubble', 4]);
});

test('a detected chat reads the words inside each message\'s shadow root, not its name or time', () => {
  const doc = bubbles(5);
  const p = genericProfile(doc.getElementById('list'), 'chat-bubble', doc.getElementById('reply'));
  assert.deepEqual(p.text, [':scope >>> p.body']);
  const item = doc.querySelector('chat-bubble');
  assert.deepEqual(queryAll(item, p.text[0]).map((e) => e.textContent), ['消息 0 的内容比名字长']);
});

test('a shadow root holding only its style sheet is no text', () => {
  const doc = page('<x-icon></x-icon>');
  doc.querySelector('x-icon').attachShadow({ mode: 'open' }).innerHTML = '<style>:host{display:inline-block}</style><svg></svg>';
  assert.equal(hasText(doc.querySelector('x-icon')), false);
});
