// @ts-check
// The panel frame and the hover explanations, in a closed shadow root under <html>: the host
// element has a tag drawn on each load and no attribute, id, class or inline style (its look and
// place are set from inside the shadow root). The frame is our panel page, where the core runs.
import { S } from './state.js';
import { HOST_TAG } from './names.js';
import { pageBox } from './trees.js';
import { anyPainted, paintedAt, paintedRoots } from './highlights.js';

// panel.html is web-accessible only through a per-session URL (use_dynamic_url), so pages cannot
// probe for Duxin.
const PANEL_URL = chrome.runtime.getURL('panel.html');

/** @type {HTMLElement | null} */
let tip = null;

/** Put the panel on the page (once); `framed` false: only our shadow root (hover explanations,
 * the picker), in a frame whose chat the top page's panel reads. */
export function mountPanel(framed = true) {
  if (S.shadow) return;
  // A tag drawn for this load, no attribute, no class, no inline style: its look and place are
  // set from inside the closed shadow root (`:host`, important, so page rules do not win).
  const host = document.createElement(HOST_TAG);
  const shadow = host.attachShadow({ mode: 'closed' });
  S.shadow = shadow;
  const style = document.createElement('style');
  style.textContent = `
    :host { all: initial !important; position: fixed !important; z-index: 2147483647 !important; display: block !important; }
    .wrap { display: flex; flex-direction: column; width: 360px; height: min(680px, calc(100vh - 32px));
      box-shadow: 0 6px 24px rgba(0,0,0,.18); border-radius: 10px; overflow: hidden; background: #fff; }
    .wrap.collapsed { height: 34px; width: 120px; }
    .grip { height: 22px; background: #1f2937; color: #e5e7eb; font: 12px system-ui, sans-serif; display: flex;
      align-items: center; justify-content: space-between; padding: 0 8px; cursor: move; user-select: none; }
    .grip button { all: unset; cursor: pointer; color: #e5e7eb; padding: 0 4px; }
    iframe { border: 0; flex: 1; width: 100%; }
    .wrap.collapsed iframe { display: none; }
    .pickbar { position: fixed; top: 12px; left: 50%; transform: translateX(-50%); background: #0f766e; color: #fff;
      font: 14px system-ui, sans-serif; padding: 8px 14px; border-radius: 8px; display: flex; gap: 12px; align-items: center;
      box-shadow: 0 4px 16px rgba(0,0,0,.2); }
    .pickbar button { all: unset; cursor: pointer; text-decoration: underline; }
    .pickbox { position: fixed; pointer-events: none; outline: 2px solid #f59e0b; background: rgba(245,158,11,.12); display: none; }
    .tip { position: fixed; max-width: 320px; background: #111827; color: #f9fafb; font: 12px/1.4 system-ui, sans-serif;
      padding: 6px 8px; border-radius: 6px; pointer-events: none; display: none; white-space: pre-line; }`;
  const wrap = document.createElement('div');
  wrap.className = 'wrap';
  const grip = document.createElement('div');
  grip.className = 'grip';
  const label = document.createElement('span');
  label.textContent = chrome.i18n.getMessage('panel_title') || 'Duxin';
  const btn = document.createElement('button');
  btn.textContent = '–';
  btn.title = chrome.i18n.getMessage('collapse') || 'Collapse';
  btn.addEventListener('click', () => {
    S.collapsed = !S.collapsed;
    wrap.classList.toggle('collapsed', S.collapsed);
    btn.textContent = S.collapsed ? '+' : '–';
    savePlace();
  });
  grip.append(label, btn);
  const frame = document.createElement('iframe');
  frame.src = PANEL_URL;
  frame.setAttribute('allow', 'clipboard-write');
  frame.title = 'Duxin';
  wrap.append(grip, frame);
  tip = document.createElement('div');
  tip.className = 'tip';
  placeStyle = document.createElement('style');
  shadow.append(style, placeStyle, ...(framed ? [wrap] : []), tip);
  setPlace(16, 16);
  dragBy(grip);
  restorePlace(wrap, btn);
  document.documentElement.appendChild(host);
  S.hostEl = host;
}

/** The agent pressed the panel shortcut: collapse or open the panel. */
export function togglePanel() {
  const wrap = S.shadow && S.shadow.querySelector('.wrap');
  S.collapsed = !S.collapsed;
  wrap && wrap.classList.toggle('collapsed', S.collapsed);
}

function placeKey() { return 'place:' + location.host; }

