// `make demo`: serve the demo consoles on 127.0.0.1 and open Chromium with Duxin loaded. With no
// display, drive Chromium headless through the demo and save screenshots under dist/demo/.
import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { ROOT, launch, panelFrame, startServer, waitForHighlights } from './e2e/harness.mjs';

const args = process.argv.slice(2);
const port = Number(args[args.indexOf('--port') + 1] || process.env.PORT || 8765);
const server = await startServer(port);
console.log(`demo consoles: ${server.origin}/`);
const out = path.join(ROOT, 'dist', 'demo');
fs.mkdirSync(out, { recursive: true });

if (process.env.DISPLAY && !args.includes('--headless')) {
  const profile = fs.mkdtempSync('/tmp/duxin-demo-');
  const ext = path.join(ROOT, 'dist', 'chrome');
  const c = spawn('/usr/bin/chromium', [`--user-data-dir=${profile}`, `--disable-extensions-except=${ext}`, `--load-extension=${ext}`,
    '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', `${server.origin}/`], { stdio: 'inherit' });
  c.on('exit', () => server.close().then(() => process.exit(0)));
} else {
  const shots = [];
  const b = await launch();
  const snap = async (page, name) => { const f = path.join(out, name + '.png'); await page.screenshot({ path: f }); shots.push(f); };
  try {
    for (const [file, name, kinds] of [['pdd.html', 'zh-console', ['anger', 'threat']], ['zendesk.html', 'en-console', ['anger', 'threat']], ['csp/pdd.html', 'zh-console-strict-csp', ['anger']]]) {
      const page = await b.context.newPage();
      await page.goto(`${server.origin}/${file}`);
      const panel = await panelFrame(page, b.extId);
      await panel.locator('[data-testid="suggestion"]').first().waitFor();
      await waitForHighlights(page, kinds);
      await snap(page, name + '-1-read');
      // Hover a highlighted cue to see its explanation.
      const box = await page.evaluate(() => {
        const h = [...CSS.highlights.values()][0];
        const r = h && [...h][0].getBoundingClientRect();
        return r && { x: r.x + r.width / 2, y: r.y + r.height / 2 };
      });
      if (box) { await page.mouse.move(box.x, box.y); await page.waitForTimeout(200); await snap(page, name + '-2-hover'); }
      // The first suggestion that goes in with one click (one with blanks waits for the agent).
      await panel.locator('[data-testid="insert"]:not([disabled])').first().click();
      await page.waitForTimeout(300);
      await snap(page, name + '-3-inserted');
      await page.close();
    }
    const page = await b.context.newPage();
    await page.goto(`${server.origin}/empty.html`);
    const panel = await panelFrame(page, b.extId);
    await panel.locator('[data-testid="no-console"]').waitFor();
    await snap(page, 'no-conversation');
    await page.close();
  } finally {
    await b.close();
    await server.close();
  }
  console.log('screenshots:\n' + shots.map((s) => '  ' + path.relative(ROOT, s)).join('\n'));
}
