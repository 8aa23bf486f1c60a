//! Clock times and time ranges: `kl. 8-12`, `16:00-18:00`, `09.00–11.30`, `13.00`, `8:15`.

use std::sync::LazyLock;

use regex::{Captures, Regex};

use crate::Time;

static KL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?-u:\b)(?:kl|klockan|klokka|klokken)\.?[ \t ]*(?P<h1>\d{1,2})(?:[.:](?P<m1>\d{2}))?(?:[ \t ]*(?:[-–—]|till?|to)[ \t ]*(?:kl\.?[ \t ]*)?(?P<h2>\d{1,2})(?:[.:](?P<m2>\d{2}))?)?(?-u:\b)",
    )
    .expect("valid regex")
});
static RANGE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?-u:\b)(?P<h1>\d{1,2})[.:](?P<m1>\d{2})[ \t ]*[-–—][ \t ]*(?:\d{1,2}\.?[ \t ]+\p{Latin}+\.?[ \t ]+)?(?P<h2>\d{1,2})[.:](?P<m2>\d{2})(?-u:\b)",
    )
    .expect("valid regex")
});
static SINGLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(?P<h1>\d{1,2})[.:](?P<m1>\d{2})(?-u:\b)").expect("valid regex")
});

/// `HH:MM`, or `None` for an impossible clock time.
pub(crate) fn clock(h: u32, m: u32) -> Option<String> {
    (h <= 24 && m <= 59 && !(h == 24 && m > 0)).then(|| format!("{h:02}:{m:02}"))
}

fn part(c: &Captures<'_>, h: &str, m: &str) -> Option<Option<String>> {
    let Some(hh) = c.name(h) else {
        return Some(None);
    };
    let hh: u32 = hh.as_str().parse().ok()?;
    let mm: u32 = match c.name(m) {
        Some(x) => x.as_str().parse().ok()?,
        None => 0,
    };
    clock(hh, mm).map(Some)
}

/// True when the match sits inside a longer number (`12.12.2016`, `1.500,50`, `3,45`).
fn embedded(text: &str, s: usize, e: usize) -> bool {
    let before = &text[..s];
    let after = &text[e..];
    let mut b = before.chars().rev();
    let b1 = b.next();
    let b2 = b.next();
    if matches!(b1, Some('.' | ':' | ',' | '/' | '-')) && b2.is_some_and(|c| c.is_ascii_digit()) {
        return true;
    }
    let mut a = after.chars();
    let a1 = a.next();
    let a2 = a.next();
    if matches!(a1, Some('.' | ':' | ',' | '/')) && a2.is_some_and(|c| c.is_ascii_digit()) {
        return true;
    }
    let t = after.trim_start();
    t.starts_with("kr")
        || t.starts_with('%')
        || t.starts_with("procent")
        || t.starts_with("prosent")
}

/// Words after which a number is an identifier, not a clock time (`nr. 12.44`, `§ 5.12`).
const ID_WORDS: &[&str] = &[
    "nr",
    "no",
    "nummer",
    "number",
    "§",
    "§§",
    "punkt",
    "pkt",
    "sak",
    "ärende",
    "arende",
    "kap",
    "kapitel",
    "avsnitt",
    "afsnit",
    "bilaga",
    "bilag",
    "vedlegg",
    "version",
    "ps",
    "ks",
    "dnr",
    "lokalplan",
    "detaljplan",
    "reguleringsplan",
    "tabell",
    "tabel",
    "figur",
    "side",
    "sida",
];

