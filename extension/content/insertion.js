// @ts-check
// Insertion into the composer: the editor's own paths first (a paste event for rich editors, the
// `insertText` command, the value setter for plain fields), so the editor keeps the text in its
// model and as one undo step; the clipboard as the last resort. Never sends.
import { isField } from './trees.js';
import { composer } from './reading.js';

/** @typedef {{ok: boolean, technique: string, detail?: string}} Inserted */

export const sleep = (/** @type {number} */ ms) => new Promise((r) => setTimeout(r, ms));
export const norm = (/** @type {string | null | undefined} */ s) => (s || '').replace(/\s+/g, ' ').trim();

// (Elements of a frame belong to another realm: `instanceof` says no; their tag says what.)
/** The element text goes into: the composer itself or the field inside it. @returns {any} */
export function editableOf(el) {
  if (!el) return null;
  if (isField(el)) return el;
  if (el.isContentEditable) return el;
  const inner = el.querySelector('textarea, input, [contenteditable="true"]');
  if (inner) return inner;
  if (el.shadowRoot) return editableOf(el.shadowRoot.querySelector('textarea, input, [contenteditable="true"]'));
  return null;
}

function currentText(el) {
  return isField(el) ? el.value : el.innerText;
}

/** An editor with a model of its own (Quill, Lexical, Slate, Draft, ProseMirror, CKEditor, Trix):
 * it takes text from a paste event. */
export function isRich(el) {
  return !isField(el) &&
    !!el.closest('.ql-editor, [data-lexical-editor], [data-slate-editor], .DraftEditor-root, .ProseMirror, .ck-editor__editable, trix-editor');
}

/** Put `text` into the composer, at the caret or replacing the draft.
 * @param {string} text @param {'caret'|'replace'} mode @returns {Promise<Inserted>} */
export async function insert(text, mode) {
  const target = editableOf(composer());
  if (!target) return { ok: false, technique: 'none', detail: 'no composer' };
  if (target.localName === 'input') text = text.replace(/\s*\n\s*/g, ' ');
  // The composer may sit in a web component (its shadow root has its own focus and selection)
  // or in a frame (its own document): each is asked where the composer lives.
  const doc = target.ownerDocument;
  const tree = /** @type {Document | ShadowRoot} */ (target.getRootNode());
  const own = tree.nodeType === 11 ? /** @type {ShadowRoot} */ (tree) : doc;
  const before = currentText(target);
  target.focus();
  if (mode === 'replace') {
    if (isField(target)) target.select();
    else doc.getSelection()?.selectAllChildren(target);
  } else if (isField(target)) {
    if (own.activeElement !== target) target.setSelectionRange(target.value.length, target.value.length);
  } else {
    const sel = doc.getSelection();
    /** @type {any} */
    const inTree = own === doc ? sel : /** @type {any} */ (own).getSelection ? /** @type {any} */ (own).getSelection() : sel;
    if (sel && (!sel.rangeCount || !inTree || !target.contains(inTree.anchorNode))) {
      const r = doc.createRange();
      r.selectNodeContents(target);
      r.collapse(false);
      sel.removeAllRanges();
      sel.addRange(r);
    } else if (sel && inTree && inTree.rangeCount && !isRich(target)) {
      // The caret is already there, behind what the agent just typed: placed again, so the
      // insertion is its own undo step (not merged into the typing).
      const r = inTree.getRangeAt(0).cloneRange();
      sel.removeAllRanges();
      sel.addRange(r);
    }
  }
  // Let the editor sync its model with the selection (Slate throttles selectionchange).
  await sleep(isRich(target) ? 120 : 50);
  const landed = () => norm(currentText(target)).includes(norm(text));
  if (isRich(target)) {
    for (let i = 0; i < 3; i++) {
      const dt = new DataTransfer();
      dt.setData('text/plain', text);
      target.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true, composed: true }));
      await sleep(30);
      if (landed()) return { ok: true, technique: 'paste' };
      if (currentText(target) !== before) break;
      await sleep(100);
    }
    // Firefox hands page editors no data from a paste a script made: there the editor takes the
    // text as typed input instead (execCommand fires the beforeinput editors listen to). Quill
    // drops a line break inside typed text: it gets a line at a time, with Enter's paragraph.
    if (currentText(target) === before) {
      const lines = target.closest('.ql-editor') ? text.split('\n') : [text];
      lines.forEach((line, i) => {
        if (i) doc.execCommand('insertParagraph');
        if (line) doc.execCommand('insertText', false, line);
      });
      for (let i = 0; i < 5 && !landed(); i++) await sleep(30);
      if (landed()) return { ok: true, technique: 'exec_command' };
    }
  } else {
    doc.execCommand('insertText', false, text);
    if (landed()) return { ok: true, technique: 'exec_command' };
    if (currentText(target) === before && isField(target)) {
      const proto = target.localName === 'textarea' ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
      const setter = Object.getOwnPropertyDescriptor(proto, 'value')?.set;
      const value = mode === 'replace' ? text : target.value + text;
      setter?.call(target, value);
      target.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
      if (landed()) return { ok: true, technique: 'value_setter' };
    }
  }
  try {
    await navigator.clipboard.writeText(text);
    return { ok: true, technique: 'clipboard', detail: 'copied' };
  } catch (e) {
    return { ok: false, technique: 'none', detail: String(e) };
  }
}
