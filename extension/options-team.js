// @ts-check
// Options → Team pack: the lead exports one file; an agent imports it, sees what changes first
// (added, changed, removed per kind), applies it or not, and can undo it (one step). The pack in
// use is named by its short hash so a team can compare. A pack pushed by browser policy
// (chrome.storage.managed) is applied and shown read-only. The core decides (team_export,
// team_plan); this page shows and forwards.
import { download } from './files.js';
import { LIMITS, explain, i18n } from './shapes.js';
import * as team from './team.js';

/** @typedef {import('./team-pack').ImportPlan} ImportPlan */
/** @typedef {import('./team-pack').Changes} Changes */

const $ = (/** @type {string} */ id) => /** @type {HTMLElement} */ (document.getElementById(id));
const msg = (/** @type {string} */ key, /** @type {string[]} */ subs = []) => chrome.i18n.getMessage(key, subs) || key;
const status = (/** @type {string} */ text) => { $('team-status').textContent = text; };
const KINDS = /** @type {const} */ (['policy', 'replies', 'products', 'sites', 'guard']);

/** @type {Promise<any> | null} */
let ready = null;
/** The core (wasm and its glue), loaded the first time it is needed: most visits to Options never
 * touch the team pack, and the rest of the page should not wait for it. */
const core = () => (ready ||= import('./pkg/duxin.js').then(async (m) => {
  await m.default({ module_or_path: new URL('./pkg/duxin_pages_bg.wasm', import.meta.url) });
  return m;
}));

/** The core's answer, or an Error with its message. @returns {any} */
function answer(/** @type {string} */ json) {
  const v = JSON.parse(json);
  if (v && v.error) throw new Error(v.error);
  return v;
}

async function showInUse() {
  const used = await team.packInUse();
  $('team-in-use').textContent = used ? msg(used.managed ? 'opt_team_managed' : 'opt_team_in_use', [used.short, used.at.slice(0, 10)]) : msg('opt_team_none');
  $('team-in-use').dataset.hash = used ? used.short : '';
  /** @type {HTMLButtonElement} */ ($('team-undo')).disabled = !!(used && used.managed) || !(await team.canUndo());
}

/** One line per kind that changes: "Replies: 2 added (a, b) · 1 removed (c)". */
function changeLines(/** @type {ImportPlan} */ plan) {
  const list = (/** @type {string[]} */ keys) => keys.slice(0, 8).join(', ') + (keys.length > 8 ? ' …' : '');
  return KINDS.map((kind) => {
    /** @type {Changes} */
    const c = plan.diff[kind];
    const parts = [['added', c.added], ['changed', c.changed], ['removed', c.removed]]
      .filter(([, keys]) => keys.length)
      .map(([what, keys]) => msg('opt_team_' + what, [String(keys.length), list(/** @type {string[]} */ (keys))]));
    return { kind, text: parts.length ? `${msg('opt_team_kind_' + kind)}: ${parts.join(' · ')}` : '' };
  }).filter((l) => l.text);
}

/** @type {ImportPlan | null} */
let pending = null;

function showPlan(/** @type {ImportPlan} */ plan) {
  pending = plan;
  const lines = changeLines(plan);
  $('team-plan-title').textContent = msg(lines.length ? 'opt_team_plan' : 'opt_team_same', [plan.short]);
  const ul = $('team-changes');
  ul.textContent = '';
  for (const l of lines) {
    const li = document.createElement('li');
    li.dataset.kind = l.kind;
    li.textContent = l.text;
    ul.appendChild(li);
  }
  $('team-plan').hidden = false;
}

/** Site profiles are checked as the build checks the shipped ones, before anything is planned. */
function siteProblems(/** @type {Record<string, unknown>} */ sites) {
  const check = /** @type {any} */ (globalThis).duxinProfileProblems;
  return Object.entries(sites || {}).flatMap(([host, p]) => {
    const bad = check ? check(p) : [];
    return bad.length ? [i18n('imp_site', [host, explain(bad[0], i18n)])] : [];
  });
}

async function planFrom(/** @type {string} */ text) {
  const { team_plan } = await core();
  const used = await team.packInUse();
  const plan = /** @type {ImportPlan} */ (answer(team_plan(JSON.stringify(await team.currentState()), text, used ? JSON.stringify(used.keys) : '')));
  const bad = siteProblems(plan.result.sites);
  if (bad.length) throw new Error(bad.slice(0, 3).join('；'));
  return plan;
}

$('team-export').addEventListener('click', async () => {
  try {
    const { team_export } = await core();
    const out = answer(team_export(JSON.stringify(await team.currentState())));
    download(`duxin-team-pack-${out.short}.json`, JSON.stringify(out.pack, null, 1));
    $('team-status').dataset.hash = out.short;
    status(msg('opt_team_exported', [out.short]));
  } catch (e) {
    status(msg('opt_bad_file') + ' ' + /** @type {Error} */ (e).message);
  }
});

$('team-import').addEventListener('change', async (e) => {
  const input = /** @type {HTMLInputElement} */ (e.target);
  const file = input.files && input.files[0];
  input.value = '';
  if (!file) return;
  try {
    if (file.size > LIMITS.bytes) throw new Error(i18n('imp_too_big', [String(LIMITS.bytes / 1024 / 1024)]));
    showPlan(await planFrom(await file.text()));
    status('');
  } catch (err) {
    $('team-plan').hidden = true;
    status(msg('opt_bad_file') + ' ' + /** @type {Error} */ (err).message);
  }
});

$('team-apply').addEventListener('click', async () => {
  if (!pending) return;
  await team.applyPlan(pending);
  sessionStorage.setItem('duxin-team-status', msg('opt_team_applied', [pending.short]));
  location.reload();
});
$('team-cancel').addEventListener('click', () => { pending = null; $('team-plan').hidden = true; status(''); });
$('team-undo').addEventListener('click', async () => {
  const done = await team.undo();
  sessionStorage.setItem('duxin-team-status', msg(done ? 'opt_team_undone' : 'opt_team_none'));
  location.reload();
});

/** A pack from browser policy: applied when it differs from the one in use, and everything it
 * sets is read-only here. */
async function managed() {
  const text = await team.managedPack();
  if (!text) return;
  document.body.classList.add('managed');
  for (const id of ['team-import', 'team-undo']) /** @type {HTMLInputElement} */ ($(id)).disabled = true;
  const plan = await planFrom(text);
  const used = await team.packInUse();
  if (!used || used.hash !== plan.hash || !used.managed) await team.applyPlan(plan, true);
}

// After the rest of the page has drawn (the replies list is timed from the page's start).
requestIdleCallback(async () => {
  const flash = sessionStorage.getItem('duxin-team-status');
  if (flash) { status(flash); sessionStorage.removeItem('duxin-team-status'); }
  await managed().catch((e) => status(msg('opt_bad_file') + ' ' + e.message));
  await showInUse();
  document.body.dataset.teamReady = '1';
}, { timeout: 2000 });
