//! `min_confidence` is the bar for every edit restore makes, whichever rule makes it: the
//! repairs of unlisted words decided per document (an inserted `i` at 0.8) as well as the
//! judgement's readings.
#![allow(clippy::unwrap_used)]

use rensa_core::{Document, Lang};
use rensa_lexicon::Lexicon;
use rensa_restore::{restore, RestoreOptions};

/// Damaged Swedish with a word for a fixed-confidence repair (`kommiunen`, an inserted `i`)
/// and ordinary lost letters.
const TEXT: &str = "Forslaget tas fram tillsammans med kommiunen och forvaltningen. \
                    Namnden beslutar att ga vidare med arendet och far i uppdrag att aterkomma.";

fn confidences(min_confidence: f32) -> Vec<(String, f32)> {
    let lex = Lexicon::embedded(Lang::Sv).unwrap();
    let mut doc = Document::new(TEXT);
    let opts = RestoreOptions {
        damage_prior: Some(0.8),
        min_confidence,
        ..RestoreOptions::default()
    };
    restore(&mut doc, &lex, &opts).unwrap();
    doc.edits()
        .iter()
        .map(|e| (e.rule.clone(), e.confidence))
        .collect()
}

#[test]
fn every_rule_respects_min_confidence() {
    // At the default bar the page gets repairs below 0.9, the inserted `i` among them.
    let all = confidences(RestoreOptions::default().min_confidence);
    assert!(all.iter().any(|(_, c)| *c == 0.8), "{all:?}");
    assert!(all.iter().any(|(_, c)| *c < 0.9), "{all:?}");
    // At 0.9 none of them is made.
    let high = confidences(0.9);
    assert!(high.iter().all(|(_, c)| *c >= 0.9), "{high:?}");
    assert!(high.len() < all.len());
}
