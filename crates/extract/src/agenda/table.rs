//! Item tables: a header row naming the columns (`Nr   Tid   Ärende   Dnr   Föredragande`) and
//! the rows under it, read cell by cell into number, time, title and presenters.

use std::sync::LazyLock;

use regex::Regex;

use super::speakers::hosted_by;
use super::times::stated_time;
use crate::people::table::cells;
use crate::people::{attribution, parse_speaker_line, Person};
use crate::text::{fold, squash, Line};
use crate::times::clock;

/// What a column of an item table holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum ItemCol {
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
pub(super) fn item_header(text: &str, line: &Line<'_>) -> Option<Vec<(ItemCol, usize)>> {
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
pub(super) fn item_row(text: &str, line: &Line<'_>, cols: &[(ItemCol, usize)]) -> Option<Row> {
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

/// How many non-empty tab-separated cells a line has (0 without a tab).
pub(super) fn tabbed_cells(line: &Line<'_>) -> usize {
    let t = line.trimmed().1;
    if !t.contains('\t') {
        return 0;
    }
    t.split('\t').filter(|c| !c.trim().is_empty()).count()
}

/// A tabbed row opening with an item number, with as many cells as the table has columns.
pub(super) fn table_row_shape(line: &Line<'_>, n: usize) -> bool {
    let t = line.trimmed().1;
    t.contains('\t')
        && t.split('\t').filter(|c| !c.trim().is_empty()).count() == n
        && t.split('\t')
            .next()
            .is_some_and(|c| !c.trim().is_empty() && c.trim().bytes().all(|b| b.is_ascii_digit()))
}
