//! Attendee tables: rows whose cells (name, party, role, organisation, whom the person replaces)
//! stand in columns separated by tabs or runs of spaces, with or without a header row
//! (`Navn⇥Parti⇥Funktion`, `Funksjon   Navn   Parti`, `Namn  Parti  Møtte for`).

use std::sync::LazyLock;

use regex::Regex;

use super::segments::{classify, top_level_commas, Seg};
use super::titles::{is_title_word, role_word, title_role};
use super::{is_party, Person};
use crate::text::{fold, squash, Line};
use crate::{Role, Status};

/// What a table column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Col {
    Name,
    Party,
    Role,
    Org,
    /// Whom the person in the row serves for (`Møtte for`, `Stedfortræder for`).
    For,
    /// Anything else (`Merknad`, `Sak`, `Fra sak`): never a person.
    Other,
    /// Presence marks (`Närv.`, `Til stede`): `x` present, `–` absent, `x (för Name)` serving
    /// for the one named.
    Presence,
    /// Absence marks (`Forfall`, `Fravær`, `Afbud`): `x` absent; any other text is a note.
    Absence,
}

/// A cell: absolute byte span and its start in characters from the line's start.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Cell {
    pub s: usize,
    pub e: usize,
    pub col: usize,
}

/// The cells of a line split at tabs or at runs of two or more spaces (the leading indent is
/// no separator).
pub(crate) fn cells(line: &Line<'_>) -> Vec<Cell> {
    let t = line.text;
    if t.contains('|') {
        return pipe_cells(line);
    }
    // Most lines are prose: without a tab or two spacing characters in a row inside the text,
    // the line is one cell (its text without the indent and trailing space).
    let is_gap = |c: char| c == ' ' || c == '\t' || c == '\u{a0}';
    let body = t.trim_matches(is_gap);
    // Bytes, not characters: the gaps are ASCII but the no-break space (C2 A0), and no ASCII
    // byte occurs inside a multi-byte character.
    let split = {
        let b = body.as_bytes();
        let mut prev_gap = false;
        let mut hit = false;
        let mut i = 0;
        while i < b.len() {
            let (g, tab, n) = match b[i] {
                b'\t' => (true, true, 1),
                b' ' => (true, false, 1),
                0xC2 if b.get(i + 1) == Some(&0xA0) => (true, false, 2),
                _ => (false, false, 1),
            };
            if tab || (g && prev_gap) {
                hit = true;
                break;
            }
            prev_gap = g;
            i += n;
        }
        hit
    };
    if !split {
        if body.is_empty() {
            return Vec::new();
        }
        let lead = t.len() - t.trim_start_matches(is_gap).len();
        return vec![Cell {
            s: line.start + lead,
            e: line.start + lead + body.len(),
            col: t[..lead].chars().count(),
        }];
    }
    let mut out = Vec::new();
    let mut start: Option<(usize, usize)> = None;
    let mut gap_from: Option<usize> = None;
    let mut gap_len = 0usize;
    let mut tab = false;
    for (col, (i, c)) in t.char_indices().enumerate() {
        if is_gap(c) {
            if gap_from.is_none() {
                gap_from = Some(i);
                gap_len = 0;
                tab = false;
            }
            gap_len += 1;
            tab |= c == '\t';
            continue;
        }
        if let Some(g) = gap_from.take() {
            if let Some((s, sc)) = start {
                if tab || gap_len >= 2 {
                    out.push(Cell {
                        s: line.start + s,
                        e: line.start + g,
                        col: sc,
                    });
                    start = Some((i, col));
                }
            }
        }
        if start.is_none() {
            start = Some((i, col));
        }
    }
    if let Some((s, sc)) = start {
        let e = gap_from.unwrap_or(t.len());
        out.push(Cell {
            s: line.start + s,
            e: line.start + e,
            col: sc,
        });
    }
    out
}

