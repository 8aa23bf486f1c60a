//! Character edit distance for CER, with Myers' bit-vector algorithm.
//!
//! CER compares whole documents character by character. The textbook dynamic programme fills
//! one cell per pair of characters: a 3,000-character page against its OCR is nine million
//! cells, and it took 84% of a `rensa eval` run in a release build (perf, fresh split), more in
//! the unoptimised build `cargo test` makes. Myers (1999) keeps a column of the same table as
//! two bit vectors of vertical differences (+1 and -1) and advances it by one text character
//! with a dozen word operations per 64 rows; Hyyrö's block form chains the 64-row blocks for
//! longer patterns, each block passing the horizontal difference at its bottom row to the next.
//! The result is the same number, about 64 times sooner.
//!
//! Only the distance is computed here. The word alignment ([`crate::align`]) needs its
//! traceback and stays a plain table: documents have a few hundred words, not thousands of
//! characters.

use std::collections::HashMap;
use std::hash::Hash;

/// Edit distance between two sequences (insertions, deletions and substitutions cost 1):
/// Myers' bit-vector algorithm in blocks of 64, O(⌈m/64⌉·n) for the shorter length m.
pub fn levenshtein<T: Eq + Hash>(a: &[T], b: &[T]) -> usize {
    // The shorter sequence is the pattern (the rows): fewer blocks per text character.
    let (pattern, text) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    let m = pattern.len();
    if m == 0 {
        return text.len();
    }
    let blocks = m.div_ceil(64);
    // Per distinct pattern symbol, the rows where it stands: `peq[k * blocks + block]`.
    let mut symbol: HashMap<&T, usize> = HashMap::new();
    let mut peq: Vec<u64> = Vec::new();
    for (row, x) in pattern.iter().enumerate() {
        let k = *symbol.entry(x).or_insert_with(|| {
            peq.resize(peq.len() + blocks, 0);
            peq.len() / blocks - 1
        });
        peq[k * blocks + row / 64] |= 1 << (row % 64);
    }
    // Vertical differences of the current column, +1 (pv) and -1 (mv): column 0 is 0, 1, 2, …
    let mut pv = vec![u64::MAX; blocks];
    let mut mv = vec![0u64; blocks];
    // The bit of the pattern's last row in the last block.
    let last_row = 1u64 << ((m - 1) % 64);
    let mut score = m;
    for x in text {
        let eq_column = symbol.get(x).map(|&k| &peq[k * blocks..(k + 1) * blocks]);
        // The first row of the table is 0, 1, 2, …: +1 from each column to the next.
        let mut h_in: i8 = 1;
        for block in 0..blocks {
            let high = if block + 1 == blocks {
                last_row
            } else {
                1 << 63
            };
            let mut eq = eq_column.map_or(0, |c| c[block]);
            let (p, n) = (pv[block], mv[block]);
            let xv = eq | n;
            if h_in < 0 {
                eq |= 1;
            }
            let xh = ((eq & p).wrapping_add(p) ^ p) | eq;
            let mut ph = n | !(xh | p);
            let mut mh = p & xh;
            let h_out = if ph & high != 0 {
                1
            } else if mh & high != 0 {
                -1
            } else {
                0
            };
            ph <<= 1;
            mh <<= 1;
            if h_in < 0 {
                mh |= 1;
            } else if h_in > 0 {
                ph |= 1;
            }
            pv[block] = mh | !(xv | ph);
            mv[block] = ph & xv;
            h_in = h_out;
        }
        // The last block's difference is that of the pattern's last row: the distance so far.
        score = score.wrapping_add_signed(isize::from(h_in));
    }
    score
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The textbook table, two rows at a time: what the bit vectors must agree with.
    fn table(a: &[char], b: &[char]) -> usize {
        let mut prev: Vec<usize> = (0..=b.len()).collect();
        let mut cur = vec![0; b.len() + 1];
        for (i, x) in a.iter().enumerate() {
            cur[0] = i + 1;
            for (j, y) in b.iter().enumerate() {
                let sub = prev[j] + usize::from(x != y);
                cur[j + 1] = sub.min(prev[j + 1] + 1).min(cur[j] + 1);
            }
            std::mem::swap(&mut prev, &mut cur);
        }
        prev[b.len()]
    }

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn known_distances() {
        for (a, b, d) in [
            ("", "", 0),
            ("", "abc", 3),
            ("abc", "", 3),
            ("kitten", "sitting", 3),
            ("från möte", "frdn méte", 2),
            ("Samverkansrådet", "Samverkansradet", 1),
            ("abc", "abc", 0),
            ("ab", "ba", 2),
        ] {
            assert_eq!(levenshtein(&chars(a), &chars(b)), d, "{a:?} {b:?}");
        }
    }

    /// Random sequences over small and large alphabets, at the lengths where blocks begin and
    /// end (63, 64, 65, 128, …), against the table.
    #[test]
    fn agrees_with_the_table() {
        let mut seed = 0x9E37_79B9_7F4A_7C15u64;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let lengths = [0, 1, 2, 5, 63, 64, 65, 100, 127, 128, 129, 200, 300];
        for alphabet in [2u64, 4, 30] {
            for &la in &lengths {
                for &lb in &lengths {
                    let a: Vec<char> = (0..la)
                        .map(|_| char::from(b'a' + (next() % alphabet) as u8))
                        .collect();
                    // b: a copy of a with random damage half the time, else independent.
                    let b: Vec<char> = if next() % 2 == 0 {
                        (0..lb)
                            .map(|i| match a.get(i) {
                                Some(&c) if next() % 5 != 0 => c,
                                _ => char::from(b'a' + (next() % alphabet) as u8),
                            })
                            .collect()
                    } else {
                        (0..lb)
                            .map(|_| char::from(b'a' + (next() % alphabet) as u8))
                            .collect()
                    };
                    assert_eq!(
                        levenshtein(&a, &b),
                        table(&a, &b),
                        "alphabet {alphabet}, lengths {la} and {lb}"
                    );
                    assert_eq!(levenshtein(&b, &a), table(&a, &b));
                }
            }
        }
    }
    /// Real pages against their OCR, as CER compares them (the seed and the dev pairs).
    #[test]
    fn agrees_with_the_table_on_real_pairs() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/pairs");
        let mut compared = 0;
        for split in ["seed", "dev"] {
            let mut names: Vec<_> = std::fs::read_dir(root.join(split))
                .expect("pair split")
                .map(|e| e.expect("entry").path())
                .filter(|p| p.to_string_lossy().ends_with(".ocr.txt"))
                .collect();
            names.sort();
            for ocr in names.iter().take(6) {
                let gold = ocr.to_string_lossy().replace(".ocr.txt", ".gold.txt");
                let fold = |p: &std::path::Path| -> Vec<char> {
                    let s = std::fs::read_to_string(p).expect("pair text");
                    s.split_whitespace()
                        .collect::<Vec<_>>()
                        .join(" ")
                        .chars()
                        .collect()
                };
                let (g, o) = (fold(std::path::Path::new(&gold)), fold(ocr));
                assert_eq!(levenshtein(&g, &o), table(&g, &o), "{}", ocr.display());
                compared += 1;
            }
        }
        assert!(compared >= 7, "only {compared} pairs compared");
    }
}
