//! Turns the bytes of a scanned or exported Nordic document into text, and repairs the encoding
//! damage that text already carries (mojibake, wrong code pages, entities, invisible characters).
//!
//! Two entry points:
//! - [`decode_bytes`] decides how a file's bytes are encoded (BOM, UTF-8, or one of seven legacy
//!   code pages) and returns the text with the encoding's label and a confidence. It refuses
//!   empty, binary and absurdly long-lined input with a [`DecodeError`] whose [`code`] is stable.
//!   An OCR engine's ALTO or PAGE XML file comes back as the text it transcribes, in file order,
//!   labelled `alto+…`/`page+…`; a malformed one is [`DecodeError::MalformedXml`] (formats,
//!   reading order and what is kept: `src/xml.rs`).
//! - [`repair`] works on a [`Document`] whose text is already valid UTF-8 and appends
//!   [`EditKind::Encoding`] edits, one per repaired span, each naming its rule (see [`rules`]) and a
//!   confidence. The document keeps its original, so every repair can be undone.
//!
//! [`code`]: DecodeError::code
//!
//! # What this crate does not do
//! - It does not restore letters an OCR engine lost (`frdn` for `från`): that is `rensa-restore`.
//! - It does not spell-check, modernise spelling, or touch text that is merely unusual: typographic
//!   quotes, dashes, `°`, `½`, `€`, `«»` and foreign names stay byte for byte.
//! - It does not guess encodings outside the Nordic/Western set (no CJK, Cyrillic or EBCDIC).
//! - It does not load dictionaries: callers pass [`Vocabulary`] implementations (the four
//!   languages' lexicons in the pipeline, ten-word [`rensa_core::MemoryVocabulary`]s in tests).
//!
//! # How it decides (and why)
//! A false repair is worse than a missed one, so every rule needs positive evidence:
//! - **Legacy code pages** (`decode_bytes`): general detectors label CP850, CP865 and MacRoman text
//!   as windows-1252 because byte statistics alone cannot tell them apart. Here every candidate is
//!   decoded and scored the way a Nordic reader would: a Nordic letter between letters scores,
//!   punctuation or a box-drawing character between letters costs, and each resulting word a
//!   vocabulary knows scores again. Ties go to the commoner page (windows-1252, then CP850). CP850,
//!   CP865 and CP437 agree on every Swedish letter, so their labels are only as good as the
//!   differences the text happens to contain.
//! - **UTF-8 read as windows-1252 or Latin-1** (`decode.utf8-as-cp1252`, `-as-latin1`,
//!   `decode.utf8-double`) is repaired span by span: a run of characters that re-encodes to a valid
//!   multi-byte UTF-8 sequence decoding to a plausible character (a Latin letter, Latin-1 symbol
//!   or general punctuation). `São` and `JOÃO` stay because their `Ã` is not followed by a
//!   continuation byte; `Ä`/`Å` followed by a quote (`«PÅ»`) stay because those pairs only count
//!   inside a word.
//! - **DOS or Mac bytes read as windows-1252** (`m”te`, `mšte`) is decided once per document: the
//!   words containing the suspect characters are mapped back, and the repair happens only when the
//!   mapped words the vocabularies know clearly outnumber the ones they don't (a quote around a
//!   word counts against). Typographic quotes in clean text therefore stay.
//! - **ISO 646 national variants** (`G|teborg`) are repaired word by word, only when the repaired
//!   word is known and the word is not part of a URL, address, code or a bracketed expression.
//! - **U+FFFD** where a letter was is filled with the one Nordic letter that makes a known word, or
//!   with the clearly most frequent one; otherwise it stays.
//! - Entities, decomposed characters, invisible characters and stray C1 controls are repaired
//!   without a dictionary; entities only in their complete `&name;` / `&#NNN;` form.
//!
//! Not measured yet: the false-repair rate on a large corpus of clean documents; the case suite in
//! `fixtures/cases/decode/` and the five seed documents are the evidence so far.
//!
//! # Performance
//! [`repair`] first scans the text once for the specific evidence each rule needs: a complete
//! entity (not any `&`), a mojibake lead character followed by a continuation character, a
//! DOS/Mac suspect touching a letter, `{|}[\]` touching a letter, U+FFFD touching a letter, C1
//! controls, combining marks, invisible characters. Only the passes whose evidence was found run
//! (the scan is repeated after a pass that edits, since a repair can create evidence), and each
//! pass looks only at the words or runs around its trigger characters, skipping ASCII eight
//! bytes at a time. Clean text costs that one scan and no copy. Measured with
//! `cargo bench -p rensa-bench --bench decode -- --measurement-time 3 --warm-up-time 1` on the
//! 2-core shared build machine (`decode_bytes` + `repair`, about 1 MB): clean text about
//! 340 MB/s, clean documents one at a time about 420 MB/s, text with 20% mojibake lines about
//! 130 MB/s. `cargo test -p rensa-decode --release --test seeds -- --ignored --nocapture
//! throughput`: `repair` about 900 MB/s on the seeds (seed 002's `”` runs the DOS/Mac pass),
//! 1.5 GB/s with no evidence at all; `decode_bytes` on valid UTF-8 about 600 MB/s.
//!
//! # Example
//! ```
//! use rensa_core::{Document, Lang, MemoryVocabulary, Vocabulary};
//! use rensa_decode::{decode_bytes, repair, DecodeOptions};
//!
//! let sv = MemoryVocabulary::from_pairs(Lang::Sv, [("möte", 5.0), ("i", 7.0), ("göteborg", 4.0)]);
//! let vocabs: [&dyn Vocabulary; 1] = [&sv];
//!
//! // CP850 bytes: 0x94 is ö.
//! let decoded = decode_bytes(b"M\x94te i G\x94teborg", &vocabs, &DecodeOptions::default()).unwrap();
//! assert_eq!((decoded.text.as_str(), decoded.encoding), ("Möte i Göteborg", "cp850"));
//!
//! let mut doc = Document::new("MÃ¶te i G|teborg");
//! repair(&mut doc, &vocabs).unwrap();
//! assert_eq!(doc.text(), "Möte i Göteborg");
//! assert_eq!(doc.edits()[0].rule, "decode.utf8-as-cp1252");
//! assert_eq!(doc.reconstruct_original().unwrap(), "MÃ¶te i G|teborg");
//! ```

