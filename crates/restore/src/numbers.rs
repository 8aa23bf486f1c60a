//! Marks inside and between numbers: the dash of a range, and the separators of dates, clock
//! times and phone numbers.
//!
//! These rules scan the text's bytes around each mark they look for, not its tokens (a regex over
//! the page cost more than every other mark rule), and share the small scanners that read a
//! number, a year or a clock time around a byte offset. [`restore_with`](crate::restore_with)
//! runs them in its mark pass, in a damaged document.

use rensa_core::{EditKind, StageEdit, Token, TokenClass};

use crate::in_ranges;
use crate::spacing::space_for;

/// An en dash the engine printed as an em dash, a tilde or a doubled hyphen (`09.00—11.30`,
/// ` — `, `7~9`, `09.30--09.45`): Nordic typography sets ranges and the spaced sentence dash
/// with the en dash (`–`), and the Tesseract pairs print it as `—` about as often as `-`
/// (`fixtures/pairs/confusions.tsv`). Only between two digits or between two spaces (the
/// doubled hyphen between digits only): an unspaced dash between words (`runde—mix`) is a real
/// em dash some writers use. A hyphen for an en dash is left alone unless the document shows
/// the misread dash elsewhere ([`hyphen_ranges`]): typists write `16-18` too.
pub(crate) fn en_dashes(text: &str, protected: &[(usize, usize)]) -> Vec<StageEdit> {
    let mut out = Vec::new();
    // `--`, `—-` and `-—` between two digits (`09.30--09.45`, `14:00-—14:15`): the en dash
    // printed twice over.
    let b = text.as_bytes();
    for pat in ["--", "—-", "-—"] {
        for at in memchr::memmem::find_iter(b, pat.as_bytes()) {
            let end = at + pat.len();
            let digits = at > 0
                && b[at - 1].is_ascii_digit()
                && b.get(end).is_some_and(u8::is_ascii_digit)
                && b.get(end + 1) != Some(&b'-');
            if digits && !in_ranges(protected, at, end) {
                out.push(StageEdit::new(
                    at..end,
                    "–",
                    EditKind::Ocr,
                    "restore.en-dash",
                    0.85,
                ));
            }
        }
    }
    out.extend(hyphen_ranges(text, protected));
    // `~` is the other glyph the pairs print for an en dash (`7~9`, ` ~ `), and so is `=`
    // (`12.00=13.00`, ` = `; no truth text of the pairs, the seeds or the field documents has
    // an `=`, so only between digits or spaces, never half-spaced). Found on bytes: `~`,
    // `=`, or the lead byte of `—` (E2 80 94); a char-set search decodes every character of
    // the page, which cost a tenth of warm restore time on damaged text.
    for at in memchr::memchr3_iter(b'~', b'=', 0xE2, b) {
        let len = if matches!(b[at], b'~' | b'=') {
            1
        } else if b[at..].starts_with("—".as_bytes()) {
            3
        } else {
            continue;
        };
        let end = at + len;
        let before = text[..at].chars().next_back();
        let after = text[end..].chars().next();
        let ok = match (before, after) {
            (Some(b), Some(a)) => {
                (b.is_ascii_digit() && a.is_ascii_digit()) || (b == ' ' && a == ' ')
            }
            _ => false,
        };
        // A spaced `=` between words only: beside a number it may be the writer's sum
        // (`1 EUR = 7,45 kr`).
        let ok = ok
            && (b[at] != b'='
                || before.is_some_and(|c| c.is_ascii_digit())
                || spaced_between_words(text, at, end));
        if in_ranges(protected, at, end) {
            continue;
        }
        if ok {
            out.push(StageEdit::new(
                at..end,
                "–",
                EditKind::Ocr,
                "restore.en-dash",
                0.85,
            ));
        } else if let Some(e) = (b[at] != b'=')
            .then(|| half_spaced_dash(text, at, end))
            .flatten()
        {
            out.push(e);
        }
    }
    // ` -.Gadeholdet`: a hyphen and a speck for the spaced dash (see `half_spaced_dash`).
    for at in memchr::memmem::find_iter(b, b"-.") {
        if !in_ranges(protected, at, at + 2) {
            out.extend(half_spaced_dash(text, at, at + 1));
        }
    }
    out
}

