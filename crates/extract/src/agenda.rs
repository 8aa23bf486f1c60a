//! Agenda items: numbered items (`§ 12`, `1.`, `Sak 12/20`, `PS 5/21`, `Punkt 3`), timed program
//! lines (`• 8:15 Välkomna!` with speaker lines under them) and bullets under a program heading.

use std::sync::LazyLock;

use regex::Regex;

use crate::people::table::cells;
use crate::people::{
    attribution, ends_with_kw, is_title_word, leading_person, parse_list, parse_speaker_line,
    speaking, titled_names, Person,
};
use crate::text::{fold, is_bullet_line, squash, Line};
use crate::times::clock;
use crate::{AgendaItem, Attendee};

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
fn case_label(t: &str) -> Option<regex::Captures<'_>> {
    let two = t.char_indices().nth(2).map_or(t.len(), |(i, _)| i);
    if t.len() > 6 && matches!(fold(&t[..two]).as_str(), "sa" | "ar") {
        CASE_LABEL.captures(t)
    } else {
        None
    }
}

/// A title that is only a register reference or a case officer's label (`Dnr KS 2026/318`,
/// `Saksbehandler: Name`), or nothing: the item's title stands on a line below.
fn label_only(title: &str) -> bool {
    let f = fold(title);
    let first = f.split([' ', '\t', ':', '.']).next().unwrap_or("");
    title.is_empty()
        || matches!(
            first,
            "dnr"
                | "diarienr"
                | "diarienummer"
                | "arkivsak"
                | "arkivsaksnr"
                | "journalnr"
                | "saksbehandler"
                | "saksbehandlar"
                | "sagsbehandler"
                | "handlaggare"
        )
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
fn is_track(n: &str) -> bool {
    n.split_once([' ', '\t'])
        .is_some_and(|(w, _)| TRACK_WORDS.iter().any(|t| w.eq_ignore_ascii_case(t)))
}

/// `Upprop      18.30`, `Allmänhetens frågestund     18.40–19.00`: a right-hand column of
/// (estimated) times after a wide gap (a tab or three spaces). Returns where the title ends in
/// `t`, the start time and the end time if there is one.
fn time_cell(t: &str) -> Option<(usize, String, Option<String>)> {
    let t = t.trim_end();
    // Cheap test first: the cell ends in a digit.
    if !t.ends_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let gap = t.rfind("   ").into_iter().chain(t.rfind('\t')).max()?;
    let cell = t[gap..].trim_start_matches([' ', '\t']);
    let head = t[..gap].trim_end_matches([' ', '\t']);
    if head.is_empty() {
        return None;
    }
    // `18.30`, `kl. 18.30`, `18.40–19.00`, `18.40 - 19.00`, read by hand: no regex per line.
    let cell = cell
        .strip_prefix("kl.")
        .or_else(|| cell.strip_prefix("Kl."))
        .map_or(cell, str::trim_start);
    let (a, b) = match cell.split_once(['-', '–']) {
        Some((a, b)) => (a.trim_end(), Some(b.trim_start())),
        None => (cell, None),
    };
    let hm = |x: &str| -> Option<String> {
        let (h, m) = x.split_once(['.', ':'])?;
        let ok =
            |d: &str, n: usize| (1..=n).contains(&d.len()) && d.bytes().all(|b| b.is_ascii_digit());
        if !ok(h, 2) || !ok(m, 2) || m.len() != 2 {
            return None;
        }
        let h: u32 = h.parse().ok()?;
        clock(h, m.parse().ok()?).filter(|_| h < 24)
    };
    let start = hm(a)?;
    let end = match b {
        Some(b) => Some(hm(b)?),
        None => None,
    };
    Some((head.len(), start, end))
}

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

/// The end of an item line's title when a right-hand column after a wide gap (a tab or three
/// spaces) holds a register code or a mark, not words: `Budget 2026      KS 2025/114`,
/// `Bygglov      2025-00312`, `Søknad om lån      X` (the `Lukket` column). A code has a digit
/// and a `/`, `-` or capital, no lowercase letter, no `.` or `:` (times, dates); else `e`.
fn register_cut(text: &str, s: usize, e: usize) -> usize {
    let t = &text[s..e];
    // Cheap test first: most item lines have no wide gap at all.
    if !t.contains('\t') && !t.contains("   ") {
        return e;
    }
    let Some(g) = t.rfind(['\t', ' ']) else {
        return e;
    };
    let cell = &t[g + 1..];
    let head = t[..g + 1].trim_end_matches([' ', '\t']);
    let gap = &t[head.len()..g + 1];
    let wide = gap.contains('\t') || gap.len() >= 3;
    // A code may hold one inner space (`KS 2025/114`): step back over it.
    let (head, cell) = if !wide && head.len() < t.len() {
        let Some(g2) = head.rfind(['\t', ' ']) else {
            return e;
        };
        let h2 = head[..g2 + 1].trim_end_matches([' ', '\t']);
        let gap2 = &head[h2.len()..g2 + 1];
        if !(gap2.contains('\t') || gap2.len() >= 3) {
            return e;
        }
        (h2, &t[g2 + 1..])
    } else if wide {
        (head, cell)
    } else {
        return e;
    };
    if head.is_empty() || cell.chars().count() > 24 {
        return e;
    }
    let mark = matches!(cell, "X" | "x" | "✓" | "✔");
    let code = cell.contains(|c: char| c.is_ascii_digit())
        && cell.contains(|c: char| c == '/' || c == '-' || c.is_uppercase())
        && !cell.contains(char::is_lowercase)
        && !cell.contains(['.', ':']);
    if mark || code {
        s + head.len()
    } else {
        e
    }
}

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
fn question_line(t: &str) -> Option<regex::Captures<'_>> {
    if !folded_head_is(t, 2, &["sp", "fr", "in"]) {
        return None;
    }
    QUESTION.captures(t)
}

/// `Kvällens innehåll`, `Dagens innhold`, `Mødets indhold`: the content of an occasion is its
/// program. `Innehåll` alone is a table of contents, not a program.
fn content_heading(f: &str) -> bool {
    let ws: Vec<&str> = f.split_whitespace().collect();
    ws.len() == 2
        && ws[0].ends_with('s')
        && ["innehall", "innhald", "innhold", "indhold"].contains(&ws[1])
}

/// `Velkomst ved udvalgsformand …`, `– oplæg ved …`, `, av bidragshandläggare …`: where a
/// speaker attribution may start.
static ATTRIBUTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:[ \t ]*[-–—][ \t ]*[\p{Ll}&&\p{Latin}]+[ \t ]+|[ \t ]*,[ \t ]*|[ \t ]+)(?:ved|vid|av|af|by)[ \t ]+|[ \t ]+v/[ \t ]*|[ \t ]+v\.[ \t ]+",
    )
    .expect("valid regex")
});

/// Words naming a talk: `– oplæg ved Name` says only that Name speaks, so the dash and the word
/// go with the attribution.
const TALK_WORDS: &[&str] = &[
    "oplag",
    "indlag",
    "innlegg",
    "innlegget",
    "innleiing",
    "innledning",
    "inledning",
    "foredrag",
    "foredraget",
    "forelesning",
    "presentasjon",
    "presentation",
    "prasentation",
    "orientering",
    "dragning",
    "anforande",
    "talk",
    "keynote",
];

/// In an attribution match `– omvisning ved `, the length of the part that stays in the title:
/// an activity after a dash (`– omvisning`, `– befaring`) is part of what happens, unlike a talk
/// word (`– oplæg ved`, 0). Other matches keep nothing.
fn kept_activity(m: &str) -> usize {
    let Some(d) = m.find(['-', '–', '—']) else {
        return 0;
    };
    let after = &m[d..];
    let dash_len = after.chars().next().map_or(1, char::len_utf8);
    let rest = after[dash_len..].trim_start();
    let word = rest.split_whitespace().next().unwrap_or("");
    if word.is_empty() || TALK_WORDS.contains(&fold(word).as_str()) {
        return 0;
    }
    m.len() - rest.len() + word.len()
}

