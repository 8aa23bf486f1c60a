//! Words and marks beside a number: the period of a day or a numbered item, `kl.` and `tlf.`
//! before a time or a phone number, and a lone digit the engine printed for a letter.
//!
//! Unlike the scanners of [`numbers`](crate::numbers) these read tokens, and they share the
//! tables of month names, weekdays and the words that number a document's parts. The digit and
//! abbreviation rules run per token in the second pass of
//! [`restore_with`](crate::restore_with); [`ordinal_marks`] runs with the single-mark rules at
//! its end.

use rustc_hash::FxHashMap as HashMap;
use std::cell::OnceCell;

use rensa_core::{EditKind, Lang, StageEdit, Token, TokenClass, Vocabulary};

use crate::context::{capitalised_opener, opens_line};
use crate::marks::drop_mark;
use crate::numbers::closed_number_before;
use crate::{in_ranges, starts_upper, token_lowercase, FUNCTION_WORD_ZIPF};

/// A period OCR read as a comma or colon where only a period belongs (`kl, 19.00`, `KI:
/// 10.30`, `den 16, oktober`, a numbered item `3, Godkendelse af referat`), in a damaged
/// document: after `kl` before a time; after a day of the month (1 to 31) before a month name
/// in Danish and Norwegian, which write the day as an ordinal (`16. oktober`; Swedish writes
/// `16 oktober`), and after their `d` (`den`) before a day; after a number that opens a line,
/// before a capitalised word: a comma or semicolon always, a colon where most of the page's
/// numbered items have a period (`1: Godkendelse` beside `2. Budget`, `3. Orientering`; a
/// writer numbers items one way). Train +11 words fixed, dev +1, none broken. The month is
/// read as restored (`23, septeniber`: train +2, dev +1); a comma between an abbreviation that
/// numbers what follows and its number (`nr, 112`, `tlf, 99 66 70`) is a period too (train +4,
/// fresh +2). A period glued to a year, a clock time after `kl.` or an amount before a
/// lowercase word is a speck (`2027. kl.`, `kl. 17.30. til`, `450.000. kr.`), and so is one
/// after a Swedish day before its month (`den 2. mars`): train +8, fresh +1. None broken; no
/// truth text of the pairs, fields sets or seeds has any of these marks.
pub(crate) fn ordinal_marks<'w>(
    text: &str,
    toks: &[Token<'_>],
    protected: &[(usize, usize)],
    lang: Lang,
    word_of: &dyn Fn(usize) -> Option<(&'w str, bool)>,
) -> Vec<StageEdit> {
    let mut out = Vec::new();
    // Most repairs here make the mark a period; the rest but the clock word's drop it as a
    // speck (`drop_mark`).
    let period = |mark: &Token<'_>, confidence: f32| {
        StageEdit::new(
            mark.start..mark.end,
            ".",
            EditKind::Ocr,
            "restore.ocr-confusion",
            confidence,
        )
    };
    // Whether `toks[i]` is a day of the month (1 to 31) before a full month name as restored
    // (`23, septeniber`; `maj` and `mai` are three letters, the abbreviations are out).
    let day_before_month = |i: usize| {
        let (t, next) = (&toks[i], &toks[i + 2]);
        t.class == TokenClass::Number
            && t.text.parse::<u32>().is_ok_and(|d| (1..=31).contains(&d))
            && next.class == TokenClass::Word
            && next.uppers == 0
            && word_of(i + 2).is_some_and(|(m, _)| {
                (m.len() >= 4 || matches!(m, "maj" | "mai")) && MONTHS.contains(&m)
            })
    };
    // A numbered item: a number of up to three digits opening a line, a mark glued to it, one
    // space and a capitalised word (`3. Godkendelse`).
    let item_at = |i: usize| {
        let (t, mark, next) = (&toks[i], &toks[i + 1], &toks[i + 2]);
        t.class == TokenClass::Number
            && t.text.len() <= 3
            && mark.start == t.end
            && text.get(mark.end..next.start) == Some(" ")
            && next.class == TokenClass::Word
            && starts_upper(next.text)
            && next.uppers < next.letters
            && opens_line(text, t.start)
    };
    // How the page numbers its items: a colon after an item number is a misread period only
    // where most of the page's items have a period. Counted when a colon item first asks.
    let mut colon_items: Option<bool> = None;
    let mut periods_number_items = || {
        *colon_items.get_or_insert_with(|| {
            let (mut dots, mut colons) = (0usize, 0usize);
            for i in 0..toks.len().saturating_sub(2) {
                if matches!(toks[i + 1].text, "." | ":") && item_at(i) {
                    if toks[i + 1].text == "." {
                        dots += 1;
                    } else {
                        colons += 1;
                    }
                }
            }
            dots >= 2 && dots > colons
        })
    };
    for i in 0..toks.len().saturating_sub(2) {
        let (t, mark, next) = (&toks[i], &toks[i + 1], &toks[i + 2]);
        // `6; Budgetopfølgning`: no writer sets a semicolon after an item number.
        if mark.text == ";" && item_at(i) && !in_ranges(protected, t.start, next.end) {
            out.push(period(mark, 0.8));
            continue;
        }
        // A period glued to a number before a lowercase word on the same line.
        if mark.text == "."
            && mark.start == t.end
            && t.class == TokenClass::Number
            && next.class == TokenClass::Word
            && next.uppers == 0
            && text.get(mark.end..next.start) == Some(" ")
            && !in_ranges(protected, t.start, next.end)
        {
            // Swedish writes the day without a period (`2 mars`); after a year, a clock time
            // or an amount none belongs (none is an ordinal), and a sentence that ended there
            // would go on with a capital.
            if (lang == Lang::Sv && day_before_month(i))
                || closed_number_before(text.as_bytes(), mark.start)
            {
                out.push(drop_mark(mark.start..mark.end, 0.8));
            }
            continue;
        }
        if !matches!(mark.text, "," | ":")
            || mark.start != t.end
            || text.get(mark.end..next.start) != Some(" ")
            || in_ranges(protected, t.start, next.end)
        {
            continue;
        }
        if let Some((k, _)) = clock_letters(t.text) {
            if next.class == TokenClass::Number {
                let to = if k == 'K' { "Kl." } else { "kl." };
                out.push(StageEdit::new(
                    t.start..mark.end,
                    to,
                    EditKind::Ocr,
                    "restore.ocr-confusion",
                    0.85,
                ));
            }
            continue;
        }
        // `d:` before a day of the month is Danish `d.` (`den`): `onsdag d: 29. oktober`.
        if t.text == "d"
            && lang != Lang::Sv
            && next.class == TokenClass::Number
            && next
                .text
                .parse::<u32>()
                .is_ok_and(|d| (1..=31).contains(&d))
        {
            out.push(period(mark, 0.8));
            continue;
        }
        // `nr, 112`, `tlf, 99 66 70`, `bnr, 3`: an abbreviation that numbers what follows keeps
        // its period before the number; no writer sets a comma there (a colon may stand:
        // `Tlf: 77 18 54`).
        if mark.text == ","
            && next.class == TokenClass::Number
            && t.class == TokenClass::Word
            && matches!(
                &*token_lowercase(t),
                "nr" | "tlf" | "tel" | "tfn" | "bnr" | "gnr" | "pkt" | "ca"
            )
        {
            out.push(period(mark, 0.8));
            continue;
        }
        if mark.text == ":" && item_at(i) && periods_number_items() {
            out.push(period(mark, 0.75));
            continue;
        }
        if t.class != TokenClass::Number || t.text.len() > 2 {
            continue;
        }
        let day_month = day_before_month(i);
        // Swedish writes the day without a period (`19 november`): its mark is a speck.
        if day_month && lang == Lang::Sv {
            out.push(drop_mark(mark.start..mark.end, 0.8));
            continue;
        }
        let day = day_month && lang != Lang::Sv;
        let item = mark.text == ","
            && opens_line(text, t.start)
            && next.class == TokenClass::Word
            && starts_upper(next.text)
            && next.uppers < next.letters;
        if day || item {
            out.push(period(mark, 0.8));
        }
    }
    out
}

