//! Regression checks: the current report against a saved one.
//!
//! [`compare`] lines up the metrics two [`Report`]s share and gives each a [`Verdict`]. A metric
//! is *checked* when a worse value should fail the run, and *reported* otherwise:
//!
//! | metric | better | tolerance | checked |
//! |---|---|---|---|
//! | `CER after`, `WER after` | lower | `rate` (absolute, default 0.002 = 0.2 points) | yes |
//! | `words broken per word`, `words fixed per word` | lower, higher | `rate`; counts are divided by gold words so a larger set of pairs is not "worse" | yes |
//! | `clean-text changes per 5,000` | lower | `per_5000` (absolute, default 0.5) | yes |
//! | `field F1 <field>` and `field F1 all` | higher | `rate` | yes |
//! | `CER before`, `WER before` | — | — | no: they move only when the pairs changed |
//! | `WER after [<lang>]` | lower | `rate` | no: the totals decide |
//! | `throughput MB/s` | higher | `speed` (relative, e.g. 0.25 = 25 % slower) | only when `speed` is set: timing is noisy |
//!
//! Per-document moves of `WER after` beyond `rate` are listed (not checked), largest first, so a
//! regression hidden by an improvement elsewhere is still seen. Differences in the set of pairs
//! or in the `settings` are listed as notes: numbers over different inputs do not compare.
//!
//! A metric only one report has (fields scored in one run only) is skipped with a note.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde::{Deserialize, Serialize};

use crate::Report;

/// How far a metric may get worse before the comparison fails.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Tolerances {
    /// Absolute tolerance for rates (CER, WER, words broken/fixed per word, field F1).
    pub rate: f64,
    /// Absolute tolerance for clean-text changes per 5,000 words.
    pub per_5000: f64,
    /// Relative throughput loss allowed; `None`: throughput is reported, never checked.
    pub speed: Option<f64>,
}

impl Default for Tolerances {
    fn default() -> Self {
        Tolerances {
            rate: 0.002,
            per_5000: 0.5,
            speed: None,
        }
    }
}

/// What a metric did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Verdict {
    /// Did not move.
    Same,
    /// Moved, by no more than the tolerance.
    Within,
    /// Improved beyond the tolerance.
    Better,
    /// Got worse beyond the tolerance.
    Worse,
}

impl Verdict {
    /// Lowercase name.
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Same => "same",
            Verdict::Within => "within tolerance",
            Verdict::Better => "better",
            Verdict::Worse => "worse",
        }
    }
}

/// How a metric's values read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Unit {
    /// A fraction, shown as a percentage; deltas in percentage points.
    Rate,
    /// Changed words per 5,000.
    Per5000,
    /// MB/s; deltas relative.
    MbPerS,
}

/// One metric of the comparison.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Row {
    /// Metric name (`WER after`, `field F1 dates`, `WER after: sv-kf-dagordning-eng`).
    pub metric: String,
    /// Unit.
    pub unit: Unit,
    /// Value in the baseline.
    pub baseline: f64,
    /// Value now.
    pub now: f64,
    /// `now - baseline`.
    pub delta: f64,
    /// The tolerance applied (absolute; relative for throughput), if any.
    pub tolerance: Option<f64>,
    /// What it did.
    pub verdict: Verdict,
    /// Whether `worse` fails the comparison.
    pub checked: bool,
}

/// The outcome of [`compare`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Comparison {
    /// Every metric both reports have, in a fixed order.
    pub rows: Vec<Row>,
    /// Per-document `WER after` moves beyond the rate tolerance, largest first (not checked).
    pub documents: Vec<Row>,
    /// Checked metrics that got worse.
    pub worse: Vec<String>,
    /// Differences in inputs and settings, skipped metrics.
    pub notes: Vec<String>,
}

impl Comparison {
    /// Whether a checked metric got worse beyond its tolerance.
    pub fn is_worse(&self) -> bool {
        !self.worse.is_empty()
    }

