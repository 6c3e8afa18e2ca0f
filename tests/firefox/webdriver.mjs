// A small W3C WebDriver client for geckodriver (fetch only, no dependency): enough to drive
// Debian's firefox-esr with Duxin installed as a temporary add-on. Playwright cannot drive a stock
// Firefox, and the commands the Firefox suite needs are few: navigate, find, click, type, run a
// script, switch frames, take a screenshot, install an add-on.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const ELEMENT = 'element-6066-11e4-a52e-4f735466cecf';
const SHADOW = 'shadow-6066-11e4-a52e-4f735466cecf';

/** A free loopback port. */
function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {net.AddressInfo} */ (s.address());
      s.close(() => resolve(port));
    });
  });
}

/** geckodriver: $GECKODRIVER, on PATH, or where `cargo install` puts it. */
function geckodriverPath() {
  if (process.env.GECKODRIVER) return process.env.GECKODRIVER;
  for (const dir of (process.env.PATH || '').split(':')) {
    const p = path.join(dir, 'geckodriver');
    if (fs.existsSync(p)) return p;
  }
  const cargo = path.join(process.env.CARGO_HOME || path.join(os.homedir(), '.cargo'), 'bin', 'geckodriver');
  if (fs.existsSync(cargo)) return cargo;
  throw new Error('geckodriver is missing: run `make setup` (it runs `cargo install geckodriver --locked`)');
}

export class WebDriverError extends Error {
  constructor(/** @type {string} */ error, /** @type {string} */ message) {
    super(`${error}: ${message}`);
    this.error = error;
  }
}

/** Start geckodriver and a Firefox session with these prefs; `close()` ends both. `system` lets
 * the session drive Firefox's own window too (its sidebar, permission prompt, shortcuts). */
