//! Restore's second pass, the word decisions: which reading each token takes, judged once per
//! word type, capitalisation and kind of place.
//!
//! A judgement (candidate search, scores of every reading against keeping the word) costs far
//! more than looking at a token, and running text repeats its words, so each type is judged
//! once per capitalisation in running text and the judgement is borrowed by every token. A
//! few places call for a second judgement with other readings favoured: where text puts a
//! name (`Ange kommun`, name readings), at a sentence's start (an unlisted capitalised word
//! judged as the lowercase word its capital may belong to the position), at a heading line's
//! end (the meeting words, `møtte:`), and next to the words of a collocation cue (`før
//! møtet`). Those are memoised per slot too, and only whether a token stands in such a place is
//! asked per token. The rules that follow a decision (a lowercase word never becomes a name,
//! the case of the reading) stay with the caller, which applies them per token.

use std::rc::Rc;

use rensa_core::Token;
use rustc_hash::FxHashMap as HashMap;

use crate::context::{
    cued_reading, heading_end, name_position, sentence_start, Cue, Slot, CUED_WORD_MAX_LEN, CUES,
};
use crate::search::Candidate;
use crate::{is_genre, Ctx, REAL_WORD_MIN_PRIOR};

/// A change: the lowercase reading, its confidence and the rule that made it.
pub(crate) type Change = (String, f32, &'static str);
/// A judgement's outcome: a change, or `None` to keep the word.
pub(crate) type Choice = Option<Change>;

/// What the decisions say of one token.
pub(crate) enum Pick<'d> {
    /// A collocation cue reads the word as printed: nothing may change it.
    Skip,
    /// The word stays as printed (other rules may still repair it).
    Keep,
    /// The word takes this reading.
    Change(&'d Change),
}

/// Judges a type in a slot, with its candidates found once per document.
struct Judge<'d> {
    ctx: &'d Ctx<'d>,
    words: &'d [&'d str],
    known: &'d [bool],
    freq: &'d [Option<f32>],
    p: f32,
}

impl Judge<'_> {
    fn judge(
        &self,
        cands: &mut [Option<Rc<[Candidate]>>],
        k: usize,
        upper: bool,
        slot: Slot,
    ) -> Choice {
        let found = cands[k]
            .get_or_insert_with(|| self.ctx.candidates(self.words[k], self.known[k]))
            .clone();
        self.ctx
            .change(self.words[k], self.freq[k], found, self.p, upper, slot)
    }
}

/// The decisions of one document, memoised per slot (type and capitalisation).
pub(crate) struct Decisions<'d> {
    judge: Judge<'d>,
    text: &'d str,
    toks: &'d [Token<'d>],
    type_of: &'d [u32],
    /// Per slot, the judgement in running text, once made.
    pub running: Vec<Option<Choice>>,
    /// Per slot, whether a name reading may be looked for.
    name_eligible: Vec<Option<bool>>,
    /// Per slot, the judgements in a name's place, at a heading's end, by a cue, and as a
    /// lowercase word opening a sentence.
    named: HashMap<usize, Choice>,
    heading: HashMap<usize, Choice>,
    cued: HashMap<usize, Choice>,
    opened: HashMap<usize, Choice>,
    /// Per type, its collocation cue, looked up once (most words have none).
    cue: Vec<Option<Option<&'static Cue>>>,
}

