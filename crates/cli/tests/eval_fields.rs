//! `rensa eval --fields`: precision, recall and F1 per field against gold field files.

#![allow(clippy::unwrap_used)]

mod common;
use common::*;

const FIELDS: [&str; 7] = [
    "dates",
    "date_roles",
    "times",
    "attendees",
    "agenda",
    "urls",
    "contacts",
];

#[test]
fn golden_fields_score_per_field() {
    let o = rensa(&["eval", "--fields", "fixtures/golden/fields", "--json"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["schema"], "rensa.eval/1");
    assert!(v["summary"].is_null());
    let f = &v["fields"];
    assert_eq!(f["documents"].as_array().unwrap().len(), 5);
    assert_eq!(f["documents"][0]["input"], "000_82b30c070fc9e967.sv.txt");
    for k in FIELDS.iter().chain(&["all"]) {
        let c = &f["summary"][k];
        for m in ["gold", "predicted", "matched", "precision", "recall", "f1"] {
            assert!(c[m].is_number(), "{k}.{m}: {c}");
        }
    }
    // The goldens were reviewed against the extractor's output on these very texts; cleaning
    // correct text should hardly move them.
    assert!(f["summary"]["all"]["f1"].as_f64().unwrap() > 0.95, "{f:#}");
    assert!(f["summary"]["attendees"]["gold"].as_u64().unwrap() > 0);
}

#[test]
fn damaged_document_is_cleaned_then_scored_and_text_lists_fields() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let r = root();
    std::fs::copy(
        r.join("fixtures/pairs/seed/seed004.ocr.txt"),
        d.join("seed004.ocr.txt"),
    )
    .unwrap();
    std::fs::copy(
        r.join("fixtures/pairs/seed/seed004.gold.txt"),
        d.join("seed004.gold.txt"),
    )
    .unwrap();
    std::fs::copy(
        r.join("fixtures/golden/fields/004_de5f27487ccbe17b.fields.json"),
        d.join("seed004.fields.json"),
    )
    .unwrap();
    let ds = d.to_str().unwrap();
    // The same folder for pairs and fields.
    let o = rensa(&["eval", "--pairs", ds, "--fields", ds, "--verbose"]);
    let t = text(&o);
    assert_eq!(o.status.code(), Some(0), "{t}");
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert!(stdout.contains("fields           1 documents"), "{t}");
    let rows: Vec<&str> = stdout
        .lines()
        .skip_while(|l| !l.starts_with("fields "))
        .skip(2)
        .take(8)
        .map(|l| l.split_whitespace().next().unwrap_or(""))
        .collect();
    assert_eq!(
        rows,
        FIELDS.iter().chain(&["all"]).copied().collect::<Vec<_>>(),
        "{t}"
    );
    // Extraction ran on the cleaned damaged text, which is not perfect: scores are below 1
    // only where a name was not restored, and the misses say which.
    let o = rensa(&["eval", "--pairs", ds, "--fields", ds, "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["fields"]["documents"][0]["input"], "seed004.ocr.txt");
    let all = v["fields"]["summary"]["all"]["f1"].as_f64().unwrap();
    assert!(all > 0.8 && all <= 1.0, "{all}");
    assert!(v["summary"]["words"].as_u64().unwrap() > 0);
}

#[test]
fn field_file_without_document_is_a_fatal_error() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("x.fields.json"), "{}").unwrap();
    let o = rensa(&["eval", "--fields", dir.path().to_str().unwrap()]);
    let t = text(&o);
    assert_eq!(o.status.code(), Some(2), "{t}");
    assert!(t.contains("x.fields.json: no document beside it"), "{t}");
    let o = rensa(&["eval"]);
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
}
