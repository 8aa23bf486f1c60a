//! Byte-level decoding: BOMs, UTF-8, and a Nordic-aware choice among legacy code pages.

use crate::lex::{is_nordic_letter, Lex};
use crate::tables::{CP437, CP850, CP865};
use crate::{DecodeError, DecodeOptions, Decoded};

/// Legacy candidates in order of preference on a tie.
pub(crate) const LEGACY: [&str; 7] = [
    "windows-1252",
    "iso-8859-15",
    "iso-8859-1",
    "cp850",
    "cp865",
    "cp437",
    "macintosh",
];

pub(crate) fn decode(
    bytes: &[u8],
    lex: &Lex,
    opts: &DecodeOptions,
) -> Result<Decoded, DecodeError> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(DecodeError::Empty);
    }
    // Whether the text is the input bytes themselves, which `check_binary` has seen.
    let mut same_bytes = false;
    // One vectorised search, shared by the UTF-16 guess and the binary check.
    let has_nul = bytes.contains(&0);
    let decoded = match by_bom(bytes).or_else(|| bomless_utf16(bytes, has_nul)) {
        Some(d) => d,
        None => {
            check_binary(bytes, has_nul)?;
            match std::str::from_utf8(bytes) {
                Ok(s) => {
                    same_bytes = true;
                    Decoded {
                        text: s.to_owned(),
                        encoding: "utf-8",
                        confidence: 1.0,
                    }
                }
                Err(_) => legacy(bytes, lex),
            }
        }
    };
    // ALTO and PAGE XML: the transcription, not the markup.
    let decoded = match crate::xml::sniff(&decoded.text) {
        Some(format) => {
            same_bytes = false;
            crate::xml::convert(bytes, decoded, format)?
        }
        None => decoded,
    };
    // `check_binary` already refused any NUL in bytes that are the text.
    if !same_bytes {
        if let Some(pos) = decoded.text.find('\0') {
            return Err(DecodeError::Binary { offset: pos });
        }
    }
    if decoded.text.trim().is_empty() {
        return Err(DecodeError::Empty);
    }
    if lines_fit(decoded.text.as_bytes(), opts.max_line_bytes) {
        return Ok(decoded);
    }
    for (i, line) in decoded.text.split('\n').enumerate() {
        if line.len() > opts.max_line_bytes {
            return Err(DecodeError::LineTooLong {
                line: i + 1,
                len: line.len(),
                max: opts.max_line_bytes,
            });
        }
    }
    Ok(decoded)
}

/// Whether no line is longer than `max` bytes, looking at few bytes: from each line start, the
/// last newline within `max + 1` bytes is found searching backwards, and the next line starts
/// after it. No newline in that window means a line too long.
fn lines_fit(text: &[u8], max: usize) -> bool {
    let mut pos = 0;
    while text.len() - pos > max {
        match text[pos..=pos + max].iter().rposition(|&b| b == b'\n') {
            Some(k) => pos += k + 1,
            None => return false,
        }
    }
    true
}

fn by_bom(bytes: &[u8]) -> Option<Decoded> {
    let d = |text: String, encoding| Decoded {
        text,
        encoding,
        confidence: 1.0,
    };
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return Some(d(String::from_utf8_lossy(rest).into_owned(), "utf-8-bom"));
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE\x00\x00") {
        return Some(d(utf32(rest, u32::from_le_bytes), "utf-32le"));
    }
    if let Some(rest) = bytes.strip_prefix(b"\x00\x00\xFE\xFF") {
        return Some(d(utf32(rest, u32::from_be_bytes), "utf-32be"));
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        let (t, _) = encoding_rs::UTF_16LE.decode_without_bom_handling(rest);
        return Some(d(t.into_owned(), "utf-16le"));
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        let (t, _) = encoding_rs::UTF_16BE.decode_without_bom_handling(rest);
        return Some(d(t.into_owned(), "utf-16be"));
    }
    None
}

fn utf32(bytes: &[u8], read: fn([u8; 4]) -> u32) -> String {
    let mut out = String::with_capacity(bytes.len() / 4);
    let mut chunks = bytes.chunks_exact(4);
    for c in &mut chunks {
        let u = read([c[0], c[1], c[2], c[3]]);
        out.push(char::from_u32(u).unwrap_or('\u{FFFD}'));
    }
    if !chunks.remainder().is_empty() {
        out.push('\u{FFFD}');
    }
    out
}

/// UTF-16 without a BOM: most code units of Latin text have one zero byte, always on one side.
fn bomless_utf16(bytes: &[u8], has_nul: bool) -> Option<Decoded> {
    // Without a zero byte neither side can have any.
    if bytes.len() < 8 || bytes.len() & 1 == 1 || !has_nul {
        return None;
    }
    let pairs = bytes.len() / 2;
    let zero_even = bytes.iter().step_by(2).filter(|&&b| b == 0).count();
    let zero_odd = bytes.iter().skip(1).step_by(2).filter(|&&b| b == 0).count();
    let (enc, label) = if zero_odd * 10 >= pairs * 6 && zero_even * 20 < pairs {
        (encoding_rs::UTF_16LE, "utf-16le")
    } else if zero_even * 10 >= pairs * 6 && zero_odd * 20 < pairs {
        (encoding_rs::UTF_16BE, "utf-16be")
    } else {
        return None;
    };
    let (t, _) = enc.decode_without_bom_handling(bytes);
    Some(Decoded {
        text: t.into_owned(),
        encoding: label,
        confidence: 0.8,
    })
}

