// @ts-check
// Highlights: the panel's cues painted over the page's text with the CSS Custom Highlight API (no
// node of the page is created or changed). Paint work stays bounded however long the chat or a
// message: only the messages on screen (and a screen above and below) and the newest ones are
// painted, at most MAX_RANGES ranges in all; a new reading or paint touches only the messages
// whose cues or nodes changed. (How many cues a message sends at most is the core's call:
// `protocol::MAX_HIGHLIGHTS_PER_MESSAGE`.)
import { S } from './state.js';
import { KINDS, NAMES } from './names.js';
import { winOf } from './trees.js';
import { locate } from './offsets.js';

/** @typedef {import("./state.js").Entry} Entry */
/** @typedef {import("./state.js").CueHighlight} CueHighlight */
/** @typedef {{range: Range, kind: string, reason: string, board?: Highlight}} Painted */

/** Ranges in the page at most. */
const MAX_RANGES = 2000;
/** The newest messages are painted even out of view (a new one may arrive below the fold). */
const RECENT = 50;
/** @type {Map<Element, {entry: Entry, sig: string, items: Painted[]}>} what is painted, by text element */
let painted = new Map();
/** @type {Record<string, Highlight>} one Highlight per kind, kept and changed in place */
const boards = {};
let styled = false;
/** @type {Map<Window & typeof globalThis, Record<string, Highlight>>} the same for each same-origin frame (a frame
 * has its own highlight registry) */
const frameBoards = new Map();
/** The highlight rules with this load's names (from the service worker), for the trees the
 * page's styles do not reach: each shadow root and frame with painted text adopts one
 * constructed sheet holding them, removed again when Duxin stops. */
let sheetText = '';
/** @type {Map<Document | ShadowRoot, CSSStyleSheet>} */
const adopted = new Map();

/** The highlight rules reach the tree `node` is in (a shadow root, a frame's document). */
function styleTree(/** @type {Node} */ node) {
  const t = /** @type {Document | ShadowRoot} */ (node.getRootNode());
  if (t === document || adopted.has(t) || !sheetText || (t.nodeType !== 9 && t.nodeType !== 11)) return;
  try {
    const sheet = new (winOf(t).CSSStyleSheet)();
    sheet.replaceSync(sheetText);
    t.adoptedStyleSheets = [...t.adoptedStyleSheets, sheet];
    adopted.set(t, sheet);
  } catch (e) { console.debug('duxin: highlight styles', e); }
}

/** Take the adopted sheets out again (Duxin stops on this page). */
function unstyleTrees() {
  for (const [t, sheet] of adopted) {
    try { t.adoptedStyleSheets = t.adoptedStyleSheets.filter((x) => x !== sheet); } catch (_) { /* gone */ }
  }
  adopted.clear();
  for (const [w, b] of frameBoards) {
    for (const k of KINDS) { try { b[k].clear(); w.CSS.highlights.delete(NAMES[k]); } catch (_) { /* frame gone */ } }
  }
  frameBoards.clear();
}

/** Range over an entry's text nodes for UTF-16 offsets [start, end) of its text.
 * @param {Entry} e @param {number} start @param {number} end */
function rangeFor(e, start, end) {
  const at = locate(e.nodes.map((n) => n.data.length), start, end);
  if (!at) return null;
  try {
    const startNode = e.nodes[at.start.index];
    const r = startNode.ownerDocument.createRange();
    r.setStart(startNode, at.start.offset);
    r.setEnd(e.nodes[at.end.index], at.end.offset);
    return r;
  } catch (_) {
    return null; // the node changed since it was read: the next reading paints it again
  }
}

/** The Highlight of a kind in the registry of the page (or frame) that holds `node`.
 * @param {string} kind @param {Node} node */
function boardFor(kind, node) {
  const w = winOf(node);
  if (w === window) return board(kind);
  askStyle();
  styleTree(node);
  let b = frameBoards.get(w);
  if (!b) {
    b = {};
    for (const k of KINDS) { b[k] = new w.Highlight(); w.CSS.highlights.set(NAMES[k], b[k]); }
    frameBoards.set(w, b);
  }
  return b[kind];
}

/** The highlight styles for this load's names: inserted into the page by the service worker,
 * and their text kept for the trees it does not reach. Asked once. */
function askStyle() {
  if (styled) return;
  styled = true;
  chrome.runtime.sendMessage({ type: 'highlight-style', names: NAMES }).then((r) => {
    if (!r || typeof r.css !== 'string') return;
    sheetText = r.css;
    // Trees painted before the rules came.
    for (const p of painted.values()) for (const it of p.items) styleTree(it.range.startContainer);
  }, () => { styled = false; });
}

/** The page's Highlight for a kind (all kinds registered at once). @param {string} kind */
export function board(kind) {
  askStyle();
  // All kinds are registered at once and stay registered (empty when there is nothing to
  // show): each change of the registry's names restyles the whole page (tens of ms on a long
  // chat), a range added to a registered Highlight only repaints.
  if (!boards[kind] || CSS.highlights.get(NAMES[kind]) !== boards[kind]) {
    for (const k of KINDS) {
      const b = boards[k] || (boards[k] = new Highlight());
      if (CSS.highlights.get(NAMES[k]) !== b) CSS.highlights.set(NAMES[k], b);
    }
  }
  return boards[kind];
}

/** The panel's highlights of the messages `from` on (0: all of them).
 * @param {CueHighlight[]} hs @param {number} from */