use rensa_core::{Document, EditError, EditKind, Vocabulary};

mod bytes;
mod entity;
mod fast;
mod iso646;
mod legacy;
mod lex;
mod mojibake;
mod replacement;
mod scan;
mod tables;
mod unicode;
mod xml;

/// Text decoded from bytes, with the encoding it was read as.
#[derive(Debug, Clone, PartialEq)]
pub struct Decoded {
    /// The text, without any byte order mark.
    pub text: String,
    /// The encoding's label: `utf-8`, `utf-8-bom`, `utf-16le`, `utf-16be`, `utf-32le`,
    /// `utf-32be`, `windows-1252`, `iso-8859-1`, `iso-8859-15`, `cp850`, `cp865`, `cp437` or
    /// `macintosh`; for ALTO or PAGE XML the same prefixed with the format (`alto+utf-8`,
    /// `page+iso-8859-1`), the text then being the transcription, not the markup.
    pub encoding: &'static str,
    /// Confidence in the choice, in [0, 1]: 1 for a BOM or valid UTF-8, lower for a legacy page
    /// chosen by score (by the margin to the runner-up).
    pub confidence: f32,
}

/// Limits for [`decode_bytes`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodeOptions {
    /// The longest line accepted, in bytes of decoded UTF-8 (default 1 MiB).
    pub max_line_bytes: usize,
}

impl Default for DecodeOptions {
    fn default() -> DecodeOptions {
        DecodeOptions {
            max_line_bytes: 1 << 20,
        }
    }
}

/// Why an input could not be decoded or repaired.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum DecodeError {
    /// The input is empty or whitespace only.
    #[error("input is empty")]
    Empty,
    /// The input looks binary (a NUL byte outside UTF-16/32, or many control bytes).
    #[error("input looks binary (byte {offset})")]
    Binary {
        /// Offset of the first NUL or control byte.
        offset: usize,
    },
    /// A line is longer than [`DecodeOptions::max_line_bytes`].
    #[error("line {line} is {len} bytes long (at most {max} allowed)")]
    LineTooLong {
        /// 1-based line number.
        line: usize,
        /// Its length in bytes.
        len: usize,
        /// The limit.
        max: usize,
    },
    /// An ALTO or PAGE XML file that is not well-formed (unclosed or mismatched tags, an unknown
    /// entity, a bare `&`, a file cut short).
    #[error("malformed XML at line {line}, column {column}: {message}")]
    MalformedXml {
        /// 1-based line of the fault.
        line: usize,
        /// 1-based column of the fault, in characters.
        column: usize,
        /// What is wrong there.
        message: String,
    },
    /// The document refused this crate's edits (a bug in this crate).
    #[error("internal error applying encoding repairs")]
    Edit(#[from] EditError),
}

impl DecodeError {
    /// A stable kebab-case code for records and scripts.
    pub fn code(&self) -> &'static str {
        match self {
            DecodeError::Empty => "empty-input",
            DecodeError::Binary { .. } => "binary-input",
            DecodeError::LineTooLong { .. } => "line-too-long",
            DecodeError::MalformedXml { .. } => "malformed-xml",
            DecodeError::Edit(_) => "internal",
        }
    }
}

/// A rule this crate can name in an edit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RuleInfo {
    /// The rule name, `decode.<family>`.
    pub name: &'static str,
    /// The kind of edit it makes.
    pub kind: EditKind,
    /// One line on the damage it repairs.
    pub summary: &'static str,
}

