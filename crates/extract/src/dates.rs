//! Dates: finding them, completing missing years, and giving each a role.

use std::sync::LazyLock;

use regex::{Captures, Regex};

use crate::text::{fold, line_of, match_label, Line};
use crate::{Date, DateRole, DocType, Term};

/// Month names and abbreviations in Swedish, Bokmål, Nynorsk and Danish; longest first so the
/// leftmost-first alternation never stops at an abbreviation.
const MONTHS: &str = "januari|januar|jan|februari|februar|feb|mars|marts|mar|april|apr|maj|mai|\
juni|jun|juli|jul|augusti|august|aug|september|sept|sep|oktober|okt|november|nov|december|desember|dec|des";

const WEEKDAYS: &str =
    "m[åa]ndag|mandag|tisdag|tirsdag|tysdag|onsdag|torsdag|fredag|l[öøo]rdag|laurdag|\
s[öøo]ndag|sundag";

static TEXT_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)(?-u:\b)(?:(?P<wd>{WEEKDAYS})[ \t ]*,?[ \t ]+(?:(?:den|d\.)[ \t ]+)?)?(?:(?P<d0>\d{{1,2}})\.?[ \t ]*[-–—][ \t ]*)?(?P<d>\d{{1,2}})(?:\.[ \t ]*|[ \t ]+)(?P<m>{MONTHS})(?-u:\b)\.?(?:,?[ \t ]+(?P<y>(?:19|20)\d{{2}})(?-u:\b))?"
    ))
    .expect("valid regex")
});
static ISO_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(?P<y>(?:19|20)\d{2})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?-u:\b)")
        .expect("valid regex")
});
static DOT_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?-u:\b)(?:(?P<wd>WD)[ \t ]*,?[ \t ]+(?:(?:den|d\.)[ \t ]+)?)?(?P<d>\d{1,2})\.[ \t ]?(?P<m>\d{1,2})\.(?P<y>(?:19|20)\d{2})(?-u:\b)"
            .replace("WD", WEEKDAYS)
            .as_str(),
    )
    .expect("valid regex")
});
static SLASH_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(?P<d>\d{1,2})/(?P<m>\d{1,2})[-/](?P<y>(?:19|20)\d{2}|\d{2})(?-u:\b)")
        .expect("valid regex")
});
/// `06-03-2025`: day, month and a four-digit year joined by hyphens (Danish and Norwegian
/// numeric dates); never part of an ISO date or a longer run of numbers.
static DASH_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(?P<d>\d{1,2})-(?P<m>\d{1,2})-(?P<y>(?:19|20)\d{2})(?-u:\b)")
        .expect("valid regex")
});
/// A day and month without a year, `31/3` or `25.10` (found only after a date word, see
/// [`short_date_ok`]).
static SHORT_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(?P<d>\d{1,2})(?P<sep>[./])(?P<m>\d{1,2})(?-u:\b)").expect("valid regex")
});
/// Words after which `31/3` or `25.10` is a date (folded): deadlines, ranges, `den`, weekdays.
const SHORT_DATE_LEADS: &[&str] = &[
    "senast", "senest", "innan", "innen", "inden", "for", "fore", "fra", "fran", "til", "till",
    "tom", "fom", "t.o.m", "f.o.m", "frist", "fristen", "den", "d", "per", "pr", "mandag",
    "tisdag", "tirsdag", "tysdag", "onsdag", "torsdag", "fredag", "lordag", "laurdag", "sondag",
    "sundag",
];

