//! The distinct words (types) of a batch, numbered once per thread.
//!
//! Restore decides each distinct word of a document once, so its first pass maps every token
//! to a type. On clean text that mapping and the dictionary lookup behind each type were a
//! third of the work: every document hashed its words into a fresh map, then looked each type
//! up in the word list again (measured with `benches/examples`-style timing of the pass:
//! 140 µs to number the types and 167 µs to look them up, of 1,030 µs for the 26 clean test
//! documents). Running text repeats its vocabulary from document to document (Zipf), so a
//! per-thread table keeps what a type costs to learn, its listed frequency and whether it has
//! an intact å ä ö æ ø, and a document only numbers its own types: one probe of the shared
//! table per token, no per-document map.
//!
//! A document's own numbering uses a stamp per shared type: the stamp says whether the
//! type's document number is this document's. The table is tied to one vocabulary (its
//! [`Vocabulary::cache_key`]); a vocabulary without a key (a user's word list) gets a table of
//! its own per document. It is cleared between documents when it holds too many types, so
//! memory stays bounded on any batch.

use rensa_core::Vocabulary;
use rustc_hash::FxHashMap as HashMap;
use std::cell::RefCell;

/// What the shared table knows about one type.
#[derive(Debug, Clone, Copy)]
pub(crate) struct TypeInfo {
    /// The listed frequency (Zipf), `None` for a word the lists do not hold.
    pub freq: Option<f32>,
    /// Whether it has one of å ä ö æ ø.
    pub special: bool,
}

/// Types seen on this thread with one vocabulary.
#[derive(Default)]
pub(crate) struct TypeTable {
    /// Words of up to 16 bytes (nearly all), keyed by their bytes as two integers: a probe
    /// compares integers instead of calling `memcmp`.
    short: HashMap<(u64, u64, u8), u32>,
    /// Longer words.
    ids: HashMap<Box<str>, u32>,
    info: Vec<TypeInfo>,
    /// Per shared type: the document that last numbered it and its number there.
    stamp: Vec<(u32, u32)>,
    /// The current document (stamps start at 1: a new type's stamp 0 is no document's).
    doc: u32,
}

/// Above this many types the table is cleared before the next document (about 10 MB).
const MAX_TYPES: usize = 200_000;

impl TypeTable {
    /// Starts a document: numbers from here on are its own.
    fn begin(&mut self) {
        if self.info.len() >= MAX_TYPES || self.doc == u32::MAX {
            *self = TypeTable::default();
        }
        self.doc += 1;
    }

    /// The document's number of the word `buf[a..b]` (lowercase), and whether this is its
    /// first occurrence in the document (with what the table knows about it). `next` is the
    /// number a new type gets.
    pub(crate) fn number(
        &mut self,
        buf: &str,
        a: usize,
        b: usize,
        vocab: &dyn Vocabulary,
        next: u32,
    ) -> (u32, Option<TypeInfo>) {
        let lower = &buf[a..b];
        let g = match short_key(buf.as_bytes(), a, b) {
            Some(k) => match self.short.get(&k) {
                Some(&g) => g,
                None => {
                    let g = self.learn(lower, vocab);
                    self.short.insert(k, g);
                    g
                }
            },
            None => match self.ids.get(lower) {
                Some(&g) => g,
                None => {
                    let g = self.learn(lower, vocab);
                    self.ids.insert(lower.into(), g);
                    g
                }
            },
        } as usize;
        let (doc, local) = self.stamp[g];
        if doc == self.doc {
            return (local, None);
        }
        self.stamp[g] = (self.doc, next);
        (next, Some(self.info[g]))
    }
}

impl TypeTable {
    /// Looks a new type up in the lists; its shared number.
    fn learn(&mut self, lower: &str, vocab: &dyn Vocabulary) -> u32 {
        self.info.push(TypeInfo {
            freq: vocab.frequency(lower),
            special: lower.chars().any(crate::is_special),
        });
        self.stamp.push((0, 0));
        (self.info.len() - 1) as u32
    }
}

