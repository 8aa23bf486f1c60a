//! Marks between a given name and a surname.
//!
//! A speaker's label or a list of members prints whole names, and the engine turns the space
//! inside one into a period, colon or hyphen (`Helle. Skaarup`, `Kristin-Nilsen`). Both rules ask
//! the same two questions, whether a word is a given name of the hand-compiled list and whether
//! the next reads as a surname, so they live together: [`name_speck`] finds a speck for the
//! period rule of [`marks`](crate::marks), [`split_given_name`] puts back the space in the split
//! pass of [`restore_with`](crate::restore_with).

use std::sync::LazyLock;

use rensa_core::{StageEdit, Token, TokenClass, Vocabulary};

use crate::spacing::{run_continues, space_for};
use crate::{capitalise, in_ranges, starts_upper, FUNCTION_WORD_ZIPF};

/// Given names (the hand-compiled list the lexicon's names come from), sorted.
static GIVEN_NAMES: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
    let mut v: Vec<&str> = include_str!("../../../dictionaries/names/given_names.txt")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect();
    v.sort_unstable();
    v.dedup();
    v
});

/// Whether the period or colon `toks[i]` stands between a given name and a surname (`Helle.
/// Skaarup`, `Jesper. Grønbech (C)`, `Helena: Wiik`): a speck, since a sentence that ends in a
/// given name is rarely followed by one opening with a surname, and a speaker's label is a
/// whole name. The word after must be capitalised, no given name
/// itself, and either unlisted or a word the lists only know capitalised that is no common
/// sentence opener (`Skaarup`, `Grønbech`; not `Det`, `Han`), or a surname of the name lists
/// below function-word frequency (`Torill: Hansen`); or it is a second given name before such
/// a surname (`Anne: Kari Sveen`, `Hans. Ulrik Brix`). The last two: train +5, fresh +1, none
/// broken; no truth text has a given name, a mark and such a name.
pub(crate) fn name_speck<'w>(
    text: &str,
    toks: &[Token<'_>],
    i: usize,
    vocab: &dyn Vocabulary,
    protected: &[(usize, usize)],
    word_of: &dyn Fn(usize) -> Option<(&'w str, bool)>,
) -> bool {
    let (w, dot, next) = (&toks[i - 1], &toks[i], &toks[i + 1]);
    let capitalised = |t: &Token<'_>| {
        t.class == TokenClass::Word && t.uppers == 1 && t.letters >= 2 && starts_upper(t.text)
    };
    if !capitalised(w)
        || !capitalised(next)
        || w.end != dot.start
        || text.get(dot.end..next.start) != Some(" ")
        // `t.ex. Per`: the name must not itself follow a period.
        || (i >= 2 && toks[i - 2].end == w.start)
        || in_ranges(protected, w.start, next.end)
        // As restored: `Pal. Hovde` is `Pål. Hovde` by now.
        || !given_name_at(i - 1, word_of)
    {
        return false;
    }
    // A surname: unlisted, a word the lists only know capitalised, or one the name lists hold
    // that is no function word (`Hansen`, common enough in general text to fail the first).
    let surname_at = |k: usize| {
        !given_name_at(k, word_of)
            && word_of(k).is_some_and(|(lower, _)| {
                surname_like(lower, vocab)
                    || (vocab.is_name(lower)
                        && vocab
                            .frequency(lower)
                            .is_some_and(|z| z < FUNCTION_WORD_ZIPF))
            })
    };
    if given_name_at(i + 1, word_of) {
        // `Anne: Kari Sveen (AP)`, `Hans. Ulrik Brix`: two given names before a surname are
        // one person's.
        return toks.get(i + 2).is_some_and(|s| {
            capitalised(s) && text.get(next.end..s.start) == Some(" ") && surname_at(i + 2)
        });
    }
    // A surname the lists know as a common word (`Bakken`, `Hovde`, `Stål`) counts where a
    // parenthesis follows it, as a party or `(sign.)` follows a whole name.
    let parenthesis = toks
        .get(i + 2)
        .is_some_and(|p| p.text == "(" && text.get(next.end..p.start) == Some(" "));
    surname_at(i + 1)
        || (parenthesis
            && word_of(i + 1).is_some_and(|(lower, _)| {
                vocab
                    .frequency(lower)
                    .is_some_and(|z| z < FUNCTION_WORD_ZIPF)
            }))
}

/// Whether the word `toks[k]`, as restored, is a given name of [`GIVEN_NAMES`].
pub(crate) fn given_name_at<'w>(
    k: usize,
    word_of: &dyn Fn(usize) -> Option<(&'w str, bool)>,
) -> bool {
    word_of(k).is_some_and(|(w, _)| GIVEN_NAMES.binary_search(&capitalise(w).as_str()).is_ok())
}

/// Above this Zipf a listed name after a given name and a period is as likely a sentence's
/// first word (`Vi`, `Han`) as a surname.
const NAME_SPECK_MAX_ZIPF: f32 = 4.5;

/// Whether a capitalised word after a given name reads as a surname: unlisted, or a name the
/// lists know only capitalised and no commoner than NAME_SPECK_MAX_ZIPF (above it, a listed
/// name is as likely a sentence's first word: `Vi`, `Han`).
fn surname_like(lower: &str, vocab: &dyn Vocabulary) -> bool {
    match vocab.frequency(lower) {
        None => true,
        Some(z) => vocab.is_proper(lower) && z < NAME_SPECK_MAX_ZIPF,
    }
}

/// A hyphen the engine printed for the space between a given name and a surname
/// (`Kristin-Nilsen`, `Bjarte-Opsahl`, `Åsa-Brännström`): a double name joins two given names
/// (`Hans-Erik`, `Anne-Mette`: every hyphenated pair after a given name in the train and dev
/// truth), so a given name joined to a capitalised word that is no given name, has five
/// letters or more (`Ann-Sofi`: the list lacks some given names, most of them short) and is
/// unlisted or a name no commoner than NAME_SPECK_MAX_ZIPF (no sentence's first word) is a
/// given name and a surname. The run must not continue (`Per-Erik-Olsen`).
pub(crate) fn split_given_name<'w>(
    toks: &[Token<'_>],
    i: usize,
    vocab: &dyn Vocabulary,
    protected: &[(usize, usize)],
    word_of: &dyn Fn(usize) -> Option<(&'w str, bool)>,
) -> Option<StageEdit> {
    let (a, t, b) = (&toks[i - 1], &toks[i], &toks[i + 1]);
    let capitalised = |t: &Token<'_>| {
        t.class == TokenClass::Word && t.uppers == 1 && t.letters >= 2 && starts_upper(t.text)
    };
    if t.text != "-"
        || !capitalised(a)
        || !capitalised(b)
        || (b.letters as usize) < GIVEN_NAME_HYPHEN_MIN_SURNAME
        || in_ranges(protected, a.start, b.end)
        || run_continues(toks, i)
    {
        return None;
    }
    // Both as restored: `Per-Goran` is `Per-Göran`.
    if !given_name_at(i - 1, word_of) || given_name_at(i + 1, word_of) {
        return None;
    }
    let lower = word_of(i + 1)?.0;
    surname_like(lower, vocab).then(|| space_for(t.start..t.end, 0.7))
}

/// Fewest letters of the surname [`split_given_name`] parts from a given name.
const GIVEN_NAME_HYPHEN_MIN_SURNAME: usize = 5;
