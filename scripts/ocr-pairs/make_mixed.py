#!/usr/bin/env python3
"""Builds fixtures/pairs/mixed/: documents in two languages, from the dev and test pairs.

An archive's documents mix languages (a Norwegian invitation with a Swedish programme, a Danish
council's minutes quoting a Swedish partner), and restore must read each part with its own
words: the pipeline splits a document into language regions (`language_regions`) and restores
each with its language's lists. Nothing measured that. Each mixed pair here is one dev or test
document followed by one of another language (same variant: clean render or noisy), OCR text
after OCR text and truth after truth, joined by a blank line. The OCR damage of each part is
Tesseract's own (`make_pairs.py`); only the joining is new.

    python3 scripts/ocr-pairs/make_mixed.py            # writes fixtures/pairs/mixed/
    python3 scripts/ocr-pairs/make_mixed.py --parts DIR  # the same parts as separate pairs

`--parts DIR` writes each mixed pair's two halves as separate pairs (`<name>.a`, `<name>.b`),
so `rensa eval --pairs DIR` gives what the same text scores when no document mixes languages:
the difference is the cost of mixing.

Only dev and test pairs are used, never fresh or fresh2 (held out) nor train (its documents
are many; these 23 are enough for a first measure). Deterministic: sorted names, no randomness.
"""
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PAIRS = ROOT / "fixtures" / "pairs"
SPLITS = ("dev", "test")


def documents():
    """(lang, split, stem without variant, {variant: (ocr, gold)}) per document, sorted."""
    docs = {}
    for split in SPLITS:
        for ocr in sorted((PAIRS / split).glob("*.ocr.txt")):
            name = ocr.name[: -len(".ocr.txt")]
            for variant in ("eng-noisy", "eng"):
                if name.endswith("-" + variant):
                    stem = name[: -len(variant) - 1]
                    break
            else:
                raise SystemExit(f"{ocr}: no variant in its name")
            gold = ocr.with_name(name + ".gold.txt")
            key = (stem[:2], split, stem)
            docs.setdefault(key, {})[variant] = (ocr, gold)
    return [(lang, split, stem, v) for (lang, split, stem), v in sorted(docs.items())]


def mixes():
    """Each document followed by the next document (in sorted order, cyclically) of another
    language: (name, [(ocr, gold), (ocr, gold)]) per variant."""
    docs = documents()
    out = []
    for i, (lang, _, stem, variants) in enumerate(docs):
        for k in range(1, len(docs)):
            lang_b, _, stem_b, variants_b = docs[(i + k) % len(docs)]
            if lang_b != lang:
                break
        else:
            raise SystemExit("the dev and test pairs hold one language only")
        for variant in sorted(variants):
            if variant not in variants_b:
                continue
            name = f"mix-{lang}+{lang_b}-{stem[3:]}+{stem_b[3:]}-{variant}"
            out.append((name, [variants[variant], variants_b[variant]]))
    return out


def read(p):
    return p.read_text(encoding="utf-8").rstrip("\n")


def main():
    args = sys.argv[1:]
    parts = None
    if args[:1] == ["--parts"] and len(args) == 2:
        parts = Path(args[1])
    elif args:
        raise SystemExit(__doc__)
    target = parts or PAIRS / "mixed"
    target.mkdir(parents=True, exist_ok=True)
    if parts is None:
        for old in target.glob("*.txt"):
            old.unlink()
    for name, halves in mixes():
        if parts is not None:
            for tag, (ocr, gold) in zip("ab", halves):
                (target / f"{name}.{tag}.ocr.txt").write_text(read(ocr) + "\n", encoding="utf-8")
                (target / f"{name}.{tag}.gold.txt").write_text(read(gold) + "\n", encoding="utf-8")
            continue
        ocr = "\n\n".join(read(o) for o, _ in halves) + "\n"
        gold = "\n\n".join(read(g) for _, g in halves) + "\n"
        (target / f"{name}.ocr.txt").write_text(ocr, encoding="utf-8")
        (target / f"{name}.gold.txt").write_text(gold, encoding="utf-8")
    print(f"{len(mixes())} mixed pairs -> {os.path.relpath(target, ROOT)}")


if __name__ == "__main__":
    main()
