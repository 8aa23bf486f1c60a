//! Letters the engine inserted: an `i` beside letters it could have split (`kommiunen`), an `é`
//! beside an `e` (`interessereéde`), a letter printed twice.
//!
//! The candidate search does not model insertions, which would multiply it for every word, so
//! these repairs take a letter out and look the shorter form up or judge it.
//! [`restore_with`](crate::restore_with) tries them on the unlisted words nothing else changed,
//! and the judgement asks [`inserted_letter`] to keep its deep search off such a word.

use std::rc::Rc;

use rensa_core::Vocabulary;

use crate::context::Slot;
use crate::{cached, Candidate, Ctx, Search, WordCache};

/// The listed word an unlisted word is with one `i` (or an `é` beside an `e`, see
/// [`inserted_at`]) taken out (`kommiunen`), when exactly one such word exists and it is common
/// (INSERTED_I_MIN_ZIPF). Tesseract's English model inserts an `i` into about one word in a
/// thousand of the train and dev pairs (57 of 66,912 words), always beside letters it could
/// have split (`m`, `n`, `l`); the candidate search does not model insertions, which would
/// multiply it for every word.
///
/// Asked of most unlisted words of a damaged document, twice (as a repair and to keep the deep
/// search off such a word), and it depends on the word and the vocabulary only: a per-thread
/// cache answers the second time and the documents after (2.5% of warm restore time before).
pub(crate) fn inserted_letter(word: &str, vocab: &dyn Vocabulary) -> Option<String> {
    if word.len() < 5 || !word.chars().all(char::is_alphabetic) {
        return None;
    }
    // A long word with an `i` out is rarely another listed word by accident: any listed form
    // will do (`Valneminda`, `Dokumenita`, `kompetanseplaneni`).
    let min_zipf = if word.chars().count() >= INSERTED_I_ANY_FROM {
        f32::MIN
    } else {
        INSERTED_I_MIN_ZIPF
    };
    let find = || {
        one_i_out(word, false, |shorter| {
            vocab.frequency(shorter).is_some_and(|z| z >= min_zipf)
        })
    };
    thread_local! {
        static CACHE: WordCache<u64, Option<String>> = Default::default();
    }
    match vocab.cache_key() {
        Some(key) => cached(&CACHE, key, word, 50_000, find),
        None => find(),
    }
}

/// The letters the engine may have put into `word`, as byte ranges: an `i` after the first
/// letter (with `beside`, only one next to `m`, `n` or `l`, which it could have split), and
/// an `é` next to an `e` (`interessereéde`, `peérsonal`, `uteén`: the engine printed one `e`
/// twice, once with an accent).
pub(crate) fn inserted_at(
    word: &str,
    beside: bool,
) -> impl Iterator<Item = std::ops::Range<usize>> + '_ {
    let b = word.as_bytes();
    let i = word
        .match_indices('i')
        .map(|(at, _)| at)
        .filter(move |&at| {
            let next_to = |k: usize| matches!(b.get(k), Some(b'm' | b'n' | b'l'));
            at > 0 && (!beside || next_to(at - 1) || next_to(at + 1))
        })
        .map(|at| at..at + 1);
    let e_acute = word
        .match_indices('é')
        .map(|(at, _)| at..at + 'é'.len_utf8())
        .filter(move |r| r.start > 0 && (b[r.start - 1] == b'e' || b.get(r.end) == Some(&b'e')));
    i.chain(e_acute)
}

/// The one form of `word` with one inserted letter taken out ([`inserted_at`]) that `reads`
/// accepts: `None` where no form or two different forms do.
fn one_i_out(word: &str, beside: bool, reads: impl Fn(&str) -> bool) -> Option<String> {
    one_i_read(word, beside, |shorter| {
        reads(shorter).then(|| shorter.to_string())
    })
}

/// The one reading `read` gives of a form of `word` with one inserted letter taken out
/// ([`inserted_at`]): `None` where no form or two forms with different readings have one.
fn one_i_read(word: &str, beside: bool, read: impl Fn(&str) -> Option<String>) -> Option<String> {
    one_out_read(word, inserted_at(word, beside), read)
}