/// The cells of a pipe table row (`16.15 | Velkomst | Name`): split at every `|`, each cell
/// trimmed; empty cells are kept (with `s == e`) so that cell `k` stays in column `k`. An outer
/// `|` at either end opens or closes no cell.
fn pipe_cells(line: &Line<'_>) -> Vec<Cell> {
    let t = line.text;
    let inner = t.trim();
    let lead = t.len() - t.trim_start().len();
    let inner_start = lead + usize::from(inner.starts_with('|'));
    let inner_end = lead + inner.len() - usize::from(inner.len() > 1 && inner.ends_with('|'));
    let mut out = Vec::new();
    let mut from = inner_start;
    let mut parts = t[inner_start..inner_end.max(inner_start)]
        .split('|')
        .peekable();
    while let Some(part) = parts.next() {
        let a = from + (part.len() - part.trim_start().len());
        let b = (from + part.trim_end().len()).max(a);
        out.push(Cell {
            s: line.start + a,
            e: line.start + b,
            col: t[..a].chars().count(),
        });
        from += part.len() + 1;
        if parts.peek().is_none() {
            break;
        }
    }
    out
}

/// The column a header cell names (folded, squashed).
fn header_kind(f: &str) -> Option<Col> {
    let f = f.trim_end_matches([':', '.']);
    Some(match f {
        "navn" | "namn" | "name" | "navn og parti" | "fornavn og efternavn" => Col::Name,
        "parti" | "parti/liste" | "liste" | "parti/gruppe" | "gruppe" | "politisk parti"
        | "partibeteckning" | "partitilhorighed" => Col::Party,
        "funktion" | "funksjon" | "rolle" | "roll" | "verv" | "hverv" | "titel" | "tittel"
        | "stilling" | "befattning" | "uppdrag" | "uppgift" => Col::Role,
        "reprasenterer"
        | "representerer"
        | "representerar"
        | "representant for"
        | "representant for organisation"
        | "organisation"
        | "organisasjon"
        | "forening"
        | "skole"
        | "skule"
        | "skola"
        | "virksomhed"
        | "verksamhet"
        | "arbeidsgiver"
        | "arbeidsgjevar"
        | "enhet"
        | "enhed"
        | "avdeling"
        | "afdeling"
        | "avdelning" => Col::Org,
        "motte for" | "motte i stedet for" | "modte for" | "mott for" | "for" | "i stedet for"
        | "i staden for" | "i stallet for" | "stedfortrader for" | "stedfortreder for"
        | "ersattare for" | "ersatter" | "erstatter" | "vara for" | "tjanstgor for" => Col::For,
        "merknad" | "merknader" | "merknadar" | "bemarkning" | "bemarkninger" | "anmarkning"
        | "kommentar" | "status" | "sak" | "saker" | "fra sak" | "til sak" | "nr" | "paragraf"
        | "§" => Col::Other,
        "fravar" | "forfall" | "afbud" | "fravaerende" | "franvarande" | "fraverande" => {
            Col::Absence
        }
        "tilstede" | "til stede" | "til stades" | "fremmodt" | "modt" | "deltog" | "deltok"
        | "mott" | "motte" | "narvarande" | "narv" | "narvaro" | "tilst" => Col::Presence,
        _ => return None,
    })
}

/// A header row: every cell names a column and one of them the name.
pub(super) struct Header {
    cols: Vec<(Col, usize)>,
    /// The status each column's group label gives its people (`Tjänstgörande ersättare` over
    /// a column of names: substitutes); `None` for a plain `Namn` column and other kinds.
    statuses: Vec<Option<Status>>,
}

/// A header row: every cell names a column (`Namn  Funksjon  Parti  Møtt  Forfall`) and one of
/// them the name. A group label naming people (`Ledamöter`, `Tjänstgörande ersättare`) heads a
/// name column too, giving its status to the names under it, but only beside a column of
/// another kind (`Parti`): two labels side by side are two lists, not a table.
pub(super) fn header(text: &str, line: &Line<'_>) -> Option<Header> {
    let cs = cells(line);
    if cs.len() < 2 {
        return None;
    }
    let mut grouped = false;
    let mut cols = Vec::with_capacity(cs.len());
    let mut statuses = Vec::with_capacity(cs.len());
    for c in &cs {
        let cell = &text[c.s..c.e];
        if let Some(k) = header_kind(&fold(&squash(cell))) {
            cols.push((k, c.col));
            statuses.push(None);
        } else {
            let b = super::labels::group_label(cell.trim_end_matches(':'))?;
            grouped = true;
            cols.push((Col::Name, c.col));
            statuses.push(b.0);
        }
    }
    if grouped && cols.iter().all(|(k, _)| *k == Col::Name) {
        return None;
    }
    cols.iter()
        .any(|(k, _)| *k == Col::Name)
        .then_some(Header { cols, statuses })
}

