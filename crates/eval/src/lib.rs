//! Measures what cleaning does to damaged text with known truth, and what extraction gets right.
//!
//! A *pair* is `NAME.ocr.txt` (what the archive has) beside `NAME.gold.txt` (what the page
//! said). For each pair the cleaner runs on the damaged bytes, and the damaged and cleaned texts
//! are compared with the gold text:
//!
//! - **CER**: character edit distance / gold characters, after folding runs of whitespace to
//!   one space (OCR adds blank lines; layout is not what is measured).
//! - **WER**: word edit distance / gold words, words being whitespace-separated.
//! - **fixed** / **broken**: gold words wrong before and right after, and right before and wrong
//!   after, read off the two word alignments. `broken` is the count that must stay near zero.
//! - **by rule**: each edit laid over the damaged words it touches, and credited to its rule
//!   with the words it fixed or broke ([`rules`]): where a rise in `broken` comes from.
//! - **clean-text changes**: [`evaluate_clean`] runs the cleaner on gold texts themselves and
//!   counts words changed: the false-change rate on correct text.
//! - **field scores**: [`fields`] compares extracted fields with gold field files
//!   (`NAME.fields.json`) and gives precision, recall and F1 per field.
//!
//! Throughput is the damaged bytes over the wall time of cleaning only.
//!
//! [`baseline`] compares two reports and says which metrics got worse beyond a tolerance;
//! [`html`] renders a report as one self-contained HTML page.
//!
//! # What this crate does not do
//! It does not clean or extract: the caller passes a [`Cleaner`] and an
//! [`Extractor`](fields::Extractor), so the metrics do not depend on the pipeline, and field
//! files are compared as plain [`serde_json::Value`]s, so this crate does not depend on the
//! extract crate either. It does not print: the CLI formats what it returns.
//!
//! # Report format (`rensa.eval/1`)
//! [`Report`] serialises to one JSON object. The tag `schema` is `"rensa.eval/1"`; fields may be
//! added within version 1 (readers must ignore keys they do not know), and a key is only removed
//! or changes meaning with a new version. Sections that were not run are `null` (or `[]`/`{}`),
//! never missing. Rates are fractions in `[0, 1]` (0.0399 is 3.99 %), not percentages.
//!
//! | key | type | meaning |
//! |---|---|---|
//! | `schema` | string | `"rensa.eval/1"` |
//! | `settings` | object | how the run was made, as the caller states it (the CLI writes `min_confidence`, `lang`, `pairs_dir`, `fields_dir`, and `damage_prior`, `dict`, `disabled_rules` when given); informational, not compared |
//! | `pairs` | [[`PairScore`]] | one entry per pair, sorted by path |
//! | `pairs[].name` | string | path of the pair below the pairs folder, without `.ocr.txt` |
//! | `pairs[].lang` | string or null | `sv`/`nb`/`nn`/`da` from a `sv-…` name prefix, else the language the cleaner detected; the cleaners of the CLI give a document they restored in more than one language as its languages joined by `+` in order of appearance (`da+nb`) |
//! | `pairs[].words`, `pairs[].chars` | integer | gold words; gold characters with whitespace folded |
//! | `pairs[].cer_before`, `pairs[].cer_after` | number | CER of the damaged and of the cleaned text |
//! | `pairs[].wer_before`, `pairs[].wer_after` | number | WER of the damaged and of the cleaned text |
//! | `pairs[].fixed`, `pairs[].broken` | integer | gold words wrong before and right after; right before and wrong after |
//! | `pairs[].edits` | integer | edits the cleaner made |
//! | `pairs[].residue` | [`Residue`] | the word errors left after cleaning, by kind: `punctuation`, `dashes`, `case`, `letters` (å ä ö æ ø é), `other`, `missing`, `extra` (integers that add up to the word edit distance; see [`residue`]) |
//! | `pairs[].rules` | object | rule name → [`RuleScore`]: `edits` (the rule's edits), `fixed` and `broken` (of those, edits that touch a fixed or a broken word; an edit merged from several rules counts for each; see [`rules`]) |
//! | `pairs[].error` | string (optional) | present only when cleaning failed; the damaged text is then scored as the output |
//! | `summary` | [`Summary`] or null | totals over all pairs, micro-averaged (sums of edits over sums of gold units) |
//! | `summary.pairs`, `summary.words` | integer | pairs; gold words |
//! | `summary.cer_before` … `summary.wer_after` | number | as per pair, micro-averaged |
//! | `summary.fixed`, `summary.broken` | integer | sums |
//! | `summary.errors_removed` | number | `1 - wer_after / wer_before` (0 when `wer_before` is 0) |
//! | `summary.bytes`, `summary.seconds`, `summary.mb_per_s` | number | damaged bytes cleaned, wall seconds of cleaning, 10^6 bytes per second |
//! | `summary.residue` | [`Residue`] | the pairs' `residue`, summed (all zero in a report saved before it existed) |
//! | `summary.rules` | object | the pairs' `rules`, summed (empty in a report saved before it existed) |
//! | `languages` | object | language code (`da+nb` for documents in two, or `unknown`) → [`LangSummary`]: `pairs`, `words`, `cer_before`, `cer_after`, `wer_before`, `wer_after`, `fixed`, `broken`, micro-averaged over that language's pairs |
//! | `clean_text` | [`CleanReport`] or null | the cleaner run on the gold texts: `words`, `changed`, `per_5000` (changed words per 5,000), `examples` (`name: before -> after`, at most 20), `rules` (rule name → the cleaner's edits of the correct texts) |
//! | `fields` | [`FieldsReport`](fields::FieldsReport) or null | field scores, see [`fields`] |
//! | `fields.documents[]` | object | `name`, `input` (the document file read, relative to the folder), `error` (optional), `scores` (field → counts), `misses` (at most 20 `field: missed key` / `field: spurious key` lines) |
//! | `fields.summary` | object | field → counts summed over documents, plus `all` (every field together) |
//! | counts | object | `gold`, `predicted`, `matched` (integers), `precision`, `recall`, `f1` (numbers) |
//!
//! Example (shortened; the numbers are illustrative):
//! ```json
//! {
//!   "schema": "rensa.eval/1",
//!   "settings": { "lang": "auto", "min_confidence": 0.6, "pairs_dir": "fixtures/pairs/seed" },
//!   "pairs": [ { "name": "seed004", "lang": "sv", "words": 702, "chars": 4981,
//!                "cer_before": 0.0376, "cer_after": 0.0056, "wer_before": 0.2835,
//!                "wer_after": 0.0399, "fixed": 173, "broken": 2, "edits": 190 } ],
//!   "summary": { "pairs": 1, "words": 702, "wer_after": 0.0399, "mb_per_s": 0.29, "...": "..." },
//!   "languages": { "sv": { "pairs": 1, "words": 702, "wer_after": 0.0399, "...": "..." } },
//!   "clean_text": { "words": 702, "changed": 0, "per_5000": 0.0, "examples": [] },
//!   "fields": null
//! }
//! ```
//!
//! # Example
//! ```
//! let s = rensa_eval::score("t", "frdn mote", "från möte", "från möte", None);
//! assert_eq!((s.fixed, s.broken), (2, 0));
//! assert_eq!(s.wer_after, 0.0);
//! ```

