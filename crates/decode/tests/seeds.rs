//! The seed documents are free of encoding damage: `decode_bytes` + `repair` must leave them
//! byte for byte, with zero edits. Also a throughput measurement (ignored by default).
#![allow(clippy::unwrap_used, clippy::print_stderr)]

mod common;

use std::path::{Path, PathBuf};

use rensa_core::{Document, Vocabulary};
use rensa_decode::{decode_bytes, repair, DecodeOptions};

fn seed_files() -> Vec<PathBuf> {
    let local = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/seeds");
    let dir = if local.is_dir() {
        local
    } else {
        PathBuf::from("/work/shared/seeds")
    };
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|d| d.map(|e| e.unwrap().path()).collect())
        .unwrap_or_default();
    files.retain(|p| p.extension().is_some_and(|x| x == "txt"));
    files.sort();
    files
}

#[test]
fn seeds_come_through_unchanged() {
    let files = seed_files();
    if files.is_empty() {
        eprintln!("no seed documents found; skipped");
        return;
    }
    let owned = common::test_vocabs();
    let vocabs: Vec<&dyn Vocabulary> = owned.iter().map(|v| v as &dyn Vocabulary).collect();
    for path in files {
        let bytes = std::fs::read(&path).unwrap();
        let decoded = decode_bytes(&bytes, &vocabs, &DecodeOptions::default()).unwrap();
        assert_eq!(decoded.encoding, "utf-8", "{}", path.display());
        assert_eq!(decoded.text.as_bytes(), &bytes[..], "{}", path.display());
        let mut doc = Document::new(decoded.text);
        repair(&mut doc, &vocabs).unwrap();
        let edits: Vec<String> = doc.edits().iter().map(ToString::to_string).collect();
        assert!(edits.is_empty(), "{}: {edits:#?}", path.display());
    }
}

/// `cargo test -p rensa-decode --release --test seeds -- --ignored --nocapture throughput`
#[test]
#[ignore]
fn throughput() {
    let files = seed_files();
    let clean: String = files
        .iter()
        .take(4)
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect::<Vec<_>>()
        .join("\n");
    // Clean text without the `&` of seed 001, so it takes the fast path.
    let clean = clean.replace('&', "og");
    let mut big = String::new();
    while big.len() < 64 << 20 {
        big.push_str(&clean);
    }
    let vocabs: Vec<&dyn Vocabulary> = Vec::new();
    // As is, seed 002's `”` next to letters runs the DOS/Mac rule pass; with it replaced, the
    // evidence scan alone decides.
    let fast = big.replace('”', "\"");
    for (label, text) in [
        ("seeds as is (DOS/Mac pass)", &big),
        ("seeds without ” (fast path)", &fast),
    ] {
        let start = std::time::Instant::now();
        let decoded = decode_bytes(text.as_bytes(), &vocabs, &DecodeOptions::default()).unwrap();
        let t_decode = start.elapsed();
        let mut doc = Document::new(decoded.text);
        let start = std::time::Instant::now();
        repair(&mut doc, &vocabs).unwrap();
        let t_repair = start.elapsed();
        assert!(doc.edits().is_empty());
        let mb = text.len() as f64 / 1e6;
        eprintln!(
            "{label}: {mb:.0} MB, decode_bytes {:.0} MB/s, repair {:.0} MB/s",
            mb / t_decode.as_secs_f64(),
            mb / t_repair.as_secs_f64()
        );
    }
}
