//! `rensa eval`: accuracy and speed on damaged/gold pairs, field scores, baselines, HTML reports.

use std::collections::BTreeMap;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use rensa_eval::baseline::{compare, Comparison, Tolerances};
use rensa_eval::fields::FieldsReport;
use rensa_eval::{Cleaned, Report};
use rensa_record::{make_id, Output};

use crate::{engine, write_atomic, Common, Status};

const EVAL_HELP: &str = "\
Examples:
  rensa eval --pairs fixtures/pairs/test
  rensa eval --pairs fixtures/pairs/seed --json > report.json
  rensa eval --pairs fixtures/pairs/test --save-baseline eval-baseline.json
  rensa eval --pairs fixtures/pairs/test --baseline eval-baseline.json --tolerance 0.005
  rensa eval --fields fixtures/golden/fields
  rensa eval --pairs fixtures/pairs/test --html report.html

Exit status: 0 all good, 1 a pair or document failed to process or a checked metric got worse
than the baseline beyond its tolerance, 2 usage or fatal error (unreadable folder or baseline).";

/// Arguments of `rensa eval`.
#[derive(clap::Args, Debug)]
#[command(after_long_help = EVAL_HELP)]
pub(crate) struct EvalArgs {
    #[command(flatten)]
    common: Common,
    /// Folder of NAME.ocr.txt / NAME.gold.txt pairs (searched recursively).
    ///
    /// A pair named like `sv-…`, `nb-…`, `nn-…` or `da-…` counts for that language in the
    /// per-language totals; other pairs count for the language the cleaner detected.
    #[arg(long, value_name = "DIR", required_unless_present = "fields")]
    pairs: Option<PathBuf>,
    /// Folder of gold field files NAME.fields.json: score extraction (precision, recall, F1).
    ///
    /// Each NAME.fields.json is compared with what `rensa extract` finds in the document beside
    /// it: `NAME.ocr.txt` (cleaned first), `NAME.txt`, `NAME.gold.txt` or `NAME.<lang>.txt`, the first
    /// that exists. May be the same folder as --pairs. Example: --fields fixtures/golden/fields
    #[arg(long, value_name = "DIR")]
    fields: Option<PathBuf>,
    /// Print the report as JSON (format `rensa.eval/1`, documented in the rensa-eval crate).
    #[arg(long)]
    json: bool,
    /// Print one line per pair (and per field document) too.
    #[arg(long)]
    verbose: bool,
    /// Write this run's JSON report to FILE (atomically), to compare later runs with.
    ///
    /// Example: --save-baseline eval-baseline.json
    #[arg(long, value_name = "FILE")]
    save_baseline: Option<PathBuf>,
    /// Compare this run with a report saved by --save-baseline; exit 1 if a metric got worse.
    ///
    /// Prints a table of the metrics that moved (metric, baseline, now, delta, verdict).
    /// Checked: CER and WER after, words broken and fixed per gold word, clean-text changes per
    /// 5,000 words, field F1. Reported only: CER/WER before, per-language WER, per-document
    /// moves, and throughput (unless --tolerance-speed). Example: --baseline eval-baseline.json
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,
    /// Absolute worsening allowed for rates (CER, WER, broken/fixed per word, field F1).
    ///
    /// 0.002 is 0.2 percentage points. Example: --tolerance 0.005
    #[arg(long, value_name = "RATE", default_value_t = 0.002, value_parser = parse_non_negative)]
    tolerance: f64,
    /// Absolute worsening allowed for clean-text changes per 5,000 words.
    #[arg(long, value_name = "N", default_value_t = 0.5, value_parser = parse_non_negative)]
    tolerance_per_5000: f64,
    /// Also fail when throughput fell by more than this fraction (timing is noisy: off by default).
    ///
    /// Example: --tolerance-speed 0.25 fails when cleaning got more than 25 % slower.
    #[arg(long, value_name = "FRAC", value_parser = parse_non_negative)]
    tolerance_speed: Option<f64>,
    /// Write a self-contained HTML report (WER plot, tables, damaged and cleaned texts with
    /// every edit marked) to FILE.
    ///
    /// Example: --html report.html
    #[arg(long, value_name = "FILE")]
    html: Option<PathBuf>,
}

