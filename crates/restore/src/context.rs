//! Where a word stands: the places and neighbours that favour one reading of it over another.
//!
//! The second pass of [`restore_with`](crate::restore_with) judges a word again where the text
//! puts a name, at the end of a heading, or beside the words of a cue (`før møtet`), and
//! [`Slot`] tells the judgement which readings to favour there. The tests of a word's place in
//! its line and sentence live here too; the mark, number and split rules ask them as well.

use std::sync::LazyLock;

use rensa_core::{EditKind, Lang, StageEdit, Token, TokenClass};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use crate::{in_ranges, starts_upper};

/// Where a word stands, for the readings [`Ctx::judge`](crate::Ctx::judge) favours there.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Slot {
    /// Running text: no reading favoured.
    Running,
    /// Where text puts a name (see [`name_position`]): names gain NAME_SLOT_ZIPF.
    Name,
    /// Before the colon that ends a heading line (see [`heading_end`]): meeting words gain
    /// GENRE_ZIPF once more.
    Heading,
    /// Beside words that call for one reading of a listed word (see [`cued_reading`]): that
    /// reading gains CUE_ZIPF.
    Cue(&'static str),
}

/// Bytes of the longest printed word of [`CUES`].
pub(crate) static CUED_WORD_MAX_LEN: LazyLock<usize> =
    LazyLock::new(|| CUES.iter().map(|c| c.printed.len()).max().unwrap_or(0));

/// Zipf a reading gains where its neighbours call for it (see [`cued_reading`]). Measured on
/// train (words fixed, none broken): 1.0 +11, 2.0 +21, 3.0 +26, 4.0 +26 (at 2.0 `for` kept
/// its place in a page of middling damage: `for` is 0.9 Zipf commoner than `før` in
/// Bokmål); dev +4 at each; no edit in the 265 clean field documents restored at a forced
/// damage prior of 0.8.
pub(crate) const CUE_ZIPF: f32 = 3.0;

/// A real-word error the neighbouring words give away (or, where `reading` is `printed`, a
/// correct word they keep): `printed` is read `reading` where the
/// word before is one of `before` or one of the next `reach` words is one of `after`
/// (lowercase, compared with å ä ö æ ø é folded away, as OCR prints them). Each cue is a collocation
/// of the meeting texts that the printed word does not make (`før møtet`, `dagen før`, `rår
/// kommunestyret til`, `särskilt stöd`, `söka stöd`, `i våra byar`, `vart ført`): the
/// document-level damage prior alone cannot tell these from their plain twins, which are as
/// common in the lists.
pub(crate) struct Cue {
    pub(crate) langs: Vec<Lang>,
    pub(crate) printed: String,
    reading: String,
    before: Vec<String>,
    after: Vec<String>,
    /// How many words ahead `after` may stand: 2 for a verb before its object (`rår
    /// kommunestyret til`), else 1 (`Gruppemøte for partia kl.` keeps its `for`).
    reach: usize,
    /// Words that call for the reading right after the word only where it opens a line or
    /// sentence or follows the line's first word (`Før møtet er det befaring`, `Synfaring
    /// før møtet:`, `Orienteringer før sakene:`): in running text the printed word is as
    /// likely (`orienterte om økonomien for møtet`).
    opening: Vec<String>,
}

/// The cues of `data/cues.tsv` (one per line: languages, printed, reading, before, after,
/// reach, opening; lists comma-separated, `-` for none), read once.
pub(crate) static CUES: LazyLock<Vec<Cue>> = LazyLock::new(|| {
    let list = |f: &str| -> Vec<String> {
        if f == "-" {
            Vec::new()
        } else {
            f.split(',').map(str::to_string).collect()
        }
    };
    include_str!("../data/cues.tsv")
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            assert_eq!(f.len(), 7, "cues.tsv: seven fields in {l:?}");
            Cue {
                langs: f[0]
                    .split(',')
                    .map(|c| c.parse().expect("cues.tsv: a language code"))
                    .collect(),
                printed: f[1].to_string(),
                reading: f[2].to_string(),
                before: list(f[3]),
                after: list(f[4]),
                reach: f[5].parse().expect("cues.tsv: reach is a number"),
                opening: list(f[6]),
            }
        })
        .collect()
});

