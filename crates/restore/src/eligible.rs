//! Which tokens restore may change.
//!
//! Codes, acronyms, brand names with inner capitals and parts of identifiers are no damage: the
//! first pass of [`restore_with`](crate::restore_with) leaves them out before it numbers the
//! distinct words, after joining the runs where OCR printed a letter as `@` or `&`
//! ([`merge_symbol_letters`]). The tests of shapes that a misread capital or digit gives a word
//! (`RAdgiver`, `Sj6`, `AEldrerådet`) live here, with the test for the first half of a suspended
//! compound.

use rensa_core::{Token, TokenClass, Vocabulary};

use crate::{in_ranges, starts_upper, token_lowercase};

/// Whether a token of letters and digits has only `6`s after letters for digits, two letters
/// or more and not all capitals (`Sj6`, `L66f`; not `KF6`, `B66`): the shape of a word with
/// `ö` printed as `6`, never of a code.
fn six_shaped(t: &Token<'_>) -> bool {
    letters_and_sixes(t.text) && t.letters >= 2 && t.uppers < t.letters
}

/// Whether a word is letters with `6`s among them, opening with a letter (`sj6`, `l66f`):
/// the shape of a word whose `ö` the English model printed as `6`.
pub(crate) fn letters_and_sixes(w: &str) -> bool {
    w.starts_with(char::is_alphabetic) && w.chars().all(|c| c == '6' || c.is_alphabetic())
}

/// Whether token `i` is a word restore may change.
pub(crate) fn is_candidate_token(
    toks: &[Token<'_>],
    i: usize,
    protected: &[(usize, usize)],
) -> bool {
    let t = &toks[i];
    match t.class {
        TokenClass::Word => {}
        // `Sj6`, `L66f`, `H66k`: names with the `6` the English model prints for `ö` (see
        // `six_for_o`), which the rules below for codes would turn away.
        TokenClass::Mixed if six_shaped(t) => {}
        TokenClass::Mixed => {
            // Codes (P1, CO2, 2020a, 15kr) are not damage: only single digits inside
            // lowercase-looking words are.
            let mut digits = 0;
            let mut len = 0;
            let mut prev_digit = false;
            // `4Eldreradet`: a capital `Æ` the engine printed as `4E` (as `AE` above).
            let ae = t.text.starts_with("4E")
                && t.text.len() >= 5
                && t.text[2..].chars().all(char::is_lowercase);
            for (k, c) in t.text.chars().enumerate() {
                let d = c.is_ascii_digit();
                if (d && prev_digit) || (k > 0 && c.is_uppercase() && !(ae && k == 1)) {
                    return false;
                }
                digits += d as usize;
                prev_digit = d;
                len += 1;
            }
            let first_upper = t.text.chars().next().is_some_and(char::is_uppercase);
            if digits > 2 || len < 2 || (first_upper && len <= 3) {
                return false;
            }
        }
        _ => return false,
    }
    if in_ranges(protected, t.start, t.end) {
        return false;
    }
    let (letters, uppers) = (t.letters, t.uppers);
    // Acronyms (SKL, COK, AU) and inner capitals (McDonald, iPhone) are left alone; not a word
    // with `@` for `Ø` (`M@TE`), nor one whose only inner capital is the `A` or `O` OCR prints
    // for `å`/`ä`/`ö` (`RAdgiver`, `HAllbarhet`).
    if uppers == letters && letters <= 4 && letters > 1 && !t.text.contains('@') {
        return false;
    }
    if uppers > 1
        && uppers < letters
        && !(uppers == 2 && (inner_capital(t.text) || ae_ligature(t.text)))
    {
        return false;
    }
    // Part of a dotted or slashed identifier (`orebro.se`, `a/b`) that the regex missed.
    // Neighbours are compared as bytes: one-byte punctuation touching the word.
    let touching = |o: &Token<'_>, before: bool| {
        o.end - o.start == 1
            && if before {
                o.end == t.start
            } else {
                o.start == t.end
            }
    };
    let prev = i
        .checked_sub(1)
        .map(|j| &toks[j])
        .filter(|p| touching(p, true))
        .map_or(0, |p| p.text.as_bytes()[0]);
    let next = toks
        .get(i + 1)
        .filter(|n| touching(n, false))
        .map_or(0, |n| n.text.as_bytes()[0]);
    // A list label: one letter before `)` (`a)`, `(b)`) or after a number and a period
    // (`punkt 5.a`), never a word to repair (`a)` is not `å)`).
    let after_number = || {
        prev == b'.'
            && i >= 2
            && toks[i - 2].class == TokenClass::Number
            && toks[i - 2].end == toks[i - 1].start
    };
    if (next == b')' || after_number()) && t.text.chars().nth(1).is_none() {
        return false;
    }
    // A slash or `#` opening a word before a capital (`/Eldreradet`) is the debris of a
    // capital the engine could not read (see `letter_debris`), not an identifier's.
    let debris =
        matches!(prev, b'/' | b'#') && starts_upper(t.text) && text_opens_before(toks, i - 1);
    if (prev == b'/' || next == b'/') && (prev != b'/' || next != b'/') && slashed_pair(toks, i) {
        return true;
    }
    (debris || !matches!(prev, b'/' | b'@' | b'_')) && !matches!(next, b'/' | b'@' | b'_')
}

