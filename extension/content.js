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
  const PANEL_URL = chrome.runtime.getURL('panel.html');
  /** @param {string} u */
  const isPanel = (u) => {
    try {
      const x = new URL(u);
      return x.protocol === 'chrome-extension:' && x.host === chrome.runtime.id && x.pathname === '/panel.html';
    } catch {
      return false;
    }
  };
  const KINDS = ['anger', 'anxiety', 'distrust', 'disappointment', 'sadness', 'confusion', 'gratitude', 'joy', 'threat'];

  /** @type {chrome.runtime.Port | null} */
  let port = null;
  /** @type {any} */
  let profile = null;
  /** @type {string[]} */
  let matched = [];
  /** @type {Element[]} text elements of the last snapshot, by message index */
  let textEls = [];
  /** @type {{range: Range, reason: string, kind: string}[]} */
  let painted = [];
  let lastSent = '';
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
          const els = Array.from(root.querySelectorAll(sel));
          if (els.length) { note(field, i, sels.length); return els; }
        } else {
          // Prefer a visible match: consoles keep other conversations mounted but hidden.
          const els = Array.from(root.querySelectorAll(sel));
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
      try { el = root.querySelector(sel); } catch (_) { continue; }
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
        if (el.matches(s) || el.querySelector(s)) return true;
      } catch (_) { /* skip */ }
    }
    return false;
  }

  function visible(el) {
    const r = el.getBoundingClientRect();
    return r.width > 0 || r.height > 0;
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
        try { if (document.querySelector(s)) return p; } catch (_) { /* skip */ }
      }
    }
    return detectGeneric();
  }

  /** A selector for one element: its id, else a path of child positions from the nearest
   * ancestor with an id (or the body). */
  function cssPath(el) {
    const parts = [];
    for (let e = el; e && e !== document.body && e.parentElement; e = e.parentElement) {
      if (e.id) { parts.unshift('#' + CSS.escape(e.id)); return parts.join(' > '); }
      parts.unshift(`${e.tagName.toLowerCase()}:nth-child(${Array.prototype.indexOf.call(e.parentElement.children, e) + 1})`);
    }
    return ['body', ...parts].join(' > ');
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
   * that carry text, preferring one that scrolls. Roles come from the side of each bubble.
   * @returns {any}
   */
  function detectGeneric() {
    const composers = Array.from(document.querySelectorAll('textarea, [contenteditable="true"], [contenteditable=""]'))
      .filter((el) => visible(el) && !el.closest('duxin-copilot') && !(el.parentElement && el.parentElement.closest('[contenteditable="true"]')));
    if (!composers.length) return null;
    const comp = composers.sort((a, b) => b.getBoundingClientRect().bottom - a.getBoundingClientRect().bottom)[0];
    const cr = comp.getBoundingClientRect();
    let best = null;
    for (const el of document.body.querySelectorAll('*')) {
      if (el.children.length < 3 || el.closest('duxin-copilot') || el.contains(comp)) continue;
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.top > cr.top || r.right < cr.left || r.left > cr.right) continue;
      /** @type {Map<string, number>} */
      const groups = new Map();
      for (const k of el.children) {
        if (!(k.textContent || '').trim()) continue;
        const key = k.tagName.toLowerCase() + (k.classList[0] ? '.' + CSS.escape(k.classList[0]) : '');
        groups.set(key, (groups.get(key) || 0) + 1);
      }
      const top = [...groups.entries()].sort((a, b) => b[1] - a[1])[0];
      if (!top || top[1] < 3) continue;
      const oy = getComputedStyle(el).overflowY;
      const score = top[1] + (oy === 'auto' || oy === 'scroll' ? 5 : 0);
      if (!best || score > best.score) best = { score, el, item: top[0] };
    }
    if (!best) return null;
    return {
      id: 'generic', name: 'detected chat', generic: true,
      container: [cssPath(best.el)], item: [':scope > ' + best.item], text: [':scope'], role: {},
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

  /** @returns {{conversation: Conversation, els: Element[]} | null} */
  /**
   * What each message item was read as, kept until a mutation touches the item: a new message in
   * a 2,000-message console costs one item's reading, not 2,000 (no long task on the page).
   * @type {WeakMap<Element, {msg: Message | null, textEl: Element | null}>}
   */
  let itemCache = new WeakMap();
  let dirty = true;
  /** @type {Element[]} */
  let lastItems = [];

  /** Forget what mutated items were read as. */
  function invalidate(records) {
    const sel = (profile && profile.item || []).join(',');
    for (const r of records) {
      const node = r.target.nodeType === Node.ELEMENT_NODE ? /** @type {Element} */ (r.target) : r.target.parentElement;
      let item = null;
      try { item = sel && node ? node.closest(sel) : null; } catch (_) { item = null; }
      if (item) { itemCache.delete(item); dirty = true; }
      // Nodes added or removed outside any item (a list replaced, a pane switched in) may change
      // the conversation; attribute flicker outside items (hover classes) does not.
      else if (r.type === 'childList') dirty = true;
    }
  }

  function readItem(item, container) {
    const hit = itemCache.get(item);
    if (hit) return hit;
    /** @type {{msg: Message | null, textEl: Element | null}} */
    let entry = { msg: null, textEl: null };
    const textEl = visible(item) ? (profile.generic ? mainText(item) : pick(item, 'text', profile.text)) : null;
    // Images and cards carry no words; a product card is not a message.
    if (textEl && !(profile.card && matchesAny(textEl, profile.card))) {
      const text = textEl.textContent || '';
      if (text.trim()) {
        /** @type {Message} */
        const m = { role: /** @type {Role} */ (roleOf(item, container, profile.generic ? textEl : null)), text };
        const t = fieldValue(item, 'time', profile.time);
        if (t) m.time = t;
        const id = item.id || item.getAttribute('data-message-id') || item.getAttribute('data-id');
        if (id) m.id = id;
        entry = { msg: m, textEl };
      }
    }
    itemCache.set(item, entry);
    return entry;
  }

  function read() {
    matched = [];
    const container = pick(document, 'container', profile.container);
    if (!container) return null;
    const items = pick(container, 'item', profile.item, true);
    const same = !dirty && items.length === lastItems.length && items.every((it, i) => it === lastItems[i]);
    lastItems = items;
    dirty = false;
    /** @type {Message[]} */
    const messages = [];
    /** @type {Element[]} */
    const els = [];
    for (const item of items) {
      const { msg, textEl } = readItem(item, container);
      if (!msg || !textEl) continue;
      messages.push(msg);
      els.push(textEl);
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
    const firstCustomer = items.find((it) => roleOf(it, container) === 'customer');
    const name = (firstCustomer && fieldValue(firstCustomer, 'customer_name', profile.customer_name)) ||
      fieldValue(container, 'customer_name', profile.customer_name) || fieldValue(document, 'customer_name', profile.customer_name);
    if (name || Object.keys(facts).length) conversation.customer = { ...(name ? { name } : {}), ...facts };
    return { conversation, els, same };
  }

  function composer() {
    // The first visible match: toolbars keep hidden inputs (Trix's link dialog) inside the box.
    let el = null;
    const sels = profile.composer || [];
    for (let i = 0; i < sels.length && !el; i++) {
      try {
        el = Array.from(document.querySelectorAll(sels[i])).find(visible) || null;
      } catch (_) { /* skip */ }
      if (el) note('composer', i, sels.length);
    }
    if (el && (el.getAttribute('data-gramm') === 'false' || el.getAttribute('data-duxin') === 'off')) return null;
    return el;
  }

  function site() {
    const s = { profile: profile ? profile.id : 'none', matched: matched.slice(), host: location.host, composer: !!(profile && composer()) };
    return visitOnly ? { ...s, visit_only: location.protocol + '//' + location.hostname + '/*' } : s;
  }

  function sendSnapshot(force) {
    if (!port) return;
    if (!profile) profile = chooseProfile();
    const r = profile ? read() : null;
    if (!r || r.conversation.messages.length === 0) {
      textEls = [];
      const msg = /** @type {ToPanel} */ ({ type: 'no_console', site: site() });
      const key = JSON.stringify(msg);
      if (force || key !== lastSent) { lastSent = key; port.postMessage(msg); }
      return;
    }
    textEls = r.els;
    const s = site();
    const msg = /** @type {ToPanel} */ ({ type: 'snapshot', conversation: r.conversation, site: s });
    // Messages unchanged (no item touched, same items): compare only the small parts.
    const { messages: _m, now: _n, ...rest } = r.conversation;
    const key = (r.same ? 'same:' : Math.random() + ':') + JSON.stringify({ rest, s });
    if (!force && key === lastSent) return;
    lastSent = key;
    port.postMessage(msg);
  }

  // ---------- keeping up ----------

  let pending = 0;
  function schedule(records) {
    if (records) invalidate(records);
    if (pending) return;
    pending = setTimeout(() => { pending = 0; sendSnapshot(false); ensureObserved(); }, 30);
  }

  function ensureObserved() {
    const target = (profile && pick(document, 'container', profile.container)) || document.body;
    if (observed === target && target.isConnected) return;
    if (observer) observer.disconnect();
    observer = new MutationObserver(schedule);
    // Watch the body too: consoles that replace the whole list (Vue) drop our container.
    observer.observe(document.body, { childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: ['class', 'data-is-active', 'style', 'hidden'] });
    observed = target;
  }

  // ---------- highlights ----------

  /** Range over a text element for UTF-16 offsets [start, end) of its textContent. */
  function rangeFor(el, start, end) {
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    let pos = 0;
    let startNode = null, startOff = 0, endNode = null, endOff = 0;
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const len = n.nodeValue.length;
      if (!startNode && start < pos + len) { startNode = n; startOff = start - pos; }
      if (startNode && end <= pos + len) { endNode = n; endOff = end - pos; break; }
      pos += len;
    }
    if (!startNode || !endNode) return null;
    const r = new Range();
    r.setStart(startNode, startOff);
    r.setEnd(endNode, endOff);
    return r;
  }

  /** @param {CueHighlight[]} hs */
  function paint(hs) {
    if (!('highlights' in CSS)) return;
    /** @type {Record<string, Range[]>} */
    const byKind = {};
    painted = [];
    for (const h of hs) {
      const el = textEls[h.message];
      if (!el || !el.isConnected) continue;
      const r = rangeFor(el, h.start, h.end);
      if (!r) continue;
      (byKind[h.kind] = byKind[h.kind] || []).push(r);
      painted.push({ range: r, reason: h.reason, kind: h.kind });
    }
    for (const k of KINDS) {
      const ranges = byKind[k];
      if (ranges && ranges.length) CSS.highlights.set('duxin-' + k, new Highlight(...ranges));
      else CSS.highlights.delete('duxin-' + k);
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

  /** A selector for `el` that finds exactly it in `root`: id, a data attribute, stable classes, or
   * the path of child positions (the last resort). */
  function robustSelector(el, root = document) {
    const ok = (sel) => { try { const f = root.querySelectorAll(sel); return f.length === 1 && f[0] === el; } catch (_) { return false; } };
    if (el.id && !/\d{3,}/.test(el.id) && ok('#' + CSS.escape(el.id))) return '#' + CSS.escape(el.id);
    const tag = el.tagName.toLowerCase();
    for (const a of Array.from(el.attributes)) {
      if (!a.name.startsWith('data-') || a.value.length > 40 || /\d{4,}/.test(a.value)) continue;
      const sel = `${tag}[${a.name}="${CSS.escape(a.value)}"]`;
      if (ok(sel)) return sel;
    }
    const classes = Array.from(el.classList).filter(stableClass);
    if (classes.length && ok(tag + dotted(classes))) return tag + dotted(classes);
    return cssPath(el);
  }

  /** What two message items share (tag, data attributes present on both, stable classes on both). */
  function itemSelector(a, b) {
    const tag = a.tagName === b.tagName ? a.tagName.toLowerCase() : '*';
    const attrs = Array.from(a.attributes).map((x) => x.name).filter((n) => n.startsWith('data-') && b.hasAttribute(n));
    const classes = Array.from(a.classList).filter((c) => stableClass(c) && b.classList.contains(c));
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
    let container = cust.parentElement;
    while (container && !container.contains(agent)) container = container.parentElement;
    if (!container || container === document.documentElement) return null;
    const itemOf = (el) => { let e = el; while (e && e.parentElement !== container) e = e.parentElement; return e; };
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
      const el = /** @type {Element} */ (e.target);
      if (!el || el === hostEl) return null;
      if (picked.length === 2) return el.closest('textarea, [contenteditable="true"], [contenteditable=""], input') || el;
      return el;
    };
    const move = (e) => {
      const el = target(e);
      if (!el) { box.style.display = 'none'; return; }
      const r = el.getBoundingClientRect();
      Object.assign(box.style, { display: 'block', left: r.left + 'px', top: r.top + 'px', width: r.width + 'px', height: r.height + 'px' });
    };
    const click = (e) => {
      const el = target(e);
      if (!el) return;
      // The page must not act on the agent's pointing (no link followed, no message opened).
      e.preventDefault();
      e.stopImmediatePropagation();
      picked.push(el);
      if (picked.length < 3) { say.textContent = chrome.i18n.getMessage(steps[picked.length]); return; }
      finish();
    };
    const swallow = (e) => { if (target(e)) { e.preventDefault(); e.stopImmediatePropagation(); } };
    const opts = { capture: true };
    const finish = () => {
      document.removeEventListener('pointermove', move, opts);
      document.removeEventListener('click', click, opts);
      document.removeEventListener('mousedown', swallow, opts);
      document.removeEventListener('pointerdown', swallow, opts);
      box.remove();
      picking = null;
      if (picked.length < 3) { bar.remove(); return; }
      const p = deriveProfile(picked[0], picked[1], picked[2]);
      if (!p) { say.textContent = chrome.i18n.getMessage('pick_failed'); setTimeout(() => bar.remove(), 4000); return; }
      taught = p;
      profile = p;
      chrome.storage.local.set({ [taughtKey()]: p });
      itemCache = new WeakMap();
      dirty = true;
      const r = read();
      say.textContent = chrome.i18n.getMessage('pick_done', [String(r ? r.conversation.messages.length : 0)]);
      cancel.remove();
      setTimeout(() => bar.remove(), 5000);
      ensureObserved();
      sendSnapshot(true);
    };
    cancel.addEventListener('click', () => { picked.length = 0; finish(); });
    document.addEventListener('pointermove', move, opts);
    document.addEventListener('click', click, opts);
    document.addEventListener('mousedown', swallow, opts);
    document.addEventListener('pointerdown', swallow, opts);
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
    const host = document.createElement('duxin-copilot');
    host.style.cssText = 'all: initial; position: fixed; z-index: 2147483647; right: 16px; bottom: 16px;';
    shadow = host.attachShadow({ mode: 'closed' });
    const style = document.createElement('style');
    style.textContent = `
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
    shadow.append(style, wrap, tip);
    dragBy(grip, host);
    restorePlace(host, wrap, btn);
    document.documentElement.appendChild(host);
    hostEl = host;
  }

  function placeKey() { return 'place:' + location.host; }

  function savePlace(host) {
    chrome.storage.local.set({ [placeKey()]: { right: host.style.right, bottom: host.style.bottom, collapsed } });
  }

  function restorePlace(host, wrap, btn) {
    chrome.storage.local.get(placeKey(), (v) => {
      const p = v && v[placeKey()];
      if (!p) return;
      host.style.right = p.right; host.style.bottom = p.bottom;
      collapsed = !!p.collapsed;
      wrap.classList.toggle('collapsed', collapsed);
      btn.textContent = collapsed ? '+' : '–';
    });
  }

  function dragBy(handle, host) {
    handle.addEventListener('pointerdown', (e) => {
      if (e.target instanceof HTMLButtonElement) return;
      const sx = e.clientX, sy = e.clientY;
      const r0 = parseFloat(host.style.right) || 16, b0 = parseFloat(host.style.bottom) || 16;
      const move = (ev) => {
        host.style.right = Math.max(0, r0 - (ev.clientX - sx)) + 'px';
        host.style.bottom = Math.max(0, b0 - (ev.clientY - sy)) + 'px';
      };
      const up = () => { removeEventListener('pointermove', move); removeEventListener('pointerup', up); savePlace(host); };
      addEventListener('pointermove', move);
      addEventListener('pointerup', up);
    });
  }

  let tipFrame = 0;
  document.addEventListener('mousemove', (e) => {
    if (tipFrame || !painted.length) return;
    tipFrame = requestAnimationFrame(() => {
      tipFrame = 0;
      const pos = document.caretPositionFromPoint ? document.caretPositionFromPoint(e.clientX, e.clientY) : null;
      const hit = pos && painted.find((p) => {
        try { return p.range.isPointInRange(pos.offsetNode, pos.offset); } catch (_) { return false; }
      });
      if (!tip) return;
      if (hit) {
        tip.textContent = hit.reason; // text only, never HTML
        tip.style.left = e.clientX + 12 + 'px';
        tip.style.top = e.clientY + 14 + 'px';
        tip.style.display = 'block';
      } else tip.style.display = 'none';
    });
  }, { passive: true });

  // Keyboard users (caret browsing, or a selection moved with the keys) get the same one-line
  // explanation when the caret sits in a highlighted span.
  document.addEventListener('selectionchange', () => {
    if (!tip || !painted.length) return;
    const sel = document.getSelection();
    if (!sel || !sel.rangeCount || !sel.isCollapsed) return;
    const node = sel.anchorNode, off = sel.anchorOffset;
    const hit = painted.find((p) => { try { return p.range.isPointInRange(node, off); } catch (_) { return false; } });
    if (!hit) { tip.style.display = 'none'; return; }
    const r = hit.range.getBoundingClientRect();
    tip.textContent = hit.reason; // text only, never HTML
    tip.style.left = r.left + 'px';
    tip.style.top = r.bottom + 6 + 'px';
    tip.style.display = 'block';
  });

  // ---------- insertion into the composer ----------

  const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
  const norm = (s) => (s || '').replace(/\s+/g, ' ').trim();

  function editableOf(el) {
    if (!el) return null;
    if (el instanceof HTMLTextAreaElement || el instanceof HTMLInputElement) return el;
    if (el.isContentEditable) return el;
    const inner = el.querySelector('textarea, input, [contenteditable="true"]');
    if (inner) return inner;
    if (el.shadowRoot) return editableOf(el.shadowRoot.querySelector('textarea, input, [contenteditable="true"]'));
    return null;
  }

  function currentText(el) {
    return el instanceof HTMLTextAreaElement || el instanceof HTMLInputElement ? el.value : el.innerText;
  }

  function isRich(el) {
    return !(el instanceof HTMLTextAreaElement || el instanceof HTMLInputElement) &&
      !!el.closest('.ql-editor, [data-lexical-editor], [data-slate-editor], .DraftEditor-root, .ProseMirror, .ck-editor__editable, trix-editor');
  }

  /** @param {string} text @param {'caret'|'replace'} mode */
  async function insert(text, mode) {
    const target = editableOf(composer());
    if (!target) return { ok: false, technique: 'none', detail: 'no composer' };
    if (target instanceof HTMLInputElement) text = text.replace(/\s*\n\s*/g, ' ');
    const before = currentText(target);
    target.focus();
    if (mode === 'replace') {
      if (target instanceof HTMLTextAreaElement || target instanceof HTMLInputElement) target.select();
      else document.getSelection()?.selectAllChildren(target);
    } else if (target instanceof HTMLTextAreaElement || target instanceof HTMLInputElement) {
      if (document.activeElement !== target) target.setSelectionRange(target.value.length, target.value.length);
    } else {
      const sel = document.getSelection();
      if (sel && (!sel.rangeCount || !target.contains(sel.anchorNode))) {
        const r = document.createRange();
        r.selectNodeContents(target);
        r.collapse(false);
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
    } else {
      document.execCommand('insertText', false, text);
      if (landed()) return { ok: true, technique: 'exec_command' };
      if (currentText(target) === before && (target instanceof HTMLTextAreaElement || target instanceof HTMLInputElement)) {
        const proto = target instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
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

  // ---------- the port: only from our own panel page ----------

  chrome.runtime.onConnect.addListener((p) => {
    const s = p.sender;
    if (p.name !== PORT || !s || s.id !== chrome.runtime.id || !s.url || !isPanel(s.url)) {
      p.disconnect();
      return;
    }
    // One panel reads the page at a time: the one connected before is told, then let go (it
    // would otherwise keep showing a reading that no longer follows the page).
    if (port && port !== p) {
      try { port.postMessage(/** @type {ToPanel} */ ({ type: 'superseded' })); port.disconnect(); } catch { /* already gone */ }
    }
    port = p;
    lastSent = '';
    p.onDisconnect.addListener(() => { if (port === p) port = null; });
    p.onMessage.addListener(async (/** @type {ToPage} */ m) => {
      if (!m || typeof m !== 'object') return;
      if (m.type === 'paint' && Array.isArray(m.highlights)) paint(m.highlights);
      else if (m.type === 'refresh') sendSnapshot(true);
      else if (m.type === 'copy' && typeof m.text === 'string') navigator.clipboard.writeText(m.text).catch(() => {});
      else if (m.type === 'disable_site') disableHere();
      else if (m.type === 'teach') startPicker();
      else if (m.type === 'insert' && typeof m.text === 'string' && (m.mode === 'caret' || m.mode === 'replace')) {
        const r = await insert(m.text, m.mode);
        if (port) port.postMessage(/** @type {ToPanel} */ ({ type: 'inserted', ...r }));
      }
    });
  });

  // The service worker forwards keyboard commands and says when the agent enabled or removed
  // this site; it holds no state.
  chrome.runtime.onMessage.addListener((m, sender) => {
    if (sender.id !== chrome.runtime.id || !m) return;
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
    painted = [];
    for (const k of KINDS) CSS.highlights.delete('duxin-' + k);
    if (port) port.disconnect();
    port = null;
    if (hostEl) hostEl.remove();
    shadow = null;
  }

  function start() {
    if (stopped) return;
    profile = chooseProfile();
    if (!profile) {
      // Started by the agent's shortcut on this page: show the panel at once (to teach it).
      if (visitOnly) mountPanel();
      // Nothing to read yet: watch for a console to appear (single-page apps load late).
      // (Detecting an unknown chat walks the page: at most every 400 ms.)
      let pending = false;
      const mo = new MutationObserver(() => {
        if (pending) return;
        pending = true;
        setTimeout(() => {
          pending = false;
          if (profile || stopped) { mo.disconnect(); return; }
          profile = chooseProfile();
          if (profile) { mo.disconnect(); start(); }
        }, 400);
      });
      mo.observe(document.documentElement, { childList: true, subtree: true });
      return;
    }
    mountPanel();
    ensureObserved();
  }

  // Respect the agent's per-site switch (options page, or "turn off on this site" in the panel).
  chrome.storage.local.get(['off:' + location.host, taughtKey()], (v) => {
    const t = v && v[taughtKey()];
    // A stored profile that does not check (a field of the wrong type) is skipped, never read from.
    if (t && globalThis.duxinProfileProblems && !globalThis.duxinProfileProblems(t).length) taught = t;
    if (!(v && v['off:' + location.host])) start();
  });
})();