pub mod baseline;
mod distance;
pub mod fields;
pub mod html;
pub mod residue;
pub mod rules;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

use rayon::prelude::*;
use rensa_core::Edit;
use serde::{Deserialize, Serialize};

pub use distance::levenshtein;

pub use residue::Residue;
pub use rules::RuleScore;

/// The report format tag written into every report.
pub const SCHEMA: &str = "rensa.eval/1";

/// Scores of one pair.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PairScore {
    /// Pair name (path below the pairs folder, without `.ocr.txt`).
    pub name: String,
    /// Language: from a `sv-`/`nb-`/`nn-`/`da-` name prefix, else as detected by the cleaner.
    #[serde(default)]
    pub lang: Option<String>,
    /// Gold words.
    pub words: usize,
    /// Gold characters (whitespace folded).
    pub chars: usize,
    /// CER of the damaged text.
    pub cer_before: f64,
    /// CER of the cleaned text.
    pub cer_after: f64,
    /// WER of the damaged text.
    pub wer_before: f64,
    /// WER of the cleaned text.
    pub wer_after: f64,
    /// Gold words wrong before, right after.
    pub fixed: usize,
    /// Gold words right before, wrong after.
    pub broken: usize,
    /// Edits the cleaner made.
    #[serde(default)]
    pub edits: usize,
    /// The word errors left after cleaning, by kind.
    #[serde(default)]
    pub residue: Residue,
    /// The edits by rule, with the words they fixed and broke (see [`rules`]).
    #[serde(default)]
    pub rules: BTreeMap<String, RuleScore>,
    /// Error message if cleaning failed.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub error: Option<String>,
}

