//! Resuming an interrupted run: how much of an existing output can be kept.
//!
//! A run writes records in input order, so an interrupted output is a prefix of the full one,
//! perhaps ending in a partial line. [`resume_point`] walks that prefix and the jobs side by side
//! and keeps records while each one belongs to the next job: same id, and the same `sha256` as
//! the input's current bytes (a record without `sha256` — the input could not be read — is
//! recomputed and must come out byte for byte the same). It stops at the first record that does
//! not match, at a partial or unparsable line, or at the end of the jobs. The caller truncates
//! the file to [`ResumePoint::offset`] and appends the records of the remaining jobs, which gives
//! the same bytes as an uninterrupted run.
//!
//! Whether the settings are the same is not checked here: the caller compares a settings
//! fingerprint ([`crate::Engine::fingerprint`]) before calling.

use std::io::{self, BufRead};
use std::iter::Peekable;

use rensa_record::sha256_hex;
use serde::Deserialize;

use crate::{read_limited, write_record, Engine, Format, Job, Progress};

/// What an existing output already holds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ResumePoint {
    /// Bytes of the existing output to keep.
    pub offset: u64,
    /// Records kept (`done`), their listed input bytes and how many are error records.
    pub kept: Progress,
}

#[derive(Deserialize)]
struct Head {
    id: String,
    #[serde(default)]
    sha256: Option<String>,
    #[serde(default)]
    error: Option<serde::de::IgnoredAny>,
}

/// Reads complete records from `prior` while they match the next job of `jobs` (consuming those
/// jobs), and says where the kept part ends.
///
/// Errors are those of reading `prior` or of the job iterator.
pub fn resume_point<R, I>(
    engine: &Engine,
    mut prior: R,
    format: &Format,
    jobs: &mut Peekable<I>,
) -> io::Result<ResumePoint>
where
    R: BufRead,
    I: Iterator<Item = io::Result<Job>>,
{
    let mut point = ResumePoint::default();
    let mut lines: Vec<Vec<u8>> = Vec::new();
    'records: loop {
        lines.clear();
        let mut len = 0u64;
        for _ in 0..format.lines_per_record() {
            let mut line = Vec::new();
            let n = prior.read_until(b'\n', &mut line)?;
            if n == 0 || line.last() != Some(&b'\n') {
                break 'records; // the end, or a partial last line
            }
            len += n as u64;
            lines.push(line);
        }
        let Some(record_line) = lines.last() else {
            break;
        };
        let Ok(head) = serde_json::from_slice::<Head>(record_line) else {
            break;
        };
        let job = match jobs.peek() {
            None => break,
            Some(Err(_)) => {
                return match jobs.next() {
                    Some(Err(e)) => Err(e),
                    _ => Err(io::Error::other("job iterator changed its mind")),
                };
            }
            Some(Ok(job)) => job,
        };
        if !matches(engine, job, &head, &lines, format) {
            break;
        }
        point.kept.bytes += job.len();
        jobs.next();
        point.offset += len;
        point.kept.done += 1;
        point.kept.failed += head.error.is_some() as usize;
    }
    Ok(point)
}

fn matches(engine: &Engine, job: &Job, head: &Head, lines: &[Vec<u8>], format: &Format) -> bool {
    if head.id != job.id() {
        return false;
    }
    let recomputed = |out| {
        let mut buf = Vec::new();
        write_record(&mut buf, &out, format).is_ok() && buf == lines.concat()
    };
    match (job, &head.sha256) {
        (Job::Ready(out), _) => recomputed(out.clone()),
        (Job::Bytes { bytes, .. }, Some(sha)) => sha256_hex(bytes) == *sha,
        (Job::File(input), Some(sha)) => read_limited(&input.path, engine.settings().max_bytes)
            .is_ok_and(|bytes| sha256_hex(&bytes) == *sha),
        (job, None) => recomputed(engine.process_job(job.clone())),
    }
}
