// @ts-check
// Reading the page through a profile: the chat's list, its messages (only what a reader sees),
// roles, times, and the order and customer facts beside the chat. Reading is incremental: what
// each item was read as is kept until a mutation touches it, messages appended at the end of the
// list are added to the known items, and attribute changes re-read an item only when it no longer
// looks the same.
import { S } from './state.js';
import { HOP, brings, holdsDeep, hopParts, queryAll, closedShadow } from './trees.js';
import { rendered, seenText, visible } from './sight.js';
import { detectGeneric } from './detector.js';
import { mainText } from './selectors.js';

/** @typedef {import("../protocol").Conversation} Conversation */
/** @typedef {import("../protocol").Message} Message */
/** @typedef {import("../protocol").Role} Role */
/** @typedef {import("../protocol").SiteStatus} SiteStatus */
/** @typedef {import("./state.js").Entry} Entry */
/** @typedef {import("./state.js").Profile} Profile */

/** The reading's bookkeeping that the part keeping up with the page (snapshot.js) looks at. */
export const R = {
  /**
   * What each message item was read as, kept until a mutation touches the item: a new message in
   * a 2,000-message console costs one item's reading, not 2,000 (no long task on the page).
   * @type {WeakMap<Element, Entry>}
   */
  itemCache: new WeakMap(),
  /** Nodes were added, removed or changed: the conversation is read again (cached items kept). */
  dirty: true,
  /** The list of items (or the chat's container) may have changed: they are looked up again. */
  structural: true,
  /** @type {Set<Element>} items whose attributes changed (a class, a style): read again, and compared */
  suspects: new Set(),
  /** The chat's pane itself changed an attribute: was it hidden or shown? */
  paneCheck: false,
  /** @type {Set<Element>} elements outside the chat whose attributes changed */
  elsewhere: new Set(),
  /** @type {Element | null} the container of the last reading */
  lastContainer: null,
  /** Readings so far (one per read or recheck). */
  readings: 0,
  /** A long chat's first reading is under way, in slices. */
  warming: false,
  /** @type {Set<ShadowRoot>} shadow roots inside messages that hold read text (a message that is
   * a web component): watched for changes like the list (snapshot.js) */
  inner: new Set(),
};

/** @type {Element[]} */
let lastItems = [];
let containerSeen = false;
/** @type {Element[]} items added at the end of the list since the last reading */
let appended = [];
/** Which of the profile's item selectors found the items last time. */
let itemSelIndex = -1;
/** @type {{el: Element, at: number, box: DOMRect} | null} the list's box in the current reading */
let listBox = null;
/** What `pick` noted for the container and the items in the last full look-up. @type {string[]} */
let listNotes = [];

/** Everything read so far is forgotten (a new profile): the next reading starts afresh. */
export function forgetReading() {
  R.itemCache = new WeakMap();
  R.dirty = R.structural = true;
}

/** First element matching one of the selectors; records which fallback matched.
 * @returns {any} */
export function pick(root, field, sels, all = false) {
  if (!sels) return all ? [] : null;
  for (let i = 0; i < sels.length; i++) {
    const [sel] = sels[i].split('@');
    // ":scope" is the element itself (a taught item whose whole text is the message).
    if (sel === ':scope') { note(field, i, sels.length); return all ? [root] : root; }
    try {
      if (all) {
        const els = queryAll(root, sel);
        if (els.length) { note(field, i, sels.length); return els; }
      } else {
        // Prefer a visible match: consoles keep other conversations mounted but hidden.
        const els = queryAll(root, sel);
        const el = els.find(visible) || els[0];
        if (el) { note(field, i, sels.length); return el; }
      }
    } catch (_) { /* an invalid selector in a user profile is skipped */ }
  }
  return all ? [] : null;
}

function note(field, i, n) {
  const s = `${field}: #${i + 1}${n > 1 ? `/${n}` : ''}`;
  if (!S.matched.includes(s)) S.matched.push(s);
}

