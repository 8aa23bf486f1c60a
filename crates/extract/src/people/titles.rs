//! Job titles and offices (`økonomisjef`, `Nämndsekreterare`, `varaordfører`) and the role a
//! title or a role word gives (chair, vice chair, secretary, adjuster, member). Separate from
//! name recognition: a title stands before a name but is never part of it.

use std::sync::LazyLock;

use crate::text::fold;
use crate::Role;

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

/// [`TITLE_ENDINGS`] bucketed for [`is_title_word`].
static TITLE_ENDS: LazyLock<Endings> = LazyLock::new(|| Endings::new(TITLE_ENDINGS));

/// A list of word endings (each at least two bytes) bucketed by their last two bytes: a word
/// can only end with, or equal, the endings in its own bucket, so a test looks at a handful of
/// them instead of the whole list (the title and organisation lists are a hundred or more long
/// and are asked several times per name).
pub(super) struct Endings {
    buckets: rustc_hash::FxHashMap<[u8; 2], Vec<&'static str>>,
}

impl Endings {
    pub(super) fn new(list: &'static [&'static str]) -> Endings {
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
    pub(super) fn candidates<'a>(&'a self, w: &str) -> impl Iterator<Item = &'static str> + 'a {
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

pub(super) fn role_word(f: &str) -> Option<Role> {
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