/// Whether word `i` is one of two words joined by one slash and by nothing else
/// (`seminarier/minitraningar`, `radgiver/sekreteer`: alternatives, which running text writes
/// so), not a part of a path or an address (`se/politik/handlingar`, `kommune.no/plan`): the
/// pair opens after a space, a line start or `(`, and closes before a space, the end or one
/// closing mark and a space; both are words of two letters or more, no acronym.
fn slashed_pair(toks: &[Token<'_>], i: usize) -> bool {
    let t = &toks[i];
    // The slash and the other word, left or right of this one.
    let (a, b) = if i >= 2 && toks[i - 1].text == "/" && toks[i - 1].end == t.start {
        (i - 2, i)
    } else if toks
        .get(i + 1)
        .is_some_and(|s| s.text == "/" && s.start == t.end)
        && i + 2 < toks.len()
    {
        (i, i + 2)
    } else {
        return false;
    };
    // Words, not acronyms (`SU/Eldre` is a committee's label).
    let word = |k: usize| {
        let w = &toks[k];
        w.class == TokenClass::Word
            && w.letters >= 2
            && (w.uppers == 0 || (w.uppers == 1 && starts_upper(w.text)))
    };
    let glued = toks[a].end == toks[a + 1].start && toks[a + 1].end == toks[b].start;
    let closes = match toks.get(b + 1) {
        None => true,
        Some(n) if n.start > toks[b].end => true,
        Some(n) => {
            matches!(n.text, "." | "," | ":" | ";" | ")")
                && toks.get(b + 2).is_none_or(|m| m.start > n.end)
        }
    };
    word(a) && word(b) && glued && closes && text_opens_before(toks, a)
}

/// Whether token `j` opens a word: nothing but whitespace or an opening parenthesis touches it
/// before (judged from the tokens: the previous one ends before it, or is a `(` glued to it).
pub(crate) fn text_opens_before(toks: &[Token<'_>], j: usize) -> bool {
    j.checked_sub(1)
        .map(|k| &toks[k])
        .is_none_or(|p| p.end < toks[j].start || p.text == "(")
}

/// A short capitalised word (`PA`, `MOTE`, `APEN`) in a heading set in capitals (`MOTE I
/// FORMANNSKAPET`, `APEN DAG PA BIBLIOTEKET`): a word of the heading, not an acronym, so it is
/// repaired like any word. The line must hold a long word in capitals that the lists know
/// (or that is long enough to be no acronym): a line of codes (`KS AU`) has none.
pub(crate) fn caps_heading_word(
    text: &str,
    toks: &[Token<'_>],
    i: usize,
    vocab: &dyn Vocabulary,
    protected: &[(usize, usize)],
) -> bool {
    let t = &toks[i];
    if t.class != TokenClass::Word
        || t.uppers != t.letters
        || !(2..=4).contains(&t.letters)
        || in_ranges(protected, t.start, t.end)
    {
        return false;
    }
    // A word stands between spaces, at most with a mark after it; `(AMU)`, `KS/AU` and
    // `IT-afdelingen` are acronyms however they are set.
    let b = text.as_bytes();
    let before = t.start.checked_sub(1).map(|k| b[k]);
    let after = b.get(t.end).copied();
    if !before.is_none_or(|c| c.is_ascii_whitespace())
        || !after.is_none_or(|c| c.is_ascii_whitespace() || matches!(c, b'.' | b',' | b':' | b';'))
    {
        return false;
    }
    let line = |a: usize, b: usize| !text[a..b].contains('\n');
    let heading = |o: &Token<'_>| {
        o.class == TokenClass::Word
            && o.uppers == o.letters
            && o.letters >= 5
            && (o.letters >= 8 || vocab.frequency(&token_lowercase(o)).is_some())
    };
    let before = toks[..i]
        .iter()
        .rev()
        .take_while(|o| line(o.end, t.start))
        .any(heading);
    before
        || toks[i + 1..]
            .iter()
            .take_while(|o| line(t.end, o.start))
            .any(heading)
}

/// `AEldrerådet`, `AErø`, `AZldre`: a capital `Æ` the engine printed as the two letters `AE`
/// (or `AZ`), before a lowercase letter. Not an acronym with an ending (those have lowercase
/// letters after at most a few capitals, but never start with exactly `AE` or `AZ` and a
/// lowercase run of three or more).
fn ae_ligature(w: &str) -> bool {
    let b = w.as_bytes();
    b.len() >= 5
        && (b.starts_with(b"AE") || b.starts_with(b"AZ"))
        && w[2..].chars().all(char::is_lowercase)
}

/// Whether token `i` is the first half of a suspended compound: a hyphen touches it and a
/// conjunction follows (`Børne- og`, `Miljö- och`, `vård- eller`).
pub(crate) fn suspended_modifier(text: &str, toks: &[Token<'_>], i: usize) -> bool {
    let (Some(h), Some(c)) = (toks.get(i + 1), toks.get(i + 2)) else {
        return false;
    };
    h.text == "-"
        && h.start == toks[i].end
        && text.get(h.end..c.start) == Some(" ")
        && matches!(c.text, "og" | "och" | "eller" | "samt" | "&")
}

/// Whether a word has exactly one capital after its first letter, followed by lowercase letters
/// only and preceded by one (or second in the word, for `A`/`O`/`G`), and one OCR prints for a lowercase letter: `A`/`O`/`G` for `å`, `ä`, `ö`
/// (`RAdgiver`, `OrdfOrande`, `behGriga`), `I` for `l` (`sociaInamnden`), or a letter whose
/// capital has the lowercase shape (`BeSlutning`, `eleKtronisk`). Brand names (`PowerPoint`,
/// `YouTube`, `McDonald`) have other capitals and stay.
pub(crate) fn inner_capital(w: &str) -> bool {
    // Asked for many tokens of a damaged page: one pass over the characters, no allocation.
    let mut cs = w.chars();
    let Some(mut prev) = cs.next() else {
        return false;
    };
    let (mut seen, mut after, mut before_ok) = (None::<char>, 0usize, false);
    for (k, c) in cs.enumerate() {
        if seen.is_some() {
            if !c.is_lowercase() {
                return false;
            }
            after += 1;
        } else if c.is_uppercase() {
            // Second in the word (`RAdgiver`) only for the letters OCR prints for å ä ö.
            before_ok = prev.is_lowercase() || (k == 0 && matches!(c, 'A' | 'O' | 'G'));
            seen = Some(c);
        }
        prev = c;
    }
    // Two lowercase letters after it at least: `EUs`, `SVTs` are acronyms with an ending.
    seen.is_some_and(|c| {
        before_ok
            && after >= 2
            && matches!(
                c,
                'A' | 'O'
                    | 'G'
                    | 'I'
                    | 'K'
                    | 'S'
                    | 'C'
                    | 'V'
                    | 'W'
                    | 'X'
                    | 'Z'
                    | 'U'
                    | 'Å'
                    | 'Ä'
                    | 'Ö'
                    | 'Ø'
                    | 'Æ'
            )
    })
}

/// Symbols OCR prints for letters (`@` for `ø`/`Ø`: `@rsted`, `Sg@gaard`; `&` for `å`: `s&`,
/// `&r`, `P&melding`) split a word into several tokens; join such runs back into one word token
/// so the confusion model can read them. E-mail addresses are protected ranges and stay as they
/// are, and so do runs of capitals around `&` (`R&D`, `H&M`, whose reading `råd` is a word).
pub(crate) fn merge_symbol_letters<'a>(
    text: &'a str,
    toks: Vec<Token<'a>>,
    protected: &[(usize, usize)],
) -> Vec<Token<'a>> {
    const LETTER_SYMBOLS: [&str; 2] = ["@", "&"];
    let is_sym = |t: &Token<'_>| t.class == TokenClass::Punct && LETTER_SYMBOLS.contains(&t.text);
    let is_word = |t: &Token<'_>| matches!(t.class, TokenClass::Word | TokenClass::Mixed);
    // Nothing to join unless an unprotected `@` touches a word: a run that would join holds
    // one, and a run over a protected range (an e-mail address) is never joined. Most
    // documents skip the copy below.
    let touching_sym = memchr::memchr2_iter(b'@', b'&', text.as_bytes()).any(|k| {
        // A symbol is a token of its own: the one starting at byte k.
        let i = toks.partition_point(|t| t.start < k);
        toks.get(i).is_some_and(|t| {
            t.start == k
                && is_sym(t)
                && !in_ranges(protected, t.start, t.end)
                && (i
                    .checked_sub(1)
                    .is_some_and(|j| is_word(&toks[j]) && toks[j].end == t.start)
                    || toks
                        .get(i + 1)
                        .is_some_and(|n| is_word(n) && n.start == t.end))
        })
    });
    if !touching_sym {
        return toks;
    }
    let mut out: Vec<Token<'a>> = Vec::with_capacity(toks.len());
    let mut i = 0;
    while i < toks.len() {
        // Only a run that holds a symbol joins, and two words never touch: a token that is no
        // symbol and touches none after it goes on as it is (most of a page).
        if !is_sym(&toks[i])
            && !toks
                .get(i + 1)
                .is_some_and(|n| n.start == toks[i].end && is_sym(n))
        {
            out.push(toks[i]);
            i += 1;
            continue;
        }
        // A run of touching word and symbol tokens with at least one of each.
        let mut j = i;
        let (mut words, mut syms) = (0, 0);
        while j < toks.len()
            && (is_word(&toks[j]) || is_sym(&toks[j]))
            && (j == i || toks[j - 1].end == toks[j].start)
        {
            words += is_word(&toks[j]) as usize;
            syms += is_sym(&toks[j]) as usize;
            j += 1;
        }
        let (start, end) = (toks[i].start, toks[j.max(i + 1) - 1].end);
        let run = &toks[i..j.max(i + 1)];
        let capitals = run.iter().any(|t| t.text == "&")
            && run
                .iter()
                .filter(|t| is_word(t))
                .all(|t| t.uppers == t.letters);
        if words > 0 && syms > 0 && !capitals && !in_ranges(protected, start, end) {
            out.push(Token {
                start,
                end,
                text: &text[start..end],
                class: TokenClass::Word,
                letters: run.iter().map(|t| t.letters).sum(),
                uppers: run.iter().map(|t| t.uppers).sum(),
            });
            i = j;
        } else {
            out.push(toks[i]);
            i += 1;
        }
    }
    out
}
