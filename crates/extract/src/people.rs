//! People: attendee blocks, speaker lines, roles stated in running text, and merging.

use std::sync::LazyLock;

use regex::Regex;

use crate::text::{first_sentence_end, fold, match_label, squash, LabelTable, Line};
use crate::{Attendee, Role, Status};

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

pub(crate) mod table;

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
/// Capitalised words that start sentences or headings but are never part of a name.
/// [`STOP`] as a set: asked for every word of every candidate name.
static STOP_SET: LazyLock<rustc_hash::FxHashSet<&'static str>> =
    LazyLock::new(|| STOP.iter().copied().collect());

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
const TITLE_STEMS: &[&str] = &[
    "chef",
    "konsulent",
    "koordinator",
    "leder",
    "ledare",
    "direktor",
    "radgiver",
    "radgivare",
    "sekretaer",
    "sekreterare",
    "sekretar",
    "ordforande",
    "ordforer",
    "borgmester",
    "playmaker",
    "sekr",
    "representant",
    "skaber",
    "forsker",
    "forskare",
    "handlaggare",
    "utredare",
    "strateg",
    "specialist",
    "projektledare",
    "prosjektleder",
    "samordnare",
    "radgivere",
];

/// Endings of job titles and offices that stand before a name (`kommunedirektør Stig Bjørnstad`,
/// `Räddningschef Örjan Västerås`, `Førsteamanuensis Sigurd Sæbø`), folded. Matched as word
/// endings, so compounds (`förvaltningschef`, `helsesjukepleiar`) need no entry of their own.
const TITLE_ENDINGS: &[&str] = &[
    "chef",
    "chefen",
    "sjef",
    "sjefen",
    "direktor",
    "direktoren",
    "direktorn",
    "leder",
    "lederen",
    "ledare",
    "ledaren",
    "leiar",
    "leiaren",
    "formand",
    "formanden",
    "ordforande",
    "ordforanden",
    "ordforer",
    "ordforeren",
    "ordforar",
    "ordforaren",
    "borgmester",
    "borgmesteren",
    "borgmastare",
    "sekretaer",
    "sekretaeren",
    "sekreterare",
    "sekreteraren",
    "sekretar",
    "referent",
    "protokollforare",
    "protokollforer",
    "protokolforer",
    "konsulent",
    "konsulenten",
    "koordinator",
    "radgiver",
    "radgiveren",
    "radgivare",
    "radgjevar",
    "handlaggare",
    "handlaggaren",
    "sagsbehandler",
    "saksbehandler",
    "saksbehandlar",
    "amanuensis",
    "professor",
    "lektor",
    "rektor",
    "rektorn",
    "inspektor",
    "inspektoren",
    "pleier",
    "pleiar",
    "pleierske",
    "skoterska",
    "sygeplejerske",
    "planlegger",
    "planleggjar",
    // Danish `planlægger` (`æ` folds to `a`; round 15).
    "planlagger",
    "planlaggare",
    "arkitekt",
    "ekonom",
    "okonom",
    "strateg",
    "strategen",
    "specialist",
    "spesialist",
    "forsker",
    "forskar",
    "forskare",
    "utredare",
    "utreder",
    // `näringslivsutvecklare`, `næringsutvikler`, `forretningsudvikler`.
    "utvecklare",
    "utvikler",
    "utviklar",
    "udvikler",
    "radmann",
    "radmannen",
    "radmand",
    "radmanden",
    "samordnare",
    "ingenjor",
    "ingenior",
    "jurist",
    "advokat",
    "medarbetare",
    "medarbeider",
    "medarbejder",
    "fullmektig",
    "analytiker",
    "kurator",
    "psykolog",
    "bibliotekarie",
    "bibliotekar",
    "minister",
    "ombudsman",
    // Professions that present at programmes and meetings.
    "lege",
    "legen",
    "laege",
    "laegen",
    "lakare",
    "lakaren",
    "olog",
    "ologen",
    "agare",
    "prest",
    "prast",
    "praest",
    "journalist",
    "forfatter",
    "forfattare",
    "kunstner",
    "konstnar",
    "fotograf",
    "pedagog",
    "laerer",
    "larer",
    "larare",
    "assistent",
    "veterinar",
    "forvalter",
    "hovding",
    "fogd",
    "fogden",
    // `havnefoged`, `hamnefogd`, `byfoged`.
    "foged",
    "fogeden",
    // `samhällsplanerare`, `trafikplanerare`.
    "planerare",
    "planeraren",
    "kommunalrad",
    "regionrad",
    "landmand",
    "revisor",
    "revisoren",
    "controller",
    "controllern",
    // Elected staff representatives: `hovedverneombud`, `skyddsombud`, `hovedtillitsvalgt`.
    "ombud",
    "ombudet",
    "tillitsvalgt",
    "tillitsvald",
    "fortroendevald",
];

/// True for a job title or office (`økonomisjef`, `Nämndsekreterare`, `udvalgsformand`).
pub(crate) fn is_title_word(w: &str) -> bool {
    let w = w.trim_matches(|c: char| !c.is_alphanumeric());
    // `rådgiver/sekretær`, `konsulent/referent`: two titles at once.
    if w.contains('/') {
        return w.split('/').any(is_title_word);
    }
    // `HR-rådgiver`, `IT-konsulent`: a hyphenated compound is a title when its last part is.
    if let Some((head, last)) = w.rsplit_once('-') {
        return !head.is_empty() && last.chars().count() >= 4 && is_title_word(last);
    }
    let f = fold(w);
    if f.len() < 4 || !f.chars().all(char::is_alphabetic) {
        return false;
    }
    if TITLE_ENDS.ends(&f) {
        return true;
    }
    // `planarkitekterna`, `konsulentene`, `rådgiverne`: a definite plural before names;
    // `utredarna` (of `utredare`) keeps the `-are`.
    if f.ends_with(['a', 'e'])
        && ["erna", "ene", "erne", "ane", "ne"].iter().any(|p| {
            f.strip_suffix(p)
                .filter(|x| x.len() >= 6)
                .is_some_and(|x| TITLE_ENDS.ends(x))
        })
    {
        return true;
    }
    if let Some(x) = f.strip_suffix("arna").filter(|x| x.len() >= 4) {
        if TITLE_ENDINGS.iter().any(|t| {
            t.strip_suffix("are")
                .is_some_and(|stem| stem.len() >= 4 && x.ends_with(stem))
        }) {
            return true;
        }
    }
    // `journalisten`, `pedagogen`, `arkitekten`: a definite singular before a name.
    if f.ends_with(['n', 't'])
        && ["en", "et", "n"].iter().any(|p| {
            f.strip_suffix(p)
                .filter(|x| x.len() >= 6)
                .is_some_and(|x| TITLE_ENDS.ends(x))
        })
    {
        return true;
    }
    // `ungdomskontakt`, `miljøkontakt`: a compound naming whom to contact (not `Kontakt` alone).
    if f.len() >= 10 && f.ends_with("kontakt") {
        return true;
    }
    // `lodsejer`, `grunneier`, `skogeier`: an owner (not the surname `Meier`).
    f.len() >= 7 && (f.ends_with("ejer") || f.ends_with("eier"))
}

/// The role a title phrase gives (`nämndsekreterare`, `politisk sekretær`, `varaordfører`,
/// `leiar i barne- og ungdomsutvalet`). A chair word counts only as the phrase's first word
/// (`dagleg leiar i Volda Næringsråd` is a manager, not a chair).
pub(crate) fn title_role(phrase: &str) -> Option<Role> {
    let words: Vec<String> = phrase
        .split_whitespace()
        .take_while(|w| {
            !matches!(
                fold(w).as_str(),
                "i" | "for" | "för" | "ved" | "vid" | "hos" | "pa" | "til" | "till" | "af" | "av"
            )
        })
        .map(|w| fold(w.trim_matches(|c: char| !c.is_alphanumeric())))
        .collect();
    for w in &words {
        if [
            "sekretaer",
            "sekreterare",
            "sekretar",
            "referent",
            "protokollforare",
            "protokollforer",
            "protokolforer",
        ]
        .iter()
        .any(|t| w.ends_with(t))
        {
            return Some(Role::Secretary);
        }
        if ["vice", "vara", "nest", "naest", "nast"]
            .iter()
            .any(|v| w.starts_with(v))
            && [
                "ordforande",
                "ordforer",
                "ordforar",
                "formand",
                "formann",
                "leder",
                "leiar",
                "ordf",
            ]
            .iter()
            .any(|t| w.ends_with(t))
        {
            return Some(Role::ViceChair);
        }
    }
    if words.len() >= 2 && words[0] == "vice" {
        return Some(Role::ViceChair);
    }
    let first = words.first()?;
    let chair = [
        "ordforande",
        "ordforanden",
        "ordforer",
        "ordforeren",
        "ordforar",
        "ordforaren",
        "formand",
        "formanden",
        "borgmester",
        "borgmesteren",
    ]
    .iter()
    .any(|t| first.ends_with(t))
        || ["leder", "leiar", "ledare", "moteleder", "moteleiar"].contains(&first.as_str());
    chair.then_some(Role::Chair)
}

fn is_name_word(w: &str) -> bool {
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

/// [`TITLE_ENDINGS`] bucketed for [`is_title_word`].
static TITLE_ENDS: LazyLock<Endings> = LazyLock::new(|| Endings::new(TITLE_ENDINGS));

/// A list of word endings (each at least two bytes) bucketed by their last two bytes: a word
/// can only end with, or equal, the endings in its own bucket, so a test looks at a handful of
/// them instead of the whole list (the title and organisation lists are a hundred or more long
/// and are asked several times per name).
struct Endings {
    buckets: rustc_hash::FxHashMap<[u8; 2], Vec<&'static str>>,
}

impl Endings {
    fn new(list: &'static [&'static str]) -> Endings {
        let mut buckets: rustc_hash::FxHashMap<[u8; 2], Vec<&'static str>> = Default::default();
        for &k in list {
            let b = k.as_bytes();
            assert!(b.len() >= 2, "ending {k:?} is shorter than two bytes");
            buckets
                .entry([b[b.len() - 2], b[b.len() - 1]])
                .or_default()
                .push(k);
        }
        Endings { buckets }
    }

    /// The endings that `w` might end with or equal (those sharing its last two bytes).
    fn candidates<'a>(&'a self, w: &str) -> impl Iterator<Item = &'static str> + 'a {
        let b = w.as_bytes();
        let bucket = (b.len() >= 2)
            .then(|| self.buckets.get(&[b[b.len() - 2], b[b.len() - 1]]))
            .flatten();
        bucket.into_iter().flatten().copied()
    }

    /// Whether `w` ends with one of the endings.
    fn ends(&self, w: &str) -> bool {
        self.candidates(w).any(|k| w.ends_with(k))
    }
}

/// Word spans (relative to `s`) of a whitespace-separated run.
fn words(s: &str) -> Vec<(usize, usize)> {
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

fn role_word(f: &str) -> Option<Role> {
    let f = f.trim_end_matches('.');
    Some(match f {
        "ordforande" | "ordf" | "leder" | "moteleder" | "modeleder" | "formand" | "mote leder"
        | "dirigent" | "ordforer" => Role::Chair,
        "vice ordforande"
        | "vice ordf"
        | "nestleder"
        | "naestformand"
        | "nastformand"
        | "vice formand"
        | "vice leder"
        | "1:e vice ordforande" => Role::ViceChair,
        "sekreterare" | "sekretaer" | "sekretar" | "referent" | "protokollforare"
        | "protokollforer" | "protokolforer" => Role::Secretary,
        "justerare" | "justerer" => Role::Adjuster,
        "varaordforer"
        | "varaordforar"
        | "nestleiar"
        | "nestformann"
        | "v. ordf"
        | "v.ordf"
        | "2:e vice ordforande"
        | "forste vice ordforande"
        | "andre vice ordforande" => Role::ViceChair,
        "sekr" => Role::Secretary,
        "ordforar" | "leiar" | "borgmester" => Role::Chair,
        "medlem" | "ledamot" | "medlem af udvalget" => Role::Member,
        // `nämndsekreterare`, `utvalgssekretær`: one title word that names a role.
        _ if !f.contains(' ') && is_title_word(f) => return title_role(f),
        _ => return None,
    })
}

enum Seg {
    Persons {
        spans: Vec<(usize, usize)>,
        party: Option<String>,
        org: Option<String>,
        weak: Option<String>,
        role: Option<Role>,
    },
    Title {
        org: Option<String>,
        role: Option<Role>,
    },
    Org(String),
    Role(Role),
    Nothing,
}

static NAME_FROM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[ \t]+(?:fra|från|frå|fran|hos)[ \t]+[\p{Lu}&&\p{Latin}]").expect("valid regex")
});

static TITLE_TAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|\s)(?:i|vid|ved|hos|på|for|för)\s+([\p{Lu}&&\p{Latin}][^,()]*)$")
        .expect("valid regex")
});

/// True when the first word of `inner`, folded, ends with one of [`TITLE_STEMS`] (the word is
/// folded once, not once per stem).
fn first_word_title_stem(inner: &str) -> bool {
    let first = fold(inner.split_whitespace().next().unwrap_or(""));
    TITLE_STEMS.iter().any(|t| first.ends_with(t))
}

fn classify(text: &str, s: usize, e: usize) -> Seg {
    // `- Name, leder`: a bullet before a list line is no part of it.
    let lead = text[s..e].len() - text[s..e].trim_start().len();
    let s = if crate::text::is_bullet_line(&text[s..e]) {
        let t = &text[s + lead..e];
        let mut cs = t.char_indices();
        cs.next();
        s + lead + cs.next().map_or(t.len(), |(i, _)| i)
    } else {
        s
    };
    let seg = &text[s..e];
    if seg.trim().is_empty() {
        return Seg::Nothing;
    }
    // A trailing parenthesis: party, organisation or a note.
    let (head_end, paren) = match (
        seg.rfind('('),
        seg.trim_end()
            .trim_end_matches(['.', ',', ';'])
            .ends_with(')'),
    ) {
        (Some(p), true) => {
            let inner = seg[p + 1..]
                .trim_end()
                .trim_end_matches(['.', ',', ';'])
                .trim_end_matches(')')
                .trim();
            (s + p, Some(inner))
        }
        _ => (e, None),
    };
    // `Name (V) (formand)`: a role parenthesis after a party parenthesis (a Danish attendance
    // line writes the office that way); the party is peeled off the head as well.
    let mut outer_party = None;
    let mut head_end = head_end;
    if paren.is_some_and(|i| role_word(&squash(&fold(i))).is_some()) {
        let before = text[s..head_end].trim_end();
        if before.ends_with(')') {
            if let Some(p) = before.rfind('(') {
                let pi = before[p + 1..before.len() - 1].trim();
                if is_party(pi) {
                    outer_party = Some(pi.to_string());
                    head_end = s + p;
                }
            }
        }
    }
    let (hs, he) = crate::text::trim_span(text, s, head_end, &['.', ',', ';', ':']);
    let head = &text[hs..he];
    let mut party = outer_party;
    let mut porg = None;
    let mut weak = None;
    let mut prole = None;
    if let Some(inner) = paren {
        let fi = fold(inner);
        // `(H, nestleder)`: a party and a role.
        let party_role = inner.split_once(',').and_then(|(a, b)| {
            let r = role_word(&squash(&fold(b.trim())))?;
            is_party(a).then(|| (a.trim().to_string(), r))
        });
        if is_party(inner) {
            party = Some(inner.to_string());
        } else if let Some((p, r)) = party_role {
            party = Some(p);
            prole = Some(r);
        } else if let Some(r) = role_word(&squash(&fi)) {
            // `Lotte Kjærgaard, konsulent (referent)`, `Bjørg Sølvberg (leder)`.
            prole = Some(r);
        } else if fi.starts_with("tb")
            || fi.starts_with("ej ")
            || fi.is_empty()
            || fi.starts_with('§')
            || item_reference(&fi)
        {
        } else if first_word_title_stem(inner) {
            weak = TITLE_TAIL
                .captures(inner)
                .and_then(|c| c.get(1))
                .map(|m| squash(m.as_str()));
        } else {
            porg = Some(squash(inner));
        }
    }
    let fh = fold(&squash(head));
    if let Some(r) = role_word(&fh) {
        // `næstformand (spejderne)`: a role, then the organisation the person comes from.
        if porg.is_some() && party.is_none() {
            return Seg::Title {
                org: porg,
                role: Some(r),
            };
        }
        return Seg::Role(r);
    }
    if let Some((ns, role)) = after_title(text, hs, he) {
        return Seg::Persons {
            spans: vec![(ns, he)],
            party,
            org: porg,
            weak,
            role: prole.or(role),
        };
    }
    if let Some(spans) = names_in(text, hs, he) {
        return Seg::Persons {
            spans,
            party,
            org: porg,
            weak,
            role: prole,
        };
    }
    // `Morten Vik fra Foreningen Lokalt Liv`, `Åsa Berg från Länsstyrelsen`: a name, then where
    // the person comes from.
    if let Some(m) = NAME_FROM.find(head) {
        let (ns, ne) = (hs, hs + m.start());
        if let Some(spans) = names_in(text, ns, ne).filter(|v| v.len() == 1) {
            return Seg::Persons {
                spans,
                party,
                org: porg.or_else(|| {
                    let cap = head[..m.end()]
                        .chars()
                        .next_back()
                        .map_or(0, char::len_utf8);
                    Some(squash(&head[m.end() - cap..]))
                }),
                weak,
                role: prole,
            };
        }
    }
    let first = head.split_whitespace().next().unwrap_or("");
    let ff = fold(first);
    let starts_lower = first.chars().next().is_some_and(|c| c.is_lowercase());
    if starts_lower
        || TITLE_STEMS
            .iter()
            .any(|t| ff.trim_end_matches('.').ends_with(t))
    {
        let org = TITLE_TAIL
            .captures(head)
            .and_then(|c| c.get(1))
            .map(|m| squash(m.as_str()));
        let role = prole.or_else(|| {
            head.split_whitespace()
                .next()
                .filter(|w| is_title_word(w))
                .and_then(|_| title_role(head))
        });
        return Seg::Title { org, role };
    }
    if head
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
        && !head.contains('(')
    {
        let mut o = squash(head);
        if let Some(p) = porg {
            o = format!("{o} ({p})");
        }
        // `Name, Sekretariatet Innlandet (protokollfører)`: the role in the parenthesis is the
        // person's before the organisation.
        if prole.is_some() {
            return Seg::Title {
                org: Some(o),
                role: prole,
            };
        }
        return Seg::Org(o);
    }
    Seg::Nothing
}

/// True for a parenthesis (folded) that points at agenda items (`punkt 3`, `sak 12/26`, `PS 33/26
/// og PS 37/26`, `ärende 4–5`): when the person attends, not where they come from.
fn item_reference(fi: &str) -> bool {
    let first = fi
        .split_whitespace()
        .next()
        .unwrap_or("")
        .trim_end_matches('.');
    matches!(
        first,
        "punkt"
            | "punkterne"
            | "pkt"
            | "sak"
            | "saker"
            | "sakene"
            | "saka"
            | "arende"
            | "arendena"
            | "ps"
            | "rs"
            | "ds"
            | "item"
            | "items"
            | "ad"
            | "dagsordenspunkt"
    ) && fi.bytes().any(|b| b.is_ascii_digit())
}

