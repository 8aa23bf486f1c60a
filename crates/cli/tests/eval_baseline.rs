//! `rensa eval --save-baseline` / `--baseline`: a run passes against its own baseline, and a
//! deliberately worse setting fails against it with exit 1, naming WER.

#![allow(clippy::unwrap_used)]

mod common;
use common::*;

use std::path::{Path, PathBuf};

const SEED: &str = "fixtures/pairs/seed";

fn save_baseline(dir: &Path) -> PathBuf {
    let base = dir.join("baseline.json");
    let o = rensa(&[
        "eval",
        "--pairs",
        SEED,
        "--save-baseline",
        base.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    base
}

#[test]
fn saved_baseline_is_a_schema_tagged_report() {
    let dir = tempfile::tempdir().unwrap();
    let base = save_baseline(dir.path());
    let v: serde_json::Value = serde_json::from_slice(&std::fs::read(&base).unwrap()).unwrap();
    assert_eq!(v["schema"], "rensa.eval/1");
    assert_eq!(v["pairs"][0]["name"], "seed004");
    assert!(
        v["summary"]["wer_after"].as_f64().unwrap() < v["summary"]["wer_before"].as_f64().unwrap()
    );
    assert_eq!(v["settings"]["min_confidence"], 0.6);
    assert!(v["languages"]["sv"]["words"].as_u64().unwrap() > 0, "{v:#}");
    assert!(v["clean_text"]["per_5000"].is_number());
    assert!(v["fields"].is_null());
    // The edits by rule: restore's letter rule made most of the seed's edits, and fixed
    // words with nearly all of them; no rule has more fixing or breaking edits than edits, and
    // every edit is counted under at least one rule.
    let rules = v["summary"]["rules"].as_object().unwrap();
    let confusion = &rules["restore.ocr-confusion"];
    let (edits, fixed) = (
        confusion["edits"].as_u64().unwrap(),
        confusion["fixed"].as_u64().unwrap(),
    );
    assert!(edits >= 50 && fixed * 10 >= edits * 9, "{confusion}");
    let mut by_rule = 0;
    for (rule, r) in rules {
        let e = r["edits"].as_u64().unwrap();
        assert!(r["fixed"].as_u64().unwrap() <= e, "{rule}");
        assert!(r["broken"].as_u64().unwrap() <= e, "{rule}");
        by_rule += e;
    }
    assert!(by_rule >= v["pairs"][0]["edits"].as_u64().unwrap());
    assert_eq!(v["pairs"][0]["rules"], v["summary"]["rules"]);
    // No temp files left beside it.
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["baseline.json"]);
}

#[test]
fn same_settings_pass_against_their_baseline() {
    let dir = tempfile::tempdir().unwrap();
    let base = save_baseline(dir.path());
    let o = rensa(&[
        "eval",
        "--pairs",
        SEED,
        "--baseline",
        base.to_str().unwrap(),
    ]);
    let t = text(&o);
    assert_eq!(o.status.code(), Some(0), "{t}");
    assert!(t.contains("nothing got worse"), "{t}");
    // The existing summary lines are still there.
    assert!(t.contains("\nWER              "), "{t}");
    assert!(!t.contains("rensa: worse"), "{t}");
}

#[test]
fn worse_setting_fails_against_the_baseline_and_names_wer() {
    let dir = tempfile::tempdir().unwrap();
    let base = save_baseline(dir.path());
    let o = rensa(&[
        "eval",
        "--pairs",
        SEED,
        "--min-confidence",
        "1.0",
        "--baseline",
        base.to_str().unwrap(),
    ]);
    let t = text(&o);
    assert_eq!(o.status.code(), Some(1), "{t}");
    let stdout = String::from_utf8_lossy(&o.stdout);
    let wer_row = stdout
        .lines()
        .find(|l| l.starts_with("WER after "))
        .unwrap_or_else(|| panic!("no WER after row\n{t}"));
    assert!(wer_row.ends_with("worse"), "{wer_row}");
    assert!(t.contains("rensa: worse than the baseline"), "{t}");
    assert!(
        t.contains("note: setting min_confidence: baseline 0.6, now 1.0"),
        "{t}"
    );
}

#[test]
fn worse_run_passes_with_a_loose_tolerance_and_json_carries_the_comparison() {
    let dir = tempfile::tempdir().unwrap();
    let base = save_baseline(dir.path());
    let o = rensa(&[
        "eval",
        "--pairs",
        SEED,
        "--min-confidence",
        "1.0",
        "--baseline",
        base.to_str().unwrap(),
        "--tolerance",
        "1",
        "--tolerance-per-5000",
        "100",
        "--json",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["schema"], "rensa.eval/1");
    let rows = v["comparison"]["rows"].as_array().unwrap();
    let wer = rows.iter().find(|r| r["metric"] == "WER after").unwrap();
    assert_eq!(wer["verdict"], "within");
    assert!(wer["delta"].as_f64().unwrap() > 0.0);
    assert_eq!(v["comparison"]["worse"].as_array().unwrap().len(), 0);
}

#[test]
fn bad_baseline_is_a_fatal_error() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.json");
    std::fs::write(&bad, r#"{"schema": "something/9"}"#).unwrap();
    let o = rensa(&["eval", "--pairs", SEED, "--baseline", bad.to_str().unwrap()]);
    let t = text(&o);
    assert_eq!(o.status.code(), Some(2), "{t}");
    assert!(t.contains("rensa: reading the baseline: "), "{t}");
    assert!(t.contains("is not \"rensa.eval/1\""), "{t}");
    let o = rensa(&["eval", "--pairs", SEED, "--tolerance", "-1"]);
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
}
