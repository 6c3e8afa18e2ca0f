// What a site profile may say, in one place: the build checks the shipped profiles with it
// (scripts/assemble.mjs), the options page checks taught profiles before importing them, and the
// content script skips a stored profile it refuses instead of failing on every read. A plain script
// (no import/export) so it also runs as a content script, before content.js.
//
// Every selector field is a chain of fallbacks (a non-empty list of CSS selectors); keys starting
// with "_" are notes for reviewers. A selector crosses into a web component's open shadow root (or
// a same-origin frame's document) with ">>>": "deep-chat >>> #messages" is #messages inside the
// shadow root of <deep-chat>; each part of such a chain must name something. Anything else is a mistake (a typo such as "contianer" would
// otherwise silently read nothing on that console).
//
// The schema itself is the Rust type `profile::SiteProfile` (src/profile.rs, generated into
// profile.d.ts): the tables below are type-checked against it, so a field added, dropped or made
// optional on one side only fails `make test`.
// @ts-check
/** @typedef {import("./profile").SiteProfile} SiteProfile */
/** @template T @typedef {{[K in keyof T]-?: true}} Every each field of T, no other */
(() => {
  /** What each field holds: a required text, a required list of selectors, an optional one, a
   * group of lists, a flag. @type {{[K in keyof SiteProfile]-?: {} extends Pick<SiteProfile, K> ? 'list' | 'group' | 'bool' : 'text' | 'selectors'}} */
  const FIELDS = {
    id: 'text', name: 'text', taught: 'bool',
    urls: 'list', detect: 'list', container: 'selectors', item: 'selectors', text: 'selectors', composer: 'selectors',
    time: 'list', customer_name: 'list', card: 'list', bot_text: 'list',
    role: 'group', order: 'group', customer: 'group',
  };
  /** @type {Every<import("./profile").RoleSelectors>} */
  const ROLE = { customer: true, agent: true, bot: true, system: true, sender: true };
  /** @type {Every<import("./profile").OrderSelectors>} */
  const ORDER = { id: true, product: true, amount: true, paid_at: true, shipped_at: true, delivered_at: true };
  /** @type {Every<import("./profile").CustomerSelectors>} */
  const CUSTOMER = { orders_count: true, total_spent: true, member_since: true };
  /** @type {Every<import("./profile").SenderSelectors>} */
  const SENDER = { name: true, buyer: true };
  const fields = (/** @type {string[]} */ ...kinds) => Object.keys(FIELDS).filter((k) => kinds.includes(FIELDS[k]));
  const REQUIRED = fields('selectors');
  const LISTS = fields('list', 'selectors');
  /** @type {Record<string, string[]>} */
  const GROUPS = { role: Object.keys(ROLE), order: Object.keys(ORDER), customer: Object.keys(CUSTOMER), sender: Object.keys(SENDER) };
  const isObject = (v) => !!v && typeof v === 'object' && !Array.isArray(v);

  /** Problems with one profile, `{field, code, detail}` (empty when it is fine); codes: object,
   * missing, text, id, selectors, hop (a ">>>" with nothing on one side), unknown (detail: the
   * likely field), bool. */
  function duxinProfileProblems(p) {
    const bad = [];
    const list = (v, at) => {
      if (!Array.isArray(v) || !v.length || v.some((x) => typeof x !== 'string' || !x.trim())) bad.push({ field: at, code: 'selectors' });
      else if (v.some((x) => x.includes('>>>') && x.split('@')[0].split('>>>').some((part) => !part.trim()))) bad.push({ field: at, code: 'hop' });
    };
    const unknown = (k, known, at) => {
      if (k.startsWith('_') || known.includes(k)) return false;
      const near = known.find((n) => n[0] === k[0] && Math.abs(n.length - k.length) <= 2);
      bad.push({ field: at + k, code: 'unknown', detail: near ? at + near : '' });
      return true;
    };
    if (!isObject(p)) return [{ field: '', code: 'object' }];
    for (const k of ['id', 'name']) if (typeof p[k] !== 'string' || !p[k]) bad.push({ field: k, code: 'text' });
    if (typeof p.id === 'string' && !/^[a-z0-9_-]+$/.test(p.id)) bad.push({ field: 'id', code: 'id' });
    for (const k of REQUIRED) if (!(k in p)) bad.push({ field: k, code: 'missing' });
    for (const [k, v] of Object.entries(p)) {
      if (k === 'id' || k === 'name' || k.startsWith('_')) continue;
      // Set on profiles the agent taught Duxin (the element picker).
      if (k === 'taught') { if (typeof v !== 'boolean') bad.push({ field: k, code: 'bool' }); continue; }
      if (unknown(k, [...LISTS, ...Object.keys(GROUPS).filter((g) => g !== 'sender')], '')) continue;
      if (LISTS.includes(k)) { list(v, k); continue; }
      if (!isObject(v)) { bad.push({ field: k, code: 'object' }); continue; }
      for (const [g, gv] of Object.entries(v)) {
        if (g.startsWith('_') || unknown(g, GROUPS[k], k + '.')) continue;
        if (k === 'role' && g === 'sender') {
          if (!isObject(gv)) { bad.push({ field: 'role.sender', code: 'object' }); continue; }
          for (const [s, sv] of Object.entries(gv)) if (!s.startsWith('_') && !unknown(s, GROUPS.sender, 'role.sender.')) list(sv, `role.sender.${s}`);
        } else {
          list(gv, `${k}.${g}`);
        }
      }
    }
    return bad;
  }
  globalThis.duxinProfileProblems = duxinProfileProblems;
})();
