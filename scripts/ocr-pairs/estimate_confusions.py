#!/usr/bin/env python3
"""Estimate an OCR character confusion model from the dev/ and train/ pairs only.

    python3 scripts/ocr-pairs/estimate_confusions.py [--top 40] [--out fixtures/pairs/confusions.tsv]

1. Token lists (whitespace split) of gold and OCR are aligned with difflib.
   'equal' blocks give identical word pairs; 'replace' blocks with the same
   number of words on both sides give 1:1 differing word pairs. Other blocks
   (split/merged/lost words) are not used for the character model.
2. Each differing word pair is aligned character by character with difflib;
   every non-equal opcode is a substitution gold_substring -> ocr_substring.
   Only those with length 0-2 on each side are counted (longer ones are noise).
3. prob = count / occurrences of the truth string in the gold words of all
   aligned word pairs (equal ones included), so prob ~ P(ocr | truth).
   For insertions (empty truth) the denominator is the number of character
   boundaries (len(word)+1 summed over aligned gold words).
Output: truth<TAB>ocr<TAB>count<TAB>prob, sorted by count, then prob.
test/ pairs are never read here (held out). --splits dev reproduces the estimate from
the dev split alone (the model before the train split existed).
"""
import argparse
import difflib
import sys
from collections import Counter
from pathlib import Path

sys.dont_write_bytecode = True  # keep the repo free of __pycache__
sys.path.insert(0, str(Path(__file__).resolve().parent))
from wer import PAIRS  # noqa: E402

MAX_LEN = 2


def aligned_word_pairs(gold_words, ocr_words):
    sm = difflib.SequenceMatcher(None, gold_words, ocr_words, autojunk=False)
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        if tag == "equal" or (tag == "replace" and i2 - i1 == j2 - j1):
            for k in range(i2 - i1):
                yield gold_words[i1 + k], ocr_words[j1 + k]


def char_subs(g, o):
    sm = difflib.SequenceMatcher(None, g, o, autojunk=False)
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        if tag != "equal":
            yield g[i1:i2], o[j1:j2]


def count_occ(word, s):
    return sum(1 for i in range(len(word) - len(s) + 1) if word.startswith(s, i))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--top", type=int, default=40)
    ap.add_argument("--out", default=str(PAIRS / "confusions.tsv"))
    ap.add_argument("--splits", default="dev,train", help="comma-separated pair splits to read")
    args = ap.parse_args()
    splits = [s for s in args.splits.split(",") if s]
    if {"test", "fresh", "fresh2"} & set(splits):
        sys.exit("the test, fresh and fresh2 splits are held out: they never feed the confusion estimate")

    subs = Counter()
    gold_aligned = []
    n_pairs = n_diff = 0
    for ocr_p in sorted(p for s in splits for p in (PAIRS / s).glob("*.ocr.txt")):
        gold_p = ocr_p.with_name(ocr_p.name.replace(".ocr.txt", ".gold.txt"))
        gw = gold_p.read_text(encoding="utf-8").split()
        ow = ocr_p.read_text(encoding="utf-8").split()
        for g, o in aligned_word_pairs(gw, ow):
            n_pairs += 1
            gold_aligned.append(g)
            if g != o:
                n_diff += 1
                for t, r in char_subs(g, o):
                    if len(t) <= MAX_LEN and len(r) <= MAX_LEN:
                        subs[(t, r)] += 1

    # denominators: occurrences of each truth string in aligned gold words
    truths = {t for t, _ in subs}
    denom = Counter()
    word_freq = Counter(gold_aligned)
    for w, f in word_freq.items():
        for t in truths:
            denom[t] += f * (len(w) + 1 if t == "" else count_occ(w, t))

    rows = sorted(((t, r, c, c / denom[t] if denom[t] else 0.0) for (t, r), c in subs.items()),
                  key=lambda x: (-x[2], -x[3], x[0], x[1]))
    with open(args.out, "w", encoding="utf-8") as f:
        f.write("truth\tocr\tcount\tprob\n")
        for t, r, c, p in rows:
            f.write(f"{t}\t{r}\t{c}\t{p:.4f}\n")
    print(f"{'+'.join(splits)}: {n_pairs} aligned word pairs, {n_diff} differ; {len(rows)} confusions -> {args.out}")
    print("truth\tocr\tcount\tprob")
    for t, r, c, p in rows[: args.top]:
        print(f"{t or '∅'}\t{r or '∅'}\t{c}\t{p:.3f}")


if __name__ == "__main__":
    main()
