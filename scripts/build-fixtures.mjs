// Bundle the test pages' scripts from the real npm packages with esbuild: the editor fixtures
// (tests/fixtures/editors) and the pages built from chat UI kits nobody here wrote
// (tests/fixtures/kits, for the generic detector). Skips work when the bundles are newer than their
// inputs.
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const lock = fs.statSync(path.join(root, 'package-lock.json')).mtimeMs;

/** Bundle every `dir/src/*.js` (but `shared`, which the others import) into `dir/dist`. */
async function bundle(label, dir, shared = null) {
  const src = path.join(dir, 'src');
  const out = path.join(dir, 'dist');
  const entries = fs.readdirSync(src).filter((f) => f.endsWith('.js') && f !== shared);
  const newest = Math.max(lock, shared ? fs.statSync(path.join(src, shared)).mtimeMs : 0);
  const stale = entries.filter((f) => {
    const o = path.join(out, f);
    return !fs.existsSync(o) || fs.statSync(o).mtimeMs < Math.max(fs.statSync(path.join(src, f)).mtimeMs, newest);
  });
  if (stale.length) {
    await build({
      entryPoints: stale.map((f) => path.join(src, f)),
      outdir: out,
      bundle: true,
      format: 'iife',
      minify: true,
      logLevel: 'warning',
      define: { 'process.env.NODE_ENV': '"production"', global: 'window' },
    });
  }
  console.log(`${label} fixtures: ${entries.length} (${stale.length} rebuilt)`);
}

await bundle('editor', path.join(root, 'tests', 'fixtures', 'editors'), 'common.js');
await bundle('kit', path.join(root, 'tests', 'fixtures', 'kits'));
