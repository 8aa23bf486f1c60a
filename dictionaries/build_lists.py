#!/usr/bin/env python3
"""Build the intermediate word lists for rensa's dictionaries.

Writes dictionaries/build/<lang>.tsv for lang in sv, nb, nn, da (and en, see build_english):
    word<TAB>zipf<TAB>flags
one line per lowercase, NFC-normalised word form, unique, sorted by UTF-8 bytes.

    zipf  = wordfreq Zipf frequency (2 decimals), "0" if wordfreq lacks the word.
            nn uses the nb (Bokmål) frequencies as a proxy (wordfreq has no Nynorsk),
            corrected for the forms in nn/bokmal_equivalents.tsv (see nn_equivalent_zipf).
    flags = bit 0 (1): proper name (given name, surname or place, from names/)
            bit 1 (2): the form was only ever seen capitalised in the curated sources
                       (hunspell / Debian word lists / name lists).
            bit 2 (4): only valid as a non-final compound part ("tjänste", "børne"):
                       hunspell ONLYINCOMPOUND forms with a begin/middle flag and "-" forms,
                       unless the same form is also a stand-alone word.

Sources (see README.md for versions and licenses):
  * hunspell dictionaries (expanded here with a small affix expander, not `unmunch`,
    which leaks compound-only stems and mangles FLAG num dictionaries like da_DK),
  * Debian plain word lists (wswedish, wnorwegian, wdanish),
  * hand-compiled name/place lists in dictionaries/names/ (+ faker locale names if installed),
  * wordfreq words that pass a noise filter (see README.md).

Python 3.11, stdlib + wordfreq (+ optional faker). Run from anywhere.
"""

from __future__ import annotations

import json
import math
import os
import re
import sys
import time
import unicodedata
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
OUT_DIR = os.path.join(HERE, "build")
NAMES_DIR = os.path.join(HERE, "names")
HUNSPELL_DIR = "/usr/share/hunspell"
DICT_DIR = "/usr/share/dict"

LANGS = {
    # lang: hunspell dic basename, Debian plain list, wordfreq language, add wordfreq-only words?
    "sv": dict(hunspell="sv_SE", plain="swedish", wf="sv", wf_words=True),
    "nb": dict(hunspell="nb_NO", plain="bokmaal", wf="nb", wf_words=True),
    # wordfreq has no Nynorsk: nb frequencies are used as a proxy for the zipf column only;
    # nb-only words are NOT added to nn (that would inject Bokmål forms into Nynorsk).
    # Where the proxy is wrong (vart, frå, eg, ikkje ...), the hand-made table of Bokmål
    # equivalents corrects it, see nn_equivalent_zipf.
    "nn": dict(hunspell="nn_NO", plain="nynorsk", wf="nb", wf_words=False,
               equivalents="nn/bokmal_equivalents.tsv"),
    # da_DK's PFX 54 prefixes Nord-/Syd-/Vest-/Øst-/Midt- (and combinations) to every
    # place name: ~185k synthetic forms such as "Nordøstvassingerød". Skipped.
    "da": dict(hunspell="da_DK", plain="danish", wf="da", wf_words=True, skip_affix={"54"}),
}

MAX_LEN = 40
WF_MIN_ZIPF = 3.0
# Zipf given in nn to a Bokmål form marked not-nn in nn/bokmal_equivalents.tsv (a rare
# homograph at most): about once per ten million words.
NOT_NN_ZIPF = 2.0
FOLD = str.maketrans("åäæöøé", "aaaooe")
FOLD_CHARS = set("åäæöøé")
WF_WORD_RE = re.compile(r"^[^\W\d_]+(?:-[^\W\d_]+)*$")
MORPH_RE = re.compile(r"^[a-z]{2}:")


# ---------------------------------------------------------------- helpers

def nfc(s: str) -> str:
    return unicodedata.normalize("NFC", s)


def clean(form: str) -> str | None:
    """Lowercase + NFC + character filter. Returns None if the form is dropped."""
    w = nfc(nfc(form).lower())
    if not w or len(w) > MAX_LEN:
        return None
    for c in w:
        if not (c.isalpha() or c in "-'"):
            return None  # digits, spaces, dots, other punctuation
    # must start with a letter; trailing hyphen = compound-only fragment ("ac-")
    if not w[0].isalpha() or w.endswith("-") or "--" in w:
        return None
    return w


def read_text(path: str, encoding: str | None = None) -> str:
    raw = open(path, "rb").read()
    if encoding:
        return raw.decode(encoding, errors="replace")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("latin-1")


# ---------------------------------------------------------------- hunspell expansion

class Affix:
    __slots__ = ("strip", "add", "cond", "cont")

    def __init__(self, strip, add, cond, cont):
        self.strip, self.add, self.cond, self.cont = strip, add, cond, cont