/// Words before a dot that do not end a sentence (`kl. 13`, `nr. 4`, `bl.a. Vivalla`).
const ABBREVIATIONS: &[&str] = &[
    "kl", "nr", "ca", "bl", "mm", "mfl", "osv", "jf", "jfr", "pkt", "st", "ev", "resp", "inkl",
    "ekskl", "exkl", "tlf", "tel", "dr", "prof", "fr", "kap", "s", "t", "f", "ex", "eks", "evt",
    "dvs", "fx", "mv", "m", "a", "e", "o", "ang", "avd", "adm", "gl", "bd", "pr", "fv", "rv",
    "vedr", "iht", "mht", "bla", "ifm", "sk", "ff", "vol", "kv", "gnr", "bnr", "fnr", "matr",
];

fn abbreviation_before(t: &str) -> bool {
    let w = t
        .rsplit(|c: char| c.is_whitespace() || c == '(')
        .next()
        .unwrap_or("");
    let last = w.rsplit('.').next().unwrap_or(w);
    // `A.` (an initial), `t.ex.`, `m.fl.`: a one-letter word or a dotted abbreviation.
    w.contains('.')
        || (last.chars().count() == 1 && last.chars().all(char::is_alphabetic))
        || ABBREVIATIONS.contains(&crate::text::fold(last).as_str())
}

/// End (just past the `.`, `?` or `!`) of the first sentence of a title line, when another
/// sentence follows: `Internbudget för 2024. Förvaltningen föreslår …`.
fn title_sentence_end(text: &str, s: usize, e: usize) -> Option<usize> {
    let t = &text[s..e];
    for (i, c) in t.char_indices() {
        if !matches!(c, '.' | '!' | '?') {
            continue;
        }
        let rest = &t[i + 1..];
        let r = rest.trim_start();
        if r.len() == rest.len() || r.is_empty() {
            continue;
        }
        if !r.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit()) {
            continue;
        }
        // `pr. 31. maj`, `fv. 5`, `§ 4. 2 st`: a dot before a number ends no sentence.
        if c == '.' && (abbreviation_before(&t[..i]) || r.starts_with(|c: char| c.is_ascii_digit()))
        {
            continue;
        }
        return Some(s + i + 1);
    }
    None
}

/// The title of an item line `text[s..e]` (after its number or time) and the people named in
/// it. The title is the heading's first sentence, without a trailing period; a speaker
/// attribution (`ved ordfører Kari …`, `– Kristina Sjöholm (C), …`, a following `Førsteamanuensis
/// Sigurd Sæbø, …` or `Johan Härdelin … förklarar`) goes to the people. A person at the start
/// (`Göran Sjödin (S), ordförande …, hälsar välkommen`) or after a title inside it
/// (`från förvaltningschefen Mikael Öhrström om …`) is taken and the title kept.
fn clean_title(text: &str, s: usize, e: usize, numbered: bool) -> (usize, Vec<Person>) {
    let mut people = Vec::new();
    let mut end = e;
    // `Åpning (ordfører Name)`, `Keynote (Name, Org)`: a closing parenthesis that names who
    // speaks is an attribution, cut from the title.
    if let Some((open, found)) = paren_speakers(text, s, e) {
        people.extend(found);
        end = open;
    } else if let Some(open) = group_paren(&text[s..e]) {
        end = s + open;
    }
    if let Some(se) = title_sentence_end(text, s, e) {
        let (ts, te) = crate::text::trim_span(text, se, e, &[]);
        let mut found = parse_speaker_line(text, ts, te);
        if found.is_empty() {
            found = attribution(text, ts, te);
        }
        if found.is_empty() {
            found.extend(leading_person(text, ts, te));
        }
        // After a question a subtitle without a period stays (`Vart är vi på väg? Ett
        // historiskt perspektiv`); a sentence or a speaker goes.
        let question = text[..se].ends_with(['?', '!']);
        if !question || !found.is_empty() || text[ts..te].ends_with('.') {
            people.extend(found);
            end = se;
        }
    }
    let hits: Vec<_> = ATTRIBUTION.find_iter(&text[s..end]).collect();
    let mut attributed = false;
    for m in hits.iter().rev() {
        if m.start() == 0 {
            continue;
        }
        let marker = fold(m.as_str().trim_end());
        // `v/` ("ved") only ever names who speaks: always cut, and when the whole tail is no
        // attribution (`v/ Name, rådgiver i` wrapping onto the next line), its first part is.
        // `v.` is the Danish abbreviation of the same `ved` (`Velkomst v. formand for udvalget
        // Name`); as it may also be a week (`v. 12`), it cuts only when it names somebody.
        let dot = marker.ends_with("v.");
        if marker.ends_with("v/") || dot {
            let mut found = attribution(text, s + m.end(), end);
            if found.is_empty() {
                let first = text[s + m.end()..end]
                    .find(',')
                    .map_or(end, |c| s + m.end() + c);
                found = attribution(text, s + m.end(), first);
            }
            if found.is_empty() {
                found = trailing_name(text, s + m.end(), end);
            }
            // `v/ brannsjef Kari` / `Lunde, Org.`: a surname wrapped onto the next line ends
            // the name.
            if found.is_empty() && end == e {
                found = wrapped_surname(text, s + m.end(), e);
            }
            if dot && found.is_empty() {
                continue;
            }
            people.extend(found);
            end = s + m.start();
            attributed = true;
            break;
        }
        // `… ved leiar Name,` / `Org`: a comma ending the line wraps the speaker's
        // organisation onto the next line; the attribution ends before it.
        let a_end = if end == e {
            s + text[s..end].trim_end_matches([' ', '\t', ',']).len()
        } else {
            end
        };
        let found = attribution(text, s + m.end(), a_end);
        // `ved`/`vid` also mean "at": `boliger ved Tuse Næs` is a place. A title or a party
        // makes it a person; `av`/`af`/`by` ("by") suffice outside numbered minutes.
        let first = text[s + m.end()..end]
            .split_whitespace()
            .next()
            .unwrap_or("");
        let by = ["av", "af", "by"].iter().any(|w| marker.ends_with(w));
        let sure = is_title_word(first)
            || found.iter().any(|p| p.party.is_some())
            || text[s + m.end()..end].contains(',')
            || (by && !numbered);
        if !found.is_empty() && sure {
            people.extend(found);
            end = s + m.start() + kept_activity(m.as_str());
            attributed = true;
            break;
        }
    }
    if !attributed {
        let (te, found) = split_title(text, s, end);
        if !found.is_empty() {
            people.extend(found);
            end = te;
        }
    }
    // A comma before a cut attribution (`Title, v/ Name`) goes with it; one ending the line
    // stays (the title wraps onto the next line).
    let trim: &[char] = if end < e {
        &[' ', '\t', '-', '–', ',']
    } else {
        &[' ', '\t', '-', '–']
    };
    let (ts, te) = crate::text::trim_span(text, s, end, trim);
    end = te;
    if text[ts..te].ends_with('.') && !abbreviation_before(&text[ts..te - 1]) {
        end = te - 1;
    }
    // In minutes a name opening a numbered item is the case's subject, not a speaker.
    if !numbered {
        people.extend(leading_person(text, ts, end));
    }
    people.extend(titled_names(text, ts, end));
    (end, people)
}

/// Round 15: `Spørsmål og svar (alle innlederne)`, `Frågestund (alla talare)`: a closing
/// parenthesis that names a whole group of the programme's speakers says who takes part, like
/// a named speaker would; it is no part of the title. Returns where the parenthesis opens.
fn group_paren(t: &str) -> Option<usize> {
    let t = t.trim_end().trim_end_matches('.');
    let inner = t.strip_suffix(')')?;
    let open = inner.rfind('(')?;
    let words: Vec<&str> = inner[open + 1..].split_whitespace().collect();
    let group = matches!(
        words.first().copied(),
        Some("alle" | "alla" | "samtliga" | "samtlige" | "samtlege")
    ) && (2..=3).contains(&words.len())
        && words.iter().all(|w| w.chars().all(char::is_lowercase));
    (group && open > 0).then_some(open)
}

