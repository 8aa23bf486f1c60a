//! Restore stage, one document at a time as the pipeline runs it: the test pairs' gold texts
//! (clean, where nothing should change) and their tesseract output (damaged).
//!
//! One iteration restores every document of the set once; throughput is their total bytes. Each
//! iteration checks the total number of edits and an FNV hash of all restored texts against an
//! untimed first run.
#![allow(missing_docs, clippy::print_stderr)]

use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};
use rensa_bench::{corpus, fnv1a64_more, Doc, FNV_BASIS};
use rensa_core::{Document, Vocabulary};
use rensa_lexicon::Lexicons;
use rensa_restore::{detect_language, restore, RestoreOptions};

/// Restores every document; returns (total edits, hash of all texts).
fn run(docs: &[Doc], lex: &Lexicons, opts: &RestoreOptions) -> (usize, u64) {
    let mut edits = 0;
    let mut h = FNV_BASIS;
    for d in docs {
        let mut doc = Document::new(d.text.as_str());
        restore(&mut doc, lex.get(d.lang), opts).expect("restore");
        edits += doc.edits().len();
        h = fnv1a64_more(h, doc.text().as_bytes());
    }
    (edits, h)
}

fn bench(c: &mut Criterion) {
    let lex = Lexicons::embedded().expect("embedded dictionaries");
    let opts = RestoreOptions::default();
    let pairs = corpus::test_pairs();
    let clean: Vec<Doc> = pairs
        .iter()
        .map(|p| Doc {
            name: p.name.clone(),
            lang: p.lang,
            text: p.gold.clone(),
        })
        .collect();
    let damaged = corpus::damaged_docs();
    let vocabs: Vec<&dyn Vocabulary> = lex.all();
    let misdetected: Vec<&str> = damaged
        .iter()
        .filter(|d| detect_language(&d.text, &vocabs) != d.lang)
        .map(|d| d.name.as_str())
        .collect();

    let want_clean = run(&clean, &lex, &opts);
    let want_damaged = run(&damaged, &lex, &opts);
    let bytes = |v: &[Doc]| v.iter().map(|d| d.text.len()).sum::<usize>() as u64;
    eprintln!(
        "restore: {} clean docs ({} bytes) -> {} edits; {} damaged docs ({} bytes) -> {} edits; \
         detect_language disagrees with the name prefix on {misdetected:?}",
        clean.len(),
        bytes(&clean),
        want_clean.0,
        damaged.len(),
        bytes(&damaged),
        want_damaged.0
    );

    let mut g = c.benchmark_group("restore");
    g.throughput(Throughput::BytesDecimal(bytes(&clean)));
    g.bench_function("tokenize-clean", |b| {
        b.iter(|| {
            clean
                .iter()
                .map(|d| rensa_core::tokens(black_box(&d.text)).count())
                .sum::<usize>()
        })
    });
    g.bench_function("clean-gold", |b| {
        b.iter(|| assert_eq!(run(black_box(&clean), &lex, &opts), want_clean))
    });
    g.throughput(Throughput::BytesDecimal(bytes(&damaged)));
    g.bench_function("damaged-ocr", |b| {
        b.iter(|| assert_eq!(run(black_box(&damaged), &lex, &opts), want_damaged))
    });
    // restore caches candidate lists per thread across documents, so the two benches above
    // see every word's candidates cached after their first iteration. These run each iteration
    // on a fresh thread: the cache starts empty, as for a stream of documents never seen before
    // (words repeated across the 26 documents still hit it).
    let cold = |docs: &[Doc]| {
        std::thread::scope(|s| {
            s.spawn(|| run(docs, &lex, &opts))
                .join()
                .expect("restore thread")
        })
    };
    g.throughput(Throughput::BytesDecimal(bytes(&clean)));
    g.bench_function("clean-gold-cold-cache", |b| {
        b.iter(|| assert_eq!(cold(black_box(&clean)), want_clean))
    });
    g.throughput(Throughput::BytesDecimal(bytes(&damaged)));
    g.bench_function("damaged-ocr-cold-cache", |b| {
        b.iter(|| assert_eq!(cold(black_box(&damaged)), want_damaged))
    });
    g.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10);
    targets = bench
}
criterion_main!(benches);
