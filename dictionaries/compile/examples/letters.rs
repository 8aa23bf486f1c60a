//! Writes `dictionaries/<lang>/letters.bin`, each language's letter model
//! (`rensa_lexicon::letters`), from its list `dictionaries/<lang>/words.fst`: every form but
//! the compound-only pieces, each counted once. Derived from the lists, so under their
//! licenses (see README.md). Run by `dictionaries/build.sh` after the fst maps are compiled:
//!
//! ```sh
//! cargo run --release -p rensa-dict-compile --example letters -- dictionaries
//! ```
#![allow(clippy::print_stderr)]

use std::path::PathBuf;

use fst::Streamer;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = match std::env::args().nth(1) {
        Some(d) => PathBuf::from(d),
        None => return Err("usage: letters DICTIONARIES_DIR".into()),
    };
    for lang in ["sv", "nb", "nn", "da"] {
        let path = dir.join(lang).join("words.fst");
        let bytes = std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let map = fst::Map::new(bytes)?;
        let mut words: Vec<String> = Vec::new();
        let mut stream = map.stream();
        while let Some((key, value)) = stream.next() {
            if value & rensa_lexicon::FLAG_PART_ONLY != 0 {
                continue;
            }
            if let Ok(w) = std::str::from_utf8(key) {
                if w.chars().all(char::is_alphabetic) {
                    words.push(w.to_string());
                }
            }
        }
        let model = rensa_lexicon::letters::train(words.iter().map(String::as_str));
        let dst = dir.join(lang).join("letters.bin");
        let tmp = dir.join(lang).join("letters.bin.tmp");
        std::fs::write(&tmp, &model)?;
        std::fs::rename(&tmp, &dst)?;
        eprintln!(
            "{lang}: {} forms, {} bytes -> {}",
            words.len(),
            model.len(),
            dst.display()
        );
    }
    Ok(())
}
