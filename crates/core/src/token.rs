//! A tokenizer with byte offsets, shared by the stages and the evaluation.
//!
//! Tokens are maximal runs of letters and digits. Hyphens are not part of a token, so `C-nätet`
//! is the tokens `C`, `-`, `nätet`; restore repairs each part of a hyphenated word on its own,
//! and offsets stay simple. Whitespace is skipped; every other character is a one-character
//! punctuation token.

/// What a token is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenClass {
    /// Letters only (may include digits OCR put in place of letters; see `has_digit`).
    Word,
    /// Digits only.
    Number,
    /// Letters and digits mixed (`f6r`, `4r`, `2020a`).
    Mixed,
    /// One non-word, non-space character.
    Punct,
}

/// A token of a text with its byte range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token<'a> {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
    /// The token text.
    pub text: &'a str,
    /// Its class.
    pub class: TokenClass,
    /// How many of its characters are letters (`char::is_alphabetic`).
    pub letters: u32,
    /// How many of its characters are uppercase (`char::is_uppercase`): callers decide on case
    /// without walking the text again.
    pub uppers: u32,
}

/// What a character contributes to a token: (is a word character, letters, digits,
/// uppercase letters). Unicode lookups only outside ASCII and Latin-1 (most of Nordic text);
/// the result is that of `is_alphanumeric`, `is_alphabetic`, `is_numeric` and `is_uppercase`.
#[inline]
fn char_kind(c: char) -> (bool, u32, u32, u32) {
    match c {
        'a'..='z' => (true, 1, 0, 0),
        'A'..='Z' => (true, 1, 0, 1),
        '0'..='9' => (true, 0, 1, 0),
        '\0'..='\u{7f}' => (false, 0, 0, 0),
        '\u{c0}'..='\u{de}' if c != '\u{d7}' => (true, 1, 0, 1),
        '\u{df}'..='\u{ff}' if c != '\u{f7}' => (true, 1, 0, 0),
        _ => {
            let (a, n) = (c.is_alphabetic(), c.is_numeric());
            (a || n, a as u32, n as u32, c.is_uppercase() as u32)
        }
    }
}

/// ASCII character classes, one table lookup per byte of running text.
const WORD: u8 = 1;
const LETTER: u8 = 2;
const DIGIT: u8 = 4;
const UPPER: u8 = 8;
const SPACE: u8 = 16;
static ASCII: [u8; 128] = {
    let mut t = [0u8; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        t[b] = if c.is_ascii_lowercase() {
            WORD | LETTER
        } else if c.is_ascii_uppercase() {
            WORD | LETTER | UPPER
        } else if c.is_ascii_digit() {
            WORD | DIGIT
        } else if matches!(c, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r') {
            // `char::is_whitespace` on ASCII.
            SPACE
        } else {
            0
        };
        b += 1;
    }
    t
};

/// The character at byte `i` of `text` (not ASCII) and its length.
#[inline]
fn char_at(text: &str, i: usize) -> Option<(char, usize)> {
    let c = text.get(i..)?.chars().next()?;
    Some((c, c.len_utf8()))
}

/// Splits `text` into tokens; whitespace is not returned.
///
/// ASCII bytes are classified by a table without decoding; other characters go through
/// `char_kind`.
pub fn tokens(text: &str) -> impl Iterator<Item = Token<'_>> + '_ {
    let bytes = text.as_bytes();
    let mut pos = 0;
    std::iter::from_fn(move || loop {
        let &b = bytes.get(pos)?;
        let i = pos;
        let (mut letters, mut digits, mut uppers);
        if b < 0x80 {
            let k = ASCII[b as usize];
            pos += 1;
            if k & SPACE != 0 {
                continue;
            }
            if k & WORD == 0 {
                return Some(Token {
                    start: i,
                    end: pos,
                    text: &text[i..pos],
                    class: TokenClass::Punct,
                    letters: 0,
                    uppers: 0,
                });
            }
            letters = u32::from(k & LETTER != 0);
            digits = u32::from(k & DIGIT != 0);
            uppers = u32::from(k & UPPER != 0);
        } else {
            let (c, n) = char_at(text, pos)?;
            pos += n;
            if c.is_whitespace() {
                continue;
            }
            let (word, l, d, u) = char_kind(c);
            if !word {
                return Some(Token {
                    start: i,
                    end: pos,
                    text: &text[i..pos],
                    class: TokenClass::Punct,
                    letters: l,
                    uppers: u,
                });
            }
            (letters, digits, uppers) = (l, d, u);
        }
        while let Some(&b) = bytes.get(pos) {
            if b < 0x80 {
                let k = ASCII[b as usize];
                if k & WORD == 0 {
                    break;
                }
                letters += u32::from(k & LETTER != 0);
                digits += u32::from(k & DIGIT != 0);
                uppers += u32::from(k & UPPER != 0);
                pos += 1;
            } else {
                let Some((c, n)) = char_at(text, pos) else {
                    break;
                };
                let (w, l, d, u) = char_kind(c);
                if !w {
                    break;
                }
                letters += l;
                digits += d;
                uppers += u;
                pos += n;
            }
        }
        let class = match (letters, digits) {
            (_, 0) => TokenClass::Word,
            (0, _) => TokenClass::Number,
            _ => TokenClass::Mixed,
        };
        return Some(Token {
            start: i,
            end: pos,
            text: &text[i..pos],
            class,
            letters,
            uppers,
        });
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_kind_agrees_with_the_unicode_predicates() {
        for c in (0..0x3000u32).filter_map(char::from_u32) {
            let (w, l, n, u) = char_kind(c);
            assert_eq!(w, c.is_alphanumeric(), "{c:?}");
            assert_eq!(l == 1, c.is_alphabetic(), "{c:?}");
            assert_eq!(n == 1, c.is_numeric(), "{c:?}");
            assert_eq!(u == 1, c.is_uppercase(), "{c:?}");
        }
    }

    #[test]
    fn splits_words_numbers_and_punctuation_with_offsets() {
        let t: Vec<_> = tokens("C-nätet f6r 2020, ok").collect();
        let texts: Vec<_> = t.iter().map(|t| t.text).collect();
        assert_eq!(texts, ["C", "-", "nätet", "f6r", "2020", ",", "ok"]);
        assert_eq!(t[2].start, 2);
        assert_eq!(t[2].end, 8);
        assert_eq!(t[3].class, TokenClass::Mixed);
        assert_eq!(t[4].class, TokenClass::Number);
        assert_eq!(t[5].class, TokenClass::Punct);
        let counts: Vec<_> = tokens("ÖVERENS Mälaren iPhone 4r")
            .map(|t| (t.letters, t.uppers))
            .collect();
        assert_eq!(counts, [(7, 7), (7, 1), (6, 1), (1, 0)]);
    }
}
