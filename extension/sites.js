// Sites beyond the shipped consoles, as Chrome grants them: shared by the service worker (which
// registers the content script there) and the options page (which lists them).

/** The shipped consoles' match patterns (the manifest's content script). */
export const SHIPPED = new Set(chrome.runtime.getManifest().content_scripts?.[0]?.matches || []);
/** The same as Chrome lists them among the granted host permissions (the manifest's
 * `host_permissions` repeat them): without their path ("https://www.etsy.com/messages/*" is
 * granted as "https://www.etsy.com/*"). */
const SHIPPED_HOSTS = new Set([...SHIPPED].flatMap((m) => [m, m.replace(/^([^:]+:\/\/[^/]+)\/.+$/, '$1/*')]));

/** Origins the agent enabled (granted optional host permissions). */
export async function enabledOrigins() {
  const { origins = [] } = await chrome.permissions.getAll();
  return origins.filter((o) => !SHIPPED_HOSTS.has(o));
}

/** "https://chat.example.com" for the pattern "https://chat.example.com/*". */
export const siteOf = (pattern) => pattern.replace(/\/\*$/, '');
