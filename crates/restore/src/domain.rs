//! The genre's own word frequencies: how often minutes, agendas and invitations use a word,
//! beside how often the general lists say it is used.
//!
//! The Zipf frequencies of the word lists count web text, subtitles and books. There `vågar`
//! (dares) is commoner than `vägar` (roads); a municipality's papers talk of roads, of
//! hearings and of delegated decisions. When restore reads a word the lists do not know
//! (`vagar`), its listed readings are weighed by the genre's frequency too: `data/domain.tsv`
//! counts the lowercase words of the dev and train truth texts
//! (`scripts/ocr-pairs/domain_counts.py`; the confusion model is estimated from the same
//! splits, and the others stay held out), and a listed reading's probability gains
//! [`DOMAIN_WEIGHT`] times its share of those texts: a gain, never a loss, so the words the
//! meeting texts do not use keep the lists' frequency.
//!
//! Only there. Weighing a listed word against its readings the same way (a real-word
//! change) made the genre's commonest words replace words as printed: `20 meter` read as
//! `møter`, `vert` (host) as `vært`, in the word salads of `scripts/eval/compare_runs.py`,
//! and five more broken words in the Nordic-model pairs.

use std::sync::LazyLock;

use rensa_core::Lang;
use rustc_hash::FxHashMap as HashMap;

/// The weight of the genre's counts beside the lists' frequency: P(w) = P_lists(w) +
/// DOMAIN_WEIGHT * count(w) / words. Measured (words fixed against none, none broken at
/// each): 0.3, 1.0 and 3.0 gave the same fresh2 +4, nordic +1, train +11 or +12, and fresh
/// +1 or +2; the split between them is one word.
pub(crate) const DOMAIN_WEIGHT: f32 = 1.0;

/// Per language: the share of the genre's word tokens each counted word takes.
static SHARES: LazyLock<HashMap<(Lang, &'static str), f32>> = LazyLock::new(|| {
    let text = include_str!("../data/domain.tsv");
    let mut totals: HashMap<Lang, f32> = HashMap::default();
    for l in text.lines().filter(|l| l.starts_with("#total\t")) {
        let f: Vec<&str> = l.split('\t').collect();
        let lang: Lang = f[1].parse().expect("domain.tsv: a language code");
        totals.insert(lang, f[2].parse().expect("domain.tsv: a word count"));
    }
    text.lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            assert_eq!(f.len(), 3, "domain.tsv: three fields in {l:?}");
            let lang: Lang = f[0].parse().expect("domain.tsv: a language code");
            let n: f32 = f[2].parse().expect("domain.tsv: a count");
            ((lang, f[1]), n / totals[&lang])
        })
        .collect()
});

/// The Zipf frequency of a listed word `w` of language `lang` whose lists' Zipf is `zipf`,
/// with the genre's share of it added.
pub(crate) fn zipf(lang: Lang, w: &str, zipf: f32) -> f32 {
    match SHARES.get(&(lang, w)) {
        Some(&share) => (10f32.powf(zipf - 9.0) + DOMAIN_WEIGHT * share).log10() + 9.0,
        None => zipf,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn genre_words_gain_and_others_keep_their_frequency() {
        // `vägar` is in the Swedish meeting texts; an invented word is not.
        let z = zipf(Lang::Sv, "vägar", 4.58);
        assert!(z > 4.58, "{z}");
        assert_eq!(zipf(Lang::Sv, "qqqzzz", 3.0), 3.0);
        // The gain is the genre's share: never more than log10(1 + weight * share / p).
        let share = SHARES[&(Lang::Sv, "vägar")];
        let expected = (10f32.powf(4.58 - 9.0) + DOMAIN_WEIGHT * share).log10() + 9.0;
        assert!((z - expected).abs() < 1e-4);
        // Every language has its total.
        for lang in [Lang::Sv, Lang::Nb, Lang::Nn, Lang::Da] {
            assert!(SHARES.keys().any(|(l, _)| *l == lang), "{lang:?}");
        }
    }
}
