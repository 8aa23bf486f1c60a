//! The single-valued and simple fields: document type, title, place, organizers, audience, fee,
//! registration, decisions, contacts and URLs.

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;
use rensa_core::Lang;

use crate::text::{
    first_sentence_end, fold, is_bullet_line, line_of, match_label, sentence_around, squash,
    trim_span, DisjointSpans, LabelStyle, LabelTable, Line,
};
use crate::{Contact, Date, DateRole, DocType, Fee, Registration, Spanned, Url};

// ---------------------------------------------------------------------------------------------
// Labels

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Field {
    Place,
    When,
    Organizer,
    Audience,
    Fee,
    Free,
    Registration,
}

static LABELS: LazyLock<LabelTable<Field>> = LazyLock::new(|| {
    use Field::*;
    LabelTable::new(&[
        ("plats", Place),
        ("plass", Place),
        ("sted", Place),
        ("stad", Place),
        ("lokale", Place),
        ("lokal", Place),
        ("lokation", Place),
        ("adress", Place),
        ("adresse", Place),
        ("mötesplats", Place),
        ("møtested", Place),
        ("mødested", Place),
        ("sted og tid", Place),
        ("tid och plats", Place),
        ("tid og sted", Place),
        ("var", Place),
        ("hvor", Place),
        ("när", When),
        ("datum", When),
        ("dato", When),
        ("tid", When),
        ("tidpunkt", When),
        ("tidspunkt", When),
        ("når", When),
        ("hvornår", When),
        ("arrangör", Organizer),
        ("arrangørar", Organizer),
        ("arrangør", Organizer),
        ("arrangører", Organizer),
        ("arrangörer", Organizer),
        ("arrangeras av", Organizer),
        ("arrangeres av", Organizer),
        ("arrangeret af", Organizer),
        ("arrangerat av", Organizer),
        ("arrangementet arrangeres av", Organizer),
        ("målgrupp", Audience),
        ("målgruppe", Audience),
        ("målgruppa", Audience),
        ("målgruppen", Audience),
        ("för vem", Audience),
        ("for hvem", Audience),
        ("kostnad", Fee),
        ("kostnader", Fee),
        ("avgift", Fee),
        ("pris", Fee),
        ("deltagaravgift", Fee),
        ("deltakeravgift", Fee),
        ("deltageravgift", Fee),
        ("deltagerbetaling", Fee),
        ("deltagarkostnad", Fee),
        ("kursavgift", Fee),
        ("konferensavgift", Fee),
        ("konferanseavgift", Fee),
        ("kostnadsfritt", Free),
        ("kostnadsfri", Free),
        ("avgiftsfritt", Free),
        ("avgiftsfri", Free),
        ("gratis", Free),
        ("ingen avgift", Free),
        ("ingen kostnad", Free),
        ("ingen deltagaravgift", Free),
        ("ingen deltakeravgift", Free),
        ("ingen deltageravgift", Free),
        ("anmälan", Registration),
        ("anmäl senast", Registration),
        ("anmäl dig", Registration),
        ("anmäl dig senast", Registration),
        ("anmälningar", Registration),
        ("sista anmälningsdag", Registration),
        ("sista dag för anmälan", Registration),
        ("påmelding", Registration),
        ("påmeldingsfrist", Registration),
        ("meld deg på", Registration),
        ("tilmelding", Registration),
        ("tilmeldingsfrist", Registration),
        ("tilmeld dig", Registration),
        ("registrering", Registration),
    ])
});

