//! `decode.nfc`, `decode.invisible`, `decode.c1-control`, `decode.cp1252-as-latin1`: repairs that
//! need no dictionary.

use rensa_core::{EditKind, StageEdit};
use unicode_normalization::char::canonical_combining_class;
use unicode_normalization::UnicodeNormalization;

use crate::lex::{is_c1, Lex};
use crate::scan::{char_before, non_ascii};
use crate::tables::CP1252;
use crate::{C1_CONTROL, CP1252_AS_LATIN1, INVISIBLE, NFC};

/// Composes each base character with the combining marks that follow it, where NFC differs.
pub(crate) fn nfc_edits(text: &str, _lex: &Lex) -> Vec<StageEdit> {
    let mut out = Vec::new();
    // Every mark (class other than 0) is at U+0300 or above; each maximal run of marks is
    // composed with the character before it.
    let mut covered = 0;
    for (i, c) in non_ascii(text) {
        if i < covered || (c as u32) < 0x300 || canonical_combining_class(c) == 0 {
            continue;
        }
        let start = char_before(text, i).map_or(i, |p| i - p.len_utf8());
        let end = text[i..]
            .char_indices()
            .find(|&(_, d)| canonical_combining_class(d) == 0)
            .map_or(text.len(), |(j, _)| i + j);
        covered = end;
        let span = &text[start..end];
        let composed: String = span.nfc().collect();
        if composed != span {
            out.push(StageEdit::new(
                start..end,
                composed,
                EditKind::Encoding,
                NFC,
                0.99,
            ));
        }
    }
    out
}

fn is_emoji_like(c: Option<char>) -> bool {
    c.is_some_and(|c| {
        c as u32 >= 0x1F000 || ('\u{2600}'..='\u{27BF}').contains(&c) || c == '\u{FE0F}'
    })
}

/// Removes soft hyphens, zero-width spaces/joiners, word joiners and byte order marks; joiners
/// inside emoji sequences stay.
pub(crate) fn invisible_edits(text: &str, _lex: &Lex) -> Vec<StageEdit> {
    let mut out = Vec::new();
    for (i, c) in non_ascii(text) {
        if !matches!(
            c,
            '\u{AD}' | '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}'
        ) {
            continue;
        }
        let end = i + c.len_utf8();
        if matches!(c, '\u{200C}' | '\u{200D}')
            && (is_emoji_like(text[..i].chars().next_back())
                || is_emoji_like(text[end..].chars().next()))
        {
            continue;
        }
        out.push(StageEdit::new(
            i..end,
            "",
            EditKind::Encoding,
            INVISIBLE,
            0.95,
        ));
    }
    out
}

/// C1 controls left after the other rules: windows-1252 punctuation read as Latin-1 when the
/// byte has a printable windows-1252 reading, otherwise removed.
pub(crate) fn c1_edits(text: &str, _lex: &Lex) -> Vec<StageEdit> {
    let mut out = Vec::new();
    for (i, c) in non_ascii(text) {
        if !is_c1(c) {
            continue;
        }
        let r = i..i + c.len_utf8();
        let mapped = CP1252[(c as u32 - 0x80) as usize];
        if mapped != c {
            out.push(StageEdit::new(
                r,
                mapped.to_string(),
                EditKind::Encoding,
                CP1252_AS_LATIN1,
                0.8,
            ));
        } else {
            out.push(StageEdit::new(r, "", EditKind::Encoding, C1_CONTROL, 0.9));
        }
    }
    out
}
