//! One part of a list of people: splitting a list at top-level commas and at conjunctions
//! before a name, and classifying each part as people, a title, an organisation or a role
//! (`Seg`). The list, block, signature and table readers all see their parts through it.

use std::sync::LazyLock;

use regex::Regex;

use super::is_party;
use super::names::{is_name_word, names_in, words, STOP_SET};
use super::titles::{is_title_word, role_word, title_role};
use crate::text::{fold, squash};
use crate::Role;

const TITLE_STEMS: &[&str] = &[
    "chef",
    "konsulent",
    "koordinator",
    "leder",
    "ledare",
    "direktor",
    "radgiver",
    "radgivare",
    "sekretaer",
    "sekreterare",
    "sekretar",
    "ordforande",
    "ordforer",
    "borgmester",
    "playmaker",
    "sekr",
    "representant",
    "skaber",
    "forsker",
    "forskare",
    "handlaggare",
    "utredare",
    "strateg",
    "specialist",
    "projektledare",
    "prosjektleder",
    "samordnare",
    "radgivere",
];

pub(super) enum Seg {
    Persons {
        spans: Vec<(usize, usize)>,
        party: Option<String>,
        org: Option<String>,
        weak: Option<String>,
        role: Option<Role>,
    },
    Title {
        org: Option<String>,
        role: Option<Role>,
    },
    Org(String),
    Role(Role),
    Nothing,
}

static NAME_FROM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[ \t]+(?:fra|från|frå|fran|hos)[ \t]+[\p{Lu}&&\p{Latin}]").expect("valid regex")
});

static TITLE_TAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|\s)(?:i|vid|ved|hos|på|for|för)\s+([\p{Lu}&&\p{Latin}][^,()]*)$")
        .expect("valid regex")
});

/// True when the first word of `inner`, folded, ends with one of [`TITLE_STEMS`] (the word is
/// folded once, not once per stem).
fn first_word_title_stem(inner: &str) -> bool {
    let first = fold(inner.split_whitespace().next().unwrap_or(""));
    TITLE_STEMS.iter().any(|t| first.ends_with(t))
}