impl Header {
    /// The status the first name column's group label gives (`Ledamöter`: present).
    pub(super) fn status(&self) -> Option<Status> {
        self.cols
            .iter()
            .position(|(k, _)| *k == Col::Name)
            .and_then(|i| self.statuses[i])
    }
}

/// `Stedfortræder for Søren Lykke`, `for Anders Hjort`, `møtte for Name`, `i stället för Name`:
/// the clause opening a cell or list part that names whom the person before it replaces.
pub(super) static SUB_LEAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(?:(?:stedfortræder|stedfortreder|vararepresentant|varamedlem|varamand|vara|suppleant|ersättare|ersattare|tjänstgörande|tjänstgör|tjenestegjørende|møtte|mødte|møter|møder|møtande|møtt|mødt)\s+)?(?:for|för|i\s+stedet\s+for|i\s+staden\s+for|i\s+stället\s+för|istället\s+för)\s+")
        .expect("valid regex")
});

/// The one person a `for Name` clause in `text[s..e]` names, absent.
pub(super) fn replaced(text: &str, s: usize, e: usize) -> Option<Person> {
    let m = SUB_LEAD.find(&text[s..e])?;
    match classify(text, s + m.end(), e) {
        Seg::Persons {
            spans, party, org, ..
        } if spans.len() == 1 => {
            let mut p = Person::new(text, spans[0]);
            p.party = party;
            p.org = org;
            p.status = Some(Status::Absent);
            Some(p)
        }
        _ => None,
    }
}

/// `Medlem`, `Ledamot`, `Medlem av utvalget`: an ordinary member.
fn member_word(f: &str) -> bool {
    matches!(
        f.split_whitespace().next().unwrap_or(""),
        "medlem" | "medlemmer" | "ledamot" | "ledamoter" | "member" | "representant"
    )
}

/// The role a role cell gives (`Leder`, `Næstformand`, `Medlem`, `Ordf.`).
fn cell_role(s: &str) -> Option<Role> {
    let f = fold(&squash(s));
    if member_word(&f) {
        return Some(Role::Member);
    }
    role_word(&f).or_else(|| {
        s.split_whitespace()
            .next()
            .filter(|w| is_title_word(w))
            .and_then(|_| title_role(s))
    })
}

/// One lowercase word naming a body in its definite form (`kommunestyret`, `formannskapet`,
/// `eldrerådet`, `byrådet`, `ungdomsrådet`, `styrelsen`), not a job title.
fn definite_body(cell: &str) -> bool {
    let c = cell.trim();
    let f = fold(c);
    !c.contains(char::is_whitespace)
        && f.chars().count() >= 6
        && f.chars().all(char::is_alphabetic)
        && !is_title_word(c)
        && [
            "styret",
            "radet",
            "skapet",
            "utvalget",
            "utvalet",
            "udvalget",
            "styrelsen",
            "namnden",
        ]
        .iter()
        .any(|x| f.ends_with(x))
}

/// The people of one table row (`Leder⇥Ole Hansen⇥AP`, `Ulla Berg   A   Stedfortræder for Per
/// Dal`, `Anne Holm (formand)⇥Haarby Borgerforening`): the row's person with the party, role and
/// organisation its other cells give, and whom it replaces. Empty unless exactly one cell is a
/// person (a `for` cell aside) and, without a header, every other cell is a party, role, title,
/// organisation or substitution.
pub(super) fn row(text: &str, line: &Line<'_>, header: Option<&Header>) -> Vec<Person> {
    let cs = cells(line);
    if cs.len() < 2 {
        return Vec::new();
    }
    let tabbed = line.text.trim().contains(['\t', '|']);
    // `Namn  Parti  Namn  Parti`: a header whose columns repeat holds two people a row, side
    // by side; each group of cells is a row of its own under its half of the header.
    if let Some((left, right, at)) = header.and_then(Header::halves).filter(|_| !tabbed) {
        let (a, b): (Vec<Cell>, Vec<Cell>) = cs.iter().partition(|c| c.col + 2 < at);
        let mut out = group_row(text, &a, false, Some(&left));
        out.extend(group_row(text, &b, false, Some(&right)));
        return out;
    }
    group_row(text, &cs, tabbed, header)
}

