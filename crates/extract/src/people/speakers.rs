//! People one line names: speaker lines in a programme (`Innledning: Name, Org`), presenters
//! (`Name orienterer`), names after a title, the person a sentence opens with and a trailing
//! attribution. The agenda reader asks these of an item's lines; the statements reuse the
//! presenter and title patterns.

use std::sync::LazyLock;

use regex::Regex;

use super::lists::parse_list;
use super::names::{clean_name, names_in, words, NAME, PARTY_PAREN};
use super::segments::{classify, conj_split, top_level_commas, Seg};
use super::titles::{is_title_word, title_role};
use super::{Person, PARTIES};
use crate::text::{fold, squash};
use crate::Role;

/// A speaker line in a program: `Linda Björnberg (Karolina Vårdcentral)`,
/// `Innledninger: Kristine Laake, Reach for Change`, `Stian Johnsen, gen.sekr. i Frivillighet Norge`.
/// Empty unless the line starts with a person.
pub(crate) fn parse_speaker_line(text: &str, s: usize, e: usize) -> Vec<Person> {
    let line = &text[s..e];
    let mut start = s;
    let mut presenter = false;
    if let Some(c) = line.find(':') {
        let label = &line[..c];
        if label.split_whitespace().count() <= 5 && c < 60 && names_in(text, s, s + c).is_none() {
            start = s + c + 1;
            presenter = PRESENTER_LABELS.contains(&fold(&squash(label)).as_str());
        }
    } else if let Some(m) = PRESENTED_BY.find(line) {
        // `Föredras av controller Name`, `Præsenteres af planlægger Name`.
        start = s + m.end();
        presenter = true;
    } else if let Some(r) = ["med ", "with "].iter().find_map(|w| line.strip_prefix(w)) {
        // `med Name, Org, og` under a programme line: the people the item is held with (lower
        // case only; `Med vennlig hilsen` is a closing).
        start = e - r.len();
    }
    let (ts, te) = crate::text::trim_span(text, start, e, &[]);
    if ts >= te {
        return Vec::new();
    }
    let first = top_level_commas(text, ts, te)[0];
    let first = conj_split(text, first.0, first.1)[0];
    if !matches!(classify(text, first.0, first.1), Seg::Persons { .. }) {
        // `Föredragande: controller Name`: after a presenter label any lowercase title may
        // stand before the name.
        if presenter {
            if let Some(ns) = lowercase_lead(text, first.0, first.1) {
                return parse_list(text, ns, te);
            }
        }
        return Vec::new();
    }
    parse_list(text, ts, te)
}

/// `Föredras av`, `Presenteres av`, `Præsenteres af`, `Innledes av`: a passive that opens a
/// presenter line. `Svar lämnas av`, `Svaret gis av`, `Svar gives af`: whoever answers a
/// question or an interpellation under an item speaks at it.
static PRESENTED_BY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:(?i:föredras|föredrages|presenteras|presenteres|præsenteres|innledes|innleiast|inleds|fremlægges|framförs)|(?i:svar|svaret)[ \t]+(?i:lämnas|ges|gis|gjevast|givs|gives)(?:[ \t]+(?i:muntligt|muntlig|munnleg|mundtligt))?)[ \t]+(?i:av|af|ved|vid)[ \t]+")
        .expect("valid regex")
});

/// Labels that name who presents an item (folded).
const PRESENTER_LABELS: &[&str] = &[
    "foredragande",
    "foredragare",
    "foredragende",
    "foredragsholder",
    "saksbehandler",
    "saksbehandlar",
    "sagsbehandler",
    "saksordforer",
    "saksordforar",
    "ansvarig",
    "ansvarlig",
    "presentation",
    "presentasjon",
    "prasentation",
    // `æ` folds to `a`: `Oplæg ved` is `oplag ved`.
    "oplag ved",
    "oplag",
    "oplagsholder",
    "innledning",
    "innleiing",
    "inledning",
    "inledare",
    "innleiar",
    "innleder",
    "foredrag",
    "talare",
    "talere",
    "innledning ved",
    "orientering ved",
    "dragning",
];

/// The start of the name in `lowercase words Name Surname` (at most three lowercase words
/// before exactly one name).
pub(super) fn lowercase_lead(text: &str, s: usize, e: usize) -> Option<usize> {
    let (s, e) = crate::text::trim_span(text, s, e, &['.']);
    let seg = &text[s..e];
    let ws = words(seg);
    let k = ws
        .iter()
        .take_while(|&&(a, b)| seg[a..b].chars().all(|c| c.is_lowercase() || c == '-'))
        .count();
    if k == 0 || k > 3 || ws.len() < k + 2 {
        return None;
    }
    let ns = s + ws[k].0;
    names_in(text, ns, e).filter(|v| v.len() == 1).map(|_| ns)
}

