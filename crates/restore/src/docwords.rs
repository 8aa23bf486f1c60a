//! Repair by the document's own words: an unknown word one OCR confusion away from a word the
//! same document prints more often is that word, damaged.
//!
//! Why: the lists cannot hold every name and local term (`Mølgaard`, `Lauridsen`, `Gunnhild`,
//! `Kommunestyresalen`), and glyph damage that turns a listed word into another string
//! (`Besluthing`, `Thomias`) is scored against a tiny per-letter rate, which rightly keeps an
//! unknown word as printed when nothing else speaks for a change. OCR damage is mostly a
//! per-instance accident, so a document that prints `Mølgaard` three times and `Melgaard` once
//! says more about the one than any list does.
//!
//! Conservative by construction: only in a document that shows damage; only an unlisted word
//! no other rule changed; only towards a word the document prints at least twice and at least
//! twice as often; only when the target turns into the printed word by exactly one confusion of
//! the model in the direction OCR damages text (truth `ø` printed `e`, `n` printed `ri`, an
//! inserted `i`), never the reverse; and only when exactly one such word exists.

use crate::confusion::ConfusionModel;
use rustc_hash::FxHashMap as HashMap;

/// Shortest word (in characters) either side may have: short words are one confusion away
/// from too many others.
const MIN_CHARS: usize = 4;
/// Fewest times the document must print the target.
const MIN_TARGET_COUNT: usize = 2;
/// Letters OCR inserts into a word without taking one away (measured on the dev and train
/// pairs: 57 inserted `i` and 12 inserted `é` among 420,000 letters; no other letter twice).
const INSERTED: [&str; 2] = ["i", "é"];
/// Most distinct words compared per document (sources times targets of similar length): the
/// comparison is cheap, but a page of random strings should not become quadratic.
const MAX_PAIRS: usize = 2_000_000;

/// One word type of the document as this rule sees it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct DocWord<'a> {
    /// Lowercase form.
    pub word: &'a str,
    /// How often the document prints it (any case).
    pub count: usize,
    /// Whether the lists know it.
    pub listed: bool,
    /// Whether it is listed or reads as printed as a plausible compound of listed parts
    /// (`familieudvalget`, not a name that happens to split, `begelund`): such a word is never
    /// changed into one that is neither (`fanilieudvalget`), however often the document prints
    /// that.
    pub analysable: bool,
    /// Whether another rule already changes it.
    pub changed: bool,
}

