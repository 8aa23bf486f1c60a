//! OCR engines' XML output end to end: `rensa run fixtures/xml` gives records whose text is the
//! cleaned transcription and whose edits give back the text extracted from the XML; a malformed
//! ALTO file in a batch is one `malformed-xml` error record, and the batch goes on (exit 1).
#![allow(clippy::unwrap_used)]

mod common;
use common::*;

/// Each sample: its stem, the encoding label, and the cleaned text of its record.
const SAMPLES: &[(&str, &str, &str)] = &[
    (
        "alto-nb-latin1",
        "alto+iso-8859-1",
        "Innkalling til møte i formannskapet\n\n\
         Møtet holdes på rådhuset i Tromsø\n\
         fredag 3. mai klokken 10. Saksliste følger vedlagt.\n",
    ),
    (
        "alto-sv-kallelse",
        "alto+utf-8",
        "Kallelse till sammanträde\n\n\
         Kultur- & fritidsnämnden kallas till möte tisdagen den 14 mars\n\
         2023 kl. 18.00 i stadshusets sessionssal. Ärenden för\n\
         beslut finns i bilagan. Inför sammanträdet besvaras frågor av sekreteraren.\n\n\
         Anna Lindqvist\n\
         ordförande\n",
    ),
    (
        "page-da-referat",
        "page+utf-8",
        "Referat af møde i Ældrerådet\n\n\
         Mødet blev holdt den 7. februar 2024 på Rådhuset.\n\
         Til stede: Birthe Sørensen (formand) & Jens Holm.\n\
         Rådet drøftede budgettet for kommunen og kommunens økonomi <2025>.\n\n\
         Næste møde holdes den 4. april.\n",
    ),
];

fn check_schema(v: &serde_json::Value) {
    let schema: serde_json::Value = serde_json::from_str(rensa_record::SCHEMA).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let errors: Vec<String> = validator.iter_errors(v).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "{v}: {errors:#?}");
}

#[test]
fn run_on_fixtures_xml_gives_the_transcriptions() {
    let out = rensa(&["run", "fixtures/xml"]);
    // The malformed samples are error records, so the run exits 1.
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    let recs = records(&out.stdout);
    let by_source = |s: &str| {
        recs.iter()
            .find(|r| r["source"] == s)
            .unwrap_or_else(|| panic!("no record for {s}"))
    };
    for (stem, encoding, cleaned) in SAMPLES {
        let r = by_source(&format!("fixtures/xml/{stem}.xml"));
        check_schema(r);
        assert!(r["error"].is_null(), "{r}");
        assert_eq!(r["encoding"], *encoding, "{stem}");
        assert_eq!(r["text"], *cleaned, "{stem}");
        // The edits lead back to the text extracted from the XML, not to the XML.
        let rec: rensa_record::Record = serde_json::from_value(r.clone()).unwrap();
        let original = rensa_core::reconstruct(&rec.text, &rec.edits).unwrap();
        let extracted =
            std::fs::read_to_string(root().join(format!("fixtures/xml/expected/{stem}.txt")))
                .unwrap();
        assert_eq!(original, extracted, "{stem}");
        // The extracted text read as a plain text file cleans the same.
        let as_text = by_source(&format!("fixtures/xml/expected/{stem}.txt"));
        assert_eq!(as_text["text"], r["text"], "{stem}");
        assert_eq!(as_text["encoding"], "utf-8");
    }
    // The mojibake inside a CONTENT attribute was repaired like any other.
    let alto = by_source("fixtures/xml/alto-sv-kallelse.xml");
    let rules: Vec<&str> = alto["edits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["rule"].as_str().unwrap())
        .collect();
    assert!(rules.contains(&"decode.utf8-as-cp1252"), "{rules:?}");

    let errors: Vec<&serde_json::Value> = recs.iter().filter(|r| r["error"].is_object()).collect();
    let sources: Vec<&str> = errors
        .iter()
        .map(|r| r["source"].as_str().unwrap())
        .collect();
    assert_eq!(
        sources,
        [
            "fixtures/xml/malformed/alto-mismatched-end.xml",
            "fixtures/xml/malformed/alto-unknown-entity.xml",
            "fixtures/xml/malformed/page-truncated.xml",
        ]
    );
    for r in &errors {
        check_schema(r);
        assert_eq!(r["error"]["stage"], "decode");
        assert_eq!(r["error"]["kind"], "malformed-xml");
        assert!(
            r["error"]["message"]
                .as_str()
                .unwrap()
                .starts_with("malformed XML at line "),
            "{r}"
        );
    }
    // Everything else (the README, the expected texts) is plain text.
    assert_eq!(recs.len(), 2 * SAMPLES.len() + errors.len() + 1);
    assert_eq!(by_source("fixtures/xml/README.md")["encoding"], "utf-8");
}

#[test]
fn a_malformed_alto_file_in_a_batch_is_one_error_record() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("in");
    std::fs::create_dir(&dir).unwrap();
    std::fs::write(
        dir.join("a_minutes.txt"),
        "Protokoll fört vid sammanträde med kommunstyrelsen i Göteborg den 3 mars 1987.\n",
    )
    .unwrap();
    std::fs::copy(
        root().join("fixtures/xml/alto-sv-kallelse.xml"),
        dir.join("b_alto.xml"),
    )
    .unwrap();
    std::fs::write(
        dir.join("c_broken_alto.xml"),
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <alto xmlns=\"http://www.loc.gov/standards/alto/ns-v4#\">\n\
         <Layout><Page><PrintSpace><TextBlock>\n\
         <TextLine><String CONTENT=\"Protokoll\"/></String>\n\
         </TextBlock></PrintSpace></Page></Layout>\n\
         </alto>\n",
    )
    .unwrap();
    std::fs::copy(
        root().join("fixtures/xml/page-da-referat.xml"),
        dir.join("d_page.xml"),
    )
    .unwrap();

    let out = rensa_in(&["run", "--quiet", "in"], tmp.path());
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    let recs = records(&out.stdout);
    let got: Vec<(&str, &str, &str)> = recs
        .iter()
        .map(|r| {
            (
                r["source"].as_str().unwrap(),
                r["encoding"].as_str().unwrap_or("-"),
                r["error"]["kind"].as_str().unwrap_or("ok"),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("in/a_minutes.txt", "utf-8", "ok"),
            ("in/b_alto.xml", "alto+utf-8", "ok"),
            ("in/c_broken_alto.xml", "-", "malformed-xml"),
            ("in/d_page.xml", "page+utf-8", "ok"),
        ]
    );
    let message = "malformed XML at line 4, column 40: expected </TextLine>, found </String>";
    assert_eq!(recs[2]["error"]["message"], message);
    assert_eq!(recs[2]["error"]["stage"], "decode");
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        format!("rensa: in/c_broken_alto.xml: {message}\n")
    );
}

#[test]
fn clean_prints_the_transcription_of_an_xml_file() {
    let out = rensa(&["clean", "fixtures/xml/page-da-referat.xml"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    let want = SAMPLES.iter().find(|s| s.0 == "page-da-referat").unwrap().2;
    assert_eq!(String::from_utf8(out.stdout).unwrap(), want);

    let out = rensa(&["clean", "fixtures/xml/malformed/page-truncated.xml"]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert!(out.stdout.is_empty());
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("malformed XML at line 10, column 46"),
        "{stderr}"
    );
}
