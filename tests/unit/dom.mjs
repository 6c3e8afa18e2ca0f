// A page for the content script's pure parts under node (linkedom: a DOM without layout). The
// globals the parts use are the page's own; CSS.escape follows the CSSOM spec (as Chromium's).
import { parseHTML } from 'linkedom';

/** CSS.escape as the CSSOM spec defines it (linkedom has no CSS object). */
function cssEscape(value) {
  const s = String(value);
  const first = s.charCodeAt(0);
  if (s.length === 1 && first === 0x2d) return '\\' + s;
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0) out += '\uFFFD';
    else if ((c >= 0x1 && c <= 0x1f) || c === 0x7f || (i === 0 && c >= 0x30 && c <= 0x39) || (i === 1 && c >= 0x30 && c <= 0x39 && first === 0x2d)) out += '\\' + c.toString(16) + ' ';
    else if (c >= 0x80 || c === 0x2d || c === 0x5f || (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a)) out += s.charAt(i);
    else out += '\\' + s.charAt(i);
  }
  return out;
}

/** A page holding `body`, made the global document (what the content script's parts look at). */
export function page(body) {
  const { window, document } = parseHTML(`<!doctype html><html><head></head><body>${body}</body></html>`);
  Object.assign(globalThis, {
    window, document, CSS: { escape: cssEscape },
    Node: window.Node, Text: window.Text, NodeFilter: window.NodeFilter || { SHOW_ELEMENT: 1, SHOW_TEXT: 4 },
    HTMLTextAreaElement: window.HTMLTextAreaElement, HTMLInputElement: window.HTMLInputElement,
  });
  // (linkedom's class lists are sets: `item` as the DOM has it.)
  const tokens = Object.getPrototypeOf(document.createElement('i').classList);
  if (!tokens.item) tokens.item = function item(i) { return [...this][i] ?? null; };
  return document;
}
