// @ts-check
// What the content script's parts share while it runs on a page: one object, so each part reads
// and sets the same values (an ES module cannot assign another module's `let`). Everything else a
// part keeps to itself.
/** @typedef {import("../protocol").Message} Message */
/** @typedef {import("../protocol").Highlight} CueHighlight */
/** @typedef {import("../profile").SiteProfile} SiteProfile */
/** A profile as the content script reads with it: shipped, taught, or detected on the page.
 * @typedef {SiteProfile & {generic?: boolean}} Profile */
/** What one message was read from: its text element and the text nodes a reader sees there.
 * @typedef {{msg: Message | null, textEl: Element | null, nodes: Text[], sig?: string}} Entry */

export const S = {
  /** @type {chrome.runtime.Port | null} the port to our panel, while one is connected */
  port: null,
  /** @type {Profile | null} */
  profile: null,
  /** @type {Profile | null} the profile taught on this site (chrome.storage.local `profile:<host>`) */
  taught: null,
  /** @type {string[]} which fallback selector matched per field in the last reading */
  matched: [],
  /** @type {Entry[]} what each message of the last reading was read from, by message index */
  entries: [],
  /** @type {CueHighlight[][]} the panel's highlights by message index */
  cues: [],
  /** Started by the panel shortcut on a site that is not enabled (the service worker injected us
   * with the one-visit activeTab grant and set this flag first). */
  visitOnly: globalThis.__duxinVisitOnly === true,
  /** Switched off on this page: nothing is read or painted until the page loads again. */
  stopped: false,
  /** @type {ShadowRoot | null} our closed shadow root (the panel frame, the tip, the picker) */
  shadow: null,
  /** @type {HTMLElement | null} the element that holds it, under <html> */
  hostEl: null,
  /** The panel is collapsed to its grip. */
  collapsed: false,
  /** @type {number | null} top frame: the frame of another origin that reads this tab's chat
   * (Chrome's frame id, from the service worker; frames.js) */
  chatFrame: null,
};
