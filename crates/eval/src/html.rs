//! One self-contained HTML page for a report: inline CSS and SVG, no scripts, fonts or links out.
//!
//! The page has the summary (`<table id="summary">`), the totals per language
//! (`id="languages"`), the edits by rule with the words they fixed and broke (`id="rules"`),
//! a bar plot of WER before and after per document (inline SVG,
//! `id="wer-plot"`), the per-pair table (`id="pairs"`), field scores when they were run
//! (`id="fields"`), and for each document the damaged text beside the cleaned text with every
//! edit marked. A mark's colour goes from red (confidence 0) through yellow to green
//! (confidence 1); its tooltip (`title`) names the rule, the confidence and the change. Every
//! piece of text is HTML-escaped. Documents are folded (`<details>`) except the first.

use std::fmt::Write as _;

use crate::{DocView, Report};

/// Escapes `& < > " '` for text and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 16);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

const CSS: &str = "
body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;margin:1.5rem;color:#1b1b1b;max-width:1400px}
h1{font-size:1.5rem;margin:0 0 .3rem}h2{font-size:1.15rem;margin:1.6rem 0 .5rem;border-bottom:1px solid #ddd}
.meta{color:#555;font-size:.85rem}
table{border-collapse:collapse;font-size:.85rem;margin:.3rem 0}
th,td{border:1px solid #d4d4d4;padding:.2rem .5rem;text-align:right}
th{background:#f1f1f1}td.l,th.l{text-align:left}
tr.err td{background:#fde8e8}
.grid{display:grid;grid-template-columns:1fr 1fr;gap:.6rem}
pre{white-space:pre-wrap;word-break:break-word;font-size:.78rem;line-height:1.35;background:#fafafa;border:1px solid #e2e2e2;padding:.5rem;margin:0}
mark{border-radius:2px;padding:0 1px;color:#000}
mark.ins{font-weight:bold}
details{margin:.4rem 0}summary{cursor:pointer;font-weight:600}
.legend span{display:inline-block;padding:0 .4rem;margin-right:.2rem;border-radius:2px;font-size:.8rem}
svg text{font-family:system-ui,sans-serif;font-size:11px}
";

/// Background colour of an edit mark: red at confidence 0, yellow at 0.5, green at 1.
pub fn confidence_colour(confidence: f32) -> String {
    let c = if confidence.is_finite() {
        confidence.clamp(0.0, 1.0)
    } else {
        0.0
    };
    format!("hsl({:.0},85%,78%)", c * 120.0)
}

/// Renders the report and the cleaned documents as one HTML page.
pub fn render(report: &Report, views: &[DocView]) -> String {
    let mut h = String::with_capacity(64 * 1024 + views.len() * 16 * 1024);
    h.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    h.push_str("<title>rensa eval report</title>\n<style>");
    h.push_str(CSS);
    h.push_str("</style>\n</head>\n<body>\n<h1>rensa eval report</h1>\n");
    let settings: Vec<String> = report
        .settings
        .iter()
        .map(|(k, v)| format!("{k} = {v}"))
        .collect();
    let _ = writeln!(
        h,
        "<p class=\"meta\">schema {} · {}</p>",
        escape(&report.schema),
        escape(&settings.join(" · "))
    );
    summary_table(&mut h, report);
    languages_table(&mut h, report);
    rules_table(&mut h, report);
    if !report.pairs.is_empty() {
        h.push_str("<h2>WER per document</h2>\n");
        wer_plot(&mut h, report);
        pairs_table(&mut h, report);
    }
    fields_table(&mut h, report);
    if !views.is_empty() {
        h.push_str(
            "<h2>Documents: damaged and cleaned</h2>\n<p class=\"legend\">Edit confidence: ",
        );
        for c in [0.0f32, 0.25, 0.5, 0.75, 1.0] {
            let _ = write!(
                h,
                "<span style=\"background:{}\">{c:.2}</span>",
                confidence_colour(c)
            );
        }
        h.push_str(" — hover a mark for its rule, confidence and change.</p>\n");
        for (i, v) in views.iter().enumerate() {
            document(&mut h, i, v, report);
        }
    }
    h.push_str("</body>\n</html>\n");
    h
}

fn pct(x: f64) -> String {
    format!("{:.2}%", x * 100.0)
}

fn summary_table(h: &mut String, r: &Report) {
    h.push_str("<h2>Summary</h2>\n<table id=\"summary\">\n");
    let mut row = |k: &str, v: String| {
        let _ = writeln!(
            h,
            "<tr><th class=\"l\">{}</th><td>{}</td></tr>",
            escape(k),
            escape(&v)
        );
    };
    if let Some(s) = &r.summary {
        row("pairs", s.pairs.to_string());
        row("gold words", s.words.to_string());
        row(
            "CER",
            format!("{} → {}", pct(s.cer_before), pct(s.cer_after)),
        );
        row(
            "WER",
            format!("{} → {}", pct(s.wer_before), pct(s.wer_after)),
        );
        row(
            "word errors removed",
            format!("{:.1}%", s.errors_removed * 100.0),
        );
        row("words fixed", s.fixed.to_string());
        row("words broken", s.broken.to_string());
        if s.residue.total() > 0 {
            row("errors left", s.residue.line());
        }
        row(
            "throughput",
            format!(
                "{:.2} MB/s ({} bytes in {:.3} s)",
                s.mb_per_s, s.bytes, s.seconds
            ),
        );
    }
    if let Some(c) = &r.clean_text {
        row(
            "clean text",
            format!(
                "{} of {} correct words changed ({:.2} per 5,000)",
                c.changed, c.words, c.per_5000
            ),
        );
    }
    if let Some(all) = r.fields.as_ref().and_then(|f| f.summary.get("all")) {
        row(
            "fields (all)",
            format!(
                "P {:.3} R {:.3} F1 {:.3}",
                all.precision, all.recall, all.f1
            ),
        );
    }
    h.push_str("</table>\n");
}

fn languages_table(h: &mut String, r: &Report) {
    if r.languages.is_empty() {
        return;
    }
    h.push_str("<h2>By language</h2>\n<table id=\"languages\">\n<tr><th class=\"l\">language</th><th>pairs</th><th>words</th><th>CER before</th><th>CER after</th><th>WER before</th><th>WER after</th><th>fixed</th><th>broken</th></tr>\n");
    for (lang, s) in &r.languages {
        let _ = writeln!(
            h,
            "<tr><td class=\"l\">{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            escape(lang),
            s.pairs,
            s.words,
            pct(s.cer_before),
            pct(s.cer_after),
            pct(s.wer_before),
            pct(s.wer_after),
            s.fixed,
            s.broken
        );
    }
    h.push_str("</table>\n");
}

/// The edits by rule, most edits first (see [`crate::rules`]).
fn rules_table(h: &mut String, r: &Report) {
    let Some(s) = r.summary.as_ref().filter(|s| !s.rules.is_empty()) else {
        return;
    };
    h.push_str("<h2>By rule</h2>\n<table id=\"rules\">\n<tr><th class=\"l\">rule</th><th>edits</th><th>touching a fixed word</th><th>touching a broken word</th></tr>\n");
    for (rule, x) in crate::rules::most_edits_first(&s.rules) {
        let _ = writeln!(
            h,
            "<tr><td class=\"l\">{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            escape(rule),
            x.edits,
            x.fixed,
            x.broken
        );
    }
    h.push_str("</table>\n");
}

fn pairs_table(h: &mut String, r: &Report) {
    h.push_str("<table id=\"pairs\">\n<tr><th class=\"l\">pair</th><th class=\"l\">lang</th><th>words</th><th>CER before</th><th>CER after</th><th>WER before</th><th>WER after</th><th>fixed</th><th>broken</th><th>edits</th></tr>\n");
    for (i, p) in r.pairs.iter().enumerate() {
        let _ = writeln!(
            h,
            "<tr{}><td class=\"l\"><a href=\"#doc-{i}\">{}</a>{}</td><td class=\"l\">{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            if p.error.is_some() { " class=\"err\"" } else { "" },
            escape(&p.name),
            p.error
                .as_ref()
                .map(|e| format!(" (error: {})", escape(e)))
                .unwrap_or_default(),
            escape(p.lang.as_deref().unwrap_or("")),
            p.words,
            pct(p.cer_before),
            pct(p.cer_after),
            pct(p.wer_before),
            pct(p.wer_after),
            p.fixed,
            p.broken,
            p.edits
        );
    }
    h.push_str("</table>\n");
}

fn fields_table(h: &mut String, r: &Report) {
    let Some(f) = &r.fields else { return };
    h.push_str("<h2>Fields</h2>\n<table id=\"fields\">\n<tr><th class=\"l\">field</th><th>gold</th><th>extracted</th><th>matched</th><th>precision</th><th>recall</th><th>F1</th></tr>\n");
    for (k, c) in crate::fields::summary_in_order(f) {
        let _ = writeln!(
            h,
            "<tr><td class=\"l\">{}</td><td>{}</td><td>{}</td><td>{}</td><td>{:.3}</td><td>{:.3}</td><td>{:.3}</td></tr>",
            escape(k),
            c.gold,
            c.predicted,
            c.matched,
            c.precision,
            c.recall,
            c.f1
        );
    }
    h.push_str("</table>\n");
}

/// Horizontal grouped bars: WER before (grey) and after (blue) per document.
fn wer_plot(h: &mut String, r: &Report) {
    const LABEL: f64 = 330.0;
    const PLOT: f64 = 600.0;
    const ROW: f64 = 24.0;
    const TOP: f64 = 28.0;
    let max = r
        .pairs
        .iter()
        .map(|p| p.wer_before.max(p.wer_after))
        .fold(0.0f64, f64::max);
    // Axis up to the next 10 % (at least 10 %).
    let axis = ((max * 10.0).ceil() / 10.0).max(0.1);
    let height = TOP + ROW * r.pairs.len() as f64 + 24.0;
    let width = LABEL + PLOT + 110.0;
    let _ = writeln!(
        h,
        "<svg id=\"wer-plot\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{width:.0}\" height=\"{height:.0}\" viewBox=\"0 0 {width:.0} {height:.0}\" role=\"img\" aria-label=\"WER before and after per document\">"
    );
    let _ = writeln!(
        h,
        "<rect x=\"{LABEL}\" y=\"6\" width=\"12\" height=\"10\" fill=\"#b9b9b9\"/><text x=\"{}\" y=\"15\">WER before</text><rect x=\"{}\" y=\"6\" width=\"12\" height=\"10\" fill=\"#2f6fbf\"/><text x=\"{}\" y=\"15\">WER after</text>",
        LABEL + 16.0,
        LABEL + 100.0,
        LABEL + 116.0
    );
    let ticks = (axis * 10.0).round() as usize;
    for t in 0..=ticks {
        let x = LABEL + PLOT * (t as f64 / ticks.max(1) as f64);
        let _ = writeln!(
            h,
            "<line x1=\"{x:.1}\" y1=\"{TOP}\" x2=\"{x:.1}\" y2=\"{:.1}\" stroke=\"#e3e3e3\"/><text x=\"{x:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{}%</text>",
            height - 20.0,
            height - 6.0,
            t * 10
        );
    }
    for (i, p) in r.pairs.iter().enumerate() {
        let y = TOP + ROW * i as f64;
        let wb = PLOT * (p.wer_before / axis).min(1.0);
        let wa = PLOT * (p.wer_after / axis).min(1.0);
        let name: String = if p.name.chars().count() > 48 {
            let mut n: String = p.name.chars().take(47).collect();
            n.push('…');
            n
        } else {
            p.name.clone()
        };
        let _ = writeln!(
            h,
            "<g><title>{}: WER {} → {}</title><text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">{}</text><rect x=\"{LABEL}\" y=\"{:.1}\" width=\"{wb:.1}\" height=\"9\" fill=\"#b9b9b9\"/><rect x=\"{LABEL}\" y=\"{:.1}\" width=\"{wa:.1}\" height=\"9\" fill=\"#2f6fbf\"/><text x=\"{:.1}\" y=\"{:.1}\">{}</text></g>",
            escape(&p.name),
            pct(p.wer_before),
            pct(p.wer_after),
            LABEL - 6.0,
            y + 14.0,
            escape(&name),
            y + 2.0,
            y + 11.0,
            LABEL + wb.max(wa) + 4.0,
            y + 14.0,
            escape(&format!("{} → {}", pct(p.wer_before), pct(p.wer_after)))
        );
    }
    h.push_str("</svg>\n");
}

fn document(h: &mut String, i: usize, v: &DocView, r: &Report) {
    let score = r.pairs.iter().find(|p| p.name == v.name);
    let head = match score {
        Some(s) => format!(
            "{} — WER {} → {}, {} edits",
            v.name,
            pct(s.wer_before),
            pct(s.wer_after),
            v.cleaned.edits.len()
        ),
        None => v.name.clone(),
    };
    let _ = writeln!(
        h,
        "<details id=\"doc-{i}\" class=\"doc\"{}><summary>{}</summary>",
        if i == 0 { " open" } else { "" },
        escape(&head)
    );
    let (left, right) = marked(v);
    let _ = writeln!(
        h,
        "<div class=\"grid\"><div><b>damaged (decoded)</b><pre class=\"damaged\">{left}</pre></div><div><b>cleaned</b><pre class=\"cleaned\">{right}</pre></div></div>\n</details>"
    );
}

/// The damaged and cleaned texts, escaped, with every edit wrapped in a `<mark>`.
fn marked(v: &DocView) -> (String, String) {
    let c = &v.cleaned;
    let orig = c.original.as_str();
    let mut left = String::with_capacity(orig.len() * 2);
    let mut right = String::with_capacity(c.text.len() * 2);
    let mut pos = 0;
    for e in &c.edits {
        // Edits are sorted and non-overlapping; anything else falls back to plain text.
        let (Some(before), Some(from)) = (orig.get(pos..e.start), orig.get(e.start..e.end)) else {
            return (escape(orig), escape(&c.text));
        };
        if e.start < pos {
            return (escape(orig), escape(&c.text));
        }
        left.push_str(&escape(before));
        right.push_str(&escape(before));
        let title = escape(&format!(
            "{} · confidence {:.2} · {:?} → {:?}",
            e.rule, e.confidence, from, e.to
        ));
        let colour = confidence_colour(e.confidence);
        let mark = |out: &mut String, text: &str| {
            let (class, shown) = if text.is_empty() {
                (" class=\"ins\"", "‸".to_string())
            } else {
                ("", escape(text))
            };
            let _ = write!(
                out,
                "<mark{class} style=\"background:{colour}\" title=\"{title}\">{shown}</mark>"
            );
        };
        mark(&mut left, from);
        mark(&mut right, &e.to);
        pos = e.end;
    }
    match orig.get(pos..) {
        Some(rest) => {
            left.push_str(&escape(rest));
            right.push_str(&escape(rest));
        }
        None => return (escape(orig), escape(&c.text)),
    }
    (left, right)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::Cleaned;
    use rensa_core::{Document, EditKind, StageEdit};
    use std::collections::BTreeMap;

    #[test]
    fn escapes_markup() {
        assert_eq!(
            escape("<a href=\"x\">&'"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&#39;"
        );
    }

    #[test]
    fn marks_edits_on_both_sides() {
        let mut doc = Document::new("frdn <mote>");
        doc.apply(vec![
            StageEdit::new(0..4, "från", EditKind::Ocr, "restore.ocr-confusion", 0.9),
            StageEdit::new(6..10, "möte", EditKind::Ocr, "restore.ocr-confusion", 0.3),
        ])
        .unwrap();
        let v = DocView {
            name: "x<y".into(),
            cleaned: Cleaned {
                original: doc.original().to_string(),
                text: doc.text().to_string(),
                edits: doc.edits().to_vec(),
                lang: None,
            },
        };
        let (l, r) = marked(&v);
        assert!(l.starts_with("<mark style=\"background:hsl(108,85%,78%)\" title=\"restore.ocr-confusion · confidence 0.90 · &quot;frdn&quot; → &quot;från&quot;\">frdn</mark> &lt;"), "{l}");
        assert!(r.contains(">från</mark> &lt;<mark"), "{r}");
        assert!(r.ends_with("möte</mark>&gt;"), "{r}");
        let page = render(&Report::new(BTreeMap::new()), &[v]);
        assert!(page.contains("x&lt;y"));
        assert!(!page.contains("x<y"));
        assert!(!page.contains("<script"));
    }

    #[test]
    fn bad_offsets_fall_back_to_plain_text() {
        let v = DocView {
            name: "x".into(),
            cleaned: Cleaned {
                original: "åb".into(),
                text: "ab".into(),
                edits: vec![rensa_core::Edit {
                    start: 1,
                    end: 2,
                    from: "?".into(),
                    to: "a".into(),
                    kind: EditKind::Ocr,
                    rule: "r".into(),
                    confidence: 1.0,
                }],
                lang: None,
            },
        };
        assert_eq!(marked(&v), ("åb".to_string(), "ab".to_string()));
    }
}
