//! The whole pipeline on one thread: `Engine::clean` (decode, repair, language, restore) and
//! `Engine::process` (that plus extraction and the record) over every damaged test-pair document
//! and the five seeds.
//!
//! Each iteration checks the number of edits and an FNV hash of the cleaned texts (`clean`), or
//! that every record is `Ok` with the same texts and edit count (`process`), against an untimed
//! first run.
#![allow(missing_docs, clippy::print_stderr)]

use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};
use rensa_bench::{corpus, fnv1a64_more, Doc, FNV_BASIS};
use rensa_lexicon::Lexicons;
use rensa_pipeline::{Engine, Settings};

fn clean_all(engine: &Engine, docs: &[Doc]) -> (usize, u64) {
    let mut edits = 0;
    let mut h = FNV_BASIS;
    for d in docs {
        let c = engine.clean(d.text.as_bytes()).expect("clean");
        edits += c.doc.edits().len();
        h = fnv1a64_more(h, c.doc.text().as_bytes());
    }
    (edits, h)
}

fn process_all(engine: &Engine, docs: &[Doc]) -> (usize, u64) {
    let mut edits = 0;
    let mut h = FNV_BASIS;
    for d in docs {
        match engine.process(&d.name, &d.name, d.text.as_bytes()) {
            rensa_record::Output::Ok(r) => {
                edits += r.edits.len();
                h = fnv1a64_more(h, r.text.as_bytes());
            }
            rensa_record::Output::Err(e) => panic!("{}: error record {e:?}", d.name),
        }
    }
    (edits, h)
}

fn bench(c: &mut Criterion) {
    let engine = Engine::new(
        Lexicons::embedded().expect("embedded dictionaries"),
        Settings::default(),
    );
    let mut docs = corpus::damaged_docs();
    docs.extend(corpus::seeds());
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    let want_clean = clean_all(&engine, &docs);
    let want_process = process_all(&engine, &docs);
    assert_eq!(want_clean, want_process, "clean and process disagree");
    eprintln!(
        "end_to_end: {} docs, {bytes} bytes, {} edits",
        docs.len(),
        want_clean.0
    );

    let mut g = c.benchmark_group("end_to_end");
    g.throughput(Throughput::BytesDecimal(bytes as u64));
    g.bench_function("clean", |b| {
        b.iter(|| assert_eq!(clean_all(&engine, black_box(&docs)), want_clean))
    });
    g.bench_function("process", |b| {
        b.iter(|| assert_eq!(process_all(&engine, black_box(&docs)), want_process))
    });
    g.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10);
    targets = bench
}
criterion_main!(benches);