impl Header {
    /// The two halves of a header whose column kinds repeat (`Namn Parti Namn Parti`), with
    /// the column where the second half starts.
    fn halves(&self) -> Option<(Header, Header, usize)> {
        let n = self.cols.len();
        if n < 4 || !n.is_multiple_of(2) {
            return None;
        }
        let (l, r) = self.cols.split_at(n / 2);
        let same = l.iter().zip(r).all(|(a, b)| a.0 == b.0);
        (same && l.iter().any(|c| c.0 == Col::Name)).then(|| {
            (
                Header {
                    cols: l.to_vec(),
                    statuses: self.statuses[..n / 2].to_vec(),
                },
                Header {
                    cols: r.to_vec(),
                    statuses: self.statuses[n / 2..].to_vec(),
                },
                r[0].1,
            )
        })
    }
}

/// `Name för Name`, `Name for Name` in one cell: the person serving and the one replaced
/// (absent), each exactly one person.
fn serving_for(text: &str, s: usize, e: usize) -> Option<(Person, Person)> {
    let cell = &text[s..e];
    let (at, k) = [" för ", " for "]
        .iter()
        .find_map(|k| cell.find(k).map(|at| (at, k.len())))?;
    let one = |a: usize, b: usize| match classify(text, a, b) {
        Seg::Persons { spans, party, .. } if spans.len() == 1 => {
            let mut p = Person::new(text, spans[0]);
            p.party = party;
            Some(p)
        }
        _ => None,
    };
    let p = one(s, s + at)?;
    let mut g = one(s + at + k, e)?;
    g.status = Some(Status::Absent);
    Some((p, g))
}

/// The mark opening a presence or absence cell (`x`, `X (för Name)`, `–`), lowercase.
fn mark_of(cell: &str) -> String {
    cell.to_lowercase()
        .split(|c: char| c.is_whitespace() || c == '(')
        .next()
        .unwrap_or("")
        .to_string()
}

