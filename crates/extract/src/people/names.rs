//! Whether words are a person's name: the capitalised runs that make one (`Anna Fogel`, `Jan
//! van der Berg`), the words that never do (stop words, organisation endings, countries), and
//! the name a statement pattern found, cleaned of the titles and seat nouns before it. Every
//! reader of people asks it, so it stands apart from them.

use std::sync::LazyLock;

use super::is_party;
use super::segments::suspended;
use super::titles::{is_title_word, Endings};
use crate::text::fold;

const PARTICLES: &[&str] = &[
    "van", "von", "de", "af", "der", "la", "le", "du", "di", "ten", "ter",
];
const TITLE_WORDS: &[&str] = &[
    "ambassadör",
    "ambassadør",
    "professor",
    "prof.",
    "dr",
    "dr.",
    "docent",
    "borgmester",
    "statsråd",
    "minister",
];
/// Word endings that make a capitalised run an organisation, not a person.
const ORG_KW: &[&str] = &[
    "kommun",
    "kommune",
    "kommuner",
    "kommunerne",
    "kommunes",
    "region",
    "regioner",
    "regionen",
    "landsting",
    "forening",
    "foreningen",
    "foreningarna",
    "foreningerne",
    "forbund",
    "forbundet",
    "foundation",
    "ambassad",
    "ambassade",
    "hjelp",
    "hjalp",
    "rad",
    "radet",
    "ministerrad",
    "forum",
    "stiftelse",
    "stiftelsen",
    "institut",
    "institutet",
    "universitet",
    "hogskola",
    "hogskole",
    "skola",
    "skole",
    "verket",
    // `Kontrollutvalgssekretariatet Innlandet`, `Østerdal Revisjon IKS`: secretariats and audit
    // bodies serving a committee.
    "sekretariat",
    "sekretariatet",
    "revisjon",
    "revisjonen",
    "revision",
    "revisionen",
    "direktoratet",
    "departementet",
    "styrelsen",
    "styrelse",
    "vardcentral",
    "vardcentralen",
    "sjukhus",
    "sykehus",
    "stad",
    "kontaktservice",
    "sisu",
    "ab",
    "as",
    "center",
    "centrum",
    "senter",
    "change",
    "fylke",
    "fylkeskommune",
    "gruppen",
    "nettverk",
    "natverk",
    "forvaltning",
    "forvaltningen",
    "organisation",
    "organisasjon",
    "organisationer",
    "organisasjoner",
    "kommunesektorens",
    "bibliotek",
    "biblioteket",
    // Newspapers: `Byens Avis`, `Nordlys Tidning`, `Vestkysten Tidende`.
    "avis",
    "avisa",
    "avisen",
    "tidning",
    "tidningen",
    "tidende",
    "blad",
    "bladet",
    "samfund",
    "selskab",
    "selskap",
    "bolag",
    "bolaget",
    "kyrka",
    "kirke",
    "akademi",
    "hus",
    "huset",
    "arena",
    "hall",
    "hallen",
    "lag",
    "laget",
    "klubb",
    "klubben",
    "club",
    "partiet",
    "parti",
    // Round 15: local councils written as one compound (`Vestby Lokalråd`, `Ældrerådet`; the
    // bare `råd` is too short to match as an ending, and `Conrad` is a name), private limited
    // companies (`ApS`) and offices (`Juristkontor`, `Advokatkontoret`).
    "lokalrad",
    "lokalradet",
    "borgerrad",
    "ungdomsrad",
    "aldrerad",
    "aldreradet",
    "eldrerad",
    "eldreradet",
    "handicaprad",
    "landsbyrad",
    "aps",
    "kontor",
    "kontoret",
];
/// First words that make a capitalised run an organisation or a brand, not a person:
/// `Destination Lofoten`, `Visit Bornholm`, `Business Region …`, `Invest in …`.
const ORG_LEAD: &[&str] = &[
    "destination",
    "visit",
    "business",
    "invest",
    "innovation",
    "innovasjon",
    "naringsliv",
    "naeringsliv",
    "turism",
    "turisme",
    "reiseliv",
    "studieforbundet",
    "studiefremjandet",
    "studieframjandet",
    // National adjectives and farmers' advisory bodies open organisation names (`Dansk
    // Industri`, `Norsk Folkehjelp`, `Landbo Limfjord`), never a person's.
    "dansk",
    "danske",
    "norsk",
    "norske",
    "svensk",
    "svenska",
    "landbo",
    "landbrug",
    "landbruk",
    "lantbruk",
];
const COUNTRIES: &[&str] = &[
    "sverige",
    "norge",
    "danmark",
    "norden",
    "finland",
    "island",
    "europa",
    "oslo",
    "stockholm",
    "kobenhavn",
];
/// [`STOP`] as a set: asked for every word of every candidate name.
pub(super) static STOP_SET: LazyLock<rustc_hash::FxHashSet<&'static str>> =
    LazyLock::new(|| STOP.iter().copied().collect());

