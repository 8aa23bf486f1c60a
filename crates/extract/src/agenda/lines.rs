//! Item lines: whether a line opens an agenda item and of what kind (`Kind`) — a time
//! (`8:15 Välkomna!`, `Kl. 19.00 Velkomst`), a number (`§ 12`, `Sak 12/20`, `a)`, `4.1`), a
//! parallel track (`Spår A: …`), a case-number label, a session around the meeting or a
//! question of question time — and where its title starts. One line at a time, before the
//! document-wide passes.

use std::sync::LazyLock;

use regex::Regex;

use super::times::{clock_range, time_cell};
use super::Kind;
use crate::text::{fold, is_bullet_line, squash, Line};

static TIMED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?P<kl>(?i:kl|ca|cirka|omkr|omkring)\.?[ \t ]*)?(?P<h>\d{1,2})[.:](?P<m>\d{2})(?:(?:[ \t ]*[-–—][ \t ]*|[ \t ]+(?i:til|till|to)[ \t ]+)(?P<h2>\d{1,2})[.:](?P<m2>\d{2}))?(?:[ \t ]*[-–:][ \t ]*|[ \t ]+)(?P<title>\S.*)$",
    )
    .expect("valid regex")
});
static NUMBERED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?P<n>§[ \t ]*\d+[a-z]?|(?:[A-ZÆØÅÄÖ]{1,6}[-–])?(?i:sak(?:[ \t ]+nr\.?)?|ps|punkt|ärende|arende|pkt\.?|dagsordenspunkt|sag|ad\.?)[ \t ]+\d+(?:/\d+)?|(?i:rs|ds|os)[ \t ]+\d+/\d+|(?P<dec>\d{1,2}\.\d)|\d{1,3}\.|(?P<paren>\d{1,3}\))|(?P<sub>[a-h]\))|(?P<bare>\d{1,3}/(?:\d{2}|\d{4})))[ \t ]*[.:\-–]?[ \t ]+(?P<title>\S.*)$",
    )
    .expect("valid regex")
});
/// `Saksnr.: 21/27    Saksbehandler: Name`, `Ärendenr: 4`: a case-number label opening an item
/// block whose title stands on the next line (the rest of the line is another label's column).
static CASE_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?i:saksnr|saksnummer|sak[ \t]+nr|sagsnr|sagsnummer|sag[ \t]+nr|ärendenr|ärendenummer|ärende[ \t]+nr|arendenr)\.?[ \t]*:[ \t]*(?P<n>\d{1,4}(?:/\d{2,4})?)(?P<rest>(?:[ \t]{3,}|\t).*)?$",
    )
    .expect("valid regex")
});
/// The case-number label match of a line (see [`CASE_LABEL`]), after a cheap test of its first
/// two characters folded (`sa`, or `ar` for `är`). Characters, not bytes: `Ä` takes two bytes,
/// and a two-byte test never let the Swedish `Ärendenr:` through.
pub(super) fn case_label(t: &str) -> Option<regex::Captures<'_>> {
    let two = t.char_indices().nth(2).map_or(t.len(), |(i, _)| i);
    if t.len() > 6 && matches!(fold(&t[..two]).as_str(), "sa" | "ar") {
        CASE_LABEL.captures(t)
    } else {
        None
    }
}

/// `1   Upprop`, `10  Övriga frågor`: a bare item number set off from its title by a wide gap of
/// spaces (a tab separates table columns, read by the item table instead).
static SPACED_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<n>\d{1,3}) {2,}(?P<title>[\p{Lu}&&\p{Latin}].*)$").expect("valid regex")
});
/// `Spår A: Title`, `Track 2: Title`, `Sesjon B: Title`: one of the parallel tracks of a
/// programme slot, a sub-item numbered by its label.
static TRACK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^(?P<n>(?i:{})[ \t]+(?:[A-H]|\d))[ \t]*:[ \t]+(?P<title>\p{{Lu}}.*)$",
        TRACK_WORDS.join("|")
    ))
    .expect("valid regex")
});
/// The words that open a track's label, for [`TRACK`] and [`is_track`].
const TRACK_WORDS: &[&str] = &[
    "spår", "spar", "spor", "track", "sesjon", "sessjon", "session", "workshop", "grupp", "gruppe",
    "sal", "rum", "rom", "lokale",
];