/// `Økonomisjef Kjersti Øren orienterer`, `Räddningschef Örjan Västerås informerar om`,
/// `Helsesjukepleiar Ragnhild Åsen deltek under saka`: someone presenting a case. Answering
/// questions on it (`Name svarar på spørsmål`, round 15) counts too.
pub(super) static SPEAKS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?P<n>{NAME}){PARTY_PAREN}[ \t ]+(?i:orienterer|orienterte|orienterar|orienterade|orienterede|informerar|informerade|informerer|informerte|informerede|föredrar|föredrog|redogör|redogjorde|redovisar|redovisade|presenterar|presenterade|presenterer|presenterte|præsenterer|præsenterede|fremlægger|fremlagde|gennemgår|gennemgik|gjennomgår|gjennomgikk|innleier|innleidde|innleder|innledet|inleder|inledde|deltek|deltar|deltager|la fram|la frem|lagde fram|lagde frem|legger fram|legger frem|legg fram|legg frem|gjekk gjennom|gikk gjennom|gick igenom|gik igennem|fremla|framla|svarar|svarer|svarade|besvarer|besvarar|besvarade)(?-u:\b)"
    ))
    .expect("valid regex")
});

static TITLED_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?P<t>\p{{Latin}}+)[ \t ]+(?P<n>{NAME}){PARTY_PAREN}"
    ))
    .expect("valid regex")
});

/// People named after their title inside a line: `Information från förvaltningschefen Mikael
/// Öhrström om …`. A name without a title (`Motion från Göran Åström (C)`) is not taken.
pub(crate) fn titled_names(text: &str, s: usize, e: usize) -> Vec<Person> {
    let mut out = Vec::new();
    for c in TITLED_NAME.captures_iter(&text[s..e]) {
        let (Some(t), Some(n)) = (c.name("t"), c.name("n")) else {
            continue;
        };
        let first = n.as_str().split_whitespace().next().unwrap_or("");
        let title = if is_title_word(first) {
            first
        } else if is_title_word(t.as_str()) {
            t.as_str()
        } else {
            continue;
        };
        if let Some(sp) = clean_name(text, s + n.start(), s + n.end()) {
            let mut p = Person::new(text, sp);
            p.role = title_role(title);
            out.push(p);
        }
    }
    out
}

static LEAD_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^(?P<n>{NAME})(?:{PARTY_PAREN}[ \t ]*,|{PARTY_PAREN}[ \t ]+[\p{{Ll}}&&\p{{Latin}}])"
    ))
    .expect("valid regex")
});

/// The person a sentence opens with: `Johan Härdelin från fritidsavdelningen förklarar …`,
/// `Göran Sjödin (S), ordförande …, hälsar välkommen`.
pub(crate) fn leading_person(text: &str, s: usize, e: usize) -> Option<Person> {
    let c = LEAD_NAME.captures(&text[s..e])?;
    let n = c.name("n")?;
    let (a, b) = (s + n.start(), s + n.end());
    let spans = names_in(text, a, b).filter(|v| v.len() == 1)?;
    let mut p = Person::new(text, spans[0]);
    if let Some(close) = text[b..e].trim_start().strip_prefix('(') {
        let inner = close.split(')').next().unwrap_or("").trim();
        if PARTIES.contains(&inner) {
            p.party = Some(inner.to_string());
        }
    }
    Some(p)
}

/// People a trailing attribution names: `udvalgsformand Bente Skjærbæk (V)`, `direktør for
/// Sundhed og Omsorg, Søren Kjær Østergaard`, `Dagleg leiar i Volda Næringsråd, Bjørn Skåre`.
/// Empty unless every comma part is a person, a title or an organisation and one is a person.
pub(crate) fn attribution(text: &str, s: usize, e: usize) -> Vec<Person> {
    let (s, e) = crate::text::trim_span(text, s, e, &['.']);
    if s >= e || e - s > 160 {
        return Vec::new();
    }
    let segs = top_level_commas(text, s, e);
    if segs.len() > 4 {
        return Vec::new();
    }
    let mut any = false;
    for &(a, b) in &segs {
        // `A og B, Org`: two people joined by a conjunction share a segment (which alone reads
        // like an organisation's name, `Kultur og Fritid`, or like nothing).
        let pair = |a: usize, b: usize| {
            let parts = conj_split(text, a, b);
            parts.len() >= 2
                && parts
                    .iter()
                    .all(|&(x, y)| matches!(classify(text, x, y), Seg::Persons { .. }))
        };
        match classify(text, a, b) {
            Seg::Persons { .. } => any = true,
            Seg::Org(_) if pair(a, b) => any = true,
            // `landskabsarkitekt Name og Name, Org`: a title before the first of two people.
            Seg::Title { .. } if pair(a, b) => any = true,
            Seg::Title { .. } | Seg::Org(_) | Seg::Role(_) => {}
            Seg::Nothing if pair(a, b) => any = true,
            Seg::Nothing => return Vec::new(),
        }
    }
    if any {
        parse_list(text, s, e)
    } else {
        Vec::new()
    }
}

/// The people a line names as presenting (`Name orienterer`, `Leder af X Name deltager under
/// punktet`), speakers.
pub(crate) fn speaking(text: &str, s: usize, e: usize) -> Vec<Person> {
    SPEAKS
        .captures_iter(&text[s..e])
        .filter_map(|c| c.name("n"))
        .filter_map(|n| clean_name(text, s + n.start(), s + n.end()))
        .map(|sp| {
            let mut p = Person::new(text, sp);
            p.role = Some(Role::Speaker);
            p
        })
        .collect()
}