/// Totals over pairs (micro-averaged: sums of edits over sums of gold units).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    /// Pairs evaluated.
    pub pairs: usize,
    /// Gold words.
    pub words: usize,
    /// CER before.
    pub cer_before: f64,
    /// CER after.
    pub cer_after: f64,
    /// WER before.
    pub wer_before: f64,
    /// WER after.
    pub wer_after: f64,
    /// Words fixed.
    pub fixed: usize,
    /// Words broken.
    pub broken: usize,
    /// Share of word errors removed: 1 - wer_after / wer_before.
    pub errors_removed: f64,
    /// Damaged bytes cleaned.
    pub bytes: u64,
    /// Seconds spent cleaning.
    pub seconds: f64,
    /// Throughput of cleaning in MB/s (10^6 bytes).
    pub mb_per_s: f64,
    /// The word errors left after cleaning, by kind, summed over pairs.
    #[serde(default)]
    pub residue: Residue,
    /// The pairs' `rules`, summed.
    #[serde(default)]
    pub rules: BTreeMap<String, RuleScore>,
}

/// Totals over the pairs of one language (micro-averaged).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LangSummary {
    /// Pairs.
    pub pairs: usize,
    /// Gold words.
    pub words: usize,
    /// CER before.
    pub cer_before: f64,
    /// CER after.
    pub cer_after: f64,
    /// WER before.
    pub wer_before: f64,
    /// WER after.
    pub wer_after: f64,
    /// Words fixed.
    pub fixed: usize,
    /// Words broken.
    pub broken: usize,
}

/// An evaluation report: the `rensa.eval/1` format described in the crate docs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// Report format tag, [`SCHEMA`].
    pub schema: String,
    /// How the run was made, as the caller states it (not compared).
    #[serde(default)]
    pub settings: BTreeMap<String, serde_json::Value>,
    /// Per pair.
    #[serde(default)]
    pub pairs: Vec<PairScore>,
    /// Totals over pairs.
    #[serde(default)]
    pub summary: Option<Summary>,
    /// Totals per language.
    #[serde(default)]
    pub languages: BTreeMap<String, LangSummary>,
    /// The cleaner on correct text.
    #[serde(default)]
    pub clean_text: Option<CleanReport>,
    /// Field scores.
    #[serde(default)]
    pub fields: Option<fields::FieldsReport>,
}

impl Report {
    /// An empty report with the current schema tag.
    pub fn new(settings: BTreeMap<String, serde_json::Value>) -> Report {
        Report {
            schema: SCHEMA.to_string(),
            settings,
            pairs: Vec::new(),
            summary: None,
            languages: BTreeMap::new(),
            clean_text: None,
            fields: None,
        }
    }

    /// Fills the pair sections from a pairs run.
    pub fn set_pairs(&mut self, run: &PairsRun) {
        self.pairs = run.pairs.clone();
        self.summary = Some(run.summary.clone());
        self.languages = by_language(&run.pairs);
    }

    /// Reads a saved report, checking its schema tag.
    pub fn load(path: &Path) -> Result<Report, EvalError> {
        let bytes = std::fs::read(path).map_err(|source| EvalError::Io {
            path: path.to_path_buf(),
            source,
        })?;
        let v: serde_json::Value =
            serde_json::from_slice(&bytes).map_err(|source| EvalError::Json {
                path: path.to_path_buf(),
                source,
            })?;
        let found = v.get("schema").and_then(|s| s.as_str()).unwrap_or("");
        if found != SCHEMA {
            return Err(EvalError::Schema {
                path: path.to_path_buf(),
                found: found.to_string(),
            });
        }
        serde_json::from_value(v).map_err(|source| EvalError::Json {
            path: path.to_path_buf(),
            source,
        })
    }
}

