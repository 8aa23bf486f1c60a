//! What kind of word errors are left after cleaning.
//!
//! A report that says "WER 4.3%" tells a user that something is wrong, not what: whether the
//! cleaner still misses å ä ö æ ø (what restore is for), or whether what remains is a comma
//! the engine read as a semicolon, a hyphen printed for an en dash, or words run together.
//! Each kind asks for a different rule, and a regression in one kind hides in the total.
//! [`count`] sorts every step of the gold–cleaned word alignment that is not a match into one
//! kind, so the kinds add up to the word edit distance (`wer_after` × gold words) exactly.
//!
//! A substituted word is sorted by the first test it passes:
//! 1. **dashes**: the same once every dash is a hyphen (`2025-2028` for `2025–2028`, `-` for
//!    `–`);
//! 2. **punctuation**: the same once the marks before and after are stripped (`møde.` for
//!    `møde`, `(V);` for `(V),`);
//! 3. **case**: the stripped words the same in lowercase (`Kommunedirektøren` for
//!    `kommunedirektøren`);
//! 4. **letters**: in the stripped lowercase words, every stretch where they differ has one of
//!    å ä ö æ ø é on either side (`Backlund` for `Bäcklund`, `Kjer` for `Kjær`, `rum.` for
//!    `Ørum`): a letter restore puts back, missed or wrongly put;
//! 5. **other**: anything else (`kvalitetsstandarder` for `kvaiitetsstaridarder`).
//!
//! A gold word with no cleaned word opposite is **missing** (a word lost, or two run
//! together); a cleaned word with none opposite is **extra** (a word split in two, or a speck
//! read as a word).

use serde::{Deserialize, Serialize};

use crate::{align, Step};

/// Word errors left after cleaning, by kind (see the module docs). Summed over pairs in the
/// report's `summary`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Residue {
    /// Words that differ only in the marks around them.
    pub punctuation: usize,
    /// Words that differ only in the kind of dash.
    pub dashes: usize,
    /// Words that differ only in case.
    pub case: usize,
    /// Words that differ in å ä ö æ ø é (and perhaps case).
    pub letters: usize,
    /// Other substituted words.
    pub other: usize,
    /// Gold words with no cleaned word opposite.
    pub missing: usize,
    /// Cleaned words with no gold word opposite.
    pub extra: usize,
}

impl Residue {
    /// All word errors counted: the word edit distance between gold and cleaned text.
    pub fn total(&self) -> usize {
        self.punctuation
            + self.dashes
            + self.case
            + self.letters
            + self.other
            + self.missing
            + self.extra
    }

    /// Adds another pair's counts.
    pub fn add(&mut self, o: &Residue) {
        self.punctuation += o.punctuation;
        self.dashes += o.dashes;
        self.case += o.case;
        self.letters += o.letters;
        self.other += o.other;
        self.missing += o.missing;
        self.extra += o.extra;
    }

    /// The kinds with their names, largest first (ties in the order of the fields), for
    /// printing.
    pub fn kinds(&self) -> Vec<(&'static str, usize)> {
        let mut v = vec![
            ("punctuation", self.punctuation),
            ("dashes", self.dashes),
            ("case", self.case),
            ("letters", self.letters),
            ("other", self.other),
            ("missing", self.missing),
            ("extra", self.extra),
        ];
        v.sort_by_key(|k| std::cmp::Reverse(k.1));
        v
    }