macro_rules! rule_table {
    ($($konst:ident = $name:literal: $summary:literal;)*) => {
        $(pub(crate) const $konst: &str = $name;)*
        const RULES: &[RuleInfo] = &[
            $(RuleInfo { name: $name, kind: EditKind::Encoding, summary: $summary },)*
        ];
    };
}

rule_table! {
    UTF8_AS_CP1252 = "decode.utf8-as-cp1252":
        "UTF-8 bytes that were read as windows-1252 (`mÃ¶te` -> `möte`)";
    UTF8_AS_LATIN1 = "decode.utf8-as-latin1":
        "UTF-8 bytes that were read as ISO-8859-1, continuation bytes showing as C1 controls";
    UTF8_DOUBLE = "decode.utf8-double":
        "UTF-8 misread as windows-1252 twice or more (`mÃƒÂ¶te` -> `möte`)";
    CP850_AS_CP1252 = "decode.cp850-as-cp1252":
        "DOS code page 850/437 bytes read as windows-1252 (`m”te` -> `möte`)";
    CP865_AS_CP1252 = "decode.cp865-as-cp1252":
        "DOS code page 865 bytes read as windows-1252 (`h›st` -> `høst`), Danish/Norwegian text";
    MACROMAN_AS_CP1252 = "decode.macroman-as-cp1252":
        "MacRoman bytes read as windows-1252 (`mšte` -> `möte`)";
    ISO646_NORDIC = "decode.iso646-nordic":
        "7-bit ISO 646 Swedish/Danish-Norwegian letters (`G|teborg` -> `Göteborg`)";
    HTML_ENTITY = "decode.html-entity":
        "HTML/XML character references (`&auml;`, `&#246;`, `&#xF6;`)";
    NFC = "decode.nfc":
        "decomposed characters composed to NFC (`a` + U+0308 -> `ä`)";
    INVISIBLE = "decode.invisible":
        "soft hyphens, zero-width characters and stray byte order marks removed";
    C1_CONTROL = "decode.c1-control":
        "stray C1 control characters (U+0080..U+009F) with no printable reading removed";
    CP1252_AS_LATIN1 = "decode.cp1252-as-latin1":
        "windows-1252 punctuation read as Latin-1 C1 controls (U+0096 -> `–`)";
    REPLACEMENT_CHAR = "decode.replacement-char":
        "U+FFFD where a letter was, filled when exactly one Nordic letter makes a known word";
}

/// Every rule name this crate can put in an edit.
pub fn rules() -> &'static [RuleInfo] {
    RULES
}

/// Decodes a file's bytes: BOM, else UTF-8, else the best-scoring legacy code page. An ALTO or
/// PAGE XML file gives the text it transcribes (its declared encoding followed).
///
/// `vocabs` are used to score legacy candidates by dictionary hits; pass the four languages'
/// vocabularies (an empty slice works, with letter statistics only).
pub fn decode_bytes(
    bytes: &[u8],
    vocabs: &[&dyn Vocabulary],
    opts: &DecodeOptions,
) -> Result<Decoded, DecodeError> {
    bytes::decode(bytes, &lex::Lex::new(vocabs), opts)
}

/// Repairs encoding damage in `doc`'s current text, appending [`EditKind::Encoding`] edits.
///
/// Clean text is detected with one scan and left without edits. The rules run in a fixed order
/// (entities, UTF-8 mojibake, NFC, invisible characters, DOS/Mac code pages, ISO 646, U+FFFD,
/// C1 controls), each applied before the next looks at the text; a rule whose evidence the scan
/// did not find is skipped, which gives the same result as running it.
pub fn repair(doc: &mut Document, vocabs: &[&dyn Vocabulary]) -> Result<(), DecodeError> {
    let mut evidence = fast::evidence(doc.text());
    if evidence == 0 {
        return Ok(());
    }
    let lex = lex::Lex::new(vocabs);
    type Pass = fn(&str, &lex::Lex) -> Vec<rensa_core::StageEdit>;
    let passes: [(u8, Pass); 8] = [
        (fast::ENTITY, entity::edits),
        (fast::MOJIBAKE, mojibake::edits),
        (fast::NFC, unicode::nfc_edits),
        (fast::INVISIBLE, unicode::invisible_edits),
        (fast::LEGACY, legacy::edits),
        (fast::ISO646, iso646::edits),
        (fast::REPLACEMENT, replacement::edits),
        (fast::C1, unicode::c1_edits),
    ];
    for (bit, pass) in passes {
        // A pass without its evidence would find nothing.
        if evidence & bit == 0 {
            continue;
        }
        let edits = pass(doc.text(), &lex);
        if !edits.is_empty() {
            doc.apply(edits)?;
            // A repair can create evidence for a later pass (`&#195;&#182;` -> `Ã¶` -> `ö`).
            evidence = fast::evidence(doc.text());
        }
    }
    Ok(())
}
