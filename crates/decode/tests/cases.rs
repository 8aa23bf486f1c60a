//! Runs every case in `fixtures/cases/decode/*.toml` against `repair` (or `decode_bytes` for
//! `unescape = true` cases) with `rensa-testkit`: all failures are reported together, and
//! `RENSA_TEST=decode/tricky` (a prefix of `decode/<file-stem>/<case-name>`) runs a subset.
#![allow(clippy::unwrap_used)]

use std::fmt::Write as _;

mod common;

use common::{fixtures, test_vocabs};
use rensa_core::{Document, Vocabulary};
use rensa_decode::{decode_bytes, repair, rules, DecodeOptions};

#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct Case {
    name: String,
    input: String,
    /// Omitted: the input must come out unchanged with zero edits.
    expected: Option<String>,
    /// Rules that must fire (each must appear in some edit's `+`-joined rule).
    #[serde(default)]
    rules: Vec<String>,
    /// The input is bytes written with `\xNN` escapes, fed to `decode_bytes`.
    #[serde(default)]
    unescape: bool,
    /// For `unescape` cases: the encoding label `decode_bytes` must report.
    encoding: Option<String>,
    /// For `unescape` cases: the error code `decode_bytes` must return.
    error: Option<String>,
    /// Informational: the language of the text.
    #[allow(dead_code)]
    lang: Option<String>,
    #[serde(default)]
    known_failure: bool,
}

fn unescape(s: &str) -> Vec<u8> {
    let mut out = Vec::new();
    let mut rest = s;
    while let Some(k) = rest.find("\\x") {
        out.extend_from_slice(&rest.as_bytes()[..k]);
        let hex = &rest[k + 2..k + 4];
        out.push(u8::from_str_radix(hex, 16).unwrap());
        rest = &rest[k + 4..];
    }
    out.extend_from_slice(rest.as_bytes());
    out
}

/// Runs one case; `Err` carries the report.
fn run(case: &Case, vocabs: &[&dyn Vocabulary]) -> Result<(), String> {
    let expected = case.expected.as_deref().unwrap_or(&case.input);
    if case.unescape {
        let bytes = unescape(&case.input);
        let result = decode_bytes(&bytes, vocabs, &DecodeOptions::default());
        return match (&case.error, result) {
            (Some(code), Err(e)) if e.code() == code => Ok(()),
            (Some(code), other) => Err(format!("expected error {code}, got {other:?}")),
            (None, Err(e)) => Err(format!("unexpected error {e} ({})", e.code())),
            (None, Ok(d)) => {
                let mut report = String::new();
                if d.text != expected {
                    writeln!(report, "  expected: {expected:?}\n  got:      {:?}", d.text).unwrap();
                }
                if let Some(enc) = &case.encoding {
                    if enc != d.encoding {
                        writeln!(report, "  encoding: expected {enc}, got {}", d.encoding).unwrap();
                    }
                }
                if report.is_empty() {
                    Ok(())
                } else {
                    Err(report)
                }
            }
        };
    }
    let mut doc = Document::new(case.input.clone());
    if let Err(e) = repair(&mut doc, vocabs) {
        return Err(format!("  repair failed: {e}"));
    }
    let mut report = String::new();
    if doc.text() != expected {
        writeln!(
            report,
            "  input:    {:?}\n  expected: {expected:?}\n  got:      {:?}",
            case.input,
            doc.text()
        )
        .unwrap();
    }
    if case.expected.is_none() && !doc.edits().is_empty() {
        writeln!(report, "  expected zero edits, got {}", doc.edits().len()).unwrap();
    }
    for rule in &case.rules {
        if !doc
            .edits()
            .iter()
            .any(|e| e.rule.split('+').any(|r| r == rule))
        {
            writeln!(report, "  rule {rule} did not fire").unwrap();
        }
    }
    let known: Vec<&str> = rules().iter().map(|r| r.name).collect();
    for e in doc.edits() {
        writeln!(report, "  edit: {e}").unwrap();
        for r in e.rule.split('+') {
            if !known.contains(&r) {
                writeln!(report, "  rule {r} is not in rules()").unwrap();
            }
        }
    }
    match doc.reconstruct_original() {
        Ok(o) if o == case.input => {}
        other => writeln!(report, "  original not reconstructed: {other:?}").unwrap(),
    }
    if report.lines().any(|l| !l.starts_with("  edit: ")) {
        Err(report)
    } else {
        Ok(())
    }
}

impl rensa_testkit::Case for Case {
    fn name(&self) -> &str {
        &self.name
    }
    fn known_failure(&self) -> bool {
        self.known_failure
    }
}

#[test]
fn decode_cases() {
    let owned = test_vocabs();
    let vocabs: Vec<&dyn Vocabulary> = owned.iter().map(|v| v as &dyn Vocabulary).collect();
    rensa_testkit::run_cases("decode", &fixtures(), |_, case: &Case| run(case, &vocabs));
}