def cond_regex(cond: str, suffix: bool):
    if cond == ".":
        return None
    out, inbr = [], False
    for c in cond:
        if c == "[":
            inbr = True
            out.append(c)
        elif c == "]":
            inbr = False
            out.append(c)
        elif inbr or c == "." or c == "^":
            out.append(c)
        else:
            out.append(re.escape(c))
    pat = "".join(out)
    return re.compile("(?:" + pat + ")$") if suffix else re.compile("^(?:" + pat + ")")


class Hunspell:
    def __init__(self, base: str, skip_affix=()):
        aff_path = os.path.join(HUNSPELL_DIR, base + ".aff")
        dic_path = os.path.join(HUNSPELL_DIR, base + ".dic")
        raw = open(aff_path, "rb").read()
        m = re.search(rb"^SET\s+(\S+)", raw, re.M)
        enc = m.group(1).decode().upper() if m else "ISO8859-1"
        self.encoding = "utf-8" if enc in ("UTF-8", "UTF8") else "latin-1"
        aff = raw.decode(self.encoding, errors="replace")
        self.flagmode = "char"
        self.sfx: dict[str, list[Affix]] = {}
        self.pfx: dict[str, list[Affix]] = {}
        self.cross: dict[str, bool] = {}
        self.aliases: list[frozenset] = []
        self.compoundrules: list[str] = []
        specials = {}
        lines = aff.splitlines()
        for line in lines:
            parts = line.split()
            if not parts or parts[0].startswith("#"):
                continue
            key = parts[0]
            if key == "FLAG" and len(parts) > 1:
                self.flagmode = parts[1]
            elif key in ("NEEDAFFIX", "ONLYINCOMPOUND", "FORBIDDENWORD", "PSEUDOROOT",
                         "COMPOUNDFLAG", "COMPOUNDBEGIN", "COMPOUNDMIDDLE", "COMPOUNDEND",
                         "COMPOUNDPERMITFLAG") and len(parts) > 1:
                specials[key] = parts[1]
            elif key == "COMPOUNDRULE" and len(parts) > 1 and not parts[1].isdigit():
                self.compoundrules.append(parts[1])
        for line in lines:
            parts = line.split()
            if not parts:
                continue
            if parts[0] == "AF" and len(parts) > 1 and not parts[1].isdigit():
                self.aliases.append(frozenset(self.parse_flags(parts[1])))
            if parts[0] not in ("PFX", "SFX") or len(parts) < 4:
                continue
            kind, flag = parts[0], parts[1]
            if flag in skip_affix:
                continue
            table = self.sfx if kind == "SFX" else self.pfx
            if flag not in self.cross:  # first line of a block is the header
                self.cross[flag] = parts[2] == "Y"
                table.setdefault(flag, [])
                continue
            strip = "" if parts[2] == "0" else parts[2]
            add = parts[3]
            cont = frozenset()
            if "/" in add:
                add, c = add.split("/", 1)
                cont = self.resolve_flags(c)
            if add == "0":
                add = ""
            cond = parts[4] if len(parts) > 4 else "."
            table.setdefault(flag, []).append(Affix(strip, add, cond_regex(cond, kind == "SFX"), cont))
        self.needaffix = specials.get("NEEDAFFIX") or specials.get("PSEUDOROOT")
        self.onlyincompound = specials.get("ONLYINCOMPOUND")
        self.forbidden = specials.get("FORBIDDENWORD")
        self.compound_specials = {k: v for k, v in specials.items() if k.startswith("COMPOUND")}
        # Flags that let a form stand before the last part of a compound: COMPOUNDFLAG,
        # COMPOUNDBEGIN, COMPOUNDMIDDLE, and every COMPOUNDRULE flag that is followed by
        # another element somewhere in a rule (sv: "1*-3U*Y" -> 1, -, 3, U; not Y).
        self.nonfinal = {specials[k] for k in ("COMPOUNDFLAG", "COMPOUNDBEGIN", "COMPOUNDMIDDLE")
                         if k in specials}
        self.rule_nonfinal: set[str] = set()
        self.rule_final: set[str] = set()
        for rule in self.compoundrules:
            toks = self.parse_rule(rule)
            for i, (fl, _q) in enumerate(toks):
                if i < len(toks) - 1 or _q == "*":
                    self.rule_nonfinal.add(fl)
                if all(q in "*?" for _f, q in toks[i + 1:]):
                    self.rule_final.add(fl)
        self.nonfinal |= self.rule_nonfinal
        self.dic_path = dic_path
        self.cpd_stats = Counter()

    def parse_rule(self, rule: str):
        """COMPOUNDRULE -> [(flag, quantifier)]; char flags, or "(flag)" for long/num flags."""
        toks, i = [], 0
        while i < len(rule):
            if rule[i] == "(":
                j = rule.index(")", i)
                fl, i = rule[i + 1:j], j + 1
            else:
                fl, i = rule[i], i + 1
            q = ""
            if i < len(rule) and rule[i] in "*?":
                q, i = rule[i], i + 1
            toks.append((fl, q))
        return toks

    def compound_only(self, cont, eff) -> bool:
        """A form blocked as a stand-alone word (cont = the flags that block it) is still a
        non-final compound part if the block is ONLYINCOMPOUND (not NEEDAFFIX) and its
        effective flags (stem flags + affix continuation flags, as hunspell tests either)
        let it stand before the last part."""
        if self.needaffix in cont or self.onlyincompound not in cont:
            return False
        if self.nonfinal.intersection(eff):
            return True
        self.cpd_stats["onlyincompound-final-only"] += 1
        return False

    def parse_flags(self, s: str) -> list[str]:
        if self.flagmode == "num":
            return [f for f in s.split(",") if f]
        if self.flagmode == "long":
            return [s[i:i + 2] for i in range(0, len(s), 2)]
        return list(s)

    def resolve_flags(self, s: str) -> frozenset:
        if self.aliases and s.isdigit():
            i = int(s)
            if 1 <= i <= len(self.aliases):
                return self.aliases[i - 1]
        return frozenset(self.parse_flags(s))

    def blocked(self, flags) -> bool:
        """A form carrying these flags is not a stand-alone word."""
        return (self.needaffix in flags) or (self.onlyincompound in flags)

    def apply_sfx(self, word, rule):
        if rule.strip and not word.endswith(rule.strip):
            return None
        if rule.cond is not None and not rule.cond.search(word):
            return None
        return word[: len(word) - len(rule.strip)] + rule.add

    def apply_pfx(self, word, rule, cond_word=None):
        if rule.strip and not word.startswith(rule.strip):
            return None
        if rule.cond is not None and not rule.cond.search(cond_word or word):
            return None
        return rule.add + word[len(rule.strip):]

    def expand(self, stem: str, flags: frozenset):
        """Yield (form, kind) for one dictionary entry: kind "w" = stand-alone word form,
        kind "c" = form hunspell allows only inside compounds, before the last part."""
        if not self.blocked(flags):
            yield stem, "w"
        elif self.compound_only(flags, flags):
            yield stem, "c"
        sfx_forms = []  # (form, cross-product allowed)
        for f in flags:
            rules = self.sfx.get(f)
            if not rules:
                continue
            cross = self.cross.get(f, False)
            for r in rules:
                w1 = self.apply_sfx(stem, r)
                if w1 is None:
                    continue
                if not self.blocked(r.cont):
                    yield w1, "w"
                    sfx_forms.append((w1, cross))
                elif self.compound_only(r.cont, flags | r.cont):
                    yield w1, "c"
                # twofold suffixes: continuation classes of the first suffix
                for f2 in r.cont:
                    rules2 = self.sfx.get(f2)
                    if not rules2:
                        continue
                    for r2 in rules2:
                        w2 = self.apply_sfx(w1, r2)
                        if w2 is None:
                            continue
                        if not self.blocked(r2.cont):
                            yield w2, "w"
                        elif self.compound_only(r2.cont, flags | r.cont | r2.cont):
                            yield w2, "c"
        for f in flags:
            rules = self.pfx.get(f)
            if not rules:
                continue
            cross = self.cross.get(f, False)
            for r in rules:
                w1 = self.apply_pfx(stem, r)
                if w1 is None:
                    continue
                if not self.blocked(r.cont):
                    yield w1, "w"
                elif self.compound_only(r.cont, flags | r.cont):
                    yield w1, "c"
                if cross:
                    for sw, scross in sfx_forms:
                        if scross:
                            w2 = self.apply_pfx(sw, r, cond_word=stem)
                            if w2 is not None:
                                yield w2, "w"

    def words(self):
        """Return (forms, compound_forms, forbidden_forms), surface forms with original case.

        compound_forms: forms valid only as a non-final compound part (ONLYINCOMPOUND forms
        with a begin/middle/rule flag), plus every generated form ending in one "-"
        ("tjänste-", "børne-"), with the hyphen stripped. May overlap `forms`; the caller
        decides (a form that is also a stand-alone word is not compound-only)."""
        text = read_text(self.dic_path, self.encoding)
        forms: set[str] = set()
        cforms: set[str] = set()
        forbidden: set[str] = set()
        it = iter(text.splitlines())
        next(it, None)  # first line is the entry count
        for line in it:
            field = line.split("\t", 1)[0].strip()
            if not field:
                continue
            toks = field.split(" ")
            while len(toks) > 1 and MORPH_RE.match(toks[-1]):
                toks.pop()
            field = " ".join(toks)
            m = re.match(r"((?:\\.|[^/])*)(?:/(.*))?$", field)
            stem = m.group(1).replace("\\/", "/")
            flags = self.resolve_flags(m.group(2)) if m.group(2) else frozenset()
            if self.forbidden and self.forbidden in flags:
                forbidden.update(w for w, _k in self.expand(stem, flags - {self.forbidden}))
                continue
            for w, kind in self.expand(stem, flags):
                (forms if kind == "w" else cforms).add(w)
        self.cpd_stats["onlyincompound-forms"] = len(cforms)
        for w in list(forms) + list(cforms):
            if w.endswith("-") and not w.endswith("--") and len(w) > 1:
                self.cpd_stats["hyphen-forms"] += 1
                cforms.add(w[:-1])
        return forms, cforms, forbidden


