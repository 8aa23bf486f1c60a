//! Holds the `compile` example that turns `dictionaries/build/*.tsv` into the embedded fst maps
//! (`cargo run --release -p rensa-dict-compile --example compile -- dictionaries/build dictionaries`).
