//! The vocabulary trait that decode and restore depend on, and a small in-memory implementation
//! for tests.
//!
//! Stages ask a vocabulary two things: is this word form known, and how common is it. Keeping
//! that behind a trait lets the stages' unit tests run with ten words instead of the embedded
//! dictionaries, and lets the lexicon crate change its storage freely.

use std::collections::HashMap;

use crate::Lang;

/// Word knowledge for one language.
pub trait Vocabulary: Send + Sync {
    /// Frequency of a lowercase word form on wordfreq's Zipf scale (0 = listed but unmeasured,
    /// about 7 for the commonest words), or `None` when the form is not known.
    fn frequency(&self, lower: &str) -> Option<f32>;

    /// Whether a lowercase word form is known.
    fn contains(&self, lower: &str) -> bool {
        self.frequency(lower).is_some()
    }

    /// Whether the form is known as a proper name (person or place), which restore capitalises.
    fn is_name(&self, _lower: &str) -> bool {
        false
    }

    /// Whether the form is only ever written capitalised: a name, or a proper noun or acronym
    /// the lists saw only with a capital (`UN`, `Örebro`). Names are proper by definition.
    fn is_proper(&self, lower: &str) -> bool {
        self.is_name(lower)
    }

    /// The language of this vocabulary.
    fn lang(&self) -> Lang;

    /// Starts a byte-wise walk through the sorted word forms, for candidate search that prunes
    /// every prefix no word starts with.
    fn walk_start(&self) -> WalkState;

    /// Extends a walk by `bytes`; `None` when no word form continues that way.
    fn walk(&self, state: WalkState, bytes: &[u8]) -> Option<WalkState>;

    /// The frequency of the word spelled by the walk so far, if it is a complete word form.
    fn walk_final(&self, state: WalkState) -> Option<f32>;

    /// Like [`Vocabulary::walk_final`], but also accepting forms that only occur as the first
    /// part of a compound (`tjänste` in `tjänsteperson`).
    fn walk_final_part(&self, state: WalkState) -> Option<f32> {
        self.walk_final(state)
    }

    /// An identity for caching derived results (candidate lists) across documents: two
    /// vocabularies with the same key must answer every query alike. `None` (the default)
    /// disables such caching.
    fn cache_key(&self) -> Option<u64> {
        None
    }

    /// Frequency of the form in a foreign language that appears in Nordic documents (English):
    /// such words are not damage (`workshop`, `Drop-in`).
    fn foreign_frequency(&self, _lower: &str) -> Option<f32> {
        None
    }

    /// ln P(form) under a letter model of the language: how likely the string is as a word of
    /// it, listed or not (a name the lists lack still spells like the language). `None` (the
    /// default) where the vocabulary has no such model.
    fn letters_logp(&self, _lower: &str) -> Option<f32> {
        None
    }
}

/// Position of a prefix walk (see [`Vocabulary::walk`]). Implementations interpret the fields:
/// an automaton node and accumulated output, and/or a range of a sorted word array.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WalkState {
    /// Automaton node address (implementation-defined).
    pub node: usize,
    /// Output accumulated along the automaton path.
    pub out: u64,
    /// Start of the range of sorted words sharing the prefix.
    pub lo: u32,
    /// End of that range (exclusive).
    pub hi: u32,
    /// Prefix length in bytes.
    pub depth: u32,
    /// Bit 0: the automaton part is alive; bit 1: the sorted part is alive.
    pub alive: u8,
}

/// A sorted list of lowercase words with frequencies that supports prefix walks; the building
/// block of [`MemoryVocabulary`] and of user word lists.
#[derive(Debug, Clone, Default)]
pub struct SortedWords {
    words: Vec<(String, f32)>,
}

