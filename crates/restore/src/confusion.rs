//! The OCR confusion model: how likely an engine without the language model is to print `ocr`
//! where the page said `truth`.
//!
//! The weights come from `data/confusions.tsv`, estimated by
//! `scripts/ocr-pairs/estimate_confusions.py` from the *dev* and *train* splits of the
//! Tesseract pairs in `fixtures/pairs/` (64,000 aligned words; the test split is never used),
//! merged with a small built-in table of
//! confusions documented in `shared/NOTES.md` measurements and common OCR glyph confusions
//! (`rn`/`m`, `cl`/`d`), which the estimate may not have seen often enough. Where both give a
//! weight, the larger wins: the synthetic pairs come from three fonts, and real scans show
//! confusions they rarely produce (the damaged seed turns `ä` into `i` far more often than the
//! synthetic pages do).
//!
//! The English model prints no å ä ö æ ø at all; a Nordic model reading a neighbour's
//! language prints its own (the Danish model reads a Swedish `ä` as `å` 99% of the time and an
//! `ö` half the time: `hårmed`, `Ledamåterna`, measured on the train documents OCR'd that way
//! by `scripts/ocr-pairs/make_nordic.py --train`). The built-in table has those two with a
//! small weight (0.01): a page that shows them learns them through the document's adapted
//! weights (0.01, 0.05 and 0.2 gave 76.1%, 76.2% and 76.5% of word errors removed on those
//! train pairs), and a page that does not keeps its own `å` words: such a confusion never
//! replaces a listed word (`år`, `når`) unless the page's unlisted words show it
//! ([`Confusion::nordic_ocr`]). Two glyphs that are no Nordic letter are the same kind of
//! misreading (`NORDIC_GLYPHS`: `&` for `ö`, a word-initial `Z` for `Ø`): gated the same
//! way, and kept out of the letter model, which would invent unlisted words with them.

use rustc_hash::FxHashMap as HashMap;

/// One confusion: the page had `truth`, the engine printed `ocr`.
#[derive(Debug, Clone, PartialEq)]
pub struct Confusion {
    /// Index in [`ConfusionModel::all`].
    pub id: u16,
    /// Lowercase text on the page.
    pub truth: String,
    /// Lowercase text the engine printed.
    pub ocr: Vec<char>,
    /// ln P(ocr | truth).
    pub logp: f32,
    /// Whether the ocr side contains a digit or `@` (inside words these are near-certain damage,
    /// so they do not pay the document's damage prior).
    pub digit: bool,
    /// Whether both sides are plain ASCII letters (`n` printed as `ri`): such glyph confusions
    /// repair unknown words but never replace a known word.
    pub generic: bool,
    /// Whether the truth has `ä` or `ö` (letters only Swedish writes).
    pub swedish_letter: bool,
    /// Whether the truth has `æ` or `ø` (letters Swedish does not write).
    pub dano_norwegian_letter: bool,
    /// Whether the confusion puts back one of å ä ö æ ø and is not a plain-letter glyph
    /// confusion: the only kind that may replace a listed word. Set once here because restore
    /// asks it of every reading of every word in a damaged document.
    pub restores_letter: bool,
    /// Whether the engine printed one of å ä ö æ ø, or is one of the glyphs only a Nordic
    /// model reading the neighbour's letter prints (`NORDIC_GLYPHS`): `hårmed` for `härmed`
    /// by the Danish model. Such a confusion replaces a listed word only on a page that shows
    /// it in its unlisted words: elsewhere the printed letter is the page's own (`år`, `når`).
    pub nordic_ocr: bool,
    /// Whether the confusion only happens at a word's first letter (`WORD_INITIAL`).
    pub initial: bool,
    /// Whether the engine printed a glyph of `NORDIC_GLYPHS`: evidence enough to read a
    /// listed word (`&ver` is `över`), too little to invent an unlisted one (the letter model
    /// made `Zldreradet`, the English model's `Ældrerådet`, into a Norwegian-looking
    /// `Øldrerådet`).
    pub glyph: bool,
}

