// Firefox E2E harness: Debian firefox-esr through geckodriver (tests/firefox/webdriver.mjs), Duxin's
// Firefox zip (dist/duxin-firefox.zip, the file a store would get) installed as a temporary
// add-on, the same fixture server as the Chromium suite, and a recording proxy: Firefox sends every
// request that is not for 127.0.0.1 to it, so `offsite()` lists whatever tried to leave.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import crypto from 'node:crypto';
import { ROOT, startServer } from '../e2e/harness.mjs';
import { GECKO_ID } from '../../scripts/firefox.mjs';
import { startFirefox } from './webdriver.mjs';

export { ROOT, startServer };
export { ZIP };
const ZIP = process.env.DUXIN_FIREFOX_ZIP || path.join(ROOT, 'dist', 'duxin-firefox.zip');

/** A proxy that refuses everything and remembers what was asked (URL, or host:port for TLS). */
function recordingProxy() {
  const seen = [];
  const server = http.createServer((req, res) => { seen.push(req.url); res.writeHead(403); res.end(); });
  server.on('connect', (req, socket) => { seen.push('connect ' + req.url); socket.destroy(); });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => {
    resolve({ seen, port: /** @type {any} */ (server.address()).port, close: () => new Promise((r) => server.close(r)) });
  }));
}

/** Prefs that keep Firefox's own services quiet, so that anything reaching the proxy is Duxin's
 * or the page's doing; and the proxy for everything but the loopback fixture server. */
function quietPrefs(proxyPort, uuid) {
  return {
    // The extension's pages get a host known in advance (moz-extension://<uuid>/).
    'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: uuid }),
    // Firefox suspends an idle background page after 30 s; 15 s here, so the test that the panel
    // outlives it (firefox.test.mjs) waits less.
    'extensions.background.idle.timeout': 15000,
    'network.proxy.type': 1,
    'network.proxy.http': '127.0.0.1',
    'network.proxy.http_port': proxyPort,
    'network.proxy.ssl': '127.0.0.1',
    'network.proxy.ssl_port': proxyPort,
    'network.proxy.no_proxies_on': '',
    'network.proxy.allow_hijacking_localhost': false,
    'network.captive-portal-service.enabled': false,
    'network.connectivity-service.enabled': false,
    'network.dns.disablePrefetch': true,
    'network.prefetch-next': false,
    'network.http.speculative-parallel-limit': 0,
    'browser.safebrowsing.malware.enabled': false,
    'browser.safebrowsing.phishing.enabled': false,
    'browser.safebrowsing.downloads.enabled': false,
    'browser.safebrowsing.blockedURIs.enabled': false,
    'browser.safebrowsing.provider.mozilla.updateURL': '',
    'browser.newtabpage.enabled': false,
    'browser.startup.page': 0,
    'browser.region.network.url': '',
    'browser.region.update.enabled': false,
    'browser.search.update': false,
    'browser.topsites.contile.enabled': false,
    'browser.newtabpage.activity-stream.feeds.system.topstories': false,
    'browser.newtabpage.activity-stream.feeds.topsites': false,
    'app.normandy.enabled': false,
    'app.update.auto': false,
    'datareporting.policy.dataSubmissionEnabled': false,
    'datareporting.healthreport.uploadEnabled': false,
    'toolkit.telemetry.enabled': false,
    'extensions.getAddons.cache.enabled': false,
    'extensions.update.enabled': false,
    'extensions.systemAddon.update.enabled': false,
    'media.gmp-manager.updateEnabled': false,
    'services.settings.server': 'data:,#remote-settings-dummy/v1',
    'services.settings.poll_interval': 864000,
    'security.remote_settings.crlite_filters.enabled': false,
    'security.remote_settings.intermediates.enabled': false,
    'security.OCSP.enabled': 0,
    'security.certerrors.mitm.priming.enabled': false,
    'extensions.blocklist.enabled': false,
    'privacy.query_stripping.enabled': false,
    'browser.contentblocking.database.enabled': false,
    'network.trr.mode': 5,
    'identity.fxaccounts.enabled': false,
    'messaging-system.rsexperimentloader.enabled': false,
    'dom.push.connection.enabled': false,
    'privacy.trackingprotection.enabled': false,
  };
}

