// @ts-check
// UTF-16 offsets, as the core counts them (highlights, draft findings), mapped onto the text nodes
// they fall in. Pure: tested under node (tests/unit/offsets.test.mjs).

/** @typedef {{index: number, offset: number}} Point a piece (text node) and a unit offset in it */

/**
 * Where units [start, end) of a text made of pieces of these lengths, one after the other, start
 * and end; null when the span is not inside the text. A span that ends where a piece ends ends in
 * that piece, not at the start of the next.
 * @param {number[]} lengths @param {number} start @param {number} end
 * @returns {{start: Point, end: Point} | null}
 */
export function locate(lengths, start, end) {
  let pos = 0;
  /** @type {Point | null} */
  let s = null;
  for (let i = 0; i < lengths.length; i++) {
    const len = lengths[i];
    if (!s && start < pos + len) s = { index: i, offset: start - pos };
    if (s && end <= pos + len) return { start: s, end: { index: i, offset: end - pos } };
    pos += len;
  }
  return null;
}

/**
 * A point of a draft whose pieces start at `start` in it and run `length` units (the line breaks
 * between blocks are in the draft's text but in no piece). A unit in no piece goes to the start
 * of the next piece; an end may sit at the very end of a piece.
 * @param {{start: number, length: number}[]} parts @param {number} u @param {boolean} isEnd
 * @returns {Point | null}
 */
export function draftPoint(parts, u, isEnd) {
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i];
    if (u >= p.start && (isEnd ? u <= p.start + p.length : u < p.start + p.length)) return { index: i, offset: u - p.start };
  }
  const next = parts.findIndex((p) => p.start >= u);
  return next >= 0 ? { index: next, offset: 0 } : null;
}
