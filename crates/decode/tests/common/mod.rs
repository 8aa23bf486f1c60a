//! Shared by the integration tests: the fixture folder and the small test vocabularies.
#![allow(dead_code, clippy::unwrap_used)]

use std::path::PathBuf;

use rensa_core::{Lang, MemoryVocabulary};

/// `fixtures/cases/decode/`.
pub fn fixtures() -> PathBuf {
    rensa_testkit::case_dir(env!("CARGO_MANIFEST_DIR"), "decode")
}

/// The test vocabularies: `vocab-<lang>.txt`, one `word [zipf]` a line; a capitalised word is a
/// proper name.
pub fn test_vocabs() -> Vec<MemoryVocabulary> {
    let mut out = Vec::new();
    for lang in Lang::ALL {
        let path = fixtures().join(format!("vocab-{}.txt", lang.code()));
        let mut v = MemoryVocabulary::new(lang);
        if let Ok(text) = std::fs::read_to_string(&path) {
            for line in text.lines() {
                let line = line.trim();
                if line.is_empty() || line.starts_with('#') {
                    continue;
                }
                let mut parts = line.split_whitespace();
                let word = parts.next().unwrap();
                let zipf = parts.next().map_or(4.0, |z| z.parse::<f32>().unwrap());
                if word.chars().next().is_some_and(char::is_uppercase) {
                    v.insert_name(word, zipf);
                } else {
                    v.insert(word, zipf);
                }
            }
        }
        out.push(v);
    }
    out
}
