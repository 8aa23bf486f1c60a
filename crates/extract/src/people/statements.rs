//! Roles and attendance stated in running text (`Antecknat av Name`, `Name väljs som
//! ordförande`, `Name har meldt forfall`, `Til stede var …`): the sentence patterns, the keyword
//! gates that decide which of them run on a text, and the reader that turns their matches into
//! people.

use std::sync::LazyLock;

use regex::Regex;

use super::lists::parse_list;
use super::names::{clean_name, names_in, party_after, words, NAME, PARTY_PAREN};
use super::segments::{classify, suspended, top_level_commas, Seg, CONJ};
use super::speakers::{titled_names, SPEAKS};
use super::Person;
use crate::text::{first_sentence_end, fold, squash};
use crate::{Role, Status};

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
/// `Til stede var …`, `Fra administrationen deltog …`, `I møtet deltok også …`, `Dessutom
/// närvarade …`: a sentence listing who attended.
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
