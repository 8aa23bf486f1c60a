//! The `rensa` command line: glue between clap, the pipeline and the terminal.
//!
//! stdout carries data only; every message goes to stderr prefixed `rensa: `. Exit status: 0 when
//! every input succeeded, 1 when some input got an error record, 2 for usage or fatal errors.
//! A broken pipe on stdout ends the program quietly with status 0.

use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use clap::{Args, Parser, Subcommand};
use rensa_core::{Lang, Vocabulary};
use rensa_lexicon::Lexicons;
use rensa_pipeline::{Engine, Settings};

/// `eprintln!` that does not panic when stderr is gone (`rensa run … 2>&1 | head -1`): a
/// message that cannot be shown is dropped, and the exit status still says what happened.
macro_rules! note {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}

mod eval;
mod run;

use eval::eval_cmd;
use rensa_record::{make_id, Output};
use run::{run_cmd, write_atomic};

/// mimalloc instead of the system allocator: restore makes many small short-lived allocations
/// per document (token vectors, readings, edits), and glibc's malloc cost about an eighth of
/// its instructions on damaged text.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

const AFTER_HELP: &str = "\
Exit status: 0 all inputs succeeded, 1 some input got an error record, 2 usage or fatal error.";

/// Clean damaged scans of Nordic municipal paperwork into searchable records.
///
/// rensa repairs mojibake and OCR damage in Swedish, Norwegian (Bokmål, Nynorsk) and Danish text,
/// records every change with its rule and confidence so the original stays recoverable, and
/// extracts dates, attendees, agenda items and other fields as JSON.
#[derive(Parser, Debug)]
#[command(name = "rensa", version, after_help = AFTER_HELP)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Print the cleaned text of one document.
    ///
    /// Raw bytes in (any encoding), cleaned UTF-8 text out on stdout, nothing else on stdout.
    ///
    /// Examples:
    ///   rensa clean fixtures/seeds/004_de5f27487ccbe17b.txt
    ///   rensa clean --lang sv --edits edits.jsonl scan.txt > clean.txt
    ///   cat scan.txt | rensa clean -
    #[command(after_help = AFTER_HELP)]
    Clean {
        #[command(flatten)]
        common: Common,
        /// Write the edit log as JSON Lines to this file.
        #[arg(long, value_name = "FILE")]
        edits: Option<PathBuf>,
        /// The document (`-` for stdin).
        #[arg(default_value = "-")]
        input: PathBuf,
    },
    /// Print one JSON record (cleaned text, edits, fields) for one document.
    ///
    /// Examples:
    ///   rensa extract fixtures/seeds/000_82b30c070fc9e967.txt
    ///   rensa extract --compact - < minutes.txt
    #[command(after_help = AFTER_HELP)]
    Extract {
        #[command(flatten)]
        common: Common,
        /// One line instead of pretty JSON.
        #[arg(long)]
        compact: bool,
        /// The document (`-` for stdin).
        #[arg(default_value = "-")]
        input: PathBuf,
    },
    /// Clean every file under the paths; one JSON record per line, in input order.
    ///
    /// Directories are walked recursively in sorted order; hidden files are skipped. A bad input
    /// gets an error record and a message on stderr, and the run goes on.
    ///
    /// Examples:
    ///   rensa run fixtures/seeds -o records.jsonl
    ///   rensa run --jobs 2 archive/ > records.jsonl
    #[command(after_help = AFTER_HELP)]
    Run(run::RunArgs),
    /// Measure cleaning on damaged/gold text pairs: CER, WER, words fixed and broken, speed.
    ///
    /// Reads NAME.ocr.txt (damaged) and NAME.gold.txt (truth) pairs under DIR, cleans each
    /// damaged text and compares; also cleans the gold texts to count false changes.
    ///
    /// Examples:
    ///   rensa eval --pairs fixtures/pairs/test
    ///   rensa eval --pairs fixtures/pairs/seed --json > report.json
    #[command(after_help = AFTER_HELP)]
    Eval(eval::EvalArgs),
    /// List every rule that can appear in an edit, with its kind and what it repairs.
    ///
    /// Example:
    ///   rensa rules
    Rules,
    /// Show the candidates and scores behind the decision for one word.
    ///
    /// Examples:
    ///   rensa explain Samverkansradet
    ///   rensa explain --prior 0.002 far
    Explain {
        /// Language.
        #[arg(long, default_value = "sv")]
        lang: Lang,
        /// Damage prior of the document (0.002 clean, about 0.5 badly damaged).
        #[arg(long, default_value_t = 0.5)]
        prior: f32,
        /// The word.
        word: String,
    },
}

