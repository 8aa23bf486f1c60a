//! The people an item names: an attribution after `ved`/`v/`/`av` or in a closing parenthesis,
//! a name closing a title, hosts (`Ledes av …`), a list after `med`, continuation lines under the
//! item and speaker lines that run on or wrap inside an organisation's name.

use std::sync::LazyLock;

use regex::Regex;

use crate::people::{
    attribution, ends_with_kw, is_title_word, leading_person, parse_list, parse_speaker_line,
    Person,
};
use crate::text::{fold, is_bullet_line, squash, Line};

/// The speakers a parenthesis closing `text[s..e]` names (`(ordfører Name)`, `(Name, rektor, og
/// Name, helsesykepleier)`), with the parenthesis' start. `None` when it names nobody (`(demo)`,
/// a party `(S)`) or holds more than a person, a title and an organisation per part.
pub(super) fn paren_speakers(text: &str, s: usize, e: usize) -> Option<(usize, Vec<Person>)> {
    let t = text[s..e].trim_end();
    if !t.ends_with(')') {
        return None;
    }
    let open = t.rfind('(')?;
    let (mut a, b) = (s + open + 1, s + t.len() - 1);
    // `(v/ turistchef Name)`, `(ved Name)`: the marker opens the parenthesis.
    for m in ["v/", "ved ", "vid ", "v. "] {
        if text[a..b].starts_with(m) {
            a += m.len();
            a += text[a..b].len() - text[a..b].trim_start().len();
            break;
        }
    }
    if b <= a + 4 || text[a..b].contains(['(', ')']) {
        return None;
    }
    let marked = a > s + open + 1;
    let mut found = attribution(text, a, b);
    if found.is_empty() {
        found = parse_speaker_line(text, a, b);
    }
    if found.is_empty() {
        found = lowercase_title_name(text, a, b);
    }
    // After `v/` whoever is named speaks, whatever their title.
    if found.is_empty() && marked {
        found = trailing_name(text, a, b);
    }
    (!found.is_empty()).then_some((s + open, found))
}

/// `ordfører Hilde Vassdal`: one lowercase title word, then exactly one name and nothing else.
fn lowercase_title_name(text: &str, s: usize, e: usize) -> Vec<Person> {
    let (s, e) = crate::text::trim_span(text, s, e, &['.', ',']);
    let t = &text[s..e];
    let Some(sp) = t.find(char::is_whitespace) else {
        return Vec::new();
    };
    if !is_title_word(&t[..sp]) || !t[..sp].starts_with(char::is_lowercase) {
        return Vec::new();
    }
    let found = attribution(text, s + sp, e);
    if found.len() == 1 {
        found
    } else {
        Vec::new()
    }
}

/// The speaker of an attribution `text[a..e]` closing its line with a title and a given name
/// (`brannsjef Kari`), when the next line opens with the surname alone (`Lunde, Org.`): read
/// across the line break, up to the next line's end.
pub(super) fn wrapped_surname(text: &str, a: usize, e: usize) -> Vec<Person> {
    let Some(rest) = text[e..].strip_prefix('\n') else {
        return Vec::new();
    };
    let next = rest.split('\n').next().unwrap_or("");
    let trimmed = next.trim_start();
    let surname = trimmed
        .split(['(', ',', '.'])
        .next()
        .map(str::split_whitespace)
        .is_some_and(|mut w| w.next().is_some() && w.next().is_none());
    let ws: Vec<&str> = text[a..e].split_whitespace().collect();
    let given = ws.len() >= 2
        && ws.last().is_some_and(|w| w.starts_with(char::is_uppercase))
        && ws[ws.len() - 2].starts_with(char::is_lowercase);
    if !surname || !given || !trimmed.starts_with(char::is_uppercase) {
        return Vec::new();
    }
    let ne = e + 1 + next.trim_end().len();
    let ne = e + 1 + text[e + 1..ne].trim_end_matches('.').len();
    attribution(text, a, ne)
}

/// The one person named after a last `ved`/`vid` closing `text[s..e]` (`… ved Name Surname`).
pub(super) fn trailing_ved_name(text: &str, s: usize, e: usize) -> Option<Person> {
    let t = &text[s..e];
    let at = t.rfind(" ved ").or_else(|| t.rfind(" vid "))?;
    let a = s + at + 5;
    let words: Vec<&str> = text[a..e].split_whitespace().collect();
    if !(2..=3).contains(&words.len()) || !words.iter().all(|w| w.starts_with(char::is_uppercase)) {
        return None;
    }
    let mut found = attribution(text, a, e);
    (found.len() == 1).then(|| found.remove(0))
}