/// Every label at a line start, in document order.
pub(crate) fn labels(lines: &[Line<'_>]) -> Vec<crate::text::Labelled<Field>> {
    (0..lines.len())
        .filter_map(|i| LABELS.at_line(lines, i, true))
        .filter(|l| {
            // A bare label is only a label for the words that are their own value.
            l.style != LabelStyle::Bare || l.kind == Field::Free
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Title and document type

const MENU: &[&str] = &[
    "meny",
    "menu",
    "hoppa till innehall",
    "till innehall",
    "skip to content",
    "sok",
    "logga in",
    "logg inn",
    "log ind",
    "hem",
    "hjem",
    "forside",
    "startsida",
    "startside",
    "til forsiden",
    "tillbaka",
    "tilbake",
    "tilbage",
    "dela",
    "del",
    "print",
    "skriv ut",
    "arrangementsinformasjon",
    "nyheter",
    "nyheder",
    "aktuellt",
    "kalender",
];

/// The first substantial line: not a menu word, label line, date-only line or long paragraph.
pub(crate) fn title(
    text: &str,
    lines: &[Line<'_>],
    labelled: &[usize],
) -> Option<(usize, Spanned)> {
    for (i, line) in lines.iter().enumerate().take(40) {
        let (s, t) = line.trimmed();
        if t.is_empty() || labelled.contains(&i) {
            continue;
        }
        let f = fold(t);
        let f = f.trim_end_matches([':', '.']);
        if MENU.contains(&f) || f.starts_with("default file") {
            continue;
        }
        let letters = t.chars().filter(|c| c.is_alphabetic()).count();
        if letters < 3
            || t.len() > 200
            || (t.contains(':')
                && t.find(':').is_some_and(|c| {
                    c < 20 && t[..c].split_whitespace().count() == 1 && letters < 12
                }))
        {
            continue;
        }
        let (a, b) = trim_span(text, s, s + t.len(), &[]);
        return Some((
            i,
            Spanned {
                text: squash(&text[a..b]),
                span: [a, b],
            },
        ));
    }
    None
}

const MINUTES_WORDS: &[&str] = &[
    "protokoll",
    "minnesanteckning",
    "referat",
    "motesanteckning",
    "motebok",
    "moteprotokoll",
    "beslutsprotokoll",
    "motereferat",
];
const AGENDA_WORDS: &[&str] = &[
    "dagordning",
    "foredragningslista",
    "sakliste",
    "saksliste",
    "dagsorden",
    "kallelse",
    "innkalling",
    "indkaldelse",
];
const ANNOUNCE_WORDS: &[&str] = &[
    "temadag",
    "konference",
    "konferanse",
    "konferens",
    "seminar",
    "temamote",
    "fagdag",
];
const INVITE_WORDS: &[&str] = &[
    "inbjudan",
    "invitation",
    "invitasjon",
    "valkommen",
    "valkomna",
    "velkommen",
    "inviterer",
    "bjuder in",
    "pamelding",
    "tilmelding",
    "anmalan",
];
const MINUTES_LABELS: &[&str] = &[
    "narvarande",
    "beslutande",
    "til stede",
    "mott",
    "justerare",
    "justeras",
    "antecknat av",
    "vid protokollet",
    "fravaerende",
    "forfall",
    "afbud",
];

/// Document type from title words first, then from labels in the body.
pub(crate) fn doc_type(
    lines: &[Line<'_>],
    title: Option<&str>,
    labels: &[crate::text::Labelled<Field>],
) -> DocType {
    let ft = title.map(fold).unwrap_or_default();
    let has = |ws: &[&str], s: &str| ws.iter().any(|w| s.contains(w));
    if has(MINUTES_WORDS, &ft) {
        return DocType::Minutes;
    }
    if has(AGENDA_WORDS, &ft) {
        return DocType::Agenda;
    }
    // `Ringsaker kommune` / `MØTEPROTOKOLL`: when the title is the issuer's name, a short
    // heading line near the top that names the kind of document decides, before any label.
    for l in lines.iter().filter(|l| !l.is_blank()).take(6) {
        let t = l.text.trim();
        if t.len() > 40 || t.contains(':') || t.split_whitespace().count() > 3 {
            continue;
        }
        let f = fold(t);
        if has(MINUTES_WORDS, &f) {
            return DocType::Minutes;
        }
        if has(AGENDA_WORDS, &f) {
            return DocType::Agenda;
        }
    }
    let strong = labels
        .iter()
        .filter(|l| {
            matches!(
                l.kind,
                Field::When | Field::Place | Field::Registration | Field::Audience
            ) && l.style != LabelStyle::Copula
        })
        .count();
    if strong >= 2 {
        return DocType::Invitation;
    }
    let head: Vec<String> = lines
        .iter()
        .filter(|l| !l.is_blank())
        .take(6)
        .map(|l| fold(l.text))
        .collect();
    let line_starts = |ws: &[&str]| {
        lines.iter().any(|l| {
            // `match_label` compares the folded first letter first: only labels starting
            // with it (or with a space) can match.
            let t = l.text.trim_start();
            let first = t.chars().next().map(crate::text::fold_char);
            ws.iter().any(|w| {
                let lc = w.chars().next();
                (lc.is_none() || lc == Some(' ') || lc == first) && match_label(t, w).is_some()
            })
        })
    };
    if line_starts(MINUTES_LABELS) || head.iter().any(|h| has(MINUTES_WORDS, h)) {
        return DocType::Minutes;
    }
    if head.iter().any(|h| has(AGENDA_WORDS, h)) {
        return DocType::Agenda;
    }
    if has(ANNOUNCE_WORDS, &ft) {
        return DocType::Announcement;
    }
    if has(INVITE_WORDS, &ft) || !labels.is_empty() || head.iter().any(|h| has(INVITE_WORDS, h)) {
        return DocType::Invitation;
    }
    DocType::Other
}

// ---------------------------------------------------------------------------------------------
// Place, organizers, audience, fee

static ADDRESS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)[\p{Lu}&&\p{Latin}][\p{Latin}-]*(?:gatan|vägen|gata|väg|gate|gaten|gade|vej|veien|vegen|plan|torget|torg|torv|plads|allé|alle)[ \t ]+\d{1,3}[A-Za-z]?(?-u:\b)(?:,[ \t ]*(?:\d{3}[ \t ]?\d{2}[ \t ]+|\d{4}[ \t ]+)?[\p{Lu}&&\p{Latin}]\p{Latin}+)?").expect("valid regex")
});
static ONLINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(?:Teams|Zoom|Skype|Google Meet)(?-u:\b)").expect("valid regex")
});

pub(crate) fn place(text: &str, labels: &[crate::text::Labelled<Field>]) -> Option<Spanned> {
    if let Some(l) = labels.iter().find(|l| l.kind == Field::Place) {
        let (a, b) = trim_span(text, l.value.0, l.value.1, &['.']);
        if a < b {
            return Some(Spanned {
                text: squash(&text[a..b]),
                span: [a, b],
            });
        }
    }
    let m = ADDRESS.find(text).or_else(|| ONLINE.find(text))?;
    Some(Spanned {
        text: m.as_str().to_string(),
        span: [m.start(), m.end()],
    })
}

/// End of the value's sentence, following it over wrapped lines of its paragraph.
fn value_sentence(
    text: &str,
    lines: &[Line<'_>],
    l: &crate::text::Labelled<Field>,
) -> (usize, usize) {
    let mut j = l.value_line;
    while j + 1 < lines.len() && !lines[j + 1].is_blank() && !is_bullet_line(lines[j + 1].text) {
        j += 1;
    }
    let para_end = lines[j].trimmed().0 + lines[j].trimmed().1.len();
    let e = first_sentence_end(text, l.value.0, para_end.max(l.value.0));
    (l.value.0, e)
}

static ORG_SPLIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\s+[-–]?\s*(?:i samarbeid med|i samarbete med|i samarbejde med|i samarbeide med|tillsammans med|sammen med|samt)\s+|\s*,\s*|\s+(?:og|och)\s+(?:med\s+)?")
        .expect("valid regex")
});
static ORG_CUT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\s+(?:med støtte fra|med stötte fra|med stöd av|med stöd från|med stöd fra|med støtte av|med støtte fra)(?-u:\b)").expect("valid regex")
});

