// @ts-check
// What the element picker learns from the agent's three clicks (a customer message, one of
// theirs, the reply box): a profile for the site. From the DOM alone, no layout: tested under node
// (tests/unit/picker.test.mjs).
import { holdsDeep, upward } from './trees.js';
import { itemSelector, mainText, robustSelector, sideMarks, textSelector } from './selectors.js';

/** @typedef {import("./state.js").Profile} Profile */

/** Work out a profile from a customer message, one of the agent's, and the composer; null when
 * the two messages share no list or are the same message. `name` names the profile, `host` is
 * the site it is for.
 * @param {Element} cust @param {Element} agent @param {Element} comp @param {{name: string, host: string}} site
 * @returns {Profile | null} */
export function deriveProfile(cust, agent, comp, site) {
  // (Climbing out of web components and frames: the two messages may sit deep inside them.)
  let container = upward(cust);
  while (container && !holdsDeep(container, agent)) container = upward(container);
  if (!container || container === container.ownerDocument.documentElement) return null;
  const list = container;
  const itemOf = (/** @type {Element} */ el) => { let e = /** @type {Element | null} */ (el); while (e && e.parentElement !== list) e = upward(e); return e; };
  const ci = itemOf(cust), ai = itemOf(agent);
  if (!ci || !ai || ci === ai) return null;
  const customer = sideMarks(ci, ai), agentMarks = sideMarks(ai, ci);
  return {
    id: 'taught', name: site.name, taught: true, urls: [site.host],
    container: [robustSelector(container)], item: [itemSelector(ci, ai)],
    role: customer.length && agentMarks.length ? { customer, agent: agentMarks } : {},
    text: [textSelector(ci, cust !== ci ? cust : mainText(ci) || cust)], composer: [robustSelector(comp)],
  };
}
