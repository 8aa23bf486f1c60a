//! `decode.html-entity`: HTML/XML character references left in exported text.
//!
//! Only complete references are decoded: a known name or a number, closed by `;`. A bare `&`
//! (`Q&A`, `prosjekt & samarbeid`) never starts one, so text without entities is untouched.

use rensa_core::{EditKind, StageEdit};

use crate::lex::Lex;
use crate::tables::{CP1252, NAMED_ENTITIES};
use crate::HTML_ENTITY;

pub(crate) fn edits(text: &str, _lex: &Lex) -> Vec<StageEdit> {
    let mut out = Vec::new();
    for (i, _) in text.match_indices('&') {
        let Some((c, len, confidence)) = at(text, i) else {
            continue;
        };
        out.push(StageEdit::new(
            i..i + len,
            c.to_string(),
            EditKind::Encoding,
            HTML_ENTITY,
            confidence,
        ));
    }
    out
}

/// The reference starting with the `&` at byte `i`: its character, byte length and confidence.
pub(crate) fn at(text: &str, i: usize) -> Option<(char, usize, f32)> {
    let rest = &text[i + 1..];
    let semi = rest.bytes().take(12).position(|b| b == b';')?;
    let name = &rest[..semi];
    let (c, confidence) = match name.strip_prefix('#') {
        Some(num) => (numeric(num)?, 0.98),
        None => {
            let k = NAMED_ENTITIES
                .binary_search_by(|(n, _)| n.cmp(&name))
                .ok()?;
            (NAMED_ENTITIES[k].1, 0.99)
        }
    };
    Some((c, semi + 2, confidence))
}

/// `246` or `xF6` to a character; 128..=159 are read as windows-1252, as browsers do.
fn numeric(num: &str) -> Option<char> {
    let value = match num.strip_prefix(['x', 'X']) {
        Some(hex) if !hex.is_empty() && hex.bytes().all(|b| b.is_ascii_hexdigit()) => {
            u32::from_str_radix(hex, 16).ok()?
        }
        _ if !num.is_empty() && num.bytes().all(|b| b.is_ascii_digit()) => num.parse().ok()?,
        _ => return None,
    };
    let c = match value {
        0x80..=0x9F => CP1252[(value - 0x80) as usize],
        _ => char::from_u32(value)?,
    };
    if c.is_control() && !matches!(c, '\t' | '\n' | '\r') || crate::lex::is_c1(c) {
        return None;
    }
    Some(c)
}
