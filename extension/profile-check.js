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
(() => {
  const REQUIRED = ['container', 'item', 'text', 'composer'];
  const LISTS = ['urls', 'detect', ...REQUIRED, 'time', 'customer_name', 'card', 'bot_text'];
  const GROUPS = {
    role: ['customer', 'agent', 'bot', 'system', 'sender'],
    order: ['id', 'product', 'amount', 'paid_at', 'shipped_at', 'delivered_at'],
    customer: ['orders_count', 'total_spent', 'member_since'],
    sender: ['name', 'buyer'],
  };
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
