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

/// One table entry per ASCII byte: 0 for a byte that ends a word (space, punctuation), else
/// its increments of a token's (letters, digits, uppercase) counters packed into one word, so
/// the inner loop of the tokenizer is a load, a test and an add per byte.
const LETTER_INC: u64 = 1;
const DIGIT_INC: u64 = 1 << FIELD;
const UPPER_INC: u64 = 1 << (2 * FIELD);
/// Bits per packed counter: a run is unpacked before a counter could overflow.
const FIELD: u32 = 21;
const MASK: u64 = (1 << FIELD) - 1;
/// Longest run counted in packed form before the counters are unpacked.
const CHUNK: usize = (1 << FIELD) - 1;
static ASCII: [u64; 128] = {
    let mut t = [0u64; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        t[b] = if c.is_ascii_lowercase() {
            LETTER_INC
        } else if c.is_ascii_uppercase() {
            LETTER_INC | UPPER_INC
        } else if c.is_ascii_digit() {
            DIGIT_INC
        } else {
            0
        };
        b += 1;
    }
    t
};

/// `char::is_whitespace` on an ASCII byte.
#[inline]
fn ascii_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r')
}

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
pub fn tokens(text: &str) -> Tokens<'_> {
    Tokens { text, pos: 0 }
}

/// The iterator [`tokens`] returns.
#[derive(Debug, Clone)]
pub struct Tokens<'a> {
    text: &'a str,
    pos: usize,
}

impl<'a> Tokens<'a> {
    /// Extends the current word token from `self.pos`, adding to its counters.
    ///
    /// Eight bytes at a time where eight remain: the word's ASCII bytes are found and counted
    /// with masks (one branch per eight bytes instead of one per byte, so a word's end costs no
    /// mispredicted loop exit in the usual case of a word shorter than eight bytes).
    #[inline]
    fn word_run(&mut self, counts: &mut (u32, u32, u32)) {
        let bytes = self.text.as_bytes();
        loop {
            let mut pos = self.pos;
            let mut stopped = false;
            while let Some(w) = bytes.get(pos..pos + 8) {
                let mut le = [0u8; 8];
                le.copy_from_slice(w);
                let x = u64::from_le_bytes(le);
                let x7 = x & !HIGH;
                let lower = in_range(x7, b'a', b'z');
                let upper = in_range(x7, b'A', b'Z');
                let digit = in_range(x7, b'0', b'9');
                // Bit 7 of each byte that ends the ASCII run: not a letter or digit, or not ASCII.
                let stop = !((lower | upper | digit) & !x) & HIGH;
                let r = stop.trailing_zeros() / 8;
                let m = if r == 8 {
                    u64::MAX
                } else {
                    (1u64 << (8 * r)) - 1
                };
                counts.0 += high_bits((lower | upper) & m);
                counts.1 += high_bits(digit & m);
                counts.2 += high_bits(upper & m);
                pos += r as usize;
                if r < 8 {
                    stopped = true;
                    break;
                }
            }
            if !stopped {
                // Fewer than eight bytes left: one at a time, counted packed.
                let limit = bytes.len().min(pos + CHUNK);
                let mut acc = 0u64;
                while pos < limit {
                    let b = bytes[pos];
                    if b >= 0x80 {
                        break;
                    }
                    let k = ASCII[b as usize];
                    if k == 0 {
                        break;
                    }
                    acc += k;
                    pos += 1;
                }
                counts.0 += (acc & MASK) as u32;
                counts.1 += ((acc >> FIELD) & MASK) as u32;
                counts.2 += (acc >> (2 * FIELD)) as u32;
            }
            self.pos = pos;
            match bytes.get(pos) {
                Some(&b) if b >= 0x80 => {
                    let Some((c, n)) = char_at(self.text, pos) else {
                        return;
                    };
                    let (w, l, d, u) = char_kind(c);
                    if !w {
                        return;
                    }
                    counts.0 += l;
                    counts.1 += d;
                    counts.2 += u;
                    self.pos += n;
                }
                // A run longer than a packed chunk goes on (where the masks stopped, the byte
                // ends the word).
                Some(&b) if !stopped && ASCII[b as usize] != 0 => {}
                _ => return,
            }
        }
    }
}