pub(crate) fn organizers(
    text: &str,
    lines: &[Line<'_>],
    labels: &[crate::text::Labelled<Field>],
) -> Vec<Spanned> {
    let mut out = Vec::new();
    for l in labels.iter().filter(|l| l.kind == Field::Organizer) {
        let (s, mut e) = value_sentence(text, lines, l);
        if let Some(m) = ORG_CUT.find(&text[s..e]) {
            e = s + m.start();
        }
        // Split at top level only (never inside parentheses).
        let mut depth = 0i32;
        let mut cuts: Vec<(usize, usize)> = Vec::new();
        let mut paren_at = vec![0i32; e - s + 1];
        for (i, c) in text[s..e].char_indices() {
            match c {
                '(' => depth += 1,
                ')' => depth = (depth - 1).max(0),
                _ => {}
            }
            paren_at[i] = depth;
        }
        for m in ORG_SPLIT.find_iter(&text[s..e]) {
            if paren_at[m.start()] == 0 {
                cuts.push((s + m.start(), s + m.end()));
            }
        }
        let mut st = s;
        for (a, b) in cuts.into_iter().chain(std::iter::once((e, e))) {
            let (x, y) = trim_span(text, st, a, &['.', '-', '–', ',', ' ']);
            if x < y && text[x..y].starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit()) {
                out.push(Spanned {
                    text: squash(&text[x..y]),
                    span: [x, y],
                });
            }
            st = b;
        }
    }
    out
}