/// The reading `cue` gives the word at `toks[i]` (its printed word) where the neighbours call
/// for it (see [`Cue`]): the word before, the next `reach` words, or the next word where the
/// word opens a line or sentence.
pub(crate) fn cued_reading(
    text: &str,
    toks: &[Token<'_>],
    i: usize,
    cue: &'static Cue,
) -> Option<&'static str> {
    let word = |j: usize| {
        toks.get(j)
            .filter(|t| t.class == TokenClass::Word)
            .map(|t| t.text)
    };
    let is =
        |w: Option<&str>, set: &[String]| w.is_some_and(|w| set.iter().any(|c| same_folded(w, c)));
    let before = i >= 1 && is(word(i - 1), &cue.before);
    // The words after a suspended compound's hyphen (`Vard- och omsorgsnämnden`).
    let suspended = toks.get(i + 1).is_some_and(|h| {
        h.text == "-" && h.start == toks[i].end && toks.get(i + 2).is_some_and(|n| n.start > h.end)
    });
    let i = if suspended { i + 1 } else { i };
    // The next two tokens, words only (a mark ends the look-ahead: `rar. Til`).
    let after = is(word(i + 1), &cue.after)
        || (cue.reach >= 2 && word(i + 1).is_some() && is(word(i + 2), &cue.after));
    // The word opens the line or sentence (nothing but a mark before it), or follows the
    // line's first word.
    let opens = |j: usize| {
        j == 0 || toks[j - 1].class == TokenClass::Punct || opens_line(text, toks[j].start)
    };
    let opening = is(word(i + 1), &cue.opening)
        && (opens(i) || (i >= 1 && word(i - 1).is_some() && opens(i - 1)));
    (before || after || opening).then_some(cue.reading.as_str())
}

/// Whether `printed` and `cue` are one word with case and å ä ö æ ø é folded away (as OCR
/// prints them), compared without allocating: asked for the neighbours of every cued word.
fn same_folded(printed: &str, cue: &str) -> bool {
    let fold = |c: char| match c {
        'å' | 'ä' | 'æ' => 'a',
        'ö' | 'ø' => 'o',
        'é' => 'e',
        c => c,
    };
    printed
        .chars()
        .flat_map(char::to_lowercase)
        .map(fold)
        .eq(cue.chars().map(fold))
}

/// Whether byte `at` opens a line: nothing but spaces and tabs before it on its line.
pub(crate) fn opens_line(text: &str, at: usize) -> bool {
    let before = text[..at].trim_end_matches([' ', '\t']);
    before.is_empty() || before.ends_with('\n')
}

/// Whether `t` is a word with a capital first letter only that opens a sentence or line
/// (`Yttrande` of `Yttrande Över motion`, `Til` of `Til 4 signere`).
pub(crate) fn capitalised_opener(text: &str, t: &Token<'_>) -> bool {
    t.class == TokenClass::Word
        && t.uppers == 1
        && starts_upper(t.text)
        && sentence_start(text, t.start)
}

/// Whether a token at byte `at` opens a line, or a sentence after a mark and a space
/// (`Ahmed.Rostami` is no sentence start).
pub(crate) fn sentence_start(text: &str, at: usize) -> bool {
    let before = text[..at].trim_end_matches([' ', '\t']);
    opens_line(text, at) || (before.len() < at && before.ends_with(['.', '?', '!', ':']))
}

