// @ts-check
// Duxin content script: the only code that touches the host page, and it decides nothing. It
// reads the open conversation through a site profile (reading.js; the generic detector and the
// picker when there is none), paints highlights with the CSS Custom Highlight API (highlights.js:
// no host node is created or changed), inserts text into the composer (insertion.js, draft.js),
// and frames the copilot panel (our extension page, where the Rust core runs) in a closed shadow
// root (frame.js). It talks to that panel over a chrome.runtime port only (port.js).
//
// scripts/assemble.mjs bundles these modules into one script (an IIFE: nothing is left in the
// global scope); profiles.js and profile-check.js are injected before it.
import { S } from './state.js';
import { allScopes } from './trees.js';
import { chooseProfile } from './reading.js';
import { ensureObserved, listenForFades } from './snapshot.js';
import { listenForScroll } from './highlights.js';
import { listenForPointer, mountPanel } from './frame.js';
import { listenForDrafts } from './draft.js';
import { taughtKey } from './picker.js';
import { listenForPanel, listenForWorker } from './port.js';
import { askFrames, isTop, readFromAbove, reclaim, showFrameChat } from './frames.js';

/** @typedef {import("./state.js").Profile} Profile */

/** Read the page with `found` (or the profile chosen now); with none, watch for a chat to appear.
 * @param {Profile | null} [found] */
function start(found = null) {
  if (S.stopped) return;
  // (The detection that found the chat is not run twice: on a long chat it walks the page.)
  S.profile = found || chooseProfile();
  if (!S.profile) {
    // Started by the agent's shortcut on this page: show the panel at once (to teach it).
    if (S.visitOnly) mountPanel();
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
        if (S.profile || S.stopped) { mo.disconnect(); document.removeEventListener('load', kick, true); return; }
        S.profile = chooseProfile();
        if (S.profile) { mo.disconnect(); document.removeEventListener('load', kick, true); start(S.profile); } else watch();
      }, 400);
    };
    const mo = new MutationObserver(kick);
    mo.observe(document.documentElement, { childList: true, subtree: true });
    watch();
    document.addEventListener('load', kick, true);
    return;
  }
  reclaim();
  // The watching and the panel in a task of their own (the detection before was one), the
  // panel last: the page lays it out in its next frame, not in this task.
  // (A frame of another origin shows no panel: the top page does, see frames.js.)
  setTimeout(() => { if (S.stopped) return; ensureObserved(); if (isTop()) mountPanel(); else showFrameChat(); }, 0);
}

// (A frame the frame above reads, being of its origin, is left to it.)
if (!globalThis.__duxinLoaded && !readFromAbove()) {
  globalThis.__duxinLoaded = true;
  listenForFades();
  listenForScroll();
  listenForPointer();
  listenForDrafts();
  listenForPanel();
  listenForWorker(() => start());
  askFrames();
  // Respect the agent's per-site switch (options page, or "turn off on this site" in the panel).
  chrome.storage.local.get(['off:' + location.host, taughtKey()], (v) => {
    const t = v && v[taughtKey()];
    // A stored profile that does not check (a field of the wrong type) is skipped, never read from.
    if (t && globalThis.duxinProfileProblems && !globalThis.duxinProfileProblems(t).length) S.taught = t;
    if (!(v && v['off:' + location.host])) start();
  });
}