/// The speakers a parenthesis closing `text[s..e]` names (`(ordfører Name)`, `(Name, rektor, og
/// Name, helsesykepleier)`), with the parenthesis' start. `None` when it names nobody (`(demo)`,
/// a party `(S)`) or holds more than a person, a title and an organisation per part.
fn paren_speakers(text: &str, s: usize, e: usize) -> Option<(usize, Vec<Person>)> {
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
fn wrapped_surname(text: &str, a: usize, e: usize) -> Vec<Person> {
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
fn trailing_ved_name(text: &str, s: usize, e: usize) -> Option<Person> {
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
fn continued_attribution(text: &str, s: usize, e: usize, after_people: bool) -> Vec<Person> {
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
fn trailing_name(text: &str, s: usize, e: usize) -> Vec<Person> {
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
fn hosted_by(text: &str, s: usize, e: usize) -> Option<Vec<Person>> {
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
    Timed {
        start: String,
        end: Option<String>,
        number: Option<String>,
    },
    Numbered(String),
    Bullet,
}

/// Round 15: `Før sakene, kl. 17:00–17:30: Orientering om …`: a short lead phrase and a comma
/// before a `kl.` range that a colon and a capitalised title follow. The line is a timed item
/// (an orientation before the case list); the lead is no part of it. Without the colon after the
/// range (`Gruppemøte kl. 16:00–16:45 i møterom …`) it stays running text.
static TIMED_LEAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\p{Lu}[\p{L} ]{2,25},[ \t]+(?P<rest>(?i:kl)\.?[ \t]*\d{1,2}[.:]\d{2}[ \t]*[-–][ \t]*\d{1,2}[.:]\d{2}[ \t]*:[ \t]+\p{Lu}.*)$")
        .expect("valid regex")
});

fn line_kind(line: &Line<'_>) -> Option<(Kind, usize, usize)> {
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

/// `fiskare Olle Berg`, `brukarrepresentant Siv Lie, Org` after a programme dash: one lowercase
/// word shaped like a person noun (`-are`, `-ør`, `-ist`, `-ent`, `-ant`, `-and`, `-log`,
/// `-iker`, `-sker`) and a name right after it. `besök Gamla Kvarnen` (a verb) and `erfaringer
/// Indre Fosen` (a plural in `-er`) are no speakers.
fn agent_then_name(text: &str, s: usize, e: usize) -> Vec<Person> {
    agent_name(text, s, e, false)
}

/// [`agent_then_name`]; with `capital`, the agent word may open a sentence (`Trafikplanerare
/// Name deltar …`).
fn agent_name(text: &str, s: usize, e: usize, capital: bool) -> Vec<Person> {
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

/// Splits `Velkommen dag 2 - Anna-Karin Berglund og Åsa Lorentzi` or `Velkommen, Ambassadör
/// Axel Wernhoff, Sveriges ambassad` into a title and the people named in it.
fn split_title(text: &str, s: usize, e: usize) -> (usize, Vec<Person>) {
    let t = &text[s..e];
    if let Some(m) = DASH.find_iter(t).last() {
        let mut people = parse_speaker_line(text, s + m.end(), e);
        if people.is_empty() {
            people = agent_then_name(text, s + m.end(), e);
        }
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

/// What a column of an item table holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ItemCol {
    Number,
    Time,
    Title,
    Presenter,
    Other,
}

/// A column header of an item table (folded).
fn item_col(f: &str) -> Option<ItemCol> {
    let f = f.trim_end_matches([':', '.']);
    Some(match f {
        "nr" | "no" | "pkt" | "punkt" | "saksnr" | "sak nr" | "saknr" | "sagsnr" | "§"
        | "arende nr" | "arendenr" | "paragraf" => ItemCol::Number,
        "tid" | "kl" | "klokka" | "klokken" | "klockan" | "tidspunkt" | "tidpunkt" => ItemCol::Time,
        "arende" | "arenden" | "sak" | "saker" | "sag" | "sager" | "tittel" | "titel"
        | "sakstittel" | "innhald" | "innhold" | "indhold" | "emne" | "amne" | "overskrift"
        | "rubrik" | "beskrivning" | "beskrivelse" | "dagsordenspunkt" => ItemCol::Title,
        "foredragande" | "foredragare" | "foredragende" | "foredragsholder" | "ansvarig"
        | "ansvarlig" | "innleder" | "innleiar" | "presentator" | "oplaegsholder"
        | "oplagsholder"
        // Round 14: `Oplæg ved`, `Innledning ved`: the presenter column named by what they do.
        | "oplaeg ved" | "oplag ved" | "innledning ved" | "innleiing ved" | "inledning av"
        | "foredrag ved" => ItemCol::Presenter,
        // The case officer prepared the case; nothing says they attend or present it.
        "saksbehandler" | "saksbehandlar" | "sagsbehandler" | "handlaggare" | "dnr"
        | "diarienr" | "diarienummer" | "journalnr" | "j.nr" | "jnr" | "arkivsak"
        | "arkivsaksnr" | "bilaga" | "bilagor" | "vedlegg" | "bilag" | "merknad" | "anm" => {
            ItemCol::Other
        }
        // Round 14: a page column (`Saksnr.  Innhold  Side`) points into the case papers; its
        // number is no part of the title.
        "side" | "sida" | "sidan" | "sid" | "sidetal" | "sidenr" | "sidnr" => ItemCol::Other,
        _ => return None,
    })
}

/// A header row of an item table (`Nr   Tid   Ärende   Dnr   Föredragande`): every cell a
/// column name, one of them the title and one the number or the time. Columns with their
/// starts (characters from the line's start).
fn item_header(text: &str, line: &Line<'_>) -> Option<Vec<(ItemCol, usize)>> {
    let cs = cells(line);
    if cs.len() < 2 {
        return None;
    }
    let cols: Vec<(ItemCol, usize)> = cs
        .iter()
        .map(|c| item_col(&fold(&squash(&text[c.s..c.e]))).map(|k| (k, c.col)))
        .collect::<Option<_>>()?;
    let mut cols = cols;
    // `Sak | Tittel | …`: next to a column that names the title, a first column headed by the
    // word for the case (`Sak`, `Sag`, `Ärende`) holds the case number.
    let titles = cols.iter().filter(|c| c.0 == ItemCol::Title).count();
    if titles >= 2 && cols[0].0 == ItemCol::Title {
        let first = fold(&squash(&text[cs[0].s..cs[0].e]));
        if matches!(first.trim_end_matches(['.', ':']), "sak" | "sag" | "arende") {
            cols[0].0 = ItemCol::Number;
        }
    }
    let has = |k: ItemCol| cols.iter().any(|c| c.0 == k);
    (has(ItemCol::Title) && (has(ItemCol::Number) || has(ItemCol::Time))).then_some(cols)
}

static BARE_TIME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:(?i:kl)\.?[ \t]*)?(\d{1,2})[.:](\d{2})(?:[ \t]*[-–][ \t]*(\d{1,2})[.:](\d{2}))?$",
    )
    .expect("valid regex")
});

/// An item table row: number, start and end time, title span, presenters.
type Row = (
    Option<String>,
    Option<(String, Option<String>)>,
    (usize, usize),
    Vec<Person>,
);

/// One row of an item table under `cols`: number, times, title and presenters by the columns
/// the cells start in. `None` without a title or with a title that is no heading.
fn item_row(text: &str, line: &Line<'_>, cols: &[(ItemCol, usize)]) -> Option<Row> {
    let cs = cells(line);
    let tabbed = line.text.trim().contains(['\t', '|']);
    let mut number = None;
    let mut time = None;
    let mut title = None;
    let mut people = Vec::new();
    for (k, c) in cs.iter().enumerate() {
        if c.s == c.e {
            continue;
        }
        let kind = if tabbed && cs.len() <= cols.len() {
            cols[k].0
        } else {
            cols.iter()
                .rev()
                .find(|(_, start)| *start <= c.col + 2)
                .unwrap_or(&cols[0])
                .0
        };
        let v = &text[c.s..c.e];
        match kind {
            ItemCol::Number if v.len() <= 12 && v.contains(|c: char| c.is_ascii_digit()) => {
                number = Some(squash(v.trim_end_matches('.')));
            }
            ItemCol::Time => {
                let m = BARE_TIME.captures(v.trim())?;
                let n = |g: usize| m.get(g).and_then(|x| x.as_str().parse::<u32>().ok());
                let start = clock(n(1)?, n(2)?).filter(|_| n(1) < Some(24))?;
                let end = match (n(3), n(4)) {
                    (Some(h), Some(mm)) => clock(h, mm),
                    _ => None,
                };
                time = Some((start, end));
            }
            ItemCol::Title if title.is_none() && v.starts_with(|c: char| c.is_uppercase()) => {
                title = Some((c.s, c.e));
            }
            ItemCol::Presenter => {
                // Round 14: `Planarkitekt Name, kl. 10.15` with no time column: the time the
                // presenter comes in is the item's time.
                if time.is_none() && !cols.iter().any(|c| c.0 == ItemCol::Time) {
                    time = stated_time(v).map(|(start, _)| (start, None));
                }
                if let Some(hosts) = hosted_by(text, c.s, c.e) {
                    people.extend(hosts);
                    continue;
                }
                let mut found = attribution(text, c.s, c.e);
                if found.is_empty() {
                    found = parse_speaker_line(text, c.s, c.e);
                }
                people.extend(found);
            }
            _ => {}
        }
    }
    let title = title?;
    Some((number, time, title, people))
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

/// `kl. 10.00`, `kl 9.15–9.45` anywhere in a line.
static STATED_TIME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:^|[\s,(])kl\.?[ \t]*(?P<h>\d{1,2})[.:](?P<m>\d{2})(?:[ \t]*[-–][ \t]*(?P<h2>\d{1,2})[.:](?P<m2>\d{2}))?(?-u:\b)")
        .expect("valid regex")
});
/// A time closing a title: `, kl. 10.00`, ` (kl. 9.15–9.45)`, ` – ca. kl. 14.00`.
static TRAILING_TIME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)[ \t]*[,(–-]?[ \t]*(?:(?:ca\.?|cirka|beräknad tid|beregnet tid)[ \t]*)?kl\.?[ \t]*\d{1,2}[.:]\d{2}(?:[ \t]*[-–][ \t]*\d{1,2}[.:]\d{2})?[ \t]*\)?\.?$")
        .expect("valid regex")
});
/// A line under an item that states its time: `Tid: kl. 10.00`, `Beräknad tid kl. 9.15`,
/// `Ca. kl. 19.30`, `Kl. 10.00–10.30`.
static TIME_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:\(?(?:beräknad|beraknad|beregnet|berekna|forventet|forventa|planlagt|cirka|ca\.?)[ \t]+)?(?:tid|tidspunkt|klokken|klockan|kl\.?)(?:[ \t:]|$)")
        .expect("valid regex")
});