/// A continuation line that names speakers: `v/ direktør Name`, `ved rådgiver Name`, or, after
/// an attribution, `og konsulent Name` (a lowercase group word before the name is dropped).
pub(super) fn continued_attribution(
    text: &str,
    s: usize,
    e: usize,
    after_people: bool,
) -> Vec<Person> {
    let t = &text[s..e];
    let f = fold(t);
    let marker = ["v/", "ved ", "vid ", "by "]
        .iter()
        .find(|m| f.starts_with(*m))
        .map(|m| m.len());
    let conj = ["og ", "och ", "samt ", "and "]
        .iter()
        .find(|m| f.starts_with(*m))
        .map(|m| m.len())
        .filter(|_| after_people);
    let Some(n) = marker.or(conj) else {
        return inner_attribution(text, s, e);
    };
    // Byte offset in `t` after the marker (folding keeps these ASCII markers' lengths).
    let a = s + n;
    let found = attribution(text, a, e);
    if !found.is_empty() {
        return found;
    }
    let rest = text[a..e].trim_start();
    let rs = e - rest.len();
    let found = match rest.find(char::is_whitespace) {
        Some(sp) if rest[..sp].chars().all(char::is_lowercase) => attribution(text, rs + sp, e),
        _ => Vec::new(),
    };
    if found.is_empty() && marker.is_some() {
        return trailing_name(text, a, e);
    }
    found
}

/// `Orientering v/ kommunalsjef Name`, `Dragning ved enhetsleder Name`: a short lead (at most
/// four words) and a speaker marker inside a line under an item. After `ved`/`vid` a title
/// must follow (`ved` also means "at").
fn inner_attribution(text: &str, s: usize, e: usize) -> Vec<Person> {
    static INNER: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^[\p{Lu}&&\p{Latin}][^\s,.:;]*(?:[ \t]+[^\s,.:;]+){0,3}?[ \t]+(?P<m>v/|(?i:ved|vid))[ \t]*")
            .expect("valid regex")
    });
    let Some(c) = INNER.captures(&text[s..e]) else {
        return Vec::new();
    };
    let a = s + c.get(0).map_or(0, |m| m.end());
    let slash = c.name("m").is_some_and(|m| m.as_str() == "v/");
    let first = text[a..e].split_whitespace().next().unwrap_or("");
    if !slash && !is_title_word(first) {
        return Vec::new();
    }
    let found = attribution(text, a, e);
    if found.is_empty() && slash {
        return trailing_name(text, a, e);
    }
    found
}

/// The name ending an attribution whose title holds capitalised words (`direktør for Kultur og
/// Fritid Name Surname`): the last two or three words, if they are a name.
pub(super) fn trailing_name(text: &str, s: usize, e: usize) -> Vec<Person> {
    let (s, e) = crate::text::trim_span(text, s, e, &['.', ',']);
    // `formand for Kulturudvalget Name (SF)`: a party after the name is the person's.
    let mut party = None;
    let mut e = e;
    if text[s..e].ends_with(')') {
        if let Some(p) = text[s..e].rfind('(') {
            let inner = text[s + p + 1..e - 1].trim();
            if crate::people::is_party(inner) {
                party = Some(inner.to_string());
                e = s + text[s..s + p].trim_end().len();
            }
        }
    }
    let mut found = trailing_name_plain(text, s, e);
    for f in &mut found {
        if f.party.is_none() {
            f.party.clone_from(&party);
        }
    }
    found
}

fn trailing_name_plain(text: &str, s: usize, e: usize) -> Vec<Person> {
    let t = &text[s..e];
    if t.contains(',') || s >= e {
        return Vec::new();
    }
    let starts: Vec<usize> = t
        .char_indices()
        .filter(|&(i, c)| !c.is_whitespace() && (i == 0 || t[..i].ends_with(char::is_whitespace)))
        .map(|(i, _)| i)
        .collect();
    if starts.len() < 3 {
        return Vec::new();
    }
    // A three-word name needs a title or a lowercase word (not a connector such as `og`, which
    // ends an organisation: `for Social og Sundhed Name Surname`) before it; else two words.
    for k in [3, 2] {
        let Some(&a) = starts.len().checked_sub(k).and_then(|i| starts.get(i)) else {
            continue;
        };
        let before = t[..a].split_whitespace().next_back().unwrap_or("");
        let found = attribution(text, s + a, e);
        let connector =
            ["og", "och", "for", "för", "i", "af", "of", "and", "&", "på"].contains(&before);
        // `formand for Social- og Seniorudvalget Anne Marie Lund`: a body's name ends before a
        // three-word name.
        let fb = fold(before);
        let body = before.chars().count() >= 6
            && (ends_with_kw(before)
                || [
                    "udvalget",
                    "utvalget",
                    "utvalet",
                    "udvalg",
                    "utvalg",
                    "namnden",
                    "namnd",
                    "styret",
                    "styrelsen",
                    "radet",
                    "forvaltningen",
                    "afdelingen",
                    "avdelingen",
                    "avdelinga",
                    "enheten",
                    "enheden",
                ]
                .iter()
                .any(|x| fb.ends_with(x)));
        if found.len() == 1
            && (k == 2
                || is_title_word(before)
                || body
                || (before.starts_with(char::is_lowercase) && !connector))
        {
            return found;
        }
    }
    Vec::new()
}

