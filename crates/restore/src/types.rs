//! The distinct words (types) of a batch, numbered once per thread.
//!
//! Restore decides each distinct word of a document once, so its first pass maps every token
//! to a type. On clean text that mapping and the dictionary lookup behind each type were a
//! third of the work: every document hashed its words into a fresh map, then looked each type
//! up in the word list again (timing the phases of a pass over the 26 clean test documents:
//! 140 µs to number the types and 167 µs to look them up, of 1,030 µs). Running text repeats
//! its vocabulary from document to document (Zipf), so a per-thread table keeps what a type
//! costs to learn, its listed frequency and whether it has an intact å ä ö æ ø, and a document
//! only numbers its own types: one probe of the shared table per token, no per-document map.
//!
//! The probe is bound by memory latency, not arithmetic, so words of up to 15 bytes live in
//! an open-addressing table whose slot holds the word's bytes as two integers, its shared
//! number and its document stamp: one cache line per token. The stamp says whether the type's
//! document number is this document's. The table is tied to one vocabulary (its
//! [`Vocabulary::cache_key`]); a vocabulary without a key (a user's word list) gets a table of
//! its own per document. It is cleared between documents when it holds too many types, so
//! memory stays bounded on any batch.

use rensa_core::Vocabulary;
use rustc_hash::FxHashMap as HashMap;
use std::cell::RefCell;

/// What the shared table knows about one type.
#[derive(Debug, Clone, Copy)]
pub(crate) struct TypeInfo {
    /// The listed frequency (Zipf), `None` for a word the lists do not hold (an abbreviation
    /// of [`crate::ABBREVIATIONS`] they lack counts as listed).
    pub freq: Option<f32>,
    /// Whether it has one of å ä ö æ ø.
    pub special: bool,
}

/// Types seen on this thread with one vocabulary.
#[derive(Default)]
pub(crate) struct TypeTable {
    /// Words of up to 15 bytes (nearly all of running text) in an open-addressing table whose
    /// slot holds the key, the shared number and the document stamp: a token costs one cache
    /// line (a general map took three dependent loads: control bytes, bucket, stamp).
    slots: Vec<Slot>,
    /// Occupied slots.
    used: usize,
    /// Longer words: shared number, and the stamp as for `Slot`.
    long: HashMap<Box<str>, Slot>,
    info: Vec<TypeInfo>,
    /// The current document (stamps start at 1: a new type's stamp 0 is no document's).
    doc: u32,
}

/// A type in the table: its key (for short words), shared number, and the document that last
/// numbered it with its number there.
#[derive(Debug, Clone, Copy, Default)]
struct Slot {
    /// The word's bytes as two little-endian words, its length in the top byte of `hi`; a
    /// free slot has `hi == 0` (no word is empty).
    lo: u64,
    hi: u64,
    shared: u32,
    doc: u32,
    local: u32,
}

/// Above this many types the table is cleared before the next document: at most about 20 MB
/// per thread (2^19 slots of 32 bytes, and what is known of each type).
const MAX_TYPES: usize = 200_000;