/// For each type (by index) that should become another: (index of the target, confidence).
pub(crate) fn document_words(
    words: &[DocWord<'_>],
    model: &ConfusionModel,
) -> Vec<(usize, usize, f32)> {
    let letters_only = |w: &str| w.chars().all(char::is_alphabetic);
    let chars: Vec<usize> = words.iter().map(|w| w.word.chars().count()).collect();
    let targets: Vec<usize> = (0..words.len())
        .filter(|&j| {
            let w = &words[j];
            (w.count >= MIN_TARGET_COUNT || w.listed)
                && !w.changed
                && chars[j] >= MIN_CHARS
                && letters_only(w.word)
        })
        .collect();
    let sources: Vec<usize> = (0..words.len())
        .filter(|&k| {
            let w = &words[k];
            !w.listed && !w.changed && chars[k] >= MIN_CHARS && letters_only(w.word)
        })
        .collect();
    if targets.is_empty() || sources.is_empty() {
        return Vec::new();
    }
    // Targets by length in characters (a confusion changes the length by at most two) and by
    // first or last byte: one confusion changes at most two characters of a word of at least
    // four, so the printed word keeps the target's first or its last character.
    let mut by_first: HashMap<(usize, u8), Vec<usize>> = HashMap::default();
    let mut by_last: HashMap<(usize, u8), Vec<usize>> = HashMap::default();
    let ends = |w: &str| (w.as_bytes()[0], w.as_bytes()[w.len() - 1]);
    for &j in &targets {
        let (f, l) = ends(words[j].word);
        by_first.entry((chars[j], f)).or_default().push(j);
        by_last.entry((chars[j], l)).or_default().push(j);
    }
    // Built once for the shipped model: parsing the estimate per document cost more than the
    // comparisons themselves.
    static SHIPPED: std::sync::LazyLock<Vec<(String, String)>> =
        std::sync::LazyLock::new(|| damage_pairs(&crate::MODEL));
    let own;
    let pairs: &[(String, String)] = if std::ptr::eq(model, &*crate::MODEL) {
        &SHIPPED
    } else {
        own = damage_pairs(model);
        &own
    };
    let mut out = Vec::new();
    let mut budget = MAX_PAIRS;
    for &k in &sources {
        let src = words[k];
        let mut found: Option<usize> = None;
        let mut ambiguous = false;
        let (first, last) = ends(src.word);
        'lens: for len in chars[k].saturating_sub(2)..=chars[k] + 2 {
            let same_first = by_first.get(&(len, first)).map_or(&[][..], Vec::as_slice);
            // Those with the same first byte are in the first list already.
            let same_last = by_last
                .get(&(len, last))
                .map_or(&[][..], Vec::as_slice)
                .iter()
                .filter(|&&j| ends(words[j].word).0 != first);
            for &j in same_first.iter().chain(same_last) {
                if budget == 0 {
                    return out;
                }
                budget -= 1;
                let t = words[j];
                // A listed target needs only to be printed as often; an unlisted one (a name)
                // twice as often.
                let enough = if t.listed {
                    t.count >= src.count
                } else {
                    t.count >= 2 * src.count
                };
                if j == k
                    || !enough
                    || (src.analysable && !t.analysable)
                    || !one_confusion(t.word, src.word, pairs)
                {
                    continue;
                }
                if found.is_some() {
                    ambiguous = true;
                    break 'lens;
                }
                found = Some(j);
            }
        }
        if let (Some(j), false) = (found, ambiguous) {
            // Two prints against one: 0.67; four: 0.8. A plain count ratio, no finer model.
            let n = (words[j].count + usize::from(words[j].listed)) as f32;
            out.push((k, j, (n / (n + 1.0)).min(0.95)));
        }
    }
    out
}

/// The (truth, printed) pairs of the model, of the shipped estimate (every confusion seen at
/// least twice, including the rare glyph confusions the model leaves out to keep its search
/// small) and the inserted letters, lowercase, sorted for lookup. A dropped letter is not
/// among them: writers drop letters too, and a real document that spells a name both ways
/// (`Flyktinghjelp` beside `flyktninghjelp` in seed 001) must keep both.
fn damage_pairs(model: &ConfusionModel) -> Vec<(String, String)> {
    let estimated = crate::confusion::CONFUSIONS_TSV.lines().filter_map(|line| {
        let cols: Vec<&str> = line.split('\t').collect();
        let count: f32 = cols.get(2)?.parse().ok()?;
        let (truth, ocr) = (cols[0].to_lowercase(), cols[1].to_lowercase());
        (count >= 2.0 && !truth.is_empty() && !ocr.is_empty() && truth != ocr)
            .then_some((truth, ocr))
    });
    let mut pairs: Vec<(String, String)> = model
        .all()
        .iter()
        .map(|c| (c.truth.clone(), c.ocr.iter().collect::<String>()))
        .chain(estimated)
        .chain(INSERTED.iter().map(|&i| (String::new(), i.to_string())))
        .collect();
    pairs.sort_unstable();
    pairs.dedup();
    pairs
}

