// @ts-check
// Names the page sees are drawn anew on every load and say nothing: the host element's tag, the
// highlight registry's keys (their style sheet is an extension style sheet the page cannot
// read, inserted by the service worker for these names). So the page cannot find Duxin by a
// query for its name, cannot tell a threat from a thank-you by the registry, and has no fixed
// name to paint its own ranges in Duxin's colours.
import { CUE_KINDS } from '../kinds.js';

/** The cue kinds the core paints (generated from `CueKind` in Rust). */
export const KINDS = /** @type {string[]} */ ([...CUE_KINDS]);

const MEANS = /duxin|copilot|panel|cue|emotion|anger|anxi|distrust|disappoint|sad|confus|gratitude|joy|threat|draft|guard/;
const word = () => {
  let w;
  do w = Array.from(crypto.getRandomValues(new Uint8Array(8)), (b) => String.fromCharCode(97 + (b % 26))).join('');
  while (MEANS.test(w)); // letters drawn at random may spell a word that means something here
  return w;
};

/** @type {Record<string, string>} registry name by cue kind, and `draft` for the agent's draft */
export const NAMES = {};
for (const k of KINDS) { let n; do n = word(); while (Object.values(NAMES).includes(n)); NAMES[k] = n; }
// The agent's draft findings (issue 16) get a name of their own, drawn the same way.
{ let n; do n = word(); while (Object.values(NAMES).includes(n)); NAMES.draft = n; }

/** The panel's host element's tag for this load. */
export const HOST_TAG = word() + '-' + word();