/// The name after a title: `kommunedirektør Stig Bjørnstad`, `Førsteamanuensis Sigurd Sæbø`,
/// `kommunalsjef for helse og omsorg Eirik Sæterbø`. Returns the name's start and the role the
/// title gives. The first word must be a title; up to five lowercase words may follow it.
fn after_title(text: &str, s: usize, e: usize) -> Option<(usize, Option<Role>)> {
    let seg = &text[s..e];
    let ws = words(seg);
    // `kommunstyrelsens ordförande Name`, `Udvalgets formand Name`: a genitive before the title.
    // `Oppdragsansvarlig revisor Name`, `politisk sekretær Name`, `Konstitueret direktør Name`:
    // an adjective before the title.
    // `Miljö- och byggchef Name`, `Plan- og bygningssjef Name`: a suspended compound's first
    // half and its conjunction before the title.
    let w = |i: usize| &seg[ws[i].0..ws[i].1];
    let k = if ws.len() >= 5
        && suspended(w(0))
        && matches!(fold(w(1)).as_str(), "och" | "og" | "eller")
        && is_title_word(w(2))
    {
        2
    } else {
        usize::from(ws.len() >= 4 && (genitive(w(0)) || adjective(w(0))) && is_title_word(w(1)))
    };
    if ws.len() < 3 + k || !is_title_word(&seg[ws[k].0..ws[k].1]) {
        return None;
    }
    for &(a, b) in ws.iter().take(7 + k).skip(1 + k) {
        let w = &seg[a..b];
        // `rådgiver, Kontrollsekretariatet Valdres`: a comma ends the title phrase.
        if seg[..a].trim_end().ends_with(',') {
            return None;
        }
        if is_name_word(w) && !is_title_word(w) {
            // `leiar i Volda Næringsråd`: a capitalised run after a preposition is the body.
            let prev = fold(seg[..a].split_whitespace().next_back().unwrap_or(""));
            if matches!(
                prev.as_str(),
                "i" | "for" | "ved" | "vid" | "hos" | "pa" | "til" | "till" | "af" | "av"
            ) {
                return None;
            }
            let ns = s + a;
            return match names_in(text, ns, e) {
                Some(v) if v.len() == 1 => Some((ns, title_role(&seg[ws[k].0..a]))),
                _ => None,
            };
        }
        if !w.chars().all(|c| c.is_lowercase() || c == '-') && !is_title_word(w) {
            return None;
        }
    }
    None
}

/// An adjective that may stand before a title (`daglig`, `dagleg`, `politisk`, `konstituert`,
/// `fungerande`, `oppdragsansvarlig`, `tillförordnad`), not itself a title.
fn adjective(w: &str) -> bool {
    let f = fold(w);
    f.chars().count() >= 5
        && f.chars().all(char::is_alphabetic)
        && ["ig", "eg", "isk", "ert", "eret", "ende", "ande", "ad"]
            .iter()
            .any(|x| f.ends_with(x))
        && !is_title_word(w)
        && !STOP_SET.contains(f.as_str())
}

/// A body's genitive before a title: `kommunstyrelsens`, `Udvalgets`, `rådets` (a lowercase or
/// capitalised word of at least six letters ending in `s`, not itself a title).
fn genitive(w: &str) -> bool {
    let f = fold(w);
    f.chars().count() >= 6
        && f.chars().all(char::is_alphabetic)
        && (f.ends_with("ens") || f.ends_with("ets") || f.ends_with("as") || f.ends_with("nes"))
        && !is_title_word(w)
}

/// Splits `text[s..e]` at top-level commas and semicolons.
fn top_level_commas(text: &str, s: usize, e: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut depth = 0i32;
    let mut st = s;
    // Bytes, not characters: every separator is ASCII but `·` (C2 B7), and no ASCII byte occurs
    // inside a multi-byte character.
    let seg = &text[s..e];
    let b = seg.as_bytes();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'(' | b'[' => depth += 1,
            b')' | b']' => depth = (depth - 1).max(0),
            b',' | b';' if depth == 0 => {
                out.push((st, s + i));
                st = s + i + 1;
            }
            // `Name (A), formand · Name (V)`: a middle dot separates like a comma.
            0xC2 if depth == 0 && b.get(i + 1) == Some(&0xB7) => {
                out.push((st, s + i));
                st = s + i + 2;
                i += 1;
            }
            _ => {}
        }
        i += 1;
    }
    out.push((st, e));
    out
}

static CONJ: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:^|\s)(?:og|och|and|&|samt|sekä)\s").expect("valid regex"));

/// True when `before` ends in a suspended compound's hyphen (`Børne-`, `kultur-`): the
/// conjunction after it joins two halves of one compound (`Børne- og Skoleudvalget`).
fn suspended(before: &str) -> bool {
    let t = before.trim_end();
    t.ends_with('-') && t[..t.len() - 1].ends_with(char::is_alphabetic)
}

/// Splits one comma segment at `og`/`och` when what follows is a person's name.
fn conj_split(text: &str, s: usize, e: usize) -> Vec<(usize, usize)> {
    let seg = &text[s..e];
    let hits: Vec<(usize, usize)> = CONJ
        .find_iter(seg)
        .map(|m| (s + m.start(), s + m.end()))
        .collect();
    if hits.is_empty() {
        return vec![(s, e)];
    }
    let mut out = Vec::new();
    let mut st = s;
    for (k, &(cs, ce)) in hits.iter().enumerate() {
        // `… og kultur- og fritidschef Name`: a conjunction inside a suspended compound does
        // not end the part after this one.
        let next = hits[k + 1..]
            .iter()
            .find(|h| !suspended(&text[ce..h.0.max(ce)]))
            .map_or(e, |h| h.0);
        if cs == s {
            st = ce;
            continue;
        }
        // `Miljö- och byggchef Name`: after a suspended compound's hyphen the conjunction joins
        // the halves of one title.
        if suspended(&text[st..cs]) {
            continue;
        }
        let tail_end = text[ce..next].find('(').map_or(next, |p| ce + p);
        let (ts, te) = crate::text::trim_span(text, ce, tail_end, &['.', ',', ';']);
        // `… og rådgjevar for trafikktryggleik Name`: a title phrase (a title, then lowercase
        // words) before one name is a person too.
        if ts < te
            && (names_in(text, ts, te).is_some()
                || (text[ts..te].starts_with(char::is_lowercase)
                    && after_title(text, ts, te).is_some()))
        {
            out.push((st, cs));
            st = ce;
            continue;
        }
        // `… samt elevrådets repræsentanter Name og Name`: a lowercase group noun (one word)
        // between the conjunction and a name is dropped.
        let lead = &text[ts..te];
        if let Some(sp) = lead.find(char::is_whitespace) {
            let noun = &lead[..sp];
            let ns = ts + sp + (lead[sp..].len() - lead[sp..].trim_start().len());
            if noun.chars().all(|c| c.is_lowercase())
                && noun.chars().count() >= 6
                && ns < te
                && names_in(text, ns, te).is_some()
            {
                out.push((st, cs));
                st = ns;
            }
        }
    }
    out.push((st, e));
    out
}

/// A substitution inside a list: `ersättare för Tore Näslund (S)` (the person named is absent,
/// the one before serves) or `møtte ved vararepresentant Håvard Sørensen (H)`, `stedfortræder
/// Hanne Søgaard (V) deltog` (the person named serves, the one before is absent).
static SUB_FOR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:^|\s)(?:(?:(?:tjänstgörande|tjanstgorande|tjenestegjørende|tenestegjerande)\s+)?(?:ersättare|ersattare|stedfortræder|stedfortreder|vararepresentant|varamedlem|varamand|vara|suppleant|tjänstgör|tjänstgjorde|ersätter|ersatte|møtte|møtte|mødte|møtte|møder|møter|møter)\s+(?:för|for)|(?:ersätter|ersatte|erstatter|erstattet|erstattede|erstattar|erstatta)|(?:(?:er|är|var|blev|ble|vart|har\s+været)\s+)?(?:indkaldt|innkalt|innkalla|inkallad|kallad)\s+(?:(?:som\s+\p{Latin}+|i\s+stedet)\s+)?(?:för|for)|i\s+stället\s+för|istället\s+för|i\s+stedet\s+for|i\s+staden\s+for)\s+")
        .expect("valid regex")
});
/// `Randi Lie (vara for Per Holm)`, `Eva Ek (S) (ersättare för Bo Ek)`, `Lars Bak (for Ib
/// Dal)`: a trailing parenthesis naming whom the person before it replaces.
static SUB_PAREN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\(\s*(?:(?:vara|varamedlem|varamedlem|vararepresentant|ersättare|ersattare|stedfortræder|stedfortreder|suppleant|varamand|tjänstgör|tjänstgörande|møter|møder|møtte|mødte)\s+)?(?:för|for|i\s+stället\s+för|istället\s+för|i\s+stedet\s+for|i\s+staden\s+for)\s+(?P<n>[^()]+?(?:\s*\([^()]{1,12}\))?)\s*\)\s*$")
        .expect("valid regex")
});
/// `Siri Lunde (Ap) for Anne Bø`: a member with a party serving for another.
static SUB_PARTY_FOR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\s+(?:for|för)\s+").expect("valid regex"));
static SUB_BY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:^|\s)(?:som\s+)?(?:(?:møtte|møtt|mødte|mött|var|er)\s+)?(?:(?:ved|vid|v\.|med)\s*)?(?:stedfortræderen|stedfortræder|stedfortrederen|stedfortreder|vararepresentanten|vararepresentant|varamedlemmet|varamedlem|varamanden|varamand|suppleanten|suppleant)\s+")
        .expect("valid regex")
});
static SUB_VERB_TAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\s+(?:deltog|deltok|deltar|deltager|deltek|møtte|mødte|møtt|mötte|tjänstgjorde|tjänstgör)\W*$")
        .expect("valid regex")
});

/// The comma parts of a list with a spaced dash split off each part's end when what follows it
/// is a party, role, title or organisation (`Hanne Lund – Ø`, `Eli Moe, leiar – Volda skule`):
/// `(start, end, is_tail)`.
fn dash_tails(text: &str, parts: Vec<(usize, usize)>) -> Vec<(usize, usize, bool)> {
    let mut out = Vec::with_capacity(parts.len());
    for (a, b0) in parts {
        // `Name / Sp / leiar`: cut tails off the end one after the other.
        let mut b = b0;
        let mut tails: Vec<(usize, usize)> = Vec::new();
        loop {
            let seg = &text[a..b];
            let cut = DASH_SEP.find_iter(seg).last().and_then(|m| {
                let (ts, te) = crate::text::trim_span(text, a + m.end(), b, &['.']);
                let head = text[a..a + m.start()].trim();
                // After one person's name (perhaps with a party: `Name (A) – byrådsmedlem`) any
                // title may follow (`Name – byrådsmedlem, Venstre`), and a capitalised run is
                // where the person comes from (`Name – Kirkens Korshær Vejle`), not a second
                // person.
                let person_head = || {
                    let (hs, mut he) = crate::text::trim_span(text, a, a + m.start(), &[]);
                    if let Some(p) = text[hs..he].strip_suffix(')').and_then(|h| h.rfind('(')) {
                        if is_party(&text[hs + p + 1..he - 1]) {
                            he = crate::text::trim_span(text, hs, hs + p, &[]).1;
                        }
                    }
                    hs < he
                        && (names_in(text, hs, he).is_some_and(|v| v.len() == 1)
                            // `Name, formand – Herberget Lysglimt`: the role part after the
                            // name's comma.
                            || matches!(classify(text, hs, he), Seg::Role(_)))
                };
                let ok = ts < te
                    && !head.is_empty()
                    && (is_party(&text[ts..te])
                        || match classify(text, ts, te) {
                            Seg::Org(_) | Seg::Role(_) | Seg::Title { role: Some(_), .. } => true,
                            Seg::Title { role: None, .. } => person_head(),
                            Seg::Persons { party: None, .. } => {
                                !text[a + m.start()..ts].contains('/')
                                    && !text[ts..te].contains(['(', ')'])
                                    && person_head()
                            }
                            _ => false,
                        });
                ok.then_some((a + m.start(), ts, te))
            });
            match cut {
                Some((m, ts, te)) => {
                    tails.push((ts, te));
                    b = m;
                    // Only the slash separates several columns; a dash is cut once.
                    if !text[m..ts].contains('/') {
                        break;
                    }
                }
                None => break,
            }
        }
        out.push((a, b, false));
        out.extend(tails.into_iter().rev().map(|(ts, te)| (ts, te, true)));
    }
    out
}

static DASH_SEP: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[ \t]+[–—/-][ \t]+").expect("valid regex"));

/// Parses a list of people such as `Helena Astvald, Johan Kumlin (M), Tina\nModin` or
/// `Kristine Laake, Reach for Change og Marie Harbo Dahle, SoCentral`.
pub(crate) fn parse_list(text: &str, s: usize, e: usize) -> Vec<Person> {
    let mut out: Vec<Person> = Vec::new();
    let mut pending: Vec<usize> = Vec::new();
    let mut last_was_person = false;
    // `direktør for Sundhed og Omsorg, Søren Kjær Østergaard`: a title before the name.
    let mut title_before: Option<(Option<String>, Option<Role>)> = None;
    for (cs, ce, tail) in dash_tails(text, top_level_commas(text, s, e)) {
        let seg = text[cs..ce].trim();
        // `Name – A`, `Name, leiar – Volda skule`: a party, role or organisation after a dash
        // (never a person: `Tema – Name` is a speaker line).
        if tail {
            if let (true, Some(p)) = (last_was_person, out.last_mut()) {
                if is_party(seg) {
                    p.party
                        .get_or_insert_with(|| seg.trim_matches(['(', ')']).to_string());
                } else {
                    match classify(text, cs, ce) {
                        Seg::Org(o) if p.org.is_none() || p.org_weak => {
                            p.org = Some(o);
                            p.org_weak = false;
                        }
                        // Cut only after one person's name: the capitalised run is a body.
                        Seg::Persons { .. } if p.org.is_none() || p.org_weak => {
                            p.org = Some(squash(seg));
                            p.org_weak = false;
                        }
                        Seg::Role(r) => p.role = Some(r),
                        Seg::Title { role: Some(r), .. } => {
                            p.role.get_or_insert(r);
                        }
                        _ => {}
                    }
                }
            }
            continue;
        }
        // `Name, S`: a party after a comma.
        if last_was_person && is_party(seg) {
            if let Some(p) = out.last_mut() {
                p.party
                    .get_or_insert_with(|| seg.trim_matches(['(', ')']).to_string());
            }
            continue;
        }
        // `Name, S, för Name, S`, `Name – skule, for Name`: the one before serves for the one
        // named.
        if last_was_person {
            if let Some(g) = table::replaced(text, cs, ce) {
                if let Some(p) = out.last_mut() {
                    p.status = Some(Status::Substitute);
                }
                out.push(g);
                pending.clear();
                continue;
            }
        }
        // `Name (vara for Name)`: the one before serves, the one named is absent.
        if let Some(c) = SUB_PAREN.captures(&text[cs..ce]) {
            let (m0, n) = (c.get(0).expect("group 0"), c.name("n").expect("group n"));
            let named = parse_list(text, cs + n.start(), cs + n.end());
            let before = parse_list(text, cs, cs + m0.start());
            if named.len() == 1 && before.len() == 1 {
                for mut p in before {
                    p.status = Some(Status::Substitute);
                    out.push(p);
                }
                for mut p in named {
                    p.status = Some(Status::Absent);
                    out.push(p);
                }
                pending.clear();
                last_was_person = true;
                continue;
            }
        }
        // Substitutions: split the segment at the clause and set both statuses.
        let sub = SUB_FOR
            .find(&text[cs..ce])
            .map(|m| (m, Status::Absent, Status::Substitute))
            .or_else(|| {
                SUB_PARTY_FOR
                    .find_iter(&text[cs..ce])
                    .find(|m| {
                        if !text[cs..cs + m.start()].ends_with(')') {
                            return false;
                        }
                        let tail = cs + m.end();
                        let stop = text[tail..ce].find('(').map_or(ce, |p| tail + p);
                        let (a, b) =
                            crate::text::trim_span(text, tail, stop, &['.', ',', ';', ' ', '\n']);
                        a < b && names_in(text, a, b).is_some_and(|v| v.len() == 1)
                    })
                    .map(|m| (m, Status::Absent, Status::Substitute))
            })
            .or_else(|| {
                SUB_BY
                    .find(&text[cs..ce])
                    .map(|m| (m, Status::Substitute, Status::Absent))
            });
        if let Some((m, named, other)) = sub {
            let (ms, me) = (cs + m.start(), cs + m.end());
            let mut ne = ce;
            if let Some(v) = SUB_VERB_TAIL.find(&text[me..ce]) {
                ne = me + v.start();
            }
            let before = if text[cs..ms].trim().is_empty() {
                None
            } else {
                let b = parse_list(text, cs, ms);
                (!b.is_empty()).then_some(b)
            };
            match before {
                Some(b) => {
                    for mut p in b {
                        p.status = Some(other);
                        out.push(p);
                    }
                }
                None => {
                    if let (true, Some(p)) = (last_was_person, out.last_mut()) {
                        p.status = Some(other);
                    }
                }
            }
            for mut p in parse_list(text, me, ne) {
                p.status = Some(named);
                out.push(p);
            }
            pending.clear();
            last_was_person = true;
            continue;
        }
        for (a, b) in conj_split(text, cs, ce) {
            match classify(text, a, b) {
                Seg::Persons {
                    spans,
                    party,
                    org,
                    weak,
                    role,
                } => {
                    if !last_was_person {
                        pending.clear();
                    }
                    let (torg, trole) = title_before.take().unwrap_or((None, None));
                    let one = spans.len() == 1;
                    for sp in spans {
                        let mut p = Person::new(text, sp);
                        if one {
                            p.party.clone_from(&party);
                            p.role = role.or(trole);
                        }
                        if let Some(o) = org.as_ref().or(torg.as_ref()) {
                            p.org = Some(o.clone());
                        } else {
                            if let Some(w) = &weak {
                                p.org = Some(w.clone());
                                p.org_weak = true;
                            }
                            pending.push(out.len());
                        }
                        out.push(p);
                    }
                    last_was_person = true;
                }
                Seg::Org(o) => {
                    for &i in &pending {
                        if out[i].org.is_none() || out[i].org_weak {
                            out[i].org = Some(o.clone());
                            out[i].org_weak = false;
                        }
                    }
                    pending.clear();
                    last_was_person = false;
                    title_before = None;
                }
                Seg::Title { org, role } => {
                    if pending.is_empty() && !last_was_person {
                        title_before = Some((org, role));
                    } else {
                        if let Some(o) = org {
                            for &i in &pending {
                                if out[i].org.is_none() {
                                    out[i].org = Some(o.clone());
                                    out[i].org_weak = true;
                                }
                            }
                        }
                        if let (Some(r), true, Some(p)) = (role, last_was_person, out.last_mut()) {
                            p.role.get_or_insert(r);
                        }
                    }
                    last_was_person = false;
                }
                Seg::Role(r) => {
                    if let Some(p) = out.last_mut() {
                        p.role = Some(r);
                    }
                }
                Seg::Nothing => {}
            }
        }
    }
    out
}

