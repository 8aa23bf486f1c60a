//! Block labels: the words that open a block of people (`Närvarande:`, `Forfall`, `Udvalgets
//! medlemmer som mødte:`, `Fra administrasjonen`) and the status and role each gives. A long
//! table and the rules for finding a label at a line's start, apart from the block reader that
//! uses them.

use std::sync::LazyLock;

use super::names::words;
use crate::text::{fold, match_label, LabelTable};
use crate::{Role, Status};

/// Labels that open a block of people, with the status and role they give.
pub(super) type Block = (Option<Status>, Option<Role>);
const BLOCK_LABELS: &[(&str, Block)] = &[
    ("närvarande", (Some(Status::Present), None)),
    ("närvarolista", (Some(Status::Present), None)),
    ("deltagarlista", (Some(Status::Present), None)),
    ("deltakarliste", (Some(Status::Present), None)),
    ("deltakerliste", (Some(Status::Present), None)),
    ("deltagerliste", (Some(Status::Present), None)),
    ("fremmødeliste", (Some(Status::Present), None)),
    ("oppmøteliste", (Some(Status::Present), None)),
    (
        "närvarande ledamöter",
        (Some(Status::Present), Some(Role::Member)),
    ),
    ("beslutande", (Some(Status::Present), Some(Role::Member))),
    (
        "beslutande ledamöter",
        (Some(Status::Present), Some(Role::Member)),
    ),
    ("ledamöter", (Some(Status::Present), Some(Role::Member))),
    ("ledamot", (None, Some(Role::Member))),
    ("medlem", (None, Some(Role::Member))),
    ("ersättare, ej tjg.", (Some(Status::Substitute), None)),
    ("ersättare ej tjg.", (Some(Status::Substitute), None)),
    (
        "ersättare, ej tjänstgörande",
        (Some(Status::Substitute), None),
    ),
    (
        "ersättare ej tjänstgörande",
        (Some(Status::Substitute), None),
    ),
    ("ej tjg. ersättare", (Some(Status::Substitute), None)),
    ("ej tjg ersättare", (Some(Status::Substitute), None)),
    (
        "møtande medlemmer",
        (Some(Status::Present), Some(Role::Member)),
    ),
    ("udvalgssekretær", (None, Some(Role::Secretary))),
    ("mødesekretær", (None, Some(Role::Secretary))),
    ("tjänstgörande ersättare", (Some(Status::Substitute), None)),
    ("ersättare", (Some(Status::Substitute), None)),
    // Substitutes who attend without serving: still `substitute`, no role.
    (
        "ej tjänstgörande ersättare",
        (Some(Status::Substitute), None),
    ),
    (
        "icke tjänstgörande ersättare",
        (Some(Status::Substitute), None),
    ),
    ("närvarande ersättare", (Some(Status::Substitute), None)),
    ("övriga ersättare", (Some(Status::Substitute), None)),
    (
        "tjänstgörande ledamöter",
        (Some(Status::Present), Some(Role::Member)),
    ),
    ("övriga deltagande", (Some(Status::Present), None)),
    ("övriga närvarande", (Some(Status::Present), None)),
    ("övriga deltagare", (Some(Status::Present), None)),
    ("frånvarande", (Some(Status::Absent), None)),
    ("deltagare", (Some(Status::Present), None)),
    ("deltagere", (Some(Status::Present), None)),
    ("deltakere", (Some(Status::Present), None)),
    ("deltakarar", (Some(Status::Present), None)),
    ("til stede", (Some(Status::Present), None)),
    ("tilstede", (Some(Status::Present), None)),
    ("til stades", (Some(Status::Present), None)),
    ("tilstedeværende", (Some(Status::Present), None)),
    ("møtt", (Some(Status::Present), None)),
    ("møtte", (Some(Status::Present), None)),
    ("fremmøtte", (Some(Status::Present), None)),
    ("fremmødte", (Some(Status::Present), None)),
    ("mødt", (Some(Status::Present), None)),
    ("mødte", (Some(Status::Present), None)),
    (
        "møtende medlemmer",
        (Some(Status::Present), Some(Role::Member)),
    ),
    ("møtende varamedlemmer", (Some(Status::Substitute), None)),
    ("møtende varamedlem", (Some(Status::Substitute), None)),
    ("møtende vararepresentant", (Some(Status::Substitute), None)),
    (
        "møtende vararepresentanter",
        (Some(Status::Substitute), None),
    ),
    ("varamedlemmer", (Some(Status::Substitute), None)),
    ("varamedlemer", (Some(Status::Substitute), None)),
    ("varamedlem", (Some(Status::Substitute), None)),
    ("vara", (Some(Status::Substitute), None)),
    ("vararepresentant", (Some(Status::Substitute), None)),
    ("stedfortræder", (Some(Status::Substitute), None)),
    ("stedfortreder", (Some(Status::Substitute), None)),
    ("suppleant", (Some(Status::Substitute), None)),
    ("fraværende med afbud", (Some(Status::Absent), None)),
    ("med afbud", (Some(Status::Absent), None)),
    ("fravær med forfall", (Some(Status::Absent), None)),
    ("fraværende med forfall", (Some(Status::Absent), None)),
    ("förhinder", (Some(Status::Absent), None)),
    ("anmält förhinder", (Some(Status::Absent), None)),
    ("forfall", (Some(Status::Absent), None)),
    ("meldt forfall", (Some(Status::Absent), None)),
    ("fravær", (Some(Status::Absent), None)),
    ("fraværende", (Some(Status::Absent), None)),
    ("afbud", (Some(Status::Absent), None)),
    ("afbud fra", (Some(Status::Absent), None)),
    ("medverkande", (None, Some(Role::Speaker))),
    ("medvirkende", (None, Some(Role::Speaker))),
    ("gästföreläsare", (None, Some(Role::Speaker))),
    ("föreläsare", (None, Some(Role::Speaker))),
    ("talare", (None, Some(Role::Speaker))),
    ("talere", (None, Some(Role::Speaker))),
    ("foredragsholder", (None, Some(Role::Speaker))),
    ("foredragsholdere", (None, Some(Role::Speaker))),
    ("oplægsholder", (None, Some(Role::Speaker))),
    ("oplægsholdere", (None, Some(Role::Speaker))),
    ("innledere", (None, Some(Role::Speaker))),
    ("innledningar", (None, Some(Role::Speaker))),
    ("moderator", (None, Some(Role::Speaker))),
    // Who leads the talk at an event hosts it.
    ("ordstyrer", (None, Some(Role::Host))),
    ("ordstyrar", (None, Some(Role::Host))),
    ("samtalsledare", (None, Some(Role::Host))),
    ("samtalsleder", (None, Some(Role::Host))),
    ("samtalsleiar", (None, Some(Role::Host))),
    ("konferencier", (None, Some(Role::Host))),
    ("konferansier", (None, Some(Role::Host))),
    ("værter", (None, Some(Role::Host))),
    ("vært", (None, Some(Role::Host))),
    ("verter", (None, Some(Role::Host))),
    ("vert", (None, Some(Role::Host))),
    ("värdar", (None, Some(Role::Host))),
    ("värd", (None, Some(Role::Host))),
    ("ordförande", (None, Some(Role::Chair))),
    ("mötesordförande", (None, Some(Role::Chair))),
    ("møteleder", (None, Some(Role::Chair))),
    ("formand", (None, Some(Role::Chair))),
    ("mødeleder", (None, Some(Role::Chair))),
    ("ordf.", (None, Some(Role::Chair))),
    ("vice ordförande", (None, Some(Role::ViceChair))),
    ("1:e vice ordförande", (None, Some(Role::ViceChair))),
    ("2:e vice ordförande", (None, Some(Role::ViceChair))),
    ("förste vice ordförande", (None, Some(Role::ViceChair))),
    ("andre vice ordförande", (None, Some(Role::ViceChair))),
    ("vice ordf.", (None, Some(Role::ViceChair))),
    ("v. ordf.", (None, Some(Role::ViceChair))),
    ("v.ordf.", (None, Some(Role::ViceChair))),
    ("nestformann", (None, Some(Role::ViceChair))),
    ("varaordfører", (None, Some(Role::ViceChair))),
    ("varaordførar", (None, Some(Role::ViceChair))),
    ("sekr.", (None, Some(Role::Secretary))),
    ("nestleder", (None, Some(Role::ViceChair))),
    ("næstformand", (None, Some(Role::ViceChair))),
    ("sekreterare", (None, Some(Role::Secretary))),
    ("sekretær", (None, Some(Role::Secretary))),
    ("referent", (None, Some(Role::Secretary))),
    ("protokollförare", (None, Some(Role::Secretary))),
    ("protokollfører", (None, Some(Role::Secretary))),
    // Danish spells it with one `l`.
    ("protokolfører", (None, Some(Role::Secretary))),
    ("justerare", (None, Some(Role::Adjuster))),
    ("justeras av", (None, Some(Role::Adjuster))),
    ("justeres av", (None, Some(Role::Adjuster))),
    ("justerande", (None, Some(Role::Adjuster))),
    ("justeras", (None, Some(Role::Adjuster))),
    ("justeres", (None, Some(Role::Adjuster))),
    ("utses att justera", (None, Some(Role::Adjuster))),
    ("att justera", (None, Some(Role::Adjuster))),
    // A roster says who belongs, not who came: no status.
    ("medlemmer", (None, Some(Role::Member))),
    // `Arbeidstakernes representanter:`, `De ansattes repræsentanter:`: members for a group.
    ("representanter", (None, Some(Role::Member))),
    ("representantar", (None, Some(Role::Member))),
    ("repræsentanter", (None, Some(Role::Member))),
    ("medlemmar", (None, Some(Role::Member))),
    ("medlemer", (None, Some(Role::Member))),
    ("faste medlemmer", (None, Some(Role::Member))),
    ("kallade ledamöter", (None, Some(Role::Member))),
    ("kallade", (None, None)),
    ("innkalte medlemmer", (None, Some(Role::Member))),
    ("innkalla medlemer", (None, Some(Role::Member))),
    ("innkalla medlemmer", (None, Some(Role::Member))),
    ("indkaldte medlemmer", (None, Some(Role::Member))),
    ("kallade ledamöter och ersättare", (None, None)),
    ("innkalt", (None, Some(Role::Member))),
    ("innkalte", (None, Some(Role::Member))),
    ("innkalla", (None, Some(Role::Member))),
    ("indkaldt", (None, Some(Role::Member))),
    ("indkaldte", (None, Some(Role::Member))),
    (
        "møtande medlemer",
        (Some(Status::Present), Some(Role::Member)),
    ),
    ("ordinarie ledamöter", (None, Some(Role::Member))),
    // Officials and guests present.
    ("övriga", (Some(Status::Present), None)),
    ("övriga närvarande", (Some(Status::Present), None)),
    ("øvrige", (Some(Status::Present), None)),
    ("øvrige til stede", (Some(Status::Present), None)),
    ("øvrige deltagere", (Some(Status::Present), None)),
    ("andre til stede", (Some(Status::Present), None)),
    ("andre til stades", (Some(Status::Present), None)),
    ("andre tilstede", (Some(Status::Present), None)),
    ("andre fremmødte", (Some(Status::Present), None)),
    ("andre møtande", (Some(Status::Present), None)),
    ("også til stede", (Some(Status::Present), None)),
    ("desuden deltog", (Some(Status::Present), None)),
    ("endvidere deltog", (Some(Status::Present), None)),
    ("dessutom närvarande", (Some(Status::Present), None)),
    ("tjänstepersoner", (Some(Status::Present), None)),
    ("tjänstemän", (Some(Status::Present), None)),
    ("tjenestepersoner", (Some(Status::Present), None)),
    ("tenestepersonar", (Some(Status::Present), None)),
    ("embedsmænd", (Some(Status::Present), None)),
    ("administrationen", (Some(Status::Present), None)),
    ("administrasjonen", (Some(Status::Present), None)),
    ("forvaltningen", (Some(Status::Present), None)),
    ("förvaltningen", (Some(Status::Present), None)),
    ("gäster", (Some(Status::Present), None)),
    ("gjester", (Some(Status::Present), None)),
    ("gjestar", (Some(Status::Present), None)),
    ("gæster", (Some(Status::Present), None)),
    // Substitutes and absentees.
    ("møtende vara", (Some(Status::Substitute), None)),
    ("møtande varamedlemer", (Some(Status::Substitute), None)),
    ("møtande vara", (Some(Status::Substitute), None)),
    ("møtande varamedlem", (Some(Status::Substitute), None)),
    ("vararepresentanter", (Some(Status::Substitute), None)),
    ("suppleanter", (Some(Status::Substitute), None)),
    ("stedfortrædere", (Some(Status::Substitute), None)),
    ("frånvarande ledamöter", (Some(Status::Absent), None)),
    ("fråverande", (Some(Status::Absent), None)),
    ("ikke til stede", (Some(Status::Absent), None)),
    ("ikkje til stades", (Some(Status::Absent), None)),
    ("ikke mødt", (Some(Status::Absent), None)),
    ("ikke møtt", (Some(Status::Absent), None)),
    ("ikkje møtt", (Some(Status::Absent), None)),
    // Officers.
    ("ordfører", (None, Some(Role::Chair))),
    ("ordførar", (None, Some(Role::Chair))),
    ("leder", (None, Some(Role::Chair))),
    ("leiar", (None, Some(Role::Chair))),
    ("møteleiar", (None, Some(Role::Chair))),
    ("nestleiar", (None, Some(Role::ViceChair))),
    ("nämndsekreterare", (None, Some(Role::Secretary))),
    ("mötessekreterare", (None, Some(Role::Secretary))),
    ("møtesekretær", (None, Some(Role::Secretary))),
    ("utvalgssekretær", (None, Some(Role::Secretary))),
    ("protokollførar", (None, Some(Role::Secretary))),
];