export async function startFirefox({ prefs = {}, env = {}, binary = process.env.FIREFOX || '/usr/bin/firefox-esr', headless = true, system = false } = {}) {
  if (!fs.existsSync(binary)) throw new Error(`${binary} is missing: run \`make setup\` (apt-get install firefox-esr)`);
  const port = await freePort();
  const flags = ['--port', String(port), '--host', '127.0.0.1', '--log', 'error', ...(system ? ['--allow-system-access'] : [])];
  const proc = spawn(geckodriverPath(), flags, { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, ...env } });
  let stderr = '';
  proc.stderr.on('data', (d) => { stderr += d; });
  const base = `http://127.0.0.1:${port}`;
  /** @returns {Promise<any>} */
  async function call(method, url, body) {
    const r = await fetch(base + url, { method, headers: { 'Content-Type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
    const j = await r.json();
    if (j.value && j.value.error) throw new WebDriverError(j.value.error, j.value.message);
    return j.value;
  }
  for (let i = 0; ; i++) {
    try { await call('GET', '/status'); break; } catch (e) {
      if (i > 100) throw new Error('geckodriver did not start: ' + stderr);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  const caps = {
    capabilities: {
      alwaysMatch: {
        browserName: 'firefox',
        acceptInsecureCerts: true,
        'moz:firefoxOptions': { binary, args: [...(headless ? ['-headless', '-width=1280', '-height=800'] : [])], prefs, env },
      },
    },
  };
  let session;
  try { session = await call('POST', '/session', caps); } catch (e) { proc.kill(); throw new Error(`${e.message}\n${stderr}`); }
  return new Browser(call, session.sessionId, proc);
}

export class Browser {
  constructor(call, id, proc) {
    this.call = call;
    this.id = id;
    this.proc = proc;
  }

  s(method, url, body) { return this.call(method, `/session/${this.id}${url}`, body); }

  /** Install an add-on (an .xpi/.zip or a folder) for this session only. Returns its id. */
  installAddon(file) { return this.s('POST', '/moz/addon/install', { path: path.resolve(file), temporary: true }); }
  navigate(url) { return this.s('POST', '/url', { url }); }
  url() { return this.s('GET', '/url'); }
  /** Run `body` (a function body; `arguments` holds args) in the current frame, awaiting a promise. */
  run(body, ...args) { return this.s('POST', '/execute/sync', { script: body, args }); }
  /** Evaluate a function in the page: `fn` is serialised, args passed as JSON. */
  eval(fn, ...args) { return this.run(`return (${fn}).apply(null, arguments);`, ...args); }
  find(css, from) {
    const where = from ? (from[SHADOW] ? `/shadow/${from[SHADOW]}` : `/element/${from[ELEMENT]}`) : '';
    return this.s('POST', `${where}/element`, { using: 'css selector', value: css });
  }
  findAll(css) { return this.s('POST', '/elements', { using: 'css selector', value: css }); }
  shadowRoot(el) { return this.s('GET', `/element/${el[ELEMENT]}/shadow`); }
  click(el) { return this.s('POST', `/element/${el[ELEMENT]}/click`, {}); }
  text(el) { return this.s('GET', `/element/${el[ELEMENT]}/text`); }
  type(el, text) { return this.s('POST', `/element/${el[ELEMENT]}/value`, { text }); }
  frame(el) { return this.s('POST', '/frame', { id: el === null ? null : el }); }
  parentFrame() { return this.s('POST', '/frame/parent', {}); }
  handles() { return this.s('GET', '/window/handles'); }
  window(handle) { return this.s('POST', '/window', { handle }); }
  closeWindow() { return this.s('DELETE', '/window'); }
  /** A real pointer click at the middle of an element (trusted, and not refused when an overlay
   * such as the picker's covers it, unlike the element click command). */
  clickAt(el) {
    return this.s('POST', '/actions', { actions: [{ type: 'pointer', id: 'mouse', parameters: { pointerType: 'mouse' }, actions: [
      { type: 'pointerMove', origin: el, x: 0, y: 0, duration: 0 }, { type: 'pointerDown', button: 0 }, { type: 'pointerUp', button: 0 }] }] });
  }
  /** Keys typed into whatever has focus (WebDriver key values: '\uE009' is Control). */
  keys(...seq) {
    const actions = [];
    for (const k of seq) actions.push({ type: 'keyDown', value: k });
    for (const k of [...seq].reverse()) actions.push({ type: 'keyUp', value: k });
    return this.s('POST', '/actions', { actions: [{ type: 'key', id: 'kbd', actions }] });
  }
  /** Where commands run: 'content' (the page, the default) or 'chrome' (Firefox's own window: its
   * toolbar, sidebar, prompts and keyboard shortcuts; needs `system`, see startFirefox). */
  context(where) { return this.s('POST', '/moz/context', { context: where }); }
  /** Run `body` in Firefox's own window (chrome context), then come back to the page. */
  async inChrome(body, ...args) {
    await this.context('chrome');
    try { return await this.run(body, ...args); } finally { await this.context('content'); }
  }
  /** Keys pressed in Firefox's own window, where the browser (not the page) handles them: how an
   * add-on's keyboard shortcut reaches it. */
  async chromeKeys(...seq) {
    await this.context('chrome');
    try { await this.keys(...seq); } finally { await this.context('content'); }
  }
  newTab() { return this.s('POST', '/window/new', { type: 'tab' }).then((w) => this.s('POST', '/window', { handle: w.handle })); }
  async screenshot(file) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, Buffer.from(await this.s('GET', '/screenshot'), 'base64'));
    return file;
  }

  /** Poll `fn` (run in the current frame) until it returns a truthy value. */
  async waitFor(fn, { timeout = 15000, what = 'condition', args = [] } = {}) {
    const end = Date.now() + timeout;
    let last;
    while (Date.now() < end) {
      try { last = await this.eval(fn, ...args); } catch (e) { last = e; }
      if (last && !(last instanceof Error)) return last;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`timed out waiting for ${what}; last: ${last instanceof Error ? last.message : JSON.stringify(last)}`);
  }

  async close() {
    await this.s('DELETE', '').catch(() => {});
    this.proc.kill();
  }
}
