//! Helpers shared by the CLI tests: run the binary, feed it stdin, read its JSON Lines.
#![allow(dead_code, clippy::unwrap_used)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// The seeds folder, absolute.
pub const SEEDS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../fixtures/seeds");

/// The repository root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Runs `rensa` in the repository root.
pub fn rensa(args: &[&str]) -> Output {
    rensa_in(args, &root())
}

/// Runs `rensa` in `dir`.
pub fn rensa_in(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_rensa"))
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap()
}

/// Runs `rensa` in `dir` with `stdin` (written from a thread, so large inputs cannot deadlock
/// against a full stdout pipe).
pub fn rensa_with_stdin(args: &[&str], dir: &Path, stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_rensa"))
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    let bytes = stdin.to_vec();
    let writer = std::thread::spawn(move || {
        let _ = input.write_all(&bytes);
    });
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    out
}

/// `rensa ARGS -` on `input` in the repository root; stdout as a string.
pub fn stdout_for(args: &[&str], input: &str) -> String {
    let out = rensa_with_stdin(args, &root(), input.as_bytes());
    String::from_utf8(out.stdout).unwrap()
}

/// Every stdout line parsed as JSON.
pub fn records(stdout: &[u8]) -> Vec<serde_json::Value> {
    std::str::from_utf8(stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON: {e}: {l}")))
        .collect()
}

/// Exit status, stdout and stderr together, for assertion messages.
pub fn text(o: &Output) -> String {
    format!(
        "status {:?}\n--- stdout\n{}--- stderr\n{}",
        o.status.code(),
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}