pub(super) fn classify(text: &str, s: usize, e: usize) -> Seg {
    // `- Name, leder`: a bullet before a list line is no part of it.
    let lead = text[s..e].len() - text[s..e].trim_start().len();
    let s = if crate::text::is_bullet_line(&text[s..e]) {
        let t = &text[s + lead..e];
        let mut cs = t.char_indices();
        cs.next();
        s + lead + cs.next().map_or(t.len(), |(i, _)| i)
    } else {
        s
    };
    let seg = &text[s..e];
    if seg.trim().is_empty() {
        return Seg::Nothing;
    }
    // A trailing parenthesis: party, organisation or a note.
    let (head_end, paren) = match (
        seg.rfind('('),
        seg.trim_end()
            .trim_end_matches(['.', ',', ';'])
            .ends_with(')'),
    ) {
        (Some(p), true) => {
            let inner = seg[p + 1..]
                .trim_end()
                .trim_end_matches(['.', ',', ';'])
                .trim_end_matches(')')
                .trim();
            (s + p, Some(inner))
        }
        _ => (e, None),
    };
    // `Name (V) (formand)`: a role parenthesis after a party parenthesis (a Danish attendance
    // line writes the office that way); the party is peeled off the head as well.
    let mut outer_party = None;
    let mut head_end = head_end;
    if paren.is_some_and(|i| role_word(&squash(&fold(i))).is_some()) {
        let before = text[s..head_end].trim_end();
        if before.ends_with(')') {
            if let Some(p) = before.rfind('(') {
                let pi = before[p + 1..before.len() - 1].trim();
                if is_party(pi) {
                    outer_party = Some(pi.to_string());
                    head_end = s + p;
                }
            }
        }
    }
    let (hs, he) = crate::text::trim_span(text, s, head_end, &['.', ',', ';', ':']);
    let head = &text[hs..he];
    let mut party = outer_party;
    let mut porg = None;
    let mut weak = None;
    let mut prole = None;
    if let Some(inner) = paren {
        let fi = fold(inner);
        // `(H, nestleder)`: a party and a role.
        let party_role = inner.split_once(',').and_then(|(a, b)| {
            let r = role_word(&squash(&fold(b.trim())))?;
            is_party(a).then(|| (a.trim().to_string(), r))
        });
        if is_party(inner) {
            party = Some(inner.to_string());
        } else if let Some((p, r)) = party_role {
            party = Some(p);
            prole = Some(r);
        } else if let Some(r) = role_word(&squash(&fi)) {
            // `Lotte Kjærgaard, konsulent (referent)`, `Bjørg Sølvberg (leder)`.
            prole = Some(r);
        } else if fi.starts_with("tb")
            || fi.starts_with("ej ")
            || fi.is_empty()
            || fi.starts_with('§')
            || item_reference(&fi)
        {
        } else if first_word_title_stem(inner) {
            weak = TITLE_TAIL
                .captures(inner)
                .and_then(|c| c.get(1))
                .map(|m| squash(m.as_str()));
        } else {
            porg = Some(squash(inner));
        }
    }
    let fh = fold(&squash(head));
    if let Some(r) = role_word(&fh) {
        // `næstformand (spejderne)`: a role, then the organisation the person comes from.
        if porg.is_some() && party.is_none() {
            return Seg::Title {
                org: porg,
                role: Some(r),
            };
        }
        return Seg::Role(r);
    }
    if let Some((ns, role)) = after_title(text, hs, he) {
        return Seg::Persons {
            spans: vec![(ns, he)],
            party,
            org: porg,
            weak,
            role: prole.or(role),
        };
    }
    if let Some(spans) = names_in(text, hs, he) {
        return Seg::Persons {
            spans,
            party,
            org: porg,
            weak,
            role: prole,
        };
    }
    // `Morten Vik fra Foreningen Lokalt Liv`, `Åsa Berg från Länsstyrelsen`: a name, then where
    // the person comes from.
    if let Some(m) = NAME_FROM.find(head) {
        let (ns, ne) = (hs, hs + m.start());
        if let Some(spans) = names_in(text, ns, ne).filter(|v| v.len() == 1) {
            return Seg::Persons {
                spans,
                party,
                org: porg.or_else(|| {
                    let cap = head[..m.end()]
                        .chars()
                        .next_back()
                        .map_or(0, char::len_utf8);
                    Some(squash(&head[m.end() - cap..]))
                }),
                weak,
                role: prole,
            };
        }
    }
    let first = head.split_whitespace().next().unwrap_or("");
    let ff = fold(first);
    let starts_lower = first.chars().next().is_some_and(|c| c.is_lowercase());
    if starts_lower
        || TITLE_STEMS
            .iter()
            .any(|t| ff.trim_end_matches('.').ends_with(t))
    {
        let org = TITLE_TAIL
            .captures(head)
            .and_then(|c| c.get(1))
            .map(|m| squash(m.as_str()));
        let role = prole.or_else(|| {
            head.split_whitespace()
                .next()
                .filter(|w| is_title_word(w))
                .and_then(|_| title_role(head))
        });
        return Seg::Title { org, role };
    }
    if head
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
        && !head.contains('(')
    {
        let mut o = squash(head);
        if let Some(p) = porg {
            o = format!("{o} ({p})");
        }
        // `Name, Sekretariatet Innlandet (protokollfører)`: the role in the parenthesis is the
        // person's before the organisation.
        if prole.is_some() {
            return Seg::Title {
                org: Some(o),
                role: prole,
            };
        }
        return Seg::Org(o);
    }
    Seg::Nothing
}