/// A speaker line in a program: `Linda Björnberg (Karolina Vårdcentral)`,
/// `Innledninger: Kristine Laake, Reach for Change`, `Stian Johnsen, gen.sekr. i Frivillighet Norge`.
/// Empty unless the line starts with a person.
pub(crate) fn parse_speaker_line(text: &str, s: usize, e: usize) -> Vec<Person> {
    let line = &text[s..e];
    let mut start = s;
    let mut presenter = false;
    if let Some(c) = line.find(':') {
        let label = &line[..c];
        if label.split_whitespace().count() <= 5 && c < 60 && names_in(text, s, s + c).is_none() {
            start = s + c + 1;
            presenter = PRESENTER_LABELS.contains(&fold(&squash(label)).as_str());
        }
    } else if let Some(m) = PRESENTED_BY.find(line) {
        // `Föredras av controller Name`, `Præsenteres af planlægger Name`.
        start = s + m.end();
        presenter = true;
    } else if let Some(r) = ["med ", "with "].iter().find_map(|w| line.strip_prefix(w)) {
        // `med Name, Org, og` under a programme line: the people the item is held with (lower
        // case only; `Med vennlig hilsen` is a closing).
        start = e - r.len();
    }
    let (ts, te) = crate::text::trim_span(text, start, e, &[]);
    if ts >= te {
        return Vec::new();
    }
    let first = top_level_commas(text, ts, te)[0];
    let first = conj_split(text, first.0, first.1)[0];
    if !matches!(classify(text, first.0, first.1), Seg::Persons { .. }) {
        // `Föredragande: controller Name`: after a presenter label any lowercase title may
        // stand before the name.
        if presenter {
            if let Some(ns) = lowercase_lead(text, first.0, first.1) {
                return parse_list(text, ns, te);
            }
        }
        return Vec::new();
    }
    parse_list(text, ts, te)
}

/// `Föredras av`, `Presenteres av`, `Præsenteres af`, `Innledes av`: a passive that opens a
/// presenter line. `Svar lämnas av`, `Svaret gis av`, `Svar gives af`: whoever answers a
/// question or an interpellation under an item speaks at it.
static PRESENTED_BY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:(?i:föredras|föredrages|presenteras|presenteres|præsenteres|innledes|innleiast|inleds|fremlægges|framförs)|(?i:svar|svaret)[ \t]+(?i:lämnas|ges|gis|gjevast|givs|gives)(?:[ \t]+(?i:muntligt|muntlig|munnleg|mundtligt))?)[ \t]+(?i:av|af|ved|vid)[ \t]+")
        .expect("valid regex")
});

/// Labels that name who presents an item (folded).
const PRESENTER_LABELS: &[&str] = &[
    "foredragande",
    "foredragare",
    "foredragende",
    "foredragsholder",
    "saksbehandler",
    "saksbehandlar",
    "sagsbehandler",
    "saksordforer",
    "saksordforar",
    "ansvarig",
    "ansvarlig",
    "presentation",
    "presentasjon",
    "prasentation",
    // `æ` folds to `a`: `Oplæg ved` is `oplag ved`.
    "oplag ved",
    "oplag",
    "oplagsholder",
    "innledning",
    "innleiing",
    "inledning",
    "inledare",
    "innleiar",
    "innleder",
    "foredrag",
    "talare",
    "talere",
    "innledning ved",
    "orientering ved",
    "dragning",
];

/// The start of the name in `lowercase words Name Surname` (at most three lowercase words
/// before exactly one name).
fn lowercase_lead(text: &str, s: usize, e: usize) -> Option<usize> {
    let (s, e) = crate::text::trim_span(text, s, e, &['.']);
    let seg = &text[s..e];
    let ws = words(seg);
    let k = ws
        .iter()
        .take_while(|&&(a, b)| seg[a..b].chars().all(|c| c.is_lowercase() || c == '-'))
        .count();
    if k == 0 || k > 3 || ws.len() < k + 2 {
        return None;
    }
    let ns = s + ws[k].0;
    names_in(text, ns, e).filter(|v| v.len() == 1).map(|_| ns)
}

/// Labels that open a block of people, with the status and role they give.
type Block = (Option<Status>, Option<Role>);
const BLOCK_LABELS: &[(&str, Block)] = &[
    ("närvarande", (Some(Status::Present), None)),
    ("närvarolista", (Some(Status::Present), None)),
    ("deltagarlista", (Some(Status::Present), None)),
    ("deltakarliste", (Some(Status::Present), None)),
    ("deltakerliste", (Some(Status::Present), None)),
    ("deltagerliste", (Some(Status::Present), None)),
    ("fremmødeliste", (Some(Status::Present), None)),
    ("oppmøteliste", (Some(Status::Present), None)),
    (
        "närvarande ledamöter",
        (Some(Status::Present), Some(Role::Member)),
    ),
    ("beslutande", (Some(Status::Present), Some(Role::Member))),
    (
        "beslutande ledamöter",
        (Some(Status::Present), Some(Role::Member)),
    ),
    ("ledamöter", (Some(Status::Present), Some(Role::Member))),
    ("ledamot", (None, Some(Role::Member))),
    ("medlem", (None, Some(Role::Member))),
    ("ersättare, ej tjg.", (Some(Status::Substitute), None)),
    ("ersättare ej tjg.", (Some(Status::Substitute), None)),
    (
        "ersättare, ej tjänstgörande",
        (Some(Status::Substitute), None),
    ),
    (
        "ersättare ej tjänstgörande",
        (Some(Status::Substitute), None),
    ),
    ("ej tjg. ersättare", (Some(Status::Substitute), None)),
    ("ej tjg ersättare", (Some(Status::Substitute), None)),
    (
        "møtande medlemmer",
        (Some(Status::Present), Some(Role::Member)),
    ),
    ("udvalgssekretær", (None, Some(Role::Secretary))),
    ("mødesekretær", (None, Some(Role::Secretary))),
    ("tjänstgörande ersättare", (Some(Status::Substitute), None)),
    ("ersättare", (Some(Status::Substitute), None)),
    // Substitutes who attend without serving: still `substitute`, no role.
    (
        "ej tjänstgörande ersättare",
        (Some(Status::Substitute), None),
    ),
    (
        "icke tjänstgörande ersättare",
        (Some(Status::Substitute), None),
    ),
    ("närvarande ersättare", (Some(Status::Substitute), None)),
    ("övriga ersättare", (Some(Status::Substitute), None)),
    (
        "tjänstgörande ledamöter",
        (Some(Status::Present), Some(Role::Member)),
    ),
    ("övriga deltagande", (Some(Status::Present), None)),
    ("övriga närvarande", (Some(Status::Present), None)),
    ("övriga deltagare", (Some(Status::Present), None)),
    ("frånvarande", (Some(Status::Absent), None)),
    ("deltagare", (Some(Status::Present), None)),
    ("deltagere", (Some(Status::Present), None)),
    ("deltakere", (Some(Status::Present), None)),
    ("deltakarar", (Some(Status::Present), None)),
    ("til stede", (Some(Status::Present), None)),
    ("tilstede", (Some(Status::Present), None)),
    ("til stades", (Some(Status::Present), None)),
    ("tilstedeværende", (Some(Status::Present), None)),
    ("møtt", (Some(Status::Present), None)),
    ("møtte", (Some(Status::Present), None)),
    ("fremmøtte", (Some(Status::Present), None)),
    ("fremmødte", (Some(Status::Present), None)),
    ("mødt", (Some(Status::Present), None)),
    ("mødte", (Some(Status::Present), None)),
    (
        "møtende medlemmer",
        (Some(Status::Present), Some(Role::Member)),
    ),
    ("møtende varamedlemmer", (Some(Status::Substitute), None)),
    ("møtende varamedlem", (Some(Status::Substitute), None)),
    ("møtende vararepresentant", (Some(Status::Substitute), None)),
    (
        "møtende vararepresentanter",
        (Some(Status::Substitute), None),
    ),
    ("varamedlemmer", (Some(Status::Substitute), None)),
    ("varamedlemer", (Some(Status::Substitute), None)),
    ("varamedlem", (Some(Status::Substitute), None)),
    ("vara", (Some(Status::Substitute), None)),
    ("vararepresentant", (Some(Status::Substitute), None)),
    ("stedfortræder", (Some(Status::Substitute), None)),
    ("stedfortreder", (Some(Status::Substitute), None)),
    ("suppleant", (Some(Status::Substitute), None)),
    ("fraværende med afbud", (Some(Status::Absent), None)),
    ("med afbud", (Some(Status::Absent), None)),
    ("fravær med forfall", (Some(Status::Absent), None)),
    ("fraværende med forfall", (Some(Status::Absent), None)),
    ("förhinder", (Some(Status::Absent), None)),
    ("anmält förhinder", (Some(Status::Absent), None)),
    ("forfall", (Some(Status::Absent), None)),
    ("meldt forfall", (Some(Status::Absent), None)),
    ("fravær", (Some(Status::Absent), None)),
    ("fraværende", (Some(Status::Absent), None)),
    ("afbud", (Some(Status::Absent), None)),
    ("afbud fra", (Some(Status::Absent), None)),
    ("medverkande", (None, Some(Role::Speaker))),
    ("medvirkende", (None, Some(Role::Speaker))),
    ("gästföreläsare", (None, Some(Role::Speaker))),
    ("föreläsare", (None, Some(Role::Speaker))),
    ("talare", (None, Some(Role::Speaker))),
    ("talere", (None, Some(Role::Speaker))),
    ("foredragsholder", (None, Some(Role::Speaker))),
    ("foredragsholdere", (None, Some(Role::Speaker))),
    ("oplægsholder", (None, Some(Role::Speaker))),
    ("oplægsholdere", (None, Some(Role::Speaker))),
    ("innledere", (None, Some(Role::Speaker))),
    ("innledningar", (None, Some(Role::Speaker))),
    ("moderator", (None, Some(Role::Speaker))),
    // Who leads the talk at an event hosts it.
    ("ordstyrer", (None, Some(Role::Host))),
    ("ordstyrar", (None, Some(Role::Host))),
    ("samtalsledare", (None, Some(Role::Host))),
    ("samtalsleder", (None, Some(Role::Host))),
    ("samtalsleiar", (None, Some(Role::Host))),
    ("konferencier", (None, Some(Role::Host))),
    ("konferansier", (None, Some(Role::Host))),
    ("værter", (None, Some(Role::Host))),
    ("vært", (None, Some(Role::Host))),
    ("verter", (None, Some(Role::Host))),
    ("vert", (None, Some(Role::Host))),
    ("värdar", (None, Some(Role::Host))),
    ("värd", (None, Some(Role::Host))),
    ("ordförande", (None, Some(Role::Chair))),
    ("mötesordförande", (None, Some(Role::Chair))),
    ("møteleder", (None, Some(Role::Chair))),
    ("formand", (None, Some(Role::Chair))),
    ("mødeleder", (None, Some(Role::Chair))),
    ("ordf.", (None, Some(Role::Chair))),
    ("vice ordförande", (None, Some(Role::ViceChair))),
    ("1:e vice ordförande", (None, Some(Role::ViceChair))),
    ("2:e vice ordförande", (None, Some(Role::ViceChair))),
    ("förste vice ordförande", (None, Some(Role::ViceChair))),
    ("andre vice ordförande", (None, Some(Role::ViceChair))),
    ("vice ordf.", (None, Some(Role::ViceChair))),
    ("v. ordf.", (None, Some(Role::ViceChair))),
    ("v.ordf.", (None, Some(Role::ViceChair))),
    ("nestformann", (None, Some(Role::ViceChair))),
    ("varaordfører", (None, Some(Role::ViceChair))),
    ("varaordførar", (None, Some(Role::ViceChair))),
    ("sekr.", (None, Some(Role::Secretary))),
    ("nestleder", (None, Some(Role::ViceChair))),
    ("næstformand", (None, Some(Role::ViceChair))),
    ("sekreterare", (None, Some(Role::Secretary))),
    ("sekretær", (None, Some(Role::Secretary))),
    ("referent", (None, Some(Role::Secretary))),
    ("protokollförare", (None, Some(Role::Secretary))),
    ("protokollfører", (None, Some(Role::Secretary))),
    // Danish spells it with one `l`.
    ("protokolfører", (None, Some(Role::Secretary))),
    ("justerare", (None, Some(Role::Adjuster))),
    ("justeras av", (None, Some(Role::Adjuster))),
    ("justeres av", (None, Some(Role::Adjuster))),
    ("justerande", (None, Some(Role::Adjuster))),
    ("justeras", (None, Some(Role::Adjuster))),
    ("justeres", (None, Some(Role::Adjuster))),
    ("utses att justera", (None, Some(Role::Adjuster))),
    ("att justera", (None, Some(Role::Adjuster))),
    // A roster says who belongs, not who came: no status.
    ("medlemmer", (None, Some(Role::Member))),
    // `Arbeidstakernes representanter:`, `De ansattes repræsentanter:`: members for a group.
    ("representanter", (None, Some(Role::Member))),
    ("representantar", (None, Some(Role::Member))),
    ("repræsentanter", (None, Some(Role::Member))),
    ("medlemmar", (None, Some(Role::Member))),
    ("medlemer", (None, Some(Role::Member))),
    ("faste medlemmer", (None, Some(Role::Member))),
    ("kallade ledamöter", (None, Some(Role::Member))),
    ("kallade", (None, None)),
    ("innkalte medlemmer", (None, Some(Role::Member))),
    ("innkalla medlemer", (None, Some(Role::Member))),
    ("innkalla medlemmer", (None, Some(Role::Member))),
    ("indkaldte medlemmer", (None, Some(Role::Member))),
    ("kallade ledamöter och ersättare", (None, None)),
    ("innkalt", (None, Some(Role::Member))),
    ("innkalte", (None, Some(Role::Member))),
    ("innkalla", (None, Some(Role::Member))),
    ("indkaldt", (None, Some(Role::Member))),
    ("indkaldte", (None, Some(Role::Member))),
    (
        "møtande medlemer",
        (Some(Status::Present), Some(Role::Member)),
    ),
    ("ordinarie ledamöter", (None, Some(Role::Member))),
    // Officials and guests present.
    ("övriga", (Some(Status::Present), None)),
    ("övriga närvarande", (Some(Status::Present), None)),
    ("øvrige", (Some(Status::Present), None)),
    ("øvrige til stede", (Some(Status::Present), None)),
    ("øvrige deltagere", (Some(Status::Present), None)),
    ("andre til stede", (Some(Status::Present), None)),
    ("andre til stades", (Some(Status::Present), None)),
    ("andre tilstede", (Some(Status::Present), None)),
    ("andre fremmødte", (Some(Status::Present), None)),
    ("andre møtande", (Some(Status::Present), None)),
    ("også til stede", (Some(Status::Present), None)),
    ("desuden deltog", (Some(Status::Present), None)),
    ("endvidere deltog", (Some(Status::Present), None)),
    ("dessutom närvarande", (Some(Status::Present), None)),
    ("tjänstepersoner", (Some(Status::Present), None)),
    ("tjänstemän", (Some(Status::Present), None)),
    ("tjenestepersoner", (Some(Status::Present), None)),
    ("tenestepersonar", (Some(Status::Present), None)),
    ("embedsmænd", (Some(Status::Present), None)),
    ("administrationen", (Some(Status::Present), None)),
    ("administrasjonen", (Some(Status::Present), None)),
    ("forvaltningen", (Some(Status::Present), None)),
    ("förvaltningen", (Some(Status::Present), None)),
    ("gäster", (Some(Status::Present), None)),
    ("gjester", (Some(Status::Present), None)),
    ("gjestar", (Some(Status::Present), None)),
    ("gæster", (Some(Status::Present), None)),
    // Substitutes and absentees.
    ("møtende vara", (Some(Status::Substitute), None)),
    ("møtande varamedlemer", (Some(Status::Substitute), None)),
    ("møtande vara", (Some(Status::Substitute), None)),
    ("møtande varamedlem", (Some(Status::Substitute), None)),
    ("vararepresentanter", (Some(Status::Substitute), None)),
    ("suppleanter", (Some(Status::Substitute), None)),
    ("stedfortrædere", (Some(Status::Substitute), None)),
    ("frånvarande ledamöter", (Some(Status::Absent), None)),
    ("fråverande", (Some(Status::Absent), None)),
    ("ikke til stede", (Some(Status::Absent), None)),
    ("ikkje til stades", (Some(Status::Absent), None)),
    ("ikke mødt", (Some(Status::Absent), None)),
    ("ikke møtt", (Some(Status::Absent), None)),
    ("ikkje møtt", (Some(Status::Absent), None)),
    // Officers.
    ("ordfører", (None, Some(Role::Chair))),
    ("ordførar", (None, Some(Role::Chair))),
    ("leder", (None, Some(Role::Chair))),
    ("leiar", (None, Some(Role::Chair))),
    ("møteleiar", (None, Some(Role::Chair))),
    ("nestleiar", (None, Some(Role::ViceChair))),
    ("nämndsekreterare", (None, Some(Role::Secretary))),
    ("mötessekreterare", (None, Some(Role::Secretary))),
    ("møtesekretær", (None, Some(Role::Secretary))),
    ("utvalgssekretær", (None, Some(Role::Secretary))),
    ("protokollførar", (None, Some(Role::Secretary))),
];

/// Labels whose value may follow a copula (`Oplægsholdere er ...`, `Værter ... er ...`):
/// speakers and hosts only. `Administrationen er positiv til forslaget` is no list.
fn copula_ok(b: Block) -> bool {
    matches!(b.1, Some(Role::Speaker | Role::Host))
}

/// The block labels, folded, longest first, indexed by first letter.
static FOLDED_BLOCKS: LazyLock<LabelTable<Block>> = LazyLock::new(|| LabelTable::new(BLOCK_LABELS));

static COPULA: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:[^:]{0,150}?\s)?(?:er|är|e)(?:\s|$)").expect("valid regex"));