/// Whether the mark at `at..end` stands between two words, one space each side, neither
/// ending nor starting with a digit (`Kaupanger = prosjektleiar`, not `2025 = 7`).
fn spaced_between_words(text: &str, at: usize, end: usize) -> bool {
    let word_char = |c: Option<char>| c.is_some_and(|c| c.is_alphabetic() || c == ')');
    text[..at]
        .strip_suffix(' ')
        .is_some_and(|l| word_char(l.chars().next_back()))
        && text[end..]
            .strip_prefix(' ')
            .is_some_and(|r| word_char(r.chars().next()))
}

/// A dash with a space on one side only, glued to a word on the other (`—Ukrainsk`, `~C`,
/// `—.byrådsmedlem`, `Varde— sådan`): no typography sets one so, and the truth of the pairs
/// has the spaced en dash there every time. The dash becomes ` – ` on the word's side, with a
/// speck period glued between it and the word (`—.om`) going too. A tilde before a digit
/// stays (`~200`, about 200), and so does a hyphen without that period: it is a hyphen
/// (`-5`, ` -næringsplan` is [`stray_hyphens`](crate::marks::stray_hyphens)'s).
fn half_spaced_dash(text: &str, at: usize, end: usize) -> Option<StageEdit> {
    let mark = &text[at..end];
    let space_before = text[..at]
        .chars()
        .next_back()
        .is_none_or(|c| c == ' ' || c == '\n');
    let rest = &text[end..];
    let (speck, word_at) = match rest.strip_prefix('.') {
        Some(r) => (true, r),
        None => (false, rest),
    };
    let next = word_at.chars().next()?;
    if space_before {
        let fits = match mark {
            "—" => next.is_alphanumeric(),
            "~" => next.is_alphabetic(),
            _ => speck && next.is_alphanumeric(),
        };
        // `—.18.30`: a period before a number only as a speck of the dash, not `-.5`.
        if !fits || (mark == "-" && !next.is_alphabetic()) {
            return None;
        }
        let stop = end + usize::from(speck);
        return Some(StageEdit::new(
            at..stop,
            "– ",
            EditKind::Ocr,
            "restore.en-dash",
            0.8,
        ));
    }
    // `Varde— sådan`: glued after a word, a space after.
    let after_word = text[..at]
        .chars()
        .next_back()
        .is_some_and(char::is_alphabetic);
    (mark != "-" && !speck && after_word && rest.starts_with(' '))
        .then(|| StageEdit::new(at..end, " –", EditKind::Ocr, "restore.en-dash", 0.8))
}

/// A date with mixed separators (`05.05:2027`, `11:11.2024`, `23.02,2026`): OCR prints a period
/// as a colon or comma now and then (the pairs' estimate: 184 and 86 times), and no writer mixes
/// them within one date, so the odd one becomes a period. Only day, month and a year of this
/// or the last century (`00:01.00-A00` is a case number), with nothing numeric glued on either
/// side. Found from each colon and comma by looking around it (a regex over the page cost more
/// than every other mark rule: most pages have clock times such as `10:20`).
pub(crate) fn date_separators(text: &str, protected: &[(usize, usize)]) -> Vec<StageEdit> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    for k in memchr::memchr2_iter(b':', b',', b) {
        // `d.m:yyyy` (the odd mark second) or `d:m.yyyy` (first).
        let second = year_at(b, k + 1).and_then(|end| {
            let month = number_before(b, k, 1..=12)?;
            (month >= 1 && b[month - 1] == b'.').then_some(())?;
            let day = number_before(b, month - 1, 1..=31)?;
            Some((day, end))
        });
        let first = || {
            let month_end = number_after(b, k + 1, 1..=12)?;
            (b.get(month_end) == Some(&b'.')).then_some(())?;
            let end = year_at(b, month_end + 1)?;
            let day = number_before(b, k, 1..=31)?;
            Some((day, end))
        };
        let Some((start, end)) = second.or_else(first) else {
            continue;
        };
        if !unglued_number(b, start, end) || in_ranges(protected, start, end) {
            continue;
        }
        out.push(StageEdit::new(
            k..k + 1,
            ".",
            EditKind::Ocr,
            "restore.date-separator",
            0.85,
        ));
    }
    out
}