impl Confusion {
    /// Whether the confusion puts back a letter the language does not write: `æ ø` in Swedish,
    /// `ä ö` in Danish and Norwegian.
    #[inline]
    pub fn foreign_to(&self, swedish: bool) -> bool {
        if swedish {
            self.dano_norwegian_letter
        } else {
            self.swedish_letter
        }
    }
}

/// Confusions indexed by the first OCR character.
#[derive(Debug, Clone, Default)]
pub struct ConfusionModel {
    by_first: HashMap<char, Vec<Confusion>>,
    /// `by_first` for the characters below U+0100 (nearly every character the search meets),
    /// indexed directly: the search asks once per step.
    latin1: Vec<Vec<Confusion>>,
    /// `latin1` without the confusions that put back a letter the language does not write, for
    /// Swedish (index 0: no `æ ø`) and for the other three (index 1: no `ä ö`): the candidate
    /// search never takes them, and skipping them in the table spares it a test per step.
    latin1_for: [Vec<Vec<Confusion>>; 2],
    all: Vec<Confusion>,
    /// Per confusion, the index of its true side among the distinct true sides.
    truth_ix: Vec<u32>,
    /// How many distinct true sides there are.
    n_truths: usize,
    /// `adapted_logp` of a document without evidence, computed once: most documents add none
    /// for most letters.
    unadapted: Vec<f32>,
    /// Special letters the engine drops altogether (see [`Dropped`]).
    dropped: Vec<Dropped>,
}

/// A special letter the engine printed nothing for (`Ældrerådet` printed `ldreradet`): the
/// estimate's deletion rows, which the candidate search never tries (a letter could be missing
/// anywhere). Restore tries them at the start of an unlisted word the search found no reading
/// for, and keeps a listed word only.
#[derive(Debug, Clone, PartialEq)]
pub struct Dropped {
    /// The lowercase letter.
    pub letter: char,
    /// ln P(nothing printed | the lowercase letter), `-inf` where the table has no row.
    pub lower: f32,
    /// ln P(nothing printed | the capital).
    pub upper: f32,
}

impl Dropped {
    /// ln P(nothing printed | the letter), whichever its case.
    pub fn logp(&self) -> f32 {
        self.lower.max(self.upper)
    }
}

/// The deletion rows of a confusion table for å ä ö æ ø (each seen at least twice), one per
/// lowercase letter, likeliest first.
fn dropped_letters(tsv: &str) -> Vec<Dropped> {
    let mut out: Vec<Dropped> = Vec::new();
    for (truth, ocr, count, p) in cased_rows(tsv) {
        let mut cs = truth.chars();
        let (Some(c), None, "") = (cs.next(), cs.next(), ocr) else {
            continue;
        };
        let letter = c.to_lowercase().next().unwrap_or(c);
        if !crate::is_special(letter) || count < 2.0 || !(0.0..=1.0).contains(&p) || p == 0.0 {
            continue;
        }
        let i = match out.iter().position(|o| o.letter == letter) {
            Some(i) => i,
            None => {
                out.push(Dropped {
                    letter,
                    lower: f32::NEG_INFINITY,
                    upper: f32::NEG_INFINITY,
                });
                out.len() - 1
            }
        };
        let slot = if c.is_uppercase() {
            &mut out[i].upper
        } else {
            &mut out[i].lower
        };
        *slot = slot.max(p.ln());
    }
    out.sort_by(|a, b| b.logp().total_cmp(&a.logp()));
    out
}

/// The estimated confusions as shipped: `truth<TAB>ocr<TAB>count<TAB>prob` lines.
pub(crate) const CONFUSIONS_TSV: &str = include_str!("../data/confusions.tsv");

/// The rows of a confusion table: (truth, ocr) lowercase, count (0 when unreadable) and
/// probability; a header line, `#` comments and rows without a readable probability are
/// skipped.
pub(crate) fn tsv_rows(tsv: &str) -> impl Iterator<Item = (String, String, f32, f32)> + '_ {
    cased_rows(tsv).map(|(t, o, count, p)| (t.to_lowercase(), o.to_lowercase(), count, p))
}

