// Assemble dist/chrome from extension/ and the wasm-bindgen output, and bundle the site profiles
// (one JSON file per console, validated here with clear errors) into profiles.js.
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const src = path.join(root, 'extension');
const out = path.join(root, 'dist', 'chrome');
const SKIP = new Set(['protocol.d.ts', 'globals.d.ts', 'tsconfig.json', 'profiles']);

fs.mkdirSync(out, { recursive: true });
for (const name of fs.readdirSync(src)) {
  if (SKIP.has(name)) continue;
  fs.cpSync(path.join(src, name), path.join(out, name), { recursive: true });
}

const FIELDS = ['container', 'item', 'text', 'composer'];
const profiles = [];
for (const f of fs.readdirSync(path.join(src, 'profiles')).sort()) {
  if (!f.endsWith('.json')) continue;
  const file = path.join('extension', 'profiles', f);
  let p;
  try {
    p = JSON.parse(fs.readFileSync(path.join(src, 'profiles', f), 'utf8'));
  } catch (e) {
    console.error(`${file}: not valid JSON: ${e.message}`);
    process.exit(1);
  }
  for (const k of ['id', 'name']) {
    if (typeof p[k] !== 'string' || !p[k]) { console.error(`${file}: "${k}" must be a non-empty string`); process.exit(1); }
  }
  for (const k of FIELDS) {
    if (!Array.isArray(p[k]) || !p[k].length || p[k].some((s) => typeof s !== 'string' || !s)) {
      console.error(`${file}: "${k}" must be a non-empty list of selectors`);
      process.exit(1);
    }
  }
  profiles.push(p);
}
fs.writeFileSync(
  path.join(out, 'profiles.js'),
  '// Generated from extension/profiles/*.json by scripts/assemble.mjs.\nglobalThis.DUXIN_PROFILES = ' +
    JSON.stringify(profiles, null, 1) + ';\n',
);
// The default shop policy for the options page, from the same file the core compiles in.
const policy = {};
for (const line of fs.readFileSync(path.join(root, 'data', 'knowledge', 'policy.toml'), 'utf8').split('\n')) {
  const m = line.match(/^(\w+)\s*=\s*(.+?)\s*$/);
  if (m) policy[m[1]] = m[2].startsWith('"') ? JSON.parse(m[2]) : Number(m[2]);
}
fs.writeFileSync(path.join(out, 'policy.json'), JSON.stringify(policy, null, 1));
console.log(`assembled ${path.relative(root, out)} with ${profiles.length} site profiles`);
