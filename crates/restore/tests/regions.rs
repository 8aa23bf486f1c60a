//! `language_regions` on documents that mix languages, with the embedded word lists: where a
//! document changes language, its regions change with it, even when the other language comes
//! as short paragraphs (OCR sets most lines apart with blank lines); a lone line in another
//! language does not move off the document's language.
#![allow(clippy::unwrap_used)]

use rensa_core::{Lang, Vocabulary};
use rensa_lexicon::Lexicon;
use rensa_restore::{detect_language, language_and_regions, language_regions};

fn lists() -> Vec<Lexicon> {
    Lang::ALL
        .iter()
        .map(|&l| Lexicon::embedded(l).unwrap())
        .collect()
}

fn regions(text: &str) -> Vec<(String, Lang)> {
    let all = lists();
    let refs: Vec<&dyn Vocabulary> = all.iter().map(|l| l as &dyn Vocabulary).collect();
    let lang = detect_language(text, &refs);
    let r = language_regions(text, &refs, lang);
    // What the pipeline calls, one lookup of each word for both: the same answer.
    assert_eq!(language_and_regions(text, &refs), (lang, r.clone()));
    // The regions cover the text in order, without gaps.
    let mut at = 0;
    for (span, _) in &r {
        assert_eq!(span.start, at, "{r:?}");
        at = span.end;
    }
    assert_eq!(at, text.len());
    r.into_iter()
        .map(|(span, l)| (text[span].to_string(), l))
        .collect()
}

/// A Norwegian notice, damaged as the English model prints it (`mote`, `radhuset`).
const NB: &str = "Innkalling til mote i eldreradet\n\n\
Motet holdes i radhuset tirsdag 4. mars klokken 10.00. Saker som skal behandles er budsjett \
for neste ar og plan for bygging av nye omsorgsboliger. Vi ber om at forfall meldes til \
sekretaeren sa snart som mulig, slik at vara kan kalles inn.\n\n\
Sak 1/25 Godkjenning av innkalling og saksliste\n\n\
Sak 2/25 Orienteringer fra administrasjonen om arbeidet med ny helseplan, og om hvordan \
kommunen skal folge opp tiltakene.\n\n";

/// A Swedish programme in short paragraphs, none of forty words.
const SV: &str = "Program for dagen\n\n\
09.00 Valkommen och inledning av ordforanden\n\n\
09.30 Hur kan kommunen och foreningarna arbeta tillsammans for att fler ska vara delaktiga?\n\n\
10.30 Fika och samtal i mindre grupper om vad som behover goras\n\n\
11.00 Vad har vi lart oss av arbetet med samverkan under aret som gatt?\n\n\
12.00 Lunch i matsalen och avslutning\n";

#[test]
fn a_programme_in_another_language_is_its_own_region() {
    let text = format!("{NB}{SV}");
    let r = regions(&text);
    let langs: Vec<Lang> = r.iter().map(|(_, l)| *l).collect();
    assert_eq!(langs, [Lang::Nb, Lang::Sv], "{r:#?}");
    assert_eq!(r[0].0, NB);
    assert_eq!(r[1].0, SV);
}

#[test]
fn a_lone_line_in_another_language_stays_with_the_document() {
    let text = format!(
        "{NB}Sak 3/25 VIDA – nyanlandas vag in i civilsamhallet\n\n{}",
        NB.replace("Sak 1/25", "Sak 4/25")
            .replace("Sak 2/25", "Sak 5/25")
    );
    let r = regions(&text);
    assert_eq!(r.len(), 1, "{r:#?}");
    assert_eq!(r[0].1, Lang::Nb);
}

#[test]
fn a_text_in_one_language_is_one_region() {
    for text in [NB, SV] {
        assert_eq!(regions(text).len(), 1);
    }
    assert_eq!(regions(""), [(String::new(), Lang::Sv)]);
}
