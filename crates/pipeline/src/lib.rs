//! Runs the stages over one document and over batches.
//!
//! One document: raw bytes → [`rensa_decode::decode_bytes`] (bytes to text) →
//! [`rensa_decode::repair`] (mojibake, entities, invisibles) → [`rensa_restore::restore`] (OCR
//! letters, hyphenation) → [`rensa_extract::extract`] (fields) → a [`rensa_record::Output`].
//! Each stage is a pure function of the document; everything about files, order, parallelism and
//! failures lives here.
//!
//! # Batches
//! [`run_jobs`] pulls [`Job`]s lazily from an iterator (a file listing, or request lines read
//! from stdin), hands them to worker threads, and gives records to a [`Sink`] **in input order**,
//! whatever order the threads finish in (a reorder buffer). At most a window of `4 × threads`
//! documents is in flight, so memory does not grow with the batch. A bad input — unreadable,
//! binary, empty, too large, or one that makes a stage panic — becomes an error record; the batch
//! goes on. A stage panic is caught per document, and a panic hook installed on first use keeps
//! its message and backtrace off stderr (panics outside a document are reported as usual).
//!
//! The other pieces of a batch run: [`collect_inputs`] (directory walk, sorted),
//! [`shard_of`] (a stable partition for `--shard`), [`job_from_request`] (one `--stdin-jsonl`
//! line), [`Format`] / [`write_record`] (JSON Lines and Elasticsearch bulk), and
//! [`resume_point`] (what an interrupted output file already holds).
//!
//! # What this crate does not do
//! It does not parse command lines or print: the CLI owns stdout, stderr and exit codes.

use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;
use std::io::{self, Read};
use std::panic::AssertUnwindSafe;
use std::path::Path;
use std::sync::{mpsc, Arc, Mutex, Once};

use rensa_core::{Document, Lang, Vocabulary};
use rensa_decode::{DecodeOptions, Decoded};
use rensa_lexicon::Lexicons;
use rensa_record::{sha256_hex, ErrorInfo, ErrorRecord, Output, Quality, Record, SCHEMA_TAG};
use rensa_restore::RestoreOptions;

mod inputs;
mod output;
mod requests;
mod resume;
pub use inputs::{collect_inputs, fnv1a64, shard_of, Input};
pub use output::{write_record, Format};
pub use requests::{job_from_request, malformed_id, RequestLines};
pub use resume::{resume_point, ResumePoint};

/// Settings shared by every document of a run.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Force a language instead of detecting it.
    pub lang: Option<Lang>,
    /// Restore settings (`--min-confidence` lands here).
    pub restore: RestoreOptions,
    /// Run extraction.
    pub extract: bool,
    /// Run OCR restoration (off: repair encodings only).
    pub run_restore: bool,
    /// Largest input accepted, in bytes.
    pub max_bytes: u64,
    /// Longest line accepted, in bytes.
    pub max_line_bytes: usize,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            run_restore: true,
            lang: None,
            restore: RestoreOptions::default(),
            extract: true,
            max_bytes: 64 * 1024 * 1024,
            max_line_bytes: 1024 * 1024,
        }
    }
}

/// A failure of one document.
#[derive(Debug, Clone, PartialEq)]
pub struct StageError {
    /// Stage: `read`, `decode`, `restore`, `extract`, `input`.
    pub stage: &'static str,
    /// Stable kebab-case code.
    pub kind: &'static str,
    /// Human-readable message.
    pub message: String,
}

impl std::fmt::Display for StageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.stage, self.message)
    }
}

impl std::error::Error for StageError {}

/// A cleaned document and what was learnt about it.
#[derive(Debug, Clone)]
pub struct Cleaned {
    /// The document with its edit log.
    pub doc: Document,
    /// Detected encoding.
    pub encoding: &'static str,
    /// Detected or forced language.
    pub lang: Lang,
    /// The languages its regions were restored with, in order of first appearance: more
    /// than one where a stretch of paragraphs is in another language (see
    /// `rensa_restore::language_regions`); `[lang]` otherwise.
    pub languages: Vec<Lang>,
    /// The regions of one language each as byte ranges into the cleaned text, in order and
    /// covering it, when there is more than one (empty otherwise).
    pub regions: Vec<(std::ops::Range<usize>, Lang)>,
}

