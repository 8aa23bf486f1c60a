//! Candidate search: every dictionary word (or compound of dictionary words) that the OCR
//! confusion model could have turned into the damaged word.
//!
//! The search walks the dictionary's prefix structure and the damaged word together, trying the
//! printed character itself and each confusion that could have printed it. A prefix no word
//! starts with is abandoned at once, so a long word with many `a`s and `o`s costs a few hundred
//! steps, not 3^n lookups. At the end of a known word inside the damaged one the walk may start
//! again from the root (a compound boundary, optionally with the linking `s`), which is how
//! `Samverkansradet` finds `samverkans` + `rådet` although the compound is in no list.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use rensa_core::{Vocabulary, WalkState};

use crate::confusion::{Confusion, ConfusionModel};

/// Most substitutions tried in one word.
const MAX_SUBS: u8 = 4;
/// Most plain-letter glyph confusions (`n` printed `ri`, `l` printed `i`) in one reading: each
/// is rare (a few in ten thousand letters), two in one word rarer still, and every one allowed
/// multiplies the search.
const MAX_GENERIC: u8 = 1;
/// Most parts in a compound.
const MAX_PARTS: usize = 3;
/// Shortest compound part after the first, in characters.
const MIN_PART: usize = 3;
/// Shortest first part of a compound: three-letter first parts (`ser`+`man`) make too many
/// accidental compounds out of names.
const MIN_FIRST_PART: usize = 4;
/// A three-letter first part is allowed before a long rest (`træ` + `plantning`, `mad` +
/// `fællesskaber`) when it is a common word.
const SHORT_FIRST_PART: usize = 3;
const SHORT_FIRST_REST: usize = 7;
const SHORT_FIRST_ZIPF: f32 = 4.5;
/// Search steps per word before giving up (bounds the worst case).
const BUDGET: usize = 40_000;
/// First UTF-8 byte of å ä ö æ ø é (U+00C0..U+00FF).
const LEAD: u8 = 0xC3;
/// Lowest summed ln P of the substitutions of one candidate.
const MIN_LOGP: f32 = -18.0;

/// A candidate reading of a damaged word.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    /// The lowercase word.
    pub text: String,
    /// Zipf frequency used for scoring (for compounds, an estimate from the parts).
    pub zipf: f32,
    /// Number of parts (1 for a listed word).
    pub parts: usize,
    /// Letter-for-letter substitutions that pay the document damage prior.
    pub letter_subs: u8,
    /// Sum of ln P(ocr | truth) of letter substitutions.
    pub letter_logp: f32,
    /// Sum of ln P(ocr | truth) of substitutions whose OCR side has a digit.
    pub digit_logp: f32,
    /// Substitutions with a digit.
    pub digit_subs: u8,
    /// Ids of the confusions used, in order.
    pub used: Vec<u16>,
    /// Whether the reading is one of the genre words (`möte`, `val`) or a meeting compound,
    /// which score higher in minutes: decided once per reading, not each time it is scored.
    pub genre: bool,
}

impl Candidate {
    /// Total substitutions.
    pub fn subs(&self) -> u8 {
        self.letter_subs + self.digit_subs
    }
}

/// Zipf given to a listed form without a measured frequency.
const UNMEASURED_ZIPF: f32 = 1.5;
/// Zipf a listed compound scores over the estimate from its parts. Without it a listed
/// `økonomiplan`, `Ældrerådet` or `Levekårsutvalget` tied with an unlisted analysis of what
/// OCR printed (`okonomi`+`plan`, `radet`) and lost by the damage prior. Measured on train and
/// dev: 0.75 repairs 24 more words and keeps one fewer (`naturvarden`, where the listed
/// compound `naturvården` now outranks the measured `naturvärden`: both are real); the full
/// unlisted-compound offset (1.5) let listed compounds outrank measured words (`styremåte` over
/// the meeting word `styremøte`).
const LISTED_COMPOUND_BONUS: f32 = 0.75;
/// Zipf lost per compound boundary (the second boundary costs twice, and so on).
const COMPOUND_PENALTY: f32 = 1.0;
/// Parts at least this frequent are function words (`den`, `för`, `och`), which do not make
/// compounds: `namn` + `den` is not a reading of `namnden`.
const MAX_PART_ZIPF: f32 = 6.0;
/// Zipf lost by any unlisted compound against the mean of its parts.
const COMPOUND_OFFSET: f32 = 1.5;