/// `senast 31/3`, `innen 25.10`, `løber til 2/12`, `fredag 9/10`: a yearless numeric date right
/// after a date word (`den` and `d.` may stand between), after a meeting's or date's label
/// (`Næste møde: 2/6`), or, with a slash, before a clock time (`2/6 kl. 15.00`). `Lokale 1.12`, `Sak 4/12`, `till 1/3
/// av kostnaden` (a fraction) and `fra 8.10 til 9.00` (times) are not dates.
/// Returns the date's start (a weekday before it belongs to it) and the weekday.
fn short_date_ok(text: &str, start: usize, end: usize, sep: &str) -> Option<(usize, Option<u32>)> {
    let before = &text[..start];
    if before
        .chars()
        .next_back()
        .is_some_and(|c| c.is_ascii_digit() || matches!(c, '.' | '/' | ':' | '-' | '–' | ','))
    {
        return None;
    }
    let after = &text[end..];
    let mut ac = after.chars();
    if let (Some(c1), Some(c2)) = (ac.next(), ac.next()) {
        if matches!(c1, '.' | '/' | '-' | ':') && c2.is_ascii_digit() {
            return None;
        }
    }
    let next_word = fold(
        after
            .trim_start_matches(['.', ' ', '\t'])
            .split(|c: char| !c.is_alphanumeric() && c != '%')
            .next()
            .unwrap_or(""),
    );
    if [
        "av", "af", "of", "del", "delar", "deler", "dele", "delen", "pris", "procent", "prosent",
        "%",
    ]
    .contains(&next_word.as_str())
    {
        return None;
    }
    if sep == "." {
        static TIME_AFTER: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"^\s*(?:[-–]|til|till|to)\s*\d{1,2}[.:]\d{2}").expect("valid regex")
        });
        if TIME_AFTER.is_match(after) {
            return None;
        }
    }
    let head = before.trim_end_matches([' ', '\t']);
    let mut ws = head.rsplit([' ', '\t', '\n', '(']);
    let w0 = ws.next().unwrap_or("");
    // `Næste møde: 2/6`, `Mødedato: 14.3`: a meeting's or a date's label before its colon.
    if let Some(label) = w0.strip_suffix(':') {
        let f = fold(label);
        if ["mode", "mote", "dato", "datum", "sammantrade"]
            .iter()
            .any(|k| f.ends_with(k))
        {
            return Some((start, None));
        }
    }
    // `2/6 kl. 15.00`: a day and month before a clock time (slash only; `4.2 kl. 10` may number
    // a section).
    let id_word = [
        "sak", "ps", "rs", "ds", "arende", "punkt", "pkt", "nr", "§", "dnr",
    ]
    .contains(&fold(w0.trim_end_matches('.')).as_str());
    if sep == "/" && !id_word {
        static KL_AFTER: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"^[ \t]*,?[ \t]*(?i:kl)\.?[ \t]*\d{1,2}(?:[.:]\d{2})?(?-u:\b)")
                .expect("valid regex")
        });
        if KL_AFTER.is_match(after) {
            return Some((start, None));
        }
    }
    let mut w = fold(w0.trim_end_matches('.'));
    let mut wstart = head.len() - w0.len();
    if w == "den" || w == "d" {
        let p0 = ws.next().unwrap_or("");
        let prev = fold(p0.trim_end_matches('.'));
        if !prev.is_empty() && SHORT_DATE_LEADS.contains(&prev.as_str()) {
            w = prev;
            wstart = head[..wstart].trim_end_matches([' ', '\t']).len() - p0.len();
        }
    }
    // `Høringsfristen er 15/11`, `Svarsfristen är 3.4`: a deadline noun, a copula, the date.
    if matches!(w.as_str(), "er" | "ar" | "var" | "is") {
        let p = fold(ws.next().unwrap_or("").trim_end_matches([',', ':']));
        if p.ends_with("frist") || p.ends_with("fristen") {
            return Some((start, None));
        }
    }
    if !SHORT_DATE_LEADS.contains(&w.as_str()) {
        return None;
    }
    match weekday_number(&w).filter(|_| w.ends_with("dag")) {
        Some(wd) => Some((wstart, Some(wd))),
        None => Some((start, None)),
    }
}

static TERM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?-u:\b)(?P<t>ht|vt|hösten|høsten|hausten|efteråret|efterår|våren|foråret|forår)[ \t ]*-?[ \t ]*(?P<y>(?:19|20)\d{2}|\d{2})(?-u:\b)",
    )
    .expect("valid regex")
});
static MEETING_WORD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(?:mote|moete|motet|moten|motes|mode|modet|sammantrade|sammantradet|kommunstyrelse|fullmaktige|namnd|utvalg|udvalg)").expect("valid regex")
});
static EVENT_WORD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(?:ager rum|finner sted|finder sted|avholdes|afholdes|arrangeras|holdes|hallas|halls|temadag|temadagen|konferens|konference|konferanse|seminar|fest|traff|traffen|lartraff|workshop|kurs|temakvall|kvall|seminarium)").expect("valid regex")
});

/// A hearing word, then `til`/`till`/`t.o.m.` right before the date (folded text).
static HEARING_END: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:horing|hoering|remiss|granskning|utstallning|samrad|hearing|ettersyn|offentlig\s+ettersyn|hoyring)(?:[^.!?]|\d\.)*\s(?:til|till|t\.o\.m\.?|tom|to)\s+(?:og\s+med\s+|och\s+med\s+|med\s+)?(?:(?:den|d\.)\s+)?(?:\p{Latin}+dag\s+(?:den\s+)?)?$")
        .expect("valid regex")
});

/// Labels that make a date on their line the meeting or event date.
const WHEN_LABELS: &[&str] = &[
    "när",
    "datum",
    "dato",
    "tid",
    "tidpunkt",
    "tidspunkt",
    "når",
    "hvornår",
    "dag",
    "sted og tid",
    "tid og sted",
    "tid och plats",
    "tid och rum",
    "mötesdatum",
    "møtedato",
    "mødedato",
    "dato og tid",
    "datum och tid",
    "dag och tid",
    "dag og tid",
    "dag og tidspunkt",
    "sammanträdesdatum",
    "sammanträdesdag",
    "møtedag",
    "mødedag",
];
const DEADLINE_WORDS: &[&str] = &[
    "senast",
    "senest",
    "frist",
    "sista dag",
    "sidste dag",
    "sista anmalningsdag",
    "innen",
    "innan",
    "inden",
    "deadline",
    "anmal dig",
    "anmal senast",
];
const DECISION_WORDS: &[&str] = &[
    "beslut",
    "vedtak",
    "vedtatt",
    "vedtaget",
    "vedtog",
    "vedtok",
    "besluttet",
    "beslutning",
];

/// How a date was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Form {
    Iso,
    Numeric,
    Text,
    Range,
    Term,
}

/// A date as found, before year completion and roles.
#[derive(Debug, Clone)]
pub(crate) struct Found {
    pub start: usize,
    pub end: usize,
    year: Option<i32>,
    month: u32,
    day: u32,
    weekday: Option<u32>,
    form: Form,
    term: Option<Term>,
}