/// Options every document-processing command takes.
#[derive(Args, Debug, Clone)]
pub(crate) struct Common {
    /// Language of the input (`auto` detects it).
    #[arg(long, default_value = "auto", value_parser = parse_lang, value_name = "auto|sv|nb|nn|da")]
    lang: LangChoice,
    /// Only make changes at least this confident (0 to 1).
    #[arg(long, default_value_t = 0.6, value_parser = parse_confidence)]
    min_confidence: f32,
    /// Treat every document as damaged to this degree (0 to 1) instead of measuring it: a
    /// stress test of what restore would change in text known to be correct (0.8 is a page
    /// OCR'd with the wrong language model).
    #[arg(long, value_parser = parse_confidence, value_name = "P")]
    damage_prior: Option<f32>,
    /// Add a word list of your own (one word per line, optional TAB zipf).
    #[arg(long, value_name = "FILE")]
    dict: Vec<PathBuf>,
    /// Never change text matching this regular expression (repeatable), e.g. case numbers:
    /// --protect 'KS\s?\d{4}/\d+'.
    #[arg(long, value_name = "REGEX", value_parser = parse_regex)]
    protect: Vec<regex::Regex>,
    /// Do not make the edits of this restore rule (repeatable; `rensa rules` lists them, and
    /// `rensa eval --verbose` shows which break words), e.g. --disable-rule restore.letter-model.
    #[arg(long, value_name = "RULE", value_parser = parse_rule)]
    disable_rule: Vec<String>,
    /// Repair encodings only: skip the restoration of letters OCR lost.
    #[arg(long)]
    skip_restore: bool,
    /// Refuse inputs larger than this many bytes.
    #[arg(long, default_value_t = 64 * 1024 * 1024)]
    max_bytes: u64,
}

/// `--lang`: a language, or `auto` to detect it per document.
#[derive(Debug, Clone, Copy)]
struct LangChoice(Option<Lang>);

fn parse_lang(s: &str) -> Result<LangChoice, String> {
    if s == "auto" {
        return Ok(LangChoice(None));
    }
    s.parse::<Lang>()
        .map(|l| LangChoice(Some(l)))
        .map_err(|e| e.to_string())
}

fn parse_regex(s: &str) -> Result<regex::Regex, String> {
    regex::Regex::new(s).map_err(|e| e.to_string())
}

/// A restore rule's name, as `rensa rules` lists it. The decode rules are how the bytes are
/// read, not repairs one can leave out, so they are refused with the rest.
fn parse_rule(s: &str) -> Result<String, String> {
    let rules = rensa_restore::rules();
    if rules.iter().any(|r| r.name == s) {
        return Ok(s.to_string());
    }
    let names: Vec<&str> = rules.iter().map(|r| r.name).collect();
    Err(if s.starts_with("decode.") {
        format!(
            "{s} is a decode rule: decoding is how the bytes are read and cannot be turned \
             off rule by rule; restore rules are: {}",
            names.join(", ")
        )
    } else {
        format!("no restore rule {s:?}; the rules are: {}", names.join(", "))
    })
}

fn parse_confidence(s: &str) -> Result<f32, String> {
    let v: f32 = s.parse().map_err(|_| format!("{s:?} is not a number"))?;
    if !(0.0..=1.0).contains(&v) {
        return Err(format!("{v} is not between 0 and 1"));
    }
    Ok(v)
}

/// What a command did: 0 or 1 (2 is for errors, decided in `main`).
type Status = u8;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    match run(cli) {
        Ok(status) => ExitCode::from(status),
        Err(e) => {
            if is_broken_pipe(&e) {
                return ExitCode::SUCCESS;
            }
            note!("rensa: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<io::Error>()
            .is_some_and(|io| io.kind() == io::ErrorKind::BrokenPipe)
    })
}

fn engine(common: &Common, extract: bool) -> Result<Engine> {
    let mut lex = Lexicons::embedded().context("loading the embedded dictionaries")?;
    for d in &common.dict {
        lex.add_user_words(d)
            .with_context(|| format!("loading word list {}", d.display()))?;
    }
    let mut settings = Settings {
        lang: common.lang.0,
        extract,
        max_bytes: common.max_bytes,
        ..Settings::default()
    };
    settings.restore.min_confidence = common.min_confidence;
    settings.restore.damage_prior = common.damage_prior;
    settings.run_restore = !common.skip_restore;
    settings.restore.protect = common.protect.clone();
    settings.restore.disabled = common.disable_rule.clone();
    Ok(Engine::new(lex, settings))
}

