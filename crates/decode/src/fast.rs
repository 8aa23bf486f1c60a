//! The one-scan check that lets clean text through without running any rule.

use crate::lex::cp1252_byte;

/// Whether anything in `text` could be acted on by a rule. False means no rule would edit it.
pub(crate) fn needs_repair(text: &str) -> bool {
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let x = b[i];
        if x < 0x80 {
            match x {
                b'&' => return true,
                b'{' | b'|' | b'}' | b'[' | b']' | b'\\' => {
                    let letter =
                        |y: Option<&u8>| y.is_some_and(|&y| y.is_ascii_alphabetic() || y >= 0x80);
                    if letter(i.checked_sub(1).and_then(|j| b.get(j))) || letter(b.get(i + 1)) {
                        return true;
                    }
                }
                _ => {}
            }
            i += 1;
            continue;
        }
        let Some(c) = text[i..].chars().next() else {
            break;
        };
        let len = c.len_utf8();
        if suspicious(c, &text[..i], &text[i + len..]) {
            return true;
        }
        i += len;
    }
    false
}

fn suspicious(c: char, before: &str, after: &str) -> bool {
    let u = c as u32;
    match u {
        0x80..=0x9F | 0xAD | 0xFFFD | 0x200B..=0x200D | 0x2060 | 0xFEFF => true,
        0x300..=0x36F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F => {
            true
        }
        // A UTF-8 lead byte read as windows-1252, followed by a continuation byte read the same way.
        0xC2..=0xF4 => after
            .chars()
            .next()
            .is_some_and(|n| cp1252_byte(n).is_some_and(|b| (0x80..=0xBF).contains(&b))),
        _ => {
            if crate::legacy::is_suspect(c) {
                let letter = |o: Option<char>| o.is_some_and(char::is_alphabetic);
                letter(before.chars().next_back()) || letter(after.chars().next())
            } else {
                false
            }
        }
    }
}
