#![allow(clippy::unwrap_used)]

use std::io::{self, Cursor};

use super::*;
use rensa_record::make_id;

fn engine() -> Engine {
    Engine::new(Lexicons::embedded().unwrap(), Settings::default())
}

fn text_job(i: usize) -> Job {
    // Documents of very different sizes, so threads finish out of order.
    let body = "Protokoll fört vid sammanträde med kommunstyrelsen. ".repeat(1 + (i * 37) % 90);
    Job::Bytes {
        source: "-".to_string(),
        id: format!("doc-{i}"),
        bytes: body.into_bytes(),
    }
}

#[derive(Default)]
struct Collect {
    bytes: Vec<u8>,
    windows: usize,
    fail_after: Option<usize>,
    slow: bool,
}

impl Sink for Collect {
    fn record(&mut self, out: &Output, p: &Progress) -> io::Result<()> {
        if self.slow {
            std::thread::sleep(std::time::Duration::from_millis(3));
        }
        if self.fail_after.is_some_and(|n| p.done > n) {
            return Err(io::Error::other("disk full"));
        }
        write_record(&mut self.bytes, out, &Format::JsonLines)
    }
    fn window(&mut self, _: &Progress) -> io::Result<()> {
        self.windows += 1;
        Ok(())
    }
}

fn ids(bytes: &[u8]) -> Vec<String> {
    bytes
        .split(|&b| b == b'\n')
        .filter(|l| !l.is_empty())
        .map(|l| {
            let v: serde_json::Value = serde_json::from_slice(l).unwrap();
            v["id"].as_str().unwrap().to_string()
        })
        .collect()
}

#[test]
fn records_come_in_input_order_whatever_the_thread_count() {
    let e = engine();
    let mut outputs = Vec::new();
    for threads in [1, 3] {
        let mut sink = Collect::default();
        let jobs = (0..40).map(|i| Ok(text_job(i)));
        let p = run_jobs(&e, jobs, threads, &mut sink).unwrap();
        assert_eq!(p.done, 40);
        assert_eq!(p.failed, 0);
        assert!(sink.windows >= 40 / (threads * 4), "{}", sink.windows);
        let want: Vec<String> = (0..40).map(|i| format!("doc-{i}")).collect();
        assert_eq!(ids(&sink.bytes), want);
        outputs.push(sink.bytes);
    }
    assert_eq!(
        outputs[0], outputs[1],
        "bytes differ between 1 and 3 threads"
    );
}

/// Regression: when every job in flight had finished before the sink caught up, the batch waited
/// for a result that no worker was computing.
#[test]
fn a_slow_sink_never_stalls_the_batch() {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let e = engine();
        let mut sink = Collect {
            slow: true,
            ..Collect::default()
        };
        let jobs = (0..30).map(|i| {
            Ok(Job::Bytes {
                source: "-".into(),
                id: format!("d{i}"),
                bytes: b"hej".to_vec(),
            })
        });
        let _ = tx.send(run_jobs(&e, jobs, 2, &mut sink).map(|p| p.done).ok());
    });
    let done = rx
        .recv_timeout(std::time::Duration::from_secs(60))
        .expect("the batch stalled");
    assert_eq!(done, Some(30));
}

#[test]
fn ready_records_keep_their_place_and_count_as_failures() {
    let e = engine();
    let bad = job_from_request(b"{not json");
    let jobs = vec![Ok(text_job(0)), Ok(bad), Ok(text_job(2))];
    let mut sink = Collect::default();
    let p = run_jobs(&e, jobs.into_iter(), 2, &mut sink).unwrap();
    assert_eq!(p.failed, 1);
    let got = ids(&sink.bytes);
    assert_eq!(got[0], "doc-0");
    assert!(
        got[1].starts_with("line-") && got[1].len() == 21,
        "{}",
        got[1]
    );
    assert_eq!(got[2], "doc-2");
}