/// A track's number (`Spår A`, `Track 2`), as [`TRACK`] reads it.
pub(super) fn is_track(n: &str) -> bool {
    n.split_once([' ', '\t'])
        .is_some_and(|(w, _)| TRACK_WORDS.iter().any(|t| w.eq_ignore_ascii_case(t)))
}

static MONTH_START: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:jan|feb|mar|apr|maj|mai|jun|jul|aug|sep|okt|nov|dec|des)")
        .expect("valid regex")
});

/// `PS 21/27   27/318     Title`: a register column (an archive case number `27/318`) between
/// an item's number and its title, set off by a wide gap on both sides. The number of bytes to
/// skip to reach the title, or 0. A digit pair without the gap after it (`5/12 ble vedtatt`) or
/// before a lowercase word is part of the title.
fn register_lead(t: &str) -> usize {
    let digits = |s: &str| s.bytes().take_while(u8::is_ascii_digit).count();
    let a = digits(t);
    if !(1..=5).contains(&a) || t.as_bytes().get(a) != Some(&b'/') {
        return 0;
    }
    let b = digits(&t[a + 1..]);
    if !(1..=6).contains(&b) {
        return 0;
    }
    let code = a + 1 + b;
    let rest = &t[code..];
    let title = rest.trim_start_matches([' ', '\t']);
    let gap = &rest[..rest.len() - title.len()];
    if (gap.contains('\t') || gap.len() >= 2) && title.starts_with(char::is_uppercase) {
        t.len() - title.len()
    } else {
        0
    }
}

/// `Spørsmål 2/27 fra Name (Party): Subject`, `Fråga 3 från Name (S): Subject`: an item of a
/// council's question time, numbered by the question; the asker and party stand between the
/// number and the colon, the subject after it is the title.
static QUESTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?P<n>(?i:spørsmål|spørgsmål|spursmål|fråga|fråge|interpellasjon|interpellation)[ \t]+(?:(?i:nr)\.?[ \t]*)?\d{1,3}(?:/\d{2,4})?)[ \t]+(?i:fra|frå|från|af)[ \t]+(?P<who>[\p{Lu}&&\p{Latin}][^:\n]{2,80}?)[ \t]*:[ \t]*(?P<title>[\p{Lu}&&\p{Latin}].*)$",
    )
    .expect("valid regex")
});

/// `Før møtet, kl. 09:00–09:45: Orientering om …`, `Före sammanträdet kl. 13.00: Studiebesök`:
/// a session held before (or after) the meeting, with its time, is an item of the day too
/// (unnumbered) whose title follows the colon.
static AROUND_MEETING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?i:før|för|före|etter|efter)[ \t]+(?i:møtet|mødet|mötet|sammanträdet|sammantradet|møtestart|mødestart)[ \t]*,?[ \t]*(?:(?i:kl)\.?[ \t]*)?(?P<h>\d{1,2})[.:](?P<m>\d{2})(?:[ \t]*[-–—][ \t]*(?P<h2>\d{1,2})[.:](?P<m2>\d{2}))?[ \t]*:[ \t]*(?P<title>[\p{Lu}&&\p{Latin}].*)$",
    )
    .expect("valid regex")
});

/// The session-around-the-meeting match of a line, after a cheap test of its first letters.
fn around_meeting(t: &str) -> Option<(Kind, usize)> {
    if !folded_head_is(t, 3, &["for", "ett", "eft"]) {
        return None;
    }
    let c = AROUND_MEETING.captures(t)?;
    let (start, end) = clock_range(&c)?;
    let number = None;
    Some((Kind::Timed { start, end, number }, c.name("title")?.start()))
}

/// True when the first `n` characters of `t`, folded, are one of the ASCII `words`: what
/// `matches!(fold(&t.chars().take(n).collect::<String>()).as_str(), …)` says, without the two
/// strings (asked for every line).
fn folded_head_is(t: &str, n: usize, words: &[&str]) -> bool {
    let mut buf = [0u8; 8];
    let mut len = 0;
    for c in t.chars().take(n) {
        for l in c.to_lowercase() {
            let f = rensa_core::fold_diacritic(l);
            // A folded character outside ASCII matches none of the words.
            if !f.is_ascii() || len == buf.len() {
                return false;
            }
            buf[len] = f as u8;
            len += 1;
        }
    }
    words.iter().any(|w| w.as_bytes() == &buf[..len])
}

