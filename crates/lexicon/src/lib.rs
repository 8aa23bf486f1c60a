//! Word lists with frequencies for Swedish, Norwegian Bokmål, Nynorsk and Danish, embedded in the
//! binary so nothing needs installing.
//!
//! Each language is an [`fst::Map`] from a lowercase word form to a packed value: the wordfreq
//! Zipf frequency times 100 in the low 16 bits, flags above (bit 16: proper name; bit 17: seen
//! only capitalised). The maps are built from Debian's hunspell and plain word lists, PyPI's
//! wordfreq and hand-listed Nordic names and places by `dictionaries/build.sh`; see
//! `dictionaries/README.md` for sources, licenses and counts.
//!
//! # Why an fst
//! An fst is searchable straight from the embedded bytes: opening all four languages costs a
//! header check, not a parse, so start-up stays well under a millisecond, and the four lists
//! (about 2.7 million forms) take a few MB instead of tens. A lookup walks the automaton, about
//! as fast as a hash lookup on short words. The price is that the set is immutable: a user's own
//! list (`--dict FILE`) is held beside it in a hash map.
//!
//! # What this crate does not do
//! It does not guess at unknown words or analyse compounds; that is restore's job, through
//! [`rensa_core::Vocabulary`].

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use rensa_core::{Lang, SortedWords, Vocabulary, WalkState};

pub mod letters;
use letters::LetterModel;

/// Flag bit: the form is a proper name (person or place).
pub const FLAG_NAME: u64 = 1 << 16;
/// Flag bit: the form was only seen capitalised in the sources.
pub const FLAG_CAPITALISED: u64 = 1 << 17;
/// Flag bit: the form only occurs as a non-final part of compounds (`tjänste`).
pub const FLAG_PART_ONLY: u64 = 1 << 18;

static SV: &[u8] = include_bytes!("../../../dictionaries/sv/words.fst");
static NB: &[u8] = include_bytes!("../../../dictionaries/nb/words.fst");
static NN: &[u8] = include_bytes!("../../../dictionaries/nn/words.fst");
static DA: &[u8] = include_bytes!("../../../dictionaries/da/words.fst");
static EN: &[u8] = include_bytes!("../../../dictionaries/en/words.fst");
static SV_LETTERS: &[u8] = include_bytes!("../../../dictionaries/sv/letters.bin");
static NB_LETTERS: &[u8] = include_bytes!("../../../dictionaries/nb/letters.bin");
static NN_LETTERS: &[u8] = include_bytes!("../../../dictionaries/nn/letters.bin");
static DA_LETTERS: &[u8] = include_bytes!("../../../dictionaries/da/letters.bin");

/// Errors loading dictionaries.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum LexiconError {
    /// Embedded or compiled data is not a valid fst.
    #[error("dictionary for {lang} is corrupt: {source}")]
    Corrupt {
        /// Language of the dictionary.
        lang: Lang,
        /// Underlying error.
        source: fst::Error,
    },
    /// A user word list could not be read.
    #[error("{path}: {source}")]
    Read {
        /// The file.
        path: PathBuf,
        /// Underlying error.
        source: std::io::Error,
    },
    /// A line of a user word list is malformed.
    #[error("{path}: line {line}: {message}")]
    Parse {
        /// The file.
        path: PathBuf,
        /// 1-based line number.
        line: usize,
        /// What is wrong.
        message: &'static str,
    },
}

/// The vocabulary of one language: the embedded list plus any user words.
pub struct Lexicon {
    lang: Lang,
    map: fst::Map<&'static [u8]>,
    foreign: fst::Map<&'static [u8]>,
    extra: HashMap<String, (f32, bool)>,
    extra_sorted: SortedWords,
    /// The language's letter model ([`letters`]).
    letters: Option<LetterModel>,
    /// Identity for caches: the language and a hash of the user words.
    key: u64,
}

impl std::fmt::Debug for Lexicon {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Lexicon")
            .field("lang", &self.lang)
            .field("words", &self.map.len())
            .field("extra", &self.extra.len())
            .finish()
    }
}