impl SortedWords {
    /// Builds from pairs; duplicates keep the highest frequency.
    pub fn new(mut words: Vec<(String, f32)>) -> SortedWords {
        words.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.total_cmp(&a.1)));
        words.dedup_by(|a, b| a.0 == b.0);
        SortedWords { words }
    }

    /// Number of words.
    pub fn len(&self) -> usize {
        self.words.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// Frequency of a word.
    pub fn get(&self, w: &str) -> Option<f32> {
        self.words
            .binary_search_by(|p| p.0.as_str().cmp(w))
            .ok()
            .map(|i| self.words[i].1)
    }

    /// The range of all words, as the start of a walk.
    pub fn start(&self) -> (u32, u32) {
        (0, self.words.len() as u32)
    }

    /// Narrows `lo..hi` (words sharing a prefix of `depth` bytes) by `bytes`.
    pub fn narrow(&self, lo: u32, hi: u32, depth: u32, bytes: &[u8]) -> Option<(u32, u32)> {
        let slice = &self.words[lo as usize..hi as usize];
        let d = depth as usize;
        let key = |w: &str| -> Vec<u8> {
            let b = w.as_bytes();
            b[d.min(b.len())..(d + bytes.len()).min(b.len())].to_vec()
        };
        let a = slice.partition_point(|p| key(&p.0).as_slice() < bytes);
        let b = slice.partition_point(|p| key(&p.0).as_slice() <= bytes);
        // Words shorter than the new prefix sort before it and are excluded by `a`.
        let (a, b) = (lo + a as u32, lo + b as u32);
        (a < b).then_some((a, b))
    }

    /// The frequency of the word exactly `depth` bytes long at the start of `lo..hi`.
    pub fn final_at(&self, lo: u32, hi: u32, depth: u32) -> Option<f32> {
        if lo >= hi {
            return None;
        }
        let (w, f) = &self.words[lo as usize];
        (w.len() == depth as usize).then_some(*f)
    }
}

/// A vocabulary held in a hash map, for tests and for users' own word lists.
#[derive(Debug, Clone, Default)]
pub struct MemoryVocabulary {
    words: HashMap<String, f32>,
    names: HashMap<String, ()>,
    lang: Option<Lang>,
    sorted: std::sync::OnceLock<SortedWords>,
}

impl MemoryVocabulary {
    /// An empty vocabulary for `lang`.
    pub fn new(lang: Lang) -> MemoryVocabulary {
        MemoryVocabulary {
            lang: Some(lang),
            ..Default::default()
        }
    }

    /// Builds one from `(word, zipf)` pairs; words are lowercased.
    pub fn from_pairs<'a>(lang: Lang, pairs: impl IntoIterator<Item = (&'a str, f32)>) -> Self {
        let mut v = MemoryVocabulary::new(lang);
        for (w, f) in pairs {
            v.insert(w, f);
        }
        v
    }

    /// Adds a word (lowercased) with a frequency; keeps the higher frequency on repeats.
    pub fn insert(&mut self, word: &str, zipf: f32) {
        self.sorted = std::sync::OnceLock::new();
        let e = self.words.entry(word.to_lowercase()).or_insert(zipf);
        if zipf > *e {
            *e = zipf;
        }
    }

    /// Adds a proper name (lowercased).
    pub fn insert_name(&mut self, word: &str, zipf: f32) {
        self.insert(word, zipf);
        self.names.insert(word.to_lowercase(), ());
    }

    /// Number of word forms.
    pub fn len(&self) -> usize {
        self.words.len()
    }

    /// Whether it holds no words.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }
}

impl Vocabulary for MemoryVocabulary {
    fn frequency(&self, lower: &str) -> Option<f32> {
        self.words.get(lower).copied()
    }
    fn is_name(&self, lower: &str) -> bool {
        self.names.contains_key(lower)
    }
    fn lang(&self) -> Lang {
        self.lang.unwrap_or(Lang::Sv)
    }
    fn walk_start(&self) -> WalkState {
        let (lo, hi) = self.sorted().start();
        WalkState {
            node: 0,
            out: 0,
            lo,
            hi,
            depth: 0,
            alive: 2,
        }
    }
    fn walk(&self, s: WalkState, bytes: &[u8]) -> Option<WalkState> {
        let (lo, hi) = self.sorted().narrow(s.lo, s.hi, s.depth, bytes)?;
        Some(WalkState {
            lo,
            hi,
            depth: s.depth + bytes.len() as u32,
            ..s
        })
    }
    fn walk_final(&self, s: WalkState) -> Option<f32> {
        self.sorted().final_at(s.lo, s.hi, s.depth)
    }
}

