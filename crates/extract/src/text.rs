//! Lines, tolerant label matching and sentence bounds: the small text tools every extractor uses.
//!
//! Everything here works in byte offsets into the original text. Folding (lowercase plus
//! `fold_diacritics`) is only ever used to *compare*, never to compute offsets, because folding
//! changes byte lengths (`ä` is two bytes, `a` one).

use rensa_core::{fold_diacritic, lower_latin1};

/// The text with every box-drawing character (`┌─┬─┐`, `│`, U+2500–U+257F) replaced by three
/// spaces, or `None` when there is none.
///
/// A programme drawn as a framed table (`│ 18.30–18.45 │ Välkomna │`) reads like a tabbed one
/// once its frame is blank: the cells keep their columns and every rule that reads gaps reads
/// them. Each such character is three bytes in UTF-8, so three spaces keep every byte offset,
/// and spans into the returned text are spans into the original.
pub(crate) fn unframe(text: &str) -> Option<String> {
    // U+2500–U+257F are E2 94 xx and E2 95 xx in UTF-8.
    let framed = text
        .as_bytes()
        .windows(2)
        .any(|w| w[0] == 0xE2 && (w[1] == 0x94 || w[1] == 0x95));
    if !framed {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if ('\u{2500}'..='\u{257F}').contains(&c) {
            out.push_str("   ");
        } else {
            out.push(c);
        }
    }
    Some(out)
}

/// One line of the input, without its line terminator.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Line<'a> {
    /// Byte offset of the first byte of the line.
    pub start: usize,
    /// Byte offset just past the last byte (before `\r\n` / `\n`).
    pub end: usize,
    /// The line's text.
    pub text: &'a str,
}

impl<'a> Line<'a> {
    /// The line without leading and trailing whitespace, with the absolute offset of its start.
    pub fn trimmed(&self) -> (usize, &'a str) {
        let t = self.text.trim_start();
        let start = self.start + (self.text.len() - t.len());
        (start, t.trim_end())
    }

    /// True for an empty or whitespace-only line.
    pub fn is_blank(&self) -> bool {
        self.text.trim().is_empty()
    }

    /// Number of leading whitespace characters (a tab counts as four).
    pub fn indent(&self) -> usize {
        let mut n = 0;
        for c in self.text.chars() {
            match c {
                '\t' => n += 4,
                c if c.is_whitespace() => n += 1,
                _ => break,
            }
        }
        n
    }
}

/// Splits `text` into lines with byte offsets (`\n` and `\r\n` terminators).
pub(crate) fn lines(text: &str) -> Vec<Line<'_>> {
    let mut out = Vec::with_capacity(text.len() / 40 + 1);
    let mut start = 0;
    for (i, b) in text.bytes().enumerate() {
        if b == b'\n' {
            let mut end = i;
            if end > start && text.as_bytes()[end - 1] == b'\r' {
                end -= 1;
            }
            out.push(Line {
                start,
                end,
                text: &text[start..end],
            });
            start = i + 1;
        }
    }
    out.push(Line {
        start,
        end: text.len(),
        text: &text[start..],
    });
    out
}

/// Spans kept so far, none overlapping another, by start. Being disjoint, the spans that
/// start before a new span's end also end in order, so the last of them is the only one that
/// can reach into it: one map lookup instead of a scan of every span kept (which was
/// quadratic in a long document).
#[derive(Default)]
pub(crate) struct DisjointSpans(std::collections::BTreeMap<usize, usize>);

impl DisjointSpans {
    /// Keeps `a..b` (not empty) unless it overlaps a span kept; whether it was kept.
    pub fn insert(&mut self, a: usize, b: usize) -> bool {
        if self.0.range(..b).next_back().is_some_and(|(_, &e)| a < e) {
            return false;
        }
        self.0.insert(a, b);
        true
    }
}

