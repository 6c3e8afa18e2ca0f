// Duxin service worker. It holds no state (Chrome stops it when idle): it only forwards the
// keyboard command to the active tab's content script and opens the side panel from the toolbar.
chrome.runtime.onInstalled.addListener(() => {
  chrome.sidePanel?.setPanelBehavior?.({ openPanelOnActionClick: true }).catch(() => {});
});

chrome.commands.onCommand.addListener(async (command) => {
  if (command !== 'toggle-panel') return;
  const [tab] = await chrome.tabs.query({ active: true, currentWindow: true });
  if (tab && tab.id !== undefined) chrome.tabs.sendMessage(tab.id, { type: 'toggle' }).catch(() => {});
});
