//! Startup: opening the four embedded dictionaries (`Lexicons::embedded`), which the issue wants
//! ready in under 20 ms, and building the embedded OCR confusion model that the first `restore`
//! call pays for once.
//!
//! Each iteration checks the number of embedded forms (dictionaries) or confusions (model).
//! Process-level startup (regexes compiled on first use, page faults of the embedded data) is
//! measured from outside by `benches/peers/peers.py`.
#![allow(missing_docs)]

use criterion::{criterion_group, criterion_main, Criterion};
use rensa_lexicon::Lexicons;
use rensa_restore::ConfusionModel;

fn forms(lex: &Lexicons) -> usize {
    lex.by_lang.iter().map(|l| l.len()).sum()
}

fn bench(c: &mut Criterion) {
    let want_forms = forms(&Lexicons::embedded().expect("embedded dictionaries"));
    let want_confusions = ConfusionModel::embedded().all().len();
    let mut g = c.benchmark_group("startup");
    g.bench_function("lexicons-embedded", |b| {
        b.iter(|| {
            let lex = Lexicons::embedded().expect("embedded dictionaries");
            assert_eq!(forms(&lex), want_forms);
            lex
        })
    });
    g.bench_function("confusion-model-embedded", |b| {
        b.iter(|| {
            let m = ConfusionModel::embedded();
            assert_eq!(m.all().len(), want_confusions);
            m
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
