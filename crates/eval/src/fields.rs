//! Field scoring: extracted fields against gold field files.
//!
//! A *field case* is a gold file `NAME.fields.json` (the JSON shape of `rensa_extract::Fields`,
//! as `rensa extract` prints it under `fields`) beside the document it describes. The document
//! is the first of these that exists: `NAME.ocr.txt` (damaged; the pipeline cleans it before
//! extracting, which is the point of scoring it), `NAME.txt`, `NAME.gold.txt`, or a single
//! `NAME.<lang>.txt` (the layout of `fixtures/golden/fields/`). So a pairs folder can hold
//! field files too.
//!
//! Both sides are read as plain [`serde_json::Value`]s and reduced to *keys* per field; each
//! field is scored as a multiset of keys (a date mentioned twice must be found twice):
//!
//! | field | key |
//! |---|---|
//! | `dates` | `value` (ISO date); dates whose value is `null` (terms, unknown years) are skipped |
//! | `date_roles` | `value` and `role`: the stricter variant of `dates` |
//! | `times` | `start`–`end` (`end` empty when null) |
//! | `attendees` | `name`, normalised: lowercase, diacritics folded (`ö`, `ø` → `o`, `å`, `æ` → `a`, combining marks dropped), whitespace collapsed |
//! | `agenda` | `time` (empty when null) and the normalised `title` |
//! | `urls` | `url`, lowercase, trailing `/` dropped |
//! | `contacts` | `email`, lowercase; contacts without one are skipped |
//!
//! `matched` is the multiset intersection; precision is `matched / predicted`, recall
//! `matched / gold`, F1 their harmonic mean. An empty denominator counts as perfect (nothing
//! predicted: precision 1; nothing to find: recall 1), so a field absent from both sides scores
//! 1 and a field the extractor misses entirely scores F1 0. `all` pools every field's counts.
//!
//! Not measured: spans, `doc_type`, `title`, `place`, `organizers`, `fee`, `registration`,
//! `decisions`, attendee roles and statuses. Gold files are written by hand or blessed from the
//! extractor and reviewed; a field the gold file lacks counts as empty.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use unicode_normalization::UnicodeNormalization;

use crate::{file_name, list_files, rel_name, EvalError};

/// The fields scored, in report order.
pub const FIELDS: &[&str] = &[
    "dates",
    "date_roles",
    "times",
    "attendees",
    "agenda",
    "urls",
    "contacts",
];

/// Matches of one field (or of all fields pooled).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Counts {
    /// Keys in the gold file.
    pub gold: usize,
    /// Keys extracted.
    pub predicted: usize,
    /// Keys in both (multiset intersection).
    pub matched: usize,
    /// `matched / predicted` (1 when nothing was predicted).
    pub precision: f64,
    /// `matched / gold` (1 when there was nothing to find).
    pub recall: f64,
    /// Harmonic mean of precision and recall (0 when both are 0).
    pub f1: f64,
}

impl Counts {
    /// Counts with their rates computed.
    pub fn new(gold: usize, predicted: usize, matched: usize) -> Counts {
        let precision = if predicted == 0 {
            1.0
        } else {
            matched as f64 / predicted as f64
        };
        let recall = if gold == 0 {
            1.0
        } else {
            matched as f64 / gold as f64
        };
        let f1 = if precision + recall == 0.0 {
            0.0
        } else {
            2.0 * precision * recall / (precision + recall)
        };
        Counts {
            gold,
            predicted,
            matched,
            precision,
            recall,
            f1,
        }
    }

    fn add(self, o: Counts) -> Counts {
        Counts::new(
            self.gold + o.gold,
            self.predicted + o.predicted,
            self.matched + o.matched,
        )
    }
}

/// Field scores of one document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FieldDoc {
    /// Case name (path below the folder, without `.fields.json`).
    pub name: String,
    /// The document read, relative to the folder.
    pub input: String,
    /// Why extraction failed (all fields then count as extracted empty).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub error: Option<String>,
    /// Field → counts.
    pub scores: BTreeMap<String, Counts>,
    /// `field: missed key` and `field: spurious key` lines, at most 20.
    pub misses: Vec<String>,
}

/// Field scores of a run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FieldsReport {
    /// Per document, sorted by path.
    pub documents: Vec<FieldDoc>,
    /// Field → counts over all documents, plus `all`.
    pub summary: BTreeMap<String, Counts>,
}

/// The summary's counts in report order: [`FIELDS`], then any others, then `all`.
pub fn summary_in_order(f: &FieldsReport) -> Vec<(&str, &Counts)> {
    let rank = |k: &str| {
        FIELDS
            .iter()
            .position(|f| *f == k)
            .unwrap_or(if k == "all" { usize::MAX } else { FIELDS.len() })
    };
    let mut v: Vec<(&str, &Counts)> = f.summary.iter().map(|(k, c)| (k.as_str(), c)).collect();
    v.sort_by_key(|(k, _)| rank(k));
    v
}

