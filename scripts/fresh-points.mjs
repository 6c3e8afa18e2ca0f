#!/usr/bin/env node
// Fresh reply points from JDDC dialogues the dev split does not use, built the way the dev split
// was (../shared/eval/replies/README.md): a customer run followed by a substantive agent run; two
// points in three prefer a cue point (mid-dialogue and 还/到底/怎么还/？？/!! or a near repeat of an
// earlier customer message), every third is a random draw; one point per dialogue.
//
// The points are a measure, never data for the repository: write them outside it (/tmp).
//
//   node scripts/fresh-points.mjs --seed 20261208 --count 120 [--exclude FILE.jsonl ...] > /tmp/f.jsonl
//   node scripts/fresh-points.mjs --seed 20261224 --count 120 --other-moments [--gap 6] [--exclude FILE.jsonl ...]
//
// `--dialogues FILE.jsonl` draws from other dialogues in the same shape (`{"id", "turns": [{"role",
// "text"}]}`), e.g. another JDDC release, instead of the 660 of ../shared/eval. English dialogues
// (no Chinese in them, e.g. ABCD) are read with English filler and cue words, as the dev README's
// English split was built, and shown to reviewers with Customer / Agent.
//
// The 660 JDDC dialogues run out after a few rounds (all were used by 2026-12-05). `--other-moments`
// then draws a moment of an already used dialogue at least `--gap` (6) messages away from every moment
// of it used before (the excluded files' points; the dev split's dialogues stay excluded whole): not unseen
// dialogues, but moments nobody judged, with a different open request more often than not.
//   node scripts/fresh-points.mjs --judge /tmp/f.jsonl /tmp/f.replay.json > /tmp/f.judge.txt
//   node scripts/fresh-points.mjs --ab /tmp/f.jsonl OLD.json NEW.json SEED /tmp/key.jsonl > /tmp/ab.txt
//   node scripts/fresh-points.mjs --tally /tmp/key.jsonl /tmp/ab.judge1.jsonl [/tmp/ab.judge2.jsonl ...]
//
// `--judge` writes what a reviewer reads: the last 12 messages (earlier ones cut to 60 characters,
// these to 300), what the real agent replied, and Duxin's 1–3 (from `duxin replay --json`), without
// the state line, the "why" lines or the automatic flags. `--ab` writes the points whose top
// suggestion differs between two runs, both lists as A and B in random order (the key apart);
// `--tally` unmasks the reviewers' judgments of it with that key (new / old preferred, and each
// side's sendable, contradicts and invents counts).
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { rng } from './team-data.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'shared', 'eval');

const readJsonl = (path) =>
  readFileSync(path, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l));

// Lines that do not make a reply substantive.
const FILLER = [
  /#E-s\[数字x\]/g, /\[数字x\]/g, /请稍等|稍等|正在为您查询|正在查询|帮您查询|为您查询|查询一下/g,
  /您好|你好|亲爱的|亲|很高兴为您服务|京东客服|号/g, /请问还有其他(可以)?(帮|为)您[^？?]*[？?]?/g,
  /还有其他问题吗|感谢您的耐心等待|感谢|谢谢|不客气|祝您[^，。！]*|再见|拜拜/g,
  /[哦呢哈呀的~～！!。，,？?\s]/g,
];

// English lines that do not make a reply substantive (holds, greetings, thanks, sign-offs).
const FILLER_EN = [
  /one moment|just a (moment|second|minute)|give me a (moment|second|minute)|please (wait|hold)/g,
  /let me (check|look|see)( (into )?(this|that|it))?( for you)?|how (can|may) i help( you)?( today)?/g,
  /have a (great|nice|good|wonderful) (day|night|one|evening)|is there anything else[^.?!]*/g,
  /thank(s| you)( so much| very much)?( for (waiting|your patience|holding))?|you'?re welcome/g,
  /\b(hi|hello|hey|sure|ok(ay)?|great|perfect|alright|no problem)\b/g,
];

const isEnglish = (turns) => !turns.some((t) => /[\u4e00-\u9fff]/.test(t.text));