/// A block label at the start of `t`: a known label (`Närvarande`, `Fra administrasjonen`), or
/// a short label before a colon that ends in one (`Udvalgets medlemmer:`, `Øvrige møtende
/// varamedlemmer:`), or `Fra`/`Frå`/`Från` + a definite noun before a colon (`Fra
/// forvaltningen:`, `Från kommunkansliet:`: officials present). Returns the label's length.
fn block_label_at(t: &str) -> Option<(usize, Block)> {
    if let Some(hit) = FOLDED_BLOCKS
        .starting(t)
        .find_map(|(l, b)| match_label(t, l).map(|n| (n, *b)))
    {
        // `Til stede fra arbeidsgiver:`, `Närvarande från förvaltningen:`: a known label, then
        // where the people come from, before the colon.
        let rest = &t[hit.0..];
        if let Some(c) = rest.find(':').filter(|&c| c <= 80) {
            let q = fold(rest[..c].trim());
            // `Innkalla medlemer (namn / parti / verv):`: the columns named in parentheses.
            // Round 14: or who the people are (`Til stades (medlemer valde av kommunestyret
            // 18. oktober 2035):`), which may run longer; one parenthesis, nothing after it.
            let columns = q.starts_with('(') && q.ends_with(')') && q.matches('(').count() == 1;
            if columns {
                return Some((hit.0 + c, hit.1));
            }
            if c > 40 {
                return Some(hit);
            }
            // `Faste medlemmer som ikke møtte:`: the clause says who came.
            if let Some(st) = clause_status(&q) {
                return Some((hit.0 + c, with_clause(hit.1, st)));
            }
            let from = ["fra ", "fran ", "for "].iter().any(|f| q.starts_with(f));
            if from && q.split_whitespace().count() <= 3 {
                return Some((hit.0 + c, hit.1));
            }
        }
        return Some(hit);
    }
    let Some(colon) = t.find(':').filter(|&c| c > 0 && c <= 50) else {
        return heading_label(t);
    };
    let head = &t[..colon];
    let ws = words(head);
    // `Udvalgets medlemmer, der mødte:`, `Faste medlemer som ikkje møtte:`: a group label,
    // then a relative clause that decides the status.
    if let Some(k) = ws.iter().skip(1).position(|&(a, b)| {
        let w = &head[a..b];
        w.eq_ignore_ascii_case("som") || w.eq_ignore_ascii_case("der")
    }) {
        let (a, _) = ws[k + 1];
        let label = head[..a].trim_end_matches([' ', ',']);
        if let Some((st, b)) = clause_status(&fold(&head[a..])).zip(group_label(label)) {
            return Some((colon, with_clause(b, st)));
        }
    }
    if ws.len() < 2
        || ws.len() > 4
        || !head
            .chars()
            .all(|c| c.is_alphabetic() || c.is_whitespace() || c == '-')
    {
        return None;
    }
    let first = fold(&head[ws[0].0..ws[0].1]);
    if ws.len() <= 3 && matches!(first.as_str(), "fra" | "fran") {
        let last = fold(&head[ws[ws.len() - 1].0..ws[ws.len() - 1].1]);
        // `Frå dei tilsette:`, `Fra de ansatte:`: a plural after its determiner.
        let determiner =
            ws.len() == 3 && matches!(fold(&head[ws[1].0..ws[1].1]).as_str(), "de" | "dei" | "dom");
        let plural = last.ends_with("ne");
        if last.ends_with("en")
            || last.ends_with("et")
            || last.ends_with("a")
            || plural
            || determiner
        {
            return Some((colon, (Some(Status::Present), None)));
        }
    }
    for &(a, _) in ws.iter().skip(1) {
        let tail = &head[a..];
        if let Some(hit) = FOLDED_BLOCKS
            .starting(tail)
            .find_map(|(l, b)| (match_label(tail, l) == Some(tail.len())).then_some(*b))
        {
            return Some((colon, hit));
        }
    }
    None
}

/// The status a relative clause after a group label gives (`som møtte`, `der mødte`, `som
/// ikkje møtte`, `som hadde forfall`), folded: a verb of attending, negated or not, or a word of
/// absence. `None` for any other clause (`som velges`).
fn clause_status(q: &str) -> Option<Status> {
    let rest = q
        .trim_start_matches([',', ' '])
        .strip_prefix("som ")
        .or_else(|| q.trim_start_matches([',', ' ']).strip_prefix("der "))?;
    let ws: Vec<&str> = rest.split_whitespace().collect();
    if ws.len() > 5 {
        return None;
    }
    let negated = ws
        .iter()
        .any(|w| matches!(*w, "ikke" | "ikkje" | "inte" | "ej" | "icke"));
    let away = ws.iter().any(|w| {
        matches!(*w, "forfall" | "afbud")
            || w.starts_with("fravar")
            || w.starts_with("franvar")
            || w.starts_with("fraver")
    });
    let came = ws.iter().any(|w| {
        matches!(
            *w,
            "mott"
                | "motte"
                | "modt"
                | "modte"
                | "motet"
                | "deltok"
                | "deltog"
                | "deltar"
                | "deltager"
                | "deltek"
                | "narvarade"
                | "narvarande"
                | "stede"
                | "stades"
        )
    });
    if away || (negated && came) {
        Some(Status::Absent)
    } else if came {
        Some(Status::Present)
    } else {
        None
    }
}

/// A group label's block with a clause's status: an absence overrides, presence fills in
/// (`Varamedlemmer som møtte` stay substitutes).
fn with_clause(b: Block, st: Status) -> Block {
    match st {
        Status::Absent => (Some(Status::Absent), b.1),
        _ => (b.0.or(Some(st)), b.1),
    }
}

/// A whole group label (`Faste medlemmer`, `Udvalgets medlemmer`, `Varamedlemer`): a known
/// label that names people, or one to three words ending in one.
fn group_label(label: &str) -> Option<Block> {
    let ws = words(label);
    if ws.is_empty() || ws.len() > 3 {
        return None;
    }
    ws.iter().find_map(|&(a, _)| {
        let tail = &label[a..];
        FOLDED_BLOCKS
            .starting(tail)
            .find_map(|(l, b)| (match_label(tail, l) == Some(tail.len())).then_some(*b))
            .filter(|b| b.0.is_some() || b.1 == Some(Role::Member))
    })
}

/// A heading alone on its line without a colon, two or three words ending in a known label
/// (`Udvalgets medlemmer`, `Møtande varamedlemmer`), or `Fra`/`Frå`/`Från` + a definite noun
/// (`Frå administrasjonen`): the whole line is the label.
fn heading_label(t: &str) -> Option<(usize, Block)> {
    if t.len() > 50 || !t.starts_with(char::is_uppercase) {
        return None;
    }
    let ws = words(t);
    if ws.len() < 2
        || ws.len() > 3
        || t.len() > 50
        || !t
            .chars()
            .all(|c| c.is_alphabetic() || c.is_whitespace() || c == '-')
        || !t.starts_with(char::is_uppercase)
    {
        return None;
    }
    let first = fold(&t[ws[0].0..ws[0].1]);
    let last = fold(&t[ws[ws.len() - 1].0..ws[ws.len() - 1].1]);
    if ws.len() == 2
        && matches!(first.as_str(), "fra" | "fran")
        && FOLDED_BLOCKS.labels().any(|l| l == last)
    {
        return Some((t.len(), (Some(Status::Present), None)));
    }
    for &(a, _) in ws.iter().skip(1) {
        let tail = &t[a..];
        if let Some(hit) = FOLDED_BLOCKS
            .starting(tail)
            .find_map(|(l, b)| (match_label(tail, l) == Some(tail.len())).then_some(*b))
        {
            // Only labels that name a group of people (`medlemmer`, `varamedlemmer`), not an
            // officer (`Ny leder` is a heading about a case).
            let group = hit.0.is_some() || hit.1 == Some(Role::Member);
            return group.then_some((t.len(), hit));
        }
    }
    None
}

