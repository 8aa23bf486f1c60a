//! Property tests: whatever edits the stages make, the original comes back exactly.
#![allow(clippy::unwrap_used)]

use proptest::prelude::*;
use rensa_core::{reconstruct, Document, EditKind, StageEdit};

/// Random text over an alphabet with multi-byte letters, so char boundaries matter.
fn text() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![
            Just('a'),
            Just('o'),
            Just(' '),
            Just('ö'),
            Just('å'),
            Just('\n'),
            Just('Ø'),
            Just('x'),
            Just('€')
        ],
        0..40,
    )
    .prop_map(|v| v.into_iter().collect())
}

/// Random edit batches for a text: sorted non-overlapping char-aligned ranges with replacements
/// (including empty ranges = insertions and empty replacements = deletions).
fn batch_for(text: &str, picks: &[(usize, usize, String)]) -> Vec<StageEdit> {
    let bounds: Vec<usize> = text
        .char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(text.len()))
        .collect();
    let mut cuts: Vec<(usize, usize, String)> = picks
        .iter()
        .map(|(a, b, s)| {
            let a = bounds[a % bounds.len()];
            let b = bounds[b % bounds.len()];
            (a.min(b), a.max(b), s.clone())
        })
        .collect();
    cuts.sort_by_key(|c| (c.0, c.1));
    let mut out = Vec::new();
    let mut end = 0;
    for (s, t, rep) in cuts {
        if s < end {
            continue;
        }
        out.push(StageEdit::new(s..t, rep, EditKind::Ocr, "test.random", 0.5));
        end = t;
    }
    out
}

fn picks() -> impl Strategy<Value = Vec<(usize, usize, String)>> {
    proptest::collection::vec((0usize..50, 0usize..50, "[äöxy ]{0,3}"), 0..6)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn stages_of_edits_reconstruct_the_original(
        original in text(),
        p1 in picks(),
        p2 in picks(),
        p3 in picks(),
    ) {
        let mut doc = Document::new(original.clone());
        let mut expected = original.clone();
        for p in [p1, p2, p3] {
            let batch = batch_for(doc.text(), &p);
            expected = apply(&expected, &batch);
            doc.apply(batch).unwrap();
            prop_assert_eq!(doc.text(), expected.as_str());
            // Edit log invariants.
            let mut last_end = 0;
            for e in doc.edits() {
                prop_assert!(e.start >= last_end || (e.start == e.end && e.start == last_end));
                prop_assert_eq!(&original[e.start..e.end], e.from.as_str());
                prop_assert!((0.0..=1.0).contains(&e.confidence));
                last_end = e.end;
            }
            prop_assert_eq!(doc.reconstruct_original().unwrap(), original.clone());
            prop_assert_eq!(reconstruct(doc.text(), doc.edits()).unwrap(), original.clone());
        }
    }

    /// The shortcut for a document's first batch gives exactly the edit log and text the
    /// general merging path gives.
    #[test]
    fn first_batch_shortcut_matches_the_general_path(original in text(), p in picks()) {
        let batch = batch_for(&original, &p);
        let mut fast = Document::new(original.clone());
        let mut general = Document::new(original.clone());
        fast.apply(batch.clone()).unwrap();
        general.apply_without_shortcut(batch).unwrap();
        prop_assert_eq!(fast.text(), general.text());
        prop_assert_eq!(fast.edits(), general.edits());
    }
}

fn apply(text: &str, batch: &[StageEdit]) -> String {
    let mut out = String::new();
    let mut pos = 0;
    for e in batch {
        out.push_str(&text[pos..e.range.start]);
        out.push_str(&e.to);
        pos = e.range.end;
    }
    out.push_str(&text[pos..]);
    out
}

#[test]
fn later_edit_over_earlier_merges_rules() {
    let mut doc = Document::new("mÃ¶te fran");
    doc.apply(vec![StageEdit::new(
        1..5,
        "ö",
        EditKind::Encoding,
        "decode.utf8-as-cp1252",
        1.0,
    )])
    .unwrap();
    assert_eq!(doc.text(), "möte fran");
    doc.apply(vec![StageEdit::new(
        0..5,
        "Möte",
        EditKind::Ocr,
        "restore.case",
        0.5,
    )])
    .unwrap();
    assert_eq!(doc.text(), "Möte fran");
    assert_eq!(doc.edits().len(), 1);
    assert_eq!(doc.edits()[0].rule, "decode.utf8-as-cp1252+restore.case");
    assert_eq!(doc.edits()[0].from, "mÃ¶te");
    assert_eq!(doc.reconstruct_original().unwrap(), "mÃ¶te fran");
}

#[test]
fn bad_ranges_are_errors_and_leave_the_document_alone() {
    let mut doc = Document::new("möte");
    assert!(doc
        .apply(vec![StageEdit::new(1..2, "o", EditKind::Ocr, "t", 1.0)])
        .is_err());
    assert!(doc
        .apply(vec![StageEdit::new(0..9, "o", EditKind::Ocr, "t", 1.0)])
        .is_err());
    assert!(doc
        .apply(vec![
            StageEdit::new(0..2, "x", EditKind::Ocr, "t", 1.0),
            StageEdit::new(1..3, "y", EditKind::Ocr, "t", 1.0),
        ])
        .is_err());
    assert_eq!(doc.text(), "möte");
    assert!(doc.edits().is_empty());
}
