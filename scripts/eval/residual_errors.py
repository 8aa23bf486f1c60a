#!/usr/bin/env python3
"""Classifies the word errors rensa leaves in a folder of NAME.ocr.txt / NAME.gold.txt pairs.

Usage (from the repo root, after `cargo build --release`):
    python3 scripts/eval/residual_errors.py fixtures/pairs/dev
    python3 scripts/eval/residual_errors.py --counts fixtures/pairs/test

`--counts` prints the counts only, no examples: use it on the held-out test split, whose
words should not be read while the model is tuned. `rensa eval` itself prints the errors left
by kind (`errors left`, see crates/eval/src/residue.rs), counted per aligned word; this script
is for the examples behind them.

Categories, per gold word aligned one-to-one with a cleaned word:
  diacritic-left  the words differ only in å ä ö æ ø é (what restore is for);
  punct           the words differ only in surrounding punctuation;
  dash            the words differ only in the kind of dash (`2027-2030` for `2027–2030`);
  other           any other damage (letters, symbols);
and split/merge for gold spans that did not align one-to-one (split or joined words).
"""
import difflib,sys,glob,os,subprocess,unicodedata,collections
args=[a for a in sys.argv[1:] if a!='--counts']; counts_only='--counts' in sys.argv[1:]
d=args[0]
fold=lambda s: s.translate(str.maketrans('åäæöøéÅÄÆÖØÉ','aaaooeAAAOOE'))
dash=lambda s: s.replace('–','-').replace('—','-')
cnt=collections.Counter(); ex=collections.defaultdict(list)
for o in sorted(glob.glob(d+'/*.ocr.txt')):
    g=o.replace('.ocr.txt','.gold.txt')
    c=subprocess.run(['./target/release/rensa','clean',o],capture_output=True,text=True).stdout
    G=open(g).read().split(); C=c.split(); O=open(o).read().split()
    sm=difflib.SequenceMatcher(a=G,b=C,autojunk=False)
    for op,a1,a2,b1,b2 in sm.get_opcodes():
        if op=='equal': continue
        if op=='replace' and a2-a1==b2-b1:
            for x,y in zip(G[a1:a2],C[b1:b2]):
                strip=lambda s: s.strip('.,:;!?()"”“«»')
                if strip(x)==strip(y): k='punct'
                elif fold(x)==fold(y) or fold(x).lower()==fold(y).lower(): k='diacritic-left'
                elif dash(x)==dash(y): k='dash'
                else: k='other'
                cnt[k]+=1; ex[k].append(f'{x}->{y}')
        else:
            cnt['split/merge']+=1; ex['split/merge'].append(f'{G[a1:a2]}->{C[b1:b2]}')
print(cnt)
if not counts_only:
    for k in ex: print(k, ex[k][:60])
