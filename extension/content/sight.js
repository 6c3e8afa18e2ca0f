// @ts-check
// What a reader sees. Text nobody sees is not read: a page could hide instructions or threats in
// it, and consoles hide other conversations that way. Hidden: not rendered, transparent (opacity
// 0), `visibility: hidden`, too small to read (font-size 0), clipped away (zero-size boxes,
// `clip`, overflow) or placed outside the page. Text scrolled out of view inside a scrolling list
// IS read: one can scroll to it, and it is part of the conversation.
import { winOf } from './trees.js';

const SEE = { opacityProperty: true, visibilityProperty: true };
/** Text whose box is less tall than this (CSS px) cannot be read. */
const MIN_TEXT_PX = 3;
/** @type {WeakMap<Document, Range>} one Range per document to measure text boxes with */
const measures = new WeakMap();
const measureIn = (/** @type {Document} */ d) => { let r = measures.get(d); if (!r) measures.set(d, (r = d.createRange())); return r; };

/** Rendered, not transparent, not `visibility: hidden` (the element or an ancestor). */
export function rendered(/** @type {Element} */ el) {
  return typeof el.checkVisibility !== 'function' || el.checkVisibility(SEE);
}

export function visible(/** @type {Element} */ el) {
  const r = el.getBoundingClientRect();
  return (r.width > 0 || r.height > 0) && rendered(el);
}

/** @typedef {{pos: string, x: number[] | null, y: number[] | null, own: DOMRect | null}} Clip */

/**
 * What an element lets one see of its content, per axis, in viewport coordinates: null when it
 * does not clip; its own box when it hides overflow; the whole scrollable area when it scrolls
 * (`auto`, `scroll`); nothing at all for `clip: rect(0 0 0 0)` / `clip-path: inset(50%)`.
 * @param {Element} el @param {Map<Element, Clip>} memo (one reading: geometry changes between)
 */
