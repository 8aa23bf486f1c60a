//! The times an item states: a right-hand column of times (`Upprop      18.30`), `kl. 10.00`
//! in a line or closing a title, a line labelled with the time (`Tid: kl. 14.15`), and the
//! `HH:MM` range a time pattern captured. (The meeting's own times are `crate::times`.)

use std::sync::LazyLock;

use regex::Regex;

use crate::times::clock;

/// `Upprop      18.30`, `Allmänhetens frågestund     18.40–19.00`: a right-hand column of
/// (estimated) times after a wide gap (a tab or three spaces). Returns where the title ends in
/// `t`, the start time and the end time if there is one.
pub(super) fn time_cell(t: &str) -> Option<(usize, String, Option<String>)> {
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

/// `kl. 10.00`, `kl 9.15–9.45` anywhere in a line.
static STATED_TIME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:^|[\s,(])kl\.?[ \t]*(?P<h>\d{1,2})[.:](?P<m>\d{2})(?:[ \t]*[-–][ \t]*(?P<h2>\d{1,2})[.:](?P<m2>\d{2}))?(?-u:\b)")
        .expect("valid regex")
});
/// A time closing a title: `, kl. 10.00`, ` (kl. 9.15–9.45)`, ` – ca. kl. 14.00`.
pub(super) static TRAILING_TIME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)[ \t]*[,(–-]?[ \t]*(?:(?:ca\.?|cirka|beräknad tid|beregnet tid)[ \t]*)?kl\.?[ \t]*\d{1,2}[.:]\d{2}(?:[ \t]*[-–][ \t]*\d{1,2}[.:]\d{2})?[ \t]*\)?\.?$")
        .expect("valid regex")
});
/// A line under an item that states its time: `Tid: kl. 10.00`, `Beräknad tid kl. 9.15`,
/// `Ca. kl. 19.30`, `Kl. 10.00–10.30`.
pub(super) static TIME_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:\(?(?:beräknad|beraknad|beregnet|berekna|forventet|forventa|planlagt|cirka|ca\.?)[ \t]+)?(?:tid|tidspunkt|klokken|klockan|kl\.?)(?:[ \t:]|$)")
        .expect("valid regex")
});

pub(super) fn stated_time(t: &str) -> Option<(String, Option<String>)> {
    clock_range(&STATED_TIME.captures(t)?)
}

/// The start (`h`, `m`; before 24:00) and the optional end (`h2`, `m2`) a time pattern
/// captured, as `HH:MM`; `None` when the start is no clock time.
pub(super) fn clock_range(c: &regex::Captures<'_>) -> Option<(String, Option<String>)> {
    let n = |g: &str| c.name(g).and_then(|m| m.as_str().parse::<u32>().ok());
    let (h, m) = (n("h")?, n("m")?);
    let start = clock(h, m).filter(|_| h < 24)?;
    let end = match (n("h2"), n("m2")) {
        (Some(h2), Some(m2)) => clock(h2, m2),
        _ => None,
    };
    Some((start, end))
}