/// `--json` output: the report (keys in documented order) and, with `--baseline`, `comparison`.
#[derive(serde::Serialize)]
struct JsonOut<'a> {
    #[serde(flatten)]
    report: &'a Report,
    #[serde(skip_serializing_if = "Option::is_none")]
    comparison: Option<&'a Comparison>,
}

fn parse_non_negative(s: &str) -> Result<f64, String> {
    let v: f64 = s.parse().map_err(|_| format!("{s:?} is not a number"))?;
    if !v.is_finite() || v < 0.0 {
        return Err(format!("{v} is not a non-negative number"));
    }
    Ok(v)
}

pub(crate) fn eval_cmd(args: EvalArgs) -> Result<Status> {
    let engine = engine(&args.common, args.fields.is_some())?;
    let mut settings: BTreeMap<String, serde_json::Value> = BTreeMap::new();
    settings.insert(
        "lang".into(),
        args.common
            .lang
            .0
            .map_or("auto", |l| l.code())
            .to_string()
            .into(),
    );
    // Through the shortest decimal string, so 0.6 stays 0.6 and not 0.6000000238418579.
    let decimal = |v: f32| -> f64 { v.to_string().parse().unwrap_or(f64::from(v)) };
    settings.insert(
        "min_confidence".into(),
        decimal(args.common.min_confidence).into(),
    );
    if let Some(p) = args.common.damage_prior {
        settings.insert("damage_prior".into(), decimal(p).into());
    }
    if !args.common.dict.is_empty() {
        let dicts: Vec<String> = args
            .common
            .dict
            .iter()
            .map(|d| d.display().to_string())
            .collect();
        settings.insert("dict".into(), dicts.into());
    }
    if !args.common.disable_rule.is_empty() {
        settings.insert(
            "disabled_rules".into(),
            args.common.disable_rule.clone().into(),
        );
    }
    if let Some(d) = &args.pairs {
        settings.insert("pairs_dir".into(), d.display().to_string().into());
    }
    if let Some(d) = &args.fields {
        settings.insert("fields_dir".into(), d.display().to_string().into());
    }
    let mut report = Report::new(settings);
    let mut views = Vec::new();
    if let Some(dir) = &args.pairs {
        let pairs = rensa_eval::find_pairs(dir)?;
        let cleaner = |b: &[u8]| -> Result<Cleaned, String> {
            engine
                .clean(b)
                .map(|c| Cleaned {
                    original: c.doc.original().to_string(),
                    text: c.doc.text().to_string(),
                    edits: c.doc.edits().to_vec(),
                    // A document restored in two languages is scored as `da+nb`, not as
                    // the language that dominates it.
                    lang: Some(
                        c.languages
                            .iter()
                            .map(|l| l.code())
                            .collect::<Vec<_>>()
                            .join("+"),
                    ),
                })
                .map_err(|e| e.to_string())
        };
        let run = rensa_eval::evaluate_pairs(&pairs, &cleaner)?;
        report.set_pairs(&run);
        report.clean_text = Some(rensa_eval::evaluate_clean(&pairs, &cleaner)?);
        views = run.views;
    }
    if let Some(dir) = &args.fields {
        let cases = rensa_eval::fields::find_field_cases(dir)?;
        let extractor = |b: &[u8]| -> Result<serde_json::Value, String> {
            match engine.process("eval", &make_id("eval"), b) {
                Output::Ok(rec) => Ok(rec.fields),
                Output::Err(e) => Err(format!("{}: {}", e.error.kind, e.error.message)),
            }
        };
        report.fields = Some(rensa_eval::fields::evaluate_fields(&cases, &extractor)?);
    }

    // Load the baseline before saving, so one file can be both.
    let comparison = match &args.baseline {
        Some(path) => {
            let base = Report::load(path).context("reading the baseline")?;
            let tol = Tolerances {
                rate: args.tolerance,
                per_5000: args.tolerance_per_5000,
                speed: args.tolerance_speed,
            };
            Some(compare(&base, &report, &tol))
        }
        None => None,
    };
    if let Some(path) = &args.save_baseline {
        let mut bytes = serde_json::to_vec_pretty(&report)?;
        bytes.push(b'\n');
        write_atomic(path, &bytes)?;
    }
    if let Some(path) = &args.html {
        write_atomic(path, rensa_eval::html::render(&report, &views).as_bytes())?;
    }

    let mut out = io::stdout().lock();
    if args.json {
        let v = JsonOut {
            report: &report,
            comparison: comparison.as_ref(),
        };
        writeln!(out, "{}", serde_json::to_string_pretty(&v)?)?;
    } else {
        print_text(&mut out, &report, args.verbose)?;
        if let Some(c) = &comparison {
            print_comparison(&mut out, c, args.baseline.as_deref())?;
        }
    }
    out.flush()?;
    drop(out);

    let mut status = 0;
    for p in report.pairs.iter().filter(|p| p.error.is_some()) {
        note!(
            "rensa: {}: {}",
            p.name,
            p.error.as_deref().unwrap_or("cleaning failed")
        );
        status = 1;
    }
    if let Some(f) = &report.fields {
        for d in f.documents.iter().filter(|d| d.error.is_some()) {
            note!(
                "rensa: {}: {}",
                d.input,
                d.error.as_deref().unwrap_or("extraction failed")
            );
            status = 1;
        }
    }
    if let (Some(c), Some(path)) = (&comparison, &args.baseline) {
        if c.is_worse() {
            note!(
                "rensa: worse than the baseline {}: {}",
                path.display(),
                c.worse.join(", ")
            );
            status = 1;
        }
    }
    Ok(status)
}

