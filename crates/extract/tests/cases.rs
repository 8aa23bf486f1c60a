//! Data-driven cases: every `fixtures/cases/extract/*.toml` file, every case in it.
//!
//! Run by `rensa-testkit`: all failures are collected and reported together with a diff each,
//! then a count line. `RENSA_TEST=extract/<file-stem>/<case>` (a prefix) runs a subset, e.g.
//! `RENSA_TEST=extract/dates-sv cargo test -p rensa-extract --test cases`.
//!
//! Expected values are compared order-insensitively; a key that is absent is not checked, an
//! empty list means "nothing". Formats:
//! - `dates`: `"2023-09-13"`, `"null"` (year undecidable), `"autumn-2020"` (a term), optionally
//!   followed by a role: `"2023-08-31 deadline"`.
//! - `times`: `"08:00-12:00"` or `"13:00"`.
//! - `attendees`: `"Name (PARTY) [role] @ Organization /status"`, every part after the name
//!   optional; only the parts given are compared.
//! - `agenda`: `"[number ][time[-end] ]title"`, optionally `" | Person, Person"` to check the people.
//! - `fee`: `"free"`, `"none"` or `"<amount> <CURRENCY>"`; `place`, `title`, `audience`: the
//!   text or `"none"`; `decisions`: substrings, one per decision; `contacts`:
//!   `"name email phone"` with `-` for a missing part.
#![allow(clippy::unwrap_used)]

use rensa_core::Lang;
use rensa_extract::{extract, Attendee, Fields};
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct Case {
    name: String,
    lang: String,
    input: String,
    dates: Option<Vec<String>>,
    times: Option<Vec<String>>,
    attendees: Option<Vec<String>>,
    agenda: Option<Vec<String>>,
    doc_type: Option<String>,
    title: Option<String>,
    place: Option<String>,
    audience: Option<String>,
    organizers: Option<Vec<String>>,
    fee: Option<String>,
    registration_deadline: Option<String>,
    decisions: Option<Vec<String>>,
    contacts: Option<Vec<String>>,
    urls: Option<Vec<String>>,
}

fn date_str(d: &rensa_extract::Date) -> String {
    match (&d.value, d.term, d.year) {
        (Some(v), _, _) => v.clone(),
        (None, Some(t), Some(y)) => {
            format!("{}-{y}", serde_json::to_value(t).unwrap().as_str().unwrap())
        }
        _ => "null".into(),
    }
}

fn role_str<T: serde::Serialize>(r: T) -> String {
    serde_json::to_value(r)
        .unwrap()
        .as_str()
        .unwrap_or("")
        .to_string()
}

/// Multiset comparison with a custom matcher; returns a diff or nothing.
fn compare<T>(
    what: &str,
    expected: &[String],
    actual: &[T],
    show: impl Fn(&T) -> String,
    ok: impl Fn(&str, &T) -> bool,
) -> Option<String> {
    let mut used = vec![false; actual.len()];
    let mut missing = Vec::new();
    for e in expected {
        match (0..actual.len()).find(|&i| !used[i] && ok(e, &actual[i])) {
            Some(i) => used[i] = true,
            None => missing.push(e.clone()),
        }
    }
    let extra: Vec<String> = (0..actual.len())
        .filter(|&i| !used[i])
        .map(|i| show(&actual[i]))
        .collect();
    if missing.is_empty() && extra.is_empty() {
        return None;
    }
    Some(format!(
        "  {what}:\n    missing: {missing:?}\n    unexpected: {extra:?}\n    actual: {:?}",
        actual.iter().map(&show).collect::<Vec<_>>()
    ))
}

fn show_attendee(a: &Attendee) -> String {
    let mut s = a.name.clone();
    if let Some(p) = &a.party {
        s += &format!(" ({p})");
    }
    if let Some(r) = a.role {
        s += &format!(" [{}]", role_str(r));
    }
    if let Some(o) = &a.organization {
        s += &format!(" @ {o}");
    }
    if let Some(st) = a.status {
        s += &format!(" /{}", role_str(st));
    }
    s
}

fn attendee_ok(e: &str, a: &Attendee) -> bool {
    let mut rest = e.trim();
    let mut status = None;
    if let Some(p) = rest.rfind(" /") {
        status = Some(rest[p + 2..].trim());
        rest = &rest[..p];
    }
    let mut org = None;
    if let Some(p) = rest.find(" @ ") {
        org = Some(rest[p + 3..].trim());
        rest = &rest[..p];
    }
    let mut role = None;
    if let (Some(p), true) = (rest.find(" ["), rest.ends_with(']')) {
        role = Some(&rest[p + 2..rest.len() - 1]);
        rest = &rest[..p];
    }
    let mut party = None;
    if let (Some(p), true) = (rest.rfind(" ("), rest.ends_with(')')) {
        party = Some(&rest[p + 2..rest.len() - 1]);
        rest = &rest[..p];
    }
    rest.trim() == a.name
        && party.is_none_or(|p| a.party.as_deref() == Some(p))
        && role.is_none_or(|r| a.role.map(role_str).as_deref() == Some(r))
        && org.is_none_or(|o| a.organization.as_deref() == Some(o))
        && status.is_none_or(|s| a.status.map(role_str).as_deref() == Some(s))
}

