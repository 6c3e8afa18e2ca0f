//! Criterion benchmarks of the core: full analysis of a 200-message mixed zh/en conversation,
//! throughput on short messages, the conversation state, and suggestions (state, planning and
//! ranking) with the starter packs and with a 5,000-entry knowledge base.
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use duxin::{corpus, suggest::suggest, Analyzer};
use std::hint::black_box;

fn engine(c: &mut Criterion) {
    let an = Analyzer::new().unwrap();
    let conv = corpus::conversation(200);
    c.bench_function("analyze 200-message mixed conversation", |b| {
        b.iter(|| black_box(an.analyze(black_box(&conv))))
    });

    let msgs = corpus::short_messages();
    let mut g = c.benchmark_group("short messages");
    g.throughput(Throughput::Elements(msgs.len() as u64));
    g.bench_function("read", |b| {
        b.iter(|| {
            for m in msgs {
                black_box(an.read(black_box(m)));
            }
        })
    });
    g.finish();

    let kb = corpus::knowledge(5_000);
    let a = an.analyze(&conv);
    c.bench_function(
        "suggest for latest turn (200 messages, 5000-entry KB)",
        |b| b.iter(|| black_box(suggest(&conv, &a, &kb))),
    );
    let starter = duxin::knowledge::Knowledge::builtin().unwrap();
    c.bench_function("conversation state (200 messages)", |b| {
        b.iter(|| black_box(duxin::state::read(black_box(&conv), &a)))
    });
    c.bench_function("state and suggestions (200 messages, starter packs)", |b| {
        b.iter(|| black_box(suggest(black_box(&conv), &a, &starter)))
    });
    c.bench_function("analyze + suggest (200 messages, 5000-entry KB)", |b| {
        b.iter(|| {
            let a = an.analyze(&conv);
            black_box(suggest(&conv, &a, &kb))
        })
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(30).measurement_time(std::time::Duration::from_secs(3));
    targets = engine
}

/// Insights over 100,000 stored records (the dashboard's aggregation, in the core).
fn insights(c: &mut Criterion) {
    use duxin::insights::{
        aggregate, ConversationRecord, ExceptionRecord, Filter, SuggestionEvent, SuggestionRecord,
        Tables,
    };
    use duxin::kinds::{Intent, Lang};
    let n = 100_000usize;
    let convs: Vec<ConversationRecord> = (0..n / 2)
        .map(|i| ConversationRecord {
            id: format!("{i:016x}"),
            ts: 1.7e12 + i as f64,
            day: 20_000 + (i % 90) as i32,
            lang: Some(if i % 4 == 0 { Lang::En } else { Lang::Zh }),
            site: "pinduoduo".into(),
            intent: Some(Intent::ALL[i % Intent::ALL.len()]),
            intents: vec![Intent::ALL[i % Intent::ALL.len()]],
            product: Some(format!("商品{}", i % 40)),
            cues: vec![(i % 3) as u32, 0, 1, 0, 0, 0, 0, 0, (i % 2) as u32],
            triggers: if i % 7 == 0 {
                vec!["还没到".into(), "上次也是".into()]
            } else {
                vec![]
            },
            situations: if i % 7 == 0 {
                vec!["waiting".into()]
            } else {
                vec![]
            },
            angry: i % 7 == 0,
            repeated: i % 11 == 0,
            ended_well: i % 3 != 0,
            risk: (i % 100) as u8,
            style: ["qin", "nin+emoji"][i % 2].into(),
            text: None,
        })
        .collect();
    let sugg: Vec<SuggestionRecord> = (0..n * 2 / 5)
        .map(|i| SuggestionRecord {
            ts: 1.7e12 + i as f64,
            day: 20_000 + (i % 90) as i32,
            conv: format!("{:016x}", i % (n / 2)),
            lang: Some(Lang::Zh),
            entry: format!("zh.entry.{}", i % 60),
            event: [
                SuggestionEvent::Shown,
                SuggestionEvent::Accepted,
                SuggestionEvent::Edited,
                SuggestionEvent::Dismissed,
            ][i % 4],
            style: "qin".into(),
        })
        .collect();
    let exc: Vec<ExceptionRecord> = (0..n / 10)
        .map(|i| ExceptionRecord {
            id: i.to_string(),
            ts: 0.0,
            day: 20_000 + (i % 90) as i32,
            conv: String::new(),
            lang: Some(Lang::Zh),
            kind: "return_window".into(),
            approved: Some(i % 2 == 0),
        })
        .collect();
    let f = Filter {
        from: 20_000,
        to: 20_089,
        lang: None,
    };
    c.bench_function("insights over 100,000 records (90 days)", |b| {
        b.iter(|| black_box(aggregate(&convs, &sugg, &exc, f)))
    });
    // The dashboard's whole path in the core: parse the stored tables from JSON, then aggregate.
    let (jc, je, jx) = (
        serde_json::to_vec(&convs).unwrap(),
        serde_json::to_vec(&sugg).unwrap(),
        serde_json::to_vec(&exc).unwrap(),
    );
    c.bench_function("insights from 100,000 stored records as JSON", |b| {
        b.iter(|| black_box(Tables::parse(&jc, &je, &jx).unwrap().aggregate(f)))
    });
}

criterion_group! {
    name = insight_benches;
    config = Criterion::default().sample_size(10).measurement_time(std::time::Duration::from_secs(4));
    targets = insights
}
/// The shop's own replies merged over the starter packs when the panel starts: 100,000 of them,
/// as stored (JSON), parsed and merged (one id in ten repeated, so overrides are exercised).
fn shop_replies(c: &mut Criterion) {
    use duxin::kinds::{Intent, Lang};
    use duxin::knowledge::{CustomReply, Knowledge};
    let list: Vec<CustomReply> = (0..100_000usize)
        .map(|i| CustomReply {
            id: format!("my.{}", if i % 10 == 0 { i / 10 } else { i }),
            lang: if i % 3 == 0 { Lang::En } else { Lang::Zh },
            intent: Intent::ALL[i % Intent::ALL.len()],
            text: format!(
                "亲，关于第{i}个问题：我们会在{}小时内为您处理好，请放心~",
                i % 48 + 1
            ),
        })
        .collect();
    let json = serde_json::to_string(&list).unwrap();
    let starter = Knowledge::builtin().unwrap();
    c.bench_function("load 100,000 shop replies (parse + merge)", |b| {
        b.iter(|| {
            let mut k = starter.clone();
            let parsed = Knowledge::parse_custom(black_box(&json)).unwrap();
            black_box(k.add_custom(&parsed));
            k
        })
    });
}

criterion_group! {
    name = knowledge_benches;
    config = Criterion::default().sample_size(10).measurement_time(std::time::Duration::from_secs(4));
    targets = shop_replies
}
/// The draft check (issue 16): a 500-character draft against every pack, with the conversation,
/// its analysis and state already read (the panel has them from the latest snapshot).
fn guard(c: &mut Criterion) {
    use duxin::guard::{Context, Guard, Platform};
    let an = Analyzer::new().unwrap();
    let conv = corpus::conversation(200);
    let a = an.analyze(&conv);
    let st = duxin::state::read(&conv, &a);
    let policy = duxin::knowledge::Policy::builtin().unwrap();
    let g = Guard::builtin().unwrap();
    let base = "亲，真的很抱歉让您久等了，您的订单260915448812345678已经发货，预计明天送到。这款是纯棉的，最好的办法是先试穿一下，不合适7天内可以退换，运费我们承担。有问题加我微信聊，我第一时间帮您处理。As I said earlier, I'll check with the warehouse and get back to you. ";
    let draft: String = base.chars().cycle().take(500).collect();
    let cx = Context {
        platform: Platform::Pinduoduo,
        policy: Some(&policy),
        conversation: Some(&conv),
        analysis: Some(&a),
        state: Some(&st),
        analyzer: Some(&an),
    };
    assert!(!g.check(&draft, &cx).is_empty());
    c.bench_function("guard: check a 500-character draft", |b| {
        b.iter(|| black_box(g.check(black_box(&draft), &cx)))
    });
}

criterion_group! {
    name = guard_benches;
    config = Criterion::default().sample_size(30).measurement_time(std::time::Duration::from_secs(3));
    targets = guard
}

criterion_main!(benches, insight_benches, knowledge_benches, guard_benches);
