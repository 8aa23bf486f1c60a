#!/usr/bin/env python3
"""Does `rensa run` stay linear in the length of ONE document?

Batches of ordinary pages never show a cost that grows with the square of a document's
length (every date compared with every other date, every contact with every contact): a page
has a handful of each. A long file has thousands, and an archive does hold long files (a
year's minutes scanned as one text, an exported contact list). This script builds one
document of each shape at two sizes, N and 4N units, runs `rensa run` on each, and prints
the times and their ratio: about 4 is linear, 16 quadratic. It flags a ratio above 6.

    cargo build --release -p rensa
    python3 benches/scaling/long_docs.py            # N = 4,000 units
    python3 benches/scaling/long_docs.py --n 1000   # quicker

Shapes (generated, deterministic): the train split's OCR texts joined (repeated as needed),
a contact list (name, address, phone), a meeting calendar (weekday, date, clock range), an
agenda (numbered items with decisions), a protocol of decisions with deadlines and addresses,
an attendee list, and a page of web addresses.
Each time is the best of three runs. Exit status 1 if any shape is flagged.
"""
import argparse
import glob
import os
import random
import subprocess
import sys
import tempfile
import time

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def ocr(n, rng):
    texts = [open(f, encoding="utf-8").read()
             for f in sorted(glob.glob(os.path.join(REPO, "fixtures/pairs/train/*.ocr.txt")))]
    out, i = [], 0
    while len(out) < n:
        out.extend(texts[i % len(texts)].splitlines()[:40])
        i += 1
    return out[:n]


def contacts(n, rng):
    return [f"Kontakt: Anna Berg{i}, anna.berg{i}@kommun.se, tel. 070-{rng.randint(1000000, 9999999)}."
            for i in range(n)]


def calendar(n, rng):
    days = ["Måndag", "Tisdag", "Onsdag", "Torsdag"]
    months = ["januari", "februari", "mars", "april", "maj", "juni"]
    bodies = ["Kommunstyrelsen", "Barn- och utbildningsnämnden", "Tekniska nämnden"]
    return ["Sammanträdesplan 2025", ""] + [
        f"{rng.choice(days)} {rng.randint(1, 28)} {rng.choice(months)} kl. "
        f"{rng.randint(8, 15)}.00–{rng.randint(16, 21)}.30 {rng.choice(bodies)}" for _ in range(n)]


def agenda(n, rng):
    out = ["Dagordning Kommunstyrelsen", "Datum: 12 mars 2025", ""]
    for i in range(1, n // 3 + 1):
        out += [f"§ {i} Detaljplan för kvarteret Eken {i}",
                f"Beslut: Kommunstyrelsen beslutar att godkänna förslaget i ärende {i}.", ""]
    return out


def decisions(n, rng):
    out = ["Protokoll", "Datum: 3 mars 2025", ""]
    for i in range(n // 3):
        out += [f"§ {i} Ärende {i}",
                f"Beslut: Nämnden beslutar att bifalla ansökan {i}. Anmälan senast den "
                f"{rng.randint(1, 28)} april 2025 till anna{i}@kommun.se.", ""]
    return out


def attendees(n, rng):
    given = ["Anna", "Per", "Karin", "Lars", "Eva", "Johan", "Maria", "Erik"]
    surnames = ["Berg", "Lind", "Holm", "Ek", "Sund", "Dahl", "Strand", "Nyberg"]
    parties = ["S", "M", "C", "V", "L", "KD", "MP", "SD"]
    return ["Protokoll, Kommunstyrelsen", "Datum: 12 mars 2025", "", "Närvarande ledamöter:"] + [
        f"{rng.choice(given)} {rng.choice(surnames)}{i} ({rng.choice(parties)}), ledamot"
        for i in range(n)]


def urls(n, rng):
    return [f"Se https://www.kommun.se/arende/{i}/ och www.kommun.se/protokoll/{rng.randint(0, n)}."
            for i in range(n)]


SHAPES = [("ocr", ocr), ("contacts", contacts), ("calendar", calendar), ("agenda", agenda),
          ("decisions", decisions), ("attendees", attendees), ("urls", urls)]


def best_of_three(rensa, path, out):
    best = None
    for _ in range(3):
        t = time.perf_counter()
        r = subprocess.run([rensa, "run", "-q", path, "-o", out], capture_output=True, text=True)
        dt = time.perf_counter() - t
        if r.returncode != 0:
            sys.exit(f"long_docs.py: rensa run {path} exited {r.returncode}: {r.stderr.strip()}")
        best = dt if best is None else min(best, dt)
    return best


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, default=4000, help="units (lines, contacts, …) of the small document")
    ap.add_argument("--rensa", default=os.path.join(REPO, "target/release/rensa"))
    args = ap.parse_args()
    if not os.access(args.rensa, os.X_OK):
        sys.exit(f"long_docs.py: {args.rensa}: not found (cargo build --release -p rensa)")
    flagged = 0
    print(f"{'shape':<10} {'small':>10} {'time':>8} {'large':>10} {'time':>8} {'ratio':>6}")
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "out.jsonl")
        for name, make in SHAPES:
            row = []
            for n in (args.n, 4 * args.n):
                path = os.path.join(tmp, f"{name}-{n}.txt")
                with open(path, "w", encoding="utf-8") as f:
                    f.write("\n".join(make(n, random.Random(1))) + "\n")
                row.append((os.path.getsize(path), best_of_three(args.rensa, path, out)))
            ratio = row[1][1] / max(row[0][1], 1e-3)
            flag = ratio > 6
            flagged += flag
            print(f"{name:<10} {row[0][0]:>9}B {row[0][1]:>7.3f}s {row[1][0]:>9}B {row[1][1]:>7.3f}s "
                  f"{ratio:>6.1f}{'  <- superlinear' if flag else ''}")
    return 1 if flagged else 0


if __name__ == "__main__":
    sys.exit(main())
