// Duxin content script: the only code that touches the host page, and it decides nothing.
// It reads the open conversation through a site profile, paints highlights with the CSS Custom
// Highlight API (no host node is created or changed), inserts text into the composer, and frames
// the copilot panel (our extension page, where the Rust core runs) in a closed shadow root.
// It talks to that panel over a chrome.runtime port only, never window.postMessage.
// @ts-check
/** @typedef {import("./protocol").Conversation} Conversation */
/** @typedef {import("./protocol").Message} Message */
/** @typedef {import("./protocol").Role} Role */
/** @typedef {import("./protocol").ToPanel} ToPanel */
/** @typedef {import("./protocol").ToPage} ToPage */
/** @typedef {import("./protocol").Highlight} CueHighlight */

(() => {
  if (globalThis.__duxinLoaded) return;
  globalThis.__duxinLoaded = true;

  const PORT = 'duxin-panel';
  // panel.html is web-accessible only through a per-session URL (use_dynamic_url), so pages
  // cannot probe for Duxin; the frame's sender URL is the extension's own origin, so the port
  // check below compares the path, with the extension id checked beside it.
  // In Firefox the extension's pages live on a moz-extension:// host of their own (random per
  // installation, not the add-on id), which is the host of getURL.
  const PANEL_URL = chrome.runtime.getURL('panel.html');
  const OWN = new URL(PANEL_URL);
  // Firefox gives the framed panel no `tabs` API: its port is opened for it by background.js (a
  // sender with no tab), which only does so for our panel page (see there).
  /** @param {string} u @param {boolean} relayed */
  const isPanel = (u, relayed) => {
    try {
      const x = new URL(u);
      return x.protocol === OWN.protocol && (x.host === chrome.runtime.id || x.host === OWN.host) && (x.pathname === '/panel.html' || relayed);
    } catch {
      return false;
    }
  };
  const KINDS = ['anger', 'anxiety', 'distrust', 'disappointment', 'sadness', 'confusion', 'gratitude', 'joy', 'threat'];
  // Names the page sees are drawn anew on every load and say nothing: the host element's tag, the
  // highlight registry's keys (their style sheet is an extension style sheet the page cannot
  // read, inserted by the service worker for these names). So the page cannot find Duxin by a
  // query for its name, cannot tell a threat from a thank-you by the registry, and has no fixed
  // name to paint its own ranges in Duxin's colours.
  const MEANS = /duxin|copilot|panel|cue|emotion|anger|anxi|distrust|disappoint|sad|confus|gratitude|joy|threat|draft|guard/;
  const word = () => {
    let w;
    do w = Array.from(crypto.getRandomValues(new Uint8Array(8)), (b) => String.fromCharCode(97 + (b % 26))).join('');
    while (MEANS.test(w)); // letters drawn at random may spell a word that means something here
    return w;
  };
  /** @type {Record<string, string>} registry name by cue kind */
  const NAMES = {};
  for (const k of KINDS) { let n; do n = word(); while (Object.values(NAMES).includes(n)); NAMES[k] = n; }
  // The agent's draft findings (issue 16) get a name of their own, drawn the same way.
  { let n; do n = word(); while (Object.values(NAMES).includes(n)); NAMES.draft = n; }
  const HOST_TAG = word() + '-' + word();

  /** @type {chrome.runtime.Port | null} */
  let port = null;
  /** @type {any} */
  let profile = null;
  /** @type {string[]} */
  let matched = [];
  /** @typedef {{msg: Message | null, textEl: Element | null, nodes: Text[], sig?: string}} Entry */
  /** @type {Entry[]} what each message of the last reading was read from, by message index */
  let entries = [];
  /** The rest of the last snapshot sent (order, customer, site) as JSON, and its messages. */
  let lastSent = '';
  /** @type {Message[] | null} */
  let sentMessages = null;
  /** @type {MutationObserver | null} */
  let observer = null;
  /** @type {Element | null} */
  let observed = null;
  /** Started by the panel shortcut on a site that is not enabled (the service worker injected us
   * with the one-visit activeTab grant and set this flag first). */
  let visitOnly = globalThis.__duxinVisitOnly === true;
  /** Switched off on this page: nothing is read or painted until the page loads again. */
  let stopped = false;

  // ---------- reading the page through a profile ----------

  /** First element matching one of the selectors; records which fallback matched. */
  function pick(root, field, sels, all = false) {
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
    if (!matched.includes(s)) matched.push(s);
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

  function matchesAny(el, sels) {
    for (const s of sels || []) {
      try {
        if (s.includes(HOP) ? queryAll(el, s).length > 0 : el.matches(s) || el.querySelector(s)) return true;
      } catch (_) { /* skip */ }
    }
    return false;
  }

  // ---------- open shadow roots and same-origin frames ----------
  // A chat may sit inside web components (an open shadow root, nested too) or in a frame of the
  // same origin. A selector in a profile crosses into one with ">>>": "deep-chat >>> #messages" is
  // "#messages inside the shadow root of <deep-chat>" (or inside the document of a matched
  // <iframe>). A closed shadow root cannot be read: the panel is told (`closed_shadow`).

  const HOP = '>>>';
  const hopParts = (/** @type {string} */ sel) => sel.split(HOP).map((x) => x.trim());
  /** What a selector names last, in the tree where it ends (for quick tests on added nodes). */
  const lastHop = (/** @type {string} */ sel) => { const p = hopParts(sel); return p[p.length - 1]; };

  /** The tree inside an element: its open shadow root, or the document of a same-origin frame. */
  function inside(/** @type {Element} */ el) {
    if (el.shadowRoot) return el.shadowRoot;
    if (el.localName === 'iframe' || el.localName === 'frame') {
      try { return /** @type {HTMLIFrameElement} */ (el).contentDocument || null; } catch (_) { return null; }
    }
    return null;
  }

  /** The element a tree hangs from: a shadow root's host, a frame document's frame element. */
  function hostOf(/** @type {Node} */ root) {
    if (root instanceof ShadowRoot || (root && /** @type {any} */ (root).host && root.nodeType === 11)) return /** @type {ShadowRoot} */ (root).host;
    if (root && root.nodeType === 9 && root !== document) {
      try { return /** @type {Document} */ (root).defaultView?.frameElement || null; } catch (_) { return null; }
    }
    return null;
  }

  /** The parent of an element across shadow and frame boundaries (null at the top page). */
  function upward(/** @type {Element} */ el) {
    return el.parentElement || hostOf(el.getRootNode());
  }

  /** Does `a` hold `b`, across shadow and frame boundaries? */
  function holdsDeep(/** @type {Element} */ a, /** @type {Element | null} */ b) {
    for (let e = b; e; e = upward(e)) if (e === a) return true;
    return false;
  }

  /** Every element `sel` finds from `root`, following its ">>>" hops. Throws on invalid CSS. */
  function queryAll(/** @type {ParentNode} */ root, /** @type {string} */ sel) {
    if (!sel.includes(HOP)) return Array.from(root.querySelectorAll(sel));
    const parts = hopParts(sel);
    /** @type {ParentNode[]} */
    let scopes = [root];
    /** @type {Element[]} */
    let found = [];
    for (let i = 0; i < parts.length; i++) {
      found = [];
      for (const s of scopes) found.push(...s.querySelectorAll(parts[i]));
      if (i < parts.length - 1) scopes = /** @type {ParentNode[]} */ (found.map(inside).filter(Boolean));
    }
    return found;
  }

  /** Does an added or changed node bring what `sel` names (its last part, in the node's tree)? */
  function brings(/** @type {Element} */ n, /** @type {string} */ sel) {
    const s = lastHop(sel);
    return n.matches(s) || !!n.querySelector(s);
  }

  /** The document and every open shadow root and same-origin frame document under it, nested. */
  function allScopes() {
    /** @type {(Document | ShadowRoot)[]} */
    const out = [document];
    for (let i = 0; i < out.length; i++) {
      for (const el of out[i].querySelectorAll('*')) {
        if (el === hostEl) continue;
        const t = inside(el);
        if (t && !out.includes(/** @type {any} */ (t))) out.push(/** @type {any} */ (t));
      }
    }
    return out;
  }

  /** The trees from `el`'s own up to the top page: what to observe and listen in. */
  function treesOf(/** @type {Element} */ el) {
    /** @type {(Document | ShadowRoot)[]} */
    const out = [];
    for (let e = el; e; ) {
      const r = /** @type {Document | ShadowRoot} */ (e.getRootNode());
      if (r.nodeType !== 9 && r.nodeType !== 11) break;
      out.push(r);
      e = hostOf(r);
    }
    return out;
  }

  /** An element's box in the top page's viewport (a frame's content is offset by its frame). */
  function pageBox(/** @type {Element} */ el) {
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

  const winOf = (/** @type {Node} */ n) => /** @type {Window & typeof globalThis} */ ((n.ownerDocument || /** @type {Document} */ (n)).defaultView || window);
  const isField = (/** @type {Element | null} */ el) => !!el && (el.localName === 'textarea' || el.localName === 'input');

  /** Is there, on this page, a chat-sized element whose shadow root is closed (so unreadable)? */
  function closedShadow() {
    // Chromium lends content scripts chrome.dom for this; Firefox gives them the element's own
    // `openOrClosedShadowRoot`.
    const open = chrome.dom && chrome.dom.openOrClosedShadowRoot
      ? chrome.dom.openOrClosedShadowRoot
      : 'openOrClosedShadowRoot' in Element.prototype ? (/** @type {any} */ el) => el.openOrClosedShadowRoot : null;
    if (!open) return false;
    for (const s of allScopes()) {
      for (const el of s.querySelectorAll('*')) {
        if (el === hostEl || el.shadowRoot) continue;
        let r = null;
        try { r = open(/** @type {HTMLElement} */ (el)); } catch (_) { r = null; }
        if (!r) continue;
        const b = el.getBoundingClientRect();
        if (b.width >= 150 && b.height >= 100) return true;
      }
    }
    return false;
  }

  // ---------- what a reader sees ----------
  // Text nobody sees is not read: a page could hide instructions or threats in it, and consoles
  // hide other conversations that way. Hidden: not rendered, transparent (opacity 0), `visibility:
  // hidden`, too small to read (font-size 0), clipped away (zero-size boxes, `clip`, overflow) or
  // placed outside the page. Text scrolled out of view inside a scrolling list IS read: one can
  // scroll to it, and it is part of the conversation.

  const SEE = { opacityProperty: true, visibilityProperty: true };
  /** Text whose box is less tall than this (CSS px) cannot be read. */
  const MIN_TEXT_PX = 3;
  /** @type {WeakMap<Document, Range>} one Range per document to measure text boxes with */
  const measures = new WeakMap();
  const measureIn = (/** @type {Document} */ d) => { let r = measures.get(d); if (!r) measures.set(d, (r = d.createRange())); return r; };

  /** Rendered, not transparent, not `visibility: hidden` (the element or an ancestor). */
  function rendered(el) {
    return typeof el.checkVisibility !== 'function' || el.checkVisibility(SEE);
  }

  function visible(el) {
    const r = el.getBoundingClientRect();
    return (r.width > 0 || r.height > 0) && rendered(el);
  }

  /**
   * What an element lets one see of its content, per axis, in viewport coordinates: null when it
   * does not clip; its own box when it hides overflow; the whole scrollable area when it scrolls
   * (`auto`, `scroll`); nothing at all for `clip: rect(0 0 0 0)` / `clip-path: inset(50%)`.
   * @param {Element} el @param {Map<Element, any>} memo (one reading: geometry changes between)
   */
  function clipOf(el, memo) {
    if (memo.has(el)) return memo.get(el);
    /** @type {{pos: string, x: number[] | null, y: number[] | null, own: DOMRect | null}} */
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
        const axis = (/** @type {string} */ o, lo, hi, scrolled, size) => o === 'visible' ? null
          : o === 'auto' || o === 'scroll' ? [lo - scrolled, lo - scrolled + Math.max(size, hi - lo)] : [lo, hi];
        c.x = axis(cs.overflowX, r.left, r.right, el.scrollLeft, el.scrollWidth);
        c.y = axis(cs.overflowY, r.top, r.bottom, el.scrollTop, el.scrollHeight);
        c.own = r;
      }
    }
    memo.set(el, c);
    return c;
  }

  /** Can a reader see this box, placed where it is inside `el`'s ancestors? @param {Element} el */
  function inSight(el, /** @type {{left:number,right:number,top:number,bottom:number}} */ box, memo) {
    let x = [box.left, box.right], y = [box.top, box.bottom];
    // A positioned box leaves the clipping of the boxes it is not placed in: a fixed one all of
    // them (the page still counts), an absolute one those up to its positioned ancestor.
    // (Inside a web component, its slots and its host count as ancestors; a frame's page ends it.)
    let skip = '';
    const top = el.ownerDocument.documentElement;
    for (let a = el; a; a = a.assignedSlot || a.parentElement || (a.parentNode && a.parentNode.nodeType === 11 ? /** @type {ShadowRoot} */ (a.parentNode).host : null)) {
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

  /** The text nodes of `el` a reader sees, in order (white space between them kept as it is). */
  function seenText(/** @type {Element} */ el, memo) {
    /** @type {Text[]} */
    const out = [];
    /** @type {Map<Element, boolean>} */
    const shown = new Map();
    const measure = measureIn(el.ownerDocument);
    const walker = el.ownerDocument.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let n = /** @type {Text | null} */ (walker.nextNode()); n; n = /** @type {Text | null} */ (walker.nextNode())) {
      const parent = n.parentElement;
      if (!parent) continue;
      let ok = shown.get(parent);
      if (ok === undefined) shown.set(parent, (ok = rendered(parent)));
      if (!ok) continue;
      if (n.data.trim()) {
        measure.selectNodeContents(n);
        const r = measure.getBoundingClientRect();
        if (r.height < MIN_TEXT_PX || r.width < 1 || !inSight(parent, r, memo)) continue;
      }
      out.push(n);
    }
    // Nothing but white space is left: nothing is read.
    return out.some((n) => n.data.trim()) ? out : [];
  }

  function chooseProfile() {
    const profiles = globalThis.DUXIN_PROFILES || [];
    const href = location.href;
    // What the agent taught Duxin on this site comes first.
    if (taught) return taught;
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

  /** A selector for one element: its id, else a path of child positions from the nearest
   * ancestor with an id (or the body, or the top of its shadow tree); inside a web component or a
   * frame, the path to its host first, then ">>>". */
  function cssPath(el) {
    const parts = [];
    const root = el.getRootNode();
    const doc = el.ownerDocument;
    let anchored = false;
    for (let e = el; e && e !== doc.body && e !== doc.documentElement; e = e.parentElement) {
      if (e.id) { parts.unshift('#' + CSS.escape(e.id)); anchored = true; break; }
      const parent = e.parentElement || e.parentNode;
      if (!parent) break;
      parts.unshift(`${e.tagName.toLowerCase()}:nth-child(${Array.prototype.indexOf.call(parent.children, e) + 1})`);
    }
    // (Inside a shadow root the path starts at its top: ":host >" there, as Chromium reads it.)
    const path = (anchored ? parts : [root.nodeType === 11 ? ':host' : 'body', ...parts]).join(' > ');
    const host = hostOf(root);
    return host ? cssPath(host) + ' ' + HOP + ' ' + path : path;
  }

  /** The element of an item that holds most of its own text (the bubble, not name or time). */
  function mainText(item) {
    let best = item, most = 0;
    for (const el of [item, ...item.querySelectorAll('*')]) {
      let own = 0;
      for (const n of el.childNodes) if (n.nodeType === 3) own += (n.textContent || '').trim().length;
      if (own > most) { most = own; best = el; }
    }
    return most ? best : null;
  }

  /**
   * A chat on a page with no profile: the visible composer (textarea or contenteditable) lowest on
   * the page, and above it the element with the most repeated siblings (same tag and first class)
   * that carry text, preferring one that scrolls. Roles come from the side of each bubble; the
   * text is the element most messages hold most of their words in (not a short message's time).
   * @returns {any}
   */
  function detectGeneric() {
    // Open shadow roots (nested) and same-origin frames are searched too.
    const scopes = allScopes();
    /** @type {Element[]} */
    const composers = [];
    for (const sc of scopes) {
      for (const el of sc.querySelectorAll('textarea, [contenteditable="true"], [contenteditable=""]')) {
        if (visible(el) && !(hostEl && hostEl.contains(el)) && !(el.parentElement && el.parentElement.closest('[contenteditable="true"]'))) composers.push(el);
      }
    }
    if (!composers.length) return null;
    const comp = composers.sort((a, b) => pageBox(b).bottom - pageBox(a).bottom)[0];
    const cr = comp.getBoundingClientRect();
    let best = null;
    // The list is in the composer's page (or frame), perhaps in another of its web components.
    const doc = comp.ownerDocument;
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
      /** @type {Map<string, number>} */
      const groups = new Map();
      // (The newest 60 children tell enough: a 2,000-message list is not counted whole.)
      let seen = 0;
      for (let k = el.lastElementChild; k && seen < 60; k = k.previousElementSibling, seen++) {
        if (!(k.textContent || '').trim()) continue;
        const key = k.tagName.toLowerCase() + (k.classList[0] ? '.' + CSS.escape(k.classList[0]) : '');
        groups.set(key, (groups.get(key) || 0) + 1);
      }
      const top = [...groups.entries()].sort((a, b) => b[1] - a[1])[0];
      if (!top || top[1] < 3) continue;
      const oy = winOf(el).getComputedStyle(el).overflowY;
      const score = top[1] + (oy === 'auto' || oy === 'scroll' ? 5 : 0);
      if (!best || score > best.score) best = { score, el, item: top[0] };
    }
    if (!best) return null;
    const keyOf = (/** @type {Element} */ k) => k.tagName.toLowerCase() + (k.classList[0] ? '.' + CSS.escape(k.classList[0]) : '');
    /** @type {Element[]} the newest 50 messages */
    const items = [];
    for (let k = best.el.lastElementChild; k && items.length < 50; k = k.previousElementSibling) if (keyOf(k) === best.item && (k.textContent || '').trim()) items.push(k);
    /** @type {Map<string, number>} */
    const votes = new Map();
    for (const it of items) {
      const m = mainText(it);
      if (m && m !== it) votes.set(keyOf(m), (votes.get(keyOf(m)) || 0) + 1);
    }
    const [text, n] = [...votes.entries()].sort((a, b) => b[1] - a[1])[0] || ['', 0];
    return {
      id: 'generic', name: 'detected chat', generic: true,
      container: [cssPath(best.el)], item: [':scope > ' + best.item], text: [text && n >= 3 && 2 * n > items.length ? text : ':scope'], role: {},
      composer: [cssPath(comp)],
    };
  }

  function roleOf(item, container, bubble = null) {
    const r = profile.role || {};
    // Some consoles mark robot replies only by a line of text (抖店: 此消息由机器人自动回复).
    const t = item.textContent || '';
    if ((profile.bot_text || []).some((b) => t.includes(b))) return 'bot';
    for (const role of ['bot', 'system', 'customer', 'agent']) {
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

  /**
   * What each message item was read as, kept until a mutation touches the item: a new message in
   * a 2,000-message console costs one item's reading, not 2,000 (no long task on the page).
   * @type {WeakMap<Element, Entry>}
   */
  let itemCache = new WeakMap();
  /** Nodes were added, removed or changed: the conversation is read again (cached items kept). */
  let dirty = true;
  /** Items whose attributes changed (a class, a style): read again, and compared. */
  const suspects = new Set();
  /** @type {Element[]} */
  let lastItems = [];
  /** @type {Element | null} the container of the last reading */
  let lastContainer = null;
  let containerSeen = false;

  // Which item an element is in (`closest`): the item selectors without ":scope >" (in `closest`,
  // ":scope" is the element asked, never an ancestor), and one that goes on into a web component
  // up to there.
  const itemSel = () => (profile && profile.item || []).map((x) => hopParts(x.split('@')[0])[0].replace(/^\s*:scope\s*>\s*/, '')).join(',');

  /** @type {{profile: any, classes: Set<string>, text: string}} class names and text of the profile's selectors */
  let named = { profile: null, classes: new Set(), text: '' };
  /** Does this attribute change touch a class or attribute the profile's selectors name? */
  function marks(/** @type {MutationRecord} */ r) {
    if (named.profile !== profile) {
      const text = JSON.stringify(profile || {});
      named = { profile, text, classes: new Set(Array.from(text.matchAll(/\.(-?[_a-zA-Z][\w-]*)/g), (m) => m[1])) };
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
   * conversation again), attributes changed elsewhere (only if the chat was switched or hidden). */
  function invalidate(records) {
    const sel = itemSel();
    for (const r of records) {
      const node = r.target.nodeType === Node.ELEMENT_NODE ? /** @type {Element} */ (r.target) : r.target.parentElement;
      if (!node) { dirty = true; continue; }
      let item = null;
      try { item = sel ? node.closest(sel) : null; } catch (_) { item = null; }
      if (item) {
        // A class the profile's selectors name (a role, the text element) changes the reading:
        // read the item again; any other attribute change, only if it shows or hides something.
        if (r.type === 'attributes' && !marks(r)) suspects.add(item);
        else { itemCache.delete(item); dirty = true; }
      } else if (r.type !== 'attributes') {
        dirty = true;
        if (!(r.type === 'childList' && appendedTo(r))) structural = true;
      } else if (lastContainer && holdsDeep(node, lastContainer)) {
        // The chat's pane itself: matters only when it was hidden or shown (checked once per flush).
        paneCheck = true;
      } else if (lastContainer && lastContainer.contains(node)) {
        // A wrapper inside the list: the items in it may have been hidden or shown.
        try { for (const it of node.querySelectorAll(sel)) suspects.add(it); } catch (_) { /* skip */ }
      } else {
        // Elsewhere: only another chat pane switched in matters (checked once per flush).
        elsewhere.add(node);
      }
    }
  }

  /** The list of items (or the chat's container) may have changed: they are looked up again. */
  let structural = true;
  /** @type {Element[]} items added at the end of the list since the last reading */
  let appended = [];
  /** Which of the profile's item selectors found the items last time. */
  let itemSelIndex = -1;

  /**
   * Nodes added or removed outside the items: the common case, messages appended at the end of
   * the list, adds them to the items already known (a new message in a 10,000-message chat looks
   * up one item, not 10,000). Nodes elsewhere in the page that hold no chat change no item.
   * Anything else: the items are looked up again. True when the record was taken care of here.
   * @param {MutationRecord} r
   */
  function appendedTo(r) {
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

  let paneCheck = false;
  /** @type {Set<Element>} */
  const elsewhere = new Set();
  /** Attribute changes outside the items: did they show or hide a chat? */
  function panesChanged() {
    let changed = false;
    if (paneCheck && lastContainer) changed = visible(lastContainer) !== containerSeen;
    for (const node of elsewhere) {
      if (changed) break;
      try { changed = node.isConnected && (profile.container || []).some((c) => brings(node, c)); } catch (_) { /* skip */ }
    }
    paneCheck = false;
    elsewhere.clear();
    return changed;
  }

  /** Readings so far (one per read or recheck), and the list's box in the current one. */
  let readings = 0;
  /** @type {{el: Element, at: number, box: DOMRect} | null} */
  let listBox = null;

  /** @returns {Entry} */
  function readItem(item, container, memo) {
    const hit = itemCache.get(item);
    if (hit) return hit;
    /** @type {Entry} */
    let entry = { msg: null, textEl: null, nodes: [] };
    // (A detected chat: the element most of its messages hold their words in, else the one with
    // most of this item's own text.)
    const textEl = !rendered(item) ? null : !profile.generic ? pick(item, 'text', profile.text)
      : (profile.text[0] !== ':scope' && pick(item, 'text', profile.text)) || mainText(item);
    // Images and cards carry no words; a product card is not a message.
    if (textEl && !(profile.card && matchesAny(textEl, profile.card))) {
      const nodes = seenText(textEl, memo);
      const text = nodes.map((n) => n.data).join('');
      if (text.trim()) {
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
    itemCache.set(item, entry);
    return entry;
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
    const c = listBox && listBox.el === container && listBox.at === readings ? listBox.box
      : (listBox = { el: container, at: readings, box: container.getBoundingClientRect() }).box;
    let shown = rendered(item);
    for (const n of e.nodes) if (!shown) break; else shown = !!n.parentElement && n.isConnected && rendered(n.parentElement);
    return [shown, Math.round(box.width), Math.round(box.height), Math.round(box.left - c.left + container.scrollLeft), Math.round(box.top - c.top + container.scrollTop)].join();
  }

  const sameMsg = (/** @type {Message | null} */ a, /** @type {Message | null} */ b) => a === b ||
    (!!a && !!b && a.role === b.role && a.text === b.text && a.time === b.time && a.id === b.id);

  /** Read the items whose attributes changed again. True when each reads as before (its entry,
   * and so its highlights, kept); false when the conversation must be read again. */
  function recheck() {
    if (!suspects.size) return true;
    readings++;
    const memo = new Map();
    let same = true;
    for (const item of suspects) {
      const old = itemCache.get(item);
      itemCache.delete(item);
      if (!old || !lastContainer || !item.isConnected) { same = false; continue; }
      if (old.sig === glance(item, old, lastContainer)) { itemCache.set(item, old); continue; }
      const now = readItem(item, lastContainer, memo);
      if (sameMsg(old.msg, now.msg) && old.textEl === now.textEl && old.nodes.length === now.nodes.length && old.nodes.every((n, i) => n === now.nodes[i])) itemCache.set(item, old);
      else same = false;
    }
    suspects.clear();
    return same;
  }

  /** What `pick` noted for the container and the items in the last full look-up. */
  let listNotes = [];

  function read() {
    matched = [];
    let container, items;
    if (!structural && lastContainer && lastContainer.isConnected && itemSelIndex >= 0) {
      // The same list, perhaps with messages added at its end.
      container = lastContainer;
      matched.push(...listNotes);
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
      listNotes = matched.slice();
    }
    lastContainer = container;
    appended = [];
    structural = false;
    readings++;
    lastItems = items;
    dirty = false;
    for (const item of suspects) itemCache.delete(item);
    suspects.clear();
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
    const order = {};
    for (const k of ['id', 'product', 'currency', 'paid_at', 'shipped_at', 'delivered_at']) {
      const v = fieldValue(document, 'order.' + k, profile.order && profile.order[k]);
      if (v) order[k] = v;
    }
    const amount = fieldValue(document, 'order.amount', profile.order && profile.order.amount);
    if (amount && !isNaN(parseFloat(amount.replace(/[^0-9.]/g, '')))) order.amount = parseFloat(amount.replace(/[^0-9.]/g, ''));
    if (Object.keys(order).length) conversation.order = order;
    const facts = {};
    for (const k of ['orders_count', 'total_spent']) {
      const v = fieldValue(document, 'customer.' + k, profile.customer && profile.customer[k]);
      const n = v ? parseFloat(v.replace(/[^0-9.]/g, '')) : NaN;
      if (!isNaN(n)) facts[k] = n;
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

  function composer() {
    // The first visible match: toolbars keep hidden inputs (Trix's link dialog) inside the box.
    let el = null;
    const sels = profile.composer || [];
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
  function hasComposer() {
    if (lastComposer && lastComposer.el.isConnected && visible(lastComposer.el)) {
      for (const n of lastComposer.notes) if (!matched.includes(n)) matched.push(n);
      return true;
    }
    const before = matched.length;
    const el = composer();
    lastComposer = el ? { el, notes: matched.slice(before) } : null;
    return !!el;
  }

  function site() {
    // Nothing found: is the chat perhaps in a closed shadow root (which cannot be read)?
    const s = { profile: profile ? profile.id : 'none', matched: matched.slice(), host: location.host, composer: !!(profile && hasComposer()), closed_shadow: !profile && closedShadow() };
    return visitOnly ? { ...s, visit_only: location.protocol + '//' + location.hostname + '/*' } : s;
  }

  /** Items of the list not read yet, when there are many (a long chat's first reading), are read
   * in slices of about 15 ms, one task each, before the conversation is: the page never waits
   * for all of them in one long task. The snapshot is sent once they are read. */
  let warming = false;
  function warmed(/** @type {boolean} */ force) {
    if (warming) return false;
    const container = pick(document, 'container', profile.container);
    const cold = container ? pick(container, 'item', profile.item, true).filter((it) => !itemCache.has(it)) : [];
    if (cold.length < 300) return true;
    warming = true;
    let i = 0;
    const step = () => {
      if (stopped || !profile) { warming = false; return; }
      readings++;
      const memo = new Map();
      const t = performance.now();
      while (i < cold.length && performance.now() - t < 15) { const it = cold[i++]; if (it.isConnected) readItem(it, container, memo); }
      if (i < cold.length) { setTimeout(step, 0); return; }
      warming = false;
      setTimeout(() => sendSnapshot(force), 0);
    };
    setTimeout(step, 0);
    return false;
  }

  function sendSnapshot(force) {
    if (!port) return;
    if (!profile) profile = chooseProfile();
    // Asked for a fresh reading: the list is looked up again too.
    if (force) structural = true;
    if (profile && (structural || warming) && !warmed(force)) return;
    const r = profile ? read() : null;
    if (!r || r.conversation.messages.length === 0) {
      entries = [];
      sentMessages = null;
      cues = [];
      repaint();
      const msg = /** @type {ToPanel} */ ({ type: 'no_console', site: site() });
      const key = JSON.stringify(msg);
      if (force || key !== lastSent) { lastSent = key; port.postMessage(msg); }
      return;
    }
    entries = r.entries;
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
  }

  // ---------- keeping up ----------

  let pending = 0;
  function schedule(records) {
    if (records) invalidate(records);
    if (pending || (!dirty && !suspects.size && !paneCheck && !elsewhere.size)) return;
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
      if (panesChanged()) dirty = structural = true;
      if (!dirty && recheck()) return;
      sendSnapshot(false);
      ensureObserved();
    };
    if (dirty) requestAnimationFrame(() => setTimeout(run, 0));
    setTimeout(run, dirty ? 100 : 30);
  }

  // A message that fades in (a CSS animation or transition) changes no attribute when it ends:
  // read it again then, it may have been read while transparent.
  const FADES = ['animationend', 'transitionend'];
  const onFade = (/** @type {Event} */ e) => {
    const t = /** @type {Element} */ (e.target);
    if (!observer || !t || t.nodeType !== 1) return;
    let item = null;
    try { item = t.closest(itemSel()); } catch (_) { item = null; }
    if (item) { suspects.add(item); schedule(null); }
  };
  for (const type of FADES) document.addEventListener(type, onFade, { capture: true, passive: true });

  function ensureObserved() {
    const target = (profile && (lastContainer && lastContainer.isConnected ? lastContainer : pick(document, 'container', profile.container))) || document.body;
    if (observed === target && target.isConnected) return;
    if (observer) observer.disconnect();
    observer = new MutationObserver(schedule);
    const opts = { childList: true, subtree: true, characterData: true, attributes: true, attributeOldValue: true, attributeFilter: ['class', 'data-is-active', 'style', 'hidden'] };
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
  }

  // ---------- highlights ----------
  // Paint work stays bounded however long the chat or a message: only the messages on screen (and
  // a screen above and below) and the newest ones are painted, at most MAX_RANGES ranges in all;
  // a new reading or paint touches only the messages whose cues or nodes changed. (How many cues a
  // message sends at most is the core's call: `protocol::MAX_HIGHLIGHTS_PER_MESSAGE`.)

  /** Ranges in the page at most. */
  const MAX_RANGES = 2000;
  /** The newest messages are painted even out of view (a new one may arrive below the fold). */
  const RECENT = 50;
  /** @type {CueHighlight[][]} the panel's highlights by message index */
  let cues = [];
  /** @typedef {{range: Range, kind: string, reason: string, board?: Highlight}} Painted */
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

  /** Range over an entry's text nodes for UTF-16 offsets [start, end) of its text. */
  function rangeFor(/** @type {Entry} */ e, start, end) {
    let pos = 0;
    let startNode = null, startOff = 0, endNode = null, endOff = 0;
    for (const n of e.nodes) {
      const len = n.data.length;
      if (!startNode && start < pos + len) { startNode = n; startOff = start - pos; }
      if (startNode && end <= pos + len) { endNode = n; endOff = end - pos; break; }
      pos += len;
    }
    if (!startNode || !endNode) return null;
    try {
      const r = startNode.ownerDocument.createRange();
      r.setStart(startNode, startOff);
      r.setEnd(endNode, endOff);
      return r;
    } catch (_) {
      return null; // the node changed since it was read: the next reading paints it again
    }
  }

  /** The Highlight of a kind in the registry of the page (or frame) that holds `node`. */
  function boardFor(kind, /** @type {Node} */ node) {
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

  function board(kind) {
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
  function paint(hs, from) {
    if (Number.isInteger(from) && from > 0) cues.length = Math.min(cues.length, from);
    else cues = [];
    for (const h of hs) {
      if (!h || !Number.isInteger(h.message) || h.message < 0 || !KINDS.includes(h.kind)) continue;
      (cues[h.message] = cues[h.message] || []).push(h);
    }
    repaint();
  }

  /** Indices of the messages on screen or within a screen of it (found by halving: the list
   * runs top to bottom, or bottom to top). */
  function onScreen() {
    /** @type {number[]} */
    const out = [];
    const n = entries.length;
    if (!n) return out;
    const h = innerHeight;
    const where = (i) => {
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
  function repaint() {
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

  // Scrolling (the page or the chat's list) brings other messages on screen.
  let scrollFrame = 0;
  const onScroll = () => {
    if (scrollFrame || !cues.length) return;
    scrollFrame = requestAnimationFrame(() => { scrollFrame = 0; repaint(); });
  };
  document.addEventListener('scroll', onScroll, { capture: true, passive: true });
  addEventListener('resize', onScroll, { passive: true });

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
      t.addEventListener('mousemove', onMove, { passive: true });
      t.addEventListener('selectionchange', () => onCaret(/** @type {Document} */ (t)));
    }
  }

  // ---------- the element picker: the agent shows Duxin a chat it cannot read ----------

  /** The profile taught on this site (chrome.storage.local `profile:<host>`). */
  let taught = null;
  const taughtKey = () => 'profile:' + location.host;

  /** Hashed class names (CSS modules, styled-components) change on every deploy: not used. */
  const stableClass = (c) => /^[a-zA-Z][\w-]*$/.test(c) && !/[0-9a-f]{6,}|__[\w-]*\d[\w-]*$|[-_][a-zA-Z]*\d[a-zA-Z0-9]{3,}$|^(sc|css|jsx)-/i.test(c) && c.length < 40;

  /** ".a.b" for class names, escaped. */
  const dotted = (classes) => classes.map((c) => '.' + CSS.escape(c)).join('');

  /** A selector for `el` that finds exactly it in its tree: id, a data attribute, stable classes,
   * or the path of child positions (the last resort). Inside a web component or a frame: the
   * selector of its host first, then ">>>". */
  function robustSelector(el) {
    const root = /** @type {Document | ShadowRoot} */ (el.getRootNode());
    const host = hostOf(root);
    const pre = host ? robustSelector(host) + ' ' + HOP + ' ' : '';
    const ok = (sel) => { try { const f = root.querySelectorAll(sel); return f.length === 1 && f[0] === el; } catch (_) { return false; } };
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

  /** What two message items share (tag, data attributes present on both, stable classes on both). */
  function itemSelector(a, b) {
    const tag = a.tagName === b.tagName ? a.tagName.toLowerCase() : '*';
    // What the other messages beside them share too: a class two messages share by their place
    // (first or last of a run, "top-message") is not on every message.
    const others = Array.from(a.parentElement ? a.parentElement.children : []).filter((s) => (tag === '*' || s.localName === tag) && (s.textContent || '').trim());
    const all = (/** @type {(s: Element) => boolean} */ has) => others.every(has);
    const attrs = Array.from(a.attributes).map((x) => x.name).filter((n) => n.startsWith('data-') && b.hasAttribute(n) && all((s) => s.hasAttribute(n)));
    const classes = Array.from(a.classList).filter((c) => stableClass(c) && b.classList.contains(c) && all((s) => s.classList.contains(c)));
    return ':scope > ' + tag + attrs.map((n) => `[${n}]`).join('') + dotted(classes);
  }

  /** Selectors that are on one item and not on the other (its own classes, or a descendant's). */
  function sideMarks(mine, other) {
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

  /** The text element of a message relative to its item. */
  function textSelector(item, el) {
    if (el === item) return ':scope';
    const tag = el.tagName.toLowerCase();
    const sel = tag + dotted(Array.from(el.classList).filter(stableClass));
    return item.querySelector(sel) === el ? sel : ':scope';
  }

  /** Work out a profile from a customer message, one of the agent's, and the composer. */
  function deriveProfile(cust, agent, comp) {
    // (Climbing out of web components and frames: the two messages may sit deep inside them.)
    let container = upward(cust);
    while (container && !holdsDeep(container, agent)) container = upward(container);
    if (!container || container === container.ownerDocument.documentElement) return null;
    const itemOf = (el) => { let e = el; while (e && e.parentElement !== container) e = upward(e); return e; };
    const ci = itemOf(cust), ai = itemOf(agent);
    if (!ci || !ai || ci === ai) return null;
    const customer = sideMarks(ci, ai), agentMarks = sideMarks(ai, ci);
    return {
      id: 'taught', name: chrome.i18n.getMessage('teach') + ' · ' + location.host, taught: true, urls: [location.host],
      container: [robustSelector(container)], item: [itemSelector(ci, ai)],
      role: customer.length && agentMarks.length ? { customer, agent: agentMarks } : {},
      text: [textSelector(ci, cust !== ci ? cust : mainText(ci) || cust)], composer: [robustSelector(comp)],
    };
  }

  let picking = null;

  function startPicker() {
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
    const picked = [];
    say.textContent = chrome.i18n.getMessage(steps[0]);
    const target = (e) => {
      // Inside a web component the event's target is its host: the composed path says what was
      // clicked (in an open shadow root; a closed one hides it).
      const path = e.composedPath ? e.composedPath() : [];
      const el = /** @type {Element} */ (path[0] && path[0].nodeType === 1 ? path[0] : e.target);
      if (!el || el === hostEl) return null;
      if (picked.length === 2) return el.closest('textarea, [contenteditable="true"], [contenteditable=""], input') || el;
      return el;
    };
    // Only the agent's own pointer counts: events a page script makes (el.click(), dispatchEvent)
    // are not trusted, and must not pick anything (a page could plant a profile).
    const move = (e) => {
      if (!e.isTrusted) return;
      const el = target(e);
      if (!el) { box.style.display = 'none'; return; }
      const r = pageBox(el);
      Object.assign(box.style, { display: 'block', left: r.left + 'px', top: r.top + 'px', width: r.width + 'px', height: r.height + 'px' });
    };
    const click = (e) => {
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
    const swallow = (e) => { if (e.isTrusted && target(e)) { e.preventDefault(); e.stopImmediatePropagation(); } };
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
      const p = deriveProfile(picked[0], picked[1], picked[2]);
      if (!p) { say.textContent = chrome.i18n.getMessage('pick_failed'); setTimeout(() => bar.remove(), 4000); return; }
      taught = p;
      profile = p;
      chrome.storage.local.set({ [taughtKey()]: p });
      itemCache = new WeakMap();
      dirty = structural = true;
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

  // ---------- the panel frame and hover explanations, in a closed shadow root ----------

  let shadow = null;
  let hostEl = null;
  let frame = null;
  let tip = null;
  let collapsed = false;

  function mountPanel() {
    if (shadow) return;
    // A tag drawn for this load, no attribute, no class, no inline style: its look and place are
    // set from inside the closed shadow root (`:host`, important, so page rules do not win).
    const host = document.createElement(HOST_TAG);
    shadow = host.attachShadow({ mode: 'closed' });
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
      collapsed = !collapsed;
      wrap.classList.toggle('collapsed', collapsed);
      btn.textContent = collapsed ? '+' : '–';
      savePlace(host);
    });
    grip.append(label, btn);
    frame = document.createElement('iframe');
    frame.src = PANEL_URL;
    frame.setAttribute('allow', 'clipboard-write');
    frame.title = 'Duxin';
    wrap.append(grip, frame);
    tip = document.createElement('div');
    tip.className = 'tip';
    placeStyle = document.createElement('style');
    shadow.append(style, placeStyle, wrap, tip);
    setPlace(16, 16);
    dragBy(grip, host);
    restorePlace(host, wrap, btn);
    document.documentElement.appendChild(host);
    hostEl = host;
  }

  function placeKey() { return 'place:' + location.host; }

  /** Where the panel sits (px from the right and bottom of the window). */
  let place = { right: 16, bottom: 16 };
  /** @type {HTMLStyleElement | null} */
  let placeStyle = null;
  function setPlace(right, bottom) {
    place = { right, bottom };
    if (placeStyle) placeStyle.textContent = `:host { right: ${right}px !important; bottom: ${bottom}px !important; }`;
  }

  function savePlace(_host) {
    chrome.storage.local.set({ [placeKey()]: { right: place.right + 'px', bottom: place.bottom + 'px', collapsed } });
  }

  function restorePlace(_host, wrap, btn) {
    chrome.storage.local.get(placeKey(), (v) => {
      const p = v && v[placeKey()];
      if (!p) return;
      setPlace(parseFloat(p.right) || 16, parseFloat(p.bottom) || 16);
      collapsed = !!p.collapsed;
      wrap.classList.toggle('collapsed', collapsed);
      btn.textContent = collapsed ? '+' : '–';
    });
  }

  function dragBy(handle, host) {
    handle.addEventListener('pointerdown', (e) => {
      if (e.target instanceof HTMLButtonElement) return;
      const sx = e.clientX, sy = e.clientY;
      const r0 = place.right, b0 = place.bottom;
      const move = (ev) => setPlace(Math.max(0, r0 - (ev.clientX - sx)), Math.max(0, b0 - (ev.clientY - sy)));
      const up = () => { removeEventListener('pointermove', move); removeEventListener('pointerup', up); savePlace(host); };
      addEventListener('pointermove', move);
      addEventListener('pointerup', up);
    });
  }

  /** The painted span at a point of the page's text, if any. @param {Node} node */
  function paintedAt(node, offset) {
    for (const [el, p] of painted) {
      if (!el.contains(node)) continue;
      return p.items.find((it) => { try { return it.range.isPointInRange(node, offset); } catch (_) { return false; } }) || null;
    }
    return null;
  }

  /** The shadow roots of a document that hold painted text (so a point or a caret inside them
   * can be found: the page's own look-ups stop at a shadow root). @param {Document} d */
  const paintedRoots = (d) => /** @type {ShadowRoot[]} */ ([...adopted.keys()].filter((t) => t.nodeType === 11 && t.ownerDocument === d));
  /** Where a frame's viewport sits in the top page's. @param {Document} d */
  const offsetOf = (d) => { const b = pageBox(d.documentElement), r = d.documentElement.getBoundingClientRect(); return { x: b.left - r.left, y: b.top - r.top }; };

  let tipFrame = 0;
  const onMove = (/** @type {MouseEvent} */ e) => {
    if (tipFrame || !painted.size) return;
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
  document.addEventListener('mousemove', onMove, { passive: true });

  // Keyboard users (caret browsing, or a selection moved with the keys) get the same one-line
  // explanation when the caret sits in a highlighted span.
  const onCaret = (/** @type {Document} */ d) => {
    if (!tip || !painted.size) return;
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
  document.addEventListener('selectionchange', () => onCaret(document));

  // ---------- insertion into the composer ----------

  const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
  const norm = (s) => (s || '').replace(/\s+/g, ' ').trim();

  // (Elements of a frame belong to another realm: `instanceof` says no; their tag says what.)
  function editableOf(el) {
    if (!el) return null;
    if (isField(el)) return el;
    if (el.isContentEditable) return el;
    const inner = el.querySelector('textarea, input, [contenteditable="true"]');
    if (inner) return inner;
    if (el.shadowRoot) return editableOf(el.shadowRoot.querySelector('textarea, input, [contenteditable="true"]'));
    return null;
  }

  function currentText(el) {
    return isField(el) ? el.value : el.innerText;
  }

  function isRich(el) {
    return !isField(el) &&
      !!el.closest('.ql-editor, [data-lexical-editor], [data-slate-editor], .DraftEditor-root, .ProseMirror, .ck-editor__editable, trix-editor');
  }

  /** @param {string} text @param {'caret'|'replace'} mode */
  async function insert(text, mode) {
    const target = editableOf(composer());
    if (!target) return { ok: false, technique: 'none', detail: 'no composer' };
    if (target.localName === 'input') text = text.replace(/\s*\n\s*/g, ' ');
    // The composer may sit in a web component (its shadow root has its own focus and selection)
    // or in a frame (its own document): each is asked where the composer lives.
    const doc = target.ownerDocument;
    const tree = /** @type {Document | ShadowRoot} */ (target.getRootNode());
    const own = tree.nodeType === 11 ? /** @type {ShadowRoot} */ (tree) : doc;
    const before = currentText(target);
    target.focus();
    if (mode === 'replace') {
      if (isField(target)) target.select();
      else doc.getSelection()?.selectAllChildren(target);
    } else if (isField(target)) {
      if (own.activeElement !== target) target.setSelectionRange(target.value.length, target.value.length);
    } else {
      const sel = doc.getSelection();
      /** @type {any} */
      const inTree = own === doc ? sel : /** @type {any} */ (own).getSelection ? /** @type {any} */ (own).getSelection() : sel;
      if (sel && (!sel.rangeCount || !inTree || !target.contains(inTree.anchorNode))) {
        const r = doc.createRange();
        r.selectNodeContents(target);
        r.collapse(false);
        sel.removeAllRanges();
        sel.addRange(r);
      } else if (sel && inTree && inTree.rangeCount && !isRich(target)) {
        // The caret is already there, behind what the agent just typed: placed again, so the
        // insertion is its own undo step (not merged into the typing).
        const r = inTree.getRangeAt(0).cloneRange();
        sel.removeAllRanges();
        sel.addRange(r);
      }
    }
    // Let the editor sync its model with the selection (Slate throttles selectionchange).
    await sleep(isRich(target) ? 120 : 50);
    const landed = () => norm(currentText(target)).includes(norm(text));
    if (isRich(target)) {
      for (let i = 0; i < 3; i++) {
        const dt = new DataTransfer();
        dt.setData('text/plain', text);
        target.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true, composed: true }));
        await sleep(30);
        if (landed()) return { ok: true, technique: 'paste' };
        if (currentText(target) !== before) break;
        await sleep(100);
      }
      // Firefox hands page editors no data from a paste a script made: there the editor takes the
      // text as typed input instead (execCommand fires the beforeinput editors listen to).
      if (currentText(target) === before) {
        doc.execCommand('insertText', false, text);
        for (let i = 0; i < 5 && !landed(); i++) await sleep(30);
        if (landed()) return { ok: true, technique: 'exec_command' };
      }
    } else {
      doc.execCommand('insertText', false, text);
      if (landed()) return { ok: true, technique: 'exec_command' };
      if (currentText(target) === before && isField(target)) {
        const proto = target.localName === 'textarea' ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
        const setter = Object.getOwnPropertyDescriptor(proto, 'value')?.set;
        const value = mode === 'replace' ? text : target.value + text;
        setter?.call(target, value);
        target.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
        if (landed()) return { ok: true, technique: 'value_setter' };
      }
    }
    try {
      await navigator.clipboard.writeText(text);
      return { ok: true, technique: 'clipboard', detail: 'copied' };
    } catch (e) {
      return { ok: false, technique: 'none', detail: String(e) };
    }
  }

  // ---------- the agent's draft (issue 16): read, painted, fixed ----------
  // Only the composer's text is read (on its own input events, ~80 ms after the last one, sent
  // only when it changed); the core checks it in the panel. Findings are painted with a Highlight
  // in a contenteditable composer (no node of the page is changed); a fix replaces exactly its
  // span through the insertion engine, so the editor keeps it as one undo step.

  const BLOCK = /^(DIV|P|LI|H[1-6]|BLOCKQUOTE|PRE|TR)$/;
  /** @typedef {{node: Text, start: number}} DraftPart */
  /** The composer's text as the core checks it: a textarea's value, or a contenteditable's text
   * nodes in order with a line break between blocks, and where each text node starts in it.
   * @param {Element} el @returns {{text: string, parts: DraftPart[] | null}} */
  function draftOf(el) {
    if (el instanceof HTMLTextAreaElement || el instanceof HTMLInputElement) return { text: el.value, parts: null };
    /** @type {DraftPart[]} */
    const parts = [];
    let text = '';
    const walk = document.createTreeWalker(el, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
    for (let n = walk.nextNode(); n; n = walk.nextNode()) {
      if (n instanceof Text) { parts.push({ node: n, start: text.length }); text += n.data; }
      else if (n.nodeName === 'BR' || (BLOCK.test(n.nodeName) && text && !text.endsWith('\n'))) text += '\n';
    }
    return { text, parts };
  }

  /** A Range over UTF-16 units [start, end) of a contenteditable's draft. @param {DraftPart[]} parts */
  function draftRange(parts, start, end) {
    /** @returns {{node: Text, off: number} | null} */
    const at = (/** @type {number} */ u, /** @type {boolean} */ isEnd) => {
      for (const p of parts) if (u >= p.start && (isEnd ? u <= p.start + p.node.data.length : u < p.start + p.node.data.length)) return { node: p.node, off: u - p.start };
      const next = parts.find((p) => p.start >= u);
      return next ? { node: next.node, off: 0 } : null;
    };
    const a = at(start, false), b = at(end, true);
    if (!a || !b) return null;
    try { const r = new Range(); r.setStart(a.node, a.off); r.setEnd(b.node, b.off); return r; } catch (_) { return null; }
  }

  /** The editable composer as last found (never a lookup of the whole page per keystroke). */
  const draftEditable = () => (hasComposer() && lastComposer ? editableOf(lastComposer.el) : null);
  let draftTimer = 0;
  let lastDraft = '';
  function draftChanged() {
    clearTimeout(draftTimer);
    draftTimer = setTimeout(() => {
      if (!port || stopped) return;
      const el = draftEditable();
      const text = el ? draftOf(el).text : '';
      if (text === lastDraft) return;
      lastDraft = text;
      port.postMessage(/** @type {ToPanel} */ ({ type: 'draft', text }));
    }, 80);
  }
  // `beforeinput` too: editors that cancel it and apply the change themselves (Slate) fire no
  // `input`; the debounced read comes after their render.
  for (const type of ['input', 'beforeinput']) {
    document.addEventListener(type, (e) => {
      if (!port || stopped || !profile) return;
      const el = draftEditable();
      if (el && e.composedPath().includes(el)) draftChanged();
    }, { capture: true, passive: true });
  }

  /** @type {Highlight | null} */
  let draftBoard = null;
  /** @param {{start: number, end: number}[]} spans @param {string} draft */
  function paintDraft(spans, draft) {
    const el = draftEditable();
    if (draftBoard) draftBoard.clear();
    if (!el || !spans.length) return;
    const d = draftOf(el);
    if (!d.parts || d.text !== draft) return;
    if (!draftBoard) { board(KINDS[0]); draftBoard = new Highlight(); }
    for (const s of spans) {
      const r = Number.isInteger(s.start) && Number.isInteger(s.end) && s.start < s.end ? draftRange(d.parts, s.start, s.end) : null;
      if (r) draftBoard.add(r);
    }
    if (CSS.highlights.get(NAMES.draft) !== draftBoard) CSS.highlights.set(NAMES.draft, draftBoard);
  }

  /** Replace units [start, end) of the draft with `text` (the draft must still be `draft`).
   * @param {number} start @param {number} end @param {string} text @param {string} draft */
  async function fixDraft(start, end, text, draft) {
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

  // ---------- the port: only from our own panel page ----------

  chrome.runtime.onConnect.addListener((p) => {
    const s = p.sender;
    if (p.name !== PORT || !s || s.id !== chrome.runtime.id || !s.url || !isPanel(s.url, !s.tab)) {
      p.disconnect();
      return;
    }
    // One panel reads the page at a time: the one connected before is told, then let go (it
    // would otherwise keep showing a reading that no longer follows the page).
    if (port && port !== p) {
      try { port.postMessage(/** @type {ToPanel} */ ({ type: 'superseded' })); port.disconnect(); } catch { /* already gone */ }
    }
    port = p;
    lastDraft = '';
    lastSent = '';
    sentMessages = null;
    p.onDisconnect.addListener(() => { if (port === p) port = null; });
    p.onMessage.addListener(async (/** @type {ToPage} */ m) => {
      if (!m || typeof m !== 'object') return;
      if (m.type === 'paint' && Array.isArray(m.highlights)) paint(m.highlights, m.from);
      else if (m.type === 'refresh') sendSnapshot(true);
      else if (m.type === 'copy' && typeof m.text === 'string') navigator.clipboard.writeText(m.text).catch(() => {});
      else if (m.type === 'disable_site') disableHere();
      else if (m.type === 'teach') startPicker();
      else if (m.type === 'paint_draft' && Array.isArray(m.spans) && typeof m.draft === 'string') paintDraft(m.spans, m.draft);
      else if (m.type === 'fix' && typeof m.text === 'string' && typeof m.draft === 'string' && Number.isInteger(m.start) && Number.isInteger(m.end)) {
        const r = await fixDraft(m.start, m.end, m.text, m.draft);
        if (port) port.postMessage(/** @type {ToPanel} */ ({ type: 'inserted', ...r }));
      }
      else if (m.type === 'insert' && typeof m.text === 'string' && (m.mode === 'caret' || m.mode === 'replace')) {
        const r = await insert(m.text, m.mode);
        if (port) port.postMessage(/** @type {ToPanel} */ ({ type: 'inserted', ...r }));
      }
    });
  });

  // The service worker forwards keyboard commands and says when the agent enabled or removed
  // this site; it holds no state.
  chrome.runtime.onMessage.addListener((m, sender, reply) => {
    if (sender.id !== chrome.runtime.id || !m) return;
    // What the registry's names mean, for Duxin's own extension pages only (the E2E suite asks
    // through the panel frame); the page cannot send this message.
    if (m.type === 'highlight-names') {
      reply(Object.fromEntries(KINDS.map((k) => [NAMES[k], k])));
      return;
    }
    if (m.type === 'site' && typeof m.enabled === 'boolean') {
      if (m.enabled) {
        visitOnly = false;
        if (shadow) sendSnapshot(true);
      } else if (Array.isArray(m.origins) && m.origins.some(coversHere)) {
        teardown();
      }
      return;
    }
    if (m.type !== 'command' || typeof m.command !== 'string') return;
    // On a page Duxin cannot read, the panel shortcut still opens it: to say so and to be taught.
    if (!shadow) {
      if (m.command === 'toggle-panel') {
        stopped = false;
        start();
        mountPanel();
      }
      return;
    }
    if (m.command === 'toggle-panel') {
      const wrap = shadow.querySelector('.wrap');
      collapsed = !collapsed;
      wrap && wrap.classList.toggle('collapsed', collapsed);
    } else if (port) {
      port.postMessage(/** @type {ToPanel} */ ({ type: 'command', name: m.command }));
    }
  });

  /** The agent switched Duxin off here: remove every trace from the page and remember it. */
  function disableHere() {
    chrome.storage.local.set({ ['off:' + location.host]: true });
    teardown();
  }

  /** Does a host permission pattern ("https://*.shop.example/*") cover this page? */
  function coversHere(/** @type {unknown} */ pattern) {
    const m = typeof pattern === 'string' && pattern.match(/^(\*|https?):\/\/([^/]+)\//);
    if (!m) return false;
    const [, scheme, host] = m;
    if (scheme !== '*' && scheme + ':' !== location.protocol) return false;
    const h = location.hostname;
    return host === '*' || host === h || (host.startsWith('*.') && (h === host.slice(2) || h.endsWith(host.slice(1))));
  }

  /** Every trace of Duxin off the page (switched off here, or the site's access removed). */
  function teardown() {
    stopped = true;
    if (observer) observer.disconnect();
    observer = null;
    painted = new Map();
    cues = [];
    for (const k of KINDS) { if (boards[k]) boards[k].clear(); CSS.highlights.delete(NAMES[k]); }
    CSS.highlights.delete(NAMES.draft);
    unstyleTrees();
    if (port) port.disconnect();
    port = null;
    if (hostEl) hostEl.remove();
    shadow = null;
  }

  function start(found = null) {
    if (stopped) return;
    // (The detection that found the chat is not run twice: on a long chat it walks the page.)
    profile = found || chooseProfile();
    if (!profile) {
      // Started by the agent's shortcut on this page: show the panel at once (to teach it).
      if (visitOnly) mountPanel();
      // Nothing to read yet: watch for a console to appear (single-page apps load late).
      // (Detecting an unknown chat walks the page: at most every 400 ms.)
      // (Web components render inside their shadow roots and frames load their own documents:
      // those are watched too, and each attempt looks for new ones.)
      let pending = false;
      const watch = () => {
        for (const t of allScopes()) {
          const n = t.nodeType === 9 ? /** @type {Document} */ (t).documentElement : t;
          if (t !== document && n) mo.observe(n, { childList: true, subtree: true });
        }
      };
      const kick = () => {
        if (pending) return;
        pending = true;
        setTimeout(() => {
          pending = false;
          if (profile || stopped) { mo.disconnect(); document.removeEventListener('load', kick, true); return; }
          profile = chooseProfile();
          if (profile) { mo.disconnect(); document.removeEventListener('load', kick, true); start(profile); } else watch();
        }, 400);
      };
      const mo = new MutationObserver(kick);
      mo.observe(document.documentElement, { childList: true, subtree: true });
      watch();
      document.addEventListener('load', kick, true);
      return;
    }
    // The watching and the panel in a task of their own (the detection before was one), the
    // panel last: the page lays it out in its next frame, not in this task.
    setTimeout(() => { if (stopped) return; ensureObserved(); mountPanel(); }, 0);
  }

  // Respect the agent's per-site switch (options page, or "turn off on this site" in the panel).
  chrome.storage.local.get(['off:' + location.host, taughtKey()], (v) => {
    const t = v && v[taughtKey()];
    // A stored profile that does not check (a field of the wrong type) is skipped, never read from.
    if (t && globalThis.duxinProfileProblems && !globalThis.duxinProfileProblems(t).length) taught = t;
    if (!(v && v['off:' + location.host])) start();
  });
})();
