//! Lists of people (`Helena Astvald, Johan Kumlin (M), Tina Modin`): parts read into people
//! with their parties, organisations and roles, and substitutions inside a list (`Name (vara
//! for Name)`, `Name møtte for Name`). The block, speaker-line and statement readers hand their
//! list text here.

use std::sync::LazyLock;

use regex::Regex;

use super::names::names_in;
use super::segments::{classify, conj_split, top_level_commas, Seg};
use super::{is_party, table, Person};
use crate::text::squash;
use crate::{Role, Status};

/// A substitution inside a list: `ersättare för Tore Näslund (S)` (the person named is absent,
/// the one before serves) or `møtte ved vararepresentant Håvard Sørensen (H)`, `stedfortræder
/// Hanne Søgaard (V) deltog` (the person named serves, the one before is absent).
pub(super) static SUB_FOR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:^|\s)(?:(?:(?:tjänstgörande|tjanstgorande|tjenestegjørende|tenestegjerande)\s+)?(?:ersättare|ersattare|stedfortræder|stedfortreder|vararepresentant|varamedlem|varamand|vara|suppleant|tjänstgör|tjänstgjorde|ersätter|ersatte|møtte|mødte|møder|møter)\s+(?:för|for)|(?:ersätter|ersatte|erstatter|erstattet|erstattede|erstattar|erstatta)|(?:(?:er|är|var|blev|ble|vart|har\s+været)\s+)?(?:indkaldt|innkalt|innkalla|inkallad|kallad)\s+(?:(?:som\s+\p{Latin}+|i\s+stedet)\s+)?(?:för|for)|i\s+stället\s+för|istället\s+för|i\s+stedet\s+for|i\s+staden\s+for)\s+")
        .expect("valid regex")
});
/// `Randi Lie (vara for Per Holm)`, `Eva Ek (S) (ersättare för Bo Ek)`, `Lars Bak (for Ib
/// Dal)`: a trailing parenthesis naming whom the person before it replaces.
static SUB_PAREN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\(\s*(?:(?:vara|varamedlem|vararepresentant|ersättare|ersattare|stedfortræder|stedfortreder|suppleant|varamand|tjänstgör|tjänstgörande|møter|møder|møtte|mødte)\s+)?(?:för|for|i\s+stället\s+för|istället\s+för|i\s+stedet\s+for|i\s+staden\s+for)\s+(?P<n>[^()]+?(?:\s*\([^()]{1,12}\))?)\s*\)\s*$")
        .expect("valid regex")
});
/// `Siri Lunde (Ap) for Anne Bø`: a member with a party serving for another.
pub(super) static SUB_PARTY_FOR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\s+(?:for|för)\s+").expect("valid regex"));
pub(super) static SUB_BY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:^|\s)(?:som\s+)?(?:(?:møtte|møtt|mødte|mött|var|er)\s+)?(?:(?:ved|vid|v\.|med)\s*)?(?:stedfortræderen|stedfortræder|stedfortrederen|stedfortreder|vararepresentanten|vararepresentant|varamedlemmet|varamedlem|varamanden|varamand|suppleanten|suppleant)\s+")
        .expect("valid regex")
});
static SUB_VERB_TAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\s+(?:deltog|deltok|deltar|deltager|deltek|møtte|mødte|møtt|mötte|tjänstgjorde|tjänstgör)\W*$")
        .expect("valid regex")
});

/// The comma parts of a list with a spaced dash split off each part's end when what follows it
/// is a party, role, title or organisation (`Hanne Lund – Ø`, `Eli Moe, leiar – Volda skule`):
/// `(start, end, is_tail)`.
fn dash_tails(text: &str, parts: Vec<(usize, usize)>) -> Vec<(usize, usize, bool)> {
    let mut out = Vec::with_capacity(parts.len());
    for (a, b0) in parts {
        // `Name / Sp / leiar`: cut tails off the end one after the other.
        let mut b = b0;
        let mut tails: Vec<(usize, usize)> = Vec::new();
        loop {
            let seg = &text[a..b];
            let cut = DASH_SEP.find_iter(seg).last().and_then(|m| {
                let (ts, te) = crate::text::trim_span(text, a + m.end(), b, &['.']);
                let head = text[a..a + m.start()].trim();
                // After one person's name (perhaps with a party: `Name (A) – byrådsmedlem`) any
                // title may follow (`Name – byrådsmedlem, Venstre`), and a capitalised run is
                // where the person comes from (`Name – Kirkens Korshær Vejle`), not a second
                // person.
                let person_head = || {
                    let (hs, mut he) = crate::text::trim_span(text, a, a + m.start(), &[]);
                    if let Some(p) = text[hs..he].strip_suffix(')').and_then(|h| h.rfind('(')) {
                        if is_party(&text[hs + p + 1..he - 1]) {
                            he = crate::text::trim_span(text, hs, hs + p, &[]).1;
                        }
                    }
                    hs < he
                        && (names_in(text, hs, he).is_some_and(|v| v.len() == 1)
                            // `Name, formand – Herberget Lysglimt`: the role part after the
                            // name's comma.
                            || matches!(classify(text, hs, he), Seg::Role(_)))
                };
                let ok = ts < te
                    && !head.is_empty()
                    && (is_party(&text[ts..te])
                        || match classify(text, ts, te) {
                            Seg::Org(_) | Seg::Role(_) | Seg::Title { role: Some(_), .. } => true,
                            Seg::Title { role: None, .. } => person_head(),
                            Seg::Persons { party: None, .. } => {
                                !text[a + m.start()..ts].contains('/')
                                    && !text[ts..te].contains(['(', ')'])
                                    && person_head()
                            }
                            _ => false,
                        });
                ok.then_some((a + m.start(), ts, te))
            });
            match cut {
                Some((m, ts, te)) => {
                    tails.push((ts, te));
                    b = m;
                    // Only the slash separates several columns; a dash is cut once.
                    if !text[m..ts].contains('/') {
                        break;
                    }
                }
                None => break,
            }
        }
        out.push((a, b, false));
        out.extend(tails.into_iter().rev().map(|(ts, te)| (ts, te, true)));
    }
    out
}

