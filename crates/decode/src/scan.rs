//! Byte-level helpers shared by the evidence scan and the rule passes: skipping ASCII a word at a
//! time, and finding the word around a position without walking the whole text.

/// The byte offset of the first non-ASCII byte at or after `from`, or `b.len()`.
#[inline]
pub(crate) fn skip_ascii(b: &[u8], mut from: usize) -> usize {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    while from + 8 <= b.len() {
        let mut w = [0u8; 8];
        w.copy_from_slice(&b[from..from + 8]);
        let hi = u64::from_le_bytes(w) & HIGH;
        if hi != 0 {
            return from + (hi.trailing_zeros() / 8) as usize;
        }
        from += 8;
    }
    while from < b.len() && b[from] < 0x80 {
        from += 1;
    }
    from
}

/// The non-ASCII characters of `text` with their byte offsets, in order.
pub(crate) fn non_ascii(text: &str) -> impl Iterator<Item = (usize, char)> + '_ {
    let b = text.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        i = skip_ascii(b, i);
        let c = char_at(text, i)?;
        let at = i;
        i += c.len_utf8();
        Some((at, c))
    })
}

/// The character starting at byte `i` (a char boundary), if any.
#[inline]
pub(crate) fn char_at(text: &str, i: usize) -> Option<char> {
    text.get(i..)?.chars().next()
}

/// The character ending at byte `i` (a char boundary), if any.
#[inline]
pub(crate) fn char_before(text: &str, i: usize) -> Option<char> {
    text.get(..i)?.chars().next_back()
}

/// The maximal run of characters satisfying `inside` that contains the character at `at`
/// (which must satisfy it), as a byte range.
pub(crate) fn run_around(text: &str, at: usize, inside: impl Fn(char) -> bool) -> (usize, usize) {
    let mut start = at;
    for (j, c) in text[..at].char_indices().rev() {
        if !inside(c) {
            break;
        }
        start = j;
    }
    let end = text[at..]
        .char_indices()
        .find(|&(_, c)| !inside(c))
        .map_or(text.len(), |(j, _)| at + j);
    (start, end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn skips_ascii() {
        let s = "abcdefghijklmnopä xyzö";
        let got: Vec<(usize, char)> = non_ascii(s).collect();
        let want: Vec<(usize, char)> = s.char_indices().filter(|c| !c.1.is_ascii()).collect();
        assert_eq!(got, want);
        assert_eq!(skip_ascii(b"abc", 0), 3);
        assert_eq!(run_around("ab cdé fg", 4, char::is_alphabetic), (3, 7));
    }
}
