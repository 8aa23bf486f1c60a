//! `rensa run --stdin-jsonl`, `--files-from`, `--shard` and `--format es-bulk`.
#![allow(clippy::unwrap_used)]

mod common;
use common::*;

use std::path::Path;

fn seed_paths() -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(SEEDS)
        .unwrap()
        .map(|e| e.unwrap().path().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

#[test]
fn stdin_jsonl_gives_one_record_per_line_in_order() {
    let tmp = tempfile::tempdir().unwrap();
    let seeds = seed_paths();
    let mut input = String::new();
    for i in 0..40 {
        match i % 5 {
            0 => input.push_str(&format!(
                "{{\"id\":\"t{i}\",\"text\":\"Protokoll fr\\u00e5n m\\u00f6tet i G\\u00f6teborg nr {i}\"}}\n"
            )),
            1 => input.push_str(&format!(
                "{{\"id\":\"p/{i}\",\"path\":{}}}\n",
                serde_json::to_string(&seeds[i % seeds.len()]).unwrap()
            )),
            2 => input.push_str(&format!("not json {i}\n")),
            3 => input.push('\n'),
            _ => input.push_str(&format!("{{\"id\":\"e{i}\",\"text\":\"\"}}\n")),
        }
    }
    let out = rensa_with_stdin(
        &["run", "--stdin-jsonl", "--jobs", "2"],
        tmp.path(),
        input.as_bytes(),
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let recs = records(&out.stdout);
    assert_eq!(recs.len(), 40, "exactly one record per input line");
    for (i, (r, line)) in recs.iter().zip(input.lines()).enumerate() {
        let id = r["id"].as_str().unwrap();
        match i % 5 {
            0 => assert_eq!(id, format!("t{i}")),
            1 => {
                assert!(id.starts_with(&format!("p_{i}-")), "{id}");
                assert!(r["error"].is_null());
            }
            2 | 3 => {
                use sha256sum::sha256_prefix;
                assert_eq!(r["error"]["kind"], "malformed-input");
                assert_eq!(id, format!("line-{}", sha256_prefix(line.as_bytes())));
            }
            _ => assert_eq!(r["error"]["kind"], "empty-input"),
        }
    }
    // Same bytes on every run, whatever the thread count.
    let again = rensa_with_stdin(
        &["run", "--stdin-jsonl", "--jobs", "1", "-q"],
        tmp.path(),
        input.as_bytes(),
    );
    assert_eq!(again.stdout, out.stdout);
    // Opt in to failing on error records.
    let strict = rensa_with_stdin(
        &["run", "--stdin-jsonl", "--fail-on-record-errors", "-q"],
        tmp.path(),
        input.as_bytes(),
    );
    assert_eq!(strict.status.code(), Some(1));
    assert_eq!(strict.stdout, out.stdout);
    // Empty stdin: no records, success.
    let empty = rensa_with_stdin(&["run", "--stdin-jsonl", "-q"], tmp.path(), b"");
    assert_eq!(empty.status.code(), Some(0));
    assert!(empty.stdout.is_empty());
}

/// The first 16 hex digits of a SHA-256, computed independently of rensa by coreutils.
mod sha256sum {
    pub fn sha256_prefix(bytes: &[u8]) -> String {
        let mut child = std::process::Command::new("sha256sum")
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        std::io::Write::write_all(&mut child.stdin.take().unwrap(), bytes).unwrap();
        let out = child.wait_with_output().unwrap();
        String::from_utf8(out.stdout).unwrap()[..16].to_string()
    }
}

#[test]
fn files_from_and_shards_cover_every_input_once() {
    let tmp = tempfile::tempdir().unwrap();
    let seeds = seed_paths();
    let mut list = seeds.join("\n");
    list.push_str("\n\nmissing.txt\n");
    std::fs::write(tmp.path().join("list.txt"), &list).unwrap();
    let all = rensa_with_stdin(
        &["run", "-q", "--files-from", "-"],
        tmp.path(),
        list.as_bytes(),
    );
    assert_eq!(all.status.code(), Some(1), "missing.txt is an error record");
    let all_recs = records(&all.stdout);
    assert_eq!(all_recs.len(), 6);
    assert_eq!(all_recs[5]["error"]["kind"], "unreadable");
    let from_file = rensa_with_stdin(&["run", "-q", "--files-from", "list.txt"], tmp.path(), b"");
    assert_eq!(from_file.stdout, all.stdout);

    let mut seen = Vec::new();
    for i in 0..3 {
        let shard = format!("{i}/3");
        let out = rensa_with_stdin(
            &["run", "-q", "--shard", &shard, "--files-from", "list.txt"],
            tmp.path(),
            b"",
        );
        for r in records(&out.stdout) {
            seen.push(r["source"].as_str().unwrap().to_string());
        }
    }
    seen.sort();
    let mut want: Vec<String> = all_recs
        .iter()
        .map(|r| r["source"].as_str().unwrap().to_string())
        .collect();
    want.sort();
    assert_eq!(seen, want);
}

#[test]
fn es_bulk_puts_an_action_line_before_each_record() {
    let tmp = tempfile::tempdir().unwrap();
    let out = rensa_with_stdin(
        &[
            "run", "-q", "--format", "es-bulk", "--index", "minutes", SEEDS,
        ],
        tmp.path(),
        b"",
    );
    assert_eq!(out.status.code(), Some(0));
    let l = records(&out.stdout);
    assert_eq!(l.len(), 10);
    let text = String::from_utf8(out.stdout.clone()).unwrap();
    for (pair, raw) in l.chunks(2).zip(text.lines().step_by(2)) {
        let id = pair[1]["id"].as_str().unwrap();
        assert_eq!(
            raw,
            format!(r#"{{"index":{{"_index":"minutes","_id":"{id}"}}}}"#)
        );
    }
    let jsonl = rensa_with_stdin(&["run", "-q", SEEDS], tmp.path(), b"");
    let records: Vec<&str> = text.lines().skip(1).step_by(2).collect();
    assert_eq!(
        records.join("\n") + "\n",
        String::from_utf8(jsonl.stdout).unwrap()
    );
    // --index is required with es-bulk.
    let bad = rensa_with_stdin(&["run", "--format", "es-bulk", SEEDS], tmp.path(), b"");
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn run_help_documents_the_flags_and_ends_with_examples() {
    let out = rensa_with_stdin(&["run", "--help"], Path::new("."), b"");
    let help = String::from_utf8(out.stdout).unwrap();
    for flag in [
        "--format",
        "--index",
        "--resume",
        "--files-from",
        "--stdin-jsonl",
        "--fail-on-record-errors",
        "--shard",
        "FNV-1a",
    ] {
        assert!(help.contains(flag), "{flag} missing from --help");
    }
    let last = help.trim_end().lines().last().unwrap();
    assert!(
        last.trim_start().starts_with("printf") || last.contains("rensa run"),
        "{last}"
    );
}