/// The dictionaries and settings of a run.
#[derive(Debug)]
pub struct Engine {
    lex: Lexicons,
    settings: Settings,
}

impl Engine {
    /// An engine over loaded dictionaries.
    pub fn new(lex: Lexicons, settings: Settings) -> Engine {
        Engine { lex, settings }
    }

    /// The settings.
    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// The dictionaries.
    pub fn lexicons(&self) -> &Lexicons {
        &self.lex
    }

    /// Decodes, repairs and restores raw bytes.
    pub fn clean(&self, bytes: &[u8]) -> Result<Cleaned, StageError> {
        let vocabs = self.lex.all();
        let opts = DecodeOptions {
            max_line_bytes: self.settings.max_line_bytes,
        };
        let Decoded { text, encoding, .. } = rensa_decode::decode_bytes(bytes, &vocabs, &opts)
            .map_err(|e| StageError {
                stage: "decode",
                kind: e.code(),
                message: e.to_string(),
            })?;
        let mut doc = Document::new(text);
        rensa_decode::repair(&mut doc, &vocabs).map_err(|e| StageError {
            stage: "decode",
            kind: e.code(),
            message: e.to_string(),
        })?;
        // A forced language applies to the whole text; otherwise a stretch of paragraphs in
        // another language is restored with that language's words (see `language_regions`).
        // Each region is restored as a document of its own (its own damage evidence), and its
        // edits are moved back into the whole document in one batch: one pass over the text
        // whatever the number of regions.
        let (lang, regions) = match self.settings.lang {
            Some(l) if self.settings.run_restore => (l, vec![(0..doc.text().len(), l)]),
            Some(l) => (l, Vec::new()),
            None if self.settings.run_restore => {
                rensa_restore::language_and_regions(doc.text(), &vocabs)
            }
            None => (
                rensa_restore::detect_language(doc.text(), &vocabs),
                Vec::new(),
            ),
        };
        let restore_err = |e: &dyn std::fmt::Display| StageError {
            stage: "restore",
            kind: "internal",
            message: e.to_string(),
        };
        let mut languages: Vec<Lang> = Vec::with_capacity(1);
        for (_, l) in &regions {
            if !languages.contains(l) {
                languages.push(*l);
            }
        }
        if languages.is_empty() {
            languages.push(lang);
        }
        if let [(span, l)] = regions.as_slice() {
            if span.start == 0 && span.end == doc.text().len() {
                rensa_restore::restore(&mut doc, self.lex.get(*l), &self.settings.restore)
                    .map_err(|e| restore_err(&e))?;
                return Ok(Cleaned {
                    doc,
                    encoding,
                    lang,
                    languages,
                    regions: Vec::new(),
                });
            }
        }
        let mut batch = Vec::new();
        // Where each region lands in the cleaned text: its edits change only its own length.
        let mut cleaned_regions = Vec::with_capacity(regions.len());
        let mut shift: isize = 0;
        for (span, region_lang) in regions {
            let mut part = Document::new(&doc.text()[span.clone()]);
            rensa_restore::restore(&mut part, self.lex.get(region_lang), &self.settings.restore)
                .map_err(|e| restore_err(&e))?;
            let start = span.start.saturating_add_signed(shift);
            shift += part.text().len() as isize - span.len() as isize;
            cleaned_regions.push((start..span.end.saturating_add_signed(shift), region_lang));
            batch.extend(part.edits().iter().map(|e| {
                rensa_core::StageEdit::new(
                    span.start + e.start..span.start + e.end,
                    e.to.clone(),
                    e.kind,
                    e.rule.clone(),
                    e.confidence,
                )
            }));
        }
        doc.apply(batch).map_err(|e| restore_err(&e))?;
        if cleaned_regions.len() < 2 {
            cleaned_regions.clear();
        }
        Ok(Cleaned {
            doc,
            encoding,
            lang,
            languages,
            regions: cleaned_regions,
        })
    }

