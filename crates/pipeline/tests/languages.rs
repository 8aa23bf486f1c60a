//! What [`Cleaned::languages`](rensa_pipeline::Cleaned) says: the languages a document's
//! regions were restored with, in order, which `rensa eval` reports a mixed document under.
#![allow(clippy::unwrap_used)]

use rensa_core::Lang;
use rensa_lexicon::Lexicons;
use rensa_pipeline::{Engine, Settings};

/// A Norwegian notice, then a Swedish programme, both as the English model prints them.
const MIXED: &str = "Innkalling til mote i eldreradet\n\n\
Motet holdes i radhuset tirsdag 4. mars klokken 10.00. Saker som skal behandles er budsjett \
for neste ar og plan for bygging av nye omsorgsboliger. Vi ber om at forfall meldes til \
sekretaeren sa snart som mulig, slik at vara kan kalles inn.\n\n\
Sak 2/25 Orienteringer fra administrasjonen om arbeidet med ny helseplan, og om hvordan \
kommunen skal folge opp tiltakene.\n\n\
Program for dagen\n\n\
09.30 Hur kan kommunen och foreningarna arbeta tillsammans for att fler ska vara delaktiga?\n\n\
10.30 Fika och samtal i mindre grupper om vad som behover goras\n\n\
11.00 Vad har vi lart oss av arbetet med samverkan under aret som gatt?\n";

fn engine(lang: Option<Lang>) -> Engine {
    let settings = Settings {
        lang,
        ..Settings::default()
    };
    Engine::new(Lexicons::embedded().unwrap(), settings)
}

#[test]
fn a_mixed_document_names_both_languages_in_order() {
    let c = engine(None).clean(MIXED.as_bytes()).unwrap();
    assert_eq!(c.lang, Lang::Nb);
    assert_eq!(c.languages, [Lang::Nb, Lang::Sv]);
}

#[test]
fn a_mixed_document_has_its_regions_in_the_cleaned_text() {
    let c = engine(None).clean(MIXED.as_bytes()).unwrap();
    let text = c.doc.text();
    let langs: Vec<Lang> = c.regions.iter().map(|(_, l)| *l).collect();
    assert_eq!(langs, [Lang::Nb, Lang::Sv]);
    // In order, without gaps, over the cleaned text (restore changed both regions' lengths).
    assert_eq!(c.regions[0].0.start, 0);
    assert_eq!(c.regions[0].0.end, c.regions[1].0.start);
    assert_eq!(c.regions[1].0.end, text.len());
    assert_ne!(text.len(), MIXED.len());
    assert!(text[c.regions[0].0.clone()].starts_with("Innkalling til møte"));
    assert!(text[c.regions[1].0.clone()].starts_with("Program för dagen"));
    // The record carries them; a single-language one does not.
    let rensa_record::Output::Ok(r) = engine(None).process("mixed.txt", "mixed", MIXED.as_bytes())
    else {
        panic!("an error record");
    };
    let json = serde_json::to_value(&*r).unwrap();
    assert_eq!(json["regions"][1]["language"], "sv");
    assert_eq!(json["regions"][1]["end"], text.len());
}

#[test]
fn a_document_in_one_language_names_one() {
    let one = MIXED.split("Program for dagen").next().unwrap();
    let c = engine(None).clean(one.as_bytes()).unwrap();
    assert_eq!(c.languages, [Lang::Nb]);
    assert!(c.regions.is_empty());
    let rensa_record::Output::Ok(r) = engine(None).process("one.txt", "one", one.as_bytes()) else {
        panic!("an error record");
    };
    assert!(serde_json::to_value(&*r).unwrap().get("regions").is_none());
}

#[test]
fn a_forced_language_is_the_only_one() {
    let c = engine(Some(Lang::Da)).clean(MIXED.as_bytes()).unwrap();
    assert_eq!((c.lang, c.languages), (Lang::Da, vec![Lang::Da]));
}
