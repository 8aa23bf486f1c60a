//! The document model shared by every rensa stage: text that is repaired without ever losing the
//! original.
//!
//! A [`Document`] keeps the *decoded original* (the text exactly as it came out of the byte-level
//! decoder) and an ordered log of [`Edit`]s against it. The cleaned text is always derived from
//! those two, so the original can be reconstructed from the cleaned text plus the edit log, and a
//! record written to disk carries everything needed to undo rensa's work.
//!
//! # Coordinates
//! Every edit's `start..end` is a half-open **byte** range into the decoded original, never into
//! an intermediate text. Stages work on the current cleaned text (which is simpler for them) and
//! hand their edits to [`Document::apply`] in *current-text* coordinates; the document maps them
//! back to the original. Edits are kept sorted and non-overlapping. When a later stage rewrites
//! text an earlier stage already produced, the two edits are merged into one whose rule names
//! both, joined by `+`, and whose confidence is the product of the two.
//!
//! # What this crate does not do
//! It performs no repair itself and knows nothing about files, JSON or the CLI: decode, restore and
//! extract stages build on it, and the record crate serialises it.
//!
//! # Example
//! ```
//! use rensa_core::{Document, EditKind, StageEdit};
//!
//! let mut doc = Document::new("frdn mote");
//! doc.apply(vec![
//!     StageEdit::new(0..4, "från", EditKind::Ocr, "restore.ocr-confusion", 0.9),
//!     StageEdit::new(5..9, "möte", EditKind::Ocr, "restore.ocr-confusion", 0.8),
//! ]).unwrap();
//! assert_eq!(doc.text(), "från möte");
//! assert_eq!(doc.reconstruct_original().unwrap(), "frdn mote");
//! ```

use std::fmt;
use std::ops::Range;

mod lang;
mod token;
mod vocab;

pub use lang::Lang;
pub use token::{tokens, Token, TokenClass, Tokens};
pub use vocab::{
    fold_diacritic, fold_diacritics, lower_latin1, MemoryVocabulary, SortedWords, Vocabulary,
    WalkState,
};

/// What kind of damage an edit repairs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum EditKind {
    /// Character-set damage: mojibake, wrong code page, entities, normalisation.
    Encoding,
    /// Letters an OCR engine mangled.
    Ocr,
    /// Layout repairs: words hyphenated across line ends, specks of noise.
    Layout,
}

impl EditKind {
    /// The lowercase name used in records.
    pub fn as_str(self) -> &'static str {
        match self {
            EditKind::Encoding => "encoding",
            EditKind::Ocr => "ocr",
            EditKind::Layout => "layout",
        }
    }
}

/// One change to the decoded original, in original coordinates.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Edit {
    /// Start byte offset in the decoded original (inclusive).
    pub start: usize,
    /// End byte offset in the decoded original (exclusive).
    pub end: usize,
    /// The original text of `start..end`.
    pub from: String,
    /// What it was replaced with in the cleaned text.
    pub to: String,
    /// Kind of damage repaired.
    pub kind: EditKind,
    /// Rule name(s), `stage.family`; merged edits join their rules with `+`.
    pub rule: String,
    /// Confidence in [0, 1].
    pub confidence: f32,
}

/// An edit proposed by a stage, in coordinates of the text the stage saw.
#[derive(Debug, Clone, PartialEq)]
pub struct StageEdit {
    /// Byte range in the stage's input text.
    pub range: Range<usize>,
    /// Replacement text.
    pub to: String,
    /// Kind of damage repaired.
    pub kind: EditKind,
    /// Rule name, `stage.family` in kebab-case.
    pub rule: String,
    /// Confidence in [0, 1].
    pub confidence: f32,
}

impl StageEdit {
    /// Convenience constructor.
    pub fn new(
        range: Range<usize>,
        to: impl Into<String>,
        kind: EditKind,
        rule: impl Into<String>,
        confidence: f32,
    ) -> StageEdit {
        StageEdit {
            range,
            to: to.into(),
            kind,
            rule: rule.into(),
            confidence,
        }
    }
}

/// Why a set of edits could not be applied or undone.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum EditError {
    /// A range ran past the end of the text or was reversed.
    #[error("edit {start}..{end} is out of bounds for text of {len} bytes")]
    OutOfBounds {
        /// Range start.
        start: usize,
        /// Range end.
        end: usize,
        /// Text length in bytes.
        len: usize,
    },
    /// A range split a UTF-8 character.
    #[error("edit {start}..{end} does not fall on character boundaries")]
    NotCharBoundary {
        /// Range start.
        start: usize,
        /// Range end.
        end: usize,
    },
    /// Two edits of one batch overlap.
    #[error("edits overlap at byte {at}")]
    Overlap {
        /// Where the second edit starts.
        at: usize,
    },
    /// The cleaned text does not contain an edit's replacement where the log says it should.
    #[error("edit log does not match the cleaned text at original byte {start}")]
    Mismatch {
        /// Original start offset of the edit that did not match.
        start: usize,
    },
}