fn stated_time(t: &str) -> Option<(String, Option<String>)> {
    clock_range(&STATED_TIME.captures(t)?)
}

/// The start (`h`, `m`; before 24:00) and the optional end (`h2`, `m2`) a time pattern
/// captured, as `HH:MM`; `None` when the start is no clock time.
fn clock_range(c: &regex::Captures<'_>) -> Option<(String, Option<String>)> {
    let n = |g: &str| c.name(g).and_then(|m| m.as_str().parse::<u32>().ok());
    let (h, m) = (n("h")?, n("m")?);
    let start = clock(h, m).filter(|_| h < 24)?;
    let end = match (n("h2"), n("m2")) {
        (Some(h2), Some(m2)) => clock(h2, m2),
        _ => None,
    };
    Some((start, end))
}

/// How many non-empty tab-separated cells a line has (0 without a tab).
fn tabbed_cells(line: &Line<'_>) -> usize {
    let t = line.trimmed().1;
    if !t.contains('\t') {
        return 0;
    }
    t.split('\t').filter(|c| !c.trim().is_empty()).count()
}

/// A tabbed row opening with an item number, with as many cells as the table has columns.
fn table_row_shape(line: &Line<'_>, n: usize) -> bool {
    let t = line.trimmed().1;
    t.contains('\t')
        && t.split('\t').filter(|c| !c.trim().is_empty()).count() == n
        && t.split('\t')
            .next()
            .is_some_and(|c| !c.trim().is_empty() && c.trim().bytes().all(|b| b.is_ascii_digit()))
}

/// `Til punkt 4:`, `Ad sak 12/25:`, `Vedr. punkt 3:`, `Till ärende 5:`: a note on an item
/// further down, naming who presents it and when.
static ITEM_NOTE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?i:til|till|ad|vedr\.?|vedrørende|angående|gällande)[ \t]+(?i:punkt|pkt\.?|sak|sag|ärende|arende|dagsordenspunkt)[ \t]+(?P<n>\d{1,3}(?:/\d{2,4})?)[ \t]*:")
        .expect("valid regex")
});

