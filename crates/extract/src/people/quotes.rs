//! People quoted at the start of a line in minutes (`Name, Town: "…"`): a citizen speaking
//! from the floor attended.

use super::names::{names_in, party_after};
use super::Person;
use crate::text::{squash, Line};
use crate::Status;

/// The quotation marks that open a quoted statement.
const QUOTES: &[char] = &['"', '“', '”', '„', '»', '«'];

/// `Name, Town: "…"`, `Name, Org: »…«`, `Name: "…"`: someone quoted at the start of a line in
/// minutes (a citizen speaking from the floor) attended; the part after the comma is where
/// they come from, an organisation when it is a capitalised run of two words or more. The
/// span is that of the name.
pub(crate) fn quoted_speaker(text: &str, s: usize, e: usize) -> Option<Person> {
    let t = &text[s..e];
    let colon = t.find(':')?;
    if colon > 120 || !t[colon + 1..].trim_start().starts_with(QUOTES) {
        return None;
    }
    let head = &t[..colon];
    let (name, rest) = match head.find(',') {
        Some(c) => (&head[..c], Some(head[c + 1..].trim())),
        None => (head, None),
    };
    let ne = s + name.trim_end().len();
    let spans = names_in(text, s, ne)?;
    if spans.len() != 1 {
        return None;
    }
    let mut p = Person::new(text, spans[0]);
    p.party = party_after(text, spans[0].1);
    p.status = Some(Status::Present);
    p.org = rest
        .filter(|r| {
            r.split_whitespace().count() >= 2
                && r.split_whitespace()
                    .all(|w| w.starts_with(char::is_uppercase))
        })
        .map(squash);
    Some(p)
}

/// People quoted at the start of a line (`Name, Town: "…"`), see [`quoted_speaker`].
pub(crate) fn from_quotes(text: &str, lines: &[Line<'_>]) -> Vec<Person> {
    lines
        .iter()
        .filter(|l| l.text.contains(QUOTES))
        .filter_map(|l| {
            let (s, t) = l.trimmed();
            quoted_speaker(text, s, s + t.len())
        })
        .collect()
}
