//! Repairs of unlisted words by their shape, where dictionary matching cannot help.
//!
//! Most of what the English OCR model leaves behind in names is out of reach of the word
//! lists: `Leegreid`, `Nordbg` and `Hgyheim` are damaged names no licensed list holds, so the
//! search finds no reading and judge keeps them. Their shape still gives them away. The
//! English model's commonest misreadings of `æ` and `ø` are `ee` and `g` (`confusions.tsv`:
//! `g` for 31% of the `ø`s), and both leave letter sequences the language's own words do not
//! have: an `ee` no Danish or Norwegian word needs beyond those the lists hold (`Steen`,
//! `ideen`), and consonant clusters no listed word opens or closes with (`Nordbg`, `Trgan`,
//! `Hgyheim`; the lists open words with `tr` and close them with `rd`, never with `trg` or
//! `rdbg`).
//!
//! The clusters come from the lists themselves: `dictionaries/clusters.tsv`, written by
//! `dictionaries/compile/examples/clusters.rs` from the compiled word lists, counts how many
//! forms of each language open and close with each consonant cluster. A cluster at least
//! [`MIN_FORMS`] forms use is the language's; rarer ones are mostly loans and abbreviations.
//!
//! These repairs make words no list holds, so they ask for more than the search does: the
//! word must be unlisted with no other listed reading, its reading must have only the
//! language's clusters (also inside the word), exactly one reading of the fewest changes
//! must qualify, and the caller applies them only on a damaged page that shows the same
//! misreading in a word the lists know.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::sync::LazyLock;

use rensa_core::{EditKind, Lang, StageEdit, Token, Vocabulary};

use crate::apply_case;
use crate::search::Candidate;

/// Vowels, as `clusters.rs` counts them: a cluster is a run of anything else.
const VOWELS: &str = "aeiouyåäöæøéèêáàüó";
/// Forms a cluster needs in a language's list to count as the language's (`ng` opens 11
/// Danish forms, `Nguyen` among them; `sg` opens 3).
const MIN_FORMS: u64 = 5;

/// The embedded cluster table.
static CLUSTER_TSV: &str = include_str!("../../../dictionaries/clusters.tsv");

