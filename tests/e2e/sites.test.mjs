// A chat on a site outside the shipped consoles (127.0.0.2 here, which the manifest does not
// list). Duxin leaves it alone until the agent enables the site, and pages cannot even probe for
// the extension. The agent asks for the site in Options (Chrome shows its own prompt). Chrome's
// prompt is browser UI that no test driver can click, so the test then does what "Allow" does:
// it writes the grant where Chrome keeps it and starts the browser again. From there everything
// is the extension's own behaviour: the content script is registered for the site, the open
// chat is read, "visit only" (the shortcut's one-time access) offers "always on this site", and
// removing the site in Options takes Duxin off the open page at once.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { launch, panelFrame, shot, startServer, waitForHighlights } from './harness.mjs';

let server, browser;
const SITE = 'http://127.0.0.2/*';
before(async () => { server = await startServer(0, '127.0.0.2'); browser = await launch(); });
after(async () => { await browser?.close(server?.origin); await server?.close(); });

const worker = () => browser.worker();

async function registered() {
  return (await worker()).evaluate(() => chrome.scripting.getRegisteredContentScripts().then((s) => s.flatMap((x) => x.matches)));
}

async function until(what, f, timeout = 10000) {
  const end = Date.now() + timeout;
  let last;
  while (Date.now() < end) {
    last = await f();
    if (last) return last;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what}: still ${JSON.stringify(last)}`);
}

const mounted = (page) => page.evaluate(() => !!document.querySelector('html > :not(head):not(body)'));
const highlighted = (page) => page.evaluate(() => CSS.highlights.size);

test('a site outside the shipped consoles is left alone, and no page can probe for Duxin', async () => {
  const page = await browser.context.newPage();
  await page.goto(`${server.origin}/pdd.html`);
  await page.waitForTimeout(1500);
  assert.equal(await mounted(page), false);
  assert.equal(await highlighted(page), 0);
  // The panel is web-accessible only through a per-session address known to our content script.
  const probe = await page.evaluate((id) => fetch(`chrome-extension://${id}/panel.html`).then((r) => r.status, () => 'refused'), browser.extId);
  assert.equal(probe, 'refused');
  assert.deepEqual(await registered(), []);
  await page.close();
});

test('the agent asks for a site in Options; Chrome is asked, built-in and bad addresses are explained', async () => {
  const opts = await browser.context.newPage();
  await opts.goto(`chrome-extension://${browser.extId}/options.html`);
  const status = opts.locator('[data-testid="site-status"]');
  await opts.fill('[data-testid="site-url"]', 'ftp://files.example');
  await opts.click('[data-testid="add-site"]');
  await until('bad address explained', async () => /网址/.test((await status.textContent()) ?? ''));
  await opts.fill('[data-testid="site-url"]', 'https://app.chatwoot.com/app/accounts/1/conversations/7');
  await opts.click('[data-testid="add-site"]');
  await until('built-in site explained', async () => /已内置/.test((await status.textContent()) ?? ''));
  assert.match((await status.textContent()) ?? '', /https:\/\/app\.chatwoot\.com/);
  await opts.fill('[data-testid="site-url"]', `${server.origin}/pdd.html`);
  await opts.click('[data-testid="add-site"]');
  // Chrome's prompt is open now (and stays open: nobody answers it in this test).
  await until('asking Chrome', async () => /请在 Chrome 的提示中允许访问 http:\/\/127\.0\.0\.2/.test((await status.textContent()) ?? ''));
  assert.match((await opts.locator('[data-testid="enabled-sites"]').textContent()) ?? '', /无/);
  await shot(opts, 'options-sites');
  await opts.close();
});

/** What Chrome stores when the agent clicks "Allow" for `pattern` (Default/Preferences). */
function grant(profile, extId, pattern) {
  const file = path.join(profile, 'Default', 'Preferences');
  const prefs = JSON.parse(fs.readFileSync(file, 'utf8'));
  const ext = prefs.extensions.settings[extId];
  for (const k of ['granted_permissions', 'active_permissions']) {
    for (const list of ['explicit_host', 'scriptable_host']) ext[k][list] = [...(ext[k][list] || []), pattern];
  }
  fs.writeFileSync(file, JSON.stringify(prefs));
}

