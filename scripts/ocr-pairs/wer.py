#!/usr/bin/env python3
"""Word error rate of OCR/gold pairs: word-level Levenshtein distance / gold words.

    python3 scripts/ocr-pairs/wer.py                 # per split, variant and language
    python3 scripts/ocr-pairs/wer.py a.ocr.txt ...   # given pairs (gold = same stem .gold.txt)
Tokens are whitespace-separated and compared exactly (case and punctuation count).
"""
import sys
from collections import defaultdict
from pathlib import Path

PAIRS = Path(__file__).resolve().parents[2] / "fixtures" / "pairs"


def edit_distance(a, b):
    """Levenshtein distance between two sequences (unit costs)."""
    if len(a) < len(b):
        a, b = b, a
    prev = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        cur = [i]
        for j, y in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x != y)))
        prev = cur
    return prev[-1]


def pair_counts(ocr_path):
    ocr_path = Path(ocr_path)
    gold_path = ocr_path.with_name(ocr_path.name.replace(".ocr.txt", ".gold.txt"))
    g = gold_path.read_text(encoding="utf-8").split()
    o = ocr_path.read_text(encoding="utf-8").split()
    return edit_distance(g, o), len(g)


def wer_table():
    """{(split, variant, lang): (errors, gold_words)} for dev/ and test/."""
    acc = defaultdict(lambda: [0, 0])
    for split in ("dev", "test"):
        for p in sorted((PAIRS / split).glob("*.ocr.txt")):
            stem = p.name[: -len(".ocr.txt")]
            lang = stem.split("-", 1)[0]
            variant = "eng-noisy" if stem.endswith("-eng-noisy") else "eng"
            e, n = pair_counts(p)
            for key in [(split, variant, lang), (split, variant, "all"), (split, "all", "all")]:
                acc[key][0] += e
                acc[key][1] += n
    return acc


def main():
    if len(sys.argv) > 1:
        for f in sys.argv[1:]:
            e, n = pair_counts(f)
            print(f"{f}\t{e}/{n}\tWER {e / n:.3f}")
        return
    acc = wer_table()
    print("split\tvariant\tlang\terrors\tgold_words\tWER")
    for key in sorted(acc):
        e, n = acc[key]
        print(f"{key[0]}\t{key[1]}\t{key[2]}\t{e}\t{n}\t{e / n:.3f}")
    seed = PAIRS / "seed" / "seed004.ocr.txt"
    if seed.exists():
        e, n = pair_counts(seed)
        print(f"seed\treal\tsv\t{e}\t{n}\t{e / n:.3f}")


if __name__ == "__main__":
    main()
