//! Inputs for rensa's benchmarks, built deterministically from the committed fixtures.
//!
//! The benches themselves are in `benches/benches/*.rs` (one per stage, one end to end, one for
//! startup); the peer comparison is `benches/peers/peers.py`. See `benches/README.md` for how to
//! run them and the numbers measured so far.
//!
//! Every input here is a pure function of the files under `fixtures/` and the requested size, so
//! two runs (and the Python peer script, which implements the same transforms) see the same bytes:
//! - **clean text**: the four clean seeds (`fixtures/seeds/000`–`003`) and the gold texts of the
//!   held-out test pairs (`fixtures/pairs/test/*.gold.txt`), in sorted order;
//! - **damaged text**: the OCR output of the test pairs (`fixtures/pairs/test/*.ocr.txt`), which is
//!   real tesseract damage (`frdn méte` for `från möte`);
//! - **mojibake**: clean text with every fifth line (line index ≡ 2 mod 5) re-encoded as UTF-8
//!   bytes read as windows-1252 (`möte` → `mÃ¶te`).
//!
//! # What this crate does not do
//! It does not time anything and never prints; it is not published. Answers the benches check
//! (edit counts, output hashes) are computed by the benches themselves, once, before timing.

use std::path::{Path, PathBuf};

/// The allocator the `rensa` binary ships with (`crates/cli/src/main.rs`), so the benches time
/// what users run: every bench binary links this crate.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use rensa_core::Lang;

/// One document of the corpus.
#[derive(Debug, Clone)]
pub struct Doc {
    /// File name without the directory (`sv-seed002-eng.ocr.txt`).
    pub name: String,
    /// Its language, from the file name (pairs: `sv-…` prefix; seeds: the golden field file).
    pub lang: Lang,
    /// The text (all fixtures are UTF-8).
    pub text: String,
}

/// One held-out OCR pair: damaged text and the truth it came from.
#[derive(Debug, Clone)]
pub struct Pair {
    /// Pair name without `.ocr.txt` / `.gold.txt`.
    pub name: String,
    /// Language, from the name prefix.
    pub lang: Lang,
    /// Tesseract output.
    pub ocr: String,
    /// The text that was rendered.
    pub gold: String,
}

/// The corpus builders.
pub mod corpus {
    use super::*;