pub(crate) fn audience(
    text: &str,
    lines: &[Line<'_>],
    labels: &[crate::text::Labelled<Field>],
) -> Option<Spanned> {
    let l = labels.iter().find(|l| l.kind == Field::Audience)?;
    let (s, e) = value_sentence(text, lines, l);
    let (a, b) = trim_span(text, s, e, &[]);
    (a < b).then(|| Spanned {
        text: squash(&text[a..b]),
        span: [a, b],
    })
}

static AMOUNT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?P<n>\d{1,3}(?:[ \u{a0}.]\d{3})+|\d+)(?:,(?P<c>\d{1,2}|-))?[ \t\u{a0}]*(?P<u>kr(?-u:\b)|kronor|kroner|sek|nok|dkk|eur|euro|€|:-|,-)")
        .expect("valid regex")
});
const FREE_WORDS: &[&str] = &[
    "kostnadsfri",
    "avgiftsfri",
    "gratis",
    "ingen avgift",
    "ingen kostnad",
    "uten kostnad",
    "uden beregning",
    "uden betaling",
    "ingen deltag",
    "ingen deltak",
];

pub(crate) fn fee(
    text: &str,
    lines: &[Line<'_>],
    labels: &[crate::text::Labelled<Field>],
    lang: Lang,
) -> Option<Fee> {
    let l = labels
        .iter()
        .find(|l| matches!(l.kind, Field::Fee | Field::Free))?;
    let (s, e) = if l.kind == Field::Free {
        let (ls, lt) = lines[l.line].trimmed();
        (
            l.label.0,
            first_sentence_end(text, l.label.0, ls + lt.len()),
        )
    } else {
        value_sentence(text, lines, l)
    };
    let (a, b) = trim_span(text, s, e, &[]);
    let value = &text[a..b];
    let f = fold(value);
    let free = l.kind == Field::Free || FREE_WORDS.iter().any(|w| f.contains(w));
    let (amount, currency) = match AMOUNT.captures(value) {
        Some(c) if !free => {
            let digits: String = c
                .name("n")
                .map_or("", |m| m.as_str())
                .chars()
                .filter(char::is_ascii_digit)
                .collect();
            let mut amount: Option<f64> = digits.parse().ok();
            if let (Some(a), Some(cents)) = (
                amount.as_mut(),
                c.name("c").and_then(|m| m.as_str().parse::<f64>().ok()),
            ) {
                *a += cents / 100.0;
            }
            let u = fold(c.name("u").map_or("", |m| m.as_str()));
            let cur = match u.as_str() {
                "sek" => "SEK",
                "nok" => "NOK",
                "dkk" => "DKK",
                "eur" | "euro" | "€" => "EUR",
                _ => match lang {
                    Lang::Sv => "SEK",
                    Lang::Nb | Lang::Nn => "NOK",
                    Lang::Da => "DKK",
                },
            };
            (amount, Some(cur.to_string()))
        }
        _ => (None, None),
    };
    Some(Fee {
        text: squash(value),
        span: [a, b],
        free,
        amount,
        currency,
    })
}

// ---------------------------------------------------------------------------------------------
// Registration

pub(crate) fn registration(
    text: &str,
    lines: &[Line<'_>],
    labels: &[crate::text::Labelled<Field>],
    dates: &[Date],
    contacts: &[Contact],
    urls: &[Url],
) -> Option<Registration> {
    let (a, b) = if let Some(l) = labels.iter().find(|l| l.kind == Field::Registration) {
        let start = if l.style == LabelStyle::Colon && l.value_line == l.line {
            l.label.0
        } else {
            l.value.0
        };
        let mut j = l.value_line;
        while j + 1 < lines.len()
            && !lines[j + 1].is_blank()
            && !is_bullet_line(lines[j + 1].text)
            && LABELS.at_line(lines, j + 1, false).is_none()
        {
            j += 1;
        }
        let end = lines[j].trimmed().0 + lines[j].trimmed().1.len();
        trim_span(text, start, end, &[])
    } else {
        // "Mere info og tilmelding her: http://..." or a deadline date anywhere.
        let reg_word = |s: &str| {
            let f = fold(s);
            [
                "tilmelding",
                "pamelding",
                "anmalan",
                "anmal dig",
                "registrering",
                "meld deg pa",
                "tilmeld",
            ]
            .iter()
            .any(|w| f.contains(w))
        };
        if let Some(u) = urls
            .iter()
            .find(|u| reg_word(lines[line_of(lines, u.span[0])].text))
        {
            let (s, t) = lines[line_of(lines, u.span[0])].trimmed();
            (s, s + t.len())
        } else if let Some(d) = dates.iter().find(|d| d.role == DateRole::Deadline) {
            let (s, e) = sentence_around(text, lines, d.span[0]);
            trim_span(text, s, e.max(d.span[1]), &[])
        } else {
            return None;
        }
    };
    if a >= b {
        return None;
    }
    let inside = |sp: [usize; 2]| sp[0] >= a && sp[1] <= b;
    let deadline = dates
        .iter()
        .filter(|d| inside(d.span) && d.value.is_some())
        .max_by_key(|d| d.role == DateRole::Deadline)
        .and_then(|d| d.value.clone())
        .or_else(|| {
            dates
                .iter()
                .find(|d| d.role == DateRole::Deadline)
                .and_then(|d| d.value.clone())
        });
    let contact = contacts.iter().filter(|c| inside(c.span)).find_map(|c| {
        c.email
            .clone()
            .or_else(|| c.phone.clone())
            .or_else(|| c.name.clone())
    });
    let url = urls.iter().find(|u| inside(u.span)).map(|u| u.url.clone());
    Some(Registration {
        deadline,
        contact,
        url,
        text: squash(&text[a..b]),
        span: [a, b],
    })
}

// ---------------------------------------------------------------------------------------------
// Decisions

static DECISION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?-u:\b)(?:beslut|beslutades|beslöt|beslutade|beslutar\s+att|vedtak|vedtatt|vedtok|vedtog|vedtaget|beslutning|besluttet|besluttede|beslutter\s+at|st[äi]ller\s+sig\s+bakom|stiller\s+seg\s+bak|står\s+bakom\s+förslaget|v[äaie]ljs\s+(?:som|till?)|valdes\s+(?:som|till?)|velges\s+(?:som|til)|vælges\s+(?:som|til)|utses\s+(?:som|till?)|utser|f[åa]r\s+i\s+uppdrag|får\s+i\s+oppdrag|godkändes|godkjent|godkendt|enades|enige\s+om)(?-u:\b)",
    )
    .expect("valid regex")
});

