//! Agenda items: numbered items (`§ 12`, `1.`, `Sak 12/20`, `PS 5/21`, `Punkt 3`), timed program
//! lines (`• 8:15 Välkomna!` with speaker lines under them) and bullets under a program heading.

use std::sync::LazyLock;

use regex::Regex;

use crate::people::{parse_speaker_line, Person};
use crate::text::{fold, is_bullet_line, squash, Line};
use crate::times::clock;
use crate::AgendaItem;

static TIMED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?P<h>\d{1,2})[.:](?P<m>\d{2})(?:[ \t ]*[-–—][ \t ]*(?P<h2>\d{1,2})[.:](?P<m2>\d{2}))?(?:[ \t ]*[-–:][ \t ]*|[ \t ]+)(?P<title>\S.*)$",
    )
    .expect("valid regex")
});
static NUMBERED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?P<n>§[ \t ]*\d+[a-z]?|(?i:sak|ps|punkt|ärende|arende|pkt\.?|dagsordenspunkt|sag)[ \t ]+\d+(?:/\d+)?|\d{1,2}\.)[ \t ]*[.:\-–]?[ \t ]+(?P<title>\S.*)$",
    )
    .expect("valid regex")
});
static DASH: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\s[-–—]\s").expect("valid regex"));
static MONTH_START: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:jan|feb|mar|apr|maj|mai|jun|jul|aug|sep|okt|nov|dec|des)")
        .expect("valid regex")
});

const PROGRAM_HEADINGS: &[&str] = &[
    "program",
    "dagordning",
    "agenda",
    "sakliste",
    "saksliste",
    "dagsorden",
    "foredragningslista",
    "arendelista",
];