function clipOf(el, memo) {
  const known = memo.get(el);
  if (known) return known;
  /** @type {Clip} */
  let c = { pos: 'static', x: null, y: null, own: null };
  if (el === el.ownerDocument.documentElement) {
    // The page (or a frame's): what one can scroll to.
    const w = winOf(el);
    c = { pos: 'static', x: [-w.scrollX, el.scrollWidth - w.scrollX], y: [-w.scrollY, el.scrollHeight - w.scrollY], own: null };
  } else {
    const cs = winOf(el).getComputedStyle(el);
    c.pos = cs.position;
    const clipPath = cs.clipPath;
    const gone = ((c.pos === 'absolute' || c.pos === 'fixed') && /^rect\(\s*0(px)?[\s,]+0(px)?[\s,]+0(px)?[\s,]+0(px)?\s*\)$/.test(cs.clip)) ||
      (clipPath !== 'none' && /^inset\(\s*50%/.test(clipPath));
    if (gone) { c.x = [0, 0]; c.y = [0, 0]; }
    else if (cs.overflowX !== 'visible' || cs.overflowY !== 'visible') {
      const r = el.getBoundingClientRect();
      const axis = (/** @type {string} */ o, /** @type {number} */ lo, /** @type {number} */ hi, /** @type {number} */ scrolled, /** @type {number} */ size) => o === 'visible' ? null
        : o === 'auto' || o === 'scroll' ? [lo - scrolled, lo - scrolled + Math.max(size, hi - lo)] : [lo, hi];
      c.x = axis(cs.overflowX, r.left, r.right, el.scrollLeft, el.scrollWidth);
      c.y = axis(cs.overflowY, r.top, r.bottom, el.scrollTop, el.scrollHeight);
      c.own = r;
    }
  }
  memo.set(el, c);
  return c;
}

/** Can a reader see this box, placed where it is inside `el`'s ancestors?
 * @param {Element} el @param {{left:number,right:number,top:number,bottom:number}} box @param {Map<Element, Clip>} memo */
function inSight(el, box, memo) {
  let x = [box.left, box.right], y = [box.top, box.bottom];
  // A positioned box leaves the clipping of the boxes it is not placed in: a fixed one all of
  // them (the page still counts), an absolute one those up to its positioned ancestor.
  // (Inside a web component, its slots and its host count as ancestors; a frame's page ends it.)
  let skip = '';
  const top = el.ownerDocument.documentElement;
  for (let a = /** @type {Element | null} */ (el); a; a = a.assignedSlot || a.parentElement || (a.parentNode && a.parentNode.nodeType === 11 ? /** @type {ShadowRoot} */ (a.parentNode).host : null)) {
    const c = clipOf(a, memo);
    if (skip === 'fixed' && a !== top) continue;
    if (skip === 'absolute') {
      if (c.pos === 'static' && a !== top) continue;
      skip = '';
    }
    if (c.x) x = [Math.max(x[0], c.x[0]), Math.min(x[1], c.x[1])];
    if (c.y) y = [Math.max(y[0], c.y[0]), Math.min(y[1], c.y[1])];
    if (x[1] - x[0] < 1 || y[1] - y[0] < 1) return false;
    // Beyond a scrolling box, what counts is the box itself (its content can be scrolled to).
    if (c.own) {
      if (c.x && c.x[1] - c.x[0] > c.own.width) x = [c.own.left, c.own.right];
      if (c.y && c.y[1] - c.y[0] > c.own.height) y = [c.own.top, c.own.bottom];
    }
    if (c.pos === 'fixed' || c.pos === 'absolute') skip = c.pos;
  }
  return true;
}

/** The text nodes of `el` a reader sees, in the order they are drawn (white space between them
 * kept as it is). A message may hold its words in a shadow root of its own (a custom element per
 * bubble): a host is read through its shadow root, and a slot as the nodes it shows.
 * @param {Element} el @param {Map<Element, Clip>} memo */
export function seenText(el, memo) {
  /** @type {Text[]} */
  const out = [];
  /** @type {Map<Element, boolean>} */
  const shown = new Map();
  const measure = measureIn(el.ownerDocument);
  const take = (/** @type {Text} */ n) => {
    const parent = n.parentElement;
    if (!parent) return;
    let ok = shown.get(parent);
    if (ok === undefined) shown.set(parent, (ok = rendered(parent)));
    if (!ok) return;
    if (n.data.trim()) {
      measure.selectNodeContents(n);
      const r = measure.getBoundingClientRect();
      if (r.height < MIN_TEXT_PX || r.width < 1 || !inSight(parent, r, memo)) return;
    }
    out.push(n);
  };
  flatText(el.shadowRoot || el, take);
  // Nothing but white space is left: nothing is read.
  return out.some((n) => n.data.trim()) ? out : [];
}

/** Each text node under `root` in the flat tree (as drawn): an element with an open shadow root
 * stands for what its shadow root holds, a slot for the nodes assigned to it (else its own).
 * @param {Element | ShadowRoot} root @param {(n: Text) => void} take */
function flatText(root, take) {
  const doc = /** @type {Document} */ (root.ownerDocument);
  const walker = doc.createTreeWalker(root, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT);
  let n = walker.nextNode();
  while (n) {
    const e = /** @type {Element} */ (n);
    const slotted = e.localName === 'slot' && /** @type {HTMLSlotElement} */ (e).assignedNodes ? /** @type {HTMLSlotElement} */ (e).assignedNodes({ flatten: true }) : [];
    if (n.nodeType === 3) take(/** @type {Text} */ (n));
    else if (e.shadowRoot || slotted.length) {
      if (e.shadowRoot) flatText(e.shadowRoot, take);
      for (const s of slotted) {
        if (s.nodeType === 3) take(/** @type {Text} */ (s));
        else if (s.nodeType === 1) { const se = /** @type {Element} */ (s); if (se.shadowRoot) flatText(se.shadowRoot, take); else flatText(se, take); }
      }
      // (Its own children are drawn only through the shadow root's slots, read above.)
      let next = walker.nextSibling();
      while (!next && walker.parentNode()) next = walker.nextSibling();
      n = next;
      continue;
    }
    n = walker.nextNode();
  }
}