fn print_text(out: &mut impl Write, report: &Report, verbose: bool) -> Result<()> {
    if let Some(s) = &report.summary {
        if verbose {
            writeln!(
                out,
                "{:<48} {:>6} {:>8} {:>8} {:>8} {:>8} {:>6} {:>6}",
                "pair", "words", "CER bef", "CER aft", "WER bef", "WER aft", "fixed", "broken"
            )?;
            for p in &report.pairs {
                writeln!(
                    out,
                    "{:<48} {:>6} {:>7.2}% {:>7.2}% {:>7.2}% {:>7.2}% {:>6} {:>6}",
                    p.name,
                    p.words,
                    p.cer_before * 100.0,
                    p.cer_after * 100.0,
                    p.wer_before * 100.0,
                    p.wer_after * 100.0,
                    p.fixed,
                    p.broken
                )?;
            }
        }
        writeln!(out, "pairs            {}", s.pairs)?;
        writeln!(out, "gold words       {}", s.words)?;
        writeln!(
            out,
            "CER              {:.2}% -> {:.2}%",
            s.cer_before * 100.0,
            s.cer_after * 100.0
        )?;
        writeln!(
            out,
            "WER              {:.2}% -> {:.2}%",
            s.wer_before * 100.0,
            s.wer_after * 100.0
        )?;
        writeln!(out, "word errors removed {:.1}%", s.errors_removed * 100.0)?;
        writeln!(out, "words fixed      {}", s.fixed)?;
        writeln!(out, "words broken     {}", s.broken)?;
        if s.residue.total() > 0 {
            writeln!(out, "errors left      {}", s.residue.line())?;
        }
        print_rules(out, &s.rules, verbose)?;
        if let Some(clean) = &report.clean_text {
            writeln!(
                out,
                "clean text       {} of {} correct words changed ({:.2} per 5,000)",
                clean.changed, clean.words, clean.per_5000
            )?;
            if !clean.rules.is_empty() {
                let by: Vec<String> = clean
                    .rules
                    .iter()
                    .map(|(rule, n)| format!("{rule} {n}"))
                    .collect();
                writeln!(out, "  edits by rule: {}", by.join(", "))?;
            }
            for e in clean.examples.iter().take(10) {
                writeln!(out, "  changed: {e}")?;
            }
        }
        writeln!(
            out,
            "throughput       {:.2} MB/s ({} bytes in {:.3} s)",
            s.mb_per_s, s.bytes, s.seconds
        )?;
        writeln!(out, "by language")?;
        for (lang, l) in &report.languages {
            writeln!(
                out,
                "  {:<8} {:>3} pairs {:>6} words  CER {:>6.2}% -> {:>5.2}%  WER {:>6.2}% -> {:>5.2}%  fixed {:>5}  broken {:>3}",
                lang,
                l.pairs,
                l.words,
                l.cer_before * 100.0,
                l.cer_after * 100.0,
                l.wer_before * 100.0,
                l.wer_after * 100.0,
                l.fixed,
                l.broken
            )?;
        }
    }
    if let Some(f) = &report.fields {
        print_fields(out, f, verbose)?;
    }
    Ok(())
}

