//! Web and e-mail addresses: where they are, and the repairs made inside them.
//!
//! [`restore_with`](crate::restore_with) first finds the addresses ([`protected_ranges`]: URLs,
//! e-mail addresses, bare domains and file names) and keeps every word rule out of them, since a
//! working address must never change. OCR damages them all the same, so a few rules look inside
//! on an address's own terms: marks misread in a domain or scheme, a `www` broken off by a
//! space, and words the page spells in its own text. They run in the mark pass at the end of
//! `restore_with`, outside what the user protected.

use regex::Regex;
use std::sync::LazyLock;

use rensa_core::{EditKind, StageEdit};

static PROTECTED: LazyLock<Regex> = LazyLock::new(|| {
    // ASCII word boundaries keep this on the fast DFA engines (a Unicode `\b` forces the
    // backtracker, which was a tenth of the whole pipeline's time on clean text).
    Regex::new(
        r"(?x)
        (?-u:\b)(?:[hH][tT][tT][pP][sS]?://|[fF][tT][pP]://|[wW][wW][wW]\.)[^\s<>()\[\]]+  # URLs
        | [A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}                            # e-mail
        | (?-u:\b)[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.(?:se|no|dk|fi|is|com|org|net|eu|html?|pdf|docx?)(?-u:\b)(?:/[^\s]*)?  # bare domains, files
        ",
    )
    .expect("static regex")
});

/// The page's words for [`address_words`], given a test of which words are worth folding.
type PageWords<'a> = dyn Fn(&dyn Fn(&str) -> bool) -> rustc_hash::FxHashSet<String> + 'a;

/// How web and e-mail addresses spell a letter: `å`, `ä` as `a`, `ö`, `ø` as `o`, and the
/// Danish and German way, `aa`, `ae`, `oe` (`hjoerring`, `kystmoede`); `æ` is `ae` in both.
/// `None` for a letter spelt as itself.
fn address_letter(c: char) -> Option<(&'static str, &'static str)> {
    Some(match c {
        'å' => ("a", "aa"),
        'ä' => ("a", "ae"),
        'ö' | 'ø' => ("o", "oe"),
        'æ' => ("ae", "ae"),
        'é' | 'è' => ("e", "e"),
        'ü' => ("u", "u"),
        _ => return None,
    })
}

/// A word as addresses spell it, both ways of [`address_letter`]: plain, doubled.
pub(crate) fn address_folds(w: &str) -> [String; 2] {
    let mut plain = String::with_capacity(w.len() + 2);
    let mut doubled = String::with_capacity(w.len() + 4);
    for c in w.chars() {
        match address_letter(c) {
            Some((p, d)) => {
                plain.push_str(p);
                doubled.push_str(d);
            }
            None => {
                plain.push(c);
                doubled.push(c);
            }
        }
    }
    [plain, doubled]
}

/// Whether `ascii` is `w` as an address spells it, either way of [`address_folds`], compared
/// without building the folds (asked of every listed reading of an address's parts).
pub(crate) fn folds_to(w: &str, ascii: &str) -> bool {
    let fold = |doubled: bool| {
        let mut rest = ascii.as_bytes();
        for c in w.chars() {
            let mut buf = [0u8; 4];
            let with = match address_letter(c) {
                Some((p, d)) => (if doubled { d } else { p }).as_bytes(),
                None => c.encode_utf8(&mut buf).as_bytes(),
            };
            match rest.strip_prefix(with) {
                Some(r) => rest = r,
                None => return false,
            }
        }
        rest.is_empty()
    };
    fold(false) || fold(true)
}

/// The edit distance between `a` and `b` (insertions, deletions, substitutions and swaps of
/// two neighbours), or `None` if it is over `max`.
fn edit_distance(a: &[char], b: &[char], max: usize) -> Option<usize> {
    if a.len().abs_diff(b.len()) > max {
        return None;
    }
    let w = b.len() + 1;
    let mut d = vec![0usize; (a.len() + 1) * w];
    for (j, x) in d.iter_mut().enumerate().take(w) {
        *x = j;
    }
    for i in 1..=a.len() {
        d[i * w] = i;
        let mut row_min = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (d[(i - 1) * w + j] + 1)
                .min(d[i * w + j - 1] + 1)
                .min(d[(i - 1) * w + j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(d[(i - 2) * w + j - 2] + 1);
            }
            d[i * w + j] = v;
            row_min = row_min.min(v);
        }
        if row_min > max {
            return None;
        }
    }
    let v = d[a.len() * w + b.len()];
    (v <= max).then_some(v)
}

/// Words inside a web or e-mail address that OCR damaged (`kommine.no`, `heliefors.se`,
/// `iouise.dam@`, `anslagstavia`, `|jusdal`): addresses are protected from the word repairs,
/// for a working address must never change, but the page usually spells the word in its
/// text (`Hellefors kommun`, `Louise Dam`). A part of an address (letters between its marks,
/// four or more, no digit) that is no listed word and no word of the page, as addresses
/// spell them ([`address_folds`]), nor one with another ending, becomes the one word of the
/// page one edit from it (two from a part of ten letters or more: `regionjh` is no
/// `regional`). `page` holds the page's
/// listed words and names as restored, folded; `known` says whether a part is a listed word
/// or name as an address spells it.
pub(crate) fn address_words(
    text: &str,
    protected: &[(usize, usize)],
    page: &PageWords<'_>,
    known: &dyn Fn(&str) -> bool,
) -> Vec<StageEdit> {
    let mut out = Vec::new();
    // The parts worth a look, lowercase, with their byte ranges: most are listed words or
    // names (`kommune`, `politikk`, the town), settled before the page's words are gathered.
    let mut parts: Vec<(usize, usize, String)> = Vec::new();
    for &(start, end) in protected {
        let addr = &text[start..end];
        let mut seg_start = None;
        for (k, c) in addr
            .char_indices()
            .chain(std::iter::once((addr.len(), ' ')))
        {
            let part = c.is_alphanumeric() || c == '|';
            match (part, seg_start) {
                (true, None) => seg_start = Some(k),
                (false, Some(a)) => {
                    seg_start = None;
                    let raw = &addr[a..k];
                    if raw.chars().count() < 4 || raw.chars().any(|c| c.is_ascii_digit()) {
                        continue;
                    }
                    // A part the protected range cut off a word (`|jusdal.se` of
                    // `@I|jusdal.se`) is not the whole part.
                    let cut = |x: Option<char>| x.is_some_and(|c| c.is_alphanumeric() || c == '|');
                    if (a == 0 && cut(text[..start].chars().next_back()))
                        || (k == addr.len() && cut(text[end..].chars().next()))
                    {
                        continue;
                    }
                    let lower = raw.to_lowercase();
                    if !matches!(lower.as_str(), "http" | "https" | "mailto") && !known(&lower) {
                        parts.push((start + a, start + k, lower));
                    }
                }
                _ => {}
            }
        }
    }
    let Some(shortest) = parts.iter().map(|p| p.2.len()).min() else {
        return out;
    };
    let longest = parts.iter().map(|p| p.2.len()).max().unwrap_or(shortest);
    // Page words that could be within two edits or an ending of a part: of about its length
    // in bytes (a special letter takes two, and folds to one or two), opening with its first
    // letter or closing with its last two (`iouise` and `Louise`).
    let keys: Vec<(u8, [u8; 2])> = parts
        .iter()
        .map(|p| {
            let b = p.2.as_bytes();
            (b[0], [b[b.len() - 2], b[b.len() - 1]])
        })
        .collect();
    let near = |w: &str| {
        let b = w.as_bytes();
        (shortest.saturating_sub(4)..=longest + 6).contains(&b.len())
            && keys.iter().any(|&(first, last)| {
                b[0].to_ascii_lowercase() == first
                    || [b[b.len() - 2], b[b.len() - 1]].map(|c| c.to_ascii_lowercase()) == last
            })
    };
    let page = page(&near);
    if page.is_empty() {
        return out;
    }
    let targets: Vec<(&str, Vec<char>)> = page
        .iter()
        .map(|w| (w.as_str(), w.chars().collect()))
        .collect();
    for (a, b, lower) in parts {
        // A form of a page word with another ending (`moteplan` beside `møteplaner`,
        // `aeldreraad` beside `Ældreråds`) an address may well use.
        let ending = targets.iter().any(|(w, _)| {
            w.len().abs_diff(lower.len()) <= 3
                && (w.starts_with(lower.as_str()) || lower.starts_with(w))
        });
        if ending || page.contains(&lower) {
            continue;
        }
        let chars: Vec<char> = lower.chars().collect();
        let max = if chars.len() >= 10 { 2 } else { 1 };
        let mut found: Option<&str> = None;
        let mut several = false;
        for (w, wc) in &targets {
            if edit_distance(&chars, wc, max).is_some() {
                if found.is_some_and(|f| f != *w) {
                    several = true;
                    break;
                }
                found = Some(w);
            }
        }
        if let (Some(w), false) = (found, several) {
            out.push(StageEdit::new(
                a..b,
                w,
                EditKind::Ocr,
                "restore.address-word",
                0.8,
            ));
        }
    }
    out
}

/// Top-level domains of the addresses Nordic municipal papers print.
const TLDS: [&str; 8] = ["se", "no", "dk", "com", "org", "net", "eu", "nu"];

/// Marks OCR misprinted inside a web or e-mail address, which restore otherwise leaves alone
/// (addresses are protected): a period printed as a colon or comma before a top-level domain
/// (`vaxjo:se`, `kommune,no`) or between two labels of a domain (`hadsel:kommune.no`,
/// `www.vefsn:kommune.no`) or of an e-mail's name (`ingvild:bakken@`), and the second slash of `https://` lost or read
/// as `A` (`https:/www`, `https:/Awww`). A label must touch the mark on both sides, and the
/// address must be recognisable as one (`@`, `www.` or a scheme before it), so `kl:no` and
/// `Sak 4:se` stay.
pub(crate) fn address_marks(text: &str) -> Vec<StageEdit> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let label = |c: u8| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'-';
    let edit = |r: std::ops::Range<usize>, to: &str| {
        StageEdit::new(r, to, EditKind::Ocr, "restore.address-mark", 0.8)
    };
    for k in memchr::memchr2_iter(b':', b',', b) {
        // The label before the mark, and what precedes it.
        let mut s = k;
        while s > 0 && label(b[s - 1]) {
            s -= 1;
        }
        let mut e = k + 1;
        while e < b.len() && label(b[e]) {
            e += 1;
        }
        if s + 2 > k || e == k + 1 {
            continue;
        }
        // The start of the whole run without spaces, to see whether it is an address.
        let run_start = b[..s]
            .iter()
            .rposition(|c| c.is_ascii_whitespace() || matches!(c, b'<' | b'(' | b'"'))
            .map_or(0, |x| x + 1);
        let run = &text[run_start..k];
        let after = &text[k + 1..e];
        let ends = b.get(e).is_none_or(|c| !c.is_ascii_alphanumeric());
        let before_dot = s > 0 && b[s - 1] == b'.';
        let before_at = s > 0 && b[s - 1] == b'@';
        let addressy = run.contains('@') || run.starts_with("www.") || run.contains(":/");
        // `vaxjo:se`, `kommune,no/politikk`: the top-level domain.
        let tld = ends
            && TLDS.contains(&after)
            && (before_dot || before_at)
            && addressy
            && !matches!(b.get(e), Some(b'@'));
        // `@hadsel:kommune.no`, `www.vefsn:kommune.no`: two labels of a domain.
        let domain = (before_at || (before_dot && addressy))
            && b.get(e) == Some(&b'.')
            && text[e + 1..]
                .split(|c: char| !c.is_ascii_alphanumeric())
                .next()
                .is_some_and(|t| TLDS.contains(&t) || text[e + 1..].starts_with("kommune."));
        // `ingvild:bakken@tynset`: two parts of an e-mail's name.
        let name = b.get(e) == Some(&b'@') && b[k] == b':' && (s == run_start || before_dot);
        if tld || domain || name {
            out.push(edit(k..k + 1, "."));
        }
    }
    // `https:/www`, `https:/Awww`: the scheme's second slash.
    for k in memchr::memmem::find_iter(b, b":/") {
        let scheme = text[..k].ends_with("https") || text[..k].ends_with("http");
        if !scheme || b.get(k + 2) == Some(&b'/') {
            continue;
        }
        if b[k + 2..].starts_with(b"Awww.") {
            out.push(edit(k + 2..k + 3, "/"));
        } else if b[k + 2..].starts_with(b"www.") {
            out.push(edit(k + 2..k + 2, "/"));
        }
    }
    out
}

/// `www. gribskov.dk/kystmoede`, `www: bronderslev.dk`: a web address the engine broke after
/// its `www` with a space (and read the period as a colon or comma). The `www` must stand on
/// its own and the rest be a domain (`name.tld`, letters, digits and hyphens): the mark and
/// space become the period.
pub(crate) fn spaced_www(text: &str) -> Vec<StageEdit> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    for at in memchr::memmem::find_iter(b, b"www") {
        let end = at + 3;
        let alone = at == 0 || matches!(b[at - 1], b' ' | b'\t' | b'\n' | b'(' | b'/');
        if !alone
            || !matches!(b.get(end), Some(b'.' | b':' | b','))
            || b.get(end + 1) != Some(&b' ')
        {
            continue;
        }
        let host = &b[end + 2..];
        let name = host
            .iter()
            .take_while(|c| c.is_ascii_alphanumeric() || **c == b'-')
            .count();
        let tld = host.get(name + 1..).map_or(0, |r| {
            r.iter().take_while(|c| c.is_ascii_lowercase()).count()
        });
        if name == 0 || host.get(name) != Some(&b'.') || !(2..=6).contains(&tld) {
            continue;
        }
        out.push(StageEdit::new(
            end..end + 2,
            ".",
            EditKind::Ocr,
            "restore.web-address",
            0.85,
        ));
    }
    out
}