/// True for a month name or abbreviation (folded).
pub(crate) fn is_month_word(w: &str) -> bool {
    MONTHS.split('|').any(|m| fold(m) == w)
}

fn month_number(name: &str) -> Option<u32> {
    let f = fold(name);
    let p: String = f.chars().take(3).collect();
    Some(match p.as_str() {
        "jan" => 1,
        "feb" => 2,
        "mar" => 3,
        "apr" => 4,
        "maj" | "mai" => 5,
        "jun" => 6,
        "jul" => 7,
        "aug" => 8,
        "sep" => 9,
        "okt" => 10,
        "nov" => 11,
        "dec" | "des" => 12,
        _ => return None,
    })
}

/// Monday = 0.
fn weekday_number(name: &str) -> Option<u32> {
    let f = fold(name);
    let p: String = f.chars().take(3).collect();
    Some(match p.as_str() {
        "man" => 0,
        "tis" | "tir" | "tys" => 1,
        "ons" => 2,
        "tor" => 3,
        "fre" => 4,
        "lor" | "lau" => 5,
        "son" | "sun" => 6,
        _ => return None,
    })
}

fn is_leap(y: i32) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

fn days_in_month(y: Option<i32>, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 => match y {
            Some(y) if !is_leap(y) => 28,
            _ => 29,
        },
        _ => 0,
    }
}