/// People from labelled blocks: `Närvarande: ...`, `MEDVERKANDE` + one per line,
/// `Oplægsholdere er ...`, `Værter på temadagen ... er ...`.
pub(crate) fn from_blocks(text: &str, lines: &[Line<'_>]) -> Vec<Person> {
    let mut out = Vec::new();
    // The status of a heading (`Beslutande`, `Til stede`) over column lines (`Ordförande
    // Name (C)`), which give a role but no status of their own; a blank line ends it.
    let mut inherited: Option<Status> = None;
    let mut i = 0;
    while i < lines.len() {
        if lines[i].is_blank() {
            inherited = None;
        }
        // `Namn  Funksjon  Parti  Møtt  Forfall`, `Ledamöter  Parti  Tjänstgörande ersättare
        // Parti`: a table's header row opens a block of rows on its own, under a heading or not.
        if lines[i].text.contains("  ") || lines[i].text.contains('\t') {
            if let Some(h) = table::header(text, &lines[i]) {
                let (people, ni) = heading_block(text, lines, i);
                let status = h.status().or(inherited);
                out.extend(people.into_iter().map(|mut p| {
                    p.status = p.status.or(status);
                    p
                }));
                i = ni.max(i + 1);
                continue;
            }
        }
        let (ls, t) = lines[i].trimmed();
        // `Tjänstgörande   Name, S` / `ersättare`: a label wrapped in its column.
        let hit = block_label_at(t);
        let wrapped = if hit.is_none() {
            wrapped_label(text, lines, i)
        } else {
            None
        };
        let Some((n, (status, role))) = hit.or(wrapped.map(|w| (w.0, w.1))) else {
            i += 1;
            continue;
        };
        let status = status.or(inherited);
        let rest = &t[n..];
        let after = rest.trim_start();
        // `Ordförande                Tomas Ek (C)`: a label and its value in two columns.
        let column = !after.is_empty() && !after.starts_with([':', '-', '–']) && column_gap(rest);
        // A heading whose lines are label lines (`Ordförande   Name (C)`, `Ledamöter Name (M),
        // Name (S)`): each line is a block of its own.
        // After a colon every line of the block must be one (`Til stede fra arbeidsgiver:` /
        // `Leder   kommunedirektør Name`); else it is a list whose lines may open with a title.
        let all_labels = || {
            lines[i + 1..]
                .iter()
                .take_while(|l| !l.is_blank())
                .all(|l| label_line(text, l))
        };
        if (after.is_empty() || (after == ":" && all_labels()))
            && i + 1 < lines.len()
            && label_line(text, &lines[i + 1])
        {
            inherited = status;
            i += 1;
            continue;
        }
        // `Sören Thörnblad` / `Ordförande`: a caption under a signature, not a heading — unless
        // people follow it at its indent (`Name (S)` / `Tjänstgörande ersättare` / `Name (L)`: a
        // sub-heading inside a list of members).
        let heads_rows = || {
            lines.get(i + 1).is_some_and(|l| {
                let (s2, t2) = l.trimmed();
                !l.is_blank()
                    && l.indent() == lines[i].indent()
                    && !parse_list(text, s2, s2 + t2.len()).is_empty()
            })
        };
        if after.is_empty() && i > 0 && name_line(text, &lines[i - 1]).is_some() && !heads_rows() {
            i += 1;
            continue;
        }
        let line_end = ls + t.len();
        let mut people = Vec::new();
        let mut next_i = i + 1;
        if column {
            // The value may wrap onto lines indented past the label; a line indented to the
            // value column may open with a role of its own (`Ordf.   Name, S` / `v. ordf.
            // Name, M`).
            let vs = line_end - after.len();
            let value_col = text[lines[i].start..vs].chars().count();
            let mut spans = vec![(vs, line_end)];
            let mut j = i + 1;
            if let Some((_, _, next)) = wrapped {
                spans.extend(next);
                j = i + 2;
            }
            while j < lines.len()
                && !lines[j].is_blank()
                && lines[j].indent() > lines[i].indent()
                && (lines[j].indent() + 1 >= value_col || !column_line(lines[j].trimmed().1))
            {
                let (s2, t2) = lines[j].trimmed();
                spans.push((s2, s2 + t2.len()));
                j += 1;
            }
            people = column_values(text, &spans);
            next_i = j;
        } else if let Some(r) = after.strip_prefix(':').or_else(|| after.strip_prefix('-')) {
            let vs = line_end - r.len();
            if r.trim().is_empty() {
                let (p, ni) = heading_block(text, lines, i + 1);
                people = p;
                next_i = ni;
            } else {
                // The block continues on following non-blank lines that are not new labels.
                // A line after one ending in a comma continues the list even when it opens
                // with a label word (`… 1:e vice` / `ordförande, …`); a colon inside a word
                // (`2:e`) is no label.
                let mut j = i + 1;
                // A programme row (`08.40–09.00 Frågor`) under a speaker list ends it.
                while j < lines.len()
                    && !lines[j].is_blank()
                    && (lines[j - 1].trimmed().1.ends_with(',')
                        || (!opens_block(lines[j].trimmed().1)
                            && !has_label_colon(lines[j].text)
                            && !opens_with_time(lines[j].trimmed().1)
                            && !prose_sentence(lines[j].trimmed().1)))
                {
                    j += 1;
                }
                let end = lines[j - 1].trimmed().0 + lines[j - 1].trimmed().1.len();
                // A line ending in a comma or a lowercase word (`… (H) for`) runs on; one ending
                // in a role after a comma (`Name (A), formand`) closes its entry.
                let runs_on = (i..j - 1).any(|k| {
                    let t = lines[k].trimmed().1;
                    let closing_role = t
                        .rsplit_once(',')
                        .is_some_and(|(_, r)| role_word(&fold(r.trim())).is_some());
                    t.ends_with(',')
                        || titled_given_name(t)
                        || (ends_with_name_word(t) && lone_surname(lines[k + 1].trimmed().1))
                        || (!closing_role
                            && t.rsplit(char::is_whitespace)
                                .next()
                                .is_some_and(|w| w.starts_with(char::is_lowercase)))
                });
                let one_per_line = j - i > 1
                    && !runs_on
                    && ((i..j).all(|k| lines[k].text.matches(',').count() <= 1)
                        || (i + 1..j).all(|k| starts_with_person(text, &lines[k])));
                // `Forfall: Name (H). Vara: Name (H)`: a second label on the same line. When the
                // block wraps (`Til stede: 19 av 21. Forfall: Name og Name` / `(SV). Vara …`),
                // the second label's list runs on to its first sentence end.
                let inline = inline_label(text, vs, line_end);
                if let Some((p, ls2, (st2, role2))) = inline {
                    people = parse_list(text, vs, p);
                    let e2 = if j == i + 1 {
                        line_end
                    } else {
                        list_end(text, ls2, end.max(ls2))
                    };
                    for mut q in parse_list(text, ls2, e2) {
                        q.role = q.role.or(role2);
                        q.status = q.status.or(st2);
                        out.push(q);
                    }
                } else if one_per_line {
                    people.extend(parse_list(text, vs, line_end));
                    for line in &lines[i + 1..j] {
                        let (s2, t2) = line.trimmed();
                        people.extend(parse_list(text, s2, s2 + t2.len()));
                    }
                } else {
                    people = parse_list(text, vs, list_end(text, vs, end.max(vs)));
                }
                next_i = j;
            }
        } else if after.is_empty() {
            let (p, ni) = heading_block(text, lines, i + 1);
            people = p;
            next_i = ni;
        } else if let Some(m) = COPULA.find(after).filter(|_| copula_ok((status, role))) {
            let vs = line_end - after.len() + m.end();
            // The sentence may wrap onto following lines of the paragraph.
            let mut j = i + 1;
            while j < lines.len() && !lines[j].is_blank() {
                j += 1;
            }
            let para_end = lines[j - 1].trimmed().0 + lines[j - 1].trimmed().1.len();
            let se = first_sentence_end(text, vs, para_end.max(vs));
            people = parse_list(text, vs, se);
        } else if bare_list(text, line_end - after.len(), line_end) {
            // `Ordf. Name (C)`, `Ledamöter Name (M), Name (S)`: a column layout whose gap was
            // lost; the rest of the line is nothing but people and their roles.
            people = parse_list(text, line_end - after.len(), line_end);
        }
        for mut p in people {
            if p.role.is_none() {
                p.role = role;
            }
            if p.status.is_none() {
                p.status = status;
            }
            out.push(p);
        }
        i = next_i.max(i + 1);
    }
    out
}

/// `…, miljømedarbejder Tina` at a line's end: a list part that is a lowercase job title and one
/// capitalised word is a name cut by the line break (a name has two words), so the line runs on.
fn titled_given_name(t: &str) -> bool {
    let part = t.rsplit([',', ':']).next().unwrap_or(t);
    let ws: Vec<&str> = part.split_whitespace().collect();
    ws.len() >= 2
        && is_name_word(ws[ws.len() - 1])
        && ws[ws.len() - 2].starts_with(char::is_lowercase)
        && is_title_word(ws[ws.len() - 2])
}

/// A line ending in a capitalised word (`… og rådgiver Siv Anne`).
fn ends_with_name_word(t: &str) -> bool {
    t.split_whitespace().next_back().is_some_and(is_name_word)
}

/// `Lunde (sekretær)`, `Lunde, rådgiver`, `Lunde`: a line opening with one capitalised word
/// that a parenthesis, a comma or the line's end closes. Alone it is no name (a name has two
/// words), so it ends a name wrapped from the line above (`… og rådgiver Siv Anne` / `Lunde`).
fn lone_surname(t: &str) -> bool {
    let head = t.split(['(', ',', '.']).next().unwrap_or(t);
    let ws: Vec<&str> = head.split_whitespace().collect();
    ws.len() == 1 && is_name_word(ws[0]) && !is_title_word(ws[0])
}

/// `08.40–09.00 Frågor`, `9:15 Kaffe`, `Kl. 10.00 Velkomst`: a line opening with a clock time.
fn opens_with_time(t: &str) -> bool {
    let t = ["Kl.", "kl.", "Kl ", "kl "]
        .iter()
        .find_map(|k| t.strip_prefix(k))
        .map_or(t, str::trim_start);
    let b = t.as_bytes();
    let h = b.iter().take_while(|c| c.is_ascii_digit()).count();
    (1..=2).contains(&h)
        && b.len() >= h + 3
        && matches!(b[h], b'.' | b':')
        && b[h + 1].is_ascii_digit()
        && b[h + 2].is_ascii_digit()
        && b.get(h + 3).is_none_or(|c| !c.is_ascii_digit())
}

/// Where a run-on list after a label ends: at a sentence end after a name or a parenthesis
/// (`… og Name. Name har meldt forfall; …`), never at an abbreviation (`ordf.`, `sekr.`).
fn list_end(text: &str, s: usize, e: usize) -> usize {
    let t = &text[s..e];
    for (i, _) in t.match_indices(". ") {
        let before = &t[..i];
        let w = before
            .rsplit(|c: char| c.is_whitespace() || c == '(')
            .next()
            .unwrap_or("");
        let named = w.ends_with(')')
            || (w.starts_with(char::is_uppercase)
                && w.chars().filter(|c| c.is_lowercase()).count() >= 2
                && !w.contains('.'));
        let next_upper = t[i + 1..]
            .trim_start()
            .starts_with(|c: char| c.is_uppercase());
        if named && next_upper {
            return s + i + 1;
        }
    }
    e
}

/// The lines of a label column's value (`(start, end)` each): one list when a line runs on
/// (ends in a comma or a lowercase word), else one list a line, each perhaps opening with a role
/// in a column of its own (`Ordf.     Name, S`).
fn column_values(text: &str, spans: &[(usize, usize)]) -> Vec<Person> {
    // `Tjänstgörande ersättare` alone in the value column: a sub-heading, not a wrapped list.
    let heading = |t: &str| block_label_at(t).filter(|&(n, _)| t[n..].trim().is_empty());
    let runs_on = |&(a, b): &(usize, usize)| {
        let t = &text[a..b];
        t.ends_with(',')
            || (heading(t).is_none()
                && t.rsplit(char::is_whitespace).next().is_some_and(|w| {
                    w.starts_with(char::is_lowercase)
                        && !is_title_word(w)
                        && role_word(&fold(w)).is_none()
                }))
    };
    // Lines that run on join the next into one entry (`Name (C), tjänstgörande ersättare för` /
    // `Name (KD)`); the other lines stay entries of their own (`Name (M)` / `Name (SD)`).
    let mut groups: Vec<(usize, usize)> = Vec::with_capacity(spans.len());
    for (k, &sp) in spans.iter().enumerate() {
        match groups.last_mut() {
            Some(g) if k > 0 && runs_on(&spans[k - 1]) => g.1 = sp.1,
            _ => groups.push(sp),
        }
    }
    if groups.len() == 1 {
        return column_value(text, spans[0].0, spans[spans.len() - 1].1);
    }
    let mut out = Vec::new();
    // The status a sub-heading gives the rows under it (`Tjänstgörande ersättare`).
    let mut under: Option<Status> = None;
    for &(a, b) in &groups {
        let t = &text[a..b];
        if let Some((_, (st, _))) = heading(t) {
            under = st;
            continue;
        }
        let sub = block_label_at(t).filter(|&(n, _)| column_gap(&t[n..]));
        match sub {
            Some((n, (st, r))) => {
                let rest = t[n..].trim_start();
                for mut p in column_value(text, b - rest.len(), b) {
                    p.role = p.role.or(r);
                    p.status = p.status.or(st);
                    out.push(p);
                }
            }
            None => out.extend(column_value(text, a, b).into_iter().map(|mut p| {
                p.status = p.status.or(under);
                p
            })),
        }
    }
    out
}

/// The people of one label column value: a row of further columns (`Name   Party   för
/// Name`, `Name⇥Senterpartiet`) read as a table row; else a list, whose first part may open
/// with lowercase title words before the name (`kommunedirektør Name`, `personal- og
/// organisasjonssjef Name`, `hovedverneombud Name, Org`).
fn column_value(text: &str, a: usize, b: usize) -> Vec<Person> {
    let v = &text[a..b];
    if !v.contains('\n') && (v.contains('\t') || v.contains("  ")) {
        let line = Line {
            start: a,
            end: b,
            text: v,
        };
        let row = table::row(text, &line, None);
        if !row.is_empty() {
            return row;
        }
    }
    let found = parse_list(text, a, b);
    if !found.is_empty() {
        return found;
    }
    let first = top_level_commas(text, a, b)[0];
    match lowercase_lead(text, first.0, first.1) {
        Some(ns) => parse_list(text, ns, b),
        None => Vec::new(),
    }
}

/// A wrapped label: its length on the first line, the block, the value on the next line.
type Wrapped = (usize, Block, Option<(usize, usize)>);

/// A label wrapped in a label column: the line's first cell and the next line's (same indent,
/// lowercase) together are a block label (`Tjänstgörande   Name, S` / `ersättare`). Returns the
/// first cell's length in the trimmed line, the block, and the value on the next line.
fn wrapped_label(text: &str, lines: &[Line<'_>], i: usize) -> Option<Wrapped> {
    let next = lines.get(i + 1)?;
    if next.is_blank() || next.indent() != lines[i].indent() {
        return None;
    }
    let (ls, _) = lines[i].trimmed();
    let here = table::cells(&lines[i]);
    let there = table::cells(next);
    if here.len() < 2 || there.is_empty() || here[0].s != ls {
        return None;
    }
    let first = &text[here[0].s..here[0].e];
    let cont = &text[there[0].s..there[0].e];
    if !cont.starts_with(char::is_lowercase) || cont.split_whitespace().count() > 3 {
        return None;
    }
    let joined = format!("{first} {cont}");
    let (n, b) = block_label_at(&joined)?;
    if n != joined.len() {
        return None;
    }
    let value = there.get(1).map(|c| (c.s, there[there.len() - 1].e));
    Some((here[0].e - ls, b, value))
}

/// A line opening a new block: a label alone or before `:`/`-` (`ordförande, Name` after a
/// wrapped `1:e vice` is no new block).
/// `Protokollen underskrives av leder og Name.`: a line of running prose right under a list
/// line (no blank line between) is no more of the list. It opens with a capitalised word that is
/// no title or role, followed by a lowercase word (so no name opens it), has at least four words
/// and ends in a period. A wrapped list line (`Name (AP), Name (H)`, `Ordfører Name`, `Vara for
/// Name.`) does not look so.
fn prose_sentence(t: &str) -> bool {
    let ws: Vec<&str> = t.split_whitespace().collect();
    if ws.len() < 4 || !t.ends_with('.') {
        return false;
    }
    let (a, b) = (ws[0], ws[1]);
    a.starts_with(char::is_uppercase)
        && a.chars().all(char::is_alphabetic)
        && !is_title_word(a)
        && role_word(&fold(a)).is_none()
        && block_label_at(t).is_none()
        && b.chars().all(|c| c.is_alphabetic() && c.is_lowercase())
        && !matches!(
            b,
            "van" | "von" | "de" | "af" | "der" | "for" | "för" | "og" | "och"
        )
}

fn opens_block(t: &str) -> bool {
    // `I stedet for Name mødte stedfortræder Name (C).`: a substitution sentence under an
    // `Afbud:` line is read on its own (`SUBSTITUTE_INSTEAD`), not as more of the list.
    if SUBSTITUTE_INSTEAD_LEAD.is_match(t) {
        return true;
    }
    block_label_at(t).is_some_and(|(n, _)| {
        let r = t[n..].trim_start();
        r.is_empty() || r.starts_with([':', '-', '–']) || t.starts_with(char::is_uppercase)
    })
}

/// True when `text[s..e]` is a list of people only: the first part a person, every other part a
/// person, a role, a title or an organisation.
fn bare_list(text: &str, s: usize, e: usize) -> bool {
    let parts = top_level_commas(text, s, e);
    parts.iter().enumerate().all(|(k, &(a, b))| {
        match classify(text, a, b) {
            Seg::Persons { .. } => true,
            Seg::Role(_) | Seg::Title { .. } | Seg::Org(_) => k > 0,
            // `Name (S) för Name (S)`: a substitution.
            Seg::Nothing => {
                let seg = &text[a..b];
                (SUB_FOR.is_match(seg) || SUB_PARTY_FOR.is_match(seg) || SUB_BY.is_match(seg))
                    && parse_list(text, a, b).len() >= 2
            }
        }
    })
}

/// Two or more spaces (or a tab) at the start of `rest`: the gap between a label column and a
/// value column.
fn column_gap(rest: &str) -> bool {
    rest.starts_with('\t') || rest.chars().take(2).filter(|c| c.is_whitespace()).count() == 2
}

/// A line `Label<gap>value` whose label is a block label or a role (`Ledamöter   Name (M), …`,
/// `Sekreterare   Name`).
fn column_line(t: &str) -> bool {
    block_label_at(t).is_some_and(|(n, _)| {
        let rest = &t[n..];
        let after = rest.trim_start();
        !after.is_empty() && !after.starts_with([':', '-', '–']) && column_gap(rest)
    })
}

/// A label with a colon after a sentence end inside a list value (`Name (H). Vara: Name`):
/// where the first value ends, where the second starts, and what the label gives.
fn inline_label(text: &str, s: usize, e: usize) -> Option<(usize, usize, Block)> {
    let v = &text[s..e];
    v.match_indices(['.', ';']).find_map(|(p, _)| {
        let rest = &v[p + 1..];
        let r = rest.trim_start();
        if r.len() == rest.len() || !r.starts_with(char::is_uppercase) {
            return None;
        }
        let (n, b) = block_label_at(r)?;
        let after = r[n..].trim_start();
        let val = after.strip_prefix(':')?;
        Some((s + p, e - val.len(), b))
    })
}

/// A line that opens with a block label and holds its value: in a column (`Ordförande
/// Name (C)`) or, the gap lost, as a bare list of people (`Ledamöter Name (M), Name (S)`).
fn label_line(text: &str, line: &Line<'_>) -> bool {
    let (ls, t) = line.trimmed();
    if column_line(t) {
        return true;
    }
    block_label_at(t).is_some_and(|(n, _)| {
        let after = t[n..].trim_start();
        !after.is_empty()
            && !after.starts_with([':', '-', '–'])
            && bare_list(text, ls + t.len() - after.len(), ls + t.len())
    })
}

/// A line holding a block label alone or before a colon.
fn new_label_line(t: &str) -> bool {
    block_label_at(t).is_some_and(|(n, _)| {
        let r = t[n..].trim_start();
        r.is_empty() || r.starts_with(':')
    })
}

/// A colon that ends a label: after a letter and before whitespace or the line's end (not the
/// one in `2:e` or `10:30`).
fn has_label_colon(t: &str) -> bool {
    t.char_indices().any(|(i, c)| {
        c == ':'
            && t[..i].chars().next_back().is_some_and(char::is_alphabetic)
            && t[i + 1..].chars().next().is_none_or(char::is_whitespace)
    })
}

/// A line that is one name and nothing else, perhaps with a party: `Ida Pettersen Vik (Ap)`.
fn name_line(text: &str, line: &Line<'_>) -> Option<Person> {
    let (s, t) = line.trimmed();
    if t.is_empty() || t.contains(',') || t.len() > 80 {
        return None;
    }
    match classify(text, s, s + t.len()) {
        Seg::Persons {
            spans,
            party,
            org: None,
            ..
        } if spans.len() == 1 => {
            let mut p = Person::new(text, spans[0]);
            p.party = party;
            Some(p)
        }
        _ => None,
    }
}

/// A caption line under a signature: a title in its first two words, at most eight words, no
/// sentence (`ordfører`, `politisk sekretær`, `leiar i barne- og ungdomsutvalet`, `Nämndsekreterare`).
/// A title with a name after it (`Ordförande    Tomas Ek`) is a signer of its own, no caption.
fn caption_line(text: &str, line: &Line<'_>) -> bool {
    let (s, t) = line.trimmed();
    caption_text(text, s, s + t.len())
}

fn caption_text(text: &str, s: usize, e: usize) -> bool {
    let t = &text[s..e];
    // Cheap tests first: most lines fail one of them before the name analysis runs.
    if t.contains("  ")
        || t.contains('\t')
        || t.ends_with('.')
        || t.contains(':')
        || t.chars().any(|c| c.is_ascii_digit() || c == '@')
    {
        return false;
    }
    let ws: Vec<&str> = t.split_whitespace().collect();
    !ws.is_empty()
        && ws.len() <= 8
        && ws
            .iter()
            .take(2)
            .any(|w| is_title_word(w) || role_word(&fold(w)).is_some())
        && after_title(text, s, e).is_none()
        && !matches!(classify(text, s, e), Seg::Persons { .. })
}

/// A letter's closing greeting (`Med venlig hilsen`, `Vennlig hilsen`, `Med vänliga
/// hälsningar`, `Hälsningar`, `Mvh`).
fn greeting(t: &str) -> bool {
    let f = fold(t.trim_end_matches([',', '.', '!']));
    f == "mvh"
        || f.ends_with("hilsen")
        || f.ends_with("hilsner")
        || f.ends_with("halsning")
        || f.ends_with("halsningar")
        || f.ends_with("helsing")
        || f.ends_with("helsingar")
}

/// The quotation marks that open a quoted statement.
const QUOTES: &[char] = &['"', '“', '”', '„', '»', '«'];

/// `Name, Town: "…"`, `Name, Org: »…«`, `Name: "…"`: someone quoted at the start of a line in
/// minutes (a citizen speaking from the floor) attended; the part after the comma is where
/// they come from, an organisation when it is a capitalised run of two words or more. The
/// span is that of the name.
pub(crate) fn quoted_speaker(text: &str, s: usize, e: usize) -> Option<Person> {
    let t = &text[s..e];
    let colon = t.find(':')?;
    if colon > 120 || !t[colon + 1..].trim_start().starts_with(QUOTES) {
        return None;
    }
    let head = &t[..colon];
    let (name, rest) = match head.find(',') {
        Some(c) => (&head[..c], Some(head[c + 1..].trim())),
        None => (head, None),
    };
    let ne = s + name.trim_end().len();
    let spans = names_in(text, s, ne)?;
    if spans.len() != 1 {
        return None;
    }
    let mut p = Person::new(text, spans[0]);
    p.party = party_after(text, spans[0].1);
    p.status = Some(Status::Present);
    p.org = rest
        .filter(|r| {
            r.split_whitespace().count() >= 2
                && r.split_whitespace()
                    .all(|w| w.starts_with(char::is_uppercase))
        })
        .map(squash);
    Some(p)
}

/// People quoted at the start of a line (`Name, Town: "…"`), see [`quoted_speaker`].
pub(crate) fn from_quotes(text: &str, lines: &[Line<'_>]) -> Vec<Person> {
    lines
        .iter()
        .filter(|l| l.text.contains(QUOTES))
        .filter_map(|l| {
            let (s, t) = l.trimmed();
            quoted_speaker(text, s, s + t.len())
        })
        .collect()
}

/// People who sign a notice or minutes: a name alone on its line with a caption below it
/// (`Ida Pettersen Vik (Ap)` / `ordfører`, `Eli Sæbø` / `sekretær`). The caption gives the role.
pub(crate) fn from_signatures(text: &str, lines: &[Line<'_>]) -> Vec<Person> {
    let mut out = Vec::new();
    for i in 0..lines.len().saturating_sub(1) {
        if lines[i + 1].is_blank() || !caption_line(text, &lines[i + 1]) {
            continue;
        }
        if let Some(mut p) = name_line(text, &lines[i]) {
            let cap = lines[i + 1].trimmed().1;
            p.role = role_word(&fold(&squash(cap))).or_else(|| title_role(cap));
            // `Med venlig hilsen` / Name / `Landdistriktskoordinator`: the sender of a letter
            // with a job title (no chair or secretary) attends nothing.
            if p.role.is_none() && i > 0 && greeting(lines[i - 1].trimmed().1) {
                continue;
            }
            out.push(p);
        }
    }
    // Signatures side by side: `Name (C)        Name` over `Ordförande        Sekreterare`,
    // each name over the caption that starts in its column.
    for i in 0..lines.len().saturating_sub(1) {
        if lines[i + 1].is_blank() {
            continue;
        }
        let names = table::cells(&lines[i]);
        if names.len() < 2 {
            continue;
        }
        let caps = table::cells(&lines[i + 1]);
        // Tab-separated cells line up by their order, not their character columns: a tab
        // after a long name and one after a short caption (`Name Surname\tName` over
        // `ordfører\tmøtesekretær`) leave the second cells at different columns.
        let by_order = names.len() == caps.len()
            && lines[i].text.contains('\t')
            && lines[i + 1].text.contains('\t');
        for (k, n) in names.iter().enumerate() {
            let Some(c) = caps
                .iter()
                .find(|c| c.col.abs_diff(n.col) <= 3)
                .or_else(|| by_order.then(|| &caps[k]))
            else {
                continue;
            };
            if !caption_text(text, c.s, c.e) || text[n.s..n.e].contains(',') {
                continue;
            }
            if let Seg::Persons {
                spans,
                party,
                org: None,
                ..
            } = classify(text, n.s, n.e)
            {
                if spans.len() == 1 {
                    let cap = &text[c.s..c.e];
                    let mut p = Person::new(text, spans[0]);
                    p.party = party;
                    p.role = role_word(&fold(&squash(cap))).or_else(|| title_role(cap));
                    out.push(p);
                }
            }
        }
    }
    // `Åke Jönsson, justerare` alone on a line under the minutes.
    for line in lines {
        let (s, t) = line.trimmed();
        // Cheap tests first: without a separator the line is one part.
        if t.len() > 80 || !t.contains([',', ';', '·']) {
            continue;
        }
        let parts = top_level_commas(text, s, s + t.len());
        if parts.len() != 2 {
            continue;
        }
        let role = role_word(&fold(&squash(&text[parts[1].0..parts[1].1])));
        if let (Some(r), Seg::Persons { spans, party, .. }) =
            (role, classify(text, parts[0].0, parts[0].1))
        {
            if spans.len() == 1 {
                let mut p = Person::new(text, spans[0]);
                p.party = party;
                p.role = Some(r);
                out.push(p);
            }
        }
    }
    out
}

/// True when the line's first list segment is a person (`Jörgen Lindström, ekonom, § 41–43`).
fn starts_with_person(text: &str, line: &Line<'_>) -> bool {
    let (s, t) = line.trimmed();
    if t.is_empty() {
        return false;
    }
    let first = top_level_commas(text, s, s + t.len())[0];
    matches!(classify(text, first.0, first.1), Seg::Persons { .. })
}

/// A heading block: the lines after a label alone on its line, up to a blank line.
fn heading_block(text: &str, lines: &[Line<'_>], from: usize) -> (Vec<Person>, usize) {
    let mut j = from;
    if j < lines.len() && lines[j].is_blank() {
        j += 1;
    }
    let first = j;
    // A new label alone or before a colon (`Møtende varamedlemmer:`) ends the block.
    while j < lines.len()
        && !lines[j].is_blank()
        && (j == first || !new_label_line(lines[j].trimmed().1))
    {
        j += 1;
    }
    if first >= j {
        return (Vec::new(), from);
    }
    // A table under the heading (`Navn⇥Parti⇥Funktion`, then one row a person): each row by
    // its cells.
    let head = table::header(text, &lines[first]);
    let table = head.is_some()
        || (first..j).any(|k| {
            table::cells(&lines[k]).len() >= 2 && !table::row(text, &lines[k], None).is_empty()
        });
    if table {
        let mut out: Vec<Person> = Vec::new();
        let from = first + usize::from(head.is_some());
        for line in &lines[from..j] {
            let row = table::row(text, line, head.as_ref());
            let (s, t) = line.trimmed();
            // `(for Name)` on a line of its own under a row: whom the row's person replaced.
            if row.is_empty() && t.starts_with('(') && t.ends_with(')') {
                if let Some(g) = table::replaced(text, s + 1, s + t.len() - 1) {
                    if let Some(p) = out.last_mut() {
                        p.status = Some(Status::Substitute);
                    }
                    out.push(g);
                    continue;
                }
            }
            if row.is_empty() && (head.is_none() || table::cells(line).len() < 2) {
                out.extend(parse_list(text, s, s + t.len()));
            }
            out.extend(row);
        }
        return (out, j);
    }
    // `Forældre: Name (AB), formand, Name` / `Elevråd: Name`: a heading over groups, each
    // line opening with a short label and a colon; a group's list may wrap onto lines without
    // one. Each group is a list of its own after its label.
    let group_colon = |k: usize| -> Option<usize> {
        let t = lines[k].trimmed().1;
        let c = t.find(':').filter(|&c| c > 0 && c <= 40)?;
        let head = &t[..c];
        (head.starts_with(char::is_uppercase)
            && head.split_whitespace().count() <= 3
            && head
                .chars()
                .all(|c| c.is_alphabetic() || c == ' ' || c == '-')
            && !t[c + 1..].trim().is_empty())
        .then_some(c + 1)
    };
    if group_colon(first).is_some() && (first + 1..j).any(|k| group_colon(k).is_some()) {
        let mut out = Vec::new();
        let mut k = first;
        while k < j {
            let Some(c) = group_colon(k) else {
                let (s, t) = lines[k].trimmed();
                out.extend(parse_list(text, s, s + t.len()));
                k += 1;
                continue;
            };
            let mut k2 = k + 1;
            while k2 < j && group_colon(k2).is_none() {
                k2 += 1;
            }
            let (s, t) = lines[k].trimmed();
            let head = t[..c - 1].trim();
            let e = lines[k2 - 1].trimmed().0 + lines[k2 - 1].trimmed().1.len();
            for mut p in parse_list(text, s + c, e) {
                if is_party(head) && p.status != Some(Status::Absent) {
                    p.party.get_or_insert_with(|| head.to_string());
                }
                out.push(p);
            }
            k = k2;
        }
        return (out, j);
    }
    // `Name, role, § 41–43` one per line: each line is a list of its own.
    // A line ending in a comma or a conjunction (`…, økonomichef Name og` / `sekretær Name`)
    // runs on: the block is one list.
    // So does a line ending in a title and a given name (`…, ingeniør Siri`) or in a name whose
    // surname opens the next line alone (`… Jonas Lie` / `Hagen (sak 3) og …`), as under a
    // label on the same line.
    let runs_on = (first..j.saturating_sub(1)).any(|k| {
        let t = lines[k].trimmed().1;
        t.ends_with(',')
            || t.rsplit(char::is_whitespace)
                .next()
                .is_some_and(|w| matches!(fold(w).as_str(), "og" | "och" | "samt" | "and"))
            || (t.contains(',')
                && (titled_given_name(t)
                    || (ends_with_name_word(t) && lone_surname(lines[k + 1].trimmed().1))))
    });
    let many_commas = runs_on
        || ((first..j).any(|k| lines[k].text.matches(',').count() >= 2)
            && !(first..j).all(|k| starts_with_person(text, &lines[k])));
    // `Styret: leiar Name (Sp), Name (H)` under `Deltakarar`: one group's label (a body, not a
    // person) before a colon opens the line; the list starts after it.
    let group_lead = |k: usize| -> usize {
        let s = lines[k].trimmed().0;
        group_colon(k)
            .filter(|&c| names_in(text, s, s + c - 1).is_none())
            .unwrap_or(0)
    };
    let mut out = Vec::new();
    if many_commas {
        let s = lines[first].trimmed().0 + group_lead(first);
        let e = lines[j - 1].trimmed().0 + lines[j - 1].trimmed().1.len();
        out = parse_list(text, s, e);
    } else {
        for (k, line) in lines.iter().enumerate().take(j).skip(first) {
            let (s, t) = line.trimmed();
            // `Høgre: Name (leiar), Name`: a party group's label gives each its party.
            if let Some(c) = t.find(':').filter(|&c| c <= 40 && is_party(&t[..c])) {
                let group = t[..c].trim();
                for mut p in parse_list(text, s + c + 1, s + t.len()) {
                    // One named as replaced (`møtte for Name`) may belong to another group.
                    if p.status != Some(Status::Absent) {
                        p.party.get_or_insert_with(|| group.to_string());
                    }
                    out.push(p);
                }
                continue;
            }
            out.extend(parse_list(text, s + group_lead(k), s + t.len()));
        }
    }
    (out, j)
}

const NAME: &str = r"[\p{Lu}&&\p{Latin}][\p{Latin}'’-]*[\p{Ll}&&\p{Latin}][\p{Latin}'’-]*(?:[ \t ]+(?:(?:van|von|de|af|der)[ \t ]+)?[\p{Lu}&&\p{Latin}][\p{Latin}'’-]*[\p{Ll}&&\p{Latin}][\p{Latin}'’-]*){1,3}";

static SECRETARY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i:antecknat av|antecknad av|antecknare|vid protokollet|skrevet av|skrevet af|nedtecknat av|referat ved|referat af|referent|protokollet fördes av|protokollen ble ført av|protokollen blev ført af|protokollen vart ført av|protokollen førtes af|som (?:sekreterare|sekretær|sekretar|referent|protokollförare|protokollfører|protokollførar)[ \t]+(?:tjänstgjorde|tjänstgör|fungerade|fungerar|fungerte|fungerede|fungerer|var|deltog|deltok))[ \t ]*:?[ \t ]*(?P<n>{NAME})"
    ))
    .expect("valid regex")
});
static CHOSEN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?P<n>{NAME})[ \t ]+(?i:v[äaie]ljs|väljes|valdes|utses|utsågs|velges|ble valgt|blev valgt|vælges|valgtes|er valgt)[ \t ]+(?i:(?:till?|til|som)[ \t ]+)?(?P<r>(?i:vice[ \t ]+ordf.rande|vice[ \t ]+ordf\.|ordf.rande|nestleder|n.stformand|formand|m.teleder|leder|sekreterare|sekretær|justerare|justerer|referent))"
    ))
    .expect("valid regex")
});
static ADJUSTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i:justeras av|justeres av|protokollet justeras av|underskrives af|att justera protokollet|til å underskrive protokollen)[ \t ]*:?[ \t ]*(?P<n>{NAME})(?:[ \t ]+(?i:och|og)[ \t ]+(?P<n2>{NAME}))?"
    ))
    .expect("valid regex")
});

