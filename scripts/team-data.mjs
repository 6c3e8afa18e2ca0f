// Synthetic agents' exports for the team benchmarks (scripts/team-bench.mjs, the dashboard bench):
// the shape `store.js` exportAll writes, records as the panel stores them (no names, no text),
// deterministic for an agent number. Written as a stream, so 5 million records never sit in memory.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

const DAY = 86_400_000;
const INTENTS = ['logistics', 'refund', 'return', 'product_question', 'size_fit', 'price', 'complaint', 'exchange', 'invoice'];
const EVENTS = ['shown', 'shown', 'shown', 'accepted', 'edited', 'dismissed'];
const STYLES = ['qin', 'nin', 'qin+emoji', 'plain'];

/** A small deterministic generator (mulberry32): a function giving numbers in [0, 1). */
export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * One agent's export over `days` days ending at day `lastDay`: `convs` conversations and `events`
 * suggestion events a day, an exception request every 50 conversations. Resolves to the number of
 * records written.
 * @param {string} path
 * @param {{agent: number, days: number, lastDay: number, convs: number, events: number}} o
 */
export async function writeExport(path, { agent, days, lastDay, convs, events }) {
  const out = createWriteStream(path, { highWaterMark: 1 << 20 });
  const r = rng(agent + 1);
  const style = STYLES[agent % STYLES.length];
  let buf = '';
  const put = async (s) => {
    buf += s;
    if (buf.length > 1 << 20) {
      if (!out.write(buf)) await once(out, 'drain');
      buf = '';
    }
  };
  let n = 0;
  const ids = (day, k) => `a${agent}d${day}c${k}`;
  await put('{"format":"duxin-export","schema":4,"exported_at":"2026-12-03T00:00:00.000Z","tables":{"conversations":[');
  for (let d = 0; d < days; d++) {
    const day = lastDay - days + 1 + d;
    for (let k = 0; k < convs; k++) {
      const intent = INTENTS[Math.floor(r() * INTENTS.length)];
      const angry = r() < 0.12;
      const rec = {
        id: ids(day, k), ts: day * DAY + k * 60_000, day, lang: r() < 0.8 ? 'zh' : 'en', site: 'pinduoduo', intent, intents: [intent],
        product: '商品' + Math.floor(r() * 40), cues: [angry ? 1 : 0, Math.floor(r() * 2), 0, 1, 0, 0, 0, 0, angry ? 1 : 0],
        triggers: angry ? ['还没到', '上次也是'].slice(0, 1 + Math.floor(r() * 2)) : [], situations: angry ? ['waiting'] : [],
        angry, repeated: r() < 0.08, ended_well: r() < 0.7, risk: Math.floor(r() * 100), style,
      };
      await put((n++ ? ',' : '') + JSON.stringify(rec));
    }
  }
  await put('],"events":[');
  let first = true;
  for (let d = 0; d < days; d++) {
    const day = lastDay - days + 1 + d;
    for (let k = 0; k < events; k++) {
      const rec = {
        ts: day * DAY + k * 5_000, day, conv: ids(day, k % convs), lang: 'zh',
        entry: 'zh.entry.' + Math.floor(r() * 80), event: EVENTS[Math.floor(r() * EVENTS.length)], style,
      };
      await put((first ? '' : ',') + JSON.stringify(rec));
      first = false;
      n++;
    }
  }
  await put('],"exceptions":[');
  first = true;
  for (let d = 0; d < days; d++) {
    const day = lastDay - days + 1 + d;
    for (let k = 0; k < convs; k += 50) {
      const rec = { id: 'x' + ids(day, k), ts: day * DAY + k * 60_000, day, conv: ids(day, k), lang: 'zh', kind: r() < 0.5 ? 'refund_limit' : 'return_window', approved: r() < 0.6 };
      await put((first ? '' : ',') + JSON.stringify(rec));
      first = false;
      n++;
    }
  }
  await put('],"knowledge":[],"kv":[]}}\n');
  out.end(buf);
  await once(out, 'finish');
  return n;
}