/// The bytes `b[a..e]` as a key when they are at most 16: read as two little-endian words
/// from the buffer (bytes past the word masked off), so building a key neither copies nor
/// loops. `None` for longer words and for words too near the buffer's end to read 16 bytes.
#[inline]
fn short_key(b: &[u8], a: usize, e: usize) -> Option<(u64, u64, u8)> {
    let n = e - a;
    if n > 16 {
        return None;
    }
    let w = b.get(a..a + 16)?;
    let lo = u64::from_le_bytes(w[..8].try_into().ok()?);
    let hi = u64::from_le_bytes(w[8..].try_into().ok()?);
    // Keep the word's n bytes: all of `lo` from 8 on, none of `hi` up to 8.
    let keep = |k: usize| {
        if k >= 8 {
            u64::MAX
        } else {
            (1u64 << (8 * k)) - 1
        }
    };
    Some((lo & keep(n), hi & keep(n.saturating_sub(8)), n as u8))
}

/// Runs `f` with the type table for `vocab`, begun for a new document.
pub(crate) fn with_table<R>(vocab: &dyn Vocabulary, f: impl FnOnce(&mut TypeTable) -> R) -> R {
    thread_local! {
        static TABLES: RefCell<HashMap<u64, TypeTable>> = RefCell::new(HashMap::default());
    }
    let Some(key) = vocab.cache_key() else {
        let mut t = TypeTable::default();
        t.begin();
        return f(&mut t);
    };
    TABLES.with(|c| {
        let mut c = c.borrow_mut();
        let t = c.entry(key).or_default();
        t.begin();
        f(t)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use rensa_core::{Lang, MemoryVocabulary};

    #[test]
    fn numbers_types_per_document_and_remembers_their_frequency() {
        let v = MemoryVocabulary::from_pairs(Lang::Sv, [("möte", 4.0), ("och", 6.0)]);
        let mut t = TypeTable::default();
        t.begin();
        let n = |t: &mut TypeTable, w: &str, next| t.number(w, 0, w.len(), &v, next);
        let (a, ia) = n(&mut t, "möte", 0);
        assert_eq!(a, 0);
        let ia = ia.expect("first occurrence");
        assert_eq!((ia.freq, ia.special), (Some(4.0), true));
        assert_eq!(n(&mut t, "frdn", 1).0, 1);
        // Seen in this document: its number, and no second "first occurrence".
        assert!(matches!(n(&mut t, "möte", 2), (0, None)));
        // A new document numbers from scratch but keeps what it learnt.
        t.begin();
        let (b, ib) = n(&mut t, "frdn", 0);
        assert_eq!(b, 0);
        assert_eq!(ib.map(|i| (i.freq, i.special)), Some((None, false)));
        assert_eq!(n(&mut t, "möte", 1).0, 1);
    }

    #[test]
    fn short_keys_tell_words_apart_wherever_they_sit() {
        let v = MemoryVocabulary::from_pairs(Lang::Sv, [("och", 6.0)]);
        let text = "och ochx och x förvaltningarnas förvaltningarna sista";
        let mut t = TypeTable::default();
        t.begin();
        let mut ids = Vec::new();
        let mut next = 0;
        let mut pos = 0;
        for w in text.split(' ') {
            let (id, first) = t.number(text, pos, pos + w.len(), &v, next);
            next += u32::from(first.is_some());
            ids.push(id);
            pos += w.len() + 1;
        }
        // `och` twice (same id), every other word its own; the last words are read from too
        // near the end for a short key and go through the long table.
        assert_eq!(ids, [0, 1, 0, 2, 3, 4, 5]);
        assert_eq!(
            short_key(b"abcdefghijklmnopq", 0, 3),
            Some((0x636261, 0, 3))
        );
        assert_eq!(short_key(b"abcdefghijklmnopq", 0, 17), None);
    }
}