/// The block labels, folded, longest first, indexed by first letter.
static FOLDED_BLOCKS: LazyLock<LabelTable<Block>> = LazyLock::new(|| LabelTable::new(BLOCK_LABELS));

/// A block label at the start of `t`: a known label (`Närvarande`, `Fra administrasjonen`), or
/// a short label before a colon that ends in one (`Udvalgets medlemmer:`, `Øvrige møtende
/// varamedlemmer:`), or `Fra`/`Frå`/`Från` + a definite noun before a colon (`Fra
/// forvaltningen:`, `Från kommunkansliet:`: officials present). Returns the label's length.
pub(super) fn block_label_at(t: &str) -> Option<(usize, Block)> {
    if let Some(hit) = FOLDED_BLOCKS
        .starting(t)
        .find_map(|(l, b)| match_label(t, l).map(|n| (n, *b)))
    {
        // `Til stede fra arbeidsgiver:`, `Närvarande från förvaltningen:`: a known label, then
        // where the people come from, before the colon.
        let rest = &t[hit.0..];
        if let Some(c) = rest.find(':').filter(|&c| c <= 80) {
            let q = fold(rest[..c].trim());
            // `Innkalla medlemer (namn / parti / verv):`: the columns named in parentheses.
            // Round 14: or who the people are (`Til stades (medlemer valde av kommunestyret
            // 18. oktober 2035):`), which may run longer; one parenthesis, nothing after it.
            let columns = q.starts_with('(') && q.ends_with(')') && q.matches('(').count() == 1;
            if columns {
                return Some((hit.0 + c, hit.1));
            }
            if c > 40 {
                return Some(hit);
            }
            // `Faste medlemmer som ikke møtte:`: the clause says who came.
            if let Some(st) = clause_status(&q) {
                return Some((hit.0 + c, with_clause(hit.1, st)));
            }
            let from = ["fra ", "fran ", "for "].iter().any(|f| q.starts_with(f));
            if from && q.split_whitespace().count() <= 3 {
                return Some((hit.0 + c, hit.1));
            }
        }
        return Some(hit);
    }
    let Some(colon) = t.find(':').filter(|&c| c > 0 && c <= 50) else {
        return heading_label(t);
    };
    let head = &t[..colon];
    let ws = words(head);
    // `Udvalgets medlemmer, der mødte:`, `Faste medlemer som ikkje møtte:`: a group label,
    // then a relative clause that decides the status.
    if let Some(k) = ws.iter().skip(1).position(|&(a, b)| {
        let w = &head[a..b];
        w.eq_ignore_ascii_case("som") || w.eq_ignore_ascii_case("der")
    }) {
        let (a, _) = ws[k + 1];
        let label = head[..a].trim_end_matches([' ', ',']);
        if let Some((st, b)) = clause_status(&fold(&head[a..])).zip(group_label(label)) {
            return Some((colon, with_clause(b, st)));
        }
    }
    if ws.len() < 2
        || ws.len() > 4
        || !head
            .chars()
            .all(|c| c.is_alphabetic() || c.is_whitespace() || c == '-')
    {
        return None;
    }
    let first = fold(&head[ws[0].0..ws[0].1]);
    if ws.len() <= 3 && matches!(first.as_str(), "fra" | "fran") {
        let last = fold(&head[ws[ws.len() - 1].0..ws[ws.len() - 1].1]);
        // `Frå dei tilsette:`, `Fra de ansatte:`: a plural after its determiner.
        let determiner =
            ws.len() == 3 && matches!(fold(&head[ws[1].0..ws[1].1]).as_str(), "de" | "dei" | "dom");
        let plural = last.ends_with("ne");
        if last.ends_with("en")
            || last.ends_with("et")
            || last.ends_with("a")
            || plural
            || determiner
        {
            return Some((colon, (Some(Status::Present), None)));
        }
    }
    for &(a, _) in ws.iter().skip(1) {
        let tail = &head[a..];
        if let Some(hit) = FOLDED_BLOCKS
            .starting(tail)
            .find_map(|(l, b)| (match_label(tail, l) == Some(tail.len())).then_some(*b))
        {
            return Some((colon, hit));
        }
    }
    None
}