/** Value of a field: element text, or an attribute for selectors written `sel@attr`. */
function fieldValue(root, field, sels) {
  if (!sels) return undefined;
  for (let i = 0; i < sels.length; i++) {
    const [sel, attr] = sels[i].split('@');
    let el = null;
    try { el = sel.includes(HOP) ? queryAll(root, sel)[0] || null : root.querySelector(sel); } catch (_) { continue; }
    if (!el) continue;
    note(field, i, sels.length);
    const v = attr ? el.getAttribute(attr) : el.textContent;
    return v ? v.trim() : undefined;
  }
  return undefined;
}

export function matchesAny(el, sels) {
  for (const s of sels || []) {
    try {
      if (s.includes(HOP) ? queryAll(el, s).length > 0 : el.matches(s) || el.querySelector(s)) return true;
    } catch (_) { /* skip */ }
  }
  return false;
}

/** The profile for this page: the one taught here, a shipped one by URL, then by a detect
 * selector, then the generic detector. @returns {Profile | null} */
export function chooseProfile() {
  const profiles = globalThis.DUXIN_PROFILES || [];
  const href = location.href;
  // What the agent taught Duxin on this site comes first.
  if (S.taught) return S.taught;
  for (const p of profiles) {
    if ((p.urls || []).some((u) => href.includes(u))) return p;
  }
  for (const p of profiles) {
    for (const s of p.detect || []) {
      try { if (queryAll(document, s).length) return p; } catch (_) { /* skip */ }
    }
  }
  return detectGeneric();
}

function roleOf(item, container, bubble = null) {
  const profile = /** @type {Profile} */ (S.profile);
  const r = profile.role || {};
  // Some consoles mark robot replies only by a line of text (抖店: 此消息由机器人自动回复).
  const t = item.textContent || '';
  if ((profile.bot_text || []).some((b) => t.includes(b))) return 'bot';
  for (const role of /** @type {const} */ (['bot', 'system', 'customer', 'agent'])) {
    if (matchesAny(item, r[role])) return role;
  }
  // Some consoles mark no side at all: the sender's name (快手's header line, Etsy's avatar alt
  // text) is the buyer's nickname or not.
  if (r.sender) {
    const from = fieldValue(item, 'role.sender', r.sender.name);
    const buyer = fieldValue(document, 'role.buyer', r.sender.buyer);
    if (from && buyer) return from.startsWith(buyer) ? 'customer' : 'agent';
  }
  // Geometry: left of the stream's centre is the customer.
  const c = container.getBoundingClientRect();
  // (For a detected chat, the bubble's own box: kits make every row full width.)
  const b = (bubble || item).getBoundingClientRect();
  if (b.width > 0 && c.width > 0) return b.left + b.width / 2 < c.left + c.width / 2 ? 'customer' : 'agent';
  return 'system';
}

// Which item an element is in (`closest`): the item selectors without ":scope >" (in `closest`,
// ":scope" is the element asked, never an ancestor), and one that goes on into a web component
// up to there.
export const itemSel = () => (S.profile && S.profile.item || []).map((x) => hopParts(x.split('@')[0])[0].replace(/^\s*:scope\s*>\s*/, '')).join(',');

/** @type {{profile: any, classes: Set<string>, text: string}} class names and text of the profile's selectors */
let named = { profile: null, classes: new Set(), text: '' };
/** Does this attribute change touch a class or attribute the profile's selectors name? */
function marks(/** @type {MutationRecord} */ r) {
  if (named.profile !== S.profile) {
    const text = JSON.stringify(S.profile || {});
    named = { profile: S.profile, text, classes: new Set(Array.from(text.matchAll(/\.(-?[_a-zA-Z][\w-]*)/g), (m) => m[1])) };
  }
  if (r.attributeName !== 'class') return named.text.includes(r.attributeName || '');
  const now = ' ' + (/** @type {Element} */ (r.target).getAttribute('class') || '').replace(/\s+/g, ' ') + ' ';
  const was = ' ' + (r.oldValue || '').replace(/\s+/g, ' ') + ' ';
  if (now === was) return false;
  for (const c of named.classes) if (now.includes(' ' + c + ' ') !== was.includes(' ' + c + ' ')) return true;
  return false;
}

