//! `rensa run`: batches of files (or `--stdin-jsonl` requests) to JSON Lines or Elasticsearch
//! bulk, in input order, streamed, resumable, with progress on stderr.
//!
//! With `-o FILE` the records stream into `FILE.rensa-partial`, which is renamed to `FILE` at the
//! end; `FILE.rensa-settings` beside it holds the settings fingerprint. `--resume` keeps the
//! matching records of `FILE.rensa-partial` (or of `FILE`) and appends the rest.

use std::fs::{File, OpenOptions};
use std::io::{self, BufRead, BufReader, BufWriter, IsTerminal, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{bail, Context, Result};
use rensa_pipeline::{
    collect_inputs, resume_point, run_jobs_from, shard_of, write_record, Engine, Format, Job,
    Progress, RequestLines, Sink,
};
use rensa_record::{sha256_hex, Output};

use crate::{engine, Common, Status};

const RUN_AFTER_LONG_HELP: &str = "\
Exit status:
  0  every input got an ok record (with --stdin-jsonl: every input line got a record, ok or
     error, so that Spark's RDD.pipe(checkCode=True) does not fail the job)
  1  some input got an error record (with --stdin-jsonl only under --fail-on-record-errors)
  2  usage or fatal error (bad option, output not writable, stdin unreadable)

Files written with -o FILE:
  FILE.rensa-partial   records so far, renamed to FILE when the run completes
  FILE.rensa-settings  the settings fingerprint, which --resume compares

Examples:
  rensa run fixtures/seeds -o records.jsonl
  rensa run --jobs 2 --resume -o records.jsonl archive/
  rensa run --format es-bulk --index minutes archive/ | curl -s -H 'Content-Type: application/x-ndjson' --data-binary @- localhost:9200/_bulk
  find archive -name '*.txt' | rensa run --files-from - --shard 0/4 -o part-0.jsonl
  printf '{\"id\":\"a\",\"text\":\"Protokoll fr\u{e5}n m\u{f6}tet\"}\\n' | rensa run --stdin-jsonl";

/// Arguments of `rensa run`.
#[derive(clap::Args, Debug)]
#[command(after_long_help = RUN_AFTER_LONG_HELP)]
pub(crate) struct RunArgs {
    #[command(flatten)]
    common: Common,
    /// Write records to FILE instead of stdout (streamed into FILE.rensa-partial, renamed to FILE
    /// at the end; FILE.rensa-settings records the settings for --resume).
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Output format: `jsonl` (one record per line) or `es-bulk` (Elasticsearch/OpenSearch bulk:
    /// an action line `{"index":{"_index":NAME,"_id":ID}}` before each record line).
    #[arg(long, value_enum, default_value = "jsonl")]
    format: OutputFormat,
    /// The index named in es-bulk action lines.
    #[arg(long, value_name = "NAME", required_if_eq("format", "es-bulk"))]
    index: Option<String>,
    /// Continue an interrupted run: keep the records already in the output (same input bytes,
    /// same settings fingerprint) and append the rest; the result is byte for byte what an
    /// uninterrupted run writes. Needs -o.
    #[arg(long, requires = "output")]
    resume: bool,
    /// Read more paths from LIST, one per line (`-` for stdin); empty lines are skipped.
    #[arg(long, value_name = "LIST")]
    files_from: Option<PathBuf>,
    /// Read requests from stdin, one JSON object per line: {"id":ID,"text":TEXT} or
    /// {"id":ID,"path":PATH}. Exactly one record per line, in input order; a malformed line gets
    /// an error record with id `line-<first 16 hex of the line's SHA-256>` and kind
    /// `malformed-input`. Exits 0 when every line got a record (see --fail-on-record-errors).
    #[arg(long, conflicts_with_all = ["paths", "files_from", "shard"])]
    stdin_jsonl: bool,
    /// With --stdin-jsonl, exit 1 when some record is an error record (the default for files).
    #[arg(long)]
    fail_on_record_errors: bool,
    /// Process only shard I of N (0-based): the inputs whose source path, as given or as found
    /// under a directory argument, has FNV-1a-64 hash modulo N equal to I. Running I = 0..N-1
    /// covers every input exactly once.
    #[arg(long, value_name = "I/N", value_parser = parse_shard)]
    shard: Option<(u64, u64)>,
    /// Worker threads (0 = one per core).
    #[arg(short, long, default_value_t = 0)]
    jobs: usize,
    /// Hide progress and the summary line (records and error messages are still written).
    #[arg(short, long)]
    quiet: bool,
    /// Files and directories to process (directories recursively, in sorted order).
    #[arg(required_unless_present_any = ["files_from", "stdin_jsonl"])]
    paths: Vec<PathBuf>,
}

/// `--format`.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum OutputFormat {
    /// JSON Lines.
    Jsonl,
    /// Elasticsearch/OpenSearch bulk NDJSON.
    EsBulk,
}

fn parse_shard(s: &str) -> Result<(u64, u64), String> {
    let (i, n) = s
        .split_once('/')
        .ok_or_else(|| format!("{s:?} is not I/N (for example 0/4)"))?;
    let i: u64 = i.parse().map_err(|_| format!("{i:?} is not a number"))?;
    let n: u64 = n.parse().map_err(|_| format!("{n:?} is not a number"))?;
    if n == 0 || i >= n {
        return Err(format!("shard {i}/{n}: need 0 <= I < N"));
    }
    Ok((i, n))
}

type Jobs = Box<dyn Iterator<Item = io::Result<Job>>>;

pub(crate) fn run_cmd(args: RunArgs) -> Result<Status> {
    let engine = engine(&args.common, true)?;
    let format = match args.format {
        OutputFormat::Jsonl => Format::JsonLines,
        OutputFormat::EsBulk => Format::EsBulk {
            index: args.index.clone().unwrap_or_default(),
        },
    };
    let (jobs, total_bytes) = job_source(&args)?;
    let mut jobs = jobs.peekable();

    let show = !args.quiet && io::stderr().is_terminal();
    let bar = progress_bar(show, total_bytes);
    let start = Instant::now();

    let mut kept = Progress::default();
    let (writer, files): (Box<dyn Write>, Option<OutputFiles>) = match &args.output {
        None => (Box::new(BufWriter::new(io::stdout().lock())), None),
        // A device or pipe (`-o /dev/null`, a FIFO) is written as it is: renaming a temporary
        // file over it would replace the device with a regular file.
        Some(path) if is_special_file(path) => {
            if args.resume {
                bail!(
                    "--resume needs a regular output file, not {}",
                    path.display()
                );
            }
            let f = OpenOptions::new()
                .write(true)
                .open(path)
                .with_context(|| format!("opening {}", path.display()))?;
            (Box::new(BufWriter::new(f)), None)
        }
        Some(path) => {
            let files = OutputFiles::new(path);
            let fingerprint = fingerprint(&engine, &args.common, &format)?;
            let offset = if args.resume {
                let (offset, k) = files.resume(&engine, &fingerprint, &format, &mut jobs)?;
                kept = k;
                offset
            } else {
                0
            };
            write_atomic(&files.settings, fingerprint.as_bytes())?;
            let mut f = OpenOptions::new()
                .write(true)
                .create(true)
                .truncate(false)
                .open(&files.partial)
                .with_context(|| format!("opening {}", files.partial.display()))?;
            f.set_len(offset)
                .and_then(|()| f.seek(SeekFrom::End(0)).map(drop))
                .with_context(|| format!("truncating {}", files.partial.display()))?;
            (Box::new(BufWriter::new(f)), Some(files))
        }
    };
    bar.set_position(kept.bytes);

    let mut sink = CliSink {
        writer,
        format,
        bar: &bar,
    };
    let result = run_jobs_from(&engine, jobs, args.jobs, kept, &mut sink);
    let Progress {
        done,
        bytes,
        failed,
    } = match result {
        Ok(p) => p,
        Err(e) => {
            bar.abandon();
            let what = match &args.output {
                Some(p) => format!("writing {} (rerun with --resume to continue)", p.display()),
                None => "writing records".to_string(),
            };
            return Err(e).context(what);
        }
    };
    let CliSink { writer, .. } = sink;
    drop(writer); // flushed by the last window
    bar.finish_and_clear();
    if let Some(files) = &files {
        files.commit()?;
    }
    if !args.quiet {
        let secs = start.elapsed().as_secs_f64();
        let reused = if kept.done > 0 {
            format!(" ({} kept from the previous run)", kept.done)
        } else {
            String::new()
        };
        note!(
            "rensa: {done} documents{reused}, {failed} failed, {:.1} MB in {secs:.2} s ({:.1} MB/s){}",
            bytes as f64 / 1e6,
            (bytes - kept.bytes) as f64 / 1e6 / secs.max(1e-9),
            args.output
                .as_ref()
                .map(|p| format!(", written to {}", p.display()))
                .unwrap_or_default()
        );
    }
    let record_errors_fail = !args.stdin_jsonl || args.fail_on_record_errors;
    Ok(if failed > 0 && record_errors_fail {
        1
    } else {
        0
    })
}

/// The jobs of the run, and their total size when known up front.
fn job_source(args: &RunArgs) -> Result<(Jobs, Option<u64>)> {
    if args.stdin_jsonl {
        // A request line holds at most max-bytes of text, escaped (at most 6 bytes a byte).
        let max_line = usize::try_from(args.common.max_bytes.saturating_mul(6))
            .unwrap_or(usize::MAX)
            .saturating_add(4096);
        let lines = RequestLines::new(io::stdin().lock(), max_line);
        return Ok((Box::new(lines), None));
    }
    let mut paths = args.paths.clone();
    if let Some(list) = &args.files_from {
        paths.extend(read_list(list)?);
    }
    let mut listed = collect_inputs(&paths);
    if let Some((i, n)) = args.shard {
        listed.retain(|item| {
            let source = match item {
                Ok(input) => input.source.as_str(),
                Err(o) => match o.as_ref() {
                    Output::Err(e) => e.source.as_str(),
                    Output::Ok(r) => r.source.as_str(),
                },
            };
            shard_of(source, n) == i
        });
    }
    let total = listed.iter().flatten().map(|i| i.len).sum();
    Ok((
        Box::new(listed.into_iter().map(|r| Ok(Job::from(r)))),
        Some(total),
    ))
}

/// Paths from a `--files-from` list, one per line.
fn read_list(list: &Path) -> Result<Vec<PathBuf>> {
    let reader: Box<dyn BufRead> = if list == Path::new("-") {
        Box::new(io::stdin().lock())
    } else {
        Box::new(BufReader::new(
            File::open(list).with_context(|| format!("opening {}", list.display()))?,
        ))
    };
    let mut paths = Vec::new();
    for line in reader.split(b'\n') {
        let line = line.with_context(|| format!("reading {}", list.display()))?;
        let line = line.strip_suffix(b"\r").unwrap_or(&line);
        if !line.is_empty() {
            paths.push(path_from_bytes(line));
        }
    }
    Ok(paths)
}

#[cfg(unix)]
fn path_from_bytes(b: &[u8]) -> PathBuf {
    use std::os::unix::ffi::OsStrExt;
    PathBuf::from(std::ffi::OsStr::from_bytes(b))
}

#[cfg(not(unix))]
fn path_from_bytes(b: &[u8]) -> PathBuf {
    PathBuf::from(String::from_utf8_lossy(b).into_owned())
}

/// The settings fingerprint line written to `FILE.rensa-settings`.
fn fingerprint(engine: &Engine, common: &Common, format: &Format) -> Result<String> {
    let mut extra = vec![format.describe()];
    for d in &common.dict {
        let bytes = std::fs::read(d).with_context(|| format!("reading {}", d.display()))?;
        extra.push(format!("dict {}", sha256_hex(&bytes)));
    }
    Ok(format!("rensa-settings/1 {}\n", engine.fingerprint(&extra)))
}

/// The files of a `-o FILE` run.
struct OutputFiles {
    output: PathBuf,
    partial: PathBuf,
    settings: PathBuf,
}

impl OutputFiles {
    fn new(output: &Path) -> OutputFiles {
        let with = |suffix: &str| {
            let mut s = output.as_os_str().to_owned();
            s.push(suffix);
            PathBuf::from(s)
        };
        OutputFiles {
            output: output.to_path_buf(),
            partial: with(".rensa-partial"),
            settings: with(".rensa-settings"),
        }
    }

    /// Finds what a previous run left, keeps its matching records in `self.partial` and returns
    /// the length to keep and what it holds.
    fn resume(
        &self,
        engine: &Engine,
        fingerprint: &str,
        format: &Format,
        jobs: &mut std::iter::Peekable<Jobs>,
    ) -> Result<(u64, Progress)> {
        let prior = [&self.partial, &self.output]
            .into_iter()
            .find(|p| p.is_file())
            .cloned();
        let Some(prior) = prior else {
            return Ok((0, Progress::default()));
        };
        let same = std::fs::read_to_string(&self.settings).is_ok_and(|s| s == fingerprint);
        if !same {
            note!(
                "rensa: {}: written with other settings (see {}); starting over",
                prior.display(),
                self.settings.display()
            );
            return Ok((0, Progress::default()));
        }
        let f = File::open(&prior).with_context(|| format!("opening {}", prior.display()))?;
        let point = resume_point(engine, BufReader::new(f), format, jobs)
            .with_context(|| format!("reading {}", prior.display()))?;
        if prior == self.output {
            std::fs::rename(&self.output, &self.partial)
                .with_context(|| format!("renaming {}", self.output.display()))?;
        }
        Ok((point.offset, point.kept))
    }

    /// Makes the finished output durable and gives it its name.
    fn commit(&self) -> Result<()> {
        let f = File::open(&self.partial)
            .with_context(|| format!("opening {}", self.partial.display()))?;
        f.sync_all()
            .with_context(|| format!("syncing {}", self.partial.display()))?;
        std::fs::rename(&self.partial, &self.output)
            .with_context(|| format!("renaming to {}", self.output.display()))
    }
}

struct CliSink<'a> {
    writer: Box<dyn Write>,
    format: Format,
    bar: &'a indicatif::ProgressBar,
}

impl Sink for CliSink<'_> {
    fn record(&mut self, out: &Output, p: &Progress) -> io::Result<()> {
        if let Output::Err(e) = out {
            // Text from --stdin-jsonl has source `-`: name it by its id instead.
            let label = if e.source == "-" { &e.id } else { &e.source };
            self.bar
                .suspend(|| note!("rensa: {label}: {}", e.error.message));
        }
        write_record(&mut self.writer, out, &self.format)?;
        self.bar.set_position(p.bytes);
        self.bar
            .set_message(format!("{} docs, {} failed", p.done, p.failed));
        Ok(())
    }

    fn window(&mut self, _: &Progress) -> io::Result<()> {
        self.writer.flush()
    }
}

