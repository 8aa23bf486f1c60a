//! Writes `dictionaries/clusters.tsv`: the consonant clusters that open and close the words of
//! each language's list (`dictionaries/<lang>/words.fst`), with how many forms have each.
//!
//! Restore reads it to tell a damaged unlisted word from a rare one: a name the lists lack
//! (`Nordbø`) still opens and closes the way the language's words do, while the English
//! model's `g` for `ø` leaves clusters no listed form has (`Nordbg`, `Hgyheim`, `Trgan`).
//! Compound-only pieces (flag 4) are left out: they are not words. Run by
//! `dictionaries/build.sh` after the fst maps are compiled:
//!
//! ```sh
//! cargo run --release -p rensa-dict-compile --example clusters -- dictionaries
//! ```
#![allow(clippy::print_stderr)]

use std::collections::BTreeMap;
use std::io::Write;
use std::path::PathBuf;

use fst::Streamer;

/// Vowels of the four languages (and the accented ones their words borrow).
const VOWELS: &str = "aeiouyåäöæøéèêáàüó";
/// Flag of a compound-only piece, shifted as `rensa_lexicon` packs it.
const COMPOUND_ONLY: u64 = 4 << 16;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = match std::env::args().nth(1) {
        Some(d) => PathBuf::from(d),
        None => return Err("usage: clusters DICTIONARIES_DIR".into()),
    };
    let mut out: Vec<u8> = Vec::new();
    writeln!(out, "# lang\tposition\tcluster\tforms")?;
    writeln!(
        out,
        "# Written by dictionaries/compile/examples/clusters.rs from the words.fst maps; derived \
         from them, so under their licenses (see README.md)."
    )?;
    for lang in ["sv", "nb", "nn", "da"] {
        let path = dir.join(lang).join("words.fst");
        let bytes = std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let map = fst::Map::new(bytes)?;
        let mut counts: BTreeMap<(&'static str, String), u64> = BTreeMap::new();
        let mut stream = map.stream();
        while let Some((key, value)) = stream.next() {
            if value & COMPOUND_ONLY != 0 {
                continue;
            }
            let Ok(word) = std::str::from_utf8(key) else {
                continue;
            };
            if !word.chars().all(char::is_alphabetic) || !word.chars().any(|c| VOWELS.contains(c)) {
                continue;
            }
            let onset: String = word.chars().take_while(|&c| !VOWELS.contains(c)).collect();
            let mut coda: Vec<char> = word
                .chars()
                .rev()
                .take_while(|&c| !VOWELS.contains(c))
                .collect();
            coda.reverse();
            *counts.entry(("onset", onset)).or_default() += 1;
            *counts
                .entry(("coda", coda.into_iter().collect()))
                .or_default() += 1;
        }
        for ((position, cluster), n) in counts {
            writeln!(out, "{lang}\t{position}\t{cluster}\t{n}")?;
        }
    }
    let dst = dir.join("clusters.tsv");
    let tmp = dir.join("clusters.tsv.tmp");
    std::fs::write(&tmp, out)?;
    std::fs::rename(&tmp, &dst)?;
    eprintln!("wrote {}", dst.display());
    Ok(())
}