/** Firefox with Duxin's Firefox zip (or another build of it: `zip`) installed. */
export async function launch({ zip = ZIP } = {}) {
  if (!fs.existsSync(zip)) throw new Error(`${zip} is missing: run \`make build\` first`);
  const proxy = await recordingProxy();
  const uuid = crypto.randomUUID();
  // Release builds read `services.settings.server` only with this set: Firefox's remote settings
  // (blocklists, certificates) then stay off instead of asking Mozilla's server.
  const browser = await startFirefox({ prefs: quietPrefs(proxy.port, uuid), env: { MOZ_REMOTE_SETTINGS_DEVTOOLS: '1' }, system: true });
  const id = await browser.installAddon(zip);
  const base = `moz-extension://${uuid}/`;
  return {
    browser, id, base, proxy,
    /** Requests that tried to leave the machine (anything not for 127.0.0.1): must stay empty. */
    offsite() { return [...proxy.seen]; },
    async close() {
      await browser.close();
      await proxy.close();
    },
  };
}

/** Open a fixture page and wait for Duxin's panel frame; returns with the page as current frame. */
export async function openPage(b, url) {
  await b.frame(null);
  await b.navigate(url);
  await b.waitFor(() => !!document.querySelector('html > :not(head):not(body)'), { what: 'Duxin\'s host element' });
}

/** Switch into Duxin's panel frame (inside its closed shadow root: WebDriver reaches it, a page cannot). */
export async function enterPanel(b) {
  await b.frame(null);
  const end = Date.now() + 15000;
  for (;;) {
    try {
      const host = await b.find('html > :not(head):not(body)');
      const root = await b.shadowRoot(host);
      const frame = await b.find('iframe', root);
      await b.frame(frame);
      return;
    } catch (e) {
      if (Date.now() > end) throw e;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

/** Keyboard keys as WebDriver names them. */
export const KEY = { ctrl: '\uE009', alt: '\uE00A', shift: '\uE008', enter: '\uE007', backspace: '\uE003' };

/** What every Firefox test file starts from: the fixture server, Firefox with Duxin, the console
 * tab (`home`), and an Options tab (an extension page with the whole API, which the framed panel
 * and the page lack: `inOptions` runs scripts there). The panel speaks Chinese whatever the
 * browser's language (firefox-esr ships en-US only). */
export async function session() {
  const server = await startServer();
  const fx = await launch();
  const b = fx.browser;
  const home = (await b.handles())[0];
  await openPage(b, server.origin + '/pdd.html');
  await enterPanel(b);
  // Firefox's framed panel has no runtime.openOptionsPage: panel.js asks background.js.
  await b.eval(() => chrome.runtime.openOptionsPage());
  const options = await newWindow(b, [home]);
  await b.window(options);
  await b.waitFor(() => document.readyState === 'complete' && location.pathname === '/options.html', { what: 'options page' });
  await b.eval(() => chrome.storage.local.set({ lang: 'zh_CN' }));
  await b.window(home);
  /** Run a script (a function body) in the Options tab, then come back to the console tab. */
  async function inOptions(script, ...args) {
    await b.window(options);
    try {
      return await b.run(script, ...args);
    } finally {
      await b.window(home);
    }
  }
  async function close() {
    await fx.close();
    await server.close();
  }
  return { server, fx, b, home, options, inOptions, close };
}

/** The handle of a window (tab) that is not one of `before`, once one opens (10 s at most). */
export async function newWindow(b, before) {
  const end = Date.now() + 10000;
  while (Date.now() < end) {
    const h = (await b.handles()).find((x) => !before.includes(x));
    if (h) return h;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('no new tab opened');
}

/** The content script's highlight names in the tab at `url` ({name: kind}), asked from an
 * extension page: the page cannot know what they mean. */
export function kindsScript(urlPattern) {
  return `return chrome.tabs.query({ url: ${JSON.stringify(urlPattern)} })
    .then((t) => chrome.tabs.sendMessage(t[0].id, { type: 'highlight-names' }, { frameId: 0 }))`;
}

/** Open a fixture page, wait for the first suggestion and leave the panel as the current frame. */
export async function openPanel(b, url) {
  await openPage(b, url);
  await enterPanel(b);
  await b.waitFor(() => document.querySelector('[data-testid="suggestion"]'), { what: 'a suggestion' });
}
