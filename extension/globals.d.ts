// Globals shared between extension scripts (set by the generated profiles.js).
declare var DUXIN_PROFILES: import('./profile').SiteProfile[] | undefined;
// Set by profile-check.js (injected before the content script): what is wrong with a site profile.
declare var duxinProfileProblems: ((p: unknown) => { field: string, code: string, detail?: string }[]) | undefined;
declare var __duxinLoaded: boolean | undefined;
// Set by the service worker before it injects the content script for one visit (activeTab).
declare var __duxinVisitOnly: boolean | undefined;
// Set by panel.js for the wasm panel (src/web/chrome.rs binds them).
declare var duxinStore: { putJson(table: string, json: string): void; setKv(key: string, json: string): void } | undefined;
declare var duxinInsert: ((text: string, mode: string) => boolean) | undefined;
declare var duxinConversation: (() => string) | undefined;
// Set by panel.js when the tab's chat is read in a frame of another origin: that frame's id.
declare var duxinFrame: number | undefined;