/// The status a relative clause after a group label gives (`som møtte`, `der mødte`, `som
/// ikkje møtte`, `som hadde forfall`), folded: a verb of attending, negated or not, or a word of
/// absence. `None` for any other clause (`som velges`).
fn clause_status(q: &str) -> Option<Status> {
    let rest = q
        .trim_start_matches([',', ' '])
        .strip_prefix("som ")
        .or_else(|| q.trim_start_matches([',', ' ']).strip_prefix("der "))?;
    let ws: Vec<&str> = rest.split_whitespace().collect();
    if ws.len() > 5 {
        return None;
    }
    let negated = ws
        .iter()
        .any(|w| matches!(*w, "ikke" | "ikkje" | "inte" | "ej" | "icke"));
    let away = ws.iter().any(|w| {
        matches!(*w, "forfall" | "afbud")
            || w.starts_with("fravar")
            || w.starts_with("franvar")
            || w.starts_with("fraver")
    });
    let came = ws.iter().any(|w| {
        matches!(
            *w,
            "mott"
                | "motte"
                | "modt"
                | "modte"
                | "motet"
                | "deltok"
                | "deltog"
                | "deltar"
                | "deltager"
                | "deltek"
                | "narvarade"
                | "narvarande"
                | "stede"
                | "stades"
        )
    });
    if away || (negated && came) {
        Some(Status::Absent)
    } else if came {
        Some(Status::Present)
    } else {
        None
    }
}