fn opt_text(t: Option<&str>) -> String {
    t.unwrap_or("none").to_string()
}

fn check(case: &Case, f: &Fields) -> Vec<String> {
    let mut diffs = Vec::new();
    let mut push = |d: Option<String>| diffs.extend(d);
    if let Some(exp) = &case.dates {
        push(compare(
            "dates",
            exp,
            &f.dates,
            |d| format!("{} {}", date_str(d), role_str(d.role)),
            |e, d| {
                let (v, r) = e.split_once(' ').unwrap_or((e, ""));
                v == date_str(d) && (r.is_empty() || r == role_str(d.role))
            },
        ));
    }
    if let Some(exp) = &case.times {
        let show = |t: &rensa_extract::Time| match &t.end {
            Some(e) => format!("{}-{e}", t.start),
            None => t.start.clone(),
        };
        push(compare("times", exp, &f.times, show, |e, t| e == show(t)));
    }
    if let Some(exp) = &case.attendees {
        push(compare(
            "attendees",
            exp,
            &f.attendees,
            show_attendee,
            attendee_ok,
        ));
    }
    if let Some(exp) = &case.agenda {
        let short = |a: &rensa_extract::AgendaItem| {
            let time = a.time.as_ref().map(|t| match &a.end_time {
                Some(e) => format!("{t}-{e}"),
                None => t.clone(),
            });
            [a.number.clone(), time, Some(a.title.clone())]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(" ")
        };
        let long =
            |a: &rensa_extract::AgendaItem| format!("{} | {}", short(a), a.people.join(", "));
        push(compare("agenda", exp, &f.agenda, long, |e, a| {
            e == short(a) || e == long(a)
        }));
    }
    if let Some(exp) = &case.urls {
        push(compare(
            "urls",
            exp,
            &f.urls,
            |u| u.url.clone(),
            |e, u| e == u.url,
        ));
    }
    if let Some(exp) = &case.organizers {
        push(compare(
            "organizers",
            exp,
            &f.organizers,
            |o| o.text.clone(),
            |e, o| e == o.text,
        ));
    }
    if let Some(exp) = &case.decisions {
        push(compare(
            "decisions",
            exp,
            &f.decisions,
            |d| d.text.clone(),
            |e, d| d.text.contains(e),
        ));
    }
    if let Some(exp) = &case.contacts {
        let show = |c: &rensa_extract::Contact| {
            [&c.name, &c.email, &c.phone]
                .iter()
                .map(|x| x.as_deref().unwrap_or("-").to_string())
                .collect::<Vec<_>>()
                .join(" ")
        };
        push(compare("contacts", exp, &f.contacts, show, |e, c| {
            e == show(c)
        }));
    }
    let mut single = |what: &str, exp: &Option<String>, act: String| {
        if let Some(e) = exp {
            if *e != act {
                diffs.push(format!(
                    "  {what}:\n    expected: {e:?}\n    actual:   {act:?}"
                ));
            }
        }
    };
    single("doc-type", &case.doc_type, role_str(f.doc_type));
    single(
        "title",
        &case.title,
        opt_text(f.title.as_ref().map(|t| t.text.as_str())),
    );
    single(
        "place",
        &case.place,
        opt_text(f.place.as_ref().map(|t| t.text.as_str())),
    );
    single(
        "audience",
        &case.audience,
        opt_text(f.audience.as_ref().map(|t| t.text.as_str())),
    );
    single(
        "fee",
        &case.fee,
        match &f.fee {
            None => "none".into(),
            Some(x) if x.free => "free".into(),
            Some(x) => format!(
                "{} {}",
                x.amount.map_or("?".into(), |a| a.to_string()),
                x.currency.as_deref().unwrap_or("?")
            ),
        },
    );
    single(
        "registration-deadline",
        &case.registration_deadline,
        opt_text(f.registration.as_ref().and_then(|r| r.deadline.as_deref())),
    );
    diffs
}

impl rensa_testkit::Case for Case {
    fn name(&self) -> &str {
        &self.name
    }
}

#[test]
fn extract_cases() {
    let dir = rensa_testkit::case_dir(env!("CARGO_MANIFEST_DIR"), "extract");
    rensa_testkit::run_cases("extract", &dir, |id, case: &Case| {
        let lang: Lang = case.lang.parse().map_err(|e| format!("  {id}: {e}"))?;
        let diffs = check(case, &extract(&case.input, lang));
        if diffs.is_empty() {
            Ok(())
        } else {
            Err(format!("  input: {:?}\n{}", case.input, diffs.join("\n")))
        }
    });
}
