//! OCR engines' XML output (ALTO and PAGE) read as the plain text it transcribes.
//!
//! Archives get OCR as XML more often than as plain text: ALTO (Library of Congress; ABBYY
//! FineReader, Tesseract's `alto` output, most libraries' digitised collections) and PAGE XML
//! (PRImA; Transkribus, OCR-D, eScriptorium). Read as text, such a file would send every tag
//! and coordinate through restore as words. Here the transcription is taken out of the markup, in
//! the order the file writes it, and the rest of the pipeline runs on that text unchanged:
//! mojibake inside a `CONTENT` attribute is still repaired, restore still joins line-end hyphens,
//! and the record's edits are relative to the extracted text (the record's decoded original).
//!
//! # Which files
//! After a BOM, whitespace, the XML declaration, processing instructions, comments and a
//! DOCTYPE, the root element decides: `alto` (any namespace prefix, any ALTO version) or `PcGts`
//! (PAGE, any version). Any other XML (HTML, TEI, hOCR, DocBook) stays plain text as before, and
//! so does a text that merely contains `<`: only these two roots at the very start count.
//!
//! # What is kept
//! - **ALTO**: each `String`'s `CONTENT`; an `SP` or two adjacent `String`s are one space; an
//!   `HYP` at a line end is a `-` (whatever glyph its `CONTENT` names: `¬`, `⸗`, a soft hyphen),
//!   left at the end of the line for restore to join or keep; each `TextLine` is a line and each
//!   `TextBlock` (and each `Page`) a paragraph, with a blank line between. `SUBS_CONTENT` (the
//!   engine's own guess at the joined word) and `ALTERNATIVE`s are not used: the text is what was
//!   printed, and restore decides what to join.
//! - **PAGE**: each `TextLine`'s own `TextEquiv/Unicode` (of several, the lowest `index`, else
//!   the first); a line without one (or with an empty one) is its `Word`s' texts joined by
//!   spaces; `Glyph` texts are never used. Lines are joined with `\n`, each `TextRegion` is a
//!   paragraph; a region without any line text falls back to its own region-level `TextEquiv`.
//! - Reading order is the order of the elements in the file. An explicit order (PAGE's
//!   `ReadingOrder`, ALTO's `IDNEXT` chain) is not followed: engines write their elements in
//!   reading order, and a wrong explicit order would cost more than it gains.
//! - Entities and character references are resolved (`&amp;`, `&#246;`); line breaks inside one
//!   line's text become spaces, so one `TextLine` is always one line.
//!
//! # Encodings
//! The bytes are first decoded as any file is (BOM, UTF-8, else the best-scoring legacy page).
//! Then a declared non-UTF-8 encoding is followed when no BOM decided: `ISO-8859-1`,
//! `ISO-8859-15`, `windows-1252`, `IBM850`/`865`/`437` and `macintosh` go through this crate's
//! own tables (so `ISO-8859-1` is real Latin-1, not windows-1252 as in browsers). A declaration
//! this crate does not know (or a UTF-8 declaration on bytes that are not UTF-8) leaves the
//! detected decoding. The label reports both: `alto+utf-8`, `page+iso-8859-1`.
//!
//! # Errors
//! A file whose root says ALTO or PAGE must be well-formed: unclosed or mismatched tags, unknown
//! entities, a bare `&`, a broken attribute or a file cut short give
//! [`DecodeError::MalformedXml`] with the line and column (in characters, 1-based) of the fault,
//! rather than a record of half a document or of tags read as words. Such a file without any
//! text is [`DecodeError::Empty`], as an empty text file is. The parser is `quick-xml` (streaming,
//! no DOM: memory stays the size of the text), with end-tag checks on.

use quick_xml::events::{BytesStart, Event};
use quick_xml::name::QName;
use quick_xml::Reader;

use crate::{DecodeError, Decoded};

/// The OCR XML formats that are read as text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Format {
    /// ALTO (`<alto>` root).
    Alto,
    /// PAGE XML (`<PcGts>` root).
    Page,
}

/// How far into a file the root element is looked for (past comments and a DOCTYPE).
const PROLOG_LIMIT: usize = 64 * 1024;

/// The format of `text` if it is an ALTO or PAGE document: the first element after the prolog is
/// the root. Anything else, including text that does not start with `<`, is `None`.
pub(crate) fn sniff(text: &str) -> Option<Format> {
    let mut rest = skip_ws(text.strip_prefix('\u{FEFF}').unwrap_or(text));
    if !rest.starts_with('<') {
        return None;
    }
    loop {
        if text.len() - rest.len() > PROLOG_LIMIT {
            return None;
        }
        rest = if let Some(r) = rest.strip_prefix("<?") {
            after(r, "?>")?
        } else if let Some(r) = rest.strip_prefix("<!--") {
            after(r, "-->")?
        } else if let Some(r) = rest.strip_prefix("<!DOCTYPE") {
            // An internal subset (`[ ... ]`) may hold `>`.
            let gt = find(r, ">")?;
            match find(r, "[") {
                Some(open) if open < gt => after(after(r, "]")?, ">")?,
                _ => &r[gt + 1..],
            }
        } else {
            break;
        };
        rest = skip_ws(rest);
    }
    let r = rest.strip_prefix('<')?;
    let end = r.find(|c: char| c.is_ascii_whitespace() || c == '>' || c == '/')?;
    let local = r[..end].rsplit(':').next()?;
    match local {
        "alto" => Some(Format::Alto),
        "PcGts" => Some(Format::Page),
        _ => None,
    }
}