/// Errors of this crate: finding and reading pairs, field files and reports.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum EvalError {
    /// A file or folder could not be read.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// What went wrong.
        source: std::io::Error,
    },
    /// A damaged file has no gold file beside it.
    #[error("{}: no gold file {}", path.display(), gold.display())]
    MissingGold {
        /// The damaged file.
        path: PathBuf,
        /// The gold file that should be there.
        gold: PathBuf,
    },
    /// A gold file has no damaged file beside it.
    #[error("{}: no damaged file {}", path.display(), damaged.display())]
    MissingDamaged {
        /// The gold file.
        path: PathBuf,
        /// The damaged file that should be there.
        damaged: PathBuf,
    },
    /// A folder holds no pairs.
    #[error("{}: no NAME.ocr.txt / NAME.gold.txt pairs found", dir.display())]
    NoPairs {
        /// The folder.
        dir: PathBuf,
    },
    /// A folder holds no gold field files.
    #[error("{}: no NAME.fields.json files found", dir.display())]
    NoFieldFiles {
        /// The folder.
        dir: PathBuf,
    },
    /// A gold field file has no document beside it.
    #[error(
        "{}: no document beside it (NAME.ocr.txt, NAME.txt, NAME.gold.txt or NAME.<lang>.txt)",
        path.display()
    )]
    NoDocument {
        /// The gold field file.
        path: PathBuf,
    },
    /// A JSON file does not parse or does not have the expected shape.
    #[error("{}: {source}", path.display())]
    Json {
        /// The file.
        path: PathBuf,
        /// What went wrong.
        source: serde_json::Error,
    },
    /// A saved report is of another format.
    #[error("{}: schema {found:?} is not {SCHEMA:?}", path.display())]
    Schema {
        /// The file.
        path: PathBuf,
        /// The tag found (empty if none).
        found: String,
    },
}

/// A damaged/gold pair on disk.
#[derive(Debug, Clone)]
pub struct Pair {
    /// Name (file stem without `.ocr.txt`).
    pub name: String,
    /// The damaged file.
    pub ocr: PathBuf,
    /// The gold file.
    pub gold: PathBuf,
}

/// Finds `*.ocr.txt` files with a `*.gold.txt` beside them, recursively, sorted by path. A damaged
/// file without gold (or gold without damaged) is an error: a silently skipped pair would make
/// the numbers lie.
pub fn find_pairs(dir: &Path) -> Result<Vec<Pair>, EvalError> {
    let files = list_files(dir)?;
    let mut pairs = Vec::new();
    for f in &files {
        let name = file_name(f);
        if let Some(stem) = name.strip_suffix(".ocr.txt") {
            let gold = f.with_file_name(format!("{stem}.gold.txt"));
            if !gold.is_file() {
                return Err(EvalError::MissingGold {
                    path: f.clone(),
                    gold,
                });
            }
            pairs.push(Pair {
                name: rel_name(dir, f, stem),
                ocr: f.clone(),
                gold,
            });
        } else if let Some(stem) = name.strip_suffix(".gold.txt") {
            let damaged = f.with_file_name(format!("{stem}.ocr.txt"));
            if !damaged.is_file() {
                return Err(EvalError::MissingDamaged {
                    path: f.clone(),
                    damaged,
                });
            }
        }
    }
    if pairs.is_empty() {
        return Err(EvalError::NoPairs {
            dir: dir.to_path_buf(),
        });
    }
    Ok(pairs)
}

/// Every file below `dir`, sorted.
pub(crate) fn list_files(dir: &Path) -> Result<Vec<PathBuf>, EvalError> {
    let mut files = Vec::new();
    collect(dir, &mut files).map_err(|source| EvalError::Io {
        path: dir.to_path_buf(),
        source,
    })?;
    files.sort();
    Ok(files)
}