impl Lexicon {
    /// Opens the embedded dictionary for `lang`.
    pub fn embedded(lang: Lang) -> Result<Lexicon, LexiconError> {
        let (bytes, letters) = match lang {
            Lang::Sv => (SV, SV_LETTERS),
            Lang::Nb => (NB, NB_LETTERS),
            Lang::Nn => (NN, NN_LETTERS),
            Lang::Da => (DA, DA_LETTERS),
        };
        let map = fst::Map::new(bytes).map_err(|source| LexiconError::Corrupt { lang, source })?;
        let foreign = fst::Map::new(EN).map_err(|source| LexiconError::Corrupt { lang, source })?;
        Ok(Lexicon {
            lang,
            map,
            foreign,
            extra: HashMap::new(),
            extra_sorted: SortedWords::default(),
            letters: LetterModel::new(letters),
            key: lang as u64,
        })
    }

    /// Number of embedded forms.
    pub fn len(&self) -> usize {
        self.map.len() + self.extra.len()
    }

    /// Whether the lexicon is empty.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Adds a user's word list: one word per line, optionally `word<TAB>zipf`; `#` starts a
    /// comment. Words without a frequency get Zipf 3.0 (an ordinary word), because a user lists a
    /// word precisely because the archive uses it. Capitalised entries count as names.
    pub fn add_user_words(&mut self, path: &Path) -> Result<usize, LexiconError> {
        let text = std::fs::read_to_string(path).map_err(|source| LexiconError::Read {
            path: path.to_path_buf(),
            source,
        })?;
        self.add_user_text(&text, path)
    }

    /// Like [`Lexicon::add_user_words`], from text already read.
    pub fn add_user_text(&mut self, text: &str, path: &Path) -> Result<usize, LexiconError> {
        let mut n = 0;
        for (i, line) in text.lines().enumerate() {
            let line = line.split('#').next().unwrap_or("").trim();
            if line.is_empty() {
                continue;
            }
            let mut parts = line.split('\t');
            let word = parts.next().unwrap_or("").trim();
            let zipf = match parts.next() {
                Some(z) => z.trim().parse::<f32>().map_err(|_| LexiconError::Parse {
                    path: path.to_path_buf(),
                    line: i + 1,
                    message: "frequency is not a number",
                })?,
                None => 3.0,
            };
            if word.is_empty() || word.chars().any(char::is_whitespace) {
                return Err(LexiconError::Parse {
                    path: path.to_path_buf(),
                    line: i + 1,
                    message: "expected one word per line",
                });
            }
            let is_name = word.chars().next().is_some_and(char::is_uppercase);
            self.extra.insert(word.to_lowercase(), (zipf, is_name));
            n += 1;
        }
        self.extra_sorted = SortedWords::new(
            self.extra
                .iter()
                .map(|(k, (z, _))| (k.clone(), *z))
                .collect(),
        );
        // FNV-1a over the sorted user words and their frequencies.
        let mut h: u64 = 0xcbf2_9ce4_8422_2325 ^ self.lang as u64;
        let mut words: Vec<(&String, &(f32, bool))> = self.extra.iter().collect();
        words.sort_by(|a, b| a.0.cmp(b.0));
        for (w, (z, n)) in words {
            for b in w
                .bytes()
                .chain(z.to_bits().to_le_bytes())
                .chain([*n as u8, 0xff])
            {
                h ^= b as u64;
                h = h.wrapping_mul(0x0100_0000_01b3);
            }
        }
        self.key = h;
        Ok(n)
    }

    /// Whether the form carries any of the `mask` flags; a user's word list decides for its
    /// own words (a name there is a name, and proper by definition).
    fn flagged(&self, lower: &str, mask: u64) -> bool {
        if !self.extra.is_empty() {
            if let Some(&(_, n)) = self.extra.get(lower) {
                return n;
            }
        }
        self.raw(lower).is_some_and(|v| v & mask != 0)
    }

    fn raw(&self, lower: &str) -> Option<u64> {
        cached_get(self.lang as usize, &self.map, lower)
    }

    fn final_value(&self, s: WalkState, allow_part: bool) -> Option<f32> {
        if s.alive & 2 != 0 {
            if let Some(z) = self.extra_sorted.final_at(s.lo, s.hi, s.depth) {
                return Some(z);
            }
        }
        if s.alive & 1 != 0 {
            let node = self.map.as_fst().node(s.node);
            if node.is_final() {
                let v = fst::raw::Output::new(s.out)
                    .cat(node.final_output())
                    .value();
                if v & FLAG_PART_ONLY == 0 || allow_part {
                    return Some((v & 0xffff) as f32 / 100.0);
                }
            }
        }
        None
    }
}