fn skip_ws(s: &str) -> &str {
    s.trim_start_matches([' ', '\t', '\r', '\n'])
}

/// Byte offset of `pat` (ASCII) in the first [`PROLOG_LIMIT`] bytes of `s`.
fn find(s: &str, pat: &str) -> Option<usize> {
    let hay = &s.as_bytes()[..s.len().min(PROLOG_LIMIT)];
    hay.windows(pat.len()).position(|w| w == pat.as_bytes())
}

/// `s` after the first `pat` (ASCII, so the cut is on a character boundary).
fn after<'a>(s: &'a str, pat: &str) -> Option<&'a str> {
    find(s, pat).map(|k| &s[k + pat.len()..])
}

/// The `encoding` of an XML declaration at the start of `text`, if any.
fn declared_encoding(text: &str) -> Option<&str> {
    let rest = skip_ws(text.strip_prefix('\u{FEFF}').unwrap_or(text)).strip_prefix("<?xml")?;
    if !rest.starts_with([' ', '\t', '\r', '\n']) {
        return None;
    }
    let decl = &rest[..find(rest, "?>")?];
    let k = find(decl, "encoding")?;
    let v = skip_ws(&decl[k + "encoding".len()..]).strip_prefix('=')?;
    let v = skip_ws(v);
    let quote = v.chars().next().filter(|&q| q == '"' || q == '\'')?;
    let v = &v[1..];
    Some(&v[..v.find(quote)?])
}

/// This crate's label for a declared encoding name, for the legacy pages it decodes itself.
/// UTF-8, ASCII and names it does not know give `None`: the detected decoding stays.
fn legacy_label(declared: &str) -> Option<&'static str> {
    let name = declared.trim().to_ascii_lowercase().replace('_', "-");
    Some(match name.as_str() {
        "iso-8859-1" | "iso8859-1" | "latin1" | "latin-1" | "l1" | "iso-ir-100" | "cp819"
        | "ibm819" => "iso-8859-1",
        "iso-8859-15" | "iso8859-15" | "latin9" | "latin-9" | "l9" => "iso-8859-15",
        "windows-1252" | "cp1252" | "x-cp1252" => "windows-1252",
        "ibm850" | "cp850" | "850" => "cp850",
        "ibm865" | "cp865" | "865" => "cp865",
        "ibm437" | "cp437" | "437" => "cp437",
        "macintosh" | "mac" | "macroman" | "x-mac-roman" => "macintosh",
        _ => return None,
    })
}

/// The labels `decode_bytes` can report for an XML file: `(byte encoding, ALTO, PAGE)`.
macro_rules! xml_labels {
    ($($l:literal),* $(,)?) => {
        const LABELS: &[(&str, &str, &str)] =
            &[$(($l, concat!("alto+", $l), concat!("page+", $l))),*];
    };
}

xml_labels!(
    "utf-8",
    "utf-8-bom",
    "utf-16le",
    "utf-16be",
    "utf-32le",
    "utf-32be",
    "windows-1252",
    "iso-8859-1",
    "iso-8859-15",
    "cp850",
    "cp865",
    "cp437",
    "macintosh",
);

/// `alto+LABEL` or `page+LABEL`.
fn label(format: Format, encoding: &str) -> &'static str {
    let row = LABELS.iter().find(|r| r.0 == encoding);
    match (format, row) {
        (Format::Alto, Some(r)) => r.1,
        (Format::Page, Some(r)) => r.2,
        // Every label `bytes` returns is in the table (a test checks).
        (Format::Alto, None) => "alto",
        (Format::Page, None) => "page",
    }
}

/// Reads an ALTO or PAGE file (`decoded`: its bytes decoded as a text file) into its text.
pub(crate) fn convert(
    bytes: &[u8],
    decoded: Decoded,
    format: Format,
) -> Result<Decoded, DecodeError> {
    let decoded = follow_declaration(bytes, decoded);
    let text = extract(&decoded.text, format)?;
    Ok(Decoded {
        text,
        encoding: label(format, decoded.encoding),
        confidence: decoded.confidence,
    })
}

/// Re-decodes with a declared legacy encoding, unless a BOM (or UTF-16/32 detection) decided.
fn follow_declaration(bytes: &[u8], decoded: Decoded) -> Decoded {
    let detected_without_bom = !decoded.encoding.starts_with("utf-") || decoded.encoding == "utf-8";
    let declared = declared_encoding(&decoded.text).and_then(legacy_label);
    match declared {
        Some(l) if detected_without_bom && l != decoded.encoding => Decoded {
            text: crate::bytes::decode_legacy(bytes, l),
            encoding: l,
            confidence: 1.0,
        },
        _ => decoded,
    }
}