/// The last line and end of a line `j` (ending at `e`) that runs on: an open parenthesis, a
/// trailing comma or conjunction carries it over the next non-blank lines (at most three).
fn run_on(text: &str, lines: &[Line<'_>], j: usize, e: usize) -> Option<(usize, usize)> {
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

/// `2026–2029`, `2025/2026`: a span of years alone on a line.
static YEAR_SPAN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\d{4}[ \t]*[-–/][ \t]*\d{2,4}$").expect("valid regex"));

/// `Vedtak: …`, `Tid: …`: a line opening with a short label.
fn has_label_start(t: &str) -> bool {
    t.find(':')
        .is_some_and(|c| c > 0 && t[..c].split_whitespace().count() <= 2)
}

/// `Ad 3.` opens the minutes' paragraph on item 3 when an item list above already holds item 3:
/// a note on that item, not an item (`Ad 3. Forslaget blev drøftet …`). Without such a list
/// (`Ad 1. Godkendelse af dagsorden` as the only numbering) `Ad` lines stay items.
fn drop_ad_notes(kinds: &mut [Option<(Kind, usize, usize)>]) {
    let key = |n: &str| {
        n.rsplit(char::is_whitespace)
            .next()
            .unwrap_or(n)
            .trim_end_matches(['.', ':', ')'])
            .to_string()
    };
    let is_ad = |n: &str| n.len() > 2 && n[..2].eq_ignore_ascii_case("ad");
    let mut seen: Vec<String> = Vec::new();
    for k in kinds.iter_mut() {
        let Some((Kind::Numbered(n), _, _)) = k else {
            continue;
        };
        if is_sub(n) {
            continue;
        }
        if is_ad(n) {
            if seen.contains(&key(n)) {
                *k = None;
            }
        } else {
            seen.push(key(n));
        }
    }
}

/// Round 15: `Vedlegg:` / `1. Plankart, datert …` / `2. Planbeskrivelse`: a numbered list
/// under an attachments heading (`Vedlegg`, `Bilag`, `Bilagor`, `Bilaga`) alone on its line
/// names documents, not items; its lines up to the next blank line are dropped.
fn drop_attachment_lists(lines: &[Line<'_>], kinds: &mut [Option<(Kind, usize, usize)>]) {
    let mut i = 0;
    while i < lines.len() {
        let t = lines[i].trimmed().1;
        // The headings fold to at most 11 bytes; folding shrinks a character to no less than a
        // third of its bytes (`K`, the Kelvin sign, is `k`), so a longer line is none.
        let heading = t.len() <= 48
            && matches!(
                fold(t.trim_end_matches(':').trim()).as_str(),
                "vedlegg"
                    | "vedlegga"
                    | "vedleggene"
                    | "bilag"
                    | "bilaga"
                    | "bilagor"
                    | "bilagsliste"
            );
        if !heading {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < lines.len() && !lines[j].is_blank() {
            if matches!(kinds[j], Some((Kind::Numbered(_), _, _))) {
                kinds[j] = None;
            }
            j += 1;
        }
        i = j;
    }
}

/// Round 15: `Sak 72/35: Dokumentet vart lagt ut 30. oktober.` under a `Merknader:` (notes)
/// block after the item list, or `Ärende 5: Samrådet pågick …` under a list numbered `5`: a
/// line whose number repeats an item already listed, with a colon
/// after the number and a whole sentence (ending in a period) after it, is a note on that item,
/// not a second item. A repeated heading without colon or period (minutes repeating the list
/// in their body) is left to the later merging.
fn drop_repeated_notes(text: &str, lines: &[Line<'_>], kinds: &mut [Option<(Kind, usize, usize)>]) {
    // A set: a list scanned per item was quadratic in a long agenda.
    let mut seen: std::collections::HashSet<String> = Default::default();
    for (line, k) in lines.iter().zip(kinds.iter_mut()) {
        let Some((Kind::Numbered(n), s, ts)) = k else {
            continue;
        };
        if is_sub(n) {
            continue;
        }
        // `Ärende 5:` repeats item `5`: the number's last part is the key.
        let key = n
            .rsplit(char::is_whitespace)
            .next()
            .unwrap_or(n)
            .trim_end_matches(['.', ':', ')'])
            .to_string();
        let (ls, t) = line.trimmed();
        let le = ls + t.len();
        let colon = text[*s..*ts].trim_end().ends_with(':');
        let title = text[*ts..le].trim();
        let sentence = title.ends_with('.') && title.split_whitespace().count() >= 4;
        if seen.contains(&key) {
            if colon && sentence {
                *k = None;
            }
        } else {
            seen.insert(key);
        }
    }
}

/// `Paneldebat med Name, Name og Name`, `Samtal med kommunalråd Name`: a title, then `med` and
/// a list of people that ends the line (or runs onto the next after a trailing `og`/`och`/`,`).
/// Returns where the title ends, the people, and the line the list ran onto. Nothing unless a
/// name (after titles only) follows `med` and no words but an affiliation follow the last name
/// (`Samtal med Name om skolan` keeps its title).
fn med_attribution(
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

/// Sub-item lines that stand at the margin (`5. Orientering` / `a) Skolen` / text / `b)
/// Biblioteket`): between two items, a run of `a)`, `b)` … lines in alphabetical order from `a`,
/// at least two, each a short heading (capitalised, no sentence end). Lettered decision points
/// (`a) Udvalget godkender forslaget.`) end in a period and stay text.
fn flat_sub_items(
    text: &str,
    lines: &[Line<'_>],
    kinds: &[Option<(Kind, usize, usize)>],
) -> Vec<bool> {
    let mut out = vec![false; lines.len()];
    // Cheap test first: most documents have no margin `a)` line at all.
    let letter = |i: usize| match &kinds[i] {
        Some((Kind::Numbered(n), _, ts)) if is_sub(n) && lines[i].indent() == 0 => {
            let (ls, lt) = lines[i].trimmed();
            let title = text[*ts..ls + lt.len()].trim_end();
            (title.chars().count() <= 80 && !title.ends_with(['.', ':', ';', ',']))
                .then(|| n.as_bytes()[0])
        }
        _ => None,
    };
    let mut i = 0;
    while i < lines.len() {
        if letter(i) != Some(b'a') {
            i += 1;
            continue;
        }
        // The run: letters in order up to the next numbered item.
        let mut run = vec![i];
        let mut want = b'b';
        let mut j = i + 1;
        while j < lines.len() {
            match &kinds[j] {
                Some((Kind::Numbered(n), _, _)) if !is_sub(n) => break,
                Some((Kind::Timed { .. }, _, _)) => break,
                _ => {}
            }
            if let Some(l) = letter(j) {
                if l != want {
                    break;
                }
                run.push(j);
                want += 1;
            }
            j += 1;
        }
        if run.len() >= 2 {
            run.iter().for_each(|&k| out[k] = true);
        }
        i = j.max(i + 1);
    }
    out
}

/// An organisation's name wrapped after its generic head noun: a long speaker line whose last
/// comma part is one capitalised organisation word (`…, Studieförbundet`, `…, Foreningen`), and
/// a next line at the same indent of at most four capitalised words, no comma (`Bilda
/// Mälardalen`). Returns the organisation as cut and as joined.
fn wrapped_org(prev: &Line<'_>, line: &Line<'_>) -> Option<(String, String)> {
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

/// Drops plain-numbered lines (`1.`, `2)`) after the first `§` line that are sentences: the
/// line ends with a period, or its sentence wraps onto an indented lowercase line.
fn decision_points(lines: &[Line<'_>], kinds: &mut [Option<(Kind, usize, usize)>]) {
    let Some(first) = kinds
        .iter()
        .position(|k| matches!(k, Some((Kind::Numbered(n), _, _)) if n.starts_with('§')))
    else {
        return;
    };
    for i in first + 1..lines.len() {
        let plain = matches!(&kinds[i], Some((Kind::Numbered(n), _, _))
            if n.starts_with(|c: char| c.is_ascii_digit()) && n.ends_with(['.', ')']));
        if !plain {
            continue;
        }
        let t = lines[i].trimmed().1;
        let wraps = lines.get(i + 1).is_some_and(|l| {
            !l.is_blank()
                && l.indent() > lines[i].indent()
                && l.trimmed().1.starts_with(char::is_lowercase)
        });
        if t.ends_with('.') || wraps {
            kinds[i] = None;
        }
    }
}

/// The title line under a numbered line that holds none (see [`label_only`]): the next
/// non-blank line within one blank, when it is no item, no label and no sentence.
fn title_below(
    lines: &[Line<'_>],
    i: usize,
    kinds: &[Option<(Kind, usize, usize)>],
) -> Option<(usize, usize, usize)> {
    let k = (i + 1..lines.len().min(i + 3)).find(|&k| !lines[k].is_blank())?;
    let (s, t) = lines[k].trimmed();
    let ok = kinds[k].is_none()
        && t.starts_with(char::is_uppercase)
        && !t.ends_with([':', '.'])
        && !has_label_start(t)
        && t.len() <= 160;
    ok.then_some((k, s, s + t.len()))
}

/// A sub-item's number: one letter (`a)` → `a`).
fn is_sub(n: &str) -> bool {
    n.len() == 1 && n.bytes().all(|b| b.is_ascii_lowercase())
}

/// Words a wrapped title line ends on before its continuation: a conjunction or preposition
/// (`… erverv av`, `… aktiviteter og`, `… för`) or a dash (`Kommunedelplan for X –`).
const DANGLING: &[&str] = &[
    "og", "och", "eller", "av", "af", "for", "för", "fór", "til", "till", "i", "om", "med", "fra",
    "frå", "från", "på", "pa", "ved", "vid", "mot", "mod", "under", "etter", "efter", "efter",
    "samt", "the", "–", "-",
];

fn dangling(t: &str) -> bool {
    let w = t
        .trim_end()
        .rsplit(char::is_whitespace)
        .next()
        .unwrap_or("");
    DANGLING.iter().any(|d| w.eq_ignore_ascii_case(d))
        || w.chars().all(|c| !c.is_alphanumeric()) && (w == "–" || w == "-")
}

fn all_caps(t: &str) -> bool {
    let mut letters = 0;
    for c in t.chars() {
        if c.is_lowercase() {
            return false;
        }
        if c.is_alphabetic() {
            letters += 1;
        }
    }
    letters >= 3
}

/// Agenda items and the people named in them (as speakers).
pub(crate) fn find(
    text: &str,
    lines: &[Line<'_>],
    date_lines: &[usize],
) -> (Vec<AgendaItem>, Vec<Person>) {
    // Sorted, so that a line's question (is it a date line? is there one between two
    // lines?) is a binary search, not a scan of every date line (quadratic in a long
    // programme).
    let date_lines: Vec<usize> = {
        let mut d = date_lines.to_vec();
        d.sort_unstable();
        d
    };
    let is_date_line = |j: usize| date_lines.binary_search(&j).is_ok();
    let mut kinds: Vec<Option<(Kind, usize, usize)>> = lines.iter().map(line_kind).collect();
    drop_ad_notes(&mut kinds);
    drop_repeated_notes(text, lines, &mut kinds);
    drop_attachment_lists(lines, &mut kinds);
    let n_timed = kinds
        .iter()
        .filter(|k| matches!(k, Some((Kind::Timed { .. }, _, _))))
        .count();
    let n_numbered = kinds
        .iter()
        .filter(|k| matches!(k, Some((Kind::Numbered(n), _, _)) if !is_sub(n) && !is_track(n)))
        .count();
    let has_section = kinds
        .iter()
        .any(|k| matches!(k, Some((Kind::Numbered(n), _, _)) if n.starts_with('§')));
    // `§ 187 …` / `1. Delårsrapporten godkänns.`: under a paragraph, plain-numbered sentences
    // are the points of a proposal or decision, not items.
    if has_section {
        decision_points(lines, &mut kinds);
    }
    // `Sagsnr.: 25/318` under `2. Regnskab 2024`: where items are numbered otherwise, a
    // case-number label is the item's register reference; only without them it opens items.
    let labelled: Vec<usize> = (0..lines.len())
        .filter(|&i| {
            matches!(kinds[i], Some((Kind::Numbered(_), _, _)))
                && case_label(lines[i].trimmed().1).is_some()
        })
        .collect();
    if !labelled.is_empty()
        && (0..lines.len()).any(|i| {
            matches!(kinds[i], Some((Kind::Numbered(_), _, _)))
                && labelled.binary_search(&i).is_err()
        })
    {
        labelled.iter().for_each(|&i| kinds[i] = None);
    }
    // `… synfaring for` / `sak 44/27. Bussen går …`: a lowercase case number opening a line
    // that continues the sentence above is a reference, not an item.
    for i in 1..lines.len() {
        if let Some((Kind::Numbered(n), _, _)) = &kinds[i] {
            let prev = lines[i - 1].trimmed().1;
            if n.starts_with(char::is_lowercase)
                && n.contains(char::is_whitespace)
                && !prev.is_empty()
                && !prev.ends_with(['.', ':', '!', '?'])
            {
                kinds[i] = None;
            }
        }
    }
    let flat_subs = flat_sub_items(text, lines, &kinds);
    // Item lines with a right-hand column of times (`1  Upprop      18.30`): with two or more the
    // column gives the items their times.
    let col_times = kinds
        .iter()
        .zip(lines)
        .filter(|(k, l)| {
            matches!(k, Some((Kind::Numbered(_), _, _))) && time_cell(l.text).is_some()
        })
        .take(2)
        .count()
        >= 2;
    let is_item = |i: usize| match &kinds[i] {
        Some((Kind::Timed { .. }, _, _)) if n_timed >= 2 => true,
        // `12:00 – 12:30  Orientering …` before a numbered list: one slot with a start and an
        // end and a capitalised title is an item of the agenda too.
        Some((Kind::Timed { end, .. }, _, ts)) => {
            n_timed == 1
                && n_numbered >= 2
                && end.is_some()
                && text[*ts..].starts_with(char::is_uppercase)
        }
        // A sub-item `a)` is one only indented under a list of items, or in a run `a)`, `b)` …
        // of short heading lines under one item.
        Some((Kind::Numbered(n), _, _)) if is_sub(n) => {
            (lines[i].indent() > 0 || flat_subs[i])
                && (n_numbered >= 2 || has_section || n_timed >= 2)
        }
        // A parallel track is one only under the slots of a programme or a list of items.
        Some((Kind::Numbered(n), _, _)) if is_track(n) => n_timed >= 2 || n_numbered >= 2,
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
        // A numbered item (`Sak 41/27  Godkjenning av … sakliste`) heads no program.
        let heading = !t.is_empty()
            && kinds[i].is_none()
            && (i == 0 || lines[i - 1].is_blank())
            && t.chars().count() <= 50
            && !is_bullet_line(t)
            && !t.ends_with('.')
            && !t.starts_with(|c: char| c.is_ascii_digit());
        if heading {
            let f = fold(t);
            current = PROGRAM_HEADINGS.iter().any(|h| f.contains(h)) || content_heading(&f);
        }
        in_program[i] = current;
    }
    // An untimed, unnumbered list right under a program heading (`Kvällens innehåll`), one item
    // a line: at least two lines, each starting with a capital, none a label or an item.
    let mut plain = vec![false; lines.len()];
    if n_timed < 2 {
        for i in 0..lines.len() {
            if !in_program[i] || (i > 0 && in_program[i - 1]) || lines[i].is_blank() {
                continue;
            }
            // Line i is the heading; its paragraph follows.
            let first = i + 1;
            let mut j = first;
            while j < lines.len() && !lines[j].is_blank() {
                j += 1;
            }
            let ok = j - first >= 2
                && (first..j).all(|k| {
                    let t = lines[k].trimmed().1;
                    let label = t
                        .find(':')
                        .is_some_and(|c| t[..c].split_whitespace().count() <= 2);
                    t.starts_with(char::is_uppercase)
                        && t.len() <= 250
                        && !label
                        && kinds[k].is_none()
                        && !is_bullet_line(t)
                });
            if ok {
                plain[first..j].iter_mut().for_each(|p| *p = true);
            }
        }
    }

    let mut drafts: Vec<Draft> = Vec::new();
    // Item tables (`Nr  Tid  Ärende  Dnr  Föredragande`): rows under a header up to a blank line,
    // where no line is an item of its own already.
    let mut table_row = vec![false; lines.len()];
    let mut k = 0;
    while k < lines.len() {
        let Some(cols) = item_header(text, &lines[k]) else {
            k += 1;
            continue;
        };
        let mut j = k + 1;
        while j < lines.len() && !lines[j].is_blank() {
            // Under a header the row is read by its columns, even when it opens with a time
            // (`16.15 | Velkomst | Name`) and so also looks like a timed line.
            // A pipe row (`PS 18/31 | Title | Name`) is read by its cells even when it opens with
            // a number: the rest of the line is cells, not one title.
            let piped = lines[j].text.contains('|');
            // Round 14: so is a tabbed row with cells after its title (`PS 13/41 <tab> Title
            // <tab> 3` under `… Side`): the last cell is a column of its own, not title text.
            let tabbed = tabbed_cells(&lines[j]) >= 3;
            if piped || tabbed || !matches!(kinds[j], Some((Kind::Numbered(_), _, _))) {
                if let Some((number, time, (ts, te), mut people)) = item_row(text, &lines[j], &cols)
                {
                    let (time, end_time) = time.unzip();
                    let (ls, lt) = lines[j].trimmed();
                    // `Title (v/ title Name)` in the title cell: the speaker goes to the people.
                    let (te, found) = clean_title(text, ts, te, true);
                    people.extend(found);
                    drafts.push(Draft {
                        number,
                        time,
                        end_time: end_time.flatten(),
                        title: squash(text[ts..te].trim_end_matches('.')),
                        people,
                        span: (ls, ls + lt.len()),
                        line: j,
                    });
                    table_row[j] = true;
                }
            }
            j += 1;
            // A table resumes after a blank line and at most one section line (`Lukket møde`)
            // when a row of the same shape follows: tabbed, opening with a number.
            if j < lines.len() && lines[j].is_blank() {
                let mut r = j + 1;
                if r < lines.len()
                    && !lines[r].is_blank()
                    && !table_row_shape(&lines[r], cols.len())
                {
                    r += 1;
                    while r < lines.len() && lines[r].is_blank() && r <= j + 3 {
                        r += 1;
                    }
                }
                if r < lines.len() && r <= j + 3 && table_row_shape(&lines[r], cols.len()) {
                    j = r;
                }
            }
        }
        k = j;
    }
    let mut i = 0;
    while i < lines.len() {
        if table_row[i] {
            i += 1;
            continue;
        }
        let (kind, ks, ts) = match &kinds[i] {
            Some((k, ks, ts)) if is_item(i) => (k.clone(), *ks, *ts),
            _ if (in_program[i] && is_bullet_line(lines[i].text) && n_timed < 2) || plain[i] => {
                let (s, _) = unbullet(&lines[i]);
                (Kind::Bullet, s, s)
            }
            _ => {
                i += 1;
                continue;
            }
        };
        let (ls, lt) = lines[i].trimmed();
        let numbered = matches!(kind, Kind::Numbered(_));
        let mut line_end = if numbered {
            register_cut(text, ts, ls + lt.len())
        } else {
            ls + lt.len()
        };
        let mut stated: Option<(String, Option<String>)> = None;
        if numbered && col_times {
            if let Some((h, st, en)) = time_cell(&text[ts..line_end]) {
                line_end = ts + h;
                stated = Some((st, en));
            }
        }
        // A wrapped title's next line may hold the time column's cell (cut from the title).
        let col_cut = |s2: usize, e2: usize, stated: &mut Option<(String, Option<String>)>| {
            if !(numbered && col_times) {
                return e2;
            }
            match time_cell(&text[s2..e2]) {
                Some((h, st, en)) => {
                    if stated.is_none() {
                        *stated = Some((st, en));
                    }
                    s2 + h
                }
                None => e2,
            }
        };
        let (mut title_end, mut people) = clean_title(text, ts, line_end, numbered);
        // `… ved leiar Name,` / `Org`: the one speaker's organisation wraps onto the next,
        // indented line.
        let mut org_line = None;
        if lt.ends_with(',')
            && people.len() == 1
            && people[0].org.is_none()
            && i + 1 < lines.len()
            && !lines[i + 1].is_blank()
            && lines[i + 1].indent() > lines[i].indent()
            && kinds[i + 1].is_none()
        {
            let (s2, t2) = lines[i + 1].trimmed();
            let e2 = s2 + t2.trim_end_matches('.').len();
            let found = attribution(text, people[0].span.0, e2);
            if let [one] = found.as_slice() {
                if one.name == people[0].name && one.org.is_some() {
                    people[0].org.clone_from(&one.org);
                    org_line = Some(i + 1);
                }
            }
        }
        // `7. Kulturnatten, kl. 10.00–10.30`: a numbered item's time at the end of its title.
        if numbered && stated.is_none() {
            if let Some(m) = TRAILING_TIME.find(&text[ts..title_end]) {
                stated = stated_time(m.as_str());
                if stated.is_some() && m.start() > 0 {
                    title_end = ts + text[ts..ts + m.start()].trim_end_matches([' ', ',']).len();
                }
            }
        }
        // `Paneldebat med Name, Name og` / `Name, Org`: the people after `med` (its list may
        // run onto the next line) are the item's, not its title.
        let mut med_line = None;
        // People found only after `med` (`… med panelet: Name, Name`) are read as its list.
        let after_med = !people.is_empty()
            && text[ts..line_end]
                .find(" med ")
                .is_some_and(|m| people.iter().all(|p| p.span.0 > ts + m));
        if people.is_empty() || after_med {
            let te = if after_med { line_end } else { title_end };
            if let Some((cut, found, used)) = med_attribution(text, lines, i, ts, te) {
                title_end = cut;
                people = found;
                med_line = used;
            }
        }
        let mut title = squash(text[ts..title_end].trim_end_matches([' ', '\t', '-', '–']));
        // `§ 187      Dnr KS 2026/318` / `Title`, `Saksnr.: 21/27  Saksbehandler: Name` /
        // `Title`: the line holds only the number and references; the next line (after at
        // most one blank) is the title.
        if numbered && people.is_empty() && label_only(&title) {
            if let Some((k, ks2, kt2)) = title_below(lines, i, &kinds) {
                title = squash(&text[ks2..kt2]);
                title_end = line_end;
                med_line = Some(k);
            }
        }
        // A title cut at a dangling word or dash, an upper-case heading or a short line of
        // digits under it (`19.08.2025`, `2026–2029`, `1 september–31 oktober 2025`) wraps.
        let raw_line = &text[ts..line_end];
        let wraps = text[title_end..line_end]
            .trim_matches([' ', '\t', '-', '–', ','])
            .is_empty()
            && people.is_empty()
            && !matches!(kind, Kind::Bullet);
        let dangles = wraps && dangling(raw_line);
        let dash_wrap = dangles && raw_line.trim_end().ends_with(['–', '-']);
        let caps = wraps && all_caps(raw_line);
        let base_indent = lines[i].indent();
        let mut last_used = med_line.or(org_line).unwrap_or(i);
        let mut j = last_used + 1;
        let mut blanks = 0;
        let mut skipped = false;
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
            let (s2, t2) = line.trimmed();
            // The title's next line, right under it, continuing it.
            let t2_cell = text[s2..register_cut(text, s2, s2 + t2.len())].trim_end();
            let wrap_line = j == i + 1
                && wraps
                && !is_item(j)
                && !table_row[j]
                && ((dangles
                    && !has_label_start(t2)
                    && parse_speaker_line(text, s2, s2 + t2.len()).is_empty())
                    || (caps && all_caps(t2) && line.indent() > base_indent)
                    // `4  Title` / `   its end      17.40`: the time column's cell on the
                    // next line ends the title there.
                    || (numbered
                        && col_times
                        && stated.is_none()
                        && line.indent() > base_indent
                        && time_cell(t2).is_some())
                    // (Measured without a register column: `16 mars 2027     KS 2027/12`.)
                    || (t2.starts_with(|c: char| c.is_ascii_digit())
                        && t2_cell.len() <= 40
                        && !t2_cell.ends_with(['.', ':'])
                        && (is_date_line(j) || YEAR_SPAN.is_match(t2_cell))));
            if wrap_line {
                if dash_wrap {
                    title.push_str(" –");
                }
                title.push(' ');
                let e2 = register_cut(text, s2, s2 + t2.len());
                let e2 = col_cut(s2, e2, &mut stated);
                title.push_str(&squash(&text[s2..e2]));
                last_used = j;
                j += 1;
                continue;
            }
            if is_item(j)
                || table_row[j]
                || plain[j]
                || (matches!(kind, Kind::Bullet) && is_bullet_line(line.text))
                || is_date_line(j)
            {
                break;
            }
            let indented = line.indent() > base_indent;
            if blanks > 0 && !double_spaced && !indented {
                break;
            }
            // `Panel: Name (Org), Name` / `(Org) och Name (Org` / `Org)`: a speaker line whose
            // parenthesis or list runs onto the next lines is read as one.
            if let Some((jj, e2)) = run_on(text, lines, j, s2 + t2.len()) {
                if (j + 1..=jj).all(|k| !is_item(k) && !table_row[k]) {
                    let mut ext = hosted_by(text, s2, e2).unwrap_or_default();
                    if ext.is_empty() {
                        ext = parse_speaker_line(text, s2, e2);
                    }
                    if !ext.is_empty() {
                        people.extend(ext);
                        last_used = jj;
                        blanks = 0;
                        j = jj + 1;
                        continue;
                    }
                }
            }
            // `Name og Name, Studieförbundet` / `Bilda Mälardalen`: a speaker line wrapped inside
            // an organisation's name continues it.
            if j > 0 && last_used == j - 1 && !people.is_empty() {
                if let Some(org) = wrapped_org(&lines[j - 1], line) {
                    for p in &mut people {
                        if p.org.as_deref() == Some(org.0.as_str()) {
                            p.org = Some(org.1.clone());
                        }
                    }
                    last_used = j;
                    blanks = 0;
                    j += 1;
                    continue;
                }
            }
            // `Ledes av Name, Org` hosts the item; a line that is one parenthesis
            // (`(Name, title, Org)`) names its speakers.
            let mut found = hosted_by(text, s2, s2 + t2.len()).unwrap_or_default();
            if found.is_empty() && t2.starts_with('(') {
                found = paren_speakers(text, s2, s2 + t2.len())
                    .filter(|(open, _)| *open == s2)
                    .map(|(_, f)| f)
                    .unwrap_or_default();
            }
            // `Name, Town: "…"`: someone quoted from the floor is no speaker of the item.
            let quoted = crate::people::quoted_speaker(text, s2, s2 + t2.len()).is_some();
            if found.is_empty() && !quoted {
                found = parse_speaker_line(text, s2, s2 + t2.len());
            }
            if found.is_empty() && !matches!(kind, Kind::Bullet) {
                found = continued_attribution(text, s2, s2 + t2.len(), !people.is_empty());
            }
            if found.is_empty() && t2.len() > 240 {
                break;
            }
            // `Föredragande: Name, beräknad tid kl. 10.00–10.30`, `Tid: kl. 14.15`: the time of a
            // numbered item, stated on a line under it.
            // `Afdelingsleder Name deltager under punktet, ca. kl. 15.45.`: an indented line
            // under a numbered item that states a time gives the item's.
            let timed_text = indented && t2.len() <= 160 && stated_time(t2).is_some();
            // `Leder af X Name deltager under punktet kl. 16.30`: a presenter without a title
            // right before the name; the line names the item's speaker.
            let presenter = if timed_text && titled_names(text, s2, s2 + t2.len()).is_empty() {
                speaking(text, s2, s2 + t2.len())
            } else {
                Vec::new()
            };
            // `… alle dage` / `kl. 14.00.`: a lowercase line after a skipped one ends that
            // line's sentence; its time is not the item's.
            let tail = skipped && t2.starts_with(char::is_lowercase);
            let time_line = !found.is_empty()
                || (TIME_LABEL.is_match(t2) && !tail)
                || !presenter.is_empty()
                || (timed_text && !titled_names(text, s2, s2 + t2.len()).is_empty());
            if found.is_empty() {
                found = presenter;
            }
            if time_line && matches!(kind, Kind::Numbered(_)) && stated.is_none() {
                stated = stated_time(t2);
                if stated.is_some() {
                    last_used = j;
                }
            }
            if !found.is_empty() {
                people.extend(found);
                last_used = j;
            } else if time_line && stated.is_some() {
                // A line that only states the item's time: used above, no title text.
                last_used = j;
            } else if people.is_empty()
                && !skipped
                && (title.ends_with(':')
                    || title.ends_with(',')
                    || t2.starts_with(char::is_lowercase))
                && !matches!(kind, Kind::Bullet)
            {
                title.push(' ');
                let e2 = register_cut(text, s2, s2 + t2.len());
                let e2 = col_cut(s2, e2, &mut stated);
                title.push_str(&squash(&text[s2..e2]));
                last_used = j;
            } else if !indented {
                break;
            } else {
                // A lowercase line after a skipped one continues that line, not the title.
                skipped = true;
            }
            blanks = 0;
            j += 1;
        }
        let span_end = {
            let (s, t) = lines[last_used].trimmed();
            s + t.len()
        };
        let (number, time, end_time) = match kind {
            Kind::Timed { start, end, number } => (number, Some(start), end),
            Kind::Numbered(n) => {
                let (t, e) = stated.unzip();
                (Some(n), t, e.flatten())
            }
            Kind::Bullet => (None, None, None),
        };
        // `Title ved Name` / `og Name, Org`: a second speaker joined by `og` on the next line
        // makes the bare name after `ved` (which may also name a place) a speaker too, of the
        // same organisation when the pair shares one.
        if last_used > i && !people.is_empty() {
            let next = fold(lines[i + 1].trimmed().1);
            if ["og ", "och ", "and "].iter().any(|c| next.starts_with(c)) {
                if let Some(mut p) = trailing_ved_name(text, ts, title_end) {
                    let at = title.rfind(" ved ").or_else(|| title.rfind(" vid "));
                    if let Some(at) = at {
                        title.truncate(at);
                        p.org = people.iter().find_map(|q| q.org.clone());
                        people.insert(0, p);
                    }
                }
            }
        }
        // `Samtale: Title? Med` / `Name, Org, og Name`: a preposition ending the title line
        // opens the list of speakers on the lines under it, no part of the title.
        if last_used > i && !people.is_empty() {
            if let Some((head, w)) = title.rsplit_once(' ') {
                if matches!(w.to_lowercase().as_str(), "med" | "ved" | "vid" | "with") {
                    title = head.trim_end().to_string();
                }
            }
        }
        // `Gruppearbeid:` over its sub-items: the colon is no part of the title.
        if title.ends_with(':') {
            title.pop();
            title.truncate(title.trim_end().len());
        }
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

    drafts.sort_by_key(|d| d.line);
    // `Til punkt 4: Konsulent Name deltager ca. kl. 14.45`: the note's people speak to item 4,
    // and its time is the item's when it has none.
    for (li, line) in lines.iter().enumerate() {
        let (s0, t0) = line.trimmed();
        if !t0.starts_with(|c: char| c.is_uppercase()) || t0.len() < 8 {
            continue;
        }
        if !ITEM_NOTE.is_match(t0) {
            continue;
        }
        let Some(c) = ITEM_NOTE.captures(t0) else {
            continue;
        };
        let n = &c["n"];
        let Some(d) = drafts.iter_mut().find(|d| {
            d.number.as_deref().is_some_and(|x| {
                let x = x.trim_end_matches(['.', ')']);
                x == n || x.rsplit([' ', '\t']).next() == Some(n)
            })
        }) else {
            continue;
        };
        let mut end = s0 + t0.len();
        let mut k = li + 1;
        while k < lines.len() && !lines[k].is_blank() && k <= li + 3 {
            let (s2, t2) = lines[k].trimmed();
            end = s2 + t2.len();
            k += 1;
        }
        let body = s0 + c.get(0).map_or(0, |m| m.end());
        let se = crate::text::first_sentence_end(text, body, end);
        let mut found = titled_names(text, body, se);
        if found.is_empty() {
            let (bs, be) = crate::text::trim_span(text, body, se, &[]);
            found = agent_name(text, bs, be, true);
            found.truncate(1);
        }
        if found.is_empty() {
            continue;
        }
        if d.time.is_none() {
            if let Some((t, e)) = stated_time(&squash(&text[body..end])) {
                d.time = Some(t);
                d.end_time = e;
            }
        }
        d.people.extend(found);
    }
    // A timed item ends where the next one starts, unless a date heading or an earlier time
    // lies between (a new day).
    for k in 0..drafts.len() {
        if drafts[k].time.is_none() || drafts[k].end_time.is_some() {
            continue;
        }
        if let Some(next) = drafts.get(k + 1) {
            let after = date_lines.partition_point(|&d| d <= drafts[k].line);
            let new_day = date_lines.get(after).is_some_and(|&d| d < next.line);
            if let (Some(a), Some(b)) = (&drafts[k].time, &next.time) {
                if b > a && !new_day {
                    drafts[k].end_time = Some(b.clone());
                }
            }
        }
    }

    let mut all_people = Vec::new();
    // The asker of a question-time item is a member of the body, not its speaker.
    for (i, k) in kinds.iter().enumerate() {
        if !matches!(k, Some((Kind::Numbered(_), _, _))) {
            continue;
        }
        let (ls, lt) = lines[i].trimmed();
        if let Some(w) = question_line(lt).and_then(|c| c.name("who")) {
            for mut p in parse_list(text, ls + w.start(), ls + w.end()) {
                p.role = Some(crate::Role::Member);
                all_people.push(p);
            }
        }
    }
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
                if p.role != Some(crate::Role::Host) {
                    p.role = Some(crate::Role::Speaker);
                }
                all_people.push(p);
            }
            AgendaItem {
                number: d.number,
                time: d.time,
                end_time: d.end_time,
                title: without_status(d.title),
                people,
                organizations: orgs,
                span: [d.span.0, d.span.1],
            }
        })
        .collect();
    (items, all_people)
}

/// Round 14: `NYTT ÄRENDE: Title`, `UTGÅR: Title`, `NY SAK: Title`: a changed agenda marks
/// items with a capitalised status before a colon; the status is no part of the title. Only
/// one to three all-caps words of four or more letters in all (not `KS:`), before a title that
/// opens with a capital and is not itself all caps (a capitalised heading keeps its colon).
fn without_status(title: String) -> String {
    let Some(p) = title.find(':').filter(|&p| p <= 32) else {
        return title;
    };
    let head = &title[..p];
    let words: Vec<&str> = head.split_whitespace().collect();
    let caps = |w: &&str| w.chars().all(|c| c.is_alphabetic() && c.is_uppercase());
    let letters: usize = words.iter().map(|w| w.chars().count()).sum();
    let rest = &title[p + 1..];
    let body = rest.trim_start();
    let ok = (1..=3).contains(&words.len())
        && words.iter().all(caps)
        && letters >= 4
        && rest.starts_with(char::is_whitespace)
        && body.starts_with(char::is_uppercase)
        && body.chars().any(char::is_lowercase);
    if ok {
        body.to_string()
    } else {
        title
    }
}

/// `Oppsummering ved Name`: `ved`/`vid` also mean "at" (`boliger ved Tuse Næs`), so a bare name
/// after it stays in the title while the item is read; once the document's people are known, a
/// title ending in `ved`/`vid` + the name of someone the document names elsewhere ends before
/// the marker, and that person speaks at the item.
pub(crate) fn cut_known_speakers(items: &mut [AgendaItem], known: &[Attendee]) {
    // The people's keys, made once (at the first item that asks), not once per item and person.
    let keys = std::cell::OnceCell::new();
    for item in items.iter_mut() {
        let Some(at) = [" ved ", " vid "]
            .iter()
            .find_map(|m| item.title.rfind(m).map(|p| (p, m.len())))
        else {
            continue;
        };
        let name = &item.title[at.0 + at.1..];
        let key = crate::people::name_key(name);
        if at.0 == 0 || name.split_whitespace().count() < 2 {
            continue;
        }
        let keys = keys.get_or_init(|| {
            known
                .iter()
                .map(|a| crate::people::name_key(&a.name))
                .collect::<Vec<String>>()
        });
        let Some((who, _)) = known.iter().zip(keys).find(|(_, k)| **k == key) else {
            continue;
        };
        if !item.people.contains(&who.name) {
            item.people.push(who.name.clone());
        }
        item.title.truncate(at.0);
    }
}