impl Vocabulary for Lexicon {
    fn frequency(&self, lower: &str) -> Option<f32> {
        // The user list is usually empty: skip its (SipHash) lookup.
        if !self.extra.is_empty() {
            if let Some(&(z, _)) = self.extra.get(lower) {
                return Some(z);
            }
        }
        self.raw(lower)
            .filter(|v| v & FLAG_PART_ONLY == 0)
            .map(|v| (v & 0xffff) as f32 / 100.0)
    }

    fn cache_key(&self) -> Option<u64> {
        Some(self.key)
    }

    fn foreign_frequency(&self, lower: &str) -> Option<f32> {
        // Asked for every unknown word of every document: cached like the Nordic lists.
        cached_get(ENGLISH_SLOT, &self.foreign, lower).map(|v| (v & 0xffff) as f32 / 100.0)
    }

    fn is_name(&self, lower: &str) -> bool {
        self.flagged(lower, FLAG_NAME)
    }

    fn letters_logp(&self, lower: &str) -> Option<f32> {
        self.letters.map(|m| m.logp(lower))
    }

    fn is_proper(&self, lower: &str) -> bool {
        self.flagged(lower, FLAG_NAME | FLAG_CAPITALISED)
    }

    fn lang(&self) -> Lang {
        self.lang
    }

    fn walk_start(&self) -> WalkState {
        let (lo, hi) = self.extra_sorted.start();
        WalkState {
            node: self.map.as_fst().root().addr(),
            out: 0,
            lo,
            hi,
            depth: 0,
            alive: 1 | if lo < hi { 2 } else { 0 },
        }
    }

    fn walk(&self, s: WalkState, bytes: &[u8]) -> Option<WalkState> {
        // Without user words only the automaton is walked: the candidate search's common case,
        // taken several times per step, without the bookkeeping of two walks at once.
        if s.alive == 1 {
            let (addr, out) = steps(self.map.as_fst(), (s.node, s.out), bytes)?;
            return Some(WalkState {
                node: addr,
                out,
                depth: s.depth + bytes.len() as u32,
                ..s
            });
        }
        let mut next = WalkState {
            depth: s.depth + bytes.len() as u32,
            alive: 0,
            ..s
        };
        if s.alive & 1 != 0 {
            if let Some((addr, out)) = steps(self.map.as_fst(), (s.node, s.out), bytes) {
                next.node = addr;
                next.out = out;
                next.alive |= 1;
            }
        }
        if s.alive & 2 != 0 {
            if let Some((lo, hi)) = self.extra_sorted.narrow(s.lo, s.hi, s.depth, bytes) {
                next.lo = lo;
                next.hi = hi;
                next.alive |= 2;
            }
        }
        (next.alive != 0).then_some(next)
    }

    fn walk_final(&self, s: WalkState) -> Option<f32> {
        self.final_value(s, false)
    }

    fn walk_final_part(&self, s: WalkState) -> Option<f32> {
        self.final_value(s, true)
    }
}

/// One transition of the automaton: from node `addr` on byte `b`, the next node and the
/// output gained (fst outputs add up).
///
/// Decoding an fst node costs a hundred or more instructions, most of the candidate
/// search's time, and the search takes the same few thousand transitions over and over
/// (every path starts at the root, compounds restart there). A per-thread direct-mapped
/// table of transitions answers those in a probe; a slot holds the automaton's identity,
/// so the four languages (and any other fst) never see each other's entries.
#[inline]
fn step(
    fst: &fst::raw::Fst<&'static [u8]>,
    addr: fst::raw::CompiledAddr,
    b: u8,
) -> Option<(fst::raw::CompiledAddr, u64)> {
    const BITS: u32 = 15;
    /// Marks a cached failed transition.
    const NONE: u64 = u64::MAX;
    #[derive(Clone, Copy, Default)]
    struct Slot {
        fst: u64,
        key: u64,
        next: u64,
        out: u64,
    }
    thread_local! {
        static STEPS: std::cell::RefCell<Vec<Slot>> = const { std::cell::RefCell::new(Vec::new()) };
    }
    let id = fst.as_bytes().as_ptr() as u64;
    // `addr` is a byte offset into the fst (well under 2^48), shifted past the input byte;
    // 0 is never a valid key because the key's low bit is set.
    let key = ((addr as u64) << 9) | ((b as u64) << 1) | 1;
    let slot =
        ((key ^ id.rotate_left(17)).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - BITS)) as usize;
    let walk = || {
        let node = fst.node(addr);
        node.find_input(b).map(|i| {
            let t = node.transition(i);
            (t.addr, t.out.value())
        })
    };
    STEPS.with(|c| {
        let mut c = c.borrow_mut();
        if c.is_empty() {
            c.resize(1 << BITS, Slot::default());
        }
        let e = &mut c[slot];
        if e.key == key && e.fst == id {
            return (e.next != NONE).then_some((e.next as fst::raw::CompiledAddr, e.out));
        }
        let r = walk();
        *e = Slot {
            fst: id,
            key,
            next: r.map_or(NONE, |(a, _)| a as u64),
            out: r.map_or(0, |(_, o)| o),
        };
        r
    })
}