/// The text of an ALTO or PAGE document, or where it is malformed.
pub(crate) fn extract(xml: &str, format: Format) -> Result<String, DecodeError> {
    let mut reader = Reader::from_str(xml);
    reader.config_mut().check_end_names = true;
    let mut out = Builder::default();
    let mut page = PageState::default();
    // Open elements and where each started, for a file that ends too early.
    let mut open: Vec<(String, usize)> = Vec::new();
    loop {
        let pos = reader.buffer_position() as usize;
        let event = match reader.read_event() {
            Ok(e) => e,
            Err(e) => {
                return Err(malformed(
                    xml,
                    reader.error_position() as usize,
                    reader_error(&e),
                ))
            }
        };
        match &event {
            Event::Start(e) | Event::Empty(e) => {
                let el = Element::read(e, xml, pos)?;
                let empty = matches!(event, Event::Empty(_));
                match format {
                    Format::Alto => alto_start(&el, &mut out),
                    Format::Page => page.start(&el, empty, &mut out),
                }
                if !empty {
                    open.push((String::from_utf8_lossy(e.name().as_ref()).into_owned(), pos));
                }
            }
            Event::End(e) => {
                open.pop();
                let local = e.local_name();
                match format {
                    Format::Alto => alto_end(local.as_ref(), &mut out),
                    Format::Page => page.end(local.as_ref(), &mut out),
                }
            }
            // Character data counts only inside a PAGE `Unicode` element (ALTO keeps its text in
            // attributes); a CDATA section is the same text unescaped.
            Event::Text(t) if format == Format::Page && page.in_unicode() => {
                let s = t
                    .xml10_content()
                    .map_err(|e| malformed(xml, pos, e.to_string()))?;
                page.text(&s);
            }
            Event::CData(t) if format == Format::Page && page.in_unicode() => {
                let s = t
                    .xml10_content()
                    .map_err(|e| malformed(xml, pos, e.to_string()))?;
                page.text(&s);
            }
            Event::Text(_) | Event::CData(_) => {}
            Event::GeneralRef(r) => {
                let name = r.decode().map_err(|e| malformed(xml, pos, e.to_string()))?;
                let resolved: String = match r.resolve_char_ref() {
                    Ok(Some(c)) => c.to_string(),
                    Ok(None) => match quick_xml::escape::resolve_xml_entity(&name) {
                        Some(s) => s.to_string(),
                        None => {
                            return Err(malformed(xml, pos, format!("unknown entity `&{name};`")))
                        }
                    },
                    Err(_) => {
                        return Err(malformed(
                            xml,
                            pos,
                            format!("bad character reference `&{name};`"),
                        ))
                    }
                };
                if format == Format::Page && page.in_unicode() {
                    page.text(&resolved);
                }
            }
            Event::Eof => break,
            Event::Comment(_) | Event::Decl(_) | Event::PI(_) | Event::DocType(_) => {}
        }
    }
    if let Some((name, start)) = open.last() {
        let (line, column) = line_col(xml, *start);
        return Err(malformed(
            xml,
            xml.len(),
            format!(
                "the file ends inside <{name}> opened at line {line}, column {column} (truncated?)"
            ),
        ));
    }
    Ok(out.finish())
}

/// An element's local name and the attributes this module reads, all attributes checked.
struct Element<'a> {
    local: &'a [u8],
    content: Option<String>,
    index: Option<i64>,
}

impl<'a> Element<'a> {
    fn read(e: &'a BytesStart<'a>, xml: &str, pos: usize) -> Result<Element<'a>, DecodeError> {
        let mut el = Element {
            local: local_name(e.name()),
            content: None,
            index: None,
        };
        for a in e.attributes() {
            let a = a.map_err(|err| {
                use quick_xml::events::attributes::AttrError as A;
                let name = String::from_utf8_lossy(e.name().as_ref()).into_owned();
                // Offsets count from the element name, just after `<`.
                let (at, what) = match err {
                    A::ExpectedEq(at) => (at, "an attribute without `=`"),
                    A::ExpectedValue(at) => (at, "an attribute without a value"),
                    A::UnquotedValue(at) => (at, "an attribute value without quotes"),
                    A::ExpectedQuote(at, _) => (at, "an attribute value without its closing quote"),
                    A::Duplicated(at, _) => (at, "an attribute given twice"),
                };
                malformed(xml, pos + 1 + at, format!("{what} in <{name}>"))
            })?;
            let value = a
                .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .map_err(|err| {
                    malformed(
                        xml,
                        value_error_at(xml, &a.value, &err, pos),
                        reader_error(&err),
                    )
                })?;
            match local_name(a.key) {
                b"CONTENT" => el.content = Some(value.into_owned()),
                b"index" => el.index = value.trim().parse().ok(),
                _ => {}
            }
        }
        Ok(el)
    }
}

/// Where in `xml` an entity error inside an attribute `value` is: the reader lends the value
/// straight from the input, so its address gives its offset (else the tag's start, `tag`).
fn value_error_at(xml: &str, value: &[u8], err: &quick_xml::Error, tag: usize) -> usize {
    use quick_xml::escape::EscapeError as X;
    let within = match err {
        // The range of an unknown entity is its name, after the `&`.
        quick_xml::Error::Escape(X::UnrecognizedEntity(r, _)) => r.start.saturating_sub(1),
        quick_xml::Error::Escape(X::UnterminatedEntity(r)) => r.start,
        _ => 0,
    };
    let base = xml.as_ptr() as usize;
    let at = value.as_ptr() as usize;
    if at >= base && at + value.len() <= base + xml.len() {
        at - base + within
    } else {
        tag
    }
}

/// The name after any namespace prefix.
fn local_name(name: QName<'_>) -> &[u8] {
    let raw = name.into_inner();
    match raw.iter().rposition(|&b| b == b':') {
        Some(k) => &raw[k + 1..],
        None => raw,
    }
}

fn alto_start(el: &Element<'_>, out: &mut Builder) {
    match el.local {
        b"String" => {
            if let Some(c) = &el.content {
                out.word(c);
            }
        }
        b"SP" => out.space(),
        b"HYP" => out.hyphen(),
        b"TextLine" => {
            out.end_line();
        }
        b"TextBlock" | b"Page" => out.end_block(),
        _ => {}
    }
}

fn alto_end(local: &[u8], out: &mut Builder) {
    match local {
        b"TextLine" => {
            out.end_line();
        }
        b"TextBlock" | b"Page" => out.end_block(),
        _ => {}
    }
}