const PARTY_PAREN: &str = r"(?:[ \t ]*\([^()\n]{1,12}\))?";

/// `Pia Høyer, der førte protokollen`, `Eva Ek förde protokollet`: who took the minutes.
static SECRETARY_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?P<n>{NAME}){PARTY_PAREN},?[ \t]+(?:(?i:der|som|hvilken)[ \t]+)?(?i:førte|förde|førde|skrev|skreiv|tok)[ \t]+(?i:protokollen|protokollet|referatet|referat|protokoll)(?-u:\b)"
    ))
    .expect("valid regex")
});
/// `Mødet blev ledet af Name`, `Mötet leddes av Name`, `Møteleiar var Name`: who chaired.
static CHAIR_PROSE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i:mødet blev ledet af|mødet ledes af|møtet ble ledet av|møtet ledes av|møtet vart leia av|møtet vart leidd av|mötet leddes av|mötet leds av|sammanträdet leddes av|mødeleder var|møteleder var|møteleiar var|mötesordförande var|som (?:ordförande|mötesordförande|ordstyrer|møteleder|mødeleder|dirigent)[ \t]+(?:fungerade|fungerar|fungerte|fungerede|tjänstgjorde|var))[ \t]*:?[ \t]*(?:[\p{{Ll}}&&\p{{Latin}}][\p{{Latin}}-]*[ \t]+){{0,2}}(?P<n>{NAME})"
    ))
    .expect("valid regex")
});
/// `Ordførar Name (Ap) leia møtet`, `Name ledede mødet`: who chaired, named before the verb.
static CHAIR_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?P<n>{NAME}){PARTY_PAREN}[ \t]+(?i:leia|leidde|ledet|ledede|ledde|leder|leier|leiar|leidd)\s+(?i:møtet|mødet|mötet|sammanträdet|sammenkomsten)(?-u:\b)"
    ))
    .expect("valid regex")
});
/// A list of names with optional party parentheses, joined by commas or `og`/`och`, as the
/// group `list` (`A (Sp), B og C (H)`): what the sentence patterns below name.
fn name_list() -> String {
    format!(
        r"(?P<list>{NAME}{PARTY_PAREN}(?:(?:[ \t]*,[ \t]*|\s+(?i:og|och)\s+){NAME}{PARTY_PAREN})*)"
    )
}
/// `Forfall hadde A (Sp) og B (H)`, `Afbud havde A`, `Förhinder hade A och B`: the absent
/// members, listed after the absence noun and a past `have`.
/// Round 15: `… slik at vara kan kallast inn. Meldt forfall: Name (Sp). Vara …`: an absence
/// label inside a paragraph, after a sentence end, with its names up to the next period.
static ABSENT_INLINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"[.!][ \t]+(?i:meldt[ \t]+|meldte[ \t]+|anmält[ \t]+|anmeldt[ \t]+)?(?i:forfall|fråfall|afbud|förhinder|förfall)[ \t]*:[ \t]*{list}[ \t]*(?:\.|$)",
        list = name_list()
    ))
    .expect("valid regex")
});
static ABSENT_LEAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i:forfall|afbud|förhinder|förfall|fråvær|fravær)[ \t]+(?i:hadde|havde|hade|har)[ \t]+{list}",
        list = name_list()
    ))
    .expect("valid regex")
});
/// `varamedlemene A (Sp) og B (H) møtte`, `ersättarna A och B tjänstgjorde`: substitutes named
/// in a plural noun's list before the verb of attending.
static SUBSTITUTES_PLURAL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i:varamedlemene|varamedlemmene|varamedlemmane|vararepresentantene|vararepresentantane|varamændene|stedfortræderne|stedfortrederne|suppleanterne|ersättarna)\s+{list}\s+(?i:møtte|mødte|møtt|deltok|deltog|tjänstgjorde|tjänstgör|møter|møder|var til stede|var til stades)(?-u:\b)",
        list = name_list()
    ))
    .expect("valid regex")
});
/// `Framlegg frå Name (Frp):`, `Forslag fra Name (V):`, `Yrkande från Name (M):`: a member who
/// made a proposal at the meeting (the party marks a member, not a department).
static PROPOSER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?:^|\n)[ \t]*(?i:framlegg|forslag|förslag|yrkande|ændringsforslag|endringsforslag|endringsframlegg)[ \t]+(?i:frå|fra|från)[ \t]+(?P<n>{NAME})[ \t]*\([^()\n]{{1,12}}\)[ \t]*:"
    ))
    .expect("valid regex")
});
/// `Dagen ledes af konsulent Name`, `Kvällen modereras av Name`: who hosts an occasion (a
/// definite noun for the occasion before the verb; a project or a unit led by someone is not one).
/// Round 15: `Møteleder er kommunalsjef for teknisk drift Name.` in an invitation (present
/// tense: the meeting is to come): whoever leads the meeting is its host, named at the end of
/// the sentence after a title that may run over several lowercase words.
static HOST_COPULA: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:^|[.!][ \t]+|\n)(?:Møteleder|Møteleiar|Mødeleder)[ \t]+(?:er|blir|vert|bliver)[ \t]+",
    )
    .expect("valid regex")
});
static HOST_PROSE: LazyLock<Regex> = LazyLock::new(|| {
    // No name pattern and no `(?i)` inside (only the first letter varies): the name is read by
    // `clean_name` from the words after the verb, and the regex stays cheap to compile.
    Regex::new(r"(?:[Mm]ødet|[Mm]øtet|[Mm]ötet|[Dd]agen|[Tt]emadagen|[Aa]rrangementet|[Kk]onferencen|[Kk]onferansen|[Kk]onferensen|[Ss]eminaret|[Ss]eminariet|[Aa]ftenen|[Kk]velden|[Kk]vällen|[Mm]orgenen|[Mm]orgonen|[Ee]ftermiddagen|[Ee]ttermiddagen|[Dd]ebatten|[Ss]amtalen|[Pp]anelet|[Pp]anelen|[Pp]anelsamtalen|[Pp]aneldebatten|[Ww]orkshoppen|[Ff]rukosten|[Ff]rokosten|[Tt]reffet|[Tt]ræffet|[Tt]räffen|[Ss]amlingen|[Ss]amlinga)[ \t]+(?:ledes|leds|leies|leiast|vil blive ledet|vil bli ledet|vert leidd|vert leia|blir leia|blir leidd|blir ledet|bliver ledet|modereres|modereras|modereast|faciliteres|faciliteras|fasiliteres)[ \t]+a[fv][ \t]+")
        .expect("valid regex")
});
/// `Til å underskrive protokollen sammen med leder ble valgt A og B`, `… underskriven av leiar
/// og to medlemmer valde i møtet: A og B`: adjusters chosen in a sentence.
static ADJUST_CHOSEN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i:underskrive|underskriva|underskriven|underskrevet|underskrives|underskrivast|skrive under|skriva under|signere|signera|justere|justera|godkjenne|godkjenna)[^.:\n]{{0,60}}?(?i:valgt|valt|valde|valda|valgte|valdes|valgtes|utsedd|utsedda|utsågs)(?:[ \t]+(?i:i|på)[ \t]+(?i:møtet|mødet|mötet))?[ \t]*:?\s*{list}",
        list = name_list()
    ))
    .expect("valid regex")
});
/// `Name har meldt forfall`, `Name (SD) har anmält förhinder`, `Name er forhindret`, `Name kan
/// ikke møde`: someone announced as absent.
/// The name may wrap onto the next line (`Ledamoten Name` / `Name (S) har anmält förhinder`).
static ABSENT_PROSE: LazyLock<Regex> = LazyLock::new(|| {
    let name = name_wrapping();
    Regex::new(&format!(
        r"(?P<n>{name}){PARTY_PAREN}\s+(?:(?i:har|hade|havde|hadde)[ \t]+(?i:meldt|meldet|meldat|anmält|anmalt|anmeldt|givet|gitt|sendt|lämnat)[ \t]+(?i:forfall|afbud|förhinder|fråvær|fravær|förfall|frafall)|(?i:er|är|var|blev|ble|vart)[ \t]+(?i:forhindret|forhindra|förhindrad|fraværende|frånvarande|fråverande)|(?i:kan|kunne|kunde)[ \t]+(?i:ikke|ikkje|inte|ej)[ \t]+(?i:møte|møde|delta|deltage|närvara))(?-u:\b)"
    ))
    .expect("valid regex")
});
/// [`NAME`] whose words may also be parted by one line break: a name wrapped in running text.
fn name_wrapping() -> String {
    let gap = concat!(r"[ \t", "\u{a0}", "]");
    NAME.replace(
        &format!("(?:{gap}+"),
        &format!("(?:(?:{gap}*\n{gap}*|{gap}+)"),
    )
}

/// The name a prose pattern found, from `s` to `e`: when it spans a line break and the part
/// after the break is a name of two or more words on its own, that part (`Plats\nAnna Berg`
/// is Anna Berg; `Ledamoten Anna\nBerg` stays whole for [`clean_name`]).
fn unwrapped_name(text: &str, s: usize, e: usize) -> usize {
    match text[s..e].rfind('\n') {
        Some(nl) if words(&text[s + nl + 1..e]).len() >= 2 => s + nl + 1,
        _ => s,
    }
}

/// `Varamedlem Name er kalla inn`, `Stedfortræder Name (C) er indkaldt`, `Ersättaren Name (SD)
/// kallas`: a named substitute.
/// `I hans ställe kallas ersättaren Name (C)`, `I staden er vararepresentant Name kalla inn`,
/// `Som stedfortræder indkaldes Name`: the verb of calling in before the named substitute.
static SUBSTITUTE_CALLED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i:kallas|kallats|inkallas|innkalles|innkallast|indkaldes|kalles inn|er indkaldt|er innkalt|er kalla inn|har kallats)(?:[ \t]+(?i:in|inn))?\s+(?i:(?:i stället|istället|i stedet|i staden)\s+)?(?i:ersättaren|ersättare|varamedlemmen|varamedlemmet|varamedlem|vararepresentanten|vararepresentant|stedfortræderen|stedfortræder|stedfortrederen|stedfortreder|suppleanten|suppleant)[ \t]+(?P<n>{NAME})"
    ))
    .expect("valid regex")
});
/// `I stedet for Name mødte stedfortræder Name (C).`, `I stället för Name tjänstgjorde ersättaren
/// Name`: a sentence that names the absent member first and then whoever came instead. The
/// first name is absent, the second a substitute (a Danish protocol writes its substitutions so,
/// under the `Afbud:` line).
static SUBSTITUTE_INSTEAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i:i[ \t]+stedet[ \t]+for|i[ \t]+staden[ \t]+for|i[ \t]+stället[ \t]+för|istället[ \t]+för)[ \t]+(?P<a>{NAME}){PARTY_PAREN},?[ \t]+(?i:mødte|møtte|mötte|møder|møter|tjänstgjorde|tjänstgör|deltog|deltok|deltek)\s+(?:(?i:som)\s+)?(?:(?i:stedfortræderen|stedfortræder|stedfortrederen|stedfortreder|vararepresentanten|vararepresentant|varamedlemmet|varamedlem|varamanden|varamand|suppleanten|suppleant|ersättaren|ersättare)\s+)?(?P<n>{NAME})"
    ))
    .expect("valid regex")
});
static SUBSTITUTE_INSTEAD_LEAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:I[ \t]+stedet[ \t]+for|I[ \t]+staden[ \t]+for|I[ \t]+stället[ \t]+för|Istället[ \t]+för)[ \t]+\p{Lu}")
        .expect("valid regex")
});
/// `Name møtte som vara for henne`, `Name mødte i stedet for ham`, `Name tjänstgjorde för
/// honom`: a substitute for someone named just before (by a pronoun).
static SUBSTITUTE_PRONOUN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?P<n>{NAME}){PARTY_PAREN}[ \t]+(?i:møtte|mødte|mötte|møtt|tjänstgjorde|tjänstgör|deltok|deltog)\s+(?:(?i:som)\s+\p{{Ll}}+\s+)?(?i:for|för|i\s+staden\s+for|i\s+stedet\s+for|i\s+stället\s+för|istället\s+för)\s+(?i:henne|ham|honom|hende|han|ho|hun)(?-u:\b)"
    ))
    .expect("valid regex")
});
static SUBSTITUTE_PROSE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i:varamedlem(?:met)?|vararepresentant(?:en)?|varamand(?:en)?|vara|stedfortræder(?:en)?|stedfortreder(?:en)?|suppleant(?:en)?|ersättare(?:n)?)[ \t]+(?P<n>{NAME}){PARTY_PAREN}\s+(?:(?i:er|är|blir|bliver|ble|blev|vart|var|har[ \t]+blitt|har[ \t]+blivit)\s+)?(?i:kalla|kalt|innkalla|innkalt|indkaldt|kallad|inkallad|kallas|innkalles|indkaldes|møter|møder|mødte|møtte|møtt|deltager|deltar|deltek|deltog|deltok|tjänstgör|tjänstgjorde|tenestegjer)(?-u:\b)"
    ))
    .expect("valid regex")
});
/// `Til stede var …`, `Fra administrationen deltog …`, `I møtet deltok også …`, `Dessutom
/// närvarade …`: a sentence listing who attended.
/// `Møtesekretær var Name`, `… Sekretær: Name.` in running text: the secretary, whose name may
/// wrap onto the next line.
static SECRETARY_COPULA: LazyLock<Regex> = LazyLock::new(|| {
    let name = NAME.replacen(
        "(?:[ \\t\u{a0}]+",
        "(?:(?:[ \\t\u{a0}]+|[ \\t]*\\n[ \\t]*)",
        1,
    );
    Regex::new(&format!(
        r"(?i:(?:møte|möte|møde|utvalgs|udvalgs|utvals|nämnd)?(?:sekretær|sekreterare|sekretar|referent|protokollfører|protokolfører|protokollförare|protokollførar))(?:[ \t]+(?i:var|er|är|vart|blev|ble|blei)[ \t]+|[ \t]*:[ \t]*)(?P<n>{name})"
    ))
    .expect("valid regex")
});
/// `Afbud meddeles udvalgssekretær Name`, `Forfall meldes til møtesekretær Name`, `Förhinder
/// anmäls till nämndsekreterare Name`: the secretary whom absence is reported to. Also with the
/// verb first and an adjective before the title (`… om å melde forfall snarast til politisk
/// sekretær Name`, `Meld afbud til udvalgssekretær Name`; round 15).
static SECRETARY_REPORT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?:(?i:afbud|forfall|fråfall|förhinder|frånvaro)[ \t]+(?i:meddeles|meldes|meldast|anmäls|anmeldes|sendes|ska meldes|skal meldes|må meldes|må meldast|bes meldt)|(?i:melde|meld|meddele|meddel|anmäla|anmäl|sende|send)[ \t]+(?i:afbud|forfall|fråfall|förhinder|frånvaro)(?:[ \t]+[\p{{Ll}}&&\p{{Latin}}]+)?)[ \t]+(?:(?i:til|till|hos)[ \t]+)?(?:[\p{{Ll}}&&\p{{Latin}}]+[ \t]+)?[\p{{Ll}}&&\p{{Latin}}]*(?i:sekretær|sekreterare|sekretar|sekretæren|sekreteraren)[ \t]+(?P<n>{NAME})"
    ))
    .expect("valid regex")
});
static PRESENT_PROSE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[.!:]\s+|\n)(?:(?i:til stede|tilstede|til stades|närvarande|fremmødt|fremmødte|frammøtt)[ \t]+(?i:var|er|är|vore)|(?:(?i:fra|frå|från)[ \t]+(?:[\p{Ll}&&\p{Latin}]+(?:en|et|a|ne)|[\p{Lu}&&\p{Latin}][^.:\n]*?)|(?i:desuden|endvidere|dessutom|også|videre|vidare|i mødet|i møtet|i mötet|på mødet|på møtet|på mötet|under mødet|under møtet))\s+(?i:deltog|deltok|deltar|deltager|møtte|mødte|närvarade|var til stede|var til stades|var tilstede|var närvarande)(?:[ \t]+(?i:også|även|tillige|dessuten|dessutom))?)[ \t]*:?[ \t]+")
        .expect("valid regex")
});

