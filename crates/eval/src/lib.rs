//! Measures what cleaning does to damaged text with known truth.
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
//! - **clean-text changes**: [`evaluate_clean`] runs the cleaner on gold texts themselves and
//!   counts words changed: the false-change rate on correct text.
//!
//! Throughput is the damaged bytes over the wall time of cleaning only.
//!
//! # What this crate does not do
//! It does not clean: the caller passes a cleaner, so the metrics do not depend on the pipeline.

use std::path::{Path, PathBuf};
use std::time::Instant;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

/// Scores of one pair.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PairScore {
    /// Pair name (file stem).
    pub name: String,
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
}

/// A pair evaluation report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// Report format tag.
    pub schema: String,
    /// Per pair.
    pub pairs: Vec<PairScore>,
    /// Totals.
    pub summary: Summary,
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

/// Errors finding pairs.
#[derive(Debug)]
pub struct PairsError(pub String);

impl std::fmt::Display for PairsError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for PairsError {}

/// Finds `*.ocr.txt` files with a `*.gold.txt` beside them, recursively, sorted by path. A damaged
/// file without gold (or gold without damaged) is an error: a silently skipped pair would make
/// the numbers lie.
pub fn find_pairs(dir: &Path) -> Result<Vec<Pair>, PairsError> {
    let mut files = Vec::new();
    collect(dir, &mut files).map_err(|e| PairsError(format!("{}: {e}", dir.display())))?;
    files.sort();
    let mut pairs = Vec::new();
    for f in &files {
        let name = f
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if let Some(stem) = name.strip_suffix(".ocr.txt") {
            let gold = f.with_file_name(format!("{stem}.gold.txt"));
            if !gold.is_file() {
                return Err(PairsError(format!(
                    "{}: no gold file {}",
                    f.display(),
                    gold.display()
                )));
            }
            let rel = f
                .parent()
                .and_then(|p| p.strip_prefix(dir).ok())
                .map(|p| p.to_string_lossy().into_owned())
                .unwrap_or_default();
            let name = if rel.is_empty() {
                stem.to_string()
            } else {
                format!("{rel}/{stem}")
            };
            pairs.push(Pair {
                name,
                ocr: f.clone(),
                gold,
            });
        } else if let Some(stem) = name.strip_suffix(".gold.txt") {
            let ocr = f.with_file_name(format!("{stem}.ocr.txt"));
            if !ocr.is_file() {
                return Err(PairsError(format!(
                    "{}: no damaged file {}",
                    f.display(),
                    ocr.display()
                )));
            }
        }
    }
    if pairs.is_empty() {
        return Err(PairsError(format!(
            "{}: no NAME.ocr.txt / NAME.gold.txt pairs found",
            dir.display()
        )));
    }
    Ok(pairs)
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

/// The cleaner under test: damaged bytes in, cleaned text out.
pub type Cleaner<'a> = &'a (dyn Fn(&[u8]) -> Result<String, String> + Sync);

/// Evaluates pairs.
pub fn evaluate_pairs(pairs: &[Pair], clean: Cleaner<'_>) -> Result<Report, PairsError> {
    let loaded: Vec<(String, Vec<u8>, String)> = pairs
        .iter()
        .map(|p| {
            let ocr = std::fs::read(&p.ocr)
                .map_err(|e| PairsError(format!("{}: {e}", p.ocr.display())))?;
            let gold = std::fs::read_to_string(&p.gold)
                .map_err(|e| PairsError(format!("{}: {e}", p.gold.display())))?;
            Ok((p.name.clone(), ocr, gold))
        })
        .collect::<Result<_, PairsError>>()?;
    let start = Instant::now();
    let cleaned: Vec<Result<String, String>> =
        loaded.par_iter().map(|(_, ocr, _)| clean(ocr)).collect();
    let seconds = start.elapsed().as_secs_f64();
    let scores: Vec<PairScore> = loaded
        .par_iter()
        .zip(cleaned.par_iter())
        .map(|((name, ocr, gold), out)| {
            let ocr_text = String::from_utf8_lossy(ocr);
            match out {
                Ok(text) => score(name, &ocr_text, text, gold, None),
                Err(e) => score(name, &ocr_text, &ocr_text, gold, Some(e.clone())),
            }
        })
        .collect();
    let bytes: u64 = loaded.iter().map(|l| l.1.len() as u64).sum();
    Ok(Report {
        schema: "rensa.eval/1".to_string(),
        summary: summarise(&scores, bytes, seconds),
        pairs: scores,
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
}

/// Runs the cleaner on the gold texts and counts words it changed.
pub fn evaluate_clean(pairs: &[Pair], clean: Cleaner<'_>) -> Result<CleanReport, PairsError> {
    let mut words = 0;
    let mut changed = 0;
    let mut examples = Vec::new();
    for p in pairs {
        let gold =
            std::fs::read(&p.gold).map_err(|e| PairsError(format!("{}: {e}", p.gold.display())))?;
        let g = String::from_utf8_lossy(&gold).into_owned();
        let out = clean(&gold).unwrap_or_else(|_| g.clone());
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
    })
}

fn summarise(scores: &[PairScore], bytes: u64, seconds: f64) -> Summary {
    let words: usize = scores.iter().map(|s| s.words).sum();
    let chars: usize = scores.iter().map(|s| s.chars).sum();
    let wsum = |f: fn(&PairScore) -> f64| -> f64 {
        scores.iter().map(|s| f(s) * s.words as f64).sum::<f64>() / words.max(1) as f64
    };
    let csum = |f: fn(&PairScore) -> f64| -> f64 {
        scores.iter().map(|s| f(s) * s.chars as f64).sum::<f64>() / chars.max(1) as f64
    };
    let wer_before = wsum(|s| s.wer_before);
    let wer_after = wsum(|s| s.wer_after);
    Summary {
        pairs: scores.len(),
        words,
        cer_before: csum(|s| s.cer_before),
        cer_after: csum(|s| s.cer_after),
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
    }
}

/// Scores one pair.
pub fn score(
    name: &str,
    damaged: &str,
    cleaned: &str,
    gold: &str,
    error: Option<String>,
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
    let gf: Vec<char> = fold_ws(gold).chars().collect();
    let df: Vec<char> = fold_ws(damaged).chars().collect();
    let cf: Vec<char> = fold_ws(cleaned).chars().collect();
    let n = g.len().max(1) as f64;
    let m = gf.len().max(1) as f64;
    PairScore {
        name: name.to_string(),
        words: g.len(),
        chars: gf.len(),
        cer_before: levenshtein(&gf, &df) as f64 / m,
        cer_after: levenshtein(&gf, &cf) as f64 / m,
        wer_before: wd as f64 / n,
        wer_after: wc as f64 / n,
        fixed,
        broken,
        error,
    }
}

fn fold_ws(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Edit distance between two sequences (two rows, O(n·m) time).
pub fn levenshtein<T: PartialEq>(a: &[T], b: &[T]) -> usize {
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, x) in a.iter().enumerate() {
        cur[0] = i + 1;
        for (j, y) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(x != y);
            cur[j + 1] = sub.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
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
    fn levenshtein_counts_edits() {
        let a: Vec<char> = "kitten".chars().collect();
        let b: Vec<char> = "sitting".chars().collect();
        assert_eq!(levenshtein(&a, &b), 3);
        assert_eq!(align(&["a", "b"], &["a", "c", "b"]).0, 1);
    }
}