/** Sort what mutated: nodes changed in an item (read it again), attributes changed in an item
 * (read it again and compare: a hover class changes nothing), nodes changed elsewhere (read the
 * conversation again), attributes changed elsewhere (only if the chat was switched or hidden).
 * @param {MutationRecord[]} records */
export function invalidate(records) {
  const sel = itemSel();
  for (const r of records) {
    const node = r.target.nodeType === Node.ELEMENT_NODE ? /** @type {Element} */ (r.target) : r.target.parentElement;
    if (!node) { R.dirty = true; continue; }
    const item = itemOf(node, sel);
    if (item) {
      // A class the profile's selectors name (a role, the text element) changes the reading:
      // read the item again; any other attribute change, only if it shows or hides something.
      // (A message marked busy or done being written is read again.)
      if (r.type === 'attributes' && r.attributeName !== 'aria-busy' && !marks(r)) R.suspects.add(item);
      else { R.itemCache.delete(item); R.dirty = true; }
    } else if (r.type !== 'attributes') {
      R.dirty = true;
      if (!(r.type === 'childList' && appendedTo(r))) R.structural = true;
    } else if (R.lastContainer && holdsDeep(node, R.lastContainer)) {
      // The chat's pane itself: matters only when it was hidden or shown (checked once per flush).
      R.paneCheck = true;
    } else if (R.lastContainer && R.lastContainer.contains(node)) {
      // A wrapper inside the list: the items in it may have been hidden or shown.
      try { for (const it of node.querySelectorAll(sel)) R.suspects.add(it); } catch (_) { /* skip */ }
    } else {
      // Elsewhere: only another chat pane switched in matters (checked once per flush).
      R.elsewhere.add(node);
    }
  }
}

/** The message item a node is in: in the list's tree, or inside a message's own shadow root. */
function itemOf(/** @type {Element} */ node, /** @type {string} */ sel) {
  if (!sel) return null;
  try {
    const item = node.closest(sel);
    if (item) return item;
    const list = R.lastContainer;
    if (!list) return null;
    for (let r = /** @type {any} */ (node.getRootNode()); r !== list.getRootNode() && r.nodeType === 11; r = r.host.getRootNode()) {
      const it = r.host.closest(sel);
      if (it && list.contains(it)) return it;
    }
  } catch (_) { /* an invalid selector: no item */ }
  return null;
}

/**
 * Nodes added or removed outside the items: the common case, messages appended at the end of
 * the list, adds them to the items already known (a new message in a 10,000-message chat looks
 * up one item, not 10,000). Nodes elsewhere in the page that hold no chat change no item.
 * Anything else: the items are looked up again. True when the record was taken care of here.
 * @param {MutationRecord} r
 */
function appendedTo(r) {
  const lastContainer = R.lastContainer;
  const profile = /** @type {Profile} */ (S.profile);
  if (!lastContainer || !lastContainer.isConnected || itemSelIndex < 0) return false;
  const sels = profile.item || [];
  const direct = (/** @type {string} */ s) => s.replace(/^\s*:scope\s*>\s*/, '');
  const scoped = (/** @type {string} */ s) => /^\s*:scope\s*>/.test(s);
  /** Items in an added element, by the selector in use; null when an earlier selector would now match. */
  const itemsIn = (/** @type {Element} */ el) => {
    const out = [];
    try {
      for (let i = 0; i < itemSelIndex; i++) {
        const s = sels[i].split('@')[0];
        if (scoped(s) ? el.matches(direct(s)) : el.matches(s) || el.querySelector(s)) return null;
      }
      const s = sels[itemSelIndex].split('@')[0];
      if (scoped(s)) { if (el.matches(direct(s))) out.push(el); } else {
        if (el.matches(s)) out.push(el);
        out.push(...el.querySelectorAll(s));
      }
    } catch (_) { return null; }
    return out;
  };
  if (!lastContainer.contains(r.target)) {
    // Outside the list: only a node that brings a chat container matters.
    for (const n of r.addedNodes) {
      if (!(n instanceof Element)) continue;
      try { if ((profile.container || []).some((c) => brings(n, c))) return false; } catch (_) { return false; }
    }
    return true;
  }
  if (r.target !== lastContainer || r.nextSibling || Array.from(r.removedNodes).some((n) => n instanceof Element || (n.textContent || '').trim())) return false;
  const found = [];
  for (const n of r.addedNodes) {
    if (!(n instanceof Element)) { if ((n.textContent || '').trim()) return false; continue; }
    const its = itemsIn(n);
    if (!its) return false;
    found.push(...its);
  }
  appended.push(...found);
  return true;
}