/// [`tsv_rows`] with both sides as written (`Æ` and `æ` apart).
fn cased_rows(tsv: &str) -> impl Iterator<Item = (&str, &str, f32, f32)> + '_ {
    tsv.lines().filter_map(|line| {
        if line.starts_with('#') || line.starts_with("truth\t") {
            return None;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 4 {
            return None;
        }
        let p = cols[3].parse::<f32>().ok()?;
        let count: f32 = cols[2].parse().unwrap_or(0.0);
        Some((cols[0], cols[1], count, p))
    })
}

/// Built-in weights, P(ocr | truth): the substitutions measured on Tesseract's English model
/// over Swedish and Danish text (recorded in the project notes: ä→a/i/d/é/4/da, å→a/d/i/4,
/// ö→é/o/6/d/oé/éo, æ→ae/ee/ze, ø→o), and classic glyph confusions of any OCR engine.
const BUILTIN: &[(&str, &str, f32)] = &[
    ("ä", "a", 0.40),
    ("ä", "i", 0.08),
    ("ä", "d", 0.04),
    ("ä", "é", 0.04),
    ("ä", "4", 0.04),
    ("ä", "da", 0.02),
    ("å", "a", 0.45),
    ("å", "d", 0.04),
    ("å", "i", 0.05),
    ("å", "4", 0.02),
    ("ö", "é", 0.25),
    ("ö", "o", 0.25),
    ("ö", "6", 0.06),
    ("ö", "d", 0.03),
    ("ö", "oé", 0.02),
    ("ä", "å", 0.01),
    ("ö", "å", 0.01),
    ("ö", "&", 0.01),
    ("ø", "z", 0.01),
    // The Swedish model's two-letter readings of `ø` (`Möedetid`, `Moötetid`, about 1% each
    // on the train documents); not `ög`, which Swedish words hold (`högre`).
    ("ø", "öe", 0.01),
    ("ø", "oö", 0.01),
    ("ö", "éo", 0.02),
    ("æ", "ee", 0.20),
    ("æ", "ae", 0.30),
    ("æ", "ze", 0.08),
    ("ø", "o", 0.40),
    ("ø", "0", 0.04),
    ("é", "e", 0.30),
    ("ü", "u", 0.30),
    ("i", "1", 0.01),
    ("l", "1", 0.01),
    ("f", "t", 0.005),
    ("m", "rn", 0.005),
    ("d", "cl", 0.003),
    ("o", "0", 0.003),
];

/// The glyphs a Nordic model prints for the neighbour's letter that are not themselves one of
/// å ä ö æ ø (those count by themselves): the Danish model reads a Swedish `ö` as `&`
/// (`&versiktsplan`, `Milj&-`), the Swedish model a capital `Ø` as `Z` (`Zkonomiudvalget`,
/// `Zystein`). Measured with `scripts/ocr-pairs/make_nordic.py --train` on the train
/// documents: `ö` printed `&` 15 times (2% of `ö`), `Ø` printed `Z` 22 times (15% of `Ø`); the
/// English model's pairs print neither. Like the others, weight 0.01 in [`BUILTIN`], learnt by
/// a page that shows them.
const NORDIC_GLYPHS: &[(&str, &str)] = &[("ö", "&"), ("ø", "z")];

/// Confusions that only happen at a word's first letter: `Z` for `Ø` is the Swedish model's
/// reading of the capital (inside a word, `z` is the English model's `æ`: `Kjzrnes` for
/// `Kjærnes`, never `ø`).
const WORD_INITIAL: &[(&str, &str)] = &[("ø", "z")];