/// True for a parenthesis (folded) that points at agenda items (`punkt 3`, `sak 12/26`, `PS 33/26
/// og PS 37/26`, `ärende 4–5`): when the person attends, not where they come from.
fn item_reference(fi: &str) -> bool {
    let first = fi
        .split_whitespace()
        .next()
        .unwrap_or("")
        .trim_end_matches('.');
    matches!(
        first,
        "punkt"
            | "punkterne"
            | "pkt"
            | "sak"
            | "saker"
            | "sakene"
            | "saka"
            | "arende"
            | "arendena"
            | "ps"
            | "rs"
            | "ds"
            | "item"
            | "items"
            | "ad"
            | "dagsordenspunkt"
    ) && fi.bytes().any(|b| b.is_ascii_digit())
}

/// The name after a title: `kommunedirektør Stig Bjørnstad`, `Førsteamanuensis Sigurd Sæbø`,
/// `kommunalsjef for helse og omsorg Eirik Sæterbø`. Returns the name's start and the role the
/// title gives. The first word must be a title; up to five lowercase words may follow it.
pub(super) fn after_title(text: &str, s: usize, e: usize) -> Option<(usize, Option<Role>)> {
    let seg = &text[s..e];
    let ws = words(seg);
    // `kommunstyrelsens ordförande Name`, `Udvalgets formand Name`: a genitive before the title.
    // `Oppdragsansvarlig revisor Name`, `politisk sekretær Name`, `Konstitueret direktør Name`:
    // an adjective before the title.
    // `Miljö- och byggchef Name`, `Plan- og bygningssjef Name`: a suspended compound's first
    // half and its conjunction before the title.
    let w = |i: usize| &seg[ws[i].0..ws[i].1];
    let k = if ws.len() >= 5
        && suspended(w(0))
        && matches!(fold(w(1)).as_str(), "och" | "og" | "eller")
        && is_title_word(w(2))
    {
        2
    } else {
        usize::from(ws.len() >= 4 && (genitive(w(0)) || adjective(w(0))) && is_title_word(w(1)))
    };
    if ws.len() < 3 + k || !is_title_word(&seg[ws[k].0..ws[k].1]) {
        return None;
    }
    for &(a, b) in ws.iter().take(7 + k).skip(1 + k) {
        let w = &seg[a..b];
        // `rådgiver, Kontrollsekretariatet Valdres`: a comma ends the title phrase.
        if seg[..a].trim_end().ends_with(',') {
            return None;
        }
        if is_name_word(w) && !is_title_word(w) {
            // `leiar i Volda Næringsråd`: a capitalised run after a preposition is the body.
            let prev = fold(seg[..a].split_whitespace().next_back().unwrap_or(""));
            if matches!(
                prev.as_str(),
                "i" | "for" | "ved" | "vid" | "hos" | "pa" | "til" | "till" | "af" | "av"
            ) {
                return None;
            }
            let ns = s + a;
            return match names_in(text, ns, e) {
                Some(v) if v.len() == 1 => Some((ns, title_role(&seg[ws[k].0..a]))),
                _ => None,
            };
        }
        if !w.chars().all(|c| c.is_lowercase() || c == '-') && !is_title_word(w) {
            return None;
        }
    }
    None
}

/// An adjective that may stand before a title (`daglig`, `dagleg`, `politisk`, `konstituert`,
/// `fungerande`, `oppdragsansvarlig`, `tillförordnad`), not itself a title.
fn adjective(w: &str) -> bool {
    let f = fold(w);
    f.chars().count() >= 5
        && f.chars().all(char::is_alphabetic)
        && ["ig", "eg", "isk", "ert", "eret", "ende", "ande", "ad"]
            .iter()
            .any(|x| f.ends_with(x))
        && !is_title_word(w)
        && !STOP_SET.contains(f.as_str())
}

/// A body's genitive before a title: `kommunstyrelsens`, `Udvalgets`, `rådets` (a lowercase or
/// capitalised word of at least six letters ending in `s`, not itself a title).
fn genitive(w: &str) -> bool {
    let f = fold(w);
    f.chars().count() >= 6
        && f.chars().all(char::is_alphabetic)
        && (f.ends_with("ens") || f.ends_with("ets") || f.ends_with("as") || f.ends_with("nes"))
        && !is_title_word(w)
}

