//! The CLI contract: exit codes, stdout/stderr separation, schema-valid records whose edit logs
//! reconstruct their originals, and golden records for the seeds.
//!
//! `RENSA_BLESS=1 cargo test -p rensa --test cli_contract` rewrites the golden records; review
//! the diff before committing.
#![allow(clippy::unwrap_used, clippy::print_stderr)]

mod common;
use common::*;

use std::path::PathBuf;

fn seeds() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(root().join("fixtures/seeds"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    v.sort();
    v
}

/// Checks a record against the JSON Schema and the strict Rust types (`deny_unknown_fields`),
/// and that its edit log gives back the decoded original.
fn check_record(v: &serde_json::Value, original: Option<&str>) {
    let schema: serde_json::Value = serde_json::from_str(rensa_record::SCHEMA).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(v)
        .map(|e| format!("{e} at {}", e.instance_path))
        .collect();
    assert!(
        errors.is_empty(),
        "record does not match the schema: {errors:#?}"
    );
    let out: rensa_record::Output = serde_json::from_value(v.clone()).unwrap();
    if let rensa_record::Output::Ok(r) = out {
        let back = rensa_core::reconstruct(&r.text, &r.edits).unwrap();
        if let Some(o) = original {
            assert_eq!(
                back, o,
                "{}: edit log does not reconstruct the original",
                r.source
            );
        }
    }
}

#[test]
fn run_on_seeds_prints_five_valid_reversible_records() {
    let out = rensa(&["run", "fixtures/seeds"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 5);
    for (line, path) in lines.iter().zip(seeds()) {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        let original = std::fs::read_to_string(&path).unwrap();
        check_record(&v, Some(&original));
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        assert_eq!(v["source"], format!("fixtures/seeds/{name}"));
    }
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.lines().all(|l| l.starts_with("rensa: ")), "{stderr}");
}

#[test]
fn clean_prints_only_text_and_writes_edits() {
    let dir = tempfile::tempdir().unwrap();
    let edits = dir.path().join("edits.jsonl");
    let out = rensa(&[
        "clean",
        "--edits",
        edits.to_str().unwrap(),
        "fixtures/seeds/004_de5f27487ccbe17b.txt",
    ]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.starts_with("Minnesanteckningar från möte med Samverkansrådet och C-nätet"),
        "{text}"
    );
    let log = std::fs::read_to_string(&edits).unwrap();
    let edits: Vec<rensa_core::Edit> = log
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(edits.len() > 100);
    let original =
        std::fs::read_to_string(root().join("fixtures/seeds/004_de5f27487ccbe17b.txt")).unwrap();
    assert_eq!(rensa_core::reconstruct(&text, &edits).unwrap(), original);
}

#[test]
fn clean_seeds_come_through_unchanged() {
    for seed in &seeds()[..4] {
        let out = rensa(&["clean", seed.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(0));
        assert_eq!(
            out.stdout,
            std::fs::read(seed).unwrap(),
            "{} changed",
            seed.display()
        );
    }
}

#[test]
fn exit_codes_follow_the_contract() {
    // Usage errors: 2, message on stderr, nothing on stdout.
    let out = rensa(&["run", "--no-such-flag", "fixtures/seeds"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let out = rensa(&["clean", "--lang", "xx", "fixtures/seeds"]);
    assert_eq!(out.status.code(), Some(2));
    let out = rensa(&["clean", "--min-confidence", "1.5", "fixtures/seeds"]);
    assert_eq!(out.status.code(), Some(2));
    // A bad input: an error record (extract) or a message (clean), exit 1.
    let dir = tempfile::tempdir().unwrap();
    let bin = dir.path().join("scan.bin");
    std::fs::write(&bin, b"\x00\x01\x02binary\x00").unwrap();
    let out = rensa(&["extract", "--compact", bin.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    check_record(&v, None);
    assert_eq!(v["error"]["kind"], "binary-input");
    assert!(String::from_utf8_lossy(&out.stderr).starts_with("rensa: "));
    let empty = dir.path().join("empty.txt");
    std::fs::write(&empty, b"").unwrap();
    let out = rensa(&["clean", empty.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    // A path that does not exist is a fatal error for single-document commands.
    let out = rensa(&["clean", "no/such/file.txt"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no/such/file.txt"));
}

#[test]
fn rules_table_lists_every_rule_the_stages_declare() {
    let out = rensa(&["rules"]);
    assert_eq!(out.status.code(), Some(0));
    let table = String::from_utf8(out.stdout).unwrap();
    for r in rensa_decode::rules() {
        assert!(table.contains(r.name), "{} missing", r.name);
    }
    for r in rensa_restore::rules() {
        assert!(table.contains(r.name), "{} missing", r.name);
    }
}

#[test]
fn seed_records_match_golden_files() {
    let bless = std::env::var("RENSA_BLESS").is_ok();
    let golden_dir = root().join("fixtures/golden/records");
    let mut expected_names = Vec::new();
    let mut failures = Vec::new();
    for seed in seeds() {
        let stem = seed.file_stem().unwrap().to_string_lossy().into_owned();
        let rel = format!(
            "fixtures/seeds/{}",
            seed.file_name().unwrap().to_string_lossy()
        );
        let out = rensa(&["extract", &rel]);
        assert_eq!(out.status.code(), Some(0));
        let got = String::from_utf8(out.stdout).unwrap();
        let v: serde_json::Value = serde_json::from_str(&got).unwrap();
        check_record(&v, Some(&std::fs::read_to_string(&seed).unwrap()));
        let name = format!("{stem}.record.json");
        let path = golden_dir.join(&name);
        expected_names.push(name);
        if bless {
            std::fs::write(&path, &got).unwrap();
            continue;
        }
        match std::fs::read_to_string(&path) {
            Ok(want) if want == got => {}
            Ok(want) => failures.push(format!(
                "{}: differs from golden\n{}",
                path.display(),
                first_diff(&want, &got)
            )),
            Err(_) => failures.push(format!(
                "{}: golden file missing (RENSA_BLESS=1 writes it)",
                path.display()
            )),
        }
    }
    // A golden file that no input produces is an error too.
    for e in std::fs::read_dir(&golden_dir).unwrap() {
        let name = e.unwrap().file_name().to_string_lossy().into_owned();
        if name.ends_with(".record.json") && !expected_names.contains(&name) {
            failures.push(format!("{name}: golden file without input"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

fn first_diff(a: &str, b: &str) -> String {
    for (i, (x, y)) in a.lines().zip(b.lines()).enumerate() {
        if x != y {
            return format!("line {}:\n- {x}\n+ {y}", i + 1);
        }
    }
    format!(
        "lengths differ: {} vs {} lines",
        a.lines().count(),
        b.lines().count()
    )
}

#[test]
fn stdin_works_for_clean() {
    let out = rensa_with_stdin(
        &["clean", "--lang", "sv", "-"],
        &root(),
        "Minnesanteckningar fran mote med Samverkansradet. Det 4r bra f6r oss.\n".as_bytes(),
    );
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "Minnesanteckningar från möte med Samverkansrådet. Det är bra för oss.\n"
    );
}

#[test]
fn protect_keeps_user_marked_text() {
    let input = "Arendet KS 2020/ar och mote ar bra for oss.\n";
    assert_eq!(
        stdout_for(&["clean", "--lang", "sv", "-"], input),
        "Ärendet KS 2020/ar och möte är bra för oss.\n"
    );
    assert_eq!(
        stdout_for(
            &[
                "clean",
                "--lang",
                "sv",
                "--protect",
                r"KS\s?\d{4}/\w+",
                "--protect",
                "^Arendet",
                "-"
            ],
            input
        ),
        "Arendet KS 2020/ar och möte är bra för oss.\n"
    );
}

#[test]
fn a_disabled_rule_makes_no_edits_and_the_others_still_do() {
    let input = "Arendet KS 2020/ar och mote ar bra for oss.\n";
    // `ar` and `for` are words too: only the real-word rule reads them as `är` and `för`; with
    // both letter rules off nothing is left to change.
    let real_word = ["--disable-rule", "restore.real-word"];
    let confusion = ["--disable-rule", "restore.ocr-confusion"];
    for (off, expected) in [
        (
            &real_word[..],
            "Ärendet KS 2020/ar och möte ar bra for oss.\n",
        ),
        (&[real_word, confusion].concat()[..], input),
    ] {
        let args: Vec<&str> = ["clean", "--lang", "sv"]
            .into_iter()
            .chain(off.iter().copied())
            .chain(["-"])
            .collect();
        assert_eq!(stdout_for(&args, input), expected, "{off:?}");
    }
    // Only restore rules, by their listed names: a decode rule and a misspelt one are usage
    // errors that name the rules.
    for (bad, says) in [
        ("decode.nfc", "is a decode rule"),
        ("restore.realword", "no restore rule"),
    ] {
        let o = rensa(&["clean", "--disable-rule", bad, "-"]);
        let t = text(&o);
        assert_eq!(o.status.code(), Some(2), "{t}");
        assert!(
            t.contains(says) && t.contains("restore.letter-model"),
            "{t}"
        );
    }
}

#[test]
fn paragraphs_in_another_language_are_restored_with_its_words() {
    // A Norwegian invitation with one Swedish paragraph whose letters OCR lost.
    let nb = "Dette er første gang som nordiske kommuner samles for å utveksle erfaringer over \
              grensene om samarbeid med sivilsamfunnet. Vi vil samle representanter for noen \
              kommuner og regioner i Sverige, Norge og Danmark samt samarbeidspartnere innen \
              sivilsamfunnet. Første dagen er en kunnskapsdag, og andre dagen er en workshop som \
              skal hjelpe kommuner til å planlegge konkret samarbeid med frivilligheten.";
    let sv_damaged =
        "Nu har du som arbetar med utvecklingsfragor inom kommunal forvaltning chansen \
              att delta i ett larande utbyte med andra kommuner och inbjudna gaster. Forsta \
              lartraffen ager rum pa fredag och mojlighet finns att delta i eftersnack. Anmalan \
              om deltagande gor du langst ner pa sidan och fragor om deltagandet besvaras av \
              kansliet som ocksa skickar ut lanken till motet.";
    let input = format!("{nb}\n\n{sv_damaged}\n");
    let out = stdout_for(&["clean", "-"], &input);
    let (first, second) = out.split_once("\n\n").unwrap();
    assert_eq!(first, nb, "the clean Norwegian paragraph must not change");
    for word in [
        "utvecklingsfrågor",
        "förvaltning",
        "lärande",
        "gäster",
        "möjlighet",
        "Anmälan",
    ] {
        assert!(second.contains(word), "{word} not restored in: {second}");
    }
    assert!(
        !second.contains('ø'),
        "Swedish restored with Norwegian letters: {second}"
    );
}

#[test]
fn skip_restore_repairs_encodings_only() {
    let out = stdout_for(
        &["clean", "--lang", "sv", "--skip-restore", "-"],
        "MÃ¶tet i GÃ¶teborg: fran mote med radet.\n",
    );
    assert_eq!(out, "Mötet i Göteborg: fran mote med radet.\n");
}

/// `--damage-prior` replaces the measured damage: a clean sentence with an ambiguous word
/// stays as it is at the measured prior and gets the damaged page's reading when told the
/// page is damaged; a value outside 0..1 is a usage error.
#[test]
fn damage_prior_overrides_the_measured_damage() {
    let text = "Vi far i uppdrag att skriva en rapport om skolan och om vården.\n";
    let measured = stdout_for(&["clean", "--lang", "sv", "-"], text);
    assert_eq!(measured, text);
    let forced = stdout_for(
        &["clean", "--lang", "sv", "--damage-prior", "0.8", "-"],
        text,
    );
    assert_eq!(
        forced,
        "Vi får i uppdrag att skriva en rapport om skolan och om vården.\n"
    );
    let out = rensa(&["clean", "--damage-prior", "1.5", "fixtures/seeds"]);
    assert_eq!(out.status.code(), Some(2));
}

/// `-o` and `--edits` pointing at a device or pipe write into it; they must never replace it
/// with a regular file (as a temporary file renamed over `/dev/null` would). Tested on a FIFO
/// so that a failure cannot damage the machine's `/dev/null`.
#[test]
fn outputs_that_are_pipes_are_written_not_replaced() {
    use std::os::unix::fs::FileTypeExt;
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("out.fifo");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|s| s.success()) {
        eprintln!("note: skipped: mkfifo is not available");
        return;
    }
    for args in [
        vec!["run", "-q", "-o", fifo.to_str().unwrap(), "fixtures/seeds"],
        vec![
            "clean",
            "--edits",
            fifo.to_str().unwrap(),
            "fixtures/seeds/004_de5f27487ccbe17b.txt",
        ],
    ] {
        let (tx, rx) = std::sync::mpsc::channel();
        {
            let fifo = fifo.clone();
            std::thread::spawn(move || tx.send(std::fs::read_to_string(fifo).unwrap()));
        }
        let out = rensa(&args);
        assert_eq!(out.status.code(), Some(0), "{}", text(&out));
        let kind = std::fs::symlink_metadata(&fifo).unwrap().file_type();
        assert!(kind.is_fifo(), "{args:?} replaced the pipe");
        // A reader still waiting means nothing was written into the pipe (no hang: time out).
        let got = rx
            .recv_timeout(std::time::Duration::from_secs(10))
            .unwrap_or_else(|_| panic!("{args:?} never wrote into the pipe"));
        assert!(
            got.lines().count() >= 5,
            "{args:?} wrote {} lines",
            got.lines().count()
        );
    }
}

#[test]
fn a_closed_stderr_does_not_turn_errors_into_a_panic() {
    // `rensa run … 2>&1 | head -1`: once the reader is gone, the messages cannot be shown, but
    // the records are still written and the exit status still says an input failed (1), not a
    // panic (101).
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.txt");
    std::fs::write(&empty, b"").unwrap();
    let out_file = dir.path().join("out.jsonl");
    let seed = seeds().remove(0);
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_rensa"))
        .args(["run", "-o"])
        .arg(&out_file)
        .arg(&empty)
        .arg(&seed)
        .stderr(std::process::Stdio::from(writer))
        .status()
        .unwrap();
    assert_eq!(status.code(), Some(1));
    let lines = std::fs::read_to_string(&out_file).unwrap();
    assert_eq!(lines.lines().count(), 2);
}

#[test]
fn a_record_of_a_mixed_document_carries_valid_regions() {
    // A Danish minute followed by a Norwegian one, as the English model OCR'd them.
    let file = "fixtures/pairs/mixed/mix-da+nb-aeldreraad-referat+eldreradet-referat-eng.ocr.txt";
    let out = rensa(&["run", file]);
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let original = std::fs::read_to_string(root().join(file)).unwrap();
    check_record(&v, Some(&original));
    let regions = v["regions"].as_array().unwrap();
    let langs: Vec<&str> = regions
        .iter()
        .map(|r| r["language"].as_str().unwrap())
        .collect();
    assert_eq!(langs, ["da", "nb"]);
    let text = v["text"].as_str().unwrap();
    assert_eq!(regions[0]["start"], 0);
    assert_eq!(regions[0]["end"], regions[1]["start"]);
    assert_eq!(regions[1]["end"].as_u64().unwrap() as usize, text.len());
}