/// Plain-letter confusions rarer than this are left out: each applies to common letters
/// (`o` printed `a`, `r` printed `i`), so it multiplies the candidate search, and one in a
/// thousand letters or rarer almost never decides a word. Measured on the dev and train pairs
/// (callgrind inside `restore_with`, one cold pass over the dev OCR texts): keeping them all
/// cost 42% more instructions (136M against 96M) for 0.6 points more errors removed on dev and
/// 0.4 on train.
const MIN_GENERIC_P: f32 = 0.001;
/// How often the estimate must have seen a plain-letter confusion for the shipped model to try
/// it (the wide model takes those seen twice).
const MIN_GENERIC_COUNT: f32 = 3.0;

/// The adapted log-probability of a confusion seen `n` times among `total` uses of its true
/// letter, with prior log-probability `logp`: (n + k·P) / (total + k).
fn adapt(logp: f32, n: f32, total: f32) -> f32 {
    const K: f32 = 10.0;
    ((n + K * logp.exp()) / (total + K)).ln()
}

impl ConfusionModel {
    /// The model shipped with rensa: the estimate from `data/confusions.tsv` plus the built-in
    /// table.
    pub fn embedded() -> ConfusionModel {
        ConfusionModel::from_tsv(CONFUSIONS_TSV)
    }

    /// Parses `truth<TAB>ocr<TAB>count<TAB>prob` lines (a header line and `#` comments are
    /// skipped) and merges the built-in table under them.
    pub fn from_tsv(tsv: &str) -> ConfusionModel {
        ConfusionModel::from_tsv_with(tsv, MIN_GENERIC_P, MIN_GENERIC_COUNT)
    }

    /// The shipped model with every plain-letter confusion seen twice or more, however rare
    /// (`m` printed `in` or `ri`): too slow for every word, it serves the last try on a word no
    /// other reading explains. Twice, not three times as in the shipped model: on train and dev
    /// 8 more words repaired (`korimunale`, `Medlerimer`, `innbyggerme`, `tilloyggnad`), none
    /// broken.
    pub fn wide() -> ConfusionModel {
        ConfusionModel::from_tsv_with(CONFUSIONS_TSV, 0.0, 2.0)
    }

