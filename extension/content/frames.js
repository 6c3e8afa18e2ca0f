// @ts-check
// A chat in a frame of another origin (a console framed by another console's page). The content
// script runs in every frame of a console's origin (`all_frames`). A frame whose parent it can
// open is read from above (trees.js reaches into same-origin frames), so its own copy stays idle.
// A frame of another origin reads its chat itself but shows no panel: one panel per tab, on the
// top page. It tells the top frame's Duxin through the service worker, which names the frame by
// Chrome's frame id (nothing a page can say or forge; never `window.postMessage`). The top frame
// shows the panel and, when the panel connects, hands it over (`ChatFrame`, src/protocol.rs):
// panel.js then opens its port to that frame's content script, the same checked port as ever.
import { S } from './state.js';
import { mountPanel } from './frame.js';

/** @typedef {import("../protocol").ChatFrame} ChatFrame */

/** Does this copy run in the tab's top frame, where the panel is? */
export const isTop = () => window.top === window;

/** Is this frame read by the content script of the frame above (one it can open: same origin)? */
export function readFromAbove() {
  if (isTop()) return false;
  try {
    return !!window.parent.document;
  } catch (_) {
    return false;
  }
}

/** This frame found its chat: our shadow root here holds the hover explanations and the picker
 * (the panel is the top page's), and the top frame is told. */
export function showFrameChat() {
  mountPanel(false);
  announce();
}

/** Tell the top frame's Duxin (through the service worker) that this frame reads a chat. */
export function announce() {
  if (isTop() || !S.profile || S.stopped) return;
  chrome.runtime.sendMessage({ type: 'chat-frame' }).catch(() => {});
}

/** Top frame, started: frames that found their chat before it did say so again. */
export function askFrames() {
  if (isTop()) chrome.runtime.sendMessage({ type: 'top-ready' }).catch(() => {});
}

/** Top frame: the service worker says frame `id` reads a chat. With no chat of its own, this page
 * shows the panel and hands it to that frame. @param {number} id */
export function chatInFrame(id) {
  if (!isTop() || S.profile || S.stopped) return;
  S.chatFrame = id;
  mountPanel();
  if (S.port) S.port.postMessage(/** @type {ChatFrame} */ ({ type: 'frame', frame_id: id }));
}

/** Top frame: a chat of its own was found after a frame's: this page's own chat is read, and the
 * panel is told to come back (frame id 0, the top frame). */
export function reclaim() {
  if (!isTop() || S.chatFrame === null) return;
  S.chatFrame = null;
  if (S.port) S.port.postMessage(/** @type {ChatFrame} */ ({ type: 'frame', frame_id: 0 }));
}

/** Top frame, a panel connected: is the chat in another frame (then the panel is told which, and
 * this copy answers nothing else on this port)? @param {chrome.runtime.Port} p */
export function handOver(p) {
  if (S.chatFrame === null || S.profile) return false;
  p.postMessage(/** @type {ChatFrame} */ ({ type: 'frame', frame_id: S.chatFrame }));
  return true;
}

/** Top frame: is the chat another frame's (so the panel's requests are that frame's to answer)? */
export const delegated = () => S.chatFrame !== null && !S.profile;
