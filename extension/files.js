// @ts-check
// Saving a file the agent asked for (exports from the options page and the dashboard).

/** Offer `text` as a download named `name`. */
export function download(/** @type {string} */ name, /** @type {string} */ text, /** @type {string} */ type = 'application/json') {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(new Blob([text], { type }));
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}
