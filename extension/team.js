// @ts-check
// The team pack in this browser: reads the agent's state as a pack, stores an import's result,
// keeps one step to undo. It decides nothing: what a pack is, its hash and what an import changes
// come from the core (src/team.rs, through `team_export` / `team_plan`); the types are generated
// from it (team-pack.d.ts). Used by Options (export, import, undo) and the service worker (a pack pushed
// by browser policy, chrome.storage.managed `team_pack`).
//
// Where each kind lives: policy and guard settings in chrome.storage.local (`policy`, `guard`,
// JSON text), site profiles in chrome.storage.local (`profile:<host>`), replies in the database's
// `knowledge` table, products in its `kv` (`products`). What the last import brought is
// chrome.storage.local `team_pack` ({hash, short, keys, at, managed}); the state before it is
// the database's kv `team_undo`. The agent's voice (`style`) and answer memory (`learned`) are
// never read or written here.
import * as store from './store.js';

/** @typedef {import('./team-pack').TeamPack} TeamPack */
/** @typedef {import('./team-pack').ImportPlan} ImportPlan */
/** @typedef {import('./team-pack').PackKeys} PackKeys */
/** @typedef {{hash: string, short: string, keys: PackKeys, at: string, managed?: boolean}} PackInUse */

/** @param {string | undefined} text @param {any} fallback */
function parsed(text, fallback) {
  try { return text ? JSON.parse(text) : fallback; } catch (_) { return fallback; }
}

/** The agent's state, as a pack (what a lead exports; what an import is compared with).
 * @returns {Promise<TeamPack>} */
export async function currentState() {
  const all = await chrome.storage.local.get(null);
  const replies = (await store.all('knowledge')).map((/** @type {any} */ r) => ({ id: r.id, lang: r.lang, intent: r.intent, text: r.text }));
  const products = parsed(await store.getKv('products'), []);
  /** @type {Record<string, Record<string, unknown>>} */
  const sites = {};
  for (const [k, v] of Object.entries(all)) if (k.startsWith('profile:') && v && typeof v === 'object') sites[k.slice(8)] = v;
  return {
    format: 'duxin-team-pack', version: 1,
    // As saved in Options (every field), or null when never saved: a pack without a policy
    // leaves each agent's as it is.
    policy: parsed(all.policy, null),
    replies, products: Array.isArray(products) ? products : [], sites,
    guard: { off: [], words: [], ...parsed(all.guard, {}) },
  };
}

/** Store a state (an import's result, or the state an undo goes back to). */
export async function writeState(/** @type {TeamPack} */ s) {
  const all = await chrome.storage.local.get(null);
  const stale = Object.keys(all).filter((k) => k.startsWith('profile:') && !(k.slice(8) in s.sites));
  if (!s.policy) stale.push('policy');
  if (stale.length) await chrome.storage.local.remove(stale);
  /** @type {Record<string, unknown>} */
  const set = { guard: JSON.stringify(s.guard) };
  if (s.policy) set.policy = JSON.stringify(s.policy);
  for (const [host, p] of Object.entries(s.sites)) set['profile:' + host] = p;
  await chrome.storage.local.set(set);
  await store.replace('knowledge', s.replies);
  await store.put('kv', { key: 'products', value: JSON.stringify(s.products) });
}

/** The pack this browser took last, if any. @returns {Promise<PackInUse | null>} */
export async function packInUse() {
  const { team_pack } = await chrome.storage.local.get('team_pack');
  return team_pack && typeof team_pack === 'object' ? team_pack : null;
}

/** Apply an import the agent agreed to (or a managed pack): the state before it is kept for one
 * undo. */
export async function applyPlan(/** @type {ImportPlan} */ plan, managed = false) {
  const before = await currentState();
  await store.put('kv', { key: 'team_undo', value: JSON.stringify({ state: before, pack: await packInUse() }) });
  await writeState(plan.result);
  /** @type {PackInUse} */
  const used = { hash: plan.hash, short: plan.short, keys: plan.keys, at: new Date().toISOString(), managed };
  await chrome.storage.local.set({ team_pack: used });
}

/** Whether there is an import to undo. */
export async function canUndo() {
  return !!(await store.getKv('team_undo'));
}

/** Go back to the state before the last import (one step). */
export async function undo() {
  const saved = parsed(await store.getKv('team_undo'), null);
  if (!saved) return false;
  await writeState(saved.state);
  if (saved.pack) await chrome.storage.local.set({ team_pack: saved.pack });
  else await chrome.storage.local.remove('team_pack');
  await store.remove('kv', 'team_undo');
  return true;
}

/** A pack pushed by browser policy (chrome.storage.managed `team_pack`, JSON text), or null. */
export async function managedPack() {
  /** @type {Record<string, unknown>} */
  const got = (await chrome.storage.managed?.get('team_pack').catch(() => ({}))) || {};
  const text = got.team_pack;
  return typeof text === 'string' && text.trim() ? text : null;
}
