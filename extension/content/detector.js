// @ts-check
// A chat on a page with no profile: the visible composer (textarea or contenteditable) lowest on
// the page, and above it the element with the most repeated siblings (same tag and first class)
// that carry text, preferring one that scrolls. Roles come from the side of each bubble; the text
// is the element most messages hold most of their words in (not a short message's time). What
// needs no layout (`repeated`, `listScore`, `genericProfile`) is tested under node
// (tests/unit/detector.test.mjs).
import { S } from './state.js';
import { allScopes, hasText, pageBox, pathIn, upward, winOf } from './trees.js';
import { visible } from './sight.js';
import { cssPath, mainText } from './selectors.js';

/** @typedef {import("./state.js").Profile} Profile */

/** What messages of one kind share: their tag and first class (".a" escaped). */
export const keyOf = (/** @type {Element} */ k) => { const c = k.classList.item(0); return k.tagName.toLowerCase() + (c ? '.' + CSS.escape(c) : ''); };

/** The kind of child an element repeats most among its newest 60 that carry text, and how
 * often; null when no kind repeats 3 times. (A 2,000-message list is not counted whole.)
 * @param {Element} el @returns {[string, number] | null} */
export function repeated(el) {
  /** @type {Map<string, number>} */
  const groups = new Map();
  let seen = 0;
  for (let k = el.lastElementChild; k && seen < 60; k = k.previousElementSibling, seen++) {
    if (!hasText(k)) continue;
    const key = keyOf(k);
    groups.set(key, (groups.get(key) || 0) + 1);
  }
  const top = [...groups.entries()].sort((a, b) => b[1] - a[1])[0];
  return top && top[1] >= 3 ? top : null;
}

/** How much a list looks like the chat: how many messages it repeats, more when it scrolls.
 * @param {number} count @param {string} overflowY */
export const listScore = (count, overflowY) => count + (overflowY === 'auto' || overflowY === 'scroll' ? 5 : 0);

/** The profile of a detected chat: the list, its items (children of the repeated kind), the
 * element most of the newest 50 hold their text in (else each item's own), the composer.
 * @param {Element} list @param {string} item @param {Element} composer @returns {Profile} */
export function genericProfile(list, item, composer) {
  /** @type {Element[]} the newest 50 messages */
  const items = [];
  for (let k = list.lastElementChild; k && items.length < 50; k = k.previousElementSibling) if (keyOf(k) === item && hasText(k)) items.push(k);
  /** @type {Map<string, number>} */
  const votes = new Map();
  for (const it of items) {
    const m = mainText(it);
    // (Inside the message's own web component: a selector that enters it.)
    const key = m && m !== it ? pathIn(it, m, keyOf) : '';
    if (key) votes.set(key, (votes.get(key) || 0) + 1);
  }
  const [text, n] = [...votes.entries()].sort((a, b) => b[1] - a[1])[0] || ['', 0];
  return {
    id: 'generic', name: 'detected chat', generic: true,
    container: [cssPath(list)], item: [':scope > ' + item], text: [text && n >= 3 && 2 * n > items.length ? text : ':scope'], role: {},
    composer: [cssPath(composer)],
  };
}

/** The chat on this page, found without a profile (open shadow roots, nested, and same-origin
 * frames searched too), or null. @returns {Profile | null} */
export function detectGeneric() {
  const scopes = allScopes();
  /** @type {Element[]} */
  const composers = [];
  for (const sc of scopes) {
    for (const el of sc.querySelectorAll('textarea, [contenteditable="true"], [contenteditable=""]')) {
      if (visible(el) && !(S.hostEl && S.hostEl.contains(el)) && !(el.parentElement && el.parentElement.closest('[contenteditable="true"]'))) composers.push(el);
    }
  }
  if (!composers.length) return null;
  const comp = composers.sort((a, b) => pageBox(b).bottom - pageBox(a).bottom)[0];
  const cr = comp.getBoundingClientRect();
  /** @type {{score: number, el: Element, item: string} | null} */
  let best = null;
  // The list is in the composer's page (or frame), perhaps in another of its web components.
  const doc = comp.ownerDocument;
  /** @type {Element[]} */
  const candidates = [];
  for (const sc of scopes) {
    if (sc === doc) { if (doc.body) candidates.push(...doc.body.querySelectorAll('*')); } else if (sc.nodeType === 11 && sc.ownerDocument === doc) candidates.push(...sc.querySelectorAll('*'));
  }
  // (Counted without building each element's `children`: a long chat has thousands.)
  const above = new Set();
  for (let e = /** @type {Element | null} */ (comp); e; e = upward(e)) above.add(e);
  for (const el of candidates) {
    if (el.childElementCount < 3 || above.has(el)) continue;
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.top > cr.top || r.right < cr.left || r.left > cr.right) continue;
    const top = repeated(el);
    if (!top) continue;
    const score = listScore(top[1], winOf(el).getComputedStyle(el).overflowY);
    if (!best || score > best.score) best = { score, el, item: top[0] };
  }
  return best ? genericProfile(best.el, best.item, comp) : null;
}