/// A text with its decoded original and the edits between them.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    original: String,
    text: String,
    edits: Vec<Edit>,
}

impl Document {
    /// A document whose decoded original is `original`, with no edits yet.
    pub fn new(original: impl Into<String>) -> Document {
        let original = original.into();
        Document {
            text: original.clone(),
            original,
            edits: Vec::new(),
        }
    }

    /// The decoded original.
    pub fn original(&self) -> &str {
        &self.original
    }

    /// The current cleaned text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The edit log, sorted by `start`, non-overlapping, in original coordinates.
    pub fn edits(&self) -> &[Edit] {
        &self.edits
    }

    /// Applies edits made against the current text (any order, non-overlapping).
    ///
    /// Edits whose replacement equals the text they replace are dropped. An edit that touches
    /// the output of an earlier edit is merged with it (see the crate docs). On error the document
    /// is left unchanged.
    pub fn apply(&mut self, batch: Vec<StageEdit>) -> Result<(), EditError> {
        self.apply_inner(batch, true)
    }

    /// [`Document::apply`] without its shortcut for a first batch, for tests that check the
    /// shortcut gives what the general path gives.
    #[doc(hidden)]
    pub fn apply_without_shortcut(&mut self, batch: Vec<StageEdit>) -> Result<(), EditError> {
        self.apply_inner(batch, false)
    }