pub(crate) fn decisions(text: &str, lines: &[Line<'_>]) -> Vec<Spanned> {
    let mut out: Vec<Spanned> = Vec::new();
    let mut kept = DisjointSpans::default();
    for m in DECISION.find_iter(text) {
        let li = line_of(lines, m.start());
        let (ls, lt) = lines[li].trimmed();
        // A bare heading "Beslut" / "Vedtak": the decision is the next paragraph's first sentence.
        let pos = if m.start() == ls && m.end() == ls + lt.trim_end_matches(':').len() {
            let Some(next) = lines[li + 1..].iter().take(3).find(|l| !l.is_blank()) else {
                continue;
            };
            next.trimmed().0
        } else {
            m.start()
        };
        let (s, e) = sentence_around(text, lines, pos);
        let (a, b) = trim_span(text, s, e, &[]);
        // Drop a leading list bullet.
        let t = &text[a..b];
        let a = if is_bullet_line(t) {
            a + (t.len()
                - t[t.char_indices().nth(1).map_or(0, |(i, _)| i)..]
                    .trim_start()
                    .len())
        } else {
            a
        };
        if a >= b || !kept.insert(a, b) {
            continue;
        }
        out.push(Spanned {
            text: squash(&text[a..b]),
            span: [a, b],
        });
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Contacts and URLs

static EMAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
        .expect("valid regex")
});
static PHONE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:\+\d{2}[ \t ]?(?:\(0\)[ \t ]?)?\d{1,3}|(?-u:\b)0\d{1,3})(?:[- \t]?\d{2,3})(?:[ \t ]?\d{2}){1,2}(?-u:\b)|(?i:tlf\.?|tel\.?|telefon|mobil|phone)[ \t:]*\+?\d[\d \t]{6,14}\d")
        .expect("valid regex")
});
static NAME_IN_SENTENCE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[\p{Lu}&&\p{Latin}][\p{Ll}&&\p{Latin}][\p{Latin}-]*(?:[ \t ]+[\p{Lu}&&\p{Latin}][\p{Ll}&&\p{Latin}][\p{Latin}-]*){1,2}").expect("valid regex")
});

