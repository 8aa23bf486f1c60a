//! Label columns: a block label and its value side by side (`Ordförande     Tomas Ek (C)`), the
//! value perhaps wrapped onto lines indented past the label, and a label wrapped in its own
//! column (`Tjänstgörande   Name, S` / `ersättare`).

use super::labels::{block_label_at, Block};
use super::lists::parse_list;
use super::segments::top_level_commas;
use super::speakers::lowercase_lead;
use super::titles::{is_title_word, role_word};
use super::{table, Person};
use crate::text::{fold, Line};
use crate::Status;

/// The lines of a label column's value (`(start, end)` each): one list when a line runs on
/// (ends in a comma or a lowercase word), else one list a line, each perhaps opening with a role
/// in a column of its own (`Ordf.     Name, S`).
pub(super) fn column_values(text: &str, spans: &[(usize, usize)]) -> Vec<Person> {
    // `Tjänstgörande ersättare` alone in the value column: a sub-heading, not a wrapped list.
    let heading = |t: &str| block_label_at(t).filter(|&(n, _)| t[n..].trim().is_empty());
    let runs_on = |&(a, b): &(usize, usize)| {
        let t = &text[a..b];
        t.ends_with(',')
            || (heading(t).is_none()
                && t.rsplit(char::is_whitespace).next().is_some_and(|w| {
                    w.starts_with(char::is_lowercase)
                        && !is_title_word(w)
                        && role_word(&fold(w)).is_none()
                }))
    };
    // Lines that run on join the next into one entry (`Name (C), tjänstgörande ersättare för` /
    // `Name (KD)`); the other lines stay entries of their own (`Name (M)` / `Name (SD)`).
    let mut groups: Vec<(usize, usize)> = Vec::with_capacity(spans.len());
    for (k, &sp) in spans.iter().enumerate() {
        match groups.last_mut() {
            Some(g) if k > 0 && runs_on(&spans[k - 1]) => g.1 = sp.1,
            _ => groups.push(sp),
        }
    }
    if groups.len() == 1 {
        return column_value(text, spans[0].0, spans[spans.len() - 1].1);
    }
    let mut out = Vec::new();
    // The status a sub-heading gives the rows under it (`Tjänstgörande ersättare`).
    let mut under: Option<Status> = None;
    for &(a, b) in &groups {
        let t = &text[a..b];
        if let Some((_, (st, _))) = heading(t) {
            under = st;
            continue;
        }
        let sub = block_label_at(t).filter(|&(n, _)| column_gap(&t[n..]));
        match sub {
            Some((n, (st, r))) => {
                let rest = t[n..].trim_start();
                for mut p in column_value(text, b - rest.len(), b) {
                    p.role = p.role.or(r);
                    p.status = p.status.or(st);
                    out.push(p);
                }
            }
            None => out.extend(column_value(text, a, b).into_iter().map(|mut p| {
                p.status = p.status.or(under);
                p
            })),
        }
    }
    out
}

/// The people of one label column value: a row of further columns (`Name   Party   för
/// Name`, `Name⇥Senterpartiet`) read as a table row; else a list, whose first part may open
/// with lowercase title words before the name (`kommunedirektør Name`, `personal- og
/// organisasjonssjef Name`, `hovedverneombud Name, Org`).
fn column_value(text: &str, a: usize, b: usize) -> Vec<Person> {
    let v = &text[a..b];
    if !v.contains('\n') && (v.contains('\t') || v.contains("  ")) {
        let line = Line {
            start: a,
            end: b,
            text: v,
        };
        let row = table::row(text, &line, None);
        if !row.is_empty() {
            return row;
        }
    }
    let found = parse_list(text, a, b);
    if !found.is_empty() {
        return found;
    }
    let first = top_level_commas(text, a, b)[0];
    match lowercase_lead(text, first.0, first.1) {
        Some(ns) => parse_list(text, ns, b),
        None => Vec::new(),
    }
}

/// A wrapped label: its length on the first line, the block, the value on the next line.
type Wrapped = (usize, Block, Option<(usize, usize)>);

/// A label wrapped in a label column: the line's first cell and the next line's (same indent,
/// lowercase) together are a block label (`Tjänstgörande   Name, S` / `ersättare`). Returns the
/// first cell's length in the trimmed line, the block, and the value on the next line.
pub(super) fn wrapped_label(text: &str, lines: &[Line<'_>], i: usize) -> Option<Wrapped> {
    let next = lines.get(i + 1)?;
    if next.is_blank() || next.indent() != lines[i].indent() {
        return None;
    }
    let (ls, _) = lines[i].trimmed();
    let here = table::cells(&lines[i]);
    let there = table::cells(next);
    if here.len() < 2 || there.is_empty() || here[0].s != ls {
        return None;
    }
    let first = &text[here[0].s..here[0].e];
    let cont = &text[there[0].s..there[0].e];
    if !cont.starts_with(char::is_lowercase) || cont.split_whitespace().count() > 3 {
        return None;
    }
    let joined = format!("{first} {cont}");
    let (n, b) = block_label_at(&joined)?;
    if n != joined.len() {
        return None;
    }
    let value = there.get(1).map(|c| (c.s, there[there.len() - 1].e));
    Some((here[0].e - ls, b, value))
}

/// Two or more spaces (or a tab) at the start of `rest`: the gap between a label column and a
/// value column.
pub(super) fn column_gap(rest: &str) -> bool {
    rest.starts_with('\t') || rest.chars().take(2).filter(|c| c.is_whitespace()).count() == 2
}

/// A line `Label<gap>value` whose label is a block label or a role (`Ledamöter   Name (M), …`,
/// `Sekreterare   Name`).
pub(super) fn column_line(t: &str) -> bool {
    block_label_at(t).is_some_and(|(n, _)| {
        let rest = &t[n..];
        let after = rest.trim_start();
        !after.is_empty() && !after.starts_with([':', '-', '–']) && column_gap(rest)
    })
}
