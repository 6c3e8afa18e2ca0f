// @ts-check
// Open shadow roots and same-origin frames. A chat may sit inside web components (an open shadow
// root, nested too) or in a frame of the same origin. A selector in a profile crosses into one
// with ">>>": "deep-chat >>> #messages" is "#messages inside the shadow root of <deep-chat>" (or
// inside the document of a matched <iframe>). A closed shadow root cannot be read: the panel is
// told (`closed_shadow`).
import { S } from './state.js';

export const HOP = '>>>';
export const hopParts = (/** @type {string} */ sel) => sel.split(HOP).map((x) => x.trim());
/** What a selector names last, in the tree where it ends (for quick tests on added nodes). */
const lastHop = (/** @type {string} */ sel) => { const p = hopParts(sel); return p[p.length - 1]; };

/** The tree inside an element: its open shadow root, or the document of a same-origin frame. */
export function inside(/** @type {Element} */ el) {
  if (el.shadowRoot) return el.shadowRoot;
  if (el.localName === 'iframe' || el.localName === 'frame') {
    try { return /** @type {HTMLIFrameElement} */ (el).contentDocument || null; } catch (_) { return null; }
  }
  return null;
}

/** The element a tree hangs from: a shadow root's host, a frame document's frame element. */
export function hostOf(/** @type {Node} */ root) {
  if ((typeof ShadowRoot !== 'undefined' && root instanceof ShadowRoot) || (root && /** @type {any} */ (root).host && root.nodeType === 11)) return /** @type {ShadowRoot} */ (root).host;
  if (root && root.nodeType === 9 && root !== document) {
    try { return /** @type {Document} */ (root).defaultView?.frameElement || null; } catch (_) { return null; }
  }
  return null;
}

/** The parent of an element across shadow and frame boundaries (null at the top page). */
export function upward(/** @type {Element} */ el) {
  return el.parentElement || hostOf(el.getRootNode());
}

/** Does `a` hold `b`, across shadow and frame boundaries? */
export function holdsDeep(/** @type {Element} */ a, /** @type {Element | null} */ b) {
  for (let e = b; e; e = upward(e)) if (e === a) return true;
  return false;
}

/** Every element `sel` finds from `root`, following its ">>>" hops. Throws on invalid CSS. */
export function queryAll(/** @type {ParentNode} */ root, /** @type {string} */ sel) {
  if (!sel.includes(HOP)) return Array.from(root.querySelectorAll(sel));
  const parts = hopParts(sel);
  /** @type {ParentNode[]} */
  let scopes = [root];
  /** @type {Element[]} */
  let found = [];
  for (let i = 0; i < parts.length; i++) {
    found = [];
    // (":scope" before a hop is the element asked itself: a message that is a web component.)
    for (const s of scopes) found.push(...(parts[i] === ':scope' && s.nodeType === 1 ? [/** @type {Element} */ (s)] : s.querySelectorAll(parts[i])));
    if (i < parts.length - 1) scopes = /** @type {ParentNode[]} */ (found.map(inside).filter(Boolean));
  }
  return found;
}

/** Does an added or changed node bring what `sel` names (its last part, in the node's tree)? */
export function brings(/** @type {Element} */ n, /** @type {string} */ sel) {
  const s = lastHop(sel);
  return n.matches(s) || !!n.querySelector(s);
}

/** Does an element hold text a reader could see, in its own open shadow roots too (a message
 * that is a web component keeps its words there; style sheets are no text)? */
export function hasText(/** @type {Element} */ el) {
  if ((el.textContent || '').trim()) return true;
  for (const h of [el, ...el.querySelectorAll('*')]) {
    const r = h.shadowRoot;
    if (!r) continue;
    for (const d of r.querySelectorAll('*')) {
      if (d.localName === 'style' || d.localName === 'script') continue;
      for (const n of d.childNodes) if (n.nodeType === 3 && (n.textContent || '').trim()) return true;
      if (d.shadowRoot && hasText(d)) return true;
    }
  }
  return false;
}

/** A selector for `el` from inside `item`, entering the shadow roots between with ">>>"
 * (":scope >>> p" when `item` is the host). @param {Element} item @param {Element} el
 * @param {(e: Element) => string} key */
export function pathIn(item, el, key) {
  const parts = [key(el)];
  for (let r = /** @type {any} */ (el.getRootNode()); r !== item.getRootNode() && r.host; r = r.host.getRootNode()) {
    parts.unshift(r.host === item ? ':scope' : key(r.host));
    if (r.host === item) break;
  }
  return parts.join(' ' + HOP + ' ');
}

/** The document and every open shadow root and same-origin frame document under it, nested
 * (our own panel's host left out). */
export function allScopes() {
  /** @type {(Document | ShadowRoot)[]} */
  const out = [document];
  for (let i = 0; i < out.length; i++) {
    for (const el of out[i].querySelectorAll('*')) {
      if (el === S.hostEl) continue;
      const t = inside(el);
      if (t && !out.includes(/** @type {any} */ (t))) out.push(/** @type {any} */ (t));
    }
  }
  return out;
}

/** The trees from `el`'s own up to the top page: what to observe and listen in. */
export function treesOf(/** @type {Element} */ el) {
  /** @type {(Document | ShadowRoot)[]} */
  const out = [];
  for (let e = /** @type {Element | null} */ (el); e; ) {
    const r = /** @type {Document | ShadowRoot} */ (e.getRootNode());
    if (r.nodeType !== 9 && r.nodeType !== 11) break;
    out.push(r);
    e = hostOf(r);
  }
  return out;
}

/** An element's box in the top page's viewport (a frame's content is offset by its frame). */
export function pageBox(/** @type {Element} */ el) {
  const r = el.getBoundingClientRect();
  let x = 0, y = 0;
  for (let d = el.ownerDocument; d && d !== document;) {
    const f = d.defaultView && d.defaultView.frameElement;
    if (!f) break;
    const fr = f.getBoundingClientRect();
    x += fr.left + f.clientLeft; y += fr.top + f.clientTop;
    d = f.ownerDocument;
  }
  return { left: r.left + x, right: r.right + x, top: r.top + y, bottom: r.bottom + y, width: r.width, height: r.height };
}

export const winOf = (/** @type {Node} */ n) => /** @type {Window & typeof globalThis} */ ((n.ownerDocument || /** @type {Document} */ (n)).defaultView || window);
export const isField = (/** @type {Element | null} */ el) => !!el && (el.localName === 'textarea' || el.localName === 'input');

/** Is there, on this page, a chat-sized element whose shadow root is closed (so unreadable)? */
export function closedShadow() {
  // Chromium lends content scripts chrome.dom for this; Firefox gives them the element's own
  // `openOrClosedShadowRoot`.
  const open = chrome.dom && chrome.dom.openOrClosedShadowRoot
    ? chrome.dom.openOrClosedShadowRoot
    : 'openOrClosedShadowRoot' in Element.prototype ? (/** @type {any} */ el) => el.openOrClosedShadowRoot : null;
  if (!open) return false;
  for (const s of allScopes()) {
    for (const el of s.querySelectorAll('*')) {
      if (el === S.hostEl || el.shadowRoot) continue;
      let r = null;
      try { r = open(/** @type {HTMLElement} */ (el)); } catch (_) { r = null; }
      if (!r) continue;
      const b = el.getBoundingClientRect();
      if (b.width >= 150 && b.height >= 100) return true;
    }
  }
  return false;
}