/// Days since 1970-01-01 (proleptic Gregorian).
pub(crate) fn days_from_civil(y: i32, m: u32, d: u32) -> i64 {
    let y = i64::from(y) - i64::from(m <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(m);
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Monday = 0.
fn weekday_of(y: i32, m: u32, d: u32) -> u32 {
    // 1970-01-01 was a Thursday (3).
    (days_from_civil(y, m, d) + 3).rem_euclid(7) as u32
}

fn valid(y: Option<i32>, m: u32, d: u32) -> bool {
    (1..=12).contains(&m) && d >= 1 && d <= days_in_month(y, m)
}

fn two_digit_year(s: &str) -> Option<i32> {
    let n: i32 = s.parse().ok()?;
    Some(if s.len() == 2 {
        if n < 70 {
            2000 + n
        } else {
            1900 + n
        }
    } else {
        n
    })
}

fn num(c: &Captures<'_>, name: &str) -> Option<u32> {
    c.name(name)?.as_str().parse().ok()
}

/// Finds every date-like expression, sorted by position and without overlaps.
pub(crate) fn find(text: &str) -> Vec<Found> {
    let mut all: Vec<Found> = Vec::new();
    for c in ISO_DATE.captures_iter(text) {
        let (Some(y), Some(m), Some(d)) = (num(&c, "y"), num(&c, "m"), num(&c, "d")) else {
            continue;
        };
        let y = y as i32;
        if valid(Some(y), m, d) {
            let mm = c.get(0).expect("group 0");
            all.push(Found {
                start: mm.start(),
                end: mm.end(),
                year: Some(y),
                month: m,
                day: d,
                weekday: None,
                form: Form::Iso,
                term: None,
            });
        }
    }
    for re in [&*DOT_DATE, &*SLASH_DATE, &*DASH_DATE] {
        for c in re.captures_iter(text) {
            let (Some(m), Some(d)) = (num(&c, "m"), num(&c, "d")) else {
                continue;
            };
            let m0 = c.get(0).expect("group 0");
            // `2025-01-01-2025-…`, `12-05-2025-3`: inside a longer run of numbers.
            if std::ptr::eq(re, &*DASH_DATE)
                && (text[..m0.start()].ends_with('-') || text[m0.end()..].starts_with('-'))
            {
                continue;
            }
            let Some(y) = c.name("y").and_then(|y| two_digit_year(y.as_str())) else {
                continue;
            };
            if valid(Some(y), m, d) {
                let mm = c.get(0).expect("group 0");
                let weekday = c.name("wd").and_then(|w| weekday_number(w.as_str()));
                all.push(Found {
                    start: mm.start(),
                    end: mm.end(),
                    year: Some(y),
                    month: m,
                    day: d,
                    weekday,
                    form: Form::Numeric,
                    term: None,
                });
            }
        }
    }
    for c in SHORT_DATE.captures_iter(text) {
        let (Some(m), Some(d)) = (num(&c, "m"), num(&c, "d")) else {
            continue;
        };
        let mm = c.get(0).expect("group 0");
        let sep = c.name("sep").map_or("", |x| x.as_str());
        let hit = valid(None, m, d)
            .then(|| short_date_ok(text, mm.start(), mm.end(), sep))
            .flatten();
        if let Some((start, weekday)) = hit {
            all.push(Found {
                start,
                end: mm.end(),
                year: None,
                month: m,
                day: d,
                weekday,
                form: Form::Numeric,
                term: None,
            });
        }
    }
    for c in TEXT_DATE.captures_iter(text) {
        let mm = c.get(0).expect("group 0");
        let Some(m) = c.name("m").and_then(|m| month_number(m.as_str())) else {
            continue;
        };
        let Some(d) = num(&c, "d") else { continue };
        // A bare abbreviation ("8 mar") needs its dot or a year to count; full names do not.
        let mname = c.name("m").map_or("", |m| m.as_str());
        // `mai` and `maj` are whole names, not abbreviations (`møte 11. mai`, `den 12 maj`).
        let full_name = matches!(fold(mname).as_str(), "mai" | "maj");
        if mname.chars().count() <= 3
            && !full_name
            && !text[c.name("m").map_or(0, |m| m.end())..].starts_with('.')
            && c.name("y").is_none()
        {
            continue;
        }
        // "§ 12 maj" and "15 000 maj" are not dates: a digit or § right before the day.
        let before = text[..mm.start()].trim_end_matches([' ', '\t']);
        if before.ends_with(|ch: char| ch.is_ascii_digit() || ch == '§') && c.name("wd").is_none()
        {
            continue;
        }
        let year = c.name("y").and_then(|y| y.as_str().parse().ok());
        let mut mm_end = mm.end();
        if mname.chars().count() > 4 && c.name("y").is_none() && text[..mm_end].ends_with('.') {
            mm_end -= 1;
        }
        let weekday = c.name("wd").and_then(|w| weekday_number(w.as_str()));
        if !valid(year, m, d) {
            continue;
        }
        if let Some(d0) = num(&c, "d0") {
            if valid(year, m, d0) && d0 < d {
                all.push(Found {
                    start: mm.start(),
                    end: mm_end,
                    year,
                    month: m,
                    day: d0,
                    weekday,
                    form: Form::Range,
                    term: None,
                });
                all.push(Found {
                    start: mm.start(),
                    end: mm_end,
                    year,
                    month: m,
                    day: d,
                    weekday: None,
                    form: Form::Range,
                    term: None,
                });
                continue;
            }
        }
        // `7. og 8. mars`, `3 och 4 juni`: a bare day joined by `og`/`och` to a date shares
        // its month and year (the bare day's text is just the day).
        if let Some((d0s, d0e, d0)) = joined_day_before(text, mm.start()) {
            if d0 < d && valid(year, m, d0) {
                all.push(Found {
                    start: d0s,
                    end: d0e,
                    year,
                    month: m,
                    day: d0,
                    weekday: None,
                    form: Form::Text,
                    term: None,
                });
            }
        }
        all.push(Found {
            start: mm.start(),
            end: mm_end,
            year,
            month: m,
            day: d,
            weekday,
            form: Form::Text,
            term: None,
        });
    }
    for c in TERM.captures_iter(text) {
        let mm = c.get(0).expect("group 0");
        let t = fold(c.name("t").map_or("", |t| t.as_str()));
        let term = if t == "vt" || t.starts_with("var") || t.starts_with("for") {
            Term::Spring
        } else {
            Term::Autumn
        };
        let Some(y) = c.name("y").and_then(|y| two_digit_year(y.as_str())) else {
            continue;
        };
        all.push(Found {
            start: mm.start(),
            end: mm.end(),
            year: Some(y),
            month: 0,
            day: 0,
            weekday: None,
            form: Form::Term,
            term: Some(term),
        });
    }
    // Earliest first; at one start the longest; drop anything overlapping an earlier pick
    // (the two halves of a range share one span and are both kept).
    all.sort_by_key(|f| (f.start, std::cmp::Reverse(f.end)));
    let mut out: Vec<Found> = Vec::with_capacity(all.len());
    for f in all {
        if let Some(last) = out.last() {
            let same_range = last.form == Form::Range
                && f.form == Form::Range
                && last.start == f.start
                && last.end == f.end;
            if f.start < last.end && !same_range {
                continue;
            }
        }
        out.push(f);
    }
    out.retain(|f| !on_running_header(text, f.start));
    out
}

/// `7. og 8. mars`: the bare day (`7.`, its span and value) right before ` og `/` och `/` and `
/// that ends at `at`; a day after a digit, `§` or a `nr.` word is none.
fn joined_day_before(text: &str, at: usize) -> Option<(usize, usize, u32)> {
    let before = text.get(..at)?;
    let rest = ["og ", "och ", "and "]
        .iter()
        .find_map(|j| before.strip_suffix(j))?
        .strip_suffix(' ')?;
    let head = rest.strip_suffix('.').unwrap_or(rest);
    let digits = head.len() - head.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    if !(1..=2).contains(&digits) {
        return None;
    }
    let ds = head.len() - digits;
    let pre = head[..ds].chars().next_back();
    if pre.is_some_and(|c| !c.is_whitespace() && c != '(') {
        return None;
    }
    // `§ 7 och 8 maj`, `punkt 3 og 4 mars`: numbered paragraphs, not days.
    let prev = head[..ds].trim_end();
    if prev.ends_with(|c: char| c.is_ascii_digit() || c == '§') {
        return None;
    }
    let d: u32 = head[ds..].parse().ok()?;
    Some((ds, rest.len(), d))
}

/// `Side 2 av 4`, `Sida 3 (5)`, `Page 2 of 3`: a page number past the first with the page count.
static LATER_PAGE: LazyLock<Regex> = LazyLock::new(|| {
    // Spelled-out case variants and ASCII classes rather than `(?i)` and `\s`: a smaller
    // automaton, cheaper to compile.
    Regex::new(r"(?:^|[ \t|]|–|-)(?:[Ss]ide|[Ss]ida|[Ss]idan|[Pp]age|SIDE|SIDA|SIDAN|PAGE)[ \t]+(?P<n>[0-9]{1,3})(?:[ \t]*(?:av|af|of|AV|AF|OF|/|\()[ \t]*[0-9]{1,3}\)?(?:[ \t|]|–|-|$)|(?P<bare>[ \t]*$))")
        .expect("valid regex")
});

/// Whether the date at `at` stands on a running header or footer of a later page
/// (`Kommune | Utvalg | 05.05.2026 | Side 2 av 2`): such a line repeats the meeting date on
/// every page; the front page (`Side 1 av 2`) is content.
fn on_running_header(text: &str, at: usize) -> bool {
    let ls = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let le = text[at..].find('\n').map_or(text.len(), |i| at + i);
    let line = &text[ls..le];
    // Cheap test first: no page word, no header.
    if !["ide ", "ida ", "age ", "IDE ", "IDA ", "AGE "]
        .iter()
        .any(|w| line.contains(w))
    {
        return false;
    }
    // `Kommune · Udvalg · 07.12.2026 · side 2`: without the page count the page number must
    // close a line of fields set apart by separators.
    let fields = line.contains(['|', '·', '•']);
    LATER_PAGE.captures_iter(line).any(|c| {
        c["n"].parse::<u32>().is_ok_and(|n| n >= 2) && (c.name("bare").is_none() || fields)
    })
}

/// `i fjor`, `i fjol`, `sidste år`, `förra året` right after a yearless date.
fn last_year_after(text: &str, e: usize) -> bool {
    let rest = text[e..].trim_start_matches([' ', '\t']);
    [
        "i fjor",
        "i fjol",
        "ifjor",
        "ifjol",
        "sidste år",
        "förra året",
        "forrige år",
        "sist år",
    ]
    .iter()
    .any(|w| rest.starts_with(w))
}

/// What the whole document says about years: the years of complete dates, and the first
/// complete date (the anchor yearless dates are measured against).
struct YearContext {
    years: Vec<i32>,
    anchor: Option<(i32, u32, u32)>,
}

fn year_context(found: &[Found]) -> YearContext {
    let mut years: Vec<i32> = Vec::new();
    let mut anchor = None;
    for f in found.iter().filter(|f| f.form != Form::Term) {
        if let Some(y) = f.year {
            if !years.contains(&y) {
                years.push(y);
            }
            anchor.get_or_insert((y, f.month, f.day));
        }
    }
    years.sort_unstable();
    YearContext { years, anchor }
}

/// Whether `text[a..b]` holds no sentence end: `.`, `!` or `?` after a letter or digit, then
/// a space and a capital (`… 12. august 2034. Frivillige kan melde sig fra 1/12`: the festival's year
/// is not the sign-up date's). An ordinal's dot (`12. august`) ends nothing.
fn same_sentence(text: &str, a: usize, b: usize) -> bool {
    let Some(s) = text.get(a..b) else {
        return true;
    };
    let cs: Vec<char> = s.chars().collect();
    !cs.windows(4).any(|w| {
        (w[0].is_alphabetic() || w[0].is_ascii_digit())
            && matches!(w[1], '.' | '!' | '?')
            && w[2] == ' '
            && w[3].is_uppercase()
    })
}

/// Resolved year and the rule that decided it.
fn complete_year(
    f: &Found,
    ctx: &YearContext,
    same_line_year: Option<i32>,
    meeting_anchor: Option<(i32, u32, u32)>,
) -> (Option<i32>, &'static str) {
    if let Some(wd) = f.weekday {
        let (Some(&lo), Some(&hi)) = (ctx.years.first(), ctx.years.last()) else {
            return (None, "extract.date-year-unknown");
        };
        let fits: Vec<i32> = (lo - 2..=hi + 2)
            .filter(|&y| valid(Some(y), f.month, f.day) && weekday_of(y, f.month, f.day) == wd)
            .collect();
        return match fits.as_slice() {
            [y] => (Some(*y), "extract.date-weekday-inferred"),
            // A weekday repeats every few years (`måndag 12. desember` fits two years within a
            // span of 2033–2037): of the fitting years, the one within half a year of the
            // document's own meeting or event date.
            [_, _, ..] => meeting_anchor
                .and_then(|(ay, am, ad)| {
                    let a = days_from_civil(ay, am, ad);
                    fits.iter()
                        .map(|&y| (y, (days_from_civil(y, f.month, f.day) - a).abs()))
                        .min_by_key(|&(_, d)| d)
                        .filter(|&(_, d)| d < 183)
                })
                .map_or((None, "extract.date-year-unknown"), |(y, _)| {
                    (Some(y), "extract.date-weekday-inferred")
                }),
            [] => (None, "extract.date-year-unknown"),
        };
    }
    if let Some(y) = same_line_year {
        if valid(Some(y), f.month, f.day) {
            return (Some(y), "extract.date-year-from-document");
        }
    }
    match ctx.years.as_slice() {
        [y0] => {
            let y0 = *y0;
            if let Some((ay, am, ad)) = ctx.anchor {
                let a = days_from_civil(ay, am, ad);
                let best = (y0 - 1..=y0 + 1)
                    .filter(|&y| valid(Some(y), f.month, f.day))
                    .min_by_key(|&y| (days_from_civil(y, f.month, f.day) - a).abs());
                if let Some(y) = best {
                    if y != y0 && (days_from_civil(y, f.month, f.day) - a).abs() < 92 {
                        return (Some(y), "extract.date-year-nearest-anchor");
                    }
                }
            }
            if valid(Some(y0), f.month, f.day) {
                (Some(y0), "extract.date-year-from-document")
            } else {
                (None, "extract.date-year-unknown")
            }
        }
        // Several years: the year that puts the date nearest the document's own meeting or
        // event date (minutes of 2024-11-07 mention `12. september` and `2/12` of 2024,
        // minutes of 2025-02-05 `28. januar` of 2025), if within half a year of it.
        [lo, .., hi] => {
            let Some((ay, am, ad)) = meeting_anchor else {
                return (None, "extract.date-year-unknown");
            };
            let a = days_from_civil(ay, am, ad);
            (lo - 1..=hi + 1)
                .filter(|&y| valid(Some(y), f.month, f.day))
                .map(|y| (y, (days_from_civil(y, f.month, f.day) - a).abs()))
                .min_by_key(|&(_, d)| d)
                .filter(|&(_, d)| d < 183)
                .map_or((None, "extract.date-year-unknown"), |(y, _)| {
                    (Some(y), "extract.date-year-nearest-anchor")
                })
        }
        [] => (None, "extract.date-year-unknown"),
    }
}

fn contains_any(hay: &str, needles: &[&str]) -> bool {
    needles.iter().any(|n| hay.contains(n))
}

/// The role of a date from the words around it on its line.
fn role_of(
    text: &str,
    lines: &[Line<'_>],
    f: &Found,
    doc_type: DocType,
    title_line: Option<usize>,
) -> DateRole {
    let li = line_of(lines, f.start);
    let line = lines[li];
    let (ls, lt) = line.trimmed();
    let prefix_start = f.start.saturating_sub(80).max(ls);
    let prefix_start = (prefix_start..=f.start)
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(f.start);
    let mut prefix = fold(&text[prefix_start..f.start]);
    // A sentence wrapped onto this line (`Søknadsfristen\nfor neste runde er 1. april`): its
    // start on the line above belongs to the prefix.
    if li > 0 && f.start - ls < 60 && !lines[li - 1].is_blank() {
        let above = lines[li - 1].trimmed().1;
        if !above.ends_with(['.', '!', '?', ':']) {
            let from = above.char_indices().rev().nth(79).map_or(0, |(i, _)| i);
            let tail = &above[from..];
            // The last sentence: a dot after a digit is an ordinal (`fra den 14. september
            // til den` / `26. oktober`), no sentence end.
            let cut = tail
                .char_indices()
                .rfind(|&(i, c)| {
                    matches!(c, '!' | '?' | ':')
                        || (c == '.' && !tail[..i].ends_with(|b: char| b.is_ascii_digit()))
                })
                .map_or(0, |(i, c)| i + c.len_utf8());
            let last = &tail[cut..];
            prefix = format!("{} {prefix}", fold(last));
        }
    }
    let whole = fold(lt);
    let meeting_kind = |s: &str| {
        if MEETING_WORD.is_match(s)
            || matches!(doc_type, DocType::Minutes | DocType::Agenda) && !EVENT_WORD.is_match(s)
        {
            DateRole::Meeting
        } else {
            DateRole::Event
        }
    };
    if contains_any(&prefix, DEADLINE_WORDS) {
        return DateRole::Deadline;
    }
    // The end of a hearing or consultation period (`høringsperioden løber til 2/12`, `utställt
    // för granskning från 1 oktober till 12 november`).
    if HEARING_END.is_match(&prefix) {
        return DateRole::Deadline;
    }
    // `Kommunestyrets vedtak 23.04.2026`, `Byrådets beslutning den 12. maj`: the date a decision
    // was taken. A `Vedtak:`/`Beslut:` label opening the decision text is no such word: the
    // dates in that text are what was decided (`Vedtak: Møtet flyttes til …`).
    if DECISION_WORDS.iter().any(|w| {
        let mut rest = prefix.as_str();
        while let Some(i) = rest.find(w) {
            let at_word = i == 0 || !rest[..i].ends_with(char::is_alphanumeric);
            let after = &rest[i..];
            let word_end = after
                .find(|c: char| !c.is_alphanumeric())
                .unwrap_or(after.len());
            if at_word && !after[word_end..].starts_with(':') {
                return true;
            }
            rest = &rest[i + w.len()..];
        }
        false
    }) {
        return DateRole::Decision;
    }
    // `Datum: …`, or the label in a column of its own (`Datum    Torsdag 15 oktober 2026`).
    // The labels folded once per process.
    static WHEN_FOLDED: LazyLock<Vec<String>> =
        LazyLock::new(|| WHEN_LABELS.iter().map(|l| fold(l)).collect());
    if WHEN_FOLDED.iter().any(|l| {
        match_label(lt, l).is_some_and(|n| {
            lt[n..].trim_start().starts_with(':')
                || lt[n..].starts_with('\t')
                || lt[n..].starts_with("  ")
        })
    }) {
        return meeting_kind(&whole);
    }
    // The date alone on its line (weekday and time allowed), or the first thing on a calendar row.
    let rest: String = text[ls..f.start]
        .chars()
        .chain(text[f.end..ls + lt.len()].chars())
        .collect();
    let letters = rest.chars().filter(|c| c.is_alphabetic()).count();
    let standalone = letters <= 2 || (f.start == ls && fold(&rest).trim_start().starts_with("kl"));
    if standalone {
        return if doc_type == DocType::Announcement {
            DateRole::Mentioned
        } else {
            meeting_kind(&whole)
        };
    }
    let row = f.start == ls && rest.trim_start().starts_with(|c: char| c.is_ascii_digit());
    if row || Some(li) == title_line {
        return meeting_kind(&whole);
    }
    if EVENT_WORD.is_match(&prefix) || MEETING_WORD.is_match(&prefix) {
        return meeting_kind(&prefix);
    }
    DateRole::Mentioned
}

/// `Sammanträdesplan 2025`, `Møteplan 2025`, `Mødekalender 2025`: a meeting-calendar word.
fn calendar_word(w: &str) -> bool {
    const STARTS: &[&str] = &["sammantrade", "mote", "mode", "mots"];
    const ENDS: &[&str] = &[
        "plan", "planen", "datoer", "datum", "tider", "dagar", "dager", "dage", "kalender",
    ];
    w.contains("kalender")
        || w.contains("arshjul")
        || (STARTS.iter().any(|s| w.starts_with(s)) && ENDS.iter().any(|e| w.ends_with(e)))
}

/// The year a calendar heading gives the year-less dates listed under it: on line `li` or up to
/// eight lines above, a line with a calendar word and exactly one lone year (`Sammanträdesplan
/// 2025` over `3 februari, 17 mars …`). A complete date in between ends the search.
fn calendar_heading_year(
    lines: &[Line<'_>],
    found: &[Found],
    at: &DatesByLine,
    li: usize,
) -> Option<i32> {
    for k in (li.saturating_sub(8)..=li).rev() {
        let t = lines.get(k)?.text;
        let complete = at.on(k).any(|g| found[g].year.is_some());
        if complete {
            return None;
        }
        if let Some(y) = calendar_line(t) {
            return y;
        }
    }
    None
}

/// A calendar heading line (`Sammanträdesplan 2025`, `Møteplan for 2025`): `None` without a
/// calendar word, else its one lone year (`Some(None)` without one or with several).
fn calendar_line(t: &str) -> Option<Option<i32>> {
    let f = crate::text::fold(t);
    let ws: Vec<&str> = f
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    if !ws.iter().any(|w| calendar_word(w)) {
        return None;
    }
    let mut years = ws
        .iter()
        .filter(|w| w.len() == 4 && w.starts_with("20") && w.chars().all(|c| c.is_ascii_digit()));
    let Some(y) = years.next() else {
        return Some(None);
    };
    if years.any(|z| z != y) {
        return Some(None);
    }
    Some(y.parse().ok())
}

/// A document headed by a calendar heading with one year (`SAMMANTRÄDESPLAN 2034` over an
/// adoption date and several bodies' date lines) plans that year: its year-less dates below
/// the heading take it even past complete dates (the adoption, the plan's start). The heading
/// is one of the first six non-empty lines, short (at most four words) and holds no date, so
/// that a sentence naming a plan or a `Sammanträdesdatum` label is none. Returns the heading's line and year.
fn head_calendar_year(lines: &[Line<'_>], at: &DatesByLine) -> Option<(usize, i32)> {
    lines
        .iter()
        .enumerate()
        .filter(|(_, l)| !l.text.trim().is_empty())
        .take(6)
        .filter(|(_, l)| l.text.split_whitespace().count() <= 4)
        // `Sammanträdesdatum 2025-11-20` is a label with its date, not a heading.
        .filter(|(k, _)| at.on(*k).next().is_none())
        .find_map(|(k, l)| calendar_line(l.text).map(|y| y.map(|y| (k, y))))
        .flatten()
}

/// The line of each found date, and the dates on each line (in `found` order): what
/// [`resolve`] asks of every date about the others on its line. Asked by scanning all found
/// dates, that was quadratic in their number: a 1.7 MB document (the train OCR texts four times
/// over, as one file) spent 21G instructions there, against 5G at half the size.
struct DatesByLine {
    of: Vec<usize>,
    on: std::collections::HashMap<usize, Vec<usize>>,
}

impl DatesByLine {
    fn new(lines: &[Line<'_>], found: &[Found]) -> DatesByLine {
        let of: Vec<usize> = found.iter().map(|f| line_of(lines, f.start)).collect();
        let mut on: std::collections::HashMap<usize, Vec<usize>> = Default::default();
        for (i, &l) in of.iter().enumerate() {
            on.entry(l).or_default().push(i);
        }
        DatesByLine { of, on }
    }

    /// Indices (into `found`) of the dates on line `k`, in order.
    fn on(&self, k: usize) -> impl Iterator<Item = usize> + '_ {
        self.on.get(&k).into_iter().flatten().copied()
    }
}

/// Turns found dates into output dates: years completed, roles given, duplicates on one line
/// (`10 september 09:00 - 10 september 11:30`) merged.
pub(crate) fn resolve(
    text: &str,
    lines: &[Line<'_>],
    found: &[Found],
    doc_type: DocType,
    title_line: Option<usize>,
) -> Vec<Date> {
    let ctx = year_context(found);
    let at = DatesByLine::new(lines, found);
    let roles: Vec<DateRole> = found
        .iter()
        .map(|f| role_of(text, lines, f, doc_type, title_line))
        .collect();
    // The first complete date that is a meeting or event, and no period (`2020-01-01 till
    // 2021-12-31`: another year on its line): what yearless dates are near.
    let meeting_anchor = found
        .iter()
        .zip(&roles)
        .enumerate()
        .find(|(i, (f, r))| {
            f.form != Form::Term
                && f.year.is_some()
                && matches!(r, DateRole::Meeting | DateRole::Event)
                && at.on(at.of[*i]).all(|g| {
                    let g = &found[g];
                    g.form == Form::Term || g.year.is_none() || g.year == f.year
                })
        })
        .map(|(_, x)| x)
        .and_then(|(f, _)| f.year.map(|y| (y, f.month, f.day)));
    // `Beslutning i Økonomiudvalget den 06-03-2025`, `Vedtak i møte 3.4.2025`: a decision taken
    // on the meeting's own date is that meeting's date.
    let roles: Vec<DateRole> = found
        .iter()
        .zip(roles)
        .map(|(f, r)| match (r, f.year) {
            (DateRole::Decision, Some(y)) if meeting_anchor == Some((y, f.month, f.day)) => {
                DateRole::Meeting
            }
            _ => r,
        })
        .collect();
    let head_year = head_calendar_year(lines, &at);
    let mut out: Vec<Date> = Vec::with_capacity(found.len());
    let mut seen: std::collections::HashSet<(usize, Option<String>)> = Default::default();
    for (i, (f, &role)) in found.iter().zip(&roles).enumerate() {
        let li = at.of[i];
        let raw = text[f.start..f.end].to_string();
        if let Some(term) = f.term {
            out.push(Date {
                value: None,
                role,
                text: raw,
                span: [f.start, f.end],
                year_inferred: false,
                rule: "extract.date-term".into(),
                term: Some(term),
                year: f.year,
            });
            continue;
        }
        let (year, rule, inferred) = match f.year {
            Some(y) => (
                Some(y),
                match f.form {
                    Form::Iso => "extract.date-iso",
                    Form::Numeric => "extract.date-numeric",
                    Form::Range => "extract.date-range",
                    _ => "extract.date-text",
                },
                false,
            ),
            None => {
                // A complete date on the same line decides, if all on the line agree.
                let mut line_years = at
                    .on(li)
                    .map(|g| &found[g])
                    .filter(|g| g.form != Form::Term)
                    .filter(|g| same_sentence(text, g.start.min(f.start), g.end.max(f.end)))
                    .filter_map(|g| g.year);
                let mut same_line = line_years.next().filter(|&y| line_years.all(|z| z == y));
                // `sammanträder 26 januari,` / `23 februari och 27 april 2027`: a list that
                // wraps takes the year from the complete date on its next line.
                let lt = lines[li].trimmed().1;
                let wraps = [",", " og", " och", " samt", " and"]
                    .iter()
                    .any(|w| lt.ends_with(w));
                if same_line.is_none() && wraps && li + 1 < lines.len() {
                    let mut next_years = at
                        .on(li + 1)
                        .map(|g| &found[g])
                        .filter(|g| g.form != Form::Term)
                        .filter_map(|g| g.year);
                    same_line = next_years.next().filter(|&y| next_years.all(|z| z == y));
                }
                let heading = calendar_heading_year(lines, found, &at, li)
                    .or_else(|| head_year.filter(|&(k, _)| k < li).map(|(_, y)| y))
                    .filter(|&y| {
                        valid(Some(y), f.month, f.day)
                            && f.weekday
                                .is_none_or(|wd| weekday_of(y, f.month, f.day) == wd)
                    });
                let (mut y, rule) = match (same_line, heading) {
                    (None, Some(y)) => (Some(y), "extract.date-year-from-heading"),
                    _ => complete_year(f, &ctx, same_line, meeting_anchor),
                };
                // `5. oktober i fjor`, `den 3 maj i fjol`, `15. maj sidste år`: the year before
                // the document's.
                if let Some((a, _, _)) = ctx.anchor.filter(|_| last_year_after(text, f.end)) {
                    if valid(Some(a - 1), f.month, f.day) {
                        y = Some(a - 1);
                    }
                }
                (y, rule, y.is_some())
            }
        };
        let value = year.map(|y| format!("{y:04}-{:02}-{:02}", f.month, f.day));
        // Every value is noted on its line; a repeat of one, not a range, is dropped.
        let repeat = !seen.insert((li, value.clone()));
        if repeat && value.is_some() && f.form != Form::Range {
            continue;
        }
        out.push(Date {
            value,
            role,
            text: raw,
            span: [f.start, f.end],
            year_inferred: inferred,
            rule: rule.into(),
            term: None,
            year,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weekdays() {
        assert_eq!(weekday_of(2017, 9, 6), 2); // Wednesday
        assert_eq!(weekday_of(2021, 9, 10), 4); // Friday
        assert_eq!(weekday_of(1970, 1, 1), 3);
        assert_eq!(weekday_of(2000, 2, 29), 1);
    }
}