pub(crate) fn file_name(p: &Path) -> String {
    p.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// `sub/dir/stem` for a file below `dir`.
pub(crate) fn rel_name(dir: &Path, f: &Path, stem: &str) -> String {
    let rel = f
        .parent()
        .and_then(|p| p.strip_prefix(dir).ok())
        .map(|p| p.to_string_lossy().into_owned())
        .unwrap_or_default();
    if rel.is_empty() {
        stem.to_string()
    } else {
        format!("{rel}/{stem}")
    }
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for e in std::fs::read_dir(dir)? {
        let e = e?;
        let p = e.path();
        if e.file_type()?.is_dir() {
            collect(&p, out)?;
        } else {
            out.push(p);
        }
    }
    Ok(())
}

/// What a cleaner returns for one document.
#[derive(Debug, Clone, PartialEq)]
pub struct Cleaned {
    /// The decoded original: the text the edits' byte offsets point into.
    pub original: String,
    /// The cleaned text.
    pub text: String,
    /// The edits, sorted and non-overlapping, in original coordinates.
    pub edits: Vec<Edit>,
    /// The language the cleaner used, if it knows.
    pub lang: Option<String>,
}

impl Cleaned {
    /// A cleaner output that changed nothing.
    pub fn unchanged(text: String) -> Cleaned {
        Cleaned {
            original: text.clone(),
            text,
            edits: Vec::new(),
            lang: None,
        }
    }
}

/// The cleaner under test: damaged bytes in, cleaned text and its edits out.
pub type Cleaner<'a> = &'a (dyn Fn(&[u8]) -> Result<Cleaned, String> + Sync);

/// One cleaned pair, kept for reports that show the texts ([`html`]).
#[derive(Debug, Clone)]
pub struct DocView {
    /// Pair name.
    pub name: String,
    /// What the cleaner produced (the damaged text unchanged if it failed).
    pub cleaned: Cleaned,
}

/// The outcome of [`evaluate_pairs`].
#[derive(Debug, Clone)]
pub struct PairsRun {
    /// Per pair, in input order.
    pub pairs: Vec<PairScore>,
    /// Totals.
    pub summary: Summary,
    /// The cleaned texts, in input order.
    pub views: Vec<DocView>,
}

/// The language a pair name announces (`sv-…`, `nb-…`, `nn-…`, `da-…`), if any.
pub fn lang_of_name(name: &str) -> Option<&'static str> {
    let base = name.rsplit('/').next().unwrap_or(name);
    ["sv", "nb", "nn", "da"].into_iter().find(|l| {
        base.strip_prefix(l)
            .is_some_and(|r| r.starts_with(['-', '_', '.']))
    })
}

/// Evaluates pairs.
pub fn evaluate_pairs(pairs: &[Pair], clean: Cleaner<'_>) -> Result<PairsRun, EvalError> {
    let loaded: Vec<(String, Vec<u8>, String)> = pairs
        .iter()
        .map(|p| {
            let ocr = std::fs::read(&p.ocr).map_err(|source| EvalError::Io {
                path: p.ocr.clone(),
                source,
            })?;
            let gold = std::fs::read_to_string(&p.gold).map_err(|source| EvalError::Io {
                path: p.gold.clone(),
                source,
            })?;
            Ok((p.name.clone(), ocr, gold))
        })
        .collect::<Result<_, EvalError>>()?;
    let start = Instant::now();
    let cleaned: Vec<Result<Cleaned, String>> =
        loaded.par_iter().map(|(_, ocr, _)| clean(ocr)).collect();
    let seconds = start.elapsed().as_secs_f64();
    let (scores, views): (Vec<PairScore>, Vec<DocView>) = loaded
        .par_iter()
        .zip(cleaned.into_par_iter())
        .map(|((name, ocr, gold), out)| {
            let ocr_text = String::from_utf8_lossy(ocr).into_owned();
            let (out, error) = match out {
                Ok(c) => (c, None),
                Err(e) => (Cleaned::unchanged(ocr_text.clone()), Some(e)),
            };
            let mut s = score_edits(
                name,
                &ocr_text,
                &out.text,
                gold,
                error,
                Some((&out.original, &out.edits)),
            );
            s.lang = lang_of_name(name)
                .map(str::to_string)
                .or_else(|| out.lang.clone());
            let view = DocView {
                name: name.clone(),
                cleaned: out,
            };
            (s, view)
        })
        .unzip();
    let bytes: u64 = loaded.iter().map(|l| l.1.len() as u64).sum();
    Ok(PairsRun {
        summary: summarise(&scores, bytes, seconds),
        pairs: scores,
        views,
    })
}

/// Result of running the cleaner on correct text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CleanReport {
    /// Words of correct text.
    pub words: usize,
    /// Words the cleaner changed.
    pub changed: usize,
    /// Changed words per 5,000.
    pub per_5000: f64,
    /// Examples `name: before -> after` (at most 20).
    pub examples: Vec<String>,
    /// The cleaner's edits of the correct texts, by rule (an edit merged from several rules
    /// counts for each).
    #[serde(default)]
    pub rules: BTreeMap<String, usize>,
}