/// A mark the engine printed for a space inside a phone number of four two-digit groups, the
/// Danish and Norwegian way of writing one (`tlf. 72.53 14 88`, `96 63:11 00`, `21 43 87°65`):
/// exactly one of the three gaps is a mark (`.` `:` `,` `-` `°`), the other two spaces, and
/// nothing numeric is glued on either side, so dates (`21-10-2027`), clock ranges
/// (`19.45-20.15`), case numbers (`00.01.00-A00`) and amounts keep their marks.
pub(crate) fn phone_separators(
    text: &str,
    toks: &[Token<'_>],
    protected: &[(usize, usize)],
) -> Vec<StageEdit> {
    let b = text.as_bytes();
    // Glued: a digit or letter, or a mark with a digit beyond it.
    let glued_before = |at: usize| {
        at > 0
            && (b[at - 1].is_ascii_alphanumeric()
                || (matches!(b[at - 1], b'.' | b':' | b',' | b'-')
                    && at >= 2
                    && b[at - 2].is_ascii_digit()))
    };
    let glued_after = |at: usize| {
        b.get(at).is_some_and(|c| {
            c.is_ascii_alphanumeric()
                || (matches!(c, b'.' | b':' | b',' | b'-')
                    && b.get(at + 1).is_some_and(u8::is_ascii_digit))
        })
    };
    let pair = |at: usize| {
        b.get(at..at + 2)
            .is_some_and(|d| d.iter().all(u8::is_ascii_digit))
    };
    // A gap between two groups: a space, `.`, `:`, `,`, `-` or `°`; its length in bytes.
    let gap = |at: usize| match b.get(at) {
        Some(b' ' | b'.' | b':' | b',' | b'-') => Some(1),
        Some(0xc2) if b.get(at + 1) == Some(&0xb0) => Some(2),
        _ => None,
    };
    // Four groups of two digits, three gaps: the gaps' ranges, leftmost first and not
    // overlapping, as a regex would find them. Only digits of number-bearing tokens are
    // tried (a regex over the whole text, or a scan of every byte, cost 1-2% of warm restore
    // time on damaged text).
    let phone_at = |at: usize| -> Option<[(usize, usize); 3]> {
        let mut gaps = [(0, 0); 3];
        let mut k = at;
        pair(k).then_some(())?;
        k += 2;
        for g in &mut gaps {
            let n = gap(k)?;
            *g = (k, k + n);
            k += n;
            pair(k).then_some(())?;
            k += 2;
        }
        Some(gaps)
    };
    let mut out = Vec::new();
    // Where the last match ended: the next starts no earlier.
    let mut done = 0;
    let digits = toks
        .iter()
        .filter(|t| matches!(t.class, TokenClass::Number | TokenClass::Mixed))
        .flat_map(|t| t.start..t.end);
    for at in digits {
        if at < done || !b[at].is_ascii_digit() {
            continue;
        }
        let Some(gaps) = phone_at(at) else {
            continue;
        };
        let (start, end) = (at, gaps[2].1 + 2);
        done = end;
        if glued_before(start) || glued_after(end) || in_ranges(protected, start, end) {
            continue;
        }
        let mut marks = gaps.iter().filter(|&&(a, z)| &b[a..z] != b" ");
        if let (Some(&(a, z)), None) = (marks.next(), marks.next()) {
            out.push(space_for(a..z, 0.8));
        }
    }
    out
}

/// The end of a year of this or the last century starting at byte `at` (`19xx`, `20xx`,
/// not followed by another digit).
pub(crate) fn year_at(b: &[u8], at: usize) -> Option<usize> {
    let y = b.get(at..at + 4)?;
    ((y.starts_with(b"19") || y.starts_with(b"20"))
        && y.iter().all(u8::is_ascii_digit)
        && !b.get(at + 4).is_some_and(u8::is_ascii_digit))
    .then_some(at + 4)
}

/// The start of the one- or two-digit number ending at byte `end` (not preceded by a third
/// digit), if its value lies in `range`.
fn number_before(b: &[u8], end: usize, range: std::ops::RangeInclusive<u32>) -> Option<usize> {
    let digit = |k: usize| b.get(k).is_some_and(u8::is_ascii_digit);
    if end == 0 || !digit(end - 1) {
        return None;
    }
    let start = if end >= 2 && digit(end - 2) {
        end - 2
    } else {
        end - 1
    };
    if start > 0 && digit(start - 1) {
        return None;
    }
    let v = b[start..end]
        .iter()
        .fold(0, |v, &d| v * 10 + u32::from(d - b'0'));
    range.contains(&v).then_some(start)
}

/// The end of the one- or two-digit number starting at byte `start` (not followed by a third
/// digit), if its value lies in `range`.
fn number_after(b: &[u8], start: usize, range: std::ops::RangeInclusive<u32>) -> Option<usize> {
    let digit = |k: usize| b.get(k).is_some_and(u8::is_ascii_digit);
    if !digit(start) {
        return None;
    }
    let end = if digit(start + 1) {
        start + 2
    } else {
        start + 1
    };
    if digit(end) {
        return None;
    }
    let v = b[start..end]
        .iter()
        .fold(0, |v, &d| v * 10 + u32::from(d - b'0'));
    range.contains(&v).then_some(end)
}

/// Whether the number run `b[start..end]` stands on its own: no letter or digit touches it,
/// and no mark with a digit beyond (`1.05.05:2027`, `16,00.5`).
pub(crate) fn unglued_number(b: &[u8], start: usize, end: usize) -> bool {
    let digit = |k: usize| b.get(k).is_some_and(u8::is_ascii_digit);
    let mark = |k: usize| matches!(b.get(k), Some(b'.' | b':' | b','));
    let before = start > 0 && (b[start - 1].is_ascii_alphanumeric() || b[start - 1] == b'_');
    let after = b
        .get(end)
        .is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'_');
    let glued_mark =
        (start >= 2 && mark(start - 1) && digit(start - 2)) || (mark(end) && digit(end + 1));
    !(before || after || glued_mark)
}

