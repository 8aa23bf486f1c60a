//! `decode.cp850-as-cp1252`, `decode.cp865-as-cp1252`, `decode.macroman-as-cp1252`: DOS or Mac
//! bytes that were read as windows-1252 (or Latin-1), so `möte` shows as `m”te` or `mšte`.
//!
//! The characters involved are ordinary punctuation in clean text (`”`, `„`, `’`, `…`, `€`), so
//! the decision is made once per document with the dictionary: every word that contains a suspect
//! character is mapped back, and the document is repaired only when the mapped words the
//! vocabularies know clearly outnumber those they don't. A quote or apostrophe that does not
//! become a known word counts against. Then known words are repaired, and unknown words only where
//! the suspect sits between two letters (names, mostly).

use rensa_core::{EditKind, Lang, StageEdit};

use crate::lex::{cp1252_byte, is_target_letter, Lex};
use crate::scan::run_around;
use crate::tables::{CP850, MAC_ROMAN};
use crate::{CP850_AS_CP1252, CP865_AS_CP1252, MACROMAN_AS_CP1252};

#[derive(Clone, Copy, PartialEq, Eq)]
enum Family {
    Dos,
    Mac,
}

/// What `c` was in `family` if it is a Nordic letter's byte read as windows-1252 or Latin-1.
fn map(family: Family, c: char) -> Option<char> {
    let b = cp1252_byte(c)?;
    let table = match family {
        Family::Dos => &CP850,
        Family::Mac => &MAC_ROMAN,
    };
    let t = table[(b - 0x80) as usize];
    is_target_letter(t).then_some(t)
}

/// Whether `c` could be a DOS or Mac Nordic letter read as windows-1252.
pub(crate) fn is_suspect(c: char) -> bool {
    !c.is_ascii() && (map(Family::Dos, c).is_some() || map(Family::Mac, c).is_some())
}

/// Whether `c` could be typographic punctuation read wrongly in either family.
pub(crate) fn is_punct_any(c: char) -> bool {
    map_punct(Family::Dos, c).is_some() || map_punct(Family::Mac, c).is_some()
}

/// Typographic punctuation a family's byte may stand for (`«`, `–`): mapped only in a document
/// already decided, and only at the edge of a known word or standing alone.
fn map_punct(family: Family, c: char) -> Option<char> {
    const PUNCT: [char; 10] = ['«', '»', '–', '—', '“', '”', '‘', '’', '„', '…'];
    if c.is_ascii() || PUNCT.contains(&c) {
        return None;
    }
    let b = cp1252_byte(c)?;
    let table = match family {
        Family::Dos => &CP850,
        Family::Mac => &MAC_ROMAN,
    };
    let t = table[(b - 0x80) as usize];
    PUNCT.contains(&t).then_some(t)
}

struct Word {
    start: usize,
    end: usize,
    /// The whole run with suspects and edge punctuation mapped.
    repaired: String,
    /// The core (run without edge punctuation) has a suspect and at least one plain letter.
    votes: bool,
    /// The repaired core is known (or the core had no suspect and is known as it is).
    known: bool,
    /// Every suspect is an apostrophe-like or sits at the core's edge.
    quote_like: bool,
}

/// `candidates`: the characters of `text` that may be suspects or mapped punctuation in some
/// family ([`crate::fast::legacy_candidates`]).
fn words(text: &str, candidates: &[(usize, char)], family: Family, lex: &Lex) -> Vec<Word> {
    let mut out = Vec::new();
    let check = |s: usize, e: usize, out: &mut Vec<Word>| {
        let chars: Vec<char> = text[s..e].chars().collect();
        let lead = chars
            .iter()
            .take_while(|&&c| map_punct(family, c).is_some())
            .count();
        let trail = chars[lead..]
            .iter()
            .rev()
            .take_while(|&&c| map_punct(family, c).is_some())
            .count();
        let core = &chars[lead..chars.len() - trail];
        let suspects: Vec<usize> = (0..core.len())
            .filter(|&k| map(family, core[k]).is_some())
            .collect();
        if suspects.is_empty() && lead + trail == 0 {
            return;
        }
        let core_str: String = core.iter().collect();
        if !core.is_empty() && lex.known(&core_str) && lead + trail == 0 {
            return;
        }
        let repaired_core: String = core.iter().map(|&c| map(family, c).unwrap_or(c)).collect();
        let known = core.is_empty() || lex.known(&repaired_core);
        let quote_like = suspects
            .iter()
            .all(|&k| k == 0 || k + 1 == core.len() || matches!(core[k], '’' | '‘'));
        let repaired: String = chars[..lead]
            .iter()
            .map(|&c| map_punct(family, c).unwrap_or(c))
            .chain(repaired_core.chars())
            .chain(
                chars[chars.len() - trail..]
                    .iter()
                    .map(|&c| map_punct(family, c).unwrap_or(c)),
            )
            .collect();
        out.push(Word {
            start: s,
            end: e,
            repaired,
            votes: !suspects.is_empty() && core.len() > suspects.len(),
            known,
            quote_like,
        });
    };
    // Suspects and mapped punctuation are never ASCII: only the words around non-ASCII
    // characters that are one or the other can matter, and words never overlap.
    let inside =
        |c: char| c.is_alphabetic() || map(family, c).is_some() || map_punct(family, c).is_some();
    let mut covered = 0;
    for &(i, c) in candidates {
        if i < covered || (map(family, c).is_none() && map_punct(family, c).is_none()) {
            continue;
        }
        let (s, e) = run_around(text, i, inside);
        check(s, e, &mut out);
        covered = e;
    }
    out
}

pub(crate) fn edits(text: &str, lex: &Lex) -> Vec<StageEdit> {
    let mut best: Option<(Family, Vec<Word>, usize)> = None;
    let candidates = crate::fast::legacy_candidates(text);
    for family in [Family::Dos, Family::Mac] {
        let ws = words(text, &candidates, family, lex);
        let votes_for = ws.iter().filter(|w| w.votes && w.known).count();
        let against = ws
            .iter()
            .filter(|w| w.votes && !w.known && w.quote_like)
            .count();
        if votes_for == 0 || votes_for < 2 * against + 1 {
            continue;
        }
        match &best {
            Some(b) if b.2 >= votes_for => {}
            _ => best = Some((family, ws, votes_for)),
        }
    }
    let Some((family, ws, _)) = best else {
        return Vec::new();
    };
    let rule = match family {
        Family::Mac => MACROMAN_AS_CP1252,
        Family::Dos => {
            // CP850 and CP865 agree on every Nordic letter; CP865 was the Danish/Norwegian DOS
            // page, so Danish/Norwegian words name it.
            let voted = |w: &&Word| w.votes && w.known;
            let sv = ws
                .iter()
                .filter(voted)
                .filter(|w| lex.known_in(&w.repaired, &[Lang::Sv]))
                .count();
            let other = ws
                .iter()
                .filter(voted)
                .filter(|w| lex.known_in(&w.repaired, &[Lang::Da, Lang::Nb, Lang::Nn]))
                .count();
            if other > sv {
                CP865_AS_CP1252
            } else {
                CP850_AS_CP1252
            }
        }
    };
    ws.into_iter()
        .filter(|w| w.known || !w.quote_like)
        .map(|w| {
            let confidence = if w.known { 0.93 } else { 0.7 };
            StageEdit::new(
                w.start..w.end,
                w.repaired,
                EditKind::Encoding,
                rule,
                confidence,
            )
        })
        .collect()
}
