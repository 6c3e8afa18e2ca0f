// The Firefox manifest, derived from the Chromium one (extension/manifest.json) so the two never
// drift: only what Firefox names or does differently is changed here, everything else is shared.
// scripts/assemble.mjs writes the result into dist/firefox/.

/** The add-on's id in Firefox (addons.mozilla.org keys updates and storage to it: never change it). */
export const GECKO_ID = 'duxin@duxin.app';
/** The CSS Custom Highlight API arrived in Firefox 140 (text-decoration in highlights in 146,
 * which the cue styles use; without it they still show their background colour). */
export const MIN_FIREFOX = '140.0';

/** @param {any} chrome the Chromium manifest @returns {any} the Firefox manifest */
export function firefoxManifest(chrome) {
  const m = structuredClone(chrome);
  // Firefox has no extension service worker: the same module runs as an event page (stateless
  // either way, so nothing in background.js depends on which).
  m.background = { scripts: [chrome.background.service_worker], type: chrome.background.type };
  // Chrome's side panel is Firefox's sidebar: the same panel page (it connects to the active tab
  // when no tab frames it); the toolbar button toggles it (background.js).
  delete m.side_panel;
  m.sidebar_action = {
    default_panel: chrome.side_panel.default_path,
    default_title: chrome.action.default_title,
    open_at_install: false,
  };
  m.permissions = chrome.permissions.filter((p) => p !== 'sidePanel');
  // Firefox gives every installation its own random moz-extension:// host, so a page cannot probe
  // a known address; `use_dynamic_url` (Chromium's per-session address) does not exist there.
  m.web_accessible_resources = chrome.web_accessible_resources.map(({ use_dynamic_url: _, ...w }) => w);
  // Firefox opens `options_ui` in about:addons unless told to use a tab (the page is wide).
  delete m.options_page;
  m.options_ui = { page: chrome.options_page, open_in_tab: true };
  m.browser_specific_settings = {
    gecko: {
      id: GECKO_ID,
      strict_min_version: MIN_FIREFOX,
      // Duxin collects nothing and sends nothing (the store's consent screen says so).
      data_collection_permissions: { required: ['none'] },
    },
  };
  return m;
}
