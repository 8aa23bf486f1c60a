//! Which language a text is in, for the whole document and paragraph by paragraph, and how much
//! of it the word lists know.
//!
//! The pipeline asks these around restore (the language picks the word lists; the known share
//! of the text before and after goes into the record's quality counters); none of them is a
//! pass of [`restore_with`](crate::restore_with), so they stand apart from the rules. Detection
//! compares function words with diacritics folded away, so the damage it runs on does not
//! mislead it.

use regex::Regex;
use rustc_hash::FxHashMap as HashMap;
use std::borrow::Cow;
use std::sync::LazyLock;

use rensa_core::{fold_diacritics, tokens, Lang, TokenClass, Vocabulary};

use crate::token_lowercase;

/// Which language's vocabulary fits a text best. Robust to the damage itself: function words are
/// compared with diacritics folded away.
pub fn detect_language(text: &str, vocabs: &[&dyn Vocabulary]) -> Lang {
    best_of(language_scores(text, vocabs))
}

/// The language with the most evidence, the first in [`Lang::ALL`] on a tie.
fn best_of(scores: [f32; 4]) -> Lang {
    let best = (0..4)
        .max_by(|&a, &b| scores[a].total_cmp(&scores[b]).then(b.cmp(&a)))
        .unwrap_or(0);
    Lang::ALL[best]
}

/// Swedish function words, with diacritics folded away (as in [`STOP`]).
const SV: &[&str] = &[
    "och", "att", "ar", "som", "for", "pa", "med", "till", "av", "om", "inte", "fran", "eller",
    "kan", "ska", "har", "vi", "nar", "ocksa", "mellan", "under", "genom", "efter", "sin",
];
/// Bokmål function words, folded.
const NB: &[&str] = &[
    "og", "ikke", "av", "til", "fra", "som", "er", "pa", "med", "det", "en", "et", "hva",
    "hvordan", "ogsa", "skal", "vil", "mellom", "blir", "kan", "for", "har", "dere", "seg", "bare",
    "vaere", "noe", "mye", "hele", "sammen", "hvem", "hvor", "mer", "flere",
];
/// Nynorsk function words, folded. Nynorsk's own forms of the words above (`berre`, `vere`,
/// `vert`, `noko`) tell it from Bokmål: the short function words alone left a third of the
/// Nynorsk agendas read as Bokmål, whose lists then "restored" `vert` to `vært` and `Innhald`
/// to `Innhold`.
const NN: &[&str] = &[
    "og", "ikkje", "av", "til", "fra", "som", "er", "pa", "med", "det", "ein", "eit", "kva",
    "korleis", "ogso", "skal", "vil", "mellom", "blir", "kan", "for", "dei", "har", "dykk", "seg",
    "berre", "vere", "vert", "noko", "mykje", "heile", "saman", "kven", "kvar", "meir", "fleire",
];
/// Danish function words, folded.
const DA: &[&str] = &[
    "og", "ikke", "af", "til", "fra", "som", "er", "pa", "med", "det", "en", "et", "hvad",
    "hvordan", "ogsa", "skal", "vil", "mellem", "bliver", "kan", "for", "der", "har", "jer", "sig",
    "bare", "vaere", "noget", "meget", "hele", "sammen", "hvem", "hvor", "mere", "flere",
];

/// Function words to a bitmask of the languages that use them (folded spelling).
static STOP: LazyLock<HashMap<&'static str, u8>> = LazyLock::new(|| {
    let mut m: HashMap<&'static str, u8> = HashMap::default();
    for (i, list) in [SV, NB, NN, DA].iter().enumerate() {
        for w in *list {
            *m.entry(w).or_default() |= 1 << i;
        }
    }
    m
});

/// Evidence for each language in [`Lang::ALL`] order (function words, dictionary hits and
/// letters only some languages use), as [`detect_language`] weighs it.
pub fn language_scores(text: &str, vocabs: &[&dyn Vocabulary]) -> [f32; 4] {
    let by_lang = by_lang(vocabs);
    scores_of(text, &mut |w| word_evidence(w, &by_lang))
}

/// The four word lists in [`Lang::ALL`] order (`None` for a language not given).
fn by_lang<'v>(vocabs: &'v [&'v dyn Vocabulary]) -> [Option<&'v dyn Vocabulary>; 4] {
    Lang::ALL.map(|lang| vocabs.iter().find(|v| v.lang() == lang).copied())
}

