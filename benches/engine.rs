//! Criterion benchmarks of the core: full analysis of a 200-message mixed zh/en conversation,
//! throughput on short messages, and suggestions with a 5,000-entry knowledge base.
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use duxin::{corpus, suggest::suggest, Analyzer};
use std::hint::black_box;

fn engine(c: &mut Criterion) {
    let an = Analyzer::new().unwrap();
    let conv = corpus::conversation(200);
    c.bench_function("analyze 200-message mixed conversation", |b| b.iter(|| black_box(an.analyze(black_box(&conv)))));

    let msgs = corpus::short_messages();
    let mut g = c.benchmark_group("short messages");
    g.throughput(Throughput::Elements(msgs.len() as u64));
    g.bench_function("read", |b| b.iter(|| for m in msgs { black_box(an.read(black_box(m))); }));
    g.finish();

    let kb = corpus::knowledge(5_000);
    let a = an.analyze(&conv);
    c.bench_function("suggest for latest turn (200 messages, 5000-entry KB)", |b| b.iter(|| black_box(suggest(&conv, &a, &kb))));
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
criterion_main!(benches);