    /// The rows that moved, as a table (metric, baseline, now, delta, verdict), then the
    /// documents that moved and the notes. Ends with a newline.
    pub fn table(&self) -> String {
        let mut s = String::new();
        let moved: Vec<&Row> = self
            .rows
            .iter()
            .filter(|r| r.verdict != Verdict::Same)
            .collect();
        let _ = writeln!(
            s,
            "{:<34} {:>10} {:>10} {:>11}  verdict",
            "metric", "baseline", "now", "delta"
        );
        for r in &moved {
            line(&mut s, r);
        }
        let same = self.rows.len() - moved.len();
        if moved.is_empty() {
            let _ = writeln!(s, "nothing moved ({same} metrics)");
        } else if same > 0 {
            let _ = writeln!(s, "{same} other metrics unchanged");
        }
        if !self.documents.is_empty() {
            let _ = writeln!(s, "documents that moved:");
            for r in &self.documents {
                line(&mut s, r);
            }
        }
        for n in &self.notes {
            let _ = writeln!(s, "note: {n}");
        }
        s
    }
}

fn line(s: &mut String, r: &Row) {
    let (b, n, d) = match r.unit {
        Unit::Rate => (
            format!("{:.2}%", r.baseline * 100.0),
            format!("{:.2}%", r.now * 100.0),
            format!("{:+.2} pp", r.delta * 100.0),
        ),
        Unit::Per5000 => (
            format!("{:.2}", r.baseline),
            format!("{:.2}", r.now),
            format!("{:+.2}", r.delta),
        ),
        Unit::MbPerS => (
            format!("{:.2}", r.baseline),
            format!("{:.2}", r.now),
            if r.baseline > 0.0 {
                format!("{:+.1}%", r.delta / r.baseline * 100.0)
            } else {
                format!("{:+.2}", r.delta)
            },
        ),
    };
    let verdict = if r.checked || r.verdict == Verdict::Same {
        r.verdict.as_str().to_string()
    } else {
        format!("{} (not checked)", r.verdict.as_str())
    };
    let metric: String = if r.metric.chars().count() > 34 {
        let mut m: String = r.metric.chars().take(33).collect();
        m.push('…');
        m
    } else {
        r.metric.clone()
    };
    let _ = writeln!(s, "{metric:<34} {b:>10} {n:>10} {d:>11}  {verdict}");
}

/// Values closer than this did not move (JSON round trips may differ in the last bit).
const EPS: f64 = 1e-9;

#[derive(Clone, Copy, PartialEq)]
enum Better {
    Lower,
    Higher,
}

fn row(
    metric: impl Into<String>,
    unit: Unit,
    better: Better,
    baseline: f64,
    now: f64,
    tolerance: Option<f64>,
    checked: bool,
) -> Row {
    let delta = now - baseline;
    // Positive `gain` means better, in the metric's own scale (relative for throughput).
    let gain = match better {
        Better::Lower => -delta,
        Better::Higher => delta,
    };
    let gain = if unit == Unit::MbPerS {
        if baseline > 0.0 {
            gain / baseline
        } else {
            0.0
        }
    } else {
        gain
    };
    let tol = tolerance.unwrap_or(0.0);
    let verdict = if delta.abs() <= EPS {
        Verdict::Same
    } else if gain < -tol - EPS {
        Verdict::Worse
    } else if gain > tol + EPS {
        Verdict::Better
    } else {
        Verdict::Within
    };
    Row {
        metric: metric.into(),
        unit,
        baseline,
        now,
        delta,
        tolerance,
        verdict,
        checked,
    }
}

