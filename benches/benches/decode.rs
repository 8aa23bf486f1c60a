//! Decode stage: `decode_bytes` + `repair` over ~1 MB of clean text and of text whose lines are
//! 20% mojibake, plus clean text one document at a time as the pipeline calls it.
//!
//! Each iteration checks its answer: the number of edits and an FNV hash of the repaired text
//! must equal what an untimed run computed first.
#![allow(missing_docs, clippy::print_stderr)]

use std::time::Instant;

use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};
use rensa_bench::{corpus, fnv1a64};
use rensa_core::{Document, Vocabulary};
use rensa_decode::{decode_bytes, repair, DecodeOptions};
use rensa_lexicon::Lexicons;

const SIZE: usize = 1 << 20;

/// Decodes and repairs one input; returns (edits, hash of the text).
fn run(bytes: &[u8], vocabs: &[&dyn Vocabulary], opts: &DecodeOptions) -> (usize, u64) {
    let decoded = decode_bytes(bytes, vocabs, opts).expect("bench input decodes");
    let mut doc = Document::new(decoded.text);
    repair(&mut doc, vocabs).expect("bench input repairs");
    (doc.edits().len(), fnv1a64(doc.text().as_bytes()))
}

fn bench(c: &mut Criterion) {
    let lex = Lexicons::embedded().expect("embedded dictionaries");
    let vocabs = lex.all();
    let opts = DecodeOptions::default();
    let clean = corpus::clean_text(SIZE);
    let moji = corpus::mojibake_20pct(SIZE);
    let (names, docs): (Vec<String>, Vec<String>) = corpus::clean_docs()
        .into_iter()
        .map(|d| (d.name, d.text))
        .unzip();
    let docs_bytes: usize = docs.iter().map(String::len).sum();

    let want_clean = run(clean.as_bytes(), &vocabs, &opts);
    let want_moji = run(moji.as_bytes(), &vocabs, &opts);
    let want_docs: Vec<(usize, u64)> = docs
        .iter()
        .map(|d| run(d.as_bytes(), &vocabs, &opts))
        .collect();
    // Not timed: how much of the damage comes back, and whether clean text stays clean.
    let mut repaired = Document::new(moji.clone());
    repair(&mut repaired, &vocabs).expect("repairs");
    let (ok, total) = clean
        .lines()
        .zip(repaired.text().lines())
        .zip(moji.lines())
        .filter(|((c, _), m)| c != m)
        .fold((0, 0), |(ok, n), ((c, r), _)| {
            (ok + usize::from(c == r), n + 1)
        });
    eprintln!(
        "decode: clean {} bytes -> {} edits; mojibake {} bytes -> {} edits, {ok}/{total} damaged \
         lines restored exactly; per-doc clean: {} of {} docs edited",
        clean.len(),
        want_clean.0,
        moji.len(),
        want_moji.0,
        want_docs.iter().filter(|w| w.0 > 0).count(),
        docs.len()
    );

    // Not timed: which documents leave the one-scan fast path, and what each half costs.
    let mut slow: Vec<(f64, &str)> = Vec::new();
    let (mut t_decode, mut t_repair) = (0f64, 0f64);
    for (d, name) in docs.iter().zip(&names) {
        let t = Instant::now();
        let decoded = decode_bytes(d.as_bytes(), &vocabs, &opts).expect("decodes");
        t_decode += t.elapsed().as_secs_f64();
        let t = Instant::now();
        let mut doc = Document::new(decoded.text);
        repair(&mut doc, &vocabs).expect("repairs");
        let s = t.elapsed().as_secs_f64();
        t_repair += s;
        slow.push((d.len() as f64 / s / 1e6, name));
    }
    slow.sort_by(|a, b| a.0.total_cmp(&b.0));
    eprintln!(
        "decode per doc (one cold pass): decode_bytes {:.0} MB/s, repair {:.0} MB/s; slowest \
         repairs (MB/s): {:?}",
        docs_bytes as f64 / t_decode / 1e6,
        docs_bytes as f64 / t_repair / 1e6,
        &slow[..slow.len().min(6)]
    );

    let mut g = c.benchmark_group("decode");
    g.throughput(Throughput::BytesDecimal(clean.len() as u64));
    g.bench_function("clean-1mb", |b| {
        b.iter(|| assert_eq!(run(black_box(clean.as_bytes()), &vocabs, &opts), want_clean))
    });
    g.throughput(Throughput::BytesDecimal(docs_bytes as u64));
    g.bench_function("clean-per-doc", |b| {
        b.iter(|| {
            for (d, want) in docs.iter().zip(&want_docs) {
                assert_eq!(run(black_box(d.as_bytes()), &vocabs, &opts), *want);
            }
        })
    });
    g.throughput(Throughput::BytesDecimal(moji.len() as u64));
    g.bench_function("mojibake-20pct-1mb", |b| {
        b.iter(|| assert_eq!(run(black_box(moji.as_bytes()), &vocabs, &opts), want_moji))
    });
    g.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = bench
}
criterion_main!(benches);