struct Search<'a> {
    vocab: &'a dyn Vocabulary,
    model: &'a ConfusionModel,
    input: &'a [char],
    budget: usize,
    out: String,
    parts: Vec<f32>,
    /// Byte offsets in `out` where each compound part after the first starts.
    part_starts: Vec<usize>,
    found: HashMap<String, Candidate>,
    /// Whether the language is Swedish (which writes ä ö but not æ ø; the others the reverse).
    swedish: bool,
    /// Whether to analyse compounds and use plain-letter glyph confusions.
    compounds: bool,
    /// Whether the word ends in a compound's first part (a suspended compound's `børne-`).
    modifier: bool,
    /// Most plain-letter glyph confusions in one reading.
    max_generic: u8,
    /// Whether this is the deep search ([`deep_candidates`]): listed words only, no compound
    /// boundaries (which multiply its steps thirteenfold).
    deep: bool,
    /// Whether the current path took a three-letter first part (SHORT_FIRST_PART).
    short_first: bool,
    /// The readings found through such a path.
    short_found: HashSet<String>,
}

/// All candidates for a lowercase word, best-first by (zipf, fewest substitutions).
pub fn candidates(vocab: &dyn Vocabulary, model: &ConfusionModel, lower: &str) -> Vec<Candidate> {
    search(vocab, model, lower, true, false, MAX_GENERIC)
}

/// Listed words with up to two plain-letter glyph confusions (`Komimunedirektoren`,
/// `adininistrasjonen`): the last try for an unlisted word no other search reads, with the
/// wide model ([`ConfusionModel::wide`]). No compounds: with them the search took thirteen
/// times the steps, for two more words repaired in the train pairs.
pub fn deep_candidates(
    vocab: &dyn Vocabulary,
    model: &ConfusionModel,
    lower: &str,
) -> Vec<Candidate> {
    search(vocab, model, lower, true, false, MAX_GENERIC + 1)
}

/// Candidates for the first half of a suspended compound (`Borne-` in `Borne- og
/// Ungdomsudvalget`): as [`candidates`], but the reading may also be a form that only occurs
/// as a compound's first part (`børne`).
pub fn modifier_candidates(
    vocab: &dyn Vocabulary,
    model: &ConfusionModel,
    lower: &str,
) -> Vec<Candidate> {
    search(vocab, model, lower, true, true, MAX_GENERIC)
}

/// Candidates that are listed words, without compound analysis and without plain-letter glyph
/// confusions: the readings a known word may be replaced by (a far cheaper search).
pub fn listed_candidates(
    vocab: &dyn Vocabulary,
    model: &ConfusionModel,
    lower: &str,
) -> Vec<Candidate> {
    search(vocab, model, lower, false, false, MAX_GENERIC)
}