/** Where the panel sits (px from the right and bottom of the window). */
let place = { right: 16, bottom: 16 };
/** @type {HTMLStyleElement | null} */
let placeStyle = null;
function setPlace(/** @type {number} */ right, /** @type {number} */ bottom) {
  place = { right, bottom };
  if (placeStyle) placeStyle.textContent = `:host { right: ${right}px !important; bottom: ${bottom}px !important; }`;
}

function savePlace() {
  chrome.storage.local.set({ [placeKey()]: { right: place.right + 'px', bottom: place.bottom + 'px', collapsed: S.collapsed } });
}

function restorePlace(/** @type {HTMLElement} */ wrap, /** @type {HTMLElement} */ btn) {
  chrome.storage.local.get(placeKey(), (v) => {
    const p = v && v[placeKey()];
    if (!p) return;
    setPlace(parseFloat(p.right) || 16, parseFloat(p.bottom) || 16);
    S.collapsed = !!p.collapsed;
    wrap.classList.toggle('collapsed', S.collapsed);
    btn.textContent = S.collapsed ? '+' : '–';
  });
}

function dragBy(/** @type {HTMLElement} */ handle) {
  handle.addEventListener('pointerdown', (e) => {
    if (e.target instanceof HTMLButtonElement) return;
    const sx = e.clientX, sy = e.clientY;
    const r0 = place.right, b0 = place.bottom;
    const move = (/** @type {PointerEvent} */ ev) => setPlace(Math.max(0, r0 - (ev.clientX - sx)), Math.max(0, b0 - (ev.clientY - sy)));
    const up = () => { removeEventListener('pointermove', move); removeEventListener('pointerup', up); savePlace(); };
    addEventListener('pointermove', move);
    addEventListener('pointerup', up);
  });
}

/** Where a frame's viewport sits in the top page's. @param {Document} d */
const offsetOf = (d) => { const b = pageBox(d.documentElement), r = d.documentElement.getBoundingClientRect(); return { x: b.left - r.left, y: b.top - r.top }; };

let tipFrame = 0;
/** The pointer moved: the one-line explanation of the highlight under it, if any. */
export const onMove = (/** @type {MouseEvent} */ e) => {
  if (tipFrame || !anyPainted()) return;
  const d = /** @type {Document} */ (/** @type {Node} */ (e.target).ownerDocument || document);
  tipFrame = requestAnimationFrame(() => {
    tipFrame = 0;
    const pos = d.caretPositionFromPoint ? /** @type {any} */ (d).caretPositionFromPoint(e.clientX, e.clientY, { shadowRoots: paintedRoots(d) }) : null;
    const hit = pos && paintedAt(pos.offsetNode, pos.offset);
    if (!tip) return;
    if (hit) {
      const o = d === document ? { x: 0, y: 0 } : offsetOf(d);
      tip.textContent = hit.reason; // text only, never HTML
      tip.style.left = e.clientX + o.x + 12 + 'px';
      tip.style.top = e.clientY + o.y + 14 + 'px';
      tip.style.display = 'block';
    } else tip.style.display = 'none';
  });
};

// Keyboard users (caret browsing, or a selection moved with the keys) get the same one-line
// explanation when the caret sits in a highlighted span.
export const onCaret = (/** @type {Document} */ d) => {
  if (!tip || !anyPainted()) return;
  const sel = d.getSelection();
  if (!sel || !sel.rangeCount || !sel.isCollapsed) return;
  // Inside a shadow root the selection's anchor is its host: the composed range says where.
  const roots = paintedRoots(d);
  const at = roots.length && /** @type {any} */ (sel).getComposedRanges ? /** @type {any} */ (sel).getComposedRanges({ shadowRoots: roots })[0] : null;
  const hit = at ? paintedAt(at.startContainer, at.startOffset) : sel.anchorNode && paintedAt(sel.anchorNode, sel.anchorOffset);
  if (!hit) { tip.style.display = 'none'; return; }
  const r = hit.range.getBoundingClientRect();
  const o = d === document ? { x: 0, y: 0 } : offsetOf(d);
  tip.textContent = hit.reason; // text only, never HTML
  tip.style.left = r.left + o.x + 'px';
  tip.style.top = r.bottom + o.y + 6 + 'px';
  tip.style.display = 'block';
};

/** Explain highlights under the pointer and the caret (once, when the content script starts). */
export function listenForPointer() {
  document.addEventListener('mousemove', onMove, { passive: true });
  document.addEventListener('selectionchange', () => onCaret(document));
}

/** The panel off the page (Duxin stops here). */
export function unmountPanel() {
  if (S.hostEl) S.hostEl.remove();
  S.shadow = null;
}
