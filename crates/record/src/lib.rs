//! The rensa record: one JSON object per input document, versioned from day one.
//!
//! # Format (`rensa.record/1`)
//! A successful record:
//!
//! | field | type | meaning |
//! |---|---|---|
//! | `schema` | string | always `"rensa.record/1"`; a change that removes or re-types a field bumps the number, adding an optional field does not |
//! | `id` | string | stable id, `[A-Za-z0-9_-]{1,511}`, derived from the source path or the given id |
//! | `source` | string | the path as given on the command line (relative stays relative), or `-` for stdin |
//! | `sha256` | string | hex SHA-256 of the raw input bytes |
//! | `encoding` | string | detected byte encoding (`utf-8`, `windows-1252`, `cp850`, …), with the source format first for OCR XML (`alto+utf-8`, `page+iso-8859-1`) |
//! | `language` | string | `sv`, `nb`, `nn` or `da` |
//! | `regions` | array (optional) | present only when stretches of the text are in different languages: the regions in order, covering `text` without gaps |
//! | `regions[].start`, `regions[].end` | integer | half-open **byte** range into `text` (the cleaned text), ending at a paragraph break or the text's end |
//! | `regions[].language` | string | the language that region was restored with |
//! | `text` | string | the cleaned text |
//! | `edits` | array | the edit log, sorted by `start`, non-overlapping |
//! | `edits[].start`, `edits[].end` | integer | half-open **byte** range into the *decoded original* (the raw bytes decoded with `encoding`; for ALTO/PAGE XML, the transcription read out of it) |
//! | `edits[].from` | string | the original text of that range |
//! | `edits[].to` | string | its replacement in `text` |
//! | `edits[].kind` | string | `encoding`, `ocr` or `layout` |
//! | `edits[].rule` | string | the rule that made it (`restore.ocr-confusion`); merged edits join rules with `+` |
//! | `edits[].confidence` | number | in [0, 1] |
//! | `quality.words` | integer | word tokens in the cleaned text |
//! | `quality.known_before` | number | share of word tokens of the original found in the dictionary |
//! | `quality.known_after` | number | the same for the cleaned text |
//! | `fields` | object | extracted fields (see the extract crate); `{}` when extraction did not run |
//!
//! The decoded original is recovered by walking `edits` in order over `text` and putting each
//! `from` back where its `to` stands ([`rensa_core::reconstruct`] does exactly that).
//!
//! An error record has `schema`, `id`, `source`, `sha256` (when the bytes could be read) and
//! `error: {stage, kind, message}`, where `kind` is a stable kebab-case code (`binary-input`,
//! `empty-input`, `line-too-long`, `unreadable`, `too-large`, `panic`, …) and `message` is for
//! humans. Records carry no wall-clock times, host names or absolute paths: the same input and
//! settings give the same bytes.
//!
//! The JSON Schema is `crates/record/schema/rensa.record.1.schema.json`, embedded as [`SCHEMA`].

use serde::{Deserialize, Serialize};
use sha2::Digest;

use rensa_core::Edit;

/// The schema tag written into every record.
pub const SCHEMA_TAG: &str = "rensa.record/1";

/// The JSON Schema of the record.
pub const SCHEMA: &str = include_str!("../schema/rensa.record.1.schema.json");

/// Quality counters of a record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Quality {
    /// Word tokens in the cleaned text.
    pub words: usize,
    /// Share of word tokens of the original that the dictionary knows.
    pub known_before: f64,
    /// Share of word tokens of the cleaned text that the dictionary knows.
    pub known_after: f64,
}

/// A successful record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Record {
    /// Always [`SCHEMA_TAG`].
    pub schema: String,
    /// Stable id.
    pub id: String,
    /// Source path as given, or `-`.
    pub source: String,
    /// Hex SHA-256 of the raw bytes.
    pub sha256: String,
    /// Detected encoding.
    pub encoding: String,
    /// Language code.
    pub language: String,
    /// The text's regions of one language each, when it has more than one (empty, and not
    /// written, otherwise).
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub regions: Vec<Region>,
    /// Cleaned text.
    pub text: String,
    /// Edit log.
    pub edits: Vec<Edit>,
    /// Quality counters.
    pub quality: Quality,
    /// Extracted fields.
    pub fields: serde_json::Value,
}