/// One person's cells of a row (see [`row`]).
fn group_row(text: &str, cs: &[Cell], tabbed: bool, header: Option<&Header>) -> Vec<Person> {
    if cs.len() < 2 {
        return Vec::new();
    }
    let kind_of = |k: usize, c: &Cell| -> Option<Col> {
        let h = header?;
        if tabbed {
            (cs.len() <= h.cols.len()).then(|| h.cols[k].0)
        } else {
            h.cols
                .iter()
                .rev()
                .find(|(_, start)| *start <= c.col + 2)
                .or(h.cols.first())
                .map(|(kind, _)| *kind)
        }
    };
    let mut person: Option<Person> = None;
    let mut party: Option<String> = None;
    let mut role: Option<Role> = None;
    let mut org: Option<String> = None;
    let mut gone: Option<Person> = None;
    let mut present: Option<Status> = None;
    for (k, c) in cs.iter().enumerate() {
        let cell = text[c.s..c.e].trim();
        if cell.is_empty() {
            continue;
        }
        let kind = kind_of(k, c);
        if matches!(kind, Some(Col::Other)) {
            continue;
        }
        if matches!(kind, Some(Col::Absence)) {
            if matches!(mark_of(cell).as_str(), "x" | "✓" | "✔" | "ja" | "j") {
                present = Some(Status::Absent);
            }
            continue;
        }
        if matches!(kind, Some(Col::Presence)) {
            let f = cell.to_lowercase();
            let mark = f
                .split(|c: char| c.is_whitespace() || c == '(')
                .next()
                .unwrap_or("");
            if matches!(mark, "x" | "✓" | "✔" | "ja" | "j") {
                present = Some(Status::Present);
                if let Some(open) = cell.find('(') {
                    let a = c.s + (text[c.s..c.e].find('(').unwrap_or(open)) + 1;
                    let b = text[a..c.e].find(')').map_or(c.e, |x| a + x);
                    if let Some(g) = replaced(text, a, b) {
                        gone = Some(g);
                    }
                }
            } else if matches!(
                mark,
                "–" | "-" | "—" | "nej" | "nei" | "ej" | "ikke" | "ikkje"
            ) {
                present = Some(Status::Absent);
            }
            continue;
        }
        if kind != Some(Col::Name) {
            if let Some(p) = replaced(text, c.s, c.e) {
                gone = Some(p);
                continue;
            }
        }
        // A `Representerer` column holds the party when the cell is one (`SP`, `KrF`).
        if matches!(kind, Some(Col::Party))
            || (matches!(kind, None | Some(Col::Org)) && is_party(cell))
        {
            if is_party(cell) || (cell.chars().count() <= 4 && !cell.contains(char::is_numeric)) {
                party = Some(cell.trim_matches(['(', ')']).to_string());
                continue;
            }
            if kind.is_some() {
                continue;
            }
        }
        if matches!(kind, Some(Col::Role)) || kind.is_none() {
            if let Some(r) = cell_role(cell) {
                role = Some(r);
                continue;
            }
            if kind.is_some() {
                continue;
            }
        }
        let seg = classify(text, c.s, c.e);
        match (kind, seg) {
            (
                Some(Col::Name | Col::For) | None,
                Seg::Persons {
                    spans,
                    party: pp,
                    org: po,
                    role: pr,
                    ..
                },
            ) if spans.len() == 1 => {
                let mut p = Person::new(text, spans[0]);
                p.party = pp;
                p.org = po;
                p.role = pr;
                if kind == Some(Col::For) {
                    p.status = Some(Status::Absent);
                    gone = Some(p);
                } else if person.is_none() {
                    person = Some(p);
                } else {
                    return Vec::new();
                }
            }
            // `Name (S), ordf.`, `Name, ersättare`: a name cell holding a role too.
            (Some(Col::Name), _) => {
                // `Name för Name` in a name column (the party in a column of its own): the one
                // serving, then the one away.
                if let Some((p, g)) = serving_for(text, c.s, c.e).filter(|_| person.is_none()) {
                    person = Some(p);
                    gone = Some(g);
                    continue;
                }
                let mut found = super::parse_list(text, c.s, c.e);
                if found.len() != 1 || person.is_some() {
                    return Vec::new();
                }
                person = found.pop();
            }
            (Some(Col::For), _) => {}
            (Some(Col::Org) | None, _) => {
                // `Assens Kommune, referent`, `Plan- og Miljøudvalget, under punkt 3`: the
                // organisation, then roles.
                let parts = top_level_commas(text, c.s, c.e);
                for (n, &(a, b)) in parts.iter().enumerate() {
                    match classify(text, a, b) {
                        Seg::Role(r) => role = role.or(Some(r)),
                        Seg::Title { role: Some(r), .. } => role = role.or(Some(r)),
                        Seg::Org(o) if n == 0 => org = Some(o),
                        Seg::Persons { .. } if n == 0 && kind.is_some() => {
                            org = Some(squash(&text[a..b]));
                        }
                        // `kommunestyret`, `eldrerådet` in an organisation column without a
                        // header: a lowercase body (a definite noun, not a title) is one.
                        Seg::Title { role: None, .. }
                            if n == 0
                                && kind.is_none()
                                && parts.len() == 1
                                && definite_body(&text[a..b]) =>
                        {
                            org = Some(squash(&text[a..b]));
                        }
                        _ if n == 0 && kind.is_none() => return Vec::new(),
                        _ => {}
                    }
                }
            }
            _ => {}
        }
    }
    let Some(mut p) = person else {
        return Vec::new();
    };
    if p.party.is_none() {
        p.party = party;
    }
    if p.role.is_none() || role.is_some_and(|r| r != Role::Member) {
        p.role = role.or(p.role);
    }
    if p.org.is_none() {
        p.org = org;
    }
    if p.status.is_none() {
        p.status = present.or(header.and_then(Header::status));
    }
    let mut out = Vec::new();
    if let Some(g) = gone {
        p.status = Some(Status::Substitute);
        out.push(p);
        out.push(g);
    } else {
        out.push(p);
    }
    out
}
