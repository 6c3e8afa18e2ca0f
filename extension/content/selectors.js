// @ts-check
// Selectors for elements the content script found (the generic detector) or the agent pointed at
// (the picker). Built from the DOM alone, no layout: tested under node
// (tests/unit/picker.test.mjs).
import { HOP, hostOf } from './trees.js';

/** Hashed class names (CSS modules, styled-components) change on every deploy: not used. */
export const stableClass = (/** @type {string} */ c) => /^[a-zA-Z][\w-]*$/.test(c) && !/[0-9a-f]{6,}|__[\w-]*\d[\w-]*$|[-_][a-zA-Z]*\d[a-zA-Z0-9]{3,}$|^(sc|css|jsx)-/i.test(c) && c.length < 40;

/** ".a.b" for class names, escaped. */
const dotted = (/** @type {string[]} */ classes) => classes.map((c) => '.' + CSS.escape(c)).join('');

/** A selector for one element: its id, else a path of child positions from the nearest
 * ancestor with an id (or the body, or the top of its shadow tree); inside a web component or a
 * frame, the path to its host first, then ">>>".
 * @param {Element} el @returns {string} */
export function cssPath(el) {
  const parts = [];
  const root = el.getRootNode();
  const doc = el.ownerDocument;
  let anchored = false;
  for (let e = /** @type {Element | null} */ (el); e && e !== doc.body && e !== doc.documentElement; e = e.parentElement) {
    if (e.id) { parts.unshift('#' + CSS.escape(e.id)); anchored = true; break; }
    const parent = e.parentElement || e.parentNode;
    if (!parent) break;
    parts.unshift(`${e.tagName.toLowerCase()}:nth-child(${Array.prototype.indexOf.call(/** @type {ParentNode} */ (parent).children, e) + 1})`);
  }
  // (Inside a shadow root the path starts at its top: ":host >" there, as Chromium reads it.)
  const path = (anchored ? parts : [root.nodeType === 11 ? ':host' : 'body', ...parts]).join(' > ');
  const host = hostOf(root);
  return host ? cssPath(host) + ' ' + HOP + ' ' + path : path;
}

/** A selector for `el` that finds exactly it in its tree: id, a data attribute, stable classes,
 * or the path of child positions (the last resort). Inside a web component or a frame: the
 * selector of its host first, then ">>>".
 * @param {Element} el @returns {string} */
export function robustSelector(el) {
  const root = /** @type {Document | ShadowRoot} */ (el.getRootNode());
  const host = hostOf(root);
  const pre = host ? robustSelector(host) + ' ' + HOP + ' ' : '';
  const ok = (/** @type {string} */ sel) => { try { const f = root.querySelectorAll(sel); return f.length === 1 && f[0] === el; } catch (_) { return false; } };
  if (el.id && !/\d{3,}/.test(el.id) && ok('#' + CSS.escape(el.id))) return pre + '#' + CSS.escape(el.id);
  const tag = el.tagName.toLowerCase();
  for (const a of Array.from(el.attributes)) {
    if (!a.name.startsWith('data-') || a.value.length > 40 || /\d{4,}/.test(a.value)) continue;
    const sel = `${tag}[${a.name}="${CSS.escape(a.value)}"]`;
    if (ok(sel)) return pre + sel;
  }
  const classes = Array.from(el.classList).filter(stableClass);
  if (classes.length && ok(tag + dotted(classes))) return pre + tag + dotted(classes);
  return cssPath(el);
}

/** What two message items share (tag, data attributes present on both, stable classes on both).
 * @param {Element} a @param {Element} b */
export function itemSelector(a, b) {
  const tag = a.tagName === b.tagName ? a.tagName.toLowerCase() : '*';
  // What the other messages beside them share too: a class two messages share by their place
  // (first or last of a run, "top-message") is not on every message.
  const others = Array.from(a.parentElement ? a.parentElement.children : []).filter((s) => (tag === '*' || s.localName === tag) && (s.textContent || '').trim());
  const all = (/** @type {(s: Element) => boolean} */ has) => others.every(has);
  const attrs = Array.from(a.attributes).map((x) => x.name).filter((n) => n.startsWith('data-') && b.hasAttribute(n) && all((s) => s.hasAttribute(n)));
  const classes = Array.from(a.classList).filter((c) => stableClass(c) && b.classList.contains(c) && all((s) => s.classList.contains(c)));
  return ':scope > ' + tag + attrs.map((n) => `[${n}]`).join('') + dotted(classes);
}

/** Selectors that are on one item and not on the other (its own classes, or a descendant's).
 * @param {Element} mine @param {Element} other */
export function sideMarks(mine, other) {
  /** @type {string[]} */
  const out = [];
  for (const c of Array.from(mine.classList).filter(stableClass)) if (!other.classList.contains(c)) out.push('.' + CSS.escape(c));
  if (!out.length) {
    for (const d of mine.querySelectorAll('[class]')) {
      for (const c of Array.from(d.classList).filter(stableClass)) {
        const sel = '.' + CSS.escape(c);
        if (!other.querySelector(sel) && !out.includes(sel)) out.push(sel);
      }
      if (out.length >= 2) break;
    }
  }
  return out.slice(0, 2);
}

/** The text element of a message relative to its item. @param {Element} item @param {Element} el */
export function textSelector(item, el) {
  if (el === item) return ':scope';
  const tag = el.tagName.toLowerCase();
  const sel = tag + dotted(Array.from(el.classList).filter(stableClass));
  return item.querySelector(sel) === el ? sel : ':scope';
}

/** The element of an item that holds most of its own text (the bubble, not name or time), also
 * inside the item's open shadow roots (a message that is a web component).
 * @param {Element} item */
export function mainText(item) {
  let best = item, most = 0;
  const look = (/** @type {Iterable<Element>} */ els) => {
    for (const el of els) {
      let own = 0;
      for (const n of el.childNodes) if (n.nodeType === 3) own += (n.textContent || '').trim().length;
      if (own > most && el.localName !== 'style' && el.localName !== 'script') { most = own; best = el; }
      if (el.shadowRoot) look(el.shadowRoot.querySelectorAll('*'));
    }
  };
  look([item, ...item.querySelectorAll('*')]);
  return most ? best : null;
}
