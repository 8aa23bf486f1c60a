//! Finding the files of a batch: files as given, directories walked recursively in sorted order,
//! hidden entries skipped, symlink loops detected; and the `--shard` partition.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use rensa_record::{make_id, Output};

use crate::{error_record, StageError};

/// One input document.
#[derive(Debug, Clone, PartialEq)]
pub struct Input {
    /// Where to read it.
    pub path: PathBuf,
    /// The name written into the record (the path as found from the argument).
    pub source: String,
    /// The record id.
    pub id: String,
    /// Size in bytes when listed (0 if unknown).
    pub len: u64,
}

impl Input {
    /// An input for a path.
    pub fn new(path: PathBuf, len: u64) -> Input {
        let source = path.to_string_lossy().into_owned();
        Input {
            id: make_id(&source),
            source,
            path,
            len,
        }
    }
}

/// FNV-1a, 64-bit (offset basis `0xcbf29ce484222325`, prime `0x100000001b3`), over bytes.
pub fn fnv1a64(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// The shard (0-based, below `count`) a source belongs to: FNV-1a 64 of the source string as
/// given (its UTF-8 bytes, exactly as written in the record's `source`) modulo `count`.
///
/// The partition depends only on the string, so `rensa run --shard I/N` on N machines covers
/// every input exactly once whatever the machines' file systems or thread counts.
///
/// ```
/// assert_eq!(rensa_pipeline::fnv1a64(b"a"), 0xaf63dc4c8601ec8c);
/// assert_eq!(rensa_pipeline::shard_of("a", 4), 0);
/// ```
pub fn shard_of(source: &str, count: u64) -> u64 {
    fnv1a64(source.as_bytes()) % count.max(1)
}

/// Expands paths into inputs, in a deterministic order. Problems with a path (missing, a symlink
/// loop, an unreadable directory) become error records at the position where they were found.
pub fn collect_inputs(paths: &[PathBuf]) -> Vec<Result<Input, Box<Output>>> {
    let mut out = Vec::new();
    let mut seen_dirs: HashSet<PathBuf> = HashSet::new();
    for p in paths {
        walk(p, &mut seen_dirs, &mut out, true);
    }
    out
}

// Boxed: an error record is twice the size of an `Input`, and a listing of a million files
// holds one `Result` per file.
fn bad(path: &Path, kind: &'static str, message: String) -> Result<Input, Box<Output>> {
    let source = path.to_string_lossy().into_owned();
    Err(Box::new(error_record(
        &source,
        &make_id(&source),
        None,
        StageError {
            stage: "input",
            kind,
            message,
        },
    )))
}

fn walk(
    path: &Path,
    seen: &mut HashSet<PathBuf>,
    out: &mut Vec<Result<Input, Box<Output>>>,
    top: bool,
) {
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) => {
            let kind = if e.raw_os_error() == Some(40) {
                "symlink-loop"
            } else {
                "unreadable"
            };
            out.push(bad(
                path,
                kind,
                format!("cannot read {}: {e}", path.display()),
            ));
            return;
        }
    };
    if meta.is_file() {
        out.push(Ok(Input::new(path.to_path_buf(), meta.len())));
        return;
    }
    if !meta.is_dir() {
        if top {
            out.push(bad(
                path,
                "unreadable",
                format!("{} is not a regular file", path.display()),
            ));
        }
        return;
    }
    let canon = match std::fs::canonicalize(path) {
        Ok(c) => c,
        Err(e) => {
            out.push(bad(
                path,
                "unreadable",
                format!("cannot resolve {}: {e}", path.display()),
            ));
            return;
        }
    };
    if !seen.insert(canon) {
        out.push(bad(
            path,
            "symlink-loop",
            format!(
                "{} leads back to a directory already visited",
                path.display()
            ),
        ));
        return;
    }
    let rd = match std::fs::read_dir(path) {
        Ok(rd) => rd,
        Err(e) => {
            out.push(bad(
                path,
                "unreadable",
                format!("cannot list {}: {e}", path.display()),
            ));
            return;
        }
    };
    let mut entries: Vec<PathBuf> = rd
        .filter_map(|e| e.ok())
        .filter(|e| !e.file_name().to_string_lossy().starts_with('.'))
        .map(|e| e.path())
        .collect();
    entries.sort();
    for e in entries {
        walk(&e, seen, out, false);
    }
}