/// Whether token `i` is a word right before a colon that ends its line (`medlemmer møtte:`).
pub(crate) fn heading_end(text: &str, toks: &[Token<'_>], i: usize) -> bool {
    let t = &toks[i];
    toks.get(i + 1).is_some_and(|c| {
        c.text == ":"
            && c.start == t.end
            && text[c.end..]
                .chars()
                .find(|ch| !matches!(ch, ' ' | '\t' | '\r'))
                .is_none_or(|ch| ch == '\n')
    })
}

/// Zipf a name reading gains where the text puts a name (see [`name_position`]). Measured
/// on train (words fixed against 2.0, the first estimate): 2.5 +7, 3.0 +8, 3.5 +5, none
/// broken (`Par Nyström` -> `Pär Nyström`).
pub(crate) const NAME_SLOT_ZIPF: f32 = 3.0;

/// Lowercase words that follow the name of a place: `Ånge kommun`, `Lindås sokn`.
const PLACE_HEADS: &[&str] = &[
    "kommun",
    "kommuns",
    "kommune",
    "kommunes",
    "kommunen",
    "församling",
    "sogn",
    "sokn",
    "socken",
    "län",
    "fylke",
    "stift",
    "herred",
    "amt",
];

/// Whether token `i` stands where running text puts a name: before a place head word, right
/// after a capitalised word the lists know as a name (`Karin Öst`) or a lowercase word
/// (`hemtjänsten i Ånge`), or right before a name (`Pär Nyström`), separated by one space.
pub(crate) fn name_position(
    text: &str,
    toks: &[Token<'_>],
    i: usize,
    name_token: &dyn Fn(usize) -> bool,
) -> bool {
    let glued = |a: &Token<'_>, b: &Token<'_>| &text[a.end..b.start] == " ";
    let t = &toks[i];
    // Part of a hyphenated name (`Al-Sayed`) or too short to tell (`Al`, `Ar`).
    if t.text.chars().count() < 3
        || toks
            .get(i + 1)
            .is_some_and(|n| n.start == t.end && n.text == "-")
    {
        return false;
    }
    if let Some(n) = toks.get(i + 1).filter(|n| glued(t, n)) {
        if n.class == TokenClass::Word && n.uppers == 0 && PLACE_HEADS.contains(&n.text) {
            return true;
        }
        if name_token(i + 1) {
            return true;
        }
    }
    // After a name, or after a lowercase word mid-sentence (`hemtjänsten i Ånge`): a
    // capitalised word there is a name.
    i > 0 && glued(&toks[i - 1], t) && {
        let prev = &toks[i - 1];
        // A one-letter word other than the preposition `i` is as often a speck.
        (prev.class == TokenClass::Word
            && prev.uppers == 0
            && (prev.text.len() > 1 || prev.text == "i"))
            || name_token(i - 1)
    }
}

/// A name the text put in a name's place (`Ange kommun` -> `Ånge kommun`, rule
/// `restore.name-context` among `edits`) is that name wherever else the page prints the word
/// capitalised (`Parkgatan 4, Ange`, `i Ange`): one place does not have two spellings on one
/// page. Not where the word opens a sentence before a lowercase word, where it may be the
/// common word (`Ange eventuell specialkost`, the verb), and not inside `protected` ranges or
/// where another edit starts.
pub(crate) fn name_elsewhere(
    text: &str,
    toks: &[Token<'_>],
    protected: &[(usize, usize)],
    edits: &mut Vec<StageEdit>,
) {
    let named: HashMap<&str, String> = edits
        .iter()
        .filter(|e| e.rule == "restore.name-context")
        .map(|e| (&text[e.range.clone()], e.to.clone()))
        .collect();
    if named.is_empty() {
        return;
    }
    let edited: HashSet<usize> = edits.iter().map(|e| e.range.start).collect();
    for (i, t) in toks.iter().enumerate() {
        let Some(to) = named.get(t.text) else {
            continue;
        };
        if t.class != TokenClass::Word
            || edited.contains(&t.start)
            || in_ranges(protected, t.start, t.end)
        {
            continue;
        }
        let lowercase_next = toks
            .get(i + 1)
            .is_some_and(|n| n.class == TokenClass::Word && n.uppers == 0 && n.start > t.end);
        if sentence_start(text, t.start) && lowercase_next {
            continue;
        }
        edits.push(StageEdit::new(
            t.start..t.end,
            to.clone(),
            EditKind::Ocr,
            "restore.name-context",
            0.75,
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cue_table_reads_whole() {
        // Every line of data/cues.tsv is a cue (the parser panics on a malformed one), with a
        // reach the look-ahead handles and at least one neighbour list.
        assert_eq!(CUES.len(), 21);
        for c in CUES.iter() {
            assert!(
                !c.langs.is_empty() && (1..=2).contains(&c.reach),
                "{}",
                c.printed
            );
            assert!(
                !(c.before.is_empty() && c.after.is_empty() && c.opening.is_empty()),
                "{}",
                c.printed
            );
        }
        assert!(same_folded("Sarskilt", "särskilt") && !same_folded("sarskild", "särskilt"));
    }
}