/// Capitalised words that start sentences or headings but are never part of a name.
const STOP: &[&str] = &[
    "den",
    "det",
    "de",
    "vi",
    "du",
    "jag",
    "han",
    "hon",
    "hun",
    "om",
    "for",
    "til",
    "till",
    "med",
    "ved",
    "vid",
    "hos",
    "mer",
    "mere",
    "mest",
    "valkommen",
    "velkommen",
    "valkomna",
    "tack",
    "kaffe",
    "lunsj",
    "middag",
    "paus",
    "pause",
    "program",
    "workshop",
    "debatt",
    "information",
    "innehall",
    "kalendarium",
    "arbetsgrupp",
    "arbetsgruppen",
    "datum",
    "tid",
    "plats",
    "sted",
    "kl",
    "se",
    "las",
    "laste",
    "anmalan",
    "sista",
    "dag",
    "alla",
    "alle",
    "nar",
    "hvor",
    "var",
    "och",
    "og",
    "samt",
    "januari",
    "januar",
    "februari",
    "februar",
    "mars",
    "marts",
    "april",
    "maj",
    "mai",
    "juni",
    "juli",
    "augusti",
    "august",
    "september",
    "oktober",
    "november",
    "december",
    "desember",
    "mandag",
    "tisdag",
    "tirsdag",
    "onsdag",
    "torsdag",
    "fredag",
    "lordag",
    "sondag",
    "beslut",
    "vedtak",
    "protokoll",
    "referat",
    "dagordning",
    "kommunen",
    "forslag",
    "fest",
    "moten",
    "mote",
    "sak",
    "punkt",
    "bild",
    "foto",
    "antecknat",
    "justerare",
    "ordforande",
    "sekreterare",
    "tel",
    "tlf",
    "telefon",
    "mobil",
    "epost",
    "e-post",
    "mail",
    "hor",
    "hej",
    "hei",
    "kontakt",
    "kontakta",
    "info",
    "inledning",
    "avslutning",
];
pub(super) fn is_name_word(w: &str) -> bool {
    let mut cs = w.chars();
    let Some(first) = cs.next() else { return false };
    first.is_uppercase()
        && w.chars()
            .all(|c| c.is_alphabetic() || c == '-' || c == '\'' || c == '’')
        && w.chars().any(|c| c.is_lowercase())
        && !w.ends_with('-')
}

pub(crate) fn ends_with_kw(word: &str) -> bool {
    static ORG_ENDS: LazyLock<Endings> = LazyLock::new(|| Endings::new(ORG_KW));
    let f = fold(word);
    ORG_ENDS
        .candidates(&f)
        .any(|k| f == *k || (k.len() >= 5 && f.ends_with(k)))
}