/// Whether `ocr` is `truth` with exactly one confusion of `pairs` applied: the two differ in
/// one window (after their common prefix and suffix), and that window, widened by at most one
/// character on either side, is a (truth, printed) pair.
fn one_confusion(truth: &str, ocr: &str, pairs: &[(String, String)]) -> bool {
    if truth == ocr {
        return false;
    }
    // Most pairs differ in more than a few bytes: settled on bytes, without decoding.
    let (tb, ob) = (truth.as_bytes(), ocr.as_bytes());
    let p = tb.iter().zip(ob).take_while(|(a, b)| a == b).count();
    let room = tb.len().min(ob.len()) - p;
    let s = tb
        .iter()
        .rev()
        .zip(ob.iter().rev())
        .take(room)
        .take_while(|(a, b)| a == b)
        .count();
    // Two characters are at most four bytes here (Latin letters); the widening below adds at
    // most one character on each side, which a byte comparison already counts as equal.
    if tb.len() - p - s > 4 || ob.len() - p - s > 4 {
        return false;
    }
    let t: Vec<(usize, char)> = truth.char_indices().collect();
    let o: Vec<(usize, char)> = ocr.char_indices().collect();
    let prefix = t.iter().zip(&o).take_while(|(a, b)| a.1 == b.1).count();
    let max_suffix = t.len().min(o.len()) - prefix;
    let suffix = t
        .iter()
        .rev()
        .zip(o.iter().rev())
        .take(max_suffix)
        .take_while(|(a, b)| a.1 == b.1)
        .count();
    let at = |v: &[(usize, char)], s: &str, i: usize| v.get(i).map_or(s.len(), |x| x.0);
    for widen_left in 0..=1usize.min(prefix) {
        for widen_right in 0..=1usize.min(suffix) {
            let (p, s) = (prefix - widen_left, suffix - widen_right);
            let tw = &truth[at(&t, truth, p)..at(&t, truth, t.len() - s)];
            let ow = &ocr[at(&o, ocr, p)..at(&o, ocr, o.len() - s)];
            if tw.chars().count() <= 2
                && ow.chars().count() <= 2
                && pairs
                    .binary_search_by(|(a, b)| (a.as_str(), b.as_str()).cmp(&(tw, ow)))
                    .is_ok()
            {
                return true;
            }
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn model() -> &'static ConfusionModel {
        &crate::MODEL
    }

    fn w(word: &str, count: usize, listed: bool) -> DocWord<'_> {
        DocWord {
            word,
            count,
            listed,
            analysable: listed,
            changed: false,
        }
    }

    #[test]
    fn one_confusion_follows_the_direction_of_damage() {
        let m = model();
        let pairs = damage_pairs(m);
        assert!(one_confusion("mølgaard", "melgaard", &pairs));
        assert!(one_confusion("langeland", "larigeland", &pairs));
        assert!(one_confusion("thomas", "thomias", &pairs));
        assert!(one_confusion("varamedlemmer", "varamedilemmer", &pairs));
        // The reverse of a confusion is not damage: `ri` printed `n`.
        assert!(!one_confusion("larigeland", "langeland", &pairs));
        // Two separate changes are not one confusion.
        assert!(!one_confusion("sølvhøj", "salvhgj", &pairs));
        assert!(!one_confusion("hansen", "hansen", &pairs));
    }

    #[test]
    fn repairs_towards_the_commoner_printed_word_only() {
        let m = model();
        let words = [
            w("mølgaard", 3, false),
            w("melgaard", 1, false),
            w("lauridsen", 1, false),
            w("latiridsen", 1, false),
        ];
        let got = document_words(&words, m);
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!((got[0].0, got[0].1), (1, 0));
        assert!((got[0].2 - 0.75).abs() < 1e-6);
        // A listed source is never changed; a changed target is no evidence.
        let mut listed = words;
        listed[1].listed = true;
        assert!(document_words(&listed, m).is_empty());
        let mut changed = words;
        changed[0].changed = true;
        assert!(document_words(&changed, m).is_empty());
    }

    #[test]
    fn two_possible_targets_change_nothing() {
        let m = model();
        // `melgaard` is `mølgaard` with `ø` printed `e`, and `mælgaard` with `æ` printed `e`.
        let one = [w("mølgaard", 3, false), w("melgaard", 1, false)];
        assert_eq!(document_words(&one, m).len(), 1);
        let two = [
            w("mølgaard", 3, false),
            w("mælgaard", 3, false),
            w("melgaard", 1, false),
        ];
        assert!(document_words(&two, m).is_empty());
    }
}
