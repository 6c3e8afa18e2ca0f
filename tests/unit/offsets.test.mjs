// UTF-16 offsets from the core mapped onto the page's text nodes (highlights, draft findings).
import test from 'node:test';
import assert from 'node:assert/strict';
import { page } from './dom.mjs';
import { locate, draftPoint } from '../../extension/content/offsets.js';
import { draftOf } from '../../extension/content/draft.js';

test('a cue after an emoji starts where UTF-16 counts it, in the text node that holds it', () => {
  // "😀 快" + "气死了": the emoji is two units, so 气 is unit 4, in the second node at 0.
  const nodes = ['😀 快', '气死了'];
  assert.deepEqual(locate(nodes.map((n) => n.length), 4, 6), { start: { index: 1, offset: 0 }, end: { index: 1, offset: 2 } });
});

test('a cue that ends where a text node ends stays in that node', () => {
  assert.deepEqual(locate([3, 4], 1, 3), { start: { index: 0, offset: 1 }, end: { index: 0, offset: 3 } });
});

test('a cue over two text nodes starts in the first and ends in the second', () => {
  assert.deepEqual(locate([3, 4], 2, 5), { start: { index: 0, offset: 2 }, end: { index: 1, offset: 2 } });
});

test('a cue past the end of the text is not painted', () => {
  assert.equal(locate([3, 4], 5, 9), null);
});

test('a finding that starts on the line break between blocks starts at the next line', () => {
  const parts = [{ start: 0, length: 2 }, { start: 3, length: 4 }];
  assert.deepEqual(draftPoint(parts, 2, false), { index: 1, offset: 0 });
  assert.deepEqual(draftPoint(parts, 2, true), { index: 0, offset: 2 });
});

test('a contenteditable draft reads as its lines, and a finding on the second line lands on exactly its words', () => {
  // (linkedom has no Range.setStart: the points the range is built from are checked.)
  const doc = page('<div id="c" contenteditable="true"><p>亲，</p><p>加我<b>微信</b>吧</p></div>');
  const d = draftOf(doc.getElementById('c'));
  assert.equal(d.text, '亲，\n加我微信吧');
  const pieces = d.parts.map((p) => ({ start: p.start, length: p.node.data.length }));
  const a = draftPoint(pieces, 5, false), b = draftPoint(pieces, 7, true);
  assert.equal(d.parts[a.index].node.data, '微信');
  assert.equal(a.offset, 0);
  assert.equal(d.parts[b.index].node.data, '微信');
  assert.equal(b.offset, 2);
});

test('a textarea draft is its value, with no text nodes to paint', () => {
  const doc = page('<textarea id="t">你自己查</textarea>');
  const t = doc.getElementById('t');
  t.value = '你自己查';
  assert.deepEqual(draftOf(t), { text: '你自己查', parts: null });
});

test('an editor\'s placeholder in the composer (not editable) is no part of the draft', () => {
  // Slate renders its placeholder inside the composer, `contenteditable="false"`.
  const doc = page('<div id="c" contenteditable="true"><p><span contenteditable="false">Reply…</span><span>亲</span></p></div>');
  const d = draftOf(doc.getElementById('c'));
  assert.equal(d.text, '亲');
  assert.equal(d.parts.length, 1);
});
