//! Passes over the line kinds of a whole document: numbered lines that are notes on an item
//! listed above (`Ad 3.`, a repeated number with a sentence), attachment lists, the points of
//! a decision under a `§`, and runs of margin sub-items (`a)`, `b)` …). Each needs the other
//! lines' kinds, so none can be decided line by line.

use super::{is_sub, Kind};
use crate::text::{fold, Line};

/// `Ad 3.` opens the minutes' paragraph on item 3 when an item list above already holds item 3:
/// a note on that item, not an item (`Ad 3. Forslaget blev drøftet …`). Without such a list
/// (`Ad 1. Godkendelse af dagsorden` as the only numbering) `Ad` lines stay items.
pub(super) fn drop_ad_notes(kinds: &mut [Option<(Kind, usize, usize)>]) {
    let key = |n: &str| {
        n.rsplit(char::is_whitespace)
            .next()
            .unwrap_or(n)
            .trim_end_matches(['.', ':', ')'])
            .to_string()
    };
    let is_ad = |n: &str| n.len() > 2 && n[..2].eq_ignore_ascii_case("ad");
    let mut seen: Vec<String> = Vec::new();
    for k in kinds.iter_mut() {
        let Some((Kind::Numbered(n), _, _)) = k else {
            continue;
        };
        if is_sub(n) {
            continue;
        }
        if is_ad(n) {
            if seen.contains(&key(n)) {
                *k = None;
            }
        } else {
            seen.push(key(n));
        }
    }
}

/// Round 15: `Vedlegg:` / `1. Plankart, datert …` / `2. Planbeskrivelse`: a numbered list
/// under an attachments heading (`Vedlegg`, `Bilag`, `Bilagor`, `Bilaga`) alone on its line
/// names documents, not items; its lines up to the next blank line are dropped.
pub(super) fn drop_attachment_lists(
    lines: &[Line<'_>],
    kinds: &mut [Option<(Kind, usize, usize)>],
) {
    let mut i = 0;
    while i < lines.len() {
        let t = lines[i].trimmed().1;
        // The headings fold to at most 11 bytes; folding shrinks a character to no less than a
        // third of its bytes (`K`, the Kelvin sign, is `k`), so a longer line is none.
        let heading = t.len() <= 48
            && matches!(
                fold(t.trim_end_matches(':').trim()).as_str(),
                "vedlegg"
                    | "vedlegga"
                    | "vedleggene"
                    | "bilag"
                    | "bilaga"
                    | "bilagor"
                    | "bilagsliste"
            );
        if !heading {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < lines.len() && !lines[j].is_blank() {
            if matches!(kinds[j], Some((Kind::Numbered(_), _, _))) {
                kinds[j] = None;
            }
            j += 1;
        }
        i = j;
    }
}

/// Round 15: `Sak 72/35: Dokumentet vart lagt ut 30. oktober.` under a `Merknader:` (notes)
/// block after the item list, or `Ärende 5: Samrådet pågick …` under a list numbered `5`: a
/// line whose number repeats an item already listed, with a colon
/// after the number and a whole sentence (ending in a period) after it, is a note on that item,
/// not a second item. A repeated heading without colon or period (minutes repeating the list
/// in their body) is left to the later merging.
pub(super) fn drop_repeated_notes(
    text: &str,
    lines: &[Line<'_>],
    kinds: &mut [Option<(Kind, usize, usize)>],
) {
    // A set: a list scanned per item was quadratic in a long agenda.
    let mut seen: std::collections::HashSet<String> = Default::default();
    for (line, k) in lines.iter().zip(kinds.iter_mut()) {
        let Some((Kind::Numbered(n), s, ts)) = k else {
            continue;
        };
        if is_sub(n) {
            continue;
        }
        // `Ärende 5:` repeats item `5`: the number's last part is the key.
        let key = n
            .rsplit(char::is_whitespace)
            .next()
            .unwrap_or(n)
            .trim_end_matches(['.', ':', ')'])
            .to_string();
        let (ls, t) = line.trimmed();
        let le = ls + t.len();
        let colon = text[*s..*ts].trim_end().ends_with(':');
        let title = text[*ts..le].trim();
        let sentence = title.ends_with('.') && title.split_whitespace().count() >= 4;
        if seen.contains(&key) {
            if colon && sentence {
                *k = None;
            }
        } else {
            seen.insert(key);
        }
    }
}

/// Sub-item lines that stand at the margin (`5. Orientering` / `a) Skolen` / text / `b)
/// Biblioteket`): between two items, a run of `a)`, `b)` … lines in alphabetical order from `a`,
/// at least two, each a short heading (capitalised, no sentence end). Lettered decision points
/// (`a) Udvalget godkender forslaget.`) end in a period and stay text.
pub(super) fn flat_sub_items(
    text: &str,
    lines: &[Line<'_>],
    kinds: &[Option<(Kind, usize, usize)>],
) -> Vec<bool> {
    let mut out = vec![false; lines.len()];
    // Cheap test first: most documents have no margin `a)` line at all.
    let letter = |i: usize| match &kinds[i] {
        Some((Kind::Numbered(n), _, ts)) if is_sub(n) && lines[i].indent() == 0 => {
            let (ls, lt) = lines[i].trimmed();
            let title = text[*ts..ls + lt.len()].trim_end();
            (title.chars().count() <= 80 && !title.ends_with(['.', ':', ';', ',']))
                .then(|| n.as_bytes()[0])
        }
        _ => None,
    };
    let mut i = 0;
    while i < lines.len() {
        if letter(i) != Some(b'a') {
            i += 1;
            continue;
        }
        // The run: letters in order up to the next numbered item.
        let mut run = vec![i];
        let mut want = b'b';
        let mut j = i + 1;
        while j < lines.len() {
            match &kinds[j] {
                Some((Kind::Numbered(n), _, _)) if !is_sub(n) => break,
                Some((Kind::Timed { .. }, _, _)) => break,
                _ => {}
            }
            if let Some(l) = letter(j) {
                if l != want {
                    break;
                }
                run.push(j);
                want += 1;
            }
            j += 1;
        }
        if run.len() >= 2 {
            run.iter().for_each(|&k| out[k] = true);
        }
        i = j.max(i + 1);
    }
    out
}

/// Drops plain-numbered lines (`1.`, `2)`) after the first `§` line that are sentences: the
/// line ends with a period, or its sentence wraps onto an indented lowercase line.
pub(super) fn decision_points(lines: &[Line<'_>], kinds: &mut [Option<(Kind, usize, usize)>]) {
    let Some(first) = kinds
        .iter()
        .position(|k| matches!(k, Some((Kind::Numbered(n), _, _)) if n.starts_with('§')))
    else {
        return;
    };
    for i in first + 1..lines.len() {
        let plain = matches!(&kinds[i], Some((Kind::Numbered(n), _, _))
            if n.starts_with(|c: char| c.is_ascii_digit()) && n.ends_with(['.', ')']));
        if !plain {
            continue;
        }
        let t = lines[i].trimmed().1;
        let wraps = lines.get(i + 1).is_some_and(|l| {
            !l.is_blank()
                && l.indent() > lines[i].indent()
                && l.trimmed().1.starts_with(char::is_lowercase)
        });
        if t.ends_with('.') || wraps {
            kinds[i] = None;
        }
    }
}
