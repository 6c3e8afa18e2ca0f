// Shared E2E harness: a fixture server on 127.0.0.1 (random free port unless DUXIN_PORT is set),
// Debian Chromium with the unpacked extension from dist/chrome, and a log of every request the
// browser makes (pages, frames, service worker) so the privacy test can check where they went.
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

export const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');
const FIXTURES = path.join(ROOT, 'tests', 'fixtures');
const EXT = path.join(ROOT, 'dist', 'chrome');
export const CSP = "default-src 'self'; script-src 'self'";

const VENDOR = {
  'react.js': 'node_modules/react/umd/react.production.min.js',
  'react-dom.js': 'node_modules/react-dom/umd/react-dom.production.min.js',
};
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.json': 'application/json' };

/** The fixture server; `host` another loopback address (127.0.0.2) stands for a site outside
 * the shipped consoles. */
export function startServer(port = Number(process.env.DUXIN_PORT || 0), host = '127.0.0.1') {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    let p = decodeURIComponent(url.pathname);
    const headers = { 'Cache-Control': 'no-store' };
    if (p.startsWith('/csp/')) {
      headers['Content-Security-Policy'] = CSP;
      p = p.slice(4);
    }
    if (p === '/hostile.html') {
      // The Chinese console with a hostile page script added (tests/fixtures/hostile.js).
      const html = fs.readFileSync(path.join(FIXTURES, 'pdd.html'), 'utf8').replace('</body>', '<script src="hostile.js"></script>\n</body>');
      res.writeHead(200, { ...headers, 'Content-Type': TYPES['.html'] });
      res.end(html);
      return;
    }
    if (p === '/kits/ai/chat/completions' && req.method === 'POST') {
      // The chat endpoint of the <chat-page-snippet> fixture (kits/cfchat.html): the customer's next
      // line, streamed in pieces as server-sent events the way the kit reads them, after a moment
      // of "thinking" (the kit shows a loading line meanwhile).
      const words = ['我说了多少遍了，', '按键完全没反应，', '今天不给我退款我就去投诉！'];
      res.writeHead(200, { ...headers, 'Content-Type': 'text/event-stream' });
      let i = 0;
      const next = () => {
        if (i < words.length) { res.write(`data: ${JSON.stringify({ choices: [{ delta: { content: words[i++] } }] })}\n\n`); setTimeout(next, 40); }
        else res.end('data: [DONE]\n\n');
      };
      req.resume();
      req.on('end', () => setTimeout(next, 600));
      return;
    }
    let file;
    const vendor = p.match(/\/vendor\/([\w.-]+)$/);
    if (vendor && VENDOR[vendor[1]]) file = path.join(ROOT, VENDOR[vendor[1]]);
    else file = path.join(FIXTURES, path.normalize(p).replace(/^(\.\.[/\\])+/, ''));
    if (p === '/') file = path.join(FIXTURES, 'index.html');
    if (!file.startsWith(ROOT) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404); res.end('not found'); return;
    }
    headers['Content-Type'] = TYPES[path.extname(file)] || 'application/octet-stream';
    res.writeHead(200, headers);
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(port, host, () => {
    const { port: p } = /** @type {any} */ (server.address());
    resolve({ port: p, origin: `http://${host}:${p}`, close: () => new Promise((r) => server.close(r)) });
  }));
}

/** Chromium with the unpacked extension (`ext`: another build's folder, for the upgrade test). */
export async function launch({ ext = EXT, profile = '' } = {}) {
  if (!fs.existsSync(path.join(ext, 'manifest.json'))) throw new Error(`${ext} is missing: run \`make build\` first`);
  process.env.PW_EXPERIMENTAL_SERVICE_WORKER_NETWORK_EVENTS = '1';
  if (!profile) {
    profile = fs.mkdtempSync(path.join(os.tmpdir(), 'duxin-profile-'));
    // Developer mode, as for anyone who loads an unpacked extension: without it Chromium does not
    // bring an unpacked extension back after chrome.runtime.reload() (the upgrade test needs that).
    fs.mkdirSync(path.join(profile, 'Default'));
    fs.writeFileSync(path.join(profile, 'Default', 'Preferences'), JSON.stringify({ extensions: { ui: { developer_mode: true } } }));
  }
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    locale: process.env.DUXIN_LOCALE || 'zh-CN',
    viewport: { width: 1280, height: 800 },
    args: [
      `--disable-extensions-except=${ext}`, `--load-extension=${ext}`, '--no-sandbox', '--disable-gpu',
      '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--disable-default-apps', '--lang=' + (process.env.DUXIN_LOCALE || 'zh-CN'),
    ],
  });
  const requests = [];
  context.on('request', (r) => requests.push(r.url()));
  let [sw] = context.serviceWorkers();
  if (!sw) sw = await context.waitForEvent('serviceworker', { timeout: 15000 });
  const extId = new URL(sw.url()).host;
  return {
    context, requests, extId, profile,
    /** The extension's service worker (waiting for it if Chrome stopped it). */
    worker() {
      return context.serviceWorkers().find((w) => w.url().includes(extId)) || context.waitForEvent('serviceworker');
    },
    /** Requests that left the fixture server(s) and the extension: must stay empty (privacy). */
    offsite(origin) {
      const origins = [origin].flat();
      // The extension's own pages, also through the per-session address of its web-accessible panel.
      const ours = (u) => u.startsWith(`chrome-extension://${extId}/`) || /^chrome-extension:\/\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\//.test(u);
      return requests.filter((u) => !(origins.some((o) => u.startsWith(o + '/')) || ours(u) || u.startsWith('data:') || u.startsWith('blob:')));
    },
    /** Close the browser and keep the profile, to start again with `launch({ profile })`. */
    async stop() {
      await context.close();
    },
    async close(origin) {
      const bad = origin ? this.offsite(origin) : [];
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
      if (bad.length) throw new Error('requests left the machine: ' + bad.join(', '));
    },
  };
}