fn read_input(path: &Path, max: u64) -> Result<(String, Vec<u8>)> {
    if path == Path::new("-") {
        let mut buf = Vec::new();
        io::stdin()
            .lock()
            .take(max + 1)
            .read_to_end(&mut buf)
            .context("reading stdin")?;
        if buf.len() as u64 > max {
            bail!("stdin is over the limit of {max} bytes (--max-bytes)");
        }
        return Ok(("-".to_string(), buf));
    }
    let bytes = rensa_pipeline::read_limited(path, max).map_err(|e| anyhow::anyhow!(e.message))?;
    Ok((path.to_string_lossy().into_owned(), bytes))
}

fn run(cli: Cli) -> Result<Status> {
    match cli.command {
        Command::Clean {
            common,
            edits,
            input,
        } => {
            let engine = engine(&common, false)?;
            let (source, bytes) = read_input(&input, common.max_bytes)?;
            let cleaned = match engine.clean(&bytes) {
                Ok(c) => c,
                Err(e) => {
                    note!("rensa: {source}: {}", e.message);
                    return Ok(1);
                }
            };
            if let Some(path) = edits {
                let mut buf = Vec::new();
                for e in cleaned.doc.edits() {
                    serde_json::to_writer(&mut buf, e)?;
                    buf.push(b'\n');
                }
                write_atomic(&path, &buf)?;
            }
            let mut out = io::stdout().lock();
            out.write_all(cleaned.doc.text().as_bytes())?;
            out.flush()?;
            Ok(0)
        }
        Command::Extract {
            common,
            compact,
            input,
        } => {
            let engine = engine(&common, true)?;
            let (source, bytes) = read_input(&input, common.max_bytes)?;
            let id = make_id(&source);
            let rec = engine.process(&source, &id, &bytes);
            let status = report_error(&rec);
            let text = if compact {
                rec.to_json_line()
            } else {
                rec.to_json_pretty()
            };
            let mut out = io::stdout().lock();
            writeln!(out, "{text}")?;
            out.flush()?;
            Ok(status)
        }
        Command::Run(args) => run_cmd(args),
        Command::Eval(args) => eval_cmd(args),
        Command::Rules => {
            let mut out = io::stdout().lock();
            writeln!(out, "{:<34} {:<9} summary", "rule", "kind")?;
            for r in rensa_decode::rules() {
                writeln!(out, "{:<34} {:<9} {}", r.name, r.kind.as_str(), r.summary)?;
            }
            for r in rensa_restore::rules() {
                writeln!(out, "{:<34} {:<9} {}", r.name, r.kind.as_str(), r.summary)?;
            }
            for (name, summary) in rensa_extract::rules() {
                writeln!(out, "{:<34} {:<9} {}", name, "field", summary)?;
            }
            Ok(0)
        }
        Command::Explain { lang, prior, word } => {
            let lex = Lexicons::embedded()?;
            let v: &dyn Vocabulary = lex.get(lang);
            let opts = rensa_restore::RestoreOptions::default();
            let d = rensa_restore::explain(&word, v, &opts, prior);
            let mut out = io::stdout().lock();
            writeln!(
                out,
                "word {:?} ({}), keep score {:.2}, damage prior {prior}",
                d.word,
                if d.known { "known" } else { "unknown" },
                d.keep_score
            )?;
            for (c, s) in &d.scored {
                writeln!(
                    out,
                    "  {:<28} score {:>6.2}  zipf {:>4.2}  parts {}  subs {}",
                    c.text,
                    s,
                    c.zipf,
                    c.parts,
                    c.subs()
                )?;
            }
            match d.change {
                Some((w, conf, rule)) => {
                    writeln!(out, "decision: {w} ({rule}, confidence {conf:.2})")?
                }
                None => writeln!(out, "decision: keep")?,
            }
            Ok(0)
        }
    }
}

fn report_error(rec: &Output) -> Status {
    if let Output::Err(e) = rec {
        note!("rensa: {}: {}", e.source, e.error.message);
        1
    } else {
        0
    }
}