fn search(
    vocab: &dyn Vocabulary,
    model: &ConfusionModel,
    lower: &str,
    compounds: bool,
    modifier: bool,
    max_generic: u8,
) -> Vec<Candidate> {
    // Letters the language does not write are never put back (no `ö` in Danish, no `ø` in
    // Swedish), even though the names lists mention both.
    let swedish = vocab.lang() == rensa_core::Lang::Sv;
    let input: Vec<char> = lower.chars().collect();
    if input.is_empty() || input.len() > 40 {
        return Vec::new();
    }
    let mut s = Search {
        vocab,
        model,
        input: &input,
        budget: BUDGET,
        out: String::with_capacity(lower.len() + 8),
        parts: Vec::new(),
        part_starts: Vec::new(),
        found: HashMap::default(),
        swedish,
        compounds,
        modifier,
        max_generic,
        deep: max_generic > MAX_GENERIC,
        short_first: false,
        short_found: HashSet::default(),
    };
    s.dfs(0, vocab.walk_start(), 0, Acc::default());
    let short_found = std::mem::take(&mut s.short_found);
    let mut v: Vec<Candidate> = s.found.into_values().collect();
    // A reading with a three-letter first part only stands in for a missing listed word
    // (`foranmälan` is no rival to the listed `föranmälan`).
    if !short_found.is_empty() && v.iter().any(|c| c.parts == 1) {
        v.retain(|c| !short_found.contains(&c.text));
    }
    // A reading that is itself a listed word is scored as that word, never as a compound of
    // its pieces.
    for c in &mut v {
        if c.parts > 1 {
            if let Some(z) = vocab.frequency(&c.text) {
                // Listed compounds often have no or a tiny measured frequency; the estimate from
                // the head is as good evidence that the word exists, and the listing is more:
                // LISTED_COMPOUND_BONUS over an unlisted analysis of the same parts.
                c.parts = 1;
                c.zipf = (c.zipf + LISTED_COMPOUND_BONUS).max(if z <= 0.0 {
                    UNMEASURED_ZIPF
                } else {
                    z
                });
            }
        }
    }
    v.sort_by(|a, b| {
        b.zipf
            .total_cmp(&a.zipf)
            .then(a.subs().cmp(&b.subs()))
            .then(a.text.cmp(&b.text))
    });
    v
}

#[derive(Debug, Clone, Copy, Default)]
struct Acc {
    /// Plain-letter glyph confusions taken (at most [`MAX_GENERIC`]).
    generic: u8,
    letter_subs: u8,
    digit_subs: u8,
    letter_logp: f32,
    digit_logp: f32,
    used: [u16; MAX_SUBS as usize],
}

impl Acc {
    /// Substitutions taken so far (as [`Candidate::subs`]).
    fn subs(&self) -> u8 {
        self.letter_subs + self.digit_subs
    }
}