/// The second letter of each doubled letter in `word` (`lamnaas`, `Lokallplan`), as byte
/// ranges: a letter the engine may have printed twice.
fn doubled_at(word: &str) -> impl Iterator<Item = std::ops::Range<usize>> + '_ {
    word.char_indices()
        .zip(word.chars().skip(1).zip(word.char_indices().skip(1)))
        .filter(|((_, a), (b, _))| a == b && a.is_alphabetic())
        .map(|(_, (c, (at, _)))| at..at + c.len_utf8())
}

/// The one reading `read` gives of a form of `word` with the letters at one of `at` taken
/// out: `None` where no form or two forms with different readings have one.
fn one_out_read(
    word: &str,
    at: impl Iterator<Item = std::ops::Range<usize>>,
    read: impl Fn(&str) -> Option<String>,
) -> Option<String> {
    let mut found: Option<String> = None;
    let mut tried: Option<String> = None;
    for at in at {
        let shorter = format!("{}{}", &word[..at.start], &word[at.end..]);
        // Either `i` of a doubled `ii` leaves one form.
        if tried.as_deref() == Some(shorter.as_str()) {
            continue;
        }
        if let Some(r) = read(&shorter) {
            if found.as_ref().is_some_and(|f| *f != r) {
                return None;
            }
            found = Some(r);
        }
        tried = Some(shorter);
    }
    found
}

/// As [`inserted_letter`], for a long compound no list holds (`ledsagerordninigen`,
/// `hjemmieplejen`, `arrangeimentskalender`): the word does not analyse into listed parts as
/// printed, and with exactly one `i` beside `m`, `n` or `l` taken out it does (ten letters or
/// more), or with one `i` anywhere after its first letter or one letter of a doubled pair
/// taken out the judgement (at the document's prior `p`) is all but sure what it reads
/// (INSERTED_I_JUDGED_MIN_LEN letters or more: `Radhuiset`, `OPPVEKSTMILJIO`,
/// `Budgettforutsattningar`; an `i` beside `m`, `n` or `l` only, 3 fewer on train; without
/// the doubled letters, 2 fewer).
pub(crate) fn inserted_letter_compound(
    ctx: &Ctx<'_>,
    word: &str,
    cands: &Option<Rc<[Candidate]>>,
    p: f32,
) -> Option<String> {
    let len = word.chars().count();
    if len < INSERTED_I_JUDGED_MIN_LEN
        || !word.contains('i')
        || !word.chars().all(char::is_alphabetic)
    {
        return None;
    }
    let analyses = |c: &[Candidate]| c.iter().any(|c| c.subs() == 0 && c.parts >= 2);
    if cands.as_deref().is_none_or(analyses) {
        return None;
    }
    (len >= 10)
        .then(|| {
            one_i_out(word, true, |shorter| {
                analyses(&ctx.cached_search(shorter, Search::Full))
            })
        })
        .flatten()
        .or_else(|| {
            // The same word with a special letter lost too (`Komimunfullmaktiges`,
            // `Oimsorgsnamnden`): the form without the `i` is one the judgement repairs, with
            // all but certainty (INSERTED_I_READING).
            one_out_read(
                word,
                inserted_at(word, false).chain(doubled_at(word)),
                |shorter| {
                    let cands = ctx.candidates(shorter, false);
                    ctx.change(shorter, None, cands, p, false, Slot::Running)
                        .filter(|(_, conf, _)| *conf >= INSERTED_I_READING)
                        .map(|(reading, _, _)| reading)
                },
            )
        })
}

/// From how many letters the word without the inserted `i` may be any listed form.
const INSERTED_I_ANY_FROM: usize = 9;
/// How common (Zipf) the word without the inserted `i` must be.
pub(crate) const INSERTED_I_MIN_ZIPF: f32 = 3.0;

/// How sure the judgement must be of its repair of a long word without its inserted `i`
/// ([`inserted_letter_compound`]).
const INSERTED_I_READING: f32 = 0.9;
/// Shortest word [`inserted_letter_compound`] judges without its inserted `i` (`ainmils` ->
/// `anmäls`, `anméilan` -> `anmälan`); the form that analyses as printed stays a repair of
/// words of ten letters or more. Measured on train (words fixed against 10): 8 +2, 7 +3,
/// 6 +3; none broken.
const INSERTED_I_JUDGED_MIN_LEN: usize = 7;
