//! The one-scan check that decides which rule passes can act on a text at all.
//!
//! [`evidence`] returns one bit per pass. A bit is set only on the specific evidence its pass
//! needs to make any edit (a complete entity rather than any `&`, a DOS/Mac suspect touching a
//! letter rather than any `”`), and every bit is a necessary condition of its pass: a clear bit
//! means that pass would return no edits, so skipping it changes nothing.

use std::sync::OnceLock;

use unicode_normalization::char::canonical_combining_class;

use crate::lex::cp1252_byte;
use crate::scan::{char_at, char_before};

/// `decode.html-entity`: a complete `&name;` / `&#NNN;` reference.
pub(crate) const ENTITY: u8 = 1 << 0;
/// The UTF-8 mojibake rules: a lead character followed by a continuation character.
pub(crate) const MOJIBAKE: u8 = 1 << 1;
/// `decode.nfc`: a combining mark (canonical combining class other than 0).
pub(crate) const NFC: u8 = 1 << 2;
/// `decode.invisible`: soft hyphen, zero-width characters, BOM.
pub(crate) const INVISIBLE: u8 = 1 << 3;
/// The DOS/Mac code-page rules: a suspect character next to a letter (or mapped punctuation).
pub(crate) const LEGACY: u8 = 1 << 4;
/// `decode.iso646-nordic`: `{ | } [ \ ]` next to a letter.
pub(crate) const ISO646: u8 = 1 << 5;
/// `decode.replacement-char`: U+FFFD next to a letter.
pub(crate) const REPLACEMENT: u8 = 1 << 6;
/// The C1 rules: a character U+0080..=U+009F.
pub(crate) const C1: u8 = 1 << 7;

// Per-character flags for U+0080..=U+00FF, where most non-ASCII characters of Nordic text are.
const F_C1: u8 = 1 << 0;
const F_SOFT_HYPHEN: u8 = 1 << 1;
/// U+00C2..=U+00EF: the windows-1252 reading of a 2- or 3-byte UTF-8 lead byte.
const F_LEAD: u8 = 1 << 2;
/// The windows-1252 reading of a UTF-8 continuation byte (0x80..=0xBF).
const F_CONT: u8 = 1 << 3;
/// A DOS/Mac Nordic letter read as windows-1252.
const F_SUSPECT: u8 = 1 << 4;
/// Punctuation a DOS/Mac byte may stand for.
const F_PUNCT: u8 = 1 << 5;

/// Flags of U+0080..=U+00FF (entries 0..128), then of the characters windows-1252 puts on
/// bytes 0x80..=0x9F, by byte (entries 128..160).
pub(crate) type Flags = [u8; 160];

pub(crate) fn latin1_flags() -> &'static Flags {
    static TABLE: OnceLock<Flags> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut t = [0u8; 160];
        for (k, f) in t.iter_mut().enumerate() {
            let c = if k < 128 {
                char::from_u32(0x80 + k as u32)
            } else {
                crate::tables::CP1252.get(k - 128).copied()
            };
            if let Some(c) = c {
                *f = flags_of(c);
            }
        }
        t
    })
}

fn flags_of(c: char) -> u8 {
    let u = c as u32;
    let mut f = 0;
    if (0x80..=0x9F).contains(&u) {
        f |= F_C1;
    }
    if u == 0xAD {
        f |= F_SOFT_HYPHEN;
    }
    if (0xC2..=0xEF).contains(&u) {
        f |= F_LEAD;
    }
    if cp1252_byte(c).is_some_and(|b| (0x80..=0xBF).contains(&b)) {
        f |= F_CONT;
    }
    if crate::legacy::is_suspect(c) {
        f |= F_SUSPECT;
    }
    if crate::legacy::is_punct_any(c) {
        f |= F_PUNCT;
    }
    f
}

#[inline]
fn flags(table: &Flags, c: char) -> u8 {
    let u = c as u32;
    if u < 0x80 {
        0
    } else if u < 0x100 {
        table[(u - 0x80) as usize]
    } else if let Some(byte) = cp1252_byte(c) {
        // The windows-1252 punctuation and letters of 0x80..=0x9F (`”`, `š`, `€`).
        table[usize::from(byte)]
    } else {
        0
    }
}

/// Whether `c` could be a DOS/Mac suspect or punctuation in either family (a quick filter).
#[inline]
pub(crate) fn legacy_candidate(table: &Flags, c: char) -> bool {
    flags(table, c) & (F_SUSPECT | F_PUNCT) != 0
}

/// The characters of `text` that [`legacy_candidate`] lets through, with their offsets.
pub(crate) fn legacy_candidates(text: &str) -> Vec<(usize, char)> {
    let b = text.as_bytes();
    let table = latin1_flags();
    let mut out = Vec::new();
    let mut i = crate::scan::skip_ascii(b, 0);
    while i < b.len() {
        let x = b[i];
        let len = if (0xC2..=0xC3).contains(&x) && i + 1 < b.len() {
            // U+0080..=U+00FF straight from the two bytes.
            let u = u32::from(x & 0x1F) << 6 | u32::from(b[i + 1] & 0x3F);
            if table[(u - 0x80) as usize] & (F_SUSPECT | F_PUNCT) != 0 {
                if let Some(c) = char::from_u32(u) {
                    out.push((i, c));
                }
            }
            2
        } else {
            let Some(c) = char_at(text, i) else {
                break;
            };
            if legacy_candidate(table, c) {
                out.push((i, c));
            }
            c.len_utf8()
        };
        i = crate::scan::skip_ascii(b, i + len);
    }
    out
}