    /// Processes one input's bytes into a record (never fails: failures are error records).
    pub fn process(&self, source: &str, id: &str, bytes: &[u8]) -> Output {
        let sha = sha256_hex(bytes);
        match guarded(|| self.record(source, id, &sha, bytes)) {
            Ok(Ok(r)) => Output::Ok(Box::new(r)),
            Ok(Err(e)) => error_record(source, id, Some(sha), e),
            Err(e) => error_record(source, id, Some(sha), e),
        }
    }

    /// Processes one job of a batch (never fails: failures are error records).
    pub fn process_job(&self, job: Job) -> Output {
        match job {
            Job::File(input) => self.process_input(&input),
            Job::Bytes { source, id, bytes } => {
                let max = self.settings.max_bytes;
                if bytes.len() as u64 > max {
                    let e = StageError {
                        stage: "input",
                        kind: "too-large",
                        message: format!(
                            "{source} is {} bytes, over the limit of {max} (--max-bytes)",
                            bytes.len()
                        ),
                    };
                    return error_record(&source, &id, Some(sha256_hex(&bytes)), e);
                }
                self.process(&source, &id, &bytes)
            }
            Job::Ready(out) => out,
        }
    }

    /// A short hash of everything that changes the records of a run: the rensa version, these
    /// settings, and `extra` (the CLI adds user dictionaries' content hashes and the output
    /// format). Two runs with the same fingerprint give the same record for the same bytes.
    pub fn fingerprint(&self, extra: &[String]) -> String {
        let mut s = format!("rensa {}\n{:?}\n", env!("CARGO_PKG_VERSION"), self.settings);
        for e in extra {
            s.push_str(e);
            s.push('\n');
        }
        sha256_hex(s.as_bytes())[..16].to_string()
    }

    fn record(
        &self,
        source: &str,
        id: &str,
        sha: &str,
        bytes: &[u8],
    ) -> Result<Record, StageError> {
        let c = self.clean(bytes)?;
        let vocab: &dyn Vocabulary = self.lex.get(c.lang);
        let (words, known_after) = rensa_restore::known_share(c.doc.text(), vocab);
        // A document nothing changed in (most clean ones) need not be counted twice.
        let known_before = if c.doc.edits().is_empty() {
            known_after
        } else {
            rensa_restore::known_share(c.doc.original(), vocab).1
        };
        let fields = if self.settings.extract {
            let f = rensa_extract::extract(c.doc.text(), c.lang);
            serde_json::to_value(&f).map_err(|e| StageError {
                stage: "extract",
                kind: "internal",
                message: e.to_string(),
            })?
        } else {
            serde_json::Value::Object(Default::default())
        };
        Ok(Record {
            schema: SCHEMA_TAG.to_string(),
            id: id.to_string(),
            source: source.to_string(),
            sha256: sha.to_string(),
            encoding: c.encoding.to_string(),
            language: c.lang.code().to_string(),
            regions: c
                .regions
                .iter()
                .map(|(r, l)| rensa_record::Region {
                    start: r.start,
                    end: r.end,
                    language: l.code().to_string(),
                })
                .collect(),
            text: c.doc.text().to_string(),
            edits: c.doc.edits().to_vec(),
            quality: Quality {
                words,
                known_before: round4(known_before),
                known_after: round4(known_after),
            },
            fields,
        })
    }

    /// Reads and processes one file.
    pub fn process_input(&self, input: &Input) -> Output {
        match read_limited(&input.path, self.settings.max_bytes) {
            Ok(bytes) => self.process(&input.source, &input.id, &bytes),
            Err(e) => error_record(&input.source, &input.id, None, e),
        }
    }
}

fn round4(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}

/// An error record for an input.
pub fn error_record(source: &str, id: &str, sha256: Option<String>, e: StageError) -> Output {
    Output::Err(ErrorRecord {
        schema: SCHEMA_TAG.to_string(),
        id: id.to_string(),
        source: source.to_string(),
        sha256,
        error: ErrorInfo {
            stage: e.stage.to_string(),
            kind: e.kind.to_string(),
            message: e.message,
        },
    })
}

thread_local! {
    /// Set while a document is processed on this thread: its panics are caught and reported as
    /// error records, so the panic hook stays silent.
    static IN_DOCUMENT: Cell<bool> = const { Cell::new(false) };
    /// Where the last silenced panic happened, for the error message.
    static PANIC_AT: RefCell<Option<String>> = const { RefCell::new(None) };
}