# ---------------------------------------------------------------- names

def read_name_file(path):
    out = []
    for line in open(path, encoding="utf-8"):
        line = line.strip()
        if line and not line.startswith("#"):
            out.append(nfc(line))
    return out


def faker_names():
    """Given names and surnames from faker's sv_SE, da_DK and no_NO person providers (MIT)."""
    try:
        import importlib
        names = set()
        for loc in ("sv_SE", "da_DK", "no_NO"):
            P = importlib.import_module(f"faker.providers.person.{loc}").Provider
            for attr in ("first_names_male", "first_names_female", "first_names", "last_names"):
                v = getattr(P, attr, None)
                if v:
                    names.update(nfc(str(x)) for x in v)
        import faker
        return sorted(names), getattr(faker, "VERSION", "?")
    except Exception as e:  # optional source
        print(f"  faker not available ({e}); skipping", file=sys.stderr)
        return [], None


def load_names():
    """Return {name_string: source_file} of all hand-listed names (original case)."""
    names = {}
    for fn in sorted(os.listdir(NAMES_DIR)):
        if fn.endswith(".txt"):
            for n in read_name_file(os.path.join(NAMES_DIR, fn)):
                names.setdefault(n, fn)
    fk, fver = faker_names()
    for n in fk:
        names.setdefault(n, "faker")
    return names, fver