/// The question-time match of a line, after a cheap test of its first letters.
pub(super) fn question_line(t: &str) -> Option<regex::Captures<'_>> {
    if !folded_head_is(t, 2, &["sp", "fr", "in"]) {
        return None;
    }
    QUESTION.captures(t)
}

/// The text of a line after its bullet, with its absolute start.
pub(super) fn unbullet<'a>(line: &Line<'a>) -> (usize, &'a str) {
    let (s, t) = line.trimmed();
    let u = if is_bullet_line(t) {
        let mut cs = t.char_indices();
        cs.next();
        let rest = &t[cs.next().map_or(t.len(), |(i, _)| i)..];
        rest.trim_start()
    } else {
        t
    };
    (s + (t.len() - u.len()), u)
}

/// Round 15: `Før sakene, kl. 17:00–17:30: Orientering om …`: a short lead phrase and a comma
/// before a `kl.` range that a colon and a capitalised title follow. The line is a timed item
/// (an orientation before the case list); the lead is no part of it. Without the colon after the
/// range (`Gruppemøte kl. 16:00–16:45 i møterom …`) it stays running text.
static TIMED_LEAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\p{Lu}[\p{L} ]{2,25},[ \t]+(?P<rest>(?i:kl)\.?[ \t]*\d{1,2}[.:]\d{2}[ \t]*[-–][ \t]*\d{1,2}[.:]\d{2}[ \t]*:[ \t]+\p{Lu}.*)$")
        .expect("valid regex")
});

