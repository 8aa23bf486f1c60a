#!/usr/bin/env python3
"""Compares two builds of rensa record by record: which documents a change touches, and how.

A rule change is measured on the pair splits (`rensa eval`), but the splits are a few
hundred documents of one kind. Before a change lands, every other text at hand should be
read through both builds and every differing edit looked at: a refactor must change nothing,
a rule must change only what it is for. This runs `rensa run` with the old and the new build
over the same inputs, once with the damage prior the cleaner estimates and once with
`--damage-prior 0.8` (what restore would do to a page it believed badly damaged: the
harshest test of "a correct word is never fixed"), and prints each record whose edits differ,
with the edits only one build made and the input text around each (`⟦` marks the edit's
start, `⏎` a line end; offsets are bytes, so a non-UTF-8 input shows its bytes decoded).

`--salad N` adds N word salads: texts of 20 to 400 tokens drawn, with a fixed seed, from the
tokens of the inputs' `.txt` files and shuffled across documents and languages (a Norwegian
line beside a Swedish name, a clock time inside a sentence). Real text never looks like that,
which is the point: rules meet neighbours their authors did not think of.

Usage (from the repo root):
    python3 scripts/eval/compare_runs.py OLD_RENSA NEW_RENSA [--salad N] [--seed S] DIR...

Example, a change against the build of main:
    git stash; cargo build --release; cp target/release/rensa /tmp/rensa-old; git stash pop
    cargo build --release
    python3 scripts/eval/compare_runs.py /tmp/rensa-old target/release/rensa --salad 3000 \\
        fixtures/pairs fixtures/seeds fixtures/fields-test

Prints one block per differing record, then a summary line per prior. Exit status: 0 when
every record is the same, 1 when some differ (that is the report, not a failure), 2 on a
usage error or when a build fails to run.
"""
import argparse, glob, json, os, random, subprocess, sys, tempfile


def salad(dirs, n, seed, out):
    """Writes `n` word salads of the inputs' tokens into folder `out`."""
    tokens = []
    for d in dirs:
        paths = [d] if os.path.isfile(d) else sorted(glob.glob(f'{d}/**/*.txt', recursive=True))
        for p in paths:
            with open(p, encoding='utf-8', errors='replace') as f:
                tokens.extend(f.read().split())
    if not tokens:
        sys.exit('compare_runs: no tokens to make salads of')
    rng = random.Random(seed)
    for i in range(n):
        words = [rng.choice(tokens) for _ in range(rng.randint(20, 400))]
        lines, line = [], []
        for w in words:
            line.append(w)
            if rng.random() < 0.12:
                lines.append(' '.join(line))
                line = []
        lines.append(' '.join(line))
        with open(f'{out}/salad-{i:05}.txt', 'w', encoding='utf-8') as f:
            f.write('\n'.join(lines) + '\n')


def records(rensa, inputs, prior, tmp, tag):
    """`rensa run` over `inputs`: the records by source, without timings."""
    out = f'{tmp}/{tag}.jsonl'
    cmd = [rensa, 'run', *inputs, '-o', out, '-q']
    if prior is not None:
        cmd += ['--damage-prior', str(prior)]
    r = subprocess.run(cmd, capture_output=True, text=True)
    if r.returncode not in (0, 1) or not os.path.exists(out):
        sys.exit(f'compare_runs: {rensa} failed ({r.returncode}): {r.stderr.strip()[:500]}')
    by = {}
    with open(out, encoding='utf-8') as f:
        for line in f:
            rec = json.loads(line)
            rec.pop('timing', None)
            by[rec.get('source')] = rec
    return by


def source_text(path):
    """The input's bytes (edit offsets count bytes of the decoded text, which for UTF-8
    input are these), or None where it cannot be read."""
    try:
        with open(path, 'rb') as f:
            return f.read()
    except (OSError, TypeError):
        return None


def around(page, edit, width=30):
    """The text around an edit, so a differing edit can be judged without opening the file."""
    start = edit[0]
    if page is None or not isinstance(start, int):
        return ''
    left = page[max(0, start - width):start].decode('utf-8', 'replace')
    right = page[start:start + width].decode('utf-8', 'replace')
    return '| ' + (left + '⟦' + right).replace('\n', '⏎')


def edit_set(rec):
    return {(e.get('start'), e.get('from'), e.get('to'), e.get('rule')) for e in rec.get('edits') or []}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('old')
    ap.add_argument('new')
    ap.add_argument('inputs', nargs='+', help='files or folders rensa run reads')
    ap.add_argument('--salad', type=int, default=0, help='also this many word salads')
    ap.add_argument('--seed', type=int, default=1)
    a = ap.parse_args()
    differ = 0
    with tempfile.TemporaryDirectory() as tmp:
        inputs = list(a.inputs)
        if a.salad:
            os.makedirs(f'{tmp}/salad')
            salad(a.inputs, a.salad, a.seed, f'{tmp}/salad')
            inputs.append(f'{tmp}/salad')
        for prior in (None, 0.8):
            name = 'estimated prior' if prior is None else f'--damage-prior {prior}'
            old = records(a.old, inputs, prior, tmp, 'old')
            new = records(a.new, inputs, prior, tmp, 'new')
            n = 0
            for src in sorted(set(old) | set(new)):
                o, w = old.get(src), new.get(src)
                if o == w:
                    continue
                n += 1
                print(f'[{name}] {src}')
                if o is None or w is None:
                    print('  only in the', 'new' if o is None else 'old', 'run')
                    continue
                eo, ew = edit_set(o), edit_set(w)
                page = source_text(src)
                for e in sorted(eo - ew, key=str):
                    print('  old only:', e, around(page, e))
                for e in sorted(ew - eo, key=str):
                    print('  new only:', e, around(page, e))
                if eo == ew:
                    keys = sorted(k for k in set(o) | set(w) if o.get(k) != w.get(k))
                    print('  same edits; differs in', ', '.join(keys),
                          '(confidences)' if keys == ['edits'] else '')
            print(f'{name}: {len(old)} records, {n} differ')
            differ += n
    sys.exit(1 if differ else 0)


if __name__ == '__main__':
    main()
