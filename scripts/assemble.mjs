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

// The service worker inserts the highlight styles (chrome.scripting, for names drawn on each page
// load): it needs host access wherever the content script runs.
const manifest = JSON.parse(fs.readFileSync(path.join(src, 'manifest.json'), 'utf8'));
if (JSON.stringify(manifest.host_permissions) !== JSON.stringify(manifest.content_scripts[0].matches)) {
  console.error('manifest.json: host_permissions must list exactly the content script\'s matches');
  process.exit(1);
}

// What a profile may say. Every selector field is a chain of fallbacks (a non-empty list of
// CSS selectors); keys starting with "_" are notes for reviewers. Anything else is a mistake
// (a typo such as "contianer" would otherwise silently read nothing on that console).
const REQUIRED = ['container', 'item', 'text', 'composer'];
const LISTS = ['urls', 'detect', ...REQUIRED, 'time', 'customer_name', 'card', 'bot_text'];
const GROUPS = {
  role: ['customer', 'agent', 'bot', 'system', 'sender'],
  order: ['id', 'product', 'amount', 'paid_at', 'shipped_at', 'delivered_at'],
  customer: ['orders_count', 'total_spent', 'member_since'],
  sender: ['name', 'buyer'],
};

/** Problems with one profile, as "field: what is wrong" lines (empty when it is fine). */
function checkProfile(p) {
  const bad = [];
  const list = (v, at) => {
    if (!Array.isArray(v) || !v.length || v.some((x) => typeof x !== 'string' || !x.trim())) bad.push(`"${at}" must be a non-empty list of selectors`);
  };
  const unknown = (k, known, at) => {
    if (k.startsWith('_') || known.includes(k)) return false;
    const near = known.find((n) => n[0] === k[0] && Math.abs(n.length - k.length) <= 2);
    bad.push(`unknown field "${at}${k}"` + (near ? ` (did you mean "${at}${near}"?)` : ''));
    return true;
  };
  if (!p || typeof p !== 'object' || Array.isArray(p)) return ['a profile is a JSON object'];
  for (const k of ['id', 'name']) if (typeof p[k] !== 'string' || !p[k]) bad.push(`"${k}" must be a non-empty string`);
  if (typeof p.id === 'string' && !/^[a-z0-9_-]+$/.test(p.id)) bad.push('"id" takes lower-case letters, digits, "-" and "_"');
  for (const k of REQUIRED) if (!(k in p)) bad.push(`"${k}" is missing`);
  for (const [k, v] of Object.entries(p)) {
    if (k === 'id' || k === 'name' || unknown(k, [...LISTS, ...Object.keys(GROUPS).filter((g) => g !== 'sender')], '')) continue;
    if (k.startsWith('_')) continue;
    if (LISTS.includes(k)) { list(v, k); continue; }
    if (!v || typeof v !== 'object' || Array.isArray(v)) { bad.push(`"${k}" must be an object`); continue; }
    for (const [g, gv] of Object.entries(v)) {
      if (unknown(g, GROUPS[k], k + '.') || g.startsWith('_')) continue;
      if (k === 'role' && g === 'sender') {
        if (!gv || typeof gv !== 'object' || Array.isArray(gv)) { bad.push('"role.sender" must be an object'); continue; }
        for (const [s, sv] of Object.entries(gv)) if (!unknown(s, GROUPS.sender, 'role.sender.') && !s.startsWith('_')) list(sv, `role.sender.${s}`);
      } else {
        list(gv, `${k}.${g}`);
      }
    }
  }
  return bad;
}

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
// The default shop policy for the options page, from the same file the core compiles in.
const policy = {};
for (const line of fs.readFileSync(path.join(root, 'data', 'knowledge', 'policy.toml'), 'utf8').split('\n')) {
  const m = line.match(/^(\w+)\s*=\s*(.+?)\s*$/);
  if (m) policy[m[1]] = m[2].startsWith('"') ? JSON.parse(m[2]) : Number(m[2]);
}
fs.writeFileSync(path.join(out, 'policy.json'), JSON.stringify(policy, null, 1));
console.log(`assembled ${path.relative(root, out)} with ${profiles.length} site profiles`);
