// What Firefox's own window does for Duxin, driven the agent's way: the keyboard shortcuts from the
// manifest (pressed in the browser window, where Firefox handles them), the toolbar button that
// opens Firefox's sidebar with the panel (following the agent from tab to tab), and Firefox's own
// prompt for a site outside the shipped consoles, answered with its Allow button. The session has
// system access (webdriver.mjs), so the test reaches that browser UI instead of standing in for it.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { GECKO_ID } from '../../scripts/firefox.mjs';
import { enterPanel, KEY, openPage, openPanel, ROOT, session, startServer } from './harness.mjs';

let s, b, home, options, inOptions, other;
before(async () => {
  s = await session();
  ({ b, home, options, inOptions } = s);
  other = await startServer(0, '127.0.0.2');
});
after(async () => {
  await s?.close();
  await other?.close();
});

const origin = () => s.server.origin;

async function until(what, f, timeout = 5000) {
  const end = Date.now() + timeout;
  while (!(await f())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await pause(100);
  }
}
const pause = (ms) => new Promise((r) => setTimeout(r, ms));

/** Press an Alt+Shift shortcut in Firefox's window, as the agent does from the console. */
async function shortcut(key) {
  await b.chromeKeys(KEY.alt, KEY.shift, key);
}

test('Firefox gives each of Duxin\'s commands the shortcut the manifest suggests', async () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'extension', 'manifest.json'), 'utf8'));
  const want = Object.fromEntries(Object.entries(manifest.commands).map(([k, v]) => [k, v.suggested_key.default]));
  const got = await inOptions('return chrome.commands.getAll()');
  assert.deepEqual(Object.fromEntries(got.map((c) => [c.name, c.shortcut])), want);
});

test('Alt+Shift+J in Firefox selects the next suggestion and Alt+Shift+I puts it in the composer', async () => {
  await openPanel(b, origin() + '/pdd-return.html');
  // The next card without a blank to fill (one with a blank is never inserted unfilled).
  const at = await b.eval(() => [...document.querySelectorAll('[data-testid="suggestion"]')].findIndex((c, i) => i > 0 && !c.querySelector('[data-testid="slot"]')));
  assert.ok(at > 0, 'a card without blanks after the first');
  const text = await b.eval((i) => document.querySelectorAll('[data-testid="suggestion"] .text')[i].textContent, at);
  for (let i = 0; i < at; i++) await shortcut('j');
  await b.waitFor((i) => document.querySelectorAll('[data-testid="suggestion"]')[i]?.classList.contains('selected'), { args: [at], what: 'the card to be selected' });
  await shortcut('i');
  await b.frame(null);
  await b.waitFor((t) => window.__composerState === t, { args: [text], what: 'the reply in the composer' });
  assert.equal(await b.eval(() => document.activeElement?.id), 'replyTextarea', 'focus returns to the composer');
  assert.deepEqual(await b.eval(() => window.__sent), [], 'Duxin never sends');
});

test('Alt+Shift+C in Firefox copies the request to the supervisor', async () => {
  await openPanel(b, origin() + '/pdd-return.html');
  const request = await b.waitFor(() => document.querySelector('[data-testid="supervisor-draft"]')?.textContent, { what: 'the request' });
  await shortcut('c');
  await b.waitFor((t) => document.body.getAttribute('data-last-copied') === t, { args: [request], what: 'the request to be copied' });
});

test('Alt+Shift+D in Firefox shows the panel on a page where Duxin found no chat, then folds and unfolds it', async () => {
  await b.frame(null);
  await b.navigate(origin() + '/unknown.html');
  await pause(800);
  const shown = () => b.eval(() => !!document.querySelector('html > :not(head):not(body)'));
  assert.equal(await shown(), false, 'nothing detected, nothing shown');
  await shortcut('d');
  await b.waitFor(() => !!document.querySelector('html > :not(head):not(body)'), { what: 'the panel' });
  await enterPanel(b);
  await b.waitFor(() => document.querySelector('[data-testid="teach"]'), { what: 'the teach button' });
  await b.frame(null);
  const folded = async () => (await b.findAll('html > :not(head):not(body)')).length === 1
    && b.find('.wrap.collapsed', await b.shadowRoot(await b.find('html > :not(head):not(body)'))).then(() => true, () => false);
  assert.equal(await folded(), false);
  await shortcut('d');
  await until('the panel to fold', folded);
  await shortcut('d');
  await until('the panel to unfold', async () => !(await folded()));
});

// ---------- the sidebar ----------

const WIDGET = GECKO_ID.toLowerCase().replace(/[^a-z0-9_-]/g, '_');

/** Click Duxin's toolbar button (pinned to the toolbar first, as an agent who uses it does). */
async function toolbarButton() {
  await b.inChrome(`CustomizableUI.addWidgetToArea(arguments[0], CustomizableUI.AREA_NAVBAR); return true;`, WIDGET + '-browser-action');
  await b.context('chrome');
  try {
    // (A pointer click: the widget is a toolbar item around the button that takes it.)
    await b.clickAt(await b.find(`#${WIDGET}-browser-action`));
  } finally {
    await b.context('content');
  }
}

/** An extension page in a window of its own, to look into the sidebar from: pages of one add-on
 * see each other's windows. (Not the Options tab beside the console: going there is a tab switch,
 * which the sidebar follows. Opened before the sidebar: a window opened after it has its own.) */
let aside;
async function asideWindow() {
  if (aside) return aside;
  const w = await b.s('POST', '/window/new', { type: 'window' });
  await b.window(w.handle);
  await b.navigate(s.fx.base + 'options.html');
  aside = w.handle;
  await b.window(home);
  return aside;
}