export function paint(hs, from) {
  if (Number.isInteger(from) && from > 0) S.cues.length = Math.min(S.cues.length, from);
  else S.cues = [];
  for (const h of hs) {
    if (!h || !Number.isInteger(h.message) || h.message < 0 || !KINDS.includes(h.kind)) continue;
    (S.cues[h.message] = S.cues[h.message] || []).push(h);
  }
  repaint();
}

/** Indices of the messages on screen or within a screen of it (found by halving: the list
 * runs top to bottom, or bottom to top). */
function onScreen() {
  /** @type {number[]} */
  const out = [];
  const entries = S.entries;
  const n = entries.length;
  if (!n) return out;
  const h = innerHeight;
  const where = (/** @type {number} */ i) => {
    const r = /** @type {Element} */ (entries[i].textEl).getBoundingClientRect();
    return r.bottom < -h ? -1 : r.top > 2 * h ? 1 : 0;
  };
  const down = where(0) <= where(n - 1);
  let lo = 0, hi = n - 1, hit = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const w = down ? where(mid) : -where(mid);
    if (w === 0) { hit = mid; break; }
    if (w < 0) lo = mid + 1; else hi = mid - 1;
  }
  if (hit < 0) return out;
  for (let i = hit; i >= 0 && out.length < 500 && where(i) === 0; i--) out.push(i);
  for (let i = hit + 1; i < n && out.length < 500 && where(i) === 0; i++) out.push(i);
  return out;
}

function unpaint(/** @type {{items: Painted[]}} */ p) {
  for (const it of p.items) if (it.board) it.board.delete(it.range);
}

/** Bring the page's highlights in line with the panel's cues for the messages that matter now.
 * A failing paint is caught: the next one starts clean. */
export function repaint() {
  if (!('highlights' in CSS)) return;
  try {
    repaintNow();
  } catch (e) {
    console.debug('duxin: paint failed', e);
    for (const k of KINDS) { if (boards[k]) boards[k].clear(); CSS.highlights.delete(NAMES[k]); }
    CSS.highlights.delete(NAMES.draft);
    for (const b of frameBoards.values()) for (const k of KINDS) b[k].clear();
    painted = new Map();
  }
}

function repaintNow() {
  const { entries, cues } = S;
  const n = entries.length;
  const want = new Set(cues.length ? onScreen() : []);
  for (let i = Math.max(0, n - RECENT); i < n; i++) want.add(i);
  /** @type {typeof painted} */
  const next = new Map();
  let budget = MAX_RANGES;
  // Newest first: they keep their highlights when the budget runs out.
  for (const i of [...want].sort((a, b) => b - a)) {
    const e = entries[i], cs = cues[i];
    if (!e || !e.textEl || !cs || !e.textEl.isConnected || next.has(e.textEl)) continue;
    const sig = cs.map((h) => `${h.start},${h.end},${h.kind},${h.reason}`).join('|');
    const old = painted.get(e.textEl);
    if (old && old.entry === e && old.sig === sig) {
      next.set(e.textEl, old);
      painted.delete(e.textEl);
      budget -= old.items.length;
      continue;
    }
    /** @type {Painted[]} */
    const items = [];
    for (const h of cs) {
      if (items.length >= budget) break;
      const r = rangeFor(e, h.start, h.end);
      if (r) items.push({ range: r, kind: h.kind, reason: h.reason });
    }
    if (old) { unpaint(old); painted.delete(e.textEl); }
    for (const it of items) {
      const n = it.range.startContainer;
      it.board = n.ownerDocument === document ? board(it.kind) : boardFor(it.kind, n);
      if (n.getRootNode() !== document) styleTree(n);
      it.board.add(it.range);
    }
    budget -= items.length;
    next.set(e.textEl, { entry: e, sig, items });
  }
  for (const p of painted.values()) unpaint(p);
  painted = next;
}

/** Every highlight off the page (Duxin stops here). */
export function clearHighlights() {
  painted = new Map();
  S.cues = [];
  for (const k of KINDS) { if (boards[k]) boards[k].clear(); CSS.highlights.delete(NAMES[k]); }
  CSS.highlights.delete(NAMES.draft);
  unstyleTrees();
}

/** Is anything painted (else the pointer and caret need no look-up)? */
export const anyPainted = () => painted.size > 0;

/** The painted span at a point of the page's text, if any. @param {Node} node @param {number} offset */
export function paintedAt(node, offset) {
  for (const [el, p] of painted) {
    if (!el.contains(node)) continue;
    return p.items.find((it) => { try { return it.range.isPointInRange(node, offset); } catch (_) { return false; } }) || null;
  }
  return null;
}

/** The shadow roots of a document that hold painted text (so a point or a caret inside them
 * can be found: the page's own look-ups stop at a shadow root). @param {Document} d */
export const paintedRoots = (d) => /** @type {ShadowRoot[]} */ ([...adopted.keys()].filter((t) => t.nodeType === 11 && t.ownerDocument === d));

// Scrolling (the page or the chat's list) brings other messages on screen.
let scrollFrame = 0;
export const onScroll = () => {
  if (scrollFrame || !S.cues.length) return;
  scrollFrame = requestAnimationFrame(() => { scrollFrame = 0; repaint(); });
};

/** Repaint on the page's scrolling and resizing (once, when the content script starts). */
export function listenForScroll() {
  document.addEventListener('scroll', onScroll, { capture: true, passive: true });
  addEventListener('resize', onScroll, { passive: true });
}