/// Onsets and codas of each language, indexed by [`lang_index`].
struct Clusters {
    onsets: [HashSet<&'static str>; 4],
    codas: [HashSet<&'static str>; 4],
}

static CLUSTERS: LazyLock<Clusters> = LazyLock::new(|| {
    let mut c = Clusters {
        onsets: Default::default(),
        codas: Default::default(),
    };
    for line in CLUSTER_TSV.lines().filter(|l| !l.starts_with('#')) {
        let mut f = line.split('\t');
        let (Some(lang), Some(position), Some(cluster), Some(forms)) =
            (f.next(), f.next(), f.next(), f.next())
        else {
            continue;
        };
        let Some(k) = [Lang::Sv, Lang::Nb, Lang::Nn, Lang::Da]
            .iter()
            .position(|l| l.code() == lang)
        else {
            continue;
        };
        if forms.parse::<u64>().map_or(true, |n| n < MIN_FORMS) {
            continue;
        }
        match position {
            "onset" => c.onsets[k].insert(cluster),
            "coda" => c.codas[k].insert(cluster),
            _ => false,
        };
    }
    c
});

fn lang_index(lang: Lang) -> usize {
    match lang {
        Lang::Sv => 0,
        Lang::Nb => 1,
        Lang::Nn => 2,
        Lang::Da => 3,
    }
}

fn vowel(c: char) -> bool {
    VOWELS.contains(c)
}

/// Whether a lowercase word opens and closes with clusters of the language and has a vowel;
/// with `inside`, also whether each cluster between two vowels splits into a coda and an
/// onset of the language (`Nordbøvegen`: `rdb` = `rd` + `b`).
fn fits(word: &str, lang: Lang, inside: bool) -> bool {
    let table = &*CLUSTERS;
    let k = lang_index(lang);
    let Some(first) = word.find(vowel) else {
        return false;
    };
    let last = word
        .char_indices()
        .rev()
        .find(|&(_, c)| vowel(c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    if !table.onsets[k].contains(&word[..first]) || !table.codas[k].contains(&word[last..]) {
        return false;
    }
    if !inside {
        return true;
    }
    // Consonant runs between vowels.
    let mid = &word[first..last];
    let mut run_start = None;
    for (i, c) in mid.char_indices() {
        match (vowel(c), run_start) {
            (false, None) => run_start = Some(i),
            (true, Some(s)) => {
                let run = &mid[s..i];
                let splits = run
                    .char_indices()
                    .map(|(j, _)| j)
                    .chain(std::iter::once(run.len()));
                if !splits.into_iter().any(|j| {
                    table.codas[k].contains(&run[..j]) && table.onsets[k].contains(&run[j..])
                }) {
                    return false;
                }
                run_start = None;
            }
            _ => {}
        }
    }
    true
}

/// Which misreading a shape repair undid, for the caller's check that the page shows it
/// elsewhere.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Misreading {
    /// `ee` for `æ`.
    EeForAe,
    /// A consonant glyph for a vowel: `g` for `ø`, `d` for Swedish `ö`.
    Glyph(char, char),
}

impl Misreading {
    /// Whether an edit from `from` to `to` (lowercase) undid this misreading.
    pub(crate) fn shown_by(self, from: &str, to: &str) -> bool {
        match self {
            Misreading::EeForAe => from.contains("ee") && to.contains('æ') && !to.contains("ee"),
            Misreading::Glyph(g, v) => {
                from.chars().count() == to.chars().count()
                    && from.chars().zip(to.chars()).any(|(a, b)| a == g && b == v)
            }
        }
    }
}

/// The consonant glyph the English model prints most for a vowel of `lang`, and that vowel:
/// `g` for `ø` (31% of the `ø`s in the estimate), `d` for Swedish `ö` (3%; Swedish has no
/// `ø`, and its `ö` the model mostly prints as `o`, `6`).
fn glyph_for(lang: Lang) -> (char, char) {
    match lang {
        Lang::Sv => ('d', 'ö'),
        Lang::Nb | Lang::Nn | Lang::Da => ('g', 'ø'),
    }
}

/// The reading of an unlisted lowercase word (`lower`) by its shape, and the misreading it
/// undoes; `cands` are the search's readings of it.
pub(crate) fn reading(
    lower: &str,
    lang: Lang,
    cands: &mut dyn FnMut() -> std::rc::Rc<[Candidate]>,
    vocab: &dyn Vocabulary,
) -> Option<(String, Misreading)> {
    // Most unlisted words have neither shape: decided on the bytes first.
    if !may_have_shape(lower, lang) || !lower.chars().all(char::is_alphabetic) {
        return None;
    }
    let found = ee_for_ae(lower, lang).or_else(|| glyph_vowel(lower, lang))?;
    if vocab.foreign_frequency(lower).is_some() {
        return None;
    }
    // A listed reading the search found, and judge kept the word against, decides there.
    if cands()
        .iter()
        .any(|c| c.subs() > 0 && c.parts == 1 && c.text != found.0)
    {
        return None;
    }
    Some(found)
}

/// Whether a word could have either shape at all: an `ee` (not Swedish) or the glyph.
fn may_have_shape(lower: &str, lang: Lang) -> bool {
    let (g, _) = glyph_for(lang);
    lower.contains(g) || (lang != Lang::Sv && lower.contains("ee"))
}

/// `Leegreid` -> `Lægreid`, `Kjeernes` -> `Kjærnes`: Danish and Norwegian, four letters or
/// more, no `eee`. In the gold text of every pair and the clean field documents no unlisted
/// Danish or Norwegian word has an `ee`.
fn ee_for_ae(lower: &str, lang: Lang) -> Option<(String, Misreading)> {
    if lang == Lang::Sv
        || !lower.contains("ee")
        || lower.contains("eee")
        || lower.chars().count() < 4
    {
        return None;
    }
    Some((lower.replace("ee", "æ"), Misreading::EeForAe))
}

/// `Nordbg` -> `Nordbø`, `Hgyheim` -> `Høyheim`, `Ngrstebg` -> `Nørstebø`, `Lindeldf` ->
/// `Lindelöf`: a word that opens or closes with a cluster its language does not have (or has
/// no vowel), where putting the vowel for one or two of the glyphs gives a word whose every
/// cluster is the language's, and exactly one choice of the fewest glyphs does.
fn glyph_vowel(lower: &str, lang: Lang) -> Option<(String, Misreading)> {
    let (g, v) = glyph_for(lang);
    // A word with no vowel at all is more often an abbreviation (`kg`, `dgl`, `tlg`) than a
    // name with its only vowel misread (`Sg` for `Sø`).
    if !lower.contains(g) || !lower.contains(vowel) || fits(lower, lang, false) {
        return None;
    }
    let at: Vec<usize> = lower
        .char_indices()
        .filter(|&(_, c)| c == g)
        .map(|(i, _)| i)
        .collect();
    if at.len() > 4 {
        return None;
    }
    let with = |picks: &[usize]| -> String {
        lower
            .char_indices()
            .map(|(i, c)| if picks.contains(&i) { v } else { c })
            .collect()
    };
    let mut ones: Vec<String> = at
        .iter()
        .map(|&i| with(&[i]))
        .filter(|w| fits(w, lang, true))
        .collect();
    if ones.is_empty() {
        for (x, &i) in at.iter().enumerate() {
            for &j in &at[x + 1..] {
                let w = with(&[i, j]);
                if fits(&w, lang, true) {
                    ones.push(w);
                }
            }
        }
    }
    match ones.as_slice() {
        [one] => Some((one.clone(), Misreading::Glyph(g, v))),
        _ => None,
    }
}

/// Applies the readings of [`reading`] found on a page (`shaped`: token, reading,
/// misreading) where the page shows the misreading in a word the lists know: a repair among
/// `edits` that put `æ` where the engine printed `ee` (`Feelles`), or `ø` where it printed `g`
/// (`mgde`). A page without one keeps its unlisted words of that shape (`Heede`, `Seeberg`).
/// Measured on train for `ee`: 34 words fixed without this condition, 22 with it; none broken
/// either way. Each applied reading is noted in `readings` for the rules that follow.
pub(crate) fn apply_shown(
    text: &str,
    toks: &[Token<'_>],
    shaped: Vec<(usize, String, Misreading)>,
    edits: &mut Vec<StageEdit>,
    readings: &mut HashMap<usize, String>,
) {
    // Whether the page shows each misreading, looked up once per misreading.
    let mut shown: Vec<(Misreading, bool)> = Vec::new();
    for (i, reading, misreading) in shaped {
        let seen = match shown.iter().find(|(m, _)| *m == misreading) {
            Some(&(_, seen)) => seen,
            None => {
                let seen = edits.iter().any(|e| {
                    misreading.shown_by(&text[e.range.clone()].to_lowercase(), &e.to.to_lowercase())
                });
                shown.push((misreading, seen));
                seen
            }
        };
        if !seen {
            continue;
        }
        let t = &toks[i];
        readings.insert(i, reading.clone());
        edits.push(StageEdit::new(
            t.start..t.end,
            apply_case(t.text, &reading),
            EditKind::Ocr,
            "restore.unlisted-letter",
            0.7,
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clusters_of_the_lists() {
        assert!(fits("nordbø", Lang::Nb, true));
        assert!(fits("nordbøvegen", Lang::Nb, true));
        assert!(!fits("nordbg", Lang::Nb, false));
        assert!(!fits("hgyheim", Lang::Nb, false));
        assert!(
            fits("nguyen", Lang::Da, false),
            "`ng` opens Danish list forms"
        );
        assert!(!fits("ørgnlie", Lang::Nb, true), "no split of `rgnl`");
    }

    #[test]
    fn glyph_readings() {
        let r = |w: &str, l: Lang| glyph_vowel(w, l).map(|(w, _)| w);
        assert_eq!(r("nordbg", Lang::Nb).as_deref(), Some("nordbø"));
        assert_eq!(r("hgyheim", Lang::Nn).as_deref(), Some("høyheim"));
        assert_eq!(r("grgnlie", Lang::Nb).as_deref(), Some("grønlie"));
        assert_eq!(r("ngrstebg", Lang::Nn).as_deref(), Some("nørstebø"));
        assert_eq!(r("lindeldf", Lang::Sv).as_deref(), Some("lindelöf"));
        // Words of the language's shape stay, whatever their glyphs.
        assert_eq!(r("berg", Lang::Nb), None);
        assert_eq!(r("nguyen", Lang::Da), None);
    }
}
