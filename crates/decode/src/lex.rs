//! Word knowledge across the caller's vocabularies, and character classes shared by the rules.

use rensa_core::{Lang, Vocabulary};

/// The caller's vocabularies seen as one: a word is known if any of them knows it.
pub(crate) struct Lex<'a> {
    vocabs: &'a [&'a dyn Vocabulary],
}

impl<'a> Lex<'a> {
    pub(crate) fn new(vocabs: &'a [&'a dyn Vocabulary]) -> Lex<'a> {
        Lex { vocabs }
    }

    /// The highest frequency any vocabulary gives the lowercased `word`.
    pub(crate) fn frequency(&self, word: &str) -> Option<f32> {
        let lower = word.to_lowercase();
        self.vocabs
            .iter()
            .filter_map(|v| v.frequency(&lower))
            .reduce(f32::max)
    }

    /// Whether any vocabulary knows the lowercased `word`.
    pub(crate) fn known(&self, word: &str) -> bool {
        let lower = word.to_lowercase();
        self.vocabs.iter().any(|v| v.contains(&lower))
    }

    /// Whether a vocabulary of one of `langs` knows the lowercased `word`.
    pub(crate) fn known_in(&self, word: &str, langs: &[Lang]) -> bool {
        let lower = word.to_lowercase();
        self.vocabs
            .iter()
            .any(|v| langs.contains(&v.lang()) && v.contains(&lower))
    }

    /// The languages whose vocabularies know the most of `text`'s plain words (ties: all).
    pub(crate) fn dominant_langs(&self, text: &str) -> Vec<Lang> {
        let mut hits: Vec<(Lang, usize)> = self.vocabs.iter().map(|v| (v.lang(), 0)).collect();
        for word in text
            .split(|c: char| !c.is_alphabetic())
            .filter(|w| !w.is_empty())
        {
            let lower = word.to_lowercase();
            for (k, v) in self.vocabs.iter().enumerate() {
                if v.contains(&lower) {
                    hits[k].1 += 1;
                }
            }
        }
        let max = hits.iter().map(|h| h.1).max().unwrap_or(0);
        if max == 0 {
            return Vec::new();
        }
        hits.into_iter()
            .filter(|h| h.1 == max)
            .map(|h| h.0)
            .collect()
    }

    /// Whether any vocabulary knows the lowercased `word` as a proper name.
    pub(crate) fn is_name(&self, word: &str) -> bool {
        let lower = word.to_lowercase();
        self.vocabs.iter().any(|v| v.is_name(&lower))
    }
}

/// The Nordic letters the rules restore.
pub(crate) fn is_nordic_letter(c: char) -> bool {
    matches!(c, 'å' | 'ä' | 'ö' | 'æ' | 'ø' | 'Å' | 'Ä' | 'Ö' | 'Æ' | 'Ø')
}

/// Nordic letters plus the accented letters common in Nordic names and loans.
pub(crate) fn is_target_letter(c: char) -> bool {
    is_nordic_letter(c) || matches!(c, 'é' | 'É' | 'ü' | 'Ü')
}

/// The windows-1252 byte a character came from when bytes were read as windows-1252 or Latin-1
/// (C1 controls map to their own value: undefined windows-1252 bytes, or a Latin-1 reading).
pub(crate) fn cp1252_byte(c: char) -> Option<u8> {
    let u = c as u32;
    if (0x80..=0xFF).contains(&u) {
        return Some(u as u8);
    }
    if !(0x152..=0x2122).contains(&u) {
        return None;
    }
    crate::tables::CP1252[..32]
        .iter()
        .position(|&x| x == c)
        .map(|i| 0x80 + i as u8)
}

/// Whether a character is one of the C1 controls.
pub(crate) fn is_c1(c: char) -> bool {
    ('\u{80}'..='\u{9F}').contains(&c)
}
