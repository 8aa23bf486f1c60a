#!/usr/bin/env python3
"""Count how often the meeting texts use each word: restore's domain frequencies.

    python3 scripts/ocr-pairs/domain_counts.py [--splits dev,train] [--min 2]
        [--out crates/restore/data/domain.tsv]

The general word lists count words in web text, subtitles and books, where `vågar` (dares)
is commoner than `vägar` (roads) and `strammes` as common as `strømmes`; minutes, agendas
and invitations of a municipality talk of roads, streaming and delegated decisions. Restore
reads a damaged word with the reading the lists find likeliest, so it wants the genre's
frequencies too. This counts the lowercase words of the truth texts of the dev and train
pairs (the splits the confusion model is estimated from; test, fresh and the others stay
held out), each text once (a pair's plain and noisy variants share one truth), per
language.

Only lowercase tokens count: the truth texts' names of people and places are made up for
each document, and a capitalised word is counted where it is also written in lowercase
elsewhere. A word needs `--min` occurrences (default 2) in its language.

Output: `#total<TAB>lang<TAB>words` lines (the number of lowercase and capitalised word
tokens counted per language), then `lang<TAB>word<TAB>count`, sorted. Written for rensa
(MIT OR Apache-2.0), from the repository's own truth texts.
"""
import argparse
import hashlib
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--splits', default='dev,train')
    ap.add_argument('--min', type=int, default=2)
    ap.add_argument('--out', default=str(ROOT / 'crates/restore/data/domain.tsv'))
    a = ap.parse_args()
    held_out = set(a.splits.split(',')) - {'dev', 'train'}
    if held_out:
        sys.exit(f'domain_counts: {sorted(held_out)} are held out; count dev and train only')
    counts: dict[str, Counter] = {}
    totals: Counter = Counter()
    seen = set()
    for split in a.splits.split(','):
        for gold in sorted((ROOT / 'fixtures/pairs' / split).glob('*.gold.txt')):
            text = gold.read_text(encoding='utf-8')
            digest = hashlib.sha256(text.encode()).hexdigest()
            if digest in seen:
                continue
            seen.add(digest)
            lang = gold.name[:2]
            if lang not in ('sv', 'nb', 'nn', 'da'):
                sys.exit(f'domain_counts: no language prefix on {gold.name}')
            c = counts.setdefault(lang, Counter())
            for m in WORD.finditer(text):
                w = m.group(0)
                totals[lang] += 1
                if w == w.lower():
                    c[w] += 1
    lines = [
        '# Lowercase words of the dev and train truth texts with their counts, per language, for',
        "# restore's genre frequencies (crates/restore/src/domain.rs). Built by",
        '# scripts/ocr-pairs/domain_counts.py from the repository\'s own truth texts; written for',
        '# rensa (MIT OR Apache-2.0). `#total` lines: word tokens counted per language.',
    ]
    lines += [f'#total\t{lang}\t{totals[lang]}' for lang in sorted(totals)]
    for lang in sorted(counts):
        for w, n in sorted(counts[lang].items()):
            if n >= a.min:
                lines.append(f'{lang}\t{w}\t{n}')
    Path(a.out).write_text('\n'.join(lines) + '\n', encoding='utf-8')
    kept = len(lines) - len(totals) - 4
    print(f'domain_counts: {len(seen)} truth texts, {dict(totals)} words, {kept} entries -> {a.out}')


if __name__ == '__main__':
    main()