/// One `TextEquiv` of a PAGE document: its `index` and the text of its `Unicode`.
type Equiv = (Option<i64>, String);

/// The text of the equivalent with the lowest `index` (those without one count after those
/// with one), else the first.
fn best(equivs: &[Equiv]) -> Option<&str> {
    let mut best: Option<&Equiv> = None;
    for e in equivs {
        best = match (best, e.0) {
            (None, _) => Some(e),
            (Some(b), Some(i)) if !matches!(b.0, Some(j) if j <= i) => Some(e),
            (b, _) => b,
        };
    }
    best.map(|e| e.1.as_str())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum PageKind {
    Region,
    Line,
    Word,
    Equiv,
    Unicode,
    Other,
}

fn page_kind(local: &[u8]) -> PageKind {
    match local {
        b"TextRegion" => PageKind::Region,
        b"TextLine" => PageKind::Line,
        b"Word" => PageKind::Word,
        b"TextEquiv" => PageKind::Equiv,
        b"Unicode" => PageKind::Unicode,
        _ => PageKind::Other,
    }
}

/// What is being read of a PAGE document.
#[derive(Default)]
struct PageState {
    /// Kinds of the open elements.
    stack: Vec<PageKind>,
    /// The `TextEquiv` being read: whose it is, its index, its text so far.
    equiv: Option<(PageKind, Equiv)>,
    /// Inside the `Unicode` of that `TextEquiv`.
    unicode: bool,
    line_equivs: Vec<Equiv>,
    words: Vec<String>,
    word_equivs: Vec<Equiv>,
    /// Open regions: lines written before each, and its own `TextEquiv`s.
    regions: Vec<(usize, Vec<Equiv>)>,
    /// Lines written so far.
    lines: usize,
}

impl PageState {
    fn in_unicode(&self) -> bool {
        self.unicode
    }

    fn text(&mut self, s: &str) {
        if let Some((_, (_, t))) = &mut self.equiv {
            t.push_str(s);
        }
    }

    fn start(&mut self, el: &Element<'_>, empty: bool, out: &mut Builder) {
        let kind = page_kind(el.local);
        let parent = self.stack.last().copied();
        match kind {
            PageKind::Region => {
                out.end_block();
                if !empty {
                    self.regions.push((self.lines, Vec::new()));
                }
            }
            PageKind::Line => {
                self.line_equivs.clear();
                self.words.clear();
            }
            PageKind::Word => self.word_equivs.clear(),
            PageKind::Equiv if !empty => {
                self.equiv = match parent {
                    Some(p @ (PageKind::Region | PageKind::Line | PageKind::Word)) => {
                        Some((p, (el.index, String::new())))
                    }
                    _ => None,
                };
            }
            PageKind::Unicode if !empty => {
                self.unicode = parent == Some(PageKind::Equiv) && self.equiv.is_some();
            }
            _ => {}
        }
        if !empty {
            self.stack.push(kind);
        }
    }

    fn end(&mut self, local: &[u8], out: &mut Builder) {
        self.stack.pop();
        match page_kind(local) {
            PageKind::Unicode => self.unicode = false,
            PageKind::Equiv => {
                let (owner, equiv) = match self.equiv.take() {
                    Some(e) => e,
                    None => return,
                };
                match owner {
                    PageKind::Line => self.line_equivs.push(equiv),
                    PageKind::Word => self.word_equivs.push(equiv),
                    PageKind::Region => {
                        if let Some(r) = self.regions.last_mut() {
                            r.1.push(equiv);
                        }
                    }
                    _ => {}
                }
            }
            PageKind::Word => {
                if let Some(w) = best(&self.word_equivs) {
                    let w = w.trim();
                    if !w.is_empty() {
                        self.words.push(w.to_string());
                    }
                }
                self.word_equivs.clear();
            }
            PageKind::Line => {
                match best(&self.line_equivs).filter(|t| !t.trim().is_empty()) {
                    Some(t) => out.word(t.trim()),
                    None => out.word(&self.words.join(" ")),
                }
                if out.end_line() {
                    self.lines += 1;
                }
                self.line_equivs.clear();
                self.words.clear();
            }
            PageKind::Region => {
                if let Some((lines_before, equivs)) = self.regions.pop() {
                    if self.lines == lines_before {
                        if let Some(t) = best(&equivs) {
                            out.end_block();
                            for l in t.lines() {
                                out.word(l.trim());
                                if out.end_line() {
                                    self.lines += 1;
                                }
                            }
                        }
                    }
                }
                out.end_block();
            }
            PageKind::Other => {}
        }
    }
}

/// Lines and paragraphs, built word by word.
#[derive(Default)]
struct Builder {
    out: String,
    line: String,
    /// A paragraph ended since the last line written.
    new_block: bool,
}

impl Builder {
    /// Appends `w` to the line, after one space if the line has text; line breaks in `w` become
    /// spaces.
    fn word(&mut self, w: &str) {
        if w.is_empty() {
            return;
        }
        self.space();
        if w.contains(['\n', '\r']) {
            self.line
                .push_str(&w.replace("\r\n", " ").replace(['\n', '\r'], " "));
        } else {
            self.line.push_str(w);
        }
    }

    fn space(&mut self) {
        if !self.line.is_empty() && !self.line.ends_with(' ') {
            self.line.push(' ');
        }
    }

    fn hyphen(&mut self) {
        let keep = self.line.trim_end_matches(' ').len();
        self.line.truncate(keep);
        self.line.push('-');
    }

    /// Ends the line; whether it had text (and was written).
    fn end_line(&mut self) -> bool {
        let line = self.line.trim_end_matches(' ');
        if line.trim().is_empty() {
            self.line.clear();
            return false;
        }
        if !self.out.is_empty() {
            self.out
                .push_str(if self.new_block { "\n\n" } else { "\n" });
        }
        self.out.push_str(line);
        self.line.clear();
        self.new_block = false;
        true
    }

    fn end_block(&mut self) {
        self.end_line();
        self.new_block = true;
    }

    fn finish(mut self) -> String {
        self.end_line();
        if !self.out.is_empty() {
            self.out.push('\n');
        }
        self.out
    }
}

fn malformed(xml: &str, pos: usize, message: String) -> DecodeError {
    let (line, column) = line_col(xml, pos);
    DecodeError::MalformedXml {
        line,
        column,
        message,
    }
}

/// 1-based line and column (in characters) of byte `pos`.
fn line_col(text: &str, pos: usize) -> (usize, usize) {
    let mut pos = pos.min(text.len());
    while !text.is_char_boundary(pos) {
        pos -= 1;
    }
    let before = &text[..pos];
    let line_start = before.rfind('\n').map_or(0, |k| k + 1);
    (
        before.bytes().filter(|&b| b == b'\n').count() + 1,
        before[line_start..].chars().count() + 1,
    )
}

/// A parser error in words for the error record.
fn reader_error(e: &quick_xml::Error) -> String {
    use quick_xml::errors::IllFormedError as I;
    use quick_xml::escape::EscapeError as X;
    match e {
        quick_xml::Error::IllFormed(I::MismatchedEndTag { expected, found }) => {
            format!("expected </{expected}>, found </{found}>")
        }
        quick_xml::Error::IllFormed(I::UnmatchedEndTag(t)) => {
            format!("</{t}> closes no open element")
        }
        quick_xml::Error::IllFormed(I::UnclosedReference) => {
            "`&` without a closing `;` (a literal `&` is written `&amp;`)".to_string()
        }
        quick_xml::Error::Escape(X::UnrecognizedEntity(_, name)) => {
            format!("unknown entity `&{name};`")
        }
        quick_xml::Error::Escape(X::UnterminatedEntity(_)) => {
            "`&` without a closing `;` (a literal `&` is written `&amp;`)".to_string()
        }
        quick_xml::Error::Escape(X::InvalidCharRef(err)) => {
            format!("bad character reference: {err}")
        }
        // The syntax errors are all about the end of input: the file was cut short.
        quick_xml::Error::Syntax(e) => e.to_string(),
        other => other.to_string(),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::{decode_bytes, DecodeOptions};
    use std::path::{Path, PathBuf};

    fn decode(bytes: &[u8]) -> Result<Decoded, DecodeError> {
        decode_bytes(bytes, &[], &DecodeOptions::default())
    }

    fn fixtures() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/xml")
    }

    /// The `.xml` files of `dir`, sorted, checked to be exactly the ones named by `stems`, so a
    /// fixture added without its expectation fails (`unlisted` says what to add).
    fn xml_files(dir: &Path, stems: &[&str], unlisted: &str) -> Vec<PathBuf> {
        let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "xml"))
            .collect();
        v.sort();
        let found: Vec<&std::ffi::OsStr> = v.iter().map(|p| p.file_stem().unwrap()).collect();
        assert_eq!(found, stems, "{unlisted}");
        v
    }

    #[test]
    fn the_root_element_decides() {
        use Format::{Alto, Page};
        let cases: &[(&str, Option<Format>)] = &[
            ("<alto>", Some(Alto)),
            ("<alto/>", Some(Alto)),
            ("<?xml version=\"1.0\"?>\n<alto xmlns=\"http://www.loc.gov/standards/alto/ns-v4#\">", Some(Alto)),
            ("\u{FEFF} \r\n<!-- from the scanner -->\n<?pi x?><alto:alto xmlns:alto=\"a\">", Some(Alto)),
            ("<!DOCTYPE alto [ <!ENTITY v \"x>y\"> ]>\n<alto>", Some(Alto)),
            ("<!DOCTYPE alto SYSTEM \"alto.dtd\"><alto>", Some(Alto)),
            ("<PcGts xmlns=\"http://schema.primaresearch.org/PAGE/gts/pagecontent/2013-07-15\">", Some(Page)),
            ("<?xml version='1.0' encoding='UTF-8'?><pc:PcGts xmlns:pc='p'>", Some(Page)),
            // Other XML, HTML, and text that merely has a `<`: plain text as before.
            ("<?xml version=\"1.0\"?>\n<TEI xmlns=\"http://www.tei-c.org/ns/1.0\">", None),
            ("<!DOCTYPE html>\n<html><body>alto</body></html>", None),
            ("<?xml version=\"1.0\"?><document><alto>", None),
            ("<altoFile>", None),
            ("<Alto>", None),
            ("<pcgts>", None),
            ("Protokoll <alto> från mötet", None),
            ("< 5 år: gratis", None),
            ("<<alto>>", None),
            ("<!-- not closed <alto>", None),
            ("<?xml version=\"1.0\"", None),
            ("<alto", None),
            ("", None),
            ("   ", None),
        ];
        for (text, want) in cases {
            assert_eq!(sniff(text), *want, "{text:?}");
        }
    }

    #[test]
    fn alto_and_page_text_comes_out_in_file_order() {
        use Format::{Alto, Page};
        let cases: &[(&str, Format, &str, &str)] = &[
            (
                "SP and adjacent Strings are one space",
                Alto,
                r#"<alto><TextLine><String CONTENT="kl."/><String CONTENT="18.00"/><SP/><SP/><String CONTENT="i"/></TextLine></alto>"#,
                "kl. 18.00 i\n",
            ),
            (
                "leading and trailing SP are dropped",
                Alto,
                r#"<alto><TextLine><SP/><String CONTENT="Möte"/><SP/></TextLine></alto>"#,
                "Möte\n",
            ),
            (
                "HYP is a hyphen at the line end whatever its glyph; SUBS_CONTENT is not used",
                Alto,
                r#"<alto><TextBlock>
                    <TextLine><String CONTENT="sam" SUBS_TYPE="HypPart1" SUBS_CONTENT="samverkan"/><HYP CONTENT="¬"/></TextLine>
                    <TextLine><String CONTENT="verkan" SUBS_TYPE="HypPart2" SUBS_CONTENT="samverkan"/><SP/><String CONTENT="och"/><SP/><String CONTENT="kom"/><HYP/></TextLine>
                    <TextLine><String CONTENT="munen"/></TextLine>
                </TextBlock></alto>"#,
                "sam-\nverkan och kom-\nmunen\n",
            ),
            (
                "blocks and pages are paragraphs, empty lines and blocks vanish",
                Alto,
                r#"<alto:alto xmlns:alto="x"><alto:Layout>
                    <alto:Page><alto:PrintSpace>
                    <alto:TextBlock><alto:TextLine><alto:String CONTENT="Dagordning"/></alto:TextLine></alto:TextBlock>
                    <alto:TextBlock><alto:TextLine/><alto:TextLine><alto:SP/></alto:TextLine></alto:TextBlock>
                    <alto:ComposedBlock><alto:TextBlock>
                      <alto:TextLine><alto:String CONTENT="1."/><alto:SP/><alto:String CONTENT="Val"/></alto:TextLine>
                      <alto:TextLine><alto:String CONTENT="2."/><alto:SP/><alto:String CONTENT="Budget"/></alto:TextLine>
                    </alto:TextBlock></alto:ComposedBlock>
                    </alto:PrintSpace></alto:Page>
                    <alto:Page><alto:PrintSpace><alto:TextBlock><alto:TextLine><alto:String CONTENT="Sida 2"/></alto:TextLine></alto:TextBlock></alto:PrintSpace></alto:Page>
                </alto:Layout></alto:alto>"#,
                "Dagordning\n\n1. Val\n2. Budget\n\nSida 2\n",
            ),
            (
                "entities and character references in CONTENT; ALTERNATIVE and other text is not used",
                Alto,
                r#"<alto><Description>Tesseract</Description><TextLine>
                    <String CONTENT="Kultur&#x2d;"/><SP/><String CONTENT="&amp;"/><SP/><String CONTENT="fritid&#246;&quot;"><ALTERNATIVE>fritid</ALTERNATIVE></String>
                </TextLine></alto>"#,
                "Kultur- & fritidö\"\n",
            ),
            (
                "a line break inside a CONTENT does not split the line",
                Alto,
                r#"<alto><TextLine><String CONTENT="a&#10;b"/><String CONTENT="c"/></TextLine></alto>"#,
                "a b c\n",
            ),
            (
                "the line-level TextEquiv with the lowest index; Word and Glyph text unused",
                Page,
                r#"<PcGts><Page><TextRegion><TextLine>
                    <Word><Glyph><TextEquiv><Unicode>X</Unicode></TextEquiv></Glyph><TextEquiv><Unicode>Ord</Unicode></TextEquiv></Word>
                    <TextEquiv index="2"><Unicode>andra</Unicode></TextEquiv>
                    <TextEquiv index="1"><Unicode>första</Unicode></TextEquiv>
                    <TextEquiv><Unicode>utan index</Unicode></TextEquiv>
                </TextLine></TextRegion></Page></PcGts>"#,
                "första\n",
            ),
            (
                "without indexes the first TextEquiv; PlainText unused",
                Page,
                r#"<PcGts><Page><TextRegion><TextLine>
                    <TextEquiv><PlainText>plain</PlainText><Unicode>ett</Unicode></TextEquiv>
                    <TextEquiv><Unicode>två</Unicode></TextEquiv>
                </TextLine></TextRegion></Page></PcGts>"#,
                "ett\n",
            ),
            (
                "a line without its own text is its words; regions are paragraphs",
                Page,
                r#"<pc:PcGts xmlns:pc="p"><pc:Page>
                    <pc:TextRegion><pc:TextLine>
                      <pc:Word><pc:TextEquiv><pc:Unicode>Næste</pc:Unicode></pc:TextEquiv></pc:Word>
                      <pc:Word><pc:TextEquiv index="1"><pc:Unicode>mode</pc:Unicode></pc:TextEquiv><pc:TextEquiv index="0"><pc:Unicode>møde</pc:Unicode></pc:TextEquiv></pc:Word>
                      <pc:Word><pc:TextEquiv><pc:Unicode/></pc:TextEquiv></pc:Word>
                    </pc:TextLine>
                    <pc:TextLine><pc:TextEquiv><pc:Unicode>  </pc:Unicode></pc:TextEquiv><pc:Word><pc:TextEquiv><pc:Unicode>tirsdag</pc:Unicode></pc:TextEquiv></pc:Word></pc:TextLine>
                    </pc:TextRegion>
                    <pc:TextRegion><pc:TextLine><pc:TextEquiv><pc:Unicode>Mvh</pc:Unicode></pc:TextEquiv></pc:TextLine></pc:TextRegion>
                </pc:Page></pc:PcGts>"#,
                "Næste møde\ntirsdag\n\nMvh\n",
            ),
            (
                "a region without line text falls back to its own TextEquiv; nested regions",
                Page,
                r#"<PcGts><Page>
                    <TextRegion><TextLine><Coords points="0,0"/></TextLine><TextEquiv><Unicode>Rad ett
Rad två</Unicode></TextEquiv></TextRegion>
                    <TableRegion><TextRegion><TextLine><TextEquiv><Unicode>Cell</Unicode></TextEquiv></TextLine><TextEquiv><Unicode>unused</Unicode></TextEquiv></TextRegion></TableRegion>
                </Page></PcGts>"#,
                "Rad ett\nRad två\n\nCell\n",
            ),
            (
                "entities, character references, CDATA and line breaks in Unicode",
                Page,
                "<PcGts><Page><TextRegion><TextLine><TextEquiv><Unicode>\n  Kultur &amp; fritid &#xF8;&#248; <![CDATA[<5 år>]]>\r\n  slut\n</Unicode></TextEquiv></TextLine></TextRegion></Page></PcGts>",
                "Kultur & fritid øø <5 år>   slut\n",
            ),
        ];
        for (name, format, xml, want) in cases {
            let got = extract(xml, *format).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(got, *want, "{name}");
        }
    }

    #[test]
    fn fixtures_give_their_expected_text() {
        let labels = [
            ("alto-nb-latin1", "alto+iso-8859-1"),
            ("alto-sv-kallelse", "alto+utf-8"),
            ("page-da-referat", "page+utf-8"),
        ];
        let stems = labels.map(|(stem, _)| stem);
        let files = xml_files(&fixtures(), &stems, "a new fixture needs a label here");
        for (path, (stem, label)) in files.iter().zip(labels) {
            let want =
                std::fs::read_to_string(fixtures().join(format!("expected/{stem}.txt"))).unwrap();
            let got = decode(&std::fs::read(path).unwrap()).unwrap();
            assert_eq!(got.text, want, "{stem}");
            assert_eq!(got.encoding, label, "{stem}");
        }
    }

    #[test]
    fn malformed_fixtures_say_where() {
        let want = [
            (
                "alto-mismatched-end",
                "malformed XML at line 12, column 11: expected </TextLine>, found </String>",
            ),
            (
                "alto-unknown-entity",
                "malformed XML at line 13, column 31: unknown entity `&ouml;`",
            ),
            (
                "page-truncated",
                "malformed XML at line 10, column 46: the file ends inside <Unicode> opened at \
                 line 10, column 20 (truncated?)",
            ),
        ];
        let stems = want.map(|(stem, _)| stem);
        let files = xml_files(
            &fixtures().join("malformed"),
            &stems,
            "a new fixture needs its message here",
        );
        for (path, (stem, message)) in files.iter().zip(want) {
            let err = decode(&std::fs::read(path).unwrap()).unwrap_err();
            assert_eq!(err.code(), "malformed-xml", "{stem}");
            assert_eq!(err.to_string(), message, "{stem}");
        }
    }

    #[test]
    fn malformed_xml_is_an_error_with_line_and_column() {
        let cases: &[(&str, &str)] = &[
            (
                "<alto>\n<TextLine><String CONTENT=\"a\"></TextLine>",
                "line 2, column 31: expected </String>, found </TextLine>",
            ),
            ("<alto></TextLine>", "line 1, column 7: expected </alto>, found </TextLine>"),
            ("<alto></alto></alto>", "line 1, column 14: </alto> closes no open element"),
            (
                "<alto><TextLine><String CONTENT=\"a & b\"/></TextLine></alto>",
                "line 1, column 36: `&` without a closing `;` (a literal `&` is written `&amp;`)",
            ),
            (
                "<PcGts><Page><TextRegion><TextLine><TextEquiv><Unicode>a & b</Unicode>",
                "line 1, column 58: `&` without a closing `;` (a literal `&` is written `&amp;`)",
            ),
            (
                "<PcGts>\n  <Unicode>&#xZZ;</Unicode></PcGts>",
                "line 2, column 12: bad character reference `&#xZZ;`",
            ),
            (
                "<PcGts>\n  <Unicode>&ouml;</Unicode></PcGts>",
                "line 2, column 12: unknown entity `&ouml;`",
            ),
            (
                "<alto><TextLine><String CONTENT=\"&#0;\"/></TextLine></alto>",
                "line 1, column 34: bad character reference: 0x0 character is not permitted in XML",
            ),
            (
                "<alto><TextLine><String CONTENT=\"a\" CONTENT=\"b\"/></TextLine></alto>",
                "line 1, column 37: an attribute given twice in <String>",
            ),
            (
                "<alto>\n<TextLine><String CONTENT=Möte/></TextLine></alto>",
                "line 2, column 27: an attribute value without quotes in <String>",
            ),
            (
                "<alto>\n<TextLine><String CONTENT=\"Mö",
                "line 2, column 11: attribute value not closed: `\"` not found before end of input",
            ),
            (
                "<alto>\n<TextLine><String CONTENT=\"Möte\"",
                "line 2, column 11: tag not closed: `>` not found before end of input",
            ),
            (
                "<alto>\n<TextLine><String CONTENT=\"Möte\"/>\n",
                "line 3, column 1: the file ends inside <TextLine> opened at line 2, column 1 (truncated?)",
            ),
        ];
        for (xml, want) in cases {
            let err = decode(xml.as_bytes()).unwrap_err();
            assert_eq!(err.code(), "malformed-xml", "{xml}");
            assert_eq!(err.to_string(), format!("malformed XML at {want}"), "{xml}");
        }
    }

    #[test]
    fn alto_or_page_without_text_is_empty() {
        for xml in [
            "<?xml version=\"1.0\"?>\n<alto><Layout><Page><PrintSpace/></Page></Layout></alto>\n",
            "<alto><TextBlock><TextLine><String CONTENT=\"\"/><SP/><String CONTENT=\"  \"/></TextLine></TextBlock></alto>",
            "<PcGts><Page><TextRegion><TextLine><TextEquiv><Unicode> </Unicode></TextEquiv></TextLine></TextRegion></Page></PcGts>",
        ] {
            assert_eq!(decode(xml.as_bytes()), Err(DecodeError::Empty), "{xml}");
        }
    }

    #[test]
    fn declared_and_detected_encodings() {
        let body = |decl: &str, word: &[u8]| {
            let mut v = format!("{decl}<alto><TextLine><String CONTENT=\"").into_bytes();
            v.extend_from_slice(word);
            v.extend_from_slice(b"\"/></TextLine></alto>");
            v
        };
        let cases: Vec<(Vec<u8>, &str, &str)> = vec![
            (body("", "möte".as_bytes()), "möte\n", "alto+utf-8"),
            (
                body(
                    "<?xml version=\"1.0\" encoding=\"utf-8\"?>",
                    "möte".as_bytes(),
                ),
                "möte\n",
                "alto+utf-8",
            ),
            (
                [b"\xEF\xBB\xBF".as_slice(), &body("", "möte".as_bytes())].concat(),
                "möte\n",
                "alto+utf-8-bom",
            ),
            (
                body("<?xml version='1.0' encoding='ISO-8859-1'?>", b"m\xF6te"),
                "möte\n",
                "alto+iso-8859-1",
            ),
            // Latin-1 is Latin-1 here: 0x96 is a C1 control, which `repair` turns into a dash.
            (
                body("<?xml version=\"1.0\" encoding=\"latin1\"?>", b"1\x962"),
                "1\u{96}2\n",
                "alto+iso-8859-1",
            ),
            (
                body(
                    "<?xml version=\"1.0\" encoding=\"windows-1252\"?>",
                    b"1\x962",
                ),
                "1–2\n",
                "alto+windows-1252",
            ),
            (
                body("<?xml version=\"1.0\" encoding=\"IBM850\"?>", b"m\x94te"),
                "möte\n",
                "alto+cp850",
            ),
            // The declaration is followed even for valid UTF-8: `repair` mends the mojibake.
            (
                body(
                    "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>",
                    "möte".as_bytes(),
                ),
                "mÃ¶te\n",
                "alto+iso-8859-1",
            ),
            // Undeclared and not UTF-8: the best-scoring legacy page, as for text.
            (body("", b"m\xF6te"), "möte\n", "alto+windows-1252"),
            // An unknown declaration leaves the detected decoding.
            (
                body(
                    "<?xml version=\"1.0\" encoding=\"KOI8-R\"?>",
                    "möte".as_bytes(),
                ),
                "möte\n",
                "alto+utf-8",
            ),
        ];
        for (bytes, text, label) in cases {
            let d = decode(&bytes).unwrap();
            assert_eq!(
                (d.text.as_str(), d.encoding),
                (text, label),
                "{}",
                String::from_utf8_lossy(&bytes)
            );
        }
        // UTF-16 with a BOM.
        let xml = "<?xml version=\"1.0\" encoding=\"UTF-16\"?><PcGts><TextLine><TextEquiv><Unicode>Møde</Unicode></TextEquiv></TextLine></PcGts>";
        let le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain(xml.encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        let be: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain(xml.encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        assert_eq!(
            decode(&le).unwrap(),
            Decoded {
                text: "Møde\n".into(),
                encoding: "page+utf-16le",
                confidence: 1.0
            }
        );
        assert_eq!(decode(&be).unwrap().encoding, "page+utf-16be");
    }

    #[test]
    fn every_byte_encoding_has_xml_labels() {
        let from_bytes = [
            "utf-8",
            "utf-8-bom",
            "utf-16le",
            "utf-16be",
            "utf-32le",
            "utf-32be",
        ];
        for l in from_bytes.iter().chain(crate::bytes::LEGACY.iter()) {
            assert_eq!(label(Format::Alto, l), format!("alto+{l}"));
            assert_eq!(label(Format::Page, l), format!("page+{l}"));
        }
    }

    #[test]
    fn other_xml_and_html_stay_plain_text() {
        for text in [
            "<?xml version=\"1.0\"?>\n<TEI><text>Protokoll</text></TEI>\n",
            "<!DOCTYPE html>\n<html><body><p>Möte &amp; protokoll</p></body></html>\n",
            "<p>Kallelse</p>\n<alto>\n",
            "<5 år: gratis inträde\n",
        ] {
            let d = decode(text.as_bytes()).unwrap();
            assert_eq!((d.text.as_str(), d.encoding), (text, "utf-8"));
        }
    }

    #[test]
    fn lines_and_columns_count_characters() {
        let text = "ab\nåäö<x\n";
        assert_eq!(line_col(text, 0), (1, 1));
        assert_eq!(line_col(text, 3), (2, 1));
        assert_eq!(line_col(text, 9), (2, 4));
        // Inside a character, and past the end.
        assert_eq!(line_col(text, 4), (2, 1));
        assert_eq!(line_col(text, 99), (3, 1));
    }
}