/// The text of a line after its bullet, with its absolute start.
fn unbullet<'a>(line: &Line<'a>) -> (usize, &'a str) {
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

#[derive(Debug, Clone)]
enum Kind {
    Timed { start: String, end: Option<String> },
    Numbered(String),
    Bullet,
}

fn line_kind(line: &Line<'_>) -> Option<(Kind, usize, usize)> {
    let (s, t) = unbullet(line);
    if let Some(c) = TIMED.captures(t) {
        let h: u32 = c.name("h")?.as_str().parse().ok()?;
        let m: u32 = c.name("m")?.as_str().parse().ok()?;
        let start = clock(h, m).filter(|_| h < 24)?;
        let end = match (c.name("h2"), c.name("m2")) {
            (Some(h2), Some(m2)) => clock(h2.as_str().parse().ok()?, m2.as_str().parse().ok()?),
            _ => None,
        };
        let title = c.name("title")?;
        return Some((Kind::Timed { start, end }, s, s + title.start()));
    }
    if let Some(c) = NUMBERED.captures(t) {
        let n = c.name("n")?.as_str();
        let title = c.name("title")?;
        let plain_number = n.ends_with('.') && n.chars().next().is_some_and(|c| c.is_ascii_digit());
        if plain_number
            && (!title.as_str().starts_with(char::is_uppercase)
                || MONTH_START.is_match(title.as_str()))
        {
            return None;
        }
        return Some((Kind::Numbered(squash(n)), s, s + title.start()));
    }
    None
}

/// Splits `Velkommen dag 2 - Anna-Karin Berglund og Åsa Lorentzi` or `Velkommen, Ambassadör
/// Axel Wernhoff, Sveriges ambassad` into a title and the people named in it.
fn split_title(text: &str, s: usize, e: usize) -> (usize, Vec<Person>) {
    let t = &text[s..e];
    if let Some(m) = DASH.find_iter(t).last() {
        let people = parse_speaker_line(text, s + m.end(), e);
        if !people.is_empty() {
            return (s + m.start(), people);
        }
    }
    if let Some(p) = t.find(", ") {
        let people = parse_speaker_line(text, s + p + 2, e);
        if !people.is_empty() {
            return (s + p, people);
        }
    }
    (e, Vec::new())
}

struct Draft {
    number: Option<String>,
    time: Option<String>,
    end_time: Option<String>,
    title: String,
    people: Vec<Person>,
    span: (usize, usize),
    line: usize,
}

/// Agenda items and the people named in them (as speakers).
pub(crate) fn find(
    text: &str,
    lines: &[Line<'_>],
    date_lines: &[usize],
) -> (Vec<AgendaItem>, Vec<Person>) {
    let kinds: Vec<Option<(Kind, usize, usize)>> = lines.iter().map(line_kind).collect();
    let n_timed = kinds
        .iter()
        .filter(|k| matches!(k, Some((Kind::Timed { .. }, _, _))))
        .count();
    let n_numbered = kinds
        .iter()
        .filter(|k| matches!(k, Some((Kind::Numbered(_), _, _))))
        .count();
    let has_section = kinds
        .iter()
        .any(|k| matches!(k, Some((Kind::Numbered(n), _, _)) if n.starts_with('§')));
    let is_item = |i: usize| match &kinds[i] {
        Some((Kind::Timed { .. }, _, _)) => n_timed >= 2,
        Some((Kind::Numbered(_), _, _)) => n_numbered >= 2 || has_section,
        _ => false,
    };
    let timed_idx: Vec<usize> = (0..lines.len())
        .filter(|&i| matches!(kinds[i], Some((Kind::Timed { .. }, _, _))) && is_item(i))
        .collect();
    let double_spaced = timed_idx.len() >= 2
        && timed_idx
            .iter()
            .skip(1)
            .filter(|&&i| i > 0 && lines[i - 1].is_blank())
            .count()
            * 2
            >= timed_idx.len() - 1;

    // Program sections (by heading) for untimed bullets.
    let mut in_program = vec![false; lines.len()];
    let mut current = false;
    for i in 0..lines.len() {
        let (_, t) = lines[i].trimmed();
        let heading = !t.is_empty()
            && (i == 0 || lines[i - 1].is_blank())
            && t.chars().count() <= 50
            && !is_bullet_line(t)
            && !t.ends_with('.')
            && !t.starts_with(|c: char| c.is_ascii_digit());
        if heading {
            let f = fold(t);
            current = PROGRAM_HEADINGS.iter().any(|h| f.contains(h));
        }
        in_program[i] = current;
    }

    let mut drafts: Vec<Draft> = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let (kind, ks, ts) = match &kinds[i] {
            Some((k, ks, ts)) if is_item(i) => (k.clone(), *ks, *ts),
            _ if in_program[i] && is_bullet_line(lines[i].text) && n_timed < 2 => {
                let (s, _) = unbullet(&lines[i]);
                (Kind::Bullet, s, s)
            }
            _ => {
                i += 1;
                continue;
            }
        };
        let (ls, lt) = lines[i].trimmed();
        let line_end = ls + lt.len();
        let (title_end, mut people) = split_title(text, ts, line_end);
        let mut title = squash(text[ts..title_end].trim_end_matches([' ', '\t', '-', '–']));
        let base_indent = lines[i].indent();
        let mut last_used = i;
        let mut j = i + 1;
        let mut blanks = 0;
        while j < lines.len() {
            let line = &lines[j];
            if line.is_blank() {
                blanks += 1;
                if blanks > 3 {
                    break;
                }
                j += 1;
                continue;
            }
            if is_item(j)
                || (matches!(kind, Kind::Bullet) && is_bullet_line(line.text))
                || date_lines.contains(&j)
            {
                break;
            }
            let indented = line.indent() > base_indent;
            if blanks > 0 && !double_spaced && !indented {
                break;
            }
            let (s2, t2) = line.trimmed();
            let found = parse_speaker_line(text, s2, s2 + t2.len());
            if found.is_empty() && t2.len() > 240 {
                break;
            }
            if !found.is_empty() {
                people.extend(found);
                last_used = j;
            } else if people.is_empty()
                && (title.ends_with(':')
                    || title.ends_with(',')
                    || t2.starts_with(char::is_lowercase))
                && !matches!(kind, Kind::Bullet)
            {
                title.push(' ');
                title.push_str(&squash(t2));
                last_used = j;
            } else if !indented {
                break;
            }
            blanks = 0;
            j += 1;
        }
        let span_end = {
            let (s, t) = lines[last_used].trimmed();
            s + t.len()
        };
        let (number, time, end_time) = match kind {
            Kind::Timed { start, end } => (None, Some(start), end),
            Kind::Numbered(n) => (Some(n), None, None),
            Kind::Bullet => (None, None, None),
        };
        drafts.push(Draft {
            number,
            time,
            end_time,
            title,
            people,
            span: (ks, span_end),
            line: i,
        });
        i = if matches!(drafts.last().map(|d| d.time.is_some()), Some(true)) {
            i + 1
        } else {
            last_used.max(i) + 1
        };
    }

    // A timed item ends where the next one starts, unless a date heading or an earlier time
    // lies between (a new day).
    for k in 0..drafts.len() {
        if drafts[k].time.is_none() || drafts[k].end_time.is_some() {
            continue;
        }
        if let Some(next) = drafts.get(k + 1) {
            let new_day = date_lines
                .iter()
                .any(|&d| d > drafts[k].line && d < next.line);
            if let (Some(a), Some(b)) = (&drafts[k].time, &next.time) {
                if b > a && !new_day {
                    drafts[k].end_time = Some(b.clone());
                }
            }
        }
    }

    let mut all_people = Vec::new();
    let items = drafts
        .into_iter()
        .map(|d| {
            let mut people: Vec<String> = Vec::new();
            let mut orgs: Vec<String> = Vec::new();
            for p in &d.people {
                if !people.contains(&p.name) {
                    people.push(p.name.clone());
                }
                if let Some(o) = &p.org {
                    if !orgs.contains(o) {
                        orgs.push(o.clone());
                    }
                }
            }
            for mut p in d.people {
                p.role = Some(crate::Role::Speaker);
                all_people.push(p);
            }
            AgendaItem {
                number: d.number,
                time: d.time,
                end_time: d.end_time,
                title: d.title,
                people,
                organizations: orgs,
                span: [d.span.0, d.span.1],
            }
        })
        .collect();
    (items, all_people)
}
