//! The README's `console` examples print what they show: each `$ cargo run -q --release --
//! ARGS` line is run as `rensa ARGS` (an optional `| head -N` keeps the first N lines) and its
//! stdout compared with the lines below it, up to the next `$` line or the block's end. The
//! examples are a newcomer's first look at what rensa does, and a changed weight or rule can
//! change them silently (an explain score went stale once).
#![allow(clippy::unwrap_used)]

mod common;
use common::*;

/// One example: the arguments, how many lines of output to keep (`| head -N`), and the
/// expected output.
struct Example {
    args: Vec<String>,
    head: Option<usize>,
    expected: Vec<String>,
}

/// The examples of every ```` ```console ```` block of `readme`.
fn examples(readme: &str) -> Vec<Example> {
    const PREFIX: &str = "$ cargo run -q --release -- ";
    let mut out: Vec<Example> = Vec::new();
    let mut in_block = false;
    for line in readme.lines() {
        if line.trim_start().starts_with("```") {
            in_block = line.trim() == "```console";
            continue;
        }
        if !in_block {
            continue;
        }
        if let Some(cmd) = line.strip_prefix(PREFIX) {
            let (cmd, head) = match cmd.split_once(" | head -") {
                Some((c, n)) => (c, Some(n.trim().parse().unwrap())),
                None => (cmd, None),
            };
            out.push(Example {
                args: cmd.split_whitespace().map(str::to_string).collect(),
                head,
                expected: Vec::new(),
            });
        } else if let Some(e) = out.last_mut() {
            e.expected.push(line.to_string());
        }
    }
    // A blank line between two examples separates them; it is no output.
    for e in &mut out {
        while e.expected.last().is_some_and(|l| l.is_empty()) {
            e.expected.pop();
        }
    }
    out
}

#[test]
fn readme_console_examples_print_what_they_show() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let examples = examples(&readme);
    assert!(
        examples.len() >= 2,
        "README.md: expected the console examples of `Before and after`, found {}",
        examples.len()
    );
    let mut failures = Vec::new();
    for e in &examples {
        let args: Vec<&str> = e.args.iter().map(String::as_str).collect();
        let out = rensa(&args);
        let stdout = String::from_utf8(out.stdout).unwrap();
        let mut got: Vec<&str> = stdout.lines().collect();
        if let Some(n) = e.head {
            got.truncate(n);
        }
        while got.last().is_some_and(|l| l.is_empty()) {
            got.pop();
        }
        if got != e.expected {
            failures.push(format!(
                "rensa {}\n  README shows:\n    {}\n  rensa prints:\n    {}",
                e.args.join(" "),
                e.expected.join("\n    "),
                got.join("\n    ")
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn examples_are_read_with_their_output() {
    let md = "text\n```console\n$ cargo run -q --release -- clean a.txt | head -2\none\ntwo\n\n\
              $ cargo run -q --release -- explain x\nword\n```\n```sh\n$ cargo run -q --release -- no\n```\n";
    let ex = examples(md);
    assert_eq!(ex.len(), 2);
    assert_eq!(ex[0].args, ["clean", "a.txt"]);
    assert_eq!(ex[0].head, Some(2));
    assert_eq!(ex[0].expected, ["one", "two"]);
    assert_eq!(ex[1].args, ["explain", "x"]);
    assert_eq!(ex[1].expected, ["word"]);
}
