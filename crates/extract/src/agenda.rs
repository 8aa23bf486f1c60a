//! Agenda items: numbered items (`§ 12`, `1.`, `Sak 12/20`, `PS 5/21`, `Punkt 3`), timed program
//! lines (`• 8:15 Välkomna!` with speaker lines under them) and bullets under a program heading.
//!
//! This root holds the kind of an item line (`Kind`), the item being read (`Draft`) and the
//! entry points `find` and `cut_known_speakers`; what they ask of a line, a table, a title or
//! a speaker lives in the submodules below.

use std::sync::LazyLock;

use regex::Regex;

use crate::people::{attribution, parse_list, parse_speaker_line, speaking, titled_names, Person};
use crate::text::{fold, is_bullet_line, squash, Line};
use crate::{AgendaItem, Attendee};

mod lines;
mod passes;
mod speakers;
mod table;
mod times;
mod titles;

use lines::{case_label, is_track, line_kind, question_line, unbullet};
use passes::{
    decision_points, drop_ad_notes, drop_attachment_lists, drop_repeated_notes, flat_sub_items,
};
use speakers::{
    agent_name, continued_attribution, hosted_by, med_attribution, paren_speakers, run_on,
    trailing_ved_name, wrapped_org,
};
use table::{item_header, item_row, tabbed_cells, table_row_shape};
use times::{stated_time, time_cell, TIME_LABEL, TRAILING_TIME};
use titles::{
    all_caps, clean_title, dangling, has_label_start, label_only, register_cut, title_below,
    without_status, YEAR_SPAN,
};

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

/// `Kvällens innehåll`, `Dagens innhold`, `Mødets indhold`: the content of an occasion is its
/// program. `Innehåll` alone is a table of contents, not a program.
fn content_heading(f: &str) -> bool {
    let ws: Vec<&str> = f.split_whitespace().collect();
    ws.len() == 2
        && ws[0].ends_with('s')
        && ["innehall", "innhald", "innhold", "indhold"].contains(&ws[1])
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

struct Draft {
    number: Option<String>,
    time: Option<String>,
    end_time: Option<String>,
    title: String,
    people: Vec<Person>,
    span: (usize, usize),
    line: usize,
}

/// `Til punkt 4:`, `Ad sak 12/25:`, `Vedr. punkt 3:`, `Till ärende 5:`: a note on an item
/// further down, naming who presents it and when.
static ITEM_NOTE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?i:til|till|ad|vedr\.?|vedrørende|angående|gällande)[ \t]+(?i:punkt|pkt\.?|sak|sag|ärende|arende|dagsordenspunkt)[ \t]+(?P<n>\d{1,3}(?:/\d{2,4})?)[ \t]*:")
        .expect("valid regex")
});

/// A sub-item's number: one letter (`a)` → `a`).
fn is_sub(n: &str) -> bool {
    n.len() == 1 && n.bytes().all(|b| b.is_ascii_lowercase())
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