pub(super) fn line_kind(line: &Line<'_>) -> Option<(Kind, usize, usize)> {
    let (s, t) = unbullet(line);
    // Cheap test first: a comma before `kl.`.
    let (s, t) = match t
        .contains(", kl")
        .then(|| TIMED_LEAD.captures(t))
        .flatten()
        .and_then(|c| c.name("rest"))
    {
        Some(r) => (s + r.start(), &t[r.start()..]),
        None => (s, t),
    };
    // `TIMED` opens with a digit or with `kl`, `ca`, `cirka`, `omkr` in any case (the Kelvin
    // sign is a `K` to `(?i)`): any other first character rules it out without running it.
    let timed_start = t.chars().next().is_some_and(|c| {
        c.is_numeric() || matches!(c, 'k' | 'K' | '\u{212A}' | 'c' | 'C' | 'o' | 'O')
    });
    if let Some(c) = timed_start.then(|| TIMED.captures(t)).flatten() {
        let (start, end) = clock_range(&c)?;
        let title = c.name("title")?;
        // `kl. 07.30–10.00 på Hotellet …` is running text; `Kl. 19.00 Velkomst` an item, and so
        // is an approximate time (`ca. 17.30  Heimkomst`, the end of a trip).
        if c.name("kl").is_some() && !title.as_str().starts_with(char::is_uppercase) {
            return None;
        }
        // `12:00  Sak 1/26  Title`, `9.15  § 4 Title`: a worded case number after the time is
        // the item's number, not part of its title.
        let mut ts = title.start();
        let mut number = None;
        if title
            .as_str()
            .starts_with(|c: char| c.is_alphabetic() || c == '§')
        {
            if let Some(nc) = NUMBERED.captures(title.as_str()) {
                let n = nc.name("n")?.as_str();
                let inner = nc.name("title")?;
                if n.starts_with(|c: char| c.is_alphabetic() || c == '§')
                    && nc.name("sub").is_none()
                    && inner.as_str().starts_with(char::is_uppercase)
                {
                    number = Some(squash(n));
                    ts += inner.start();
                }
            }
        }
        return Some((Kind::Timed { start, end, number }, s, s + ts));
    }
    let digit = t.as_bytes().first().is_some_and(u8::is_ascii_digit);
    if let Some(c) = digit.then(|| SPACED_NUMBER.captures(t)).flatten() {
        let title = c.name("title")?.as_str();
        // `1  Upprop      18.30`: a right-hand time column is no part of the title.
        let title = time_cell(title).map_or(title, |(h, _, _)| &title[..h]);
        if title.contains(['\t', '|']) || title.contains("   ") || MONTH_START.is_match(title) {
            return None;
        }
        let n = c.name("n")?;
        return Some((
            Kind::Numbered(n.as_str().to_string()),
            s,
            s + c.name("title")?.start(),
        ));
    }
    // `Spår A: Title` indented under a programme slot: a parallel track.
    // Cheap test first: the first word is a track word.
    if line.indent() > 0 && t.contains(':') && is_track(t) {
        if let Some(c) = TRACK.captures(t) {
            let n = squash(c.name("n")?.as_str());
            return Some((Kind::Numbered(n), s, s + c.name("title")?.start()));
        }
    }
    if let Some(c) = case_label(t) {
        let n = c.name("n")?.as_str().to_string();
        let ts = c.name("rest").map_or(t.len(), |r| r.start());
        let rest = t[ts..].trim_start();
        return Some((Kind::Numbered(n), s, s + t.len() - rest.len()));
    }
    if let Some((kind, ts)) = around_meeting(t) {
        return Some((kind, s, s + ts));
    }
    if let Some(c) = question_line(t) {
        let n = squash(c.name("n")?.as_str());
        return Some((Kind::Numbered(n), s, s + c.name("title")?.start()));
    }
    if let Some(c) = NUMBERED.captures(t) {
        let n = c.name("n")?.as_str();
        let title = c.name("title")?;
        // `1. (Åben) Title`, `4. (Lukket) Title`: an open/closed marker before the title.
        let mark = access_mark(title.as_str());
        if mark > 0 && c.name("sub").is_none() && c.name("paren").is_none() {
            let rest = &title.as_str()[mark..];
            if !rest.starts_with(char::is_uppercase) || MONTH_START.is_match(rest) {
                return None;
            }
            return Some((Kind::Numbered(squash(n)), s, s + title.start() + mark));
        }
        // `a) Title` under an item: a sub-item, numbered by its letter; `1) Title` by its digits;
        // `4.1 Title` by both parts.
        if c.name("sub").is_some() || c.name("paren").is_some() || c.name("dec").is_some() {
            if !title.as_str().starts_with(char::is_uppercase)
                || MONTH_START.is_match(title.as_str())
            {
                return None;
            }
            let n = n.trim_end_matches(')').to_string();
            return Some((Kind::Numbered(n), s, s + title.start()));
        }
        let plain_number = n.ends_with('.') && n.chars().next().is_some_and(|c| c.is_ascii_digit());
        // `14/25  Godkjenning …`: a bare case number (number/year) opens an item when the year
        // part cannot be a month (`3/12` may be a date) and the title is capitalised.
        if c.name("bare").is_some() {
            let year = n.split('/').nth(1).unwrap_or("");
            let y: u32 = year.parse().ok()?;
            if (year.len() == 2 && y <= 12)
                || !title.as_str().starts_with(char::is_uppercase)
                || MONTH_START.is_match(title.as_str())
            {
                return None;
            }
        }
        if plain_number
            && (!title.as_str().starts_with(char::is_uppercase)
                || MONTH_START.is_match(title.as_str()))
        {
            return None;
        }
        // `Sak 61/25 og sak 62/25 er utsatt …`, `Ärende 4 har beretts …`: a reference in a
        // sentence, not an item (item titles start with a capital or a digit).
        if n.starts_with(char::is_alphabetic) && title.as_str().starts_with(char::is_lowercase) {
            return None;
        }
        let lead = register_lead(title.as_str());
        return Some((Kind::Numbered(squash(n)), s, s + title.start() + lead));
    }
    None
}

/// Round 15: `(Åben)`, `(Lukket)`, `(Åpen)`, `(Öppet)`, `(Unntatt offentlighet)` right after an
/// item number says whether the item is dealt with in public (a Danish beslutningsprotokol marks
/// every item so). It is no part of the title, and a closed item is still an item. Returns the
/// length of the marker and the blanks after it, or 0.
fn access_mark(t: &str) -> usize {
    let Some(inner) = t.strip_prefix('(') else {
        return 0;
    };
    let Some(close) = inner.find(')') else {
        return 0;
    };
    let word = fold(inner[..close].trim());
    let known = [
        "aben",
        "abent",
        "apen",
        "apent",
        "open",
        "ope",
        "oppen",
        "oppet",
        "lukket",
        "lukka",
        "stangd",
        "stangt",
        "fortrolig",
        "ikke offentlig",
        "unntatt offentlighet",
        "unnateke offentlegheit",
        "sekretess",
    ];
    if !known.contains(&word.as_str()) {
        return 0;
    }
    let after = &inner[close + 1..];
    if !after.starts_with([' ', '\t']) {
        return 0;
    }
    1 + close + 1 + (after.len() - after.trim_start().len())
}
