//! Restore's first pass: the document's distinct words, and what they show about its damage.
//!
//! Every later rule asks about words by type, not by token: how often the page prints a word,
//! whether the lists know it, whether it is ever printed without a capital. The survey numbers
//! each token restore may change by its type once (through the thread's table, see `types`),
//! and keeps the lowercase forms of the capitalised ones in one buffer, so a document costs one
//! allocation for them, not one per capitalised word.
//!
//! The damage prior comes from the same types ([`Ctx::read_damage`]): listed words whose å ä
//! ö æ ø survived speak for a clean page, unknown words that a lost letter explains for a
//! damaged one. It is read before any word is decided, because every decision depends on it.

use std::rc::Rc;

use rensa_core::{Token, Vocabulary};

use crate::eligible::{caps_heading_word, is_candidate_token};
use crate::search::Candidate;
use crate::{is_special, prior_logs, push_lowercase, score, Ctx, Evidence, LN10, MIN_PRIOR};

/// Where a token's lowercase form is: in the survey's buffer (`true`) or the text, with its
/// byte range there.
type Span = (bool, usize, usize);

/// The word types of one document.
pub(crate) struct Survey {
    /// The lowercase forms of the tokens with capitals, one after another.
    lowered: String,
    /// Per token, its lowercase form if restore may change it.
    spans: Vec<Option<Span>>,
    /// Per type, its lowercase form.
    type_spans: Vec<Span>,
    /// Per token, its type (`u32::MAX` for a token restore leaves).
    pub type_of: Vec<u32>,
    /// Per type, how many tokens print it.
    pub count: Vec<usize>,
    /// Per type, how many of its tokens are printed without a capital, or all in capitals (a
    /// heading's `ÅPENT MØTE`): the rest are the word capitalised.
    pub uncapitalised: Vec<u32>,
    /// Per type, its listed frequency (`None`: the lists do not know it).
    pub freq: Vec<Option<f32>>,
    /// Per type, whether it has one of å ä ö æ ø.
    pub special: Vec<bool>,
    /// Tokens of unlisted words, in order: all that the decisions look at in a clean
    /// document.
    pub unknown_toks: Vec<u32>,
}