/// `Ingela Strömgren (S) och Håkan Löfgren (M) justerar protokollet`: every name before the verb.
/// `Name utsågs att tillsammans med ordföranden justera`, `Name ble valgt til å underskrive`,
/// `Name blev valgt til at underskrive`: the name, then the choice, then the signing.
static ADJUST_NAMED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?P<list>{NAME}{PARTY_PAREN}(?:(?:[ \t ]*,[ \t ]*|[ \t ]+(?i:och|og|samt)[ \t ]+){NAME}{PARTY_PAREN})*)\s+(?i:utsågs|utses|valdes|valgtes|ble valgt|blei valt|vart vald|vart valt|vart valde|blev valgt|er valgt|var valgt)\s[^.:\n]*?(?i:justera|justere|underskrive|underskriva|skrive under|skriva under|signere|signera)(?-u:\b)"
    ))
    .expect("valid regex")
});
static ADJUST_VERB: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?P<list>{NAME}{PARTY_PAREN}(?:(?:[ \t ]*,[ \t ]*|[ \t ]+(?i:och|og|samt)[ \t ]+){NAME}{PARTY_PAREN})*)[ \t ]+(?i:justerar|justerer|justeres|underskriver|underskriv|skriv under|skriver under)(?-u:\b)"
    ))
    .expect("valid regex")
});
/// `Økonomisjef Kjersti Øren orienterer`, `Räddningschef Örjan Västerås informerar om`,
/// `Helsesjukepleiar Ragnhild Åsen deltek under saka`: someone presenting a case. Answering
/// questions on it (`Name svarar på spørsmål`, round 15) counts too.
static SPEAKS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?P<n>{NAME}){PARTY_PAREN}[ \t ]+(?i:orienterer|orienterte|orienterar|orienterade|orienterede|informerar|informerade|informerer|informerte|informerede|föredrar|föredrog|redogör|redogjorde|redovisar|redovisade|presenterar|presenterade|presenterer|presenterte|præsenterer|præsenterede|fremlægger|fremlagde|gennemgår|gennemgik|gjennomgår|gjennomgikk|innleier|innleidde|innleder|innledet|inleder|inledde|deltek|deltar|deltager|la fram|la frem|lagde fram|lagde frem|legger fram|legger frem|legg fram|legg frem|gjekk gjennom|gikk gjennom|gick igenom|gik igennem|fremla|framla|svarar|svarer|svarade|besvarer|besvarar|besvarade)(?-u:\b)"
    ))
    .expect("valid regex")
});

static TITLED_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?P<t>\p{{Latin}}+)[ \t ]+(?P<n>{NAME}){PARTY_PAREN}"
    ))
    .expect("valid regex")
});

/// People named after their title inside a line: `Information från förvaltningschefen Mikael
/// Öhrström om …`. A name without a title (`Motion från Göran Åström (C)`) is not taken.
pub(crate) fn titled_names(text: &str, s: usize, e: usize) -> Vec<Person> {
    let mut out = Vec::new();
    for c in TITLED_NAME.captures_iter(&text[s..e]) {
        let (Some(t), Some(n)) = (c.name("t"), c.name("n")) else {
            continue;
        };
        let first = n.as_str().split_whitespace().next().unwrap_or("");
        let title = if is_title_word(first) {
            first
        } else if is_title_word(t.as_str()) {
            t.as_str()
        } else {
            continue;
        };
        if let Some(sp) = clean_name(text, s + n.start(), s + n.end()) {
            let mut p = Person::new(text, sp);
            p.role = title_role(title);
            out.push(p);
        }
    }
    out
}

static LEAD_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^(?P<n>{NAME})(?:{PARTY_PAREN}[ \t ]*,|{PARTY_PAREN}[ \t ]+[\p{{Ll}}&&\p{{Latin}}])"
    ))
    .expect("valid regex")
});

/// The person a sentence opens with: `Johan Härdelin från fritidsavdelningen förklarar …`,
/// `Göran Sjödin (S), ordförande …, hälsar välkommen`.
pub(crate) fn leading_person(text: &str, s: usize, e: usize) -> Option<Person> {
    let c = LEAD_NAME.captures(&text[s..e])?;
    let n = c.name("n")?;
    let (a, b) = (s + n.start(), s + n.end());
    let spans = names_in(text, a, b).filter(|v| v.len() == 1)?;
    let mut p = Person::new(text, spans[0]);
    if let Some(close) = text[b..e].trim_start().strip_prefix('(') {
        let inner = close.split(')').next().unwrap_or("").trim();
        if PARTIES.contains(&inner) {
            p.party = Some(inner.to_string());
        }
    }
    Some(p)
}

/// People a trailing attribution names: `udvalgsformand Bente Skjærbæk (V)`, `direktør for
/// Sundhed og Omsorg, Søren Kjær Østergaard`, `Dagleg leiar i Volda Næringsråd, Bjørn Skåre`.
/// Empty unless every comma part is a person, a title or an organisation and one is a person.
pub(crate) fn attribution(text: &str, s: usize, e: usize) -> Vec<Person> {
    let (s, e) = crate::text::trim_span(text, s, e, &['.']);
    if s >= e || e - s > 160 {
        return Vec::new();
    }
    let segs = top_level_commas(text, s, e);
    if segs.len() > 4 {
        return Vec::new();
    }
    let mut any = false;
    for &(a, b) in &segs {
        // `A og B, Org`: two people joined by a conjunction share a segment (which alone reads
        // like an organisation's name, `Kultur og Fritid`, or like nothing).
        let pair = |a: usize, b: usize| {
            let parts = conj_split(text, a, b);
            parts.len() >= 2
                && parts
                    .iter()
                    .all(|&(x, y)| matches!(classify(text, x, y), Seg::Persons { .. }))
        };
        match classify(text, a, b) {
            Seg::Persons { .. } => any = true,
            Seg::Org(_) if pair(a, b) => any = true,
            // `landskabsarkitekt Name og Name, Org`: a title before the first of two people.
            Seg::Title { .. } if pair(a, b) => any = true,
            Seg::Title { .. } | Seg::Org(_) | Seg::Role(_) => {}
            Seg::Nothing if pair(a, b) => any = true,
            Seg::Nothing => return Vec::new(),
        }
    }
    if any {
        parse_list(text, s, e)
    } else {
        Vec::new()
    }
}

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
fn clean_name(text: &str, s: usize, e: usize) -> Option<(usize, usize)> {
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

/// The people a line names as presenting (`Name orienterer`, `Leder af X Name deltager under
/// punktet`), speakers.
pub(crate) fn speaking(text: &str, s: usize, e: usize) -> Vec<Person> {
    SPEAKS
        .captures_iter(&text[s..e])
        .filter_map(|c| c.name("n"))
        .filter_map(|n| clean_name(text, s + n.start(), s + n.end()))
        .map(|sp| {
            let mut p = Person::new(text, sp);
            p.role = Some(Role::Speaker);
            p
        })
        .collect()
}

/// The people a prose attendance sentence names from `s` to its end (`direktør for X og Y
/// Name, jobcenterchef Name og udvalgssekretær Name, der førte protokollen.`), all present.
/// Each comma part is split at its last `og`/`och` when a single person follows; a piece that
/// is no single person (a title with a body's name before the name) is skipped rather than
/// guessed, and `der førte protokollen` makes the person before it the secretary.
fn prose_list(text: &str, s: usize) -> Vec<Person> {
    // The sentence: up to a sentence end within the paragraph (a blank line ends it).
    let para_end = text[s..].find("\n\n").map_or(text.len(), |p| s + p);
    let e = first_sentence_end(text, s, para_end);
    if e <= s || e - s > 400 {
        return Vec::new();
    }
    let mut out: Vec<Person> = Vec::new();
    for (a, b) in top_level_commas(text, s, e) {
        let (a, b) = crate::text::trim_span(text, a, b, &['.']);
        if a >= b {
            continue;
        }
        let f = fold(&squash(&text[a..b]));
        if ["der ", "som ", "hvilken "]
            .iter()
            .any(|w| f.starts_with(w))
            && ["protokol", "referat"].iter().any(|w| f.contains(w))
        {
            if let Some(p) = out.last_mut() {
                p.role = Some(Role::Secretary);
            }
            continue;
        }
        let mut pieces = Vec::new();
        let mut end = b;
        loop {
            // `Børne- og Skoleudvalget`: a conjunction after a suspended compound's hyphen
            // joins two words of one name, not two people.
            let hit = CONJ
                .find_iter(&text[a..end])
                .filter(|m| !suspended(&text[a..a + m.start()]))
                .last()
                .filter(|m| m.start() > 0);
            let Some(m) = hit else { break };
            let (mut ts, te) = crate::text::trim_span(text, a + m.end(), end, &[]);
            if !single_person(text, ts, te) {
                // `… og medlemmene Name (H)`: a lowercase group noun before the name.
                let t = &text[ts..te];
                let ns = t.find(char::is_whitespace).map_or(te, |sp| {
                    ts + sp + t[sp..].len() - t[sp..].trim_start().len()
                });
                let noun = &text[ts..ns];
                if ns < te
                    && noun.trim().chars().count() >= 6
                    && noun.trim().chars().all(char::is_lowercase)
                    && single_person(text, ns, te)
                {
                    ts = ns;
                } else {
                    break;
                }
            }
            pieces.push((ts, te));
            end = a + m.start();
        }
        pieces.push((a, end));
        pieces.reverse();
        for (x, y) in pieces {
            if single_person(text, x, y) {
                for mut p in parse_list(text, x, y) {
                    p.status = Some(Status::Present);
                    out.push(p);
                }
            } else if let Some(p) = titled_for_body(text, x, y) {
                out.push(p);
            }
        }
    }
    out
}

/// `formand for Kulturudvalget Name (A)`, `leder i Børne- og Skoleudvalget Name`: a lowercase
/// title, a preposition and a body's name before the person, in a prose list of those present.
fn titled_for_body(text: &str, x: usize, y: usize) -> Option<Person> {
    if !text[x..y].starts_with(char::is_lowercase) {
        return None;
    }
    let e = text[x..y].find('(').map_or(y, |p| x + p);
    let (a, b) = crate::text::trim_span(text, x, e, &[]);
    let seg = &text[a..b];
    let ws = words(seg);
    let w = |k: usize| &seg[ws[k].0..ws[k].1];
    // The title's lowercase words, then the preposition.
    let mut j = ws
        .iter()
        .position(|&(p, q)| !seg[p..q].starts_with(char::is_lowercase))?;
    if j < 2
        || !matches!(
            w(j - 1),
            "for" | "af" | "i" | "ved" | "hos" | "til" | "på" | "för"
        )
    {
        return None;
    }
    // The body: one capitalised word, after a suspended compound's first half and `og`.
    if ws.len() > j + 2 && suspended(w(j)) && matches!(w(j + 1), "og" | "och") {
        j += 2;
    }
    if ws.len() < j + 3 {
        return None;
    }
    let ns = a + ws[j + 1].0;
    names_in(text, ns, b)?;
    let sp = (ns, b);
    let mut p = Person::new(text, sp);
    p.party = party_after(text, sp.1);
    p.status = Some(Status::Present);
    Some(p)
}

/// The party in a parenthesis right after a name ending at `e` (`Name (SD) har …`).
fn party_after(text: &str, e: usize) -> Option<String> {
    let inner = text[e..]
        .trim_start_matches([' ', '\t'])
        .strip_prefix('(')?;
    let close = inner.find(')').filter(|&c| c <= 40)?;
    let p = inner[..close].trim();
    is_party(p).then(|| p.to_string())
}

/// True when `text[s..e]` is one person, perhaps after a title or with a party.
fn single_person(text: &str, s: usize, e: usize) -> bool {
    s < e && matches!(classify(text, s, e), Seg::Persons { spans, .. } if spans.len() == 1)
}

/// Cache of the gates' lazy DFA, per thread. Fifteen case-insensitive keyword patterns
/// searched at once make many DFA states: with the regex crate's default limit (2 MB) the cache
/// filled and was cleared over and over on a stream of new documents, and the gates cost more
/// each document than the patterns they gate (callgrind, `rensa run -j 1` over 220 and then
/// 440 of the pair OCR texts: 0.88M instructions per further document in the gates; 0.16M with
/// 4 MB or more; the other patterns showed no such effect at 16 MB). The cache grows only as
/// far as it needs.
const GATES_DFA_LIMIT: usize = 8 << 20;

/// What each whole-text statement pattern of [`from_statements`] cannot match without: its
/// keywords, copied from the pattern (same flags, so the same case folding). One pass of this
/// set over the text tells which patterns can match at all; the others are not run. Each gate
/// matches inside every match of its pattern, so skipping a pattern whose gate did not match
/// changes nothing. A pattern that gains a keyword needs it in its gate too.
static STATEMENT_GATES: LazyLock<regex::RegexSet> = LazyLock::new(|| {
    regex::RegexSetBuilder::new([
        // 0 SECRETARY
        r"(?i:antecknat av|antecknad av|antecknare|vid protokollet|skrevet av|skrevet af|nedtecknat av|referat ved|referat af|referent|protokollet fördes av|protokollen ble ført av|protokollen blev ført af|protokollen vart ført av|protokollen førtes af|som (?:sekreterare|sekretær|sekretar|referent|protokollförare|protokollfører|protokollførar)[ \t]+(?:tjänstgjorde|tjänstgör|fungerade|fungerar|fungerte|fungerede|fungerer|var|deltog|deltok))",
        // 1 CHOSEN
        r"(?i:v[äaie]ljs|väljes|valdes|utses|utsågs|velges|ble valgt|blev valgt|vælges|valgtes|er valgt)",
        // 2 ADJUSTER
        r"(?i:justeras av|justeres av|protokollet justeras av|underskrives af|att justera protokollet|til å underskrive protokollen)",
        // 3 SECRETARY_AFTER
        r"(?i:førte|förde|førde|skrev|skreiv|tok)[ \t]+(?i:protokollen|protokollet|referatet|referat|protokoll)",
        // 4 CHAIR_PROSE
        r"(?i:mødet blev ledet af|mødet ledes af|møtet ble ledet av|møtet ledes av|møtet vart leia av|møtet vart leidd av|mötet leddes av|mötet leds av|sammanträdet leddes av|mødeleder var|møteleder var|møteleiar var|mötesordförande var|som (?:ordförande|mötesordförande|ordstyrer|møteleder|mødeleder|dirigent)[ \t]+(?:fungerade|fungerar|fungerte|fungerede|tjänstgjorde|var))",
        // 5 ADJUST_CHOSEN
        r"(?i:underskrive|underskriva|underskriven|underskrevet|underskrives|underskrivast|skrive under|skriva under|signere|signera|justere|justera|godkjenne|godkjenna)[^.:\n]{0,60}?(?i:valgt|valt|valde|valda|valgte|valdes|valgtes|utsedd|utsedda|utsågs)",
        // 6 ABSENT_PROSE
        r"(?:(?i:har|hade|havde|hadde)[ \t]+(?i:meldt|meldet|meldat|anmält|anmalt|anmeldt|givet|gitt|sendt|lämnat)[ \t]+(?i:forfall|afbud|förhinder|fråvær|fravær|förfall|frafall)|(?i:er|är|var|blev|ble|vart)[ \t]+(?i:forhindret|forhindra|förhindrad|fraværende|frånvarande|fråverande)|(?i:kan|kunne|kunde)[ \t]+(?i:ikke|ikkje|inte|ej)[ \t]+(?i:møte|møde|delta|deltage|närvara))",
        // 7 SUBSTITUTE_PROSE
        r"(?i:varamedlem(?:met)?|vararepresentant(?:en)?|varamand(?:en)?|vara|stedfortræder(?:en)?|stedfortreder(?:en)?|suppleant(?:en)?|ersättare(?:n)?)[ \t]+[\p{Lu}&&\p{Latin}]",
        // 8 PRESENT_PROSE
        r"(?i:til stede|tilstede|til stades|närvarande|fremmødt|fremmødte|frammøtt)[ \t]+(?i:var|er|är|vore)|\s(?i:deltog|deltok|deltar|deltager|møtte|mødte|närvarade|var til stede|var til stades|var tilstede|var närvarande)",
        // 9 SPEAKS
        r"(?i:orienterer|orienterte|orienterar|orienterade|orienterede|informerar|informerade|informerer|informerte|informerede|föredrar|föredrog|redogör|redogjorde|redovisar|redovisade|presenterar|presenterade|presenterer|presenterte|præsenterer|præsenterede|fremlægger|fremlagde|gennemgår|gennemgik|gjennomgår|gjennomgikk|innleier|innleidde|innleder|innledet|inleder|inledde|deltek|deltar|deltager|la fram|la frem|lagde fram|lagde frem|legger fram|legger frem|legg fram|legg frem|gjekk gjennom|gikk gjennom|gick igenom|gik igennem|fremla|framla|svarar|svarer|svarade|besvarer|besvarar|besvarade)",
        // 10 ADJUST_VERB
        r"(?i:justerar|justerer|justeres|underskriver|underskriv|skriv under|skriver under)",
        // 11 SECRETARY_COPULA
        r"(?i:sekretær|sekreterare|sekretar|referent|protokollfører|protokolfører|protokollförare|protokollførar)(?:[ \t]+(?i:var|er|är|vart|blev|ble|blei)[ \t]+|[ \t]*:[ \t]*)[\p{Lu}&&\p{Latin}]",
        // 12 SECRETARY_REPORT
        r"(?i:sekretær|sekreterare|sekretar|sekretæren|sekreteraren)[ \t]+[\p{Lu}&&\p{Latin}]",
        // 13 CHAIR_AFTER
        r"[ \t]+(?i:leia|leidde|ledet|ledede|ledde|leder|leier|leiar|leidd)\s+(?i:møtet|mødet|mötet|sammanträdet|sammenkomsten)",
        // 14 PROPOSER
        r"(?i:framlegg|forslag|förslag|yrkande|ændringsforslag|endringsforslag|endringsframlegg)[ \t]+(?i:frå|fra|från)[ \t]+",
    ])
    .dfa_size_limit(GATES_DFA_LIMIT)
    .build()
    .expect("valid regex set")
});

/// `re.captures_iter(hay)`, without compiling `re` when `hay` is empty (none of these patterns
/// matches an empty text). The statement patterns are passed an empty text when their gate or
/// cue says they cannot match, and most never match a given batch: compiling each only when
/// some document needs it saves a process most of their compile time, which a `rensa run`
/// over one file paid in full (230M instructions, about 20 ms).
fn caps<'t>(
    re: &'static LazyLock<Regex>,
    hay: &'t str,
) -> impl Iterator<Item = regex::Captures<'t>> {
    (!hay.is_empty())
        .then(|| re.captures_iter(hay))
        .into_iter()
        .flatten()
}