/// A stretch of a record's cleaned text in one language.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Region {
    /// Byte offset into the cleaned text where the region starts.
    pub start: usize,
    /// Byte offset where it ends (exclusive).
    pub end: usize,
    /// Language code it was restored with.
    pub language: String,
}

/// What went wrong with one input.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ErrorInfo {
    /// Stage that failed: `read`, `decode`, `restore`, `extract`, `input`.
    pub stage: String,
    /// Stable kebab-case code.
    pub kind: String,
    /// Human-readable message.
    pub message: String,
}

/// A record for an input that could not be processed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ErrorRecord {
    /// Always [`SCHEMA_TAG`].
    pub schema: String,
    /// Stable id.
    pub id: String,
    /// Source path as given, or `-`.
    pub source: String,
    /// Hex SHA-256 of the raw bytes, when they could be read.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub sha256: Option<String>,
    /// What went wrong.
    pub error: ErrorInfo,
}

/// Either kind of record, as written to output.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Output {
    /// A cleaned document.
    Ok(Box<Record>),
    /// A failed input.
    Err(ErrorRecord),
}

impl Output {
    /// The record id.
    pub fn id(&self) -> &str {
        match self {
            Output::Ok(r) => &r.id,
            Output::Err(e) => &e.id,
        }
    }

    /// Whether this is an error record.
    pub fn is_error(&self) -> bool {
        matches!(self, Output::Err(_))
    }

    /// One line of JSON, no trailing newline.
    pub fn to_json_line(&self) -> String {
        // Serialising these types cannot fail: all keys are strings and there are no maps with
        // non-string keys or non-finite floats (quality shares are finite by construction).
        serde_json::to_string(self).unwrap_or_else(|e| {
            format!(r#"{{"schema":"{SCHEMA_TAG}","id":"serialise-error","source":"","error":{{"stage":"record","kind":"internal","message":"{e}"}}}}"#)
        })
    }

    /// Pretty JSON.
    pub fn to_json_pretty(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_else(|_| self.to_json_line())
    }
}

/// Hex SHA-256 of bytes.
pub fn sha256_hex(bytes: &[u8]) -> String {
    let d = sha2::Sha256::digest(bytes);
    let mut s = String::with_capacity(64);
    for b in d {
        s.push(char::from_digit((b >> 4) as u32, 16).unwrap_or('0'));
        s.push(char::from_digit((b & 15) as u32, 16).unwrap_or('0'));
    }
    s
}

/// A record id every search index accepts: `[A-Za-z0-9_-]`, at most 511 characters, derived
/// stably from a path or a given id. Other characters become `_`; an over-long or altered id
/// gets a short hash suffix so two different sources never collide by mangling.
pub fn make_id(source: &str) -> String {
    let mut out = String::with_capacity(source.len().min(511));
    let mut altered = false;
    for c in source.chars() {
        if c.is_ascii_alphanumeric() || c == '_' || c == '-' {
            out.push(c);
        } else {
            out.push('_');
            altered = true;
        }
    }
    let trimmed = out.trim_matches('_');
    if trimmed.len() != out.len() {
        altered = true;
    }
    let mut out = trimmed.to_string();
    if out.is_empty() {
        out.push_str("doc");
        altered = true;
    }
    if altered || out.len() > 500 {
        let h = &sha256_hex(source.as_bytes())[..10];
        out.truncate(500);
        out.push('-');
        out.push_str(h);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_index_safe_and_stable() {
        assert_eq!(make_id("seed_1"), "seed_1");
        let a = make_id("fixtures/seeds/004.txt");
        assert!(a.starts_with("fixtures_seeds_004_txt-"));
        assert_eq!(a, make_id("fixtures/seeds/004.txt"));
        assert_ne!(make_id("a/b"), make_id("a_b"));
        let long = "x/".repeat(600);
        let id = make_id(&long);
        assert!(id.len() <= 511);
        assert!(id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-'));
        assert_eq!(
            make_id("åäö"),
            format!("doc-{}", &sha256_hex("åäö".as_bytes())[..10])
        );
    }

    #[test]
    fn sha256_matches_known_value() {
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