/// A gold field file and its document.
#[derive(Debug, Clone)]
pub struct FieldCase {
    /// Name (path below the folder, without `.fields.json`).
    pub name: String,
    /// The gold field file.
    pub gold: PathBuf,
    /// The document.
    pub input: PathBuf,
    /// The document relative to the folder.
    pub input_name: String,
}

/// The extractor under test: document bytes in, the `fields` JSON value out.
pub type Extractor<'a> = &'a (dyn Fn(&[u8]) -> Result<Value, String> + Sync);

/// Finds `NAME.fields.json` files and their documents below `dir`, sorted by path.
pub fn find_field_cases(dir: &Path) -> Result<Vec<FieldCase>, EvalError> {
    let files = list_files(dir)?;
    let mut cases = Vec::new();
    for f in &files {
        let name = file_name(f);
        let Some(stem) = name.strip_suffix(".fields.json") else {
            continue;
        };
        let fixed = ["ocr.txt", "txt", "gold.txt"]
            .iter()
            .map(|ext| f.with_file_name(format!("{stem}.{ext}")))
            .find(|p| p.is_file());
        let input = match fixed {
            Some(p) => p,
            None => {
                // NAME.<lang>.txt: exactly one, two lowercase letters.
                let lang: Vec<&PathBuf> = files
                    .iter()
                    .filter(|g| g.parent() == f.parent())
                    .filter(|g| {
                        file_name(g)
                            .strip_prefix(stem)
                            .and_then(|r| r.strip_prefix('.'))
                            .and_then(|r| r.strip_suffix(".txt"))
                            .is_some_and(|l| {
                                l.len() == 2 && l.bytes().all(|b| b.is_ascii_lowercase())
                            })
                    })
                    .collect();
                match lang.as_slice() {
                    [one] => (*one).clone(),
                    _ => return Err(EvalError::NoDocument { path: f.clone() }),
                }
            }
        };
        let input_name = input
            .strip_prefix(dir)
            .map(|p| p.to_string_lossy().into_owned())
            .unwrap_or_else(|_| input.to_string_lossy().into_owned());
        cases.push(FieldCase {
            name: rel_name(dir, f, stem),
            gold: f.clone(),
            input,
            input_name,
        });
    }
    if cases.is_empty() {
        return Err(EvalError::NoFieldFiles {
            dir: dir.to_path_buf(),
        });
    }
    Ok(cases)
}

/// Runs the extractor on every case's document and scores it against the gold file.
pub fn evaluate_fields(
    cases: &[FieldCase],
    extract: Extractor<'_>,
) -> Result<FieldsReport, EvalError> {
    let loaded: Vec<(&FieldCase, Value, Vec<u8>)> = cases
        .iter()
        .map(|c| {
            let gold = std::fs::read(&c.gold).map_err(|source| EvalError::Io {
                path: c.gold.clone(),
                source,
            })?;
            let gold: Value = serde_json::from_slice(&gold).map_err(|source| EvalError::Json {
                path: c.gold.clone(),
                source,
            })?;
            let doc = std::fs::read(&c.input).map_err(|source| EvalError::Io {
                path: c.input.clone(),
                source,
            })?;
            Ok((c, gold, doc))
        })
        .collect::<Result<_, EvalError>>()?;
    let documents: Vec<FieldDoc> = loaded
        .par_iter()
        .map(|(c, gold, doc)| {
            let (pred, error) = match extract(doc) {
                Ok(v) => (v, None),
                Err(e) => (Value::Null, Some(e)),
            };
            let (scores, misses) = score_fields(gold, &pred);
            FieldDoc {
                name: c.name.clone(),
                input: c.input_name.clone(),
                error,
                scores,
                misses,
            }
        })
        .collect();
    let mut summary: BTreeMap<String, Counts> = BTreeMap::new();
    let mut all = Counts::new(0, 0, 0);
    for d in &documents {
        for (k, c) in &d.scores {
            let e = summary.entry(k.clone()).or_insert(Counts::new(0, 0, 0));
            *e = e.add(*c);
            all = all.add(*c);
        }
    }
    summary.insert("all".to_string(), all);
    Ok(FieldsReport { documents, summary })
}

/// Scores one document's extracted fields against its gold fields: field → counts, and up to 20
/// `field: missed key` / `field: spurious key` lines.
pub fn score_fields(gold: &Value, predicted: &Value) -> (BTreeMap<String, Counts>, Vec<String>) {
    let mut scores = BTreeMap::new();
    let mut misses = Vec::new();
    for &field in FIELDS {
        let mut g = keys(field, gold);
        let mut p = keys(field, predicted);
        g.sort();
        p.sort();
        let (mut i, mut j, mut matched) = (0, 0, 0);
        while i < g.len() || j < p.len() {
            let ord = match (g.get(i), p.get(j)) {
                (Some(a), Some(b)) => a.cmp(b),
                (Some(_), None) => std::cmp::Ordering::Less,
                _ => std::cmp::Ordering::Greater,
            };
            match ord {
                std::cmp::Ordering::Equal => {
                    matched += 1;
                    i += 1;
                    j += 1;
                }
                std::cmp::Ordering::Less => {
                    if misses.len() < 20 {
                        misses.push(format!("{field}: missed {}", g[i]));
                    }
                    i += 1;
                }
                std::cmp::Ordering::Greater => {
                    if misses.len() < 20 {
                        misses.push(format!("{field}: spurious {}", p[j]));
                    }
                    j += 1;
                }
            }
        }
        scores.insert(field.to_string(), Counts::new(g.len(), p.len(), matched));
    }
    (scores, misses)
}