/// Runs the cleaner on the gold texts and counts words it changed.
pub fn evaluate_clean(pairs: &[Pair], clean: Cleaner<'_>) -> Result<CleanReport, EvalError> {
    let mut words = 0;
    let mut changed = 0;
    let mut examples = Vec::new();
    let mut rule_edits: BTreeMap<String, usize> = BTreeMap::new();
    for p in pairs {
        let gold = std::fs::read(&p.gold).map_err(|source| EvalError::Io {
            path: p.gold.clone(),
            source,
        })?;
        let g = String::from_utf8_lossy(&gold).into_owned();
        let out = match clean(&gold) {
            Ok(c) => {
                for rule in c.edits.iter().flat_map(|e| rules::names(&e.rule)) {
                    *rule_edits.entry(rule.to_string()).or_default() += 1;
                }
                c.text
            }
            Err(_) => g.clone(),
        };
        let a: Vec<&str> = g.split_whitespace().collect();
        let b: Vec<&str> = out.split_whitespace().collect();
        words += a.len();
        let (_, ops) = align(&a, &b);
        for (i, j) in ops {
            match (i, j) {
                (Some(i), Some(j)) if a[i] == b[j] => {}
                (Some(i), j) => {
                    changed += 1;
                    if examples.len() < 20 {
                        examples.push(format!(
                            "{}: {} -> {}",
                            p.name,
                            a[i],
                            j.map_or("", |j| b[j])
                        ));
                    }
                }
                (None, _) => {}
            }
        }
    }
    Ok(CleanReport {
        words,
        changed,
        per_5000: if words == 0 {
            0.0
        } else {
            changed as f64 * 5000.0 / words as f64
        },
        examples,
        rules: rule_edits,
    })
}

/// Micro-averaged (words, chars, cer_before, cer_after, wer_before, wer_after).
fn micro(scores: &[&PairScore]) -> (usize, usize, [f64; 4]) {
    let words: usize = scores.iter().map(|s| s.words).sum();
    let chars: usize = scores.iter().map(|s| s.chars).sum();
    let wsum = |f: fn(&PairScore) -> f64| -> f64 {
        scores.iter().map(|s| f(s) * s.words as f64).sum::<f64>() / words.max(1) as f64
    };
    let csum = |f: fn(&PairScore) -> f64| -> f64 {
        scores.iter().map(|s| f(s) * s.chars as f64).sum::<f64>() / chars.max(1) as f64
    };
    (
        words,
        chars,
        [
            csum(|s| s.cer_before),
            csum(|s| s.cer_after),
            wsum(|s| s.wer_before),
            wsum(|s| s.wer_after),
        ],
    )
}

fn summarise(scores: &[PairScore], bytes: u64, seconds: f64) -> Summary {
    let refs: Vec<&PairScore> = scores.iter().collect();
    let (words, _, [cer_before, cer_after, wer_before, wer_after]) = micro(&refs);
    Summary {
        pairs: scores.len(),
        words,
        cer_before,
        cer_after,
        wer_before,
        wer_after,
        fixed: scores.iter().map(|s| s.fixed).sum(),
        broken: scores.iter().map(|s| s.broken).sum(),
        errors_removed: if wer_before > 0.0 {
            1.0 - wer_after / wer_before
        } else {
            0.0
        },
        bytes,
        seconds,
        mb_per_s: if seconds > 0.0 {
            bytes as f64 / 1e6 / seconds
        } else {
            0.0
        },
        residue: scores.iter().fold(Residue::default(), |mut r, s| {
            r.add(&s.residue);
            r
        }),
        rules: rules::sum(scores.iter().map(|s| &s.rules)),
    }
}

/// Totals per language (`unknown` for pairs without one), sorted by language code.
pub fn by_language(scores: &[PairScore]) -> BTreeMap<String, LangSummary> {
    let mut groups: BTreeMap<String, Vec<&PairScore>> = BTreeMap::new();
    for s in scores {
        let lang = s.lang.clone().unwrap_or_else(|| "unknown".to_string());
        groups.entry(lang).or_default().push(s);
    }
    groups
        .into_iter()
        .map(|(lang, g)| {
            let (words, _, [cer_before, cer_after, wer_before, wer_after]) = micro(&g);
            let sum = LangSummary {
                pairs: g.len(),
                words,
                cer_before,
                cer_after,
                wer_before,
                wer_after,
                fixed: g.iter().map(|s| s.fixed).sum(),
                broken: g.iter().map(|s| s.broken).sum(),
            };
            (lang, sum)
        })
        .collect()
}