/// The edits by rule: every rule with `--verbose`, else the rules whose edits broke words.
fn print_rules(
    out: &mut impl Write,
    rules: &std::collections::BTreeMap<String, rensa_eval::RuleScore>,
    verbose: bool,
) -> Result<()> {
    if verbose {
        writeln!(
            out,
            "by rule          edits (touching a fixed word / a broken word)"
        )?;
        for (rule, r) in rensa_eval::rules::most_edits_first(rules) {
            writeln!(
                out,
                "  {rule:<36} {:>6} ({:>6} / {:>3})",
                r.edits, r.fixed, r.broken
            )?;
        }
    } else {
        let mut breaking: Vec<(&str, usize)> = rules
            .iter()
            .filter(|(_, r)| r.broken > 0)
            .map(|(rule, r)| (rule.as_str(), r.broken))
            .collect();
        breaking.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        if !breaking.is_empty() {
            let line: Vec<String> = breaking.iter().map(|(r, n)| format!("{r} {n}")).collect();
            writeln!(out, "broken by rule   {}", line.join(", "))?;
        }
    }
    Ok(())
}

fn print_fields(out: &mut impl Write, f: &FieldsReport, verbose: bool) -> Result<()> {
    writeln!(out, "fields           {} documents", f.documents.len())?;
    writeln!(
        out,
        "  {:<12} {:>5} {:>9} {:>7} {:>9} {:>7} {:>6}",
        "field", "gold", "extracted", "matched", "precision", "recall", "F1"
    )?;
    for (k, c) in rensa_eval::fields::summary_in_order(f) {
        writeln!(
            out,
            "  {:<12} {:>5} {:>9} {:>7} {:>9.3} {:>7.3} {:>6.3}",
            k, c.gold, c.predicted, c.matched, c.precision, c.recall, c.f1
        )?;
    }
    if verbose {
        for d in &f.documents {
            let all = rensa_eval::fields::Counts::new(
                d.scores.values().map(|c| c.gold).sum(),
                d.scores.values().map(|c| c.predicted).sum(),
                d.scores.values().map(|c| c.matched).sum(),
            );
            writeln!(
                out,
                "  {}: F1 {:.3} (P {:.3} R {:.3})",
                d.name, all.f1, all.precision, all.recall
            )?;
            for m in &d.misses {
                writeln!(out, "    {m}")?;
            }
        }
    }
    Ok(())
}

fn print_comparison(out: &mut impl Write, c: &Comparison, path: Option<&Path>) -> Result<()> {
    writeln!(
        out,
        "\nbaseline         {}: {}",
        path.map(|p| p.display().to_string()).unwrap_or_default(),
        if c.is_worse() {
            format!("worse ({})", c.worse.join(", "))
        } else {
            "nothing got worse".to_string()
        }
    )?;
    out.write_all(c.table().as_bytes())?;
    Ok(())
}