    fn apply_inner(&mut self, mut batch: Vec<StageEdit>, shortcut: bool) -> Result<(), EditError> {
        batch.retain(|e| self.text.get(e.range.clone()) != Some(e.to.as_str()));
        if batch.is_empty() {
            return Ok(());
        }
        batch.sort_by_key(|e| (e.range.start, e.range.end));
        let len = self.text.len();
        let mut prev_end = 0;
        for e in &batch {
            let (s, t) = (e.range.start, e.range.end);
            if s > t || t > len {
                return Err(EditError::OutOfBounds {
                    start: s,
                    end: t,
                    len,
                });
            }
            if !self.text.is_char_boundary(s) || !self.text.is_char_boundary(t) {
                return Err(EditError::NotCharBoundary { start: s, end: t });
            }
            if s < prev_end {
                return Err(EditError::Overlap { at: s });
            }
            prev_end = t;
        }
        let expected = apply_plain(&self.text, &batch);
        // The usual case, a first batch whose edits neither touch earlier ones (there are
        // none) nor are two insertions at one point: each edit maps to the original as it is.
        // This is what the general path below computes, without its bookkeeping.
        let stacked_insertions = batch.windows(2).any(|w| {
            let (a, b) = (&w[0].range, &w[1].range);
            a.start == a.end && b.start == b.end && a.end == b.start
        });
        if shortcut && self.edits.is_empty() && !stacked_insertions {
            self.edits = batch
                .into_iter()
                .map(|e| Edit {
                    start: e.range.start,
                    end: e.range.end,
                    from: self.original[e.range.clone()].to_string(),
                    to: e.to,
                    kind: e.kind,
                    rule: e.rule,
                    confidence: e.confidence.clamp(0.0, 1.0),
                })
                .collect();
            self.text = expected;
            return Ok(());
        }
        let segments = self.segments();

        // 1. Widen each batch edit to cover whole earlier edits it touches.
        let mut widened: Vec<(Range<usize>, Vec<usize>)> = Vec::with_capacity(batch.len());
        for (bi, e) in batch.iter().enumerate() {
            let (mut s, mut t) = (e.range.start, e.range.end);
            // Segments are sorted by current position: only those ending at or after `s` can
            // touch, and the scan stops at the first that starts after the (growing) end.
            let first = segments.partition_point(|g| g.cur.end < s);
            for seg in segments[first..].iter() {
                if seg.cur.start > t {
                    break;
                }
                if seg.edit.is_none() {
                    continue;
                }
                let (cs, ce) = (seg.cur.start, seg.cur.end);
                let orig_empty = seg.orig.start == seg.orig.end;
                let touches = if orig_empty {
                    // An earlier insertion: anything at or across its boundaries merges, so the
                    // order of two insertions at one original point is never ambiguous.
                    s <= ce && t >= cs
                } else if cs == ce {
                    // An earlier deletion: only an edit strictly around it absorbs it.
                    s < cs && cs < t
                } else if s == t {
                    cs < s && s < ce
                } else {
                    s < ce && t > cs
                };
                if touches {
                    s = s.min(cs);
                    t = t.max(ce);
                }
            }
            // Group with the previous widened edit when they now overlap or share an
            // absorbed earlier edit.
            if let Some(last) = widened.last_mut() {
                if s < last.0.end || (s == last.0.end && s == t && last.0.start == last.0.end) {
                    last.0.end = last.0.end.max(t);
                    last.1.push(bi);
                    continue;
                }
            }
            widened.push((s..t, vec![bi]));
        }

        // 2. Map each widened range to the original and collect what it absorbs.
        let mut absorbed = vec![false; self.edits.len()];
        let mut new_edits: Vec<Edit> = Vec::with_capacity(widened.len());
        for (range, members) in &widened {
            let (s, t) = (range.start, range.end);
            let os = map_start(&segments, s, self.original.len());
            let oe = if s == t { os } else { map_end(&segments, t) };
            let mut rules: Vec<String> = Vec::new();
            let mut conf = 1.0f32;
            let mut kind: Option<EditKind> = None;
            let from = segments.partition_point(|g| g.cur.start < s);
            for g in &segments[from..] {
                if g.cur.start > t {
                    break;
                }
                let Some(ei) = g.edit else { continue };
                let prev = &self.edits[ei];
                if g.cur.end <= t && prev.start >= os && prev.end <= oe {
                    absorbed[ei] = true;
                    for r in prev.rule.split('+') {
                        if !rules.iter().any(|x| x == r) {
                            rules.push(r.to_string());
                        }
                    }
                    conf *= prev.confidence;
                    kind = Some(kind.map_or(prev.kind, |k| k.max_with(prev.kind)));
                }
            }
            // The replacement: the widened current text with this group's batch edits applied.
            let group: Vec<StageEdit> = members
                .iter()
                .map(|&bi| {
                    let e = &batch[bi];
                    StageEdit {
                        range: e.range.start - s..e.range.end - s,
                        ..e.clone()
                    }
                })
                .collect();
            let to = apply_plain(&self.text[s..t], &group);
            for &bi in members {
                let e = &batch[bi];
                if !rules.iter().any(|x| x == &e.rule) {
                    rules.push(e.rule.clone());
                }
                conf *= e.confidence;
                kind = Some(kind.map_or(e.kind, |k| k.max_with(e.kind)));
            }
            new_edits.push(Edit {
                start: os,
                end: oe,
                from: self.original[os..oe].to_string(),
                to,
                kind: kind.unwrap_or(EditKind::Ocr),
                rule: rules.join("+"),
                confidence: conf.clamp(0.0, 1.0),
            });
        }
        let mut edits: Vec<Edit> = self
            .edits
            .iter()
            .zip(&absorbed)
            .filter(|(_, &a)| !a)
            .map(|(e, _)| e.clone())
            .collect();
        edits.extend(new_edits.into_iter().filter(|e| e.from != e.to));
        // Stable sort: insertions at one point keep their text order.
        edits.sort_by_key(|e| (e.start, e.end));
        let text = render(&self.original, &edits);
        if text != expected {
            return Err(EditError::Mismatch {
                start: batch[0].range.start,
            });
        }
        self.edits = edits;
        self.text = text;
        Ok(())
    }

    /// Current-text segments: alternating unchanged original spans and edit outputs.
    fn segments(&self) -> Vec<Segment> {
        let mut segs = Vec::with_capacity(self.edits.len() * 2 + 1);
        let mut orig = 0;
        let mut cur = 0;
        for (i, e) in self.edits.iter().enumerate() {
            if e.start > orig {
                let n = e.start - orig;
                segs.push(Segment {
                    cur: cur..cur + n,
                    orig: orig..e.start,
                    edit: None,
                });
                cur += n;
            }
            segs.push(Segment {
                cur: cur..cur + e.to.len(),
                orig: e.start..e.end,
                edit: Some(i),
            });
            cur += e.to.len();
            orig = e.end;
        }
        if orig < self.original.len() {
            let n = self.original.len() - orig;
            segs.push(Segment {
                cur: cur..cur + n,
                orig: orig..self.original.len(),
                edit: None,
            });
        }
        segs
    }