#[test]
fn sink_and_input_errors_stop_the_batch() {
    let e = engine();
    let mut sink = Collect {
        fail_after: Some(3),
        ..Collect::default()
    };
    let jobs = (0..50).map(|i| Ok(text_job(i)));
    let err = run_jobs(&e, jobs, 2, &mut sink).unwrap_err();
    assert_eq!(err.to_string(), "disk full");
    assert_eq!(ids(&sink.bytes).len(), 3);

    let jobs = (0..5).map(|i| {
        if i == 3 {
            Err(io::Error::other("stdin went away"))
        } else {
            Ok(text_job(i))
        }
    });
    let err = run_jobs(&e, jobs, 2, &mut Collect::default()).unwrap_err();
    assert_eq!(err.to_string(), "stdin went away");
}

#[test]
fn a_panic_becomes_an_error_record() {
    let r: Result<(), StageError> = guarded(|| panic!("boom {}", 7));
    let e = r.unwrap_err();
    assert_eq!((e.stage, e.kind), ("pipeline", "panic"));
    assert!(e.message.contains("boom 7"), "{}", e.message);
    assert!(e.message.contains("tests.rs:"), "{}", e.message);
    // The flag is reset: later panics outside documents go to the usual hook.
    assert!(!IN_DOCUMENT.with(Cell::get));
}

#[test]
fn too_large_texts_and_bad_bytes_are_error_records() {
    let settings = Settings {
        max_bytes: 10,
        ..Settings::default()
    };
    let e = Engine::new(Lexicons::embedded().unwrap(), settings);
    let kind = |bytes: &[u8]| match e.process_job(Job::Bytes {
        source: "-".into(),
        id: "x".into(),
        bytes: bytes.to_vec(),
    }) {
        Output::Err(r) => r.error.kind,
        Output::Ok(_) => "ok".to_string(),
    };
    assert_eq!(kind(b"hej hej hej hej"), "too-large");
    assert_eq!(kind(b""), "empty-input");
    assert_eq!(kind(b"a\0b\0c"), "binary-input");
    assert_eq!(kind(b"hej"), "ok");
}

#[test]
fn fingerprint_follows_the_settings() {
    let a = engine();
    let mut s = Settings::default();
    s.restore.min_confidence = 0.9;
    let b = Engine::new(Lexicons::embedded().unwrap(), s);
    assert_eq!(a.fingerprint(&[]), engine().fingerprint(&[]));
    assert_eq!(a.fingerprint(&[]).len(), 16);
    assert_ne!(a.fingerprint(&[]), b.fingerprint(&[]));
    assert_ne!(a.fingerprint(&[]), a.fingerprint(&["dict abc".to_string()]));
    // A forced damage prior changes records too.
    let mut s = Settings::default();
    s.restore.damage_prior = Some(0.8);
    let c = Engine::new(Lexicons::embedded().unwrap(), s);
    assert_ne!(a.fingerprint(&[]), c.fingerprint(&[]));
}

#[test]
fn shards_partition_every_source_once() {
    let sources: Vec<String> = (0..200).map(|i| format!("archive/{i}.txt")).collect();
    let mut counts = [0usize; 3];
    for s in &sources {
        counts[shard_of(s, 3) as usize] += 1;
    }
    assert_eq!(counts.iter().sum::<usize>(), 200);
    assert!(counts.iter().all(|&c| c > 40), "{counts:?}");
    // Reference values (also in docs/batch.md): FNV-1a 64 of "" and of "a".
    assert_eq!(fnv1a64(b""), 0xcbf2_9ce4_8422_2325);
    assert_eq!(fnv1a64(b"a"), 0xaf63_dc4c_8601_ec8c);
}