impl<'d> Decisions<'d> {
    /// Decisions for a document whose types are `words` (with whether each is `known` and its
    /// listed frequency `freq`), tokens `toks` numbered by type in `type_of`, at damage prior
    /// `p`.
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        ctx: &'d Ctx<'d>,
        text: &'d str,
        toks: &'d [Token<'d>],
        type_of: &'d [u32],
        words: &'d [&'d str],
        known: &'d [bool],
        freq: &'d [Option<f32>],
        p: f32,
    ) -> Self {
        let slots = 2 * words.len();
        Decisions {
            judge: Judge {
                ctx,
                words,
                known,
                freq,
                p,
            },
            text,
            toks,
            type_of,
            running: vec![None; slots],
            name_eligible: vec![None; slots],
            named: HashMap::default(),
            heading: HashMap::default(),
            cued: HashMap::default(),
            opened: HashMap::default(),
            cue: vec![None; words.len()],
        }
    }

    /// The reading token `i` takes (a word restore may change, `upper` if printed with a
    /// capital); `name_token` says whether a token is a name the lists know, for the name's
    /// place. Candidates found are kept in `cands`.
    pub fn pick(
        &mut self,
        cands: &mut [Option<Rc<[Candidate]>>],
        i: usize,
        upper: bool,
        name_token: &dyn Fn(usize) -> bool,
    ) -> Pick<'_> {
        let (text, toks) = (self.text, self.toks);
        let judge = &self.judge;
        let (vocab, p) = (judge.ctx.vocab, judge.p);
        let k = self.type_of[i] as usize;
        let word = judge.words[k];
        let slot = 2 * k + upper as usize;
        if self.running[slot].is_none() {
            // In a document without real damage a known word cannot change: no search. Nor can
            // a lone letter (`a` in `punkt a`): one letter is too little evidence on its own.
            self.running[slot] = Some(
                if p < REAL_WORD_MIN_PRIOR && (judge.known[k] || word.chars().nth(1).is_none()) {
                    None
                } else {
                    judge.judge(cands, k, upper, Slot::Running)
                },
            );
        }
        // Decided once per type and capitalisation; borrowed, not copied, for each token.
        let mut choice = self.running[slot].as_ref().and_then(Option::as_ref);
        // A capitalised common word where running text puts a name (`Ange kommun`, `Karin
        // Ost`, `Par Nyström`), or a word about to be read as a common word there (`Kare
        // Thygesen` as `Køre`), is judged again with its name readings favoured.
        // Whether the slot may be judged again is decided once per slot (lookups), and so is
        // that judgement; only the position is looked at per token.
        if upper && p >= REAL_WORD_MIN_PRIOR {
            let eligible = *self.name_eligible[slot].get_or_insert_with(|| match choice {
                // Kept as printed: only a listed common word (`Nohr`, seen capitalised, is a
                // name as printed and stays).
                None => judge.known[k] && !vocab.is_proper(word),
                // Changing anyway, to a common word: a name reading may win instead.
                Some(c) => !vocab.is_name(&c.0) && !vocab.is_name(word),
            });
            if eligible && name_position(text, toks, i, name_token) {
                let named = self.named.entry(slot).or_insert_with(|| {
                    judge
                        .judge(cands, k, upper, Slot::Name)
                        .filter(|(r, _, _)| vocab.is_name(r))
                        .map(|(r, c, _)| (r, c, "restore.name-context"))
                });
                if named.is_some() {
                    choice = named.as_ref();
                }
            }
        }
        // An unlisted capitalised word opening a line or a sentence, kept as printed, is
        // judged again as a lowercase word: its capital may be the position's, not a name's
        // (`Moetande:`, `Hoyringsfrist:`, `Naninden`). A common-word reading must win as it
        // would in running text; a listed word's genitive (`Justerandes`) stays.
        if upper
            && choice.is_none()
            && !judge.known[k]
            && p >= REAL_WORD_MIN_PRIOR
            && sentence_start(text, toks[i].start)
            && word
                .strip_suffix('s')
                .is_none_or(|stem| vocab.frequency(stem).is_none())
        {
            let opened = self.opened.entry(slot).or_insert_with(|| {
                judge
                    .judge(cands, k, false, Slot::Running)
                    .filter(|(r, _, _)| !vocab.is_proper(r))
            });
            if opened.is_some() {
                choice = opened.as_ref();
            }
        }
        // A word closing a heading line before its colon (`Følgende faste medlemmer matte:`)
        // is judged again with the meeting words favoured once more: the heading of those
        // present is `møtte:`, not the commoner `måtte` nor the printed `matte`.
        if p >= REAL_WORD_MIN_PRIOR
            && heading_end(text, toks, i)
            && !choice.is_some_and(|c| is_genre(&c.0))
        {
            let heading = self.heading.entry(slot).or_insert_with(|| {
                judge
                    .judge(cands, k, upper, Slot::Heading)
                    .filter(|(r, _, _)| is_genre(r))
            });
            if heading.is_some() {
                choice = heading.as_ref();
            }
        }
        // A listed word whose neighbours call for one of its readings (`før møtet`, `rår
        // kommunestyret til`, `särskilt stöd`, `i år` where `ar` reads `är` elsewhere) is
        // judged again with that reading favoured.
        if p >= REAL_WORD_MIN_PRIOR {
            // The type's cue, looked up once per type (most words have none).
            let cue = *self.cue[k].get_or_insert_with(|| {
                // Every cued word is short: one length test spares most types the table.
                (word.len() <= *CUED_WORD_MAX_LEN).then_some(())?;
                CUES.iter()
                    .find(|c| c.printed == word && c.langs.contains(&vocab.lang()))
            });
            if let Some(cued) = cue
                .and_then(|cue| cued_reading(text, toks, i, cue))
                .filter(|&r| choice.is_none_or(|c| c.0 != r))
            {
                // A cue that reads the word as printed keeps it (`ta vare på`, `till handa`).
                if cued == word {
                    return Pick::Skip;
                }
                let judged = self.cued.entry(slot).or_insert_with(|| {
                    judge
                        .judge(cands, k, upper, Slot::Cue(cued))
                        .filter(|(r, _, _)| r == cued)
                        .map(|(r, c, _)| (r, c, "restore.context"))
                });
                if judged.is_some() {
                    choice = judged.as_ref();
                }
            }
        }
        match choice {
            Some(c) => Pick::Change(c),
            None => Pick::Keep,
        }
    }
}