impl Search<'_> {
    fn dfs(&mut self, pos: usize, state: WalkState, part_len: usize, acc: Acc) {
        if self.budget == 0 {
            return;
        }
        self.budget -= 1;
        let n = self.input.len();
        if pos == n {
            let min_len = if self.parts.is_empty() { 1 } else { MIN_PART };
            if part_len >= min_len {
                let last = if self.modifier {
                    self.vocab.walk_final_part(state)
                } else {
                    self.vocab.walk_final(state)
                };
                if let Some(z) = last {
                    if self.parts.is_empty() || z < MAX_PART_ZIPF {
                        self.record(z, acc);
                    }
                }
            }
            return;
        }
        // A compound boundary after a complete part.
        let first = self.parts.is_empty();
        let min_here = if first { SHORT_FIRST_PART } else { MIN_PART };
        if self.compounds
            && !self.deep
            && self.parts.len() + 1 < MAX_PARTS
            && part_len >= min_here
            && n - pos >= MIN_PART
        {
            if let Some(z) = self
                .vocab
                .walk_final_part(state)
                .filter(|&z| z < MAX_PART_ZIPF)
                .filter(|&z| {
                    !first
                        || part_len >= MIN_FIRST_PART
                        || (n - pos >= SHORT_FIRST_REST && z >= SHORT_FIRST_ZIPF && acc.subs() == 0)
                })
            {
                let short = first && part_len < MIN_FIRST_PART;
                self.short_first |= short;
                self.parts.push(z);
                self.part_starts.push(self.out.len());
                self.dfs(pos, self.vocab.walk_start(), 0, acc);
                self.part_starts.pop();
                if self.input[pos] == 's' && n - pos > MIN_PART {
                    let mark = self.out.len();
                    self.out.push('s');
                    self.part_starts.push(self.out.len());
                    self.dfs(pos + 1, self.vocab.walk_start(), 0, acc);
                    self.part_starts.pop();
                    self.out.truncate(mark);
                }
                self.parts.pop();
                if short {
                    self.short_first = false;
                }
            }
        }
        // The character as printed.
        let c = self.input[pos];
        let mut buf = [0u8; 4];
        let cb = c.encode_utf8(&mut buf);
        if let Some(next) = self.vocab.walk(state, cb.as_bytes()) {
            let mark = self.out.len();
            self.out.push(c);
            self.dfs(pos + 1, next, part_len + 1, acc);
            self.out.truncate(mark);
        }
        // Each confusion that could have printed what is here.
        if acc.subs() >= MAX_SUBS {
            return;
        }
        let model = self.model;
        // The Nordic letters are two bytes with the same first byte: that step is walked once
        // for all the confusions that put one back here.
        let mut lead: Option<Option<WalkState>> = None;
        for conf in model.starting_with_in(c, self.swedish) {
            let Some(acc2) = self.applies(conf, pos, acc) else {
                continue;
            };
            let truth = conf.truth.as_bytes();
            let next = match truth {
                [LEAD, rest @ ..] if !rest.is_empty() => {
                    let l = *lead.get_or_insert_with(|| self.vocab.walk(state, &[LEAD]));
                    l.and_then(|l| self.vocab.walk(l, rest))
                }
                _ => self.vocab.walk(state, truth),
            };
            if let Some(next) = next {
                let mark = self.out.len();
                self.out.push_str(&conf.truth);
                self.dfs(
                    pos + conf.ocr.len(),
                    next,
                    part_len + conf.truth.chars().count(),
                    acc2,
                );
                self.out.truncate(mark);
            }
        }
    }

    /// Whether a confusion could have printed the input at `pos`, and the accumulator after
    /// taking it.
    #[inline]
    fn applies(&self, conf: &Confusion, pos: usize, acc: Acc) -> Option<Acc> {
        let k = conf.ocr.len();
        // The first character matched already (the model is indexed by it).
        // The rest of the OCR side, compared in place: most confusions print one character,
        // and a slice comparison called `memcmp` even for none (5% of a cold search).
        if pos + k > self.input.len()
            || conf.ocr[1..]
                .iter()
                .zip(&self.input[pos + 1..pos + k])
                .any(|(a, b)| a != b)
            || (conf.generic && !self.compounds)
            || (conf.initial && pos != 0)
        {
            return None;
        }
        if conf.generic && acc.generic >= self.max_generic {
            return None;
        }
        // Characters past U+00FF come from the unfiltered table.
        if conf.foreign_to(self.swedish) {
            return None;
        }
        let mut acc2 = acc;
        acc2.generic += conf.generic as u8;
        acc2.used[acc.subs() as usize] = conf.id;
        if conf.digit {
            acc2.digit_subs += 1;
            acc2.digit_logp += conf.logp;
        } else {
            acc2.letter_subs += 1;
            acc2.letter_logp += conf.logp;
        }
        (acc2.letter_logp + acc2.digit_logp >= MIN_LOGP).then_some(acc2)
    }

    fn record(&mut self, last: f32, acc: Acc) {
        if self.short_first && acc.subs() == 0 {
            return;
        }
        let eff = |z: f32| if z <= 0.0 { UNMEASURED_ZIPF } else { z };
        let zipf = if self.parts.is_empty() {
            eff(last)
        } else {
            self.compound_zipf(last)
        };
        let parts = self.parts.len() + 1;
        let make = |text: String| Candidate {
            zipf,
            parts,
            letter_subs: acc.letter_subs,
            letter_logp: acc.letter_logp,
            digit_logp: acc.digit_logp,
            digit_subs: acc.digit_subs,
            used: acc.used[..acc.subs() as usize].to_vec(),
            genre: crate::is_genre(&text),
            text,
        };
        // A reading any other path reaches is no longer only a short-first analysis.
        if !self.short_first && !self.short_found.is_empty() {
            self.short_found.remove(self.out.as_str());
        }
        // Most paths reach a reading already found; allocate only for a new or better one.
        if let Some(old) = self.found.get_mut(self.out.as_str()) {
            if score_of(zipf, acc.letter_logp, acc.digit_logp) > old.score() {
                let text = std::mem::take(&mut old.text);
                *old = make(text);
            }
            return;
        }
        if self.short_first {
            self.short_found.insert(self.out.clone());
        }
        self.found.insert(self.out.clone(), make(self.out.clone()));
    }
}