/// Splits `text[s..e]` at top-level commas and semicolons.
pub(super) fn top_level_commas(text: &str, s: usize, e: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut depth = 0i32;
    let mut st = s;
    // Bytes, not characters: every separator is ASCII but `·` (C2 B7), and no ASCII byte occurs
    // inside a multi-byte character.
    let seg = &text[s..e];
    let b = seg.as_bytes();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'(' | b'[' => depth += 1,
            b')' | b']' => depth = (depth - 1).max(0),
            b',' | b';' if depth == 0 => {
                out.push((st, s + i));
                st = s + i + 1;
            }
            // `Name (A), formand · Name (V)`: a middle dot separates like a comma.
            0xC2 if depth == 0 && b.get(i + 1) == Some(&0xB7) => {
                out.push((st, s + i));
                st = s + i + 2;
                i += 1;
            }
            _ => {}
        }
        i += 1;
    }
    out.push((st, e));
    out
}

pub(super) static CONJ: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:^|\s)(?:og|och|and|&|samt|sekä)\s").expect("valid regex"));

/// True when `before` ends in a suspended compound's hyphen (`Børne-`, `kultur-`): the
/// conjunction after it joins two halves of one compound (`Børne- og Skoleudvalget`).
pub(super) fn suspended(before: &str) -> bool {
    let t = before.trim_end();
    t.ends_with('-') && t[..t.len() - 1].ends_with(char::is_alphabetic)
}

/// Splits one comma segment at `og`/`och` when what follows is a person's name.
pub(super) fn conj_split(text: &str, s: usize, e: usize) -> Vec<(usize, usize)> {
    let seg = &text[s..e];
    let hits: Vec<(usize, usize)> = CONJ
        .find_iter(seg)
        .map(|m| (s + m.start(), s + m.end()))
        .collect();
    if hits.is_empty() {
        return vec![(s, e)];
    }
    let mut out = Vec::new();
    let mut st = s;
    for (k, &(cs, ce)) in hits.iter().enumerate() {
        // `… og kultur- og fritidschef Name`: a conjunction inside a suspended compound does
        // not end the part after this one.
        let next = hits[k + 1..]
            .iter()
            .find(|h| !suspended(&text[ce..h.0.max(ce)]))
            .map_or(e, |h| h.0);
        if cs == s {
            st = ce;
            continue;
        }
        // `Miljö- och byggchef Name`: after a suspended compound's hyphen the conjunction joins
        // the halves of one title.
        if suspended(&text[st..cs]) {
            continue;
        }
        let tail_end = text[ce..next].find('(').map_or(next, |p| ce + p);
        let (ts, te) = crate::text::trim_span(text, ce, tail_end, &['.', ',', ';']);
        // `… og rådgjevar for trafikktryggleik Name`: a title phrase (a title, then lowercase
        // words) before one name is a person too.
        if ts < te
            && (names_in(text, ts, te).is_some()
                || (text[ts..te].starts_with(char::is_lowercase)
                    && after_title(text, ts, te).is_some()))
        {
            out.push((st, cs));
            st = ce;
            continue;
        }
        // `… samt elevrådets repræsentanter Name og Name`: a lowercase group noun (one word)
        // between the conjunction and a name is dropped.
        let lead = &text[ts..te];
        if let Some(sp) = lead.find(char::is_whitespace) {
            let noun = &lead[..sp];
            let ns = ts + sp + (lead[sp..].len() - lead[sp..].trim_start().len());
            if noun.chars().all(|c| c.is_lowercase())
                && noun.chars().count() >= 6
                && ns < te
                && names_in(text, ns, te).is_some()
            {
                out.push((st, cs));
                st = ns;
            }
        }
    }
    out.push((st, e));
    out
}