/// Compares the current report `now` with a saved `baseline`.
pub fn compare(baseline: &Report, now: &Report, tol: &Tolerances) -> Comparison {
    let mut rows = Vec::new();
    let mut notes = Vec::new();
    let rate = Some(tol.rate);
    match (&baseline.summary, &now.summary) {
        (Some(b), Some(n)) => {
            use Better::*;
            let per_word = |x: usize, words: usize| x as f64 / words.max(1) as f64;
            rows.push(row(
                "CER after",
                Unit::Rate,
                Lower,
                b.cer_after,
                n.cer_after,
                rate,
                true,
            ));
            rows.push(row(
                "WER after",
                Unit::Rate,
                Lower,
                b.wer_after,
                n.wer_after,
                rate,
                true,
            ));
            rows.push(row(
                "words broken per word",
                Unit::Rate,
                Lower,
                per_word(b.broken, b.words),
                per_word(n.broken, n.words),
                rate,
                true,
            ));
            rows.push(row(
                "words fixed per word",
                Unit::Rate,
                Higher,
                per_word(b.fixed, b.words),
                per_word(n.fixed, n.words),
                rate,
                true,
            ));
            rows.push(row(
                "CER before",
                Unit::Rate,
                Lower,
                b.cer_before,
                n.cer_before,
                None,
                false,
            ));
            rows.push(row(
                "WER before",
                Unit::Rate,
                Lower,
                b.wer_before,
                n.wer_before,
                None,
                false,
            ));
            for (lang, bl) in &baseline.languages {
                if let Some(nl) = now.languages.get(lang) {
                    rows.push(row(
                        format!("WER after [{lang}]"),
                        Unit::Rate,
                        Lower,
                        bl.wer_after,
                        nl.wer_after,
                        rate,
                        false,
                    ));
                }
            }
            rows.push(row(
                "throughput MB/s",
                Unit::MbPerS,
                Higher,
                b.mb_per_s,
                n.mb_per_s,
                tol.speed,
                tol.speed.is_some(),
            ));
            pair_notes(baseline, now, &mut notes);
        }
        (None, None) => {}
        _ => notes.push("pair metrics are in only one of the two reports: skipped".to_string()),
    }
    match (&baseline.clean_text, &now.clean_text) {
        (Some(b), Some(n)) => rows.push(row(
            "clean-text changes per 5,000",
            Unit::Per5000,
            Better::Lower,
            b.per_5000,
            n.per_5000,
            Some(tol.per_5000),
            true,
        )),
        (None, None) => {}
        _ => notes.push("clean-text changes are in only one of the two reports: skipped".into()),
    }
    match (&baseline.fields, &now.fields) {
        (Some(b), Some(n)) => {
            let mut names: Vec<&str> = b
                .summary
                .keys()
                .map(String::as_str)
                .filter(|k| *k != "all")
                .collect();
            names.push("all");
            for k in names {
                if let (Some(bc), Some(nc)) = (b.summary.get(k), n.summary.get(k)) {
                    rows.push(row(
                        format!("field F1 {k}"),
                        Unit::Rate,
                        Better::Higher,
                        bc.f1,
                        nc.f1,
                        rate,
                        true,
                    ));
                }
            }
            let bn: Vec<&str> = b.documents.iter().map(|d| d.name.as_str()).collect();
            let nn: Vec<&str> = n.documents.iter().map(|d| d.name.as_str()).collect();
            if bn != nn {
                notes.push("the field documents differ from the baseline's".to_string());
            }
        }
        (None, None) => {}
        _ => notes.push("field scores are in only one of the two reports: skipped".to_string()),
    }
    let mut documents: Vec<Row> = baseline
        .pairs
        .iter()
        .filter_map(|b| {
            let n = now.pairs.iter().find(|n| n.name == b.name)?;
            let r = row(
                format!("WER after: {}", b.name),
                Unit::Rate,
                Better::Lower,
                b.wer_after,
                n.wer_after,
                rate,
                false,
            );
            matches!(r.verdict, Verdict::Worse | Verdict::Better).then_some(r)
        })
        .collect();
    documents.sort_by(|a, b| b.delta.abs().total_cmp(&a.delta.abs()));
    documents.truncate(10);
    let differing: Vec<&String> = baseline
        .settings
        .keys()
        .chain(now.settings.keys())
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .filter(|k| baseline.settings.get(*k) != now.settings.get(*k))
        .collect();
    for k in differing {
        notes.push(format!(
            "setting {k}: baseline {}, now {}",
            show(baseline.settings.get(k)),
            show(now.settings.get(k))
        ));
    }
    rule_notes(baseline, now, &mut notes);
    let worse = rows
        .iter()
        .filter(|r| r.checked && r.verdict == Verdict::Worse)
        .map(|r| r.metric.clone())
        .collect();
    Comparison {
        rows,
        documents,
        worse,
        notes,
    }
}

fn show(v: Option<&serde_json::Value>) -> String {
    v.map_or_else(|| "unset".to_string(), |v| v.to_string())
}

/// A note for each rule whose edits break more words than in the baseline (the total of broken
/// words is what is checked; this says where a rise comes from). Skipped when either report
/// has no rule counts (saved before they existed, or no pairs).
fn rule_notes(baseline: &Report, now: &Report, notes: &mut Vec<String>) {
    let (Some(b), Some(n)) = (&baseline.summary, &now.summary) else {
        return;
    };
    if b.rules.is_empty() || n.rules.is_empty() {
        return;
    }
    for (rule, x) in &n.rules {
        let before = b.rules.get(rule).map_or(0, |r| r.broken);
        if x.broken > before {
            notes.push(format!(
                "rule {rule}: edits touching a broken word {before} -> {}",
                x.broken
            ));
        }
    }
}

