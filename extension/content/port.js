// @ts-check
// The port: the only channel, accepted only from our own panel page (`sender.id` and the sender's
// path `/panel.html` on our own origin); no `window.postMessage`, which the page could read and
// forge. And the service worker's messages: keyboard commands, and the agent enabling or removing
// this site. The content script only paints and inserts what it is told: it decides nothing.
import { S } from './state.js';
import { KINDS, NAMES } from './names.js';
import { resetSent, sendSnapshot, stopObserving } from './snapshot.js';
import { clearHighlights, paint } from './highlights.js';
import { fixDraft, paintDraft, resetDraft } from './draft.js';
import { insert } from './insertion.js';
import { startPicker } from './picker.js';
import { mountPanel, togglePanel, unmountPanel } from './frame.js';
import { announce, chatInFrame, delegated, handOver, isTop } from './frames.js';

/** @typedef {import("../protocol").ToPanel} ToPanel */
/** @typedef {import("../protocol").ToPage} ToPage */

/** The port's name (`protocol::PORT_NAME`: the cast does not type-check when they differ). */
const PORT = /** @type {typeof import("../protocol").PORT_NAME} */ ('duxin-panel');

// The frame's sender URL is the extension's own origin (the page sees only a per-session URL):
// the port check compares the path, with the extension id checked beside it.
// In Firefox the extension's pages live on a moz-extension:// host of their own (random per
// installation, not the add-on id), which is the host of getURL. Firefox gives the framed panel no
// `tabs` API: its port is opened for it by background.js (a sender with no tab), which only does so
// for our panel page (see there).
/** @param {string} u @param {boolean} relayed */
const isPanel = (u, relayed) => {
  try {
    const x = new URL(u);
    const OWN = new URL(chrome.runtime.getURL('panel.html'));
    return x.protocol === OWN.protocol && (x.host === chrome.runtime.id || x.host === OWN.host) && (x.pathname === '/panel.html' || relayed);
  } catch {
    return false;
  }
};

/** Tell the panel something (if one is connected). @param {ToPanel} m */
const tell = (m) => { if (S.port) S.port.postMessage(m); };

/** One message from the panel. @param {ToPage} m */
async function onPanel(m) {
  // (The chat is another frame's: the panel talks to it, see frames.js.)
  if (!m || typeof m !== 'object' || delegated()) return;
  if (m.type === 'paint' && Array.isArray(m.highlights)) paint(m.highlights, m.from);
  else if (m.type === 'refresh') sendSnapshot(true);
  else if (m.type === 'copy' && typeof m.text === 'string') navigator.clipboard.writeText(m.text).catch(() => {});
  else if (m.type === 'disable_site') disableHere();
  else if (m.type === 'teach') startPicker();
  else if (m.type === 'paint_draft' && Array.isArray(m.spans) && typeof m.draft === 'string') paintDraft(m.spans, m.draft);
  else if (m.type === 'fix' && typeof m.text === 'string' && typeof m.draft === 'string' && Number.isInteger(m.start) && Number.isInteger(m.end)) {
    tell({ type: 'inserted', ...(await fixDraft(m.start, m.end, m.text, m.draft)) });
  }
  else if (m.type === 'insert' && typeof m.text === 'string' && (m.mode === 'caret' || m.mode === 'replace')) {
    tell({ type: 'inserted', ...(await insert(m.text, m.mode)) });
  }
}

/** Accept our panel's port (once, when the content script starts). */
export function listenForPanel() {
  chrome.runtime.onConnect.addListener((p) => {
    const s = p.sender;
    if (p.name !== PORT || !s || s.id !== chrome.runtime.id || !s.url || !isPanel(s.url, !s.tab)) {
      p.disconnect();
      return;
    }
    // One panel reads the page at a time: the one connected before is told, then let go (it
    // would otherwise keep showing a reading that no longer follows the page).
    if (S.port && S.port !== p) {
      try { S.port.postMessage(/** @type {ToPanel} */ ({ type: 'superseded' })); S.port.disconnect(); } catch { /* already gone */ }
    }
    S.port = p;
    resetDraft();
    resetSent();
    p.onDisconnect.addListener(() => { if (S.port === p) S.port = null; });
    p.onMessage.addListener(onPanel);
    handOver(p);
  });
}

/** The service worker forwards keyboard commands and says when the agent enabled or removed
 * this site; it holds no state. `start` starts Duxin on a page it was not reading.
 * @param {() => void} start */
export function listenForWorker(start) {
  chrome.runtime.onMessage.addListener((m, sender, reply) => {
    if (sender.id !== chrome.runtime.id || !m) return;
    // What the registry's names mean, for Duxin's own extension pages only (the E2E suite asks
    // through the panel frame); the page cannot send this message.
    if (m.type === 'highlight-names') {
      reply(Object.fromEntries(KINDS.map((k) => [NAMES[k], k])));
      return;
    }
    // A chat in a frame of another origin (frames.js): the frame's id, from the service worker.
    if (m.type === 'chat-frame' && Number.isInteger(m.frame_id)) { chatInFrame(m.frame_id); return; }
    if (m.type === 'announce') { announce(); return; }
    if (m.type === 'site' && typeof m.enabled === 'boolean') {
      if (m.enabled) {
        S.visitOnly = false;
        if (S.shadow) sendSnapshot(true);
      } else if (Array.isArray(m.origins) && m.origins.some(coversHere)) {
        teardown();
      }
      return;
    }
    if (m.type !== 'command' || typeof m.command !== 'string') return;
    // A frame shows no panel: the top page's shortcut is the top frame's to answer.
    if (!isTop()) {
      if (m.command !== 'toggle-panel') tell({ type: 'command', name: m.command });
      return;
    }
    // On a page Duxin cannot read, the panel shortcut still opens it: to say so and to be taught.
    if (!S.shadow) {
      if (m.command === 'toggle-panel') {
        S.stopped = false;
        start();
        mountPanel();
      }
      return;
    }
    if (m.command === 'toggle-panel') togglePanel();
    else tell({ type: 'command', name: m.command });
  });
}

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
  S.stopped = true;
  stopObserving();
  clearHighlights();
  if (S.port) S.port.disconnect();
  S.port = null;
  unmountPanel();
}
