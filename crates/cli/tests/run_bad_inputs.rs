//! `rensa run` over a directory mixing good and bad inputs: every bad input gets exactly one
//! error record with a stable kind and a message on stderr, the batch goes on, exit status 1.
#![allow(clippy::unwrap_used)]

mod common;
use common::*;

use std::path::Path;

fn good_file(dir: &Path, name: &str) {
    let text = "Protokoll fört vid sammanträde med kommunstyrelsen i Göteborg den 3 mars 1987.\n\
                Närvarande: Anna Berg (ordförande), Per Lund.\n";
    std::fs::write(dir.join(name), text).unwrap();
}

/// Whether this process can read a file whose mode is 000 (root can).
fn reads_despite_mode_000(dir: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    let probe = dir.join("probe");
    std::fs::write(&probe, "x").unwrap();
    std::fs::set_permissions(&probe, std::fs::Permissions::from_mode(0o000)).unwrap();
    let readable = std::fs::read(&probe).is_ok();
    std::fs::remove_file(&probe).unwrap();
    readable
}

#[test]
fn bad_inputs_get_one_error_record_each_and_the_batch_goes_on() {
    use std::os::unix::fs::PermissionsExt;
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("in");
    std::fs::create_dir(&dir).unwrap();
    good_file(&dir, "a_good.txt");
    std::fs::write(
        dir.join("b_binary.bin"),
        b"PK\x03\x04\0\0\0\x08\0\0binary\0stuff",
    )
    .unwrap();
    std::fs::write(dir.join("c_empty.txt"), b"").unwrap();
    std::fs::write(dir.join("d_blank.txt"), b"  \n\t\n").unwrap();
    std::fs::write(dir.join("e_too_large.txt"), "x".repeat(5000)).unwrap();
    // Not UTF-8: cp850 letters and stray bytes. Decoded as a legacy code page, not an error.
    std::fs::write(
        dir.join("e_invalid_utf8.txt"),
        b"M\x94te i G\x94teborg \xff protokoll\n",
    )
    .unwrap();
    good_file(&dir, "f_good.txt");
    std::os::unix::fs::symlink(".", dir.join("loop")).unwrap();
    let root = reads_despite_mode_000(tmp.path());
    std::fs::write(dir.join("g_unreadable.txt"), "Protokoll").unwrap();
    std::fs::set_permissions(
        dir.join("g_unreadable.txt"),
        std::fs::Permissions::from_mode(0o000),
    )
    .unwrap();
    if root {
        println!("note: running as root, mode 000 does not block reads: unreadable case skipped");
    }

    let out = rensa_in(&["run", "--quiet", "--max-bytes", "1000", "in"], tmp.path());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "stderr: {stderr}");
    let recs = records(&out.stdout);
    let got: Vec<(String, String)> = recs
        .iter()
        .map(|r| {
            (
                r["source"].as_str().unwrap().to_string(),
                r["error"]["kind"].as_str().unwrap_or("ok").to_string(),
            )
        })
        .collect();
    let mut want = vec![
        ("in/a_good.txt", "ok"),
        ("in/b_binary.bin", "binary-input"),
        ("in/c_empty.txt", "empty-input"),
        ("in/d_blank.txt", "empty-input"),
        ("in/e_too_large.txt", "too-large"),
        ("in/e_invalid_utf8.txt", "ok"),
        ("in/f_good.txt", "ok"),
        (
            "in/g_unreadable.txt",
            if root { "ok" } else { "unreadable" },
        ),
        ("in/loop", "symlink-loop"),
    ];
    want.sort();
    let want: Vec<(String, String)> = want
        .into_iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
    assert_eq!(got, want, "stderr: {stderr}");

    // One stderr line per error record, `rensa: <source>: <message>`, and no panic noise.
    let errors: Vec<&serde_json::Value> = recs.iter().filter(|r| r["error"].is_object()).collect();
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), errors.len(), "stderr: {stderr}");
    for (line, r) in lines.iter().zip(&errors) {
        let want = format!(
            "rensa: {}: {}",
            r["source"].as_str().unwrap(),
            r["error"]["message"].as_str().unwrap()
        );
        assert_eq!(*line, want);
        let stage = r["error"]["stage"].as_str().unwrap();
        assert!(["read", "decode", "input"].contains(&stage), "{stage}");
    }

    // Deterministic: the same bytes again, with more threads.
    let again = rensa_in(
        &["run", "--quiet", "--jobs", "3", "--max-bytes", "1000", "in"],
        tmp.path(),
    );
    assert_eq!(again.stdout, out.stdout);
}