test('once allowed, Duxin reads the site; visit-only offers to stay; removing the site takes it off the page', async () => {
  const { profile, extId } = browser;
  await browser.stop();
  grant(profile, extId, SITE);
  browser = await launch({ profile });
  assert.equal(browser.extId, extId);
  await until('content script registered for the site', async () => (await registered()).includes(SITE));

  const page = await browser.context.newPage();
  await page.goto(`${server.origin}/pdd.html`);
  const panel = await panelFrame(page, browser.extId);
  await panel.locator('[data-testid="risk"]').waitFor({ timeout: 10000 });
  await waitForHighlights(page, ['threat']);
  assert.equal(await panel.locator('[data-testid="visit-only"]').count(), 0, 'enabled for good: no visit-only offer');

  const opts = await browser.context.newPage();
  await opts.goto(`chrome-extension://${browser.extId}/options.html`);
  const enabled = opts.locator('[data-testid="enabled-sites"]');
  await until('listed in Options', async () => /http:\/\/127\.0\.0\.2/.test((await enabled.textContent()) ?? ''));

  // Visit only: the shortcut's one-time access injects Duxin into a tab of a site that is not
  // registered (here the registration is dropped first; the grant stands in for activeTab).
  await (await worker()).evaluate(() => chrome.scripting.unregisterContentScripts());
  const visit = await browser.context.newPage();
  await visit.goto(`${server.origin}/pdd.html#visit`);
  await visit.waitForTimeout(1000);
  assert.equal(await mounted(visit), false);
  await (await worker()).evaluate(() => chrome.tabs.query({}).then((ts) => globalThis.runHere(ts.find((t) => (t.url || '').endsWith('#visit')).id)));
  const vpanel = await panelFrame(visit, browser.extId);
  const offer = vpanel.locator('[data-testid="visit-only"]');
  await offer.waitFor({ timeout: 10000 });
  assert.match((await offer.textContent()) ?? '', /仅在本次访问/);
  await shot(visit, 'visit-only');
  await vpanel.locator('[data-testid="enable-site"]').click();
  await until('registered again after "always on this site"', async () => (await registered()).includes(SITE));
  await until('visit-only offer gone', async () => (await offer.count()) === 0);

  // Removed in Options: Duxin leaves the open pages (panel and highlights) and the site.
  await opts.bringToFront();
  await opts.locator('[data-testid="enabled-sites"] button').click();
  await until('off the open page', async () => !(await mounted(page)) && (await highlighted(page)) === 0);
  assert.equal(await mounted(visit), false);
  await until('registration dropped', async () => (await registered()).length === 0);
  assert.match((await opts.locator('[data-testid="site-status"]').textContent()) ?? '', /已移除 http:\/\/127\.0\.0\.2/);
  await until('Options list empty', async () => /无/.test((await enabled.textContent()) ?? ''));
  await page.reload();
  await page.waitForTimeout(1500);
  assert.equal(await mounted(page), false, 'not back after a reload');
  await page.bringToFront();
  await (await worker()).evaluate(() => globalThis.runCommand('toggle-panel'));
  await page.waitForTimeout(500);
  assert.equal(await mounted(page), false, 'without the shortcut\'s own grant nothing runs there');
  for (const p of [opts, visit, page]) await p.close();
});

test('the panel beside a page without Duxin says so and leads to Options (not "reload the console")', async () => {
  // Chrome's side panel beside a site that is not enabled: the panel finds no Duxin on its tab.
  // (The side panel cannot be opened from a test; the panel page in a tab of its own is in the
  // same position: nothing answers on that tab.)
  const panel = await browser.context.newPage();
  await panel.goto(`chrome-extension://${browser.extId}/panel.html`);
  const box = panel.locator('[data-testid="not-here"]');
  await box.waitFor({ timeout: 10000 });
  assert.match((await box.textContent()) ?? '', /读心没有在这个页面上运行/);
  assert.doesNotMatch(await panel.locator('body').innerText(), /刷新工作台/);
  const [opts] = await Promise.all([browser.context.waitForEvent('page'), panel.click('[data-testid="open-options"]')]);
  await opts.waitForLoadState();
  assert.match(opts.url(), /options\.html$/);
  assert.equal(await opts.locator('[data-testid="site-url"]').count(), 1, 'where other sites are enabled');
  await opts.close();
  await panel.close();
});
