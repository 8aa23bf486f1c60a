//! The passes over the whole page once every word has its decision: what only the page as a
//! whole can settle.
//!
//! [`restore_with`](crate::restore_with) decides each distinct word once and then runs these
//! three, in order, in a document damaged enough for real-word repairs
//! (`REAL_WORD_MIN_PRIOR`): [`word_repairs`] reads the unlisted words nothing changed
//! against the page's own vocabulary and the letter model; [`splits`] puts back the spaces
//! the engine printed as marks (`sektor.og`, `jeri`, `av2`), asking for the words as
//! repaired so far; [`mark_repairs`] settles the marks themselves (dashes, periods, quotes,
//! separators in numbers and addresses), last, so that a mark another rule changed is left
//! to it and no two edits overlap.

use std::rc::Rc;

use rustc_hash::FxHashMap as HashMap;

use rensa_core::{EditKind, StageEdit, Token, TokenClass};

use crate::addresses::{address_folds, address_marks, address_words, folds_to, spaced_www};
use crate::marks::{
    caps_line_periods, closing_colons, doubled_marks, lone_bar, lone_marks, marks_for_l,
    misread_braces, misread_bullets, paragraph_signs, party_letters, stray_hyphens, stray_periods,
    stray_quotes, w_for_v,
};
use crate::names::split_given_name;
use crate::number_words::ordinal_marks;
use crate::numbers::{clock_colons, clock_commas, date_separators, en_dashes, phone_separators};
use crate::spacing::{
    glued_i, glued_number, hyphen_after_number, label_colon, speck_after_suspended_hyphen,
    split_after_number, split_joined, split_marker, split_number, CONTENT_PAIR_EVIDENCE,
};
use crate::{
    abbreviation_at, apply_case, docwords, in_ranges, inserted_letter, inserted_letter_compound,
    six_for_o, starts_upper, Candidate, Ctx, LETTER_MODEL,
};

/// The document as the page passes read it.
pub(crate) struct Page<'a> {
    pub(crate) text: &'a str,
    pub(crate) toks: &'a [Token<'a>],
    /// Addresses and what the user marked: no rule edits inside.
    pub(crate) protected: &'a [(usize, usize)],
    /// What the user marked (`--protect`): the address rules, which read inside addresses,
    /// must still stay out of it.
    pub(crate) user: &'a [(usize, usize)],
    /// Web and e-mail addresses outside what the user marked.
    pub(crate) addresses: &'a [(usize, usize)],
    pub(crate) ctx: &'a Ctx<'a>,
    /// The document's damage prior.
    pub(crate) p: f32,
}

/// The page's distinct words (types), numbered in pass 1, with what pass 2 made of them.
pub(crate) struct Types<'a> {
    /// Each type's lowercase form.
    pub(crate) words: &'a [&'a str],
    /// How many tokens each type has.
    pub(crate) count: &'a [usize],
    /// Whether the lists know each type.
    pub(crate) known: &'a [bool],
    /// Whether a word decision changed any token of each type.
    pub(crate) changed: &'a [bool],
    /// Each type's candidate readings, where they were looked for.
    pub(crate) cands: &'a [Option<Rc<[Candidate]>>],
    /// Each token's type (`u32::MAX` for a token that is no word restore may change).
    pub(crate) of: &'a [u32],
}

/// The word of token `i` as repaired so far, and whether a repair changed it; `None` for a
/// token that is no word restore may change.
pub(crate) type WordOf<'w> = dyn Fn(usize) -> Option<(&'w str, bool)> + 'w;

