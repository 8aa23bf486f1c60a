//! Does restore's per-thread candidate cache warm up over a batch of new documents?
//!
//! Restores the 538 OCR texts of every pair split ([`corpus::batch_damaged_docs`]) on one
//! thread, twice, and prints the throughput of each fifth of each pass: the first pass is
//! what a batch of documents nobody has seen costs as the cache fills, the second what the
//! same documents cost once every word's candidates are cached.
//!
//! `cargo run --release -p rensa-bench --example batch_warmup`
//!
//! Wall-clock timing of single runs: compare fifths within one run, not across machines (the
//! criterion bench `restore/damaged-batch-cold-cache` is the steadier number for the first
//! pass as a whole). The first fifth also pays the page faults of the embedded dictionaries.
#![allow(missing_docs, clippy::print_stdout)]

use rensa_bench::corpus;
use rensa_core::Document;
use rensa_lexicon::Lexicons;
use rensa_restore::{restore, RestoreOptions};

fn main() {
    let lex = Lexicons::embedded().expect("embedded dictionaries");
    let opts = RestoreOptions::default();
    let docs = corpus::batch_damaged_docs();
    let per = docs.len().div_ceil(5);
    println!("pass  fifth  docs     bytes   MB/s  edits");
    for pass in 1..=2 {
        for (i, chunk) in docs.chunks(per).enumerate() {
            let bytes: usize = chunk.iter().map(|d| d.text.len()).sum();
            let t = std::time::Instant::now();
            let mut edits = 0;
            for d in chunk {
                let mut doc = Document::new(d.text.as_str());
                restore(&mut doc, lex.get(d.lang), &opts).expect("restore");
                edits += doc.edits().len();
            }
            let mbps = bytes as f64 / t.elapsed().as_secs_f64() / 1e6;
            println!(
                "{pass:>4}  {:>5}  {:>4}  {bytes:>8}  {mbps:>5.1}  {edits:>5}",
                i + 1,
                chunk.len()
            );
        }
    }
}
