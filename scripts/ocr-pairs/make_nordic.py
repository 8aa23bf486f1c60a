#!/usr/bin/env python3
"""Pairs OCR'd with the wrong *Nordic* model: Danish and Norwegian pages read by Tesseract's
Swedish model, Swedish pages by its Danish model.

The other splits measure the damage of the English model, which prints no å ä ö æ ø at all.
An archive that OCR'd everything with its own country's model gets another damage: the
Swedish model reads `æ` and `ø` as the Swedish letters it knows (`Holbäk`, `möde`), the
Danish model reads `ä` and `ö` as `æ` and `ø`. Those letters are the language's neighbour's,
not lost ones, and nothing in the confusion model (estimated on English-model damage) has
seen them. This split measures how rensa does on that damage; it is held out like `fresh2`,
whose documents it reuses (never tune restore on it).

    python3 scripts/ocr-pairs/make_nordic.py            # only missing pairs
    python3 scripts/ocr-pairs/make_nordic.py --force    # redo everything

Inputs : the documents of make_pairs.FRESH2_SETS (fixtures/fields-test19 ... 21)
Outputs: fixtures/pairs/nordic/<lang>-<set>-<name>-<model>.{ocr,gold}.txt
Rendering, fonts, wrapping and pagination are make_pairs.py's (clean renders, no noise);
deterministic like it.
"""
import argparse
import os
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import make_pairs as mp  # noqa: E402

# The wrong Nordic model for each language: its neighbour's.
MODEL = {"sv": "dan", "nb": "swe", "nn": "swe", "da": "swe"}
OUT = mp.PAIRS / "nordic"


def ensure_models():
    """Tesseract's Swedish and Danish models (Debian packages), besides make_pairs' needs."""
    mp.ensure_deps()
    have = subprocess.run(["tesseract", "--list-langs"], capture_output=True, text=True).stdout
    need = [f"tesseract-ocr-{m}" for m in ("swe", "dan") if m not in have.split()]
    if need:
        sudo = [] if os.geteuid() == 0 else ["sudo"]
        subprocess.run(sudo + ["apt-get", "install", "-y"] + need, check=True)


def make(lang, name, src, force, work, out):
    """One pair: make_pairs' rendering, read with the language's neighbour's model."""
    model = MODEL[lang]
    job = ("nordic", lang, name, src, mp.font_for(lang, name, []))
    return mp.make_pair(job, model, force, work, model=model, out_dir=out)


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--force", action="store_true", help="regenerate existing pairs")
    ap.add_argument("--workdir", default="/tmp/rensa-ocr-nordic", help="where page PNGs go")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--train", metavar="DIR",
                    help="OCR the train split's documents (make_pairs.TRAIN_SETS) into DIR "
                         "instead, for estimating the confusions of this damage")
    args = ap.parse_args()
    ensure_models()
    work = Path(args.workdir)
    work.mkdir(parents=True, exist_ok=True)
    out = Path(args.train) if args.train else OUT
    out.mkdir(parents=True, exist_ok=True)
    todo = mp.train_sources() if args.train else mp.train_sources(mp.FRESH2_SETS)
    from concurrent.futures import ThreadPoolExecutor
    with ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        for line in pool.map(lambda j: make(j[0], j[1], j[2], args.force, work, out), todo):
            print(line, flush=True)


if __name__ == "__main__":
    main()
