//! `rensa explain` must report the decision restore makes on the word, the fallbacks it tries
//! on an unlisted word judge keeps included (a dropped first letter, the deep search).
#![allow(clippy::unwrap_used)]

use rensa_core::Lang;
use rensa_lexicon::Lexicon;
use rensa_restore::{explain, RestoreOptions};

fn reading(word: &str, lang: Lang, prior: f32) -> Option<String> {
    let lex = Lexicon::embedded(lang).unwrap();
    explain(word, &lex, &RestoreOptions::default(), prior)
        .change
        .map(|(reading, _, _)| reading)
}

#[test]
fn explain_reports_the_fallback_readings() {
    // Two rare glyph confusions (`m` printed `in`): the deep search.
    assert_eq!(
        reading("adininistrasjonen", Lang::Nb, 0.3).as_deref(),
        Some("administrasjonen")
    );
    // The first letter dropped.
    assert_eq!(
        reading("ldreradet", Lang::Da, 0.3).as_deref(),
        Some("ældrerådet")
    );
    // A page without damage tries no fallback.
    assert_eq!(reading("adininistrasjonen", Lang::Nb, 0.002), None);
}