/// `Ledes av Name, Org`, `Faciliteret af Name`, `Modereras av Name`: who leads a programme item
/// hosts it. The marker must open the span.
static HOST_LEAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^[ \t(]*(?:faciliter(?:et|es)|fasilit(?:ert|eres)|fasilitert|led(?:es|s|et|d)|lei(?:ast|dd)|moderer(?:et|es|as|ad|t)|modererad|moderert)[ \t]+(?:af|av|by)[ \t]+")
        .expect("valid regex")
});

/// The hosts a `Ledes av …` span names (role host), or `None` when it opens with no host marker.
pub(super) fn hosted_by(text: &str, s: usize, e: usize) -> Option<Vec<Person>> {
    let m = HOST_LEAD.find(&text[s..e])?;
    let (a, b) = crate::text::trim_span(text, s + m.end(), e, &['.', ')']);
    let mut found = attribution(text, a, b);
    if found.is_empty() {
        found = parse_speaker_line(text, a, b);
    }
    if found.is_empty() {
        return None;
    }
    for p in &mut found {
        p.role = Some(crate::Role::Host);
    }
    Some(found)
}

/// `fiskare Olle Berg`, `brukarrepresentant Siv Lie, Org` after a programme dash: one lowercase
/// word shaped like a person noun (`-are`, `-ør`, `-ist`, `-ent`, `-ant`, `-and`, `-log`,
/// `-iker`, `-sker`) and a name right after it. `besök Gamla Kvarnen` (a verb) and `erfaringer
/// Indre Fosen` (a plural in `-er`) are no speakers.
pub(super) fn agent_then_name(text: &str, s: usize, e: usize) -> Vec<Person> {
    agent_name(text, s, e, false)
}

/// [`agent_then_name`]; with `capital`, the agent word may open a sentence (`Trafikplanerare
/// Name deltar …`).
pub(super) fn agent_name(text: &str, s: usize, e: usize, capital: bool) -> Vec<Person> {
    let t = &text[s..e];
    let lead = t.len() - t.trim_start().len();
    let t = t.trim_start();
    let Some(sp) = t.find(char::is_whitespace) else {
        return Vec::new();
    };
    let w = &t[..sp];
    let f = fold(w);
    let agent = f.chars().count() >= 5
        && w.chars()
            .enumerate()
            .all(|(k, c)| c.is_lowercase() || c == '-' || (capital && k == 0))
        && [
            "are", "or", "ist", "ent", "ant", "and", "log", "iker", "sker",
        ]
        .iter()
        .any(|x| f.ends_with(x))
        && !matches!(
            f.as_str(),
            "eller"
                | "efter"
                | "etter"
                | "under"
                | "over"
                | "inför"
                | "infor"
                | "innfor"
                | "mellom"
                | "mellan"
                | "hvor"
                | "hvordan"
        );
    if !agent {
        return Vec::new();
    }
    let ns = s + lead + sp;
    if capital {
        // A sentence goes on after the name (`… Name deltar ca kl. 10.15`).
        let ns = ns + text[ns..e].len() - text[ns..e].trim_start().len();
        return leading_person(text, ns, e).into_iter().collect();
    }
    let found = attribution(text, ns, e);
    if found.len() == 1 && text[ns..found[0].span.0].trim().is_empty() {
        found
    } else {
        Vec::new()
    }
}

