//! Runs every case in `fixtures/cases/restore/*.toml` against the embedded dictionaries.
//!
//! All cases run; failures are collected and printed together with a count line. A case without
//! `expected` must come out unchanged with zero edits. `RENSA_TEST=restore/<file>/<case>` (a
//! prefix) runs a subset.
#![allow(clippy::unwrap_used, clippy::print_stderr)]

use std::path::PathBuf;

use rensa_core::{Document, Lang};
use rensa_lexicon::Lexicon;
use rensa_restore::{restore, RestoreOptions};
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    case: Vec<Case>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct Case {
    name: String,
    lang: String,
    input: String,
    expected: Option<String>,
    #[serde(default)]
    known_failure: bool,
}

#[test]
fn restore_cases() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/cases/restore");
    let filter = std::env::var("RENSA_TEST").unwrap_or_default();
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    let (mut passed, mut failed, mut known, mut now_passing) = (0, 0, 0, Vec::new());
    let mut report = String::new();
    for f in files
        .iter()
        .filter(|f| f.extension().is_some_and(|e| e == "toml"))
    {
        let stem = f.file_stem().unwrap().to_string_lossy().into_owned();
        let parsed: File = toml::from_str(&std::fs::read_to_string(f).unwrap())
            .unwrap_or_else(|e| panic!("{}: {e}", f.display()));
        for c in parsed.case {
            let full = format!("restore/{stem}/{}", c.name);
            if !full.starts_with(filter.as_str()) {
                continue;
            }
            let lang: Lang = c.lang.parse().unwrap();
            let lex = Lexicon::embedded(lang).unwrap();
            let mut doc = Document::new(c.input.clone());
            restore(&mut doc, &lex, &RestoreOptions::default()).unwrap();
            assert_eq!(
                doc.reconstruct_original().unwrap(),
                c.input,
                "{full}: not reversible"
            );
            let want = c.expected.clone().unwrap_or(c.input.clone());
            let ok = doc.text() == want && (c.expected.is_some() || doc.edits().is_empty());
            match (ok, c.known_failure) {
                (true, false) => passed += 1,
                (true, true) => now_passing.push(full),
                (false, true) => known += 1,
                (false, false) => {
                    failed += 1;
                    report.push_str(&format!(
                        "--- {full}\n  input:    {}\n  expected: {}\n  got:      {}\n  edits:    {}\n",
                        c.input,
                        want,
                        doc.text(),
                        doc.edits().iter().map(|e| e.to_string()).collect::<Vec<_>>().join("; ")
                    ));
                }
            }
        }
    }
    eprintln!("{report}");
    eprintln!(
        "restore: {passed} passed, {failed} failed, {known} known failures ({} now passing: promote {})",
        now_passing.len(),
        now_passing.join(", ")
    );
    assert_eq!(failed, 0, "restore cases failed");
    assert!(
        now_passing.is_empty(),
        "known failures now pass: {now_passing:?}"
    );
}
