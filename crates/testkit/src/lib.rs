//! The runner behind every stage's data-driven tests (`crates/<stage>/tests/cases.rs`).
//!
//! Cases live in `fixtures/cases/<stage>/*.toml` as `[[case]]` tables; each stage defines what a
//! case holds and how to check it, and this crate does the rest the same way for all of them:
//! files in sorted order, unique names per file, the `RENSA_TEST` filter, known failures, every
//! failure collected (not just the first) and one count line at the end.
//!
//! # Why one runner
//! The three stages grew three copies of this loop with small differences (which filter
//! applied, whether a known failure that starts passing fails the run). One runner keeps the
//! rules in one place: a case id is `<stage>/<file-stem>/<case-name>`; `RENSA_TEST` set to a
//! prefix of ids runs only those (and fails if it matches nothing), set to another stage's
//! prefix skips this stage; a known failure that passes fails the run, so it gets promoted.
#![allow(clippy::print_stderr)]

use std::collections::HashSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;
use serde::Deserialize;

/// What the runner needs to know about a stage's case type.
pub trait Case: DeserializeOwned {
    /// The case's name, unique within its file.
    fn name(&self) -> &str;

    /// Whether the case documents a known failure (it must fail until it is fixed).
    fn known_failure(&self) -> bool {
        false
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, bound = "C: DeserializeOwned")]
struct CaseFile<C> {
    #[serde(default = "Vec::new")]
    case: Vec<C>,
}

/// The outcome of a run.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Summary {
    /// Cases that passed.
    pub passed: usize,
    /// Cases that failed.
    pub failed: usize,
    /// Known failures that still fail.
    pub known: usize,
    /// Ids of known failures that now pass.
    pub now_passing: Vec<String>,
}

/// `fixtures/cases/<stage>/` seen from a crate's manifest directory (`crates/<name>`).
pub fn case_dir(manifest_dir: &str, stage: &str) -> PathBuf {
    Path::new(manifest_dir)
        .join("../../fixtures/cases")
        .join(stage)
}

/// Runs every case of every `*.toml` file in `dir`. `check` gets the case id and the case and
/// returns `Err(report)` when it fails; the report is printed under a `FAIL <id>` line.
///
/// Panics (failing the test) when a case fails, a known failure passes, a file does not parse,
/// a name repeats within a file, the folder has no case files, or a `RENSA_TEST` filter for this
/// stage matches nothing.
pub fn run_cases<C: Case>(
    stage: &str,
    dir: &Path,
    check: impl FnMut(&str, &C) -> Result<(), String>,
) -> Summary {
    let filter = std::env::var("RENSA_TEST").ok().filter(|f| !f.is_empty());
    run_filtered(stage, dir, filter, check)
}

/// [`run_cases`] with the filter given rather than read from `RENSA_TEST`.
fn run_filtered<C: Case>(
    stage: &str,
    dir: &Path,
    filter: Option<String>,
    mut check: impl FnMut(&str, &C) -> Result<(), String>,
) -> Summary {
    if let Some(f) = &filter {
        if !f.starts_with(stage) && !stage.starts_with(f.as_str()) {
            eprintln!("{stage}: skipped (RENSA_TEST={f})");
            return Summary::default();
        }
    }
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no case files in {}", dir.display());
    let mut sum = Summary::default();
    let mut report = String::new();
    for path in &files {
        let stem = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let text =
            std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let parsed: CaseFile<C> =
            toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let mut names = HashSet::new();
        for case in &parsed.case {
            let id = format!("{stage}/{stem}/{}", case.name());
            assert!(names.insert(case.name()), "{id}: duplicate case name");
            if filter.as_ref().is_some_and(|f| !id.starts_with(f.as_str())) {
                continue;
            }
            match (check(&id, case), case.known_failure()) {
                (Ok(()), false) => sum.passed += 1,
                (Ok(()), true) => sum.now_passing.push(id),
                (Err(_), true) => sum.known += 1,
                (Err(r), false) => {
                    sum.failed += 1;
                    let _ = writeln!(report, "FAIL {id}\n{}", r.trim_end());
                }
            }
        }
    }
    eprint!("{report}");
    let mut line = format!(
        "{stage}: {} passed, {} failed, {} known failures",
        sum.passed, sum.failed, sum.known
    );
    if !sum.now_passing.is_empty() {
        let _ = write!(
            line,
            "; {} known failures now pass (promote them): {}",
            sum.now_passing.len(),
            sum.now_passing.join(", ")
        );
    }
    eprintln!("{line}");
    if let Some(f) = &filter {
        let ran = sum.passed + sum.failed + sum.known + sum.now_passing.len();
        assert!(ran > 0, "RENSA_TEST={f} matched no case");
    }
    assert!(sum.failed == 0 && sum.now_passing.is_empty(), "{line}");
    sum
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[derive(Deserialize)]
    #[serde(rename_all = "kebab-case")]
    struct T {
        name: String,
        ok: bool,
        #[serde(default)]
        known_failure: bool,
    }

    impl Case for T {
        fn name(&self) -> &str {
            &self.name
        }
        fn known_failure(&self) -> bool {
            self.known_failure
        }
    }

    fn folder(tag: &str, toml: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("rensa-testkit-{tag}-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("a.toml"), toml).unwrap();
        dir
    }

    fn check(_: &str, t: &T) -> Result<(), String> {
        if t.ok {
            Ok(())
        } else {
            Err("  not ok".into())
        }
    }

    #[test]
    fn counts_passes_and_known_failures() {
        let dir = folder(
            "counts",
            "[[case]]\nname = \"a\"\nok = true\n[[case]]\nname = \"b\"\nok = false\nknown-failure = true\n",
        );
        let sum = run_filtered("selftest", &dir, None, check);
        assert_eq!((sum.passed, sum.failed, sum.known), (1, 0, 1));
        // A filter runs only the cases it names, and one naming nothing fails the run.
        let sum = run_filtered("selftest", &dir, Some("selftest/a/a".into()), check);
        assert_eq!((sum.passed, sum.known), (1, 0));
    }

    #[test]
    #[should_panic(expected = "1 failed")]
    fn a_failing_case_fails_the_run() {
        let dir = folder("fail", "[[case]]\nname = \"a\"\nok = false\n");
        run_filtered("selftest", &dir, None, check);
    }

    #[test]
    #[should_panic(expected = "now pass")]
    fn a_known_failure_that_passes_fails_the_run() {
        let dir = folder(
            "promote",
            "[[case]]\nname = \"a\"\nok = true\nknown-failure = true\n",
        );
        run_filtered("selftest", &dir, None, check);
    }
}
