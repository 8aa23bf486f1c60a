//! People: attendee blocks, speaker lines, roles stated in running text, and merging.
//!
//! This root holds `Person` (one mention) and the party tables; the readers live in the
//! submodules below and are re-exported here for the pipeline and the agenda reader.

use crate::text::{fold, squash};
use crate::{Role, Status};

/// True when `$text` contains any of the literal strings: `[…].iter().any(|k| text.contains(k))`
/// in one pass (a literal alternation runs on the regex crate's SIMD substring search).
macro_rules! contains_any {
    ($text:expr, [$($k:expr),+ $(,)?]) => {{
        static ANY: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(&[$(regex::escape($k)),+].join("|")).expect("valid regex")
        });
        ANY.is_match($text)
    }};
}

mod blocks;
mod columns;
mod labels;
mod lists;
mod merge;
mod names;
mod quotes;
mod segments;
mod signatures;
mod speakers;
mod statements;
pub(crate) mod table;
mod titles;

pub(crate) use blocks::from_blocks;
pub(crate) use lists::parse_list;
pub(crate) use merge::{merge, name_key};
pub(crate) use names::{ends_with_kw, names_in};
pub(crate) use quotes::{from_quotes, quoted_speaker};
pub(crate) use signatures::from_signatures;
pub(crate) use speakers::{
    attribution, leading_person, parse_speaker_line, speaking, titled_names,
};
pub(crate) use statements::from_statements;
pub(crate) use titles::is_title_word;

/// A person as parsed from one mention.
#[derive(Debug, Clone)]
pub(crate) struct Person {
    pub name: String,
    pub span: (usize, usize),
    pub party: Option<String>,
    pub org: Option<String>,
    org_weak: bool,
    pub role: Option<Role>,
    /// The role came from a verb (`orienterer`, `redogör`), not a label: any stated role wins.
    role_weak: bool,
    /// Only a role for someone found elsewhere (`Ordföranden Åsa Lindqvist hälsade …`).
    known_only: bool,
    pub status: Option<Status>,
}

impl Person {
    fn new(text: &str, span: (usize, usize)) -> Person {
        Person {
            name: squash(&text[span.0..span.1]),
            span,
            party: None,
            org: None,
            org_weak: false,
            role: None,
            role_weak: false,
            known_only: false,
            status: None,
        }
    }
}

const PARTIES: &[&str] = &[
    "M", "S", "C", "V", "L", "KD", "MP", "SD", "FP", "Ap", "AP", "H", "FrP", "FRP", "Sp", "SP",
    "SV", "KrF", "KRF", "MDG", "R", "PF", "A", "B", "F", "O", "Ø", "I", "Å", "K", "D", "LA", "RV",
    "EL", "DF", "SF", "NB",
];
/// Parties spelled out (folded): `Socialdemokraterna`, `Høyre`, `Venstre`, `Enhedslisten`.
const PARTY_NAMES: &[&str] = &[
    "socialdemokraterna",
    "moderaterna",
    "centerpartiet",
    "vansterpartiet",
    "liberalerna",
    "kristdemokraterna",
    "miljopartiet",
    "sverigedemokraterna",
    "arbeiderpartiet",
    "arbeidarpartiet",
    "hoyre",
    "hogre",
    "senterpartiet",
    "fremskrittspartiet",
    "framstegspartiet",
    "sosialistisk venstreparti",
    "sosialistisk venstreparti (sv)",
    "kristelig folkeparti",
    "kristeleg folkeparti",
    "miljopartiet de gronne",
    "raudt",
    "rodt",
    "venstre",
    "pensjonistpartiet",
    "socialdemokratiet",
    "socialdemokraterne",
    "det konservative folkeparti",
    "konservative",
    "radikale venstre",
    "det radikale venstre",
    "enhedslisten",
    "dansk folkeparti",
    "socialistisk folkeparti",
    "liberal alliance",
    "alternativet",
    "nye borgerlige",
    "danmarksdemokraterne",
    "moderaterne",
    "kristendemokraterne",
    "slesvigsk parti",
];

/// A party: a known abbreviation (`S`, `KrF`, `FRP`) or a party's name spelled out.
pub(crate) fn is_party(s: &str) -> bool {
    let s = s.trim().trim_end_matches('.');
    let s = s
        .strip_prefix('(')
        .and_then(|x| x.strip_suffix(')'))
        .unwrap_or(s)
        .trim();
    if s.is_empty() || s.len() > 40 {
        return false;
    }
    if PARTIES.contains(&s) || (s.len() <= 3 && PARTIES.iter().any(|p| p.eq_ignore_ascii_case(s))) {
        return true;
    }
    s.starts_with(char::is_uppercase) && PARTY_NAMES.contains(&fold(&squash(s)).as_str())
}
