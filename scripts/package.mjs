// `make package`: what the two stores ask for besides the zips (which `make build` writes), in
// dist/listing/: the descriptions (zh, en) and the privacy statement from store/, one line per
// permission saying why Duxin needs it (from the manifest, so a new permission without a reason
// stops the build), and screenshots of the demo consoles taken by the test browser (Chromium with
// the unpacked extension, 1280×800 as both stores take them).
import fs from 'node:fs';
import path from 'node:path';
import { launch, panelFrame, startServer, waitForHighlights } from '../tests/e2e/harness.mjs';
import { firefoxManifest } from './firefox.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const out = path.join(root, 'dist', 'listing');

/** Why each permission is needed, in the words a reviewer reads. */
const WHY = {
  storage: 'Keeps the agent\'s settings (language, shop policy, sites switched off, taught chat layouts) on this computer.',
  sidePanel: 'Shows the same panel in the browser\'s side panel, for agents who prefer it beside the page.',
  clipboardWrite: 'Copies a reply or the request to a supervisor when the agent asks, or when a console\'s reply box takes no inserted text.',
  scripting: 'Adds the highlight colours for the cue words to the chat page, and starts Duxin on a site the agent enabled, without reloading it.',
  activeTab: 'Lets the panel shortcut (Alt+Shift+D) start Duxin on the current page for this visit only, when the agent presses it.',
  host_permissions: 'The seller chat consoles Duxin supports (and pages on this computer, for self-hosted consoles): there it reads the open conversation and highlights cues. Nothing is sent anywhere.',
  optional_host_permissions: 'Asked for one site at a time, only when the agent enables Duxin on another chat page (Options, or "Always use Duxin on this site"); removable in Options.',
};

function permissionLines(m) {
  const lines = [];
  for (const p of m.permissions) {
    if (!WHY[p]) throw new Error(`manifest permission "${p}" has no reason in scripts/package.mjs`);
    lines.push(`- \`${p}\`: ${WHY[p]}`);
  }
  if (m.host_permissions?.length) lines.push(`- host permissions (${m.host_permissions.join(', ')}): ${WHY.host_permissions}`);
  if (m.optional_host_permissions?.length) lines.push(`- optional host permissions (${m.optional_host_permissions.join(', ')}): ${WHY.optional_host_permissions}`);
  return lines.join('\n');
}

async function screenshots(dir) {
  fs.mkdirSync(dir, { recursive: true });
  const server = await startServer();
  const browser = await launch();
  const shots = [['pdd.html', ['anger', 'threat'], 'console-zh.png'], ['zendesk.html', ['anger', 'threat'], 'console-en.png']];
  try {
    for (const [page, kinds, file] of shots) {
      const p = await browser.context.newPage();
      await p.goto(`${server.origin}/${page}`);
      const panel = await panelFrame(p, browser.extId);
      await panel.locator('[data-testid="suggestion"]').first().waitFor({ timeout: 15000 });
      await waitForHighlights(p, kinds);
      await p.screenshot({ path: path.join(dir, file) });
      await p.close();
    }
  } finally {
    await browser.close(server.origin);
    await server.close();
  }
  return shots.map((s) => s[2]);
}

fs.rmSync(out, { recursive: true, force: true });
fs.mkdirSync(out, { recursive: true });
for (const f of ['description.en.md', 'description.zh.md', 'privacy.md']) fs.copyFileSync(path.join(root, 'store', f), path.join(out, f));
const chrome = JSON.parse(fs.readFileSync(path.join(root, 'dist', 'chrome', 'manifest.json'), 'utf8'));
const firefox = firefoxManifest(chrome);
fs.writeFileSync(path.join(out, 'permissions.md'), [
  '# Why Duxin asks for each permission', '',
  '## Chrome Web Store (dist/duxin-chrome.zip)', '', permissionLines(chrome), '',
  '## Firefox Add-ons (dist/duxin-firefox.zip)', '', permissionLines(firefox), '',
  `Firefox data collection: ${firefox.browser_specific_settings.gecko.data_collection_permissions.required.join(', ')}.`, '',
].join('\n'));
const shots = await screenshots(path.join(out, 'screenshots'));
console.log(`dist/listing/: description.en.md, description.zh.md, privacy.md, permissions.md, screenshots/${shots.join(', screenshots/')}`);