/** What Firefox's sidebar panel (in the console's window) shows: the messages it reads (empty
 * while none) and its text. */
async function sidebar() {
  const back = await b.s('GET', '/window');
  await b.window(await asideWindow());
  try {
    return await b.run(`const w = chrome.extension.getViews({ type: 'sidebar' }).find((v) => v.document.readyState === 'complete');
      const c = w && w.duxinConversation && w.duxinConversation();
      return { read: c ? JSON.parse(c).messages.map((m) => m.text).join("\\n") : '', shown: w ? w.document.body.innerText : '' };`);
  } finally {
    await b.window(back);
  }
}

/** Wait until the sidebar reads a chat that matches `re`. */
async function sidebarReads(what, re) {
  const end = Date.now() + 15000;
  let seen;
  while (Date.now() < end) {
    seen = await sidebar();
    if (re.test(seen.read)) return seen.read;
    await pause(300);
  }
  throw new Error(`the sidebar does not read ${what}: ${JSON.stringify(seen)}`);
}

const sidebarOpen = () => b.inChrome('return SidebarController.isOpen && SidebarController.currentID === arguments[0];', WIDGET + '-sidebar-action');

/** Wait until Firefox's sidebar shows Duxin (`open`) or not. */
async function sidebarShown(open) {
  const end = Date.now() + 5000;
  while ((await sidebarOpen()) !== open) {
    if (Date.now() > end) return !open;
    await pause(100);
  }
  return open;
}

test('Duxin\'s toolbar button opens Firefox\'s sidebar with the panel reading the active tab\'s chat', async () => {
  await asideWindow();
  await openPanel(b, origin() + '/pdd-return.html');
  await b.frame(null);
  await toolbarButton();
  assert.equal(await sidebarShown(true), true, 'the sidebar shows Duxin');
  await sidebarReads('the return chat', /超过7天/);
});

test('Firefox\'s sidebar follows the agent to another tab\'s chat and back', async () => {
  assert.equal(await sidebarOpen(), true, 'the sidebar is open (previous test)');
  await b.newTab();
  const second = await b.s('GET', '/window');
  await openPage(b, origin() + '/zendesk.html');
  await b.window(home);
  await sidebarReads('the return chat in the first tab', /超过7天/);
  await b.window(second);
  await sidebarReads('the Zendesk ticket in the second tab', /chargeback/);
  await b.closeWindow();
  await b.window(home);
  await sidebarReads('the return chat again', /超过7天/);
});

test('Duxin\'s toolbar button closes Firefox\'s sidebar again', async () => {
  await toolbarButton();
  assert.equal(await sidebarShown(false), false);
  await b.window(aside);
  await b.closeWindow();
  await b.window(home);
});

// ---------- a site outside the shipped consoles ----------

const mounted = () => b.eval(() => !!document.querySelector('html > :not(head):not(body)'));

/** Ask for 127.0.0.2 in Options (the agent's click on Enable) and wait for Firefox's prompt. */
async function askForSite() {
  await b.window(options);
  await b.eval(() => { document.querySelector('#site-url').value = ''; });
  await b.type(await b.find('#site-url'), 'http://127.0.0.2');
  await b.click(await b.find('[data-testid="add-site"]'));
  const end = Date.now() + 10000;
  for (;;) {
    const id = await b.inChrome("const n = PopupNotifications.panel.querySelector('popupnotification'); return n && PopupNotifications.panel.state === 'open' ? n.id : '';");
    if (id) return id;
    if (Date.now() > end) throw new Error('no prompt');
    await pause(100);
  }
}

/** Press one of the prompt's buttons: 'button' (Allow) or 'secondaryButton' (Don't allow). */
function answer(button) {
  return b.inChrome(`PopupNotifications.panel.querySelector('popupnotification')[arguments[0]].click(); return true;`, button);
}

test('a site the agent does not allow in Firefox\'s prompt stays without Duxin', async () => {
  await b.navigate(other.origin + '/pdd.html');
  await pause(1000);
  assert.equal(await mounted(), false, 'not a shipped console: left alone');
  assert.equal(await askForSite(), 'addon-webext-permissions-notification');
  await answer('secondaryButton');
  await b.waitFor(() => document.querySelector('[data-testid="site-status"]').textContent === chrome.i18n.getMessage('opt_site_refused', ['http://127.0.0.2']), { what: 'the refusal to be said' });
  assert.deepEqual(await b.run('return chrome.permissions.getAll().then((p) => p.origins.filter((o) => o.includes("127.0.0.2")))'), []);
  await b.window(home);
  await pause(500);
  assert.equal(await mounted(), false);
});

test('a site the agent allows in Firefox\'s prompt gets Duxin in its open tab at once, without a reload', async () => {
  await b.frame(null);
  if (!(await b.url()).startsWith(other.origin)) await b.navigate(other.origin + '/pdd.html');
  await b.eval(() => { window.__sameDocument = true; });
  await askForSite();
  await answer('button');
  await b.window(home);
  await b.waitFor(() => !!document.querySelector('html > :not(head):not(body)'), { what: 'Duxin on the allowed site' });
  assert.equal(await b.eval(() => window.__sameDocument), true, 'the page was not reloaded');
  await enterPanel(b);
  const text = await b.waitFor(() => document.querySelector('[data-testid="suggestion"] .text')?.textContent, { what: 'a suggestion' });
  assert.match(text, /[\u4e00-\u9fff]/);
  await b.frame(null);
  await inOptions("return chrome.permissions.remove({ origins: ['http://127.0.0.2/*'] })");
});

test('not one request left the machine during the Firefox browser-UI run', () => {
  assert.deepEqual(s.fx.offsite(), []);
});
