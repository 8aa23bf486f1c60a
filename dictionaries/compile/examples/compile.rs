//! Compiles `dictionaries/build/<lang>.tsv` (word, zipf, flags) into `dictionaries/<lang>/words.fst`
//! for sv, nb, nn, da and (when present) en.
//!
//! Run by `dictionaries/build.sh`; not part of the rensa binary, and deliberately independent of
//! `rensa-lexicon` (which embeds the output and so cannot be built before it exists). The value
//! packing below must match `rensa_lexicon`'s docs: Zipf x 100 in the low 16 bits, the TSV flags
//! shifted left by 16; the lexicon's tests check a known word's frequency and name flag.
#![allow(clippy::print_stderr)]

use std::collections::BTreeMap;
use std::io::BufRead;
use std::path::PathBuf;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (src, dst) = match args.as_slice() {
        [s, d] => (PathBuf::from(s), PathBuf::from(d)),
        _ => return Err("usage: compile SRC_DIR DST_DIR".into()),
    };
    for lang in ["sv", "nb", "nn", "da", "en"] {
        let path = src.join(format!("{lang}.tsv"));
        if lang == "en" && !path.exists() {
            // The English list (words to leave alone in Nordic text) is optional.
            continue;
        }
        let file = std::fs::File::open(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let mut words: BTreeMap<Vec<u8>, u64> = BTreeMap::new();
        for (i, line) in std::io::BufReader::new(file).lines().enumerate() {
            let line = line?;
            let mut f = line.split('\t');
            let (Some(w), Some(z), Some(fl)) = (f.next(), f.next(), f.next()) else {
                return Err(
                    format!("{}: line {}: expected 3 columns", path.display(), i + 1).into(),
                );
            };
            let zipf: f32 = z
                .parse()
                .map_err(|_| format!("{}: line {}: bad zipf", path.display(), i + 1))?;
            let flags: u64 = fl
                .parse()
                .map_err(|_| format!("{}: line {}: bad flags", path.display(), i + 1))?;
            let v = ((zipf * 100.0).round().clamp(0.0, 65535.0) as u64) | (flags << 16);
            let e = words.entry(w.as_bytes().to_vec()).or_insert(v);
            *e = (*e).max(v);
        }
        let out_dir = dst.join(lang);
        std::fs::create_dir_all(&out_dir)?;
        let tmp = out_dir.join("words.fst.tmp");
        let mut b = fst::MapBuilder::new(std::io::BufWriter::new(std::fs::File::create(&tmp)?))?;
        for (k, v) in &words {
            b.insert(k, *v)?;
        }
        b.finish()?;
        std::fs::rename(&tmp, out_dir.join("words.fst"))?;
        eprintln!("{lang}: {} forms", words.len());
    }
    Ok(())
}