impl Survey {
    /// Numbers the tokens of `text` that restore may change (not protected, not a
    /// non-word) by their types.
    pub fn take(
        text: &str,
        toks: &[Token<'_>],
        protected: &[(usize, usize)],
        vocab: &dyn Vocabulary,
    ) -> Survey {
        // Capitalised words are a minority of running text: a quarter of its bytes is room
        // enough for most documents, so the buffer rarely grows. About a third of a document's
        // words are distinct: the per-type vectors grow once or not at all.
        let cap = toks.len() / 3 + 16;
        let mut s = Survey {
            lowered: String::with_capacity(text.len() / 4),
            spans: Vec::with_capacity(toks.len()),
            type_spans: Vec::with_capacity(cap),
            type_of: vec![u32::MAX; toks.len()],
            count: Vec::with_capacity(cap),
            uncapitalised: Vec::with_capacity(cap),
            freq: Vec::with_capacity(cap),
            special: Vec::with_capacity(cap),
            unknown_toks: Vec::new(),
        };
        crate::types::with_table(vocab, |table| {
            for (i, t) in toks.iter().enumerate() {
                if !is_candidate_token(toks, i, protected)
                    && !caps_heading_word(text, toks, i, vocab, protected)
                {
                    s.spans.push(None);
                    continue;
                }
                let span = if t.uppers == 0 {
                    (false, t.start, t.end)
                } else {
                    let a = s.lowered.len();
                    push_lowercase(&mut s.lowered, t.text);
                    (true, a, s.lowered.len())
                };
                s.spans.push(Some(span));
                let (own, a, b) = span;
                let buf = if own { s.lowered.as_str() } else { text };
                let (id, first) = table.number(buf, a, b, vocab, s.type_spans.len() as u32);
                if let Some(info) = first {
                    s.type_spans.push(span);
                    s.count.push(0);
                    s.uncapitalised.push(0);
                    s.freq.push(info.freq);
                    s.special.push(info.special);
                }
                let k = id as usize;
                s.count[k] += 1;
                s.uncapitalised[k] +=
                    u32::from(t.uppers == 0 || (t.letters > 1 && t.uppers == t.letters));
                s.type_of[i] = id;
                if s.freq[k].is_none() {
                    s.unknown_toks.push(i as u32);
                }
            }
        });
        s
    }

    fn resolve<'a>(&'a self, text: &'a str, (own, a, b): Span) -> &'a str {
        if own {
            &self.lowered[a..b]
        } else {
            &text[a..b]
        }
    }

    /// The lowercase form of token `i`, if restore may change it.
    pub fn lower_of<'a>(&'a self, text: &'a str, i: usize) -> Option<&'a str> {
        self.spans[i].map(|s| self.resolve(text, s))
    }

    /// The lowercase form of each type, by type number.
    pub fn words<'a>(&'a self, text: &'a str) -> Vec<&'a str> {
        self.type_spans
            .iter()
            .map(|&s| self.resolve(text, s))
            .collect()
    }
}

impl<'a> Ctx<'a> {
    /// Reads the document's damage from its types (`words` with their `count`s, whether
    /// `known` and `special`), sets the prior, the adapted confusion weights and the
    /// confusions the page shows, and returns the prior. The candidates found for the unknown
    /// types are kept in `cands` for the decisions.
    pub(crate) fn read_damage(
        &mut self,
        words: &[&'a str],
        count: &[usize],
        known: &[bool],
        special: &[bool],
        cands: &mut [Option<Rc<[Candidate]>>],
    ) -> f32 {
        let mut intact_special = 0usize;
        let n_intact = (0..words.len()).filter(|&k| known[k] && special[k]).count();
        self.seen_intact.reserve(n_intact);
        for (k, w) in words.iter().enumerate() {
            if known[k] && special[k] {
                intact_special += count[k];
                self.seen_intact.insert(w, count[k]);
            }
        }
        // Unknown words: which readings explain them (with the shipped weights and a middling
        // prior), how many gain a special letter, and which confusions they used.
        let base = self.model.all().iter().map(|c| c.logp).collect::<Vec<_>>();
        let mut explained = 0usize;
        let mut counts = vec![0f32; base.len()];
        // In type order (first occurrence in the document): the sums below add whole counts,
        // so no order changes them (sorting the words by spelling cost 4% of warm restore
        // time).
        let unknown = (0..words.len())
            .filter(|&k| !known[k])
            .map(|k| (words[k], count[k], k));
        for (w, n, k) in unknown {
            let found = cands[k].insert(self.candidates(w, false)).clone();
            let best = found
                .iter()
                .filter(|c| c.subs() > 0)
                .map(|c| (score(c, &base, 0.3f32.ln(), &self.seen_intact), c))
                .max_by(|a, b| a.0.total_cmp(&b.0).then(b.1.text.cmp(&a.1.text)));
            // Only readings that beat keeping the word (at that prior) count as evidence; a
            // remote reading of a rare dialect word or a name is not a sign of damage.
            let as_printed = found.iter().any(|c| c.subs() == 0);
            let keep = self.opts.oov_zipf.max(self.opts.oov_name_zipf) * LN10 + 0.7f32.ln();
            if let Some((_, c)) = best.filter(|(s, _)| *s > keep && !as_printed) {
                if c.text.chars().any(is_special) {
                    explained += n;
                }
                for &id in &c.used {
                    counts[id as usize] += n as f32;
                }
            }
        }
        let p = self.opts.damage_prior.unwrap_or_else(|| {
            ((explained as f32 + 0.02) / (explained as f32 + intact_special as f32 + 2.0))
                .clamp(MIN_PRIOR, 0.8)
        });
        self.logp = self.model.adapted_logp(&counts);
        self.shown = Some(counts.iter().map(|&n| n > 0.0).collect());
        self.prior_logs = prior_logs(p);
        self.evidence = Evidence {
            prior: p,
            explained,
            intact: intact_special,
        };
        p
    }
}