static QUIET_HOOK: Once = Once::new();

/// Installs (once per process) a panic hook that says nothing for panics inside a document
/// (they become error records) and defers to the previous hook for every other panic.
fn install_quiet_panic_hook() {
    QUIET_HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if IN_DOCUMENT.with(Cell::get) {
                let at = info
                    .location()
                    .map(|l| format!("{}:{}", l.file(), l.line()));
                PANIC_AT.with(|p| *p.borrow_mut() = at);
            } else {
                previous(info);
            }
        }));
    });
}

/// Runs `f`, turning a panic into a `pipeline/panic` error without printing anything.
fn guarded<T>(f: impl FnOnce() -> T) -> Result<T, StageError> {
    install_quiet_panic_hook();
    let outer = IN_DOCUMENT.with(|c| c.replace(true));
    let result = std::panic::catch_unwind(AssertUnwindSafe(f));
    IN_DOCUMENT.with(|c| c.set(outer));
    result.map_err(|panic| {
        let msg = panic
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic".to_string());
        let at = PANIC_AT
            .with(|p| p.borrow_mut().take())
            .map(|a| format!(" at {a}"))
            .unwrap_or_default();
        StageError {
            stage: "pipeline",
            kind: "panic",
            message: format!("a stage panicked{at}: {msg}"),
        }
    })
}

/// Reads a file, refusing more than `max` bytes without reading them all.
pub fn read_limited(path: &Path, max: u64) -> Result<Vec<u8>, StageError> {
    let unreadable = |e: std::io::Error| StageError {
        stage: "read",
        kind: "unreadable",
        message: format!("cannot read {}: {e}", path.display()),
    };
    let file = std::fs::File::open(path).map_err(unreadable)?;
    let meta = file.metadata().map_err(unreadable)?;
    if meta.is_dir() {
        return Err(StageError {
            stage: "read",
            kind: "unreadable",
            message: format!("{} is a directory", path.display()),
        });
    }
    if meta.len() > max {
        return Err(too_large(path, meta.len(), max));
    }
    let mut buf = Vec::with_capacity(meta.len() as usize);
    file.take(max + 1)
        .read_to_end(&mut buf)
        .map_err(unreadable)?;
    if buf.len() as u64 > max {
        return Err(too_large(path, buf.len() as u64, max));
    }
    Ok(buf)
}

fn too_large(path: &Path, len: u64, max: u64) -> StageError {
    StageError {
        stage: "read",
        kind: "too-large",
        message: format!(
            "{} is {len} bytes, over the limit of {max} (--max-bytes)",
            path.display()
        ),
    }
}

/// One unit of work in a batch.
#[derive(Debug, Clone)]
pub enum Job {
    /// A file to read and process.
    File(Input),
    /// Bytes already in memory (a `--stdin-jsonl` text).
    Bytes {
        /// The record's `source`.
        source: String,
        /// The record id.
        id: String,
        /// The raw input.
        bytes: Vec<u8>,
    },
    /// A record decided before processing (a listing error, a malformed request line). It keeps
    /// its place in the output.
    Ready(Output),
}

impl Job {
    /// The id its record will carry.
    pub fn id(&self) -> &str {
        match self {
            Job::File(i) => &i.id,
            Job::Bytes { id, .. } => id,
            Job::Ready(o) => o.id(),
        }
    }

    /// Input size in bytes, as far as known before reading (for progress).
    pub fn len(&self) -> u64 {
        match self {
            Job::File(i) => i.len,
            Job::Bytes { bytes, .. } => bytes.len() as u64,
            Job::Ready(_) => 0,
        }
    }

    /// Whether [`Job::len`] is zero.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl From<Result<Input, Box<Output>>> for Job {
    fn from(r: Result<Input, Box<Output>>) -> Job {
        match r {
            Ok(i) => Job::File(i),
            Err(o) => Job::Ready(*o),
        }
    }
}

/// Counters of a batch.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Progress {
    /// Records written.
    pub done: usize,
    /// Bytes of input finished (listed sizes).
    pub bytes: u64,
    /// Error records so far.
    pub failed: usize,
}

