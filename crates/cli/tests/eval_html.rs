//! `rensa eval --html`: one self-contained page; rendered by headless Chromium when it is
//! installed (Debian package `chromium`), skipped with a note otherwise.

#![allow(clippy::unwrap_used)]

mod common;
use common::*;

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

/// Writes the report of the dev pairs plus seed004's fields to `dir/report.html`.
fn write_report(dir: &Path) -> (PathBuf, String) {
    let html = dir.join("report.html");
    let o = rensa(&[
        "eval",
        "--pairs",
        "fixtures/pairs/dev",
        "--html",
        html.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    let page = std::fs::read_to_string(&html).unwrap();
    (html, page)
}

#[test]
fn html_report_is_self_contained_and_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let (_, page) = write_report(dir.path());
    assert!(page.starts_with("<!DOCTYPE html>"));
    for id in ["summary", "languages", "rules", "wer-plot", "pairs"] {
        assert!(page.contains(&format!("id=\"{id}\"")), "no #{id}");
    }
    // Nothing fetched from elsewhere: no scripts, stylesheets, fonts or images by URL.
    for bad in ["<script", "<link", "@import", "@font-face", "src=", "url("] {
        assert!(!page.contains(bad), "page contains {bad:?}");
    }
    // Every document is there, with marked edits carrying rule and confidence.
    assert_eq!(page.matches("<details id=\"doc-").count(), 20);
    assert!(page.contains("<mark style=\"background:hsl("));
    assert!(page.contains(" · confidence 0."));
    // Text is escaped: the damaged texts contain no markup of their own.
    let body = &page[page.find("<details").unwrap()..];
    for chunk in body.split("<pre class=\"damaged\">").skip(1) {
        let pre = &chunk[..chunk.find("</pre>").unwrap()];
        let stripped = pre
            .replace("</mark>", "")
            .split("<mark")
            .map(|s| s.split_once('>').map_or(s, |(_, rest)| rest).to_string())
            .collect::<String>();
        assert!(!stripped.contains('<'), "unescaped < in {stripped:.200}");
    }
}

fn chromium() -> Option<PathBuf> {
    let o = Command::new("which").arg("chromium").output().ok()?;
    if !o.status.success() {
        return None;
    }
    let p = String::from_utf8_lossy(&o.stdout).trim().to_string();
    (!p.is_empty()).then(|| PathBuf::from(p))
}

/// Runs Chromium headless with a time limit, killing it (by its own id) when it hangs.
fn run_chromium(bin: &Path, profile: &Path, extra: &[&str], url: &str) -> Output {
    let child = Command::new(bin)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--window-size=1200,2000",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(extra)
        .arg(url)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let id = child.id();
    let start = Instant::now();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(child.wait_with_output());
    });
    loop {
        if let Ok(o) = rx.try_recv() {
            return o.unwrap();
        }
        if start.elapsed() > Duration::from_secs(120) {
            let _ = Command::new("kill").arg(id.to_string()).status();
            panic!("chromium did not finish in 120 s");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn html_report_renders_in_headless_chromium() {
    let Some(bin) = chromium() else {
        eprintln!("note: skipped html_report_renders_in_headless_chromium: `chromium` is not on PATH (Debian: apt-get install chromium)");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let (html, _) = write_report(dir.path());
    let url = format!("file://{}", html.canonicalize().unwrap().display());
    let png = match std::env::var_os("RENSA_EVAL_SCREENSHOT") {
        Some(p) => PathBuf::from(p),
        None => dir.path().join("report.png"),
    };
    let o = run_chromium(
        &bin,
        &dir.path().join("profile-shot"),
        &[&format!("--screenshot={}", png.display())],
        &url,
    );
    let meta = std::fs::metadata(&png)
        .unwrap_or_else(|e| panic!("no screenshot {}: {e}\n{}", png.display(), text(&o)));
    assert!(meta.len() > 10_000, "screenshot of {} bytes", meta.len());
    let head = std::fs::read(&png).unwrap();
    assert_eq!(&head[..8], b"\x89PNG\r\n\x1a\n");

    let o = run_chromium(&bin, &dir.path().join("profile-dom"), &["--dump-dom"], &url);
    let dom = String::from_utf8_lossy(&o.stdout);
    assert!(dom.contains("<table id=\"summary\">"), "{}", text(&o));
    assert!(dom.contains("<th class=\"l\">WER</th>"), "{dom:.2000}");
    assert!(dom.contains("<svg id=\"wer-plot\""));
    assert!(dom.contains("da-aeldreraad-referat-eng-noisy"));
}
