// Duxin service worker. It holds no state (Chrome stops it when idle): it forwards keyboard
// commands to the active tab's content script and opens the side panel from the toolbar.
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