    /// The repository's `fixtures/` folder.
    pub fn fixtures() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../fixtures")
    }

    fn read(path: &Path) -> String {
        std::fs::read_to_string(path)
            .unwrap_or_else(|e| panic!("benchmark fixture {}: {e}", path.display()))
    }

    fn sorted_files(dir: &Path, suffix: &str) -> Vec<PathBuf> {
        let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
            .unwrap_or_else(|e| panic!("benchmark fixtures {}: {e}", dir.display()))
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.to_string_lossy().ends_with(suffix))
            .collect();
        v.sort();
        v
    }

    fn file_name(p: &Path) -> String {
        p.file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    }

    fn lang_of(code: &str) -> Lang {
        code.parse::<Lang>()
            .unwrap_or_else(|_| panic!("benchmark fixture: unknown language code {code:?}"))
    }

    /// The language a pair file's name opens with: `<lang>-<name>-<variant>.ocr.txt`.
    fn lang_of_pair(name: &str) -> Lang {
        lang_of(name.split('-').next().unwrap_or(""))
    }

    /// The language a golden field text names: `<seed>.<lang>.txt`.
    fn lang_of_field_text(name: &str) -> Lang {
        lang_of(
            name.trim_end_matches(".txt")
                .rsplit('.')
                .next()
                .unwrap_or(""),
        )
    }

    /// The five seed documents as committed (`fixtures/seeds/*.txt`; 004 is OCR-damaged), each
    /// with the language its golden field file names.
    pub fn seeds() -> Vec<Doc> {
        let fields = fixtures().join("golden/fields");
        sorted_files(&fixtures().join("seeds"), ".txt")
            .into_iter()
            .map(|p| {
                let name = file_name(&p);
                let stem = name.trim_end_matches(".txt");
                let golden = sorted_files(&fields, ".txt")
                    .into_iter()
                    .map(|g| file_name(&g))
                    .find(|g| g.starts_with(stem))
                    .unwrap_or_else(|| panic!("no golden field text for seed {stem}"));
                Doc {
                    lang: lang_of_field_text(&golden),
                    text: read(&p),
                    name,
                }
            })
            .collect()
    }

    /// The texts extraction is tested on: `fixtures/golden/fields/<seed>.<lang>.txt` (the clean
    /// seeds, and the transcription of the damaged seed 004).
    pub fn field_texts() -> Vec<Doc> {
        sorted_files(&fixtures().join("golden/fields"), ".txt")
            .into_iter()
            .map(|p| {
                let name = file_name(&p);
                Doc {
                    lang: lang_of_field_text(&name),
                    text: read(&p),
                    name,
                }
            })
            .collect()
    }

    /// The held-out OCR pairs of `fixtures/pairs/test/`, sorted by name.
    pub fn test_pairs() -> Vec<Pair> {
        let dir = fixtures().join("pairs/test");
        sorted_files(&dir, ".ocr.txt")
            .into_iter()
            .map(|p| {
                let name = file_name(&p).trim_end_matches(".ocr.txt").to_string();
                Pair {
                    lang: lang_of_pair(&name),
                    ocr: read(&p),
                    gold: read(&dir.join(format!("{name}.gold.txt"))),
                    name,
                }
            })
            .collect()
    }

    /// Clean documents: the seeds 000–003 and the test pairs' gold texts.
    pub fn clean_docs() -> Vec<Doc> {
        let mut docs: Vec<Doc> = seeds().into_iter().take(4).collect();
        docs.extend(test_pairs().into_iter().map(|p| Doc {
            name: format!("{}.gold.txt", p.name),
            lang: p.lang,
            text: p.gold,
        }));
        docs
    }

    /// OCR-damaged documents: the test pairs' `.ocr.txt`.
    pub fn damaged_docs() -> Vec<Doc> {
        test_pairs()
            .into_iter()
            .map(|p| Doc {
                name: format!("{}.ocr.txt", p.name),
                lang: p.lang,
                text: p.ocr,
            })
            .collect()
    }

    /// A batch of documents nobody repeated: the tesseract output of every pair split
    /// (`fixtures/pairs/{dev,test,train,fresh,fresh2}/*.ocr.txt`, 538 documents, 0.87 MB),
    /// sorted by file name (so by language, then by field set: a language's documents in a row,
    /// the order that favours its cache most).
    pub fn batch_damaged_docs() -> Vec<Doc> {
        let mut paths: Vec<PathBuf> = ["dev", "test", "train", "fresh", "fresh2"]
            .iter()
            .flat_map(|s| sorted_files(&fixtures().join("pairs").join(s), ".ocr.txt"))
            .collect();
        paths.sort_by_key(|p| file_name(p));
        paths
            .into_iter()
            .map(|p| {
                let name = file_name(&p);
                Doc {
                    lang: lang_of_pair(&name),
                    text: read(&p),
                    name,
                }
            })
            .collect()
    }

    /// Whole documents joined by a newline and repeated until the text is at least `bytes` long.
    pub fn repeat_to(docs: &[Doc], bytes: usize) -> String {
        let mut out = String::with_capacity(bytes + 8192);
        while out.len() < bytes {
            for d in docs {
                out.push_str(&d.text);
                if !d.text.ends_with('\n') {
                    out.push('\n');
                }
                if out.len() >= bytes {
                    break;
                }
            }
        }
        out
    }

    /// At least `bytes` of clean text ([`clean_docs`] repeated).
    pub fn clean_text(bytes: usize) -> String {
        repeat_to(&clean_docs(), bytes)
    }

    /// At least `bytes` of OCR-damaged text ([`damaged_docs`] repeated).
    pub fn damaged_text(bytes: usize) -> String {
        repeat_to(&damaged_docs(), bytes)
    }

    /// [`clean_text`] with 20% of its lines (index ≡ 2 mod 5) turned into mojibake by
    /// [`utf8_as_cp1252`]. Lines without non-ASCII letters come out unchanged.
    pub fn mojibake_20pct(bytes: usize) -> String {
        mojibake_lines(&clean_text(bytes), 5, 2)
    }

    /// Re-encodes every `every`-th line (index ≡ `offset` mod `every`) of `text` with
    /// [`utf8_as_cp1252`], keeping line ends.
    pub fn mojibake_lines(text: &str, every: usize, offset: usize) -> String {
        let mut out = String::with_capacity(text.len() + text.len() / 8);
        for (i, line) in text.split_inclusive('\n').enumerate() {
            if i % every == offset {
                out.push_str(&utf8_as_cp1252(line));
            } else {
                out.push_str(line);
            }
        }
        out
    }

    /// The classic mojibake: the UTF-8 bytes of `s` decoded as windows-1252 (WHATWG table, so the
    /// five undefined bytes 0x81, 0x8D, 0x8F, 0x90, 0x9D become the C1 controls of the same
    /// number). `möte` → `mÃ¶te`, `Å` → `Ã…`, `–` → `â€“`.
    pub fn utf8_as_cp1252(s: &str) -> String {
        let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(s.as_bytes());
        text.into_owned()
    }
}

/// Start value of [`fnv1a64_more`].
pub const FNV_BASIS: u64 = 0xcbf2_9ce4_8422_2325;

/// FNV-1a, 64 bits: a cheap, stable hash for checking a bench's output inside the timed loop.
pub fn fnv1a64(bytes: &[u8]) -> u64 {
    fnv1a64_more(FNV_BASIS, bytes)
}

/// Folds further output into a running [`fnv1a64`] hash (start from [`FNV_BASIS`]).
pub fn fnv1a64_more(mut h: u64, bytes: &[u8]) -> u64 {
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::corpus::*;

    #[test]
    fn mojibake_is_utf8_read_as_cp1252() {
        assert_eq!(
            utf8_as_cp1252("möte på Åland – ja"),
            "mÃ¶te pÃ¥ Ã…land â€“ ja"
        );
        assert_eq!(mojibake_lines("a\nb\nä\nc\n", 5, 2), "a\nb\nÃ¤\nc\n");
    }

    #[test]
    fn corpus_has_the_fixtures() {
        assert_eq!(seeds().len(), 5);
        assert_eq!(field_texts().len(), 5);
        assert!(test_pairs().len() >= 20);
        assert!(clean_text(100_000).len() >= 100_000);
    }
}