/// Scores one pair.
pub fn score(
    name: &str,
    damaged: &str,
    cleaned: &str,
    gold: &str,
    error: Option<String>,
) -> PairScore {
    score_edits(name, damaged, cleaned, gold, error, None)
}

/// [`score`], and with `edits` (the text they point into and the edits) the pair's `edits`
/// count and its [`rules`].
pub fn score_edits(
    name: &str,
    damaged: &str,
    cleaned: &str,
    gold: &str,
    error: Option<String>,
    edits: Option<(&str, &[Edit])>,
) -> PairScore {
    let g: Vec<&str> = gold.split_whitespace().collect();
    let d: Vec<&str> = damaged.split_whitespace().collect();
    let c: Vec<&str> = cleaned.split_whitespace().collect();
    let (wd, ops_d) = align(&g, &d);
    let (wc, ops_c) = align(&g, &c);
    let right = |ops: &[Step], other: &[&str]| -> Vec<bool> {
        let mut r = vec![false; g.len()];
        for &(i, j) in ops {
            if let (Some(i), Some(j)) = (i, j) {
                r[i] = g[i] == other[j];
            }
        }
        r
    };
    let rd = right(&ops_d, &d);
    let rc = right(&ops_c, &c);
    let fixed = rd.iter().zip(&rc).filter(|(a, b)| !**a && **b).count();
    let broken = rd.iter().zip(&rc).filter(|(a, b)| **a && !**b).count();
    let rule_scores = edits.map_or_else(BTreeMap::new, |(original, edits)| {
        // The edits point into `original`, the decoded damaged text; it is `damaged` itself
        // unless decoding changed it, when its words are lined up with the gold words anew.
        let realigned;
        let ops = if original == damaged {
            &ops_d
        } else {
            let o: Vec<&str> = original.split_whitespace().collect();
            realigned = align(&g, &o).1;
            &realigned
        };
        let spans = rules::word_spans(original);
        let mut fates = vec![rules::WordFate::Other; spans.len()];
        for &(i, j) in ops {
            if let (Some(i), Some(j)) = (i, j) {
                fates[j] = match (rd[i], rc[i]) {
                    (false, true) => rules::WordFate::Fixed,
                    (true, false) => rules::WordFate::Broken,
                    _ => rules::WordFate::Other,
                };
            }
        }
        rules::credit(&spans, &fates, edits)
    });
    let gf: Vec<char> = fold_ws(gold).chars().collect();
    let df: Vec<char> = fold_ws(damaged).chars().collect();
    let cf: Vec<char> = fold_ws(cleaned).chars().collect();
    let n = g.len().max(1) as f64;
    let m = gf.len().max(1) as f64;
    PairScore {
        name: name.to_string(),
        lang: None,
        words: g.len(),
        chars: gf.len(),
        cer_before: levenshtein(&gf, &df) as f64 / m,
        cer_after: levenshtein(&gf, &cf) as f64 / m,
        wer_before: wd as f64 / n,
        wer_after: wc as f64 / n,
        fixed,
        broken,
        edits: edits.map_or(0, |(_, e)| e.len()),
        residue: residue::count(&g, &c, &ops_c),
        rules: rule_scores,
        error,
    }
}

