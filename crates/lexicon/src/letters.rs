//! A letter model per language: how likely a string is as a word of the language, letter by
//! letter, whether or not any list holds it.
//!
//! # Why
//! A name the lists lack still spells like the language: `Sjöqvist`, `Sävström`, `Nordbø`
//! and `Høyheim` are built from `sjö`, `ström`, `bø` and `høy`, which thousands of listed
//! forms share, while the English model's `Sjoqvist`, `Savstrém`, `Nordbg` and `Hoyheim` are
//! built from sequences the language hardly writes. Restore asks this model about an unlisted
//! word that no listed word explains: whether putting back a lost letter makes it a much more
//! likely word of the language.
//!
//! # What
//! An order-4 letter model (three letters of context, with the word's start and end as
//! symbols), Witten-Bell smoothed, trained on every form of the language's list except the
//! compound-only pieces, each form counted once (types, not tokens: a name is as good evidence
//! of how the language spells as a common word). It is stored in back-off form, the smoothed
//! ln probability of every seen letter sequence and the back-off weight of every seen context,
//! as 6-byte records in a hash table laid out by the builder and probed in place: nothing is
//! parsed or built at start-up.
//! `dictionaries/compile/examples/letters.rs` writes `dictionaries/<lang>/letters.bin` from
//! `words.fst` with [`train`].

/// Letters of context plus the predicted one.
pub const ORDER: usize = 4;
/// Magic at the start of a model file, with the order.
const MAGIC: &[u8; 4] = b"RLH4";
/// Bytes per record: the packed key (u32) and the value (i16, ln p in thousandths).
const RECORD: usize = 6;
/// Key bit of a back-off weight (the others are sequence probabilities).
const BACKOFF: u32 = 1 << 31;
/// Symbol of a word's start (padding before its first letter).
const START: u32 = 1;
/// Symbol of a word's end.
const END: u32 = 2;
/// The letters beyond `a`-`z` with their own symbol (`a`-`z` are 3 to 28, these 29 on); any
/// other character is [`OTHER`].
const EXTRA: [char; 21] = [
    'å', 'ä', 'ö', 'æ', 'ø', 'é', 'è', 'ê', 'ë', 'á', 'à', 'â', 'ü', 'ó', 'ò', 'ô', 'í', 'ì', 'ú',
    'ñ', 'ç',
];
/// Symbol of a character outside `a`-`z` and [`EXTRA`].
const OTHER: u32 = 63;
/// Value scale: ln p is stored in thousandths.
const SCALE: f32 = 1000.0;

fn symbol(c: char) -> u32 {
    match c {
        'a'..='z' => c as u32 - 'a' as u32 + 3,
        _ => EXTRA
            .iter()
            .position(|&e| e == c)
            .map_or(OTHER, |i| i as u32 + 29),
    }
}

/// Packs up to [`ORDER`] symbols, oldest first, six bits each; every symbol is at least 1, so
/// sequences of different lengths never share a key.
fn pack(symbols: &[u32]) -> u32 {
    symbols.iter().fold(0, |k, &s| (k << 6) | s)
}

/// The symbols of a word with its start padding and end.
fn symbols(word: &str) -> Vec<u32> {
    let mut v = vec![START; ORDER - 1];
    v.extend(word.chars().map(symbol));
    v.push(END);
    v
}

/// A letter model read in place from a model file: the records are an open-addressing hash
/// table the builder laid out, so opening a model is a header check and a lookup a probe or
/// two, with nothing built at start-up.
#[derive(Debug, Clone, Copy)]
pub struct LetterModel {
    slots: &'static [u8],
    n_slots: u64,
    uniform: f32,
}

impl LetterModel {
    /// Opens a model file; `None` if it is not one.
    pub fn new(bytes: &'static [u8]) -> Option<LetterModel> {
        let rest = bytes.strip_prefix(MAGIC)?;
        let (head, slots) = rest.split_at_checked(8)?;
        let n = u32::from_le_bytes(head[..4].try_into().ok()?) as usize;
        let symbols = u32::from_le_bytes(head[4..].try_into().ok()?);
        if n == 0 || slots.len() != n * RECORD || symbols == 0 {
            return None;
        }
        Some(LetterModel {
            slots,
            n_slots: n as u64,
            uniform: -(symbols as f32).ln(),
        })
    }

    fn get(&self, key: u32) -> Option<f32> {
        let mut i = slot_of(key, self.n_slots);
        // The table is never full (the builder leaves a third of it empty), so a probe run
        // ends at the key or an empty slot (key 0, which no record has).
        loop {
            let r = &self.slots[i * RECORD..i * RECORD + RECORD];
            let k = u32::from_le_bytes([r[0], r[1], r[2], r[3]]);
            if k == key {
                return Some(f32::from(i16::from_le_bytes([r[4], r[5]])) / SCALE);
            }
            if k == 0 {
                return None;
            }
            i += 1;
            if i as u64 == self.n_slots {
                i = 0;
            }
        }
    }

    /// ln P(last symbol | the ones before it), backing off to shorter contexts.
    fn next(&self, seq: &[u32]) -> f32 {
        let mut bo = 0.0;
        for start in 0..seq.len() {
            let s = &seq[start..];
            if let Some(lp) = self.get(pack(s)) {
                return bo + lp;
            }
            let ctx = &s[..s.len() - 1];
            if let Some(b) = self.get(BACKOFF | pack(ctx)) {
                bo += b;
            }
        }
        // A symbol the training never saw: the back-off share of the uniform distribution.
        bo + self.uniform
    }

