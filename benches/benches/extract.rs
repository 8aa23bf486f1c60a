//! Extract stage on the five seed texts extraction is tested on
//! (`fixtures/golden/fields/<seed>.<lang>.txt`): one bench per document (its time per iteration
//! is the time per document) and one over all five.
//!
//! Each iteration compares the extracted [`rensa_extract::Fields`] with those of an untimed
//! first run.
#![allow(missing_docs, clippy::print_stderr)]

use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};
use rensa_bench::corpus;
use rensa_extract::extract;

fn bench(c: &mut Criterion) {
    let docs = corpus::field_texts();
    let want: Vec<_> = docs.iter().map(|d| extract(&d.text, d.lang)).collect();
    eprintln!(
        "extract: {} docs, dates found per doc {:?}",
        docs.len(),
        want.iter().map(|f| f.dates.len()).collect::<Vec<_>>()
    );
    let total: usize = docs.iter().map(|d| d.text.len()).sum();

    let mut g = c.benchmark_group("extract");
    for (d, w) in docs.iter().zip(&want) {
        let id = d.name.split('_').next().unwrap_or(&d.name).to_string();
        g.throughput(Throughput::BytesDecimal(d.text.len() as u64));
        g.bench_function(format!("seed-{id}"), |b| {
            b.iter(|| assert!(extract(black_box(&d.text), d.lang) == *w))
        });
    }
    g.throughput(Throughput::BytesDecimal(total as u64));
    g.bench_function("all-five-seeds", |b| {
        b.iter(|| {
            for (d, w) in docs.iter().zip(&want) {
                assert!(extract(black_box(&d.text), d.lang) == *w);
            }
        })
    });
    g.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = bench
}
criterion_main!(benches);