/// Could `c` be part of the same legacy word as a suspect next to it (a letter, or punctuation a
/// DOS/Mac byte stands for)?
#[inline]
fn legacy_neighbour(table: &Flags, c: Option<char>) -> bool {
    c.is_some_and(|c| c.is_alphabetic() || flags(table, c) & F_PUNCT != 0)
}

#[inline]
fn alphabetic(c: Option<char>) -> bool {
    c.is_some_and(char::is_alphabetic)
}

/// One bit per pass whose evidence occurs in `text`; 0 means no rule would edit it.
pub(crate) fn evidence(text: &str) -> u8 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    #[inline]
    fn zero_bytes(v: u64) -> u64 {
        v.wrapping_sub(ONES) & !v & HIGH
    }
    let b = text.as_bytes();
    let table = latin1_flags();
    let mut mask = 0u8;
    let mut i = 0;
    while i < b.len() {
        // Eight bytes at a time up to the first that is not plain ASCII (a high bit, `&`, or
        // one of `{|}[\]`). The zero-byte test can flag bytes after a true zero byte, but the
        // lowest flag is always exact.
        if i + 8 <= b.len() {
            let mut w = [0u8; 8];
            w.copy_from_slice(&b[i..i + 8]);
            let w = u64::from_le_bytes(w);
            // `[\]` | 0x20 == `{|}`.
            let folded = w | (0x20 * ONES);
            let flagged = (w & HIGH)
                | zero_bytes(w ^ (u64::from(b'&') * ONES))
                | zero_bytes(folded ^ (0x7B * ONES))
                | zero_bytes(folded ^ (0x7C * ONES))
                | zero_bytes(folded ^ (0x7D * ONES));
            if flagged == 0 {
                i += 8;
                continue;
            }
            i += (flagged.trailing_zeros() / 8) as usize;
        }
        let x = b[i];
        if x < 0x80 {
            match x {
                b'&' if mask & ENTITY == 0 && crate::entity::at(text, i).is_some() => {
                    mask |= ENTITY;
                }
                b'{' | b'|' | b'}' | b'[' | b']' | b'\\'
                    if mask & ISO646 == 0
                        && (alphabetic(char_before(text, i))
                            || alphabetic(char_at(text, i + 1))) =>
                {
                    mask |= ISO646;
                }
                _ => {}
            }
            i += 1;
            continue;
        }
        // The common case, a Latin-1 letter such as `ö` or `ä` with no evidence of its own: a
        // lead character (`ä` is U+00E4) only matters before another non-ASCII character.
        if (0xC2..=0xC3).contains(&x) && i + 1 < b.len() {
            let f =
                table[((u32::from(x & 0x1F) << 6 | u32::from(b[i + 1] & 0x3F)) - 0x80) as usize];
            if f & !F_LEAD == 0 && b.get(i + 2).is_none_or(|&n| n < 0x80) {
                i += 2;
                continue;
            }
        }
        let Some(c) = char_at(text, i) else {
            break;
        };
        let len = c.len_utf8();
        mask |= classify(table, text, i, c, len);
        i += len;
    }
    mask
}

/// The evidence one non-ASCII character at `i` gives.
#[inline]
fn classify(table: &Flags, text: &str, i: usize, c: char, len: usize) -> u8 {
    let u = c as u32;
    let f = flags(table, c);
    let mut mask = 0;
    if f & F_C1 != 0 {
        mask |= C1;
    }
    if f & F_SOFT_HYPHEN != 0 || matches!(u, 0x200B..=0x200D | 0x2060 | 0xFEFF) {
        mask |= INVISIBLE;
    }
    if f & F_LEAD != 0 && char_at(text, i + len).is_some_and(|n| flags(table, n) & F_CONT != 0) {
        mask |= MOJIBAKE;
    }
    if f & F_SUSPECT != 0
        && (legacy_neighbour(table, char_before(text, i))
            || legacy_neighbour(table, char_at(text, i + len)))
    {
        mask |= LEGACY;
    }
    if u == 0xFFFD && (alphabetic(char_before(text, i)) || alphabetic(char_at(text, i + len))) {
        mask |= REPLACEMENT;
    }
    if u >= 0x300 && canonical_combining_class(c) != 0 {
        mask |= NFC;
    }
    mask
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flag_table_matches_the_rules() {
        let table = latin1_flags();
        for u in 0..0x1_0000 {
            if let Some(c) = char::from_u32(u) {
                assert_eq!(flags(table, c), flags_of(c), "{c:?}");
            }
        }
    }

    #[test]
    fn specific_evidence_only() {
        assert_eq!(evidence("prosjekt & samarbeids-smie; Q&A"), 0);
        assert_eq!(evidence("det var ” fint ” sa hon: 1”"), 0);
        assert_eq!(evidence("det var ”fint”"), LEGACY);
        assert_eq!(evidence("Möte på Åland – ja, «nej» [1] { x }"), 0);
        // Necessary, not sufficient: the passes themselves leave these.
        assert_eq!(evidence("«PÅ»"), MOJIBAKE);
        assert_eq!(evidence("{x}"), ISO646);
        assert_eq!(evidence("a &auml; b"), ENTITY);
        assert_eq!(evidence("mÃ¶te"), MOJIBAKE);
        assert_eq!(evidence("m”te"), LEGACY);
        assert_eq!(evidence("G|teborg"), ISO646);
        assert_eq!(evidence("m\u{FFFD}te"), REPLACEMENT);
        assert_eq!(evidence("a\u{308}"), NFC);
        assert_eq!(evidence("a\u{AD}b"), INVISIBLE);
        assert_eq!(evidence("a\u{96}b"), C1);
    }
}
