//! Whatever bytes come in, the pipeline never panics, and every successful record's edit log
//! gives back exactly the text the bytes decoded to. Random inputs are built from the pieces
//! real archives are made of: Nordic words, their OCR-damaged and mojibake forms, digits,
//! punctuation, URLs, line breaks and stray bytes.
#![allow(clippy::unwrap_used)]

use proptest::prelude::*;
use rensa_decode::{decode_bytes, DecodeOptions};
use rensa_lexicon::Lexicons;
use rensa_pipeline::{Engine, Settings};
use rensa_record::Output;

const PIECES: &[&str] = &[
    "möte",
    "mote",
    "méte",
    "m6te",
    "från",
    "fran",
    "frdn",
    "är",
    "4r",
    "ar",
    "för",
    "f6r",
    "Samverkansradet",
    "Samverkansrådet",
    "fælles",
    "Feelles",
    "Holbeek",
    "møde",
    "mode",
    "@konomi",
    "mÃ¶te",
    "Ã…rhus",
    "m”te",
    "G|teborg",
    "&auml;",
    "&#246;",
    "sam-\nverka",
    "e-\npost",
    " ",
    " ",
    " ",
    "\n",
    "\n\n",
    ", ",
    ". ",
    "(S)",
    "§ 12",
    "kl. 8-12",
    "2020-01-29",
    "1",
    "i",
    "www.orebro.se/x",
    "anna@orebro.se",
    "\u{FFFD}",
    "\u{00AD}",
    "e\u{0301}",
    "ÅÄÖ",
    "Ø",
    "\t",
];

fn input() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        // Text made of realistic pieces.
        proptest::collection::vec(proptest::sample::select(PIECES), 0..60)
            .prop_map(|v| v.concat().into_bytes()),
        // The same with stray bytes spliced in (legacy code pages, broken UTF-8).
        (
            proptest::collection::vec(proptest::sample::select(PIECES), 1..40),
            proptest::collection::vec(any::<u8>(), 0..8),
        )
            .prop_map(|(v, junk)| {
                let mut b = v.concat().into_bytes();
                for (i, x) in junk.into_iter().enumerate() {
                    let at = (i * 7919) % (b.len() + 1);
                    b.insert(at, x);
                }
                b
            }),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn records_never_panic_and_always_reconstruct(bytes in input()) {
        static ENGINE: std::sync::LazyLock<Engine> = std::sync::LazyLock::new(|| {
            Engine::new(Lexicons::embedded().unwrap(), Settings::default())
        });
        let lex = ENGINE.lexicons();
        match ENGINE.process("prop.txt", "prop", &bytes) {
            Output::Ok(r) => {
                let decoded = decode_bytes(&bytes, &lex.all(), &DecodeOptions::default()).unwrap();
                let back = rensa_core::reconstruct(&r.text, &r.edits).unwrap();
                prop_assert_eq!(back, decoded.text);
            }
            Output::Err(e) => {
                // Only the input-related kinds, never a panic or an internal error.
                prop_assert!(
                    ["empty-input", "binary-input", "line-too-long"].contains(&e.error.kind.as_str()),
                    "unexpected error record: {:?}", e.error
                );
            }
        }
    }
}