#[test]
fn request_lines_give_one_job_each() {
    let input = b"{\"id\":\"a/1\",\"text\":\"hej\"}\r\n\n{\"id\":\"b\",\"path\":\"x.txt\"}\n{\"id\":\"c\",\"text\":\"x\",\"path\":\"y\"}\n{\"id\":\"d\",\"txt\":\"x\"}\n{\"id\":\"e\",\"text\":\"".to_vec();
    let mut long = input.clone();
    long.extend(std::iter::repeat_n(b'x', 5000));
    long.extend(b"\"}\n{\"id\":\"f\",\"text\":\"last\"}");
    let jobs: Vec<Job> = RequestLines::new(Cursor::new(long), 1000)
        .map(|j| j.unwrap())
        .collect();
    assert_eq!(jobs.len(), 7);
    assert!(
        matches!(&jobs[0], Job::Bytes { id, bytes, .. } if id == &make_id("a/1") && bytes == b"hej")
    );
    let kind = |j: &Job| match j {
        Job::Ready(Output::Err(e)) => e.error.kind.clone(),
        _ => "job".to_string(),
    };
    assert_eq!(kind(&jobs[1]), "malformed-input");
    assert_eq!(
        jobs[1].id(),
        malformed_id(&sha256_hex(b"")),
        "an empty line's id comes from the hash of no bytes"
    );
    assert!(matches!(&jobs[2], Job::File(i) if i.source == "x.txt" && i.id == "b"));
    assert_eq!(kind(&jobs[3]), "malformed-input");
    assert_eq!(kind(&jobs[4]), "malformed-input");
    assert_eq!(kind(&jobs[5]), "too-large");
    assert!(matches!(&jobs[6], Job::Bytes { id, .. } if id == "f"));
    // Stable ids: the same line, the same id.
    assert_eq!(
        job_from_request(b"nope").id(),
        job_from_request(b"nope").id()
    );
}

fn full_output(e: &Engine, jobs: &[Job], format: &Format) -> Vec<u8> {
    let mut buf = Vec::new();
    for j in jobs {
        write_record(&mut buf, &e.process_job(j.clone()), format).unwrap();
    }
    buf
}

#[test]
fn resume_keeps_the_matching_prefix_only() {
    let e = engine();
    let dir = tempfile::tempdir().unwrap();
    let mut jobs: Vec<Job> = (0..6).map(text_job).collect();
    let file = dir.path().join("f.txt");
    std::fs::write(&file, "Sammanträde i Göteborg.").unwrap();
    jobs.push(Job::File(Input::new(file.clone(), 10)));
    jobs.push(Job::File(Input::new(dir.path().join("missing.txt"), 0)));
    jobs.push(job_from_request(b"junk"));
    for format in [
        Format::JsonLines,
        Format::EsBulk {
            index: "town\"s".into(),
        },
    ] {
        let full = full_output(&e, &jobs, &format);
        let point = |prior: &[u8], jobs: &[Job]| {
            let mut it = jobs.iter().cloned().map(Ok).peekable();
            let p = resume_point(&e, Cursor::new(prior.to_vec()), &format, &mut it).unwrap();
            (p, it.count())
        };
        // Everything matches.
        let (p, rest) = point(&full, &jobs);
        assert_eq!(
            (p.offset, p.kept.done, p.kept.failed, rest),
            (full.len() as u64, 9, 2, 0)
        );
        // Cut in the middle of a line: the partial line is dropped.
        let cut = full.len() / 2;
        let (p, rest) = point(&full[..cut], &jobs);
        assert!(p.offset < cut as u64 && full[p.offset as usize - 1] == b'\n');
        assert_eq!(p.kept.done + rest, 9);
        let mut resumed = full[..p.offset as usize].to_vec();
        resumed.extend(full_output(&e, &jobs[p.kept.done..], &format));
        assert_eq!(resumed, full);
        // A changed input stops the match there.
        std::fs::write(&file, "Sammanträde i Malmö.").unwrap();
        let (p, _) = point(&full, &jobs);
        assert_eq!(p.kept.done, 6);
        std::fs::write(&file, "Sammanträde i Göteborg.").unwrap();
        // Different jobs: nothing kept.
        let (p, _) = point(&full, &jobs[1..]);
        assert_eq!(p, ResumePoint::default());
    }
}