fn pair_notes(baseline: &Report, now: &Report, notes: &mut Vec<String>) {
    let words = |r: &Report| -> BTreeMap<String, usize> {
        r.pairs.iter().map(|p| (p.name.clone(), p.words)).collect()
    };
    let (b, n) = (words(baseline), words(now));
    let missing = b.keys().filter(|k| !n.contains_key(*k)).count();
    let added = n.keys().filter(|k| !b.contains_key(*k)).count();
    let changed = b
        .iter()
        .filter(|(k, w)| n.get(*k).is_some_and(|x| x != *w))
        .count();
    if missing + added + changed > 0 {
        notes.push(format!(
            "the pairs differ from the baseline's: {missing} missing, {added} added, \
             {changed} with other gold words; totals do not compare"
        ));
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::{score, Summary};

    fn report(wer_after: f64, broken: usize, mb: f64) -> Report {
        let mut r = Report::new(BTreeMap::new());
        let mut p = score("sv-a", "x", "x", "x", None);
        p.wer_after = wer_after;
        r.pairs = vec![p];
        r.summary = Some(Summary {
            pairs: 1,
            words: 1000,
            cer_before: 0.05,
            cer_after: 0.01,
            wer_before: 0.3,
            wer_after,
            fixed: 200,
            broken,
            errors_removed: 0.0,
            bytes: 1,
            seconds: 1.0,
            mb_per_s: mb,
            residue: Default::default(),
            rules: Default::default(),
        });
        r
    }

    #[test]
    fn same_report_passes() {
        let r = report(0.05, 2, 1.0);
        let c = compare(&r, &r, &Tolerances::default());
        assert!(!c.is_worse());
        assert!(c.table().contains("nothing moved"), "{}", c.table());
    }

    #[test]
    fn worse_wer_beyond_tolerance_fails() {
        let c = compare(
            &report(0.05, 2, 1.0),
            &report(0.06, 2, 1.0),
            &Tolerances::default(),
        );
        assert_eq!(c.worse, ["WER after"]);
        assert!(c.table().contains("WER after"));
        assert!(c.table().contains("+1.00 pp"), "{}", c.table());
        assert_eq!(c.documents.len(), 1);
        // Within tolerance.
        let c = compare(
            &report(0.05, 2, 1.0),
            &report(0.0515, 3, 1.0),
            &Tolerances::default(),
        );
        assert!(!c.is_worse(), "{:?}", c.worse);
    }

    #[test]
    fn broken_words_are_relative_to_words() {
        let c = compare(
            &report(0.05, 2, 1.0),
            &report(0.05, 5, 1.0),
            &Tolerances::default(),
        );
        assert_eq!(c.worse, ["words broken per word"]);
    }

    #[test]
    fn throughput_is_checked_only_on_request() {
        let (b, n) = (report(0.05, 2, 1.0), report(0.05, 2, 0.5));
        assert!(!compare(&b, &n, &Tolerances::default()).is_worse());
        let t = Tolerances {
            speed: Some(0.25),
            ..Tolerances::default()
        };
        assert_eq!(compare(&b, &n, &t).worse, ["throughput MB/s"]);
        let n = report(0.05, 2, 0.8);
        assert!(!compare(&b, &n, &t).is_worse());
    }

    #[test]
    fn a_rule_breaking_more_words_is_noted() {
        let with = |broken: usize| {
            let mut r = report(0.05, 2, 1.0);
            let s = r.summary.as_mut().unwrap();
            s.rules.insert(
                "restore.real-word".into(),
                crate::RuleScore {
                    edits: 40,
                    fixed: 30,
                    broken,
                },
            );
            r
        };
        let t = Tolerances::default();
        let c = compare(&with(1), &with(3), &t);
        assert!(
            c.notes
                .iter()
                .any(|n| n == "rule restore.real-word: edits touching a broken word 1 -> 3"),
            "{:?}",
            c.notes
        );
        assert!(compare(&with(3), &with(1), &t).notes.is_empty());
        // A baseline saved before rule counts existed says nothing about rules.
        assert!(compare(&report(0.05, 2, 1.0), &with(3), &t)
            .notes
            .is_empty());
    }
}