impl Search<'_> {
    /// Estimated Zipf of an unlisted compound: the mean of its weakest modifier and its head,
    /// less a fixed offset and a penalty per boundary, so that a compound of two ordinary
    /// words lands near a listed form without a measured frequency. Modifiers count, so
    /// `mødedato` beats `modedato`. A modifier without a measured frequency that ends in the
    /// linking `s` takes its stem's (`samverkans` -> `samverkan`), a three-letter head costs
    /// extra: three-part readings and short heads are usually accidents of dictionary pieces.
    fn compound_zipf(&self, last: f32) -> f32 {
        let eff = |z: f32| if z <= 0.0 { UNMEASURED_ZIPF } else { z };
        let mut bounds = vec![0usize];
        bounds.extend(self.part_starts.iter().copied());
        let mut weakest = f32::MAX;
        for (i, &z) in self.parts.iter().enumerate() {
            let mut z = eff(z);
            if z <= UNMEASURED_ZIPF {
                let text = &self.out[bounds[i]..bounds[i + 1]];
                if let Some(stem) = text.strip_suffix('s') {
                    if let Some(sz) = self.vocab.frequency(stem) {
                        z = z.max(eff(sz));
                    }
                }
            }
            weakest = weakest.min(z);
        }
        let head_chars = self
            .part_starts
            .last()
            .map_or(0, |&s| self.out[s..].chars().count());
        let mut head = eff(last);
        if head_chars <= 3 {
            head -= 1.0;
        }
        let b = self.parts.len() as f32;
        (weakest + head) / 2.0 - COMPOUND_OFFSET - COMPOUND_PENALTY * b * (b + 1.0) / 2.0
    }
}

/// The score that decides between two paths to the same reading.
fn score_of(zipf: f32, letter_logp: f32, digit_logp: f32) -> f32 {
    zipf * 2.3 + letter_logp + digit_logp
}

impl Candidate {
    fn score(&self) -> f32 {
        score_of(self.zipf, self.letter_logp, self.digit_logp)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rensa_core::{Lang, MemoryVocabulary};

    fn vocab() -> MemoryVocabulary {
        MemoryVocabulary::from_pairs(
            Lang::Sv,
            [
                ("från", 6.5),
                ("fran", 2.0),
                ("möte", 5.0),
                ("samverkans", 3.0),
                ("rådet", 4.5),
                ("för", 7.1),
                ("for", 4.9),
                ("är", 7.3),
                ("år", 6.3),
                ("ar", 4.5),
            ],
        )
    }

    #[test]
    fn finds_diacritic_and_digit_readings() {
        let v = vocab();
        let m = ConfusionModel::from_tsv("");
        let c = candidates(&v, &m, "mote");
        assert_eq!(c[0].text, "möte");
        let c = candidates(&v, &m, "f6r");
        assert_eq!(c[0].text, "för");
        assert_eq!(c[0].digit_subs, 1);
        let c = candidates(&v, &m, "4r");
        assert_eq!(c[0].text, "är");
        let texts: Vec<_> = candidates(&v, &m, "ar")
            .into_iter()
            .map(|c| c.text)
            .collect();
        assert!(texts.contains(&"är".to_string()) && texts.contains(&"ar".to_string()));
    }

    #[test]
    fn finds_compounds_of_known_parts() {
        let v = vocab();
        let m = ConfusionModel::from_tsv("");
        let c = candidates(&v, &m, "samverkansradet");
        assert_eq!(c[0].text, "samverkansrådet");
        assert_eq!(c[0].parts, 2);
    }
}