/// Where [`run_jobs`] delivers records, in input order.
pub trait Sink {
    /// One record; `progress` already counts it.
    fn record(&mut self, out: &Output, progress: &Progress) -> io::Result<()>;

    /// Called after every window of records and once at the end: a good moment to flush.
    fn window(&mut self, _progress: &Progress) -> io::Result<()> {
        Ok(())
    }
}

/// The number of worker threads `jobs` asks for (0 = one per core).
pub fn thread_count(jobs: usize) -> usize {
    if jobs > 0 {
        jobs
    } else {
        std::thread::available_parallelism().map_or(1, |n| n.get())
    }
}

/// Processes jobs on `threads` worker threads (0 = one per core) and feeds every record to
/// `sink` in input order. Jobs are pulled lazily, at most `4 × threads` in flight, and the sink's
/// [`Sink::window`] runs after every such window.
///
/// An `Err` from the job iterator (reading stdin failed) or from the sink (writing failed) stops
/// the batch and is returned; records already delivered stay delivered.
pub fn run_jobs<I>(
    engine: &Engine,
    jobs: I,
    threads: usize,
    sink: &mut dyn Sink,
) -> io::Result<Progress>
where
    I: Iterator<Item = io::Result<Job>>,
{
    run_jobs_from(engine, jobs, threads, Progress::default(), sink)
}

/// [`run_jobs`] with counters that start at `start` (records kept by a resumed run).
pub fn run_jobs_from<I>(
    engine: &Engine,
    jobs: I,
    threads: usize,
    start: Progress,
    sink: &mut dyn Sink,
) -> io::Result<Progress>
where
    I: Iterator<Item = io::Result<Job>>,
{
    let threads = thread_count(threads);
    let window = threads * 4;
    std::thread::scope(|scope| {
        let (job_tx, job_rx) = mpsc::sync_channel::<(usize, Job)>(window);
        let job_rx = Arc::new(Mutex::new(job_rx));
        let (out_tx, out_rx) = mpsc::channel::<(usize, u64, Output)>();
        for _ in 0..threads {
            let rx = Arc::clone(&job_rx);
            let tx = out_tx.clone();
            scope.spawn(move || loop {
                let next = {
                    let guard = rx.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
                    guard.recv()
                };
                let Ok((i, job)) = next else { break };
                let len = job.len();
                let out = engine.process_job(job);
                if tx.send((i, len, out)).is_err() {
                    break;
                }
            });
        }
        drop(out_tx);

        let mut p = start;
        let mut ready: BTreeMap<usize, (u64, Output)> = BTreeMap::new();
        let (mut submitted, mut emitted, mut in_window) = (0usize, 0usize, 0usize);
        let mut exhausted = false;
        let mut jobs = jobs;
        let result = loop {
            while !exhausted && submitted - emitted < window {
                match jobs.next() {
                    None => exhausted = true,
                    Some(Err(e)) => return Err(e),
                    Some(Ok(Job::Ready(out))) => {
                        ready.insert(submitted, (0, out));
                        submitted += 1;
                    }
                    Some(Ok(job)) => {
                        if job_tx.send((submitted, job)).is_err() {
                            return Err(io::Error::other("the worker threads stopped"));
                        }
                        submitted += 1;
                    }
                }
            }
            while let Some((len, out)) = ready.remove(&emitted) {
                emitted += 1;
                p.done += 1;
                p.bytes += len;
                p.failed += out.is_error() as usize;
                sink.record(&out, &p)?;
                in_window += 1;
                if in_window == window {
                    in_window = 0;
                    sink.window(&p)?;
                }
            }
            if emitted == submitted {
                if exhausted {
                    break sink.window(&p).map(|()| p);
                }
                // Nothing in flight: go and take more jobs rather than wait for a result.
                continue;
            }
            // The next record in order is on a worker: wait for any result.
            match out_rx.recv() {
                Ok((i, len, out)) => {
                    ready.insert(i, (len, out));
                }
                Err(_) => break Err(io::Error::other("the worker threads stopped")),
            }
        };
        // Let the workers go: no more jobs, and nobody listens for their results.
        drop(job_tx);
        drop(out_rx);
        result
    })
}

#[cfg(test)]
mod tests;