fn progress_bar(show: bool, total_bytes: Option<u64>) -> indicatif::ProgressBar {
    if !show {
        return indicatif::ProgressBar::hidden();
    }
    let (bar, template) = match total_bytes {
        Some(total) => (
            indicatif::ProgressBar::new(total),
            "{bar:30} {binary_bytes}/{binary_total_bytes} {binary_bytes_per_sec} ETA {eta} {msg}",
        ),
        None => (
            indicatif::ProgressBar::new_spinner(),
            "{spinner} {binary_bytes} {binary_bytes_per_sec} {elapsed} {msg}",
        ),
    };
    bar.set_style(
        indicatif::ProgressStyle::with_template(template)
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    bar.enable_steady_tick(std::time::Duration::from_millis(200));
    bar
}

/// Whether `path` exists and is not a regular file (a character device such as `/dev/null`, a
/// FIFO, a socket), following symlinks: such outputs are written in place, never replaced.
pub(crate) fn is_special_file(path: &Path) -> bool {
    std::fs::metadata(path).is_ok_and(|m| !m.is_file() && !m.is_dir())
}

/// Writes a file atomically: a temporary file beside it, then a rename. A device or pipe is
/// written in place instead (see [`is_special_file`]).
pub(crate) fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    if is_special_file(path) {
        return OpenOptions::new()
            .write(true)
            .open(path)
            .and_then(|mut f| f.write_all(bytes))
            .with_context(|| format!("writing {}", path.display()));
    }
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "out".to_string());
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let write = || -> io::Result<()> {
        let mut f = File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    };
    write()
        .inspect_err(|_| {
            let _ = std::fs::remove_file(&tmp);
        })
        .with_context(|| format!("writing {}", path.display()))
}
