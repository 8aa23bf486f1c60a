//! `--stdin-jsonl`: one request per line, one record per request.
//!
//! A request line is a JSON object with a string `id` and exactly one of `text` (the document
//! itself) or `path` (a file to read): `{"id":"doc-1","text":"..."}` or
//! `{"id":"doc-2","path":"scans/2.txt"}`. No other keys are accepted, so a typo fails loudly.
//!
//! Every line gives exactly one record, so the output lines up with the input line by line. A
//! line that is not such an object (including an empty line) gives an error record of kind
//! `malformed-input` whose id is `line-` and the first 16 hex digits of the SHA-256 of the line's
//! bytes (without its terminating `\n`): the same line always gets the same id.

use std::io::{self, BufRead};
use std::path::PathBuf;

use rensa_record::{make_id, Output};
use serde::Deserialize;
use sha2::{Digest, Sha256};

use crate::{error_record, Input, Job, StageError};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Request {
    id: String,
    #[serde(default)]
    text: Option<String>,
    #[serde(default)]
    path: Option<String>,
}

/// The id of the error record for a malformed line, from the SHA-256 of its bytes.
pub fn malformed_id(sha256_hex: &str) -> String {
    format!("line-{}", &sha256_hex[..16.min(sha256_hex.len())])
}

fn hex(digest: &[u8]) -> String {
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// Turns one request line (without its `\n`; a trailing `\r` is ignored) into a job.
pub fn job_from_request(line: &[u8]) -> Job {
    let sha = hex(&Sha256::digest(line));
    request_job(line, &sha)
}

fn request_job(line: &[u8], sha: &str) -> Job {
    let body = line.strip_suffix(b"\r").unwrap_or(line);
    let malformed = |message: String| Job::Ready(malformed_record(sha, "malformed-input", message));
    let req: Request = match serde_json::from_slice(body) {
        Ok(r) => r,
        Err(e) => return malformed(format!("not a request object: {e}")),
    };
    if req.id.is_empty() {
        return malformed("the request's id is empty".to_string());
    }
    let id = make_id(&req.id);
    match (req.text, req.path) {
        (Some(text), None) => Job::Bytes {
            source: "-".to_string(),
            id,
            bytes: text.into_bytes(),
        },
        (None, Some(path)) => Job::File(Input {
            path: PathBuf::from(&path),
            source: path,
            id,
            len: 0,
        }),
        _ => malformed(format!(
            "request {:?} needs exactly one of \"text\" and \"path\"",
            req.id
        )),
    }
}

fn malformed_record(sha: &str, kind: &'static str, message: String) -> Output {
    error_record(
        "-",
        &malformed_id(sha),
        Some(sha.to_string()),
        StageError {
            stage: "input",
            kind,
            message,
        },
    )
}

/// Request lines read lazily from a reader, as jobs. A line longer than `max_line` bytes is not
/// kept in memory: it is skipped (and hashed) and gives a `too-large` error record.
#[derive(Debug)]
pub struct RequestLines<R> {
    reader: R,
    max_line: usize,
    done: bool,
}

impl<R: BufRead> RequestLines<R> {
    /// Requests from `reader`; lines over `max_line` bytes become error records.
    pub fn new(reader: R, max_line: usize) -> RequestLines<R> {
        RequestLines {
            reader,
            max_line,
            done: false,
        }
    }

    /// Reads one line, keeping at most `max_line` bytes; `None` at the end of input.
    fn read_line(&mut self) -> io::Result<Option<(Vec<u8>, String, bool)>> {
        let mut kept = Vec::new();
        let mut hasher = Sha256::new();
        let mut seen_any = false;
        let mut too_long = false;
        loop {
            let buf = match self.reader.fill_buf() {
                Ok(b) => b,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            if buf.is_empty() {
                if !seen_any {
                    return Ok(None);
                }
                break;
            }
            seen_any = true;
            let (chunk, found_newline) = match buf.iter().position(|&b| b == b'\n') {
                Some(i) => (&buf[..i], true),
                None => (buf, false),
            };
            hasher.update(chunk);
            if !too_long {
                if kept.len() + chunk.len() > self.max_line {
                    too_long = true;
                    kept = Vec::new();
                } else {
                    kept.extend_from_slice(chunk);
                }
            }
            let used = chunk.len() + found_newline as usize;
            self.reader.consume(used);
            if found_newline {
                break;
            }
        }
        Ok(Some((kept, hex(&hasher.finalize()), too_long)))
    }
}

impl<R: BufRead> Iterator for RequestLines<R> {
    type Item = io::Result<Job>;

    fn next(&mut self) -> Option<io::Result<Job>> {
        if self.done {
            return None;
        }
        match self.read_line() {
            Ok(None) => {
                self.done = true;
                None
            }
            Ok(Some((_, sha, true))) => Some(Ok(Job::Ready(malformed_record(
                &sha,
                "too-large",
                format!("request line is over {} bytes", self.max_line),
            )))),
            Ok(Some((line, sha, false))) => Some(Ok(request_job(&line, &sha))),
            Err(e) => {
                self.done = true;
                Some(Err(e))
            }
        }
    }
}