fn fold_ws(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// One step of an alignment: indices into the two sequences (`None` = inserted or deleted).
pub type Step = (Option<usize>, Option<usize>);

/// Word alignment: the edit distance and the aligned index pairs.
pub fn align<T: PartialEq>(a: &[T], b: &[T]) -> (usize, Vec<Step>) {
    let (n, m) = (a.len(), b.len());
    let mut d = vec![0u32; (n + 1) * (m + 1)];
    let w = m + 1;
    for i in 0..=n {
        d[i * w] = i as u32;
    }
    for (j, cell) in d.iter_mut().enumerate().take(m + 1) {
        *cell = j as u32;
    }
    for i in 1..=n {
        for j in 1..=m {
            let sub = d[(i - 1) * w + j - 1] + u32::from(a[i - 1] != b[j - 1]);
            d[i * w + j] = sub.min(d[(i - 1) * w + j] + 1).min(d[i * w + j - 1] + 1);
        }
    }
    let mut ops = Vec::with_capacity(n.max(m));
    let (mut i, mut j) = (n, m);
    while i > 0 || j > 0 {
        if i > 0
            && j > 0
            && d[i * w + j] == d[(i - 1) * w + j - 1] + u32::from(a[i - 1] != b[j - 1])
        {
            ops.push((Some(i - 1), Some(j - 1)));
            i -= 1;
            j -= 1;
        } else if i > 0 && d[i * w + j] == d[(i - 1) * w + j] + 1 {
            ops.push((Some(i - 1), None));
            i -= 1;
        } else {
            ops.push((None, Some(j - 1)));
            j -= 1;
        }
    }
    ops.reverse();
    (d[n * w + m] as usize, ops)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn scores_fixed_and_broken_words() {
        let s = score(
            "t",
            "frdn mote med har",
            "från möte med här",
            "från möte med har",
            None,
        );
        assert_eq!(s.words, 4);
        assert!((s.wer_before - 0.5).abs() < 1e-9);
        assert!((s.wer_after - 0.25).abs() < 1e-9);
        assert_eq!(s.fixed, 2);
        assert_eq!(s.broken, 1);
    }

    #[test]
    fn edits_are_credited_to_their_rules() {
        let e = |start: usize, end: usize, to: &str, rule: &str| Edit {
            start,
            end,
            from: String::new(),
            to: to.to_string(),
            kind: rensa_core::EditKind::Ocr,
            rule: rule.to_string(),
            confidence: 0.9,
        };
        let damaged = "frdn mote med har";
        let edits = [e(2, 3, "å", "a"), e(6, 7, "ö", "a"), e(15, 16, "ä", "b")];
        let s = score_edits(
            "t",
            damaged,
            "från möte med här",
            "från möte med har",
            None,
            Some((damaged, &edits)),
        );
        assert_eq!((s.fixed, s.broken, s.edits), (2, 1, 3));
        let r = |k: &str| s.rules[k];
        assert_eq!(
            r("a"),
            RuleScore {
                edits: 2,
                fixed: 2,
                broken: 0
            }
        );
        assert_eq!(
            r("b"),
            RuleScore {
                edits: 1,
                fixed: 0,
                broken: 1
            }
        );
        // Edits into a text that decoding changed are laid over its own words.
        let original = "frdn  m\u{f6}te med har";
        let s = score_edits(
            "t",
            "frdn mÃ¶te med har",
            "från möte med har",
            "från möte med har",
            None,
            Some((original, &[e(2, 3, "å", "a")])),
        );
        assert_eq!(s.rules["a"].fixed, 1);
        // Without edits, no rules.
        assert!(score("t", damaged, damaged, damaged, None).rules.is_empty());
    }

    #[test]
    fn levenshtein_counts_edits() {
        let a: Vec<char> = "kitten".chars().collect();
        let b: Vec<char> = "sitting".chars().collect();
        assert_eq!(levenshtein(&a, &b), 3);
        assert_eq!(align(&["a", "b"], &["a", "c", "b"]).0, 1);
    }

    #[test]
    fn language_from_name_prefix() {
        assert_eq!(lang_of_name("sv-kf-dagordning-eng"), Some("sv"));
        assert_eq!(lang_of_name("sub/nn-motebok"), Some("nn"));
        assert_eq!(lang_of_name("seed004"), None);
        assert_eq!(lang_of_name("svenska"), None);
    }

    #[test]
    fn languages_are_micro_averaged() {
        let mut a = score("sv-a", "x y", "x y", "x z", None);
        a.lang = Some("sv".into());
        let mut b = score("sv-b", "x y z w", "x y z w", "x y z w", None);
        b.lang = Some("sv".into());
        let c = score("c", "q", "q", "r", None);
        let l = by_language(&[a, b, c]);
        assert_eq!(l.keys().collect::<Vec<_>>(), ["sv", "unknown"]);
        assert_eq!(l["sv"].words, 6);
        assert!((l["sv"].wer_after - 1.0 / 6.0).abs() < 1e-9);
    }

    #[test]
    fn report_round_trips_and_checks_schema() {
        let dir = std::env::temp_dir().join(format!("rensa-eval-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let p = dir.join("r.json");
        let r = Report::new(BTreeMap::new());
        std::fs::write(&p, serde_json::to_vec(&r).unwrap()).unwrap();
        assert_eq!(Report::load(&p).unwrap(), r);
        std::fs::write(&p, br#"{"schema": "other/2"}"#).unwrap();
        let e = Report::load(&p).unwrap_err();
        assert!(matches!(e, EvalError::Schema { .. }), "{e}");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
