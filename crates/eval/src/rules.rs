//! Which rule fixed and which broke the words: the edits of a pair, credited to their rules.
//!
//! `fixed` and `broken` say how cleaning did; they do not say which of the cleaner's rules to
//! thank or to blame. Every edit carries its rule's name, and its byte range points into the
//! damaged text, so each edit can be laid over the damaged words it touches and read off what
//! became of them. A rule whose edits break words is the first place to look when `broken`
//! rises, and a rule that fixes many words and breaks none is one whose bar might be lowered.
//!
//! An edit *touches* a damaged word (a whitespace-separated token, as the word scores count
//! them) when their byte ranges overlap or meet: an edit inside a word touches that word, an
//! edit of the space or line break between two words (a word hyphenated at a line end joined
//! up, two run-together words split) touches both. A word is *fixed* or *broken* as the pair's
//! scores count it (its gold word wrong before and right after, or the reverse). Per rule:
//!
//! - `edits`: the rule's edits;
//! - `fixed`: those that touch at least one fixed word;
//! - `broken`: those that touch at least one broken word.
//!
//! Several edits may touch one word (a letter and a mark of `f6r,` -> `för`), and each is
//! credited with it; an edit merged from several rules (`restore.ocr-confusion+restore.mark`)
//! counts for each of them. An edit that touches neither kind changed a word that stays wrong
//! (or right), or removed a word the truth does not have (a speck), which the word scores do
//! not count as fixed.

use std::collections::BTreeMap;

use rensa_core::Edit;
use serde::{Deserialize, Serialize};

/// What one rule's edits did to the words they touched (see the module docs).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RuleScore {
    /// Edits the rule made.
    pub edits: usize,
    /// Of those, edits that touch a fixed word.
    pub fixed: usize,
    /// Of those, edits that touch a broken word.
    pub broken: usize,
}

impl RuleScore {
    /// Adds another count of the same rule.
    pub fn add(&mut self, o: &RuleScore) {
        self.edits += o.edits;
        self.fixed += o.fixed;
        self.broken += o.broken;
    }
}

/// What became of one damaged word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum WordFate {
    /// Wrong before, right after.
    Fixed,
    /// Right before, wrong after.
    Broken,
    /// Anything else: right both times, wrong both times, or no gold word opposite.
    Other,
}

/// The byte ranges of the whitespace-separated words of `text`, in order (the words
/// `text.split_whitespace()` yields).
pub(crate) fn word_spans(text: &str) -> Vec<(usize, usize)> {
    let base = text.as_ptr() as usize;
    text.split_whitespace()
        .map(|w| {
            let start = w.as_ptr() as usize - base;
            (start, start + w.len())
        })
        .collect()
}

/// Credits each edit to its rules (see the module docs). `spans` are the damaged text's words
/// (from [`word_spans`], the text the edits point into) and `fates` what became of each.
pub(crate) fn credit(
    spans: &[(usize, usize)],
    fates: &[WordFate],
    edits: &[Edit],
) -> BTreeMap<String, RuleScore> {
    let mut out: BTreeMap<String, RuleScore> = BTreeMap::new();
    for e in edits {
        // Words whose range overlaps or meets the edit's: they start at or before its end
        // and end at or after its start. Spans are sorted and disjoint.
        let first = spans.partition_point(|&(_, end)| end < e.start);
        let last = spans.partition_point(|&(start, _)| start <= e.end);
        let touched = fates.get(first..last.max(first)).unwrap_or(&[]);
        let score = RuleScore {
            edits: 1,
            fixed: usize::from(touched.contains(&WordFate::Fixed)),
            broken: usize::from(touched.contains(&WordFate::Broken)),
        };
        for rule in names(&e.rule) {
            out.entry(rule.to_string()).or_default().add(&score);
        }
    }
    out
}

/// The rules an edit's `rule` names: one, or those a merged edit joins with `+`.
pub fn names(rule: &str) -> impl Iterator<Item = &str> {
    rule.split('+').filter(|r| !r.is_empty())
}