/// Unlisted words one confusion from a word the page prints more often (`docwords`), with an
/// inserted letter, a six for `o`, or read by the letter model, for the types nothing above
/// changed; each repair also goes into `readings` for the split rules.
pub(crate) fn word_repairs(
    page: &Page<'_>,
    types: &Types<'_>,
    edits: &mut Vec<StageEdit>,
    readings: &mut HashMap<usize, String>,
) {
    let Page {
        text, toks, ctx, p, ..
    } = *page;
    let (vocab, opts) = (ctx.vocab, ctx.opts);
    let Types {
        words: type_words,
        count: type_count,
        known,
        cands: type_cands,
        of: type_of,
        ..
    } = *types;
    // Unknown words one confusion from a word the document prints more often (see
    // `docwords`), for the words nothing above changed.
    let doc_words: Vec<docwords::DocWord<'_>> = (0..type_words.len())
        .map(|k| docwords::DocWord {
            word: type_words[k],
            count: type_count[k],
            listed: known[k],
            changed: types.changed[k],
        })
        .collect();
    let analysable = |k: usize| {
        known[k]
            || type_cands[k].as_ref().is_some_and(|c| {
                c.iter()
                    .any(|c| c.subs() == 0 && c.zipf > opts.oov_name_zipf)
            })
    };
    let fixes = docwords::document_words(&doc_words, ctx.model, &analysable);
    // Reading and confidence per type to change, and the rule; `lowercase_only` for the
    // inserted-letter repair, which leaves capitalised words (names) alone.
    let mut target: HashMap<u32, (String, f32, &'static str, bool)> = fixes
        .iter()
        .filter(|f| f.2 >= opts.min_confidence)
        .map(|&(k, j, conf)| {
            let reading = type_words[j].to_string();
            (k as u32, (reading, conf, "restore.document-word", false))
        })
        .collect();
    for (k, w) in doc_words.iter().enumerate() {
        if w.listed || w.changed || target.contains_key(&(k as u32)) {
            continue;
        }
        if let Some(reading) = inserted_letter(w.word, vocab) {
            target.insert(k as u32, (reading, 0.8, "restore.ocr-confusion", true));
        } else if let Some(reading) = inserted_letter_compound(ctx, w.word, &type_cands[k], p) {
            target.insert(k as u32, (reading, 0.75, "restore.ocr-compound", true));
        } else if let Some(reading) = six_for_o(w.word, vocab.lang()) {
            target.insert(k as u32, (reading, 0.8, "restore.digit-for-letter", false));
        } else if let Some((reading, conf)) = type_cands[k]
            .as_ref()
            .filter(|c| !c.iter().any(|c| c.subs() > 0 && c.parts == 1))
            .and_then(|_| ctx.letters(w.word, p))
            .filter(|(_, conf)| *conf >= opts.min_confidence)
        {
            // Last: the letter model, for a word no listed word and no repair above reads
            // (a compound reading the judgement kept the word against may still be one).
            target.insert(k as u32, (reading, conf, LETTER_MODEL, false));
        }
    }
    if !target.is_empty() {
        // Where an edit already touches each token (one that took a capital's debris
        // before the word starts before it: `A’ldrerads`).
        let edited: rustc_hash::FxHashSet<usize> = edits.iter().map(|e| e.range.start).collect();
        let spans: Vec<std::ops::Range<usize>> = edits.iter().map(|e| e.range.clone()).collect();
        let touched = |t: &Token<'_>| {
            edited.contains(&t.start) || spans.iter().any(|r| r.start < t.end && t.start < r.end)
        };
        for (i, t) in toks.iter().enumerate() {
            let Some((reading, conf, rule, lowercase_only)) = target.get(&type_of[i]) else {
                continue;
            };
            if *conf < opts.min_confidence {
                continue;
            }
            // A capitalised word loses its `i` only when what is left is long: `Kain` is a
            // name, not `Kan`; `Dagsordeneni` is `Dagsordenen`.
            let short_name = t.uppers > 0 && reading.chars().count() < 7;
            if (*lowercase_only && short_name) || touched(t) {
                continue;
            }
            // The letter model reads words, lowercase or capitalised, not acronyms nor
            // what may be an abbreviation (`Hgyh.`).
            if *rule == LETTER_MODEL
                && (t.class != TokenClass::Word
                    || !(t.uppers == 0 || (t.uppers == 1 && starts_upper(t.text)))
                    || abbreviation_at(text, toks, i))
            {
                continue;
            }
            readings.insert(i, reading.clone());
            edits.push(StageEdit::new(
                t.start..t.end,
                apply_case(t.text, reading),
                EditKind::Ocr,
                *rule,
                *conf,
            ));
        }
    }
}

