//! Accuracy regression check: `rensa eval --pairs fixtures/pairs/<split>` on every split with
//! known truth, against the report saved in `fixtures/baselines/<split>.json`. A change that
//! fixes fewer words, breaks more, or changes clean words by more than the tolerance (0.02
//! points of the split's gold words: 6 words of the fresh split) fails here, with the table of
//! what moved. After an intended change, `RENSA_BLESS=1 cargo test -p rensa --test
//! accuracy_baselines` rewrites the baselines; the commit then shows the new numbers.
//!
//! The fresh, fresh2 and nordic splits are held out: this test only compares their aggregate numbers,
//! as the README's table does. Throughput is reported, never checked (the test binary is a debug build).

#![allow(clippy::unwrap_used)]

mod common;
use common::*;

/// Worsening allowed for rates: 0.02 percentage points.
const TOLERANCE: &str = "0.0002";

fn check(split: &str) {
    let pairs = format!("fixtures/pairs/{split}");
    let baseline = format!("fixtures/baselines/{split}.json");
    if std::env::var_os("RENSA_BLESS").is_some() {
        let out = rensa(&["eval", "--pairs", &pairs, "--save-baseline", &baseline]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        return;
    }
    assert!(
        root().join(&baseline).is_file(),
        "{baseline} is missing: RENSA_BLESS=1 cargo test -p rensa --test accuracy_baselines"
    );
    let out = rensa(&[
        "eval",
        "--pairs",
        &pairs,
        "--baseline",
        &baseline,
        "--tolerance",
        TOLERANCE,
    ]);
    assert!(
        out.status.success(),
        "{split}: accuracy fell against {baseline} (RENSA_BLESS=1 rewrites it after an intended change)\n{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn fresh_split_holds_its_baseline() {
    check("fresh");
}

#[test]
fn fresh2_split_holds_its_baseline() {
    check("fresh2");
}

#[test]
fn nordic_split_holds_its_baseline() {
    check("nordic");
}

#[test]
fn mixed_split_holds_its_baseline() {
    check("mixed");
}

#[test]
fn seed_holds_its_baseline() {
    check("seed");
}

#[test]
fn dev_split_holds_its_baseline() {
    check("dev");
}

#[test]
fn test_split_holds_its_baseline() {
    check("test");
}

#[test]
fn train_split_holds_its_baseline() {
    check("train");
}