/// The clock time whose mark is the byte at `at` (`16,00`, `9.30`; hour 0-23, minutes
/// 00-59), as its byte range, when nothing numeric is glued to it.
fn clock_at(b: &[u8], at: usize) -> Option<(usize, usize)> {
    let start = number_before(b, at, 0..=23)?;
    let end = number_after(b, at + 1, 0..=59)?;
    (end == at + 3 && unglued_number(b, start, end)).then_some((start, end))
}

/// Whether the number run ending at byte `end` is a year of this or the last century, a clock
/// time after `kl.` (`kl. 17.30`) or an amount with thousands points (`450.000`), on its own:
/// numbers that are never ordinals, so a period after them ends a sentence or is a speck.
pub(crate) fn closed_number_before(b: &[u8], end: usize) -> bool {
    let start = b[..end]
        .iter()
        .rposition(|c| !(c.is_ascii_digit() || matches!(c, b'.' | b':')))
        .map_or(0, |k| k + 1);
    let run = &b[start..end];
    if run.is_empty() || !run[0].is_ascii_digit() || !unglued_number(b, start, end) {
        return false;
    }
    let year = year_at(b, start) == Some(end);
    // A clock time only after `kl.` (`kl. 17.30. til`): `12.03.` alone may be a day and a
    // month.
    let ends_with = |tail: &[u8]| {
        start >= tail.len() && b[start - tail.len()..start].eq_ignore_ascii_case(tail)
    };
    let after_kl = ends_with(b"kl. ") || ends_with(b"kl ");
    let clock = after_kl
        && run.len() >= 4
        && matches!(run[run.len() - 3], b'.' | b':')
        && clock_at(b, start + run.len() - 3) == Some((start, end));
    let amount = run.len() >= 5
        && run.split(|&c| c == b'.').enumerate().all(|(k, g)| {
            g.iter().all(u8::is_ascii_digit)
                && if k == 0 {
                    (1..=3).contains(&g.len())
                } else {
                    g.len() == 3
                }
        });
    year || clock || amount
}

