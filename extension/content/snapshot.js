// @ts-check
// Keeping up with the page: mutations coalesce into one reading, an unchanged conversation is not
// sent again, a changed one sends only the messages after those the panel has (`keep`), and a
// long chat's first reading is done in slices so the page never waits for it in one long task.
import { S } from './state.js';
import { R, itemSel, invalidate, panesChanged, pick, read, readItem, recheck, sameMsg, site, chooseProfile } from './reading.js';
import { treesOf } from './trees.js';
import { onScroll, repaint } from './highlights.js';
import { draftChanged } from './draft.js';
import { onCaret, onMove } from './frame.js';

/** @typedef {import("../protocol").ToPanel} ToPanel */
/** @typedef {import("../protocol").Message} Message */

/** The rest of the last snapshot sent (order, customer, site) as JSON, and its messages. */
let lastSent = '';
/** @type {Message[] | null} */
let sentMessages = null;
/** @type {MutationObserver | null} */
let observer = null;
/** @type {Element | null} */
let observed = null;

/** A new panel connected: it has nothing yet. */
export function resetSent() {
  lastSent = '';
  sentMessages = null;
}

/** Items of the list not read yet, when there are many (a long chat's first reading), are read
 * in slices of about 15 ms, one task each, before the conversation is: the page never waits
 * for all of them in one long task. The snapshot is sent once they are read. */
function warmed(/** @type {boolean} */ force) {
  if (R.warming) return false;
  const profile = /** @type {import("./state.js").Profile} */ (S.profile);
  const container = pick(document, 'container', profile.container);
  const cold = container ? pick(container, 'item', profile.item, true).filter((/** @type {Element} */ it) => !R.itemCache.has(it)) : [];
  if (cold.length < 300) return true;
  R.warming = true;
  let i = 0;
  const step = () => {
    if (S.stopped || !S.profile) { R.warming = false; return; }
    R.readings++;
    const memo = new Map();
    const t = performance.now();
    while (i < cold.length && performance.now() - t < 15) { const it = cold[i++]; if (it.isConnected) readItem(it, container, memo); }
    if (i < cold.length) { setTimeout(step, 0); return; }
    R.warming = false;
    setTimeout(() => sendSnapshot(force), 0);
  };
  setTimeout(step, 0);
  return false;
}

/** Read the page and send the panel what changed (`force`: all of it, looked up afresh). */
export function sendSnapshot(/** @type {boolean} */ force) {
  const port = S.port;
  if (!port) return;
  if (!S.profile) S.profile = chooseProfile();
  // Asked for a fresh reading: the list is looked up again too.
  if (force) R.structural = true;
  if (S.profile && (R.structural || R.warming) && !warmed(force)) return;
  const r = S.profile ? read() : null;
  if (!r || r.conversation.messages.length === 0) {
    S.entries = [];
    sentMessages = null;
    S.cues = [];
    repaint();
    const msg = /** @type {ToPanel} */ ({ type: 'no_console', site: site() });
    const key = JSON.stringify(msg);
    if (force || key !== lastSent) { lastSent = key; port.postMessage(msg); }
    return;
  }
  S.entries = r.entries;
  const s = site();
  // Messages are compared by value (a list re-rendered with the same words is the same): an
  // unchanged conversation is not sent again (the panel would analyse it again), and a changed
  // one sends only the messages after those the panel already has (`keep`).
  const { messages, now: _n, ...rest } = r.conversation;
  const key = JSON.stringify({ rest, s });
  let keep = 0;
  if (!force && sentMessages) {
    const n = Math.min(sentMessages.length, messages.length);
    while (keep < n && sameMsg(messages[keep], sentMessages[keep])) keep++;
  }
  if (!force && sentMessages && keep === messages.length && keep === sentMessages.length && key === lastSent) {
    // The words are the same; their nodes may be new: highlights move over to them.
    repaint();
    return;
  }
  lastSent = key;
  sentMessages = messages;
  const conversation = keep ? { ...r.conversation, messages: messages.slice(keep) } : r.conversation;
  port.postMessage(/** @type {ToPanel} */ ({ type: 'snapshot', conversation, site: s, keep }));
  draftChanged();
  watchInner();
}

