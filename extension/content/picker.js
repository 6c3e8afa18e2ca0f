// @ts-check
// The element picker: the agent shows Duxin a chat it cannot read by clicking a customer message,
// one of theirs and the reply box; a profile is worked out from the three (teach.js) and kept for
// the site. It never changes a page node
// (its bar and box live in our closed shadow root), swallows its clicks before the page sees them,
// and takes only trusted events: a page script cannot drive it.
import { S } from './state.js';
import { allScopes, pageBox } from './trees.js';
import { deriveProfile } from './teach.js';
import { forgetReading, read } from './reading.js';
import { ensureObserved, sendSnapshot } from './snapshot.js';

/** The chrome.storage.local key of the profile taught on this site. */
export const taughtKey = () => 'profile:' + location.host;

/** @type {{finish: () => void} | null} */
let picking = null;

/** Show the picker's bar and follow the agent's three clicks. */
export function startPicker() {
  const shadow = S.shadow;
  if (picking || !shadow) return;
  const bar = document.createElement('div');
  bar.className = 'pickbar';
  const say = document.createElement('span');
  const cancel = document.createElement('button');
  cancel.textContent = chrome.i18n.getMessage('pick_cancel') || 'Cancel';
  bar.append(say, cancel);
  const box = document.createElement('div');
  box.className = 'pickbox';
  shadow.append(bar, box);
  const steps = ['pick_customer', 'pick_agent', 'pick_composer'];
  /** @type {Element[]} */
  const picked = [];
  say.textContent = chrome.i18n.getMessage(steps[0]);
  const target = (/** @type {Event} */ e) => {
    // Inside a web component the event's target is its host: the composed path says what was
    // clicked (in an open shadow root; a closed one hides it).
    const path = e.composedPath ? e.composedPath() : [];
    const el = /** @type {Element} */ (path[0] && /** @type {Node} */ (path[0]).nodeType === 1 ? path[0] : e.target);
    if (!el || el === S.hostEl) return null;
    if (picked.length === 2) return el.closest('textarea, [contenteditable="true"], [contenteditable=""], input') || el;
    return el;
  };
  // Only the agent's own pointer counts: events a page script makes (el.click(), dispatchEvent)
  // are not trusted, and must not pick anything (a page could plant a profile).
  const move = (/** @type {Event} */ e) => {
    if (!e.isTrusted) return;
    const el = target(e);
    if (!el) { box.style.display = 'none'; return; }
    const r = pageBox(el);
    Object.assign(box.style, { display: 'block', left: r.left + 'px', top: r.top + 'px', width: r.width + 'px', height: r.height + 'px' });
  };
  const click = (/** @type {Event} */ e) => {
    if (!e.isTrusted) return;
    const el = target(e);
    if (!el) return;
    // The page must not act on the agent's pointing (no link followed, no message opened).
    e.preventDefault();
    e.stopImmediatePropagation();
    picked.push(el);
    if (picked.length < 3) { say.textContent = chrome.i18n.getMessage(steps[picked.length]); return; }
    finish();
  };
  const swallow = (/** @type {Event} */ e) => { if (e.isTrusted && target(e)) { e.preventDefault(); e.stopImmediatePropagation(); } };
  const opts = { capture: true };
  // The page and each same-origin frame in it (a frame's clicks do not reach the page).
  const docs = /** @type {Document[]} */ (allScopes().filter((t) => t.nodeType === 9));
  const finish = () => {
    for (const d of docs) {
      d.removeEventListener('pointermove', move, opts);
      d.removeEventListener('click', click, opts);
      d.removeEventListener('mousedown', swallow, opts);
      d.removeEventListener('pointerdown', swallow, opts);
    }
    box.remove();
    picking = null;
    if (picked.length < 3) { bar.remove(); return; }
    const p = deriveProfile(picked[0], picked[1], picked[2], { name: chrome.i18n.getMessage('teach') + ' · ' + location.host, host: location.host });
    if (!p) { say.textContent = chrome.i18n.getMessage('pick_failed'); setTimeout(() => bar.remove(), 4000); return; }
    S.taught = p;
    S.profile = p;
    chrome.storage.local.set({ [taughtKey()]: p });
    forgetReading();
    const r = read();
    say.textContent = chrome.i18n.getMessage('pick_done', [String(r ? r.conversation.messages.length : 0)]);
    cancel.remove();
    setTimeout(() => bar.remove(), 5000);
    ensureObserved();
    sendSnapshot(true);
  };
  cancel.addEventListener('click', (e) => { if (e.isTrusted) { picked.length = 0; finish(); } });
  for (const d of docs) {
    d.addEventListener('pointermove', move, opts);
    d.addEventListener('click', click, opts);
    d.addEventListener('mousedown', swallow, opts);
    d.addEventListener('pointerdown', swallow, opts);
  }
  picking = { finish };
}