impl MemoryVocabulary {
    fn sorted(&self) -> &SortedWords {
        self.sorted.get_or_init(|| {
            SortedWords::new(self.words.iter().map(|(k, v)| (k.clone(), *v)).collect())
        })
    }
}

/// Folds Nordic and common OCR-confusable diacritics to plain ASCII letters (`möte` -> `mote`,
/// `fælles` -> `faelles` is *not* done: `æ` -> `a`, `ø` -> `o`), for matching damaged text.
pub fn fold_diacritics(s: &str) -> String {
    if s.is_ascii() {
        return s.to_string();
    }
    s.chars().map(fold_diacritic).collect()
}

/// `c` lowercased when `c` is in Latin-1 (U+0000–U+00FF), where lowercasing gives one
/// character: `A`–`Z` and `À`–`Þ` but `×` move up by 0x20, everything else stays; `None` beyond
/// Latin-1, where `char::to_lowercase` and its tables are needed. Nearly all Nordic text is
/// Latin-1, and restore and extract lower a great many words.
#[inline]
pub fn lower_latin1(c: char) -> Option<char> {
    let u = c as u32;
    if u >= 0x100 {
        return None;
    }
    if (u8::try_from(u).ok()?).is_ascii_uppercase() || ((0xC0..=0xDE).contains(&u) && u != 0xD7) {
        char::from_u32(u + 0x20)
    } else {
        Some(c)
    }
}

/// One character with its diacritics folded away, as [`fold_diacritics`] folds it.
pub fn fold_diacritic(c: char) -> char {
    match c {
        'å' | 'ä' | 'æ' | 'á' | 'à' | 'â' => 'a',
        'Å' | 'Ä' | 'Æ' | 'Á' | 'À' | 'Â' => 'A',
        'ö' | 'ø' | 'ó' | 'ò' | 'ô' => 'o',
        'Ö' | 'Ø' | 'Ó' | 'Ò' | 'Ô' => 'O',
        'é' | 'è' | 'ê' | 'ë' => 'e',
        'É' | 'È' | 'Ê' | 'Ë' => 'E',
        'ü' => 'u',
        'Ü' => 'U',
        c => c,
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn latin1_lowercasing_is_unicode_lowercasing() {
        for c in (0u32..0x100).filter_map(char::from_u32) {
            let want: Vec<char> = c.to_lowercase().collect();
            assert_eq!(lower_latin1(c).map(|l| vec![l]), Some(want), "{c:?}");
        }
        assert_eq!(lower_latin1('Ǆ'), None);
    }

    #[test]
    fn walks_find_words_and_prune_prefixes() {
        let v = MemoryVocabulary::from_pairs(
            Lang::Sv,
            [("möte", 5.0), ("mot", 4.0), ("mötet", 4.5), ("från", 6.0)],
        );
        let s = v.walk_start();
        let s = v.walk(s, "mö".as_bytes()).unwrap();
        assert_eq!(v.walk_final(s), None);
        let s2 = v.walk(s, b"te").unwrap();
        assert_eq!(v.walk_final(s2), Some(5.0));
        let s3 = v.walk(s2, b"t").unwrap();
        assert_eq!(v.walk_final(s3), Some(4.5));
        assert!(v.walk(s2, b"x").is_none());
        let m = v.walk(v.walk_start(), b"mot").unwrap();
        assert_eq!(v.walk_final(m), Some(4.0));
        assert!(v.walk(v.walk_start(), b"q").is_none());
    }
}