    /// `min_generic_p` and `min_generic_count`: how likely and how often seen a plain-letter
    /// confusion must be to be kept.
    fn from_tsv_with(tsv: &str, min_generic_p: f32, min_generic_count: f32) -> ConfusionModel {
        let mut weights: HashMap<(String, String), f32> = HashMap::default();
        for &(t, o, p) in BUILTIN {
            weights.insert((t.to_string(), o.to_string()), p);
        }
        for (truth, ocr, count, p) in tsv_rows(tsv) {
            // Only substitutions seen at least twice (plain letter-for-letter ones, `n`/`ri`, as
            // often and as likely as the caller asks), that change at most two characters on
            // either side, never deletions or insertions of whole letters.
            let special = |s: &str| s.chars().any(|c| !c.is_ascii() || c.is_ascii_digit());
            let generic = !(special(&truth) || special(&ocr));
            if count < 2.0
                || (generic && count < min_generic_count)
                || (generic && p < min_generic_p)
                || truth.is_empty()
                || ocr.is_empty()
                || truth == ocr
                || truth.chars().count() > 2
                || ocr.chars().count() > 2
                || !(0.0..=1.0).contains(&p)
                || ocr.chars().any(char::is_whitespace)
                || truth.chars().any(|c| !c.is_alphabetic())
            {
                continue;
            }
            let w = weights.entry((truth, ocr)).or_insert(0.0);
            *w = w.max(p.max(0.001));
        }
        let mut weights: Vec<((String, String), f32)> = weights.into_iter().collect();
        weights.sort_by(|a, b| a.0.cmp(&b.0));
        let mut all = Vec::with_capacity(weights.len());
        let mut by_first: HashMap<char, Vec<Confusion>> = HashMap::default();
        for (i, ((truth, ocr), p)) in weights.into_iter().enumerate() {
            let ocr: Vec<char> = ocr.chars().collect();
            // Digits and `@` inside a word are damage wherever they appear (e-mail addresses are
            // protected before restore looks at words).
            let digit = ocr.iter().any(|c| c.is_ascii_digit() || *c == '@');
            let generic = truth.chars().all(|c| c.is_ascii_alphabetic())
                && ocr.iter().all(|c| c.is_ascii_alphabetic());
            let listed = |table: &[(&str, &str)]| {
                table
                    .iter()
                    .any(|&(t, o)| t == truth && ocr.iter().copied().eq(o.chars()))
            };
            let glyph = listed(NORDIC_GLYPHS);
            let nordic_ocr = ocr.iter().any(|&c| crate::is_special(c)) || glyph;
            let initial = listed(WORD_INITIAL);
            let c = Confusion {
                id: i as u16,
                ocr,
                logp: p.ln(),
                digit,
                generic,
                swedish_letter: truth.contains(['ä', 'ö']),
                dano_norwegian_letter: truth.contains(['æ', 'ø']),
                restores_letter: !generic && truth.chars().any(crate::is_special),
                nordic_ocr,
                initial,
                glyph,
                truth,
            };
            by_first.entry(c.ocr[0]).or_default().push(c.clone());
            all.push(c);
        }
        for v in by_first.values_mut() {
            v.sort_by(|a, b| b.logp.total_cmp(&a.logp).then(a.truth.cmp(&b.truth)));
        }
        let mut truths: Vec<&str> = all.iter().map(|c| c.truth.as_str()).collect();
        truths.sort_unstable();
        truths.dedup();
        let truth_ix: Vec<u32> = all
            .iter()
            .map(|c| truths.binary_search(&c.truth.as_str()).unwrap_or(0) as u32)
            .collect();
        let n_truths = truths.len();
        let unadapted = all.iter().map(|c| adapt(c.logp, 0.0, 0.0)).collect();
        let latin1 = (0..256u32)
            .map(|b| {
                char::from_u32(b)
                    .and_then(|c| by_first.get(&c))
                    .cloned()
                    .unwrap_or_default()
            })
            .collect::<Vec<Vec<Confusion>>>();
        let only = |swedish: bool| -> Vec<Vec<Confusion>> {
            latin1
                .iter()
                .map(|v| {
                    v.iter()
                        .filter(|c| !c.foreign_to(swedish))
                        .cloned()
                        .collect()
                })
                .collect()
        };
        let latin1_for = [only(true), only(false)];
        ConfusionModel {
            latin1,
            latin1_for,
            by_first,
            all,
            truth_ix,
            n_truths,
            unadapted,
            dropped: dropped_letters(tsv),
        }
    }

    /// The special letters the engine drops altogether, likeliest first.
    pub fn dropped(&self) -> &[Dropped] {
        &self.dropped
    }

    /// Every confusion, indexed by id.
    pub fn all(&self) -> &[Confusion] {
        &self.all
    }

    /// Adapts the weights to one document: `counts[id]` is how often the document's unknown
    /// words were best explained by confusion `id`. Per true letter, the conditional
    /// distribution becomes (count + k·P) / (total + k), so a document whose `ä` keeps turning
    /// into `i` learns that, while one with little evidence keeps the shipped weights.
    pub fn adapted_logp(&self, counts: &[f32]) -> Vec<f32> {
        let mut per_truth = vec![0f32; self.n_truths];
        for (c, &t) in self.all.iter().zip(&self.truth_ix) {
            per_truth[t as usize] += counts.get(c.id as usize).copied().unwrap_or(0.0);
        }
        let mut out = self.unadapted.clone();
        for ((c, &t), o) in self.all.iter().zip(&self.truth_ix).zip(&mut out) {
            let total = per_truth[t as usize];
            // Counts are never negative: a letter without evidence keeps the value computed once.
            if total != 0.0 {
                *o = adapt(
                    c.logp,
                    counts.get(c.id as usize).copied().unwrap_or(0.0),
                    total,
                );
            }
        }
        out
    }