/// Index of the line containing byte `pos`.
pub(crate) fn line_of(lines: &[Line<'_>], pos: usize) -> usize {
    match lines.binary_search_by(|l| {
        if pos < l.start {
            std::cmp::Ordering::Greater
        } else if pos > l.end {
            std::cmp::Ordering::Less
        } else {
            std::cmp::Ordering::Equal
        }
    }) {
        Ok(i) => i,
        Err(i) => i.saturating_sub(1).min(lines.len().saturating_sub(1)),
    }
}

/// Lowercase and diacritics folded: the form labels are compared in.
pub(crate) fn fold(s: &str) -> String {
    if s.is_ascii() {
        return s.to_ascii_lowercase();
    }
    // One pass, one allocation (labels and names are folded a great many times). Latin-1
    // letters, nearly all the non-ASCII text here, skip Unicode's case tables.
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if let Some(l) = lower_latin1(c) {
            out.push(fold_diacritic(l));
        } else {
            for l in c.to_lowercase() {
                out.push(fold_diacritic(l));
            }
        }
    }
    out
}

/// One character lowercased and folded.
pub(crate) fn fold_char(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    if let Some(l) = lower_latin1(c) {
        return fold_diacritic(l);
    }
    fold_diacritic(c.to_lowercase().next().unwrap_or(c))
}

/// If `s` starts with `label` (given folded; a space in it matches any run of whitespace),
/// returns the byte length of the matched prefix of `s`. The label must end at a word boundary.
pub(crate) fn match_label(s: &str, label: &str) -> Option<usize> {
    let mut it = s.char_indices().peekable();
    for lc in label.chars() {
        let (_, c) = it.next()?;
        if lc == ' ' {
            if !c.is_whitespace() {
                return None;
            }
            while it.peek().is_some_and(|&(_, c2)| c2.is_whitespace()) {
                it.next();
            }
            continue;
        }
        if fold_char(c) != lc {
            return None;
        }
    }
    match it.peek() {
        Some(&(_, c)) if c.is_alphanumeric() => None,
        Some(&(i, _)) => Some(i),
        None => Some(s.len()),
    }
}

/// How a label introduces its value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum LabelStyle {
    /// `Plats: Folkets Hus`.
    Colon,
    /// `PLATS` alone on a line, the value on the next non-blank line.
    Heading,
    /// `Målgruppe er personer ...`, `Arrangör är ...`.
    Copula,
    /// `Kostnadsfritt`: the label is itself the value.
    Bare,
}

/// A label found at the start of a line, with the span of its value.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Labelled<T> {
    /// What the label means.
    pub kind: T,
    /// Index of the line the label is on.
    pub line: usize,
    /// Absolute span of the label itself.
    pub label: (usize, usize),
    /// How the value follows.
    pub style: LabelStyle,
    /// Absolute span of the value (the rest of the line, or the next non-blank line).
    pub value: (usize, usize),
    /// Index of the line the value is on.
    pub value_line: usize,
}

/// A table of labels, folded once, longest first so `anmäl senast` wins over `anmäl`.
/// Labels are indexed by their first (folded) letter: a line is compared only with the labels
/// that can start it, in the same longest-first order.
pub(crate) struct LabelTable<T: Copy> {
    entries: Vec<(String, T)>,
    by_first: std::collections::HashMap<char, Vec<usize>>,
}

impl<T: Copy> LabelTable<T> {
    pub fn new(raw: &[(&str, T)]) -> LabelTable<T> {
        let mut entries: Vec<(String, T)> = raw.iter().map(|(l, k)| (fold(l), *k)).collect();
        entries.sort_by_key(|(l, _)| std::cmp::Reverse(l.chars().count()));
        let mut by_first: std::collections::HashMap<char, Vec<usize>> = Default::default();
        for (i, (l, _)) in entries.iter().enumerate() {
            if let Some(c) = l.chars().next() {
                by_first.entry(c).or_default().push(i);
            }
        }
        LabelTable { entries, by_first }
    }

    /// Every label (folded), longest first.
    pub fn labels(&self) -> impl Iterator<Item = &str> {
        self.entries.iter().map(|(l, _)| l.as_str())
    }