/// Bit 7 of every byte of a word.
const HIGH: u64 = 0x8080_8080_8080_8080;
/// 1 in every byte of a word.
const ONES: u64 = 0x0101_0101_0101_0101;

/// How many bytes of `x` have bit 7 set, where no other bit is set: the bits moved to bit 0
/// of their bytes and summed into the top byte by one multiplication. `count_ones` is a
/// dozen instructions on a CPU target without `popcnt` (Rust's default x86-64), and the
/// tokenizer asks three times per eight bytes of every word.
#[inline]
fn high_bits(x: u64) -> u32 {
    ((x >> 7).wrapping_mul(ONES) >> 56) as u32
}

/// Bit 7 set in each byte of `x7` (bytes below 0x80) that lies in `lo..=hi`: adding
/// `128 - lo` reaches bit 7 exactly from `lo` on, adding `127 - hi` exactly above `hi`, and
/// neither sum carries into the next byte.
#[inline]
fn in_range(x7: u64, lo: u8, hi: u8) -> u64 {
    (x7 + (128 - u64::from(lo)) * ONES) & !(x7 + (127 - u64::from(hi)) * ONES) & HIGH
}

impl<'a> Iterator for Tokens<'a> {
    type Item = Token<'a>;

    #[inline]
    fn next(&mut self) -> Option<Token<'a>> {
        let text = self.text;
        let bytes = text.as_bytes();
        loop {
            let &b = bytes.get(self.pos)?;
            let i = self.pos;
            let mut counts;
            if b < 0x80 {
                self.pos += 1;
                let k = ASCII[b as usize];
                if k == 0 {
                    if ascii_space(b) {
                        continue;
                    }
                    return Some(Token {
                        start: i,
                        end: i + 1,
                        text: &text[i..i + 1],
                        class: TokenClass::Punct,
                        letters: 0,
                        uppers: 0,
                    });
                }
                counts = (
                    (k & MASK) as u32,
                    ((k >> FIELD) & MASK) as u32,
                    (k >> (2 * FIELD)) as u32,
                );
            } else {
                let (c, n) = char_at(text, i)?;
                self.pos += n;
                if c.is_whitespace() {
                    continue;
                }
                let (word, l, d, u) = char_kind(c);
                if !word {
                    return Some(Token {
                        start: i,
                        end: self.pos,
                        text: &text[i..self.pos],
                        class: TokenClass::Punct,
                        letters: l,
                        uppers: u,
                    });
                }
                counts = (l, d, u);
            }
            self.word_run(&mut counts);
            let (letters, digits, uppers) = counts;
            let class = match (letters, digits) {
                (_, 0) => TokenClass::Word,
                (0, _) => TokenClass::Number,
                _ => TokenClass::Mixed,
            };
            return Some(Token {
                start: i,
                end: self.pos,
                text: &text[i..self.pos],
                class,
                letters,
                uppers,
            });
        }
    }
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
    fn high_bits_counts_every_pattern_of_byte_flags() {
        for mask in 0u32..256 {
            let x = (0..8)
                .filter(|i| mask & (1 << i) != 0)
                .fold(0u64, |x, i| x | 0x80 << (8 * i));
            assert_eq!(high_bits(x), mask.count_ones(), "{x:#x}");
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

    #[test]
    fn latin1_letters_inside_words_agree_with_char_kind() {
        for c in ('\u{c0}'..='\u{ff}').chain(['ā', 'ß', '×', '÷', 'Ω']) {
            let text = format!("a{c}b");
            let got: Vec<_> = tokens(&text)
                .map(|t| (t.text, t.letters, t.uppers))
                .collect();
            let (w, l, _, u) = char_kind(c);
            let want: Vec<_> = if w {
                vec![(text.as_str(), 2 + l, u)]
            } else {
                vec![("a", 1, 0), (&text[1..1 + c.len_utf8()], l, u), ("b", 1, 0)]
            };
            assert_eq!(got, want, "{c:?}");
        }
    }

    /// The tokenizer's definition, one character at a time.
    fn oracle(text: &str) -> Vec<Token<'_>> {
        let mut out = Vec::new();
        let mut it = text.char_indices().peekable();
        while let Some((i, c)) = it.next() {
            if c.is_whitespace() {
                continue;
            }
            let (w, l, d, u) = char_kind(c);
            if !w {
                let end = i + c.len_utf8();
                let (class, text) = (TokenClass::Punct, &text[i..end]);
                out.push(Token {
                    start: i,
                    end,
                    text,
                    class,
                    letters: l,
                    uppers: u,
                });
                continue;
            }
            let (mut letters, mut digits, mut uppers) = (l, d, u);
            let mut end = i + c.len_utf8();
            while let Some(&(j, c)) = it.peek() {
                let (w, l, d, u) = char_kind(c);
                if !w {
                    break;
                }
                (letters, digits, uppers) = (letters + l, digits + d, uppers + u);
                end = j + c.len_utf8();
                it.next();
            }
            let class = match (letters, digits) {
                (_, 0) => TokenClass::Word,
                (0, _) => TokenClass::Number,
                _ => TokenClass::Mixed,
            };
            out.push(Token {
                start: i,
                end,
                text: &text[i..end],
                class,
                letters,
                uppers,
            });
        }
        out
    }

    #[test]
    fn agrees_with_the_one_character_definition() {
        let mut texts: Vec<String> = [
            include_str!("../../../fixtures/seeds/000_82b30c070fc9e967.txt"),
            include_str!("../../../fixtures/seeds/001_ff2e9054023f44e6.txt"),
            include_str!("../../../fixtures/seeds/003_e4d93a5ddafcb967.txt"),
            include_str!("../../../fixtures/seeds/004_de5f27487ccbe17b.txt"),
        ]
        .map(String::from)
        .to_vec();
        // Random mixtures of the classes around every window position: ASCII letters of both
        // cases and digits, Latin-1 letters, × and ÷, spaces, punctuation, NBSP, other scripts,
        // and the marks either side of the ASCII letter ranges (`@[`{`).
        let alphabet: Vec<char> = "aZm09 \n\t.,-@åÄöØæÉß×÷\u{a0}–ΩЖ½²ǅ\u{7f}[`{_^z"
            .chars()
            .collect();
        let mut state = 0x2545_f491_4f6c_dd1du64;
        for len in 0..400 {
            let mut t = String::new();
            for _ in 0..len % 37 + len / 8 {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                let k = (state % 64) as usize;
                // Runs of letters are common: favour them as running text does.
                let c = if k < 24 {
                    'e'
                } else {
                    alphabet[k % alphabet.len()]
                };
                t.push(c);
            }
            texts.push(t);
        }
        for t in &texts {
            assert_eq!(tokens(t).collect::<Vec<_>>(), oracle(t), "{t:?}");
        }
    }

    #[test]
    fn counts_runs_longer_than_a_packed_chunk() {
        let mut text = "Ab".repeat(CHUNK);
        text.push_str("ä1 x");
        let t: Vec<_> = tokens(&text).collect();
        assert_eq!(t.len(), 2);
        assert_eq!(
            (t[0].letters, t[0].uppers),
            (2 * CHUNK as u32 + 1, CHUNK as u32)
        );
        assert_eq!(t[0].class, TokenClass::Mixed);
        assert_eq!((t[0].end, t[1].text), (text.len() - 2, "x"));
    }
}