    /// Confusions whose OCR side starts with `c`.
    pub fn starting_with(&self, c: char) -> &[Confusion] {
        match self.latin1.get(c as usize) {
            Some(v) => v,
            None => self.by_first.get(&c).map_or(&[], Vec::as_slice),
        }
    }

    /// [`Self::starting_with`] without the confusions that put back a letter the language does
    /// not write (see [`Confusion::foreign_to`]).
    pub fn starting_with_in(&self, c: char, swedish: bool) -> &[Confusion] {
        match self.latin1_for[usize::from(!swedish)].get(c as usize) {
            Some(v) => v,
            None => self.by_first.get(&c).map_or(&[], Vec::as_slice),
        }
    }

    /// Whether `c` is the OCR side of any confusion (a character worth trying alternatives for).
    pub fn is_suspect(&self, c: char) -> bool {
        self.by_first.contains_key(&c)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dropped_letters_keep_both_cases_and_skip_other_rows() {
        let tsv = "truth\tocr\tcount\tprob\nÆ\t\t5\t0.0676\næ\t\t1\t0.0009\næ\t\t2\t0.0010\n\
                   ø\t\t6\t0.0019\nl\t\t9\t0.0005\næ\tee\t613\t0.5671\n";
        let d = dropped_letters(tsv);
        assert_eq!(d.len(), 2, "{d:?}");
        assert_eq!(d[0].letter, 'æ');
        assert!((d[0].upper - 0.0676f32.ln()).abs() < 1e-6);
        // The row seen once is left out; the one seen twice counts.
        assert!((d[0].lower - 0.0010f32.ln()).abs() < 1e-6);
        assert_eq!(d[1].letter, 'ø');
        assert_eq!(d[1].upper, f32::NEG_INFINITY);
    }

    #[test]
    fn nordic_glyphs_are_gated_and_z_only_opens_a_word() {
        let m = ConfusionModel::embedded();
        let find = |t: &str, o: &str| {
            m.all()
                .iter()
                .find(|c| c.truth == t && c.ocr.iter().copied().eq(o.chars()))
                .unwrap_or_else(|| panic!("{t} printed {o} is in the model"))
        };
        let z = find("ø", "z");
        assert!(z.initial && z.glyph && z.nordic_ocr && z.restores_letter);
        let amp = find("ö", "&");
        assert!(!amp.initial && amp.glyph && amp.nordic_ocr);
        // The English model's `æ` printed `z` (estimated) stays a confusion anywhere in a word.
        let ae = find("æ", "z");
        assert!(!ae.initial && !ae.glyph && !ae.nordic_ocr);
        // Nordic letters printed for the neighbour's are gated, not glyphs.
        let aa = find("ä", "å");
        assert!(aa.nordic_ocr && !aa.glyph && !aa.initial);
    }

    #[test]
    fn language_tables_are_the_full_table_without_foreign_letters() {
        // The search walks the per-language table; it must offer exactly the confusions the
        // full table has that put back a letter of the language, in the same order.
        let m = ConfusionModel::embedded();
        let mut kept = [0usize; 2];
        for c in (0..256u32).filter_map(char::from_u32) {
            for swedish in [true, false] {
                let want: Vec<u16> = m
                    .starting_with(c)
                    .iter()
                    .filter(|x| !x.foreign_to(swedish))
                    .map(|x| x.id)
                    .collect();
                let got: Vec<u16> = m
                    .starting_with_in(c, swedish)
                    .iter()
                    .map(|x| x.id)
                    .collect();
                assert_eq!(got, want, "{c:?} swedish={swedish}");
                kept[usize::from(swedish)] += got.len();
            }
        }
        // Both tables hold confusions, and each leaves out the other's letters.
        assert!(kept[0] > 0 && kept[1] > 0);
        assert!(m.starting_with_in('o', true).iter().all(|x| x.truth != "ø"));
        assert!(m.starting_with_in('o', true).iter().any(|x| x.truth == "ö"));
        assert!(m
            .starting_with_in('o', false)
            .iter()
            .any(|x| x.truth == "ø"));
    }
}
