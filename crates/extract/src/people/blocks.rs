//! Attendee blocks: a block label and the people under it (`Närvarande: …`, a heading over one
//! person a line, a label column, party groups), with the status and role the label gives, and
//! where such a block ends.

use std::sync::LazyLock;

use regex::Regex;

use super::columns::{column_gap, column_line, column_values, wrapped_label};
use super::labels::{block_label_at, Block};
use super::lists::{parse_list, SUB_BY, SUB_FOR, SUB_PARTY_FOR};
use super::names::{is_name_word, names_in};
use super::segments::{classify, top_level_commas, Seg};
use super::signatures::name_line;
use super::titles::{is_title_word, role_word};
use super::{is_party, table, Person};
use crate::text::{first_sentence_end, fold, Line};
use crate::{Role, Status};

/// Labels whose value may follow a copula (`Oplægsholdere er ...`, `Værter ... er ...`):
/// speakers and hosts only. `Administrationen er positiv til forslaget` is no list.
fn copula_ok(b: Block) -> bool {
    matches!(b.1, Some(Role::Speaker | Role::Host))
}

static COPULA: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:[^:]{0,150}?\s)?(?:er|är|e)(?:\s|$)").expect("valid regex"));

/// People from labelled blocks: `Närvarande: ...`, `MEDVERKANDE` + one per line,
/// `Oplægsholdere er ...`, `Værter på temadagen ... er ...`.
pub(crate) fn from_blocks(text: &str, lines: &[Line<'_>]) -> Vec<Person> {
    let mut out = Vec::new();
    // The status of a heading (`Beslutande`, `Til stede`) over column lines (`Ordförande
    // Name (C)`), which give a role but no status of their own; a blank line ends it.
    let mut inherited: Option<Status> = None;
    let mut i = 0;
    while i < lines.len() {
        if lines[i].is_blank() {
            inherited = None;
        }
        // `Namn  Funksjon  Parti  Møtt  Forfall`, `Ledamöter  Parti  Tjänstgörande ersättare
        // Parti`: a table's header row opens a block of rows on its own, under a heading or not.
        if lines[i].text.contains("  ") || lines[i].text.contains('\t') {
            if let Some(h) = table::header(text, &lines[i]) {
                let (people, ni) = heading_block(text, lines, i);
                let status = h.status().or(inherited);
                out.extend(people.into_iter().map(|mut p| {
                    p.status = p.status.or(status);
                    p
                }));
                i = ni.max(i + 1);
                continue;
            }
        }
        let (ls, t) = lines[i].trimmed();
        // `Tjänstgörande   Name, S` / `ersättare`: a label wrapped in its column.
        let hit = block_label_at(t);
        let wrapped = if hit.is_none() {
            wrapped_label(text, lines, i)
        } else {
            None
        };
        let Some((n, (status, role))) = hit.or(wrapped.map(|w| (w.0, w.1))) else {
            i += 1;
            continue;
        };
        let status = status.or(inherited);
        let rest = &t[n..];
        let after = rest.trim_start();
        // `Ordförande                Tomas Ek (C)`: a label and its value in two columns.
        let column = !after.is_empty() && !after.starts_with([':', '-', '–']) && column_gap(rest);
        // A heading whose lines are label lines (`Ordförande   Name (C)`, `Ledamöter Name (M),
        // Name (S)`): each line is a block of its own.
        // After a colon every line of the block must be one (`Til stede fra arbeidsgiver:` /
        // `Leder   kommunedirektør Name`); else it is a list whose lines may open with a title.
        let all_labels = || {
            lines[i + 1..]
                .iter()
                .take_while(|l| !l.is_blank())
                .all(|l| label_line(text, l))
        };
        if (after.is_empty() || (after == ":" && all_labels()))
            && i + 1 < lines.len()
            && label_line(text, &lines[i + 1])
        {
            inherited = status;
            i += 1;
            continue;
        }
        // `Sören Thörnblad` / `Ordförande`: a caption under a signature, not a heading — unless
        // people follow it at its indent (`Name (S)` / `Tjänstgörande ersättare` / `Name (L)`: a
        // sub-heading inside a list of members).
        let heads_rows = || {
            lines.get(i + 1).is_some_and(|l| {
                let (s2, t2) = l.trimmed();
                !l.is_blank()
                    && l.indent() == lines[i].indent()
                    && !parse_list(text, s2, s2 + t2.len()).is_empty()
            })
        };
        if after.is_empty() && i > 0 && name_line(text, &lines[i - 1]).is_some() && !heads_rows() {
            i += 1;
            continue;
        }
        let line_end = ls + t.len();
        let mut people = Vec::new();
        let mut next_i = i + 1;
        if column {
            // The value may wrap onto lines indented past the label; a line indented to the
            // value column may open with a role of its own (`Ordf.   Name, S` / `v. ordf.
            // Name, M`).
            let vs = line_end - after.len();
            let value_col = text[lines[i].start..vs].chars().count();
            let mut spans = vec![(vs, line_end)];
            let mut j = i + 1;
            if let Some((_, _, next)) = wrapped {
                spans.extend(next);
                j = i + 2;
            }
            while j < lines.len()
                && !lines[j].is_blank()
                && lines[j].indent() > lines[i].indent()
                && (lines[j].indent() + 1 >= value_col || !column_line(lines[j].trimmed().1))
            {
                let (s2, t2) = lines[j].trimmed();
                spans.push((s2, s2 + t2.len()));
                j += 1;
            }
            people = column_values(text, &spans);
            next_i = j;
        } else if let Some(r) = after.strip_prefix(':').or_else(|| after.strip_prefix('-')) {
            let vs = line_end - r.len();
            if r.trim().is_empty() {
                let (p, ni) = heading_block(text, lines, i + 1);
                people = p;
                next_i = ni;
            } else {
                // The block continues on following non-blank lines that are not new labels.
                // A line after one ending in a comma continues the list even when it opens
                // with a label word (`… 1:e vice` / `ordförande, …`); a colon inside a word
                // (`2:e`) is no label.
                let mut j = i + 1;
                // A programme row (`08.40–09.00 Frågor`) under a speaker list ends it.
                while j < lines.len()
                    && !lines[j].is_blank()
                    && (lines[j - 1].trimmed().1.ends_with(',')
                        || (!opens_block(lines[j].trimmed().1)
                            && !has_label_colon(lines[j].text)
                            && !opens_with_time(lines[j].trimmed().1)
                            && !prose_sentence(lines[j].trimmed().1)))
                {
                    j += 1;
                }
                let end = lines[j - 1].trimmed().0 + lines[j - 1].trimmed().1.len();
                // A line ending in a comma or a lowercase word (`… (H) for`) runs on; one ending
                // in a role after a comma (`Name (A), formand`) closes its entry.
                let runs_on = (i..j - 1).any(|k| {
                    let t = lines[k].trimmed().1;
                    let closing_role = t
                        .rsplit_once(',')
                        .is_some_and(|(_, r)| role_word(&fold(r.trim())).is_some());
                    t.ends_with(',')
                        || titled_given_name(t)
                        || (ends_with_name_word(t) && lone_surname(lines[k + 1].trimmed().1))
                        || (!closing_role
                            && t.rsplit(char::is_whitespace)
                                .next()
                                .is_some_and(|w| w.starts_with(char::is_lowercase)))
                });
                let one_per_line = j - i > 1
                    && !runs_on
                    && ((i..j).all(|k| lines[k].text.matches(',').count() <= 1)
                        || (i + 1..j).all(|k| starts_with_person(text, &lines[k])));
                // `Forfall: Name (H). Vara: Name (H)`: a second label on the same line. When the
                // block wraps (`Til stede: 19 av 21. Forfall: Name og Name` / `(SV). Vara …`),
                // the second label's list runs on to its first sentence end.
                let inline = inline_label(text, vs, line_end);
                if let Some((p, ls2, (st2, role2))) = inline {
                    people = parse_list(text, vs, p);
                    let e2 = if j == i + 1 {
                        line_end
                    } else {
                        list_end(text, ls2, end.max(ls2))
                    };
                    for mut q in parse_list(text, ls2, e2) {
                        q.role = q.role.or(role2);
                        q.status = q.status.or(st2);
                        out.push(q);
                    }
                } else if one_per_line {
                    people.extend(parse_list(text, vs, line_end));
                    for line in &lines[i + 1..j] {
                        let (s2, t2) = line.trimmed();
                        people.extend(parse_list(text, s2, s2 + t2.len()));
                    }
                } else {
                    people = parse_list(text, vs, list_end(text, vs, end.max(vs)));
                }
                next_i = j;
            }
        } else if after.is_empty() {
            let (p, ni) = heading_block(text, lines, i + 1);
            people = p;
            next_i = ni;
        } else if let Some(m) = COPULA.find(after).filter(|_| copula_ok((status, role))) {
            let vs = line_end - after.len() + m.end();
            // The sentence may wrap onto following lines of the paragraph.
            let mut j = i + 1;
            while j < lines.len() && !lines[j].is_blank() {
                j += 1;
            }
            let para_end = lines[j - 1].trimmed().0 + lines[j - 1].trimmed().1.len();
            let se = first_sentence_end(text, vs, para_end.max(vs));
            people = parse_list(text, vs, se);
        } else if bare_list(text, line_end - after.len(), line_end) {
            // `Ordf. Name (C)`, `Ledamöter Name (M), Name (S)`: a column layout whose gap was
            // lost; the rest of the line is nothing but people and their roles.
            people = parse_list(text, line_end - after.len(), line_end);
        }
        for mut p in people {
            if p.role.is_none() {
                p.role = role;
            }
            if p.status.is_none() {
                p.status = status;
            }
            out.push(p);
        }
        i = next_i.max(i + 1);
    }
    out
}

/// `…, miljømedarbejder Tina` at a line's end: a list part that is a lowercase job title and one
/// capitalised word is a name cut by the line break (a name has two words), so the line runs on.
fn titled_given_name(t: &str) -> bool {
    let part = t.rsplit([',', ':']).next().unwrap_or(t);
    let ws: Vec<&str> = part.split_whitespace().collect();
    ws.len() >= 2
        && is_name_word(ws[ws.len() - 1])
        && ws[ws.len() - 2].starts_with(char::is_lowercase)
        && is_title_word(ws[ws.len() - 2])
}

/// A line ending in a capitalised word (`… og rådgiver Siv Anne`).
fn ends_with_name_word(t: &str) -> bool {
    t.split_whitespace().next_back().is_some_and(is_name_word)
}

/// `Lunde (sekretær)`, `Lunde, rådgiver`, `Lunde`: a line opening with one capitalised word
/// that a parenthesis, a comma or the line's end closes. Alone it is no name (a name has two
/// words), so it ends a name wrapped from the line above (`… og rådgiver Siv Anne` / `Lunde`).
fn lone_surname(t: &str) -> bool {
    let head = t.split(['(', ',', '.']).next().unwrap_or(t);
    let ws: Vec<&str> = head.split_whitespace().collect();
    ws.len() == 1 && is_name_word(ws[0]) && !is_title_word(ws[0])
}

/// `08.40–09.00 Frågor`, `9:15 Kaffe`, `Kl. 10.00 Velkomst`: a line opening with a clock time.
fn opens_with_time(t: &str) -> bool {
    let t = ["Kl.", "kl.", "Kl ", "kl "]
        .iter()
        .find_map(|k| t.strip_prefix(k))
        .map_or(t, str::trim_start);
    let b = t.as_bytes();
    let h = b.iter().take_while(|c| c.is_ascii_digit()).count();
    (1..=2).contains(&h)
        && b.len() >= h + 3
        && matches!(b[h], b'.' | b':')
        && b[h + 1].is_ascii_digit()
        && b[h + 2].is_ascii_digit()
        && b.get(h + 3).is_none_or(|c| !c.is_ascii_digit())
}

/// Where a run-on list after a label ends: at a sentence end after a name or a parenthesis
/// (`… og Name. Name har meldt forfall; …`), never at an abbreviation (`ordf.`, `sekr.`).
fn list_end(text: &str, s: usize, e: usize) -> usize {
    let t = &text[s..e];
    for (i, _) in t.match_indices(". ") {
        let before = &t[..i];
        let w = before
            .rsplit(|c: char| c.is_whitespace() || c == '(')
            .next()
            .unwrap_or("");
        let named = w.ends_with(')')
            || (w.starts_with(char::is_uppercase)
                && w.chars().filter(|c| c.is_lowercase()).count() >= 2
                && !w.contains('.'));
        let next_upper = t[i + 1..]
            .trim_start()
            .starts_with(|c: char| c.is_uppercase());
        if named && next_upper {
            return s + i + 1;
        }
    }
    e
}

/// `Protokollen underskrives av leder og Name.`: a line of running prose right under a list
/// line (no blank line between) is no more of the list. It opens with a capitalised word that is
/// no title or role, followed by a lowercase word (so no name opens it), has at least four words
/// and ends in a period. A wrapped list line (`Name (AP), Name (H)`, `Ordfører Name`, `Vara for
/// Name.`) does not look so.
fn prose_sentence(t: &str) -> bool {
    let ws: Vec<&str> = t.split_whitespace().collect();
    if ws.len() < 4 || !t.ends_with('.') {
        return false;
    }
    let (a, b) = (ws[0], ws[1]);
    a.starts_with(char::is_uppercase)
        && a.chars().all(char::is_alphabetic)
        && !is_title_word(a)
        && role_word(&fold(a)).is_none()
        && block_label_at(t).is_none()
        && b.chars().all(|c| c.is_alphabetic() && c.is_lowercase())
        && !matches!(
            b,
            "van" | "von" | "de" | "af" | "der" | "for" | "för" | "og" | "och"
        )
}

/// A line opening a new block: a label alone or before `:`/`-` (`ordförande, Name` after a
/// wrapped `1:e vice` is no new block).
fn opens_block(t: &str) -> bool {
    // `I stedet for Name mødte stedfortræder Name (C).`: a substitution sentence under an
    // `Afbud:` line is read on its own (`SUBSTITUTE_INSTEAD`), not as more of the list.
    if SUBSTITUTE_INSTEAD_LEAD.is_match(t) {
        return true;
    }
    block_label_at(t).is_some_and(|(n, _)| {
        let r = t[n..].trim_start();
        r.is_empty() || r.starts_with([':', '-', '–']) || t.starts_with(char::is_uppercase)
    })
}

/// True when `text[s..e]` is a list of people only: the first part a person, every other part a
/// person, a role, a title or an organisation.
fn bare_list(text: &str, s: usize, e: usize) -> bool {
    let parts = top_level_commas(text, s, e);
    parts.iter().enumerate().all(|(k, &(a, b))| {
        match classify(text, a, b) {
            Seg::Persons { .. } => true,
            Seg::Role(_) | Seg::Title { .. } | Seg::Org(_) => k > 0,
            // `Name (S) för Name (S)`: a substitution.
            Seg::Nothing => {
                let seg = &text[a..b];
                (SUB_FOR.is_match(seg) || SUB_PARTY_FOR.is_match(seg) || SUB_BY.is_match(seg))
                    && parse_list(text, a, b).len() >= 2
            }
        }
    })
}

/// A label with a colon after a sentence end inside a list value (`Name (H). Vara: Name`):
/// where the first value ends, where the second starts, and what the label gives.
fn inline_label(text: &str, s: usize, e: usize) -> Option<(usize, usize, Block)> {
    let v = &text[s..e];
    v.match_indices(['.', ';']).find_map(|(p, _)| {
        let rest = &v[p + 1..];
        let r = rest.trim_start();
        if r.len() == rest.len() || !r.starts_with(char::is_uppercase) {
            return None;
        }
        let (n, b) = block_label_at(r)?;
        let after = r[n..].trim_start();
        let val = after.strip_prefix(':')?;
        Some((s + p, e - val.len(), b))
    })
}

/// A line that opens with a block label and holds its value: in a column (`Ordförande
/// Name (C)`) or, the gap lost, as a bare list of people (`Ledamöter Name (M), Name (S)`).
fn label_line(text: &str, line: &Line<'_>) -> bool {
    let (ls, t) = line.trimmed();
    if column_line(t) {
        return true;
    }
    block_label_at(t).is_some_and(|(n, _)| {
        let after = t[n..].trim_start();
        !after.is_empty()
            && !after.starts_with([':', '-', '–'])
            && bare_list(text, ls + t.len() - after.len(), ls + t.len())
    })
}

/// A line holding a block label alone or before a colon.
fn new_label_line(t: &str) -> bool {
    block_label_at(t).is_some_and(|(n, _)| {
        let r = t[n..].trim_start();
        r.is_empty() || r.starts_with(':')
    })
}

/// A colon that ends a label: after a letter and before whitespace or the line's end (not the
/// one in `2:e` or `10:30`).
fn has_label_colon(t: &str) -> bool {
    t.char_indices().any(|(i, c)| {
        c == ':'
            && t[..i].chars().next_back().is_some_and(char::is_alphabetic)
            && t[i + 1..].chars().next().is_none_or(char::is_whitespace)
    })
}

/// True when the line's first list segment is a person (`Jörgen Lindström, ekonom, § 41–43`).
fn starts_with_person(text: &str, line: &Line<'_>) -> bool {
    let (s, t) = line.trimmed();
    if t.is_empty() {
        return false;
    }
    let first = top_level_commas(text, s, s + t.len())[0];
    matches!(classify(text, first.0, first.1), Seg::Persons { .. })
}

/// A heading block: the lines after a label alone on its line, up to a blank line.
fn heading_block(text: &str, lines: &[Line<'_>], from: usize) -> (Vec<Person>, usize) {
    let mut j = from;
    if j < lines.len() && lines[j].is_blank() {
        j += 1;
    }
    let first = j;
    // A new label alone or before a colon (`Møtende varamedlemmer:`) ends the block.
    while j < lines.len()
        && !lines[j].is_blank()
        && (j == first || !new_label_line(lines[j].trimmed().1))
    {
        j += 1;
    }
    if first >= j {
        return (Vec::new(), from);
    }
    // A table under the heading (`Navn⇥Parti⇥Funktion`, then one row a person): each row by
    // its cells.
    let head = table::header(text, &lines[first]);
    let table = head.is_some()
        || (first..j).any(|k| {
            table::cells(&lines[k]).len() >= 2 && !table::row(text, &lines[k], None).is_empty()
        });
    if table {
        let mut out: Vec<Person> = Vec::new();
        let from = first + usize::from(head.is_some());
        for line in &lines[from..j] {
            let row = table::row(text, line, head.as_ref());
            let (s, t) = line.trimmed();
            // `(for Name)` on a line of its own under a row: whom the row's person replaced.
            if row.is_empty() && t.starts_with('(') && t.ends_with(')') {
                if let Some(g) = table::replaced(text, s + 1, s + t.len() - 1) {
                    if let Some(p) = out.last_mut() {
                        p.status = Some(Status::Substitute);
                    }
                    out.push(g);
                    continue;
                }
            }
            if row.is_empty() && (head.is_none() || table::cells(line).len() < 2) {
                out.extend(parse_list(text, s, s + t.len()));
            }
            out.extend(row);
        }
        return (out, j);
    }
    // `Forældre: Name (AB), formand, Name` / `Elevråd: Name`: a heading over groups, each
    // line opening with a short label and a colon; a group's list may wrap onto lines without
    // one. Each group is a list of its own after its label.
    let group_colon = |k: usize| -> Option<usize> {
        let t = lines[k].trimmed().1;
        let c = t.find(':').filter(|&c| c > 0 && c <= 40)?;
        let head = &t[..c];
        (head.starts_with(char::is_uppercase)
            && head.split_whitespace().count() <= 3
            && head
                .chars()
                .all(|c| c.is_alphabetic() || c == ' ' || c == '-')
            && !t[c + 1..].trim().is_empty())
        .then_some(c + 1)
    };
    if group_colon(first).is_some() && (first + 1..j).any(|k| group_colon(k).is_some()) {
        let mut out = Vec::new();
        let mut k = first;
        while k < j {
            let Some(c) = group_colon(k) else {
                let (s, t) = lines[k].trimmed();
                out.extend(parse_list(text, s, s + t.len()));
                k += 1;
                continue;
            };
            let mut k2 = k + 1;
            while k2 < j && group_colon(k2).is_none() {
                k2 += 1;
            }
            let (s, t) = lines[k].trimmed();
            let head = t[..c - 1].trim();
            let e = lines[k2 - 1].trimmed().0 + lines[k2 - 1].trimmed().1.len();
            for mut p in parse_list(text, s + c, e) {
                if is_party(head) && p.status != Some(Status::Absent) {
                    p.party.get_or_insert_with(|| head.to_string());
                }
                out.push(p);
            }
            k = k2;
        }
        return (out, j);
    }
    // `Name, role, § 41–43` one per line: each line is a list of its own.
    // A line ending in a comma or a conjunction (`…, økonomichef Name og` / `sekretær Name`)
    // runs on: the block is one list.
    // So does a line ending in a title and a given name (`…, ingeniør Siri`) or in a name whose
    // surname opens the next line alone (`… Jonas Lie` / `Hagen (sak 3) og …`), as under a
    // label on the same line.
    let runs_on = (first..j.saturating_sub(1)).any(|k| {
        let t = lines[k].trimmed().1;
        t.ends_with(',')
            || t.rsplit(char::is_whitespace)
                .next()
                .is_some_and(|w| matches!(fold(w).as_str(), "og" | "och" | "samt" | "and"))
            || (t.contains(',')
                && (titled_given_name(t)
                    || (ends_with_name_word(t) && lone_surname(lines[k + 1].trimmed().1))))
    });
    let many_commas = runs_on
        || ((first..j).any(|k| lines[k].text.matches(',').count() >= 2)
            && !(first..j).all(|k| starts_with_person(text, &lines[k])));
    // `Styret: leiar Name (Sp), Name (H)` under `Deltakarar`: one group's label (a body, not a
    // person) before a colon opens the line; the list starts after it.
    let group_lead = |k: usize| -> usize {
        let s = lines[k].trimmed().0;
        group_colon(k)
            .filter(|&c| names_in(text, s, s + c - 1).is_none())
            .unwrap_or(0)
    };
    let mut out = Vec::new();
    if many_commas {
        let s = lines[first].trimmed().0 + group_lead(first);
        let e = lines[j - 1].trimmed().0 + lines[j - 1].trimmed().1.len();
        out = parse_list(text, s, e);
    } else {
        for (k, line) in lines.iter().enumerate().take(j).skip(first) {
            let (s, t) = line.trimmed();
            // `Høgre: Name (leiar), Name`: a party group's label gives each its party.
            if let Some(c) = t.find(':').filter(|&c| c <= 40 && is_party(&t[..c])) {
                let group = t[..c].trim();
                for mut p in parse_list(text, s + c + 1, s + t.len()) {
                    // One named as replaced (`møtte for Name`) may belong to another group.
                    if p.status != Some(Status::Absent) {
                        p.party.get_or_insert_with(|| group.to_string());
                    }
                    out.push(p);
                }
                continue;
            }
            out.extend(parse_list(text, s + group_lead(k), s + t.len()));
        }
    }
    (out, j)
}

static SUBSTITUTE_INSTEAD_LEAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:I[ \t]+stedet[ \t]+for|I[ \t]+staden[ \t]+for|I[ \t]+stället[ \t]+för|Istället[ \t]+för)[ \t]+\p{Lu}")
        .expect("valid regex")
});