/// [`step`] over each of `bytes` from node and output `at`: where the walk ends and the output
/// gained on the way, `None` where the automaton has no such path. Always inlined: as a call,
/// a cold pass over the damaged test texts took 0.5% more instructions.
#[inline(always)]
fn steps(
    fst: &fst::raw::Fst<&'static [u8]>,
    at: (fst::raw::CompiledAddr, u64),
    bytes: &[u8],
) -> Option<(fst::raw::CompiledAddr, u64)> {
    let (mut addr, mut out) = at;
    for &b in bytes {
        let (a, o) = step(fst, addr, b)?;
        addr = a;
        out += o;
    }
    Some((addr, out))
}

/// Cache slot of the English list in [`cached_get`] (the Nordic lists use their `Lang` index).
const ENGLISH_SLOT: usize = 4;

/// `map.get(lower)` through a per-thread cache, one per list (`slot`). Word frequencies are
/// Zipfian: the cache answers most lookups of running text with one hash probe instead of an
/// automaton walk. It is cleared when full, so memory stays bounded.
fn cached_get(slot: usize, map: &fst::Map<&'static [u8]>, lower: &str) -> Option<u64> {
    thread_local! {
        static CACHE: std::cell::RefCell<[rustc_hash::FxHashMap<Box<str>, Option<u64>>; 5]> =
            std::cell::RefCell::new(Default::default());
    }
    const MAX_CACHED: usize = 100_000;
    if lower.len() > 40 {
        return map.get(lower);
    }
    CACHE.with(|c| {
        let mut c = c.borrow_mut();
        let cache = &mut c[slot];
        if let Some(v) = cache.get(lower) {
            return *v;
        }
        let v = get(map.as_fst(), lower);
        if cache.len() >= MAX_CACHED {
            cache.clear();
        }
        cache.insert(lower.into(), v);
        v
    })
}

/// `fst.get(lower)` through the transition table of [`step`]: the words looked up are mostly
/// the ones the candidate search has just walked, so their transitions are in the table, and a
/// lookup costs a probe per byte instead of decoding a node per byte.
fn get(fst: &fst::raw::Fst<&'static [u8]>, lower: &str) -> Option<u64> {
    let (addr, out) = steps(fst, (fst.root().addr(), 0), lower.as_bytes())?;
    let node = fst.node(addr);
    node.is_final()
        .then(|| fst::raw::Output::new(out).cat(node.final_output()).value())
}

/// The four embedded lexicons.
#[derive(Debug)]
pub struct Lexicons {
    /// One per language, in [`Lang::ALL`] order.
    pub by_lang: Vec<Lexicon>,
}

impl Lexicons {
    /// Opens all embedded dictionaries.
    pub fn embedded() -> Result<Lexicons, LexiconError> {
        Ok(Lexicons {
            by_lang: Lang::ALL
                .iter()
                .map(|&l| Lexicon::embedded(l))
                .collect::<Result<_, _>>()?,
        })
    }

    /// The lexicon of one language.
    pub fn get(&self, lang: Lang) -> &Lexicon {
        let i = Lang::ALL.iter().position(|&l| l == lang).unwrap_or(0);
        &self.by_lang[i]
    }

    /// Adds a user word list to every language.
    pub fn add_user_words(&mut self, path: &Path) -> Result<usize, LexiconError> {
        let text = std::fs::read_to_string(path).map_err(|source| LexiconError::Read {
            path: path.to_path_buf(),
            source,
        })?;
        let mut n = 0;
        for lex in &mut self.by_lang {
            n = lex.add_user_text(&text, path)?;
        }
        Ok(n)
    }