# ---------------------------------------------------------------- wordfreq

def wordfreq_dict(lang: str):
    import wordfreq
    avail = wordfreq.available_languages("best")
    path = str(avail.get(lang, ""))
    # guard against wordfreq's silent "nearest language" fallback (e.g. large da -> nb)
    if not re.search(rf"_{lang}\.msgpack", path):
        raise SystemExit(f"wordfreq has no real list for {lang!r} (got {path!r})")
    freqs = wordfreq.get_frequency_dict(lang, wordlist="best")
    out = {}
    for w, f in freqs.items():
        if f <= 0:
            continue
        z = round(math.log10(f) + 9, 2)
        w = nfc(w)
        if z > out.get(w, -1):
            out[w] = z
    return out, os.path.basename(path)


# ---------------------------------------------------------------- Nynorsk frequencies

def load_equivalents(path):
    """nn/bokmal_equivalents.tsv -> ({nynorsk: [bokmål, ...]}, {bokmål forms marked not-nn}).

    Lines: nynorsk<TAB>bokmål[<TAB>not-nn]; `#` starts a comment line. Aborts on a malformed
    line, a duplicate pair, or a form marked not-nn that the table also lists as Nynorsk."""
    equiv: dict[str, list[str]] = {}
    not_nn: set[str] = set()
    for i, line in enumerate(open(path, encoding="utf-8"), 1):
        line = line.rstrip("\n")
        if not line.strip() or line.startswith("#"):
            continue
        f = line.split("\t")
        ok = len(f) in (2, 3) and all(x and x == nfc(x).lower() and x.strip() == x for x in f)
        if not ok or (len(f) == 3 and f[2] != "not-nn") or f[0] == f[1]:
            raise SystemExit(f"{path}:{i}: expected nynorsk<TAB>bokmål[<TAB>not-nn]: {line!r}")
        if f[1] in equiv.get(f[0], []):
            raise SystemExit(f"{path}:{i}: duplicate pair {f[0]} {f[1]}")
        equiv.setdefault(f[0], []).append(f[1])
        if len(f) == 3:
            not_nn.add(f[1])
    both = not_nn & set(equiv)
    if both:
        raise SystemExit(f"{path}: marked not-nn but listed as Nynorsk: {sorted(both)}")
    return equiv, not_nn