/// [`caps`] for `find_iter`.
fn finds<'t>(re: &'static LazyLock<Regex>, hay: &'t str) -> impl Iterator<Item = regex::Match<'t>> {
    (!hay.is_empty())
        .then(|| re.find_iter(hay))
        .into_iter()
        .flatten()
}

/// Roles stated in running text: `Antecknat av Anna Fogel`, `Helena Astvald väljs som
/// ordförande`, `Justeras av ...`.
pub(crate) fn from_statements(text: &str) -> Vec<Person> {
    let gates = STATEMENT_GATES.matches(text);
    // The text for pattern `k`: empty when its gate says it cannot match.
    let gated = |k: usize| if gates.matched(k) { text } else { "" };
    let mut out = Vec::new();
    let mut weak = Vec::new();
    let mut adjusters = Vec::new();
    let mut listed = Vec::new();
    let mut push = |s: usize, e: usize, role: Role| {
        if let Some(sp) = clean_name(text, s, e) {
            let mut p = Person::new(text, sp);
            p.party = party_after(text, e);
            p.role = Some(role);
            p.role_weak = role == Role::Speaker;
            if p.role_weak {
                weak.push(p);
            } else {
                out.push(p);
            }
        }
    };
    for c in caps(&SECRETARY, gated(0)) {
        if let Some(n) = c.name("n") {
            push(n.start(), n.end(), Role::Secretary);
        }
    }
    // `Møteleder er kommunalsjef for teknisk drift Name.`: the name ending the sentence.
    for m in finds(
        &HOST_COPULA,
        if text.contains("leder er") || text.contains("leiar er") {
            text
        } else {
            ""
        },
    ) {
        let rest = &text[m.end()..];
        let stop = rest.find(['.', ',', '\n', ';', '(']).unwrap_or(rest.len());
        let ws = words(&rest[..stop]);
        let caps = ws
            .iter()
            .rev()
            .take_while(|&&(a, b)| rest[a..b].starts_with(char::is_uppercase))
            .count();
        let lower = ws.len() - caps;
        if (2..=4).contains(&caps)
            && lower <= 5
            && ws[..lower]
                .iter()
                .all(|&(a, b)| rest[a..b].starts_with(char::is_lowercase))
        {
            let a = m.end() + ws[lower].0;
            let b = m.end() + ws[ws.len() - 1].1;
            if names_in(text, a, b).is_some_and(|v| v.len() == 1) {
                push(a, b, Role::Host);
            }
        }
    }
    for c in caps(&CHOSEN, gated(1)) {
        let (Some(n), Some(r)) = (c.name("n"), c.name("r")) else {
            continue;
        };
        let rf = fold(&squash(r.as_str()));
        let role = if rf.starts_with("vice") || rf == "nestleder" || rf.ends_with("stformand") {
            Role::ViceChair
        } else if rf.starts_with("sekret") || rf == "referent" {
            Role::Secretary
        } else if rf.starts_with("juster") {
            Role::Adjuster
        } else {
            Role::Chair
        };
        push(n.start(), n.end(), role);
    }
    for c in caps(&ADJUSTER, gated(2)) {
        for g in ["n", "n2"] {
            if let Some(n) = c.name(g) {
                push(n.start(), n.end(), Role::Adjuster);
            }
        }
    }
    // Cheap checks first: each of these whole-text patterns needs its keyword.
    let chosen = contains_any!(
        text,
        ["utsågs", "utses", "valdes", "valgtes", " valgt", " valt", " vald"]
    );
    let secretary = contains_any!(text, ["ekret", "eferent", "rotokollf"]);
    for c in caps(&ADJUST_NAMED, if chosen { text } else { "" }) {
        if let Some(l) = c.name("list") {
            for mut p in parse_list(text, l.start(), l.end()) {
                p.role = Some(Role::Adjuster);
                p.status = None;
                adjusters.push(p);
            }
        }
    }
    for c in caps(&ADJUST_VERB, gated(10)) {
        if let Some(l) = c.name("list") {
            for mut p in parse_list(text, l.start(), l.end()) {
                p.role = Some(Role::Adjuster);
                p.status = None;
                adjusters.push(p);
            }
        }
    }
    for c in caps(&SECRETARY_REPORT, if secretary { gated(12) } else { "" }) {
        if let Some(n) = c.name("n") {
            push(n.start(), n.end(), Role::Secretary);
        }
    }
    for c in caps(&SECRETARY_COPULA, if secretary { gated(11) } else { "" }) {
        // The label opens a line or a sentence (`… drift). Sekretær: Name.`).
        let at = c.get(0).map_or(0, |m| m.start());
        let before = text[..at].trim_end_matches([' ', '\t']);
        if !(before.is_empty() || before.ends_with(['\n', '.', '!', '?'])) {
            continue;
        }
        if let Some(n) = c.name("n") {
            // A name wraps only after its first word (`Ingrid` / `Vestli`); a full name ending
            // its line stops there (`Name Surname` / `Referatet …`).
            let t = n.as_str();
            let end = match t.find('\n') {
                Some(nl) if t[..nl].split_whitespace().count() >= 2 => {
                    n.start() + t[..nl].trim_end().len()
                }
                _ => n.end(),
            };
            push(n.start(), end, Role::Secretary);
        }
    }
    for c in caps(&SECRETARY_AFTER, gated(3)) {
        if let Some(n) = c.name("n") {
            push(n.start(), n.end(), Role::Secretary);
        }
    }
    for c in caps(&CHAIR_PROSE, gated(4)) {
        if let Some(n) = c.name("n") {
            push(n.start(), n.end(), Role::Chair);
        }
    }
    // Cheap test first: a chair named before the verb of leading the meeting is rare.
    let led = contains_any!(
        text,
        ["møtet", "mødet", "mötet", "sammanträdet", "sammenkomsten"]
    ) && contains_any!(text, ["lei", "led"]);
    for c in caps(&CHAIR_AFTER, if led { gated(13) } else { "" }) {
        if let Some(n) = c.name("n") {
            push(n.start(), n.end(), Role::Chair);
        }
    }
    for c in caps(&PROPOSER, if text.contains(" fr") { gated(14) } else { "" }) {
        if let Some(n) = c.name("n") {
            push(n.start(), n.end(), Role::Member);
        }
    }
    // Cheap test first: the verbs are rare.
    let hosted = contains_any!(
        text,
        [
            "ledes a",
            "leds av",
            "leies av",
            "leiast av",
            "li ledet a",
            "ive ledet a",
            "r ledet a",
            "leidd a",
            "leia a",
            "moderer",
            "facilit",
            "fasilit"
        ]
    );
    for m in finds(&HOST_PROSE, if hosted { text } else { "" }) {
        // The host: the words up to the sentence's end, a comma or the line's end, after at
        // most two lowercase titles (`sundhedskonsulent Name`).
        let rest = &text[m.end()..];
        let mut stop = rest.find(['.', ',', '\n', ';', '(']).unwrap_or(rest.len());
        // `journalist Name fra Lokalavisen`: a preposition after the name's first capitalised
        // word opens where the host comes from, no part of the name.
        if let Some(cap) = rest[..stop].find(char::is_uppercase) {
            let after = &rest[cap..stop];
            let cut = [
                " fra ", " från ", " frå ", " hos ", " i ", " ved ", " vid ", " på ",
            ]
            .iter()
            .filter_map(|p| after.find(p))
            .min();
            if let Some(c) = cut {
                stop = cap + c;
            }
        }
        let e = m.end() + rest[..stop].trim_end().len();
        let lower = rest[..stop]
            .split_whitespace()
            .take_while(|w| w.starts_with(char::is_lowercase))
            .count();
        if lower <= 2 {
            push(m.end(), e, Role::Host);
        }
    }
    for c in caps(&ADJUST_CHOSEN, gated(5)) {
        if let Some(l) = c.name("list") {
            for mut p in parse_list(text, l.start(), l.end()) {
                p.role = Some(Role::Adjuster);
                p.status = None;
                adjusters.push(p);
            }
        }
    }
    // Cheap test first: the calling-in verbs are rare.
    let called = contains_any!(
        text,
        [
            "kallas",
            "kallats",
            "innkal",
            "indkald",
            "kalla inn",
            "kalles inn"
        ]
    );
    let prose: [(&LazyLock<Regex>, Status); 3] = [
        (&ABSENT_PROSE, Status::Absent),
        (&SUBSTITUTE_PROSE, Status::Substitute),
        (&SUBSTITUTE_CALLED, Status::Substitute),
    ];
    for (k, (re, status)) in prose.into_iter().enumerate() {
        // The last pattern is compiled only for a text that has its verb.
        if k == 2 && !called {
            continue;
        }
        let hay = match k {
            0 => gated(6),
            1 => gated(7),
            _ => text,
        };
        for c in caps(re, hay) {
            if let Some(sp) = c
                .name("n")
                .and_then(|n| clean_name(text, unwrapped_name(text, n.start(), n.end()), n.end()))
            {
                let mut p = Person::new(text, sp);
                p.status = Some(status);
                p.party = party_after(text, sp.1);
                listed.push(p);
            }
        }
    }
    // Cheap test first: the `i stedet for` sentence is rare (the regex is compiled only then).
    let instead = contains_any!(text, ["stedet for", "staden for", "ället för"]);
    for c in caps(&SUBSTITUTE_INSTEAD, if instead { text } else { "" }) {
        for (g, status) in [("a", Status::Absent), ("n", Status::Substitute)] {
            if let Some(sp) = c.name(g).and_then(|n| clean_name(text, n.start(), n.end())) {
                let mut p = Person::new(text, sp);
                p.status = Some(status);
                p.party = party_after(text, sp.1);
                listed.push(p);
            }
        }
    }
    // Cheap test first: a substitute named for a pronoun is rare.
    let pronoun = [" for ", " för ", "\nfor ", "\nför "].iter().any(|p| {
        text.match_indices(p).any(|(i, m)| {
            let w = text[i + m.len()..]
                .split(|c: char| !c.is_alphabetic())
                .next()
                .unwrap_or("");
            ["henne", "honom", "hende", "ham", "hun", "ho", "han"].contains(&w)
        })
    });
    // (The regex is compiled only for a text that passes.)
    for c in caps(&SUBSTITUTE_PRONOUN, if pronoun { text } else { "" }) {
        if let Some(sp) = c
            .name("n")
            .and_then(|n| clean_name(text, n.start(), n.end()))
        {
            let mut p = Person::new(text, sp);
            p.status = Some(Status::Substitute);
            p.party = party_after(text, sp.1);
            listed.push(p);
        }
    }
    // `Forfall hadde A og B; varamedlemene C og D møtte`: absent members and their
    // substitutes, listed in a sentence.
    let absent_lead = contains_any!(
        text,
        [
            "orfall ha",
            "fbud ha",
            "örhinder ha",
            "örfall ha",
            "ravær ha",
            "råvær ha"
        ]
    );
    let plural_subs = contains_any!(
        text,
        [
            "aramedlemene",
            "aramedlemmene",
            "aramedlemmane",
            "ararepresentantene",
            "ararepresentantane",
            "aramændene",
            "tedfortræderne",
            "tedfortrederne",
            "uppleanterne",
            "rsättarna"
        ]
    );
    // Cheap test first: a label with its colon inside a paragraph.
    let absent_inline = contains_any!(
        text,
        ["orfall:", "fbud:", "örhinder:", "örfall:", "råfall:"]
    );
    let listed_prose: [(&LazyLock<Regex>, bool, Status); 3] = [
        (&ABSENT_LEAD, absent_lead, Status::Absent),
        (&ABSENT_INLINE, absent_inline, Status::Absent),
        (&SUBSTITUTES_PLURAL, plural_subs, Status::Substitute),
    ];
    for (re, has, status) in listed_prose {
        for c in caps(re, if has { text } else { "" }) {
            if let Some(l) = c.name("list") {
                for mut p in parse_list(text, l.start(), l.end()) {
                    p.status = Some(status);
                    listed.push(p);
                }
            }
        }
    }
    for m in finds(&PRESENT_PROSE, gated(8)) {
        listed.extend(prose_list(text, m.end()));
    }
    for c in caps(&SPEAKS, gated(9)) {
        if let Some(n) = c.name("n") {
            push(n.start(), n.end(), Role::Speaker);
        }
    }
    out.extend(adjusters);
    out.extend(listed);
    out.extend(weak);
    // `Ordföranden Åsa Lindqvist`, `sekretær Eli Sæbø`: a role for someone found elsewhere.
    for mut p in titled_names(text, 0, text.len()) {
        if p.role.is_some() {
            p.known_only = true;
            out.push(p);
        }
    }
    out
}

fn rank(r: Option<Role>) -> u8 {
    match r {
        Some(Role::Chair) => 7,
        Some(Role::ViceChair) => 6,
        Some(Role::Secretary) => 5,
        Some(Role::Adjuster) => 4,
        Some(Role::Host) => 3,
        Some(Role::Speaker) => 2,
        Some(Role::Member) => 1,
        None => 0,
    }
}

/// The key two mentions of one person share.
pub(crate) fn name_key(name: &str) -> String {
    fold(&squash(name)).replace(['’', '\''], "")
}

/// Merges mentions of the same person, keeping the most specific role and the first party,
/// organisation, status and span; ordered by first mention.
pub(crate) fn merge(people: Vec<Person>) -> Vec<Attendee> {
    // Key -> index in `out` (a list scan per mention was quadratic in a long document).
    let mut keys: std::collections::HashMap<String, usize> = Default::default();
    let mut out: Vec<Person> = Vec::new();
    for p in people {
        let k = name_key(&p.name);
        if let Some(&i) = keys.get(&k) {
            let q = &mut out[i];
            // A role read from a verb never replaces a stated one, and yields to any.
            // Someone on a list (with a status) who presents a case is not a programme speaker.
            let replace = match (p.role_weak, q.role_weak) {
                // A title in running text names a role for someone on a list without one.
                _ if p.known_only => {
                    matches!(q.role, None | Some(Role::Member)) && rank(p.role) > rank(q.role)
                }
                (true, false) => q.role.is_none() && q.status.is_none(),
                (false, true) => p.role.is_some() || p.status.is_some(),
                _ => rank(p.role) > rank(q.role),
            };
            if replace {
                q.role = p.role;
                q.role_weak = p.role_weak;
            }
            if q.party.is_none() {
                q.party = p.party;
            }
            if q.org.is_none() || (q.org_weak && !p.org_weak && p.org.is_some()) {
                q.org = p.org;
                q.org_weak = p.org_weak;
            }
            if q.status.is_none() {
                q.status = p.status;
            }
            q.known_only &= p.known_only;
            if p.span.0 < q.span.0 {
                q.span = p.span;
            }
        } else {
            keys.insert(k, out.len());
            out.push(p);
        }
    }
    out.retain(|p| !p.known_only);
    out.sort_by_key(|p| p.span.0);
    out.into_iter()
        .map(|p| Attendee {
            name: p.name,
            party: p.party,
            role: p.role,
            organization: p.org,
            status: p.status,
            span: [p.span.0, p.span.1],
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(s: &str) -> Vec<String> {
        parse_list(s, 0, s.len())
            .into_iter()
            .map(|p| {
                format!(
                    "{}|{}|{}",
                    p.name,
                    p.party.unwrap_or_default(),
                    p.org.unwrap_or_default()
                )
            })
            .collect()
    }

    #[test]
    fn lists() {
        assert_eq!(
            names("Kerstin Hellberg Anna Fogel."),
            ["Kerstin Hellberg||", "Anna Fogel||"]
        );
        assert_eq!(
            names("Johan Kumlin (M), Tina\nModin"),
            ["Johan Kumlin|M|", "Tina Modin||"]
        );
        assert_eq!(
            names("Kristine Laake, Reach for Change og Marie Harbo Dahle, SoCentral"),
            [
                "Kristine Laake||Reach for Change",
                "Marie Harbo Dahle||SoCentral"
            ]
        );
        assert_eq!(
            names("Johan Hörnemalm och Catarina Lundqvist, Norrbottens Kommuner"),
            [
                "Johan Hörnemalm||Norrbottens Kommuner",
                "Catarina Lundqvist||Norrbottens Kommuner"
            ]
        );
        assert_eq!(
            names("Lone Tinor-Centi, Chef for Frivilligafdelingen, Dansk flyktninghjelp"),
            ["Lone Tinor-Centi||Dansk flyktninghjelp"]
        );
    }
}
