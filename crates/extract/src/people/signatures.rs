//! Signatures: a name alone on its line with a caption below it (`Eli Sæbø` / `sekretær`),
//! names side by side over their captions, and `Name, justerare` alone on a line. The caption
//! gives the role.

use super::segments::{after_title, classify, top_level_commas, Seg};
use super::titles::{is_title_word, role_word, title_role};
use super::{table, Person};
use crate::text::{fold, squash, Line};

/// A line that is one name and nothing else, perhaps with a party: `Ida Pettersen Vik (Ap)`.
pub(super) fn name_line(text: &str, line: &Line<'_>) -> Option<Person> {
    let (s, t) = line.trimmed();
    if t.is_empty() || t.contains(',') || t.len() > 80 {
        return None;
    }
    match classify(text, s, s + t.len()) {
        Seg::Persons {
            spans,
            party,
            org: None,
            ..
        } if spans.len() == 1 => {
            let mut p = Person::new(text, spans[0]);
            p.party = party;
            Some(p)
        }
        _ => None,
    }
}

/// A caption line under a signature: a title in its first two words, at most eight words, no
/// sentence (`ordfører`, `politisk sekretær`, `leiar i barne- og ungdomsutvalet`, `Nämndsekreterare`).
/// A title with a name after it (`Ordförande    Tomas Ek`) is a signer of its own, no caption.
fn caption_line(text: &str, line: &Line<'_>) -> bool {
    let (s, t) = line.trimmed();
    caption_text(text, s, s + t.len())
}

fn caption_text(text: &str, s: usize, e: usize) -> bool {
    let t = &text[s..e];
    // Cheap tests first: most lines fail one of them before the name analysis runs.
    if t.contains("  ")
        || t.contains('\t')
        || t.ends_with('.')
        || t.contains(':')
        || t.chars().any(|c| c.is_ascii_digit() || c == '@')
    {
        return false;
    }
    let ws: Vec<&str> = t.split_whitespace().collect();
    !ws.is_empty()
        && ws.len() <= 8
        && ws
            .iter()
            .take(2)
            .any(|w| is_title_word(w) || role_word(&fold(w)).is_some())
        && after_title(text, s, e).is_none()
        && !matches!(classify(text, s, e), Seg::Persons { .. })
}

/// A letter's closing greeting (`Med venlig hilsen`, `Vennlig hilsen`, `Med vänliga
/// hälsningar`, `Hälsningar`, `Mvh`).
fn greeting(t: &str) -> bool {
    let f = fold(t.trim_end_matches([',', '.', '!']));
    f == "mvh"
        || f.ends_with("hilsen")
        || f.ends_with("hilsner")
        || f.ends_with("halsning")
        || f.ends_with("halsningar")
        || f.ends_with("helsing")
        || f.ends_with("helsingar")
}

/// People who sign a notice or minutes: a name alone on its line with a caption below it
/// (`Ida Pettersen Vik (Ap)` / `ordfører`, `Eli Sæbø` / `sekretær`). The caption gives the role.
pub(crate) fn from_signatures(text: &str, lines: &[Line<'_>]) -> Vec<Person> {
    let mut out = Vec::new();
    for i in 0..lines.len().saturating_sub(1) {
        if lines[i + 1].is_blank() || !caption_line(text, &lines[i + 1]) {
            continue;
        }
        if let Some(mut p) = name_line(text, &lines[i]) {
            let cap = lines[i + 1].trimmed().1;
            p.role = role_word(&fold(&squash(cap))).or_else(|| title_role(cap));
            // `Med venlig hilsen` / Name / `Landdistriktskoordinator`: the sender of a letter
            // with a job title (no chair or secretary) attends nothing.
            if p.role.is_none() && i > 0 && greeting(lines[i - 1].trimmed().1) {
                continue;
            }
            out.push(p);
        }
    }
    // Signatures side by side: `Name (C)        Name` over `Ordförande        Sekreterare`,
    // each name over the caption that starts in its column.
    for i in 0..lines.len().saturating_sub(1) {
        if lines[i + 1].is_blank() {
            continue;
        }
        let names = table::cells(&lines[i]);
        if names.len() < 2 {
            continue;
        }
        let caps = table::cells(&lines[i + 1]);
        // Tab-separated cells line up by their order, not their character columns: a tab
        // after a long name and one after a short caption (`Name Surname\tName` over
        // `ordfører\tmøtesekretær`) leave the second cells at different columns.
        let by_order = names.len() == caps.len()
            && lines[i].text.contains('\t')
            && lines[i + 1].text.contains('\t');
        for (k, n) in names.iter().enumerate() {
            let Some(c) = caps
                .iter()
                .find(|c| c.col.abs_diff(n.col) <= 3)
                .or_else(|| by_order.then(|| &caps[k]))
            else {
                continue;
            };
            if !caption_text(text, c.s, c.e) || text[n.s..n.e].contains(',') {
                continue;
            }
            if let Seg::Persons {
                spans,
                party,
                org: None,
                ..
            } = classify(text, n.s, n.e)
            {
                if spans.len() == 1 {
                    let cap = &text[c.s..c.e];
                    let mut p = Person::new(text, spans[0]);
                    p.party = party;
                    p.role = role_word(&fold(&squash(cap))).or_else(|| title_role(cap));
                    out.push(p);
                }
            }
        }
    }
    // `Åke Jönsson, justerare` alone on a line under the minutes.
    for line in lines {
        let (s, t) = line.trimmed();
        // Cheap tests first: without a separator the line is one part.
        if t.len() > 80 || !t.contains([',', ';', '·']) {
            continue;
        }
        let parts = top_level_commas(text, s, s + t.len());
        if parts.len() != 2 {
            continue;
        }
        let role = role_word(&fold(&squash(&text[parts[1].0..parts[1].1])));
        if let (Some(r), Seg::Persons { spans, party, .. }) =
            (role, classify(text, parts[0].0, parts[0].1))
        {
            if spans.len() == 1 {
                let mut p = Person::new(text, spans[0]);
                p.party = party;
                p.role = Some(r);
                out.push(p);
            }
        }
    }
    out
}