/// Past the dash of a range (` ?[-–—~] ?`) starting at byte `at`.
fn range_dash_after(b: &[u8], at: usize) -> Option<usize> {
    let mut k = at + usize::from(b.get(at) == Some(&b' '));
    let rest = b.get(k..)?;
    k += if rest.starts_with(b"-") || rest.starts_with(b"~") {
        1
    } else if rest.starts_with("–".as_bytes()) || rest.starts_with("—".as_bytes()) {
        3
    } else {
        return None;
    };
    Some(k + usize::from(b.get(k) == Some(&b' ')))
}

/// Before the dash of a range (` ?[-–—~] ?`) ending at byte `at`.
fn range_dash_before(b: &[u8], at: usize) -> Option<usize> {
    let mut k = at - usize::from(at > 0 && b[at - 1] == b' ');
    let head = &b[..k];
    k -= if head.ends_with(b"-") || head.ends_with(b"~") {
        1
    } else if head.ends_with("–".as_bytes()) || head.ends_with("—".as_bytes()) {
        3
    } else {
        return None;
    };
    Some(k - usize::from(k > 0 && b[k - 1] == b' '))
}

/// A clock time printed with a comma (`kl. 16,00-19.30`, `09.20 – 10,15`, `Kl. 10,00`): OCR
/// prints a period as a comma now and then (86 times in the pairs' estimate), and Nordic
/// writers set clock times with a period or a colon. In a range the comma takes the mark of
/// the other end; after `kl.` (or `klo`), the mark most of the page's clock times have, a
/// period if none, and so do both ends of a range after it (`kl. 16,00-18,30`). A comma with
/// no clock word and no range (`15,00 kr`), or in a range whose other end has one too, stays.
/// Found from each comma between digits by looking around it, without a regex over the page.
pub(crate) fn clock_commas(text: &str, protected: &[(usize, usize)]) -> Vec<StageEdit> {
    let b = text.as_bytes();
    let mut out: Vec<StageEdit> = Vec::new();
    // The mark most of the page's clock times have, counted once, when first needed.
    let mut page_mark: Option<&'static str> = None;
    let mut mark_of_page = || {
        *page_mark.get_or_insert_with(|| {
            let (mut periods, mut colons) = (0usize, 0usize);
            for k in memchr::memchr2_iter(b'.', b':', b) {
                if clock_at(b, k).is_some() {
                    if b[k] == b'.' {
                        periods += 1;
                    } else {
                        colons += 1;
                    }
                }
            }
            if colons > periods {
                ":"
            } else {
                "."
            }
        })
    };
    // Whether `kl.`, `kl` or `klo` (as a word) stands one space before byte `at`.
    let after_clock_word = |at: usize| {
        let Some(before) = text[..at].strip_suffix(' ') else {
            return false;
        };
        ["kl.", "kl", "Kl.", "Kl", "klo", "Klo"].iter().any(|w| {
            before
                .strip_suffix(w)
                .is_some_and(|rest| !rest.ends_with(|c: char| c.is_alphanumeric()))
        })
    };
    for k in memchr::memchr_iter(b',', b) {
        let Some((start, end)) = clock_at(b, k) else {
            continue;
        };
        if in_ranges(protected, start, end) || out.iter().any(|e| e.range.start == k) {
            continue;
        }
        let (next, prev) = range_other_end(b, start, end);
        let other = next.or(prev);
        let mark = match other.map(|m| b[m]) {
            Some(b'.') => ".",
            Some(b':') => ":",
            // Both ends with a comma: only after a clock word, both take the page's mark.
            Some(_) => {
                let first = if prev.is_some() && next.is_none() {
                    prev.and_then(|m| number_before(b, m, 0..=23))
                } else {
                    Some(start)
                };
                if !first.is_some_and(after_clock_word) {
                    continue;
                }
                let m = mark_of_page();
                if let Some(o) = other.filter(|&o| !out.iter().any(|e| e.range.start == o)) {
                    out.push(clock_edit(o, m));
                }
                m
            }
            None if after_clock_word(start) => mark_of_page(),
            None => continue,
        };
        out.push(clock_edit(k, mark));
    }
    out
}