impl TypeTable {
    /// Starts a document: numbers from here on are its own.
    fn begin(&mut self) {
        if self.info.len() >= MAX_TYPES || self.doc == u32::MAX {
            *self = TypeTable::default();
        }
        if self.slots.is_empty() {
            self.slots = vec![Slot::default(); 1 << 12];
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
        let doc = self.doc;
        let slot = match short_key(buf.as_bytes(), a, b) {
            Some((lo, hi)) => {
                let mask = self.slots.len() - 1;
                let mut i = slot_of(lo, hi, mask);
                loop {
                    let s = &self.slots[i];
                    if s.hi == hi && s.lo == lo {
                        break;
                    }
                    if s.hi == 0 {
                        let shared = self.learn(&buf[a..b], vocab);
                        self.slots[i] = Slot {
                            lo,
                            hi,
                            shared,
                            ..Slot::default()
                        };
                        self.used += 1;
                        if 2 * self.used > self.slots.len() {
                            self.grow();
                            i = self.find(lo, hi);
                        }
                        break;
                    }
                    i = (i + 1) & mask;
                }
                &mut self.slots[i]
            }
            None => {
                let lower = &buf[a..b];
                if !self.long.contains_key(lower) {
                    let shared = self.learn(lower, vocab);
                    self.long.insert(
                        lower.into(),
                        Slot {
                            shared,
                            ..Slot::default()
                        },
                    );
                }
                self.long.get_mut(lower).expect("inserted above")
            }
        };
        if slot.doc == doc {
            return (slot.local, None);
        }
        slot.doc = doc;
        slot.local = next;
        let shared = slot.shared as usize;
        (next, Some(self.info[shared]))
    }

    /// Looks a new type up in the lists; its shared number.
    fn learn(&mut self, lower: &str, vocab: &dyn Vocabulary) -> u32 {
        // An abbreviation the lists lack (`sign`) is a word as printed.
        let freq = vocab.frequency(lower).or_else(|| {
            crate::ABBREVIATIONS
                .contains(&lower)
                .then_some(crate::UNLISTED_ABBREVIATION_ZIPF)
        });
        self.info.push(TypeInfo {
            freq,
            special: lower.chars().any(crate::is_special),
        });
        (self.info.len() - 1) as u32
    }

    /// Doubles the short table.
    fn grow(&mut self) {
        let bigger = vec![Slot::default(); 2 * self.slots.len()];
        let old = std::mem::replace(&mut self.slots, bigger);
        let mask = self.slots.len() - 1;
        for s in old.into_iter().filter(|s| s.hi != 0) {
            let mut i = slot_of(s.lo, s.hi, mask);
            while self.slots[i].hi != 0 {
                i = (i + 1) & mask;
            }
            self.slots[i] = s;
        }
    }

    /// The slot holding a short key that is in the table.
    fn find(&self, lo: u64, hi: u64) -> usize {
        let mask = self.slots.len() - 1;
        let mut i = slot_of(lo, hi, mask);
        while self.slots[i].hi != hi || self.slots[i].lo != lo {
            i = (i + 1) & mask;
        }
        i
    }
}

/// The home slot of a short key (a multiplicative hash of both words).
#[inline]
fn slot_of(lo: u64, hi: u64, mask: usize) -> usize {
    let h = (lo ^ hi.rotate_left(29)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    (h >> 40) as usize & mask
}

/// The bytes `b[a..e]` as a key when they are at most 15: two little-endian words, zero past
/// the word, the length in the top byte. Read from the buffer and masked where 16 bytes follow
/// `a` (most words), so building the key neither copies nor loops; copied otherwise. `None`
/// for longer words.
#[inline]
fn short_key(b: &[u8], a: usize, e: usize) -> Option<(u64, u64)> {
    let n = e - a;
    if n > 15 {
        return None;
    }
    let mut copy = [0u8; 16];
    let w = match b.get(a..a + 16) {
        Some(w) => w,
        None => {
            copy[..n].copy_from_slice(&b[a..e]);
            &copy
        }
    };
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
    Some((
        lo & keep(n),
        (hi & keep(n.saturating_sub(8))) | (n as u64) << 56,
    ))
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
        // `och` twice (same id), every other word its own, whether its key was read in place
        // or (`sista`, at the end) copied; the 16- and 17-byte words have long keys.
        assert_eq!(ids, [0, 1, 0, 2, 3, 4, 5]);
        let abc = Some((0x636261, 3 << 56));
        assert_eq!(short_key(b"abcdefghijklmnopq", 0, 3), abc);
        assert_eq!(short_key(b"abc", 0, 3), abc);
        assert_eq!(short_key(b"abcdefghijklmnopq", 0, 16), None);
    }

    #[test]
    fn the_short_table_grows_and_keeps_every_type() {
        let v = MemoryVocabulary::from_pairs(Lang::Sv, [("w7", 3.0)]);
        let words: Vec<String> = (0..20_000).map(|k| format!("w{k}")).collect();
        let mut t = TypeTable::default();
        for round in 0..2 {
            t.begin();
            for (k, w) in words.iter().enumerate() {
                let (id, first) = t.number(w, 0, w.len(), &v, k as u32);
                assert_eq!(id, k as u32);
                let first = first.expect("first occurrence in the document");
                assert_eq!(first.freq.is_some(), k == 7, "round {round} {w}");
            }
            // Second occurrences in the same document: the same numbers.
            for (k, w) in words.iter().enumerate().step_by(97) {
                assert!(matches!(t.number(w, 0, w.len(), &v, 0), (id, None) if id == k as u32));
            }
        }
        assert_eq!(t.info.len(), 20_000);
    }
}