    /// ln P(word) under the model, its end included.
    pub fn logp(&self, word: &str) -> f32 {
        let mut window = [START; ORDER];
        let mut total = 0.0;
        for s in word.chars().map(symbol).chain(std::iter::once(END)) {
            window.rotate_left(1);
            window[ORDER - 1] = s;
            total += self.next(&window);
        }
        total
    }
}

/// Trains a model on `words` (each counted once) and returns the model file.
pub fn train<'a>(words: impl IntoIterator<Item = &'a str>) -> Vec<u8> {
    use std::collections::HashMap;
    // Counts of every sequence of 1..=ORDER symbols ending at each position.
    let mut counts: HashMap<Vec<u32>, u64> = HashMap::new();
    for w in words {
        let s = symbols(w);
        for i in ORDER - 1..s.len() {
            for n in 1..=ORDER {
                *counts.entry(s[i + 1 - n..=i].to_vec()).or_default() += 1;
            }
        }
    }
    // Per context: total count and distinct continuations.
    let mut ctx: HashMap<Vec<u32>, (u64, u64)> = HashMap::new();
    for (g, &c) in &counts {
        let e = ctx.entry(g[..g.len() - 1].to_vec()).or_default();
        e.0 += c;
        e.1 += 1;
    }
    let symbols_seen = counts.keys().filter(|g| g.len() == 1).count() as f64 + 1.0;
    // Interpolated probabilities, shortest sequences first (each needs the shorter one).
    let mut grams: Vec<(&Vec<u32>, u64)> = counts.iter().map(|(g, &c)| (g, c)).collect();
    grams.sort_by_key(|(g, _)| g.len());
    let mut prob: HashMap<&[u32], f64> = HashMap::new();
    for (g, c) in grams {
        // Every suffix of a seen sequence was seen (and is shorter, so already done).
        let lower = if g.len() == 1 {
            1.0 / symbols_seen
        } else {
            prob[&g[1..]]
        };
        let (total, types) = ctx[&g[..g.len() - 1]];
        let p = (c as f64 + types as f64 * lower) / (total + types) as f64;
        prob.insert(g.as_slice(), p);
    }
    let records: Vec<(u32, i16)> = prob
        .iter()
        .map(|(g, p)| (pack(g), quantise(p.ln())))
        .chain(ctx.iter().map(|(h, &(total, types))| {
            let share = types as f64 / (total + types) as f64;
            (BACKOFF | pack(h), quantise(share.ln()))
        }))
        .collect();
    // Open addressing with linear probing, two thirds full at most.
    let n_slots = (records.len() * 3 / 2 + 1) as u64;
    let mut table = vec![(0u32, 0i16); n_slots as usize];
    let mut sorted = records;
    sorted.sort_unstable();
    for (k, v) in sorted {
        let mut i = slot_of(k, n_slots);
        while table[i].0 != 0 {
            i = (i + 1) % n_slots as usize;
        }
        table[i] = (k, v);
    }
    let mut out = Vec::with_capacity(12 + table.len() * RECORD);
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&(n_slots as u32).to_le_bytes());
    out.extend_from_slice(&(symbols_seen as u32).to_le_bytes());
    for (k, v) in table {
        out.extend_from_slice(&k.to_le_bytes());
        out.extend_from_slice(&v.to_le_bytes());
    }
    out
}

/// The home slot of `key` among `n` (a multiplicative hash, scaled to `n`).
fn slot_of(key: u32, n: u64) -> usize {
    ((u64::from(key.wrapping_mul(0x9E37_79B1)) * n) >> 32) as usize
}

fn quantise(lnp: f64) -> i16 {
    (lnp * f64::from(SCALE))
        .round()
        .clamp(f64::from(i16::MIN), 0.0) as i16
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn model(words: &[&str]) -> LetterModel {
        let bytes: &'static [u8] = Box::leak(train(words.iter().copied()).into_boxed_slice());
        LetterModel::new(bytes).unwrap()
    }

    #[test]
    fn a_word_shaped_like_the_training_scores_higher() {
        let m = model(&[
            "sjö",
            "sjön",
            "sjöar",
            "ström",
            "strömmen",
            "berg",
            "lund",
            "sjöberg",
        ]);
        assert!(m.logp("sjölund") > m.logp("sjolund") + 2.0);
        assert!(m.logp("strömberg") > m.logp("stromberg") + 2.0);
        // A distribution: after any context, the symbols seen in training and one never seen
        // (`z`) share about all the mass.
        let mut seen: Vec<u32> = "sjönartmebgludz".chars().map(symbol).collect();
        seen.push(END);
        seen.sort_unstable();
        seen.dedup();
        let total: f64 = seen
            .iter()
            .map(|&c| f64::from(m.next(&[START, symbol('s'), symbol('j'), c])).exp())
            .sum();
        assert!((total - 1.0).abs() < 0.05, "{total}");
    }

    #[test]
    fn a_file_that_is_not_a_model_is_refused() {
        assert!(LetterModel::new(b"RLH4\x01\0\0\0").is_none());
        assert!(LetterModel::new(b"nope").is_none());
    }
}
