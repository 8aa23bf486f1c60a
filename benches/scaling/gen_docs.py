#!/usr/bin/env python3
"""Generate N synthetic municipal documents (2-6 KB each) for the scaling benchmark.

Deterministic: the same --seed, --count and fixtures give the same bytes, on any machine.

    python3 benches/scaling/gen_docs.py OUT_DIR --count 10000 [--seed 1]

Every document is built from lines of the committed fixtures, `fixtures/pairs/test/*.ocr.txt`
(real tesseract damage, 26 files in da/nb/nn/sv) and `fixtures/seeds/*.txt` (5 real documents):

  * a size is drawn uniformly from [2048, 6144] bytes;
  * one "main" source file is drawn, and the document is filled with runs of 2-12 consecutive
    lines: 3 runs in 4 from the main file, the others from another file of the same language,
    so a document stays (mostly) in one language and keeps local structure (headings, dates,
    agenda items) while no two documents are the same;
  * in about one run in four, every digit is mapped through a random digit permutation (dates,
    times, item numbers change), so per-thread caches do not see the same tokens only;
  * lines are added until the next one would pass the size; the document ends with a newline.

Files are written as OUT_DIR/dNNN/NNNNNN.txt, 1,000 per directory, so `rensa run OUT_DIR` walks
them in number order. Prints the number of documents and bytes written.
"""

import argparse
import random
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
MIN_BYTES, MAX_BYTES = 2048, 6144
PER_DIR = 1000

# Language of each seed, from fixtures/SEEDS.md (the pair files carry it in their name).
SEED_LANG = {"000": "sv", "001": "nb", "002": "sv", "003": "da", "004": "sv"}


def sources(repo: Path) -> list[tuple[str, list[str]]]:
    """(language, non-empty lines) of every source file, in sorted path order."""
    out = []
    files = sorted((repo / "fixtures/pairs/test").glob("*.ocr.txt")) + sorted(
        (repo / "fixtures/seeds").glob("*.txt")
    )
    for p in files:
        name = p.name
        lang = SEED_LANG[name[:3]] if p.parent.name == "seeds" else name.split("-", 1)[0]
        lines = [l for l in p.read_text(encoding="utf-8").splitlines() if l.strip()]
        if lines:
            out.append((lang, lines))
    if not out:
        sys.exit("gen_docs.py: no source files under fixtures/")
    return out


def document(rng: random.Random, srcs, by_lang) -> str:
    target = rng.randint(MIN_BYTES, MAX_BYTES)
    lang, main = srcs[rng.randrange(len(srcs))]
    others = by_lang[lang]
    out: list[str] = []
    size = 0
    stalls = 0
    while stalls < 8:
        lines = main if rng.random() < 0.75 else others[rng.randrange(len(others))]
        start = rng.randrange(len(lines))
        run = lines[start : start + rng.randint(2, 12)]
        digits = None
        if rng.random() < 0.25:
            perm = list("0123456789")
            rng.shuffle(perm)
            digits = str.maketrans("0123456789", "".join(perm))
        added = False
        for line in run:
            if digits:
                line = line.translate(digits)
            n = len(line.encode("utf-8")) + 1
            if size + n > target:
                break
            out.append(line)
            size += n
            added = True
        # Stop once near the target: a few draws in a row that add nothing.
        stalls = 0 if added else stalls + 1
        if size >= MIN_BYTES and target - size < 80:
            break
    if size < MIN_BYTES:  # rare: long lines near the end; pad with short lines of the main file
        for line in sorted(main, key=len):
            n = len(line.encode("utf-8")) + 1
            if size >= MIN_BYTES or size + n > MAX_BYTES:
                break
            out.append(line)
            size += n
    return "\n".join(out) + "\n"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--count", type=int, default=10_000)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()

    srcs = sources(REPO)
    by_lang: dict[str, list[list[str]]] = {}
    for lang, lines in srcs:
        by_lang.setdefault(lang, []).append(lines)
    rng = random.Random(args.seed)
    total = 0
    for i in range(args.count):
        d = args.out / f"d{i // PER_DIR:03d}"
        if i % PER_DIR == 0:
            d.mkdir(parents=True, exist_ok=True)
        data = document(rng, srcs, by_lang).encode("utf-8")
        (d / f"{i:06d}.txt").write_bytes(data)
        total += len(data)
    print(f"gen_docs.py: {args.count} documents, {total} bytes in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