/// What one occurrence of the lowercase word `w` says for each language: 3 for a function
/// word of the language (folded spelling), 1 where its list has the word, 2 for a letter only
/// it (`ä ö`) or only the others (`æ ø`) write.
fn word_evidence(w: &str, by_lang: &[Option<&dyn Vocabulary>; 4]) -> [f32; 4] {
    let mut e = [0f32; 4];
    let folded = if w.is_ascii() {
        Cow::Borrowed(w)
    } else {
        Cow::Owned(fold_diacritics(w))
    };
    if let Some(&mask) = STOP.get(folded.as_ref()) {
        for (i, s) in e.iter_mut().enumerate() {
            if mask & (1 << i) != 0 {
                *s += 3.0;
            }
        }
    }
    for (i, v) in by_lang.iter().enumerate() {
        if v.is_some_and(|v| v.contains(w)) {
            e[i] += 1.0;
        }
    }
    if w.contains(['ä', 'ö']) {
        e[0] += 2.0;
    }
    if w.contains(['æ', 'ø']) {
        for s in &mut e[1..] {
            *s += 2.0;
        }
    }
    e
}

/// [`language_scores`] of `text` with each word's evidence from `evidence`: the commonest
/// words (up to 200 distinct, of the first 5,000) weighed by how often they occur. The sums
/// are of small whole numbers, exact in `f32`, so the order of adding does not matter.
fn scores_of(text: &str, evidence: &mut dyn FnMut(&str) -> [f32; 4]) -> [f32; 4] {
    let mut scores = [0f32; 4];
    let mut counts: HashMap<Cow<'_, str>, usize> = HashMap::default();
    for t in tokens(text)
        .filter(|t| t.class == TokenClass::Word)
        .take(5000)
    {
        *counts.entry(token_lowercase(&t)).or_default() += 1;
    }
    // The commonest words carry the evidence; a few hundred are plenty.
    let mut words: Vec<(&str, usize)> = counts.iter().map(|(w, &n)| (w.as_ref(), n)).collect();
    let order = |a: &(&str, usize), b: &(&str, usize)| b.1.cmp(&a.1).then(a.0.cmp(b.0));
    if words.len() > 200 {
        words.select_nth_unstable_by(199, order);
        words.truncate(200);
    }
    for (w, n) in words {
        let e = evidence(w);
        for (s, e) in scores.iter_mut().zip(e) {
            *s += n as f32 * e;
        }
    }
    scores
}

/// Splits a text into regions of one language each, for documents that mix them (a Norwegian
/// programme with Swedish paragraphs); the pipeline restores each region on its own with its
/// language's words. Regions cover the text without gaps, in order, and end at paragraph
/// breaks (blank lines).
///
/// Each paragraph's evidence for each language (as [`language_scores`] weighs a text) is summed
/// along the text, and a change of language costs `SWITCH` (as if the text opened in the
/// document's language): the best path (Viterbi) is the assignment. So a short paragraph (a
/// heading, a line OCR set apart by a blank line) goes with its neighbours, whatever its few
/// words say, and a stretch of paragraphs in another language switches as soon as its evidence
/// outweighs the cost, however short each paragraph is. Bokmål and Danish share most function
/// words: a wrong switch costs more than a missed one, and `SWITCH` is set so that none of the
/// single-language pairs changes (see the constant).
pub fn language_regions(
    text: &str,
    vocabs: &[&dyn Vocabulary],
    doc_lang: Lang,
) -> Vec<(std::ops::Range<usize>, Lang)> {
    let lists = by_lang(vocabs);
    let mut evidence = cached(&lists);
    regions_with(text, doc_lang, &mut evidence)
}

/// The document's language ([`detect_language`]) and its regions ([`language_regions`]) at
/// once, for what the pipeline does with a text in no language given: each distinct word's
/// evidence is looked up once for both, where the two calls look every word up twice (each
/// lookup asks all four word lists).
pub fn language_and_regions(
    text: &str,
    vocabs: &[&dyn Vocabulary],
) -> (Lang, Vec<(std::ops::Range<usize>, Lang)>) {
    let lists = by_lang(vocabs);
    let mut evidence = cached(&lists);
    let lang = best_of(scores_of(text, &mut evidence));
    (lang, regions_with(text, lang, &mut evidence))
}