/// Word spans (relative to `s`) of a whitespace-separated run.
pub(super) fn words(s: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in s.char_indices() {
        if c.is_whitespace() {
            if let Some(st) = start.take() {
                out.push((st, i));
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(st) = start {
        out.push((st, s.len()));
    }
    out
}

/// If `text[s..e]` is a person's name (or a run of 2-word names with no comma between them),
/// returns the absolute spans of the names.
pub(crate) fn names_in(text: &str, s: usize, e: usize) -> Option<Vec<(usize, usize)>> {
    let seg = &text[s..e];
    let mut ws = words(seg);
    // Leading titles: "Ambassadör Axel Wernhoff".
    // The titles folded once per process, the word once per step (not both per title).
    static TITLES_FOLDED: LazyLock<Vec<String>> =
        LazyLock::new(|| TITLE_WORDS.iter().map(|w| fold(w)).collect());
    while ws.len() > 2
        && !seg[ws[0].0..ws[0].1].ends_with(',')
        && ({
            let w0 = fold(&seg[ws[0].0..ws[0].1]);
            TITLES_FOLDED.contains(&w0)
        } || is_title_word(&seg[ws[0].0..ws[0].1]))
    {
        ws.remove(0);
    }
    if ws.len() < 2 || ws.len() > 8 {
        return None;
    }
    // `Ida Sand⇥Sydkommunen`: words in two table columns are no one name.
    let inner = &seg[ws[0].0..ws[ws.len() - 1].1];
    if inner.contains('\t') || inner.contains("   ") {
        return None;
    }
    let toks: Vec<&str> = ws.iter().map(|&(a, b)| &seg[a..b]).collect();
    let mut n_names = 0;
    let mut has_particle = false;
    for (i, t) in toks.iter().enumerate() {
        let f = fold(t);
        if is_name_word(t) {
            if STOP_SET.contains(f.as_str()) || ends_with_kw(t) {
                return None;
            }
            n_names += 1;
        } else if PARTICLES.contains(&t.to_lowercase().as_str()) && i > 0 && i + 1 < toks.len() {
            has_particle = true;
        } else {
            return None;
        }
    }
    if !is_name_word(toks[0]) || !is_name_word(toks[toks.len() - 1]) {
        return None;
    }
    // `Ukrainsk Netværk`, `Tibetansk Forening`, `Polsk Kulturforening`: a national adjective
    // (`-sk`) opens an organisation's name, never a person's.
    let f0 = fold(toks[0]);
    if ORG_LEAD.contains(&f0.as_str()) || (f0.len() >= 4 && f0.ends_with("sk")) {
        return None;
    }
    if COUNTRIES.contains(&fold(toks[toks.len() - 1]).as_str()) {
        return None;
    }
    let abs = |(a, b): (usize, usize)| (s + a, s + b);
    if n_names <= 3 || (n_names == 4 && has_particle) || (n_names == 5 && has_particle) {
        return Some(vec![(s + ws[0].0, s + ws[ws.len() - 1].1)]);
    }
    // Four or six capitalised words and no comma: two-word names run together.
    if !has_particle && n_names % 2 == 0 && n_names <= 8 {
        return Some(ws.chunks(2).map(|c| (abs(c[0]).0, abs(c[1]).1)).collect());
    }
    None
}

pub(super) const NAME: &str = r"[\p{Lu}&&\p{Latin}][\p{Latin}'’-]*[\p{Ll}&&\p{Latin}][\p{Latin}'’-]*(?:[ \t ]+(?:(?:van|von|de|af|der)[ \t ]+)?[\p{Lu}&&\p{Latin}][\p{Latin}'’-]*[\p{Ll}&&\p{Latin}][\p{Latin}'’-]*){1,3}";

pub(super) const PARTY_PAREN: &str = r"(?:[ \t ]*\([^()\n]{1,12}\))?";

/// A body's members named by their seat (`Ledamoten Name har anmält förhinder`, `ersättaren
/// Name`, `Varamedlemmen Name`), folded: no part of the name after them.
const MEMBER_NOUNS: &[&str] = &[
    "ledamot",
    "ledamoten",
    "ersattare",
    "ersattaren",
    "medlem",
    "medlemmen",
    "medlemmet",
    "varamedlem",
    "varamedlemmen",
    "varamedlemmet",
    "vararepresentant",
    "vararepresentanten",
    "suppleant",
    "suppleanten",
    "stedfortraeder",
    "stedfortraederen",
    "stedfortreder",
    "stedfortrederen",
];

/// Strips leading stop words from a regex-found name; `None` if fewer than two words remain.
pub(super) fn clean_name(text: &str, s: usize, e: usize) -> Option<(usize, usize)> {
    let seg = &text[s..e];
    let ws = words(seg);
    let k = ws
        .iter()
        .take_while(|&&(a, b)| {
            let f = fold(&seg[a..b]);
            STOP_SET.contains(f.as_str())
                || is_title_word(&seg[a..b])
                || MEMBER_NOUNS.contains(&f.as_str())
                // `Styremedlem`, `Bestyrelsesmedlem`, `Nämndledamot`: a compound member noun.
                || MEMBER_NOUNS
                    .iter()
                    .any(|m| f.len() >= m.len() + 3 && f.ends_with(m))
        })
        .count();
    if ws.len() < k + 2 {
        return None;
    }
    let (a, b) = (s + ws[k].0, e);
    if names_in(text, a, b).is_some() {
        return Some((a, b));
    }
    // `Leder af Familiecentret Name`: an organisation's name (one word ending in an
    // organisation word) right before the person's, after a preposition or not, is where the
    // title holder works, not part of the name.
    // After a title and a preposition (`Leder af Ungdomsskolen Name`) any one capitalised word
    // is that body.
    let mut j = k;
    let mut prep = false;
    if ws.len() > j && matches!(&seg[ws[j].0..ws[j].1], "af" | "for" | "i" | "ved" | "hos") {
        j += 1;
        prep = k > 0;
        // `formand for Børne- og Skoleudvalget Name`: a suspended compound's first half and
        // its conjunction belong to the body's name.
        if ws.len() > j + 1
            && suspended(&seg[ws[j].0..ws[j].1])
            && matches!(&seg[ws[j + 1].0..ws[j + 1].1], "og" | "och")
        {
            j += 2;
        }
    }
    if ws.len() >= j + 3 && (prep || ends_with_kw(&seg[ws[j].0..ws[j].1])) {
        let a = s + ws[j + 1].0;
        return names_in(text, a, b).map(|_| (a, b));
    }
    None
}

/// The party in a parenthesis right after a name ending at `e` (`Name (SD) har …`).
pub(super) fn party_after(text: &str, e: usize) -> Option<String> {
    let inner = text[e..]
        .trim_start_matches([' ', '\t'])
        .strip_prefix('(')?;
    let close = inner.find(')').filter(|&c| c <= 40)?;
    let p = inner[..close].trim();
    is_party(p).then(|| p.to_string())
}
