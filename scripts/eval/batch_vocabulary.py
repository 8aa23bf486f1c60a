#!/usr/bin/env python3
"""Measures batch evidence: would words other documents of a batch print intact help restore?

The restore issue asks that words seen intact elsewhere in the document or the batch win
ties. The document half is in restore (`seen_intact`, `docwords`); the batch half cannot be
measured on the pairs directly, because the English OCR model prints no å ä ö æ ø at all, so no
damaged text of a batch shows a word intact. What can be measured is the case of an archive
whose batch mixes scans with born-digital documents: for each document of a pair split, the
gold texts of the split's *other* documents of the same language stand in for the clean part of
the batch. Their words with the language's own special letters that the lists lack (names,
places, local terms; capitalised where printed so) become a word list for `--dict`, and the
document's pairs are evaluated with and without it. Leave one out: a document never sees its
own gold text.

Usage (from the repo root, after `cargo build --release`):
    python3 scripts/eval/batch_vocabulary.py fixtures/pairs/train [ZIPF]

(`RENSA=path/to/rensa` runs another build.)

ZIPF is the frequency given to each word of the list (default 3.0, what `--dict` gives a word
without one). Prints each document whose fixed or broken count moved, then the totals.
"""
import collections, glob, json, os, re, shutil, subprocess, sys, tempfile

RENSA = os.environ.get('RENSA', './target/release/rensa')
SPECIAL = {'sv': 'åäöÅÄÖ', 'nb': 'åæøÅÆØ', 'nn': 'åæøÅÆØ', 'da': 'åæøÅÆØ'}


def main():
    root = sys.argv[1]
    zipf = sys.argv[2] if len(sys.argv) > 2 else '3.0'
    docs = collections.defaultdict(list)  # document -> its pair names (both variants)
    for g in sorted(glob.glob(f'{root}/*.gold.txt')):
        name = os.path.basename(g)[:-len('.gold.txt')]
        docs[re.sub(r'-eng(-noisy)?$', '', name)].append(name)
    lang = lambda d: d[:2]
    words = {}
    for d, names in docs.items():
        text = open(f'{root}/{names[0]}.gold.txt', encoding='utf-8').read()
        words[d] = collections.Counter(
            w for w in re.findall(r'[^\W\d_]+(?:-[^\W\d_]+)*', text)
            if any(c in SPECIAL[lang(d)] for c in w) and not w.isupper())
    known = {}
    for d, c in words.items():
        for w in c:
            key = (lang(d), w.lower())
            if key not in known:
                out = subprocess.run([RENSA, 'explain', '--lang', key[0], key[1]],
                                     capture_output=True, text=True, check=True).stdout
                known[key] = '(known)' in out.split('\n')[0]
    total = collections.Counter()
    with tempfile.TemporaryDirectory() as tmp:
        pairs, dict_path = os.path.join(tmp, 'pairs'), os.path.join(tmp, 'batch.txt')
        for d, names in docs.items():
            forms = {}
            for e, c in words.items():
                if e == d or lang(e) != lang(d):
                    continue
                for w in c:
                    k = w.lower()
                    if not known[(lang(d), k)] and (k not in forms or w[0].isupper()):
                        forms[k] = w
            with open(dict_path, 'w', encoding='utf-8') as f:
                f.writelines(f'{forms[k]}\t{zipf}\n' for k in sorted(forms))
            shutil.rmtree(pairs, ignore_errors=True)
            os.makedirs(pairs)
            for n in names:
                for kind in ('gold', 'ocr'):
                    shutil.copy(f'{root}/{n}.{kind}.txt', pairs)
            run = lambda extra: json.loads(subprocess.run(
                [RENSA, 'eval', '--pairs', pairs, '--json', *extra],
                capture_output=True, text=True, check=True).stdout)['summary']
            before, after = run([]), run(['--dict', dict_path])
            for k in ('fixed', 'broken'):
                total[k + ' without'] += before[k]
                total[k + ' with'] += after[k]
            total['listed words'] += len(forms)
            if (before['fixed'], before['broken']) != (after['fixed'], after['broken']):
                print(f"{d}: {len(forms)} words; fixed {before['fixed']} -> {after['fixed']},"
                      f" broken {before['broken']} -> {after['broken']}")
    print(root, 'zipf', zipf, dict(total))


if __name__ == '__main__':
    main()