/// The comparison keys of one field of a fields value (see the module docs).
pub fn keys(field: &str, fields: &Value) -> Vec<String> {
    let list = |name: &str| -> Vec<&Value> {
        fields
            .get(name)
            .and_then(Value::as_array)
            .map(|a| a.iter().collect())
            .unwrap_or_default()
    };
    let s = |v: &Value, k: &str| -> Option<String> {
        v.get(k).and_then(Value::as_str).map(str::to_string)
    };
    match field {
        "dates" => list("dates").iter().filter_map(|d| s(d, "value")).collect(),
        "date_roles" => list("dates")
            .iter()
            .filter_map(|d| {
                let v = s(d, "value")?;
                Some(format!("{v} {}", s(d, "role").unwrap_or_default()))
            })
            .collect(),
        "times" => list("times")
            .iter()
            .filter_map(|t| {
                let start = s(t, "start")?;
                Some(format!("{start}-{}", s(t, "end").unwrap_or_default()))
            })
            .collect(),
        "attendees" => list("attendees")
            .iter()
            .filter_map(|a| s(a, "name"))
            .map(|n| normalize(&n))
            .filter(|n| !n.is_empty())
            .collect(),
        "agenda" => list("agenda")
            .iter()
            .map(|a| {
                format!(
                    "{} {}",
                    s(a, "time").unwrap_or_default(),
                    normalize(&s(a, "title").unwrap_or_default())
                )
                .trim()
                .to_string()
            })
            .collect(),
        "urls" => list("urls")
            .iter()
            .filter_map(|u| s(u, "url"))
            .map(|u| u.trim_end_matches('/').to_lowercase())
            .collect(),
        "contacts" => list("contacts")
            .iter()
            .filter_map(|c| s(c, "email"))
            .map(|e| e.to_lowercase())
            .collect(),
        _ => Vec::new(),
    }
}

/// Lowercase, diacritics folded, whitespace collapsed: `Per-Åke  Sörman` → `per-ake sorman`.
pub fn normalize(s: &str) -> String {
    let lower = s.to_lowercase();
    let folded = rensa_core::fold_diacritics(&lower);
    let stripped: String = folded
        .nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .collect();
    stripped.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use serde_json::json;

    #[test]
    fn normalizes_names() {
        assert_eq!(normalize("  Per-Åke \n Sörman "), "per-ake sorman");
        assert_eq!(normalize("Bjørn Ærø"), "bjorn aro");
        assert_eq!(normalize("Zoë"), "zoe");
    }

    #[test]
    fn scores_fields_as_multisets() {
        let gold = json!({
            "dates": [{"value": "2020-01-29", "role": "meeting"}, {"value": "2020-01-29", "role": "mentioned"}, {"value": null, "role": "mentioned"}],
            "times": [{"start": "08:00", "end": "12:00"}],
            "attendees": [{"name": "Åse Sundkvist"}, {"name": "Per-Åke Sörman"}],
            "agenda": [{"time": "08:00", "title": "Kaffe  och registrering"}],
            "urls": [{"url": "https://Example.se/"}],
            "contacts": [{"email": "A@b.se"}, {"email": null}]
        });
        let pred = json!({
            "dates": [{"value": "2020-01-29", "role": "meeting"}],
            "times": [{"start": "08:00", "end": null}],
            "attendees": [{"name": "Ase  Sundkvist"}, {"name": "Per-Ake Serman"}],
            "agenda": [{"time": "08:00", "title": "kaffe och registrering"}],
            "urls": [{"url": "https://example.se"}],
            "contacts": []
        });
        let (s, misses) = score_fields(&gold, &pred);
        assert_eq!(s["dates"], Counts::new(2, 1, 1));
        assert_eq!(s["date_roles"].matched, 1);
        assert_eq!(s["times"].matched, 0);
        assert_eq!(s["attendees"], Counts::new(2, 2, 1));
        assert!((s["attendees"].f1 - 0.5).abs() < 1e-9);
        assert_eq!(s["agenda"].f1, 1.0);
        assert_eq!(s["urls"].f1, 1.0);
        assert_eq!(s["contacts"], Counts::new(1, 0, 0));
        assert_eq!(s["contacts"].precision, 1.0);
        assert_eq!(s["contacts"].f1, 0.0);
        assert!(misses.contains(&"attendees: missed per-ake sorman".to_string()));
        assert!(misses.contains(&"attendees: spurious per-ake serman".to_string()));
    }

    #[test]
    fn empty_on_both_sides_is_perfect() {
        let (s, m) = score_fields(&json!({}), &Value::Null);
        assert!(s.values().all(|c| c.f1 == 1.0));
        assert!(m.is_empty());
    }
}