def nn_equivalent_zipf(path, entries, proxy, nb_zipf):
    """Corrected Zipf values for the nn list, from the hand-made table of Bokmål equivalents.

    `proxy` is the Zipf the nn list would otherwise carry (the Bokmål one), `nb_zipf` the Bokmål
    frequencies. Only forms already in `entries` change; nothing is added or removed.
      * a Nynorsk form of the table gets max(proxy, largest nb Zipf of its Bokmål equivalents):
        Nynorsk `vart` is about as frequent in Nynorsk text as its translation `ble` is in
        Bokmål text (6.55), not as the rare Bokmål word `vart` (3.70);
      * a Bokmål form marked not-nn gets min(proxy, NOT_NN_ZIPF): `gjør`, `ble`, `hun` are in the
        nn sources (as stems or rare homographs) but not in their Bokmål role.
    Returns ({form: zipf}, stats)."""
    equiv, not_nn = load_equivalents(path)
    adj: dict[str, float] = {}
    raised, kept, missing, demoted, not_nn_absent, no_nb = [], [], [], [], [], []
    for w, bms in sorted(equiv.items()):
        for b in bms:
            if b not in nb_zipf:
                no_nb.append(b)
        if w not in entries:
            missing.append(w)
            continue
        p = proxy.get(w, 0.0)
        z = max([p] + [nb_zipf.get(b, 0.0) for b in bms])
        if z > p:
            adj[w] = z
            raised.append(f"{w} {p:.2f}->{z:.2f}")
        else:
            kept.append(f"{w} {p:.2f}")
    for b in sorted(not_nn):
        if b not in entries:
            not_nn_absent.append(b)
            continue
        p = proxy.get(b, 0.0)
        if p > NOT_NN_ZIPF:
            adj[b] = NOT_NN_ZIPF
            demoted.append(f"{b} {p:.2f}->{NOT_NN_ZIPF:.2f}")
    st = {
        "table": os.path.relpath(path, HERE),
        "pairs": sum(len(v) for v in equiv.values()),
        "nynorsk_forms": len(equiv),
        "not_nn_forms": len(not_nn),
        "raised": raised,
        "already_higher": kept,
        "nynorsk_forms_not_in_nn_list": missing,
        "demoted": demoted,
        "not_nn_forms_not_in_nn_list": len(not_nn_absent),
        "bokmal_forms_without_nb_zipf": no_nb,
    }
    return adj, st


# ---------------------------------------------------------------- main

