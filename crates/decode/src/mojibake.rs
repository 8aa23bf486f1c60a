//! `decode.utf8-as-cp1252`, `decode.utf8-as-latin1`, `decode.utf8-double`: UTF-8 bytes that were
//! read as single-byte text, once or more.
//!
//! Works span by span. A span is a run of characters that each came from one byte 0x80..=0xFF
//! under windows-1252 or Latin-1; inside it, every valid multi-byte UTF-8 sequence that decodes
//! to a plausible character is replaced, and the rest stays. A repaired span that is itself
//! mojibake is repaired again (up to three layers).

use rensa_core::{EditKind, StageEdit};

use crate::lex::{cp1252_byte, is_c1, Lex};
use crate::scan::{non_ascii, run_around};
use crate::{UTF8_AS_CP1252, UTF8_AS_LATIN1, UTF8_DOUBLE};

pub(crate) fn edits(text: &str, _lex: &Lex) -> Vec<StageEdit> {
    let mut out = Vec::new();
    let mut run: Vec<(usize, char, u8)> = Vec::new();
    // A run can only yield a sequence where a lead character (U+00C2..=U+00EF) is followed by
    // a continuation character: find those, and take the whole run of single-byte characters
    // around each. Runs never overlap, so each is handled once, in order.
    let mut covered = 0;
    for (i, c) in non_ascii(text) {
        if i < covered || !(0xC2..=0xEF).contains(&(c as u32)) {
            continue;
        }
        let next = text[i + c.len_utf8()..].chars().next();
        if !next
            .and_then(cp1252_byte)
            .is_some_and(|b| (0x80..=0xBF).contains(&b))
        {
            continue;
        }
        let (s, e) = run_around(text, i, |c| cp1252_byte(c).is_some());
        run.clear();
        run.extend(
            text[s..e]
                .char_indices()
                .filter_map(|(j, c)| cp1252_byte(c).map(|b| (s + j, c, b))),
        );
        fix_run(text, &run, text[e..].chars().next(), &mut out);
        covered = e;
    }
    out
}

/// Replaces the valid sequences of one run; `after` is the character following the run.
fn fix_run(text: &str, run: &[(usize, char, u8)], after: Option<char>, out: &mut Vec<StageEdit>) {
    let bytes: Vec<u8> = run.iter().map(|r| r.2).collect();
    let mut i = 0;
    // A sub-span of consecutive accepted sequences: (first run index, end run index, decoded).
    let mut pending: Option<(usize, usize, String)> = None;
    while i < bytes.len() {
        let next_char = |end: usize| run.get(end).map(|r| r.1).or(after);
        match sequence(&bytes[i..], next_char(i + seq_len(bytes[i]))) {
            Some((c, n)) => {
                match &mut pending {
                    Some((_, end, s)) if *end == i => {
                        s.push(c);
                        *end = i + n;
                    }
                    _ => {
                        flush(text, run, pending.take(), out);
                        pending = Some((i, i + n, c.to_string()));
                    }
                }
                i += n;
            }
            None => i += 1,
        }
    }
    flush(text, run, pending, out);
}

fn flush(
    text: &str,
    run: &[(usize, char, u8)],
    span: Option<(usize, usize, String)>,
    out: &mut Vec<StageEdit>,
) {
    let Some((a, b, mut decoded)) = span else {
        return;
    };
    let start = run[a].0;
    let end = run
        .get(b)
        .map(|r| r.0)
        .unwrap_or_else(|| run[b - 1].0 + run[b - 1].1.len_utf8());
    let from = &text[start..end];
    let mut layers = 1;
    while layers < 3 {
        match redecode_fully(&decoded) {
            Some(again) => {
                decoded = again;
                layers += 1;
            }
            None => break,
        }
    }
    let latin1 = from
        .chars()
        .any(|c| is_c1(c) && !matches!(c as u32, 0x81 | 0x8D | 0x8F | 0x90 | 0x9D));
    let (rule, confidence) = if layers > 1 {
        (UTF8_DOUBLE, 0.95)
    } else if latin1 {
        (UTF8_AS_LATIN1, 0.95)
    } else if from.starts_with('Ã') {
        (UTF8_AS_CP1252, 0.97)
    } else {
        (UTF8_AS_CP1252, 0.9)
    };
    out.push(StageEdit::new(
        start..end,
        decoded,
        EditKind::Encoding,
        rule,
        confidence,
    ));
}

/// The whole string is mojibake again: every character re-encodes and decodes plausibly.
fn redecode_fully(s: &str) -> Option<String> {
    // Most repaired spans are one letter (`ö`, `ä`): their first non-ASCII byte does not start a
    // sequence that fits, so there is nothing to collect.
    let mut rest = s.chars().map(cp1252_byte);
    loop {
        match rest.next() {
            None => return None,
            Some(None) => return None,
            Some(Some(b)) if b < 0x80 => {}
            Some(Some(b)) => {
                let n = seq_len(b);
                if n < 2 || rest.clone().take(n - 1).count() < n - 1 {
                    return None;
                }
                break;
            }
        }
    }
    let bytes: Vec<u8> = s.chars().map(cp1252_byte).collect::<Option<_>>()?;
    if bytes.is_ascii() {
        return None;
    }
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] < 0x80 {
            out.push(bytes[i] as char);
            i += 1;
            continue;
        }
        // Inside the string the next character is known; at its end, allow it (the outer layer
        // already checked the context).
        let next = chars.get(i + seq_len(bytes[i])).copied().or(Some('a'));
        let (c, n) = sequence(&bytes[i..], next)?;
        out.push(c);
        i += n;
    }
    Some(out)
}

fn seq_len(lead: u8) -> usize {
    match lead {
        0xC2..=0xDF => 2,
        0xE0..=0xEF => 3,
        _ => 1,
    }
}

/// A valid 2- or 3-byte UTF-8 sequence at the start of `bytes` that decodes to a plausible
/// character; `next` is the character after the sequence.
fn sequence(bytes: &[u8], next: Option<char>) -> Option<(char, usize)> {
    let n = seq_len(*bytes.first()?);
    if n < 2 || bytes.len() < n {
        return None;
    }
    let c = std::str::from_utf8(&bytes[..n]).ok()?.chars().next()?;
    let u = c as u32;
    let ok = match n {
        // `Ä` (C4) and `Å` (C5) are letters in their own right: `«PÅ»` must stay, so those
        // leads only count inside a word.
        2 if matches!(bytes[0], 0xC4 | 0xC5) => {
            (0x100..=0x17F).contains(&u) && next.is_some_and(char::is_alphabetic)
        }
        // `ƒ`, `ˆ`, `˜` only matter as the middle layer of double mojibake (`ÃƒËœ` -> `Ã˜` -> `Ø`).
        2 => {
            (0xA0..=0xFF).contains(&u)
                || (matches!(bytes[0], 0xC6 | 0xCB) && cp1252_byte(c).is_some())
        }
        _ => {
            matches!(u, 0x2000..=0x206F | 0x20A0..=0x20CF | 0x2100..=0x2122 | 0xFEFF | 0x1E00..=0x1EFF)
        }
    };
    ok.then_some((c, n))
}