/// [`word_evidence`] with each distinct word looked up once (function words recur in every
/// paragraph).
fn cached<'a>(lists: &'a [Option<&'a dyn Vocabulary>; 4]) -> impl FnMut(&str) -> [f32; 4] + 'a {
    let mut seen: HashMap<String, [f32; 4]> = HashMap::default();
    move |w: &str| match seen.get(w) {
        Some(&e) => e,
        None => {
            let e = word_evidence(w, lists);
            seen.insert(w.to_string(), e);
            e
        }
    }
}

/// [`language_regions`] with each word's evidence from `evidence`.
fn regions_with(
    text: &str,
    doc_lang: Lang,
    evidence: &mut dyn FnMut(&str) -> [f32; 4],
) -> Vec<(std::ops::Range<usize>, Lang)> {
    static PARA: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"\n[ \t]*\r?\n").expect("static regex"));
    let mut cuts: Vec<usize> = PARA.find_iter(text).map(|m| m.end()).collect();
    cuts.push(text.len());
    let mut paras: Vec<std::ops::Range<usize>> = Vec::with_capacity(cuts.len());
    let mut start = 0;
    for end in cuts {
        if end > start {
            paras.push(start..end);
            start = end;
        }
    }
    let doc = Lang::ALL.iter().position(|&l| l == doc_lang).unwrap_or(0);
    if paras.len() < 2 {
        return vec![(0..text.len(), doc_lang)];
    }
    // Best total evidence of a path ending in each language, and where each step came from.
    let mut best = [-SWITCH; 4];
    best[doc] = 0.0;
    let mut from: Vec<[usize; 4]> = Vec::with_capacity(paras.len());
    for p in &paras {
        let sc = scores_of(&text[p.clone()], evidence);
        let mut next = [0f32; 4];
        let mut back = [0usize; 4];
        for l in 0..4 {
            // Staying wins ties; a switch comes from the likeliest other language, the
            // document's first on a tie.
            let mut src = l;
            let mut total = best[l];
            for m in std::iter::once(doc).chain(0..4) {
                if m != l && best[m] - SWITCH > total {
                    src = m;
                    total = best[m] - SWITCH;
                }
            }
            next[l] = total + sc[l];
            back[l] = src;
        }
        best = next;
        from.push(back);
    }
    let mut l = (0..4)
        .max_by(|&a, &b| {
            best[a]
                .total_cmp(&best[b])
                .then((a == doc).cmp(&(b == doc)))
                .then(b.cmp(&a))
        })
        .unwrap_or(doc);
    let mut langs = vec![0usize; paras.len()];
    for i in (0..paras.len()).rev() {
        langs[i] = l;
        l = from[i][l];
    }
    let mut regions: Vec<(std::ops::Range<usize>, Lang)> = Vec::new();
    for (p, &l) in paras.iter().zip(&langs) {
        let lang = Lang::ALL[l];
        match regions.last_mut() {
            Some((r, rl)) if *rl == lang => r.end = p.end,
            _ => regions.push((p.clone(), lang)),
        }
    }
    regions
}

/// What a change of language costs in [`language_regions`], in units of its evidence (a
/// function word counts 3, a listed word 1, a letter only some languages use 2). Measured
/// with `rensa eval` on the mixed pairs (`fixtures/pairs/mixed`, two documents of different
/// languages in one) and the single-language splits. At 10 every split scores exactly as
/// with one region per document, and the mixed pairs remove 86.3% of their word errors
/// (6,909 fixed, 23 broken; the same texts as separate documents 87.0%). The mixed score is
/// the same at 5 and 15 (fresh and fresh2 unchanged there too); at 20 the mixed pairs break
/// 57 words, at 40 90; at 3 fresh loses 5 words, at 2 train 18.
const SWITCH: f32 = 10.0;

/// Share of word tokens the vocabulary knows (for the record's quality counters).
pub fn known_share(text: &str, vocab: &dyn Vocabulary) -> (usize, f64) {
    let mut words = 0usize;
    let mut known = 0usize;
    let mut cache: HashMap<&str, bool> = HashMap::default();
    for t in tokens(text).filter(|t| matches!(t.class, TokenClass::Word | TokenClass::Mixed)) {
        words += 1;
        let k = *cache
            .entry(t.text)
            .or_insert_with(|| vocab.contains(&token_lowercase(&t)));
        known += k as usize;
    }
    (
        words,
        if words == 0 {
            1.0
        } else {
            known as f64 / words as f64
        },
    )
}
