//! `decode.replacement-char`: U+FFFD where a decoder lost a letter (`m\u{FFFD}te`).
//!
//! Each Nordic letter is tried in the gap; the repair is made when exactly one makes a known word
//! (in the document's dominant language, when several languages answer), or one is clearly (a
//! full Zipf step) more frequent than the rest. One or two U+FFFD in a row
//! stand for one letter (a two-byte UTF-8 letter can lose both bytes); words with more gaps stay.

use rensa_core::{EditKind, Lang, StageEdit};

use crate::lex::Lex;
use crate::scan::run_around;
use crate::REPLACEMENT_CHAR;

const FFFD: char = '\u{FFFD}';
const CANDIDATES: [char; 7] = ['å', 'ä', 'ö', 'æ', 'ø', 'é', 'ü'];

pub(crate) fn edits(text: &str, lex: &Lex) -> Vec<StageEdit> {
    let mut out = Vec::new();
    if !text.contains(FFFD) {
        return out;
    }
    // The document's languages are only needed to break a tie between candidates.
    let cell = std::cell::OnceCell::new();
    let langs = || cell.get_or_init(|| lex.dominant_langs(text)).as_slice();
    let inside = |c: char| c.is_alphabetic() || c == FFFD;
    let mut covered = 0;
    for (i, _) in text.match_indices(FFFD) {
        if i < covered {
            continue;
        }
        let (s, e) = run_around(text, i, inside);
        covered = e;
        if let Some(edit) = repair_word(text, s, e, lex, &langs) {
            out.push(edit);
        }
    }
    out
}

fn repair_word<'l>(
    text: &str,
    s: usize,
    e: usize,
    lex: &Lex,
    langs: &dyn Fn() -> &'l [Lang],
) -> Option<StageEdit> {
    let word = &text[s..e];
    let gap = word.find(FFFD)?;
    let gap_len = word[gap..].chars().take_while(|&c| c == FFFD).count();
    let (head, tail) = (&word[..gap], &word[gap + gap_len * FFFD.len_utf8()..]);
    if gap_len > 2 || tail.contains(FFFD) || (head.is_empty() && tail.is_empty()) {
        return None;
    }
    let letters: Vec<char> = head.chars().chain(tail.chars()).collect();
    let upper = letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase());
    let mut found: Vec<(char, f32)> = CANDIDATES
        .iter()
        .filter_map(|&c| {
            let w = format!("{head}{c}{tail}");
            lex.frequency(&w).map(|f| (c, f))
        })
        .collect();
    found.sort_by(|a, b| b.1.total_cmp(&a.1));
    // Candidates from several languages (`möte`, `møte`): the document's language decides.
    if found.len() > 1 && !langs().is_empty() {
        let in_lang: Vec<(char, f32)> = found
            .iter()
            .copied()
            .filter(|(c, _)| lex.known_in(&format!("{head}{c}{tail}"), langs()))
            .collect();
        if in_lang.len() == 1 {
            found = in_lang;
        }
    }
    let (c, confidence) = match found.as_slice() {
        [] => return None,
        [(c, _)] => (*c, 0.9),
        [(c, a), (_, b), ..] if *a >= b + 1.0 => (*c, (0.5 + 0.1 * (a - b)).min(0.85)),
        _ => return None,
    };
    let capital = if upper {
        true
    } else if head.is_empty() {
        let lower = format!("{c}{tail}");
        tail.chars().next().is_some_and(char::is_lowercase)
            && (lex.is_name(&lower) || sentence_start(&text[..s]))
    } else {
        false
    };
    let letter: String = if capital {
        c.to_uppercase().collect()
    } else {
        c.to_string()
    };
    let to = format!("{head}{letter}{tail}");
    Some(StageEdit::new(
        s..e,
        to,
        EditKind::Encoding,
        REPLACEMENT_CHAR,
        confidence,
    ))
}

/// Whether a word after `before` starts a sentence.
fn sentence_start(before: &str) -> bool {
    let t = before.trim_end_matches([' ', '\t']);
    t.is_empty() || t.ends_with(['.', '!', '?', '\n', ':', '"', '”', '»'])
}
