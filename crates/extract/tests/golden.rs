//! Golden JSON for whole documents: `fixtures/golden/fields/<seed>.<lang>.txt` is extracted and
//! compared exactly with `<seed>.fields.json`. `RENSA_BLESS=1` rewrites the JSON files (review
//! the diff). An input without its JSON, or a JSON without its input, fails.
#![allow(clippy::unwrap_used, clippy::print_stdout, clippy::print_stderr)]

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::time::Instant;

use rensa_core::Lang;
use rensa_extract::{extract, rules, Fields};

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/golden/fields")
}

/// `(stem, lang, input path)` for every input.
fn inputs() -> Vec<(String, Lang, PathBuf)> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir()).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let Some(base) = name.strip_suffix(".txt") else {
            continue;
        };
        let (stem, lang) = base
            .rsplit_once('.')
            .unwrap_or_else(|| panic!("{name}: expected <seed>.<lang>.txt"));
        let lang: Lang = lang.parse().unwrap_or_else(|e| panic!("{name}: {e}"));
        out.push((stem.to_string(), lang, path));
    }
    out.sort();
    out
}

fn render(f: &Fields) -> String {
    let mut s = serde_json::to_string_pretty(f).unwrap();
    s.push('\n');
    s
}

#[test]
fn golden_fields() {
    let bless = std::env::var_os("RENSA_BLESS").is_some_and(|v| v == "1");
    let inputs = inputs();
    assert!(
        !inputs.is_empty(),
        "no golden inputs in {}",
        dir().display()
    );
    let mut failures = Vec::new();
    let stems: BTreeSet<String> = inputs.iter().map(|i| i.0.clone()).collect();
    for entry in std::fs::read_dir(dir()).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().to_string();
        if let Some(stem) = name.strip_suffix(".fields.json") {
            if !stems.contains(stem) {
                failures.push(format!(
                    "{name}: golden file without an input <stem>.<lang>.txt"
                ));
            }
        }
    }
    for (stem, lang, path) in &inputs {
        let text = std::fs::read_to_string(path).unwrap();
        let fields = extract(&text, *lang);
        // Every span points into the text and every rule is documented.
        let json = render(&fields);
        let back: Fields = serde_json::from_str(&json).unwrap();
        assert_eq!(back, fields, "{stem}: JSON does not round-trip");
        for d in &fields.dates {
            assert!(
                rules().iter().any(|r| r.0 == d.rule),
                "{stem}: undocumented rule {}",
                d.rule
            );
            assert_eq!(&text[d.span[0]..d.span[1]], d.text, "{stem}: date span");
        }
        let golden = dir().join(format!("{stem}.fields.json"));
        if bless {
            std::fs::write(&golden, &json).unwrap();
            continue;
        }
        match std::fs::read_to_string(&golden) {
            Err(_) => failures.push(format!(
                "{stem}: no golden file {} (run with RENSA_BLESS=1 and review)",
                golden.display()
            )),
            Ok(want) if want != json => {
                let diff: Vec<String> = want
                    .lines()
                    .zip(json.lines())
                    .enumerate()
                    .filter(|(_, (a, b))| a != b)
                    .take(10)
                    .map(|(i, (a, b))| {
                        format!("  line {}:\n    golden: {a}\n    actual: {b}", i + 1)
                    })
                    .collect();
                failures.push(format!(
                    "{stem}: differs from golden ({} vs {} lines)\n{}",
                    want.lines().count(),
                    json.lines().count(),
                    diff.join("\n")
                ));
            }
            Ok(_) => {}
        }
    }
    assert!(
        failures.is_empty(),
        "{} golden failure(s):\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// Rough speed on the seeds (meaningful in release mode:
/// `cargo test -p rensa-extract --release --test golden -- --nocapture speed`).
#[test]
fn speed() {
    let docs: Vec<(String, Lang)> = inputs()
        .into_iter()
        .map(|(_, l, p)| (std::fs::read_to_string(p).unwrap(), l))
        .collect();
    let bytes: usize = docs.iter().map(|d| d.0.len()).sum();
    let _ = extract("warm up 13 september 2023", Lang::Sv);
    let rounds = 20;
    let t = Instant::now();
    let mut n = 0;
    for _ in 0..rounds {
        for (text, lang) in &docs {
            n += extract(text, *lang).dates.len();
        }
    }
    let el = t.elapsed();
    assert!(n > 0);
    let per_doc = el / (rounds * docs.len() as u32);
    eprintln!(
        "extract: {} docs, {} bytes, {:?} per doc, {:.1} MB/s",
        docs.len(),
        bytes,
        per_doc,
        (bytes * rounds as usize) as f64 / el.as_secs_f64() / 1e6
    );
}

/// `extract` must not panic on any input: every prefix and suffix of the seeds (at char
/// boundaries, in steps) and some hostile strings.
#[test]
fn never_panics() {
    for (_, lang, path) in inputs() {
        let text = std::fs::read_to_string(path).unwrap();
        let bounds: Vec<usize> = (0..=text.len())
            .filter(|&i| text.is_char_boundary(i))
            .step_by(37)
            .collect();
        for &i in &bounds {
            let _ = extract(&text[..i], lang);
            let _ = extract(&text[i..], lang);
        }
    }
    for s in [
        "",
        "\n",
        "§",
        "•",
        ":",
        "(",
        ")",
        "12.",
        "1/1/",
        "kl.",
        "Närvarande:",
        "Værter er",
        "ht-",
        "\u{a0}\u{a0}13.00\u{a0}",
        "29 februari",
        "29 februari 2021",
        "Onsdag 31. september",
    ] {
        for lang in Lang::ALL {
            let _ = extract(s, lang);
        }
    }
}