/// A group label's block with a clause's status: an absence overrides, presence fills in
/// (`Varamedlemmer som møtte` stay substitutes).
fn with_clause(b: Block, st: Status) -> Block {
    match st {
        Status::Absent => (Some(Status::Absent), b.1),
        _ => (b.0.or(Some(st)), b.1),
    }
}

/// A whole group label (`Faste medlemmer`, `Udvalgets medlemmer`, `Varamedlemer`): a known
/// label that names people, or one to three words ending in one.
pub(super) fn group_label(label: &str) -> Option<Block> {
    let ws = words(label);
    if ws.is_empty() || ws.len() > 3 {
        return None;
    }
    ws.iter().find_map(|&(a, _)| {
        let tail = &label[a..];
        FOLDED_BLOCKS
            .starting(tail)
            .find_map(|(l, b)| (match_label(tail, l) == Some(tail.len())).then_some(*b))
            .filter(|b| b.0.is_some() || b.1 == Some(Role::Member))
    })
}

/// A heading alone on its line without a colon, two or three words ending in a known label
/// (`Udvalgets medlemmer`, `Møtande varamedlemmer`), or `Fra`/`Frå`/`Från` + a definite noun
/// (`Frå administrasjonen`): the whole line is the label.
fn heading_label(t: &str) -> Option<(usize, Block)> {
    if t.len() > 50 || !t.starts_with(char::is_uppercase) {
        return None;
    }
    let ws = words(t);
    if ws.len() < 2
        || ws.len() > 3
        || !t
            .chars()
            .all(|c| c.is_alphabetic() || c.is_whitespace() || c == '-')
    {
        return None;
    }
    let first = fold(&t[ws[0].0..ws[0].1]);
    let last = fold(&t[ws[ws.len() - 1].0..ws[ws.len() - 1].1]);
    if ws.len() == 2
        && matches!(first.as_str(), "fra" | "fran")
        && FOLDED_BLOCKS.labels().any(|l| l == last)
    {
        return Some((t.len(), (Some(Status::Present), None)));
    }
    for &(a, _) in ws.iter().skip(1) {
        let tail = &t[a..];
        if let Some(hit) = FOLDED_BLOCKS
            .starting(tail)
            .find_map(|(l, b)| (match_label(tail, l) == Some(tail.len())).then_some(*b))
        {
            // Only labels that name a group of people (`medlemmer`, `varamedlemmer`), not an
            // officer (`Ny leder` is a heading about a case).
            let group = hit.0.is_some() || hit.1 == Some(Role::Member);
            return group.then_some((t.len(), hit));
        }
    }
    None
}