/** Attribute changes outside the items: did they show or hide a chat? */
export function panesChanged() {
  let changed = false;
  if (R.paneCheck && R.lastContainer) changed = visible(R.lastContainer) !== containerSeen;
  for (const node of R.elsewhere) {
    if (changed) break;
    try { changed = node.isConnected && (/** @type {Profile} */ (S.profile).container || []).some((c) => brings(node, c)); } catch (_) { /* skip */ }
  }
  R.paneCheck = false;
  R.elsewhere.clear();
  return changed;
}

/** @returns {Entry} */
export function readItem(item, container, memo) {
  const profile = /** @type {Profile} */ (S.profile);
  const hit = R.itemCache.get(item);
  if (hit) return hit;
  /** @type {Entry} */
  let entry = { msg: null, textEl: null, nodes: [] };
  // (A detected chat: the element most of its messages hold their words in, else the one with
  // most of this item's own text.)
  const textEl = !rendered(item) ? null : !profile.generic ? pick(item, 'text', profile.text)
    : (profile.text[0] !== ':scope' && pick(item, 'text', profile.text)) || mainText(item);
  // Images and cards carry no words; a product card is not a message. Nor, yet, is a message still
  // being written (a kit streaming an answer, a "typing…" bubble): read once it is done.
  if (textEl && !(profile.card && matchesAny(textEl, profile.card))) {
    const nodes = seenText(textEl, memo);
    /** @type {Set<ShadowRoot>} the message's own shadow roots that hold its text (watched) */
    const own = new Set();
    for (const n of nodes) {
      const r = /** @type {ShadowRoot} */ (n.getRootNode());
      if (r.nodeType === 11 && r !== item.getRootNode()) { own.add(r); R.inner.add(r); }
    }
    const text = nodes.map((n) => n.data).join('');
    if (text.trim() && !inProgress(item, own)) {
      /** @type {Message} */
      const m = { role: /** @type {Role} */ (roleOf(item, container, profile.generic ? textEl : null)), text };
      const t = fieldValue(item, 'time', profile.time);
      if (t) m.time = t;
      const id = item.id || item.getAttribute('data-message-id') || item.getAttribute('data-id');
      if (id) m.id = id;
      entry = { msg: m, textEl, nodes };
    }
  }
  entry.sig = glance(item, entry, container);
  R.itemCache.set(item, entry);
  return entry;
}

/** Marks of a message not written yet, in a class name's parts ("cs-typing-indicator",
 * "chat-streaming", "loading-text", "isTyping"). */
const WRITING = /(^|[-_])(typing|streaming|loading|thinking)([-_]|$)/;
const WRITING_SEL = '[aria-busy="true"], [class*="typing" i], [class*="streaming" i], [class*="loading" i], [class*="thinking" i]';
/** Is this message still being written: marked busy (`aria-busy`), or showing a typing, streaming
 * or loading indicator (in the item, or in its own shadow roots that hold its text)? Its words so
 * far, or the indicator's "Thinking…", are no message yet.
 * @param {Element} item @param {Set<ShadowRoot>} own */
export function inProgress(item, own) {
  if (item.getAttribute('aria-busy') === 'true') return true;
  for (const t of [item, ...own]) {
    for (const el of t.querySelectorAll(WRITING_SEL)) {
      if (el.getAttribute('aria-busy') === 'true') return true;
      for (const c of el.classList) if (WRITING.test(c.replace(/([a-z])([A-Z])/g, '$1-$2').toLowerCase()) && rendered(el)) return true;
    }
  }
  return false;
}

