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

/// True for characters that belong inside a word token.
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// Splits `text` into tokens; whitespace is not returned.
pub fn tokens(text: &str) -> impl Iterator<Item = Token<'_>> + '_ {
    let mut iter = text.char_indices().peekable();
    std::iter::from_fn(move || loop {
        let (i, c) = iter.next()?;
        if c.is_whitespace() {
            continue;
        }
        if !is_word_char(c) {
            let end = i + c.len_utf8();
            return Some(Token {
                start: i,
                end,
                text: &text[i..end],
                class: TokenClass::Punct,
            });
        }
        let mut end = i + c.len_utf8();
        let mut letters = c.is_alphabetic() as usize;
        let mut digits = c.is_numeric() as usize;
        while let Some(&(j, d)) = iter.peek() {
            if !is_word_char(d) {
                break;
            }
            letters += d.is_alphabetic() as usize;
            digits += d.is_numeric() as usize;
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