/// The two letters of `kl` (klockan, klokka) as printed, also as OCR misreads the `l` (`KI`,
/// `ki`, `K1`, `K|`): (the `k` as printed, the second letter). Shared by the clock rule and the
/// period rule after `kl`.
#[inline]
fn clock_letters(w: &str) -> Option<(char, char)> {
    // Asked of every token of a damaged page: two ASCII bytes or nothing.
    match *w.as_bytes() {
        [k @ (b'K' | b'k'), l @ (b'l' | b'L' | b'I' | b'i' | b'1' | b'|' | b't')] => {
            Some((char::from(k), char::from(l)))
        }
        _ => None,
    }
}

/// `Kl.` (klockan, klokka) before a time, printed `KI.`, `Ki.`, `kI.`, `K1.` or `Kt.` (`l`
/// read as `I`, `i`, `1` or `t`), also with a speck after its period (`KI..12.45`): the most
/// frequent word of a timed programme, and one no list holds. Its
/// capital is the engine's (`K` for `k`) after a number or a lowercase word one space before
/// it on the line (`torsdag d. 22. januar 2026 Kl. 17.00`): the gold pages and seeds write
/// `kl.` there all 457 times.
pub(crate) fn clock_abbreviation(
    text: &str,
    toks: &[Token<'_>],
    i: usize,
    protected: &[(usize, usize)],
) -> Option<StageEdit> {
    let t = &toks[i];
    let (k, l) = clock_letters(t.text)?;
    // `KL.` in a line set in capitals is the writer's.
    if l == 'L' {
        return None;
    }
    let (dot, mut time) = (toks.get(i + 1)?, toks.get(i + 2)?);
    // A speck glued between the period and the time (`KI..12.45`, `KI.'10.00`), or a hyphen
    // for the space (`Kl.-12.00`, `K1.-11.45`).
    let hyphen = time.text == "-";
    if matches!(time.text, "." | "'" | "’" | "," | "-") && time.start == dot.end {
        let after = toks.get(i + 3)?;
        if after.start != time.end {
            return None;
        }
        time = after;
    }
    // The period itself printed as a semicolon or colon (`KI; 09.45`).
    let mark = matches!(dot.text, ";" | ":");
    if !(dot.text == "." || mark) || dot.start != t.end || time.class != TokenClass::Number {
        return None;
    }
    if in_ranges(protected, t.start, t.end) {
        return None;
    }
    let mid_line = i.checked_sub(1).is_some_and(|j| {
        let p = &toks[j];
        (p.class == TokenClass::Number || (p.class == TokenClass::Word && p.uppers == 0))
            && text.get(p.end..t.start) == Some(" ")
    });
    let to = if k == 'K' && !mid_line { "Kl" } else { "kl" };
    if mark && !hyphen && time.start == dot.end + 1 {
        return Some(StageEdit::new(
            t.start..dot.end,
            format!("{to}."),
            EditKind::Ocr,
            "restore.ocr-confusion",
            0.9,
        ));
    }
    if mark {
        return None;
    }
    if hyphen {
        return Some(StageEdit::new(
            t.start..time.start,
            format!("{to}. "),
            EditKind::Ocr,
            "restore.ocr-confusion",
            0.9,
        ));
    }
    if to == t.text {
        return None;
    }
    Some(StageEdit::new(
        t.start..t.end,
        to,
        EditKind::Ocr,
        "restore.ocr-confusion",
        0.9,
    ))
}

/// `tlf.` (telefon) before a number, printed `tf.` or `TIf.` (the `l` lost, or read as `I`):
/// Danish and Norwegian write it before every phone number, and no list holds `tf` or `tif`.
/// The capital stays where the engine printed one.
pub(crate) fn phone_abbreviation(
    toks: &[Token<'_>],
    i: usize,
    lang: Lang,
    protected: &[(usize, usize)],
) -> Option<StageEdit> {
    if lang == Lang::Sv {
        return None;
    }
    let t = &toks[i];
    let to = match t.text {
        "tf" | "tIf" | "tif" => "tlf",
        "Tf" | "TIf" | "Tif" => "Tlf",
        _ => return None,
    };
    let (dot, number) = (toks.get(i + 1)?, toks.get(i + 2)?);
    if dot.text != "."
        || dot.start != t.end
        || number.class != TokenClass::Number
        || number.start != dot.end + 1
        || in_ranges(protected, t.start, t.end)
    {
        return None;
    }
    Some(StageEdit::new(
        t.start..t.end,
        to,
        EditKind::Ocr,
        "restore.ocr-confusion",
        0.9,
    ))
}

/// Weekdays in the four languages (lowercase).
pub(crate) const WEEKDAYS: &[&str] = &[
    "mandag", "måndag", "tirsdag", "tisdag", "tysdag", "onsdag", "torsdag", "fredag", "lørdag",
    "lördag", "laurdag", "søndag", "söndag", "sundag",
];

/// Words that number a document's parts or meetings (`Sak 17/24`, `punkt 3`, `Side 2`).
pub(crate) const NUMBERED_PARTS: &[&str] = &[
    "sak",
    "saka",
    "ps",
    "punkt",
    "pkt",
    "side",
    "sida",
    "ärende",
    "arende",
    "paragraf",
    "møterom",
    "mødelokale",
    "møtelokale",
    "vedlegg",
    "bilag",
    "bilaga",
    "nr",
];

/// Month names and their abbreviations in the four languages (lowercase): `1` before one of
/// them is a day of the month (`den 1 februari`, `fra 1 mai`), not the word `i`.
pub(crate) const MONTHS: &[&str] = &[
    "januari",
    "januar",
    "jan",
    "februari",
    "februar",
    "feb",
    "mars",
    "marts",
    "mar",
    "april",
    "apr",
    "maj",
    "mai",
    "juni",
    "jun",
    "juli",
    "jul",
    "augusti",
    "august",
    "aug",
    "september",
    "sep",
    "sept",
    "oktober",
    "okt",
    "november",
    "nov",
    "december",
    "desember",
    "dec",
    "des",
];

/// Words before a day of the month (`den 1 mars`, `från 1 april`, `fra 1. mai`), with the
/// OCR'd forms of those that have a special letter.
const DATE_WORDS: &[&str] = &[
    "den", "från", "fran", "fra", "frå", "per", "till", "til", "senast", "senest", "innan", "fom",
    "tom", "efter", "etter", "før", "for", "för", "fore", "innen",
];

/// The lowercase words a number follows (function words left out), each with the first number
/// and whether another number follows it elsewhere: found once per document, on the first
/// lone digit that asks (a map, not a sorted list: sorting the pairs cost 1.5% of warm
/// restore time).
pub(crate) type Numbered<'a> = HashMap<&'a str, (&'a str, bool)>;

fn numbered_words<'c, 'a>(
    toks: &[Token<'a>],
    vocab: &dyn Vocabulary,
    cell: &'c OnceCell<Numbered<'a>>,
) -> &'c Numbered<'a> {
    cell.get_or_init(|| {
        let mut numbered: Numbered<'a> = HashMap::default();
        for w in toks.windows(2) {
            if w[0].class == TokenClass::Word
                && w[1].class == TokenClass::Number
                && w[0].uppers == 0
            {
                let e = numbered.entry(w[0].text).or_insert((w[1].text, false));
                e.1 |= e.0 != w[1].text;
            }
        }
        numbered.retain(|w, _| vocab.frequency(w).is_none_or(|z| z < FUNCTION_WORD_ZIPF));
        numbered
    })
}

/// A lone digit between two lowercase words, in a damaged document, that OCR printed for a
/// letter: `1` is the word `i`, and in Bokmål or Nynorsk `4` is the infinitive marker `å`
/// (`for 4 gjøre`), and so are a spaced `@` and, after a function word, `&` (`for @ komme`,
/// `ved & svare`; not `mat & drikke`), which the English model prints for `å` too; the marker
/// may also follow a function word opening a sentence (`Til 4 signere`). Not when the word before numbers things elsewhere in the document (`pass 1
/// och pass 2`: `numbered` holds the words a number follows, with the number; only another
/// number than the digit itself counts, so `ønsker 4 stille` is no numbering), nor before a month
/// that makes it a date. A `4` also needs a listed word after it ending in the infinitive's
/// `-e` or `-a` (`4 saker`, a count, ends in `-r`): `next_word` is that word as printed, or as
/// restore read it (`4 kjape` -> `å kjøpe`).
pub(crate) fn lone_digit<'a>(
    text: &str,
    toks: &[Token<'a>],
    i: usize,
    vocab: &dyn Vocabulary,
    protected: &[(usize, usize)],
    numbered: &OnceCell<Numbered<'a>>,
    next_word: &str,
) -> Option<StageEdit> {
    let t = &toks[i];
    let prev = toks.get(i.checked_sub(1)?)?;
    let next = toks.get(i + 1)?;
    let lowerword =
        |x: &Token<'_>| x.class == TokenClass::Word && x.text.chars().all(char::is_lowercase);
    let function_word = || {
        prev.class == TokenClass::Word
            && vocab
                .frequency(&token_lowercase(prev))
                .is_some_and(|z| z >= FUNCTION_WORD_ZIPF)
    };
    // The infinitive marker may follow a function word opening a sentence (`Til 4 signere`).
    let opening_function_word = t.text != "1" && capitalised_opener(text, prev) && function_word();
    if !(lowerword(prev) || opening_function_word)
        || !lowerword(next)
        || in_ranges(protected, t.start, next.end)
        || numbered_words(toks, vocab, numbered)
            .get(prev.text)
            .is_some_and(|&(n, more)| more || n != t.text)
    {
        return None;
    }
    // A count: `6 mot 1 stemme`, `7 röster mot 1`, `3 av 1`: a number two tokens back, or the
    // vote's `mot`/`mod` before it.
    let count =
        matches!(prev.text, "mot" | "mod") || i >= 2 && toks[i - 2].class == TokenClass::Number;
    if count {
        return None;
    }
    let to = match t.text {
        "1" => {
            // A day of the month: the month follows (as printed or as restore read it:
            // `den 1 jaiiuari`), and a year after it, a date word or a weekday before it
            // (`den`, `från`, `torsdag`) or a line break before the `1` says so; `veckan 1
            // mars` is `i mars`.
            if MONTHS.contains(&next.text) || MONTHS.contains(&next_word) {
                let year_follows = toks
                    .get(i + 2)
                    .is_some_and(|y| y.class == TokenClass::Number && y.text.len() == 4);
                let date_word = DATE_WORDS.contains(&prev.text) || WEEKDAYS.contains(&prev.text);
                let line_start = text
                    .get(prev.end..t.start)
                    .is_some_and(|g| g.contains('\n'));
                if year_follows || date_word || line_start {
                    return None;
                }
            }
            if vocab.frequency("i").unwrap_or(0.0) < 5.0 {
                return None;
            }
            "i"
        }
        "4" | "&" | "@" => {
            let spaced = prev.end < t.start && t.end < next.start;
            // `&` joins two nouns as `og` (`mat & drikke`); as the marker it follows a
            // function word (`for & komme`, `ved & svare`).
            if t.text == "&" && !function_word() {
                return None;
            }
            if !matches!(vocab.lang(), Lang::Nb | Lang::Nn)
                || !spaced
                || next.letters < 2
                || !(next_word.ends_with('e') || next_word.ends_with('a'))
                || MONTHS.contains(&next_word)
                || !vocab.contains(next_word)
            {
                return None;
            }
            "å"
        }
        _ => return None,
    };
    Some(StageEdit::new(
        t.start..t.end,
        to,
        EditKind::Ocr,
        "restore.digit-for-letter",
        0.8,
    ))
}