/**
 * A quick look at what an attribute change could alter in an item as read: whether it and the
 * elements of its read text are rendered, where and how large its text box is (relative to the
 * list, so scrolling changes nothing; roles by position follow the box). Equal before and after
 * a class or style change: the item reads the same, and is not read again. (A class the
 * profile names, such as a role's, is read again: see `marks`.)
 * @param {Element} item @param {Entry} e @param {Element} container
 */
function glance(item, e, container) {
  const box = (e.textEl || item).getBoundingClientRect();
  // The list's box, once per reading (layout does not change within one).
  const c = listBox && listBox.el === container && listBox.at === R.readings ? listBox.box
    : (listBox = { el: container, at: R.readings, box: container.getBoundingClientRect() }).box;
  let shown = rendered(item);
  for (const n of e.nodes) if (!shown) break; else shown = !!n.parentElement && n.isConnected && rendered(n.parentElement);
  return [shown, Math.round(box.width), Math.round(box.height), Math.round(box.left - c.left + container.scrollLeft), Math.round(box.top - c.top + container.scrollTop)].join();
}

export const sameMsg = (/** @type {Message | null} */ a, /** @type {Message | null} */ b) => a === b ||
  (!!a && !!b && a.role === b.role && a.text === b.text && a.time === b.time && a.id === b.id);

/** Read the items whose attributes changed again. True when each reads as before (its entry,
 * and so its highlights, kept); false when the conversation must be read again. */
export function recheck() {
  if (!R.suspects.size) return true;
  R.readings++;
  const memo = new Map();
  let same = true;
  for (const item of R.suspects) {
    const old = R.itemCache.get(item);
    R.itemCache.delete(item);
    if (!old || !R.lastContainer || !item.isConnected) { same = false; continue; }
    if (old.sig === glance(item, old, R.lastContainer)) { R.itemCache.set(item, old); continue; }
    const now = readItem(item, R.lastContainer, memo);
    if (sameMsg(old.msg, now.msg) && old.textEl === now.textEl && old.nodes.length === now.nodes.length && old.nodes.every((n, i) => n === now.nodes[i])) R.itemCache.set(item, old);
    else same = false;
  }
  R.suspects.clear();
  return same;
}

/** A number a console shows beside the chat ("¥3,860.00", "12 单"): its digits and point, or
 * undefined when there are none. (Not the core's amount reading, `facts`: that one needs a
 * currency mark or word, and consoles show bare "899.00" in a field labelled 实付.)
 * @param {string | undefined} v */
export function pageNumber(v) {
  const n = v ? parseFloat(v.replace(/[^0-9.]/g, '')) : NaN;
  return isNaN(n) ? undefined : n;
}

/** The open conversation as read now, and what each message was read from; null when the
 * profile's list is not on the page. @returns {{conversation: Conversation, entries: Entry[]} | null} */
