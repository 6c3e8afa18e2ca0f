// Duxin service worker. It holds no state of its own (Chrome stops it when idle): it forwards
// keyboard commands to the active tab's content script, opens the side panel from the toolbar,
// and is the panel's door to the local database. The panel is framed in the console page, where
// Chromium treats it as third-party and refuses it IndexedDB; here, in the extension's own
// context, the database is first-party.
import * as store from './store.js';

chrome.runtime.onInstalled.addListener(() => {
  chrome.sidePanel?.setPanelBehavior?.({ openPanelOnActionClick: true }).catch(() => {});
});

/** Forward one command to the active tab (also what the E2E suite calls). */
async function runCommand(command) {
  const [tab] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
  if (tab && tab.id !== undefined) await chrome.tabs.sendMessage(tab.id, { type: 'command', command }).catch(() => {});
}
globalThis.runCommand = runCommand;

chrome.commands.onCommand.addListener((command) => { runCommand(command); });

const TABLES = new Set(store.TABLES);
const changes = new BroadcastChannel('duxin-db');

/** One database request from our own pages (never from content scripts, which share our id but
 * run inside the host page). */
async function db(msg) {
  switch (msg.op) {
    case 'put':
      if (!TABLES.has(msg.table) || typeof msg.json !== 'string') throw new Error('bad request');
      await store.put(msg.table, JSON.parse(msg.json));
      // Open options or dashboard pages show the change (a reply saved from the panel).
      changes.postMessage({ table: msg.table });
      return {};
    case 'panel-state':
      return {
        learned: (await store.getKv('learned')) || '',
        style: (await store.getKv('style')) || '',
        products: (await store.getKv('products')) || '',
        kb_custom: JSON.stringify(await store.all('knowledge')),
        pruned: await store.prune(await store.retentionDays()),
      };
    default:
      throw new Error('bad request');
  }
}

chrome.runtime.onMessage.addListener((msg, sender, reply) => {
  if (!msg || msg.type !== 'db') return false;
  const ours = sender.id === chrome.runtime.id && (sender.url || '').startsWith(chrome.runtime.getURL(''));
  if (!ours) return false;
  db(msg).then(reply, (e) => reply({ error: store.describe(e) }));
  return true;
});
