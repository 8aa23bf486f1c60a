//! An item's title: where it ends on its line (a first sentence, a register column, a cut
//! speaker attribution, a group in parentheses), whether it stands on the line below or wraps
//! onto it, and a status word before it (`UTGÅR: …`). The people an attribution names are read
//! by `speakers`.

use std::sync::LazyLock;

use regex::Regex;

use super::speakers::{agent_then_name, paren_speakers, trailing_name, wrapped_surname};
use super::Kind;
use crate::people::{
    attribution, is_title_word, leading_person, parse_speaker_line, titled_names, Person,
};
use crate::text::{fold, Line};

/// A title that is only a register reference or a case officer's label (`Dnr KS 2026/318`,
/// `Saksbehandler: Name`), or nothing: the item's title stands on a line below.
pub(super) fn label_only(title: &str) -> bool {
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
static DASH: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\s[-–—]\s").expect("valid regex"));
/// The end of an item line's title when a right-hand column after a wide gap (a tab or three
/// spaces) holds a register code or a mark, not words: `Budget 2026      KS 2025/114`,
/// `Bygglov      2025-00312`, `Søknad om lån      X` (the `Lukket` column). A code has a digit
/// and a `/`, `-` or capital, no lowercase letter, no `.` or `:` (times, dates); else `e`.
pub(super) fn register_cut(text: &str, s: usize, e: usize) -> usize {
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
        || ABBREVIATIONS.contains(&fold(last).as_str())
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
pub(super) fn clean_title(text: &str, s: usize, e: usize, numbered: bool) -> (usize, Vec<Person>) {
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

/// `2026–2029`, `2025/2026`: a span of years alone on a line.
pub(super) static YEAR_SPAN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\d{4}[ \t]*[-–/][ \t]*\d{2,4}$").expect("valid regex"));

/// `Vedtak: …`, `Tid: …`: a line opening with a short label.
pub(super) fn has_label_start(t: &str) -> bool {
    t.find(':')
        .is_some_and(|c| c > 0 && t[..c].split_whitespace().count() <= 2)
}

/// The title line under a numbered line that holds none (see [`label_only`]): the next
/// non-blank line within one blank, when it is no item, no label and no sentence.
pub(super) fn title_below(
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

/// Words a wrapped title line ends on before its continuation: a conjunction or preposition
/// (`… erverv av`, `… aktiviteter og`, `… för`) or a dash (`Kommunedelplan for X –`).
const DANGLING: &[&str] = &[
    "og", "och", "eller", "av", "af", "for", "för", "fór", "til", "till", "i", "om", "med", "fra",
    "frå", "från", "på", "pa", "ved", "vid", "mot", "mod", "under", "etter", "efter", "samt",
    "the", "–", "-",
];

pub(super) fn dangling(t: &str) -> bool {
    let w = t
        .trim_end()
        .rsplit(char::is_whitespace)
        .next()
        .unwrap_or("");
    DANGLING.iter().any(|d| w.eq_ignore_ascii_case(d))
}

pub(super) fn all_caps(t: &str) -> bool {
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

/// Round 14: `NYTT ÄRENDE: Title`, `UTGÅR: Title`, `NY SAK: Title`: a changed agenda marks
/// items with a capitalised status before a colon; the status is no part of the title. Only
/// one to three all-caps words of four or more letters in all (not `KS:`), before a title that
/// opens with a capital and is not itself all caps (a capitalised heading keeps its colon).
pub(super) fn without_status(title: String) -> String {
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