def build(lang, cfg, names, wf_cache, stats):
    t0 = time.time()
    entries: dict[str, list] = {}  # word -> [seen_lowercase, is_name, compound_only]
    src_sets: dict[str, set] = {}

    def add(form, source, is_name=False, compound_only=False):
        w = clean(form)
        if w is None:
            return None
        e = entries.get(w)
        if e is None:
            e = entries[w] = [False, False, compound_only]
        elif not compound_only:
            e[2] = False  # also a stand-alone word
        if form == form.lower():
            e[0] = True
        if is_name:
            e[1] = True
        src_sets.setdefault(source, set()).add(w)
        return w

    hs = Hunspell(cfg["hunspell"], cfg.get("skip_affix", ()))
    forms, cforms, forbidden = hs.words()
    forbidden_l = {clean(f) for f in forbidden} - {None}
    raw_forms = len(forms)
    for f in forms:
        if f not in forbidden:
            add(f, "hunspell")

    plain_path = os.path.join(DICT_DIR, cfg["plain"])
    for line in read_text(plain_path).splitlines():
        line = line.strip()
        if line:
            add(nfc(line), "plain")

    # names: single-word names always get the name bit; components of multi-word
    # names ("Upplands Väsby", "Nordre Land") only if the component is not already
    # an ordinary lowercase word ("lilla", "nordre" stay plain words).
    for n in names:
        parts = re.split(r"[ ]+", n)
        if len(parts) == 1:
            add(n, "names", is_name=True)
        else:
            for p in parts:
                w = clean(p)
                if w and not (w in entries and entries[w][0] and not entries[w][1]):
                    add(p, "names", is_name=True)

    # compound-only pieces ("tjänste", "børne"): flag 4 unless some curated source above
    # (hunspell stand-alone forms, Debian list, names) has the same form as a word.
    cpd_dropped = Counter()
    for f in sorted(cforms):
        w = clean(f)
        if w is None:
            cpd_dropped["character-filter"] += 1
        elif f in forbidden or w in forbidden_l:
            cpd_dropped["hunspell-forbidden"] += 1
        elif w in entries and not entries[w][2]:
            cpd_dropped["also-stand-alone"] += 1
        else:
            add(f, "hunspell-compound", compound_only=True)

    wf_lang = cfg["wf"]
    if wf_lang not in wf_cache:
        wf_cache[wf_lang] = wordfreq_dict(wf_lang)
    zipf, wf_file = wf_cache[wf_lang]

    if "en" not in wf_cache:
        wf_cache["en"] = wordfreq_dict("en")
    english = wf_cache["en"][0]
    zipf_adj, eq_stats = {}, None
    if cfg.get("equivalents"):
        if "nb" not in wf_cache:
            wf_cache["nb"] = wordfreq_dict("nb")
        zipf_adj, eq_stats = nn_equivalent_zipf(
            os.path.join(HERE, cfg["equivalents"]), entries, zipf, wf_cache["nb"][0])
    curated = set(entries)
    dropped = Counter()
    drop_examples: dict[str, list] = {}
    kept_wf = []
    if cfg["wf_words"]:
        folds = {w.translate(FOLD) for w in curated if FOLD_CHARS.intersection(w)}
        for w, z in sorted(zipf.items(), key=lambda kv: -kv[1]):
            if w in curated:
                continue
            if z < WF_MIN_ZIPF:
                reason = "zipf<3"
            elif len(w) < 2 or len(w) > MAX_LEN:
                reason = "length"
            elif not WF_WORD_RE.match(w):
                reason = "not-alphabetic"
            elif w.translate(FOLD) in folds:
                reason = "diacritic-fold-collision"
            elif "aa" in w and w.replace("aa", "å") in curated:
                reason = "aa-for-å"  # old/ASCII spelling, e.g. Danish "paa" for "på"
            elif w in forbidden_l:
                reason = "hunspell-forbidden"
            elif english.get(w, 0) >= z:
                reason = "english"
            else:
                kept_wf.append((w, z))
                add(w, "wordfreq")
                continue
            dropped[reason] += 1
            ex = drop_examples.setdefault(reason, [])
            if len(ex) < 10:
                ex.append(f"{w} {z}")

    os.makedirs(OUT_DIR, exist_ok=True)
    out_path = os.path.join(OUT_DIR, f"{lang}.tsv")
    keys = sorted(entries, key=lambda w: w.encode("utf-8"))
    flag_counts = Counter()
    with_zipf = 0
    with open(out_path, "w", encoding="utf-8", newline="\n") as fh:
        for w in keys:
            seen_lower, is_name, cpd_only = entries[w]
            flags = (1 if is_name else 0) | (0 if seen_lower else 2) | (4 if cpd_only else 0)
            flag_counts[flags] += 1
            z = zipf_adj.get(w, zipf.get(w))
            if z is not None and z > 0:
                with_zipf += 1
                zs = f"{z:.2f}"
            else:
                zs = "0"
            fh.write(f"{w}\t{zs}\t{flags}\n")

    st = {
        "lines": len(keys),
        "with_zipf": with_zipf,
        "flags": {str(k): v for k, v in sorted(flag_counts.items())},
        "hunspell_raw_forms": raw_forms,
        "hunspell_forbidden_forms": len(forbidden),
        "by_source": {s: len(v) for s, v in src_sets.items()},
        "only_from_source": {},
        "wordfreq_file": wf_file,
        "wordfreq_only_kept": len(kept_wf),
        "wordfreq_only_kept_examples": [f"{w} {z}" for w, z in kept_wf[:10]],
        "wordfreq_dropped": dict(dropped),
        "wordfreq_dropped_total": sum(dropped.values()),
        "wordfreq_dropped_examples": drop_examples,
        "seconds": round(time.time() - t0, 1),
    }
    cpd = [w for w in keys if entries[w][2]]
    by_z = sorted(cpd, key=lambda w: -zipf.get(w, 0))
    st["compound_only"] = {
        "flag4": len(cpd),
        "hunspell_compound_directives": hs.compound_specials,
        "hunspell_onlyincompound_flag": hs.onlyincompound,
        "compoundrule_nonfinal_flags": "".join(sorted(hs.rule_nonfinal)),
        "expander": dict(hs.cpd_stats),
        "not_flagged": dict(cpd_dropped),
        "examples_by_zipf": [f"{w} {zipf.get(w, 0)}" for w in by_z[:20]],
        "examples_spread": cpd[:: max(1, len(cpd) // 20)][:20],
    }
    for s, v in src_sets.items():
        others = set().union(*(o for k, o in src_sets.items() if k != s))
        st["only_from_source"][s] = len(v - others)
    if eq_stats:
        st["bokmal_equivalents"] = eq_stats
    stats[lang] = st
    print(f"[{lang}] {len(keys)} lines -> {out_path} ({st['seconds']}s)")
    print(f"   by source: {st['by_source']}  only from: {st['only_from_source']}")
    print(f"   wordfreq-only kept {len(kept_wf)}: {', '.join(st['wordfreq_only_kept_examples'])}")
    print(f"   wordfreq dropped {st['wordfreq_dropped_total']}: {dict(dropped)}")
    c = st["compound_only"]
    print(f"   compound-only (flag 4): {c['flag4']}  expander {c['expander']}  not flagged {c['not_flagged']}")
    print(f"     by zipf: {', '.join(c['examples_by_zipf'])}")
    print(f"     spread: {', '.join(c['examples_spread'])}")
    for r, ex in drop_examples.items():
        print(f"     {r}: {', '.join(ex)}")
    if eq_stats:
        e = eq_stats
        print(f"   {e['table']}: {e['pairs']} pairs, {e['nynorsk_forms']} Nynorsk forms, "
              f"{len(e['raised'])} raised, {len(e['already_higher'])} already higher, "
              f"{len(e['demoted'])} not-nn forms demoted")
        print(f"     raised: {', '.join(e['raised'])}")
        print(f"     already higher: {', '.join(e['already_higher'])}")
        print(f"     demoted: {', '.join(e['demoted'])}")
        print(f"     Nynorsk forms not in the nn list (left out): "
              f"{', '.join(e['nynorsk_forms_not_in_nn_list']) or '-'}")
        if e["bokmal_forms_without_nb_zipf"]:
            print(f"     Bokmål forms wordfreq lacks: {', '.join(e['bokmal_forms_without_nb_zipf'])}")
    return out_path


def build_english(nordic_paths, stats):
    """build/en.tsv: common English words (wordfreq 'en', zipf >= 3) that are not a form in any
    Nordic list, so that rensa leaves them alone ("workshop", "playmaker", "drop")."""
    import wordfreq
    t0 = time.time()
    nordic = {}
    for p in nordic_paths.values():
        for line in open(p, encoding="utf-8"):
            w, z = line.split("\t", 2)[:2]
            nordic[w] = max(nordic.get(w, 0.0), float(z))
    folds = {}
    for w in nordic:
        if FOLD_CHARS.intersection(w):
            folds.setdefault(w.translate(FOLD), set()).add(w)
    out, dropped, plain = {}, Counter(), set()
    for raw in wordfreq.iter_wordlist("en"):
        z = wordfreq.zipf_frequency(raw, "en")
        if z < WF_MIN_ZIPF:
            break  # iter_wordlist is in descending frequency order
        if "'" in raw or "\u2019" in raw:
            dropped["apostrophe"] += 1
            continue
        w = nfc(raw).lower()
        if not w.isalpha():
            dropped["not-alphabetic"] += 1
        elif len(w) < 2:
            dropped["length"] += 1
        elif w in nordic:
            dropped["nordic-form"] += 1
        elif w not in out or z > out[w]:
            out[w] = z
        if w == raw.lower():
            plain.add(w)
    via_apos = [w for w in sorted(out, key=lambda w: -out[w]) if w not in plain]
    keys = sorted(out, key=lambda w: w.encode("utf-8"))
    # English words that are the accent-stripped spelling of a common Nordic word ("pa"/"på",
    # "fran"/"från", "bat"/"båt", Nordic Zipf >= 3) are dropped: in a Nordic document they are
    # far likelier to be damage than English. Collisions with rare Nordic forms ("also"/"alsø")
    # stay English. All collisions are listed in en_fold_collisions.tsv.
    coll = sorted((w for w in keys if w in folds), key=lambda w: -out[w])
    common_coll = {w for w in coll if max(nordic[x] for x in folds[w]) >= 3.0}
    keys = [w for w in keys if w not in common_coll]
    stats.setdefault("en_dropped_common_collisions", sorted(common_coll)[:40])
    path = os.path.join(OUT_DIR, "en.tsv")
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        for w in keys:
            fh.write(f"{w}\t{out[w]:.2f}\t0\n")

    with open(os.path.join(OUT_DIR, "en_fold_collisions.tsv"), "w", encoding="utf-8") as fh:
        for w in coll:
            fh.write(f"{w}\t{out[w]:.2f}\t{','.join(sorted(folds[w]))}\n")
    stats["en"] = {
        "lines": len(keys),
        "dropped": dict(dropped),
        "from_apostrophe_words": len(via_apos),
        "from_apostrophe_examples": via_apos[:20],
        "non_ascii": sum(1 for w in keys if not w.isascii()),
        "fold_collisions": len(coll),
        "fold_collision_examples": [f"{w}->{'/'.join(sorted(folds[w]))}" for w in coll[:30]],
        "seconds": round(time.time() - t0, 1),
    }
    st = stats["en"]
    print(f"[en] {len(keys)} lines -> {path} ({st['seconds']}s) dropped {dict(dropped)}")
    print(f"   via apostrophe removal {len(via_apos)}: {', '.join(via_apos[:20])}")
    print(f"   fold collisions with Nordic å/ä/ö/æ/ø words {len(coll)}: "
          f"{', '.join(st['fold_collision_examples'])}")
    return path


def load_tsv(path):
    d = {}
    for line in open(path, encoding="utf-8"):
        w, z, f = line.rstrip("\n").split("\t")
        d[w] = (float(z), int(f))
    return d


def check(paths):
    ok = True

    def more_frequent(lang, pairs):
        """(a, b): a is listed, and more frequent than b if b is listed at all."""
        nonlocal ok
        d = load_tsv(paths[lang])
        for a, b in pairs:
            if a not in d or (b in d and d[a][0] <= d[b][0]):
                print(f"CHECK FAIL [{lang}] {a!r} {d.get(a)} should be more frequent than "
                      f"{b!r} {d.get(b)}")
                ok = False

    def expect(lang, present=(), absent=(), name=(), cpd=(), not_cpd=()):
        nonlocal ok
        d = load_tsv(paths[lang])
        for w in cpd:
            if w not in d or not d[w][1] & 4:
                print(f"CHECK FAIL [{lang}] {w!r} should carry compound-only flag 4: {d.get(w)}")
                ok = False
        for w in not_cpd:
            if w not in d or d[w][1] & 4:
                print(f"CHECK FAIL [{lang}] {w!r} should be a stand-alone word: {d.get(w)}")
                ok = False
        for w in present:
            if w not in d:
                print(f"CHECK FAIL [{lang}] missing {w!r}")
                ok = False
        for w in absent:
            if w in d:
                print(f"CHECK FAIL [{lang}] unexpected {w!r} {d[w]}")
                ok = False
        for w in name:
            if w not in d or not d[w][1] & 1:
                print(f"CHECK FAIL [{lang}] {w!r} should carry name flag: {d.get(w)}")
                ok = False

    expect("sv",
           present=["möte", "från", "förvaltningarna", "samverkan", "kommunfullmäktige",
                    "överenskommelsen", "är", "för", "på", "örebro"],
           absent=["fran", "mote", "forvaltningarna"], name=["örebro", "åsa", "söderberg"],
           cpd=["tjänste", "kvinno", "gatu"],
           not_cpd=["förvaltnings", "kommun", "möte", "från", "är", "för", "på", "örebro"])
    expect("da", present=["fælles", "holbæk", "gentænke", "kommune"], name=["holbæk", "søren"],
           cpd=["børne", "barne"], not_cpd=["kommune", "forvaltnings"])
    if "en" in paths:
        expect("en", present=["space", "would", "because", "which"],
               absent=["for", "man", "bra", "mode", "och", "på", "workshop", "drop"])
        # every English example is covered by en or (as a loanword) by a Nordic list
        lists = [load_tsv(p) for p in paths.values()]
        for w in ("workshop", "playmaker", "drop", "in", "open", "space"):
            if not any(w in d for d in lists):
                print(f"CHECK FAIL {w!r} in no list")
                ok = False
    expect("nb", present=["møte", "første", "støtte"], name=["bjørn"])
    expect("nn", present=["møte", "ikkje", "vart", "vårt", "frå", "gjer", "eg", "ho", "dei"])
    # Nynorsk frequencies corrected by nn/bokmal_equivalents.tsv (Bokmål proxy: vart 3.70 <
    # vårt 5.36, gjer 2.80 < gjør 6.32, ikkje 3.94 < ikke 7.14); nb itself is untouched.
    more_frequent("nn", [("vart", "vårt"), ("gjer", "gjør"), ("ikkje", "ikke"), ("eg", "jeg"),
                         ("frå", "fra"), ("frå", "frø"), ("førre", "færre")])
    more_frequent("nb", [("vårt", "vart"), ("gjør", "gjer"), ("ikke", "ikkje")])
    # format checks
    for lang, p in paths.items():
        prev = b""
        for i, line in enumerate(open(p, "rb")):
            w = line.split(b"\t", 1)[0]
            if w <= prev:
                print(f"CHECK FAIL [{lang}] not sorted/unique at line {i}: {w!r}")
                ok = False
                break
            prev = w
    print("checks:", "OK" if ok else "FAILED")
    return ok


def main():
    t0 = time.time()
    names, faker_version = load_names()
    print(f"names: {len(names)} entries (faker {faker_version})")
    stats = {"names_total": len(names), "faker_version": faker_version,
             "names_by_file": dict(Counter(names.values()))}
    wf_cache = {}
    paths = {}
    for lang, cfg in LANGS.items():
        paths[lang] = build(lang, cfg, names, wf_cache, stats)
    paths["en"] = build_english(dict(paths), stats)
    try:
        import wordfreq
        from importlib.metadata import version
        stats["wordfreq_version"] = version("wordfreq")
    except Exception:
        pass
    with open(os.path.join(OUT_DIR, "stats.json"), "w", encoding="utf-8") as fh:
        json.dump(stats, fh, ensure_ascii=False, indent=1)
    ok = check(paths)
    print(f"total {time.time() - t0:.1f}s")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
