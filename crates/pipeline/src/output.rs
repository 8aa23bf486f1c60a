//! Writing records: JSON Lines, or Elasticsearch/OpenSearch bulk NDJSON.

use std::io::{self, Write};

use rensa_record::Output;

/// How records are written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Format {
    /// One record per line (`{"schema":"rensa.record/1",...}\n`).
    JsonLines,
    /// Two lines per record, ready for the `_bulk` API: an action line
    /// `{"index":{"_index":NAME,"_id":ID}}`, then the record line. The `_id` is the record id, so
    /// indexing the same output twice overwrites rather than duplicates.
    EsBulk {
        /// The target index.
        index: String,
    },
}

impl Format {
    /// Lines written per record.
    pub fn lines_per_record(&self) -> usize {
        match self {
            Format::JsonLines => 1,
            Format::EsBulk { .. } => 2,
        }
    }

    /// A stable description, for the settings fingerprint.
    pub fn describe(&self) -> String {
        match self {
            Format::JsonLines => "format jsonl".to_string(),
            Format::EsBulk { index } => format!("format es-bulk index {index}"),
        }
    }
}

/// Writes one record in `format`, newline-terminated.
pub fn write_record(w: &mut dyn Write, out: &Output, format: &Format) -> io::Result<()> {
    if let Format::EsBulk { index } = format {
        // Written by hand to keep the documented key order (`_index` first).
        let action = format!(
            r#"{{"index":{{"_index":{},"_id":{}}}}}"#,
            json_string(index),
            json_string(out.id())
        );
        w.write_all(action.as_bytes())?;
        w.write_all(b"\n")?;
    }
    w.write_all(out.to_json_line().as_bytes())?;
    w.write_all(b"\n")
}

fn json_string(s: &str) -> String {
    // A `&str` always serialises.
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".to_string())
}
