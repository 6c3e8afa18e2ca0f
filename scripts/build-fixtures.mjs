// Bundle the editor fixtures (tests/fixtures/editors/src) from the real npm packages with esbuild,
// into tests/fixtures/editors/dist. Skips work when the bundles are newer than their inputs.
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const src = path.join(root, 'tests', 'fixtures', 'editors', 'src');
const out = path.join(root, 'tests', 'fixtures', 'editors', 'dist');
const lock = fs.statSync(path.join(root, 'package-lock.json')).mtimeMs;
const entries = fs.readdirSync(src).filter((f) => f.endsWith('.js') && f !== 'common.js');
const common = fs.statSync(path.join(src, 'common.js')).mtimeMs;
const stale = entries.filter((f) => {
  const o = path.join(out, f);
  if (!fs.existsSync(o)) return true;
  const t = fs.statSync(o).mtimeMs;
  return t < fs.statSync(path.join(src, f)).mtimeMs || t < lock || t < common;
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
console.log(`editor fixtures: ${entries.length} (${stale.length} rebuilt)`);

// Pages built from chat UI kits nobody here wrote (tests/fixtures/kits): the generic detector's tests.
const kits = path.join(root, 'tests', 'fixtures', 'kits');
const kitEntries = fs.readdirSync(path.join(kits, 'src')).filter((f) => f.endsWith('.js'));
const kitStale = kitEntries.filter((f) => {
  const o = path.join(kits, 'dist', f);
  return !fs.existsSync(o) || fs.statSync(o).mtimeMs < Math.max(fs.statSync(path.join(kits, 'src', f)).mtimeMs, lock);
});
if (kitStale.length) {
  await build({
    entryPoints: kitStale.map((f) => path.join(kits, 'src', f)),
    outdir: path.join(kits, 'dist'),
    bundle: true,
    format: 'iife',
    minify: true,
    logLevel: 'warning',
    define: { 'process.env.NODE_ENV': '"production"', global: 'window' },
  });
}
console.log(`kit fixtures: ${kitEntries.length} (${kitStale.length} rebuilt)`);