/// Ranges of the text that restore never touches.
///
/// No protected pattern spans whitespace, and each needs an `@`, a `:/` (`https://`), a `.`
/// before one of the domain pattern's endings (`.se`, `.pdf`) or a `w.` (`www.`), so the regex
/// only runs on the runs of non-space bytes that have one: most words of running text, and
/// abbreviations (`t.ex.`), are skipped by a byte scan. The ASCII word
/// boundaries see the same neighbours at a run's ends as in the whole text (whitespace), so the
/// matches are the same.
pub(crate) fn protected_ranges(text: &str) -> Vec<(usize, usize)> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    // End of the last run searched: a run with several triggers is searched once.
    let mut done = 0;
    for k in memchr::memchr3_iter(b'@', b':', b'.', b) {
        if k < done {
            continue;
        }
        let next = b.get(k + 1).copied().unwrap_or(b' ');
        let worth = match b[k] {
            b'@' => true,
            b':' => next == b'/',
            // `.se`, `.pdf` (the domain pattern's endings, so `t.ex.` and `bl.a.` are not
            // searched); `www.` before anything.
            _ => {
                const ENDINGS: [&[u8]; 12] = [
                    b"se", b"no", b"dk", b"fi", b"is", b"com", b"org", b"net", b"eu", b"htm",
                    b"pdf", b"doc",
                ];
                ENDINGS.iter().any(|e| b[k + 1..].starts_with(e))
                    || (k > 0 && b[k - 1].eq_ignore_ascii_case(&b'w'))
            }
        };
        if !worth {
            continue;
        }
        let start = b[..k]
            .iter()
            .rposition(u8::is_ascii_whitespace)
            .map_or(0, |p| p + 1);
        let end = b[k..]
            .iter()
            .position(u8::is_ascii_whitespace)
            .map_or(b.len(), |p| k + p);
        // Splitting at ASCII bytes keeps UTF-8 boundaries.
        out.extend(
            PROTECTED
                .find_iter(&text[start..end])
                .map(|m| (start + m.start(), start + m.end())),
        );
        done = end;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Addresses spell `ø` as `o` or `oe`, `å` as `a` or `aa`, `æ` as `ae`; `folds_to` agrees
    /// with `address_folds` without building them.
    #[test]
    fn address_spellings() {
        assert_eq!(
            address_folds("ærø"),
            ["aero".to_string(), "aeroe".to_string()]
        );
        assert_eq!(
            address_folds("ældreråd"),
            ["aeldrerad".to_string(), "aeldreraad".to_string()]
        );
        for (w, ascii) in [
            ("høring", "hoering"),
            ("høring", "horing"),
            ("ældreråd", "aeldreraad"),
            ("ældreråd", "aeldrerad"),
            ("kommune", "kommune"),
        ] {
            assert!(folds_to(w, ascii), "{w} as {ascii}");
        }
        for (w, ascii) in [
            ("møte", "mate"),
            ("møte", "mot"),
            ("møte", "moter"),
            ("å", ""),
        ] {
            assert!(!folds_to(w, ascii), "{w} not as {ascii}");
        }
    }

    /// Edit distance with swaps, bounded: `None` beyond the bound.
    #[test]
    fn bounded_edit_distance() {
        let d = |a: &str, b: &str, max: usize| {
            let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
            edit_distance(&a, &b, max)
        };
        assert_eq!(d("kommine", "kommune", 1), Some(1));
        assert_eq!(d("komimune", "kommune", 1), Some(1));
        assert_eq!(d("kommune", "kommune", 1), Some(0));
        assert_eq!(
            d("hlelefors", "hellefors", 1),
            Some(1),
            "a swap is one edit"
        );
        assert_eq!(d("regionjh", "regional", 1), None);
        assert_eq!(d("regionjh", "regional", 2), Some(2));
        assert_eq!(d("brannstrorn", "brannstrom", 2), Some(2));
        assert_eq!(d("abc", "abcdef", 2), None, "lengths too far apart");
    }

    /// The run-by-run search finds exactly what the regex finds over the whole text.
    #[test]
    fn protected_ranges_match_the_whole_text_regex() {
        let texts = [
            include_str!("../../../fixtures/seeds/000_82b30c070fc9e967.txt"),
            include_str!("../../../fixtures/seeds/002_1fa771a39c220653.txt"),
            include_str!("../../../fixtures/seeds/003_e4d93a5ddafcb967.txt"),
            "Se www.1177 och WWW.x, mail: a.b@c.se.\tLänk:https://x.se/a?b=1 (ftp://f) slut.Nästa",
            "rapport.pdf, Plan.DOCX och index.html; orebro.se/abc. @rsted Sg@gaard a@b",
            "www.\n.se se. :// http:/ x@ @y.com\u{a0}www.a.no\u{2009}b.dk",
            "t.ex. bl.a. kl.10 s.k. x.SE a.sel a.se/b a.b.c.com w.x W.y wiki.docs a.eu",
            "",
        ];
        for t in texts {
            let want: Vec<(usize, usize)> = PROTECTED
                .find_iter(t)
                .map(|m| (m.start(), m.end()))
                .collect();
            assert_eq!(protected_ranges(t), want, "{t:?}");
        }
    }
}