static DASH_SEP: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[ \t]+[–—/-][ \t]+").expect("valid regex"));

/// Parses a list of people such as `Helena Astvald, Johan Kumlin (M), Tina\nModin` or
/// `Kristine Laake, Reach for Change og Marie Harbo Dahle, SoCentral`.
pub(crate) fn parse_list(text: &str, s: usize, e: usize) -> Vec<Person> {
    let mut out: Vec<Person> = Vec::new();
    let mut pending: Vec<usize> = Vec::new();
    let mut last_was_person = false;
    // `direktør for Sundhed og Omsorg, Søren Kjær Østergaard`: a title before the name.
    let mut title_before: Option<(Option<String>, Option<Role>)> = None;
    for (cs, ce, tail) in dash_tails(text, top_level_commas(text, s, e)) {
        let seg = text[cs..ce].trim();
        // `Name – A`, `Name, leiar – Volda skule`: a party, role or organisation after a dash
        // (never a person: `Tema – Name` is a speaker line).
        if tail {
            if let (true, Some(p)) = (last_was_person, out.last_mut()) {
                if is_party(seg) {
                    p.party
                        .get_or_insert_with(|| seg.trim_matches(['(', ')']).to_string());
                } else {
                    match classify(text, cs, ce) {
                        Seg::Org(o) if p.org.is_none() || p.org_weak => {
                            p.org = Some(o);
                            p.org_weak = false;
                        }
                        // Cut only after one person's name: the capitalised run is a body.
                        Seg::Persons { .. } if p.org.is_none() || p.org_weak => {
                            p.org = Some(squash(seg));
                            p.org_weak = false;
                        }
                        Seg::Role(r) => p.role = Some(r),
                        Seg::Title { role: Some(r), .. } => {
                            p.role.get_or_insert(r);
                        }
                        _ => {}
                    }
                }
            }
            continue;
        }
        // `Name, S`: a party after a comma.
        if last_was_person && is_party(seg) {
            if let Some(p) = out.last_mut() {
                p.party
                    .get_or_insert_with(|| seg.trim_matches(['(', ')']).to_string());
            }
            continue;
        }
        // `Name, S, för Name, S`, `Name – skule, for Name`: the one before serves for the one
        // named.
        if last_was_person {
            if let Some(g) = table::replaced(text, cs, ce) {
                if let Some(p) = out.last_mut() {
                    p.status = Some(Status::Substitute);
                }
                out.push(g);
                pending.clear();
                continue;
            }
        }
        // `Name (vara for Name)`: the one before serves, the one named is absent.
        if let Some(c) = SUB_PAREN.captures(&text[cs..ce]) {
            let (m0, n) = (c.get(0).expect("group 0"), c.name("n").expect("group n"));
            let named = parse_list(text, cs + n.start(), cs + n.end());
            let before = parse_list(text, cs, cs + m0.start());
            if named.len() == 1 && before.len() == 1 {
                for mut p in before {
                    p.status = Some(Status::Substitute);
                    out.push(p);
                }
                for mut p in named {
                    p.status = Some(Status::Absent);
                    out.push(p);
                }
                pending.clear();
                last_was_person = true;
                continue;
            }
        }
        // Substitutions: split the segment at the clause and set both statuses.
        let sub = SUB_FOR
            .find(&text[cs..ce])
            .map(|m| (m, Status::Absent, Status::Substitute))
            .or_else(|| {
                SUB_PARTY_FOR
                    .find_iter(&text[cs..ce])
                    .find(|m| {
                        if !text[cs..cs + m.start()].ends_with(')') {
                            return false;
                        }
                        let tail = cs + m.end();
                        let stop = text[tail..ce].find('(').map_or(ce, |p| tail + p);
                        let (a, b) =
                            crate::text::trim_span(text, tail, stop, &['.', ',', ';', ' ', '\n']);
                        a < b && names_in(text, a, b).is_some_and(|v| v.len() == 1)
                    })
                    .map(|m| (m, Status::Absent, Status::Substitute))
            })
            .or_else(|| {
                SUB_BY
                    .find(&text[cs..ce])
                    .map(|m| (m, Status::Substitute, Status::Absent))
            });
        if let Some((m, named, other)) = sub {
            let (ms, me) = (cs + m.start(), cs + m.end());
            let mut ne = ce;
            if let Some(v) = SUB_VERB_TAIL.find(&text[me..ce]) {
                ne = me + v.start();
            }
            let before = if text[cs..ms].trim().is_empty() {
                None
            } else {
                let b = parse_list(text, cs, ms);
                (!b.is_empty()).then_some(b)
            };
            match before {
                Some(b) => {
                    for mut p in b {
                        p.status = Some(other);
                        out.push(p);
                    }
                }
                None => {
                    if let (true, Some(p)) = (last_was_person, out.last_mut()) {
                        p.status = Some(other);
                    }
                }
            }
            for mut p in parse_list(text, me, ne) {
                p.status = Some(named);
                out.push(p);
            }
            pending.clear();
            last_was_person = true;
            continue;
        }
        for (a, b) in conj_split(text, cs, ce) {
            match classify(text, a, b) {
                Seg::Persons {
                    spans,
                    party,
                    org,
                    weak,
                    role,
                } => {
                    if !last_was_person {
                        pending.clear();
                    }
                    let (torg, trole) = title_before.take().unwrap_or((None, None));
                    let one = spans.len() == 1;
                    for sp in spans {
                        let mut p = Person::new(text, sp);
                        if one {
                            p.party.clone_from(&party);
                            p.role = role.or(trole);
                        }
                        if let Some(o) = org.as_ref().or(torg.as_ref()) {
                            p.org = Some(o.clone());
                        } else {
                            if let Some(w) = &weak {
                                p.org = Some(w.clone());
                                p.org_weak = true;
                            }
                            pending.push(out.len());
                        }
                        out.push(p);
                    }
                    last_was_person = true;
                }
                Seg::Org(o) => {
                    for &i in &pending {
                        if out[i].org.is_none() || out[i].org_weak {
                            out[i].org = Some(o.clone());
                            out[i].org_weak = false;
                        }
                    }
                    pending.clear();
                    last_was_person = false;
                    title_before = None;
                }
                Seg::Title { org, role } => {
                    if pending.is_empty() && !last_was_person {
                        title_before = Some((org, role));
                    } else {
                        if let Some(o) = org {
                            for &i in &pending {
                                if out[i].org.is_none() {
                                    out[i].org = Some(o.clone());
                                    out[i].org_weak = true;
                                }
                            }
                        }
                        if let (Some(r), true, Some(p)) = (role, last_was_person, out.last_mut()) {
                            p.role.get_or_insert(r);
                        }
                    }
                    last_was_person = false;
                }
                Seg::Role(r) => {
                    if let Some(p) = out.last_mut() {
                        p.role = Some(r);
                    }
                }
                Seg::Nothing => {}
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(s: &str) -> Vec<String> {
        parse_list(s, 0, s.len())
            .into_iter()
            .map(|p| {
                format!(
                    "{}|{}|{}",
                    p.name,
                    p.party.unwrap_or_default(),
                    p.org.unwrap_or_default()
                )
            })
            .collect()
    }

    #[test]
    fn lists() {
        assert_eq!(
            names("Kerstin Hellberg Anna Fogel."),
            ["Kerstin Hellberg||", "Anna Fogel||"]
        );
        assert_eq!(
            names("Johan Kumlin (M), Tina\nModin"),
            ["Johan Kumlin|M|", "Tina Modin||"]
        );
        assert_eq!(
            names("Kristine Laake, Reach for Change og Marie Harbo Dahle, SoCentral"),
            [
                "Kristine Laake||Reach for Change",
                "Marie Harbo Dahle||SoCentral"
            ]
        );
        assert_eq!(
            names("Johan Hörnemalm och Catarina Lundqvist, Norrbottens Kommuner"),
            [
                "Johan Hörnemalm||Norrbottens Kommuner",
                "Catarina Lundqvist||Norrbottens Kommuner"
            ]
        );
        assert_eq!(
            names("Lone Tinor-Centi, Chef for Frivilligafdelingen, Dansk flyktninghjelp"),
            ["Lone Tinor-Centi||Dansk flyktninghjelp"]
        );
    }
}
