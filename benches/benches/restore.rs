//! Restore stage, one document at a time as the pipeline runs it: the test pairs' gold texts
//! (clean, where nothing should change) and their tesseract output (damaged).
//!
//! `damaged-batch-cold-cache` restores, on a fresh thread each iteration, the 538 OCR texts of
//! every pair split once: what a batch of new documents from many writers costs, where the
//! 26 test texts of `damaged-ocr-cold-cache` are too few to tell whether the cache warms up
//! as a batch goes on (it hardly does: see benches/README.md).
//!
//! One iteration restores every document of the set once; throughput is their total bytes. Each
//! iteration compares every restored text and its number of edits with an untimed first run
//! (a direct comparison: an FNV hash of the texts, one multiply per byte, was a ninth of the
//! clean set's time).
#![allow(missing_docs, clippy::print_stderr)]

use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};
use rensa_bench::{corpus, Doc};
use rensa_core::{Document, Vocabulary};
use rensa_lexicon::Lexicons;
use rensa_restore::{detect_language, restore, RestoreOptions};

/// Each document's restored text and number of edits.
type Outcome = Vec<(String, usize)>;

/// Restores every document and keeps what came out (the untimed reference run).
fn outcome(docs: &[Doc], lex: &Lexicons, opts: &RestoreOptions) -> Outcome {
    docs.iter()
        .map(|d| {
            let mut doc = Document::new(d.text.as_str());
            restore(&mut doc, lex.get(d.lang), opts).expect("restore");
            (doc.text().to_string(), doc.edits().len())
        })
        .collect()
}

/// Restores every document; whether each came out as in `want`.
fn run(docs: &[Doc], lex: &Lexicons, opts: &RestoreOptions, want: &Outcome) -> bool {
    docs.iter().zip(want).all(|(d, (text, edits))| {
        let mut doc = Document::new(d.text.as_str());
        restore(&mut doc, lex.get(d.lang), opts).expect("restore");
        doc.text() == text && doc.edits().len() == *edits
    })
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
    let batch = corpus::batch_damaged_docs();
    let vocabs: Vec<&dyn Vocabulary> = lex.all();
    let misdetected: Vec<&str> = damaged
        .iter()
        .filter(|d| detect_language(&d.text, &vocabs) != d.lang)
        .map(|d| d.name.as_str())
        .collect();

    let want_clean = outcome(&clean, &lex, &opts);
    let want_damaged = outcome(&damaged, &lex, &opts);
    let want_batch = outcome(&batch, &lex, &opts);
    let edits = |o: &Outcome| o.iter().map(|(_, e)| e).sum::<usize>();
    let bytes = |v: &[Doc]| v.iter().map(|d| d.text.len()).sum::<usize>() as u64;
    eprintln!(
        "restore: {} clean docs ({} bytes) -> {} edits; {} damaged docs ({} bytes) -> {} edits; \
         batch of {} damaged docs ({} bytes) -> {} edits; \
         detect_language disagrees with the name prefix on {misdetected:?}",
        clean.len(),
        bytes(&clean),
        edits(&want_clean),
        damaged.len(),
        bytes(&damaged),
        edits(&want_damaged),
        batch.len(),
        bytes(&batch),
        edits(&want_batch)
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
        b.iter(|| assert!(run(black_box(&clean), &lex, &opts, &want_clean)))
    });
    g.throughput(Throughput::BytesDecimal(bytes(&damaged)));
    g.bench_function("damaged-ocr", |b| {
        b.iter(|| assert!(run(black_box(&damaged), &lex, &opts, &want_damaged)))
    });
    // restore caches candidate lists per thread across documents, so the two benches above
    // see every word's candidates cached after their first iteration. These run each iteration
    // on a fresh thread: the cache starts empty, as for a stream of documents never seen before
    // (words repeated across the 26 documents still hit it).
    let cold = |docs: &[Doc], want: &Outcome| {
        std::thread::scope(|s| {
            s.spawn(|| run(docs, &lex, &opts, want))
                .join()
                .expect("restore thread")
        })
    };
    g.throughput(Throughput::BytesDecimal(bytes(&clean)));
    g.bench_function("clean-gold-cold-cache", |b| {
        b.iter(|| assert!(cold(black_box(&clean), &want_clean)))
    });
    g.throughput(Throughput::BytesDecimal(bytes(&damaged)));
    g.bench_function("damaged-ocr-cold-cache", |b| {
        b.iter(|| assert!(cold(black_box(&damaged), &want_damaged)))
    });
    g.throughput(Throughput::BytesDecimal(bytes(&batch)));
    g.bench_function("damaged-batch-cold-cache", |b| {
        b.iter(|| assert!(cold(black_box(&batch), &want_batch)))
    });
    g.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10);
    targets = bench
}
criterion_main!(benches);