/// The rules of `rules`, most edits first (ties by name): the order the reports list them in.
pub fn most_edits_first(rules: &BTreeMap<String, RuleScore>) -> Vec<(&str, RuleScore)> {
    let mut v: Vec<(&str, RuleScore)> = rules.iter().map(|(k, r)| (k.as_str(), *r)).collect();
    v.sort_by(|a, b| b.1.edits.cmp(&a.1.edits).then(a.0.cmp(b.0)));
    v
}

/// Sums per-pair rule counts.
pub(crate) fn sum<'a>(
    all: impl IntoIterator<Item = &'a BTreeMap<String, RuleScore>>,
) -> BTreeMap<String, RuleScore> {
    let mut out: BTreeMap<String, RuleScore> = BTreeMap::new();
    for m in all {
        for (rule, s) in m {
            out.entry(rule.clone()).or_default().add(s);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use rensa_core::EditKind;

    fn edit(start: usize, end: usize, to: &str, rule: &str) -> Edit {
        Edit {
            start,
            end,
            from: String::new(),
            to: to.to_string(),
            kind: EditKind::Ocr,
            rule: rule.to_string(),
            confidence: 0.9,
        }
    }

    #[test]
    fn spans_are_the_split_whitespace_words() {
        let t = "  frdn méte\nmed\t C-ndtet ";
        let s = word_spans(t);
        let words: Vec<&str> = s.iter().map(|&(a, b)| &t[a..b]).collect();
        assert_eq!(words, t.split_whitespace().collect::<Vec<_>>());
    }

    #[test]
    fn edits_are_credited_with_the_words_they_touch() {
        // "frdn mote sam-\nverkan har": fixed, fixed, other, other, broken.
        let t = "frdn mote sam-\nverkan har";
        let spans = word_spans(t);
        let fates = [
            WordFate::Fixed,
            WordFate::Fixed,
            WordFate::Other,
            WordFate::Other,
            WordFate::Broken,
        ];
        let edits = [
            edit(2, 3, "å", "restore.ocr-confusion"),
            edit(6, 7, "ö", "restore.ocr-confusion+restore.mark"),
            // The line-end hyphen and break: touches `sam-` and `verkan`.
            edit(13, 15, "", "restore.hyphen-join"),
            edit(22, 23, "ä", "restore.real-word"),
        ];
        let r = credit(&spans, &fates, &edits);
        let get = |k: &str| r.get(k).copied().unwrap_or_default();
        assert_eq!(
            get("restore.ocr-confusion"),
            RuleScore {
                edits: 2,
                fixed: 2,
                broken: 0
            }
        );
        assert_eq!(
            get("restore.mark"),
            RuleScore {
                edits: 1,
                fixed: 1,
                broken: 0
            }
        );
        assert_eq!(
            get("restore.hyphen-join"),
            RuleScore {
                edits: 1,
                fixed: 0,
                broken: 0
            }
        );
        assert_eq!(
            get("restore.real-word"),
            RuleScore {
                edits: 1,
                fixed: 0,
                broken: 1
            }
        );
        assert_eq!(r.len(), 4);
    }

    #[test]
    fn an_edit_in_the_space_between_words_touches_both() {
        let t = "ab cd ef";
        let spans = word_spans(t);
        let fates = [WordFate::Other, WordFate::Fixed, WordFate::Broken];
        // The space between `cd` and `ef` removed.
        let r = credit(&spans, &fates, &[edit(5, 6, "", "r")]);
        assert_eq!(
            r["r"],
            RuleScore {
                edits: 1,
                fixed: 1,
                broken: 1
            }
        );
        // An insertion at the very start touches the first word only.
        let r = credit(&spans, &fates, &[edit(0, 0, "x", "r")]);
        assert_eq!(r["r"].fixed + r["r"].broken, 0);
    }
}