/** @type {WeakSet<ShadowRoot>} the messages' own shadow roots the observer watches */
let watching = new WeakSet();
/** Messages that keep their words in a shadow root of their own: watched like the list (a page's
 * observer does not see into shadow roots); those of messages gone are let go. */
function watchInner() {
  if (!observer) return;
  for (const r of R.inner) {
    if (!r.host.isConnected) { R.inner.delete(r); continue; }
    if (watching.has(r)) continue;
    observer.observe(r, OBSERVE);
    watching.add(r);
  }
}

/** What the observer is told to watch (`aria-busy`: a message done being written). */
const OBSERVE = { childList: true, subtree: true, characterData: true, attributes: true, attributeOldValue: true, attributeFilter: ['class', 'data-is-active', 'style', 'hidden', 'aria-busy'] };

let pending = 0;
/** @param {MutationRecord[] | null} records */
function schedule(records) {
  if (records) invalidate(records);
  if (pending || (!R.dirty && !R.suspects.size && !R.paneCheck && !R.elsewhere.size)) return;
  // Mutations coalesce. Nodes changed: the page draws a frame for them anyway; one reading for
  // all that changed before it, right after it (its layout is done then: reading forces none;
  // a hidden tab draws no frames: then within 100 ms). Only attributes changed: within 30 ms,
  // without asking for a frame (that alone would make the page draw one each time).
  pending = 1;
  let done = false;
  const run = () => {
    if (done) return;
    done = true;
    pending = 0;
    if (panesChanged()) R.dirty = R.structural = true;
    if (!R.dirty && recheck()) return;
    sendSnapshot(false);
    ensureObserved();
  };
  if (R.dirty) requestAnimationFrame(() => setTimeout(run, 0));
  setTimeout(run, R.dirty ? 100 : 30);
}

// A message that fades in (a CSS animation or transition) changes no attribute when it ends:
// read it again then, it may have been read while transparent.
const FADES = ['animationend', 'transitionend'];
const onFade = (/** @type {Event} */ e) => {
  const t = /** @type {Element} */ (e.target);
  if (!observer || !t || t.nodeType !== 1) return;
  let item = null;
  try { item = t.closest(itemSel()); } catch (_) { item = null; }
  if (item) { R.suspects.add(item); schedule(null); }
};

/** Listen for fades on the page (once, when the content script starts). */
export function listenForFades() {
  for (const type of FADES) document.addEventListener(type, onFade, { capture: true, passive: true });
}

/** Watch the chat's list (and the body, and each tree from the list up to the page). */
export function ensureObserved() {
  const profile = S.profile;
  const target = (profile && (R.lastContainer && R.lastContainer.isConnected ? R.lastContainer : pick(document, 'container', profile.container))) || document.body;
  if (observed === target && target.isConnected) return;
  if (observer) observer.disconnect();
  observer = new MutationObserver(schedule);
  watching = new WeakSet();
  const opts = OBSERVE;
  // Watch the body too: consoles that replace the whole list (Vue) drop our container.
  observer.observe(document.body, opts);
  // A chat inside web components or a frame: each tree from the list's up to the page is
  // watched too (a page's observer does not see into shadow roots or frames).
  for (const t of treesOf(target)) {
    const n = t.nodeType === 9 ? /** @type {Document} */ (t).documentElement : t;
    if (t === document || !n) continue;
    observer.observe(n, opts);
    listenIn(t);
  }
  observed = target;
  watchInner();
}

/** Stop watching the page (Duxin stops here). */
export function stopObserving() {
  if (observer) observer.disconnect();
  observer = null;
}

/** A shadow root or a frame's document where the chat is: the page's listeners do not hear
 * its scrolling and fading (and, in a frame, its pointer and caret). Listened to once. */
const listened = new WeakSet();
function listenIn(/** @type {Document | ShadowRoot} */ t) {
  if (listened.has(t)) return;
  listened.add(t);
  const opts = { capture: true, passive: true };
  t.addEventListener('scroll', onScroll, opts);
  for (const type of FADES) t.addEventListener(type, onFade, opts);
  if (t.nodeType === 9) {
    t.addEventListener('mousemove', /** @type {EventListener} */ (onMove), { passive: true });
    t.addEventListener('selectionchange', () => onCaret(/** @type {Document} */ (t)));
  }
}