/// Spaces the engine printed as marks between two words or a word and a number
/// (`sektor.og`, `§-44`, `gerne-høre`), and glued to a word (`jeri`, `av2`).
pub(crate) fn splits<'w>(page: &Page<'_>, word_of: &WordOf<'w>, edits: &mut Vec<StageEdit>) {
    let Page {
        toks,
        protected,
        ctx,
        ..
    } = *page;
    let (vocab, opts) = (ctx.vocab, ctx.opts);
    let text = page.text;
    // A half is a listed word, or a long compound of listed words (`Servicetorget`).
    let zipf_of = |w: &str| {
        vocab.frequency(w).or_else(|| {
            if w.chars().count() < 8 {
                return None;
            }
            let cands = ctx.candidates(w, false);
            let printed = cands.iter().find(|c| c.text == w && c.subs() == 0);
            printed.map(|c| c.zipf)
        })
    };
    let mut joined_splits = 0usize;
    let mut content_pairs = Vec::new();
    for i in 1..toks.len().saturating_sub(1) {
        // Each split rule wants a mark glued to a token on both sides (`deltaget.i`,
        // `§-44`): the rest of the page is skipped here, once, not in each rule.
        let t = &toks[i];
        if t.class != TokenClass::Punct || toks[i - 1].end != t.start || toks[i + 1].start != t.end
        {
            continue;
        }
        let split = |pairs| {
            split_joined(toks, i, vocab, protected, &word_of, &zipf_of, pairs)
                .map(|e| label_colon(text, toks, i, e))
        };
        if let Some(e) = split(false)
            .or_else(|| split_marker(toks, i, vocab, protected))
            .or_else(|| split_given_name(toks, i, vocab, protected, &word_of))
            .or_else(|| split_number(toks, i, vocab, protected, &word_of))
            .or_else(|| split_after_number(text, toks, i, vocab.lang(), protected))
            .or_else(|| hyphen_after_number(toks, i, vocab, protected))
            .or_else(|| speck_after_suspended_hyphen(toks, i, protected))
            .filter(|e| e.confidence >= opts.min_confidence)
        {
            joined_splits += usize::from(e.rule == "restore.split-joined");
            edits.push(e);
        } else if let Some(e) = (t.text == "-")
            .then(|| split(true))
            .flatten()
            .filter(|e| e.confidence >= opts.min_confidence)
        {
            content_pairs.push(e);
        }
    }
    // Two content words joined by a hyphen (`gerne-høre`) are split only on a page where
    // the engine printed other spaces as marks (CONTENT_PAIR_EVIDENCE words split above):
    // typists join some such pairs on purpose (`rød-grønne`, `svart-hvitt`).
    if joined_splits >= CONTENT_PAIR_EVIDENCE {
        edits.extend(content_pairs);
    }
    let changed = |t: &Token<'_>| {
        edits
            .iter()
            .any(|e| e.range.start < t.end && t.start < e.range.end)
    };
    let mut glued = glued_i(toks, vocab, protected, &changed);
    glued.extend(glued_number(toks, vocab, protected, &changed));
    edits.extend(
        glued
            .into_iter()
            .filter(|e| e.confidence >= opts.min_confidence),
    );
}