/// True when the number at `s` is an identifier: after `nr.`, `§`, `Sak`, or right after a
/// capitalised name without any time word (`Älandsbro 5:12`, a Swedish property designation;
/// also a hyphenated one, `Väster-Bro 1:23`).
/// A name that starts its line (`Lunch 12.00`) or a weekday/month keeps the time.
fn identifier(text: &str, s: usize) -> bool {
    let line_start = text[..s].rfind('\n').map_or(0, |i| i + 1);
    let before = text[line_start..s].trim_end_matches([' ', '\t', '\u{a0}']);
    if before.len() == s - line_start {
        return false; // no space before: handled by `embedded`
    }
    let word_start = before
        .rfind(|c: char| c.is_whitespace() || c == '(' || c == ',')
        .map_or(0, |i| {
            i + before[i..].chars().next().map_or(1, char::len_utf8)
        });
    let word = &before[word_start..];
    let w = crate::text::fold(word.trim_end_matches('.'));
    if ID_WORDS.contains(&w.as_str()) || word.ends_with('§') {
        return true;
    }
    // `Gräsö-Ekeby 1:23`, `Sankt-Olof 2:4`: every part of a hyphenated name capitalised.
    let capitalised = word.split('-').all(|part| {
        part.chars().next().is_some_and(char::is_uppercase)
            && part.chars().skip(1).all(char::is_lowercase)
            && part.chars().count() >= 2
    });
    // `Upprop        18.30`: a wide gap sets a time column apart; a designation is one space
    // from its name.
    let gap = &text[line_start + before.len()..s];
    if !capitalised || word_start == 0 || gap.contains('\t') || gap.len() >= 3 {
        return false;
    }
    const TIME_WORDS: &[&str] = &[
        "kl", "klockan", "klokka", "klokken", "fra", "fran", "til", "till", "tid", "start", "slut",
        "mandag", "tisdag", "tirsdag", "tysdag", "onsdag", "torsdag", "fredag", "lordag",
        "laurdag", "sondag", "sundag", "idag", "imorgon", "om", "efter", "etter", "innan", "inden",
        "senast", "senest", "kring", "omkring", "ca", "ab",
    ];
    !TIME_WORDS.contains(&w.as_str()) && !crate::dates::is_month_word(&w)
}

/// All times in `text`, skipping spans that belong to dates.
pub(crate) fn find(text: &str, date_spans: &[[usize; 2]]) -> Vec<Time> {
    let mut cands: Vec<(usize, usize, String, Option<String>)> = Vec::new();
    // What each match asks of the dates and of the times kept so far, without a scan of all of
    // them per match (quadratic in a long calendar): the dates sorted by start with the
    // furthest end so far, and the kept times as disjoint spans.
    let mut dates: Vec<[usize; 2]> = date_spans.to_vec();
    dates.sort_unstable();
    let reach: Vec<usize> = dates
        .iter()
        .scan(0, |m, d| {
            *m = (*m).max(d[1]);
            Some(*m)
        })
        .collect();
    let mut kept = crate::text::DisjointSpans::default();
    for (pri, re) in [&*KL, &*RANGE, &*SINGLE].into_iter().enumerate() {
        for c in re.captures_iter(text) {
            let m = c.get(0).expect("group 0");
            let (s, e) = (m.start(), m.end());
            if embedded(text, s, e) || (pri > 0 && identifier(text, s)) {
                continue;
            }
            // A date overlapping the match and not strictly inside it: one that starts at or
            // before the match and reaches into it, or one that starts inside and reaches its
            // end or beyond.
            let at_or_before = dates.partition_point(|d| d[0] <= s);
            let inside = dates.partition_point(|d| d[0] < e);
            if (at_or_before > 0 && reach[at_or_before - 1] > s)
                || dates[at_or_before..inside].iter().any(|d| d[1] >= e)
            {
                continue;
            }
            let (Some(Some(start)), Some(end)) = (part(&c, "h1", "m1"), part(&c, "h2", "m2"))
            else {
                continue;
            };
            if pri == 0 && c.name("h2").is_some() && end.is_none() {
                continue;
            }
            if !kept.insert(s, e) {
                continue;
            }
            cands.push((s, e, start, end));
        }
    }
    cands.sort_by_key(|c| c.0);
    cands
        .into_iter()
        .map(|(s, e, start, end)| Time {
            start,
            end,
            text: text[s..e].to_string(),
            span: [s, e],
        })
        .collect()
}