    /// Rebuilds the decoded original from the cleaned text and the edit log alone.
    ///
    /// This is what a consumer of a record does; it fails if the log does not describe the text.
    pub fn reconstruct_original(&self) -> Result<String, EditError> {
        reconstruct(&self.text, &self.edits)
    }

    /// Offsets of an original byte position in the cleaned text (positions inside an edit map to
    /// the start of its replacement).
    pub fn map_to_clean(&self, orig: usize) -> usize {
        let mut delta: isize = 0;
        for e in &self.edits {
            if e.end <= orig {
                delta += e.to.len() as isize - (e.end - e.start) as isize;
            } else if e.start < orig {
                return (e.start as isize + delta) as usize;
            } else {
                break;
            }
        }
        (orig as isize + delta) as usize
    }
}

impl EditKind {
    fn max_with(self, other: EditKind) -> EditKind {
        // Encoding repairs dominate: a merged edit that includes one is reported as encoding.
        if self == EditKind::Encoding || other == EditKind::Encoding {
            EditKind::Encoding
        } else if self == EditKind::Ocr || other == EditKind::Ocr {
            EditKind::Ocr
        } else {
            EditKind::Layout
        }
    }
}

#[derive(Debug, Clone)]
struct Segment {
    cur: Range<usize>,
    orig: Range<usize>,
    edit: Option<usize>,
}

/// Applies a sorted, non-overlapping edit log to an original.
pub fn render(original: &str, edits: &[Edit]) -> String {
    let mut out = String::with_capacity(original.len() + 16);
    let mut pos = 0;
    for e in edits {
        out.push_str(&original[pos..e.start]);
        out.push_str(&e.to);
        pos = e.end;
    }
    out.push_str(&original[pos..]);
    out
}

/// Rebuilds an original from a cleaned text and its edit log (sorted, in original coordinates).
pub fn reconstruct(cleaned: &str, edits: &[Edit]) -> Result<String, EditError> {
    let mut out = String::with_capacity(cleaned.len() + 16);
    let mut cur = 0usize; // position in cleaned
    let mut orig = 0usize; // position in original
    for e in edits {
        if e.start < orig || e.end < e.start {
            return Err(EditError::Overlap { at: e.start });
        }
        let plain = e.start - orig;
        let seg = cleaned
            .get(cur..cur + plain)
            .ok_or(EditError::Mismatch { start: e.start })?;
        out.push_str(seg);
        cur += plain;
        if cleaned.get(cur..cur + e.to.len()) != Some(e.to.as_str()) {
            return Err(EditError::Mismatch { start: e.start });
        }
        if e.from.len() != e.end - e.start {
            return Err(EditError::Mismatch { start: e.start });
        }
        out.push_str(&e.from);
        cur += e.to.len();
        orig = e.end;
    }
    out.push_str(
        cleaned
            .get(cur..)
            .ok_or(EditError::Mismatch { start: orig })?,
    );
    Ok(out)
}

impl fmt::Display for Edit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}..{} {:?} -> {:?} ({}, {:.2})",
            self.start, self.end, self.from, self.to, self.rule, self.confidence
        )
    }
}

/// Applies current-text edits (sorted, non-overlapping) to a text.
fn apply_plain(text: &str, batch: &[StageEdit]) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut pos = 0;
    for e in batch {
        out.push_str(&text[pos..e.range.start]);
        out.push_str(&e.to);
        pos = e.range.end;
    }
    out.push_str(&text[pos..]);
    out
}

/// Original offset of a current-text start position that does not fall strictly inside an
/// earlier edit's output.
fn map_start(segments: &[Segment], s: usize, original_len: usize) -> usize {
    // The first segment ending after `s` is the only one that can hold it.
    let i = segments.partition_point(|g| g.cur.end <= s);
    if let Some(g) = segments.get(i) {
        match g.edit {
            None if g.cur.start <= s => return g.orig.start + (s - g.cur.start),
            Some(_) if g.cur.start == s && g.cur.start < g.cur.end => return g.orig.start,
            _ => {}
        }
    }
    original_len
}

/// Original offset of a current-text end position that does not fall strictly inside an
/// earlier edit's output.
fn map_end(segments: &[Segment], t: usize) -> usize {
    let i = segments.partition_point(|g| g.cur.end < t);
    for g in &segments[i..] {
        if g.cur.start > t {
            break;
        }
        match g.edit {
            None if g.cur.start < t && t <= g.cur.end => return g.orig.start + (t - g.cur.start),
            Some(_) if g.cur.end == t && g.cur.start < g.cur.end => return g.orig.end,
            _ => {}
        }
    }
    0
}
