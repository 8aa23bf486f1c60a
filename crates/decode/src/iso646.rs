//! `decode.iso646-nordic`: text from 7-bit systems where the national variants of ISO 646 put
//! the Nordic letters on `{ | } [ \ ]` (`G|teborg`, `R}dhuset`, `K\benhavn`).
//!
//! Word by word, and only when the repaired word is known: brackets and pipes are common in
//! clean text, in URLs, addresses and code, none of which is touched.

use rensa_core::{EditKind, Lang, StageEdit};

use crate::lex::Lex;
use crate::scan::run_around;
use crate::ISO646_NORDIC;

const SPECIAL: [char; 6] = ['{', '|', '}', '[', '\\', ']'];

fn swedish(c: char) -> char {
    match c {
        '{' => 'ä',
        '|' => 'ö',
        '}' => 'å',
        '[' => 'Ä',
        '\\' => 'Ö',
        ']' => 'Å',
        c => c,
    }
}

fn dano_norwegian(c: char) -> char {
    match c {
        '{' => 'æ',
        '|' => 'ø',
        '}' => 'å',
        '[' => 'Æ',
        '\\' => 'Ø',
        ']' => 'Å',
        c => c,
    }
}

/// The whitespace-delimited chunk looks like a URL, an address or code.
fn code_like(chunk: &str) -> bool {
    chunk.contains("://")
        || chunk.contains("www.")
        || chunk.contains('@')
        || chunk.contains('=')
        || chunk.contains('$')
        || chunk.contains("::")
        || chunk.contains("->")
        || chunk.contains('/')
        || chunk.contains('(')
        || chunk.contains(';')
        || chunk.contains('"')
}

pub(crate) fn edits(text: &str, lex: &Lex) -> Vec<StageEdit> {
    let mut out = Vec::new();
    let mut bare = Vec::new();
    // Only words with one of the special characters can change: find those bytes (ASCII, so
    // never inside a multi-byte character) and take the word around each, once.
    let inside = |c: char| c.is_alphabetic() || SPECIAL.contains(&c);
    let mut covered = 0;
    for (i, &b) in text.as_bytes().iter().enumerate() {
        if i < covered || !matches!(b, b'{' | b'|' | b'}' | b'[' | b'\\' | b']') {
            continue;
        }
        let (s, e) = run_around(text, i, inside);
        covered = e;
        if !text[s..e].chars().any(char::is_alphabetic) {
            bare.push((s, e));
        } else if let Some(edit) = repair_word(text, s, e, lex) {
            out.push(edit);
        }
    }
    // A lone `}` is the word `å` only in a text that has shown ISO 646 letters in real words.
    if !out.is_empty() {
        let found: Vec<StageEdit> = bare
            .into_iter()
            .filter_map(|(s, e)| repair_word(text, s, e, lex))
            .collect();
        out.extend(found);
        out.sort_by_key(|e| e.range.start);
    }
    out
}

fn repair_word(text: &str, s: usize, e: usize, lex: &Lex) -> Option<StageEdit> {
    let word = &text[s..e];
    if !word.contains(SPECIAL) {
        return None;
    }
    // Real brackets around a word: `{x}`, `[note]`.
    let (first, last) = (word.chars().next()?, word.chars().next_back()?);
    if matches!((first, last), ('{', '}') | ('[', ']')) {
        return None;
    }
    // After the whitespace character, which may be more than one byte (U+00A0).
    let chunk_start = text[..s]
        .char_indices()
        .rev()
        .find(|&(_, c)| c.is_whitespace())
        .map_or(0, |(k, c)| k + c.len_utf8());
    let chunk_end = text[e..]
        .find(char::is_whitespace)
        .map_or(text.len(), |k| e + k);
    if code_like(&text[chunk_start..chunk_end]) {
        return None;
    }
    let sv: String = word.chars().map(swedish).collect();
    let dn: String = word.chars().map(dano_norwegian).collect();
    let sv_f = lex
        .known_in(&sv, &[Lang::Sv])
        .then(|| lex.frequency(&sv).unwrap_or(0.0));
    let dn_f = lex
        .known_in(&dn, &[Lang::Da, Lang::Nb, Lang::Nn])
        .then(|| lex.frequency(&dn).unwrap_or(0.0));
    let (to, confidence) = match (sv_f, dn_f) {
        (Some(_), Some(_)) if sv == dn => (sv, 0.93),
        (Some(a), Some(b)) if a >= b + 1.0 => (sv, 0.75),
        (Some(a), Some(b)) if b >= a + 1.0 => (dn, 0.75),
        (Some(_), None) => (sv, 0.9),
        (None, Some(_)) => (dn, 0.9),
        _ => return None,
    };
    Some(StageEdit::new(
        s..e,
        to,
        EditKind::Encoding,
        ISO646_NORDIC,
        confidence,
    ))
}
