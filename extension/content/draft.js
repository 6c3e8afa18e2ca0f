// @ts-check
// The agent's draft (issue 16): read, painted, fixed. Only the composer's text is read (on its
// own input events, right after the editor has applied the keystroke; sent only when it changed,
// and never while the panel is still checking the draft before: the answer sends the latest); the
// core checks it in the panel. Findings are painted with a Highlight in a contenteditable composer (no node of the
// page is changed); a fix replaces exactly its span through the insertion engine, so the editor
// keeps it as one undo step.
import { S } from './state.js';
import { KINDS, NAMES } from './names.js';
import { foundComposer, hasComposer } from './reading.js';
import { editableOf, isRich, norm, sleep } from './insertion.js';
import { board } from './highlights.js';
import { draftPoint } from './offsets.js';

/** @typedef {import("../protocol").ToPanel} ToPanel */
/** @typedef {import("./insertion.js").Inserted} Inserted */

const BLOCK = /^(DIV|P|LI|H[1-6]|BLOCKQUOTE|PRE|TR)$/;
/** @typedef {{node: Text, start: number}} DraftPart */
/** The composer's text as the core checks it: a textarea's value, or a contenteditable's text
 * nodes in order with a line break between blocks, and where each text node starts in it.
 * @param {Element} el @returns {{text: string, parts: DraftPart[] | null}} */