    /// The kinds that occur, largest first, as the text and HTML reports print them:
    /// `313 other, 206 punctuation, 196 dashes`.
    pub fn line(&self) -> String {
        self.kinds()
            .into_iter()
            .filter(|&(_, n)| n > 0)
            .map(|(k, n)| format!("{n} {k}"))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// One substituted word's kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// See [`Residue::punctuation`].
    Punctuation,
    /// See [`Residue::dashes`].
    Dashes,
    /// See [`Residue::case`].
    Case,
    /// See [`Residue::letters`].
    Letters,
    /// See [`Residue::other`].
    Other,
}

/// Marks stripped from a word's ends for the punctuation test.
fn is_mark(c: char) -> bool {
    !c.is_alphanumeric()
}

/// Dashes the dash test counts as one.
fn is_dash(c: char) -> bool {
    matches!(c, '-' | '–' | '—' | '‒' | '―' | '−')
}

/// The letters restore puts back.
fn is_special(c: char) -> bool {
    matches!(c, 'å' | 'ä' | 'ö' | 'æ' | 'ø' | 'é')
}

/// The kind of a gold word `gold` that came out of cleaning as `cleaned` (the two differ).
pub fn classify(gold: &str, cleaned: &str) -> Kind {
    let unify = |w: &str| -> String {
        w.chars()
            .map(|x| if is_dash(x) { '-' } else { x })
            .collect()
    };
    if unify(gold) == unify(cleaned) {
        return Kind::Dashes;
    }
    // The rest compares the words without the marks around them: `Brorup.` for `Brørup` is a
    // letter missed, whatever the speck after it.
    let (g, c) = (gold.trim_matches(is_mark), cleaned.trim_matches(is_mark));
    if g == c {
        return Kind::Punctuation;
    }
    let (gl, cl): (Vec<char>, Vec<char>) = (
        g.chars().flat_map(char::to_lowercase).collect(),
        c.chars().flat_map(char::to_lowercase).collect(),
    );
    if gl == cl {
        return Kind::Case;
    }
    if differs_in_special_letters(&gl, &cl) {
        Kind::Letters
    } else {
        Kind::Other
    }
}

/// Whether every stretch where `a` and `b` differ (in a character alignment) has one of
/// å ä ö æ ø é on one side or the other.
fn differs_in_special_letters(a: &[char], b: &[char]) -> bool {
    let (_, steps) = align(a, b);
    let mut stretch_special = false;
    let mut in_stretch = false;
    for &(i, j) in &steps {
        let same = matches!((i, j), (Some(i), Some(j)) if a[i] == b[j]);
        if same {
            if in_stretch && !stretch_special {
                return false;
            }
            in_stretch = false;
            stretch_special = false;
            continue;
        }
        in_stretch = true;
        stretch_special |=
            i.is_some_and(|i| is_special(a[i])) || j.is_some_and(|j| is_special(b[j]));
    }
    !in_stretch || stretch_special
}

/// The errors left in `cleaned` against `gold`, from their word alignment `steps` (as
/// [`align`] returns it).
pub fn count(gold: &[&str], cleaned: &[&str], steps: &[Step]) -> Residue {
    let mut r = Residue::default();
    for &(i, j) in steps {
        match (i, j) {
            (Some(i), Some(j)) if gold[i] != cleaned[j] => match classify(gold[i], cleaned[j]) {
                Kind::Punctuation => r.punctuation += 1,
                Kind::Dashes => r.dashes += 1,
                Kind::Case => r.case += 1,
                Kind::Letters => r.letters += 1,
                Kind::Other => r.other += 1,
            },
            (Some(_), None) => r.missing += 1,
            (None, Some(_)) => r.extra += 1,
            _ => {}
        }
    }
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_substitutions_by_the_first_test_they_pass() {
        let k = |g, c| classify(g, c);
        assert_eq!(k("møde", "møde."), Kind::Punctuation);
        assert_eq!(k("(V),", "(V);"), Kind::Punctuation);
        assert_eq!(k("2025–2028", "2025-2028"), Kind::Dashes);
        assert_eq!(k("–", "-"), Kind::Dashes);
        assert_eq!(k("kommunedirektøren", "Kommunedirektøren"), Kind::Case);
        assert_eq!(k("Bäcklund", "Backlund"), Kind::Letters);
        assert_eq!(k("Kjær", "Kjer"), Kind::Letters);
        assert_eq!(k("Fælles", "Feelles"), Kind::Letters);
        assert_eq!(k("Ørum", "rum"), Kind::Letters);
        assert_eq!(k("Åsmo", "asmo"), Kind::Letters);
        assert_eq!(k("den", "dén"), Kind::Letters);
        // One stretch without a special letter makes it another kind of damage.
        assert_eq!(
            k("kvalitetsstandarder", "kvaiitetsstaridarder"),
            Kind::Other
        );
        assert_eq!(k("Mølgaard", "Melgaarcl"), Kind::Other);
        assert_eq!(k("för", "for."), Kind::Letters);
        assert_eq!(k("Brørup", "Brorup."), Kind::Letters);
        // Marks, not dashes, for a hyphen lost at a word's end.
        assert_eq!(k("Børne-", "Børne"), Kind::Punctuation);
    }

    #[test]
    fn kinds_add_up_to_the_word_edit_distance() {
        let gold: Vec<&str> = "Mødet i Ældrerådet 10.00–12.00 blev ledet af Kåre Sø, formand."
            .split_whitespace()
            .collect();
        let cleaned: Vec<&str> = "Mødet i Ældrerådet 10.00-12.00 blev ledetaf Kare So formand;"
            .split_whitespace()
            .collect();
        let (distance, steps) = align(&gold, &cleaned);
        let r = count(&gold, &cleaned, &steps);
        assert_eq!(r.total(), distance);
        assert_eq!((r.dashes, r.letters, r.punctuation), (1, 2, 1), "{r:?}");
        // `ledet af` run together: one word changed, one missing.
        assert_eq!(r.other + r.missing, 2, "{r:?}");
        let mut sum = Residue::default();
        sum.add(&r);
        sum.add(&r);
        assert_eq!(sum.total(), 2 * distance);
        assert_eq!(
            sum.kinds()[0].1,
            sum.kinds().iter().map(|k| k.1).max().unwrap_or(0)
        );
    }
}
