//! The OCR confusion model: how likely an engine without the language model is to print `ocr`
//! where the page said `truth`.
//!
//! The weights come from `data/confusions.tsv`, estimated by
//! `scripts/ocr-pairs/estimate_confusions.py` from the *dev* split of the Tesseract pairs in
//! `fixtures/pairs/` (the test split is never used), merged with a small built-in table of
//! confusions documented in `shared/NOTES.md` measurements and common OCR glyph confusions
//! (`rn`/`m`, `cl`/`d`), which the estimate may not have seen often enough. Where both give a
//! weight, the larger wins: the synthetic pairs come from three fonts, and real scans show
//! confusions they rarely produce (the damaged seed turns `ä` into `i` far more often than the
//! synthetic pages do).

use std::collections::HashMap;

/// One confusion: the page had `truth`, the engine printed `ocr`.
#[derive(Debug, Clone, PartialEq)]
pub struct Confusion {
    /// Lowercase text on the page.
    pub truth: String,
    /// Lowercase text the engine printed.
    pub ocr: Vec<char>,
    /// ln P(ocr | truth).
    pub logp: f32,
    /// Whether the ocr side contains a digit (digits inside words are near-certain damage, so
    /// they do not pay the document's damage prior).
    pub digit: bool,
}

/// Confusions indexed by the first OCR character.
#[derive(Debug, Clone, Default)]
pub struct ConfusionModel {
    by_first: HashMap<char, Vec<Confusion>>,
}

/// Built-in weights, P(ocr | truth), used where the estimate has nothing.
const BUILTIN: &[(&str, &str, f32)] = &[
    ("ä", "a", 0.40),
    ("ä", "i", 0.08),
    ("ä", "d", 0.04),
    ("ä", "é", 0.04),
    ("ä", "4", 0.04),
    ("ä", "da", 0.02),
    ("ä", "á", 0.02),
    ("ä", "e", 0.01),
    ("å", "a", 0.45),
    ("å", "d", 0.04),
    ("å", "i", 0.05),
    ("å", "4", 0.02),
    ("å", "ia", 0.01),
    ("å", "á", 0.02),
    ("å", "â", 0.02),
    ("ö", "é", 0.25),
    ("ö", "o", 0.25),
    ("ö", "6", 0.06),
    ("ö", "d", 0.03),
    ("ö", "oé", 0.02),
    ("ö", "éo", 0.02),
    ("ö", "ó", 0.02),
    ("ö", "0", 0.01),
    ("ö", "e", 0.01),
    ("æ", "ee", 0.20),
    ("æ", "ae", 0.30),
    ("æ", "ze", 0.08),
    ("æ", "a", 0.05),
    ("æ", "e", 0.05),
    ("ø", "o", 0.40),
    ("ø", "0", 0.04),
    ("ø", "é", 0.04),
    ("ø", "d", 0.02),
    ("é", "e", 0.30),
    ("ü", "u", 0.30),
    ("i", "1", 0.01),
    ("l", "1", 0.01),
    ("i", "l", 0.003),
    ("l", "i", 0.003),
    ("f", "t", 0.005),
    ("i", "t", 0.002),
    ("m", "rn", 0.005),
    ("d", "cl", 0.003),
    ("o", "0", 0.003),
];

impl ConfusionModel {
    /// The model shipped with rensa: the estimate from `data/confusions.tsv` plus the built-in
    /// table.
    pub fn embedded() -> ConfusionModel {
        ConfusionModel::from_tsv(include_str!("../data/confusions.tsv"))
    }

    /// Parses `truth<TAB>ocr<TAB>count<TAB>prob` lines (a header line and `#` comments are
    /// skipped) and merges the built-in table under them.
    pub fn from_tsv(tsv: &str) -> ConfusionModel {
        let mut weights: HashMap<(String, String), f32> = HashMap::new();
        for &(t, o, p) in BUILTIN {
            weights.insert((t.to_string(), o.to_string()), p);
        }
        for line in tsv.lines() {
            if line.starts_with('#') || line.starts_with("truth\t") {
                continue;
            }
            let cols: Vec<&str> = line.split('\t').collect();
            if cols.len() < 4 {
                continue;
            }
            let (truth, ocr) = (cols[0].to_lowercase(), cols[1].to_lowercase());
            let count: f32 = cols[2].parse().unwrap_or(0.0);
            let Ok(p) = cols[3].parse::<f32>() else {
                continue;
            };
            // Only substitutions seen at least twice, that change at most two characters on
            // either side, and never deletions or insertions of whole letters.
            if count < 2.0
                || truth.is_empty()
                || ocr.is_empty()
                || truth == ocr
                || truth.chars().count() > 2
                || ocr.chars().count() > 2
                || !(0.0..=1.0).contains(&p)
                || ocr.chars().any(char::is_whitespace)
                || truth.chars().any(|c| !c.is_alphabetic())
            {
                continue;
            }
            let w = weights.entry((truth, ocr)).or_insert(0.0);
            *w = w.max(p.max(0.001));
        }
        let mut by_first: HashMap<char, Vec<Confusion>> = HashMap::new();
        for ((truth, ocr), p) in weights {
            let ocr: Vec<char> = ocr.chars().collect();
            let digit = ocr.iter().any(|c| c.is_ascii_digit());
            by_first.entry(ocr[0]).or_default().push(Confusion {
                truth,
                ocr,
                logp: p.ln(),
                digit,
            });
        }
        for v in by_first.values_mut() {
            v.sort_by(|a, b| b.logp.total_cmp(&a.logp).then(a.truth.cmp(&b.truth)));
        }
        ConfusionModel { by_first }
    }

    /// Confusions whose OCR side starts with `c`.
    pub fn starting_with(&self, c: char) -> &[Confusion] {
        self.by_first.get(&c).map_or(&[], Vec::as_slice)
    }

    /// Whether `c` is the OCR side of any confusion (a character worth trying alternatives for).
    pub fn is_suspect(&self, c: char) -> bool {
        self.by_first.contains_key(&c)
    }
}