/// A NUL byte (`has_nul`: whether `bytes` has one), or control bytes making up more than 2% of
/// the input (at least 8 of them).
fn check_binary(bytes: &[u8], has_nul: bool) -> Result<(), DecodeError> {
    if has_nul {
        let offset = bytes.iter().position(|&b| b == 0).unwrap_or(0);
        return Err(DecodeError::Binary { offset });
    }
    // Form feed (page breaks from pdftotext), Ctrl-Z (DOS end of file) and ESC (printer codes)
    // occur in text files; the other C0 controls do not.
    let is_ctl = |b: u8| matches!(b, 0x01..=0x08 | 0x0E..=0x19 | 0x1C..=0x1F | 0x7F);
    // Counted in blocks of 255 with a byte-wide sum, which the compiler vectorises.
    let count: usize = bytes
        .chunks(255)
        .map(|block| {
            block
                .iter()
                .fold(0u8, |n, &b| n.wrapping_add(u8::from(is_ctl(b)))) as usize
        })
        .sum();
    if count >= 8 && count * 50 > bytes.len() {
        let offset = bytes.iter().position(|&b| is_ctl(b)).unwrap_or(0);
        return Err(DecodeError::Binary { offset });
    }
    Ok(())
}

/// `bytes` decoded with one of the [`LEGACY`] pages, by label (windows-1252 for an unknown one).
pub(crate) fn decode_legacy(bytes: &[u8], label: &str) -> String {
    let table = match label {
        "cp850" => &CP850,
        "cp865" => &CP865,
        "cp437" => &CP437,
        "iso-8859-1" => return bytes.iter().map(|&b| b as char).collect(),
        _ => {
            let enc = match label {
                "iso-8859-15" => encoding_rs::ISO_8859_15,
                "macintosh" => encoding_rs::MACINTOSH,
                _ => encoding_rs::WINDOWS_1252,
            };
            let (t, _) = enc.decode_without_bom_handling(bytes);
            return t.into_owned();
        }
    };
    bytes
        .iter()
        .map(|&b| {
            if b < 0x80 {
                b as char
            } else {
                table[(b - 0x80) as usize]
            }
        })
        .collect()
}

/// Decodes with every legacy candidate and keeps the best-scoring text.
fn legacy(bytes: &[u8], lex: &Lex) -> Decoded {
    let mut scored: Vec<(&'static str, String, f32)> = LEGACY
        .iter()
        .map(|&label| {
            let text = decode_legacy(bytes, label);
            let s = score(&text, lex);
            (label, text, s)
        })
        .collect();
    let mut best = 0;
    for i in 1..scored.len() {
        if scored[i].2 > scored[best].2 {
            best = i;
        }
    }
    let best_score = scored[best].2;
    let runner_up = scored
        .iter()
        .filter(|c| c.1 != scored[best].1)
        .map(|c| c.2)
        .reduce(f32::max);
    let confidence = match runner_up {
        None => 0.9,
        Some(r) => {
            let margin = (best_score - r).max(0.0);
            0.5 + 0.45 * margin / (margin + 4.0)
        }
    };
    let (label, text, _) = scored.swap_remove(best);
    Decoded {
        text,
        encoding: label,
        confidence,
    }
}

/// How Nordic a decoded text reads: letters where letters belong, and known words.
pub(crate) fn score(text: &str, lex: &Lex) -> f32 {
    let mut s = 0.0f32;
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if c.is_ascii() {
            continue;
        }
        let prev = i.checked_sub(1).map(|j| chars[j]).unwrap_or(' ');
        let next = chars.get(i + 1).copied().unwrap_or(' ');
        let (pl, nl) = (prev.is_alphabetic(), next.is_alphabetic());
        s += if c.is_alphabetic() {
            let latin = ('\u{C0}'..='\u{17F}').contains(&c) && c != '×' && c != '÷';
            match (pl || nl, is_nordic_letter(c), latin) {
                (true, true, _) => 2.0,
                (true, false, true) => 1.0,
                (true, false, false) => -1.0,
                (false, _, true) => 0.0,
                (false, _, false) => -0.5,
            }
        } else if (pl && nl) || crate::lex::is_c1(c) {
            -3.0
        } else if ('\u{2500}'..='\u{25FF}').contains(&c) {
            -2.0
        } else if c == '¤' {
            -1.0
        } else {
            0.0
        };
    }
    for word in text.split(|c: char| !c.is_alphabetic()) {
        if !word.is_ascii() && lex.known(word) {
            s += 3.0;
        }
    }
    s
}