/// A colon in a clock range whose other end has a period (`12:45-14.15`, `16.20 – 16:30`):
/// writers set both ends of a range alike (the truth of every pair split: 1,251 clock ranges,
/// none mixed), and OCR prints a period as a colon now and then (193 times in the pairs'
/// estimate) but a colon as a period hardly ever, so the colon is the misread. The pairs' OCR
/// has 27 mixed ranges. A period in a range whose other end has a colon stays: the page may
/// mix the two marks elsewhere, and nothing says which end OCR read.
pub(crate) fn clock_colons(text: &str, protected: &[(usize, usize)]) -> Vec<StageEdit> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    for k in memchr::memchr_iter(b':', b) {
        let Some((start, end)) = clock_at(b, k) else {
            continue;
        };
        if in_ranges(protected, start, end) {
            continue;
        }
        let (next, prev) = range_other_end(b, start, end);
        if next.or(prev).is_some_and(|m| b[m] == b'.') {
            out.push(clock_edit(k, "."));
        }
    }
    out
}

/// Where the mark of a clock range's other end is, for the clock time at `start..end`: the
/// byte of the mark of the time after it (`14.15` in `12:45-14.15`) and of the time before it,
/// each `None` where no dash and clock time stand there.
fn range_other_end(b: &[u8], start: usize, end: usize) -> (Option<usize>, Option<usize>) {
    // The mark of the clock time starting at byte `at` (one or two digits, then the mark).
    let next = range_dash_after(b, end).and_then(|at| {
        [at + 1, at + 2]
            .into_iter()
            .find(|&m| clock_at(b, m).is_some_and(|(s, _)| s == at))
    });
    let prev = range_dash_before(b, start).and_then(|e| {
        e.checked_sub(3)
            .filter(|&m| clock_at(b, m).is_some_and(|(_, x)| x == e))
    });
    (next, prev)
}

fn clock_edit(at: usize, mark: &str) -> StageEdit {
    StageEdit::new(
        at..at + 1,
        mark,
        EditKind::Ocr,
        "restore.clock-separator",
        0.8,
    )
}