    /// All four as trait objects.
    pub fn all(&self) -> Vec<&dyn Vocabulary> {
        self.by_lang.iter().map(|l| l as &dyn Vocabulary).collect()
    }
}

/// Packs a Zipf frequency and flags into an fst value.
pub fn pack(zipf: f32, flags: u64) -> u64 {
    let z = (zipf * 100.0).round().clamp(0.0, 65535.0) as u64;
    z | (flags << 16)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn embedded_letter_models_know_how_each_language_spells() {
        for (lang, right, damaged) in [
            (Lang::Sv, "sjöqvist", "sjoqvist"),
            (Lang::Sv, "sävström", "savstrém"),
            (Lang::Nn, "høyheim", "hoyheim"),
            (Lang::Nb, "skjæran", "skjaeran"),
            (Lang::Da, "kræmer", "kraemer"),
        ] {
            let l = Lexicon::embedded(lang).unwrap();
            let (r, d) = (
                l.letters_logp(right).unwrap(),
                l.letters_logp(damaged).unwrap(),
            );
            assert!(r > d + 3.0, "{lang:?}: {right} {r} against {damaged} {d}");
        }
    }

    #[test]
    fn embedded_dictionaries_open_and_know_core_words() {
        let sv = Lexicon::embedded(Lang::Sv).unwrap();
        for w in ["möte", "från", "förvaltningarna", "är", "för", "på"] {
            assert!(sv.contains(w), "{w} missing from sv");
        }
        for w in ["fran", "mote", "forvaltningarna"] {
            assert!(!sv.contains(w), "{w} should not be in sv");
        }
        assert!(sv.frequency("för").unwrap() > 6.0);
        assert!(sv.is_name("örebro"));
        let da = Lexicon::embedded(Lang::Da).unwrap();
        assert!(da.contains("fælles") && da.contains("holbæk"));
        let nb = Lexicon::embedded(Lang::Nb).unwrap();
        assert!(nb.contains("møte"));
    }

    /// A word's value read by walking (through the per-thread transition table) is the
    /// automaton's own, for words of several languages walked in turn, twice (the second time
    /// from the table), and a word one language lacks stays missing after another knew it.
    #[test]
    fn walks_through_the_transition_table_agree_with_the_automaton() {
        let langs: Vec<Lexicon> = Lang::ALL
            .iter()
            .map(|&l| Lexicon::embedded(l).unwrap())
            .collect();
        let words = [
            "möte",
            "møte",
            "fælles",
            "från",
            "förvaltningarna",
            "kommune",
            "kommun",
            "og",
            "och",
            "samverkan",
            "nätet",
            "holbæk",
            "xqzv",
            "å",
            "",
        ];
        let walk = |lex: &Lexicon, w: &str| {
            let mut s = lex.walk_start();
            for &b in w.as_bytes() {
                s = lex.walk(s, &[b])?;
            }
            lex.walk_final(s)
        };
        for _ in 0..2 {
            for lex in &langs {
                for w in words {
                    let want = lex
                        .map
                        .get(w)
                        .filter(|v| v & FLAG_PART_ONLY == 0)
                        .map(|v| (v & 0xffff) as f32 / 100.0);
                    assert_eq!(walk(lex, w), want, "{:?} {w}", lex.lang());
                    // Lookups go through the same table: raw values, flags included.
                    assert_eq!(
                        get(lex.map.as_fst(), w),
                        lex.map.get(w),
                        "{:?} {w}",
                        lex.lang()
                    );
                }
            }
        }
        assert!(walk(&langs[0], "förvaltningarna").is_some());
        assert!(walk(&langs[3], "förvaltningarna").is_none());
    }

    #[test]
    fn user_words_are_added_and_bad_lines_rejected() {
        let mut sv = Lexicon::embedded(Lang::Sv).unwrap();
        let n = sv
            .add_user_text(
                "# archive words\nKanonverkstan\nsamverkansrådet\t4.5\n",
                Path::new("u.txt"),
            )
            .unwrap();
        assert_eq!(n, 2);
        assert!(sv.is_name("kanonverkstan"));
        assert_eq!(sv.frequency("samverkansrådet"), Some(4.5));
        let err = sv
            .add_user_text("ord\tx\n", Path::new("u.txt"))
            .unwrap_err();
        assert_eq!(err.to_string(), "u.txt: line 1: frequency is not a number");
    }
}