export function draftOf(el) {
  if (el instanceof HTMLTextAreaElement || el instanceof HTMLInputElement) return { text: el.value, parts: null };
  /** @type {DraftPart[]} */
  const parts = [];
  let text = '';
  const walk = el.ownerDocument.createTreeWalker(el, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
  // What the agent cannot edit is no part of the draft: an editor's placeholder (Slate's
  // "Reply…" sits in the composer, `contenteditable="false"`).
  const fixed = (/** @type {Node} */ n) => {
    const off = (n.nodeType === 1 ? /** @type {Element} */ (n) : n.parentElement)?.closest('[contenteditable="false"]');
    return !!off && el.contains(off);
  };
  for (let n = walk.nextNode(); n; n = walk.nextNode()) {
    if (fixed(n)) continue;
    if (n instanceof Text) { parts.push({ node: n, start: text.length }); text += n.data; }
    else if (n.nodeName === 'BR' || (BLOCK.test(n.nodeName) && text && !text.endsWith('\n'))) text += '\n';
  }
  return { text, parts };
}

/** A Range over UTF-16 units [start, end) of a contenteditable's draft.
 * @param {DraftPart[]} parts @param {number} start @param {number} end */
export function draftRange(parts, start, end) {
  const pieces = parts.map((p) => ({ start: p.start, length: p.node.data.length }));
  const a = draftPoint(pieces, start, false), b = draftPoint(pieces, end, true);
  if (!a || !b) return null;
  try {
    const r = parts[a.index].node.ownerDocument.createRange();
    r.setStart(parts[a.index].node, a.offset);
    r.setEnd(parts[b.index].node, b.offset);
    return r;
  } catch (_) { return null; }
}

/** The editable composer as last found (never a lookup of the whole page per keystroke). */
const draftEditable = () => (hasComposer() && foundComposer() ? editableOf(foundComposer()) : null);
/** The composer's draft as last read, while no input event came since (a paint reuses it). */
let read = /** @type {{el: Element, text: string, parts: DraftPart[] | null} | null} */ (null);
let lastDraft = '';
/** When the draft in check was sent (0: the panel has answered), and whether it changed since. */
let checking = 0;
let stale = false;
let queued = false;
/** @type {ReturnType<typeof setTimeout> | undefined} */
let late;
/** @type {ReturnType<typeof setTimeout> | undefined} */
let held;

/** A new panel connected: it has no draft yet. */
export function resetDraft() {
  lastDraft = '';
  checking = 0;
  read = null;
}

/** The composer's draft, read again only when it may have changed. @param {Element} el */
function current(el) {
  if (!read || read.el !== el) read = { el, ...draftOf(el) };
  return read;
}

/** Send the draft if it changed; one check at a time (the answer sends what changed meanwhile:
 * `checked`). A check not answered in 500 ms (a panel busy with a snapshot) no longer holds the
 * next one back. */
function sendDraft() {
  queued = false;
  if (!S.port || S.stopped) return;
  const waited = performance.now() - checking;
  if (checking && waited < 500) {
    stale = true;
    clearTimeout(held);
    held = setTimeout(() => { if (stale) sendDraft(); }, 500 - waited);
    return;
  }
  const el = draftEditable();
  const text = el ? current(el).text : '';
  stale = false;
  if (text === lastDraft) { checking = 0; return; }
  lastDraft = text;
  checking = performance.now();
  S.port.postMessage(/** @type {ToPanel} */ ({ type: 'draft', text }));
}

/** The draft may have changed: read it once the editor has applied the change (a task later:
 * editors that cancel `beforeinput` apply it themselves, in the event or a microtask after it),
 * and once more 150 ms later for editors that render later still (sent only if it differs). */
export function draftChanged() {
  read = null;
  if (!queued) { queued = true; setTimeout(sendDraft, 0); }
  clearTimeout(late);
  late = setTimeout(() => { read = null; sendDraft(); }, 150);
}

/** The panel answered a draft (its findings): the next one may go. */
function checked() {
  checking = 0;
  clearTimeout(held);
  if (stale) sendDraft();
}

/** The composer whose nodes are watched: editors that handle a key themselves (Quill's
 * Backspace, a paste) change the text with no input event. */
let watched = /** @type {Element | null} */ (null);
/** @type {MutationObserver | null} */
let watcher = null;
/** @param {Element} el */
function watch(el) {
  if (watched === el) return;
  if (!watcher) watcher = new MutationObserver(() => { if (S.port && !S.stopped) draftChanged(); });
  watcher.disconnect();
  watched = el;
  watcher.observe(el, { childList: true, subtree: true, characterData: true });
}

/** Follow the composer's own input events (once, when the content script starts), and its nodes
 * from the first key or focus in it. */
export function listenForDrafts() {
  // `beforeinput` too: editors that cancel it and apply the change themselves (Slate) fire no
  // `input`; the read comes a task later, after their render.
  for (const type of ['input', 'beforeinput', 'keydown', 'focusin']) {
    document.addEventListener(type, (e) => {
      if (!S.port || S.stopped || !S.profile) return;
      const el = draftEditable();
      if (!el || !e.composedPath().includes(el)) return;
      watch(el);
      if (type === 'input' || type === 'beforeinput') draftChanged();
    }, { capture: true, passive: true });
  }
}

/** @type {Highlight | null} */
let draftBoard = null;
/** Paint the findings' spans in the composer, if it still holds `draft`.
 * @param {{start: number, end: number}[]} spans @param {string} draft */
export function paintDraft(spans, draft) {
  checked();
  const el = draftEditable();
  if (draftBoard) draftBoard.clear();
  if (!el || !spans.length) return;
  const d = current(el);
  if (!d.parts || d.text !== draft) return;
  if (!draftBoard) { board(KINDS[0]); draftBoard = new Highlight(); }
  for (const s of spans) {
    const r = Number.isInteger(s.start) && Number.isInteger(s.end) && s.start < s.end ? draftRange(d.parts, s.start, s.end) : null;
    if (r) draftBoard.add(r);
  }
  if (CSS.highlights.get(NAMES.draft) !== draftBoard) CSS.highlights.set(NAMES.draft, draftBoard);
}

/** Replace units [start, end) of the draft with `text` (the draft must still be `draft`).
 * @param {number} start @param {number} end @param {string} text @param {string} draft
 * @returns {Promise<Inserted>} */
export async function fixDraft(start, end, text, draft) {
  const el = draftEditable();
  if (!el) return { ok: false, technique: 'none', detail: 'no composer' };
  const d = draftOf(el);
  if (d.text !== draft || !(0 <= start && start <= end && end <= draft.length)) return { ok: false, technique: 'none', detail: 'the draft changed' };
  /** @type {HTMLElement} */ (el).focus();
  if (!d.parts) /** @type {HTMLTextAreaElement} */ (el).setSelectionRange(start, end);
  else {
    const r = draftRange(d.parts, start, end);
    const sel = document.getSelection();
    if (!r || !sel) return { ok: false, technique: 'none', detail: 'no range' };
    sel.removeAllRanges();
    sel.addRange(r);
  }
  await sleep(isRich(el) ? 120 : 30);
  const want = norm(draft.slice(0, start) + text + draft.slice(end));
  const landed = () => norm(draftOf(el).text) === want;
  if (!text) document.execCommand('delete');
  else if (isRich(el)) {
    const dt = new DataTransfer();
    dt.setData('text/plain', text);
    el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true, composed: true }));
  } else document.execCommand('insertText', false, text);
  for (let i = 0; i < 5 && !landed(); i++) await sleep(30);
  // Firefox gives the editor no data from a script's paste (see insert): typed input instead.
  if (!landed() && text && isRich(el) && draftOf(el).text === draft) {
    document.execCommand('insertText', false, text);
    for (let i = 0; i < 5 && !landed(); i++) await sleep(30);
  }
  draftChanged();
  return landed() ? { ok: true, technique: text ? (isRich(el) ? 'paste' : 'exec_command') : 'delete' } : { ok: false, technique: 'none', detail: 'the editor did not take the fix' };
}