    /// The entries whose label could match at the start of `t` (`match_label` compares the
    /// folded first letter), longest first.
    pub fn starting(&self, t: &str) -> impl Iterator<Item = &(String, T)> {
        t.chars()
            .next()
            .map(fold_char)
            .and_then(|c| self.by_first.get(&c))
            .into_iter()
            .flatten()
            .map(|&i| &self.entries[i])
    }

    /// Matches a label at the start of line `i`. `bare_ok` accepts a label followed by other
    /// words without a colon (the label itself is then the start of the value).
    pub fn at_line(&self, lines: &[Line<'_>], i: usize, bare_ok: bool) -> Option<Labelled<T>> {
        let (ls, t) = lines.get(i)?.trimmed();
        let t = t.trim_start_matches(['•', '·', '▪', '◦', '*']).trim_start();
        let ls = ls + (lines[i].trimmed().1.len() - t.len());
        for (label, kind) in self.starting(t) {
            let Some(n) = match_label(t, label) else {
                continue;
            };
            let rest = &t[n..];
            let after = rest.trim_start();
            let mut pos = ls + n + (rest.len() - after.len());
            let label_span = (ls, ls + n);
            let (style, vstart) = if let Some(r) = after.strip_prefix(':') {
                pos += 1;
                let r2 = r.trim_start();
                (LabelStyle::Colon, pos + (r.len() - r2.len()))
            } else if after.is_empty() {
                (LabelStyle::Heading, pos)
            } else if let Some(c) = copula_len(after) {
                let r = &after[c..];
                let r2 = r.trim_start();
                (LabelStyle::Copula, pos + c + (r.len() - r2.len()))
            } else if bare_ok {
                (LabelStyle::Bare, ls)
            } else {
                continue;
            };
            let line_end = lines[i].trimmed().0 + lines[i].trimmed().1.len();
            if vstart < line_end {
                return Some(Labelled {
                    kind: *kind,
                    line: i,
                    label: label_span,
                    style,
                    value: (vstart, line_end),
                    value_line: i,
                });
            }
            // Heading style, or a colon with nothing after it: the next non-blank line (at most
            // one blank line in between).
            let mut j = i + 1;
            while j < lines.len() && j <= i + 2 && lines[j].is_blank() {
                j += 1;
            }
            let Some(line) = lines.get(j).filter(|l| !l.is_blank()) else {
                // Nothing follows: only a label that is its own value (`Gratis`) stands.
                return bare_ok.then_some(Labelled {
                    kind: *kind,
                    line: i,
                    label: label_span,
                    style: LabelStyle::Bare,
                    value: label_span,
                    value_line: i,
                });
            };
            let (vs, vt) = line.trimmed();
            return Some(Labelled {
                kind: *kind,
                line: i,
                label: label_span,
                style: if style == LabelStyle::Colon {
                    LabelStyle::Colon
                } else {
                    LabelStyle::Heading
                },
                value: (vs, vs + vt.len()),
                value_line: j,
            });
        }
        None
    }
}

/// Length of a copula (`er`, `är`, `e`) at the start of `s`, followed by whitespace.
fn copula_len(s: &str) -> Option<usize> {
    for w in ["er", "är", "ar", "e"] {
        if let Some(n) = match_label(s, w) {
            if s[n..].starts_with(char::is_whitespace) {
                return Some(n);
            }
        }
    }
    None
}

/// End of the first sentence in `text[start..end]`: after `.`, `!` or `?` that is followed by
/// whitespace and an uppercase letter or a digit, or by the end.
pub(crate) fn first_sentence_end(text: &str, start: usize, end: usize) -> usize {
    let s = &text[start..end];
    for (i, c) in s.char_indices() {
        if matches!(c, '.' | '!' | '?') {
            let rest = &s[i + 1..];
            let t = rest.trim_start();
            if t.is_empty() {
                return start + i + 1;
            }
            if t.len() < rest.len()
                && t.chars()
                    .next()
                    .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
            {
                return start + i + 1;
            }
        }
    }
    end
}

/// True if a line starts with a list bullet.
pub(crate) fn is_bullet_line(t: &str) -> bool {
    let t = t.trim_start();
    let mut cs = t.chars();
    match cs.next() {
        Some('•' | '·' | '▪' | '◦' | '*' | '¢' | '-' | '–') => {
            cs.next().is_some_and(char::is_whitespace)
        }
        Some('o') => cs.next().is_some_and(|c| c == ' ' || c == '\t'),
        _ => false,
    }
}

/// The sentence around byte `pos`: bounded by sentence punctuation, blank lines, bullet lines
/// and at most 500 bytes either way.
pub(crate) fn sentence_around(text: &str, lines: &[Line<'_>], pos: usize) -> (usize, usize) {
    let li = line_of(lines, pos);
    // Paragraph bounds, looked for no further than the 500 bytes the sentence may reach: a
    // line that starts that far before `pos` (or ends that far after it) decides the same as
    // the paragraph's first (or last) would, since a sentence end is judged by the text after
    // it up to its next word, and the result is cut at 500 bytes anyway. Without the bound a
    // paragraph of thousands of lines (a long contact list) cost a walk over all of them for
    // every address in it.
    let reach_back = pos.saturating_sub(500);
    let reach_on = pos + 500;
    let mut first = li;
    while first > 0
        && !lines[first - 1].is_blank()
        && !is_bullet_line(lines[first].text)
        && lines[first].trimmed().0 > reach_back
    {
        first -= 1;
    }
    let mut last = li;
    while last + 1 < lines.len()
        && !lines[last + 1].is_blank()
        && !is_bullet_line(lines[last + 1].text)
        && {
            let (s, t) = lines[last].trimmed();
            s + t.len() < reach_on
        }
    {
        last += 1;
    }
    let para_start = lines[first].trimmed().0;
    let para_end = {
        let (s, t) = lines[last].trimmed();
        s + t.len()
    };
    let pos = pos.clamp(para_start, para_end);
    // Backward: the last sentence end before pos.
    let mut start = para_start;
    let head = &text[para_start..pos];
    for (i, c) in head.char_indices().rev() {
        if matches!(c, '.' | '!' | '?') {
            let rest = &head[i + 1..];
            let t = rest.trim_start();
            if t.len() < rest.len()
                && t.chars()
                    .next()
                    .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
            {
                start = para_start + i + 1 + (rest.len() - t.len());
                break;
            }
        }
    }
    let end = first_sentence_end(text, pos, para_end);
    let start = start.max(pos.saturating_sub(500));
    let start = (start..=pos)
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(pos);
    let end = end.min(pos + 500);
    let end = (end..=text.len())
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(text.len());
    (start, end)
}

/// Collapses runs of whitespace to one space and trims.
pub(crate) fn squash(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// Trims `text[s..e]` of whitespace and the given trailing characters; returns the new span.
pub(crate) fn trim_span(text: &str, s: usize, e: usize, trailing: &[char]) -> (usize, usize) {
    let t = &text[s..e];
    let a = t.trim_start();
    let s2 = s + (t.len() - a.len());
    let b = a.trim_end().trim_end_matches(trailing).trim_end();
    (s2, s2 + b.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn label_matching_is_tolerant() {
        assert_eq!(match_label("Narvarande: x", &fold("närvarande")), Some(10));
        assert_eq!(match_label("NÄRVARANDE", &fold("närvarande")), Some(11));
        assert_eq!(match_label("Närvarandet", &fold("närvarande")), None);
        assert_eq!(
            match_label("Anmäl  senast: 3", &fold("anmäl senast")),
            Some(14)
        );
    }

    #[test]
    fn latin1_folding_and_squashing() {
        assert_eq!(
            fold("ÅÄÖ Æble Øst ÉÜ×ß Ǆ İ"),
            "aao able ost eu×ß ǆ i\u{307}"
        );
        assert_eq!(squash("  a \t b\n\nc  "), "a b c");
    }

    #[test]
    fn sentences() {
        let t = "Ingen avgift. Meddela förhinder.";
        assert_eq!(first_sentence_end(t, 0, t.len()), 13);
        let t = "till t.ex. verksamhet. Nu";
        assert_eq!(first_sentence_end(t, 0, t.len()), 22);
    }
}