/// A hyphen in a clock or year range (`09.00-11.30`, `18:00 - 20:00`, `2024-2027`) in a
/// document that elsewhere shows an en dash between digits the engine printed as an em dash, a
/// tilde or a doubled hyphen (`09.00—11.30`, `7~9`, `09.30--09.45`): Tesseract's English model
/// prints an en dash as a hyphen most of the time and as one of those now and then, and a
/// writer sets ranges one way throughout. Measured on the train pairs: in the 89 documents with
/// that evidence the truth has 266 clock ranges and 34 year ranges with an en dash and none with
/// a hyphen; in the others, 226 and 54 against 144 and 12, so there hyphens stay. The five real
/// seeds write their ranges with hyphens and show no such evidence.
fn hyphen_ranges(text: &str, protected: &[(usize, usize)]) -> Vec<StageEdit> {
    let mut out = Vec::new();
    let b = text.as_bytes();
    let digit = |k: usize| b.get(k).is_some_and(u8::is_ascii_digit);
    // The evidence: `—`, `~`, `--` or `—-` between two digits, a space allowed on each side.
    let misread_at = |k: usize, len: usize| {
        let left = (k >= 1 && digit(k - 1)) || (k >= 2 && b[k - 1] == b' ' && digit(k - 2));
        let mut r = k + len;
        if len == 3 && b.get(r) == Some(&b'-') {
            r += 1;
        }
        left && (digit(r) || (b.get(r) == Some(&b' ') && digit(r + 1)))
    };
    let evidence = memchr::memchr2_iter(b'~', 0xE2, b).any(|k| match b[k] {
        b'~' => misread_at(k, 1),
        _ => b[k..].starts_with("—".as_bytes()) && misread_at(k, 3),
    }) || memchr::memmem::find_iter(b, b"--").any(|k| misread_at(k, 2));
    if !evidence {
        return out;
    }
    // Whole numbers only: nothing numeric glued on either side (`1.09.00-11.30`,
    // `2024-2027-01`).
    let glued_before = |start: usize| {
        start
            .checked_sub(1)
            .is_some_and(|k| b[k].is_ascii_digit() || matches!(b[k], b'.' | b':' | b'-' | b'/'))
    };
    let glued_after = |end: usize| {
        b.get(end).is_some_and(|&x| x.is_ascii_digit() || x == b'-')
            || (b.get(end).is_some_and(|&x| matches!(x, b'.' | b':' | b'/')) && digit(end + 1))
    };
    // A clock time `\d{1,2}[.:]\d\d` ending at byte `end`: its start.
    let clock_before = |end: usize| {
        (end >= 4
            && digit(end - 1)
            && digit(end - 2)
            && matches!(b[end - 3], b'.' | b':')
            && digit(end - 4))
        .then(|| {
            if end >= 5 && digit(end - 5) {
                end - 5
            } else {
                end - 4
            }
        })
    };
    // A clock time starting at byte `start`: its end.
    let clock_after = |start: usize| {
        let m = if digit(start + 1) {
            start + 2
        } else {
            start + 1
        };
        (digit(start) && matches!(b.get(m), Some(b'.' | b':')) && digit(m + 1) && digit(m + 2))
            .then_some(m + 3)
    };
    for k in memchr::memchr_iter(b'-', b) {
        // A clock range, a space allowed on each side of the dash.
        let left_end = if k >= 1 && b[k - 1] == b' ' { k - 1 } else { k };
        let right_start = if b.get(k + 1) == Some(&b' ') {
            k + 2
        } else {
            k + 1
        };
        let clock = clock_before(left_end).zip(clock_after(right_start));
        // A year range running forward, within a decade or so (`2024-2027`; not `2027-2024`).
        let year = || {
            let (a, z) = (k.checked_sub(4)?, year_at(b, k + 1)?);
            year_at(b, a).filter(|&e| e == k)?;
            let v = |r: std::ops::Range<usize>| {
                b[r].iter().fold(0u32, |v, &d| v * 10 + u32::from(d - b'0'))
            };
            let (y1, y2) = (v(a..k), v(k + 1..z));
            (y2 > y1 && y2 <= y1 + 12).then_some((a, z))
        };
        let Some((start, end)) = clock.or_else(year) else {
            continue;
        };
        if glued_before(start) || glued_after(end) || in_ranges(protected, start, end) {
            continue;
        }
        out.push(StageEdit::new(
            k..k + 1,
            "–",
            EditKind::Ocr,
            "restore.en-dash",
            0.8,
        ));
    }
    out
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::addresses::address_marks;
    use rensa_core::tokens;

    /// The byte scanners of the mark rules look around every mark they find: none may step
    /// outside the text, whatever marks and digits surround it (every string of up to five
    /// of these pieces, so a dash or mark at either end).
    /// Every string of at most `max` characters made of `pieces` (the empty one too), sorted:
    /// the inputs of the scanners' property tests, so a mark or digit lands at either end.
    pub(crate) fn strings_of(pieces: &[&str], max: usize) -> Vec<String> {
        let mut texts = vec![String::new()];
        for _ in 0..max {
            let longer: Vec<String> = texts
                .iter()
                .flat_map(|t| pieces.iter().map(move |p| format!("{t}{p}")))
                .collect();
            texts.extend(longer.into_iter().filter(|t| t.chars().count() <= max));
            texts.sort();
            texts.dedup();
        }
        texts
    }

    #[test]
    fn mark_scanners_stay_inside_any_text() {
        let mut texts = strings_of(
            &["5", "0", "2", ".", ":", ",", "-", "—", " ", "k", "l", "@"],
            5,
        );
        texts.extend(
            [
                "-5,00 - 6,00",
                "kl. 1,00-2,00",
                "05.05:2020",
                "1:1.1999",
                "https:/Awww.a:se",
                "a@b:se",
                "x:y@z",
                "2020-2024",
                "9.30--9.45",
                "—5",
            ]
            .map(String::from),
        );
        for t in &texts {
            clock_commas(t, &[]);
            date_separators(t, &[]);
            hyphen_ranges(t, &[]);
            address_marks(t);
            phone_separators(t, &tokens(t).collect::<Vec<_>>(), &[]);
        }
    }
}