function substantive(text, english = false) {
  let t = english ? text.toLowerCase() : text;
  for (const re of english ? FILLER_EN : FILLER) t = t.replace(re, ' ');
  return english ? (t.match(/[a-z0-9']+/g) ?? []).length >= 3 : [...t].length >= 6;
}

const bigrams = (s) => {
  const c = [...s.replace(/\s/g, '')];
  const out = new Set();
  for (let i = 0; i + 1 < c.length; i++) out.add(c[i] + c[i + 1]);
  return out;
};
const jaccard = (a, b) => {
  if (!a.size || !b.size) return 0;
  let inter = 0;
  for (const x of a) if (b.has(x)) inter++;
  return inter / (a.size + b.size - inter);
};

function cueOf(turns, start, end) {
  const run = turns.slice(start, end).map((t) => t.text).join('\n');
  const cues = [];
  if (/还(?![是有要在好行可以能])/.test(run) || /到底|怎么还/.test(run)) cues.push('still');
  else if (/\b(still|again|already)\b/i.test(run)) cues.push('still');
  if (/[？?]{2,}|[!！]{2,}/.test(run)) cues.push('marks');
  const earlier = turns.slice(0, start).filter((t) => t.role === 'customer');
  for (const t of turns.slice(start, end)) {
    const b = bigrams(t.text);
    if (b.size >= 3 && earlier.some((e) => jaccard(b, bigrams(e.text)) >= 0.5)) {
      cues.push('asks-again');
      break;
    }
  }
  return cues;
}

function candidates(dialogue) {
  const turns = dialogue.turns;
  const english = isEnglish(turns);
  const out = [];
  for (let i = 1; i < turns.length; i++) {
    if (turns[i].role !== 'agent' || turns[i - 1].role !== 'customer') continue;
    let start = i - 1;
    while (start > 0 && turns[start - 1].role === 'customer') start--;
    let end = i;
    while (end < turns.length && turns[end].role === 'agent') end++;
    const reference = turns.slice(i, end).map((t) => t.text).join('\n');
    if (!substantive(reference, english)) continue;
    const mid = turns.slice(0, start).some((t) => t.role === 'agent');
    out.push({ i, start, reference, mid, cues: mid ? cueOf(turns, start, i) : [] });
  }
  return out;
}

function point(dialogue, c, selection) {
  return {
    id: `${dialogue.id}-t${c.i}`,
    conversation: { messages: dialogue.turns.slice(0, c.i).map(({ role, text }) => ({ role, text })) },
    reference: c.reference,
    source: isEnglish(dialogue.turns) ? 'abcd' : 'jddc',
    dialogue_id: dialogue.id,
    selection,
    cues: c.cues,
    mid_dialogue: c.mid,
  };
}

function build({ seed, count, exclude, otherMoments, gap, dialogues: from }) {
  const rand = rng(seed);
  const pick = (xs) => xs[Math.floor(rand() * xs.length)];
  const used = new Map();
  for (const path of exclude) {
    for (const p of readJsonl(path)) {
      const at = Number(p.id.slice(p.id.lastIndexOf('-t') + 2));
      used.set(p.dialogue_id, [...(used.get(p.dialogue_id) ?? []), at]);
    }
  }
  const dev = new Set(readJsonl(join(root, 'replies', 'zh.dev.jsonl')).map((p) => p.dialogue_id));
  const far = (d) => (c) => (used.get(d.id) ?? []).every((at) => Math.abs(at - c.i) >= gap);
  const dialogues = readJsonl(from ?? join(root, 'jddc_uss_satisfaction', 'eval.jsonl')).filter(
    (d) => !dev.has(d.id) && (otherMoments || !used.has(d.id)),
  );
  for (let k = dialogues.length - 1; k > 0; k--) {
    const j = Math.floor(rand() * (k + 1));
    [dialogues[k], dialogues[j]] = [dialogues[j], dialogues[k]];
  }
  const points = [];
  for (const d of dialogues) {
    if (points.length >= count) break;
    const cands = candidates(d).filter(far(d));
    if (!cands.length) continue;
    if (points.length % 3 === 2) {
      points.push(point(d, pick(cands), 'random'));
      continue;
    }
    const cue = cands.filter((c) => c.mid && c.cues.length);
    const mid = cands.filter((c) => c.mid);
    if (cue.length) points.push(point(d, pick(cue), 'cue'));
    else if (mid.length) points.push(point(d, pick(mid), 'mid-no-cue'));
    else points.push(point(d, pick(cands), 'random'));
  }
  return points;
}

const cut = (s, n) => ([...s].length > n ? [...s].slice(0, n).join('') + '…' : s);

function judgeView(pointsPath, replayPath) {
  const replay = new Map();
  for (const line of readFileSync(replayPath, 'utf8').split('\n')) {
    if (!line.startsWith('{"id"')) continue;
    const r = JSON.parse(line);
    replay.set(r.id, r);
  }
  const blocks = [];
  for (const p of readJsonl(pointsPath)) {
    const msgs = p.conversation.messages;
    const lines = [`=== ${p.id}`];
    if (msgs.length > 20) lines.push(`(${msgs.length - 20} earlier messages not shown)`);
    const [customer, agent] = isEnglish(msgs) ? ['Customer', 'Agent'] : ['顾客', '客服'];
    msgs.forEach((m, k) => {
      const recent = k >= msgs.length - 12;
      if (!recent && k < msgs.length - 20) return;
      const who = m.role === 'customer' ? customer : agent;
      lines.push(`${who}: ${cut(m.text, recent ? 300 : 60)}`);
    });
    lines.push(`REAL AGENT REPLIED: ${p.reference}`);
    const r = replay.get(p.id);
    (r ? r.top3 : []).forEach((s, k) => lines.push(`DUXIN ${k + 1}: ${s.text}`));
    if (!r || !r.top3.length) lines.push('DUXIN: (nothing)');
    blocks.push(lines.join('\n'));
  }
  return blocks.join('\n\n') + '\n';
}

function readReplay(path) {
  const out = new Map();
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (line.startsWith('{"id"')) {
      const r = JSON.parse(line);
      out.set(r.id, r);
    }
  }
  return out;
}

// The points whose top suggestion differs between two replay runs, each shown with both lists as
// A and B in a seeded random order; the key (which side is the new run) goes to a separate file.
function abView(pointsPath, oldPath, newPath, seed, keyPath) {
  const rand = rng(seed);
  const [before, after] = [readReplay(oldPath), readReplay(newPath)];
  const top = (r) => (r && r.top3.length ? r.top3[0].text : '');
  const blocks = [];
  const key = [];
  for (const p of readJsonl(pointsPath)) {
    const [o, n] = [before.get(p.id), after.get(p.id)];
    if (top(o) === top(n)) continue;
    const newIsA = rand() < 0.5;
    const [a, b] = newIsA ? [n, o] : [o, n];
    const msgs = p.conversation.messages.slice(-12);
    const [customer, agent] = isEnglish(msgs) ? ['Customer', 'Agent'] : ['顾客', '客服'];
    const lines = [`=== ${p.id}`];
    for (const m of msgs) lines.push(`${m.role === 'customer' ? customer : agent}: ${cut(m.text, 300)}`);
    lines.push(`REAL AGENT REPLIED: ${p.reference}`);
    (a ? a.top3 : []).forEach((x, k) => lines.push(`A${k + 1}: ${x.text}`));
    (b ? b.top3 : []).forEach((x, k) => lines.push(`B${k + 1}: ${x.text}`));
    blocks.push(lines.join('\n'));
    key.push(JSON.stringify({ id: p.id, new: newIsA ? 'a' : 'b' }));
  }
  writeFileSync(keyPath, key.join('\n') + '\n');
  return blocks.join('\n\n') + '\n';
}

/** A blind A/B unmasked: per reviewer's file, which version was preferred and how each judged. */
function tally(keyPath, judgePaths) {
  const newSide = new Map(readJsonl(keyPath).map((k) => [k.id, k.new]));
  const out = [];
  for (const path of judgePaths) {
    const c = { points: 0, new: 0, old: 0, same: 0 };
    const count = (name, yes) => (c[name] = (c[name] ?? 0) + (yes ? 1 : 0));
    for (const j of readJsonl(path)) {
      const n = newSide.get(j.id);
      if (!n) throw new Error(`${path}: ${j.id} is not in ${keyPath}`);
      const o = n === 'a' ? 'b' : 'a';
      c.points++;
      c[j.prefer === 'same' ? 'same' : j.prefer === n ? 'new' : 'old']++;
      for (const what of ['sendable', 'contradicts', 'invents']) {
        count(`${what} new`, j[`${n}_${what}`] === true);
        count(`${what} old`, j[`${o}_${what}`] === true);
      }
    }
    out.push(`${path}: ${JSON.stringify(c)}`);
  }
  return out.join('\n') + '\n';
}

function main(argv) {
  if (argv[0] === '--tally') {
    process.stdout.write(tally(argv[1], argv.slice(2)));
    return;
  }
  if (argv[0] === '--judge') {
    process.stdout.write(judgeView(argv[1], argv[2]));
    return;
  }
  if (argv[0] === '--ab') {
    const [points, oldRun, newRun, seed, keyPath] = argv.slice(1);
    process.stdout.write(abView(points, oldRun, newRun, Number(seed), keyPath));
    return;
  }
  const opts = { seed: 20261208, count: 120, exclude: [], otherMoments: false, gap: 6, dialogues: null };
  for (let k = 0; k < argv.length; k++) {
    if (argv[k] === '--seed') opts.seed = Number(argv[++k]);
    else if (argv[k] === '--count') opts.count = Number(argv[++k]);
    else if (argv[k] === '--exclude') opts.exclude.push(argv[++k]);
    else if (argv[k] === '--other-moments') opts.otherMoments = true;
    else if (argv[k] === '--gap') opts.gap = Number(argv[++k]);
    else if (argv[k] === '--dialogues') opts.dialogues = argv[++k];
    else throw new Error(`unknown argument ${argv[k]}`);
  }
  for (const p of build(opts)) process.stdout.write(JSON.stringify(p) + '\n');
}

main(process.argv.slice(2));