/// The rules on marks: dashes, periods, quotes, bullets, separators in numbers, dates and
/// addresses. The rules on single marks run last and take no range another edit holds.
pub(crate) fn mark_repairs<'w>(page: &Page<'_>, word_of: &WordOf<'w>, edits: &mut Vec<StageEdit>) {
    let Page {
        text,
        toks,
        protected,
        user,
        addresses,
        ctx,
        ..
    } = *page;
    let (vocab, opts) = (ctx.vocab, ctx.opts);
    // Where a repair gave a lowercase word its capital back (`ldreradet` -> `Ældrerådet`),
    // a period before it ends a sentence.
    let raised: Vec<usize> = edits
        .iter()
        .filter(|e| e.to.starts_with(char::is_uppercase) && !starts_upper(&text[e.range.clone()]))
        .map(|e| e.range.start)
        .collect();
    // The address rules read the text, not the protected ranges: their edits must stay
    // out of what the user marked.
    let outside_user = |e: &StageEdit| !in_ranges(user, e.range.start, e.range.end);
    let marks = paragraph_signs(text, toks, protected)
        .into_iter()
        .chain(party_letters(toks, vocab.lang(), protected))
        .chain(stray_periods(
            text, toks, vocab, protected, &word_of, &raised,
        ))
        .chain(en_dashes(text, protected))
        .chain(date_separators(text, protected))
        .chain(phone_separators(text, toks, protected))
        .chain(clock_commas(text, protected))
        .chain(clock_colons(text, protected))
        .chain(misread_bullets(text, protected))
        .chain(spaced_www(text).into_iter().filter(outside_user))
        .chain(marks_for_l(toks, vocab, protected))
        .chain(w_for_v(text, toks, protected))
        .chain(misread_braces(text, protected))
        .chain(lone_bar(text, toks, protected));
    edits.extend(marks.filter(|e| e.confidence >= opts.min_confidence));
    // Rules on single marks, after the others: a mark another rule already changed (a
    // quote between two words made a space by `restore.split-joined`) is left to it, and
    // no two of them edit one range (overlapping edits would fail the whole document).
    let single_marks = stray_quotes(text, toks, protected)
        .into_iter()
        .chain(doubled_marks(text, toks, protected))
        .chain(ordinal_marks(text, toks, protected, vocab.lang(), &word_of))
        .chain(address_marks(text).into_iter().filter(outside_user))
        .chain(address_words(
            text,
            addresses,
            &|near: &dyn Fn(&str) -> bool| {
                // The page's words of about the parts' length, as restored, folded as
                // addresses spell them; only listed words and names, so that a damaged
                // word is no evidence.
                let mut page: rustc_hash::FxHashSet<String> = Default::default();
                for (j, t) in toks.iter().enumerate() {
                    if t.class != TokenClass::Word || t.letters < 4 || !near(t.text) {
                        continue;
                    }
                    if let Some((w, _)) = word_of(j) {
                        if vocab.contains(w) || vocab.is_name(w) {
                            page.extend(address_folds(w));
                        }
                    }
                }
                page
            },
            &|w: &str| {
                vocab.contains(w)
                    || vocab.is_name(w)
                    || ctx.candidates(w, true).iter().any(|c| folds_to(&c.text, w))
            },
        ))
        .chain(lone_marks(text, toks, protected))
        .chain(caps_line_periods(text, toks, protected))
        .chain(closing_colons(text, toks, protected))
        .chain(stray_hyphens(text, toks, vocab, protected, &|j: usize| {
            // The word as repaired so far (`ag` -> `og` by `restore.real-word`).
            let t = &toks[j];
            edits
                .iter()
                .find(|e| e.range.start == t.start && e.range.end == t.end)
                .map(|e| e.to.to_lowercase())
                .or_else(|| word_of(j).map(|(w, _)| w.to_string()))
        }));
    // Ranges taken so far, by start (disjoint, as edits that apply must be): the one that
    // starts last before a mark ends is the only one it can overlap. A scan of every edit
    // per mark was quadratic on a large page full of specks.
    let mut taken: std::collections::BTreeMap<usize, usize> =
        edits.iter().map(|e| (e.range.start, e.range.end)).collect();
    for m in single_marks.filter(|m| m.confidence >= opts.min_confidence) {
        let overlaps = taken
            .range(..m.range.end)
            .next_back()
            .is_some_and(|(_, &end)| end > m.range.start);
        if !overlaps {
            taken.insert(m.range.start, m.range.end);
            edits.push(m);
        }
    }
}