/// The last line and end of a line `j` (ending at `e`) that runs on: an open parenthesis, a
/// trailing comma or conjunction carries it over the next non-blank lines (at most three).
pub(super) fn run_on(text: &str, lines: &[Line<'_>], j: usize, e: usize) -> Option<(usize, usize)> {
    let s = lines[j].trimmed().0;
    let open = |e: usize| {
        let t = &text[s..e];
        t.matches('(').count() > t.matches(')').count()
            || t.ends_with(',')
            || t.ends_with(" og")
            || t.ends_with(" och")
    };
    // `Name` / `(Org) och Name`: the next line opens with the parenthesis of the last name.
    let next_paren = |k: usize| {
        k + 1 < lines.len() && lines[k + 1].trimmed().1.starts_with('(') && text[s..e].contains(':')
    };
    if !open(e) && !next_paren(j) {
        return None;
    }
    let (mut k, mut end) = (j, e);
    while k + 1 < lines.len()
        && k < j + 3
        && !lines[k + 1].is_blank()
        && (open(end) || next_paren(k))
    {
        k += 1;
        let (s2, t2) = lines[k].trimmed();
        end = s2 + t2.len();
    }
    (k > j && !open(end)).then_some((k, end))
}

/// `Paneldebat med Name, Name og Name`, `Samtal med kommunalråd Name`: a title, then `med` and
/// a list of people that ends the line (or runs onto the next after a trailing `og`/`och`/`,`).
/// Returns where the title ends, the people, and the line the list ran onto. Nothing unless a
/// name (after titles only) follows `med` and no words but an affiliation follow the last name
/// (`Samtal med Name om skolan` keeps its title).
pub(super) fn med_attribution(
    text: &str,
    lines: &[Line<'_>],
    i: usize,
    ts: usize,
    te: usize,
) -> Option<(usize, Vec<Person>, Option<usize>)> {
    let t = &text[ts..te];
    let at = t.find(" med ")?;
    let a = ts + at + 5;
    let mut e = te;
    let mut used = None;
    let tail = t.trim_end();
    // `… Name` / `og Name, Org`: the list may also wrap before its conjunction.
    let next_and = || {
        let t2 = lines[i + 1].trimmed().1;
        ["og ", "och ", "samt ", "and "]
            .iter()
            .any(|c| t2.starts_with(c))
    };
    if i + 1 < lines.len()
        && !lines[i + 1].is_blank()
        && (tail.ends_with(" og") || tail.ends_with(" och") || tail.ends_with(',') || next_and())
    {
        let (s2, t2) = lines[i + 1].trimmed();
        if !t2.starts_with(|c: char| c.is_ascii_digit()) && !is_bullet_line(t2) {
            e = s2 + t2.len();
            used = Some(i + 1);
        }
    }
    // `med panelet: Name, Name`: a group noun with a colon may come before the names.
    let a = match text[a..e].split_once(' ') {
        Some((w, _)) if w.len() > 3 && w.ends_with(':') && w.starts_with(char::is_lowercase) => {
            a + w.len() + 1
        }
        _ => a,
    };
    let found = parse_list(text, a, e);
    let first = found.first()?;
    if first.span.0 < a || !text[a..first.span.0].split_whitespace().all(is_title_word) {
        return None;
    }
    // After the last name only an affiliation (`, Org`) or punctuation.
    let last = found.iter().map(|p| p.span.1).max()?;
    let rest = text[last..e].trim_start_matches([')', ' ']);
    if !(rest.trim().is_empty() || rest.starts_with(',')) {
        return None;
    }
    let cut = ts + at;
    (cut > ts).then_some((cut, found, used))
}

/// An organisation's name wrapped after its generic head noun: a long speaker line whose last
/// comma part is one capitalised organisation word (`…, Studieförbundet`, `…, Foreningen`), and
/// a next line at the same indent of at most four capitalised words, no comma (`Bilda
/// Mälardalen`). Returns the organisation as cut and as joined.
pub(super) fn wrapped_org(prev: &Line<'_>, line: &Line<'_>) -> Option<(String, String)> {
    let (_, t1) = prev.trimmed();
    let (_, t2) = line.trimmed();
    if t1.chars().count() < 50 || line.indent() != prev.indent() || t2.contains([',', '(', ':']) {
        return None;
    }
    let last = t1.rsplit(',').next()?.trim();
    if last.contains(char::is_whitespace)
        || !last.starts_with(char::is_uppercase)
        || !ends_with_kw(last)
    {
        return None;
    }
    let ws: Vec<&str> = t2.split_whitespace().collect();
    if ws.is_empty()
        || ws.len() > 4
        || !ws
            .iter()
            .all(|w| w.starts_with(char::is_uppercase) && w.chars().any(char::is_lowercase))
    {
        return None;
    }
    Some((last.to_string(), format!("{last} {}", squash(t2))))
}