export function read() {
  const profile = /** @type {Profile} */ (S.profile);
  S.matched = [];
  let container, items;
  if (!R.structural && R.lastContainer && R.lastContainer.isConnected && itemSelIndex >= 0) {
    // The same list, perhaps with messages added at its end.
    container = R.lastContainer;
    S.matched.push(...listNotes);
    items = appended.length ? lastItems.concat(appended.filter((a) => a.isConnected)) : lastItems;
  } else {
    container = pick(document, 'container', profile.container);
    if (!container) return null;
    containerSeen = visible(container);
    items = pick(container, 'item', profile.item, true);
    itemSelIndex = -1;
    for (let i = 0; i < (profile.item || []).length && items.length; i++) {
      try { if (queryAll(container, profile.item[i].split('@')[0]).length) { itemSelIndex = i; break; } } catch (_) { /* skip */ }
    }
    listNotes = S.matched.slice();
  }
  R.lastContainer = container;
  appended = [];
  R.structural = false;
  R.readings++;
  lastItems = items;
  R.dirty = false;
  for (const item of R.suspects) R.itemCache.delete(item);
  R.suspects.clear();
  const memo = new Map();
  /** @type {Message[]} */
  const messages = [];
  /** @type {Entry[]} */
  const read = [];
  /** @type {Element | undefined} the first customer message's item, as read */
  let firstCustomer;
  for (const item of items) {
    const e = readItem(item, container, memo);
    if (!e.msg || !e.textEl) continue;
    if (!firstCustomer && e.msg.role === 'customer') firstCustomer = item;
    messages.push(e.msg);
    read.push(e);
  }
  /** @type {Conversation} */
  const conversation = { messages, now: new Date().toISOString(), utc_offset_minutes: -new Date().getTimezoneOffset() };
  // Order and customer facts the console shows beside the chat (raw text; the core parses it).
  /** @type {Record<string, any>} */
  const order = {};
  for (const k of ['id', 'product', 'currency', 'paid_at', 'shipped_at', 'delivered_at']) {
    const v = fieldValue(document, 'order.' + k, profile.order && profile.order[k]);
    if (v) order[k] = v;
  }
  const amount = pageNumber(fieldValue(document, 'order.amount', profile.order && profile.order.amount));
  if (amount !== undefined) order.amount = amount;
  if (Object.keys(order).length) conversation.order = order;
  /** @type {Record<string, any>} */
  const facts = {};
  for (const k of ['orders_count', 'total_spent']) {
    const n = pageNumber(fieldValue(document, 'customer.' + k, profile.customer && profile.customer[k]));
    if (n !== undefined) facts[k] = n;
  }
  const since = fieldValue(document, 'customer.member_since', profile.customer && profile.customer.member_since);
  if (since) facts.member_since = since;
  // The customer's name: inside the open conversation first (other tickets may stay mounted).
  // (Its role as read: asking each item again would cost a 2,000-message chat one box each.)
  const name = (firstCustomer && fieldValue(firstCustomer, 'customer_name', profile.customer_name)) ||
    fieldValue(container, 'customer_name', profile.customer_name) || fieldValue(document, 'customer_name', profile.customer_name);
  if (name || Object.keys(facts).length) conversation.customer = { ...(name ? { name } : {}), ...facts };
  return { conversation, entries: read };
}

/** The profile's composer on the page (the first visible match), or null. */
export function composer() {
  // The first visible match: toolbars keep hidden inputs (Trix's link dialog) inside the box.
  let el = null;
  const sels = (S.profile && S.profile.composer) || [];
  for (let i = 0; i < sels.length && !el; i++) {
    try {
      el = queryAll(document, sels[i]).find(visible) || null;
    } catch (_) { /* skip */ }
    if (el) note('composer', i, sels.length);
  }
  if (el && (el.getAttribute('data-gramm') === 'false' || el.getAttribute('data-duxin') === 'off')) return null;
  return el;
}

/** @type {{el: Element, notes: string[]} | null} the composer as last found (and its notes) */
let lastComposer = null;
/** Is there a composer? The one found before while it is still there and visible. */
export function hasComposer() {
  if (lastComposer && lastComposer.el.isConnected && visible(lastComposer.el)) {
    for (const n of lastComposer.notes) if (!S.matched.includes(n)) S.matched.push(n);
    return true;
  }
  const before = S.matched.length;
  const el = composer();
  lastComposer = el ? { el, notes: S.matched.slice(before) } : null;
  return !!el;
}

/** The composer as last found (after `hasComposer`). */
export const foundComposer = () => (lastComposer ? lastComposer.el : null);

/** How the page is being read, for the panel. @returns {SiteStatus} */
export function site() {
  const profile = S.profile;
  // Nothing found: is the chat perhaps in a closed shadow root (which cannot be read)?
  const s = { profile: profile ? profile.id : 'none', matched: S.matched.slice(), host: location.host, composer: !!(profile && hasComposer()), closed_shadow: !profile && closedShadow() };
  return S.visitOnly ? { ...s, visit_only: location.protocol + '//' + location.hostname + '/*' } : s;
}