#[test]
fn invalid_utf8_is_decoded_or_reported_never_fatal() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(
        tmp.path().join("mixed.txt"),
        b"M\x94te i G\xf6teborg \xff\xfe\xc3\x28 protokoll\n",
    )
    .unwrap();
    std::fs::write(
        tmp.path().join("controls.txt"),
        b"\x01\x02\x03\x04\x05\x06\x07\x08abc\x0e\x0f\x10\x11",
    )
    .unwrap();
    let out = rensa_in(&["run", "--quiet", "."], tmp.path());
    let recs = records(&out.stdout);
    assert_eq!(recs.len(), 2);
    let failed = recs.iter().filter(|r| r["error"].is_object()).count();
    assert_eq!(out.status.code(), Some(if failed > 0 { 1 } else { 0 }));
    for r in &recs {
        if let Some(kind) = r["error"]["kind"].as_str() {
            assert_eq!(kind, "binary-input", "{r}");
        } else {
            assert!(r["text"].is_string());
        }
    }
}

#[test]
fn good_inputs_exit_0_and_unknown_options_exit_2() {
    let tmp = tempfile::tempdir().unwrap();
    let out = rensa_in(&["run", "--quiet", SEEDS], tmp.path());
    assert_eq!(out.status.code(), Some(0));
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let recs = records(&out.stdout);
    assert_eq!(recs.len(), 5);
    assert!(recs.iter().all(|r| r["error"].is_null()));

    let out = rensa_in(&["run", "--no-such-option", SEEDS], tmp.path());
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let out = rensa_in(&["run", "--shard", "4/4", SEEDS], tmp.path());
    assert_eq!(out.status.code(), Some(2));
    let out = rensa_in(&["run", "--resume", SEEDS], tmp.path());
    assert_eq!(out.status.code(), Some(2), "--resume needs -o");
}

#[test]
fn summary_line_unless_quiet() {
    let tmp = tempfile::tempdir().unwrap();
    let out = rensa_in(&["run", "-o", "r.jsonl", SEEDS], tmp.path());
    assert_eq!(out.status.code(), Some(0));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.starts_with("rensa: 5 documents, 0 failed,") && stderr.lines().count() == 1,
        "{stderr}"
    );
    assert!(out.stdout.is_empty());
}

/// The real target: a 200 MB file that is one line. Refused by size by default without reading
/// it; with a larger --max-bytes, refused by the line limit. Either way one error record, fast.
#[test]
#[ignore = "writes 200 MB; run with --ignored"]
fn a_200_mb_one_line_file_is_an_error_record() {
    use std::io::Write;
    let tmp = tempfile::tempdir().unwrap();
    let mut f = std::fs::File::create(tmp.path().join("huge.txt")).unwrap();
    let chunk = "Sammantradesprotokoll ".repeat(1 << 14);
    let mut written = 0;
    while written < 200_000_000 {
        f.write_all(chunk.as_bytes()).unwrap();
        written += chunk.len();
    }
    drop(f);
    good_file(tmp.path(), "small.txt");
    for (args, kind) in [
        (vec!["run", "--quiet", "."], "too-large"),
        (
            vec!["run", "--quiet", "--max-bytes", "300000000", "."],
            "line-too-long",
        ),
    ] {
        let started = std::time::Instant::now();
        let out = rensa_in(&args, tmp.path());
        assert_eq!(out.status.code(), Some(1));
        let recs = records(&out.stdout);
        assert_eq!(recs.len(), 2);
        assert_eq!(recs[0]["error"]["kind"], kind);
        assert!(recs[1]["error"].is_null());
        println!("{args:?}: {:.2} s", started.elapsed().as_secs_f64());
    }
}
