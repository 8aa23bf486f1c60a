//! Runs every case in `fixtures/cases/restore/*.toml` against the embedded dictionaries (with
//! `rensa-testkit`: all failures reported together, `RENSA_TEST=restore/<file>/<case>` runs a
//! subset). A case without `expected` must come out unchanged with zero edits; every case's
//! original must be recoverable from its edits. `lang = "auto"` detects the language from the
//! four embedded lists, as the pipeline does, and `detected` states which one it must find;
//! `prior` forces the damage prior instead of estimating it from the case's text, and
//! `protect` lists patterns the user marks as protected. Every edit's rule must be one
//! [`rensa_restore::rules`] lists (what `rensa rules` prints).
#![allow(clippy::unwrap_used)]

use rensa_core::{Document, Lang};
use rensa_lexicon::Lexicon;
use rensa_restore::{detect_language, restore, rules, RestoreOptions};
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct Case {
    name: String,
    lang: String,
    input: String,
    expected: Option<String>,
    detected: Option<String>,
    /// A damage prior forced instead of the document's estimate: a short case cannot show
    /// the damage a whole page does, and some rules only act in a band of priors.
    prior: Option<f32>,
    /// Patterns the user marks as protected (`--protect`).
    #[serde(default)]
    protect: Vec<String>,
    #[serde(default)]
    known_failure: bool,
}

impl rensa_testkit::Case for Case {
    fn name(&self) -> &str {
        &self.name
    }
    fn known_failure(&self) -> bool {
        self.known_failure
    }
}

fn check(c: &Case) -> Result<(), String> {
    let lang: Lang = if c.lang == "auto" {
        let all: Vec<Lexicon> = Lang::ALL
            .iter()
            .map(|&l| Lexicon::embedded(l).unwrap())
            .collect();
        let refs: Vec<&dyn rensa_core::Vocabulary> = all
            .iter()
            .map(|l| l as &dyn rensa_core::Vocabulary)
            .collect();
        detect_language(&c.input, &refs)
    } else {
        c.lang.parse().map_err(|e| format!("  lang: {e}"))?
    };
    if let Some(want) = &c.detected {
        let want: Lang = want.parse().map_err(|e| format!("  detected: {e}"))?;
        if want != lang {
            return Err(format!("  detected {lang:?}, want {want:?}"));
        }
    }
    let lex = Lexicon::embedded(lang).unwrap();
    let mut doc = Document::new(c.input.clone());
    let protect = c
        .protect
        .iter()
        .map(|p| regex::Regex::new(p).map_err(|e| format!("  protect: {e}")))
        .collect::<Result<Vec<_>, _>>()?;
    let opts = RestoreOptions {
        damage_prior: c.prior,
        protect,
        ..RestoreOptions::default()
    };
    restore(&mut doc, &lex, &opts).map_err(|e| format!("  {e}"))?;
    if doc.reconstruct_original().ok().as_deref() != Some(c.input.as_str()) {
        return Err("  original not recoverable from the edits".into());
    }
    let known: Vec<&str> = rules().iter().map(|r| r.name).collect();
    if let Some(e) = doc
        .edits()
        .iter()
        .find(|e| e.rule.split('+').any(|r| !known.contains(&r)))
    {
        return Err(format!("  edit {e}: its rule is not in rules()"));
    }
    let want = c.expected.as_deref().unwrap_or(&c.input);
    if doc.text() == want && (c.expected.is_some() || doc.edits().is_empty()) {
        return Ok(());
    }
    let edits: Vec<String> = doc.edits().iter().map(|e| e.to_string()).collect();
    Err(format!(
        "  input:    {}\n  expected: {want}\n  got:      {}\n  edits:    {}",
        c.input,
        doc.text(),
        edits.join("; ")
    ))
}

#[test]
fn restore_cases() {
    let dir = rensa_testkit::case_dir(env!("CARGO_MANIFEST_DIR"), "restore");
    rensa_testkit::run_cases("restore", &dir, |_, c: &Case| check(c));
}
