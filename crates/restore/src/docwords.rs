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
//! no other rule changed; only towards a word the document prints at least twice as often (as
//! often, when the lists know it); only when the target turns into the printed word by exactly
//! one confusion in the direction OCR damages text (truth `ø` printed `e`, `n` printed `ri`, an
//! inserted `i`), never the reverse and never a dropped letter; never from a listed word or a
//! plausible compound to a word that is neither; and only when exactly one such word exists.

use crate::confusion::ConfusionModel;

/// Shortest word (in characters) either side may have: short words are one confusion away
/// from too many others.
const MIN_CHARS: usize = 4;
/// Fewest times the document must print the target.
const MIN_TARGET_COUNT: usize = 2;
/// Letters OCR inserts into a word without taking one away (measured on the dev and train
/// pairs: 57 inserted `i` and 12 inserted `é` among 420,000 letters; no other letter twice).
const INSERTED: [&str; 2] = ["i", "é"];
/// Most (source, target) pairs looked at per document: each look is cheap, but a page of
/// random strings should not become quadratic.
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
    /// Whether another rule already changes it.
    pub changed: bool,
}

/// For each type (by index) that should become another: (index of the target, confidence).
///
/// `analysable(k)` says whether type `k` is listed or reads as printed as a plausible compound
/// of listed parts (`familieudvalget`, not a name that happens to split, `begelund`): such a
/// word is never changed into one that is neither (`fanilieudvalget`), however often the
/// document prints that. Asked only of the few pairs that pass every other test (it walks a
/// word's readings).
pub(crate) fn document_words(
    words: &[DocWord<'_>],
    model: &ConfusionModel,
    analysable: &dyn Fn(usize) -> bool,
) -> Vec<(usize, usize, f32)> {
    let letters_only = |w: &str| w.chars().all(char::is_alphabetic);
    // Every type is looked at once, on bytes only: the few unlisted words a damaged page keeps
    // (the sources) and the words they could be; characters are decoded for a matching pair
    // only. (A first version decoded and sorted every type: 15% of warm restore time.)
    // (first two bytes, last two bytes, length): words of at least four bytes.
    let key = |w: &str| {
        let b = w.as_bytes();
        let n = b.len();
        (
            u16::from_le_bytes([b[0], b[1]]),
            u16::from_le_bytes([b[n - 2], b[n - 1]]),
            n,
        )
    };
    let sources: Vec<usize> = (0..words.len())
        .filter(|&k| {
            let w = &words[k];
            !w.listed && !w.changed && w.word.len() >= MIN_CHARS
        })
        .collect();
    if sources.is_empty() {
        return Vec::new();
    }
    // One confusion changes at most two characters of a word of at least four, in one
    // window: the two words share their first two characters, their last two, or their first
    // and their last one (so, on bytes, a first or a last byte at least), and their lengths
    // differ by at most four bytes (`one_confusion` allows no more).
    let (mut firsts, mut lasts) = ([false; 256], [false; 256]);
    let (mut min_len, mut max_len) = (usize::MAX, 0);
    for &k in &sources {
        let (f, l, n) = key(words[k].word);
        firsts[(f & 0xff) as usize] = true;
        lasts[(l >> 8) as usize] = true;
        min_len = min_len.min(n);
        max_len = max_len.max(n);
    }
    let targets: Vec<(u16, u16, usize, usize)> = (0..words.len())
        .filter_map(|j| {
            let w = &words[j];
            if w.word.len() < MIN_CHARS {
                return None;
            }
            let (f, l, n) = key(w.word);
            ((w.count >= MIN_TARGET_COUNT || w.listed)
                && !w.changed
                && n + 4 >= min_len
                && n <= max_len + 4
                && (firsts[(f & 0xff) as usize] || lasts[(l >> 8) as usize]))
                .then_some((f, l, n, j))
        })
        .collect();
    if targets.is_empty() {
        return Vec::new();
    }
    // Built once for the shipped model: parsing the estimate per document cost more than the
    // comparisons themselves.
    static SHIPPED: std::sync::LazyLock<Vec<u128>> =
        std::sync::LazyLock::new(|| damage_pairs(&crate::MODEL));
    let own;
    let pairs: &[u128] = if std::ptr::eq(model, &*crate::MODEL) {
        &SHIPPED
    } else {
        own = damage_pairs(model);
        &own
    };
    // Every pair that can pass shares the first byte or the last two: the targets sorted
    // both ways, each source looks at two ranges instead of every target (the full scan was
    // 4% of warm restore time on damaged text).
    // Each is sorted as plain integers, the key above the target's index (sorting indices
    // by a key looked up through `targets` cost 1.5% more of warm restore time).
    let packed = |key: fn(u16, u16) -> u16| -> Vec<u64> {
        let mut v: Vec<u64> = targets
            .iter()
            .enumerate()
            .map(|(t, &(f, l, _, _))| (u64::from(key(f, l)) << 32) | t as u64)
            .collect();
        v.sort_unstable();
        v
    };
    let by_first = packed(|f, _| f & 0xff);
    let by_last = packed(|_, l| l);
    let range = |v: &[u64], want: u16| {
        let a = v.partition_point(|&x| (x >> 32) < u64::from(want));
        let b = a + v[a..].partition_point(|&x| (x >> 32) == u64::from(want));
        a..b
    };
    let mut out = Vec::new();
    let mut budget = MAX_PAIRS;
    for &k in &sources {
        let src = words[k];
        let (first, last, len) = key(src.word);
        let mut found: Option<usize> = None;
        let mut ambiguous = false;
        let same_first = range(&by_first, first & 0xff);
        let same_last = range(&by_last, last);
        // The second range skips what the first held (same first byte).
        let near = by_first[same_first]
            .iter()
            .chain(
                by_last[same_last]
                    .iter()
                    .filter(|&&x| targets[x as u32 as usize].0 & 0xff != first & 0xff),
            )
            .map(|&x| targets[x as u32 as usize]);
        for (f, l, n, j) in near {
            if budget == 0 {
                return out;
            }
            budget -= 1;
            let shared_ends = (f & 0xff == first & 0xff) && (l >> 8 == last >> 8);
            if !(f == first || l == last || shared_ends) || n + 4 < len || n > len + 4 || j == k {
                continue;
            }
            let t = words[j];
            // A listed target needs only to be printed as often; an unlisted one (a name)
            // twice as often.
            let enough = if t.listed {
                t.count >= src.count
            } else {
                t.count >= 2 * src.count
            };
            if !enough
                || !one_confusion(t.word, src.word, pairs)
                || t.word.chars().count() < MIN_CHARS
                || src.word.chars().count() < MIN_CHARS
                || !letters_only(t.word)
                || !letters_only(src.word)
                || (analysable(k) && !analysable(j))
            {
                continue;
            }
            if found.is_some() {
                ambiguous = true;
                break;
            }
            found = Some(j);
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
/// small) and the inserted letters, lowercase, as sorted [`pair_key`]s. A dropped letter is not
/// among them: writers drop letters too, and a real document that spells a name both ways
/// (`Flyktinghjelp` beside `flyktninghjelp` in seed 001) must keep both.
fn damage_pairs(model: &ConfusionModel) -> Vec<u128> {
    let estimated = crate::confusion::tsv_rows(crate::confusion::CONFUSIONS_TSV).filter_map(
        |(truth, ocr, count, _)| {
            (count >= 2.0 && !truth.is_empty() && !ocr.is_empty() && truth != ocr)
                .then_some((truth, ocr))
        },
    );
    // A word-initial confusion (`Z` for `Ø`) is no damage inside a word, where this rule
    // would compare at any position.
    let mut pairs: Vec<u128> = model
        .all()
        .iter()
        .filter(|c| !c.initial)
        .map(|c| (c.truth.clone(), c.ocr.iter().collect::<String>()))
        .chain(estimated)
        .chain(INSERTED.iter().map(|&i| (String::new(), i.to_string())))
        .filter_map(|(t, o)| pair_key(&t, &o))
        .collect();
    pairs.sort_unstable();
    pairs.dedup();
    pairs
}

/// A (truth, printed) pair of at most two characters a side as one integer: the four
/// characters' code points in 32 bits each, an absent one as 0 (no letter is U+0000). None for
/// a longer side.
fn pair_key(truth: &str, ocr: &str) -> Option<u128> {
    let mut key = 0u128;
    for (side, text) in [truth, ocr].into_iter().enumerate() {
        let mut cs = text.chars();
        for slot in 0..2 {
            if let Some(c) = cs.next() {
                key |= u128::from(u32::from(c)) << (32 * (2 * side + slot));
            }
        }
        if cs.next().is_some() {
            return None;
        }
    }
    Some(key)
}

/// Whether `ocr` is `truth` with exactly one confusion of `pairs` applied: the two differ in
/// one window (after their common prefix and suffix), and that window, widened by at most one
/// character on either side, is a (truth, printed) pair.
///
/// On bytes, without decoding the words: the shared prefix and suffix are the same bytes in
/// both, so their character boundaries are too.
fn one_confusion(truth: &str, ocr: &str, pairs: &[u128]) -> bool {
    if truth == ocr {
        return false;
    }
    let (tb, ob) = (truth.as_bytes(), ocr.as_bytes());
    let m = tb.len().min(ob.len());
    let mut p = 0;
    while p < m && tb[p] == ob[p] {
        p += 1;
    }
    let mut s = 0;
    while s < m - p && tb[tb.len() - 1 - s] == ob[ob.len() - 1 - s] {
        s += 1;
    }
    // Settled on bytes for nearly every pair: a wider difference is more than one confusion.
    if tb.len() - p - s > 4 || ob.len() - p - s > 4 {
        return false;
    }
    while !truth.is_char_boundary(p) {
        p -= 1;
    }
    while !truth.is_char_boundary(tb.len() - s) || !ocr.is_char_boundary(ob.len() - s) {
        s -= 1;
    }
    // Two characters of these words are at most four bytes (Latin letters).
    if tb.len() - p - s > 4 || ob.len() - p - s > 4 {
        return false;
    }
    // One character more on the left and on the right, where there is one.
    let back = |i: usize| (1..=4).map(|k| i - k).find(|&j| truth.is_char_boundary(j));
    let left = [Some(p), p.checked_sub(1).and_then(|_| back(p))];
    let right = |end: usize, text: &str| -> [Option<usize>; 2] {
        let next = text[end..].chars().next().map(|c| end + c.len_utf8());
        [Some(end), next]
    };
    let (te, oe) = (tb.len() - s, ob.len() - s);
    let (tr, or) = (right(te, truth), right(oe, ocr));
    for l in left.into_iter().flatten() {
        for (t_end, o_end) in tr.into_iter().zip(or).filter_map(|(a, b)| a.zip(b)) {
            if let Some(key) = pair_key(&truth[l..t_end], &ocr[l..o_end]) {
                if pairs.binary_search(&key).is_ok() {
                    return true;
                }
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
        // Multi-byte letters on either side: `æ` printed `ee`, `ø` printed `o`, at the ends.
        assert!(one_confusion("kræmer", "kreemer", &pairs));
        assert!(one_confusion("vindeløv", "vindelov", &pairs));
        assert!(one_confusion("ørum", "orum", &pairs));
        // Two changes at both ends are not one.
        assert!(!one_confusion("ørnø", "orno", &pairs));
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
        let got = document_words(&words, m, &|k| words[k].listed);
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!((got[0].0, got[0].1), (1, 0));
        assert!((got[0].2 - 0.75).abs() < 1e-6);
        // A listed source is never changed; a changed target is no evidence.
        let mut listed = words;
        listed[1].listed = true;
        assert!(document_words(&listed, m, &|k| listed[k].listed).is_empty());
        let mut changed = words;
        changed[0].changed = true;
        assert!(document_words(&changed, m, &|k| changed[k].listed).is_empty());
    }

    #[test]
    fn two_possible_targets_change_nothing() {
        let m = model();
        // `melgaard` is `mølgaard` with `ø` printed `e`, and `mælgaard` with `æ` printed `e`.
        let one = [w("mølgaard", 3, false), w("melgaard", 1, false)];
        assert_eq!(document_words(&one, m, &|k| one[k].listed).len(), 1);
        let two = [
            w("mølgaard", 3, false),
            w("mælgaard", 3, false),
            w("melgaard", 1, false),
        ];
        assert!(document_words(&two, m, &|k| two[k].listed).is_empty());
    }
}
