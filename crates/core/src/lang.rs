//! Languages rensa knows.

use std::fmt;
use std::str::FromStr;

/// A language of a document or a dictionary.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// Swedish.
    Sv,
    /// Norwegian Bokmål.
    Nb,
    /// Norwegian Nynorsk.
    Nn,
    /// Danish.
    Da,
}

impl Lang {
    /// All languages, in a fixed order.
    pub const ALL: [Lang; 4] = [Lang::Sv, Lang::Nb, Lang::Nn, Lang::Da];

    /// The ISO 639-1 code used in records and on the command line.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Sv => "sv",
            Lang::Nb => "nb",
            Lang::Nn => "nn",
            Lang::Da => "da",
        }
    }

    /// Letters that OCR engines without the language model tend to lose.
    pub fn special_letters(self) -> &'static [char] {
        match self {
            Lang::Sv => &['å', 'ä', 'ö'],
            Lang::Nb | Lang::Nn | Lang::Da => &['å', 'æ', 'ø'],
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// Error for an unknown language code.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown language {0:?} (expected sv, nb, nn or da)")]
pub struct UnknownLang(pub String);

impl FromStr for Lang {
    type Err = UnknownLang;
    fn from_str(s: &str) -> Result<Lang, UnknownLang> {
        match s.to_ascii_lowercase().as_str() {
            "sv" | "swe" | "swedish" => Ok(Lang::Sv),
            "nb" | "nob" | "no" | "bokmal" | "bokmål" => Ok(Lang::Nb),
            "nn" | "nno" | "nynorsk" => Ok(Lang::Nn),
            "da" | "dan" | "danish" => Ok(Lang::Da),
            _ => Err(UnknownLang(s.to_string())),
        }
    }
}
