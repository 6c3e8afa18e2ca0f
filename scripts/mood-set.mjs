// Builds a customer-service mood set for `duxin eval --task mood` (README, reading round 14): the
// labels come from people (or helpers who never saw the code) following
// scripts/judging/brief-mood.md, two per message; only the messages both label alike are kept.
// The evaluation files are research data: the sets this writes stay outside the repository.
//
//   node scripts/mood-set.mjs --sample --seed N --zh 480 --en 400 [--exclude ITEMS.jsonl ...] OUT_DIR
//       writes OUT_DIR/zh.items.jsonl and OUT_DIR/en.items.jsonl ({"id","text"} per line): JDDC
//       customer turns the corpus rates "dissatisfied" (8 characters or more) and complaint tweets
//       to brands, none already in an --exclude file
//   node scripts/mood-set.mjs --merge ITEMS.jsonl LABELS_A.jsonl LABELS_B.jsonl OUT_PREFIX
//       keeps the messages both raters labelled alike, prints agreement and Cohen's kappa, and
//       writes OUT_PREFIX.read.jsonl and OUT_PREFIX.unread.jsonl ({"id","text","label"}), split by
//       the MD5 of the text: read the first half's errors, only watch the second's figure.

import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { rng } from './team-data.mjs';

const EVAL = new URL('../../shared/eval/', import.meta.url).pathname;

function jsonl(path) {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l));
}

function write(path, rows) {
  writeFileSync(path, rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
}

/** `n` of `xs`, drawn without replacement by a seeded generator. */
function sample(xs, n, next) {
  const a = xs.slice();
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a.slice(0, n);
}

function candidates(excluded) {
  const seen = new Set(excluded);
  const zh = [];
  for (const r of jsonl(join(EVAL, 'jddc_uss_turns/eval.jsonl'))) {
    const t = r.text.trim();
    const idOnly = t.includes('ORDERID') && [...t].length < 30;
    if (r.label !== 'dissatisfied' || [...t].length < 8 || idOnly || seen.has(t)) continue;
    seen.add(t);
    zh.push(t);
  }
  const en = jsonl(join(EVAL, 'twitter_complaints/eval.jsonl'))
    .filter((r) => r.label === 'complaint' && !seen.has(r.text))
    .map((r) => r.text);
  return { zh, en };
}

function sampleCmd(args) {
  const opts = { seed: 1, zh: 480, en: 400, exclude: [], out: null };
  for (let k = 0; k < args.length; k++) {
    if (args[k] === '--seed') opts.seed = Number(args[++k]);
    else if (args[k] === '--zh') opts.zh = Number(args[++k]);
    else if (args[k] === '--en') opts.en = Number(args[++k]);
    else if (args[k] === '--exclude') opts.exclude.push(args[++k]);
    else opts.out = args[k];
  }
  if (!opts.out) throw new Error('OUT_DIR missing');
  const excluded = opts.exclude.flatMap((f) => jsonl(f).map((r) => r.text));
  const { zh, en } = candidates(excluded);
  const next = rng(opts.seed);
  for (const [lang, pool, n] of [['zh', zh, opts.zh], ['en', en, opts.en]]) {
    const rows = sample(pool, n, next).map((text, i) => ({ id: `${lang}${opts.seed}-${i}`, text }));
    write(join(opts.out, `${lang}.items.jsonl`), rows);
    process.stdout.write(`${lang}: ${rows.length} of ${pool.length} candidates\n`);
  }
}

function mergeCmd([items, a, b, prefix]) {
  const text = new Map(jsonl(items).map((r) => [r.id, r.text]));
  const la = new Map(jsonl(a).map((r) => [r.id, r.label]));
  const lb = new Map(jsonl(b).map((r) => [r.id, r.label]));
  const ids = [...text.keys()].filter((id) => la.has(id) && lb.has(id));
  const count = (m) => {
    const c = new Map();
    for (const id of ids) c.set(m.get(id), (c.get(m.get(id)) ?? 0) + 1);
    return c;
  };
  const ca = count(la);
  const cb = count(lb);
  const agreed = ids.filter((id) => la.get(id) === lb.get(id));
  const po = agreed.length / ids.length;
  let pe = 0;
  for (const [k, v] of ca) pe += (v * (cb.get(k) ?? 0)) / ids.length / ids.length;
  const halves = { read: [], unread: [] };
  for (const id of agreed) {
    const t = text.get(id);
    const odd = parseInt(createHash('md5').update(t).digest('hex').slice(-1), 16) % 2;
    halves[odd ? 'unread' : 'read'].push({ id, text: t, label: la.get(id) });
  }
  write(`${prefix}.read.jsonl`, halves.read);
  write(`${prefix}.unread.jsonl`, halves.unread);
  process.stdout.write(
    `${ids.length} labelled twice, ${agreed.length} alike (${po.toFixed(3)}), kappa ${((po - pe) / (1 - pe)).toFixed(3)}; ` +
      `read ${halves.read.length}, unread ${halves.unread.length}\n`,
  );
}

const argv = process.argv.slice(2);
if (argv[0] === '--sample') sampleCmd(argv.slice(1));
else if (argv[0] === '--merge') mergeCmd(argv.slice(1));
else throw new Error('usage: mood-set.mjs --sample … OUT_DIR | --merge ITEMS A B OUT_PREFIX');