/** The copilot panel frame inside the page (in a closed shadow root, so found via page.frames()). */
/** Appends a customer message to the JD console fixture (consoles/jd.html), as its chat list
 * renders one: what a new message from the customer looks like to the content script. */
export async function addJdCustomerMessage(page, text) {
  await page.evaluate((t) => {
    const d = document.createElement('div');
    d.className = 'message message_left';
    const content = d.appendChild(document.createElement('div'));
    content.className = 'message__content';
    const span = content.appendChild(document.createElement('span'));
    span.className = 'message__text';
    span.textContent = t;
    document.querySelector('#t-chat-scroll').appendChild(d);
  }, text);
}

export async function panelFrame(page, extId, timeout = 15000) {
  const prefix = `chrome-extension://${extId}/panel.html`;
  const end = Date.now() + timeout;
  while (Date.now() < end) {
    const f = page.frames().find((fr) => fr.url().startsWith(prefix));
    if (f) return f;
    await page.waitForTimeout(50);
  }
  throw new Error('panel frame did not appear');
}

/** What the page's highlight names mean ({name: kind}). Duxin names its highlights anew on each
 * load so the page cannot tell what they mean; the test asks the content script through Duxin's
 * own panel frame (an extension page), which the page cannot do. */
export async function highlightKinds(page) {
  const panel = page.frames().find((f) => /^chrome-extension:\/\/[a-p]{32}\/panel\.html/.test(f.url()));
  const names = panel && await panel.evaluate(async () => {
    const t = await chrome.tabs.getCurrent();
    return t && t.id !== undefined ? chrome.tabs.sendMessage(t.id, { type: 'highlight-names' }, { frameId: 0 }).catch(() => null) : null;
  }).catch(() => null);
  return names || {};
}

/** Text of every highlighted range per cue kind, read from the page's CSS.highlights registry. */
export async function highlightTexts(page) {
  const kinds = await highlightKinds(page);
  return page.evaluate((kinds) => {
    const out = {};
    for (const [name, h] of CSS.highlights) out[kinds[name] || name.replace(/^duxin-/, '')] = [...h].map((r) => r.toString());
    return out;
  }, kinds);
}

/** Every painted range with its kind: the text, the whole text node it lies in, its offsets. */
export async function highlightRanges(page) {
  const kinds = await highlightKinds(page);
  return page.evaluate((kinds) => {
    const out = [];
    for (const [name, h] of CSS.highlights) {
      for (const r of h) out.push({ kind: kinds[name] || name.replace(/^duxin-/, ''), text: r.toString(), node: r.startContainer.data, start: r.startOffset, end: r.endOffset, same: r.startContainer === r.endContainer });
    }
    return out;
  }, kinds);
}

/** The element Duxin's panel hangs from. The page cannot find it by name; a test finds it as
 * anyone could: the one child of <html> that is neither head nor body. */
export function hostLocator(page) {
  return page.locator('html > :not(head):not(body)');
}

export async function waitForHighlights(page, kinds, timeout = 10000, containing = '') {
  const end = Date.now() + timeout;
  let last = {};
  while (Date.now() < end) {
    last = await highlightTexts(page);
    if (kinds.every((k) => (last[k] || []).length > 0 && (!containing || last[k].some((t) => t.includes(containing))))) return last;
    await page.waitForTimeout(50);
  }
  throw new Error(`highlights for ${kinds.join(', ')} not painted; have ${JSON.stringify(last)}`);
}

export async function shot(page, name) {
  const dir = path.join(ROOT, 'tests', 'e2e', 'artifacts');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, name + '.png');
  await page.screenshot({ path: file });
  return file;
}

/** Every table of the extension's local database, read from one of its pages (options, dashboard). */
export function dbTables(extensionPage) {
  return extensionPage.evaluate(async () => (await import('./store.js')).exportAll().then((d) => d.tables));
}
