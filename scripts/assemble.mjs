// Assemble dist/chrome from extension/ and the wasm-bindgen output, bundle the content script's
// modules (extension/content/) into content.js, and the site profiles (one JSON file per console,
// validated here with clear errors) into profiles.js. Then the same files with a generated Firefox
// manifest (scripts/firefox.mjs) become dist/firefox.
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { firefoxManifest } from './firefox.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const src = path.join(root, 'extension');
const out = path.join(root, 'dist', 'chrome');
// (Type declarations are for the type check only. guard-rules.json, the draft check's rules for
// Options and their reasons for the panel, and policy.json, the default shop policy for Options,
// are generated from the Rust core by `cargo test`, like protocol.d.ts, and copied as they are.)
const SKIP = new Set(['tsconfig.json', 'profiles', 'content']);

fs.mkdirSync(out, { recursive: true });
// (The content script's modules are bundled below, never shipped one by one.)
fs.rmSync(path.join(out, 'content'), { recursive: true, force: true });
for (const name of fs.readdirSync(src)) {
  if (SKIP.has(name) || name.endsWith('.d.ts')) continue;
  fs.cpSync(path.join(src, name), path.join(out, name), { recursive: true });
}

// The content script: its modules in one classic script (content scripts cannot be ES modules),
// an IIFE so nothing it declares reaches the global scope, no source map.
await build({
  entryPoints: [path.join(src, 'content', 'main.js')],
  outfile: path.join(out, 'content.js'),
  bundle: true,
  format: 'iife',
  target: 'chrome120',
  charset: 'utf8',
  legalComments: 'none',
  sourcemap: false,
  logLevel: 'warning',
});

// The service worker inserts the highlight styles (chrome.scripting, for names drawn on each page
// load): it needs host access wherever the content script runs.
const manifest = JSON.parse(fs.readFileSync(path.join(src, 'manifest.json'), 'utf8'));
if (JSON.stringify(manifest.host_permissions) !== JSON.stringify(manifest.content_scripts[0].matches)) {
  console.error('manifest.json: host_permissions must list exactly the content script\'s matches');
  process.exit(1);
}

// What a profile may say: extension/profile-check.js, shared with the options page (imports of
// taught profiles) and the content script (injected with it, to skip a bad stored one).
await import(new URL('../extension/profile-check.js', import.meta.url).href);
const WORDS = {
  object: (f) => (f ? `"${f}" must be an object` : 'a profile is a JSON object'),
  text: (f) => `"${f}" must be a non-empty string`,
  id: () => '"id" takes lower-case letters, digits, "-" and "_"',
  missing: (f) => `"${f}" is missing`,
  selectors: (f) => `"${f}" must be a non-empty list of selectors`,
  hop: (f) => `"${f}": each ">>>" (into a shadow root or frame) needs a selector on both sides`,
  unknown: (f, d) => `unknown field "${f}"` + (d ? ` (did you mean "${d}"?)` : ''),
  bool: (f) => `"${f}" must be true or false`,
};
/** Problems with one profile, as "field: what is wrong" lines (empty when it is fine). */
const checkProfile = (p) => globalThis.duxinProfileProblems(p).map((b) => WORDS[b.code](b.field, b.detail));

const profiles = [];
const ids = new Map();
let failed = false;
for (const f of fs.readdirSync(path.join(src, 'profiles')).sort()) {
  if (!f.endsWith('.json')) continue;
  const file = path.join('extension', 'profiles', f);
  let p;
  try {
    p = JSON.parse(fs.readFileSync(path.join(src, 'profiles', f), 'utf8'));
  } catch (e) {
    console.error(`${file}: not valid JSON: ${e.message}`);
    failed = true;
    continue;
  }
  const bad = checkProfile(p);
  if (p && ids.has(p.id)) bad.push(`"id" ${p.id} is also used by ${ids.get(p.id)}`);
  for (const b of bad) console.error(`${file}: ${b}`);
  if (bad.length) { failed = true; continue; }
  ids.set(p.id, file);
  profiles.push(p);
}
if (failed) process.exit(1);
fs.writeFileSync(
  path.join(out, 'profiles.js'),
  '// Generated from extension/profiles/*.json by scripts/assemble.mjs.\nglobalThis.DUXIN_PROFILES = ' +
    JSON.stringify(profiles, null, 1) + ';\n',
);
console.log(`assembled ${path.relative(root, out)} with ${profiles.length} site profiles`);

// Firefox: the same files, the manifest generated from Chromium's (never edited by hand).
const ffOut = path.join(root, 'dist', 'firefox');
fs.rmSync(ffOut, { recursive: true, force: true });
fs.cpSync(out, ffOut, { recursive: true });
fs.writeFileSync(path.join(ffOut, 'manifest.json'), JSON.stringify(firefoxManifest(manifest), null, 2) + '\n');
console.log(`assembled ${path.relative(root, ffOut)}`);
