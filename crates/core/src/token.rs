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
}

/// What a character contributes to a token: (is a word character, letters, digits). One
/// Unicode lookup at most, and none for ASCII and Latin-1 letters (most of Nordic text);
/// the result is that of `is_alphanumeric`, `is_alphabetic` and `is_numeric`.
#[inline]
fn char_kind(c: char) -> (bool, usize, usize) {
    match c {
        'a'..='z' | 'A'..='Z' => (true, 1, 0),
        '0'..='9' => (true, 0, 1),
        '\0'..='\u{7f}' => (false, 0, 0),
        '\u{c0}'..='\u{ff}' if c != '\u{d7}' && c != '\u{f7}' => (true, 1, 0),
        _ => {
            let (a, n) = (c.is_alphabetic(), c.is_numeric());
            (a || n, a as usize, n as usize)
        }
    }
}

/// Splits `text` into tokens; whitespace is not returned.
pub fn tokens(text: &str) -> impl Iterator<Item = Token<'_>> + '_ {
    let mut iter = text.char_indices().peekable();
    std::iter::from_fn(move || loop {
        let (i, c) = iter.next()?;
        if c.is_whitespace() {
            continue;
        }
        let (word, mut letters, mut digits) = char_kind(c);
        if !word {
            let end = i + c.len_utf8();
            return Some(Token {
                start: i,
                end,
                text: &text[i..end],
                class: TokenClass::Punct,
            });
        }
        let mut end = i + c.len_utf8();
        while let Some(&(j, d)) = iter.peek() {
            let (w, l, n) = char_kind(d);
            if !w {
                break;
            }
            letters += l;
            digits += n;
            end = j + d.len_utf8();
            iter.next();
        }
        let class = match (letters, digits) {
            (_, 0) => TokenClass::Word,
            (0, _) => TokenClass::Number,
            _ => TokenClass::Mixed,
        };
        return Some(Token {
            start: i,
            end,
            text: &text[i..end],
            class,
        });
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_kind_agrees_with_the_unicode_predicates() {
        for c in (0..0x3000u32).filter_map(char::from_u32) {
            let (w, l, n) = char_kind(c);
            assert_eq!(w, c.is_alphanumeric(), "{c:?}");
            assert_eq!(l == 1, c.is_alphabetic(), "{c:?}");
            assert_eq!(n == 1, c.is_numeric(), "{c:?}");
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
    }
}