pub(crate) fn contacts(text: &str, lines: &[Line<'_>], known: &[String]) -> Vec<Contact> {
    struct C {
        email: Option<(usize, usize)>,
        phone: Option<(usize, usize)>,
        sentence: (usize, usize),
    }
    let mut cs: Vec<C> = Vec::new();
    for m in EMAIL.find_iter(text) {
        let e = m.end() - m.as_str().len() + m.as_str().trim_end_matches('.').len();
        cs.push(C {
            email: Some((m.start(), e)),
            phone: None,
            sentence: sentence_around(text, lines, m.start()),
        });
    }
    // The e-mail spans in order (found left to right, none overlapping, so their ends are in
    // order too), and the contacts of each sentence in order: what each phone number asks,
    // answered without a scan of every contact (a list of thousands was quadratic).
    let emails: Vec<(usize, usize)> = cs.iter().filter_map(|c| c.email).collect();
    let mut by_sentence: HashMap<(usize, usize), Vec<usize>> = HashMap::new();
    for (i, c) in cs.iter().enumerate() {
        by_sentence.entry(c.sentence).or_default().push(i);
    }
    for m in PHONE.find_iter(text) {
        let digits = m.as_str().chars().filter(char::is_ascii_digit).count();
        // Inside an address: the last address starting before the number's end is the only
        // one that can reach past its start.
        let before = emails.partition_point(|&(a, _)| a < m.end());
        if !(7..=13).contains(&digits) || before > 0 && emails[before - 1].1 > m.start() {
            continue;
        }
        let sent = sentence_around(text, lines, m.start());
        let (s, e) = trim_span(text, m.start(), m.end(), &[]);
        let same = by_sentence.entry(sent).or_default();
        if let Some(&i) = same
            .iter()
            .filter(|&&i| cs[i].phone.is_none())
            .min_by_key(|&&i| cs[i].email.map_or(usize::MAX, |(a, _)| a.abs_diff(s)))
        {
            cs[i].phone = Some((s, e));
        } else {
            same.push(cs.len());
            cs.push(C {
                email: None,
                phone: Some((s, e)),
                sentence: sent,
            });
        }
    }
    let mut out = Vec::new();
    // The people's keys, made once for the document (at the first contact that asks), not once
    // per contact and person: a long list of each made this quadratic.
    let known_keys = std::cell::OnceCell::new();
    // Each address already in `out` (lowercased), with its index there.
    let mut by_email: HashMap<String, usize> = HashMap::new();
    for c in cs {
        let anchor = c.email.or(c.phone).map_or(0, |x| x.0);
        let (ss, se) = c.sentence;
        let name = NAME_IN_SENTENCE
            .find_iter(&text[ss..se])
            .filter(|m| crate::people::names_in(text, ss + m.start(), ss + m.end()).is_some())
            .min_by_key(|m| (ss + m.start()).abs_diff(anchor))
            .map(|m| squash(m.as_str()))
            .or_else(|| {
                let (a, b) = c.email?;
                let local = text[a..b].split('@').next()?.to_lowercase();
                let local = fold(&local).replace(['.', '_', '-'], " ");
                let keys = known_keys.get_or_init(|| {
                    known
                        .iter()
                        .map(|k| crate::people::name_key(k).replace('-', " "))
                        .collect::<Vec<String>>()
                });
                known
                    .iter()
                    .zip(keys)
                    .find(|(_, key)| **key == local)
                    .map(|(k, _)| k.clone())
            });
        let spans: Vec<(usize, usize)> = [c.email, c.phone].into_iter().flatten().collect();
        let start = spans.iter().map(|x| x.0).min().unwrap_or(0);
        let end = spans.iter().map(|x| x.1).max().unwrap_or(0);
        // The same address again (an e-mail's sender line and its signature): one contact,
        // completed by what the later mention adds.
        if let Some((a, b)) = c.email {
            let addr = text[a..b].to_ascii_lowercase();
            if let Some(&k) = by_email.get(&addr) {
                let prev: &mut Contact = &mut out[k];
                if prev.phone.is_none() {
                    prev.phone = c.phone.map(|(a, b)| text[a..b].to_string());
                }
                if prev.name.is_none() {
                    prev.name = name;
                }
                continue;
            }
            by_email.insert(addr, out.len());
        }
        out.push(Contact {
            email: c.email.map(|(a, b)| text[a..b].to_string()),
            phone: c.phone.map(|(a, b)| text[a..b].to_string()),
            name,
            span: [start, end],
        });
    }
    out.sort_by_key(|c| c.span[0]);
    out
}

static URL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i)(?-u:\b)(?:https?://|www\.)[^\s<>()"\]\[«»”]+"#).expect("valid regex")
});
static URL_TAIL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"^ /[^\s<>()"]+"#).expect("valid regex"));

pub(crate) fn urls(text: &str) -> Vec<Url> {
    let mut out: Vec<Url> = Vec::new();
    // The keys of the addresses in `out` (a scan of them per address was quadratic).
    let mut keys: std::collections::HashSet<String> = Default::default();
    for m in URL.find_iter(text) {
        let mut end = m.start()
            + m.as_str()
                .trim_end_matches(['.', ',', ';', ':', '!', '?', '\''])
                .len();
        let mut url = text[m.start()..end].to_string();
        // An OCR space before a path segment: "delaktighet--inflytande /omradesgrupper.html".
        if end == m.end() {
            if let Some(t) = URL_TAIL.find(&text[end..]) {
                let tail = t.as_str().trim_end_matches(['.', ',', ';', ':', '!', '?']);
                url.push_str(&tail[1..]);
                end += tail.len();
            }
        }
        let key = url.trim_end_matches('/').to_lowercase();
        if !keys.insert(key) {
            continue;
        }
        out.push(Url {
            url,
            span: [m.start(), end],
        });
    }
    out
}
